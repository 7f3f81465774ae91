"""Taux annuels applicables, période par période, pour chaque régime d'intérêts.

- **Taux légal** (C. civ. 1231-6, 1344-1 ; CMF L313-2) : taux du semestre, catégorie
  « particuliers » si le créancier est une personne physique n'agissant pas pour des besoins
  professionnels, « autres » sinon.
- **Pénalités entre professionnels** (C. com. L441-10 II) : par défaut, taux BCE en vigueur le
  1er janvier (premier semestre) ou le 1er juillet (second) + 10 points, réévalué chaque semestre ;
  un taux stipulé inférieur à 3 × le taux légal « autres » du semestre est relevé à ce plancher, et
  la ligne le dit. Quand le plancher dépasse le taux par défaut (2024-S1 : 3 × 5,07 = 15,21 % contre
  4,50 + 10 = 14,50 %), le taux par défaut reste appliqué à un contrat muet (le plancher ne vise que
  le taux stipulé) et la ligne le signale ; option ``plancher_contrat_muet`` : le plancher
  s'applique aussi au contrat muet (question non tranchée).
- **Commande publique** (CCP R2192-31) : taux BCE en vigueur le premier jour du semestre au cours
  duquel les intérêts ont commencé à courir + 8 points, un seul taux pour tout le retard.
- **Après jugement** (C. civ. 1231-7 ; CMF L313-3) : taux légal, majoré de 5 points pour les jours
  postérieurs à l'expiration d'un délai de deux mois à compter du jour où la décision est devenue
  exécutoire. Seules les dettes au taux légal basculent (ou toutes, option
  ``apres_jugement="taux_legal"``) : le décompte ne fixe ``date_jugement`` que pour elles.

Les valeurs viennent des règles datées ; une valeur absente lève ``RegleNonCouverte`` (rien n'est
deviné). Les consultations sont mises en cache par jeu de règles (``Regles.version``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

from contentieux.erreurs import RegleNonCouverte
from contentieux.interets.memoire import ranger
from contentieux.modeles.decompte import RegimeLigne
from contentieux.regles import Regles, ValeurRegle, debut_semestre, fin_semestre, semestre

Categorie = Literal["particuliers", "autres"]

UN_JOUR: Final = dt.timedelta(days=1)

FONDEMENTS: Final[dict[RegimeLigne, str]] = {
    "taux_legal": "C. civ. 1231-6 et 1344-1 ; CMF L313-2",
    "penalites_b2b": "C. com. L441-10 II",
    "commande_publique": "CCP L2192-13 et R2192-31",
    "jugement": "C. civ. 1231-7 ; CMF L313-2",
}

_CACHE_TAUX: Final[dict[tuple[object, ...], TauxPeriode]] = {}
_TAILLE_MAX: Final = 200_000


@dataclass(frozen=True, slots=True)
class TauxPeriode:
    """Taux d'une période, avec sa justification et les valeurs de règles employées."""

    taux: Decimal
    regime: RegimeLigne
    fondement: str
    note: str | None
    valeurs: tuple[ValeurRegle, ...]


@dataclass(frozen=True, slots=True)
class Periode:
    """Période ``(debut, fin]`` à taux constant."""

    debut: dt.date
    fin: dt.date
    taux: TauxPeriode


@dataclass(frozen=True, slots=True)
class RegimeDette:
    """Régime d'intérêts d'une dette, tel que le décompte l'applique.

    ``date_jugement`` : à partir du lendemain, régime « jugement » ; ``date_majoration`` : dernier
    jour sans la majoration de 5 points (CMF L313-3) ; ``plancher_contrat_muet`` : le plancher de
    3 × le taux légal s'applique aussi au taux par défaut des pénalités L441-10.
    """

    nom: RegimeLigne
    categorie: Categorie
    taux_contractuel: Decimal | None = None
    date_jugement: dt.date | None = None
    date_majoration: dt.date | None = None
    plancher_contrat_muet: bool = False


def _nombre(v: ValeurRegle) -> Decimal:
    assert isinstance(v.valeur, Decimal), v.identifiant
    return v.valeur


def _texte(taux: Decimal) -> str:
    return f"{taux:f}".replace(".", ",") + " %"


def _couverture(exc: RegleNonCouverte, jour: dt.date, quoi: str) -> RegleNonCouverte:
    """Précise une ``RegleNonCouverte`` : le semestre du décompte et la ligne concernée."""
    return RegleNonCouverte(
        f"{quoi} : semestre {semestre(jour)} non couvert par les règles. {exc.message}",
        **{**exc.details, "semestre_decompte": semestre(jour)},
    )


