"""La commande ``contentieux verifier`` et l'étape de démonstration."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from contentieux.cli import ETAPES_DEMO, _demo_recevabilite, app
from contentieux.exemples import chemin_exemple
from tests.demonstration import Demonstration

runner = CliRunner()


def test_verifier_rapport_lisible() -> None:
    r = runner.invoke(app, ["verifier", str(chemin_exemple("b2b")), "--au", "2026-06-30"])
    assert r.exit_code == 0, r.stderr
    assert "recevable" in r.stdout
    assert "Voie recommandée" in r.stdout
    assert "Calendrier" in r.stdout


def test_verifier_json() -> None:
    r = runner.invoke(
        app, ["verifier", str(chemin_exemple("loyer")), "--au", "2026-06-30", "--json"]
    )
    assert r.exit_code == 0, r.stderr
    donnees = json.loads(r.stdout)
    assert donnees["recevable"] is True
    assert donnees["juridiction"]["nature"] == "juge_contentieux_protection"
    assert {c["condition"] for c in donnees["constats"]} >= {"certitude", "prescription"}


def test_verifier_annuaire(tmp_path: Path) -> None:
    annuaire = tmp_path / "annuaire.yaml"
    annuaire.write_text('"69002": Tribunal des activités économiques de Lyon\n', encoding="utf-8")
    r = runner.invoke(
        app,
        [
            "verifier",
            str(chemin_exemple("b2b")),
            "--au",
            "2026-06-30",
            "--json",
            "--annuaire",
            str(annuaire),
        ],
    )
    assert r.exit_code == 0, r.stderr
    assert (
        json.loads(r.stdout)["juridiction"]["nom"] == "Tribunal des activités économiques de Lyon"
    )


def test_verifier_erreurs_sans_trace(tmp_path: Path) -> None:
    r = runner.invoke(app, ["verifier", str(tmp_path / "absent.yaml"), "--au", "2026-06-30"])
    assert r.exit_code != 0
    assert "Traceback" not in r.stdout + r.stderr
    r = runner.invoke(app, ["verifier", str(chemin_exemple("b2b")), "--au", "30/06/2026"])
    assert r.exit_code != 0
    assert "AAAA-MM-JJ" in r.stderr
    mauvais = tmp_path / "annuaire.yaml"
    mauvais.write_text("- une liste\n", encoding="utf-8")
    r = runner.invoke(
        app,
        ["verifier", str(chemin_exemple("b2b")), "--au", "2026-06-30", "--annuaire", str(mauvais)],
    )
    assert r.exit_code != 0
    assert "annuaire invalide" in r.stderr


def test_demo_inclut_la_recevabilite(demo: Demonstration) -> None:
    assert _demo_recevabilite in ETAPES_DEMO
    assert demo.code == 0, demo.erreur
    assert "Recevabilité du dossier" in demo.sortie


def test_verifier_marge_prescription() -> None:
    """45 jours avant la prescription : acte interruptif avec la marge par défaut (60 jours),
    voie ordinaire avec une marge de 10 jours."""
    argv = ["verifier", str(chemin_exemple("consommateur")), "--au", "2027-05-01", "--json"]
    r = runner.invoke(app, argv)
    assert r.exit_code == 0, r.stderr
    donnees = json.loads(r.stdout)
    assert donnees["voie"]["code"] == "interruption_prescription"
    assert any("PRESCRIPTION IMMINENTE" in a for a in donnees["avertissements"])
    r = runner.invoke(app, [*argv, "--marge-prescription", "10"])
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["voie"]["code"] != "interruption_prescription"
    lisible = runner.invoke(app, argv[:-1])
    assert "URGENT" in lisible.stdout
