"""Relevé du taux de l'intérêt légal sur Webstat (Banque de France) contre un serveur local :
bonne réponse, format inattendu, 503, délai dépassé, clé absente (issue 19, point 3).

Les taux 2026-S2 servis ici (6,51 % et 2,45 %) sont fictifs : ils ne servent qu'au test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from contentieux.cli import app
from contentieux.erreurs import ErreurActualisation
from contentieux.regles import charger_regles
from contentieux.regles_surcouche import (
    SERIES_WEBSTAT,
    VARIABLE_CLE_WEBSTAT,
    CleWebstatAbsente,
    actualiser_interet_legal,
)
from tests.serveur_local import Route, enregistrements_webstat, serveur_local

J = dt.date.fromisoformat
LU_LE = J("2026-12-07")
CHEMIN = "/api/explore/v2.1/catalog/datasets/observations/records"
PART, AUTR = SERIES_WEBSTAT["particuliers"], SERIES_WEBSTAT["autres"]
REPONSE = enregistrements_webstat(
    {
        # 2025-S2 et 2026-S1 : ceux du paquet (arrêtés des 19 juin et 15 décembre 2025).
        PART: {"2025-S2": "6.65", "2026-S1": "6.67", "2026-S2": "6.51"},
        AUTR: {"2025-S2": "2.76", "2026-S1": "2.62", "2026-S2": "2.45"},
        "FM.AUTRE.SERIE": {"2026-S2": "99"},
    }
)


@pytest.fixture
def webstat(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Route, str]]:
    monkeypatch.setenv(VARIABLE_CLE_WEBSTAT, "cle-de-test")
    route = Route(REPONSE, type="application/json")
    with serveur_local({CHEMIN: route}) as adresse:
        yield route, adresse + CHEMIN


def test_releve_ecrit_le_semestre_qui_manque(
    tmp_path: Path, webstat: tuple[Route, str]
) -> None:
    route, url = webstat
    dossier = tmp_path / "s"
    resultat = actualiser_interet_legal(lu_le=LU_LE, source=url, surcouche=dossier)
    assert route.entetes[0]["Authorization"] == "Apikey cle-de-test"
    from urllib.parse import parse_qs, urlsplit

    requete = parse_qs(urlsplit(route.chemins[0]).query)
    assert requete["where"] == [f"series_key='{PART}' or series_key='{AUTR}'"]
    assert requete["order_by"] == ["time_period"] and requete["limit"] == ["100"]
    assert resultat.ecrits == ((J("2026-07-01"), Decimal("6.51"), Decimal("2.45")),)
    assert resultat.deja_connus == (J("2025-07-01"), J("2026-01-01"))
    assert resultat.ecarts == ()
    regles = charger_regles(dossier)
    valeur = regles.valeur("interet_legal.autres", au=J("2026-12-07"))
    assert valeur.valeur == Decimal("2.45")
    assert "Webstat" in valeur.source.titre and "lu le 2026-12-07" in valeur.source.titre
    assert valeur.source.urls == (url,)
    assert regles.decimal("interet_legal.particuliers", au=J("2026-07-01")) == Decimal("6.51")
    # Relancer n'écrit rien de plus.
    assert actualiser_interet_legal(lu_le=LU_LE, source=url, surcouche=dossier).ecrits == ()


def test_ecart_avec_le_paquet_signale_et_non_ecrit(
    tmp_path: Path, webstat: tuple[Route, str]
) -> None:
    route, url = webstat
    route.corps = enregistrements_webstat({PART: {"2026-S1": "6.70"}, AUTR: {"2026-S1": "2.62"}})
    resultat = actualiser_interet_legal(lu_le=LU_LE, source=url, surcouche=tmp_path / "s")
    assert resultat.ecrits == () and len(resultat.ecarts) == 1
    assert "2026-S1" in resultat.ecarts[0] and "Webstat donne 6.7 et 2.62" in resultat.ecarts[0]
    assert not (tmp_path / "s" / "interet_legal.yaml").exists()


@pytest.mark.parametrize(
    ("reglage", "attendu"),
    [
        ({"statut": 503}, "a répondu 503"),
        ({"attente": 2.0}, "délai de 0.5 s dépassé"),
        ({"corps": b"<html>maintenance</html>"}, "pas du JSON"),
        ({"corps": b'{"error": "x"}'}, "champ « results » absent"),
        ({"corps": b'{"total_count": 1, "results": [{"date": "2026-07-01"}]}'}, "series_key"),
        ({"corps": b'{"total_count": 0, "results": []}'}, "aucune observation"),
        (
            {"corps": enregistrements_webstat({PART: {"2026-S2": "650"}, AUTR: {"2026-S2": "2"}})},
            "aberrant",
        ),
        (
            {
                "corps": enregistrements_webstat(
                    {PART: {"2026-07-01": "6.5", "2026-09-01": "6.6"}, AUTR: {"2026-S2": "2"}}
                )
            },
            "deux taux différents",
        ),
    ],
)
def test_erreur_claire_et_surcouche_intacte(
    tmp_path: Path, webstat: tuple[Route, str], reglage: dict[str, object], attendu: str
) -> None:
    route, url = webstat
    for cle, valeur in reglage.items():
        setattr(route, cle, valeur)
    dossier = tmp_path / "s"
    dossier.mkdir()
    (dossier / "sources.yaml").write_text("a: {titre: Source de test}\n", encoding="utf-8")
    avant = {p.name: p.read_bytes() for p in dossier.iterdir()}
    with pytest.raises(ErreurActualisation, match=attendu):
        actualiser_interet_legal(lu_le=LU_LE, source=url, surcouche=dossier, delai=0.5)
    assert {p.name: p.read_bytes() for p in dossier.iterdir()} == avant


def test_cle_absente_dit_comment_en_obtenir_une(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(VARIABLE_CLE_WEBSTAT, raising=False)
    with pytest.raises(CleWebstatAbsente, match=r"webstat\.banque-france\.fr") as exc:
        actualiser_interet_legal(lu_le=LU_LE, source="http://127.0.0.1:9/x", surcouche=tmp_path)
    assert f"export {VARIABLE_CLE_WEBSTAT}=" in str(exc.value)


# --- ligne de commande --------------------------------------------------------------------------

runner = CliRunner()


def test_cli_actualiser_taux_legal(tmp_path: Path, webstat: tuple[Route, str]) -> None:
    _, url = webstat
    surcouche = str(tmp_path / "s")
    r = runner.invoke(
        app, ["regles", "actualiser", "--taux-legal", "--source", url, "--regles", surcouche]
    )
    assert r.exit_code == 0, r.output
    assert "2026-S2" in r.stdout and "6,51\xa0%" in r.stdout and "2,45\xa0%" in r.stdout
    assert "déjà connus" in r.stdout


def test_cli_cle_absente_sort_avec_10(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(VARIABLE_CLE_WEBSTAT, raising=False)
    r = runner.invoke(
        app, ["regles", "actualiser", "--taux-legal", "--regles", str(tmp_path / "s")]
    )
    assert r.exit_code == 10
    assert VARIABLE_CLE_WEBSTAT in r.stderr and "Traceback" not in r.output
