"""Régime des intérêts de retard d'une créance — module provisoire.

Le régime (taux légal, pénalités C. com. L441-10, intérêts moratoires de la commande publique)
a une seule maison : ``contentieux.droit.regime`` (branche du décompte). Cette fonction, reprise
telle quelle de la recevabilité, sera remplacée par un appel à la fonction partagée.
"""

from __future__ import annotations

from contentieux.droit.qualites import est_b2b
from contentieux.modeles.creances import Creance
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.parties import Qualite


def regime_interets(dossier: Dossier, creance: Creance) -> str:
    """Régime des intérêts de retard effectif (« automatique » résolu d'après les qualités)."""
    if creance.regime_interets != "automatique":
        return creance.regime_interets
    if dossier.debiteur.qualite is Qualite.ACHETEUR_PUBLIC:
        return "commande_publique"
    if est_b2b(dossier):
        return "penalites_b2b"
    return "taux_legal"
