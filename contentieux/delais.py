"""Délais de procédure : computation selon les articles 640 à 642 du Code de procédure civile.

- **CPC art. 640** : un délai court à compter de la date de l'acte, de l'événement, de la décision
  ou de la notification qui le fait courir.
- **CPC art. 641** : exprimé en jours, le délai ne compte pas le jour de l'acte qui le fait courir ;
  exprimé en mois ou en années, il expire le jour du dernier mois ou de la dernière année qui porte
  le même quantième que le jour de départ, ou, à défaut, le dernier jour du mois (31 janvier
  + 1 mois = 28 ou 29 février). Exprimé en mois et en jours, les mois sont décomptés d'abord,
  puis les jours.
- **CPC art. 642** : tout délai expire le dernier jour à vingt-quatre heures ; le délai qui
  expirerait un samedi, un dimanche ou un jour férié ou chômé est prorogé jusqu'au premier jour
  ouvrable suivant.

Jours fériés retenus (voir ``docs/delais.md``) : la liste nationale (C. trav. L3133-1), la journée
de commémoration de l'abolition de l'esclavage outre-mer (loi n° 83-550 du 30 juin 1983, décret
n° 83-1003 du 23 novembre 1983) et, en Alsace-Moselle, le Vendredi saint et le 26 décembre
(C. trav. L3134-13). Les autres jours que renvoie le paquet ``holidays`` (Mi-Carême et Vendredi
saint en Guadeloupe, fête de Victor Schœlcher le 21 juillet en Guadeloupe, Martinique et à
Saint-Martin) sont des **coutumes locales** : ils ne prorogent un délai que si l'on passe
``coutumes_locales=True``.

Toutes les fonctions sont pures (aucune lecture de la date du jour). Le paquet ``holidays`` n'est
importé qu'à l'usage, pour que ``import contentieux`` reste rapide.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import Final

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped,unused-ignore]
from pydantic import BaseModel, ConfigDict

from contentieux.erreurs import DepartementInconnu, DureeInvalide

__all__ = [
    "DepartementInconnu",
    "DureeInvalide",
    "Echeance",
    "ajouter_annees",
    "ajouter_jours",
    "ajouter_mois",
    "calculer_echeance",
    "est_jour_ouvrable",
    "jours_feries",
    "proroger",
]

FONDEMENTS: Final[tuple[str, ...]] = ("CPC 640", "CPC 641", "CPC 642")
"""Articles sur lesquels repose toute échéance calculée par :func:`calculer_echeance`."""


# --------------------------------------------------------------------------------------------
# Départements et subdivisions du paquet ``holidays``
# --------------------------------------------------------------------------------------------

_FORMES_ATTENDUES: Final = (
    'attendu : un code de département sous forme de texte, par exemple "75", "01", "2A", "2B", '
    '"57", "67", "68" ou "971" à "978"'
)

# Départements (et collectivités ayant un code à trois chiffres) dont le calendrier diffère du
# calendrier national : code -> (subdivision ``holidays``, nom affiché dans les motifs).
_TERRITOIRES: Final[dict[str, tuple[str, str]]] = {
    "57": ("57", "Moselle"),
    "67": ("6AE", "Bas-Rhin"),
    "68": ("6AE", "Haut-Rhin"),
    "971": ("971", "Guadeloupe"),
    "972": ("972", "Martinique"),
    "973": ("973", "Guyane"),
    "974": ("974", "La Réunion"),
    "975": ("PM", "Saint-Pierre-et-Miquelon"),
    "976": ("976", "Mayotte"),
    "977": ("BL", "Saint-Barthélemy"),
    "978": ("MF", "Saint-Martin"),
}

# Jours propres à une subdivision qui sont fériés **par la loi** (les autres sont des coutumes).
_ABOLITION: Final = "Abolition de l'esclavage"
_FERIES_LEGAUX_LOCAUX: Final[dict[str, frozenset[str]]] = {
    # C. trav. L3134-13 (droit local d'Alsace-Moselle).
    "57": frozenset({"Vendredi saint", "Saint-Étienne"}),
    "6AE": frozenset({"Vendredi saint", "Saint-Étienne"}),
    # Loi n° 83-550 du 30 juin 1983, décret n° 83-1003 du 23 novembre 1983 (C. trav. L3422-2).
    "971": frozenset({_ABOLITION}),
    "972": frozenset({_ABOLITION}),
    "973": frozenset({_ABOLITION}),
    "974": frozenset({_ABOLITION}),
    "976": frozenset({_ABOLITION}),
    "BL": frozenset({_ABOLITION}),
    "MF": frozenset({_ABOLITION}),
    "PM": frozenset(),
}

_HORS_CPC: Final[dict[str, str]] = {
    "984": "les Terres australes et antarctiques françaises",
    "986": "Wallis-et-Futuna",
    "987": "la Polynésie française",
    "988": "la Nouvelle-Calédonie",
}

_METROPOLE: Final[frozenset[str]] = frozenset(
    [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B"]
)


def _normaliser_departement(departement: str | None) -> str | None:
    """Renvoie le code normalisé (``"2a"`` -> ``"2A"``, ``"1"`` -> ``"01"``) ou lève une erreur."""
    if departement is None:
        return None
    if not isinstance(departement, str):
        raise DepartementInconnu(
            f"département {departement!r} invalide ; {_FORMES_ATTENDUES}.", departement=departement
        )
    code = departement.strip().upper()
    if len(code) == 1 and code.isdigit():
        code = "0" + code
    if code in _METROPOLE or code in _TERRITOIRES:
        return code
    if code == "20":
        raise DepartementInconnu(
            'département "20" inconnu : la Corse est divisée depuis 1976 en Corse-du-Sud "2A" '
            'et Haute-Corse "2B".',
            departement=departement,
        )
    if code in _HORS_CPC:
        raise DepartementInconnu(
            f'code "{code}" non pris en charge : {_HORS_CPC[code]} relève de règles de procédure '
            "et de jours fériés propres, que ce module ne couvre pas (il applique le Code de "
            f"procédure civile) ; {_FORMES_ATTENDUES}.",
            departement=departement,
        )
    raise DepartementInconnu(
        f"département {departement!r} inconnu ; {_FORMES_ATTENDUES}.", departement=departement
    )


def _subdivision(code: str | None) -> str | None:
    """Subdivision ``holidays`` d'un code normalisé (``None`` : calendrier national)."""
    if code is None or code not in _TERRITOIRES:
        return None
    return _TERRITOIRES[code][0]


