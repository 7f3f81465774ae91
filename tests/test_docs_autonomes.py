"""Une documentation qui se suffit : chaque commande dans docs/cli.md, aucun renvoi hors du dépôt,
une seule adresse du site."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import yaml
from typer.main import get_command

from contentieux.cli import app
from contentieux.cli.commun import SITE_DOCUMENTATION

RACINE = Path(__file__).resolve().parents[1]


def _commandes() -> list[str]:
    noms: list[str] = []

    def parcourir(commande: Any, prefixe: list[str]) -> None:
        for nom, sous in getattr(commande, "commands", {}).items():
            noms.append(" ".join([*prefixe, nom]))
            parcourir(sous, [*prefixe, nom])

    parcourir(get_command(app), [])
    return noms


def test_docs_cli_documente_chaque_commande() -> None:
    page = (RACINE / "docs" / "cli.md").read_text(encoding="utf-8")
    commandes = _commandes()
    assert len(commandes) >= 20
    absentes = [c for c in commandes if not re.search(rf"contentieux {re.escape(c)}\b", page)]
    assert not absentes, f"commandes absentes de docs/cli.md : {absentes}"


HORS_DU_DEPOT = re.compile(
    r"\bREFERENCE(?:\.md)?\s*(?:§|[a-l]\.\d|[a-l]\b)|\bCONCEPTION\b|NOTES[- ]TECHNIQUES"
    r"|/work/|\.\./shared|shared/droit|droit/REFERENCE"
)
"""Un renvoi à un document de travail qui n'est pas dans le dépôt (référence juridique, notes de
conception ou notes techniques) : ce qui compte en a été ramené dans docs/droit.md et
docs/conception.md."""


def _fichiers_publies() -> list[Path]:
    fichiers = [RACINE / "README.md", *sorted((RACINE / "docs").glob("*.md"))]
    for dossier, motif in (("contentieux", "*.py"), ("gabarits", "*.*"), ("regles", "*.yaml")):
        fichiers += sorted((RACINE / dossier).rglob(motif))
    return [f for f in fichiers if f.suffix in {".md", ".py", ".yaml", ".yml", ".html"}]


def test_aucune_page_ne_renvoie_hors_du_depot() -> None:
    fautes = []
    for fichier in _fichiers_publies():
        for numero, ligne in enumerate(fichier.read_text(encoding="utf-8").splitlines(), 1):
            if HORS_DU_DEPOT.search(ligne):
                fautes.append(f"{fichier.relative_to(RACINE)}:{numero}: {ligne.strip()}")
    assert not fautes, "\n".join(fautes)


def test_les_renvois_aux_points_de_droit_existent() -> None:
    droit = (RACINE / "docs" / "droit.md").read_text(encoding="utf-8")
    ancres = set(re.findall(r'<a id="([a-z0-9]+)"></a>', droit))
    renvois = set()
    for page in (RACINE / "docs").glob("*.md"):
        renvois |= set(re.findall(r"droit\.md#([a-z0-9]+)", page.read_text(encoding="utf-8")))
    for fichier in _fichiers_publies():
        texte = fichier.read_text(encoding="utf-8")
        motif = r"docs/droit\.md,?\s+(?:point\s+)?([a-l])(?:\.(\d+))?(?!\w)"
        renvois |= {f"{m[0]}{m[1]}" for m in re.findall(motif, texte)}
    assert renvois, "aucun renvoi trouvé : le test ne vérifierait rien"
    assert renvois <= ancres, sorted(renvois - ancres)


def test_une_seule_adresse_du_site() -> None:
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))
    assert projet["project"]["urls"]["Documentation"] == SITE_DOCUMENTATION
    mkdocs = yaml.safe_load(
        (RACINE / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/name:", "")
    )
    assert mkdocs["site_url"].rstrip("/") == SITE_DOCUMENTATION
    assert f"<{SITE_DOCUMENTATION}>" in (RACINE / "README.md").read_text(encoding="utf-8")
    rtd = yaml.safe_load((RACINE / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert rtd["version"] == 2
    assert rtd["mkdocs"]["configuration"] == "mkdocs.yml"
    assert rtd["mkdocs"]["fail_on_warning"] is True
    installe = rtd["python"]["install"][0]
    assert installe["path"] == "." and "docs" in installe["extra_requirements"]
    assert "docs" in projet["project"]["optional-dependencies"]
