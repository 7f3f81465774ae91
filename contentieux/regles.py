"""Règles datées : taux, montants et durées légales, chacun avec sa source (docs/conception.md §5).

Les fichiers ``regles/*.yaml`` décrivent des paramètres ; l'identifiant d'un paramètre est
``<fichier>.<clé>`` (par exemple ``interet_legal.autres``). Chaque valeur est datée et porte une
``reference`` qui renvoie à ``regles/sources.yaml``. Trois périodicités :

- ``semestrielle`` (taux de l'intérêt légal, CMF L313-2) : une valeur ne vaut que pour son
  semestre ; une date d'un semestre sans valeur lève ``RegleNonCouverte`` qui nomme le semestre
  (« 2026-S2 »).
- ``evenementielle`` (taux BCE) : une valeur vaut jusqu'au changement suivant, mais pas au-delà de
  ``verifie_jusqu_au`` (dernière date à laquelle on a vérifié l'absence de changement).
- ``permanente`` (40 €, durées) : vaut jusqu'à un changement daté ou une abrogation (``null``).

Une surcouche (dossier passé à ``charger_regles``, nommé par ``CONTENTIEUX_REGLES``, ou à défaut
le dossier personnel ``<user_data_dir>/contentieux/regles`` s'il existe) ajoute ou corrige des
valeurs sans toucher au paquet : mêmes noms de fichiers, mêmes clés. Elle est validée exactement
comme le paquet (unités, bornes de chaque unité, débuts de semestre, références résolues), ne
peut changer ni l'unité ni la périodicité d'un paramètre du paquet, ni réintituler une source du
paquet ; chaque erreur nomme le fichier fautif.

>>> import datetime as dt
>>> regles = charger_regles()
>>> regles.decimal("interet_legal.autres", au=dt.date(2026, 3, 1))
Decimal('2.62')
>>> semestre(dt.date(2026, 7, 1))
'2026-S2'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, Literal, get_args

import yaml
from pydantic import Field

from contentieux._yaml import YamlRefuse, charger_yaml_exact, message_yaml
from contentieux.erreurs import RegleMalFormee, RegleNonCouverte, ValeurManquante
from contentieux.modeles.base import Modele

Unite = Literal["pourcent", "points", "euros", "annees", "mois", "jours", "coefficient", "liste"]
Periodicite = Literal["semestrielle", "evenementielle", "permanente"]
ValeurBrute = Decimal | tuple[str, ...]

FICHIER_SOURCES: Final = "sources.yaml"
VARIABLE_SURCOUCHE: Final = "CONTENTIEUX_REGLES"
_CHAMPS_PARAMETRE: Final = frozenset(
    {
        "libelle",
        "unite",
        "periodicite",
        "fondement",
        "note",
        "verifie_jusqu_au",
        "verifie_reference",
        "valeurs",
    }
)
_CHAMPS_FIGES: Final = ("unite", "periodicite")
_CHAMPS_VALEUR: Final = frozenset({"valeur", "reference", "note"})
_CHAMPS_SOURCE: Final = frozenset({"titre", "url", "urls", "articles", "note"})
_CONSULTEES_MAX: Final = 200_000
TAILLE_FICHIER_MAX: Final = 2 * 1024 * 1024
"""Taille maximale d'un fichier de règles (octets)."""

BORNES: Final[dict[str, tuple[Decimal, Decimal]]] = {
    "pourcent": (Decimal(0), Decimal(100)),
    "points": (Decimal(0), Decimal(100)),
    "coefficient": (Decimal(0), Decimal(100)),
    "euros": (Decimal(0), Decimal(1_000_000_000)),
    "annees": (Decimal(0), Decimal(100)),
    "mois": (Decimal(0), Decimal(1_200)),
    "jours": (Decimal(0), Decimal(36_500)),
}
"""Bornes de chaque unité, appliquées au paquet comme aux surcouches : un taux est entre 0 et
100 %, une durée entre zéro et un siècle, un montant entre 0 et un milliard d'euros."""

_UNITES_ENTIERES: Final = frozenset({"annees", "mois", "jours"})


# --- semestres ----------------------------------------------------------------------------------


def debut_semestre(date: dt.date) -> dt.date:
    """Premier jour du semestre civil de ``date`` (1er janvier ou 1er juillet)."""
    return dt.date(date.year, 1 if date.month <= 6 else 7, 1)


def fin_semestre(date: dt.date) -> dt.date:
    """Dernier jour du semestre civil de ``date`` (30 juin ou 31 décembre)."""
    return dt.date(date.year, 6, 30) if date.month <= 6 else dt.date(date.year, 12, 31)


def semestre(date: dt.date) -> str:
    """Nom du semestre : ``AAAA-S1`` (janvier-juin) ou ``AAAA-S2`` (juillet-décembre)."""
    return f"{date.year}-S{1 if date.month <= 6 else 2}"


# --- modèles publics ----------------------------------------------------------------------------