# --------------------------------------------------------------------------------------------
# Jours fériés
# --------------------------------------------------------------------------------------------


def _verifier_annee(annee: int) -> None:
    if isinstance(annee, bool) or not isinstance(annee, int) or not 1 <= annee <= 9999:
        raise DureeInvalide(
            f"année {annee!r} invalide : attendu un entier entre 1 et 9999.",
            champ="annee",
            valeur=annee,
        )


_NATIONAL: Final = "national"
_LOCAL: Final = "local"
_COUTUME: Final = "coutume"


@lru_cache(maxsize=512)
def _calendrier(annee: int, subdiv: str | None) -> Mapping[date, tuple[tuple[str, str], ...]]:
    """Jours fériés et chômés d'une année pour une subdivision ``holidays``.

    Chaque date porte ses noms français, chacun qualifié de ``"national"``, ``"local"`` (férié
    légal propre au territoire) ou ``"coutume"`` (coutume locale). Le résultat, mis en cache, est
    en lecture seule.
    """
    import holidays  # import paresseux : ``import contentieux`` doit rester rapide

    national = holidays.country_holidays("FR", years=annee, language="fr")
    if subdiv is None:
        local = national
    else:
        local = holidays.country_holidays("FR", subdiv=subdiv, years=annee, language="fr")
    legaux_locaux = _FERIES_LEGAUX_LOCAUX.get(subdiv or "", frozenset())
    resultat: dict[date, tuple[tuple[str, str], ...]] = {}
    for jour in sorted(local):
        noms_nationaux = set(national.get_list(jour))
        resultat[jour] = tuple(
            (
                nom,
                _NATIONAL
                if nom in noms_nationaux
                else _LOCAL
                if nom in legaux_locaux
                else _COUTUME,
            )
            for nom in local.get_list(jour)
        )
    return MappingProxyType(resultat)


def _noms_retenus(
    jour: date, subdiv: str | None, coutumes_locales: bool
) -> tuple[tuple[str, str], ...]:
    """Noms (et qualités) des jours fériés retenus tombant ``jour`` ; vide s'il n'y en a pas."""
    return tuple(
        (nom, qualite)
        for nom, qualite in _calendrier(jour.year, subdiv).get(jour, ())
        if coutumes_locales or qualite != _COUTUME
    )


