"""Calculer à la date du jour : seules les valeurs que le calcul emploie sont exigées (issue 19,
point 1), toutes celles qui manquent sont listées d'un coup avec la commande qui ajoute chacune
(point 2), et les valeurs venues de la surcouche se voient et se retirent (point 4)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from contentieux.cli import app
from contentieux.erreurs import RegleNonCouverte
from contentieux.interets import calculer_interets, etablir_decompte
from contentieux.modeles import Dossier
from contentieux.modeles.decompte import OptionsDecompte
from contentieux.regles import charger_regles
from contentieux.regles_surcouche import ajouter_bce, ajouter_interet_legal, verifier_bce_jusqu_au
from tests.parties_types import CLIENT, SOCIETE

J = dt.date.fromisoformat
runner = CliRunner()


def _dossier_b2b(**creance: Any) -> Dossier:
    """Une facture entre professionnels échue le 31 mai 2026, sans taux stipulé : pénalités
    L441-10 II au taux par défaut (BCE + 10 points)."""
    return Dossier.model_validate(
        {
            "reference": "JOUR",
            "creancier": SOCIETE,
            "debiteurs": [CLIENT],
            "creances": [
                {
                    "reference": "C",
                    "nature": "vente_biens",
                    "factures": [
                        {
                            "numero": "F1",
                            "date_emission": "2026-05-01",
                            "date_echeance": "2026-05-31",
                            "montant_ttc": "1000.00",
                        }
                    ],
                    **creance,
                }
            ],
        }
    )


def _bce_jusqu_au(dossier: Path, jour: str) -> None:
    """La BCE confirmée sans décision nouvelle depuis le 11 juin 2025 (2,15 %) jusqu'au ``jour``."""
    verifier_bce_jusqu_au(J(jour), reference="Vérification de test", surcouche=dossier)


# --- point 1 : seul ce que le calcul emploie est exigé ------------------------------------------


def test_b2b_par_defaut_sans_taux_legal_du_semestre(tmp_path: Path) -> None:
    """Taux par défaut = BCE au 1er juillet + 10 points ; le taux légal 2026-S2 n'est pas publié
    dans les règles, et aucune ligne ne l'emploie : le décompte se calcule."""
    surcouche = tmp_path / "s"
    _bce_jusqu_au(surcouche, "2026-12-07")
    regles = charger_regles(surcouche)
    with pytest.raises(RegleNonCouverte):
        regles.valeur("interet_legal.autres", au=J("2026-07-01"))
    d = etablir_decompte(_dossier_b2b(), au=J("2026-12-07"), regles=charger_regles(surcouche))
    lignes = [li for li in d.lignes if li.regime == "penalites_b2b"]
    # BCE 2,15 % en vigueur au 1er janvier et au 1er juillet 2026 : 12,15 % sur les deux semestres.
    assert {li.taux for li in lignes} == {Decimal("12.15")}
    assert sum(li.jours for li in lignes) == (J("2026-12-07") - J("2026-05-31")).days
    identifiants = {v.identifiant for v in d.valeurs_utilisees}
    assert "bce.taux_refinancement" in identifiants
    assert not any(v.identifiant == "interet_legal.autres" and v.du >= J("2026-07-01")
                   for v in d.valeurs_utilisees)


def test_b2b_taux_stipule_exige_le_taux_legal_du_plancher(tmp_path: Path) -> None:
    """Un taux stipulé est comparé au plancher de 3 × le taux légal « autres » : là, il faut le
    taux légal du semestre, et l'erreur le nomme."""
    surcouche = tmp_path / "s"
    _bce_jusqu_au(surcouche, "2026-12-07")
    with pytest.raises(RegleNonCouverte, match=r"interet_legal\.autres") as exc:
        calculer_interets(
            Decimal("1000"), J("2026-05-31"), J("2026-12-07"), regime="penalites_b2b",
            taux_contractuel=Decimal("12"), regles=charger_regles(surcouche),
        )
    manquantes = exc.value.manquantes
    assert [(m.identifiant, m.semestre) for m in manquantes] == [
        ("interet_legal.autres", "2026-S2")
    ]


# --- point 2 : toutes les valeurs manquantes d'un coup -------------------------------------------