class Source(Modele):
    """Texte ou page qui établit une valeur (clé de ``regles/sources.yaml``)."""

    cle: str
    titre: str
    urls: tuple[str, ...] = ()
    articles: str | None = None
    note: str | None = None


class ValeurRegle(Modele):
    """Valeur d'un paramètre en vigueur à une date, avec sa période et sa source."""

    identifiant: str = Field(description="« fichier.clé », par exemple « interet_legal.autres ».")
    libelle: str
    valeur: Decimal | tuple[str, ...]
    unite: Unite
    du: dt.date = Field(description="Premier jour où la valeur s'applique.")
    jusqu_au: dt.date | None = Field(
        description="Dernier jour où la valeur s'applique de façon certaine (None : sans terme)."
    )
    reference: str
    source: Source
    fondement: str


@dataclass(frozen=True, slots=True)
class ValeurDatee:
    """Une ligne ``date: {valeur, reference}`` d'un paramètre ; ``valeur`` None = abrogation."""

    du: dt.date
    valeur: ValeurBrute | None
    reference: str
    note: str | None = None
    fichier: str = ""
    """Le fichier d'où vient la valeur (paquet ou surcouche)."""


@dataclass(frozen=True, slots=True)
class Parametre:
    """Un paramètre et toutes ses valeurs datées, triées."""

    identifiant: str
    libelle: str
    unite: Unite
    periodicite: Periodicite
    fondement: str
    valeurs: tuple[ValeurDatee, ...]
    note: str | None = None
    verifie_jusqu_au: dt.date | None = None
    fichier: str = ""
    verifie_reference: str | None = None
    fichier_verification: str | None = None
    """Le fichier d'où vient ``verifie_jusqu_au`` (paquet ou surcouche)."""

    def semestres_couverts(self) -> list[str]:
        """Semestres ayant une valeur (paramètres semestriels)."""
        return [semestre(v.du) for v in self.valeurs if v.valeur is not None]


# --- le jeu de règles ---------------------------------------------------------------------------


class Regles:
    """Jeu de règles chargé (paquet + surcouche éventuelle). Immuable une fois construit."""

    def __init__(
        self,
        parametres: Mapping[str, Parametre],
        sources: Mapping[str, Source],
        dossiers: tuple[Path, ...],
        version: str,
        origine_surcouche: str | None = None,
    ) -> None:
        self._parametres = dict(parametres)
        self._sources = dict(sources)
        self.dossiers = dossiers
        self.version = version
        self.origine_surcouche = origine_surcouche
        # Valeurs déjà consultées (le jeu est immuable) : un calcul en série relit les mêmes.
        self._consultees: dict[tuple[str, dt.date], ValeurRegle] = {}

    def __repr__(self) -> str:
        return f"Regles({len(self._parametres)} paramètres, {self.version})"

    @property
    def surcouche(self) -> Path | None:
        """Le dossier de la surcouche appliquée, ou ``None`` (règles du paquet seules)."""
        return self.dossiers[-1] if len(self.dossiers) > 1 else None

    @property
    def description(self) -> str:
        """Quelles règles : version du paquet, empreinte, et la surcouche (chemin, d'où elle vient).

        C'est ce texte (``version``) que portent les résultats : un décompte calculé avec une
        surcouche le dit, avec le chemin du dossier et l'empreinte de son contenu.
        """
        return self.version

    def identifiants(self) -> list[str]:
        """Identifiants de tous les paramètres, triés."""
        return sorted(self._parametres)

    def parametre(self, identifiant: str) -> Parametre:
        """Le paramètre complet (métadonnées et historique)."""
        try:
            return self._parametres[identifiant]
        except KeyError:
            raise RegleNonCouverte(
                f"paramètre « {identifiant} » inconnu ; paramètres disponibles : "
                f"{', '.join(self.identifiants())}",
                identifiant=identifiant,
            ) from None

    def source(self, cle: str) -> Source:
        """La source d'une référence."""
        return self._sources[cle]

    def de_la_surcouche(self, fichier: str | None) -> Path | None:
        """Le fichier de surcouche d'où vient une valeur (``ValeurDatee.fichier``), ou ``None``
        si elle vient des règles du paquet."""
        if not fichier or self.surcouche is None:
            return None
        chemin = Path(fichier)
        return chemin if chemin.parent.resolve() != self.dossiers[0].resolve() else None

    def valeurs_surcouche(self, identifiant: str) -> list[ValeurDatee]:
        """Les valeurs datées d'un paramètre qui viennent de la surcouche."""
        return [
            v
            for v in self.parametre(identifiant).valeurs
            if self.de_la_surcouche(v.fichier) is not None
        ]

    def valeur(self, identifiant: str, *, au: dt.date) -> ValeurRegle:
        """Valeur en vigueur le jour ``au`` ; ``RegleNonCouverte`` si elle n'est pas connue."""
        trouvee = self._consultees.get((identifiant, au))
        if trouvee is None:
            trouvee = _valeur_au(self, self.parametre(identifiant), au)
            if len(self._consultees) >= _CONSULTEES_MAX:
                self._consultees.clear()
            self._consultees[identifiant, au] = trouvee
        return trouvee

    def decimal(self, identifiant: str, *, au: dt.date) -> Decimal:
        """Valeur numérique en vigueur le jour ``au``."""
        valeur = self.valeur(identifiant, au=au).valeur
        if not isinstance(valeur, Decimal):
            raise RegleMalFormee(f"« {identifiant} » est une liste, pas un nombre")
        return valeur

    def en_vigueur(self, *, au: dt.date) -> tuple[list[ValeurRegle], list[RegleNonCouverte]]:
        """Toutes les valeurs en vigueur à une date, et les paramètres non couverts ce jour-là."""
        valeurs: list[ValeurRegle] = []
        manquantes: list[RegleNonCouverte] = []
        for identifiant in self.identifiants():
            try:
                valeurs.append(self.valeur(identifiant, au=au))
            except RegleNonCouverte as erreur:
                manquantes.append(erreur)
        return valeurs, manquantes


