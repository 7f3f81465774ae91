"""Règles datées : taux, montants et durées légales, chacun avec sa source (CONCEPTION §5).

Les fichiers ``regles/*.yaml`` décrivent des paramètres ; l'identifiant d'un paramètre est
``<fichier>.<clé>`` (par exemple ``interet_legal.autres``). Chaque valeur est datée et porte une
``reference`` qui renvoie à ``regles/sources.yaml``. Trois périodicités :

- ``semestrielle`` (taux de l'intérêt légal, CMF L313-2) : une valeur ne vaut que pour son
  semestre ; une date d'un semestre sans valeur lève ``RegleNonCouverte`` qui nomme le semestre
  (« 2026-S2 »).
- ``evenementielle`` (taux BCE) : une valeur vaut jusqu'au changement suivant, mais pas au-delà de
  ``verifie_jusqu_au`` (dernière date à laquelle on a vérifié l'absence de changement).
- ``permanente`` (40 €, durées) : vaut jusqu'à un changement daté ou une abrogation (``null``).

Une surcouche (dossier passé à ``charger_regles`` ou nommé par ``CONTENTIEUX_REGLES``) ajoute ou
corrige des valeurs sans toucher au paquet : mêmes noms de fichiers, mêmes clés.

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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, Literal, get_args

import yaml
from pydantic import Field

from contentieux._yaml import charger_yaml_exact
from contentieux.erreurs import RegleMalFormee, RegleNonCouverte
from contentieux.modeles.base import Modele

Unite = Literal["pourcent", "points", "euros", "annees", "mois", "jours", "coefficient", "liste"]
Periodicite = Literal["semestrielle", "evenementielle", "permanente"]
ValeurBrute = Decimal | tuple[str, ...]

FICHIER_SOURCES: Final = "sources.yaml"
VARIABLE_SURCOUCHE: Final = "CONTENTIEUX_REGLES"
_CHAMPS_PARAMETRE: Final = frozenset(
    {"libelle", "unite", "periodicite", "fondement", "note", "verifie_jusqu_au", "valeurs"}
)
_CHAMPS_VALEUR: Final = frozenset({"valeur", "reference", "note"})
_CONSULTEES_MAX: Final = 200_000


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
    ) -> None:
        self._parametres = dict(parametres)
        self._sources = dict(sources)
        self.dossiers = dossiers
        self.version = version
        # Valeurs déjà consultées (le jeu est immuable) : un calcul en série relit les mêmes.
        self._consultees: dict[tuple[str, dt.date], ValeurRegle] = {}

    def __repr__(self) -> str:
        return f"Regles({len(self._parametres)} paramètres, {self.version})"

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


def _non_couverte(
    regles: Regles, parametre: Parametre, au: dt.date, raison: str
) -> RegleNonCouverte:
    fichier, cle = parametre.identifiant.split(".", 1)
    quand = f" ({semestre(au)})" if parametre.periodicite == "semestrielle" else ""
    debut = debut_semestre(au) if parametre.periodicite == "semestrielle" else au
    surcouche = str(regles.dossiers[-1]) if len(regles.dossiers) > 1 else "<surcouche>"
    return RegleNonCouverte(
        f"{parametre.identifiant} ({parametre.libelle}) : aucune valeur connue au {au.isoformat()}"
        f"{quand} — {raison}. Pour l'ajouter sans modifier la bibliothèque, écrivez dans une "
        f"surcouche le fichier {surcouche}/{fichier}.yaml :\n"
        f"  {cle}:\n    valeurs:\n      {debut.isoformat()}: {{valeur: …, reference: …}}\n"
        f"et la référence dans {surcouche}/{FICHIER_SOURCES} (voir docs/regles.md).",
        identifiant=parametre.identifiant,
        au=au,
        semestre=semestre(au),
        fichier=f"{fichier}.yaml",
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
    from contentieux.exemples import dossier_donnees

    return dossier_donnees("regles")


def _lire(fichier: Path) -> dict[str, Any]:
    try:
        contenu = charger_yaml_exact(fichier.read_text(encoding="utf-8"))
    except OSError as erreur:
        raise RegleMalFormee(f"{fichier} : illisible ({erreur})") from erreur
    except (yaml.YAMLError, ArithmeticError) as erreur:
        raise RegleMalFormee(f"{fichier} : YAML invalide ({erreur})") from erreur
    if contenu is None:
        return {}
    if not isinstance(contenu, dict):
        raise RegleMalFormee(f"{fichier} : un dictionnaire de paramètres est attendu")
    return contenu


def _date(brute: Any, ou: str) -> dt.date:
    if isinstance(brute, dt.date) and not isinstance(brute, dt.datetime):
        return brute
    try:
        return dt.date.fromisoformat(str(brute))
    except ValueError:
        raise RegleMalFormee(f"{ou} : date « {brute} » invalide, écrivez AAAA-MM-JJ") from None


def _valeur(brute: Any, unite: str, ou: str) -> ValeurBrute | None:
    if brute is None:
        return None
    if unite == "liste":
        if not isinstance(brute, list) or not all(isinstance(x, str) for x in brute):
            raise RegleMalFormee(f"{ou} : une liste de textes est attendue pour l'unité « liste »")
        return tuple(brute)
    if isinstance(brute, bool) or not isinstance(brute, int | Decimal):
        raise RegleMalFormee(f"{ou} : nombre attendu, trouvé « {brute} »")
    return Decimal(brute)


def _fusionner(brut: dict[str, dict[str, Any]], fichier: Path, contenu: dict[str, Any]) -> None:
    """Ajoute le contenu d'un fichier de paramètres ; une surcouche remplace date par date."""
    for cle, definition in contenu.items():
        ou = f"{fichier}, « {cle} »"
        if not isinstance(definition, dict):
            raise RegleMalFormee(f"{ou} : un dictionnaire est attendu")
        inconnus = set(definition) - _CHAMPS_PARAMETRE
        if inconnus:
            raise RegleMalFormee(
                f"{ou} : champ(s) inconnu(s) {sorted(inconnus)} ; champs permis : "
                f"{sorted(_CHAMPS_PARAMETRE)}"
            )
        cible = brut.setdefault(f"{fichier.stem}.{cle}", {"valeurs": {}, "fichier": str(fichier)})
        for champ, valeur in definition.items():
            if champ == "valeurs":
                if not isinstance(valeur, dict):
                    raise RegleMalFormee(f"{ou} : « valeurs » doit être un dictionnaire daté")
                for jour, ligne in valeur.items():
                    cible["valeurs"][_date(jour, ou)] = (ligne, f"{fichier}, « {cle} », {jour}")
            else:
                cible[champ] = valeur


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
    if not brut["valeurs"]:
        raise RegleMalFormee(f"{ou} : aucune valeur datée")
    valeurs = []
    for jour in sorted(brut["valeurs"]):
        ligne, ou_valeur = brut["valeurs"][jour]
        if not isinstance(ligne, dict) or "reference" not in ligne or "valeur" not in ligne:
            raise RegleMalFormee(f"{ou_valeur} : écrivez {{valeur: …, reference: …}}")
        if set(ligne) - _CHAMPS_VALEUR:
            raise RegleMalFormee(f"{ou_valeur} : champs permis {sorted(_CHAMPS_VALEUR)}")
        if ligne["reference"] not in sources:
            raise RegleMalFormee(
                f"{ou_valeur} : référence « {ligne['reference']} » absente de {FICHIER_SOURCES}"
            )
        valeurs.append(
            ValeurDatee(
                du=jour,
                valeur=_valeur(ligne["valeur"], brut["unite"], ou_valeur),
                reference=str(ligne["reference"]),
                note=ligne.get("note"),
            )
        )
    if brut["periodicite"] == "semestrielle":
        for v in valeurs:
            if v.du != debut_semestre(v.du):
                raise RegleMalFormee(f"{ou} : {v.du} n'est pas un début de semestre")
    verifie = brut.get("verifie_jusqu_au")
    return Parametre(
        identifiant=identifiant,
        libelle=str(brut["libelle"]),
        unite=brut["unite"],
        periodicite=brut["periodicite"],
        fondement=str(brut["fondement"]),
        valeurs=tuple(valeurs),
        note=brut.get("note"),
        verifie_jusqu_au=_date(verifie, ou) if verifie is not None else None,
        fichier=str(brut["fichier"]),
    )


