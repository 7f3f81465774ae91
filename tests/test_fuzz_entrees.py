"""Fuzz (hypothesis) des entrées : dossiers YAML/JSON et surcouches de règles.

Propriété : quelle que soit l'entrée, ``lire_dossier`` et ``valider_dossier`` ne laissent sortir
que les erreurs de la bibliothèque (``contentieux.erreurs.ErreurContentieux`` et ses sous-classes)
— jamais ``pydantic.ValidationError``, ``RecursionError``, ``MemoryError``,
``decimal.InvalidOperation``, ``ValueError``, ``TypeError``, ``KeyError``… Seul l'appel direct du
modèle (``Dossier.model_validate``, API Python documentée) laisse passer ``ValidationError``
(CONCEPTION §7) ; les surcouches de règles ne lèvent que des ``ErreurContentieux``.

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

from contentieux.erreurs import DonneesInvalides, ErreurContentieux
from contentieux.exemples import dossier_exemple
from contentieux.lecture import lire_donnees, lire_dossier, valider_dossier
from contentieux.modeles import Dossier
from contentieux.modeles.limites import LIMITES_PAR_DEFAUT, Limites
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
    """``action`` réussit ou lève une erreur de la bibliothèque ; toute autre exception (y compris
    ``pydantic.ValidationError``) fait échouer le test."""
    with contextlib.suppress(ErreurContentieux):
        action()


def _erreurs_du_modele(action: Any) -> None:
    """Appel direct du modèle pydantic : ``ValidationError`` est sa réponse documentée."""
    with contextlib.suppress(ErreurContentieux, ValidationError):
        action()


@REGLAGE
@given(chemin=st.sampled_from(CHEMINS), valeur=valeurs)
def test_dossier_mute_par_python(chemin: tuple[Any, ...], valeur: Any) -> None:
    donnees = _remplacer(BASE, chemin, valeur)
    _erreurs_du_modele(lambda: Dossier.model_validate(donnees))
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


@REGLAGE
@given(nom=st.text(alphabet=st.characters(exclude_characters="/"), min_size=1, max_size=40))
def test_chemin_arbitraire(tmp_path: Path, nom: str) -> None:
    """Le chemin lui-même vient d'ailleurs (ERP, service) : quel qu'il soit, une erreur de la
    bibliothèque, jamais ``ValueError`` (caractère nul) ni ``UnicodeEncodeError`` (demi-codet
    isolé, U+D800…)."""
    _seules_erreurs_documentees(lambda: lire_dossier(tmp_path / nom))
    _seules_erreurs_documentees(lambda: lire_dossier(str(tmp_path / nom)))


@pytest.mark.parametrize(
    ("nom", "motif"),
    [
        ("d\x00.yaml", "caractère nul"),
        ("d\ud800.yaml", "U+D800"),
    ],
)
def test_chemin_impossible_refuse_en_francais(tmp_path: Path, nom: str, motif: str) -> None:
    """Avant : ``ValueError: embedded null byte`` et ``UnicodeEncodeError`` sortaient tels quels."""
    with pytest.raises(DonneesInvalides) as refus:
        lire_dossier(tmp_path / nom)
    message = str(refus.value)
    assert "chemin de fichier impossible" in message and motif in message
    assert "\x00" not in message and "\ud800" not in message  # rien d'illisible recopié


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


# --- limite de profondeur ------------------------------------------------------------------------
#
# La profondeur compte les listes et objets emboîtés, la racine du dossier comprise :
# ``{"reference": [[]]}`` a 3 niveaux. La limite est lue dans ``Limites`` (jamais devinée) : un
# dossier de ``limite`` niveaux est lu, un de ``limite + 1`` refusé, par l'analyse du fichier
# (YAML et JSON) comme par la validation de données passées en Python.


def _reference_profonde(niveaux: int) -> dict[str, Any]:
    """Le dossier d'exemple dont la ``reference`` est faite de listes emboîtées : ``niveaux``
    niveaux en tout, la racine comprise (la liste la plus profonde est vide)."""
    profond: list[Any] = []
    for _ in range(niveaux - 2):
        profond = [profond]
    return {**BASE, "reference": profond}


def _niveaux(valeur: Any) -> int:
    if isinstance(valeur, dict):
        return 1 + max((_niveaux(v) for v in valeur.values()), default=0)
    if isinstance(valeur, list):
        return 1 + max((_niveaux(v) for v in valeur), default=0)
    return 0


@pytest.mark.parametrize("limites", [None, Limites(profondeur=8)], ids=["defaut", "8"])
@pytest.mark.parametrize("format_", ["json", "yaml"])
def test_limite_de_profondeur_du_fichier(
    tmp_path: Path, limites: Limites | None, format_: str
) -> None:
    """Fichier : ``limite`` niveaux → lu (le seul refus est celui du contenu : une référence est
    un texte) ; ``limite + 1`` → refusé à la lecture, avec la ligne et la limite dans le message."""
    import yaml

    limite = (limites or LIMITES_PAR_DEFAUT).profondeur
    assert limite == (64 if limites is None else 8)  # la limite documentée (_yaml.PROFONDEUR_MAX)

    def ecrire(niveaux: int) -> Path:
        donnees = _reference_profonde(niveaux)
        assert _niveaux(donnees) == niveaux
        fichier = tmp_path / f"d{niveaux}.{format_}"
        texte = (
            json.dumps(donnees)
            if format_ == "json"
            else yaml.safe_dump(donnees, default_flow_style=True, width=10**6)
        )
        fichier.write_text(texte, encoding="utf-8")
        return fichier

    lu = lire_donnees(ecrire(limite), limites=limites)
    assert _niveaux(lu) == limite
    with pytest.raises(DonneesInvalides) as au_plus:
        lire_dossier(ecrire(limite), limites=limites)
    assert "imbrication" not in str(au_plus.value)
    assert "reference : texte attendu" in str(au_plus.value)

    conteneurs = "d'objets" if format_ == "json" else "de dictionnaires"
    with pytest.raises(DonneesInvalides) as au_dela:
        lire_dossier(ecrire(limite + 1), limites=limites)
    assert type(au_dela.value) is DonneesInvalides
    assert str(au_dela.value) == (
        f"{tmp_path / f'd{limite + 1}.{format_}'} : imbrication trop profonde ligne 1 : plus de "
        f"{limite} niveaux de listes ou {conteneurs} emboîtés ; un dossier en compte moins de "
        "dix, vérifiez la structure du fichier"
    )


@pytest.mark.parametrize("limites", [None, Limites(profondeur=8)], ids=["defaut", "8"])
def test_limite_de_profondeur_des_donnees_python(limites: Limites | None) -> None:
    """Données passées en Python (sans analyse de texte) : la même limite, le champ nommé.

    Avant : ``verifier_limites`` voyait le dépassement, mais la recherche du champ fautif ne
    comptait que les valeurs (pas la liste vide la plus profonde) et ne trouvait rien : un dossier
    de ``limite + 1`` niveaux passait la borne."""
    limite = (limites or LIMITES_PAR_DEFAUT).profondeur
    with pytest.raises(DonneesInvalides) as au_plus:
        valider_dossier(_reference_profonde(limite), limites=limites)
    assert str(au_plus.value) == (
        "dossier : 1 erreur(s) de saisie\n  - reference : texte attendu : mettez la valeur entre "
        'guillemets, par exemple "75008"'
    )
    with pytest.raises(DonneesInvalides) as au_dela:
        valider_dossier(_reference_profonde(limite + 1), limites=limites)
    assert str(au_dela.value) == (
        "dossier : 1 erreur(s) de saisie\n  - reference[0][0] : imbrication de plus de "
        f"{limite} niveaux ; vérifiez la structure du dossier"
    )


@pytest.mark.parametrize("niveaux", [3000, 100_000])
def test_profondeurs_demesurees(tmp_path: Path, niveaux: int) -> None:
    """Bien au-delà de la limite (et de la pile de Python) : refus de la bibliothèque, jamais
    ``RecursionError``."""
    fichier = tmp_path / "d.json"
    fichier.write_text('{"reference": ' + "[" * niveaux + "]" * niveaux + "}")
    with pytest.raises(DonneesInvalides, match="imbrication trop profonde ligne 1"):
        lire_dossier(fichier)