# --- comment ajouter une valeur manquante ---------------------------------------------------
# Le texte des messages ``RegleNonCouverte`` ; la surcouche (``regles_surcouche``) s'en sert
# aussi pour son état des règles. Il vit ici, à côté de l'erreur, pour que ce module n'importe
# pas la surcouche qui l'importe.

_IDENTIFIANT_BCE: Final = "bce.taux_refinancement"
_REFERENCE_TYPE_IL: Final = (
    "Arrêté du JJ mois AAAA relatif à la fixation du taux de l'intérêt légal (JORF n° …, NOR …)"
)


def _option_regles(regles: Regles) -> str:
    if regles.origine_surcouche == "option --regles" and regles.surcouche is not None:
        return f" --regles {_guillemets(str(regles.surcouche))}"
    return ""


def _guillemets(texte: str) -> str:
    if re.fullmatch(r"[\w./:@%+=,-]+", texte):
        return texte
    return '"' + texte.replace('"', '\\"') + '"'


def commande_ajout(regles: Regles, parametre: Parametre, au: dt.date) -> str | None:
    """La commande qui ajoute la valeur de ``parametre`` au jour ``au`` (taux légal : le semestre ;
    BCE : le relevé du portail), ou ``None`` pour un paramètre sans commande."""
    option = _option_regles(regles)
    if parametre.identifiant.startswith("interet_legal.") and parametre.periodicite == (
        "semestrielle"
    ):
        return (
            f"contentieux regles ajouter interet_legal --semestre {semestre(au)} "
            f"--particuliers TAUX --autres TAUX --reference "
            f'"{_REFERENCE_TYPE_IL}" --url "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT…"'
            f"{option}"
        )
    if parametre.identifiant == _IDENTIFIANT_BCE:
        return f"contentieux regles actualiser --bce{option}"
    return None


def comment_ajouter(regles: Regles, parametre: Parametre, au: dt.date) -> str:
    """Le texte « comment ajouter la valeur manquante » des messages ``RegleNonCouverte`` : la
    commande, puis un extrait de surcouche complet (fichier de règles et ``sources.yaml``)."""
    dossier = regles.surcouche or dossier_surcouche_utilisateur()
    fichier, cle = parametre.identifiant.split(".", 1)
    commande = commande_ajout(regles, parametre, au)
    lignes = []
    if commande:
        lignes.append(f"Pour l'ajouter : {commande}")
        if parametre.periodicite == "semestrielle" and commande.startswith(
            "contentieux regles ajouter interet_legal"
        ):
            lignes.append(
                "  (ou, en ligne avec une clé Webstat de la Banque de France : contentieux regles "
                f"actualiser --taux-legal{_option_regles(regles)})"
            )
        if parametre.identifiant == _IDENTIFIANT_BCE:
            lignes.append(
                "  (ou, à la main : contentieux regles ajouter bce --date AAAA-MM-JJ --taux TAUX "
                '--reference "Communiqué de la BCE du …" ; puis contentieux regles ajouter bce '
                f'--verifie-jusqu-au {au.isoformat()} --reference "Vérification du …")'
            )
    debut = debut_semestre(au) if parametre.periodicite == "semestrielle" else au
    cle_source = f"ma-source-{fichier}-{debut.isoformat()}"
    extrait = [f"{dossier}/{fichier}.yaml :", f"  {cle}:"]
    if parametre.periodicite == "evenementielle":
        extrait.append(f"    verifie_jusqu_au: {au.isoformat()}")
        extrait.append(f"    verifie_reference: {cle_source}")
    extrait.append("    valeurs:")
    extrait.append(f"      {debut.isoformat()}: {{valeur: VALEUR, reference: {cle_source}}}")
    extrait.append(f"{dossier}/{FICHIER_SOURCES} :")
    extrait.append(f'  {cle_source}: {{titre: "TEXTE OFFICIEL", url: "https://…"}}')
    lignes.append(
        ("Ou écrivez" if commande else "Pour l'ajouter, écrivez")
        + " dans la surcouche (remplacez VALEUR et TEXTE OFFICIEL) :\n"
        + "\n".join(extrait)
    )
    return "\n".join(lignes)


