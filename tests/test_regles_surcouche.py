"""Tenir les taux à jour : état, ajout validé et atomique, relevé BCE contre un serveur local,
surcouches validées comme le paquet, messages « non couvert » qui donnent la commande."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from contentieux.cli import app
from contentieux.erreurs import ErreurActualisation, RegleMalFormee, RegleNonCouverte
from contentieux.regles import charger_regles, dossier_regles_paquet, dossier_surcouche_utilisateur
from contentieux.regles_surcouche import (
    actualiser_bce,
    ajouter_bce,
    ajouter_interet_legal,
    etat_regles,
    lire_csv_bce,
    verifier_bce_jusqu_au,
)
from tests.serveur_local import Route, serveur_local

J = dt.date.fromisoformat
runner = CliRunner()


@pytest.fixture(autouse=True)
def _isoler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dossier personnel dans tmp_path ; pas de variable héritée."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CONTENTIEUX_REGLES", raising=False)


def _empreinte_paquet() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in dossier_regles_paquet().glob("*.yaml")}


# --- dossier personnel ------------------------------------------------------------------------


def test_dossier_personnel_suit_xdg_data_home(tmp_path: Path) -> None:
    assert dossier_surcouche_utilisateur() == tmp_path / "xdg" / "contentieux" / "regles"


def test_ajout_dans_le_dossier_personnel_sans_variable(tmp_path: Path) -> None:
    paquet = _empreinte_paquet()
    with pytest.raises(RegleNonCouverte):
        charger_regles().valeur("interet_legal.autres", au=J("2026-11-26"))
    ajout = ajouter_interet_legal(
        "2026-S2",
        particuliers="6,50",
        autres="2.50 %",
        reference="Arrêté fictif du 22 juin 2026 (test)",
        url="https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000000000000",
    )
    assert ajout.dossier == (tmp_path / "xdg" / "contentieux" / "regles").resolve()
    regles = charger_regles()  # relu : le cache suit le contenu des fichiers
    valeur = regles.valeur("interet_legal.autres", au=J("2026-11-26"))
    assert valeur.valeur == Decimal("2.50")
    assert valeur.source.titre == "Arrêté fictif du 22 juin 2026 (test)"
    assert regles.decimal("interet_legal.particuliers", au=J("2026-07-01")) == Decimal("6.50")
    assert "dossier personnel" in regles.version and str(ajout.dossier) in regles.version
    assert _empreinte_paquet() == paquet  # le paquet n'est jamais touché


def test_option_et_variable_passent_devant_le_dossier_personnel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ajouter_interet_legal("2026-S2", particuliers="6.5", autres="2.5", reference="perso")
    autre = tmp_path / "autre"
    ajouter_interet_legal(
        "2026-S2", particuliers="7", autres="3", reference="option", surcouche=autre
    )
    assert charger_regles(autre).decimal("interet_legal.autres", au=J("2026-08-01")) == 3
    monkeypatch.setenv("CONTENTIEUX_REGLES", str(autre))
    regles = charger_regles()
    assert regles.decimal("interet_legal.autres", au=J("2026-08-01")) == 3
    assert "variable CONTENTIEUX_REGLES" in regles.version


def test_ajout_refuse_laisse_la_surcouche_intacte(tmp_path: Path) -> None:
    dossier = tmp_path / "s"
    _ajouter_s2(dossier)
    avant = {p.name: p.read_bytes() for p in dossier.iterdir()}
    for mauvais in ("-3.5", "1000000", "NaN", "deux"):
        with pytest.raises(RegleMalFormee):
            ajouter_interet_legal(
                "2027-S1", particuliers=mauvais, autres="2", reference="B", surcouche=dossier
            )
    with pytest.raises(RegleMalFormee, match="AAAA-S1"):
        ajouter_interet_legal(
            "2027-S3", particuliers="1", autres="1", reference="B", surcouche=dossier
        )
    with pytest.raises(RegleMalFormee, match="https://"):
        ajouter_bce(J("2026-06-17"), taux="2.4", reference="B", url="ftp://x", surcouche=dossier)
    assert {p.name: p.read_bytes() for p in dossier.iterdir()} == avant
    assert not list(dossier.glob(".*"))  # aucun fichier temporaire laissé


def test_le_paquet_n_est_jamais_une_cible() -> None:
    with pytest.raises(RegleMalFormee, match="jamais modifié"):
        ajouter_bce(J("2026-06-17"), taux="2.4", reference="x", surcouche=dossier_regles_paquet())


def test_ajout_bce_puis_verification(tmp_path: Path) -> None:
    dossier = tmp_path / "s"
    ajout = ajouter_bce(
        J("2026-06-17"), taux="2.40", reference="Communiqué fictif", surcouche=dossier
    )
    assert ajout.notes and "--verifie-jusqu-au 2026-06-17" in ajout.notes[0]
    with pytest.raises(RegleNonCouverte, match="vérifiée seulement jusqu'au 2026-04-30"):
        charger_regles(dossier).valeur("bce.taux_refinancement", au=J("2026-06-20"))
    verifier_bce_jusqu_au(J("2026-11-26"), reference="Vérifié sur le site", surcouche=dossier)
    regles = charger_regles(dossier)
    assert regles.decimal("bce.taux_refinancement", au=J("2026-06-20")) == Decimal("2.40")
    assert regles.decimal("bce.taux_refinancement", au=J("2026-06-16")) == Decimal("2.15")
    assert regles.parametre("bce.taux_refinancement").verifie_reference == (
        "surcouche-bce-verifie-2026-11-26"
    )
    with pytest.raises(RegleNonCouverte):
        regles.valeur("bce.taux_refinancement", au=J("2026-11-27"))


# --- état ---------------------------------------------------------------------------------------


def test_etat_donne_dernier_jour_manque_et_commande() -> None:
    etats = {e.identifiant: e for e in etat_regles(charger_regles(), au=J("2026-11-26"))}
    legal = etats["interet_legal.particuliers"]
    assert (legal.couvert, legal.couvert_jusqu_au) == (False, J("2026-06-30"))
    assert legal.manque == "le taux du semestre 2026-S2 n'est pas transcrit"
    assert legal.commande is not None
    assert legal.commande.startswith("contentieux regles ajouter interet_legal --semestre 2026-S2")
    assert legal.publication and "Journal officiel" in legal.publication
    bce = etats["bce.taux_refinancement"]
    assert bce.couvert_jusqu_au == J("2026-04-30") and bce.commande == (
        "contentieux regles actualiser --bce"
    )
    assert etats["indemnite_forfaitaire.montant"].couvert is True
    sans_date = {e.identifiant: e for e in etat_regles(charger_regles())}
    assert sans_date["interet_legal.autres"].commande is not None
    assert "--semestre 2026-S2" in sans_date["interet_legal.autres"].commande


# --- messages « non couvert » -----------------------------------------------------------------


def _extrait(message: str) -> dict[str, str]:
    """Les fichiers de l'extrait de surcouche d'un message : {nom: texte}."""
    fichiers: dict[str, list[str]] = {}
    courant = None
    for ligne in message.splitlines():
        if ligne.endswith(".yaml :") and "/" in ligne:
            courant = ligne.rsplit("/", 1)[1].removesuffix(" :")
            fichiers[courant] = []
        elif courant and ligne.startswith("  "):
            fichiers[courant].append(ligne[2:])
    return {nom: "\n".join(lignes) + "\n" for nom, lignes in fichiers.items()}


@pytest.mark.parametrize(
    ("identifiant", "jour", "commande", "valeur"),
    [
        ("interet_legal.autres", "2026-07-01", "ajouter interet_legal --semestre 2026-S2", "2.5"),
        ("bce.taux_refinancement", "2026-11-26", "regles actualiser --bce", "2.15"),
        ("indemnite_forfaitaire.montant", "2012-12-31", None, "40"),
    ],
)
def test_le_message_donne_la_commande_et_un_extrait_qui_marche(
    tmp_path: Path, identifiant: str, jour: str, commande: str | None, valeur: str
) -> None:
    with pytest.raises(RegleNonCouverte) as exc:
        charger_regles().valeur(identifiant, au=J(jour))
    message = str(exc.value)
    if commande:
        assert commande in message
    assert "docs/" not in message and "regles/" not in message.replace("contentieux/regles", "")
    fichiers = _extrait(message)
    assert set(fichiers) == {f"{identifiant.split('.')[0]}.yaml", "sources.yaml"}
    if identifiant.startswith("bce"):
        assert "verifie_jusqu_au: 2026-11-26" in fichiers["bce.yaml"]
    dossier = tmp_path / "extrait"
    dossier.mkdir()
    for nom, texte in fichiers.items():
        texte = texte.replace("VALEUR", valeur).replace("TEXTE OFFICIEL", "Texte de test")
        (dossier / nom).write_text(texte, encoding="utf-8")
    assert charger_regles(dossier).decimal(identifiant, au=J(jour)) == Decimal(valeur)


# --- surcouches validées comme le paquet ------------------------------------------------------


SOURCE = "arrete-test: {titre: Arrêté fictif, url: 'https://example.org'}\n"


def _ligne(ligne: str) -> str:
    return f"autres:\n  valeurs:\n    {ligne}\n"


def _ajouter_s2(dossier: Path) -> None:
    ajouter_interet_legal(
        "2026-S2", particuliers="6.5", autres="2.5", reference="A", surcouche=dossier
    )


def _autres(valeur: str) -> str:
    return f"autres:\n  valeurs:\n    2026-07-01: {{valeur: {valeur}, reference: arrete-test}}\n"


@pytest.mark.parametrize(
    ("fichiers", "fautif", "attendu"),
    [
        ({"interet_legal.yaml": _autres("-3.5")}, "interet_legal.yaml", "hors des bornes"),
        ({"interet_legal.yaml": _autres(".nan")}, "interet_legal.yaml", "nombre non décimal"),
        ({"interet_legal.yaml": _autres("1000000")}, "interet_legal.yaml", "hors des bornes"),
        ({"interet_legal.yaml": "autres:\n  periodicite: permanente\n"}, "interet_legal.yaml",
         "ne peut pas changer « periodicite »"),
        ({"interet_legal.yaml": "autres:\n  unite: euros\n"}, "interet_legal.yaml",
         "ne peut pas changer « unite »"),
        ({"interet_legal.yaml": _ligne("2026-07-01: {valeur: 2, reference: [a]}")},
         "interet_legal.yaml", "« reference » doit être un texte"),
        ({"interet_legal.yaml": _ligne("2026-13-01: {valeur: 2, reference: a}")},
         "interet_legal.yaml", "mois hors de 1 à 12"),
        ({"interet_legal.yaml": _ligne("2026-07-01: {valeur: 2, reference: arrete-test}")
          + "    2026-07-01: {valeur: 3, reference: arrete-test}\n"},
         "interet_legal.yaml", "clé « 2026-07-01 » en double ligne 4"),
        ({"interet_legal.yaml": "1: {valeurs: {}}\nautres: {valeurs: {}}\n"}, "interet_legal.yaml",
         "clé « 1 » (int)"),
        ({"interet_legal.yaml": _ligne("2026: {valeur: 2, reference: arrete-test}")},
         "interet_legal.yaml", "date « 2026 » invalide"),
        ({"sources.yaml": "arrete-test: {titre: A, urls: 5}\n"}, "sources.yaml",
         "« urls » doit être une liste"),
        ({"sources.yaml": SOURCE + "arrete-2025-12-15: {titre: Autre titre}\n"}, "sources.yaml",
         "ne peut pas la réintituler"),
        ({"interet.legal.yaml": _autres("2")}, "interet.legal.yaml", "sans point ni tiret"),
        ({"interet_legal.yaml": "autres: !!python/object:os.system {}\n"}, "interet_legal.yaml",
         "!!python/object:os.system"),
        ({"interet_legal.yaml": "a: 1\n---\nb: 2\n"}, "interet_legal.yaml", "plusieurs documents"),
    ],
)
def test_surcouche_hostile_refusee_en_nommant_le_fichier_de_la_surcouche(
    tmp_path: Path, fichiers: dict[str, str], fautif: str, attendu: str
) -> None:
    tout = {"sources.yaml": SOURCE, **fichiers}
    for nom, texte in tout.items():
        (tmp_path / nom).write_text(texte, encoding="utf-8")
    with pytest.raises(RegleMalFormee) as exc:
        charger_regles(tmp_path)
    assert attendu in str(exc.value)
    assert str(tmp_path / fautif) in str(exc.value)


def test_surcouche_latin1_refusee(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_bytes("a: {titre: Arrêté}\n".encode("latin-1"))
    with pytest.raises(RegleMalFormee, match="UTF-8") as exc:
        charger_regles(tmp_path)
    assert str(tmp_path / "sources.yaml") in str(exc.value)


def test_surcouche_fifo_refusee(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "bce.yaml")
    with pytest.raises(RegleMalFormee, match="n'est pas un fichier ordinaire"):
        charger_regles(tmp_path)


def test_le_paquet_refuse_aussi_les_cles_en_double(tmp_path: Path) -> None:
    """Le chargeur est le même pour le paquet : une copie du paquet avec un doublon échoue."""
    from contentieux.regles import _charger

    copie = tmp_path / "paquet"
    copie.mkdir()
    for fichier in dossier_regles_paquet().glob("*.yaml"):
        (copie / fichier.name).write_bytes(fichier.read_bytes())
    texte = (copie / "indemnite_forfaitaire.yaml").read_text(encoding="utf-8")
    (copie / "indemnite_forfaitaire.yaml").write_text(
        texte + "\nmontant:\n  libelle: doublon\n", encoding="utf-8"
    )
    with pytest.raises(RegleMalFormee, match="clé « montant » en double ligne") as exc:
        _charger((copie,), None)
    assert "indemnite_forfaitaire.yaml" in str(exc.value)


# --- relevé BCE contre un serveur local -------------------------------------------------------

_SERIE = "FM.B.U2.EUR.4F.KR.MRR_FR.LEV,B,U2,EUR,4F,KR,MRR_FR,LEV"
CSV_BCE = (
    "KEY,FREQ,REF_AREA,CURRENCY,PROVIDER_FM,INSTRUMENT_FM,PROVIDER_FM_ID,DATA_TYPE_FM,"
    "TIME_PERIOD,OBS_VALUE,OBS_STATUS,TITLE\n"
) + "".join(
    f"{_SERIE},{jour},{taux},A,Main refinancing operations - fixed rate\n"
    for jour, taux in [
        ("2025-06-11", "2.15"),
        ("2025-06-12", "2.15"),
        ("2026-06-16", "2.15"),
        ("2026-06-17", "2.40"),
        ("2026-06-18", "2.40"),
        ("2026-11-25", "2.40"),
    ]
)


@pytest.fixture
def serveur() -> Iterator[tuple[Route, str]]:
    route = Route(CSV_BCE.encode(), type="text/csv")
    chemin = "/service/data/FM/B.U2.EUR.4F.KR.MRR_FR.LEV"
    with serveur_local({chemin: route}) as adresse:
        yield route, adresse + chemin


def test_actualiser_bce_enregistre_les_decisions_et_la_verification(
    tmp_path: Path, serveur: tuple[Route, str]
) -> None:
    etat, url = serveur
    dossier = tmp_path / "s"
    resultat = actualiser_bce(source=url, surcouche=dossier)
    assert "startPeriod=2025-06-11" in etat.chemins[0] and "format=csvdata" in etat.chemins[0]
    assert resultat.decisions == ((J("2026-06-17"), Decimal("2.40")),)
    assert resultat.verifie_jusqu_au == J("2026-11-25")
    regles = charger_regles(dossier)
    valeur = regles.valeur("bce.taux_refinancement", au=J("2026-07-01"))
    assert valeur.valeur == Decimal("2.40") and valeur.du == J("2026-06-17")
    assert "Banque centrale européenne" in valeur.source.titre and url in valeur.source.urls[0]
    assert regles.decimal("bce.taux_refinancement", au=J("2026-06-16")) == Decimal("2.15")
    # Relancer ne duplique rien.
    assert actualiser_bce(source=url, surcouche=dossier).decisions == ()


@pytest.mark.parametrize(
    ("reglage", "attendu"),
    [
        ({"statut": 503}, "a répondu 503"),
        ({"attente": 2.0}, "délai de 0.5 s dépassé"),
        ({"corps": b"<html>maintenance</html>"}, "colonnes TIME_PERIOD et OBS_VALUE absentes"),
        ({"corps": b"TIME_PERIOD,OBS_VALUE\n2026-13-01,2.4\n"}, "ligne 2"),
        ({"corps": b"TIME_PERIOD,OBS_VALUE\n"}, "aucune observation"),
        ({"corps": b"TIME_PERIOD,OBS_VALUE\n2026-06-17,9999\n"}, "aberrant"),
    ],
)
def test_actualiser_bce_erreur_claire_et_surcouche_intacte(
    tmp_path: Path, serveur: tuple[Route, str], reglage: dict[str, object], attendu: str
) -> None:
    etat, url = serveur
    for cle, valeur in reglage.items():
        setattr(etat, cle, valeur)
    dossier = tmp_path / "s"
    _ajouter_s2(dossier)
    avant = {p.name: p.read_bytes() for p in dossier.iterdir()}
    with pytest.raises(ErreurActualisation, match=attendu):
        actualiser_bce(source=url, surcouche=dossier, delai=0.5)
    assert {p.name: p.read_bytes() for p in dossier.iterdir()} == avant


def test_actualiser_bce_serveur_injoignable(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ErreurActualisation, match="injoignable"):
        actualiser_bce(source=f"http://127.0.0.1:{port}/x", surcouche=tmp_path / "s", delai=2)
    assert not (tmp_path / "s" / "bce.yaml").exists()


def test_csv_colonnes_trouvees_par_leur_nom() -> None:
    texte = "OBS_VALUE,AUTRE,TIME_PERIOD\n2.15,x,2025-06-11\n,x,2025-06-12\n"
    assert lire_csv_bce(texte) == [(J("2025-06-11"), Decimal("2.15"))]


# --- ligne de commande ------------------------------------------------------------------------


def _lancer(*args: str) -> tuple[int, str, str]:
    resultat = runner.invoke(app, list(args))
    return resultat.exit_code, resultat.stdout, resultat.stderr


def test_cli_regles_afficher_et_raccourci() -> None:
    code, sortie, erreur = _lancer("regles", "afficher", "--au", "2026-03-01")
    assert code == 0, erreur
    assert "2,62\xa0%" in sortie and "5\xa0ans" in sortie and "5\u202f000\xa0€" in sortie
    assert "Intérêt légal" in sortie and "01/01/2026" in sortie
    assert max(len(ligne) for ligne in sortie.splitlines()) <= 80
    code2, sortie2, _ = _lancer("regles", "--au", "2026-03-01")
    assert code2 == 0 and sortie2 == sortie


def test_cli_etat_ajouter_actualiser(tmp_path: Path, serveur: tuple[Route, str]) -> None:
    _, url = serveur
    code, sortie, _ = _lancer("regles", "etat", "--au", "2026-11-26")
    assert code == 0
    assert "regles ajouter interet_legal --semestre 2026-S2" in sortie
    code, sortie, erreur = _lancer(
        "regles", "ajouter", "interet_legal", "--semestre", "2026-S2", "--particuliers", "6.5",
        "--autres", "2,5", "--reference", "Arrêté fictif [test]", "--url", "https://example.org",
    )
    assert code == 0, erreur
    assert "2,50\xa0%" in sortie
    code, sortie, erreur = _lancer("regles", "actualiser", "--bce", "--source", url)
    assert code == 0, erreur
    assert "2,40\xa0%" in sortie and "25/11/2026" in sortie
    code, sortie, _ = _lancer("regles", "etat", "--au", "2026-11-25", "--json")
    assert code == 0
    import json

    etats = {e["identifiant"]: e for e in json.loads(sortie)["parametres"]}
    assert all(etats[i]["couvert"] for i in ("bce.taux_refinancement", "interet_legal.autres"))
    code, sortie, _ = _lancer("regles", "afficher", "--au", "2026-11-25")
    assert "dossier personnel" in sortie


def test_cli_ajouter_bce_et_erreurs(tmp_path: Path) -> None:
    surcouche = str(tmp_path / "s")
    code, _, erreur = _lancer(
        "regles", "ajouter", "bce", "--date", "2026-06-17", "--taux", "2.40",
        "--reference", "Communiqué", "--regles", surcouche,
    )
    assert code == 0, erreur
    code, _, erreur = _lancer(
        "regles", "ajouter", "bce", "--verifie-jusqu-au", "2026-11-26", "--reference", "Vu",
        "--regles", surcouche,
    )
    assert code == 0, erreur
    regles = charger_regles(surcouche)
    assert regles.decimal("bce.taux_refinancement", au=J("2026-11-26")) == Decimal("2.40")
    code, _, erreur = _lancer("regles", "ajouter", "bce", "--reference", "x", "--regles", surcouche)
    assert code != 0 and "--verifie-jusqu-au" in erreur and "Traceback" not in erreur
    code, _, erreur = _lancer("regles", "actualiser", "--source", "http://127.0.0.1:9/x")
    assert code == 2 and "--bce ou --taux-legal" in erreur
    code, _, erreur = _lancer(
        "regles", "ajouter", "interet_legal", "--semestre", "2026-S2", "--particuliers", "-3",
        "--autres", "2", "--reference", "x", "--regles", surcouche,
    )
    assert code != 0 and "hors de 0 à 100" in erreur


# --- les résultats disent quelles règles ont servi ------------------------------------------------


def test_decompte_et_recevabilite_nomment_la_surcouche_prise_par_defaut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from contentieux.exemples import dossier_exemple
    from contentieux.interets import etablir_decompte
    from contentieux.recevabilite import verifier_recevabilite

    dossier = dossier_exemple("b2b")
    sans = etablir_decompte(dossier, au=J("2026-06-30"))
    assert "surcouche" not in sans.regles_version
    personnel = ajouter_interet_legal(
        "2026-S2", particuliers="6.5", autres="2.5", reference="perso"
    ).dossier
    avec = etablir_decompte(dossier, au=J("2026-06-30"))
    assert f"avec surcouche {personnel}, dossier personnel" in avec.regles_version
    rapport = verifier_recevabilite(dossier, au=J("2026-06-30"))
    assert f"avec surcouche {personnel}, dossier personnel" in rapport.regles_version
    autre = tmp_path / "autre"
    ajouter_interet_legal("2026-S2", particuliers="7", autres="3", reference="env", surcouche=autre)
    monkeypatch.setenv("CONTENTIEUX_REGLES", str(autre))
    par_variable = etablir_decompte(dossier, au=J("2026-06-30"))
    assert f"avec surcouche {autre.resolve()}, variable CONTENTIEUX_REGLES" in (
        par_variable.regles_version
    )


def test_affichage_echappe_le_balisage_venu_d_une_surcouche(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "cabinet.yaml").write_text(
        "honoraires:\n  libelle: Forfait [bold]\n  unite: euros\n  periodicite: permanente\n"
        "  fondement: Convention [/x] Dupont [sarl]\n"
        "  valeurs:\n    2020-01-01: {valeur: 150, reference: arrete-test}\n",
        encoding="utf-8",
    )
    code, sortie, erreur = _lancer(
        "regles", "afficher", "--au", "2026-01-01", "--regles", str(tmp_path)
    )
    assert code == 0, erreur
    assert "Convention [/x] Dupont [sarl]" in sortie and "150\xa0€" in sortie
