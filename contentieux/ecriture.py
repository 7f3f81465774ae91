"""Écriture des fichiers produits : toujours sous le dossier de sortie, atomique, sans lien suivi.

Toute commande qui écrit un fichier (``generer``, ``lot``, ``signer``, ``exemple``, rapports,
manifeste, surcouche des règles) passe par :func:`ecrire_atomique` ou :func:`fichier_atomique` :

- le contenu va d'abord dans un fichier temporaire créé par :func:`tempfile.mkstemp` dans le
  dossier cible (``O_CREAT | O_EXCL | O_NOFOLLOW``, nom aléatoire) : un lien symbolique posé
  d'avance au nom d'un fichier temporaire n'est jamais suivi ;
- ``fsync``, puis ``os.replace`` sur le nom final : jamais de fichier tronqué à ce nom, et un lien
  symbolique déjà présent à ce nom est remplacé, pas suivi ;
- en cas d'échec (disque plein, interruption), le fichier temporaire est supprimé.

Un nom de fichier qui vient des données (la référence d'un dossier) passe par :func:`nom_sur`, et
le chemin final par :func:`chemin_sous`, qui refuse tout ce qui ne se résout pas sous le dossier
de sortie (``../``, chemin absolu, dossier intermédiaire qui est un lien vers ailleurs).

>>> nom_sur("EX-B2B-2025-001")
'EX-B2B-2025-001'
>>> nom_sur("../../etc/passwd")  # doctest: +ELLIPSIS
'_._.._etc_passwd-...'
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from contentieux.erreurs import EcritureRefusee

SUFFIXE_TEMPORAIRE = ".tmp"
"""Suffixe des fichiers temporaires (« .nom.XXXXXX.tmp ») : :func:`nettoyer_temporaires`."""

_CARACTERE_NON_SUR = re.compile(r"[^A-Za-z0-9._-]")
_SUFFIXE_EMPREINTE = re.compile(r"-[0-9a-f]{10}$")
_LONGUEUR_NOM = 80


def nom_sur(texte: str, *, reserves: frozenset[str] = frozenset()) -> str:
    """Nom de fichier ou de dossier sûr tiré de ``texte`` (une référence de dossier).

    Lettres ASCII, chiffres, ``.``, ``_`` et ``-`` seulement, 80 caractères au plus, jamais
    caché (« . » initial) ni vide. Quand le nom diffère du texte, ou qu'il pourrait être
    confondu avec un nom ainsi modifié (il finit comme eux par « -» et dix chiffres
    hexadécimaux), ou qu'il est ``reserve``, on lui ajoute « - » et les dix premiers chiffres du
    SHA-256 du texte. Deux textes différents donnent donc deux noms différents : un nom gardé tel
    quel ne finit jamais par une empreinte, un nom modifié en finit toujours par celle de son
    texte.

    >>> nom_sur("LOT-0001"), nom_sur("a/b") == nom_sur("a_b")
    ('LOT-0001', False)
    >>> nom_sur(nom_sur("a/b")) == nom_sur("a/b")
    False
    """
    sur = _CARACTERE_NON_SUR.sub("_", texte)[:_LONGUEUR_NOM]
    if sur.startswith("."):
        sur = "_" + sur[1:]
    if sur != texte or not sur or sur in reserves or _SUFFIXE_EMPREINTE.search(sur):
        sur += "-" + hashlib.sha256(texte.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return sur


def chemin_sous(racine: Path, *parties: str) -> Path:
    """``racine / partie / …`` ; ``EcritureRefusee`` si une partie n'est pas un simple nom
    (séparateur, « .. », vide, caractère nul) ou si le dossier du fichier, liens symboliques
    résolus, n'est pas sous ``racine``.

    >>> chemin_sous(Path("/tmp/sortie"), "A_relance.pdf")
    PosixPath('/tmp/sortie/A_relance.pdf')
    >>> chemin_sous(Path("/tmp/sortie"), "../x.pdf")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    contentieux.erreurs.EcritureRefusee: nom de fichier « ../x.pdf » refusé : ...
    """
    for partie in parties:
        if not partie or partie in (".", "..") or "/" in partie or "\\" in partie or "\0" in partie:
            raise EcritureRefusee(
                f"nom de fichier « {partie} » refusé : un fichier produit s'écrit dans son "
                "dossier de sortie, sous un nom simple (ni « / », ni « .. ») ; corrigez la "
                "référence du dossier",
                sortie=5,
            )
    chemin = racine.joinpath(*parties)
    base = racine.resolve()
    parent = chemin.parent.resolve()
    if parent != base and base not in parent.parents:
        raise EcritureRefusee(
            f"{chemin} : le dossier de ce fichier mène hors du dossier de sortie {racine} (lien "
            "symbolique) ; supprimez le lien ou choisissez un autre dossier de sortie (-o)",
            sortie=5,
        )
    return chemin


@contextlib.contextmanager
def fichier_atomique(chemin: Path, *, mode: int = 0o644) -> Iterator[IO[bytes]]:
    """Ouvre un fichier temporaire à côté de ``chemin`` ; à la sortie sans erreur, ``fsync`` puis
    ``os.replace`` vers ``chemin``. Sur erreur (disque plein…), le temporaire est supprimé et
    ``chemin`` reste tel qu'il était. Le ``fsync`` du répertoire reste à l'appelant
    (:func:`synchroniser_repertoire`, une fois pour plusieurs fichiers)."""
    descripteur, temporaire = tempfile.mkstemp(
        prefix=f".{chemin.name}.", suffix=SUFFIXE_TEMPORAIRE, dir=chemin.parent
    )
    try:
        os.fchmod(descripteur, mode)
        with os.fdopen(descripteur, "wb") as flux:
            yield flux
            flux.flush()
            os.fsync(flux.fileno())
        os.replace(temporaire, chemin)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporaire)
        raise


def ecrire_atomique(chemin: Path, contenu: bytes, *, mode: int = 0o644) -> None:
    """Écrit ``contenu`` dans ``chemin`` sans jamais laisser de fichier tronqué à ce nom
    (:func:`fichier_atomique`)."""
    with fichier_atomique(chemin, mode=mode) as flux:
        flux.write(contenu)


def synchroniser_repertoire(repertoire: Path) -> None:
    """``fsync`` d'un répertoire : ses renommages survivent à une coupure."""
    fd = os.open(repertoire, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def nettoyer_temporaires(repertoire: Path) -> int:
    """Supprime les fichiers temporaires laissés par une exécution tuée ; leur nombre."""
    if not repertoire.is_dir():
        return 0
    supprimes = 0
    for chemin in repertoire.glob(f".*{SUFFIXE_TEMPORAIRE}"):
        with contextlib.suppress(FileNotFoundError):
            chemin.unlink()
            supprimes += 1
    return supprimes


__all__ = [
    "chemin_sous",
    "ecrire_atomique",
    "fichier_atomique",
    "nettoyer_temporaires",
    "nom_sur",
    "synchroniser_repertoire",
]
