"""Exigibilité d'une facture ou d'une échéance : une seule règle pour toutes les couches.

**Le jour de l'échéance ne compte pas.** Une facture payable le 10 peut être payée jusqu'à la fin
du 10 : elle n'est pas en retard ce jour-là. Elle est **exigible le 11**, lendemain de son
échéance : c'est le jour où les pénalités de retard deviennent exigibles (C. com. L441-10 II :
« le jour suivant la date de règlement figurant sur la facture »), où court le premier jour
d'intérêts (le décompte exclut le jour de départ) et où l'indemnité forfaitaire est due
(D441-5). C'est aussi ce que décidaient, chacun à la main, tous les appelants (recevabilité,
grand livre, agenda, indicateurs : ``date_echeance < au``) ; :func:`est_exigible` et
:func:`exigible_le` le décident désormais pour eux.

Une dette à terme est exigible plus tôt si la déchéance du terme a été prononcée avant son
échéance (clause de déchéance mise en œuvre, C. civ. 1305-4) : le lendemain de la déchéance.

:func:`date_exigibilite` donne la **date du terme** (l'échéance, ou la déchéance antérieure) :
le dernier jour pour payer à temps, et le point de départ de la prescription, dont le jour même
ne compte pas (C. civ. 2229, 2233).
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Protocol

from contentieux.modeles.creances import Creance, Facture

UN_JOUR: Final = dt.timedelta(days=1)


class AEcheance(Protocol):
    """Ce qui a une date d'échéance : une facture du dossier, une ligne du grand livre, une dette
    du décompte."""

    @property
    def date_echeance(self) -> dt.date: ...


def date_exigibilite(echeance: dt.date, date_decheance: dt.date | None) -> dt.date:
    """Date du terme : l'échéance, ou la déchéance du terme si elle est antérieure ; le dernier
    jour où le débiteur peut encore payer à temps (exigible le lendemain, :func:`exigible_le`).

    >>> import datetime as dt
    >>> date_exigibilite(dt.date(2026, 5, 10), dt.date(2026, 1, 15))
    datetime.date(2026, 1, 15)
    """
    if date_decheance is not None and date_decheance < echeance:
        return date_decheance
    return echeance


def exigible_le(facture: AEcheance, *, decheance: dt.date | None = None) -> dt.date:
    """Premier jour où la facture est exigible : le **lendemain** de son échéance (ou de la
    déchéance du terme ``decheance``, si elle est antérieure).

    >>> import datetime as dt
    >>> from types import SimpleNamespace
    >>> facture = SimpleNamespace(date_echeance=dt.date(2026, 3, 10))
    >>> exigible_le(facture)
    datetime.date(2026, 3, 11)
    >>> exigible_le(facture, decheance=dt.date(2026, 1, 15))
    datetime.date(2026, 1, 16)
    """
    return date_exigibilite(facture.date_echeance, decheance) + UN_JOUR


def est_exigible(facture: AEcheance, au: dt.date, *, decheance: dt.date | None = None) -> bool:
    """Vrai si la facture est exigible (échue, en retard si elle est impayée) le jour ``au`` :
    ``au`` est postérieur à son échéance, le jour de l'échéance lui-même ne comptant pas.

    ``decheance`` : la date de déchéance du terme de sa créance (``date_decheance_terme``) ; une
    déchéance postérieure à ``au`` n'avance rien à ce jour-là.

    >>> import datetime as dt
    >>> from types import SimpleNamespace
    >>> facture = SimpleNamespace(date_echeance=dt.date(2026, 3, 10))
    >>> [est_exigible(facture, dt.date(2026, 3, j)) for j in (9, 10, 11)]
    [False, False, True]
    >>> est_exigible(facture, dt.date(2026, 2, 1), decheance=dt.date(2026, 1, 15))
    True
    """
    return au >= exigible_le(facture, decheance=decheance)


def terme_au(creance: Creance, facture: Facture, *, au: dt.date) -> dt.date:
    """Date du terme d'une facture telle qu'on la connaît le jour ``au`` : son échéance, ou la
    déchéance du terme de sa créance prononcée au plus tard ``au`` si elle est antérieure ; la
    date qu'un motif imprime (« exigible après le … »)."""
    decheance = creance.date_decheance_terme
    if decheance is not None and decheance > au:
        decheance = None
    return date_exigibilite(facture.date_echeance, decheance)
