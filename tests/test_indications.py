"""Chaque indication « ajoutez … » d'un acte se suit telle quelle et la commande réussit ensuite.

Pour chaque dossier d'exemple et chaque acte qui manque de données, le test lit le message
d'erreur comme un utilisateur : il prend chaque chemin listé, le place où le message le dit (dans
le fichier du dossier, ou dans le fichier ``--parametres``), avec une valeur plausible de la table
:data:`VALEURS`, puis relance ``contentieux generer`` : elle doit réussir du premier coup (toutes
les données manquantes sont listées à la fois, chacune à un endroit où elle est acceptée).
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from contentieux.actes import ACTES, Atelier
from contentieux.cli import app
from contentieux.erreurs import DonneesGabaritIncompletes
from contentieux.exemples import chemin_exemple, noms_exemples
from contentieux.lecture import lire_dossier

AU = dt.date(2026, 6, 30)

_ADRESSE = {"ligne1": "3 rue du Palais", "code_postal": "69005", "ville": "Lyon"}
_SOCIETE = {
    "type": "personne_morale",
    "denomination": "Mandataire d'essai",
    "forme_juridique": "SELARL",
    "siren": "443061841",
    "rcs": "Lyon",
    "siege": _ADRESSE,
    "representant": {"nom": "Anne Roux", "fonction": "Gérante"},
    "qualite": "professionnel",
}

VALEURS: dict[str, Any] = {
    "actes.plan.nombre_echeances": 3,
    "actes.plan.date_premiere_echeance": "2026-07-31",
    "actes.plan.delai_regularisation_jours": 30,
    "actes.mise_en_demeure.delai_jours": 8,
    "actes.commissaire_justice.identite": _SOCIETE,
    "actes.agence.remuneration": "15 % HT des sommes encaissées",
    "actes.agence.garantie": "RC professionnelle, contrat n° 123",
    "actes.agence.reversement": "sous 30 jours après encaissement",
    "actes.declaration.mandataire_judiciaire": {"nom": "Me Roux", "adresse": _ADRESSE},
    "mandataire": {"nature": "agence_recouvrement", "identite": _SOCIETE},
    "mandataire.date_mandat": "2026-02-02",
    "mandataire.reference_mandat": "CONV-2026-014",
    "creancier.forme_juridique": "SAS",
    "creancier.representant": {"nom": "Claire Durand", "fonction": "Présidente"},
    "creancier.profession": "bailleur",
    "creancier.nationalite": "française",
    "creancier.date_naissance": "1970-03-02",
    "creancier.lieu_naissance": "Lyon",
}
"""Une valeur plausible pour chaque chemin qu'une indication peut nommer."""


def suivre_indication(message: str) -> list[str]:
    """Les chemins, depuis la racine du fichier du dossier, où le message dit d'ajouter chaque
    donnée manquante (les lignes « - chemin (explication) » du message)."""
    chemins = [
        ligne.strip()[2:].split(" ", 1)[0]
        for ligne in message.splitlines()
        if ligne.strip().startswith("- ")
    ]
    if "ajoutez-les dans la section « actes: »" in message:  # tout sous « actes: », dit-il
        chemins = [c if c.startswith("actes.") else f"actes.{c}" for c in chemins]
    return chemins


def _placer(donnees: dict[str, Any], chemin: str, valeur: Any) -> None:
    *parents, feuille = chemin.split(".")
    for cle in parents:
        donnees = donnees.setdefault(cle, {})
    donnees[feuille] = valeur


def _cas() -> list[tuple[str, dict[str, Any]]]:
    """Les dossiers d'exemple, et un créancier personne morale sans forme ni représentant."""
    cas = [
        (nom, yaml.safe_load(chemin_exemple(nom).read_text(encoding="utf-8")))
        for nom in noms_exemples()
    ]
    b2b = copy.deepcopy(dict(cas)["b2b"])
    del b2b["creancier"]["representant"], b2b["creancier"]["forme_juridique"]
    cas.append(("b2b-sans-representant", b2b))
    return cas