def jours_feries(
    annee: int, departement: str | None = None, *, coutumes_locales: bool = False
) -> dict[date, str]:
    """Jours fériés d'une année, au sens de l'article 642 du Code de procédure civile.

    Retient les fêtes légales nationales (C. trav. L3133-1), et, selon ``departement`` : le
    Vendredi saint et le 26 décembre en Moselle (57), Bas-Rhin (67) et Haut-Rhin (68)
    (C. trav. L3134-13) ; la journée de commémoration de l'abolition de l'esclavage dans les
    départements et collectivités d'outre-mer concernés (loi n° 83-550 du 30 juin 1983,
    décret n° 83-1003 du 23 novembre 1983). Avec ``coutumes_locales=True``, ajoute les jours
    chômés par coutume locale que renvoie le paquet ``holidays`` (Mi-Carême et Vendredi saint en
    Guadeloupe, fête de Victor Schœlcher le 21 juillet).

    ``departement`` : code du département sous forme de texte (``"75"``, ``"2A"``, ``"971"``…) ;
    ``None`` donne le calendrier national. Le résultat associe à chaque date son nom français
    (deux fêtes le même jour : ``"Ascension et Fête du Travail"``), par ordre chronologique.

    >>> from datetime import date
    >>> jours_feries(2026, "57")[date(2026, 4, 3)]
    'Vendredi saint'
    >>> date(2026, 4, 3) in jours_feries(2026, "75")
    False
    """
    _verifier_annee(annee)
    subdiv = _subdivision(_normaliser_departement(departement))
    coutumes = bool(coutumes_locales)
    resultat: dict[date, str] = {}
    for jour in _calendrier(annee, subdiv):
        noms = _noms_retenus(jour, subdiv, coutumes)
        if noms:
            resultat[jour] = " et ".join(nom for nom, _qualite in noms)
    return resultat


def _verifier_date(valeur: date, nom: str) -> None:
    if isinstance(valeur, datetime) or not isinstance(valeur, date):
        raise DureeInvalide(
            f"{nom} {valeur!r} invalide : attendu une date (datetime.date), sans heure ; "
            "pour un datetime, passez sa partie date avec .date().",
            champ=nom,
            valeur=valeur,
        )


def est_jour_ouvrable(
    jour: date, departement: str | None = None, *, coutumes_locales: bool = False
) -> bool:
    """Indique si ``jour`` est un jour ouvrable au sens de l'article 642 du CPC.

    Un jour est ouvrable s'il n'est ni un samedi, ni un dimanche, ni un jour férié (voir
    :func:`jours_feries`) du ``departement``. Attention : en droit du travail, le samedi est un jour
    ouvrable ; l'article 642 du CPC, lui, proroge le délai qui expirerait un samedi.

    >>> from datetime import date
    >>> est_jour_ouvrable(date(2026, 7, 14))
    False
    >>> est_jour_ouvrable(date(2026, 7, 15))
    True
    """
    _verifier_date(jour, "jour")
    subdiv = _subdivision(_normaliser_departement(departement))
    return _motif_non_ouvrable(jour, subdiv, bool(coutumes_locales), departement=None) is None


_JOURS_SEMAINE: Final = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _motif_non_ouvrable(
    jour: date, subdiv: str | None, coutumes_locales: bool, *, departement: str | None
) -> str | None:
    """Raison pour laquelle ``jour`` n'est pas ouvrable, ou ``None`` s'il l'est.

    ``departement`` (code normalisé) sert seulement à nommer le territoire d'un férié local.
    """
    if jour.weekday() >= 5:
        return _JOURS_SEMAINE[jour.weekday()]
    noms = _noms_retenus(jour, subdiv, coutumes_locales)
    if not noms:
        return None
    territoire = _TERRITOIRES[departement][1] if departement in _TERRITOIRES else None
    libelles = []
    for nom, qualite in noms:
        if qualite == _LOCAL and territoire:
            libelles.append(f"{nom} ({territoire})")
        elif qualite == _COUTUME and territoire:
            libelles.append(f"{nom} ({territoire}, coutume locale)")
        else:
            libelles.append(nom)
    # Un jour seulement chômé par coutume (art. 642 : « jour férié ou chômé ») est dit chômé.
    nature = "jour chômé" if all(q == _COUTUME for _n, q in noms) else "jour férié"
    return f"{nature} : " + " et ".join(libelles)


# --------------------------------------------------------------------------------------------
# Computation (CPC art. 641)
# --------------------------------------------------------------------------------------------


def _verifier_entier(valeur: int, nom: str) -> None:
    if isinstance(valeur, bool) or not isinstance(valeur, int):
        raise DureeInvalide(
            f"{nom} {valeur!r} invalide : attendu un nombre entier (par exemple 15).",
            champ=nom,
            valeur=valeur,
        )


