"""La commande ``contentieux`` : sorties lisibles, JSON, et erreurs françaises sans trace Python."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from contentieux.cli import app
from contentieux.exemples import chemin_exemple, noms_exemples
from tests.demonstration import Demonstration

runner = CliRunner()


def _lancer(*args: str) -> tuple[int, str, str]:
    resultat = runner.invoke(app, list(args))
    return resultat.exit_code, resultat.stdout, resultat.stderr


def test_regles_en_json_donne_chaque_valeur_avec_sa_source() -> None:
    code, sortie, _ = _lancer("regles", "--au", "2026-03-01", "--json")
    assert code == 0
    donnees = json.loads(sortie)
    par_id = {v["identifiant"]: v for v in donnees["valeurs"]}
    assert par_id["interet_legal.autres"]["valeur"] == "2.62"
    assert par_id["interet_legal.particuliers"]["valeur"] == "6.67"
    assert par_id["interet_legal.autres"]["source"]["titre"]


def test_regles_signale_ce_qui_n_est_pas_couvert() -> None:
    code, sortie, _ = _lancer("regles", "--au", "2026-07-01", "--json")
    assert code == 0
    non_couvertes = json.loads(sortie)["non_couvertes"]
    assert any("2026-S2" in message for message in non_couvertes)


def test_regles_avec_surcouche(tmp_path: Path) -> None:
    (tmp_path / "interet_legal.yaml").write_text(
        "autres:\n  valeurs:\n    2026-07-01: {valeur: 9.99, reference: test-surcouche}\n",
        encoding="utf-8",
    )
    (tmp_path / "sources.yaml").write_text(
        "test-surcouche: {titre: Arrêté fictif de test, url: 'https://example.org'}\n",
        encoding="utf-8",
    )
    code, sortie, erreur = _lancer(
        "regles", "--au", "2026-07-01", "--json", "--regles", str(tmp_path)
    )
    assert code == 0, erreur
    par_id = {v["identifiant"]: v for v in json.loads(sortie)["valeurs"]}
    assert par_id["interet_legal.autres"]["valeur"] == "9.99"


def test_schema_est_un_schema_json_de_dossier() -> None:
    code, sortie, _ = _lancer("schema")
    assert code == 0
    schema = json.loads(sortie)
    assert schema["title"] == "Dossier"
    assert {"creancier", "debiteurs", "creances"} <= set(schema["required"])


@pytest.mark.parametrize("nom", noms_exemples())
def test_valider_les_exemples(nom: str) -> None:
    code, sortie, _ = _lancer("valider", str(chemin_exemple(nom)))
    assert code == 0
    assert "Dossier valide" in sortie


@pytest.mark.parametrize(
    ("contenu", "suffixe", "attendu"),
    [
        (None, ".yaml", "fichier introuvable"),
        ("reference: [non fermé\n", ".yaml", "YAML invalide"),
        ('{"reference": "X",}', ".json", "JSON invalide"),
        ("reference: X\ncreancier: {}\n", ".yaml", "champ obligatoire absent"),
    ],
)
def test_mauvaise_saisie_donne_une_erreur_francaise(
    tmp_path: Path, contenu: str | None, suffixe: str, attendu: str
) -> None:
    fichier = tmp_path / f"dossier{suffixe}"
    if contenu is not None:
        fichier.write_text(contenu, encoding="utf-8")
    code, _, erreur = _lancer("valider", str(fichier))
    assert code != 0
    assert attendu in erreur
    assert "Traceback" not in erreur


def test_date_invalide() -> None:
    code, _, erreur = _lancer("regles", "--au", "31/12/2026")
    assert code != 0
    assert "AAAA-MM-JJ" in erreur


def test_demo_parcourt_tous_les_exemples(demo: Demonstration) -> None:
    assert demo.code == 0, demo.erreur
    for nom in noms_exemples():
        assert f"Exemple « {nom} »" in demo.sortie
    assert "Démonstration terminée" in demo.sortie
