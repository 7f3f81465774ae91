"""Le texte des résultats : coupé entre les mots, jamais dans un montant, une date ou un taux."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from contentieux.francais import formater_date, formater_montant, formater_taux
from contentieux.presentation import aligner, couper, date, fin, montant, taux

mots = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéè", min_size=1, max_size=12)
montants = st.decimals(min_value=0, max_value=Decimal("1e24"), places=2, allow_nan=False)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))
taux_ = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(mots, montants, dates, taux_), min_size=1, max_size=30),
    st.integers(min_value=20, max_value=120),
)
def test_couper_ne_casse_aucun_element(elements: list[object], largeur: int) -> None:
    morceaux: list[str] = []
    attendus: list[str] = []
    for e in elements:
        if isinstance(e, dt.date):
            morceaux.append(date(e))
            attendus.append(formater_date(e))
        elif isinstance(e, Decimal) and e <= 100 and len(attendus) % 2:
            morceaux.append(taux(e))
            attendus.append(formater_taux(e))
        elif isinstance(e, Decimal):
            morceaux.append(montant(e))
            attendus.append(formater_montant(e))
        else:
            morceaux.append(str(e))
    brutes = couper(" ".join(morceaux), largeur, "  ")
    lignes = fin(brutes).splitlines()
    for attendu in attendus:
        normalise = attendu.replace("\u202f", " ").replace("\xa0", " ")
        assert any(
            normalise in ligne.replace("\u202f", " ").replace("\xa0", " ") for ligne in lignes
        ), (attendu, lignes)
    for ligne in brutes:
        if len(ligne) > largeur:
            # Seul un élément insécable plus long que la largeur peut dépasser, seul sur sa ligne.
            assert " " not in ligne.strip(), ligne


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(mots, montants), min_size=1, max_size=10))
def test_aligner_garde_chaque_montant_entier(paires: list[tuple[str, Decimal]]) -> None:
    texte = fin(aligner([(libelle, montant(m)) for libelle, m in paires], 80, "  ").splitlines())
    for libelle, m in paires:
        assert formater_montant(m).replace("\u202f", " ").replace("\xa0", " ") in texte.replace(
            "\u202f", " "
        ).replace("\xa0", " ")
        assert libelle in texte
