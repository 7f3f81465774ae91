"""Décisions partagées de ``contentieux.droit`` utilisées par la recevabilité : prescription par
facture, imputation du principal (propriété : identique à l'algorithme de référence, naïf),
passage à l'échelle (banc d'essai exécutable)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from contentieux.droit._imputation_principal import imputer_paiements
from contentieux.droit.exigibilite import exigible_le
from contentieux.droit.prescription import analyser_prescriptions
from contentieux.modeles import Dossier
from contentieux.modeles.evenements import Paiement
from contentieux.regles import charger_regles
from tests.parties_types import CLIENT, SOCIETE

REGLES = charger_regles()
BANC = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_echelle.py"


def _reference(dossier: Dossier, au: dt.date) -> dict[tuple[str, str], list[tuple[int, Decimal]]]:
    """L'algorithme d'origine (tri de toutes les factures à chaque paiement) : l'oracle."""
    restant = {(c.reference, f.numero): f.montant_ttc for c, f in dossier.factures()}
    resultat: dict[tuple[str, str], list[tuple[int, Decimal]]] = {k: [] for k in restant}
    for paiement in dossier.evenements_de_type(Paiement):
        if paiement.date > au:
            continue
        concernees = [
            (c, f) for c in dossier.creances if paiement.concerne(c.reference) for f in c.factures
        ]
        designees = [
            (c, f) for n in paiement.factures_designees for c, f in concernees if f.numero == n
        ]
        date = paiement.date

        def cle_tri(cf: tuple[Any, Any], date: dt.date = date) -> dt.date:
            return exigible_le(cf[0], cf[1], au=date)

        echues = sorted((cf for cf in concernees if cle_tri(cf) <= paiement.date), key=cle_tri)
        a_echoir = sorted((cf for cf in concernees if cle_tri(cf) > paiement.date), key=cle_tri)
        disponible = paiement.montant
        for c, f in [*designees, *echues, *a_echoir]:
            if disponible <= 0:
                break
            cle = (c.reference, f.numero)
            part = min(disponible, restant[cle])
            if part > 0:
                restant[cle] -= part
                disponible -= part
                resultat[cle].append((id(paiement), part))
    return resultat


_JOUR = st.integers(min_value=0, max_value=400)


@st.composite
def _dossiers(draw: st.DrawFn) -> dict[str, Any]:
    debut = dt.date(2025, 1, 1)
    creances = []
    numeros = []
    for r in range(draw(st.integers(1, 2))):
        factures = []
        for j in range(draw(st.integers(1, 5))):
            emission = debut + dt.timedelta(days=draw(_JOUR))
            numero = f"F{r}{j}" if draw(st.booleans()) else f"F{j}"  # numéros parfois partagés
            if any(f["numero"] == numero for f in factures):
                numero = f"F{r}{j}x"
            numeros.append(numero)
            factures.append(
                {
                    "numero": numero,
                    "date_emission": emission.isoformat(),
                    "date_echeance": (emission + dt.timedelta(days=draw(_JOUR))).isoformat(),
                    "montant_ttc": f"{draw(st.integers(1, 500))}.00",
                }
            )
        creance: dict[str, Any] = {
            "reference": f"C{r}",
            "nature": "vente_biens",
            "factures": factures,
            "pieces": [{"type": "bon_de_commande_signe", "reference": f"BC{r}"}],
        }
        if draw(st.booleans()):
            creance["clause_decheance_terme"] = True
            creance["date_decheance_terme"] = (debut + dt.timedelta(days=draw(_JOUR))).isoformat()
        creances.append(creance)
    evenements = []
    for _ in range(draw(st.integers(0, 6))):
        paiement: dict[str, Any] = {
            "type": "paiement",
            "date": (debut + dt.timedelta(days=draw(_JOUR))).isoformat(),
            "montant": f"{draw(st.integers(1, 900))}.00",
        }
        if draw(st.booleans()):
            paiement["factures_designees"] = draw(
                st.lists(st.sampled_from(numeros), max_size=2, unique=True)
            )
        if len(creances) > 1 and draw(st.booleans()):
            paiement["creances"] = [f"C{draw(st.integers(0, len(creances) - 1))}"]
        evenements.append(paiement)
    return {
        "reference": "PROP",
        "creancier": SOCIETE,
        "debiteurs": [CLIENT],
        "creances": creances,
        "evenements": evenements,
    }


