"""Date d'exigibilité d'une facture ou d'une échéance (C. civ. 1305, 1305-4).

Une facture est exigible à son échéance ; une dette à terme l'est plus tôt si la déchéance du
terme a été prononcée avant (clause de déchéance mise en œuvre).
"""

from __future__ import annotations

import datetime as dt

from contentieux.modeles.creances import Creance, Facture


def date_exigibilite(echeance: dt.date, date_decheance: dt.date | None) -> dt.date:
    """Date à partir de laquelle le paiement peut être exigé : l'échéance, ou la déchéance du
    terme si elle est antérieure.

    >>> import datetime as dt
    >>> date_exigibilite(dt.date(2026, 5, 10), dt.date(2026, 1, 15))
    datetime.date(2026, 1, 15)
    """
    if date_decheance is not None and date_decheance < echeance:
        return date_decheance
    return echeance


def exigible_le(creance: Creance, facture: Facture, *, au: dt.date) -> dt.date:
    """Date d'exigibilité d'une facture au jour ``au`` (déchéance du terme prononcée comprise)."""
    decheance = creance.date_decheance_terme
    if decheance is not None and decheance > au:
        decheance = None
    return date_exigibilite(facture.date_echeance, decheance)