def taux_legal(regles: Regles, categorie: Categorie, jour: dt.date) -> TauxPeriode:
    """Taux de l'intérêt légal du semestre de ``jour`` pour la catégorie du créancier."""
    cle: tuple[object, ...] = (regles.version, "legal", categorie, jour.year, jour.month > 6)
    trouve = _CACHE_TAUX.get(cle)
    if trouve is None:
        v = regles.valeur(f"interet_legal.{categorie}", au=jour)
        trouve = TauxPeriode(
            _nombre(v),
            "taux_legal",
            f"{FONDEMENTS['taux_legal']} (taux « {categorie} »)",
            None,
            (v,),
        )
        _CACHE_TAUX[cle] = trouve
    return trouve


def taux_penalites_b2b(
    regles: Regles,
    taux_contractuel: Decimal | None,
    jour: dt.date,
    plancher_contrat_muet: bool = False,
) -> TauxPeriode:
    """Taux des pénalités L441-10 II pour le semestre de ``jour`` (défaut ou stipulé + plancher).

    ``plancher_contrat_muet`` : le taux par défaut d'un contrat muet est, lui aussi, relevé au
    plancher de 3 × le taux légal « autres » quand celui-ci le dépasse (option ; sinon le taux par
    défaut est appliqué et la ligne signale l'écart).
    """
    cle: tuple[object, ...] = (
        regles.version,
        "b2b",
        taux_contractuel,
        jour.year,
        jour.month > 6,
        plancher_contrat_muet and taux_contractuel is None,
    )
    trouve = _CACHE_TAUX.get(cle)
    if trouve is not None:
        return trouve
    debut = debut_semestre(jour)
    v_legal = regles.valeur("interet_legal.autres", au=jour)
    v_coef = regles.valeur("penalites_b2b.plancher_coefficient", au=jour)
    plancher = _nombre(v_coef) * _nombre(v_legal)
    texte_plancher = (
        f"plancher {_nombre(v_coef):f} × taux légal « autres » {_texte(_nombre(v_legal))} "
        f"= {_texte(plancher)}"
    )
    if taux_contractuel is None:
        v_bce = regles.valeur("bce.taux_refinancement", au=debut)
        v_maj = regles.valeur("penalites_b2b.majoration_points", au=debut)
        taux = _nombre(v_bce) + _nombre(v_maj)
        fondement = (
            f"{FONDEMENTS['penalites_b2b']} (taux BCE au 1er janvier ou au 1er juillet + 10 points)"
        )
        note = None
        if plancher > taux:
            texte_defaut = (
                f"taux par défaut {_texte(_nombre(v_bce))} + {_nombre(v_maj):f} points "
                f"= {_texte(taux)} inférieur au {texte_plancher}"
            )
            if plancher_contrat_muet:
                note = (
                    f"{texte_defaut} : contrat muet relevé au plancher (option "
                    "plancher_contrat_muet, question non tranchée)"
                )
                taux = plancher
            else:
                note = (
                    f"{texte_defaut} : le plancher ne vise que le taux stipulé, le taux par "
                    "défaut est appliqué (question non tranchée)"
                )
        valeurs: tuple[ValeurRegle, ...] = (v_bce, v_maj, v_legal, v_coef)
    else:
        fondement = f"{FONDEMENTS['penalites_b2b']} (taux stipulé, plancher de 3 × taux légal)"
        valeurs = (v_legal, v_coef)
        if taux_contractuel < plancher:
            taux = plancher
            note = f"taux stipulé {_texte(taux_contractuel)} relevé au {texte_plancher}"
        else:
            taux = taux_contractuel
            note = None
    trouve = TauxPeriode(taux, "penalites_b2b", fondement, note, valeurs)
    _CACHE_TAUX[cle] = trouve
    return trouve


def taux_commande_publique(regles: Regles, premier_jour: dt.date) -> TauxPeriode:
    """Taux unique des intérêts moratoires : BCE au premier jour du semestre du départ + 8."""
    debut = debut_semestre(premier_jour)
    cle: tuple[object, ...] = (regles.version, "cp", debut)
    trouve = _CACHE_TAUX.get(cle)
    if trouve is None:
        v_bce = regles.valeur("bce.taux_refinancement", au=debut)
        v_maj = regles.valeur("commande_publique.majoration_points", au=debut)
        taux = _nombre(v_bce) + _nombre(v_maj)
        trouve = TauxPeriode(
            taux,
            "commande_publique",
            f"{FONDEMENTS['commande_publique']} (taux BCE au premier jour du semestre de départ "
            "+ 8 points, un seul taux pour tout le retard)",
            None,
            (v_bce, v_maj),
        )
        _CACHE_TAUX[cle] = trouve
    return trouve


