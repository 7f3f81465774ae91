"""Taux annuels applicables, période par période, pour chaque régime d'intérêts.

- **Taux légal** (C. civ. 1231-6, 1344-1 ; CMF L313-2) : taux du semestre, catégorie
  « particuliers » si le créancier est une personne physique n'agissant pas pour des besoins
  professionnels, « autres » sinon.
- **Pénalités entre professionnels** (C. com. L441-10 II) : par défaut, taux BCE en vigueur le
  1er janvier (premier semestre) ou le 1er juillet (second) + 10 points, réévalué chaque semestre ;
  un taux stipulé inférieur à 3 × le taux légal « autres » du semestre est relevé à ce plancher, et
  la ligne le dit. Quand le plancher dépasse le taux par défaut (2024-S1 : 3 × 5,07 = 15,21 % contre
  4,50 + 10 = 14,50 %), le taux par défaut reste appliqué à un contrat muet et la ligne le dit :
  le texte lie le plancher au taux que fixent les conditions (« ce taux ne peut être inférieur à
  trois fois le taux d'intérêt légal ») ; « sauf disposition contraire », c'est le taux BCE + 10
  points qui s'applique, même inférieur (docs/droit.md c.3). Option
  ``plancher_contrat_muet`` : le plancher s'applique aussi au contrat muet (lecture extensive).
- **Commande publique** (CCP R2192-31) : taux BCE en vigueur le premier jour du semestre au cours
  duquel les intérêts ont commencé à courir + 8 points, un seul taux pour tout le retard.
- **Taux conventionnel** (C. civ. 1231-6, 1343-1 ; C. consom. L312-39) : le taux stipulé hors
  pénalités L441-10, ou le taux du prêt d'un crédit à la consommation, constant.
- **Après jugement** (C. civ. 1231-7 ; CMF L313-3) : taux légal, majoré de 5 points pour les jours
  postérieurs à l'expiration d'un délai de deux mois à compter du jour où la décision est devenue
  exécutoire. Seules les dettes au taux légal basculent (ou toutes, option
  ``apres_jugement="taux_legal"``) : le décompte ne fixe ``date_jugement`` que pour elles.

Les valeurs viennent des règles datées ; rien n'est deviné. Seules les valeurs qu'une ligne
emploie sont lues : le taux par défaut des pénalités (BCE + 10 points) n'exige pas le taux légal du
semestre, que seul le plancher d'un taux stipulé emploie. Une valeur absente ne coupe pas le
calcul : le barème la note (:attr:`Bareme.manquantes`), la période reçoit un taux provisoire jamais
gardé, et le décompte lève à la fin **une** ``RegleNonCouverte`` qui les liste toutes
(:func:`contentieux.regles.non_couvertes_ensemble`).

Les taux lus sont gardés **avec leur jeu de règles** (immuable ; la clé d'un taux dit tout
ce dont il dépend, texte du taux stipulé compris) : aucun décompte ne dépend d'un décompte
antérieur. :meth:`Bareme.taux` est le seul endroit où le régime choisit son taux.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Final, Literal

from contentieux.droit.regime import FONDEMENTS
from contentieux.erreurs import ArgumentInvalide, RegleNonCouverte
from contentieux.modeles.decompte import RegimeLigne
from contentieux.regles import Regles, ValeurRegle, debut_semestre, fin_semestre, semestre

Categorie = Literal["particuliers", "autres"]

UN_JOUR: Final = dt.timedelta(days=1)


def fondement(regime: RegimeLigne, *ajouts: str) -> str:
    """Le ``fondement`` d'une ligne du régime : ses articles (:data:`contentieux.droit.regime.
    FONDEMENTS`, la seule liste), puis ``ajouts``, séparés par « ; » (format unique de
    :mod:`contentieux.droit.citations`)."""
    return " ; ".join((*FONDEMENTS[regime], *ajouts))


def _note(precision: str, remarque: str | None) -> str:
    """La note d'une ligne : la précision du fondement, puis la remarque éventuelle."""
    return precision if remarque is None else f"{precision} ; {remarque}"


@dataclass(frozen=True, slots=True)
class TauxPeriode:
    """Taux d'une période, avec sa justification et les valeurs de règles employées.

    ``fondement`` : les citations (format unique, séparées par « ; ») ; ``note`` : ce que la
    ligne dit en plus, en clair (paragraphe de l'article, mode de calcul du taux, puis la
    ``remarque``) ; ``remarque`` : ce qui appelle l'attention (plancher appliqué ou écarté,
    majoration de 5 points), None sinon.
    """

    taux: Decimal
    regime: RegimeLigne
    fondement: str
    note: str | None
    valeurs: tuple[ValeurRegle, ...]
    remarque: str | None = None


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
    fondement: str | None = None
    """Taux conventionnel : le fondement écrit sur ses lignes (taux stipulé ou taux du prêt)."""
    note: str | None = None
    """Taux conventionnel : la note de ses lignes (« taux stipulé », « taux du prêt… »)."""


def _nombre(v: ValeurRegle) -> Decimal:
    assert isinstance(v.valeur, Decimal), v.identifiant
    return v.valeur


def _texte(taux: Decimal) -> str:
    return f"{taux:f}".replace(".", ",") + " %"


def _couverture(exc: RegleNonCouverte, jour: dt.date, quoi: str) -> RegleNonCouverte:
    """Précise une ``RegleNonCouverte`` : le semestre du décompte et la ligne concernée."""
    return exc.precisee(
        f"{quoi} : semestre {semestre(jour)} non couvert par les règles. {exc.message}",
        semestre_decompte=semestre(jour),
    )


_PAR_REGLES: Final[weakref.WeakKeyDictionary[Regles, dict[tuple[object, ...], TauxPeriode]]] = (
    weakref.WeakKeyDictionary()
)
"""Taux déjà lus, **par jeu de règles** (``Regles`` est immuable) : la mémoire vit et meurt avec
son jeu de règles, et chaque taux ne dépend que de ces règles et de sa clé complète ; elle ne
peut donc pas faire dépendre un décompte d'un décompte antérieur."""


def taux_des_regles(regles: Regles) -> dict[tuple[object, ...], TauxPeriode]:
    """La mémoire des taux d'un jeu de règles (créée au premier usage)."""
    memoire = _PAR_REGLES.get(regles)
    if memoire is None:
        memoire = _PAR_REGLES[regles] = {}
    return memoire


class Bareme:
    """Les taux d'un calcul, lus dans les règles une fois par semestre et par régime et gardés
    avec ce jeu de règles (:func:`taux_des_regles`).

    Le texte d'un taux stipulé (« 12 » ou « 12.0 ») figure dans les notes : il entre dans la clé,
    de sorte que deux créances aux taux « égaux » mais écrits autrement gardent chacune le leur.

    ``manquantes`` : les valeurs que ce calcul a demandées sans les trouver (une par paramètre et
    par date), dans l'ordre ; propre à ce barème, donc à un seul calcul.
    """

    __slots__ = ("_taux", "manquantes", "pour", "regles")

    def __init__(self, regles: Regles) -> None:
        self.regles = regles
        self._taux = taux_des_regles(regles)
        self.manquantes: dict[tuple[str, dt.date], RegleNonCouverte] = {}
        self.pour: dict[tuple[str, dt.date], str] = {}
        """La première ligne du calcul (créance, facture) qui a demandé chaque valeur manquante."""

    def _lire(self, identifiant: str, au: dt.date) -> ValeurRegle | None:
        """La valeur en vigueur, ou ``None`` après avoir noté qu'elle manque."""
        try:
            return self.regles.valeur(identifiant, au=au)
        except RegleNonCouverte as exc:
            if exc.identifiant != identifiant:
                raise
            cle = (identifiant, au)
            if self.regles.parametre(identifiant).periodicite == "semestrielle":
                cle = (identifiant, debut_semestre(au))
            self.manquantes.setdefault(cle, exc)
            return None

    def taux(
        self, regime: RegimeDette, jour: dt.date, premier_jour_interets: dt.date
    ) -> tuple[TauxPeriode, dt.date]:
        """(taux que porte le jour ``jour`` une dette soumise à ``regime``, dernier jour où ce
        taux vaut). Le seul aiguillage des régimes. Une valeur qui manque est notée dans
        :attr:`manquantes` et la période reçoit un taux provisoire nul (jamais gardé en mémoire) :
        le calcul va au bout pour trouver toutes les valeurs manquantes.

        ``premier_jour_interets`` : premier jour d'intérêts (semestre de départ de la commande
        publique).
        """
        jugement = regime.date_jugement
        if jugement is not None and jour > jugement:
            majoration = regime.date_majoration
            majore = majoration is not None and jour > majoration
            bout = fin_semestre(jour)
            if majoration is not None and not majore and majoration < bout:
                bout = majoration
            return self._jugement(regime.categorie, jour, majore) or _provisoire("jugement"), bout
        nom = regime.nom
        trouve: TauxPeriode | None
        if nom == "taux_legal":
            trouve, bout = self._legal(regime.categorie, jour), fin_semestre(jour)
        elif nom == "penalites_b2b":
            trouve = self._penalites(regime.taux_contractuel, jour, regime.plancher_contrat_muet)
            bout = fin_semestre(jour)
        elif nom == "commande_publique":
            trouve, bout = self._commande_publique(premier_jour_interets), dt.date.max
        elif nom == "taux_conventionnel":
            trouve, bout = self._conventionnel(regime), dt.date.max
        else:
            raise ArgumentInvalide(
                f"régime d'intérêts inconnu : {nom!r} ; régimes connus : taux_legal, "
                "penalites_b2b, commande_publique, taux_conventionnel",
                champ="regime",
            )
        if jugement is not None and jugement < bout:
            bout = jugement
        return trouve or _provisoire(nom), bout

    def _legal(self, categorie: Categorie, jour: dt.date) -> TauxPeriode | None:
        """Taux de l'intérêt légal du semestre de ``jour`` pour la catégorie du créancier."""
        cle: tuple[object, ...] = ("legal", categorie, jour.year, jour.month > 6)
        trouve = self._taux.get(cle)
        if trouve is None:
            v = self._lire(f"interet_legal.{categorie}", jour)
            if v is None:
                return None
            trouve = self._taux[cle] = TauxPeriode(
                _nombre(v), "taux_legal", fondement("taux_legal"), f"taux « {categorie} »", (v,)
            )
        return trouve

    def _penalites(
        self, taux_contractuel: Decimal | None, jour: dt.date, plancher_contrat_muet: bool
    ) -> TauxPeriode | None:
        """Pénalités L441-10 II du semestre de ``jour`` (taux par défaut, ou stipulé relevé au
        plancher)."""
        muet_releve = plancher_contrat_muet and taux_contractuel is None
        cle: tuple[object, ...] = (
            "b2b",
            None if taux_contractuel is None else str(taux_contractuel),
            jour.year,
            jour.month > 6,
            muet_releve,
        )
        trouve = self._taux.get(cle)
        if trouve is None:
            trouve = self._taux_penalites(taux_contractuel, jour, plancher_contrat_muet)
            if trouve is None:
                return None
            self._taux[cle] = trouve
        return trouve

    def _taux_penalites(
        self, taux_contractuel: Decimal | None, jour: dt.date, plancher_contrat_muet: bool
    ) -> TauxPeriode | None:
        """Taux des pénalités L441-10 II pour le semestre de ``jour`` (défaut ou stipulé +
        plancher) ; ``None`` si une valeur employée manque (toutes sont notées).

        Le plancher de 3 × le taux légal « autres » ne lie que le taux stipulé : le taux par
        défaut d'un contrat muet (BCE + 10 points) n'exige pas le taux légal du semestre. S'il est
        connu, la ligne dit quand le plancher dépasse le taux par défaut ; ``plancher_contrat_muet``
        (option) relève alors le contrat muet au plancher, et le taux légal devient exigé.
        """
        debut = debut_semestre(jour)
        v_coef = self._lire("penalites_b2b.plancher_coefficient", jour)
        if taux_contractuel is None:
            v_bce = self._lire("bce.taux_refinancement", debut)
            v_maj = self._lire("penalites_b2b.majoration_points", debut)
            if plancher_contrat_muet:
                v_legal = self._lire("interet_legal.autres", jour)
            else:  # seulement pour le dire : une valeur absente n'empêche rien
                try:
                    v_legal = self.regles.valeur("interet_legal.autres", au=jour)
                except RegleNonCouverte:
                    v_legal = None
            if v_bce is None or v_maj is None or v_coef is None:
                return None
            if plancher_contrat_muet and v_legal is None:
                return None
            taux = _nombre(v_bce) + _nombre(v_maj)
            precision = "L441-10 II : taux BCE au 1er janvier ou au 1er juillet + 10 points"
            valeurs: tuple[ValeurRegle, ...] = (v_bce, v_maj)
            remarque: str | None = None
            if v_legal is not None:
                valeurs = (v_bce, v_maj, v_legal, v_coef)
                plancher = _nombre(v_coef) * _nombre(v_legal)
                if plancher > taux:
                    texte_defaut = (
                        f"taux par défaut {_texte(_nombre(v_bce))} + {_nombre(v_maj):f} points "
                        f"= {_texte(taux)} inférieur au {_texte_plancher(v_coef, v_legal)}"
                    )
                    if plancher_contrat_muet:
                        remarque = (
                            f"{texte_defaut} : contrat muet relevé au plancher (option "
                            "plancher_contrat_muet : le texte ne lie le plancher qu'au taux "
                            "stipulé)"
                        )
                        taux = plancher
                    else:
                        remarque = (
                            f"{texte_defaut} : contrat muet, taux par défaut appliqué (L441-10 II "
                            "lie le plancher au seul taux stipulé par les conditions)"
                        )
        else:
            v_legal = self._lire("interet_legal.autres", jour)
            if v_legal is None or v_coef is None:
                return None
            precision = "L441-10 II : taux stipulé, plancher de 3 × taux légal"
            valeurs = (v_legal, v_coef)
            plancher = _nombre(v_coef) * _nombre(v_legal)
            remarque = None
            if taux_contractuel < plancher:
                taux = plancher
                remarque = (
                    f"taux stipulé {_texte(taux_contractuel)} relevé au "
                    f"{_texte_plancher(v_coef, v_legal)}"
                )
            else:
                taux = taux_contractuel
        return TauxPeriode(
            taux,
            "penalites_b2b",
            fondement("penalites_b2b"),
            _note(precision, remarque),
            valeurs,
            remarque,
        )

    def _commande_publique(self, premier_jour: dt.date) -> TauxPeriode | None:
        """Taux unique des intérêts moratoires : BCE au premier jour du semestre du départ + 8."""
        debut = debut_semestre(premier_jour)
        cle: tuple[object, ...] = ("cp", debut)
        trouve = self._taux.get(cle)
        if trouve is None:
            v_bce = self._lire("bce.taux_refinancement", debut)
            v_maj = self._lire("commande_publique.majoration_points", debut)
            if v_bce is None or v_maj is None:
                return None
            trouve = self._taux[cle] = TauxPeriode(
                _nombre(v_bce) + _nombre(v_maj),
                "commande_publique",
                fondement("commande_publique"),
                "taux BCE au premier jour du semestre de départ + 8 points, un seul taux pour "
                "tout le retard",
                (v_bce, v_maj),
            )
        return trouve

    def _conventionnel(self, regime: RegimeDette) -> TauxPeriode:
        """Taux stipulé hors pénalités L441-10, ou taux du prêt (L312-39) : constant."""
        taux = regime.taux_contractuel
        assert taux is not None
        citations = regime.fondement or fondement("taux_conventionnel")
        note = regime.note or "taux stipulé"
        cle: tuple[object, ...] = ("conventionnel", str(taux), citations, note)
        trouve = self._taux.get(cle)
        if trouve is None:
            trouve = self._taux[cle] = TauxPeriode(taux, "taux_conventionnel", citations, note, ())
        return trouve

    def _jugement(self, categorie: Categorie, jour: dt.date, majore: bool) -> TauxPeriode | None:
        """Taux légal après condamnation (1231-7), majoré de 5 points si ``majore`` (L313-3)."""
        cle: tuple[object, ...] = ("jugement", categorie, debut_semestre(jour), majore)
        trouve = self._taux.get(cle)
        if trouve is None:
            v = self._lire(f"interet_legal.{categorie}", jour)
            if majore:
                v_maj = self._lire("interet_legal.majoration_points", jour)
                if v is None or v_maj is None:
                    return None
                remarque = (
                    "majoration de 5 points : plus de deux mois après le caractère exécutoire"
                )
                trouve = TauxPeriode(
                    _nombre(v) + _nombre(v_maj),
                    "jugement",
                    fondement("jugement", "CMF L313-3"),
                    _note(f"taux « {categorie} » + 5 points", remarque),
                    (v, v_maj),
                    remarque,
                )
            else:
                if v is None:
                    return None
                trouve = TauxPeriode(
                    _nombre(v), "jugement", fondement("jugement"), f"taux « {categorie} »", (v,)
                )
            self._taux[cle] = trouve
        return trouve

    def exiger(self) -> None:
        """Lève une seule ``RegleNonCouverte`` qui liste toutes les valeurs manquantes de ce
        calcul, chacune avec la commande qui l'ajoute ; rien si aucune ne manque."""
        if self.manquantes:
            from contentieux.regles import non_couvertes_ensemble

            erreurs = []
            for cle, exc in self.manquantes.items():
                pour = self.pour.get(cle)
                if pour is not None:
                    exc = exc.precisee(
                        f"{pour} : semestre {exc.semestre} non couvert par les "
                        f"règles. {exc.message}",
                        manquantes=[replace(m, pour=pour) for m in exc.manquantes],
                    )
                erreurs.append(exc)
            raise non_couvertes_ensemble(erreurs)


def _texte_plancher(v_coef: ValeurRegle, v_legal: ValeurRegle) -> str:
    plancher = _nombre(v_coef) * _nombre(v_legal)
    return (
        f"plancher {_nombre(v_coef):f} × taux légal « autres » {_texte(_nombre(v_legal))} "
        f"= {_texte(plancher)}"
    )


def _provisoire(regime: RegimeLigne) -> TauxPeriode:
    """Taux d'une période dont une valeur manque : nul, jamais gardé en mémoire, et le calcul
    qui l'a reçu lève ``RegleNonCouverte`` à la fin (:meth:`Bareme.exiger`)."""
    return TauxPeriode(Decimal(0), regime, fondement(regime), "valeur manquante", ())


def meme_taux(a: TauxPeriode, b: TauxPeriode) -> bool:
    """Deux taux qui se lisent de la même façon sur une ligne (valeur, régime, fondement, note ;
    la note contient la remarque)."""
    return a is b or (
        a.taux == b.taux
        and a.regime == b.regime
        and a.fondement == b.fondement
        and a.note == b.note
    )


def periodes(
    bareme: Bareme,
    regime: RegimeDette,
    debut: dt.date,
    fin: dt.date,
    *,
    premier_jour_interets: dt.date | None = None,
    quoi: Callable[[], str] | None = None,
) -> list[Periode]:
    """Découpe ``(debut, fin]`` en périodes de taux constant selon ``regime`` (une par semestre
    pour le taux légal et les pénalités ; la ligne d'une dette fond ensuite les semestres qui se
    lisent de la même façon). ``premier_jour_interets`` sert à la commande publique."""
    resultat: list[Periode] = []
    courant = debut
    while courant < fin:
        jour = courant + UN_JOUR
        avant = len(bareme.manquantes)
        try:
            taux, bout = bareme.taux(regime, jour, premier_jour_interets or jour)
        except RegleNonCouverte as exc:
            raise _couverture(exc, jour, quoi() if quoi else "décompte") from None
        if len(bareme.manquantes) > avant and quoi is not None:
            for cle in list(bareme.manquantes)[avant:]:
                bareme.pour.setdefault(cle, quoi())
        if bout > fin:
            bout = fin
        resultat.append(Periode(courant, bout, taux))
        courant = bout
    return resultat
