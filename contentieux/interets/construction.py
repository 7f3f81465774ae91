"""Construction des résultats d'un décompte sans revalidation (chemin rapide du moteur).

Le moteur fournit **tous** les champs d'un modèle de résultat avec leurs types exacts
(``Decimal`` au centime, ``date``, tuples) : les revalider coûterait plus que les calculer. Les
tests garantissent la conformité par l'aller-retour JSON (``Decompte.model_validate_json(
d.model_dump_json()) == d``). Ce module vit dans le moteur compilé (voir ``hatch_build.py``).
"""

from __future__ import annotations

from typing import Any, Final, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

_nouveau: Final = object.__new__
# Descripteurs des emplacements (``__slots__``) de ``BaseModel`` : les écrire directement évite
# le détour par ``object.__setattr__`` (et par le ``__setattr__`` d'un modèle figé).
_fixer_dict: Final[Any] = vars(BaseModel)["__dict__"].__set__
_fixer_champs: Final[Any] = vars(BaseModel)["__pydantic_fields_set__"].__set__
_fixer_extra: Final[Any] = vars(BaseModel)["__pydantic_extra__"].__set__
_fixer_prive: Final[Any] = vars(BaseModel)["__pydantic_private__"].__set__
_CHAMPS: Final[dict[type[BaseModel], set[str]]] = {}


def construire(cls: type[M], valeurs: dict[str, Any]) -> M:
    """Construit un résultat déjà calculé, sans revalidation ; ``valeurs`` : tous ses champs (le
    dictionnaire devient celui du modèle)."""
    modele: M = _nouveau(cls)
    champs = _CHAMPS.get(cls)
    if champs is None:
        champs = _CHAMPS[cls] = set(cls.model_fields)
    _fixer_dict(modele, valeurs)
    # Tous les champs sont fournis : l'ensemble est partagé (pydantic le copie avant de le
    # modifier, dans model_copy).
    _fixer_champs(modele, champs)
    _fixer_extra(modele, None)
    _fixer_prive(modele, None)
    return modele