def taux_jugement(regles: Regles, categorie: Categorie, jour: dt.date, majore: bool) -> TauxPeriode:
    """Taux légal après condamnation (1231-7), majoré de 5 points si ``majore`` (L313-3)."""
    cle: tuple[object, ...] = (regles.version, "jugement", categorie, debut_semestre(jour), majore)
    trouve = _CACHE_TAUX.get(cle)
    if trouve is None:
        v = regles.valeur(f"interet_legal.{categorie}", au=jour)
        if majore:
            v_maj = regles.valeur("interet_legal.majoration_points", au=jour)
            trouve = TauxPeriode(
                _nombre(v) + _nombre(v_maj),
                "jugement",
                f"C. civ. 1231-7 ; CMF L313-2 et L313-3 (taux « {categorie} » + 5 points)",
                "majoration de 5 points : plus de deux mois après le caractère exécutoire",
                (v, v_maj),
            )
        else:
            trouve = TauxPeriode(
                _nombre(v),
                "jugement",
                f"{FONDEMENTS['jugement']} (taux « {categorie} »)",
                None,
                (v,),
            )
        _CACHE_TAUX[cle] = trouve
    return trouve


class Calendrier:
    """Semestres d'un régime sans jugement (taux légal ou pénalités L441-10), mémorisés.

    Le taux légal et les pénalités entre professionnels changent au 1er janvier et au 1er juillet
    (CMF L313-2 ; C. com. L441-10 II) : pour chaque semestre, on retient une fois pour toutes son
    dernier jour et son taux. Un calendrier est partagé par toutes les dettes d'un même régime.
    """

    __slots__ = ("_regime", "_regles", "_semestres", "_troncons")

    def __init__(self, regles: Regles, regime: RegimeDette) -> None:
        self._regles = regles
        self._regime = regime
        self._semestres: dict[int, tuple[dt.date, TauxPeriode]] = {}
        self._troncons: dict[tuple[int, dt.date], Troncons] = {}

    def semestre(self, jour: dt.date) -> tuple[dt.date, TauxPeriode]:
        """(dernier jour du semestre de ``jour``, taux du semestre) ; ``RegleNonCouverte`` sinon."""
        cle = jour.year * 2 + (jour.month > 6)
        trouve = self._semestres.get(cle)
        if trouve is None:
            regime = self._regime
            if regime.nom == "taux_legal":
                taux = taux_legal(self._regles, regime.categorie, jour)
            else:
                taux = taux_penalites_b2b(
                    self._regles, regime.taux_contractuel, jour, regime.plancher_contrat_muet
                )
            trouve = self._semestres[cle] = (fin_semestre(jour), taux)
        return trouve

    def troncons(self, debut: dt.date, fin: dt.date) -> Troncons:
        """Découpe ``(debut, fin]`` en suites maximales de semestres au même taux.

        Rend ``(((bout, taux), …), taux rencontrés)`` : chaque tronçon finit à ``bout`` (le
        premier commence à ``debut``, les suivants au bout du précédent) et garde le taux de son
        premier semestre ; deux semestres consécutifs se fondent quand leurs taux se lisent de
        la même façon (CMF L313-2, C. com. L441-10 II : le taux ne change qu'au 1er janvier et au
        1er juillet). Le découpage ne dépend que du semestre du premier jour et de ``fin`` : il
        est mémorisé. ``RegleNonCouverte`` si un semestre manque.
        """
        premier = debut + UN_JOUR
        cle = (premier.year * 2 + (premier.month > 6), fin)
        trouve = self._troncons.get(cle)
        if trouve is None:
            trouve = ranger(self._troncons, cle, self._decouper(premier, fin), _TAILLE_MAX)
        return trouve

    def _decouper(self, premier: dt.date, fin: dt.date) -> Troncons:
        """Tronçons de ``troncons`` à partir du jour ``premier`` (compté) jusqu'à ``fin``."""
        morceaux: list[tuple[dt.date, TauxPeriode]] = []
        rencontres: dict[int, TauxPeriode] = {}
        jour = premier
        while jour <= fin:
            bout, taux = self.semestre(jour)
            if bout > fin:
                bout = fin
            rencontres[id(taux)] = taux
            if morceaux and meme_taux(morceaux[-1][1], taux):
                morceaux[-1] = (bout, morceaux[-1][1])
            else:
                morceaux.append((bout, taux))
            jour = bout + UN_JOUR
        return tuple(morceaux), rencontres


Troncons = tuple[tuple[tuple[dt.date, TauxPeriode], ...], dict[int, TauxPeriode]]
"""Découpage d'une période par ``Calendrier.troncons`` : (tronçons, taux rencontrés indexés par
``id``, prêts à compléter les taux utilisés d'un décompte)."""


def meme_taux(a: TauxPeriode, b: TauxPeriode) -> bool:
    """Deux taux qui se lisent de la même façon sur une ligne (valeur, régime, fondement, note)."""
    return a is b or (
        a.taux == b.taux
        and a.regime == b.regime
        and a.fondement == b.fondement
        and a.note == b.note
    )


