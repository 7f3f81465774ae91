"""Pilotage du poste clients : indicateurs (balance âgée, DSO, ADD, CEI…), scénarios de relance
conscients du droit, agenda et rapport.

Les indicateurs ne dépendent que des modèles ; l'agenda consulte la recevabilité
(:func:`contentieux.recevabilite.verifier_recevabilite`) avant toute étape du scénario.
"""

from contentieux.pilotage.agenda import Agenda, DecisionAgenda, etablir_agenda
from contentieux.pilotage.grand_livre import (
    Avoir,
    GrandLivre,
    construire_grand_livre,
    lire_grand_livre,
)
from contentieux.pilotage.indicateurs import (
    BalanceAgee,
    Indicateur,
    Indicateurs,
    balance_agee,
    calculer_indicateurs,
    cei,
    dso_epuisement,
    dso_ratio,
    meilleur_dso,
    recouvrement,
    taux_reussite_plans,
)
from contentieux.pilotage.scenario import Scenario, lire_scenario

__all__ = [
    "Agenda",
    "Avoir",
    "BalanceAgee",
    "DecisionAgenda",
    "GrandLivre",
    "Indicateur",
    "Indicateurs",
    "Scenario",
    "balance_agee",
    "calculer_indicateurs",
    "cei",
    "construire_grand_livre",
    "dso_epuisement",
    "dso_ratio",
    "etablir_agenda",
    "lire_grand_livre",
    "lire_scenario",
    "meilleur_dso",
    "recouvrement",
    "taux_reussite_plans",
]
