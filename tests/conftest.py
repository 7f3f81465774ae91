"""Fixtures partagées des tests."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.demonstration import Demonstration, lancer_demo


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demonstration:
    """La démonstration, lancée une fois pour toute la session (voir :mod:`tests.demonstration`)."""
    return lancer_demo(tmp_path_factory)


RACINE = Path(__file__).resolve().parents[1]
CACHES = {".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache", "__pycache__"}


def _contenu_du_depot() -> set[str] | None:
    """Les fichiers non suivis du dépôt et les entrées de sa racine (ignorées comprises, comme
    ``contentieux-demo/``), hors caches ; ``None`` hors d'un dépôt git."""
    if shutil.which("git") is None or not (RACINE / ".git").exists():
        return None
    suivis = subprocess.run(
        ["git", "-C", str(RACINE), "ls-files", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
        check=False,
    )
    if suivis.returncode != 0:
        return None
    racine = {p.name + "/" for p in RACINE.iterdir() if p.name not in CACHES}
    return racine | {ligne for ligne in suivis.stdout.splitlines() if ligne}


@pytest.fixture(scope="session", autouse=True)
def _rien_ecrit_dans_le_depot() -> Iterator[None]:
    """Aucun test n'écrit dans le dépôt (la démonstration écrivait ``contentieux-demo/`` dans le
    répertoire courant) : ce qui apparaît pendant la session est une erreur, à la fin."""
    avant = _contenu_du_depot()
    yield
    apres = _contenu_du_depot()
    if avant is not None and apres is not None:
        nouveaux = sorted(apres - avant)
        assert not nouveaux, f"des tests ont écrit dans le dépôt : {nouveaux}"
