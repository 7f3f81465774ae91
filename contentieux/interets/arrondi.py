"""Arrondi monétaire : la seule fonction qui arrondit un montant (docs/conception.md §2.3).

Chaque ligne d'un décompte est calculée exactement puis arrondie **au centime, au demi supérieur**
(0,005 € → 0,01 €) ; le total est la somme des lignes arrondies, de sorte qu'un décompte imprimé
tombe toujours juste.

>>> from decimal import Decimal
>>> arrondir(Decimal("103.185"))
Decimal('103.19')
>>> arrondir(Decimal("103.1849"))
Decimal('103.18')
>>> arrondir(Decimal("-0.005"))
Decimal('-0.01')
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Final

CENTIME: Final = Decimal("0.01")


def arrondir(montant: Decimal) -> Decimal:
    """Arrondit au centime, la moitié vers le haut (en valeur absolue)."""
    return montant.quantize(CENTIME, ROUND_HALF_UP)


def tronquer(montant: Decimal) -> Decimal:
    """Tronque au centime inférieur (répartition proportionnelle d'un paiement)."""
    return montant.quantize(CENTIME, ROUND_DOWN)
