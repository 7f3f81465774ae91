"""Le README commence par les deux commandes promises, et la CI lance la même commande de test."""

from __future__ import annotations

import re
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]


def _blocs_bash(texte: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```", texte, flags=re.S)]


def test_le_readme_commence_par_deux_commandes() -> None:
    texte = (RACINE / "README.md").read_text(encoding="utf-8")
    avant_prose = texte.split("La première commande")[0]
    blocs = _blocs_bash(avant_prose)
    assert len(blocs) == 2
    demo, tests = blocs
    assert "contentieux demo" in demo and "pip install" in demo
    assert "pytest" in tests and ".[test]" in tests


def test_la_ci_lance_la_commande_de_test_du_readme() -> None:
    texte = (RACINE / "README.md").read_text(encoding="utf-8")
    commande_tests = _blocs_bash(texte)[1]
    ci = (RACINE / ".ci" / "run").read_text(encoding="utf-8")
    lignes = [ligne.strip() for ligne in ci.splitlines()]
    assert commande_tests in lignes


def test_le_readme_contient_un_paragraphe_en_anglais() -> None:
    texte = (RACINE / "README.md").read_text(encoding="utf-8")
    assert "*In English:*" in texte