def _non_couverte(
    regles: Regles, parametre: Parametre, au: dt.date, raison: str
) -> RegleNonCouverte:
    quand = f" ({semestre(au)})" if parametre.periodicite == "semestrielle" else ""
    fichier = parametre.identifiant.split(".", 1)[0]
    manquante = ValeurManquante(
        identifiant=parametre.identifiant,
        au=au.isoformat(),
        semestre=semestre(au),
        periodicite=parametre.periodicite,
        raison=raison,
        commande=commande_ajout(regles, parametre, au),
    )
    return RegleNonCouverte(
        f"{parametre.identifiant} ({parametre.libelle}) : aucune valeur connue au {au.isoformat()}"
        f"{quand} — {raison}.\n{comment_ajouter(regles, parametre, au)}",
        identifiant=parametre.identifiant,
        au=au,
        semestre=semestre(au),
        fichier=f"{fichier}.yaml",
        raison=raison,
        manquantes=[manquante],
    )


def non_couvertes_ensemble(erreurs: list[RegleNonCouverte]) -> RegleNonCouverte:
    """Une seule ``RegleNonCouverte`` pour toutes les valeurs qu'un calcul n'a pas trouvées.

    ``manquantes`` : une :class:`~contentieux.erreurs.ValeurManquante` par valeur (``identifiant``,
    ``au``, ``semestre``, ``raison``, ``commande`` : la commande qui l'ajoute ; ``pour`` : la
    première ligne du calcul qui l'a demandée, s'il y en a une), triées par date puis
    identifiant ; le
    message les liste de même, si bien qu'un seul passage les ajoute toutes. Une seule valeur
    manquante garde son message complet (commande et extrait de surcouche).
    """
    vues: dict[tuple[str, str], ValeurManquante] = {}
    for erreur in erreurs:
        for m in erreur.manquantes:
            periode = m.semestre if m.periodicite == "semestrielle" else m.au
            vues.setdefault((m.identifiant, periode), m)
    manquantes = sorted(vues.values(), key=lambda m: (m.au, m.identifiant))
    if len(erreurs) == 1 or len(manquantes) <= 1:
        premiere = erreurs[0]
        return premiere.precisee(premiere.message, manquantes=manquantes)
    lignes = [
        f"{len(manquantes)} valeurs légales manquent à ce calcul ; ajoutez-les toutes, puis "
        "relancez la même commande :"
    ]
    for m in manquantes:
        quand = (
            f"semestre {m.semestre}"
            if m.periodicite == "semestrielle"
            else f"au {m.au} (semestre {m.semestre})"
        )
        pour = f" (pour : {m.pour})" if m.pour else ""
        lignes.append(f"  - {m.identifiant}, {quand} : {m.raison}{pour}")
        if m.commande:
            lignes.append(f"      {m.commande}")
    lignes.append(
        "En ligne, « contentieux regles actualiser » relève d'un coup le taux de la BCE et, avec "
        "une clé Webstat, le taux de l'intérêt légal publié par la Banque de France."
    )
    premiere = erreurs[0]
    return RegleNonCouverte(
        "\n".join(lignes),
        identifiant=manquantes[0].identifiant,
        au=premiere.au,
        semestre=manquantes[0].semestre,
        raison=f"{len(manquantes)} valeurs manquantes",
        manquantes=manquantes,
    )


def _valeur_au(regles: Regles, parametre: Parametre, au: dt.date) -> ValeurRegle:
    precedentes = [v for v in parametre.valeurs if v.du <= au]
    if not precedentes:
        premiere = parametre.valeurs[0].du.isoformat()
        raise _non_couverte(regles, parametre, au, f"la première valeur connue date du {premiere}")
    courante = precedentes[-1]
    suivantes = parametre.valeurs[len(precedentes) :]
    fin: dt.date | None = suivantes[0].du - dt.timedelta(days=1) if suivantes else None
    if courante.valeur is None:
        raise _non_couverte(
            regles,
            parametre,
            au,
            f"règle abrogée ou annulée le {courante.du.isoformat()} ({courante.reference})",
        )
    if parametre.periodicite == "semestrielle":
        if debut_semestre(courante.du) != debut_semestre(au):
            raise _non_couverte(
                regles, parametre, au, f"le taux du semestre {semestre(au)} n'est pas transcrit"
            )
        fin = min(fin, fin_semestre(au)) if fin else fin_semestre(au)
    elif parametre.periodicite == "evenementielle" and parametre.verifie_jusqu_au:
        if au > parametre.verifie_jusqu_au:
            raise _non_couverte(
                regles,
                parametre,
                au,
                f"valeur vérifiée seulement jusqu'au {parametre.verifie_jusqu_au.isoformat()}",
            )
        fin = min(fin, parametre.verifie_jusqu_au) if fin else parametre.verifie_jusqu_au
    return ValeurRegle(
        identifiant=parametre.identifiant,
        libelle=parametre.libelle,
        valeur=courante.valeur,
        unite=parametre.unite,
        du=courante.du,
        jusqu_au=fin,
        reference=courante.reference,
        source=regles.source(courante.reference),
        fondement=parametre.fondement,
    )


