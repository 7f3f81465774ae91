"""Procédures déjà engagées : titres exécutoires obtenus, instances en cours.

Une créance déjà portée devant un juge n'est pas portée une seconde fois (CPC 100,
litispendance) ; un titre exécutoire s'exécute.
"""

from __future__ import annotations

import datetime as dt

from contentieux.droit.faits import evenements
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import Jugement


def titres_executoires(dossier: Dossier, *, au: dt.date) -> dict[str, Jugement]:
    """Jugements exécutoires au jour ``au``, par référence de créance."""
    titres: dict[str, Jugement] = {}
    for creance in dossier.creances:
        for jugement in evenements(dossier, Jugement, creance, au=au):
            if (
                jugement.date_caractere_executoire is not None
                and jugement.date_caractere_executoire <= au
            ):
                titres[creance.reference] = jugement
    return titres
