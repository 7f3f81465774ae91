"""contentieux — recouvrement de créances en droit français.

Qualifier une créance (recevabilité), compter ce qui est dû (décompte), produire et signer les
actes, le tout par lots. Les parties lourdes (WeasyPrint, docxtpl, pyHanko, Dask) ne sont importées
qu'à l'usage : ``import contentieux`` reste rapide.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# Nom public -> module qui le définit ; chargé à la première utilisation.
_API: dict[str, str] = {
    "charger_regles": "contentieux.regles",
    "Regles": "contentieux.regles",
    "Dossier": "contentieux.modeles",
    "etablir_decompte": "contentieux.interets",
    "calculer_interets": "contentieux.interets",
    "verifier_recevabilite": "contentieux.recevabilite",
    "exiger_recevabilite": "contentieux.recevabilite",
}

__all__ = ["__version__", *_API]


def __getattr__(nom: str) -> Any:
    if nom in _API:
        return getattr(import_module(_API[nom]), nom)
    raise AttributeError(f"module 'contentieux' has no attribute {nom!r}")
