"""Premier jour (issue 19) : la séquence qu'un nouvel utilisateur tape à la date du jour, surcouche
vide, contre un serveur local pour les DEUX sources de taux (portail de la BCE et Webstat).

La séquence est lue dans ``docs/premier-jour.md`` (le bloc entre ``<!-- sequence-premier-jour
-->`` et ``<!-- fin-sequence-premier-jour -->``) et exécutée ligne à ligne, avec le code de sortie
que la page annonce : la page et le test ne peuvent pas diverger. La date du jour est fixée en
remplaçant ``contentieux.cli.commun.aujourd_hui`` (jamais l'horloge réelle) ; les adresses des deux
sources sont celles du serveur local ; les taux qu'il sert pour 2026-S2 et la BCE jusqu'au
7 décembre 2026 sont fictifs (données de test).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from contentieux.cli import app
from contentieux.regles_surcouche import SERIES_WEBSTAT, VARIABLE_CLE_WEBSTAT
from tests.serveur_local import Route, enregistrements_webstat, serveur_local

AUJOURD_HUI = dt.date(2026, 12, 7)
PAGE = Path(__file__).resolve().parents[1] / "docs" / "premier-jour.md"
CHEMIN_BCE = "/service/data/FM/B.U2.EUR.4F.KR.MRR_FR.LEV"
CHEMIN_WEBSTAT = "/api/explore/v2.1/catalog/datasets/observations/records"
CSV_BCE = (
    "KEY,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE\n"
    + "".join(
        f"FM.B.U2.EUR.4F.KR.MRR_FR.LEV,B,U2,{jour},2.15\n"
        for jour in ("2025-06-11", "2026-01-02", "2026-07-01", "2026-12-04", "2026-12-07")
    )
)
WEBSTAT = enregistrements_webstat(
    {
        SERIES_WEBSTAT["particuliers"]: {"2026-S1": "6.67", "2026-S2": "6.51"},
        SERIES_WEBSTAT["autres"]: {"2026-S1": "2.62", "2026-S2": "2.45"},
    }
)
runner = CliRunner()


def sequence() -> list[tuple[str, int | None]]:
    """Les lignes ``$ …`` de la page, avec le code de sortie annoncé (``# code N``)."""
    texte = PAGE.read_text(encoding="utf-8")
    bloc = texte.split("<!-- sequence-premier-jour -->", 1)[1]
    bloc = bloc.split("<!-- fin-sequence-premier-jour -->", 1)[0]
    lignes = []
    for ligne in bloc.splitlines():
        if not ligne.startswith("$ "):
            continue
        commande, _, commentaire = ligne[2:].partition("#")
        code = re.search(r"code (\d+)", commentaire)
        lignes.append((commande.strip(), int(code.group(1)) if code else None))
    return lignes


@pytest.fixture
def premier_jour(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Route]]:
    """Installation neuve : dossier de travail vide, surcouche personnelle vide, date du jour
    fixée, les deux sources de taux sur 127.0.0.1."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("contentieux.cli.commun.aujourd_hui", lambda: AUJOURD_HUI)
    monkeypatch.delenv(VARIABLE_CLE_WEBSTAT, raising=False)
    routes = {
        CHEMIN_BCE: Route(CSV_BCE.encode(), type="text/csv"),
        CHEMIN_WEBSTAT: Route(WEBSTAT, type="application/json"),
    }
    with serveur_local(routes) as adresse:
        monkeypatch.setattr("contentieux.regles_surcouche.URL_BCE", adresse + CHEMIN_BCE)
        monkeypatch.setattr("contentieux.regles_surcouche.URL_WEBSTAT", adresse + CHEMIN_WEBSTAT)
        yield routes


def test_la_page_annonce_une_sequence_complete() -> None:
    lignes = sequence()
    assert any(c.startswith("contentieux regles actualiser") for c, _ in lignes)
    assert any(c.startswith(f"export {VARIABLE_CLE_WEBSTAT}=") for c, _ in lignes)
    assert all(code is not None for c, code in lignes if c.startswith("contentieux "))
    assert not any("--au" in c for c, _ in lignes)  # tout à la date du jour


def test_premier_jour(premier_jour: dict[str, Route], monkeypatch: pytest.MonkeyPatch) -> None:
    sorties: list[tuple[str, str, str]] = []
    for commande, code in sequence():
        mots = shlex.split(commande)
        if mots[0] == "export":
            nom, _, _ = mots[1].partition("=")
            monkeypatch.setenv(nom, "cle-de-test")
            continue
        assert mots[0] == "contentieux", commande
        r = runner.invoke(app, [*mots[1:]], env={"COLUMNS": "80"})
        assert "Traceback" not in r.output, commande
        assert r.exit_code == code, (commande, r.stdout, r.stderr)
        sorties.append((commande, r.stdout, r.stderr))

    def sortie(commande: str, rang: int = 0) -> tuple[str, str]:
        trouvees = [(o, e) for c, o, e in sorties if c == commande]
        return trouvees[rang]

    # Le premier décompte entre professionnels ne demande que la BCE au 1er juillet.
    _, erreur = sortie("contentieux decompte b2b.yaml")
    assert "bce.taux_refinancement" in erreur and "interet_legal" not in erreur
    assert "contentieux regles actualiser --bce" in erreur
    _, erreur = sortie("contentieux decompte particulier.yaml")
    assert "interet_legal.autres" in erreur and "2026-S2" in erreur
    # Le premier état, à la date du jour, dit ce qui manque.
    etat, _ = sortie("contentieux regles etat")
    assert "au 07/12/2026" in etat and "manque" in etat
    # Les deux sources ont été interrogées, Webstat avec la clé.
    assert premier_jour[CHEMIN_BCE].chemins and premier_jour[CHEMIN_WEBSTAT].chemins
    assert premier_jour[CHEMIN_WEBSTAT].entetes[0]["Authorization"] == "Apikey cle-de-test"
    releve, _ = sortie("contentieux regles actualiser")
    assert "2026-S2 : particuliers 6,51\xa0%, autres 2,45\xa0%" in releve
    assert "Vérifié jusqu'au 07/12/2026" in releve
    # Tout est couvert, et les valeurs de la surcouche sont marquées.
    etat, _ = sortie("contentieux regles etat", 1)
    assert "manque" not in etat and "◆" in etat
    decompte, _ = sortie("contentieux decompte b2b.yaml", 1)
    assert "au 7 décembre 2026" in decompte.splitlines()[0]
    decompte, _ = sortie("contentieux decompte particulier.yaml", 1)
    assert "au 7 décembre 2026" in decompte.splitlines()[0] and "2,45" in decompte
    recevabilite, _ = sortie("contentieux verifier b2b.yaml")
    assert "au 7 décembre 2026" in recevabilite.splitlines()[0]
    regles, _ = sortie("contentieux regles")
    assert "Règles en vigueur au 07/12/2026" in regles and "Valeurs de la surcouche" in regles


def test_premier_jour_en_json(premier_jour: dict[str, Route]) -> None:
    """Le même premier décompte, pour un ERP : la liste des valeurs manquantes et leur commande."""
    assert runner.invoke(app, ["exemple", "consommateur", "-o", "p.yaml"]).exit_code == 0
    r = runner.invoke(app, ["decompte", "p.yaml", "--json"])
    assert r.exit_code == 4
    manquantes = json.loads(r.stdout)["manquantes"]
    assert [(m["identifiant"], m["semestre"]) for m in manquantes] == [
        ("interet_legal.autres", "2026-S2")
    ]
    assert manquantes[0]["commande"].startswith(
        "contentieux regles ajouter interet_legal --semestre 2026-S2"
    )


def test_sans_cle_webstat_la_bce_est_relevee_et_la_cle_expliquee(
    premier_jour: dict[str, Route],
) -> None:
    r = runner.invoke(app, ["regles", "actualiser"])
    assert r.exit_code == 10
    assert "Vérifié jusqu'au 07/12/2026" in r.stdout  # la BCE, relevée quand même
    assert VARIABLE_CLE_WEBSTAT in r.stderr and "webstat.banque-france.fr" in r.stderr
    assert not premier_jour[CHEMIN_WEBSTAT].chemins  # aucune requête sans clé
