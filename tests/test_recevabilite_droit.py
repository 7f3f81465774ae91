"""Décisions partagées de ``contentieux.droit`` utilisées par la recevabilité : prescription par
facture, imputation du principal (propriétés de l'ordre 1342-10 partagé), passage à l'échelle
(banc d'essai exécutable)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from contentieux.droit.exigibilite import terme_au
from contentieux.droit.imputation_factures import imputer_paiements
from contentieux.droit.prescription import analyser_prescriptions
from contentieux.modeles import Dossier
from contentieux.modeles.evenements import Paiement
from contentieux.regles import charger_regles
from tests.parties_types import CLIENT, SOCIETE

REGLES = charger_regles()
BANC = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_echelle.py"


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
def test_imputation_proprietes(donnees: dict[str, Any], jours: int) -> None:
    """L'imputation partagée (1342-10) sur le principal : rien n'est perdu ni créé, une facture
    n'est jamais trop payée, les désignées d'abord, puis jamais une facture à échéance plus
    lointaine tant qu'une plus ancienne, échue et visée, reste due après le paiement."""
    dossier = Dossier.model_validate(donnees)
    au = dt.date(2025, 1, 1) + dt.timedelta(days=jours)
    imputations = imputer_paiements(dossier, au=au)
    montants = {(c.reference, f.numero): f.montant_ttc for c, f in dossier.factures()}
    restant = dict(montants)
    par_paiement: dict[int, list[tuple[tuple[str, str], Decimal]]] = {}
    for cle, parts in imputations.items():
        assert sum((p for _i, p in parts), start=Decimal(0)) <= montants[cle]
        for paiement, part in parts:
            assert part > 0
            par_paiement.setdefault(id(paiement), []).append((cle, part))
    for paiement in dossier.evenements_de_type(Paiement):
        recu = par_paiement.get(id(paiement), [])
        if paiement.date > au:
            assert not recu
            continue
        visees = [
            (c, f) for c in dossier.creances if paiement.concerne(c.reference) for f in c.factures
        ]
        ouvert_avant = sum((restant[(c.reference, f.numero)] for c, f in visees), start=Decimal(0))
        total = sum((p for _c, p in recu), start=Decimal(0))
        assert total == min(paiement.montant, ouvert_avant)
        assert all(cle[0] in {c.reference for c, _f in visees} for cle, _p in recu)
        for cle, part in recu:
            restant[cle] -= part
        if paiement.factures_designees:
            continue  # l'ordre des désignées prime ; propriété d'ordre vérifiée sans elles
        payees = {cle for cle, _p in recu}
        for c, f in visees:
            if (c.reference, f.numero) not in payees:
                continue
            ech = terme_au(c, f, au=paiement.date)
            for c2, f2 in visees:
                ech2 = terme_au(c2, f2, au=paiement.date)
                if ech2 <= paiement.date and ech2 < ech:
                    # une plus ancienne échue a été soldée avant celle-ci
                    assert restant[(c2.reference, f2.numero)] == 0, (f2.numero, f.numero)


