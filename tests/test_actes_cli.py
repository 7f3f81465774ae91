"""Commandes ``generer``, ``actes``, ``verifier-acte`` et étape de démonstration des actes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from contentieux.cli import app
from contentieux.exemples import chemin_exemple
from tests.demonstration import Demonstration

runner = CliRunner()


def _lancer(*args: str) -> tuple[int, str, str]:
    resultat = runner.invoke(app, list(args))
    return resultat.exit_code, resultat.stdout, resultat.stderr


def test_generer_pdf_et_docx_puis_verifier(tmp_path: Path) -> None:
    code, sortie, erreur = _lancer(
        "generer",
        "mise_en_demeure",
        str(chemin_exemple("b2b")),
        "--au",
        "2026-06-30",
        "--format",
        "pdf,docx",
        "-o",
        str(tmp_path),
    )
    assert code == 0, erreur
    pdf = tmp_path / "EX-B2B-2025-001_mise_en_demeure.pdf"
    docx = tmp_path / "EX-B2B-2025-001_mise_en_demeure.docx"
    assert pdf.read_bytes().startswith(b"%PDF") and docx.read_bytes().startswith(b"PK")
    assert sorted(p.name for p in tmp_path.iterdir()) == [docx.name, pdf.name]
    code, sortie, _ = _lancer("verifier-acte", str(pdf), "--json")
    assert code == 0
    rapport = json.loads(sortie)
    assert rapport["tient"] is True and rapport["acte"] == "mise_en_demeure"
    code, sortie, _ = _lancer("verifier-acte", str(pdf))
    assert code == 0 and "tiennent toujours" in sortie


def test_generer_avec_fichier_de_parametres(tmp_path: Path) -> None:
    parametres = tmp_path / "parametres.yaml"
    parametres.write_text(
        "plan:\n  nombre_echeances: 3\n  date_premiere_echeance: 2026-07-15\n"
        "  delai_regularisation_jours: 30\nlieu: Lyon\n",
        encoding="utf-8",
    )
    code, _, erreur = _lancer(
        "generer",
        "echeancier",
        str(chemin_exemple("b2b")),
        "--au",
        "2026-06-30",
        "--parametres",
        str(parametres),
        "-o",
        str(tmp_path),
    )
    assert code == 0, erreur
    from contentieux.actes import verifier_acte

    rapport = verifier_acte((tmp_path / "EX-B2B-2025-001_echeancier.pdf").read_bytes())
    assert rapport.tient


def test_generer_refuse_avec_la_raison(tmp_path: Path) -> None:
    code, _, erreur = _lancer(
        "generer",
        "requete_injonction_payer",
        str(chemin_exemple("procedure_collective")),
        "--au",
        "2026-06-30",
        "-o",
        str(tmp_path),
    )
    assert code == 6  # refus juridique (procédure collective), pas une donnée à compléter
    assert "L622-21" in erreur and "Traceback" not in erreur
    assert list(tmp_path.iterdir()) == []


def test_generer_liste_ce_qui_manque(tmp_path: Path) -> None:
    code, _, erreur = _lancer(
        "generer",
        "convention_recouvrement",
        str(chemin_exemple("b2b")),
        "--au",
        "2026-06-30",
        "-o",
        str(tmp_path),
    )
    assert code == 9  # donnée manquante pour un acte : à fournir
    assert "actes.agence.remuneration" in erreur and "actes.agence.garantie" in erreur


def test_generer_format_et_acte_inconnus(tmp_path: Path) -> None:
    code, _, erreur = _lancer(
        "generer",
        "relance",
        str(chemin_exemple("b2b")),
        "--au",
        "2026-06-30",
        "--format",
        "odt",
    )
    assert code != 0 and "--format" in erreur
    code, _, erreur = _lancer(
        "generer",
        "assignation",
        str(chemin_exemple("b2b")),
        "--au",
        "2026-06-30",
        "-o",
        str(tmp_path),
    )
    assert code != 0 and "actes disponibles" in erreur


def test_verifier_acte_sur_un_fichier_etranger(tmp_path: Path) -> None:
    faux = tmp_path / "faux.pdf"
    faux.write_bytes(b"%PDF-1.7 rien")
    code, _, erreur = _lancer("verifier-acte", str(faux))
    assert code != 0 and "Traceback" not in erreur


def test_lister_les_actes() -> None:
    code, sortie, _ = _lancer("actes", "--json")
    assert code == 0
    actes = json.loads(sortie)
    assert [a["identifiant"] for a in actes][:2] == ["relance", "mise_en_demeure"]
    assert all(a["fondements"] and a["mentions"] for a in actes)
    code, sortie, _ = _lancer("actes")
    assert code == 0 and "R124-3" in sortie


def test_etape_de_demonstration_ecrit_les_actes(demo: Demonstration) -> None:
    from contentieux.cli.actes import _demo_actes
    from contentieux.cli.commun import ETAPES_DEMO

    assert _demo_actes in ETAPES_DEMO
    noms = {p.name for p in demo.dossier.iterdir()}
    for acte in ("convention_recouvrement", "lettre_agence", "echeancier", "reconnaissance_dette"):
        assert f"EX-AGENCE-2026-003_{acte}.pdf" in noms
        assert f"EX-AGENCE-2026-003_{acte}.docx" in noms
    assert "EX-AGENCE-2026-003_declaration_creance.pdf" not in noms


def test_premiere_echeance_avant_la_date_de_l_acte_erreur_de_donnees(tmp_path: Path) -> None:
    """Relecture d'un avocat : une première échéance antérieure à la date de l'acte donnait
    « erreur inattendue (ValueError) ». C'est une donnée à corriger : code 3, le champ nommé."""
    parametres = tmp_path / "parametres.yaml"
    parametres.write_text(
        "plan:\n  nombre_echeances: 3\n  date_premiere_echeance: 2026-01-31\n"
        "  delai_regularisation_jours: 15\n",
        encoding="utf-8",
    )
    resultat = CliRunner().invoke(
        app,
        ["generer", "echeancier", str(chemin_exemple("b2b")), "--au", "2026-06-30",
         "--parametres", str(parametres), "-o", str(tmp_path)],
    )  # fmt: skip
    assert resultat.exit_code == 3, resultat.output
    sortie = " ".join(resultat.output.split())
    assert "actes.plan.date_premiere_echeance" in sortie and "inattendue" not in sortie