# --- lecture des fichiers -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def dossier_regles_paquet() -> Path:
    """Le dossier ``regles/`` livré avec la bibliothèque (installé ou dans le dépôt)."""
    from contentieux.donnees import dossier_donnees

    return dossier_donnees("regles")


def _lire(fichier: Path) -> dict[str, Any]:
    """Un fichier de règles : fichier ordinaire, taille bornée, UTF-8, YAML sûr et sans doublon."""
    try:
        etat = fichier.stat()
        if not stat.S_ISREG(etat.st_mode):
            raise RegleMalFormee(
                f"{fichier} : n'est pas un fichier ordinaire (dossier, tube ou périphérique) ; "
                "une surcouche ne contient que des fichiers .yaml"
            )
        if etat.st_size > TAILLE_FICHIER_MAX:
            raise RegleMalFormee(
                f"{fichier} : fichier de {etat.st_size} octets, plus que les "
                f"{TAILLE_FICHIER_MAX} permis pour un fichier de règles"
            )
        with fichier.open("rb") as flux:
            octets = flux.read(TAILLE_FICHIER_MAX + 1)
    except OSError as erreur:
        raise RegleMalFormee(f"{fichier} : illisible ({erreur.strerror or erreur})") from None
    try:
        texte = octets.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RegleMalFormee(
            f"{fichier} : le fichier n'est pas encodé en UTF-8 (Latin-1 ?) ; enregistrez-le en "
            "UTF-8"
        ) from None
    try:
        contenu = charger_yaml_exact(texte)
    except YamlRefuse as erreur:
        raise RegleMalFormee(f"{fichier} : {erreur}") from None
    except yaml.YAMLError as erreur:
        raise RegleMalFormee(f"{fichier} : {message_yaml(erreur)}") from None
    except (ValueError, ArithmeticError) as erreur:
        raise RegleMalFormee(
            f"{fichier} : date ou nombre impossible ({_explication(erreur)}) ; écrivez les dates "
            "AAAA-MM-JJ (date existante) et les nombres avec un point (2.15)"
        ) from None
    if contenu is None:
        return {}
    if not isinstance(contenu, dict):
        raise RegleMalFormee(f"{fichier} : un dictionnaire de paramètres est attendu")
    for cle in contenu:
        if not isinstance(cle, str):
            raise RegleMalFormee(
                f"{fichier} : clé « {cle} » ({type(cle).__name__}) ; chaque clé de premier niveau "
                "est un nom (texte), par exemple « autres »"
            )
    return contenu


@lru_cache(maxsize=64)
def _lire_en_cache(fichier: Path, taille: int, date: int) -> dict[str, Any]:
    """``_lire`` indexé par taille et date de modification (ne pas modifier le résultat)."""
    return _lire(fichier)


def _lire_fige(fichier: Path) -> dict[str, Any]:
    try:
        etat = fichier.stat()
    except OSError:
        return _lire(fichier)
    if not stat.S_ISREG(etat.st_mode):
        return _lire(fichier)
    return _lire_en_cache(fichier, etat.st_size, etat.st_mtime_ns)


def _explication(erreur: Exception) -> str:
    texte = str(erreur)
    if "month must be in" in texte:
        return "mois hors de 1 à 12"
    if "day is out of range" in texte:
        return "jour inexistant dans ce mois"
    if isinstance(erreur, ArithmeticError):
        return "nombre non décimal"
    return "valeur illisible"


def _date(brute: Any, ou: str) -> dt.date:
    if isinstance(brute, dt.date) and not isinstance(brute, dt.datetime):
        return brute
    if isinstance(brute, str):
        try:
            return dt.date.fromisoformat(brute)
        except ValueError:
            pass
    raise RegleMalFormee(f"{ou} : date « {brute} » invalide, écrivez AAAA-MM-JJ") from None


def _texte(brute: Any, ou: str, champ: str, *, facultatif: bool = False) -> str | None:
    if brute is None and facultatif:
        return None
    if not isinstance(brute, str) or not brute.strip():
        raise RegleMalFormee(f"{ou} : « {champ} » doit être un texte non vide, trouvé « {brute} »")
    return brute


