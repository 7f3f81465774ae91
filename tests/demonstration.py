"""La démonstration ``contentieux demo``, lancée une seule fois pour toute la suite.

Elle produit, signe et vérifie tous les actes de tous les exemples : c'est la commande la plus
longue. La fixture de session :func:`tests.conftest.demo` la lance une fois dans le dossier
temporaire de pytest (jamais dans le dépôt), même avec plusieurs processus de test ; chaque test
qui en a besoin lit son résultat.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

try:
    import fcntl
except ImportError:  # hors POSIX : chaque processus de test lance sa démonstration
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Demonstration:
    """Ce que ``contentieux demo`` a produit : code de sortie, sorties et dossier des fichiers."""

    code: int
    sortie: str
    erreur: str
    dossier: Path


def lancer_demo(tmp_path_factory: pytest.TempPathFactory) -> Demonstration:
    """Lance ``contentieux demo -o DOSSIER`` à 80 colonnes, sans surcouche de règles, une seule
    fois pour toute la suite : avec pytest-xdist, chaque processus de test a sa session ; le
    premier qui en a besoin lance la démonstration sous un verrou et écrit son résultat dans le
    dossier temporaire commun, les autres le relisent."""
    racine = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        racine = racine.parent  # dossier commun aux processus de la même exécution
    with open(racine / "demo.verrou", "a", encoding="utf-8") as verrou:
        if fcntl is not None:
            fcntl.flock(verrou, fcntl.LOCK_EX)
        resultat = racine / "demo.json"
        if resultat.is_file():
            donnees = json.loads(resultat.read_text(encoding="utf-8"))
            return Demonstration(**{**donnees, "dossier": Path(donnees["dossier"])})
        demo = _lancer(racine / "demo" / "sortie", racine / "xdg-demo")
        resultat.write_text(
            json.dumps({**asdict(demo), "dossier": str(demo.dossier)}), encoding="utf-8"
        )
        return demo


def _lancer(dossier: Path, donnees: Path) -> Demonstration:
    from typer.testing import CliRunner

    from contentieux.cli import app

    donnees.mkdir(parents=True, exist_ok=True)
    resultat = CliRunner().invoke(
        app,
        ["demo", "-o", str(dossier)],
        env={"COLUMNS": "80", "XDG_DATA_HOME": str(donnees), "CONTENTIEUX_REGLES": None},
    )
    return Demonstration(resultat.exit_code, resultat.stdout, resultat.stderr, dossier)
