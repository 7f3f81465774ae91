"""Fuzz (hypothesis) des entrées : dossiers YAML/JSON et surcouches de règles.

Propriété : quelle que soit l'entrée, seules sortent les erreurs documentées de la bibliothèque
(``contentieux.erreurs.ErreurContentieux``) ou ``pydantic.ValidationError`` — jamais
``RecursionError``, ``MemoryError``, ``decimal.InvalidOperation``, ``TypeError``, ``KeyError``…

Quelques secondes dans la suite. Campagne longue : ``CONTENTIEUX_FUZZ=5000`` (nombre d'exemples
par test), par exemple ``CONTENTIEUX_FUZZ=5000 .venv/bin/python -m pytest tests/test_fuzz_entrees.py
-p no:randomly -q`` (une dizaine de minutes sur deux cœurs).
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from contentieux.erreurs import ErreurContentieux
from contentieux.exemples import dossier_exemple
from contentieux.lecture import lire_dossier, valider_dossier
from contentieux.modeles import Dossier
from contentieux.regles import charger_regles

EXEMPLES = int(os.environ.get("CONTENTIEUX_FUZZ", "25"))
REGLAGE = settings(
    max_examples=EXEMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

BASE = dossier_exemple("b2b").model_dump(mode="json")

# Valeurs piégées : textes à balisage, nombres démesurés, dates impossibles, types croisés.
feuilles = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.sampled_from(
        [
            "1e26",
            "1" + "0" * 40,
            "NaN",
            "-Infinity",
            "2026-13-01",
            "2026-02-30",
            "[/x]",
            "[bold]",
            "99999",
            "00100",
            "98000",
            "",
            " ",
            "0.001",
            "-0.01",
            "1 000,50",
            "\x00",
            "𝟙𝟚",
            "FR",
            "MC",
        ]
    ),
    st.text(max_size=30),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
valeurs = st.recursive(
    feuilles,
    lambda enfants: st.one_of(
        st.lists(enfants, max_size=4), st.dictionaries(st.text(max_size=12), enfants, max_size=4)
    ),
    max_leaves=12,
)


def _chemins(donnees: Any, prefixe: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Tous les chemins d'un dossier brut (pour en remplacer une valeur)."""
    chemins = [prefixe]
    if isinstance(donnees, dict):
        for cle, valeur in donnees.items():
            chemins += _chemins(valeur, (*prefixe, cle))
    elif isinstance(donnees, list):
        for i, valeur in enumerate(donnees):
            chemins += _chemins(valeur, (*prefixe, i))
    return chemins


CHEMINS = [c for c in _chemins(BASE) if c]


def _remplacer(donnees: Any, chemin: tuple[Any, ...], valeur: Any) -> Any:
    copie = json.loads(json.dumps(donnees))
    cible = copie
    for partie in chemin[:-1]:
        cible = cible[partie]
    cible[chemin[-1]] = valeur
    return copie


def _seules_erreurs_documentees(action: Any) -> None:
    with contextlib.suppress(ErreurContentieux, ValidationError):
        action()


@REGLAGE
@given(chemin=st.sampled_from(CHEMINS), valeur=valeurs)
def test_dossier_mute_par_python(chemin: tuple[Any, ...], valeur: Any) -> None:
    donnees = _remplacer(BASE, chemin, valeur)
    _seules_erreurs_documentees(lambda: Dossier.model_validate(donnees))
    _seules_erreurs_documentees(lambda: valider_dossier(donnees))


@REGLAGE
@given(chemin=st.sampled_from(CHEMINS), valeur=valeurs, format_=st.sampled_from(["yaml", "json"]))
def test_dossier_mute_lu_depuis_un_fichier(
    tmp_path: Path, chemin: tuple[Any, ...], valeur: Any, format_: str
) -> None:
    import yaml

    donnees = _remplacer(BASE, chemin, valeur)
    fichier = tmp_path / f"d.{format_}"
    if format_ == "json":
        fichier.write_text(json.dumps(donnees, ensure_ascii=False), encoding="utf-8")
    else:
        fichier.write_text(yaml.safe_dump(donnees, allow_unicode=True), encoding="utf-8")
    _seules_erreurs_documentees(lambda: lire_dossier(fichier))


