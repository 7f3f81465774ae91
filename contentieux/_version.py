"""La version du paquet, lue dans ses métadonnées installées (``pyproject.toml`` la déclare).

Un seul endroit pour la version, dans le socle : les modules qui l'écrivent (règles, actes, lots,
commande) l'importent d'ici plutôt que de la racine du paquet, qu'aucun module n'importe.

>>> from importlib import metadata
>>> __version__ == metadata.version("contentieux")
True
"""

from __future__ import annotations

from importlib import metadata

try:
    __version__: str = metadata.version("contentieux")
except metadata.PackageNotFoundError:  # source lue sans installation
    __version__ = "0+inconnue"

__all__ = ["__version__"]
