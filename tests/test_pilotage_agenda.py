"""Agenda de relance : chaque garde-fou (arrêt, suspension, saut) et le scénario lui-même."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentieux.erreurs import ScenarioInvalide
from contentieux.modeles import Dossier
from contentieux.pilotage.agenda import DecisionAgenda, etablir_agenda, planifier
from contentieux.pilotage.scenario import Canal, lire_scenario
from tests.parties_types import CLIENT, PARTICULIER, SOCIETE

AU = dt.date(2026, 3, 31)


def _dossier(
    *,
    echeance: str = "2026-03-02",
    emission: str = "2026-02-01",
    evenements: list[Any] | None = None,
    debiteur: dict[str, Any] | None = None,
    creance: dict[str, Any] | None = None,
    montant: str = "1200.00",
) -> Dossier:
    return Dossier.model_validate(
        {
            "reference": "D-1",
            "creancier": SOCIETE,
            "debiteurs": [debiteur or CLIENT],
            "creances": [
                {
                    "reference": "C-1",
                    "nature": "vente_biens",
                    "factures": [
                        {
                            "numero": "F-1",
                            "date_emission": emission,
                            "date_echeance": echeance,
                            "montant_ttc": montant,
                        }
                    ],
                    "pieces": [
                        {
                            "type": "bon_de_commande_signe",
                            "reference": "BC",
                            "signee_par_debiteur": True,
                        },
                        {"type": "facture", "reference": "F-1"},
                    ],
                    **(creance or {}),
                }
            ],
            "evenements": evenements or [],
        }
    )


def _decision(dossier: Dossier, au: dt.date = AU) -> DecisionAgenda:
    (decision,) = etablir_agenda([dossier], au=au).decisions
    return decision


def test_scenario_etape_du_jour_et_suivante() -> None:
    # Échéance lundi 2 mars 2026 ; au 31 mars : J+29, étape « sms » (J+20), prochaine J+30.
    decision = _decision(_dossier())
    assert decision.statut == "actif"
    assert decision.etape is not None and decision.etape.code == "sms"
    assert decision.prochaine is not None and decision.prochaine.code == "mise_en_demeure"
    assert decision.prochaine.date == dt.date(2026, 4, 1)
    assert decision.prochaine.frais is True  # entre professionnels : indemnité de 40 €
    assert "jour +20" in decision.motifs[0]
    assert decision.garde_fous == ()


def test_avant_la_premiere_etape() -> None:
    decision = _decision(_dossier(echeance="2026-04-30", emission="2026-03-30"))
    assert decision.statut == "a_venir"
    assert decision.etape is None
    assert decision.prochaine is not None and decision.prochaine.code == "rappel"
    assert decision.prochaine.date == dt.date(2026, 4, 25)


def test_dossier_solde() -> None:
    paiement = {"type": "paiement", "date": "2026-03-10", "montant": "1200.00"}
    decision = _decision(_dossier(evenements=[paiement]))
    assert decision.statut == "solde"
    assert decision.etape is None and decision.prochaine is None


def test_contestation_arrete_le_scenario() -> None:
    contestation = {"contestation": {"date": "2026-03-05", "motif": "Livraison incomplète"}}
    decision = _decision(_dossier(creance=contestation))
    assert decision.statut == "arrete"
    assert decision.garde_fous == ("contestation",)
    assert decision.etape is None
    assert any("Livraison incomplète" in m for m in decision.motifs)
    assert "CPC 1409" in decision.fondements


def test_plan_respecte_suspend_puis_defaillance_reprend() -> None:
    plan = {
        "type": "plan_apurement",
        "date": "2026-03-10",
        "date_premiere_echeance": "2026-04-10",
        "date_derniere_echeance": "2026-09-10",
    }
    decision = _decision(_dossier(evenements=[plan]))
    assert decision.statut == "suspendu"
    assert decision.garde_fous == ("plan_respecte",)
    assert decision.prochaine is not None and decision.prochaine.date == dt.date(2026, 9, 11)
    defaillant = {**plan, "date_premiere_echeance": "2026-03-15", "date_defaillance": "2026-03-15"}
    reprise = _decision(_dossier(evenements=[defaillant]))
    assert reprise.statut == "actif"
    assert "plan_defaillant" in reprise.garde_fous


def test_prescription_acquise_arrete() -> None:
    decision = _decision(_dossier(echeance="2020-01-15", emission="2019-12-16"))
    assert decision.statut == "arrete"
    assert decision.garde_fous == ("prescription_acquise",)
    assert decision.a_decider


def test_prescription_proche_saute_a_l_acte_interruptif() -> None:
    # Prescription commerciale de 5 ans : 15 avril 2026, dans 15 jours (< marge de 60 jours).
    decision = _decision(_dossier(echeance="2021-04-15", emission="2021-03-15"))
    assert decision.statut == "urgence"
    assert decision.garde_fous == ("prescription_proche",)
    assert decision.etape is not None and decision.etape.date == AU
    assert "C. civ. 2241" in decision.fondements


def test_procedure_collective_devient_declaration() -> None:
    procedure = {
        "type": "procedure_collective",
        "nature": "redressement_judiciaire",
        "date_jugement_ouverture": "2026-03-10",
        "date_publication_bodacc": "2026-03-20",
    }
    decision = _decision(_dossier(evenements=[procedure]))
    assert decision.statut == "declaration"
    assert decision.etape is not None
    assert decision.etape.acte == "declaration_creance"
    assert decision.etape.date == dt.date(2026, 5, 20)  # BODACC + 2 mois
    assert decision.garde_fous == ("procedure_collective",)


def test_consommateur_sans_frais() -> None:
    # Au 2 avril : étape « mise en demeure » (J+30, 1er avril) ; débiteur consommateur.
    decision = _decision(_dossier(debiteur=PARTICULIER), au=dt.date(2026, 4, 2))
    assert decision.etape is not None and decision.etape.code == "mise_en_demeure"
    assert decision.etape.frais is False
    assert "sans_frais" in decision.garde_fous
    assert any("CPCE L111-8" in m for m in decision.motifs)
    pro = _decision(_dossier(), au=dt.date(2026, 4, 2))
    assert pro.etape is not None and pro.etape.frais is True


def test_mise_en_demeure_deja_envoyee() -> None:
    med = {"type": "mise_en_demeure", "date_envoi": "2026-03-25", "moyen": "lettre_recommandee_ar"}
    agenda = etablir_agenda([_dossier(evenements=[med])], au=dt.date(2026, 4, 2))
    (decision,) = agenda.decisions
    assert decision.etape is not None and decision.etape.faite_le == dt.date(2026, 3, 25)
    assert agenda.actes_dus() == []


def test_fenetre_de_contact_jours_ouvres_et_intervalle(tmp_path: Path) -> None:
    scenario = lire_scenario()
    # Échéance samedi 4 juillet 2026 : l'appel de J+10 tombe le mardi 14 juillet (férié),
    # reporté au mercredi 15 ; le SMS de J+20 (vendredi 24) reste à plus de 7 jours.
    dates = dict((e.code, d) for e, d in planifier(scenario, dt.date(2026, 7, 4)))
    assert dates["appel"] == dt.date(2026, 7, 15)
    assert dates["sms"] == dt.date(2026, 7, 24)
    # Un SMS deux jours après l'appel est repoussé à l'intervalle minimal (7 jours).
    fichier = tmp_path / "serre.yaml"
    fichier.write_text(
        "nom: serré\ncontact: {intervalle_minimal_jours: 7}\netapes:\n"
        "  - {code: appel, jour: 1, intitule: Appel, canal: telephone}\n"
        "  - {code: sms, jour: 3, intitule: SMS, canal: sms}\n",
        encoding="utf-8",
    )
    serre = lire_scenario(fichier)
    dates = dict((e.code, d) for e, d in planifier(serre, dt.date(2026, 3, 1)))
    assert dates["appel"] == dt.date(2026, 3, 2)
    assert dates["sms"] == dt.date(2026, 3, 9)
    decision = _decision(_dossier(), au=dt.date(2026, 3, 13))
    assert decision.etape is not None and decision.etape.canal is Canal.TELEPHONE
    assert decision.etape.fenetre is not None and "09:00" in decision.etape.fenetre


@pytest.mark.parametrize(
    ("contenu", "attendu"),
    [
        ("nom: x\netapes: []\n", "etapes"),
        (
            "nom: x\netapes:\n  - {code: a, jour: 5, intitule: A, canal: lettre}\n"
            "  - {code: b, jour: 5, intitule: B, canal: lettre}\n",
            "jour strictement croissant",
        ),
        (
            "nom: x\netapes:\n  - {code: a, jour: 5, intitule: A, canal: pigeon}\n",
            "etapes[0].canal",
        ),
        (
            "nom: x\ncontact: {heure_debut: 9:00}\n"
            "etapes:\n  - {code: a, jour: 5, intitule: A, canal: sms}\n",
            "guillemets",
        ),
        (
            "nom: x\ncontact: {heure_debut: '18:00', heure_fin: '09:00'}\n"
            "etapes:\n  - {code: a, jour: 5, intitule: A, canal: sms}\n",
            "doit suivre",
        ),
        (
            "nom: x\netapes:\n  - {code: a, jour: 5, intitule: A, canal: lettre}\n"
            "  - {code: a, jour: 9, intitule: B, canal: lettre}\n",
            "en double",
        ),
        ("- une liste\n", "objet YAML"),
    ],
)
def test_scenario_invalide(tmp_path: Path, contenu: str, attendu: str) -> None:
    fichier = tmp_path / "scenario.yaml"
    fichier.write_text(contenu, encoding="utf-8")
    with pytest.raises(ScenarioInvalide) as erreur:
        lire_scenario(fichier)
    assert attendu in erreur.value.message
    assert erreur.value.code == "scenario_invalide"


def test_scenario_introuvable(tmp_path: Path) -> None:
    with pytest.raises(ScenarioInvalide, match=r"introuvable|absent|existe"):
        lire_scenario(tmp_path / "absent.yaml")


@settings(max_examples=80, deadline=None)
@given(
    echeance=st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31)),
    intervalle=st.integers(min_value=1, max_value=30),
)
def test_proprietes_fenetre_de_contact(echeance: dt.date, intervalle: int) -> None:
    """SMS et appels : toujours un jour ouvré, jamais plus près que l'intervalle minimal."""
    from contentieux.delais import est_jour_ouvrable
    from contentieux.pilotage.scenario import CANAUX_DIRECTS

    defaut = lire_scenario()
    scenario = defaut.model_copy(
        update={
            "contact": defaut.contact.model_copy(update={"intervalle_minimal_jours": intervalle})
        }
    )
    directs = [
        d for e, d in planifier(scenario, echeance, departement="75") if e.canal in CANAUX_DIRECTS
    ]
    assert all(est_jour_ouvrable(d, "75") for d in directs)
    assert all((b - a).days >= intervalle for a, b in pairwise(directs))