@settings(max_examples=150, deadline=None)
@given(_dossiers(), st.integers(min_value=0, max_value=900))
def test_imputation_identique_a_la_reference(donnees: dict[str, Any], jours: int) -> None:
    dossier = Dossier.model_validate(donnees)
    au = dt.date(2025, 1, 1) + dt.timedelta(days=jours)
    obtenu = {
        cle: [(id(p), part) for p, part in parts]
        for cle, parts in imputer_paiements(dossier, au=au).items()
    }
    assert obtenu == _reference(dossier, au)
    # Rien n'est imputé au-delà d'une facture ni au-delà d'un paiement.
    for (ref, numero), parts in imputer_paiements(dossier, au=au).items():
        facture = next(f for f in dossier.creance(ref).factures if f.numero == numero)
        assert sum(p for _i, p in parts) <= facture.montant_ttc


def test_analyse_expose_prescrites_et_statut() -> None:
    dossier = Dossier.model_validate(
        {
            "reference": "P",
            "creancier": SOCIETE,
            "debiteurs": [CLIENT],
            "creances": [
                {
                    "reference": "C",
                    "nature": "vente_biens",
                    "factures": [
                        {
                            "numero": "VIEILLE",
                            "date_emission": "2019-01-01",
                            "date_echeance": "2019-02-01",
                            "montant_ttc": "100.00",
                        },
                        {
                            "numero": "RECENTE",
                            "date_emission": "2025-01-01",
                            "date_echeance": "2025-02-01",
                            "montant_ttc": "100.00",
                        },
                    ],
                    "pieces": [{"type": "bon_de_commande_signe", "reference": "BC"}],
                }
            ],
        }
    )
    analyse = analyser_prescriptions(dossier, au=dt.date(2026, 6, 30), regles=REGLES)
    # Commerciale, 5 ans (C. com. L110-4) : 1er février 2019 + 5 ans = 1er février 2024.
    assert analyse.prescrites() == frozenset({("C", "VIEILLE")})
    assert analyse.statut("C", "VIEILLE") is True
    assert analyse.statut("C", "RECENTE") is False
    assert analyse.details[0].par_facture[0].date_prescription == dt.date(2024, 2, 1)


def test_note_d_imputation_bornee_sur_un_grand_dossier() -> None:
    """Un paiement imputé sur une facture parmi 200 : une seule note, bornée, pas 199."""
    factures = [
        {
            "numero": f"F{i}",
            "date_emission": "2025-01-01",
            "date_echeance": (dt.date(2025, 2, 1) + dt.timedelta(days=i)).isoformat(),
            "montant_ttc": "100.00",
        }
        for i in range(200)
    ]
    dossier = Dossier.model_validate(
        {
            "reference": "G",
            "creancier": SOCIETE,
            "debiteurs": [CLIENT],
            "creances": [
                {
                    "reference": "C",
                    "nature": "vente_biens",
                    "factures": factures,
                    "pieces": [{"type": "bon_de_commande_signe", "reference": "BC"}],
                }
            ],
            "evenements": [{"type": "paiement", "date": "2025-12-01", "montant": "50.00"}],
        }
    )
    detail = analyser_prescriptions(dossier, au=dt.date(2026, 6, 30), regles=REGLES).details[0]
    notes = [e for e in detail.evenements if "imputé sur" in e]
    assert notes == [
        "paiement partiel du 1er décembre 2025 : imputé sur F0 (désignation du débiteur, sinon "
        "C. civ. 1342-10) ; sans effet interruptif pour les 199 autres factures"
    ]


def test_banc_echelle_fonctionne() -> None:
    resultat = subprocess.run(
        [sys.executable, str(BANC), "--n", "80", "--commandes", "verifier"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert resultat.returncode == 0, resultat.stderr
    assert "croissance" in resultat.stdout
    assert resultat.stdout.count("\n") >= 5
