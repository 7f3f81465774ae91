"""Où se trouve un fait dans le dossier, et quels événements comptent au jour ``au``.

Outils de lecture du dossier partagés par les décisions juridiques (aucune règle de droit ici) :
le chemin d'un champ, pour nommer un fait manquant, et les événements d'un type survenus au plus
tard le jour de l'évaluation.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from contentieux.modeles.creances import Creance, Facture
from contentieux.modeles.dossier import Dossier, _date_evenement

E = TypeVar("E")


def chemin_creance(dossier: Dossier, creance: Creance) -> str:
    """Chemin du champ de la créance dans le dossier, pour nommer un fait manquant."""
    for i, c in enumerate(dossier.creances):
        if c is creance:
            return f"creances[{i}]"
    return f"creances[{dossier.creances.index(creance)}]"


def chemin_facture(
    dossier: Dossier, creance: Creance, facture: Facture, index: int | None = None
) -> str:
    """Chemin d'une facture dans le dossier (« creances[0].factures[2] ») ; ``index`` : sa
    position, quand l'appelant la connaît déjà."""
    if index is None:
        index = next(
            (i for i, f in enumerate(creance.factures) if f is facture),
            None,
        )
        if index is None:
            index = creance.factures.index(facture)
    return f"{chemin_creance(dossier, creance)}.factures[{index}]"


def chemin_evenement(dossier: Dossier, evenement: object) -> str:
    """Chemin d'un événement dans le dossier (« evenements[3] »)."""
    for i, ev in enumerate(dossier.evenements):
        if ev is evenement:
            return f"evenements[{i}]"
    return "evenements"


def evenements(
    dossier: Dossier, type_: type[E], creance: Creance | None = None, *, au: dt.date
) -> list[E]:
    """Événements d'un type, survenus au plus tard le jour ``au``, triés par date."""
    reference = creance.reference if creance is not None else None
    return [e for e in dossier.evenements_de_type(type_, reference) if _date_evenement(e) <= au]


def departement_debiteur(dossier: Dossier) -> str | None:
    """Département du domicile ou du siège du premier débiteur (jours fériés, droit local) ;
    ``None`` si le débiteur demeure à l'étranger (pas de férié local)."""
    return dossier.debiteur.adresse_principale.departement


MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def date_longue(date: dt.date) -> str:
    """Date longue française (« 1er mars 2026 », « 15 janvier 2026 »), sans Babel : le même texte
    que :func:`contentieux.francais.formater_date`, en une fraction de son coût (un dossier de
    10 000 factures en écrit des dizaines de milliers).

    >>> import datetime as dt
    >>> date_longue(dt.date(2026, 3, 1)), date_longue(dt.date(2026, 8, 15))
    ('1er mars 2026', '15 août 2026')
    """
    jour = "1er" if date.day == 1 else str(date.day)
    return f"{jour} {MOIS[date.month - 1]} {date.year}"