def test_imputation_comme_imputer_sur_echeances() -> None:
    """Une seule créance, paiements non désignés : même résultat que la fonction partagée."""
    from contentieux.droit.imputation import imputer_sur_echeances

    factures = [
        {
            "numero": f"E{i}",
            "date_emission": "2025-01-01",
            "date_echeance": (dt.date(2025, 1, 5) + dt.timedelta(days=30 * i)).isoformat(),
            "montant_ttc": "100.00",
        }
        for i in range(6)
    ]
    paiements = [("2025-03-10", "150.00"), ("2025-03-20", "30.00"), ("2025-06-01", "100.00")]
    dossier = Dossier.model_validate(
        {
            "reference": "E",
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
            "evenements": [{"type": "paiement", "date": d, "montant": m} for d, m in paiements],
        }
    )
    imputations = imputer_paiements(dossier, au=dt.date(2026, 1, 1))
    restes = [
        Decimal("100.00") - sum((p for _x, p in imputations[("C", f"E{i}")]), start=Decimal(0))
        for i in range(6)
    ]
    attendu = imputer_sur_echeances(
        [(f.date_echeance, f.montant_ttc) for f in dossier.creances[0].factures],
        [(dt.date.fromisoformat(d), Decimal(m)) for d, m in paiements],
    )
    assert restes == attendu
    # À la main : 150 € le 10 mars soldent E0 (5 janv.) et 50 € de E1 (4 févr.) ; 30 € le 20 mars
    # vont à E1 ; 100 € le 1er juin : reste 20 € de E1, puis 80 € sur E2 (6 mars).
    assert restes[:4] == [Decimal("0.00"), Decimal("0.00"), Decimal("20.00"), Decimal("100.00")]


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
        [sys.executable, str(BANC), "--commande", "verifier", "--tailles", "40,80"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert resultat.returncode == 0, resultat.stderr
    assert "croissance" in resultat.stdout
    lignes = resultat.stdout.strip().splitlines()
    assert lignes[0].startswith("Commande verifier") and len(lignes) == 4


def test_date_longue_identique_a_babel() -> None:
    from contentieux.droit.faits import date_longue
    from contentieux.francais import formater_date

    jour = dt.date(2023, 12, 25)
    for _ in range(800):
        assert date_longue(jour) == formater_date(jour)
        jour += dt.timedelta(days=1)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=8),
    st.integers(min_value=0, max_value=20),
)
def test_forclusion_premier_incident_non_regularise(paiements: list[int], mois_au: int) -> None:
    """Crédit à la consommation : 8 échéances mensuelles de 100 € (10 janv. 2025…) ; des paiements
    de 100 € × k le 20 de chaque mois. Le départ de la forclusion est l'échéance échue la plus
    ancienne que le cumul des paiements (imputés sur les plus anciennes) ne solde pas ; aucune :
    la forclusion ne court pas (C. consom. R312-35 ; C. civ. 1342-10)."""
    echeances = [dt.date(2025, 1 + i, 10) for i in range(8)]
    dossier = Dossier.model_validate(
        {
            "reference": "K1",
            "creancier": SOCIETE,
            "debiteurs": [
                {
                    "type": "personne_physique",
                    "nom": "Roux",
                    "prenoms": "Thomas",
                    "adresse": {"ligne1": "1 rue B", "code_postal": "33000", "ville": "Bordeaux"},
                }
            ],
            "creances": [
                {
                    "reference": "PRET",
                    "nature": "credit_consommation",
                    "factures": [
                        {
                            "numero": f"E{i}",
                            "date_emission": "2024-12-01",
                            "date_echeance": e.isoformat(),
                            "montant_ttc": "100.00",
                            "est_echeance": True,
                        }
                        for i, e in enumerate(echeances)
                    ],
                    "pieces": [{"type": "contrat", "reference": "P", "signee_par_debiteur": True}],
                }
            ],
            "evenements": [
                {
                    "type": "paiement",
                    "date": dt.date(2025, 1 + i, 20).isoformat(),
                    "montant": f"{k}00.00",
                }
                for i, k in enumerate(paiements)
            ],
        }
    )
    au = dt.date(2025, 1, 15) + dt.timedelta(days=30 * mois_au)
    detail = analyser_prescriptions(dossier, au=au, regles=REGLES).details[0]
    # Oracle : cumul des paiements reçus au plus tard ``au`` ; l'échéance i est soldée si le cumul
    # atteint 100 × (i + 1) — paiements imputés sur les plus anciennes, sans retard de deux ans ici.
    cumul = sum(k * 100 for i, k in enumerate(paiements) if dt.date(2025, 1 + i, 20) <= au)
    attendu = next((e for i, e in enumerate(echeances) if e < au and cumul < 100 * (i + 1)), None)
    departs = {ligne.point_de_depart for ligne in detail.par_facture}
    assert departs == {attendu}
    if attendu is None:
        assert all(ligne.prescrite is False for ligne in detail.par_facture)
        assert any("ne court pas" in e for e in detail.evenements)