def _valeur(brute: Any, unite: str, ou: str) -> ValeurBrute | None:
    if brute is None:
        return None
    if unite == "liste":
        if not isinstance(brute, list) or not all(isinstance(x, str) for x in brute):
            raise RegleMalFormee(f"{ou} : une liste de textes est attendue pour l'unité « liste »")
        return tuple(brute)
    if isinstance(brute, bool) or not isinstance(brute, int | Decimal):
        raise RegleMalFormee(f"{ou} : nombre attendu, trouvé « {brute} »")
    valeur = Decimal(brute)
    minimum, maximum = BORNES[unite]
    if not valeur.is_finite() or not minimum <= valeur <= maximum:
        raise RegleMalFormee(
            f"{ou} : valeur {brute} hors des bornes de l'unité « {unite} » ({minimum} à "
            f"{maximum}) ; vérifiez le nombre (un taux s'écrit en pourcent : 2.15 pour 2,15 %)"
        )
    if unite in _UNITES_ENTIERES and valeur != valeur.to_integral_value():
        raise RegleMalFormee(f"{ou} : un nombre entier de {unite} est attendu, trouvé {brute}")
    return valeur


def _fusionner(
    brut: dict[str, dict[str, Any]],
    fichier: Path,
    contenu: dict[str, Any],
    *,
    surcouche: bool,
) -> None:
    """Ajoute le contenu d'un fichier de paramètres ; une surcouche remplace date par date."""
    for cle, definition in contenu.items():
        ou = f"{fichier}, « {cle} »"
        if not isinstance(definition, dict):
            raise RegleMalFormee(f"{ou} : un dictionnaire est attendu")
        inconnus = {str(c) for c in definition} - _CHAMPS_PARAMETRE
        if inconnus:
            raise RegleMalFormee(
                f"{ou} : champ(s) inconnu(s) {sorted(inconnus)} ; champs permis : "
                f"{sorted(_CHAMPS_PARAMETRE)}"
            )
        identifiant = f"{fichier.stem}.{cle}"
        existant = identifiant in brut
        cible = brut.setdefault(identifiant, {"valeurs": {}, "fichier": str(fichier)})
        if surcouche and existant:
            for champ in _CHAMPS_FIGES:
                if champ in definition and definition[champ] != cible.get(champ):
                    raise RegleMalFormee(
                        f"{ou} : une surcouche ne peut pas changer « {champ} » d'un paramètre du "
                        f"paquet ({cible.get(champ)} → {definition[champ]}) ; retirez ce champ "
                        "et n'ajoutez que des valeurs datées"
                    )
        for champ, valeur in definition.items():
            if champ == "valeurs":
                if not isinstance(valeur, dict):
                    raise RegleMalFormee(f"{ou} : « valeurs » doit être un dictionnaire daté")
                for jour, ligne in valeur.items():
                    cible["valeurs"][_date(jour, ou)] = (
                        ligne,
                        f"{fichier}, « {cle} », {jour}",
                        str(fichier),
                    )
            else:
                cible[champ] = valeur
                cible[f"_fichier_{champ}"] = str(fichier)


def _parametre(identifiant: str, brut: dict[str, Any], sources: Mapping[str, Source]) -> Parametre:
    ou = f"{brut['fichier']}, « {identifiant.split('.', 1)[1]} »"
    manquants = [c for c in ("libelle", "unite", "periodicite", "fondement") if c not in brut]
    if manquants:
        raise RegleMalFormee(f"{ou} : champ(s) obligatoire(s) absent(s) : {', '.join(manquants)}")
    if brut["unite"] not in get_args(Unite):
        raise RegleMalFormee(f"{ou} : unité « {brut['unite']} » inconnue ({get_args(Unite)})")
    if brut["periodicite"] not in get_args(Periodicite):
        raise RegleMalFormee(
            f"{ou} : périodicité « {brut['periodicite']} » inconnue ({get_args(Periodicite)})"
        )
    for champ in ("libelle", "fondement"):
        ou_champ = f"{brut.get(f'_fichier_{champ}', brut['fichier'])}, « {identifiant} »"
        _texte(brut[champ], ou_champ, champ)
    if not brut["valeurs"]:
        raise RegleMalFormee(f"{ou} : aucune valeur datée")
    valeurs = []
    for jour in sorted(brut["valeurs"]):
        ligne, ou_valeur, origine = brut["valeurs"][jour]
        if not isinstance(ligne, dict) or "reference" not in ligne or "valeur" not in ligne:
            raise RegleMalFormee(f"{ou_valeur} : écrivez {{valeur: …, reference: …}}")
        if {str(c) for c in ligne} - _CHAMPS_VALEUR:
            raise RegleMalFormee(f"{ou_valeur} : champs permis {sorted(_CHAMPS_VALEUR)}")
        reference = _texte(ligne["reference"], ou_valeur, "reference")
        if reference not in sources:
            raise RegleMalFormee(
                f"{ou_valeur} : référence « {reference} » absente de {FICHIER_SOURCES} ; "
                "ajoutez-la au sources.yaml de la surcouche"
            )
        valeurs.append(
            ValeurDatee(
                du=jour,
                valeur=_valeur(ligne["valeur"], brut["unite"], ou_valeur),
                reference=str(reference),
                note=_texte(ligne.get("note"), ou_valeur, "note", facultatif=True),
                fichier=origine,
            )
        )
    if brut["periodicite"] == "semestrielle":
        for v in valeurs:
            if v.du != debut_semestre(v.du):
                raise RegleMalFormee(
                    f"{ou} : {v.du} n'est pas un début de semestre (1er janvier ou 1er juillet)"
                )
    verifie = brut.get("verifie_jusqu_au")
    ou_verifie = f"{brut.get('_fichier_verifie_jusqu_au', brut['fichier'])}, « {identifiant} »"
    reference_verification = _texte(
        brut.get("verifie_reference"), ou_verifie, "verifie_reference", facultatif=True
    )
    if reference_verification is not None and reference_verification not in sources:
        raise RegleMalFormee(
            f"{ou_verifie} : référence « {reference_verification} » absente de {FICHIER_SOURCES}"
        )
    if verifie is not None and brut["periodicite"] != "evenementielle":
        raise RegleMalFormee(
            f"{ou_verifie} : « verifie_jusqu_au » ne vaut que pour un paramètre événementiel"
        )
    return Parametre(
        identifiant=identifiant,
        libelle=str(brut["libelle"]),
        unite=brut["unite"],
        periodicite=brut["periodicite"],
        fondement=str(brut["fondement"]),
        valeurs=tuple(valeurs),
        note=_texte(brut.get("note"), ou, "note", facultatif=True),
        verifie_jusqu_au=_date(verifie, ou_verifie) if verifie is not None else None,
        fichier=str(brut["fichier"]),
        verifie_reference=reference_verification,
        fichier_verification=(
            str(brut.get("_fichier_verifie_jusqu_au", brut["fichier"]))
            if verifie is not None
            else None
        ),
    )


