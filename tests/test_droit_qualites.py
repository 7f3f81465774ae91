"""Les qualités des parties : un test nommé par sens d'« entre professionnels » (droit.qualites),
et chaque couche qui en a besoin (décompte, agenda, recevabilité, actes) appelle le même."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from contentieux.droit.qualites import (
    est_consommateur,
    est_debiteur_indemnite_forfaitaire,
    est_indemnite_forfaitaire_due,
    est_relation_de_consommation,
    est_relation_l441_10,
)
from contentieux.interets import etablir_decompte
from contentieux.modeles import Dossier, PersonneMorale, PersonnePhysique
from contentieux.modeles.decompte import OptionsDecompte
from contentieux.pilotage.agenda import etablir_agenda
from contentieux.recevabilite import verifier_recevabilite
from tests.parties_types import CLIENT, PARTICULIER, SOCIETE

Partie = PersonnePhysique | PersonneMorale

MORALES = ("non_professionnel", "professionnel", "commercant", "artisan", "acheteur_public")
PHYSIQUES = ("consommateur", "non_professionnel", "professionnel", "commercant", "artisan")


def _morale(qualite: str, nom: str = "Ateliers Durand") -> dict[str, Any]:
    return {**SOCIETE, "denomination": nom, "qualite": qualite}


def _physique(qualite: str, **autres: Any) -> dict[str, Any]:
    return {**PARTICULIER, "qualite": qualite, **autres}


def _partie(donnees: dict[str, Any]) -> Partie:
    if donnees["type"] == "personne_morale":
        return PersonneMorale.model_validate(donnees)
    return PersonnePhysique.model_validate(donnees)


TOUTES = [_morale(q) for q in MORALES] + [_physique(q) for q in PHYSIQUES]


def _id(donnees: dict[str, Any]) -> str:
    return f"{donnees['type'].split('_')[1]}-{donnees['qualite']}"


# --- Chaque test, qualité par qualité -----------------------------------------------------------


@pytest.mark.parametrize("donnees", TOUTES, ids=_id)
def test_consommateur_personne_physique_seulement(donnees: dict[str, Any]) -> None:
    # C. consom., article liminaire : le consommateur est une personne physique.
    attendu = donnees["type"] == "personne_physique" and donnees["qualite"] == "consommateur"
    assert est_consommateur(_partie(donnees)) is attendu


@pytest.mark.parametrize("debiteur", TOUTES, ids=_id)
def test_debiteur_indemnite_forfaitaire(debiteur: dict[str, Any]) -> None:
    # L441-10 II, D441-5 : tout professionnel de droit privé ; CCP D2192-35 : l'acheteur public.
    attendu = debiteur["qualite"] in {"professionnel", "commercant", "artisan", "acheteur_public"}
    assert est_debiteur_indemnite_forfaitaire(_partie(debiteur)) is attendu


@pytest.mark.parametrize("creancier", TOUTES, ids=_id)
@pytest.mark.parametrize("debiteur", TOUTES, ids=_id)
def test_relation_l441_10_professionnels_de_droit_prive(
    creancier: dict[str, Any], debiteur: dict[str, Any]
) -> None:
    prives = {"professionnel", "commercant", "artisan"}
    attendu = creancier["qualite"] in prives and debiteur["qualite"] in prives
    assert est_relation_l441_10(_partie(creancier), _partie(debiteur)) is attendu


@pytest.mark.parametrize("creancier", TOUTES, ids=_id)
def test_indemnite_due_exige_un_creancier_professionnel_de_droit_prive(
    creancier: dict[str, Any],
) -> None:
    commune = _partie(_morale("acheteur_public", "Commune de Lyon"))
    attendu = creancier["qualite"] in {"professionnel", "commercant", "artisan"}
    assert est_indemnite_forfaitaire_due(_partie(creancier), commune) is attendu
    consommateur = _partie(_physique("consommateur"))
    assert est_indemnite_forfaitaire_due(_partie(creancier), consommateur) is False


def test_indemnite_due_pas_au_professionnel_agissant_hors_de_ses_besoins() -> None:
    # Une personne physique « professionnel » qui agit ici en particulier (CMF L313-2).
    hors = _partie(_physique("professionnel", agit_pour_besoins_professionnels=False))
    dans = _partie(_physique("professionnel"))
    client = _partie(CLIENT)
    assert not est_indemnite_forfaitaire_due(hors, client)
    assert est_indemnite_forfaitaire_due(dans, client)


@pytest.mark.parametrize("creancier", TOUTES, ids=_id)
@pytest.mark.parametrize("debiteur", TOUTES, ids=_id)
def test_relation_de_consommation(creancier: dict[str, Any], debiteur: dict[str, Any]) -> None:
    # Professionnel « public ou privé » (article liminaire) contre un consommateur.
    professionnel = creancier["qualite"] in {
        "professionnel",
        "commercant",
        "artisan",
        "acheteur_public",
    }
    consommateur = debiteur["type"] == "personne_physique" and debiteur["qualite"] == "consommateur"
    attendu = professionnel and consommateur
    assert est_relation_de_consommation(_partie(creancier), _partie(debiteur)) is attendu


# --- Une seule maison : le décompte et l'agenda disent la même chose ----------------------------


def _dossier(creancier: dict[str, Any], debiteur: dict[str, Any], **creance: Any) -> Dossier:
    return Dossier.model_validate(
        {
            "reference": "D-1",
            "creancier": creancier,
            "debiteurs": [debiteur],
            "creances": [
                {
                    "reference": "C-1",
                    "nature": "vente_biens",
                    "factures": [
                        {
                            "numero": "F-1",
                            "date_emission": "2026-02-01",
                            "date_echeance": "2026-03-02",
                            "montant_ttc": "1200.00",
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
                    **creance,
                }
            ],
        }
    )


def _frais_agenda(dossier: Dossier) -> bool:
    # Au 2 avril 2026 : étape « mise en demeure » (J+30), qui réclame les frais.
    (decision,) = etablir_agenda([dossier], au=dt.date(2026, 4, 2)).decisions
    assert decision.etape is not None and decision.etape.code == "mise_en_demeure"
    return decision.etape.frais


def _indemnite_decompte(dossier: Dossier) -> bool:
    decompte = etablir_decompte(dossier, au=dt.date(2026, 4, 2))
    return any(i.nature == "forfaitaire" for i in decompte.indemnites)


COUPLES = [
    pytest.param(SOCIETE, CLIENT, True, id="entre-commercants"),
    pytest.param(SOCIETE, _morale("acheteur_public", "Commune"), True, id="debiteur-public"),
    pytest.param(SOCIETE, _physique("consommateur"), False, id="debiteur-consommateur"),
    pytest.param(SOCIETE, _morale("non_professionnel", "Club"), False, id="debiteur-association"),
    pytest.param(_morale("acheteur_public", "Commune"), CLIENT, False, id="creancier-public"),
    pytest.param(
        _physique("professionnel", agit_pour_besoins_professionnels=False),
        CLIENT,
        False,
        id="creancier-hors-besoins-pro",
    ),
    pytest.param(_physique("artisan"), CLIENT, True, id="creancier-artisan"),
]


@pytest.mark.parametrize(("creancier", "debiteur", "due"), COUPLES)
def test_decompte_et_agenda_suivent_le_meme_test(
    creancier: dict[str, Any], debiteur: dict[str, Any], due: bool
) -> None:
    dossier = _dossier(creancier, debiteur)
    assert est_indemnite_forfaitaire_due(dossier.creancier, dossier.debiteur) is due
    assert _indemnite_decompte(dossier) is due
    assert _frais_agenda(dossier) is due


def test_agenda_frais_contre_un_acheteur_public_d2192_35() -> None:
    # L'acheteur public n'est pas dans la relation L441-10, mais il doit les 40 € au titulaire
    # du marché (CCP D2192-35) : l'étape garde ses frais, sans garde-fou « sans_frais ».
    dossier = _dossier(SOCIETE, _morale("acheteur_public", "Commune de Lyon"))
    assert not est_relation_l441_10(dossier.creancier, dossier.debiteur)
    (decision,) = etablir_agenda([dossier], au=dt.date(2026, 4, 2)).decisions
    assert decision.etape is not None and decision.etape.frais is True
    assert "sans_frais" not in decision.garde_fous


def test_agenda_sans_frais_pour_un_acheteur_public_creancier() -> None:
    # Divergence corrigée : l'agenda comptait l'acheteur public créancier comme professionnel
    # et gardait les frais, quand le décompte refusait l'indemnité (elle répare les frais de
    # l'entreprise créancière, C. com. L441-10 II, D441-5). Le motif nomme le créancier.
    dossier = _dossier(_morale("acheteur_public", "Commune de Lyon"), CLIENT)
    (decision,) = etablir_agenda([dossier], au=dt.date(2026, 4, 2)).decisions
    assert decision.etape is not None and decision.etape.frais is False
    assert "sans_frais" in decision.garde_fous
    assert any(m.startswith("Créancier qui n'est pas un professionnel") for m in decision.motifs)
    assert not any("Débiteur non professionnel" in m for m in decision.motifs)


# --- La pratique commerciale trompeuse (C. consom. L121-2) : consommateur seulement -------------


def _prescrite(creancier: dict[str, Any], debiteur: dict[str, Any]) -> Dossier:
    # Facture de 2019 : prescrite au 2 avril 2026 quel que soit le régime (2 ou 5 ans).
    return Dossier.model_validate(
        {
            "reference": "D-P",
            "creancier": creancier,
            "debiteurs": [debiteur],
            "creances": [
                {
                    "reference": "C-1",
                    "nature": "prestation_services",
                    "factures": [
                        {
                            "numero": "F-1",
                            "date_emission": "2019-01-10",
                            "date_execution": "2019-01-10",
                            "date_echeance": "2019-02-09",
                            "montant_ttc": "500.00",
                        }
                    ],
                }
            ],
        }
    )


@pytest.mark.parametrize(
    ("creancier", "debiteur", "rappel"),
    [
        pytest.param(SOCIETE, _physique("consommateur"), True, id="pro-consommateur"),
        pytest.param(SOCIETE, _morale("non_professionnel", "Club"), False, id="pro-association"),
        pytest.param(
            _physique("consommateur", nom="Garnier"),
            _physique("consommateur"),
            False,
            id="particulier-consommateur",
        ),
    ],
)
def test_rappel_l121_2_meme_test_au_decompte_et_a_la_recevabilite(
    creancier: dict[str, Any], debiteur: dict[str, Any], rappel: bool
) -> None:
    # Divergence corrigée : le décompte rappelait L121-2 pour tout débiteur non professionnel
    # (une association, ou le locataire d'un bailleur particulier) ; la recevabilité, pour un
    # consommateur face à un professionnel seulement (C. consom. article liminaire, L121-2).
    dossier = _prescrite(creancier, debiteur)
    au = dt.date(2026, 4, 2)
    options = OptionsDecompte(factures_prescrites="inclure")
    decompte = etablir_decompte(dossier, au=au, options=options)
    recevabilite = verifier_recevabilite(dossier, au=au)
    assert est_relation_de_consommation(dossier.creancier, dossier.debiteur) is rappel
    assert ("C. consom. L121-2" in decompte.fondements) is rappel
    assert any("L121-2" in a for a in decompte.avertissements) is rappel
    prescription = next(c for c in recevabilite.constats if c.condition == "prescription")
    assert ("C. consom. L121-2" in prescription.fondements) is rappel