def _manques(donnees: dict[str, Any], tmp_path: Path) -> dict[str, str]:
    """Acte → message des données manquantes, pour un dossier."""
    fichier = tmp_path / "avant.yaml"
    fichier.write_text(yaml.safe_dump(donnees, allow_unicode=True), encoding="utf-8")
    dossier = lire_dossier(fichier)
    atelier = Atelier()
    messages = {}
    for acte in ACTES:
        try:
            atelier.preparer(acte, dossier, au=AU)
        except DonneesGabaritIncompletes as exc:
            messages[acte] = exc.message
        except Exception:  # refus juridique (acte inadapté) : pas une donnée à ajouter
            continue
    return messages


def _generer(acte: str, fichier: Path, sortie: Path, *parametres: str) -> Any:
    args = ["generer", acte, str(fichier), "--au", AU.isoformat(), "--format", "docx"]
    return CliRunner().invoke(app, [*args, "-o", str(sortie), *parametres], env={"COLUMNS": "80"})


@pytest.mark.parametrize(("nom", "donnees"), _cas(), ids=[n for n, _ in _cas()])
def test_chaque_indication_suivie_fait_reussir_la_commande(
    nom: str, donnees: dict[str, Any], tmp_path: Path
) -> None:
    messages = _manques(donnees, tmp_path)
    if nom == "b2b-sans-representant":
        assert "requete_injonction_payer" in messages
    for acte, message in messages.items():
        chemins = suivre_indication(message)
        assert chemins, message
        inconnus = [c for c in chemins if c not in VALEURS]
        assert not inconnus, f"{acte} : indication sans valeur d'essai {inconnus}"
        # 1. Tout dans le fichier du dossier, là où le message le dit.
        complete = copy.deepcopy(donnees)
        for chemin in chemins:
            _placer(complete, chemin, VALEURS[chemin])
        fichier = tmp_path / f"{acte}.yaml"
        fichier.write_text(yaml.safe_dump(complete, allow_unicode=True), encoding="utf-8")
        resultat = _generer(acte, fichier, tmp_path / "sortie")
        assert resultat.exit_code == 0, f"{acte} : {message}\n→ {resultat.stderr}"
        # 2. Les clés « actes.… » dans le fichier --parametres, sans leur préfixe.
        parametres: dict[str, Any] = {}
        reste = copy.deepcopy(donnees)
        for chemin in chemins:
            if chemin.startswith("actes."):
                _placer(parametres, chemin.removeprefix("actes."), VALEURS[chemin])
            else:
                _placer(reste, chemin, VALEURS[chemin])
        if not parametres:
            continue
        fichier = tmp_path / f"{acte}-reste.yaml"
        fichier.write_text(yaml.safe_dump(reste, allow_unicode=True), encoding="utf-8")
        fichier_parametres = tmp_path / f"{acte}-parametres.yaml"
        fichier_parametres.write_text(yaml.safe_dump(parametres), encoding="utf-8")
        resultat = _generer(
            acte, fichier, tmp_path / "sortie", "--parametres", str(fichier_parametres)
        )
        assert resultat.exit_code == 0, f"{acte} (--parametres) : {message}\n→ {resultat.stderr}"


def test_indication_du_lot_en_json_se_suit(tmp_path: Path) -> None:
    """« --format json : seul l'acte « decompte » existe en JSON ; ajoutez-le à --actes »."""
    entree = chemin_exemple("b2b").parents[1] / "lots" / "dossiers.jsonl"
    args = ["lot", str(entree), "--au", AU.isoformat(), "--format", "json", "--workers", "1"]
    refus = CliRunner().invoke(
        app, [*args, "-o", str(tmp_path / "a"), "--actes", "relance"], env={"COLUMNS": "80"}
    )
    assert refus.exit_code == 2
    assert "ajoutez-le à --actes" in " ".join(refus.stderr.replace("│", " ").split())
    suivi = CliRunner().invoke(
        app,
        [*args, "-o", str(tmp_path / "b"), "--actes", "relance,decompte"],
        env={"COLUMNS": "80"},
    )
    assert suivi.exit_code == 0, suivi.stderr
    dossiers = len(entree.read_text(encoding="utf-8").splitlines())  # un dossier par ligne
    assert [p.suffix for p in (tmp_path / "b").rglob("*decompte*")] == [".json"] * dossiers