def _source(cle: Any, brute: Any, fichier: Path) -> Source:
    ou = f"{fichier}, « {cle} »"
    if not isinstance(cle, str):
        raise RegleMalFormee(f"{fichier} : clé de source « {cle} » : un texte est attendu")
    if not isinstance(brute, dict) or "titre" not in brute:
        raise RegleMalFormee(f"{ou} : écrivez {{titre: …, url: …}}")
    inconnus = {str(c) for c in brute} - _CHAMPS_SOURCE
    if inconnus:
        raise RegleMalFormee(
            f"{ou} : champ(s) inconnu(s) {sorted(inconnus)} ; champs permis : "
            f"{sorted(_CHAMPS_SOURCE)}"
        )
    urls = brute.get("urls", [])
    if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise RegleMalFormee(f"{ou} : « urls » doit être une liste d'adresses (textes)")
    if "url" in brute:
        urls = [*urls, _texte(brute["url"], ou, "url")]
    return Source(
        cle=cle,
        titre=str(_texte(brute["titre"], ou, "titre")),
        urls=tuple(urls),
        articles=_texte(brute.get("articles"), ou, "articles", facultatif=True),
        note=_texte(brute.get("note"), ou, "note", facultatif=True),
    )


_NOM_FICHIER = re.compile(r"[a-z][a-z0-9_]*\.yaml")


def _fichiers(dossier: Path) -> list[Path]:
    fichiers = sorted(p for p in dossier.iterdir() if p.suffix in {".yaml", ".yml"})
    for fichier in fichiers:
        if not _NOM_FICHIER.fullmatch(fichier.name):
            raise RegleMalFormee(
                f"{fichier} : nom de fichier de règles invalide ; lettres minuscules, chiffres "
                "et soulignés, sans point ni tiret, extension .yaml (par exemple "
                "interet_legal.yaml) : le nom du fichier forme l'identifiant « fichier.clé »"
            )
    return [p for p in fichiers if p.name != FICHIER_SOURCES]


def _empreinte_fichiers(dossiers: tuple[Path, ...]) -> tuple[tuple[str, int, int], ...]:
    """Nom, taille et date de modification de chaque fichier : la clé du cache."""
    vus = []
    for dossier in dossiers:
        try:
            with os.scandir(dossier) as entrees:  # sans pathlib : relu à chaque appel
                for entree in sorted(entrees, key=lambda e: e.name):
                    etat = entree.stat()
                    vus.append((entree.path, etat.st_size, etat.st_mtime_ns))
        except OSError:
            vus.append((str(dossier), -1, -1))
    return tuple(vus)


