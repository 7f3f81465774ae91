"""Citations : un seul format, et chaque fondement émis par la recevabilité renvoie à une source.

Le format est celui de :mod:`contentieux.droit.citations` ; la source est une clé de la section
« Articles cités » de ``regles/sources.yaml`` (intitulé et adresse officielle). On parcourt tous
les scénarios de ``tests/cas/recevabilite`` et les dossiers d'exemple.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from contentieux._yaml import charger_yaml_exact
from contentieux.droit.citations import articles, est_citation
from contentieux.exemples import dossier_exemple, noms_exemples
from contentieux.lecture import valider_dossier
from contentieux.modeles.recevabilite import OptionsRecevabilite
from contentieux.recevabilite import verifier_recevabilite
from contentieux.regles import charger_regles
from tests.test_recevabilite_cas import CAS, fondements_du_rapport

REGLES = charger_regles()
FICHIERS_RECEVABILITE = (
    "prescription",
    "procedure_collective",
    "petites_creances",
    "seuils",
    "injonction_de_payer",
    "delais_paiement",
    "juridictions",
)
"""Fichiers de règles dont la recevabilité cite le champ ``fondement``."""


def _emis() -> dict[str, set[str]]:
    """Fondement → scénarios ou exemples qui l'émettent."""
    emis: dict[str, set[str]] = {}
    for chemin in CAS:
        cas = charger_yaml_exact(chemin.read_text(encoding="utf-8"))
        if cas.get("regles_surcouche"):
            continue
        rapport = verifier_recevabilite(
            valider_dossier(cas["dossier"]),
            au=cas["au"],
            options=OptionsRecevabilite(annuaire=cas.get("annuaire")),
        )
        for f in fondements_du_rapport(rapport):
            emis.setdefault(f, set()).add(chemin.stem)
    for nom in noms_exemples():
        for au in (dt.date(2025, 6, 30), dt.date(2026, 6, 30), dt.date(2031, 6, 30)):
            rapport = verifier_recevabilite(dossier_exemple(nom), au=au)
            for f in fondements_du_rapport(rapport):
                emis.setdefault(f, set()).add(f"exemple {nom}")
    return emis


EMIS = _emis()


def test_assez_de_fondements_parcourus() -> None:
    assert len(EMIS) >= 60
    assert "CPC 1405" in EMIS and "Décret 67-223 art. 62" in EMIS


@pytest.mark.parametrize("fondement", sorted(EMIS))
def test_fondement_emis_au_format_et_resolu(fondement: str) -> None:
    assert est_citation(fondement), (fondement, sorted(EMIS[fondement])[:3])
    source = REGLES.source(fondement)  # KeyError si la clé manque dans sources.yaml
    assert source.titre and source.urls
    assert source.articles == fondement


@pytest.mark.parametrize("fichier", FICHIERS_RECEVABILITE)
def test_fondements_des_regles_citees(fichier: str) -> None:
    parametres = [i for i in REGLES.identifiants() if i.startswith(f"{fichier}.")]
    assert parametres
    for identifiant in parametres:
        fondement = REGLES.parametre(identifiant).fondement
        for article in articles(fondement):
            assert est_citation(article), (identifiant, article)
            assert REGLES.source(article).titre, (identifiant, article)


def test_section_articles_cites() -> None:
    texte = (Path(__file__).parent.parent / "regles" / "sources.yaml").read_text(encoding="utf-8")
    section = texte.split("# --- Articles cités", 1)[1]
    cles = [ligne.split("':")[0].strip("'") for ligne in section.splitlines() if ligne[:1] == "'"]
    assert len(cles) >= 70
    for cle in cles:
        assert est_citation(cle.replace("''", "'")), cle
        assert any(u.startswith("https://") for u in REGLES.source(cle).urls), cle


@pytest.mark.parametrize(
    "mauvaise",
    [
        "CPC art. 1405",
        "C. com. L110-4 I",
        "C. consom. R312-35 (ex L311-52)",
        "Loi 68-1250 art. 1 et 2",
    ],
)
def test_formats_refuses(mauvaise: str) -> None:
    assert not est_citation(mauvaise)