MORCEAUX = [*"ab: -[]{}&*!|>'\"#\n\t.,?%@`01\u00e9\ufeff", "!!python/", "---", "<<", "&a", "*a"]
TEXTE_YAML = st.lists(st.sampled_from(MORCEAUX), max_size=40).map("".join)


@REGLAGE
@given(texte=st.one_of(TEXTE_YAML, st.binary(max_size=60).map(lambda b: b.decode("latin-1"))))
def test_texte_arbitraire(tmp_path: Path, texte: str) -> None:
    for nom in ("d.yaml", "d.json"):
        fichier = tmp_path / nom
        fichier.write_text(texte, encoding="utf-8")
        _seules_erreurs_documentees(lambda f=fichier: lire_dossier(f))


@REGLAGE
@given(octets=st.binary(max_size=80))
def test_octets_arbitraires(tmp_path: Path, octets: bytes) -> None:
    fichier = tmp_path / "d.yaml"
    fichier.write_bytes(octets)
    _seules_erreurs_documentees(lambda: lire_dossier(fichier))


# --- surcouches ---------------------------------------------------------------------------------

SOURCE = "arrete-test: {titre: Arrêté fictif, url: 'https://example.org'}\n"
definitions = st.dictionaries(
    st.sampled_from(
        ["valeurs", "unite", "periodicite", "libelle", "fondement", "verifie_jusqu_au", "note", "x"]
    ),
    valeurs,
    max_size=4,
)


@REGLAGE
@given(
    fichier=st.sampled_from(["interet_legal.yaml", "bce.yaml", "neuf.yaml", "sources.yaml"]),
    cle=st.sampled_from(["autres", "taux_refinancement", "arrete-test", "x"]),
    definition=st.one_of(definitions, valeurs),
    jours=st.dictionaries(
        st.one_of(st.dates().map(str), st.text(max_size=10), st.integers()),
        st.one_of(
            valeurs,
            st.fixed_dictionaries(
                {"valeur": feuilles, "reference": st.sampled_from(["arrete-test", "absente", "x"])}
            ),
        ),
        max_size=3,
    ),
)
def test_surcouche_arbitraire(
    tmp_path: Path, fichier: str, cle: str, definition: Any, jours: dict[Any, Any]
) -> None:
    import yaml

    dossier = tmp_path / "surcouche"
    dossier.mkdir(exist_ok=True)
    for ancien in dossier.iterdir():
        ancien.unlink()
    if isinstance(definition, dict) and jours:
        definition = {**definition, "valeurs": jours}
    texte = yaml.safe_dump({cle: definition}, allow_unicode=True)
    (dossier / "sources.yaml").write_text(SOURCE, encoding="utf-8")
    if fichier == "sources.yaml":
        texte = SOURCE + texte
    (dossier / fichier).write_text(texte, encoding="utf-8")
    import datetime as dt

    def charger_et_consulter() -> None:
        regles = charger_regles(dossier)
        for identifiant in ("interet_legal.autres", "bce.taux_refinancement"):
            regles.valeur(identifiant, au=dt.date(2026, 3, 1))

    _seules_erreurs_documentees(charger_et_consulter)


@pytest.mark.parametrize("profondeur", [10, 63, 65, 3000])
def test_profondeurs_limites(tmp_path: Path, profondeur: int) -> None:
    fichier = tmp_path / "d.json"
    fichier.write_text('{"reference": ' + "[" * profondeur + "]" * profondeur + "}")
    _seules_erreurs_documentees(lambda: lire_dossier(fichier))
