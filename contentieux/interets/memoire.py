"""Mémoires bornées du décompte : un calcul en série retrouve les mêmes taux, régimes et textes.

Une mémoire est un simple dictionnaire ; quand elle dépasse sa taille, elle est vidée (les
entrées se reconstruisent à l'identique). Aucune valeur juridique n'y est inventée : on n'y range
que ce qui a été calculé depuis les règles.
"""

from __future__ import annotations

from typing import Final, TypeVar

K = TypeVar("K")
V = TypeVar("V")

TAILLE_MAX: Final = 10_000


def ranger(memoire: dict[K, V], cle: K, valeur: V, taille: int = TAILLE_MAX) -> V:
    """Range ``valeur`` sous ``cle`` et la rend ; vide d'abord la mémoire si elle est pleine."""
    if len(memoire) > taille:
        memoire.clear()
    memoire[cle] = valeur
    return valeur
