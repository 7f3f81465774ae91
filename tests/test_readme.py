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


def test_le_readme_ne_parle_plus_de_compilation() -> None:
    texte = (RACINE / "README.md").read_text(encoding="utf-8")
    assert "mypyc" not in texte
    assert "CONTENTIEUX_SANS_COMPILATION" not in texte


def test_le_readme_presente_les_commandes_et_le_site() -> None:
    texte = (RACINE / "README.md").read_text(encoding="utf-8")
    for commande in ("exemple", "valider", "decompte", "verifier", "regles", "schema", "demo"):
        assert f"contentieux {commande}" in texte, commande
    from contentieux.cli.commun import SITE_DOCUMENTATION

    assert SITE_DOCUMENTATION in texte


def test_la_page_demarrer_reprend_les_deux_commandes() -> None:
    readme = _blocs_bash((RACINE / "README.md").read_text(encoding="utf-8"))[:2]
    demarrer = _blocs_bash((RACINE / "docs" / "demarrer.md").read_text(encoding="utf-8"))[:2]
    assert demarrer == readme


def test_le_site_mkdocs_reference_des_pages_existantes() -> None:
    import yaml

    class Chargeur(yaml.SafeLoader):
        pass

    # mkdocs.yml peut contenir des balises !!python/name : on les ignore ici.
    Chargeur.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    config = yaml.load((RACINE / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Chargeur)
    assert config["docs_dir"] == "docs"
    pages = [next(iter(p.values())) for p in config["nav"]]
    for page in pages:
        assert (RACINE / "docs" / page).is_file(), page
    for attendue in ("index.md", "demarrer.md", "cli.md", "api.md", "modeles.md", "regles.md"):
        assert attendue in pages
