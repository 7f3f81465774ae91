"""Clause pénale (C. civ. 1231-5), sur sa propre ligne.

Montant fixe, ou pourcentage du principal de la créance (total TTC de ses factures), arrondi au
centime. Elle n'est due que si la créance a été payée en retard ou reste impayée après échéance.
Le juge peut la modérer si elle est manifestement excessive (1231-5 al. 2) ; contre un consommateur,
une clause qui mettrait en réalité à sa charge des frais de recouvrement serait réputée non écrite
(CPCE L111-8 al. 2) : la ligne le rappelle.
"""

from __future__ import annotations

from typing import Final

from contentieux.interets.arrondi import arrondir
from contentieux.modeles.creances import Creance
from contentieux.modeles.decompte import ClausePenaleLigne

FONDEMENT: Final = "C. civ. 1231-5"
CENT: Final = 100


def ligne_clause_penale(creance: Creance, debiteur_professionnel: bool) -> ClausePenaleLigne | None:
    """La ligne de clause pénale d'une créance, ou None si elle n'en stipule pas."""
    clause = creance.clause_penale
    if clause is None:
        return None
    note = None
    if not debiteur_professionnel:
        note = (
            "débiteur non professionnel : le juge peut modérer la clause (C. civ. 1231-5) ; elle "
            "ne peut pas couvrir des frais de recouvrement (CPCE L111-8 al. 2)"
        )
    if clause.montant is not None:
        return ClausePenaleLigne.model_construct(
            creance=creance.reference,
            base=None,
            pourcentage=None,
            montant=clause.montant,
            fondement=FONDEMENT,
            note=note,
        )
    assert clause.pourcentage is not None
    base = creance.principal
    return ClausePenaleLigne.model_construct(
        creance=creance.reference,
        base=base,
        pourcentage=clause.pourcentage,
        montant=arrondir(base * clause.pourcentage / CENT),
        fondement=FONDEMENT,
        note=note,
    )
