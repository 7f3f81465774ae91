"""Propriétés de l'échéancier d'un plan d'apurement (:mod:`contentieux.actes.plan`).

Les intérêts du plan courent sur le seul principal (C. civ. 1343-2) : les accessoires échus
compris dans la somme échelonnée sont payés d'abord (C. civ. 1343-1) et ne portent pas intérêt.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from contentieux.actes.plan import calculer_echeancier

CENTIMES = st.integers(min_value=1, max_value=10_000_000).map(lambda c: Decimal(c) / 100)
SIGNATURE = dt.date(2026, 7, 1)


@given(
    montant=CENTIMES,
    part_principal=st.integers(min_value=0, max_value=100),
    nombre=st.integers(min_value=1, max_value=36),
    taux=st.integers(min_value=1, max_value=2000).map(lambda t: Decimal(t) / 100),
)
def test_interets_sur_le_seul_principal(
    montant: Decimal, part_principal: int, nombre: int, taux: Decimal
) -> None:
    principal = (montant * part_principal / 100).quantize(Decimal("0.01"))
    premiere = dt.date(2026, 7, 31)
    avec_base = calculer_echeancier(
        montant, nombre, premiere, "mensuelle", debut=SIGNATURE, taux=taux, base_interets=principal
    )
    sur_tout = calculer_echeancier(
        montant, nombre, premiere, "mensuelle", debut=SIGNATURE, taux=taux
    )
    # Les parts de la dette font exactement la somme échelonnée, dans les deux calculs.
    assert sum(e.principal for e in avec_base) == montant
    assert [e.principal for e in avec_base] == [e.principal for e in sur_tout]
    # Chaque échéance porte au plus les intérêts du solde entier, et ceux du principal restant.
    solde = montant
    precedente = SIGNATURE
    for e, f in zip(avec_base, sur_tout, strict=True):
        assert e.interets <= f.interets
        portant = min(solde, principal)
        jours = (e.date - precedente).days
        attendu = (portant * taux / 100 * jours / 365).quantize(Decimal("0.01"), "ROUND_HALF_UP")
        assert e.interets == attendu
        solde -= e.principal
        precedente = e.date
    # Sans accessoires (tout est principal), le calcul est celui du solde entier.
    if principal == montant:
        assert avec_base == sur_tout
    # Sans principal (que des accessoires), aucun intérêt (C. civ. 1343-2).
    if principal == 0:
        assert all(e.interets == 0 for e in avec_base)
