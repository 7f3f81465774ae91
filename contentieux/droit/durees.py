"""Lecture d'une durée entière (années, mois ou jours) dans les règles datées."""

from __future__ import annotations

import datetime as dt

from contentieux.regles import Regles, ValeurRegle


def duree(regles: Regles, identifiant: str, *, au: dt.date) -> tuple[int, ValeurRegle]:
    """Durée entière lue dans les règles au jour ``au``, avec sa valeur datée (fondement)."""
    valeur = regles.valeur(identifiant, au=au)
    nombre = regles.decimal(identifiant, au=au)
    return int(nombre), valeur
