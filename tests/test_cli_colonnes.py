"""80 colonnes pour de vrai : identifiants et montants entiers, commandes et YAML à copier.

Tout est lancé à ``COLUMNS=80`` ; un identifiant (ce que l'utilisateur tape), un nom de fichier
ou un montant n'est jamais coupé ni abrégé (« … ») ; une erreur imprime ses commandes et son YAML
hors du panneau, ligne entière, pour le copier-coller.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from typer.testing import CliRunner

from contentieux.actes import ACTES, Atelier
from contentieux.cli import app
from contentieux.cli.commun import separer_a_copier
from contentieux.erreurs import ErreurContentieux
from contentieux.exemples import chemin_exemple, dossier_exemple, noms_exemples
from tests.demonstration import Demonstration

runner = CliRunner()


def _lancer(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    return r.exit_code, r.stdout, r.stderr


def _a_plat(texte: str) -> str:
    return " ".join(texte.split())


def test_actes_imprime_chaque_identifiant_en_entier() -> None:
    code, sortie, erreur = _lancer("actes")
    assert code == 0, erreur
    assert "…" not in sortie
    lignes = sortie.splitlines()
    for acte in ACTES:
        assert any(f"│ {acte} " in ligne for ligne in lignes), acte
    assert all(len(ligne) <= 80 for ligne in lignes)


def test_panneau_d_erreur_imprime_les_commandes_hors_du_cadre() -> None:
    args = ["decompte", str(chemin_exemple("consommateur")), "--au", "2026-12-01"]
    _, sortie_json, _ = _lancer(*args, "--json")
    message = json.loads(sortie_json)["message"]
    explication, a_copier = separer_a_copier(message)
    assert "contentieux regles ajouter" in a_copier
    code, _, erreur = _lancer(*args)
    assert code != 0
    lignes = erreur.splitlines()
    for ligne in a_copier.splitlines():
        assert ligne in lignes  # ligne entière, sans cadre ni coupure
    assert _a_plat(explication) in _a_plat(erreur.replace("│", " "))


def test_panneau_d_erreur_imprime_le_yaml_des_donnees_manquantes_hors_du_cadre() -> None:
    code, _, erreur = _lancer(
        "generer", "echeancier", str(chemin_exemple("b2b")), "--au", "2026-06-30", "-o", "/nulle"
    )
    assert code != 0
    lignes = erreur.splitlines()
    for attendue in (
        "  - actes.plan.nombre_echeances (nombre d'échéances)",
        "    actes:",
        "      plan:",
        "        nombre_echeances: …",
    ):
        assert attendue in lignes, erreur


def test_demo_dit_chaque_acte_saute_et_pourquoi_en_entier(demo: Demonstration) -> None:
    assert demo.code == 0, demo.erreur
    sortie = demo.sortie
    assert all(len(ligne) <= 80 for ligne in sortie.splitlines() if "contentieux " not in ligne)
    a_plat = _a_plat(sortie)
    atelier = Atelier()
    sautes = 0
    for nom in noms_exemples():
        dossier = dossier_exemple(nom)
        for acte in ACTES:
            try:
                atelier.preparer(acte, dossier, au=dt.date(2026, 6, 30))
            except ErreurContentieux as exc:
                sautes += 1
                explication, a_copier = separer_a_copier(exc.message)
                assert _a_plat(explication) in a_plat, explication
                for ligne in a_copier.splitlines():
                    if ligne.lstrip().startswith("- "):  # repliée : le chemin d'abord, entier
                        assert _a_plat(ligne) in a_plat, ligne
                        assert f"- {ligne.split()[1]}" in sortie
                    else:
                        assert ligne.strip() in sortie, ligne
                continue
            for extension in ("pdf", "docx"):
                assert f"{dossier.reference}_{acte}.{extension}" in sortie
    assert sautes


_MONTANT = re.compile(r"\d{1,3}(?:[\u202f\xa0 ]\d{3})*,\d{2}[\u202f\xa0 ]?€")


def _normal(texte: str) -> str:
    return texte.replace("\u202f", " ").replace("\xa0", " ")


def _montants_entiers(textes: list[str], sortie: str) -> int:
    """Chaque montant des ``textes`` est imprimé d'un bloc sur une ligne de ``sortie``."""
    lignes = [_normal(ligne) for ligne in sortie.splitlines()]
    vus = 0
    for texte in textes:
        for montant in _MONTANT.findall(texte):
            vus += 1
            assert any(_normal(montant) in ligne for ligne in lignes), montant
    return vus


def test_pilotage_replie_le_texte_sans_couper_un_montant() -> None:
    entree = str(Path(chemin_exemple("b2b")).parents[1] / "lots" / "dossiers.jsonl")
    code, sortie, erreur = _lancer("pilotage", entree, "--au", "2026-06-30")
    assert code == 0, erreur
    assert "…" not in sortie
    assert all(len(ligne) <= 80 for ligne in sortie.splitlines())
    _, brut, _ = _lancer("pilotage", entree, "--au", "2026-06-30", "--json")
    donnees = json.loads(brut)
    motifs = [v["motif"] for v in donnees.values() if isinstance(v, dict) and "motif" in v]
    assert _montants_entiers(motifs, sortie) >= 5


def test_agenda_replie_le_texte_sans_couper_un_montant_ni_un_dossier() -> None:
    entree = str(Path(chemin_exemple("b2b")).parents[1] / "lots" / "dossiers.jsonl")
    code, sortie, erreur = _lancer("agenda", entree, "--au", "2026-06-30")
    assert code == 0, erreur
    assert "…" not in sortie
    assert all(len(ligne) <= 80 for ligne in sortie.splitlines())
    _, brut, _ = _lancer("agenda", entree, "--au", "2026-06-30", "--json")
    decisions = json.loads(brut)["decisions"]
    for d in decisions:
        assert re.search(rf"[│ ]{re.escape(d['dossier'])}[│ ]", sortie), d["dossier"]
    assert _montants_entiers([m for d in decisions for m in d["motifs"]], sortie) >= 5


def test_verifier_signature_tient_en_80_colonnes(demo: Demonstration) -> None:
    signe = sorted(demo.dossier.glob("*-signe.pdf"))[0]
    _, sortie, _ = _lancer("verifier-signature", str(signe))
    _, brut, _ = _lancer("verifier-signature", str(signe), "--json")
    rapport = json.loads(brut)
    assert "…" not in sortie
    assert all(len(ligne) <= 80 for ligne in sortie.splitlines())
    lignes = sortie.splitlines()
    for s in rapport["signatures"]:
        for entier in (s["champ"], s["signataire"], s["indication"], s["sous_indication"]):
            if entier:
                assert any(entier in ligne for ligne in lignes), entier


def test_regles_imprime_chaque_parametre_et_valeur_en_entier() -> None:
    code, sortie, erreur = _lancer("regles", "--au", "2026-06-30")
    assert code == 0, erreur
    assert "…" not in sortie
    # une commande à copier s'imprime entière, sur sa ligne, même au-delà de 80 colonnes
    lignes_de_texte = [ligne for ligne in sortie.splitlines() if "contentieux " not in ligne]
    assert all(len(ligne) <= 80 for ligne in lignes_de_texte)
    _, brut, _ = _lancer("regles", "--au", "2026-06-30", "--json")
    valeurs = json.loads(brut)["valeurs"]
    lignes = sortie.splitlines()
    for v in valeurs:
        nom = v["identifiant"].split(".", 1)[-1]
        assert any(nom in ligne for ligne in lignes), nom
