"""Décompte : taux par période, décompte des jours, arrondi, imputation, indemnité de 40 €.

API publique :

- :func:`etablir_decompte` : ce qui est dû sur un dossier à une date, ligne par ligne ;
- :func:`calculer_interets` : les intérêts d'un seul montant entre deux dates ;
- :func:`arrondir` : l'arrondi au centime, au demi supérieur.

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
from contentieux.interets.decompte import etablir_decompte
from contentieux.interets.etat import Cours, Dette
from contentieux.interets.taux import Categorie, RegimeDette
from contentieux.modeles.decompte import (
    CompteJours,
    Diviseur,
    Interets,
    RegimeLigne,
    construire,
)
from contentieux.regles import Regles, charger_regles


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
        lignes=lignes,
        total=sum((ligne.montant for ligne in lignes), start=Decimal("0.00")),
    )


__all__ = ["arrondir", "calculer_interets", "etablir_decompte"]
