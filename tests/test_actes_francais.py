"""Sommes en toutes lettres (C. civ. 1376) et échéancier : exemples et propriétés.

Les propriétés relisent les lettres avec un analyseur écrit ici, indépendant de num2words : la
somme écrite en lettres doit redonner exactement la somme en chiffres."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentieux.actes.plan import calculer_echeancier
from contentieux.francais import montant_en_lettres, nombre_en_lettres

UNITES = {
    "zéro": 0,
    "un": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
}


def _lire(texte: str) -> int:
    # Remplace quatre-vingt(s) par 80 avant l'analyse additive.
    texte = re.sub(r"quatre-vingts?", "quatrevingt", texte)
    mots = [m for m in re.split(r"[\s-]+", texte) if m and m != "et"]
    total, courant = 0, 0
    for mot in mots:
        if mot == "quatrevingt":
            courant += 80
        elif mot in UNITES:
            courant += UNITES[mot]
        elif mot in {"cent", "cents"}:
            courant = (courant or 1) * 100
        elif mot == "mille":
            total += (courant or 1) * 1000
            courant = 0
        elif mot in {"million", "millions"}:
            total += courant * 1_000_000
            courant = 0
        elif mot in {"milliard", "milliards"}:
            total += courant * 1_000_000_000
            courant = 0
        else:
            raise ValueError(mot)
    return total + courant


def lire_montant(texte: str) -> Decimal:
    """« quatre-vingts euros et quatre-vingts centimes » → Decimal("80.80")."""
    euros_txt, centimes_txt = texte, ""
    if texte.endswith(("centime", "centimes")):
        coupe = re.fullmatch(r"(.*?(?:euros?)) et (.*centimes?)", texte)
        euros_txt, centimes_txt = (coupe.group(1), coupe.group(2)) if coupe else ("", texte)
    euros = 0
    if euros_txt:
        euros_txt = re.sub(r"( d'euros| euros| euro)$", "", euros_txt)
        euros = _lire(euros_txt)
    centimes = _lire(re.sub(r" centimes?$", "", centimes_txt)) if centimes_txt else 0
    return Decimal(euros) + Decimal(centimes) / 100


@pytest.mark.parametrize(
    ("montant", "attendu"),
    [
        ("71", "soixante et onze euros"),
        ("80", "quatre-vingts euros"),
        ("81", "quatre-vingt-un euros"),
        ("91", "quatre-vingt-onze euros"),
        ("200", "deux cents euros"),
        ("201", "deux cent un euros"),
        ("1000000", "un million d'euros"),
        ("2000000", "deux millions d'euros"),
        ("1000200", "un million deux cents euros"),
        ("0", "zéro euro"),
        ("1", "un euro"),
        ("0.50", "cinquante centimes"),
        ("0.01", "un centime"),
        ("1.01", "un euro et un centime"),
        ("80.80", "quatre-vingts euros et quatre-vingts centimes"),
        ("6596.91", "six mille cinq cent quatre-vingt-seize euros et quatre-vingt-onze centimes"),
        ("80000", "quatre-vingt mille euros"),
    ],
)
def test_montant_en_lettres_exemples(montant: str, attendu: str) -> None:
    assert montant_en_lettres(Decimal(montant)) == attendu


@pytest.mark.parametrize("mauvais", [Decimal("-1"), Decimal("1.005"), Decimal("NaN"), 12])
def test_montant_en_lettres_refuse(mauvais: object) -> None:
    with pytest.raises(ValueError, match="montant_en_lettres"):
        montant_en_lettres(mauvais)  # type: ignore[arg-type]


def test_nombre_en_lettres_refuse_negatif() -> None:
    with pytest.raises(ValueError, match="entier positif"):
        nombre_en_lettres(-3)


montants = st.integers(min_value=0, max_value=99_999_999_999).map(lambda c: Decimal(c) / 100)


@settings(max_examples=300, deadline=None)
@given(montants)
def test_les_lettres_redonnent_les_chiffres(montant: Decimal) -> None:
    assert lire_montant(montant_en_lettres(montant)) == montant


@settings(max_examples=300, deadline=None)
@given(montants)
def test_accords_francais(montant: Decimal) -> None:
    texte = montant_en_lettres(montant)
    # « vingts » et « cents » ne prennent la marque du pluriel qu'en fin de nombre
    # (devant « euros », « d'euros », « centimes », « million(s) », « milliard(s) »).
    for m in re.finditer(r"(vingts|cents) (\S+)", texte):
        assert m.group(2) in {"euros", "d'euros", "centimes", "millions", "milliards", "et"}, texte
    # « d'euros » seulement juste après million(s) ou milliard(s).
    if "d'euros" in texte:
        assert re.search(r"(millions?|milliards?) d'euros", texte), texte
    # Singulier pour 0 et 1 euro, pour 1 centime.
    euros, centimes = divmod(int(montant * 100), 100)
    if euros <= 1 and (euros or not centimes):
        assert re.search(r"\beuro\b", texte)
    if centimes == 1:
        assert texte.endswith("un centime")
    assert "zéro euros" not in texte and "et zéro" not in texte


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=10_000_000).map(lambda c: Decimal(c) / 100),
    st.integers(min_value=1, max_value=60),
    st.sampled_from(["mensuelle", "bimestrielle", "trimestrielle"]),
    st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_echeancier_somme_exacte_et_arrondi_sur_la_derniere(
    montant: Decimal, nombre: int, periodicite: str, premiere: dt.date
) -> None:
    echeances = calculer_echeancier(montant, nombre, premiere, periodicite, debut=premiere)  # type: ignore[arg-type]
    assert len(echeances) == nombre
    assert sum(e.principal for e in echeances) == montant
    assert len({e.principal for e in echeances[:-1]}) <= 1
    assert echeances[-1].principal >= echeances[0].principal
    assert echeances[-1].principal - echeances[0].principal < Decimal("0.01") * nombre
    assert echeances[-1].solde_apres == 0
    assert all(a.date < b.date for a, b in itertools.pairwise(echeances))
    assert all(e.interets == 0 for e in echeances)


def test_echeancier_avec_interets_convenus() -> None:
    e = calculer_echeancier(
        Decimal("1200"),
        2,
        dt.date(2026, 7, 31),
        "mensuelle",
        debut=dt.date(2026, 7, 1),
        taux=Decimal("3.65"),
    )
    # 1 200 × 3,65 % × 30 / 365 = 3,60 ; puis 600 × 3,65 % × 31 / 365 = 1,86
    assert [x.interets for x in e] == [Decimal("3.60"), Decimal("1.86")]
    assert [x.montant for x in e] == [Decimal("603.60"), Decimal("601.86")]


def test_echeancier_refuse_une_premiere_echeance_avant_la_signature() -> None:
    with pytest.raises(ValueError, match="précède la signature"):
        calculer_echeancier(
            Decimal("10"), 2, dt.date(2026, 1, 1), "mensuelle", debut=dt.date(2026, 2, 1)
        )
