"""Décompte : taux par période, décompte des jours, arrondi, imputation, indemnité de 40 €.

API publique :

- :func:`etablir_decompte` : ce qui est dû sur un dossier à une date, ligne par ligne ;
- :func:`calculer_interets` : les intérêts d'un seul montant entre deux dates ;
- :func:`arrondir` : l'arrondi au centime, au demi supérieur.

Le moteur est en pur Python, sans état d'un appel à l'autre : chaque décompte lit ses taux dans
ses règles et les garde le temps de ce seul calcul. Les arguments sont vérifiés à l'entrée
(``ArgumentInvalide``, en français) ; le calcul se fait dans un contexte décimal local de
précision suffisante (``PRECISION``) pour que chaque total soit exactement la somme de ses
parties.

>>> import datetime as dt
>>> from decimal import Decimal
>>> r = calculer_interets(Decimal("10000"), dt.date(2026, 1, 31), dt.date(2026, 3, 3),
...                       regime="penalites_b2b")
>>> [ligne.calcul for ligne in r.lignes]
['10 000,00 × 12,15 % × 31 / 365 = 103,19']
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable
from decimal import Decimal
from typing import Final, TypeVar, get_args

from contentieux.droit.majoration import fin_delai_majoration
from contentieux.erreurs import ArgumentInvalide, InteretsHorsLimites
from contentieux.interets.arrondi import arrondir
from contentieux.interets.decompte import decompter
from contentieux.interets.etat import Cours, Dette
from contentieux.interets.taux import Categorie, RegimeDette
from contentieux.modeles.decompte import (
    Decompte,
    Interets,
    OptionsDecompte,
    RegimeLigne,
)
from contentieux.modeles.dossier import Dossier
from contentieux.regles import Regles, charger_regles

PRECISION: Final = 60
"""Chiffres significatifs du contexte décimal du calcul : un montant validé (au plus quelques
dizaines de chiffres) et ses intérêts y tiennent exactement ; au-delà de ``LIMITE``, refus."""

LIMITE: Final = Decimal(10) ** 18
"""Plus grand montant qu'un décompte accepte de produire (un milliard de milliards d'euros) :
au-delà (capitalisation à un taux extrême pendant des décennies), ``InteretsHorsLimites``."""

R = TypeVar("R")


def _calculer(calcul: Callable[[], R], quoi: str) -> R:
    """Exécute ``calcul`` dans un contexte décimal local ; un débordement devient une erreur
    claire plutôt qu'une ``decimal.InvalidOperation``."""
    with decimal.localcontext() as contexte:
        contexte.prec = PRECISION
        contexte.rounding = decimal.ROUND_HALF_EVEN
        contexte.traps[decimal.InvalidOperation] = True
        contexte.traps[decimal.Overflow] = True
        try:
            resultat = calcul()
        except (decimal.InvalidOperation, decimal.Overflow) as exc:
            raise InteretsHorsLimites(_message_limite(quoi), cause=type(exc).__name__) from None
    return resultat


def _message_limite(quoi: str) -> str:
    return (
        f"{quoi} : les intérêts dépassent {LIMITE:,} € (capitalisation à un taux extrême sur "
        "une très longue durée ?) ; le décompte refuse de produire un tel montant : vérifiez le "
        "taux stipulé, les dates et la capitalisation du dossier."
    ).replace(",", "\u202f")


def _verifier_limite(montants: list[Decimal], quoi: str) -> None:
    if any(abs(m) > LIMITE for m in montants):
        raise InteretsHorsLimites(_message_limite(quoi))


def _verifier_date(nom: str, valeur: object) -> None:
    if isinstance(valeur, dt.datetime) or not isinstance(valeur, dt.date):
        raise ArgumentInvalide(
            f"{nom} : une date (datetime.date) est attendue, pas {type(valeur).__name__} ; "
            "écrivez par exemple datetime.date(2026, 6, 30) (une date et heure n'est pas admise : "
            "le décompte compte des jours)",
            champ=nom,
        )


