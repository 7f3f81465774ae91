"""Capitalisation des intérêts (anatocisme, C. civ. 1343-2).

Les intérêts échus, dus au moins pour une année entière, produisent intérêt si le contrat l'a
prévu (``Creance.capitalisation_stipulee``) ou si une décision de justice le précise
(``Jugement.capitalisation_ordonnee``). Convention retenue : à chaque anniversaire, les intérêts
courus et non payés sont ajoutés à la base (« dont intérêts capitalisés » sur les lignes
suivantes). Anniversaires du point de départ des intérêts de la facture si elle est stipulée ; de
la demande en justice (à défaut, du jugement) si elle est ordonnée par le juge
(``Dette.depart_capitalisation``, dans :mod:`contentieux.interets.etat`, qui appelle ce
module). Jamais en crédit à la consommation (Cass. 1re civ. 9 févr. 2012, n° 11-14.605 ; 1re civ.
20 avr. 2022, n° 20-23.617). Un paiement imputé sur les intérêts éteint
d'abord les intérêts capitalisés, qui sont les plus anciens.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from contentieux.delais import ajouter_annees
from contentieux.modeles.decompte import Capitalisation

FONDEMENT: Final = "C. civ. 1343-2"


def anniversaire(depart: dt.date, rang: int) -> dt.date:
    """Date de la ``rang``-ième capitalisation : ``rang`` années entières après le départ."""
    return ajouter_annees(depart, rang)


def nouvelle_capitalisation(
    *,
    creance: str,
    facture: str | None,
    date: dt.date,
    interets_dus: Decimal,
    deja_capitalises: Decimal,
) -> Capitalisation | None:
    """Les intérêts échus et impayés qui s'ajoutent à la base à l'anniversaire ``date`` (une année
    entière écoulée) : ceux qui ne l'ont pas déjà été ; ``None`` s'il n'y en a pas de nouveaux.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> ajout = nouvelle_capitalisation(
    ...     creance="C1", facture="F1", date=dt.date(2026, 3, 1),
    ...     interets_dus=Decimal("120.00"), deja_capitalises=Decimal("100.00"),
    ... )
    >>> ajout.montant, ajout.fondement
    (Decimal('20.00'), 'C. civ. 1343-2')
    """
    nouveaux = interets_dus - deja_capitalises
    if nouveaux <= 0:
        return None
    return Capitalisation.model_construct(
        creance=creance, facture=facture, date=date, montant=nouveaux, fondement=FONDEMENT
    )
