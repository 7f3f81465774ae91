"""Briques communes des résultats : le constat à trois valeurs (remplie, non remplie, inconnue)."""

from __future__ import annotations

from pydantic import Field

from contentieux.modeles.base import Modele


class Constat(Modele):
    """Résultat de l'examen d'une condition.

    ``satisfaite`` vaut ``True`` (remplie), ``False`` (non remplie) ou ``None`` (indéterminée :
    ``faits_manquants`` dit alors quels faits fournir pour conclure).
    """

    condition: str = Field(
        description="Identifiant stable de la condition, par exemple « certitude »."
    )
    intitule: str = Field(description="Intitulé lisible de la condition.")
    satisfaite: bool | None
    motif: str = Field(description="Explication en français.")
    fondements: tuple[str, ...] = Field(description="Articles et décisions sur lesquels il repose.")
    faits_manquants: tuple[str, ...] = ()
    avertissements: tuple[str, ...] = ()