def etablir_decompte(
    dossier: Dossier,
    *,
    au: dt.date,
    regles: Regles | None = None,
    options: OptionsDecompte = OptionsDecompte(),  # noqa: B008 (modèle figé, partagé sans risque)
) -> Decompte:
    """Établit le décompte d'un dossier au jour ``au`` (inclus).

    ``regles`` : le jeu de règles (par défaut celui du paquet, avec la surcouche éventuelle) ;
    ``options`` : les choix de convention, un :class:`~contentieux.modeles.decompte.OptionsDecompte`
    validé (diviseur, point de départ du taux légal, décompte des jours, intérêts après jugement,
    plancher du contrat muet, indemnité forfaitaire, frais de recouvrement), documenté une fois
    sur ce modèle et reproduit dans le résultat.

    Lève ``ArgumentInvalide`` pour un argument mal formé, ``RegleNonCouverte`` si un taux manque
    pour une partie de la période, ``FraisInterditsConsommateur`` si des frais de recouvrement
    sont demandés à un débiteur qui n'est pas professionnel, ``InteretsHorsLimites`` si les
    intérêts dépassent ``LIMITE``.
    """
    if not isinstance(dossier, Dossier):
        raise ArgumentInvalide(
            f"dossier : un contentieux.Dossier est attendu, pas {type(dossier).__name__} ; "
            "lisez-le avec contentieux.lecture.lire_dossier ou Dossier.model_validate",
            champ="dossier",
        )
    _verifier_date("au", au)
    options = _verifier_options(options)
    if regles is not None and not isinstance(regles, Regles):
        raise ArgumentInvalide(
            f"regles : un jeu de règles (contentieux.regles.Regles) est attendu, pas "
            f"{type(regles).__name__} ; chargez-le avec contentieux.charger_regles()",
            champ="regles",
        )
    jeu = regles if regles is not None else charger_regles()
    resultat = _calculer(
        lambda: decompter(dossier, au, jeu, options), f"Dossier {dossier.reference}"
    )
    _verifier_limite(
        [resultat.total, resultat.total_interets, resultat.total_penalites],
        f"Dossier {dossier.reference}",
    )
    return resultat


def _choix(nom: str, valeur: object, admis: tuple[str, ...]) -> None:
    if not isinstance(valeur, str) or valeur not in admis:
        raise ArgumentInvalide(
            f"{nom} : {valeur!r} n'est pas une valeur admise ; choisissez parmi "
            + ", ".join(f"« {a} »" for a in admis),
            champ=nom,
            admis=admis,
        )


OPTIONS_SANS_OBJET: Final = (
    "depart_taux_legal",
    "apres_jugement",
    "indemnite_forfaitaire",
    "factures_prescrites",
    "frais_recouvrement",
)
"""Champs d'``OptionsDecompte`` qui n'ont pas d'objet pour un montant isolé (ni mise en demeure,
ni jugement d'un dossier, ni facture) : ``calculer_interets`` les refuse s'ils diffèrent de leur
valeur par défaut, plutôt que de les ignorer en silence."""


def _verifier_options(options: object) -> OptionsDecompte:
    if not isinstance(options, OptionsDecompte):
        raise ArgumentInvalide(
            f"options : un OptionsDecompte est attendu, pas {type(options).__name__} ; écrivez "
            'par exemple options=OptionsDecompte(diviseur="exact")',
            champ="options",
        )
    return options


