"""Échéancier d'un plan d'apurement : montant, nombre d'échéances, première date, périodicité.

Le principal est réparti en parts égales arrondies au centime inférieur ; **la dernière échéance
prend l'arrondi**, de sorte que la somme des échéances est exactement le montant échelonné. Si un
taux d'intérêt est convenu, chaque échéance porte en plus les intérêts, depuis l'échéance
précédente, du seul **principal** restant dû (jours exacts / 365, arrondis au centime le plus
proche, moitié vers le haut) : les intérêts, pénalités et indemnités échus compris dans la somme
échelonnée ne produisent pas eux-mêmes intérêts, faute de clause de capitalisation (C. civ.
1343-2). Chaque échéance s'impute d'abord sur ces accessoires, puis sur le principal (C. civ.
1343-1) : le principal qui porte intérêt est donc le plus petit du solde restant dû et du principal
de départ (``base_interets``). Sans taux convenu, le plan ne porte pas d'intérêts.

>>> import datetime as dt
>>> from decimal import Decimal
>>> premiere, signature = dt.date(2026, 7, 31), dt.date(2026, 7, 1)
>>> e = calculer_echeancier(Decimal("1000"), 3, premiere, "mensuelle", debut=signature)
>>> [str(x.principal) for x in e], [x.date.isoformat() for x in e]
(['333.33', '333.33', '333.34'], ['2026-07-31', '2026-08-31', '2026-09-30'])
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Literal

from contentieux.delais import ajouter_mois
from contentieux.erreurs import ArgumentInvalide
from contentieux.modeles.base import Modele, Montant

Periodicite = Literal["mensuelle", "bimestrielle", "trimestrielle"]
MOIS_PAR_PERIODE: dict[str, int] = {"mensuelle": 1, "bimestrielle": 2, "trimestrielle": 3}
CENTIME = Decimal("0.01")


class EcheancePlan(Modele):
    """Une échéance du plan."""

    numero: int
    date: dt.date
    principal: Montant
    interets: Montant
    montant: Montant
    solde_apres: Montant


def calculer_echeancier(
    montant: Decimal,
    nombre: int,
    premiere: dt.date,
    periodicite: Periodicite,
    *,
    debut: dt.date,
    taux: Decimal | None = None,
    base_interets: Decimal | None = None,
) -> tuple[EcheancePlan, ...]:
    """Les échéances du plan ; ``debut`` : date de signature (départ des intérêts convenus) ;
    ``base_interets`` : le principal compris dans ``montant`` (à défaut, tout le montant)."""
    if nombre < 1:
        raise ArgumentInvalide("nombre d'échéances : au moins une échéance est attendue")
    if montant <= 0:
        raise ArgumentInvalide("montant échelonné : une somme strictement positive est attendue")
    if premiere < debut:
        raise ArgumentInvalide(
            "date_premiere_echeance : la première échéance précède la signature du plan ; "
            "choisissez une date postérieure"
        )
    part = (montant / nombre).quantize(CENTIME, rounding=ROUND_DOWN)
    pas = MOIS_PAR_PERIODE[periodicite]
    solde = montant
    principal_de_depart = montant if base_interets is None else min(base_interets, montant)
    precedente = debut
    echeances: list[EcheancePlan] = []
    for i in range(nombre):
        date = ajouter_mois(premiere, pas * i)
        principal = solde if i == nombre - 1 else part
        interets = Decimal("0")
        if taux:
            jours = (date - precedente).days
            portant = min(solde, principal_de_depart)
            interets = (portant * taux / 100 * jours / 365).quantize(
                CENTIME, rounding=ROUND_HALF_UP
            )
        solde -= principal
        echeances.append(
            EcheancePlan(
                numero=i + 1,
                date=date,
                principal=principal,
                interets=interets,
                montant=principal + interets,
                solde_apres=solde,
            )
        )
        precedente = date
    return tuple(echeances)
