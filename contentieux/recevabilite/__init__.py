"""Recevabilité d'une créance : certaine, liquide, exigible, non prescrite ; voie, juridiction,
calendrier.

Chaque condition est un module qui rend un :class:`~contentieux.modeles.resultats.Constat` à trois
valeurs (remplie, non remplie, indéterminée avec ses faits manquants) ;
:func:`verifier_recevabilite` les réunit en un rapport
:class:`~contentieux.modeles.recevabilite.Recevabilite`.
"""

from contentieux.recevabilite.verification import (
    CONDITIONS_RECEVABILITE,
    exiger_recevabilite,
    verifier_recevabilite,
)

__all__ = ["CONDITIONS_RECEVABILITE", "exiger_recevabilite", "verifier_recevabilite"]