def test_toutes_les_valeurs_manquantes_et_leur_commande() -> None:
    """Taux stipulé (plancher) du 31 mai 2026 au 7 décembre 2027, règles du paquet seules : il
    manque le taux légal « autres » de 2026-S2, 2027-S1 et 2027-S2 ; rien d'autre (le taux
    stipulé n'emploie pas la BCE)."""
    with pytest.raises(RegleNonCouverte) as exc:
        calculer_interets(
            Decimal("1000"), J("2026-05-31"), J("2027-12-07"), regime="penalites_b2b",
            taux_contractuel=Decimal("12"),
        )
    manquantes = exc.value.manquantes
    assert [(m.identifiant, m.semestre) for m in manquantes] == [
        ("interet_legal.autres", "2026-S2"),
        ("interet_legal.autres", "2027-S1"),
        ("interet_legal.autres", "2027-S2"),
    ]
    for m, sem in zip(manquantes, ("2026-S2", "2027-S1", "2027-S2"), strict=True):
        assert m.commande is not None
        assert m.commande.startswith(
            f"contentieux regles ajouter interet_legal --semestre {sem} "
        )
        assert m.commande in str(exc.value)


def test_bce_et_taux_legal_manquants_listes_ensemble(tmp_path: Path) -> None:
    """Pénalités par défaut avec l'option plancher_contrat_muet (le taux légal sert alors) :
    la BCE n'est vérifiée que jusqu'au 30 avril 2026 dans le paquet et le taux légal 2026-S2
    n'est pas transcrit ; les deux manques, et la commande de chacun, sortent ensemble."""
    with pytest.raises(RegleNonCouverte) as exc:
        calculer_interets(
            Decimal("1000"), J("2026-05-31"), J("2026-12-07"), regime="penalites_b2b",
            options=OptionsDecompte(plancher_contrat_muet=True),
        )
    manquantes = {(m.identifiant, m.semestre): m for m in exc.value.manquantes}
    assert set(manquantes) == {
        ("bce.taux_refinancement", "2026-S2"),
        ("interet_legal.autres", "2026-S2"),
    }
    assert manquantes["bce.taux_refinancement", "2026-S2"].commande == (
        "contentieux regles actualiser --bce"
    )
    assert manquantes["bce.taux_refinancement", "2026-S2"].au == "2026-07-01"


def test_un_passage_suffit(tmp_path: Path) -> None:
    """Ajouter ce que l'erreur liste suffit : le même calcul passe ensuite."""
    surcouche = tmp_path / "s"
    with pytest.raises(RegleNonCouverte) as exc:
        calculer_interets(
            Decimal("1000"), J("2026-05-31"), J("2027-03-01"), regime="penalites_b2b",
            options=OptionsDecompte(plancher_contrat_muet=True),
        )
    for m in exc.value.manquantes:
        if m.identifiant == "bce.taux_refinancement":
            _bce_jusqu_au(surcouche, m.au)
        else:
            ajouter_interet_legal(
                m.semestre, particuliers="6.5", autres="2.5", reference="Arrêté de test",
                surcouche=surcouche,
            )
    r = calculer_interets(
        Decimal("1000"), J("2026-05-31"), J("2027-03-01"), regime="penalites_b2b",
        options=OptionsDecompte(plancher_contrat_muet=True), regles=charger_regles(surcouche),
    )
    # 2026-S2 et 2027-S1 : BCE 2,15 + 10 = 12,15 % ; plancher 3 × 2,5 = 7,5 % : le défaut reste.
    assert {li.taux for li in r.lignes} == {Decimal("12.15")}


def test_json_de_la_cli_liste_les_manquantes() -> None:
    from contentieux.exemples import chemin_exemple

    r = runner.invoke(
        app, ["decompte", str(chemin_exemple("consommateur")), "--au", "2027-03-01", "--json"]
    )
    erreur = json.loads(r.stdout)
    assert r.exit_code == 4 and erreur["code"] == "regle_non_couverte"
    semestres = [m["semestre"] for m in erreur["manquantes"]]
    assert semestres == sorted(set(semestres)) and {"2026-S2", "2027-S1"} <= set(semestres)
    assert all(m["commande"].startswith("contentieux regles ") for m in erreur["manquantes"])


def test_valeurs_identiques_ne_cachent_pas_un_calcul_anterieur(tmp_path: Path) -> None:
    """Un calcul qui a manqué d'une valeur ne laisse rien derrière lui : le même jeu de règles,
    relu, refuse encore (aucun taux provisoire gardé en mémoire)."""
    for _ in range(2):
        with pytest.raises(RegleNonCouverte):
            calculer_interets(
                Decimal("1000"), J("2026-05-31"), J("2026-12-07"), regime="penalites_b2b",
                taux_contractuel=Decimal("12"),
            )