def _hors_calendrier(depart: date, quantite: int, unite: str) -> DureeInvalide:
    return DureeInvalide(
        f"{depart.isoformat()} + {quantite} {unite} sort du calendrier représentable "
        "(années 1 à 9999).",
        champ="depart",
        valeur=depart,
    )


def ajouter_jours(depart: date, jours: int) -> date:
    """Dernier jour d'un délai exprimé en jours (CPC art. 641 al. 1), sans prorogation.

    Le jour de l'acte ou de l'événement qui fait courir le délai ne compte pas : le délai de
    ``jours`` jours expire le ``jours``-ième jour qui suit ``depart``. Un nombre négatif compte à
    rebours. L'éventuelle prorogation de l'article 642 est faite par :func:`proroger`.

    >>> from datetime import date
    >>> ajouter_jours(date(2025, 3, 10), 15)
    datetime.date(2025, 3, 25)
    """
    _verifier_date(depart, "depart")
    _verifier_entier(jours, "jours")
    try:
        return depart + timedelta(days=jours)
    except OverflowError:
        raise _hors_calendrier(depart, jours, "jours") from None


def ajouter_mois(depart: date, mois: int) -> date:
    """Dernier jour d'un délai exprimé en mois (CPC art. 641 al. 2), sans prorogation.

    Le délai expire le jour du dernier mois qui porte le même quantième que ``depart`` ; à défaut
    d'un quantième identique, le dernier jour de ce mois (31 janvier + 1 mois = 28 ou
    29 février). Un nombre négatif compte à rebours selon la même règle.

    >>> from datetime import date
    >>> ajouter_mois(date(2025, 1, 31), 1)
    datetime.date(2025, 2, 28)
    >>> ajouter_mois(date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    """
    _verifier_date(depart, "depart")
    _verifier_entier(mois, "mois")
    try:
        # relativedelta garde le quantième et le ramène au dernier jour d'un mois plus court :
        # exactement la règle de l'art. 641 al. 2.
        arrivee: date = depart + relativedelta(months=mois)
    except (ValueError, OverflowError):
        raise _hors_calendrier(depart, mois, "mois") from None
    return arrivee


def ajouter_annees(depart: date, annees: int) -> date:
    """Dernier jour d'un délai exprimé en années (CPC art. 641 al. 2), sans prorogation.

    Même règle que pour les mois : une année vaut douze mois, et le 29 février + 1 an donne le
    28 février (dernier jour du mois, faute de quantième identique).

    >>> from datetime import date
    >>> ajouter_annees(date(2024, 2, 29), 1)
    datetime.date(2025, 2, 28)
    """
    _verifier_date(depart, "depart")
    _verifier_entier(annees, "annees")
    try:
        return ajouter_mois(depart, 12 * annees)
    except DureeInvalide:
        raise _hors_calendrier(depart, annees, "ans") from None


# --------------------------------------------------------------------------------------------
# Prorogation (CPC art. 642)
# --------------------------------------------------------------------------------------------


def _proroger(echeance: date, subdiv: str | None, coutumes: bool, code: str | None) -> list[str]:
    """Motifs des jours successifs sautés à partir de ``echeance`` (liste vide : pas de report)."""
    motifs: list[str] = []
    jour = echeance
    while (motif := _motif_non_ouvrable(jour, subdiv, coutumes, departement=code)) is not None:
        motifs.append(motif)
        jour += timedelta(days=1)
    return motifs


def proroger(
    echeance: date, departement: str | None = None, *, coutumes_locales: bool = False
) -> date:
    """Reporte une échéance au premier jour ouvrable suivant (CPC art. 642 al. 2).

    Le délai qui expirerait un samedi, un dimanche ou un jour férié ou chômé est prorogé
    jusqu'au premier jour ouvrable suivant ; une échéance tombant un jour ouvrable est renvoyée
    telle quelle. Les jours fériés sont ceux du ``departement`` (voir :func:`jours_feries`).

    >>> from datetime import date
    >>> proroger(date(2027, 5, 1))  # samedi 1er mai 2027
    datetime.date(2027, 5, 3)
    >>> proroger(date(2026, 4, 3), "57")  # Vendredi saint, puis week-end et lundi de Pâques
    datetime.date(2026, 4, 7)
    """
    _verifier_date(echeance, "echeance")
    code = _normaliser_departement(departement)
    motifs = _proroger(echeance, _subdivision(code), bool(coutumes_locales), code)
    try:
        return echeance + timedelta(days=len(motifs))
    except OverflowError:
        raise _hors_calendrier(echeance, len(motifs), "jours") from None