def _sources(brutes: dict[str, Any], fichier: Path) -> dict[str, Source]:
    sources = {}
    for cle, brute in brutes.items():
        if not isinstance(brute, dict) or "titre" not in brute:
            raise RegleMalFormee(f"{fichier}, « {cle} » : écrivez {{titre: …, url: …}}")
        urls = tuple(brute.get("urls", ())) + ((brute["url"],) if "url" in brute else ())
        sources[str(cle)] = Source(
            cle=str(cle),
            titre=str(brute["titre"]),
            urls=urls,
            articles=brute.get("articles"),
            note=brute.get("note"),
        )
    return sources


def _fichiers(dossier: Path) -> Iterable[Path]:
    return sorted(p for p in dossier.glob("*.yaml") if p.name != FICHIER_SOURCES)


@lru_cache(maxsize=16)
def _charger(dossiers: tuple[Path, ...]) -> Regles:
    empreinte = hashlib.sha256()
    sources_brutes: dict[str, Any] = {}
    parametres_bruts: dict[str, dict[str, Any]] = {}
    for dossier in dossiers:
        if not dossier.is_dir():
            raise RegleMalFormee(
                f"dossier de règles introuvable : {dossier} ; indiquez un dossier existant "
                f"(option --regles ou variable {VARIABLE_SURCOUCHE})"
            )
        fichier_sources = dossier / FICHIER_SOURCES
        if fichier_sources.is_file():
            empreinte.update(fichier_sources.read_bytes())
            sources_brutes.update(
                {k: (v, fichier_sources) for k, v in _lire(fichier_sources).items()}
            )
        for fichier in _fichiers(dossier):
            empreinte.update(fichier.name.encode() + fichier.read_bytes())
            _fusionner(parametres_bruts, fichier, _lire(fichier))
    sources: dict[str, Source] = {}
    for cle, (brute, fichier) in sources_brutes.items():
        sources.update(_sources({cle: brute}, fichier))
    parametres = {i: _parametre(i, b, sources) for i, b in sorted(parametres_bruts.items())}
    from contentieux import __version__

    version = f"contentieux {__version__}, règles {empreinte.hexdigest()[:12]}"
    if len(dossiers) > 1:
        version += " (avec surcouche)"
    return Regles(parametres, sources, dossiers, version)


def charger_regles(surcouche: str | Path | None = None) -> Regles:
    """Charge les règles du paquet, complétées par une surcouche éventuelle.

    ``surcouche`` : dossier de fichiers YAML de même format ; à défaut, la variable d'environnement
    ``CONTENTIEUX_REGLES``. Le résultat est mis en cache (les fichiers sont relus si leur chemin
    change, pas s'ils changent sur place : redémarrez le processus après avoir modifié une
    surcouche). Lève ``RegleMalFormee`` si un fichier est incohérent.
    """
    if surcouche is None:
        surcouche = os.environ.get(VARIABLE_SURCOUCHE) or None
    dossiers: tuple[Path, ...] = (dossier_regles_paquet(),)
    if surcouche is not None:
        dossiers += (Path(surcouche).resolve(),)
    return _charger(dossiers)


__all__ = [
    "Parametre",
    "Regles",
    "Source",
    "ValeurDatee",
    "ValeurRegle",
    "charger_regles",
    "debut_semestre",
    "dossier_regles_paquet",
    "fin_semestre",
    "semestre",
]
