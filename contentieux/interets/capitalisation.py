"""Capitalisation des intérêts (anatocisme, C. civ. 1343-2).

Les intérêts échus, dus au moins pour une année entière, produisent intérêt si le contrat l'a
prévu (``Creance.capitalisation_stipulee``) ou si une décision de justice le précise
(``Jugement.capitalisation_ordonnee``). Convention retenue : à chaque anniversaire, les intérêts
courus et non payés sont ajoutés à la base (« dont intérêts capitalisés » sur les lignes
suivantes). Anniversaires du point de départ des intérêts de la facture si elle est stipulée ; de
la demande en justice (à défaut, du jugement) si elle est ordonnée par le juge
(``Dette.depart_capitalisation``). Jamais en crédit à la consommation (Cass. 1re civ. 9 févr. 2012,
n° 11-14.605 ; 1re civ. 20 avr. 2022, n° 20-23.617). Un paiement imputé sur les intérêts éteint
d'abord les intérêts capitalisés, qui sont les plus anciens.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from contentieux.delais import ajouter_annees
from contentieux.modeles.decompte import Capitalisation

if TYPE_CHECKING:
    from contentieux.interets.etat import Dette

FONDEMENT: Final = "C. civ. 1343-2"


def anniversaire(depart: dt.date, rang: int) -> dt.date:
    """Date de la ``rang``-ième capitalisation : ``rang`` années entières après le départ."""
    return ajouter_annees(depart, rang)


def capitaliser(dette: Dette, date: dt.date) -> None:
    """Ajoute à la base les intérêts échus et impayés d'une dette (une année entière écoulée)."""
    dette.fermer()
    dus = dette.interets_dus()
    nouveaux = dus - dette.capitalise
    dette.rang_capitalisation += 1
    if nouveaux <= 0:
        return
    dette.capitalise = dus
    dette.capitalisations.append(
        Capitalisation.model_construct(
            creance=dette.creance,
            facture=dette.facture,
            date=date,
            montant=nouveaux,
            fondement=FONDEMENT,
        )
    )