# --- point 11 : codes de sortie à sens unique ---------------------------------------------------


def test_codes_de_sortie_distincts() -> None:
    from contentieux.cli import commun
    from contentieux.erreurs import (
        ActeInadapte,
        CreanceIrrecevable,
        DonneesGabaritIncompletes,
        ErreurActualisation,
        FraisInterditsConsommateur,
        MentionsManquantes,
    )

    refus = {commun.code_sortie(e("x")) for e in (ActeInadapte, FraisInterditsConsommateur)}
    refus.add(commun.code_sortie(CreanceIrrecevable("x", None)))
    manque = {commun.code_sortie(e("x")) for e in (DonneesGabaritIncompletes, MentionsManquantes)}
    reseau = {commun.code_sortie(ErreurActualisation("x"))}
    assert refus == {6} and manque == {9} and reseau == {10}
    for code in (6, 9, 10):
        assert code in commun.CODES_SORTIE
    table = (Path(__file__).parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    for code, sens in commun.CODES_SORTIE.items():
        assert f"| {code} |" in table, sens


def test_echec_reseau_sort_avec_10(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = runner.invoke(
        app,
        ["regles", "actualiser", "--bce", "--source", f"http://127.0.0.1:{port}/x",
         "--regles", str(tmp_path / "s")],
    )
    assert r.exit_code == 10, r.output
    assert "injoignable" in r.stderr


# --- point 4 : valeurs de la surcouche visibles et réversibles ----------------------------------


def _lancer(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_regles_et_etat_marquent_la_surcouche(tmp_path: Path) -> None:
    s = str(tmp_path / "s")
    ajouter_interet_legal(
        "2026-S2", particuliers="6.5", autres="2.5", reference="Arrêté fictif de test",
        surcouche=s,
    )
    code, sortie, erreur = _lancer("regles", "afficher", "--au", "2026-09-01", "--regles", s)
    assert code == 0, erreur
    fichier = str((tmp_path / "s" / "interet_legal.yaml").resolve())
    assert "autres ◆" in sortie and "particuliers ◆" in sortie
    assert "surcouche-interet-legal-2026-S2" in sortie and fichier in sortie.replace("\n", "")
    assert "contentieux regles retirer interet_legal --semestre 2026-S2" in sortie
    assert "2026-01-01" not in sortie.split("Valeurs de la surcouche")[1]  # S1 : le paquet
    code, sortie, _ = _lancer("regles", "afficher", "--au", "2026-09-01", "--regles", s, "--json")
    valeurs = {v["identifiant"]: v for v in json.loads(sortie)["valeurs"]}
    assert valeurs["interet_legal.autres"]["surcouche"] == fichier
    assert valeurs["indemnite_forfaitaire.montant"]["surcouche"] is None
    code, sortie, _ = _lancer("regles", "etat", "--au", "2026-09-01", "--regles", s, "--json")
    etats = {e["identifiant"]: e for e in json.loads(sortie)["parametres"]}
    assert etats["interet_legal.autres"]["surcouche"] == [
        f"2026-07-01 : 2.5 (référence surcouche-interet-legal-2026-S2, fichier {fichier})"
    ]
    assert etats["bce.taux_refinancement"]["surcouche"] == []
    code, sortie, _ = _lancer("regles", "etat", "--au", "2026-09-01", "--regles", s)
    assert "◆ interet_legal.autres 2026-07-01 : 2.5" in sortie


def test_retirer_interet_legal_et_bce(tmp_path: Path) -> None:
    s = tmp_path / "s"
    ajouter_interet_legal(
        "2026-S2", particuliers="6.5", autres="2.5", reference="Arrêté fictif", surcouche=s
    )
    ajouter_bce(J("2026-06-17"), taux="2.40", reference="Communiqué fictif", surcouche=s)
    code, sortie, erreur = _lancer(
        "regles", "retirer", "interet_legal", "--semestre", "2026-S2", "--regles", str(s)
    )
    assert code == 0, erreur
    assert "interet_legal.autres du 2026-07-01" in sortie
    regles = charger_regles(s)
    with pytest.raises(RegleNonCouverte):
        regles.valeur("interet_legal.autres", au=J("2026-07-01"))
    assert "surcouche-interet-legal-2026-S2" not in (s / "sources.yaml").read_text("utf-8")
    assert "surcouche-bce-2026-06-17" in (s / "sources.yaml").read_text("utf-8")
    code, sortie, erreur = _lancer(
        "regles", "retirer", "bce", "--date", "2026-06-17", "--regles", str(s)
    )
    assert code == 0, erreur
    assert not (s / "interet_legal.yaml").exists() and not (s / "bce.yaml").exists()
    # Une valeur du paquet ne se retire pas ; la commande le dit, sans rien toucher.
    code, _, erreur = _lancer(
        "regles", "retirer", "interet_legal", "--semestre", "2026-S1", "--regles", str(s)
    )
    assert code == 2 and "paquet" in erreur
    assert charger_regles(s).decimal("interet_legal.autres", au=J("2026-03-01")) == Decimal("2.62")


def test_ajouter_une_valeur_deja_en_vigueur_le_dit(tmp_path: Path) -> None:
    s = str(tmp_path / "s")
    code, sortie, _ = _lancer(
        "regles", "ajouter", "interet_legal", "--semestre", "2026-S1", "--particuliers", "6.67",
        "--autres", "2.62", "--reference", "Arrêté du 15 décembre 2025", "--regles", s,
    )
    assert code == 0
    assert "déjà en vigueur à l'identique" in sortie and "arrete-2025-12-15" in sortie
    assert "Surcouche inchangée" in sortie
    assert not (tmp_path / "s" / "interet_legal.yaml").exists()
    code, sortie, _ = _lancer(
        "regles", "ajouter", "bce", "--date", "2026-01-15", "--taux", "2.15",
        "--reference", "Communiqué", "--regles", s,
    )
    assert code == 0 and "déjà de 2.15 % depuis le 2025-06-11" in sortie.replace("\n", " ")
    assert "--verifie-jusqu-au 2026-01-15" in sortie.replace("\n", " ")
    code, sortie, _ = _lancer(
        "regles", "ajouter", "bce", "--verifie-jusqu-au", "2026-03-01", "--reference", "Vu",
        "--regles", s,
    )
    assert code == 0 and "déjà vérifié jusqu'au 2026-04-30" in sortie
    # Une valeur différente de celle du paquet : écrite, et la commande dit ce qu'elle remplace.
    code, sortie, _ = _lancer(
        "regles", "ajouter", "interet_legal", "--semestre", "2026-S1", "--particuliers", "6.67",
        "--autres", "2.63", "--reference", "Rectificatif fictif", "--regles", s,
    )
    assert code == 0 and "remplace la valeur 2.62" in sortie.replace("\n", " ")


# --- point 5 : --au vaut aujourd'hui en ligne de commande ---------------------------------------


@pytest.fixture
def aujourd_hui(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """La date du jour de la ligne de commande, fixée : jamais l'horloge réelle dans un test."""
    jour = J("2026-06-30")
    monkeypatch.setattr("contentieux.cli.commun.aujourd_hui", lambda: jour)
    return jour


def test_au_vaut_aujourd_hui_et_chaque_rapport_imprime_sa_date(
    aujourd_hui: dt.date, tmp_path: Path
) -> None:
    from contentieux.exemples import chemin_exemple

    b2b = str(chemin_exemple("b2b"))
    factures = str(Path(__file__).parents[1] / "exemples" / "lots" / "factures.csv")
    attendus = {
        ("decompte", b2b): "au 30 juin 2026",
        ("verifier", b2b): "au 30 juin 2026",
        ("regles",): "Règles en vigueur au 30/06/2026",
        ("regles", "afficher"): "Règles en vigueur au 30/06/2026",
        ("regles", "etat"): "État des règles datées au 30/06/2026",
        ("generer", "relance", b2b, "-o", str(tmp_path)): "Actes établis au 30/06/2026",
        ("pilotage", factures): "Pilotage au 30 juin 2026",
        ("agenda", factures): "Agenda au 30 juin 2026",
    }
    for args, attendu in attendus.items():
        code, sortie, erreur = _lancer(*args)
        assert code == 0, (args, erreur)
        assert attendu in sortie, args
        code, sortie_datee, _ = _lancer(*args, "--au", "2026-06-30")
        assert sortie_datee == sortie, args  # sans --au : exactement la date du jour
    code, sortie, _ = _lancer("decompte", b2b, "--json")
    assert json.loads(sortie)["au"] == "2026-06-30"


def test_l_api_python_garde_au_explicite() -> None:
    import inspect

    from contentieux.recevabilite import verifier_recevabilite

    for fonction in (etablir_decompte, verifier_recevabilite):
        parametre = inspect.signature(fonction).parameters["au"]
        assert parametre.default is inspect.Parameter.empty, fonction.__name__
