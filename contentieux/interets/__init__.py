"""Décompte : taux par période, décompte des jours, arrondi, imputation, indemnité de 40 €.

API publique :

- :func:`etablir_decompte` : ce qui est dû sur un dossier à une date, ligne par ligne ;
- :func:`calculer_interets` : les intérêts d'un seul montant entre deux dates ;
- :func:`arrondir` : l'arrondi au centime, au demi supérieur.

Ce module reste en pur Python : il vérifie les arguments reçus (dossier, date, options validées
par pydantic, avec des messages en français) avant d'appeler le moteur (les autres modules du
paquet), que la roue compile avec mypyc (voir ``hatch_build.py``).

>>> import datetime as dt
>>> from decimal import Decimal
>>> r = calculer_interets(Decimal("10000"), dt.date(2026, 1, 31), dt.date(2026, 3, 3),
...                       regime="penalites_b2b")
>>> [ligne.calcul for ligne in r.lignes]
['10 000,00 × 12,15 % × 31 / 365 = 103,19']
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from contentieux.interets.arrondi import arrondir
from contentieux.interets.construction import construire
from contentieux.interets.decompte import decompter
from contentieux.interets.etat import Cours, Dette
from contentieux.interets.memoire import ranger
from contentieux.interets.taux import Categorie, RegimeDette
from contentieux.modeles.decompte import (
    ApresJugement,
    CompteJours,
    Decompte,
    DepartTauxLegal,
    Diviseur,
    Interets,
    OptionsDecompte,
    RegimeLigne,
)
from contentieux.modeles.dossier import Dossier
from contentieux.regles import Regles, charger_regles

_OPTIONS: dict[tuple[object, ...], OptionsDecompte] = {}


def _options(
    diviseur: Diviseur,
    depart_taux_legal: DepartTauxLegal,
    indemnite_forfaitaire: bool | None,
    frais_recouvrement: Decimal | None,
    compte_jours: CompteJours,
    apres_jugement: ApresJugement,
    plancher_contrat_muet: bool,
) -> OptionsDecompte:
    """Les ``OptionsDecompte`` validées, mémorisées (modèle figé, partagé entre décomptes).

    La clé garde le type de chaque argument : ``Decimal("40")`` et ``Decimal("40.0")`` (ou un
    texte) restent distincts, leur validation et leur JSON pouvant différer.
    """
    args = (
        diviseur,
        depart_taux_legal,
        indemnite_forfaitaire,
        frais_recouvrement,
        compte_jours,
        apres_jugement,
        plancher_contrat_muet,
    )
    cle = (*args, *map(type, args), str(frais_recouvrement))
    try:
        options = _OPTIONS.get(cle)
    except TypeError:  # argument non hachable : la validation dira ce qui ne va pas
        options, cle = None, ()
    if options is None:
        options = OptionsDecompte(
            diviseur=diviseur,
            depart_taux_legal=depart_taux_legal,
            indemnite_forfaitaire=indemnite_forfaitaire,
            frais_recouvrement=frais_recouvrement,
            compte_jours=compte_jours,
            apres_jugement=apres_jugement,
            plancher_contrat_muet=plancher_contrat_muet,
        )
        if cle:
            ranger(_OPTIONS, cle, options)
    return options


def etablir_decompte(
    dossier: Dossier,
    *,
    au: dt.date,
    regles: Regles | None = None,
    diviseur: Diviseur = "365",
    depart_taux_legal: DepartTauxLegal = "reception",
    indemnite_forfaitaire: bool | None = None,
    frais_recouvrement: Decimal | None = None,
    compte_jours: CompteJours = "debut_exclu",
    apres_jugement: ApresJugement = "regime",
    plancher_contrat_muet: bool = False,
) -> Decompte:
    """Établit le décompte d'un dossier au jour ``au`` (inclus).

    ``diviseur`` : « 365 » (par défaut) ou « exact » ; ``depart_taux_legal`` : les intérêts au taux
    légal courent à compter de la réception de la mise en demeure (« reception », ou sa date
    d'effet) ou de son envoi (« envoi ») ; ``indemnite_forfaitaire`` : None (automatique), True
    (demandée expressément), False (non réclamée) ; ``frais_recouvrement`` : frais justifiés
    au-delà de 40 € ; ``compte_jours`` : « debut_exclu » (le jour de départ ne compte pas) ou
    « deux_bornes » (il compte aussi) ; ``apres_jugement`` : « regime » (pénalités, taux stipulé
    et intérêts de la commande publique continuent après jugement, seul le taux légal bascule en
    intérêts 1231-7 majorables) ou « taux_legal » (le jugement a alloué le taux légal) ;
    ``plancher_contrat_muet`` : le plancher de 3 × le taux légal s'applique aussi au taux par
    défaut des pénalités d'un contrat muet. Lève ``RegleNonCouverte`` si un taux manque pour une
    partie de la période, ``FraisInterditsConsommateur`` si des frais de recouvrement sont
    demandés à un débiteur qui n'est pas professionnel.
    """
    if not isinstance(dossier, Dossier):
        raise TypeError(
            f"dossier : un contentieux.Dossier est attendu, pas {type(dossier).__name__} ; "
            "lisez-le avec contentieux.lecture.lire_dossier ou Dossier.model_validate"
        )
    if not isinstance(au, dt.date):
        raise TypeError(
            f"au : une date est attendue, pas {type(au).__name__} ; "
            "écrivez par exemple au=datetime.date(2026, 6, 30)"
        )
    options = _options(
        diviseur,
        depart_taux_legal,
        indemnite_forfaitaire,
        frais_recouvrement,
        compte_jours,
        apres_jugement,
        plancher_contrat_muet,
    )
    return decompter(dossier, au, regles if regles is not None else charger_regles(), options)


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
    diviseur: Diviseur = "365",
    compte_jours: CompteJours = "debut_exclu",
    plancher_contrat_muet: bool = False,
) -> Interets:
    """Intérêts d'un montant pour les jours ``debut < j <= fin``, ligne par ligne.

    ``regime`` : « taux_legal » (catégorie ``categorie``), « penalites_b2b » (taux par défaut, ou
    ``taux_contractuel`` relevé au plancher), « commande_publique » (taux unique du semestre de
    départ) ou « jugement » (``debut`` = date du jugement ; +5 points après ``date_executoire``
    + 2 mois). ``compte_jours="deux_bornes"`` compte aussi le jour ``debut`` ;
    ``plancher_contrat_muet`` relève au plancher de 3 × le taux légal le taux par défaut des
    pénalités quand il lui est inférieur (2024). Lève ``RegleNonCouverte`` si un taux manque.

    >>> r = calculer_interets(Decimal("1000"), dt.date(2026, 1, 1), dt.date(2026, 1, 1))
    >>> r.lignes, r.total
    ((), Decimal('0.00'))
    """
    if isinstance(montant, float):
        raise TypeError("montant : passez un Decimal ou un texte, jamais un float")
    montant = Decimal(montant)
    if montant < 0 or montant != montant.quantize(Decimal("0.01")):
        raise ValueError(
            f"montant : {montant} n'est pas un montant en euros positif au centime ; "
            'écrivez par exemple Decimal("1234.56")'
        )
    jeu = regles if regles is not None else charger_regles()
    juge = regime == "jugement"
    date_majoration = None
    if juge and date_executoire is not None:
        delai = jeu.decimal("interet_legal.majoration_delai_mois", au=debut)
        from contentieux.delais import ajouter_mois

        date_majoration = ajouter_mois(date_executoire, int(delai))
    dette = Dette(
        creance="",
        facture="",
        date_emission=debut,
        date_echeance=debut,
        principal_initial=montant,
        regime=RegimeDette(
            nom="taux_legal" if juge else regime,
            categorie=categorie,
            taux_contractuel=taux_contractuel,
            date_jugement=debut if juge else None,
            date_majoration=date_majoration,
            plancher_contrat_muet=plancher_contrat_muet and regime == "penalites_b2b",
        ),
        debut_interets=debut,
        cours=Cours(jeu, diviseur),
        jour_de_depart_compte=compte_jours == "deux_bornes",
    )
    dette.avancer(fin, clore=True)
    lignes = tuple(
        ligne.model_copy(update={"creance": "", "facture": None}) for ligne in dette.lignes
    )
    return construire(
        Interets,
        {
            "lignes": lignes,
            "total": sum((ligne.montant for ligne in lignes), start=Decimal("0.00")),
        },
    )


__all__ = ["arrondir", "calculer_interets", "etablir_decompte"]
