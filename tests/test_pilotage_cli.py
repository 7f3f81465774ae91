"""Commandes ``pilotage`` et ``agenda``, rapport HTML/PDF, génération des actes dus, banc."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from contentieux._yaml import charger_yaml_exact
from contentieux.cli import app

runner = CliRunner()
CAS = Path(__file__).parent / "cas" / "pilotage" / "portefeuille_mars_2026.yaml"
BANC = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_pilotage.py"


def _lancer(*args: str) -> tuple[int, str, str]:
    resultat = runner.invoke(app, list(args))
    return resultat.exit_code, resultat.stdout, resultat.stderr


def _grand_livre(tmp_path: Path, renommer: dict[str, str] | None = None) -> Path:
    cas: dict[str, Any] = charger_yaml_exact(CAS.read_text(encoding="utf-8"))
    lignes = []
    for d in cas["dossiers"]:
        nom = d["debiteurs"][0].get("denomination")
        if renommer and nom in renommer:
            d["debiteurs"][0]["denomination"] = renommer[nom]
        lignes.append(json.dumps(d, default=str, ensure_ascii=False))
    lignes += [json.dumps(a, default=str) for a in cas["avoirs"]]
    fichier = tmp_path / "grand_livre.jsonl"
    fichier.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    return fichier


def test_pilotage_json_calcule_a_la_main(tmp_path: Path) -> None:
    entree = _grand_livre(tmp_path)
    code, sortie, erreur = _lancer(
        "pilotage", str(entree), "--au", "2026-03-31", "--periode", "2026-03-01:2026-03-31",
        "--json",
    )  # fmt: skip
    assert code == 0, erreur
    donnees = json.loads(sortie)
    # Calculés à la main dans tests/cas/pilotage/portefeuille_mars_2026.yaml : encours
    # 3 300 + 700 − 50 = 3 950 ; DSO 3 950 / 4 800 × 90 = 74,06 ; CEI (3 250 + 1 400 − 3 950)
    # / (3 250 + 1 400 − 1 500) × 100 = 22,22.
    assert donnees["dso"]["valeur"] == "74.1"
    assert donnees["cei"]["valeur"] == "22.2"
    assert donnees["balance"]["total"]["total"] == "3950.00"
    assert donnees["etapes_prescription_examinee"] is True
    code, sortie, _ = _lancer(
        "pilotage", str(entree), "--au", "2026-03-31", "--jours", "30", "--json"
    )
    # 30 jours (2 au 31 mars) : ventes 1 400 (F3 − avoir) ; 3 950 / 1 400 × 30 = 84,64.
    assert json.loads(sortie)["dso"]["valeur"] == "84.6"


def test_pilotage_tableaux_echappent_le_texte_des_dossiers(tmp_path: Path) -> None:
    entree = _grand_livre(tmp_path, {"Alpha": "[b]A[/]"})
    code, sortie, erreur = _lancer("pilotage", str(entree), "--au", "2026-03-31")
    assert code == 0, erreur
    assert "[b]A[/]" in sortie  # affiché tel quel, non interprété par Rich
    assert "Balance âgée" in sortie


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--periode", "2026-03-01"), "DEBUT:FIN"),
        (("--periode", "2026-03-31:2026-03-01"), "dans l'ordre"),
        (("--periode", "2026-13-01:2026-03-31"), "invalide"),
        (("--au", "31/03/2026"), "AAAA-MM-JJ"),
    ],
)
def test_pilotage_erreurs_francaises(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    entree = _grand_livre(tmp_path)
    base = ["pilotage", str(entree)]
    if "--au" not in args:
        base += ["--au", "2026-03-31"]
    code, _, erreur = _lancer(*base, *args)
    assert code != 0
    assert message in erreur
    assert "Traceback" not in erreur


def test_pilotage_entree_absente_ou_invalide(tmp_path: Path) -> None:
    code, _, erreur = _lancer("pilotage", str(tmp_path / "absent.jsonl"), "--au", "2026-03-31")
    assert code != 0 and "introuvable" in erreur
    mauvais = tmp_path / "mauvais.jsonl"
    mauvais.write_text('{"reference": "X"}\n', encoding="utf-8")
    code, _, erreur = _lancer("pilotage", str(mauvais), "--au", "2026-03-31")
    assert code != 0 and "mauvais.jsonl, ligne 1" in erreur


def test_rapport_html_autonome_et_pdf(tmp_path: Path) -> None:
    entree = _grand_livre(tmp_path, {"Alpha": "Alpha <script>alert(1)</script> & Cie"})
    html, pdf = tmp_path / "rapport.html", tmp_path / "rapport.pdf"
    code, _, erreur = _lancer(
        "pilotage", str(entree), "--au", "2026-03-31", "--html", str(html), "--pdf", str(pdf)
    )
    assert code == 0, erreur
    page = html.read_text(encoding="utf-8")
    assert "<script" not in page  # ni script pygal, ni texte de dossier interprété
    assert "Alpha &lt;script&gt;alert(1)&lt;/script&gt; &amp; Cie" in page
    assert "http://" not in page.replace("http://www.w3.org", "")
    assert "https://" not in page
    assert page.count("<svg") >= 3  # balance, DSO, entonnoir en SVG en ligne
    assert "3\u202f950,00\xa0€" in page  # encours du scénario (3 300 + 700 − 50), à la française
    assert "31 mars 2026" in page
    assert pdf.read_bytes().startswith(b"%PDF")
    texte = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Balance âgée" in texte
    assert "Dossiers à décider" in texte
    assert "74,1" in texte


def test_agenda_json_et_tableau(tmp_path: Path) -> None:
    entree = _grand_livre(tmp_path)
    code, sortie, erreur = _lancer("agenda", str(entree), "--au", "2026-03-31", "--json")
    assert code == 0, erreur
    decisions = {d["dossier"]: d for d in json.loads(sortie)["decisions"]}
    assert decisions["D-GAMMA"]["statut"] == "solde"
    assert decisions["D-ALPHA"]["etape"]["code"] == "action"
    code, sortie, _ = _lancer("agenda", str(entree), "--au", "2026-03-31")
    assert code == 0 and "Agenda au 31 mars 2026" in sortie


def test_agenda_scenario_invalide(tmp_path: Path) -> None:
    entree = _grand_livre(tmp_path)
    scenario = tmp_path / "s.yaml"
    scenario.write_text("nom: x\netapes:\n  - {code: a, jour: 1, intitule: A, canal: fax}\n")
    code, _, erreur = _lancer(
        "agenda", str(entree), "--au", "2026-03-31", "--scenario", str(scenario)
    )
    assert code != 0
    assert "etapes[0].canal" in erreur
    assert "valeurs possibles" in erreur


def test_agenda_generer_exige_un_repertoire(tmp_path: Path) -> None:
    entree = _grand_livre(tmp_path)
    code, _, erreur = _lancer("agenda", str(entree), "--au", "2026-03-31", "--generer")
    assert code != 0 and "-o" in erreur


def test_agenda_generer_actes_et_reprise(tmp_path: Path) -> None:
    """Une relance due est produite (PDF de la couche des actes), puis sautée à la reprise."""
    entree = _grand_livre(tmp_path)
    sortie = tmp_path / "actes"
    # Au 22 février 2026, Alpha (plus ancienne impayée : F2, échéance 14/02) est à J+8 :
    # étape « relance » (J+7), acte « relance ».
    code, texte, erreur = _lancer(
        "agenda", str(entree), "--au", "2026-02-22", "--generer", "-o", str(sortie), "--json"
    )
    donnees = json.loads(texte)
    generation = donnees["generation"]
    assert "D-ALPHA_relance.pdf" in generation["fichiers"], (generation, erreur)
    assert (sortie / "D-ALPHA_relance.pdf").read_bytes().startswith(b"%PDF")
    manifeste = [json.loads(x) for x in (sortie / "manifeste.jsonl").read_text().splitlines()]
    assert {m["cle"]: m["statut"] for m in manifeste}["D-ALPHA/relance"] == "ok"
    code2, texte2, _ = _lancer(
        "agenda", str(entree), "--au", "2026-02-23", "--generer", "-o", str(sortie), "--json"
    )
    reprise = json.loads(texte2)["generation"]
    assert "D-ALPHA_relance.pdf" not in reprise["fichiers"]
    assert reprise["deja_faits"] >= 1
    assert code2 == code


def test_banc_pilotage_fonctionne() -> None:
    resultat = subprocess.run(
        [sys.executable, str(BANC), "--n", "300"], capture_output=True, text=True, check=False
    )
    assert resultat.returncode == 0, resultat.stderr
    assert "grand livre + indicateurs" in resultat.stdout
    assert "mémoire de pointe" in resultat.stdout


def test_agenda_generer_refuse_un_repertoire_deja_pris(tmp_path: Path) -> None:
    """Deux productions à la fois dans un même répertoire : la seconde est refusée (verrou)."""
    from contentieux.lots.manifeste import Manifeste

    entree = _grand_livre(tmp_path)
    sortie = tmp_path / "actes"
    sortie.mkdir()
    premier = Manifeste(sortie)
    premier.ouvrir()
    try:
        code, _, erreur = _lancer(
            "agenda", str(entree), "--au", "2026-02-22", "--generer", "-o", str(sortie)
        )
    finally:
        premier.fermer()
    assert code != 0
    assert "Traceback" not in erreur
    assert erreur.strip()


def test_rapport_sans_vente_dans_la_fenetre_reste_en_francais(tmp_path: Path) -> None:
    """Aucune vente dans les douze derniers mois : le graphique du DSO le dit en français, et les
    légendes ne sont pas tronquées."""
    html = tmp_path / "rapport.html"
    code, _, erreur = _lancer(
        "pilotage", str(_grand_livre(tmp_path)), "--au", "2029-12-31", "--html", str(html)
    )
    assert code == 0, erreur
    page = html.read_text(encoding="utf-8")
    assert "No data" not in page
    assert "Aucune donnée" in page
    assert "Plus de 180 j" in page