# --------------------------------------------------------------------------------------------
# Échéance complète
# --------------------------------------------------------------------------------------------


class Echeance(BaseModel):
    """Échéance d'un délai de procédure, avec sa justification.

    ``date_brute`` résulte de l'article 641 ; ``date_limite`` est la date à laquelle le délai
    expire, à vingt-quatre heures, après l'éventuelle prorogation de l'article 642.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    depart: date
    """Date de l'acte, de l'événement ou de la notification qui fait courir le délai (art. 640)."""
    duree: str
    """Durée du délai en toutes lettres, par exemple ``"1 mois"`` ou ``"2 mois et 15 jours"``."""
    date_brute: date
    """Dernier jour du délai selon l'article 641, avant prorogation."""
    date_limite: date
    """Dernier jour du délai après prorogation (art. 642) : le délai expire ce jour à 24 heures."""
    prorogee: bool
    """Vrai si ``date_limite`` diffère de ``date_brute``."""
    motif: str | None
    """Raison de la prorogation (``"samedi"``, ``"jour férié : Vendredi saint (Moselle)"``…)."""
    fondements: tuple[str, ...]
    """Articles appliqués."""


def _pluriel(nombre: int, singulier: str, pluriel: str) -> str:
    return f"{nombre} {singulier if abs(nombre) <= 1 else pluriel}"


def _libeller_duree(jours: int, mois: int, annees: int) -> str:
    parties = []
    if annees:
        parties.append(_pluriel(annees, "an", "ans"))
    if mois:
        parties.append(f"{mois} mois")
    if jours:
        parties.append(_pluriel(jours, "jour", "jours"))
    if len(parties) == 1:
        return parties[0]
    return ", ".join(parties[:-1]) + " et " + parties[-1]


def calculer_echeance(
    depart: date,
    *,
    jours: int = 0,
    mois: int = 0,
    annees: int = 0,
    departement: str | None = None,
    coutumes_locales: bool = False,
) -> Echeance:
    """Calcule l'échéance d'un délai de procédure (CPC art. 640, 641 et 642).

    Le délai court de ``depart`` (art. 640). Les unités peuvent se combiner : les années
    (comptées comme douze mois) et les mois sont décomptés d'abord, d'un seul tenant à partir
    du quantième de ``depart``, puis les jours (art. 641 : « les mois sont d'abord décomptés,
    puis les jours »). L'échéance obtenue est prorogée au premier jour ouvrable suivant si elle
    tombe un samedi, un dimanche ou un jour férié du ``departement`` (art. 642).

    Les durées doivent être positives ou nulles, et au moins l'une d'elles non nulle.

    >>> from datetime import date
    >>> e = calculer_echeance(date(2026, 3, 14), mois=1)
    >>> e.date_brute, e.date_limite, e.motif
    (datetime.date(2026, 4, 14), datetime.date(2026, 4, 14), None)
    """
    _verifier_date(depart, "depart")
    for valeur, nom in ((jours, "jours"), (mois, "mois"), (annees, "annees")):
        _verifier_entier(valeur, nom)
        if valeur < 0:
            raise DureeInvalide(
                f"{nom}={valeur} invalide : la durée d'un délai est positive ou nulle "
                "(pour compter à rebours, utilisez ajouter_jours ou ajouter_mois, sans "
                "prorogation).",
                champ=nom,
                valeur=valeur,
            )
    if jours == mois == annees == 0:
        raise DureeInvalide(
            "délai nul : indiquez au moins une durée non nulle, par exemple mois=1 ou jours=15."
        )
    code = _normaliser_departement(departement)
    coutumes = bool(coutumes_locales)
    brute = ajouter_jours(ajouter_mois(depart, 12 * annees + mois), jours)
    motifs = _proroger(brute, _subdivision(code), coutumes, code)
    try:
        limite = brute + timedelta(days=len(motifs))
    except OverflowError:
        raise _hors_calendrier(brute, len(motifs), "jours") from None
    motif: str | None = None
    if motifs:
        motif = motifs[0] if len(motifs) == 1 else motifs[0] + ", puis " + ", ".join(motifs[1:])
    return Echeance(
        depart=depart,
        duree=_libeller_duree(jours, mois, annees),
        date_brute=brute,
        date_limite=limite,
        prorogee=bool(motifs),
        motif=motif,
        fondements=FONDEMENTS,
    )
