"""Les dossiers de données livrés avec le paquet : ``regles``, ``gabarits``, ``exemples``.

Installés, ils sont copiés dans la roue sous ``contentieux/_donnees/<nom>`` (``pyproject.toml``,
``force-include``) ; lus dans le dépôt, ils sont à sa racine. Ce module est dans le socle : les
règles, les actes et le pilotage trouvent leurs données ici, sans passer par les exemples.

>>> (dossier_donnees("regles") / "sources.yaml").is_file()
True
"""

from __future__ import annotations

from pathlib import Path


def dossier_donnees(nom: str) -> Path:
    """Dossier d'un jeu de données embarqué : ``_donnees/<nom>`` installé, sinon dans le dépôt."""
    paquet = Path(__file__).resolve().parent
    installe = paquet / "_donnees" / nom
    return installe if installe.is_dir() else paquet.parent / nom
