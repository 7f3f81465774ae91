"""Liquidité : la créance est une somme d'argent déterminée.

L'injonction de payer suppose un « montant déterminé », fixé par les stipulations du contrat, clause
pénale comprise (CPC 1405 1°). Ne le sont pas : des dommages-intérêts à évaluer par le juge, ni
l'engagement d'une caution, dont le montant dépend de la dette garantie et ne se lit pas dans le
seul contrat (Cass. com. 19 mai 2015, n° 14-16.888).
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from contentieux.francais import formater_montant as euros
from contentieux.modeles.creances import NatureCreance
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.resultats import Constat

CONDITION = "liquidite"
INTITULE = "Créance liquide (somme d'argent déterminée)"
FONDEMENTS = ("CPC 1405", "CPCE L111-2")

_NON_LIQUIDES = {
    NatureCreance.DOMMAGES_INTERETS: (
        "des dommages-intérêts dont le montant doit être évalué par le juge"
    ),
    NatureCreance.CAUTIONNEMENT: (
        "l'engagement d'une caution, dont le montant dépend de la dette principale et ne se "
        "déduit pas du seul contrat (Cass. com. 19 mai 2015, n° 14-16.888)"
    ),
}


_constat = partial(Constat, condition=CONDITION, intitule=INTITULE)
"""Constat de cette condition (identifiant et intitulé fixés)."""


def verifier_liquidite(dossier: Dossier, *, au: dt.date) -> Constat:
    """Vérifie que chaque créance est une somme d'argent déterminée."""
    del au  # la liquidité ne dépend pas de la date
    echecs = [
        f"{c.reference} porte sur {_NON_LIQUIDES[c.nature]}"
        for c in dossier.creances
        if c.nature in _NON_LIQUIDES
    ]
    if echecs:
        return _constat(
            satisfaite=False,
            motif="Montant non déterminé : " + " ; ".join(echecs) + ".",
            fondements=FONDEMENTS,
        )
    avertissements = [
        f"{c.reference} : la clause pénale stipulée fait partie du montant déterminé par le "
        "contrat (CPC 1405), mais le juge peut la modérer (C. civ. 1231-5)"
        for c in dossier.creances
        if c.clause_penale is not None
    ]
    detail = " ; ".join(f"{c.reference} : {euros(c.principal)}" for c in dossier.creances)
    return _constat(
        satisfaite=True,
        motif=f"Sommes d'argent déterminées par les factures ou échéances ({detail}).",
        fondements=FONDEMENTS,
        avertissements=tuple(avertissements),
    )