def _charger(dossiers: tuple[Path, ...], origine: str | None) -> Regles:
    empreinte = hashlib.sha256()
    sources_brutes: dict[str, tuple[Any, Path]] = {}
    parametres_bruts: dict[str, dict[str, Any]] = {}
    sources: dict[str, Source] = {}
    for rang, dossier in enumerate(dossiers):
        surcouche = rang > 0
        if not dossier.is_dir():
            raise RegleMalFormee(
                f"dossier de règles introuvable : {dossier} ; indiquez un dossier existant "
                f"(option --regles ou variable {VARIABLE_SURCOUCHE})"
            )
        fichiers = _fichiers(dossier)
        fichier_sources = dossier / FICHIER_SOURCES
        if fichier_sources.exists():
            contenu = _lire_fige(fichier_sources)
            empreinte.update(FICHIER_SOURCES.encode() + fichier_sources.read_bytes())
            for cle, brute in contenu.items():
                source = _source(cle, brute, fichier_sources)
                if surcouche and cle in sources and sources[cle] != source:
                    raise RegleMalFormee(
                        f"{fichier_sources}, « {cle} » : cette clé est une source du paquet ; une "
                        "surcouche ne peut pas la réintituler ni la modifier : choisissez une "
                        "autre clé (par exemple « ma-" + cle + " »)"
                    )
                sources[cle] = source
                sources_brutes[cle] = (brute, fichier_sources)
        for fichier in fichiers:
            contenu = _lire_fige(fichier)
            empreinte.update(fichier.name.encode() + fichier.read_bytes())
            _fusionner(parametres_bruts, fichier, contenu, surcouche=surcouche)
    parametres = {i: _parametre(i, b, sources) for i, b in sorted(parametres_bruts.items())}
    from contentieux._version import __version__

    version = f"contentieux {__version__}, règles {empreinte.hexdigest()[:12]}"
    if len(dossiers) > 1:
        version += f" (avec surcouche {dossiers[-1]}, {origine or 'argument'})"
    return Regles(parametres, sources, dossiers, version, origine)


@lru_cache(maxsize=16)
def _charger_en_cache(
    dossiers: tuple[Path, ...], origine: str | None, cle: tuple[tuple[str, int, int], ...]
) -> Regles:
    """Cache par contenu : la clé comprend taille et date de chaque fichier, si bien qu'une
    surcouche modifiée (``regles ajouter``) est relue, et qu'un résultat ne dépend que des
    fichiers, jamais d'un appel antérieur."""
    return _charger(dossiers, origine)


def dossier_surcouche_utilisateur() -> Path:
    """Dossier personnel des surcouches : ``<user_data_dir>/contentieux/regles``.

    Sous Linux, ``$XDG_DATA_HOME/contentieux/regles`` (par défaut
    ``~/.local/share/contentieux/regles``) ; ailleurs, l'emplacement que ``platformdirs`` donne.
    """
    from platformdirs import user_data_dir

    return Path(user_data_dir("contentieux", appauthor=False)) / "regles"


def surcouche_active(surcouche: str | Path | None = None) -> tuple[Path | None, str | None]:
    """La surcouche qui s'applique et d'où elle vient, dans l'ordre : l'argument (option
    ``--regles``), la variable ``CONTENTIEUX_REGLES``, le dossier personnel s'il existe."""
    variable = os.environ.get(VARIABLE_SURCOUCHE)
    if surcouche is not None:
        chemin = Path(surcouche).resolve()
        if variable and Path(variable).resolve() == chemin:  # l'option reprend la variable
            return chemin, f"variable {VARIABLE_SURCOUCHE}"
        return chemin, "option --regles"
    if variable:
        return Path(variable).resolve(), f"variable {VARIABLE_SURCOUCHE}"
    personnel = dossier_surcouche_utilisateur()
    if personnel.is_dir():
        return personnel.resolve(), "dossier personnel"
    return None, None


def charger_regles(surcouche: str | Path | None = None) -> Regles:
    """Charge les règles du paquet, complétées par une surcouche éventuelle.

    ``surcouche`` : dossier de fichiers YAML de même format ; à défaut, la variable d'environnement
    ``CONTENTIEUX_REGLES`` ; à défaut, le dossier personnel (``dossier_surcouche_utilisateur()``)
    s'il existe. Le texte ``version`` du résultat nomme la surcouche (chemin et origine) et
    l'empreinte du contenu ; les résultats de calcul le portent. Les fichiers modifiés sont relus
    (le cache est indexé par leur taille et leur date). Lève ``RegleMalFormee``, qui nomme le
    fichier fautif, si un fichier est incohérent.
    """
    dossier, origine = surcouche_active(surcouche)
    dossiers: tuple[Path, ...] = (dossier_regles_paquet(),)
    if dossier is not None:
        dossiers += (dossier,)
    return _charger_en_cache(dossiers, origine, _empreinte_fichiers(dossiers))


__all__ = [
    "BORNES",
    "Parametre",
    "Regles",
    "Source",
    "ValeurDatee",
    "ValeurRegle",
    "charger_regles",
    "debut_semestre",
    "dossier_regles_paquet",
    "dossier_surcouche_utilisateur",
    "fin_semestre",
    "non_couvertes_ensemble",
    "semestre",
    "surcouche_active",
]
