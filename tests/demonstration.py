"""La démonstration ``contentieux demo``, lancée une seule fois pour toute la suite.

Elle produit, signe et vérifie tous les actes de tous les exemples : c'est la commande la plus
longue. La fixture de session :func:`tests.conftest.demo` la lance dans un dossier temporaire
(jamais dans le dépôt) ; chaque test qui en a besoin lit son résultat.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Demonstration:
    """Ce que ``contentieux demo`` a produit : code de sortie, sorties et dossier des fichiers."""

    code: int
    sortie: str
    erreur: str
    dossier: Path


def lancer_demo(tmp_path_factory: pytest.TempPathFactory) -> Demonstration:
    """Lance ``contentieux demo -o DOSSIER`` à 80 colonnes, sans surcouche de règles."""
    from typer.testing import CliRunner

    from contentieux.cli import app

    dossier = tmp_path_factory.mktemp("demo") / "sortie"
    donnees = tmp_path_factory.mktemp("xdg-demo")
    resultat = CliRunner().invoke(
        app,
        ["demo", "-o", str(dossier)],
        env={"COLUMNS": "80", "XDG_DATA_HOME": str(donnees), "CONTENTIEUX_REGLES": None},
    )
    return Demonstration(resultat.exit_code, resultat.stdout, resultat.stderr, dossier)
