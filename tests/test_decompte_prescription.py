"""Le raccourci de prescription du décompte décide comme l'analyse complète.

Le décompte n'appelle :func:`contentieux.droit.prescription.analyser_prescriptions` que si
``au`` dépasse, pour une créance au moins, :func:`~contentieux.droit.prescription.
date_prescription_au_plus_tot` ; sinon il tient qu'aucune facture n'est prescrite. Propriété :
sur des dossiers générés (toutes natures de créance, débiteur commerçant, particulier ou acheteur
public, interruptions, suspensions, jugement, déchéance du terme), la borne n'est jamais dépassée
par une facture que l'analyse dit prescrite, et les factures que le raccourci retient sont
exactement celles de l'analyse.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from contentieux.droit.prescription import analyser_prescriptions, date_prescription_au_plus_tot
from contentieux.interets.decompte import _Calcul
from contentieux.modeles import Dossier
from contentieux.modeles.decompte import OptionsDecompte
from contentieux.modeles.parties import Qualite
from contentieux.regles import charger_regles
from tests.parties_types import CLIENT, PARTICULIER, SOCIETE

REGLES = charger_regles()
DEBUT = dt.date(2015, 1, 1)
FIN = dt.date(2026, 6, 30)
ACHETEUR_PUBLIC: dict[str, Any] = {
    **CLIENT,
    "denomination": "Commune de Villeurbanne",
    "qualite": Qualite.ACHETEUR_PUBLIC.value,
}

dates = st.dates(min_value=DEBUT, max_value=FIN)
montants = st.decimals(min_value=Decimal("1"), max_value=Decimal("5000"), places=2)
natures = st.sampled_from(
    [
        "vente_biens",
        "prestation_services",
        "travaux",
        "transport",
        "loyer_habitation",
        "charges_copropriete",
        "communications_electroniques",
        "credit_consommation",
        "autre",
    ]
)


@st.composite
def evenement(draw: st.DrawFn) -> dict[str, Any]:
    sorte = draw(
        st.sampled_from(
            [
                "paiement",
                "reconnaissance_dette",
                "demande_en_justice",
                "mediation",
                "mesure_execution",
                "mise_en_demeure",
                "jugement",
            ]
        )
    )
    date = draw(dates)
    if sorte == "paiement":
        return {"type": sorte, "date": date, "montant": draw(montants)}
    if sorte == "reconnaissance_dette":
        return {"type": sorte, "date": date, "montant": draw(st.none() | montants)}
    if sorte == "demande_en_justice":
        issue = draw(st.sampled_from(["en_cours", "rejetee_definitivement", "desistement"]))
        fin = draw(st.none() | st.dates(min_value=date, max_value=FIN))
        return {"type": sorte, "date": date, "issue": issue, "date_fin_instance": fin}
    if sorte == "mediation":
        fin = draw(st.none() | st.dates(min_value=date, max_value=FIN))
        return {"type": sorte, "date_debut": date, "date_fin": fin}
    if sorte == "mesure_execution":
        return {"type": sorte, "date": date}
    if sorte == "mise_en_demeure":
        return {"type": sorte, "date_envoi": date, "moyen": "lettre_recommandee_ar"}
    executoire = draw(st.none() | st.dates(min_value=date, max_value=FIN))
    return {"type": sorte, "date": date, "date_caractere_executoire": executoire}


@st.composite
def dossiers(draw: st.DrawFn) -> tuple[Dossier, dt.date]:
    """Un à deux créances de une à trois factures, jusqu'à quatre événements, une date ``au``
    jusqu'à quinze ans après la première facture."""
    creances = []
    premiere = FIN
    for c in range(draw(st.integers(1, 2))):
        factures = []
        for i in range(draw(st.integers(1, 3))):
            emission = draw(dates)
            premiere = min(premiere, emission)
            factures.append(
                {
                    "numero": f"F{c}-{i}",
                    "date_emission": emission,
                    "date_echeance": emission + dt.timedelta(days=draw(st.integers(0, 90))),
                    "date_execution": draw(
                        st.none()
                        | st.dates(
                            min_value=emission - dt.timedelta(days=60),
                            max_value=emission + dt.timedelta(days=30),
                        )
                    ),
                    "montant_ttc": draw(montants),
                }
            )
        creances.append(
            {
                "reference": f"C{c}",
                "nature": draw(natures),
                "factures": factures,
                "date_decheance_terme": draw(st.none() | dates),
            }
        )
    debiteur = draw(st.sampled_from([CLIENT, PARTICULIER, ACHETEUR_PUBLIC]))
    try:
        dossier = Dossier.model_validate(
            {
                "reference": "PRESCRIPTION",
                "creancier": SOCIETE,
                "debiteurs": [debiteur],
                "creances": creances,
                "evenements": draw(st.lists(evenement(), max_size=4)),
            }
        )
    except ValidationError:
        assume(False)
    au = premiere + dt.timedelta(days=draw(st.integers(0, 15 * 366)))
    return dossier, au


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(dossiers())
def test_raccourci_et_analyse_decident_pareil(cas: tuple[Dossier, dt.date]) -> None:
    dossier, au = cas
    analyse = analyser_prescriptions(dossier, au=au, regles=REGLES)
    prescrites = {
        (f.creance, f.numero): f.date_prescription
        for d in analyse.details
        for f in d.par_facture
        if f.prescrite
    }
    # La borne : aucune facture d'une créance n'est prescrite tant que ``au`` ne la dépasse pas.
    for creance in dossier.creances:
        borne = date_prescription_au_plus_tot(dossier, creance, au=au, regles=REGLES)
        if borne is not None and au <= borne:
            assert not any(cle[0] == creance.reference for cle in prescrites), (creance, borne)
    # Le décompte : mêmes factures prescrites, mêmes dates, raccourci ou non.
    calcul = _Calcul(dossier, au, REGLES, OptionsDecompte())
    calcul.prescription()
    assert calcul.prescrites == prescrites


def test_la_borne_sur_un_cas_calcule_a_la_main() -> None:
    # Commerçants : prescription commerciale de 5 ans (C. com. L110-4). Facture émise le
    # 10/02/2020, exécutée le 07/02/2020 : aucun délai ne court avant le 07/02/2020 ; borne
    # 07/02/2020 + 5 ans = 07/02/2025. L'analyse : exigible le 11/03/2020 (échéance 11/03),
    # dernier jour pour agir le 11/03/2025 — après la borne.
    dossier = Dossier.model_validate(
        {
            "reference": "BORNE",
            "creancier": SOCIETE,
            "debiteurs": [CLIENT],
            "creances": [
                {
                    "reference": "C",
                    "nature": "vente_biens",
                    "factures": [
                        {
                            "numero": "F",
                            "date_emission": "2020-02-10",
                            "date_execution": "2020-02-07",
                            "date_echeance": "2020-03-11",
                            "montant_ttc": "1000.00",
                        }
                    ],
                }
            ],
        }
    )
    au = dt.date(2025, 3, 12)
    creance = dossier.creances[0]
    assert date_prescription_au_plus_tot(dossier, creance, au=au, regles=REGLES) == dt.date(
        2025, 2, 7
    )
    ligne = analyser_prescriptions(dossier, au=au, regles=REGLES).details[0].par_facture[0]
    assert ligne.date_prescription == dt.date(2025, 3, 11)
    assert ligne.prescrite
