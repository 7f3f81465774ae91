"""Montant de la demande : le principal exigible, non prescrit, restant dû au jour ``au``.

C'est lui qui décide des seuils (petites créances, CPC 750-1, contribution pour la justice
économique) et du libellé de la demande. Les paiements y sont imputés par l'imputation partagée
(C. civ. 1342-10) ; les factures prescrites ou forcloses en sont retirées, jamais réclamées en
silence (C. civ. 2249).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from contentieux.droit.exigibilite import exigible_le
from contentieux.droit.imputation_factures import Cle, imputer_paiements
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.recevabilite import DetailPrescription


def principal_utile(
    dossier: Dossier,
    *,
    au: dt.date,
    prescrites: frozenset[Cle] = frozenset(),
) -> Decimal:
    """Principal exigible et non prescrit restant dû au jour ``au``.

    Seules comptent les factures échues (exigibles le lendemain de l'échéance, ou après la
    déchéance du terme prononcée) et non prescrites (``prescrites`` : couples référence de la
    créance, numéro de facture), moins les paiements qui leur sont imputés. Hors intérêts et
    frais.
    """
    imputations = imputer_paiements(dossier, au=au)
    total = Decimal("0")
    for creance in dossier.creances:
        for facture in creance.factures:
            cle = (creance.reference, facture.numero)
            if cle in prescrites or exigible_le(creance, facture, au=au) >= au:
                continue
            paye = sum((part for _p, part in imputations[cle]), start=Decimal("0"))
            total += max(facture.montant_ttc - paye, Decimal("0"))
    return total


def prescrites(prescriptions: tuple[DetailPrescription, ...]) -> frozenset[Cle]:
    """Couples (créance, facture) prescrits ou forclos d'après le détail de la prescription."""
    return frozenset(
        (f.creance, f.numero) for d in prescriptions for f in d.par_facture if f.prescrite
    )