_CACHE_CALENDRIERS: Final[dict[tuple[object, ...], Calendrier]] = {}


def a_un_calendrier(regime: RegimeDette) -> bool:
    """Vrai pour un régime à taux semestriel sans jugement (taux légal ou pénalités L441-10)."""
    return regime.date_jugement is None and regime.nom in ("taux_legal", "penalites_b2b")


def calendrier(regles: Regles, regime: RegimeDette) -> Calendrier:
    """Le ``Calendrier`` d'un régime taux légal ou pénalités sans jugement, par jeu de règles."""
    assert a_un_calendrier(regime)
    contractuel = regime.taux_contractuel if regime.nom == "penalites_b2b" else None
    # Le texte du taux stipulé (« 12 » ou « 12.0 ») figure dans les notes : il entre dans la clé.
    # L'option plancher_contrat_muet change le taux d'un contrat muet : elle entre dans la clé.
    cle = (
        regles.version,
        regime.nom,
        regime.categorie,
        None if contractuel is None else str(contractuel),
        regime.nom == "penalites_b2b" and contractuel is None and regime.plancher_contrat_muet,
    )
    trouve = _CACHE_CALENDRIERS.get(cle)
    if trouve is None:
        trouve = ranger(_CACHE_CALENDRIERS, cle, Calendrier(regles, regime), _TAILLE_MAX)
    return trouve


def taux_du_jour(
    regles: Regles, regime: RegimeDette, jour: dt.date, premier_jour_interets: dt.date
) -> TauxPeriode:
    """Taux que porte, le jour ``jour``, une dette soumise à ``regime``."""
    if regime.date_jugement is None:
        if regime.nom == "taux_legal":
            return taux_legal(regles, regime.categorie, jour)
        if regime.nom == "penalites_b2b":
            return taux_penalites_b2b(
                regles, regime.taux_contractuel, jour, regime.plancher_contrat_muet
            )
        if regime.nom == "commande_publique":
            return taux_commande_publique(regles, premier_jour_interets)
    return periodes(
        regles, regime, jour - UN_JOUR, jour, premier_jour_interets=premier_jour_interets
    )[0].taux


def periodes(
    regles: Regles,
    regime: RegimeDette,
    debut: dt.date,
    fin: dt.date,
    *,
    premier_jour_interets: dt.date | None = None,
    quoi: Callable[[], str] | None = None,
) -> list[Periode]:
    """Découpe ``(debut, fin]`` en périodes de taux constant selon ``regime``.

    ``premier_jour_interets`` sert au régime de la commande publique (semestre du départ).
    """
    resultat: list[Periode] = []
    courant = debut
    if regime.date_jugement is None:
        # Chemin le plus fréquent : pas de jugement, périodes semestrielles (ou taux unique).
        try:
            if regime.nom == "commande_publique":
                if courant < fin:
                    jour = courant + UN_JOUR
                    t = taux_commande_publique(regles, premier_jour_interets or jour)
                    resultat.append(Periode(courant, fin, t))
                return resultat
            legal = regime.nom == "taux_legal"
            while courant < fin:
                jour = courant + UN_JOUR
                bout = fin_semestre(jour)
                if bout > fin:
                    bout = fin
                if legal:
                    t = taux_legal(regles, regime.categorie, jour)
                else:
                    t = taux_penalites_b2b(
                        regles, regime.taux_contractuel, jour, regime.plancher_contrat_muet
                    )
                resultat.append(Periode(courant, bout, t))
                courant = bout
        except RegleNonCouverte as exc:
            raise _couverture(exc, courant + UN_JOUR, quoi() if quoi else "décompte") from None
        return resultat
    while courant < fin:
        jour = courant + UN_JOUR
        juge = regime.date_jugement is not None and courant >= regime.date_jugement
        if regime.nom == "commande_publique" and not juge:
            bout = fin
        else:
            bout = min(fin, fin_semestre(jour))
        if not juge and regime.date_jugement is not None:
            bout = min(bout, regime.date_jugement)
        majore = False
        if juge and regime.date_majoration is not None:
            if jour <= regime.date_majoration:
                bout = min(bout, regime.date_majoration)
            else:
                majore = True
        try:
            if juge:
                t = taux_jugement(regles, regime.categorie, jour, majore)
            elif regime.nom == "taux_legal":
                t = taux_legal(regles, regime.categorie, jour)
            elif regime.nom == "penalites_b2b":
                t = taux_penalites_b2b(
                    regles, regime.taux_contractuel, jour, regime.plancher_contrat_muet
                )
            else:
                t = taux_commande_publique(regles, premier_jour_interets or jour)
        except RegleNonCouverte as exc:
            raise _couverture(exc, jour, quoi() if quoi else "décompte") from None
        resultat.append(Periode(courant, bout, t))
        courant = bout
    return resultat