def calculer_interets(
    montant: Decimal,
    debut: dt.date,
    fin: dt.date,
    *,
    regime: RegimeLigne = "taux_legal",
    categorie: Categorie = "autres",
    taux_contractuel: Decimal | None = None,
    date_executoire: dt.date | None = None,
    regles: Regles | None = None,
    options: OptionsDecompte = OptionsDecompte(),  # noqa: B008 (modèle figé, partagé sans risque)
) -> Interets:
    """Intérêts d'un montant pour les jours ``debut < j <= fin``, ligne par ligne.

    ``regime`` : « taux_legal » (catégorie ``categorie``), « penalites_b2b » (taux par défaut, ou
    ``taux_contractuel`` relevé au plancher), « commande_publique » (taux unique du semestre de
    départ), « taux_conventionnel » (``taux_contractuel``, constant) ou « jugement » (``debut`` =
    date du jugement ; +5 points après le délai de CMF L313-3 compté de ``date_executoire``,
    :func:`contentieux.droit.majoration.fin_delai_majoration`).

    ``options`` : le même :class:`~contentieux.modeles.decompte.OptionsDecompte` que pour
    :func:`etablir_decompte`, validé une fois ; trois de ses champs ont un objet pour un montant
    isolé : ``diviseur``, ``compte_jours`` et ``plancher_contrat_muet`` (ce dernier relève au
    plancher de 3 × le taux légal le taux par défaut des pénalités quand il lui est inférieur,
    2024). Les autres (:data:`OPTIONS_SANS_OBJET`) doivent garder leur valeur par défaut.

    Lève ``ArgumentInvalide`` pour un argument mal formé, ``RegleNonCouverte`` si un taux
    manque.

    >>> r = calculer_interets(Decimal("1000"), dt.date(2026, 1, 1), dt.date(2026, 1, 1))
    >>> r.lignes, r.total
    ((), Decimal('0.00'))
    >>> r = calculer_interets(Decimal("10000"), dt.date(2024, 1, 31), dt.date(2024, 3, 1),
    ...                       options=OptionsDecompte(diviseur="exact"))
    >>> len(r.lignes), r.lignes[0].calcul
    (1, '10 000,00 × 5,07 % × 30 / 366 = 41,56')
    """
    if isinstance(montant, float) or not isinstance(montant, Decimal | str | int):
        raise ArgumentInvalide(
            f"montant : passez un Decimal ou un texte, pas {type(montant).__name__} "
            '(jamais un float) ; écrivez par exemple Decimal("1234.56")',
            champ="montant",
        )
    try:
        montant = Decimal(montant)
    except decimal.InvalidOperation:
        raise ArgumentInvalide(
            f'montant : {montant!r} n\'est pas un nombre ; écrivez par exemple Decimal("1234.56")',
            champ="montant",
        ) from None
    if not montant.is_finite() or montant < 0 or montant != montant.quantize(Decimal("0.01")):
        raise ArgumentInvalide(
            f"montant : {montant} n'est pas un montant en euros positif au centime ; "
            'écrivez par exemple Decimal("1234.56")',
            champ="montant",
        )
    _verifier_date("debut", debut)
    _verifier_date("fin", fin)
    if date_executoire is not None:
        _verifier_date("date_executoire", date_executoire)
    _choix("regime", regime, get_args(RegimeLigne))
    _choix("categorie", categorie, get_args(Categorie))
    options = _verifier_options(options)
    sans_objet = [
        nom
        for nom in OPTIONS_SANS_OBJET
        if getattr(options, nom) != OptionsDecompte.model_fields[nom].default
    ]
    if sans_objet:
        raise ArgumentInvalide(
            f"options : {', '.join(sans_objet)} "
            + ("n'a" if len(sans_objet) == 1 else "n'ont")
            + " pas d'objet pour les intérêts d'un montant isolé (ni dossier, ni mise en "
            "demeure, ni facture) ; laissez ces champs à leur valeur par défaut, ou établissez "
            "le décompte du dossier avec etablir_decompte",
            champ="options",
        )
    if regime == "taux_conventionnel" and taux_contractuel is None:
        raise ArgumentInvalide(
            "taux_contractuel : le régime « taux_conventionnel » demande un taux, par exemple "
            'taux_contractuel=Decimal("8")',
            champ="taux_contractuel",
        )
    jeu = regles if regles is not None else charger_regles()
    return _calculer(
        lambda: _interets(
            jeu, montant, debut, fin, regime, categorie, taux_contractuel, date_executoire, options
        ),
        "Calcul d'intérêts",
    )


def _interets(
    jeu: Regles,
    montant: Decimal,
    debut: dt.date,
    fin: dt.date,
    regime: RegimeLigne,
    categorie: Categorie,
    taux_contractuel: Decimal | None,
    date_executoire: dt.date | None,
    options: OptionsDecompte,
) -> Interets:
    juge = regime == "jugement"
    date_majoration = None
    if juge and date_executoire is not None:
        date_majoration, _ = fin_delai_majoration(date_executoire, regles=jeu, au=debut)
    nom: RegimeLigne = "taux_legal" if juge else regime
    dette = Dette(
        creance="",
        facture=None,
        date_emission=debut,
        date_echeance=debut,
        principal_initial=montant,
        regime=RegimeDette(
            nom=nom,
            categorie=categorie,
            taux_contractuel=taux_contractuel if nom != "taux_legal" else None,
            date_jugement=debut if juge else None,
            date_majoration=date_majoration,
            plancher_contrat_muet=options.plancher_contrat_muet and regime == "penalites_b2b",
        ),
        debut_interets=debut,
        cours=Cours(jeu, options.diviseur),
        jour_de_depart_compte=options.compte_jours == "deux_bornes",
    )
    dette.avancer(fin, clore=True)
    dette.cours.bareme.exiger()  # toutes les valeurs manquantes d'un coup
    lignes = tuple(dette.lignes)
    _verifier_limite([ligne.montant for ligne in lignes], "Calcul d'intérêts")
    return Interets.model_construct(
        lignes=lignes,
        total=sum((ligne.montant for ligne in lignes), start=Decimal("0.00")),
    )


__all__ = ["arrondir", "calculer_interets", "etablir_decompte"]
