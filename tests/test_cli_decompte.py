"""La commande ``contentieux decompte`` : tableau, JSON, options et erreurs françaises."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from contentieux.cli import app
from contentieux.exemples import chemin_exemple
from contentieux.modeles.decompte import Decompte
from tests.demonstration import Demonstration

runner = CliRunner()


def _lancer(*args: str) -> tuple[int, str, str]:
    resultat = runner.invoke(app, list(args), env={"COLUMNS": "160"})
    return resultat.exit_code, resultat.stdout, resultat.stderr


def test_tableau_lisible_en_francais() -> None:
    code, sortie, erreur = _lancer("decompte", str(chemin_exemple("b2b")), "--au", "2026-06-30")
    assert code == 0, erreur
    assert "Décompte du dossier EX-B2B-2025-001 au 30 juin 2026" in sortie
    assert "L441-10" in sortie
    assert "Total restant dû" in sortie
    # Dérivation (exemple « b2b », entre commerçants, L441-10 : BCE au 1er janvier 2025 3,15 %
    # → 13,15 % en 2025-S1 ; BCE au 1er juillet 2025 et au 1er janvier 2026 2,15 % → 12,15 %) :
    #   F2025-014 : 4 800,00 × 13,15 % × 49 / 365 = 84,736 → 84,74 (13/03 → 30/04/2025) ;
    #     le paiement de 3 000 € du 30/04/2025 va aux pénalités (84,74) puis au principal
    #     (2 915,26) : reste 1 884,74 (C. civ. 1343-1, 1342-10) ;
    #     1 884,74 × 13,15 % × 61 / 365 = 41,42 ; 1 884,74 × 12,15 % × 365 / 365 = 229,00.
    #   F2025-031 : 2 460,00 × 13,15 % × 72 / 365 = 63,81 ; 2 460,00 × 12,15 % = 298,89.
    #   F2025-052 : 1 320,50 × 13,15 % × 26 / 365 = 12,37 ; 1 320,50 × 12,15 % = 160,44.
    #   Pénalités : 84,74 + 41,42 + 229,00 + 63,81 + 298,89 + 12,37 + 160,44 = 890,67.
    #   Principal : 8 580,50 − 2 915,26 = 5 665,24 ; indemnités : 3 × 40,00 = 120,00.
    #   Total : 5 665,24 + 890,67 + 120,00 − 84,74 (pénalités déjà réglées) = 6 591,17.
    assert "6\u202f591,17\xa0€" in sortie
    assert "Traceback" not in sortie + erreur


def test_json_reproductible() -> None:
    code, sortie, erreur = _lancer(
        "decompte", str(chemin_exemple("b2b")), "--au", "2026-06-30", "--json"
    )
    assert code == 0, erreur
    donnees = json.loads(sortie)
    assert donnees["total"] == "6591.17"  # dérivé dans test_tableau_lisible_en_francais
    decompte = Decompte.model_validate(donnees)
    assert decompte.total == Decimal("6591.17")


def test_diviseur_exact_affiche_la_colonne() -> None:
    code, sortie, erreur = _lancer(
        "decompte", str(chemin_exemple("loyer")), "--au", "2026-06-30", "--diviseur", "exact"
    )
    assert code == 0, erreur
    assert "Diviseur : 365 ou 366 (exact)" in sortie
    assert "/ 365 =" in sortie or "/ 366 =" in sortie


def _erreur_json(*args: str) -> tuple[int, dict[str, object]]:
    """Lance la commande avec ``--json`` et rend le code de sortie et l'erreur JSON."""
    code, sortie, _ = _lancer(*args, "--json")
    return code, json.loads(sortie)


def test_option_inconnue_refusee_en_francais() -> None:
    code, erreur = _erreur_json(
        "decompte", str(chemin_exemple("loyer")), "--au", "2026-06-30", "--diviseur", "360"
    )
    assert code == 2  # erreur d'utilisation, pas de données
    assert erreur["champ"] == "--diviseur"
    assert erreur["message"] == (
        "--diviseur : « 360 » n'est pas une valeur admise ; choisissez « 365 » ou « exact »"
    )


def test_semestre_non_couvert_message_sans_trace() -> None:
    code, sortie, erreur = _lancer(
        "decompte", str(chemin_exemple("consommateur")), "--au", "2026-09-30"
    )
    assert code == 4
    assert "2026-S2" in erreur
    assert "Traceback" not in sortie + erreur


def test_date_invalide() -> None:
    code, _, erreur = _lancer("decompte", str(chemin_exemple("b2b")), "--au", "30/06/2026")
    assert code != 0
    assert "AAAA-MM-JJ" in erreur


def test_dossier_absent(tmp_path: Path) -> None:
    code, _, erreur = _lancer("decompte", str(tmp_path / "absent.yaml"), "--au", "2026-06-30")
    assert code != 0
    assert "introuvable" in erreur


def test_surcouche_couvre_2026_s2(tmp_path: Path) -> None:
    (tmp_path / "interet_legal.yaml").write_text(
        "autres:\n  valeurs:\n    2026-07-01: {valeur: 3.00, reference: test-surcouche}\n",
        encoding="utf-8",
    )
    (tmp_path / "sources.yaml").write_text(
        "test-surcouche: {titre: Arrêté fictif de test, url: 'https://example.org'}\n",
        encoding="utf-8",
    )
    code, sortie, erreur = _lancer(
        "decompte",
        str(chemin_exemple("consommateur")),
        "--au",
        "2026-07-31",
        "--json",
        "--regles",
        str(tmp_path),
    )
    assert code == 0, erreur
    donnees = json.loads(sortie)
    assert donnees["lignes"][-1]["taux"] == "3.00"
    assert "avec surcouche" in donnees["regles_version"]


def test_demo_montre_les_decomptes(demo: Demonstration) -> None:
    assert demo.code == 0, demo.erreur
    for reference in ("EX-B2B-2025-001", "EX-PUBLIC-2025-004", "EX-CONSO-2025-002"):
        assert f"Décompte du dossier {reference}" in demo.sortie


def test_options_de_convention_en_ligne_de_commande() -> None:
    code, sortie, erreur = _lancer(
        "decompte",
        str(chemin_exemple("b2b")),
        "--au",
        "2026-06-30",
        "--json",
        "--compte-jours",
        "deux_bornes",
        "--apres-jugement",
        "taux_legal",
        "--plancher-contrat-muet",
    )
    assert code == 0, erreur
    options = json.loads(sortie)["options"]
    assert options["compte_jours"] == "deux_bornes"
    assert options["apres_jugement"] == "taux_legal"
    assert options["plancher_contrat_muet"] is True


def test_options_de_convention_inconnues_refusees() -> None:
    for option, valeur, admises in (
        ("--compte-jours", "360", "« debut_exclu » ou « deux_bornes »"),
        ("--apres-jugement", "x", "« regime » ou « taux_legal »"),
        ("--factures-prescrites", "toutes", "« exclure » ou « inclure »"),
    ):
        code, erreur = _erreur_json(
            "decompte", str(chemin_exemple("b2b")), "--au", "2026-06-30", option, valeur
        )
        assert code == 2
        assert erreur["champ"] == option
        assert erreur["message"] == (
            f"{option} : « {valeur} » n'est pas une valeur admise ; choisissez {admises}"
        )
