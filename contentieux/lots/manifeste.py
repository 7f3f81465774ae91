"""Le manifeste d'un lot (``manifeste.jsonl``) et l'écriture atomique des fichiers produits.

Une ligne JSON par dossier de l'entrée. Chaque ligne est ajoutée **après** que les fichiers du
dossier ont été écrits (fichier temporaire dans le même répertoire, ``fsync``, ``os.replace``,
``fsync`` du répertoire), puis vidée et synchronisée (``flush`` + ``fsync``) : une ligne « ok »
garantit des fichiers complets. Un arrêt brutal (SIGKILL, coupure) peut laisser une dernière ligne
tronquée : elle est ignorée à la reprise, et le manifeste est **compacté** (une ligne par dossier,
la plus récente) au début et à la fin de chaque exécution, par remplacement atomique.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from contentieux.ecriture import ecrire_atomique as ecrire_atomique
from contentieux.ecriture import fichier_atomique, nom_sur
from contentieux.ecriture import nettoyer_temporaires as nettoyer_temporaires
from contentieux.ecriture import synchroniser_repertoire as synchroniser_repertoire
from contentieux.erreurs import LotInterrompu

NOM_MANIFESTE = "manifeste.jsonl"
VERSION_MANIFESTE = 1
_NOMS_RESERVES = frozenset({NOM_MANIFESTE, ".verrou"})


def nom_de_dossier(cle: str) -> str:
    """Nom de répertoire sûr pour un dossier (référence nettoyée, suffixe si modifiée) :
    :func:`contentieux.ecriture.nom_sur`, injectif (deux clés, deux répertoires).

    >>> nom_de_dossier("LOT-0001")
    'LOT-0001'
    >>> nom_de_dossier("manifeste.jsonl")
    'manifeste.jsonl-...'
    >>> nom_de_dossier("../FAC 2025/01")
    '_._FAC_2025_01-...'
    >>> nom_de_dossier(nom_de_dossier("a/b")) != nom_de_dossier("a/b")
    True
    """
    return nom_sur(cle, reserves=_NOMS_RESERVES)


@dataclass(frozen=True)
class Acquis:
    """Ce que la reprise retient d'un dossier déjà traité (peu de mémoire par dossier)."""

    statut: str
    empreinte_travail: str
    fichiers: tuple[tuple[str, int], ...]


def lire_lignes(chemin: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Les entrées lisibles du manifeste (numéro de ligne, entrée) ; les lignes tronquées par un
    arrêt brutal sont ignorées."""
    if not chemin.is_file():
        return
    with chemin.open("rb") as flux:
        for numero, brut in enumerate(flux, start=1):
            try:
                entree = json.loads(brut)
            except (json.JSONDecodeError, UnicodeDecodeError):
                continue
            if isinstance(entree, dict) and "cle" in entree and "statut" in entree:
                yield numero, entree


def _ouvrir_en_ajout(chemin: Path, mode: str) -> Any:
    """Ouvre ``chemin`` en ajout sans jamais suivre un lien symbolique posé à ce nom
    (``O_NOFOLLOW`` : un lien fait échouer l'ouverture au lieu d'écrire ailleurs)."""
    try:
        fd = os.open(chemin, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        raise LotInterrompu(
            f"{chemin} : ouverture impossible ({exc.strerror}) ; si c'est un lien symbolique, "
            "supprimez-le (le lot n'écrit jamais à travers un lien)",
            sortie=5,
        ) from None
    return os.fdopen(fd, mode)


class Manifeste:
    """Le manifeste d'un répertoire de sortie : lecture pour la reprise, ajout ligne à ligne."""

    def __init__(self, repertoire: Path) -> None:
        self.repertoire = repertoire
        self.chemin = repertoire / NOM_MANIFESTE
        self._flux: IO[bytes] | None = None
        self._verrou: IO[str] | None = None

    def compacter(self) -> None:
        """Réécrit le manifeste avec une ligne par dossier (la dernière), sans ligne tronquée.

        Deux passes en flux : seule la table « clé → numéro de sa dernière ligne » est en
        mémoire. Remplacement atomique (fichier temporaire, ``fsync``, ``os.replace``).
        """
        if not self.chemin.is_file():
            return
        derniere = {entree["cle"]: numero for numero, entree in lire_lignes(self.chemin)}
        garder = set(derniere.values())
        with fichier_atomique(self.chemin) as sortie, self.chemin.open("rb") as flux:
            for numero, brut in enumerate(flux, start=1):
                if numero in garder:
                    sortie.write(brut if brut.endswith(b"\n") else brut + b"\n")
        synchroniser_repertoire(self.repertoire)

    def acquis(self) -> dict[str, Acquis]:
        """Clé → ce que la reprise doit savoir du dernier traitement de chaque dossier."""
        table: dict[str, Acquis] = {}
        for _numero, entree in lire_lignes(self.chemin):
            table[entree["cle"]] = Acquis(
                statut=str(entree["statut"]),
                empreinte_travail=str(entree.get("empreinte_travail", "")),
                fichiers=tuple(
                    (str(f["chemin"]), int(f["octets"])) for f in entree.get("fichiers", ())
                ),
            )
        return table

    def est_acquis(self, acquis: Acquis | None, empreinte_travail: str) -> bool:
        """Vrai si le dossier est déjà fait : « ok », même travail, fichiers présents et entiers."""
        if acquis is None or acquis.statut != "ok" or acquis.empreinte_travail != empreinte_travail:
            return False
        for chemin, octets in acquis.fichiers:
            try:
                if (self.repertoire / chemin).stat().st_size != octets:
                    return False
            except OSError:
                return False
        return True

    def ouvrir(self) -> None:
        """Prend le verrou du répertoire, compacte le manifeste et l'ouvre en ajout.

        Le verrou (``flock`` sur ``.verrou``, libéré par le système si le processus meurt)
        empêche deux lots d'écrire en même temps dans le même répertoire.
        """
        import fcntl

        self._verrou = _ouvrir_en_ajout(self.repertoire / ".verrou", "a")
        try:
            fcntl.flock(self._verrou.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._verrou.close()
            self._verrou = None
            raise LotInterrompu(
                f"un autre lot écrit déjà dans {self.repertoire} ; attendez qu'il finisse ou "
                "choisissez un autre répertoire de sortie (-o)",
                sortie=5,
            ) from None
        self.compacter()
        self._flux = _ouvrir_en_ajout(self.chemin, "ab")

    def ajouter(self, entree: dict[str, Any]) -> None:
        """Ajoute une entrée : une ligne JSON, vidée et synchronisée sur disque."""
        if self._flux is None:
            raise RuntimeError("manifeste non ouvert")
        ligne = json.dumps(entree, ensure_ascii=False, sort_keys=False) + "\n"
        self._flux.write(ligne.encode("utf-8"))
        self._flux.flush()
        os.fsync(self._flux.fileno())

    def fermer(self) -> None:
        """Ferme le manifeste et le compacte."""
        if self._flux is not None:
            self._flux.close()
            self._flux = None
            self.compacter()
        if self._verrou is not None:
            self._verrou.close()  # libère le verrou
            self._verrou = None
