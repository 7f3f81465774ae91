"""Une aide en français (paramètres français, jamais un type Python) et la complétion du shell."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from contentieux.cli import app
from contentieux.cli import commun as cli_commun

runner = CliRunner()


def _commandes() -> list[list[str]]:
    chemins: list[list[str]] = [[]]

    def parcourir(commande: Any, prefixe: list[str]) -> None:
        for nom, sous in getattr(commande, "commands", {}).items():
            chemins.append([*prefixe, nom])
            parcourir(sous, [*prefixe, nom])

    parcourir(get_command(app), [])
    return chemins


TYPES_PYTHON = re.compile(
    r"<[^>]*\b(?:list|range|Path|path|str|int|float|bool|datetime|Decimal|NoneType|tuple|"
    r"dict|Optional|Union)\b[^>]*>|\bx\s*[<>]=|\b(?:INTEGER|TEXT|FLOAT|BOOLEAN|PATH|FILENAME)\b"
    r"|\b(?:COMMAND|ARGS)\b"
)
"""Ce que Typer ou Click affichent d'un type Python : ``<list[Path]>``, ``<int range>``,
``[x>=0]``, ``INTEGER``…"""


@pytest.mark.parametrize("chemin", _commandes(), ids=lambda c: " ".join(c) or "contentieux")
def test_l_aide_ne_montre_aucun_type_python(chemin: list[str]) -> None:
    r = runner.invoke(app, [*chemin, "--help"], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.stderr
    trouves = TYPES_PYTHON.findall(r.stdout)
    assert not trouves, trouves


def test_les_bornes_d_un_nombre_sont_dites_en_francais() -> None:
    r = runner.invoke(app, ["lot", "--help"], env={"COLUMNS": "200"})
    assert "--workers" in r.stdout and "<entier> [≥ 0]" in r.stdout


def test_options_de_completion_en_francais() -> None:
    r = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert r.exit_code == 0
    assert "--install-completion" in r.stdout and "Installe la complétion" in r.stdout
    assert "--show-completion" in r.stdout and "Affiche le script de complétion" in r.stdout


MARQUES = {
    "bash": "complete -o default -F _contentieux_completion contentieux",
    "zsh": "#compdef contentieux",
    "fish": "complete --command contentieux",
}


@pytest.mark.parametrize("shell", sorted(MARQUES))
def test_show_completion_donne_le_script_du_shell(
    shell: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_commun, "shell_courant", lambda: shell)
    r = runner.invoke(app, ["--show-completion"], prog_name="contentieux")
    assert r.exit_code == 0, r.output
    assert MARQUES[shell] in r.stdout
    assert f"_CONTENTIEUX_COMPLETE=complete_{shell}" in r.stdout


def test_install_completion_ecrit_le_script_et_le_dit_en_francais(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(cli_commun, "shell_courant", lambda: "bash")
    r = runner.invoke(app, ["--install-completion"], prog_name="contentieux")
    assert r.exit_code == 0, r.output
    script = tmp_path / ".bash_completions" / "contentieux.sh"
    assert "_CONTENTIEUX_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert str(script) in (tmp_path / ".bashrc").read_text(encoding="utf-8")
    assert f"Complétion bash installée dans {script}" in r.stdout


def test_shell_non_pris_en_charge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_commun, "shell_courant", lambda: "tcsh")
    r = runner.invoke(app, ["--show-completion"], prog_name="contentieux")
    assert r.exit_code == 2
    a_plat = " ".join(r.stderr.replace("│", " ").split())
    assert "shell « tcsh » non pris en charge" in a_plat
    assert "bash, zsh, fish" in a_plat


def _completer(variables: dict[str, str]) -> str:
    """Ce que le script de complétion obtient de ``contentieux`` (même protocole que le shell)."""
    env = {**os.environ, **variables}
    r = subprocess.run(
        [sys.executable, "-c", "from contentieux.cli import app; app(prog_name='contentieux')"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_la_completion_bash_propose_les_commandes() -> None:
    sortie = _completer(
        {
            "_CONTENTIEUX_COMPLETE": "complete_bash",
            "COMP_WORDS": "contentieux verifier",
            "COMP_CWORD": "1",
        }
    )
    assert set(sortie.split()) == {"verifier", "verifier-acte", "verifier-signature"}


def test_la_completion_zsh_propose_les_commandes_et_leur_aide() -> None:
    sortie = _completer(
        {"_CONTENTIEUX_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "contentieux gene"}
    )
    assert '"generer"' in sortie and "Produit un acte" in sortie


def test_la_completion_fish_propose_les_options() -> None:
    sortie = _completer(
        {
            "_CONTENTIEUX_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            "_TYPER_COMPLETE_ARGS": "contentieux lot --wor",
        }
    )
    assert sortie.startswith("--workers\tProcessus de travail")
