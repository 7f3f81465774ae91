"""Propriétés du décompte (hypothesis) : additivité, monotonie, découpage, exactitude."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from contentieux.erreurs import InteretsHorsLimites
from contentieux.interets import calculer_interets, etablir_decompte
from contentieux.modeles import Dossier
from contentieux.modeles.base import MONTANT_MAX
from contentieux.modeles.decompte import Decompte, OptionsDecompte
from tests.parties_types import CLIENT, PARTICULIER, SOCIETE

DEBUT_COUVERT = dt.date(2015, 1, 1)
FIN_COUVERTE = dt.date(2026, 6, 30)

dates = st.dates(min_value=DEBUT_COUVERT, max_value=FIN_COUVERTE)
montants = st.decimals(
    min_value=Decimal("0.01"), max_value=Decimal("1000000"), places=2, allow_nan=False
)
regimes = st.sampled_from(["taux_legal", "penalites_b2b", "commande_publique", "jugement"])
diviseurs = st.sampled_from(["365", "exact"])
categories = st.sampled_from(["autres", "particuliers"])
taux_stipules = st.none() | st.decimals(
    min_value=Decimal("0"), max_value=Decimal("30"), places=2, allow_nan=False
)


@st.composite
def dossiers(draw: st.DrawFn) -> tuple[Dossier, dt.date]:
    """Un dossier de 1 à 4 factures, 0 à 3 paiements, et une date de décompte couverte."""
    n = draw(st.integers(1, 4))
    factures = []
    for i in range(n):
        emission = draw(st.dates(min_value=DEBUT_COUVERT, max_value=dt.date(2026, 1, 1)))
        echeance = emission + dt.timedelta(days=draw(st.integers(0, 90)))
        factures.append(
            {
                "numero": f"F{i}",
                "date_emission": emission,
                "date_echeance": min(echeance, FIN_COUVERTE),
                "montant_ttc": draw(montants),
            }
        )
    au = draw(st.dates(min_value=min(f["date_emission"] for f in factures), max_value=FIN_COUVERTE))
    evenements: list[dict[str, Any]] = [
        {"type": "paiement", "date": draw(dates), "montant": draw(montants)}
        for _ in range(draw(st.integers(0, 3)))
    ]
    consommateur = draw(st.booleans())
    if consommateur:
        evenements.append(
            {"type": "mise_en_demeure", "date_envoi": draw(dates), "moyen": "lettre_recommandee_ar"}
        )
    dossier = Dossier.model_validate(
        {
            "reference": "PROP",
            "creancier": SOCIETE,
            "debiteurs": [PARTICULIER if consommateur else CLIENT],
            "creances": [
                {
                    "reference": "C",
                    "nature": "vente_biens",
                    "factures": factures,
                    "taux_contractuel": draw(taux_stipules),
                    "capitalisation_stipulee": draw(st.booleans()),
                }
            ],
            "evenements": evenements,
        }
    )
    return dossier, au


def _floats(valeur: Any, chemin: str = "") -> list[str]:
    if isinstance(valeur, float):
        return [chemin]
    if isinstance(valeur, dict):
        return [t for k, v in valeur.items() for t in _floats(v, f"{chemin}.{k}")]
    if isinstance(valeur, list | tuple):
        return [t for i, v in enumerate(valeur) for t in _floats(v, f"{chemin}[{i}]")]
    return []


@settings(max_examples=150, deadline=None)
@given(dossiers(), diviseurs)
def test_total_egale_somme_des_lignes_arrondies(cas: tuple[Dossier, dt.date], div: str) -> None:
    dossier, au = cas
    d = etablir_decompte(dossier, au=au, options=OptionsDecompte(diviseur=div))  # type: ignore[arg-type]
    somme = sum((li.montant for li in d.lignes), start=Decimal(0))
    assert d.total_interets + d.total_penalites == somme
    for li in d.lignes:
        assert li.montant == li.montant.quantize(Decimal("0.01"))
    recus_exclues = sum((f.paiements_recus for f in d.factures_exclues), start=Decimal(0))
    assert d.total == (
        d.total_principal
        + somme
        + d.total_indemnites
        + d.total_clauses_penales
        - (d.total_paiements - d.trop_percu - recus_exclues)
    )
    assert d.total >= 0
    # Les factures prescrites exclues (k.8) : exactement ce que l'option « inclure » ajoute.
    inclus = etablir_decompte(
        dossier,
        au=au,
        options=OptionsDecompte(diviseur=div, factures_prescrites="inclure"),  # type: ignore[arg-type]
    )
    assert inclus.factures_exclues == ()
    assert (
        inclus.total
        == d.total
        + sum(
            (f.principal_restant + f.accessoires_restants for f in d.factures_exclues),
            start=Decimal(0),
        )
        + sum((c.montant for c in inclus.clauses_penales), start=Decimal(0))
        - d.total_clauses_penales
    )
    assert _floats(d.model_dump()) == []
    assert Decompte.model_validate_json(d.model_dump_json()) == d


@settings(max_examples=100, deadline=None)
@given(dossiers(), st.integers(0, 400))
def test_date_plus_tardive_ne_diminue_jamais_les_interets(
    cas: tuple[Dossier, dt.date], ecart: int
) -> None:
    dossier, au = cas
    plus_tard = min(au + dt.timedelta(days=ecart), FIN_COUVERTE)
    # Factures prescrites gardées : la prescription, elle, peut retirer une facture plus tard.
    options = OptionsDecompte(factures_prescrites="inclure")
    avant = etablir_decompte(dossier, au=au, options=options)
    apres = etablir_decompte(dossier, au=plus_tard, options=options)
    assert (apres.total_interets + apres.total_penalites) >= (
        avant.total_interets + avant.total_penalites
    )


@settings(max_examples=200, deadline=None)
@given(montants, dates, dates, regimes, diviseurs, categories, taux_stipules)
def test_fin_plus_tardive_ne_diminue_jamais(
    montant: Decimal, a: dt.date, b: dt.date, regime: str, div: str, cat: str, t: Decimal | None
) -> None:
    debut, fin = min(a, b), max(a, b)
    options = OptionsDecompte(diviseur=div)
    args: Any = {"regime": regime, "categorie": cat, "taux_contractuel": t, "options": options}
    court = calculer_interets(montant, debut, debut + (fin - debut) / 2, **args)
    long = calculer_interets(montant, debut, fin, **args)
    assert long.total >= court.total


@settings(max_examples=200, deadline=None)
@given(montants, dates, dates, dates, regimes, diviseurs, categories)
def test_couper_une_periode_change_le_total_d_au_plus_un_centime_par_ligne(
    montant: Decimal, a: dt.date, b: dt.date, c: dt.date, regime: str, div: str, cat: str
) -> None:
    debut, milieu, fin = sorted((a, b, c))
    if regime in {"commande_publique", "jugement"}:
        return  # taux fixé par le point de départ : couper change la nature du calcul
    args: Any = {
        "regime": regime,
        "categorie": cat,
        "options": OptionsDecompte(diviseur=div),
    }
    entier = calculer_interets(montant, debut, fin, **args)
    gauche = calculer_interets(montant, debut, milieu, **args)
    droite = calculer_interets(montant, milieu, fin, **args)
    lignes_en_plus = len(gauche.lignes) + len(droite.lignes) - len(entier.lignes)
    assert abs(gauche.total + droite.total - entier.total) <= Decimal("0.01") * max(
        lignes_en_plus, 0
    )
    assert sum(li.jours for li in gauche.lignes + droite.lignes) == (fin - debut).days


@settings(max_examples=100, deadline=None)
@given(montants, dates, regimes, diviseurs)
def test_zero_jour_donne_zero(montant: Decimal, jour: dt.date, regime: str, div: str) -> None:
    options = OptionsDecompte(diviseur=div)
    r = calculer_interets(montant, jour, jour, regime=regime, options=options)  # type: ignore[arg-type]
    assert r.total == 0
    assert r.lignes == ()


# --- Issue 13 : montants extrêmes, contexte décimal local, seules les erreurs documentées -------


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.decimals(min_value=Decimal("0.01"), max_value=MONTANT_MAX, places=2),
        min_size=1,
        max_size=4,
    ),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100"), places=2),
    st.integers(0, 120),
    st.booleans(),
)
def test_montants_extremes_totaux_exacts_ou_refus_clair(
    montants: list[Decimal], taux: Decimal, annees: int, capitalisation: bool
) -> None:
    """Jusqu'au plafond des montants, à 100 % l'an, capitalisés sur un siècle : le total est
    exactement la somme de ses parties, ou le décompte refuse avec ``InteretsHorsLimites`` ;
    jamais de ``decimal.InvalidOperation``."""
    echeance = dt.date(2025, 12, 31) - dt.timedelta(days=365 * annees + 1)
    brut = {
        "reference": "EXTREME",
        "creancier": SOCIETE,
        "debiteurs": [PARTICULIER],
        "creances": [
            {
                "reference": "C",
                "nature": "autre",
                "taux_contractuel": str(taux),
                "capitalisation_stipulee": capitalisation,
                "mise_en_demeure_par_echeance": True,
                "factures": [
                    {
                        "numero": f"F{i}",
                        "date_emission": echeance.isoformat(),
                        "date_echeance": echeance.isoformat(),
                        "montant_ttc": str(m),
                    }
                    for i, m in enumerate(montants)
                ],
            }
        ],
    }
    dossier = Dossier.model_validate(brut)
    options = OptionsDecompte(factures_prescrites="inclure")
    try:
        d = etablir_decompte(dossier, au=dt.date(2025, 12, 31), options=options)
    except InteretsHorsLimites as erreur:
        assert "dépassent" in str(erreur)
        return
    somme = sum((li.montant for li in d.lignes), start=Decimal(0))
    assert d.total_interets + d.total_penalites == somme
    assert d.total == d.total_principal + somme + d.total_indemnites + d.total_clauses_penales
    assert d.total_principal == sum(montants, start=Decimal(0))
