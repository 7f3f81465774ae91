"""Modèles du domaine : parties, qualités, créances, événements, dossier.

Figés, champs inconnus refusés, chaînes nettoyées, aller-retour JSON exact, ``float`` refusé avec un
message qui dit quoi faire, erreurs françaises qui nomment le champ.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from contentieux.exemples import dossier_exemple, noms_exemples
from contentieux.modeles import (
    Adresse,
    ClausePenale,
    Constat,
    Contestation,
    Creance,
    DemandeEnJustice,
    Dossier,
    Facture,
    IssueDemande,
    Jugement,
    Mediation,
    MesureExecution,
    MiseEnDemeure,
    MoyenNotification,
    NatureCreance,
    NatureMandataire,
    NatureMediation,
    NatureProcedureCollective,
    OrigineCreance,
    Paiement,
    PersonneMorale,
    PersonnePhysique,
    Piece,
    PlanApurement,
    ProcedureCollective,
    Qualite,
    ReconnaissanceDette,
    StatutFactureElectronique,
    TypePiece,
    departement_depuis_code_postal,
)
from contentieux.modeles.base import MESSAGE_FLOAT

# --- Données de base ----------------------------------------------------------------------------

ADRESSE = {"ligne1": "12 rue des Tanneurs", "code_postal": "75011", "ville": "Paris"}
SOCIETE = {
    "type": "personne_morale",
    "denomination": "Ateliers Durand",
    "forme_juridique": "SARL",
    "siren": "812345676",
    "siege": ADRESSE,
}
PARTICULIER = {
    "type": "personne_physique",
    "nom": "Roux",
    "prenoms": "Thomas",
    "adresse": {"ligne1": "17 cours Victor-Hugo", "code_postal": "33000", "ville": "Bordeaux"},
}
FACTURE = {
    "numero": "F1",
    "date_emission": "2025-01-10",
    "date_echeance": "2025-02-09",
    "montant_ttc": "1200.00",
}
CREANCE = {"reference": "C1", "nature": "vente_biens", "factures": [FACTURE]}


def dossier(**modifs: Any) -> dict[str, Any]:
    """Un dossier minimal valide (données brutes), avec les champs remplacés."""
    donnees: dict[str, Any] = {
        "reference": "D1",
        "creancier": SOCIETE,
        "debiteurs": [PARTICULIER],
        "creances": [CREANCE],
    }
    donnees.update(modifs)
    return donnees


def erreurs(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[tuple[Any, ...], str, str]]:
    return [(tuple(e["loc"]), e["type"], e["msg"]) for e in exc.value.errors()]


def un_message(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    (erreur,) = exc.value.errors()
    return str(erreur["msg"])


# --- Adresse et département -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code_postal", "departement"),
    [
        ("75008", "75"),
        ("01000", "01"),
        ("13001", "13"),
        ("20000", "2A"),  # Ajaccio
        ("20090", "2A"),
        ("20167", "2A"),
        ("20200", "2B"),  # Bastia
        ("20600", "2B"),
        ("20220", "2B"),  # L'Île-Rousse
        ("97110", "971"),  # Guadeloupe
        ("97200", "972"),  # Martinique
        ("97300", "973"),  # Guyane
        ("97400", "974"),  # La Réunion
        ("97600", "976"),  # Mayotte
        ("57000", "57"),
        ("67000", "67"),
        ("68100", "68"),
    ],
)
def test_departement_depuis_code_postal(code_postal: str, departement: str) -> None:
    assert departement_depuis_code_postal(code_postal) == departement
    assert Adresse(ligne1="x", code_postal=code_postal, ville="V").departement == departement


@pytest.mark.parametrize(
    ("code_postal", "alsace_moselle"),
    [("57050", True), ("67000", True), ("68200", True), ("75011", False), ("54000", False),
     ("88000", False), ("97400", False)],
)
def test_drapeau_alsace_moselle(code_postal: str, alsace_moselle: bool) -> None:
    assert Adresse(ligne1="x", code_postal=code_postal, ville="V").est_alsace_moselle is (
        alsace_moselle
    )


@pytest.mark.parametrize("code_postal", ["7501", "750111", "75O11", "", "ABCDE"])
def test_code_postal_invalide_refuse_en_francais(code_postal: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Adresse(ligne1="x", code_postal=code_postal, ville="V")
    ((loc, _, message),) = erreurs(exc)
    assert loc == ("code_postal",)
    assert "cinq chiffres" in message


def test_code_postal_avec_espace_et_lignes_d_adresse() -> None:
    adresse = Adresse(ligne1=" 5 rue X ", ligne2="Bât. B", code_postal=" 75 011 ", ville="Paris")
    assert adresse.code_postal == "75011"
    assert adresse.ligne1 == "5 rue X"
    assert adresse.en_lignes() == ("5 rue X", "Bât. B", "75011 Paris")
    assert adresse.pays == "FR"


def test_code_postal_numerique_refuse() -> None:
    """Un code postal donné comme entier perdrait son zéro initial (01000 → 1000)."""
    with pytest.raises(ValidationError):
        Adresse.model_validate({"ligne1": "x", "code_postal": 1000, "ville": "Bourg"})


def test_pays_inconnu_refuse_avec_son_chemin() -> None:
    with pytest.raises(ValidationError) as exc:
        Adresse(ligne1="x", code_postal="75011", ville="Paris", pays="Belgique")
    ((loc, _, message),) = erreurs(exc)
    assert loc == ("pays",)
    assert "ISO 3166-1" in message


@pytest.mark.parametrize("code_postal", ["99999", "00100", "96100", "97000", "97700", "98100"])
def test_code_postal_francais_inexistant_refuse(code_postal: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Adresse(ligne1="x", code_postal=code_postal, ville="V")
    ((loc, _, message),) = erreurs(exc)
    assert loc == ("code_postal",)
    assert "inexistant en France" in message


def test_code_postal_inexistant_nomme_son_chemin_dans_le_dossier() -> None:
    from contentieux.erreurs import DonneesInvalides
    from contentieux.lecture import valider_dossier

    donnees = dossier()
    donnees["creancier"] = {**SOCIETE, "siege": {**ADRESSE, "code_postal": "99999"}}
    with pytest.raises(DonneesInvalides) as exc:
        valider_dossier(donnees)
    assert any(e.champ == "creancier.siege.code_postal" for e in exc.value.erreurs)


def test_monaco_exige_son_pays() -> None:
    with pytest.raises(ValidationError) as exc:
        Adresse(ligne1="1 bd Albert-Ier", code_postal="98000", ville="Monaco")
    ((loc, _, message),) = erreurs(exc)
    assert loc == ("code_postal",)
    assert "pays: MC" in message
    monaco = Adresse(ligne1="1 bd Albert-Ier", code_postal="98000", ville="Monaco", pays="mc")
    assert monaco.pays == "MC"
    assert monaco.departement is None
    assert not monaco.est_alsace_moselle
    assert monaco.en_lignes()[-1] == "MONACO"


def test_adresse_etrangere_garde_son_code_postal() -> None:
    bruxelles = Adresse(ligne1="Rue Haute 1", code_postal="1000", ville="Bruxelles", pays="BE")
    assert (bruxelles.code_postal, bruxelles.departement) == ("1000", None)
    londres = Adresse(ligne1="10 Downing St", code_postal="SW1A 2AA", ville="London", pays="GB")
    assert londres.code_postal == "SW1A 2AA"
    with pytest.raises(ValidationError) as exc:
        Adresse(ligne1="x", code_postal="<script>", ville="V", pays="DE")
    assert erreurs(exc)[0][0] == ("code_postal",)


@pytest.mark.parametrize(
    ("code_postal", "departement"),
    [
        ("01000", "01"), ("20000", "2A"), ("20199", "2A"), ("20200", "2B"), ("20620", "2B"),
        ("95000", "95"), ("97110", "971"), ("97133", "977"), ("97150", "978"), ("97200", "972"),
        ("97300", "973"), ("97400", "974"), ("97500", "975"), ("97600", "976"), ("98600", "986"),
        ("98700", "987"), ("98800", "988"),
    ],
)
def test_departements_et_collectivites(code_postal: str, departement: str) -> None:
    adresse = Adresse(ligne1="x", code_postal=code_postal, ville="V")
    assert adresse.departement == departement


def test_ancien_pays_france_en_toutes_lettres_accepte() -> None:
    assert Adresse(ligne1="x", code_postal="75011", ville="Paris", pays="France").pays == "FR"


# --- Parties --------------------------------------------------------------------------------------


def test_personne_physique_complete() -> None:
    p = PersonnePhysique.model_validate(
        {
            **PARTICULIER,
            "civilite": "M.",
            "date_naissance": "1980-05-17",
            "lieu_naissance": "Lyon",
            "nationalite": "française",
            "profession": "Enseignant",
        }
    )
    assert p.nom_complet == "M. Thomas Roux"
    assert p.date_naissance == dt.date(1980, 5, 17)
    assert p.adresse_principale.ville == "Bordeaux"
    assert p.qualite is Qualite.CONSOMMATEUR  # par défaut
    assert p.type == "personne_physique"


def test_personne_physique_sans_civilite() -> None:
    p = PersonnePhysique.model_validate(PARTICULIER)
    assert p.nom_complet == "Thomas Roux"


def test_personne_morale_complete() -> None:
    p = PersonneMorale.model_validate(
        {
            **SOCIETE,
            "siret": "81234567600017",
            "rcs": "Paris",
            "representant": {"nom": "Claire Durand", "fonction": "Gérante"},
            "qualite": "commercant",
        }
    )
    assert p.nom_complet == "Ateliers Durand (SARL)"
    assert p.adresse_principale.code_postal == "75011"
    assert p.numero_siren == "812345676"
    assert p.representant is not None and p.representant.fonction == "Gérante"
    assert p.qualite is Qualite.COMMERCANT
    assert p.est_particulier is False


def test_personne_morale_qualite_par_defaut_et_nom_sans_forme() -> None:
    p = PersonneMorale.model_validate({**SOCIETE, "forme_juridique": None})
    assert p.qualite is Qualite.PROFESSIONNEL
    assert p.nom_complet == "Ateliers Durand"


def test_siren_et_siret_compactes() -> None:
    p = PersonneMorale.model_validate(
        {**SOCIETE, "siren": "812 345 676", "siret": "812 345 676 00017"}
    )
    assert p.siren == "812345676"
    assert p.siret == "81234567600017"


def test_siren_deduit_du_siret() -> None:
    p = PersonneMorale.model_validate({**SOCIETE, "siren": None, "siret": "89012345800014"})
    assert p.numero_siren == "890123458"


@pytest.mark.parametrize(
    ("champ", "valeur", "raison"),
    [
        ("siren", "812345677", "clé de contrôle fausse"),
        ("siren", "81234567", "mauvaise longueur"),
        ("siren", "81234567A", "caractères non numériques"),
        ("siret", "89012345800015", "clé de contrôle fausse"),
        ("siret", "8901234580001", "mauvaise longueur"),
    ],
)
def test_siren_siret_invalides_refuses_en_francais(champ: str, valeur: str, raison: str) -> None:
    donnees = {**SOCIETE, "siren": None, champ: valeur}
    with pytest.raises(ValidationError) as exc:
        PersonneMorale.model_validate(donnees)
    ((loc, type_, message),) = erreurs(exc)
    assert loc == (champ,)
    assert type_ == "value_error"
    assert champ.upper() in message and valeur in message
    assert raison in message
    assert "recopiez-le" in message  # le remède


def test_siret_incoherent_avec_le_siren() -> None:
    with pytest.raises(ValidationError) as exc:
        PersonneMorale.model_validate({**SOCIETE, "siret": "89012345800014"})
    message = un_message(exc)
    assert message.startswith("Value error, siret :")
    assert "ne commence pas par le SIREN" in message


def test_personne_morale_jamais_consommateur() -> None:
    with pytest.raises(ValidationError) as exc:
        PersonneMorale.model_validate({**SOCIETE, "qualite": "consommateur"})
    assert "non_professionnel" in un_message(exc)
    # « non professionnel » est possible pour une personne morale (association, SCI…).
    assert PersonneMorale.model_validate({**SOCIETE, "qualite": "non_professionnel"})


def test_personne_physique_jamais_acheteur_public() -> None:
    with pytest.raises(ValidationError) as exc:
        PersonnePhysique.model_validate({**PARTICULIER, "qualite": "acheteur_public"})
    assert "personne morale" in un_message(exc)


def test_qualites() -> None:
    assert {q.value for q in Qualite} == {
        "consommateur",
        "non_professionnel",
        "professionnel",
        "commercant",
        "artisan",
        "acheteur_public",
    }


@pytest.mark.parametrize(
    ("qualite", "besoins_pro", "particulier"),
    [
        # Déduit de la qualité : consommateur ou non professionnel → catégorie « particuliers ».
        ("consommateur", None, True),
        ("non_professionnel", None, True),
        ("professionnel", None, False),
        ("commercant", None, False),
        # Indiqué explicitement : l'indication l'emporte (ex. un artisan qui loue son logement).
        ("professionnel", False, True),
        ("commercant", False, True),
        ("non_professionnel", True, False),
    ],
)
def test_categorie_du_taux_legal_pour_le_creancier_personne_physique(
    qualite: str, besoins_pro: bool | None, particulier: bool
) -> None:
    """CMF L313-2 : taux « particuliers » pour la personne physique hors besoins professionnels."""
    p = PersonnePhysique.model_validate(
        {**PARTICULIER, "qualite": qualite, "agit_pour_besoins_professionnels": besoins_pro}
    )
    assert p.est_particulier is particulier


@pytest.mark.parametrize("qualite", ["professionnel", "commercant", "non_professionnel",
                                     "acheteur_public"])
def test_personne_morale_toujours_autres_cas(qualite: str) -> None:
    p = PersonneMorale.model_validate({**SOCIETE, "qualite": qualite})
    assert p.est_particulier is False


def test_personne_morale_n_a_pas_de_champ_besoins_professionnels() -> None:
    with pytest.raises(ValidationError) as exc:
        PersonneMorale.model_validate({**SOCIETE, "agit_pour_besoins_professionnels": False})
    assert erreurs(exc)[0][1] == "extra_forbidden"


def test_partie_reconnue_par_son_type() -> None:
    d = Dossier.model_validate(dossier())
    assert isinstance(d.creancier, PersonneMorale)
    assert isinstance(d.debiteur, PersonnePhysique)
    with pytest.raises(ValidationError) as exc:
        Dossier.model_validate(dossier(creancier={**SOCIETE, "type": "societe"}))
    assert erreurs(exc)[0][1] == "union_tag_invalid"
    sans_type = {k: v for k, v in SOCIETE.items() if k != "type"}
    with pytest.raises(ValidationError) as exc:
        Dossier.model_validate(dossier(creancier=sans_type))
    assert erreurs(exc)[0][1] == "union_tag_not_found"


def test_mandataire() -> None:
    mandataire = {
        "nature": "commissaire_de_justice",
        "identite": {**SOCIETE, "denomination": "Étude Martin"},
        "reference_mandat": "M-2025-07",
        "date_mandat": "2025-07-01",
    }
    d = Dossier.model_validate(dossier(mandataire=mandataire))
    assert d.mandataire is not None
    assert d.mandataire.nature is NatureMandataire.COMMISSAIRE_DE_JUSTICE
    assert d.mandataire.identite.nom_complet == "Étude Martin (SARL)"
    assert {n.value for n in NatureMandataire} == {
        "agence_recouvrement",
        "commissaire_de_justice",
        "avocat",
    }


# --- Créances -------------------------------------------------------------------------------------


def test_facture() -> None:
    f = Facture.model_validate(
        {**FACTURE, "date_execution": "2025-01-08", "statut_facture_electronique": "en_litige"}
    )
    assert f.montant_ttc == Decimal("1200.00")
    assert f.date_execution == dt.date(2025, 1, 8)
    assert f.statut_facture_electronique is StatutFactureElectronique.EN_LITIGE
    assert f.est_echeance is False


def test_echeance() -> None:
    f = Facture.model_validate({**FACTURE, "est_echeance": True, "libelle": "Loyer de mars"})
    assert f.est_echeance and f.libelle == "Loyer de mars"


def test_facture_echue_avant_emission_refusee() -> None:
    with pytest.raises(ValidationError) as exc:
        Facture.model_validate({**FACTURE, "date_echeance": "2025-01-01"})
    message = un_message(exc)
    assert "date_echeance :" in message and "corrigez" in message


@pytest.mark.parametrize("montant", ["1200", "1200.5", "1200.50", "0.01", 1200, Decimal("9.99")])
def test_montants_acceptes(montant: Any) -> None:
    f = Facture.model_validate({**FACTURE, "montant_ttc": montant})
    assert isinstance(f.montant_ttc, Decimal)
    assert f.montant_ttc == Decimal(str(montant))


@pytest.mark.parametrize(
    ("montant", "type_erreur"),
    [
        ("0", "greater_than"),
        ("0.00", "greater_than"),
        ("-5", "greater_than"),
        ("12.345", "decimal_max_places"),
        (Decimal("0.001"), "decimal_max_places"),
        ("douze", "decimal_parsing"),
        ("1234,56", "decimal_parsing"),
        ("NaN", "finite_number"),
        ("Infinity", "finite_number"),
        (True, "decimal_type"),
    ],
)
def test_montants_refuses(montant: Any, type_erreur: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Facture.model_validate({**FACTURE, "montant_ttc": montant})
    ((loc, type_, _),) = erreurs(exc)
    assert loc == ("montant_ttc",)
    assert type_ == type_erreur


def test_montant_avec_espaces_de_milliers() -> None:
    f = Facture.model_validate({**FACTURE, "montant_ttc": " 1 234.56 "})
    assert f.montant_ttc == Decimal("1234.56")
    f = Facture.model_validate({**FACTURE, "montant_ttc": "1\u202f234.56"})
    assert f.montant_ttc == Decimal("1234.56")


def test_creance_complete() -> None:
    c = Creance.model_validate(
        {
            **CREANCE,
            "origine": "statutaire",
            "description": "Fournitures",
            "factures": [FACTURE, {**FACTURE, "numero": "F2", "montant_ttc": "300.55"}],
            "taux_contractuel": "12.15",
            "clause_penale": {"pourcentage": "10"},
            "capitalisation_stipulee": True,
            "mise_en_demeure_par_echeance": True,
            "clause_decheance_terme": True,
            "date_decheance_terme": "2025-03-01",
            "pieces": [
                {"type": "contrat", "reference": "Contrat 2024", "date": "2024-12-01",
                 "signee_par_debiteur": True},
                {"type": "accuse_reception", "reference": "AR 1A 234"},
            ],
            "contestation": {"date": "2025-03-05", "motif": "Livraison incomplète"},
        }
    )
    assert c.principal == Decimal("1500.55")  # 1 200,00 + 300,55
    assert c.devise == "EUR"
    assert c.origine is OrigineCreance.STATUTAIRE
    assert c.taux_contractuel == Decimal("12.15")
    assert c.clause_penale == ClausePenale(pourcentage=Decimal("10"))
    assert c.pieces[0].type is TypePiece.CONTRAT and c.pieces[0].signee_par_debiteur
    assert c.pieces[1].signee_par_debiteur is False
    assert c.contestation == Contestation(
        date=dt.date(2025, 3, 5), motif="Livraison incomplète"
    )
    assert c.contestation.serieuse is None  # inconnue par défaut
    assert c.regime_interets == "automatique"


def test_valeurs_par_defaut_d_une_creance() -> None:
    c = Creance.model_validate(CREANCE)
    assert c.origine is OrigineCreance.CONTRACTUELLE
    assert c.taux_contractuel is None and c.clause_penale is None and c.contestation is None
    assert c.capitalisation_stipulee is False
    assert c.pieces == ()


def test_natures_et_types_de_pieces() -> None:
    natures = {n.value for n in NatureCreance}
    assert {
        "vente_biens",
        "prestation_services",
        "loyer_habitation",
        "transport",
        "credit_consommation",
        "charges_copropriete",
        "autre",
    } <= natures
    assert {o.value for o in OrigineCreance} == {"contractuelle", "statutaire", "autre"}
    types = {t.value for t in TypePiece}
    assert {
        "contrat",
        "bon_de_commande_signe",
        "devis_accepte",
        "bon_de_livraison",
        "facture",
        "releve_de_compte",
        "courrier",
        "accuse_reception",
    } <= types


def test_piece_sans_reference_refusee() -> None:
    with pytest.raises(ValidationError):
        Piece.model_validate({"type": "facture", "reference": "  "})


def test_euros_seulement() -> None:
    with pytest.raises(ValidationError) as exc:
        Creance.model_validate({**CREANCE, "devise": "USD"})
    ((loc, type_, _),) = erreurs(exc)
    assert (loc, type_) == (("devise",), "literal_error")
    assert Creance.model_validate({**CREANCE, "devise": "EUR"}).devise == "EUR"


def test_creance_sans_facture_refusee() -> None:
    with pytest.raises(ValidationError) as exc:
        Creance.model_validate({**CREANCE, "factures": []})
    assert erreurs(exc)[0][:2] == (("factures",), "too_short")


def test_numeros_de_facture_en_double() -> None:
    with pytest.raises(ValidationError) as exc:
        Creance.model_validate({**CREANCE, "factures": [FACTURE, FACTURE]})
    message = un_message(exc)
    assert "factures :" in message and "F1" in message and "unique" in message


def test_decheance_sans_clause_refusee() -> None:
    with pytest.raises(ValidationError) as exc:
        Creance.model_validate({**CREANCE, "date_decheance_terme": "2025-03-01"})
    assert "clause_decheance_terme" in un_message(exc)


@pytest.mark.parametrize(
    "clause",
    [{}, {"montant": "500", "pourcentage": "10"}],
)
def test_clause_penale_montant_ou_pourcentage(clause: dict[str, str]) -> None:
    with pytest.raises(ValidationError) as exc:
        ClausePenale.model_validate(clause)
    assert "un seul des deux" in un_message(exc)
    assert ClausePenale(montant=Decimal("500")).montant == Decimal("500")


@pytest.mark.parametrize("taux", ["-1", "100.01"])
def test_taux_hors_bornes(taux: str) -> None:
    with pytest.raises(ValidationError):
        Creance.model_validate({**CREANCE, "taux_contractuel": taux})


@pytest.mark.parametrize(
    "regime", ["automatique", "taux_legal", "penalites_b2b", "commande_publique", "aucun"]
)
def test_regimes_d_interets(regime: str) -> None:
    assert Creance.model_validate({**CREANCE, "regime_interets": regime}).regime_interets == regime


# --- Événements -----------------------------------------------------------------------------------

EVENEMENTS: list[tuple[type[BaseModel], dict[str, Any]]] = [
    (Paiement, {"type": "paiement", "date": "2025-03-01", "montant": "500.00",
                "factures_designees": ["F1"]}),
    (MiseEnDemeure, {"type": "mise_en_demeure", "date_envoi": "2025-04-01",
                     "date_reception": "2025-04-03", "moyen": "lettre_recommandee_ar",
                     "delai_jours": 15}),
    (ReconnaissanceDette, {"type": "reconnaissance_dette", "date": "2025-05-01",
                           "montant": "700.00"}),
    (PlanApurement, {"type": "plan_apurement", "date": "2025-05-02",
                     "date_premiere_echeance": "2025-06-01",
                     "date_derniere_echeance": "2025-11-01", "date_defaillance": "2025-07-01"}),
    (DemandeEnJustice, {"type": "demande_en_justice", "date": "2025-08-01",
                        "nature": "requete_injonction"}),
    (Mediation, {"type": "mediation", "nature": "conciliation", "date_debut": "2025-06-01",
                 "date_fin": "2025-07-01"}),
    (MesureExecution, {"type": "mesure_execution", "date": "2025-10-01",
                       "nature": "saisie-attribution"}),
    (ProcedureCollective, {"type": "procedure_collective", "nature": "redressement_judiciaire",
                           "date_jugement_ouverture": "2025-09-01",
                           "date_publication_bodacc": "2025-09-15"}),
    (Jugement, {"type": "jugement", "date": "2025-09-10",
                "date_caractere_executoire": "2025-10-20", "montant_principal": "1200.00",
                "juridiction": "Tribunal judiciaire de Paris"}),
]


@pytest.mark.parametrize(("classe", "donnees"), EVENEMENTS, ids=[c.__name__ for c, _ in EVENEMENTS])
def test_chaque_evenement_dans_un_dossier(classe: type[BaseModel], donnees: dict[str, Any]) -> None:
    d = Dossier.model_validate(dossier(evenements=[donnees]))
    (ev,) = d.evenements
    assert type(ev) is classe
    assert ev.concerne("C1")  # sans « creances » : toutes les créances
    assert d.evenements_de_type(classe) == [ev]
    assert Dossier.model_validate_json(d.model_dump_json()) == d


def test_evenements_d_un_type_tries_par_date() -> None:
    tardif = {"type": "paiement", "date": "2025-06-01", "montant": "20"}
    d = Dossier.model_validate(
        dossier(evenements=[tardif, *(e for _, e in reversed(EVENEMENTS))])
    )
    assert len(d.evenements) == len(EVENEMENTS) + 1
    paiements = d.evenements_de_type(Paiement)
    assert [p.date for p in paiements] == [dt.date(2025, 3, 1), dt.date(2025, 6, 1)]


def test_details_des_evenements() -> None:
    d = Dossier.model_validate(dossier(evenements=[e for _, e in EVENEMENTS]))
    (med,) = d.evenements_de_type(MiseEnDemeure)
    assert med.moyen is MoyenNotification.LETTRE_RECOMMANDEE_AR
    assert med.date_point_de_depart == dt.date(2025, 4, 3)
    assert med.non_reclamee is False
    (demande,) = d.evenements_de_type(DemandeEnJustice)
    assert demande.issue is IssueDemande.EN_COURS
    (mediation,) = d.evenements_de_type(Mediation)
    assert mediation.nature is NatureMediation.CONCILIATION
    (pc,) = d.evenements_de_type(ProcedureCollective)
    assert pc.nature is NatureProcedureCollective.REDRESSEMENT_JUDICIAIRE
    (jugement,) = d.evenements_de_type(Jugement)
    assert jugement.date_caractere_executoire == dt.date(2025, 10, 20)
    assert jugement.montant_principal == Decimal("1200.00")


def test_mise_en_demeure_date_d_effet() -> None:
    med = MiseEnDemeure(
        date_envoi=dt.date(2025, 4, 1),
        date_reception=dt.date(2025, 4, 3),
        date_effet=dt.date(2025, 4, 5),
        moyen=MoyenNotification.ACTE_COMMISSAIRE_DE_JUSTICE,
    )
    assert med.date_point_de_depart == dt.date(2025, 4, 5)
    sans_reception = MiseEnDemeure(
        date_envoi=dt.date(2025, 4, 1), moyen=MoyenNotification.COURRIEL_AVEC_PREUVE
    )
    assert sans_reception.date_point_de_depart is None
    assert {m.value for m in MoyenNotification} >= {
        "lettre_recommandee_ar",
        "acte_commissaire_de_justice",
        "courriel_avec_preuve",
    }


@pytest.mark.parametrize(
    ("donnees", "champ"),
    [
        ({"type": "mise_en_demeure", "date_envoi": "2025-04-03", "date_reception": "2025-04-01",
          "moyen": "lettre_simple"}, "date_reception"),
        ({"type": "plan_apurement", "date": "2025-05-02", "date_premiere_echeance": "2025-06-01",
          "date_derniere_echeance": "2025-05-01"}, "date_derniere_echeance"),
        ({"type": "mediation", "date_debut": "2025-06-01", "date_fin": "2025-05-01"}, "date_fin"),
    ],
)
def test_dates_incoherentes_d_un_evenement(donnees: dict[str, Any], champ: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Dossier.model_validate(dossier(evenements=[donnees]))
    assert un_message(exc).startswith(f"Value error, {champ} :")


def test_delai_de_mise_en_demeure_positif() -> None:
    with pytest.raises(ValidationError):
        MiseEnDemeure(
            date_envoi=dt.date(2025, 4, 1), moyen=MoyenNotification.COURRIEL, delai_jours=0
        )


def test_type_d_evenement_inconnu() -> None:
    with pytest.raises(ValidationError) as exc:
        Dossier.model_validate(dossier(evenements=[{"type": "relance", "date": "2025-01-01"}]))
    assert erreurs(exc)[0][1] == "union_tag_invalid"


# --- Dossier : références croisées ----------------------------------------------------------------


def test_evenement_restreint_a_une_creance() -> None:
    c2 = {**CREANCE, "reference": "C2", "factures": [{**FACTURE, "numero": "G1"}]}
    d = Dossier.model_validate(
        dossier(
            creances=[CREANCE, c2],
            evenements=[{"type": "paiement", "date": "2025-03-01", "montant": "10",
                         "creances": ["C2"], "factures_designees": ["G1"]}],
        )
    )
    (p,) = d.evenements
    assert p.concerne("C2") and not p.concerne("C1")
    assert d.evenements_de_type(Paiement, "C1") == []
    assert d.evenements_de_type(Paiement, "C2") == [p]
    assert d.creance("C2").factures[0].numero == "G1"
    assert [(c.reference, f.numero) for c, f in d.factures()] == [("C1", "F1"), ("C2", "G1")]
    with pytest.raises(KeyError):
        d.creance("C3")


def test_references_de_creance_en_double() -> None:
    with pytest.raises(ValidationError) as exc:
        Dossier.model_validate(dossier(creances=[CREANCE, CREANCE]))
    message = un_message(exc)
    assert "creances :" in message and "C1" in message and "unique" in message


def test_evenement_sur_creance_inconnue() -> None:
    with pytest.raises(ValidationError) as exc:
        Dossier.model_validate(
            dossier(evenements=[{"type": "paiement", "date": "2025-03-01", "montant": "10",
                                 "creances": ["C9"]}])
        )
    message = un_message(exc)
    assert "evenements[0].creances :" in message
    assert "C9" in message and "références connues : C1" in message


def test_paiement_designant_une_facture_inconnue() -> None:
    with pytest.raises(ValidationError) as exc:
        Dossier.model_validate(
            dossier(evenements=[{"type": "paiement", "date": "2025-03-01", "montant": "10",
                                 "factures_designees": ["F9"]}])
        )
    message = un_message(exc)
    assert "evenements[0].factures_designees :" in message
    assert "F9" in message and "numéros connus : F1" in message


def test_dossier_sans_debiteur_ou_sans_creance() -> None:
    for champ in ("debiteurs", "creances"):
        with pytest.raises(ValidationError) as exc:
            Dossier.model_validate(dossier(**{champ: []}))
        assert erreurs(exc)[0][:2] == ((champ,), "too_short")


def test_plusieurs_debiteurs() -> None:
    autre = {**PARTICULIER, "prenoms": "Anne"}
    d = Dossier.model_validate(dossier(debiteurs=[PARTICULIER, autre]))
    assert d.debiteur.nom_complet == "Thomas Roux"
    assert len(d.debiteurs) == 2


# --- Figés, champs inconnus, chaînes nettoyées --------------------------------------------------


def test_modeles_figes() -> None:
    d = Dossier.model_validate(dossier())
    with pytest.raises(ValidationError) as exc:
        d.reference = "autre"  # type: ignore[misc]
    assert erreurs(exc)[0][1] == "frozen_instance"
    with pytest.raises(ValidationError):
        d.creances[0].factures[0].montant_ttc = Decimal("1")  # type: ignore[misc]
    with pytest.raises(ValidationError):
        d.creancier.adresse_principale.ville = "Lyon"  # type: ignore[misc]
    assert isinstance(d.creances, tuple)  # collections immuables aussi
    assert hash(d.creances[0].factures[0])  # figé donc hachable


@pytest.mark.parametrize(
    ("classe", "donnees"),
    [
        (Adresse, {**ADRESSE, "pays_code": "FR"}),
        (PersonneMorale, {**SOCIETE, "capital": "10000"}),
        (PersonnePhysique, {**PARTICULIER, "age": 40}),
        (Facture, {**FACTURE, "tva": "200"}),
        (Creance, {**CREANCE, "interets": "5"}),
        (Paiement, {"date": "2025-01-01", "montant": "1", "mode": "virement"}),
        (Dossier, dossier(commentaire="x")),
    ],
)
def test_champs_inconnus_refuses(classe: type[BaseModel], donnees: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as exc:
        classe.model_validate(donnees)
    assert [t for _, t, _ in erreurs(exc)] == ["extra_forbidden"]


def test_chaines_nettoyees() -> None:
    d = Dossier.model_validate(
        dossier(
            reference="  D1 \n",
            creancier={**SOCIETE, "denomination": "\tAteliers Durand  "},
            creances=[
                {**CREANCE, "reference": " C1 ", "factures": [{**FACTURE, "numero": " F1 "}]}
            ],
            evenements=[{"type": "paiement", "date": "2025-03-01", "montant": "10",
                         "creances": [" C1"], "factures_designees": ["F1 "]}],
        )
    )
    assert d.reference == "D1"
    assert d.creancier.nom_complet == "Ateliers Durand (SARL)"
    assert d.creances[0].reference == "C1"
    assert d.creances[0].factures[0].numero == "F1"
    assert d.evenements[0].creances == ("C1",)


def test_chaine_vide_apres_nettoyage_refusee() -> None:
    with pytest.raises(ValidationError) as exc:
        Dossier.model_validate(dossier(reference="   "))
    assert erreurs(exc)[0][:2] == (("reference",), "string_too_short")


# --- Le float est refusé partout, avec un message qui dit quoi faire ------------------------------

CHAMPS_MONETAIRES: list[tuple[str, Any]] = [
    # (nom lisible, fonction qui construit le modèle avec la valeur donnée)
    ("Facture.montant_ttc (MontantStrict)",
     lambda v: Facture.model_validate({**FACTURE, "montant_ttc": v})),
    ("Paiement.montant (MontantStrict)",
     lambda v: Paiement.model_validate({"date": "2025-01-01", "montant": v})),
    ("ClausePenale.montant (Montant)", lambda v: ClausePenale.model_validate({"montant": v})),
    ("ClausePenale.pourcentage (Taux)",
     lambda v: ClausePenale.model_validate({"pourcentage": v})),
    ("Creance.taux_contractuel (Taux)",
     lambda v: Creance.model_validate({**CREANCE, "taux_contractuel": v})),
    ("ReconnaissanceDette.montant (Montant)",
     lambda v: ReconnaissanceDette.model_validate({"date": "2025-01-01", "montant": v})),
    ("Jugement.montant_principal (Montant)",
     lambda v: Jugement.model_validate({"date": "2025-01-01", "montant_principal": v})),
]


@pytest.mark.parametrize(("nom", "construire"), CHAMPS_MONETAIRES, ids=[n for n, _ in
                                                                      CHAMPS_MONETAIRES])
def test_float_refuse_avec_un_message_qui_dit_quoi_faire(nom: str, construire: Any) -> None:
    for valeur in (12.5, 10.0):
        with pytest.raises(ValidationError) as exc:
            construire(valeur)
        ((loc, type_, message),) = erreurs(exc)
        assert loc[-1] == nom.split(".")[1].split(" ")[0]
        assert type_ == "value_error"
        assert MESSAGE_FLOAT in message
        assert "texte" in message and "Decimal" in message
    # Le même nombre écrit en texte, en Decimal ou en entier est accepté.
    for valeur in ("12.5", Decimal("12.5"), 12):
        construire(valeur)


def test_float_refuse_aussi_depuis_json() -> None:
    """Un nombre JSON à virgule passé à ``model_validate_json`` est un float : refusé aussi."""
    texte = json.dumps({**FACTURE, "montant_ttc": 12.5})
    with pytest.raises(ValidationError) as exc:
        Facture.model_validate_json(texte)
    assert MESSAGE_FLOAT in un_message(exc)
    entier = json.dumps({**FACTURE, "montant_ttc": 12})
    assert Facture.model_validate_json(entier).montant_ttc == Decimal("12")


# --- Aller-retour JSON ----------------------------------------------------------------------------


@pytest.mark.parametrize("nom", noms_exemples())
def test_aller_retour_json_de_chaque_exemple(nom: str) -> None:
    d = dossier_exemple(nom)
    texte = d.model_dump_json()
    assert Dossier.model_validate_json(texte) == d
    # Les montants voyagent en texte : aucune perte possible.
    donnees = json.loads(texte)
    assert isinstance(donnees["creances"][0]["factures"][0]["montant_ttc"], str)
    # Et l'aller-retour par dictionnaire Python (mode="json") aussi.
    assert Dossier.model_validate(d.model_dump(mode="json")) == d
    assert Dossier.model_validate(d.model_dump()) == d


def test_les_exemples_existent() -> None:
    assert set(noms_exemples()) >= {"b2b", "commande_publique", "consommateur", "loyer"}


def test_categorie_des_exemples() -> None:
    assert dossier_exemple("loyer").creancier.est_particulier is True
    assert dossier_exemple("b2b").creancier.est_particulier is False
    assert dossier_exemple("consommateur").debiteur.adresse_principale.est_alsace_moselle
    assert dossier_exemple("commande_publique").debiteur.qualite is Qualite.ACHETEUR_PUBLIC


@given(
    st.decimals(
        min_value=Decimal("0.01"),
        max_value=Decimal("999999999999.99"),
        places=2,
        allow_nan=False,
        allow_infinity=False,
    )
)
def test_tout_montant_au_centime_fait_l_aller_retour_json_exactement(montant: Decimal) -> None:
    f = Facture.model_validate({**FACTURE, "montant_ttc": montant})
    relu = Facture.model_validate_json(f.model_dump_json())
    assert relu == f
    assert relu.montant_ttc == montant
    assert str(relu.montant_ttc) == str(montant)  # même écriture, pas seulement même valeur
    # En texte aussi.
    assert Facture.model_validate({**FACTURE, "montant_ttc": str(montant)}).montant_ttc == montant


@given(
    st.decimals(min_value=Decimal("0.001"), max_value=Decimal("1000000"), places=3).filter(
        lambda d: d != d.quantize(Decimal("0.01"))
    )
)
def test_tout_montant_a_trois_decimales_est_refuse(montant: Decimal) -> None:
    with pytest.raises(ValidationError) as exc:
        Facture.model_validate({**FACTURE, "montant_ttc": montant})
    assert erreurs(exc)[0][1] == "decimal_max_places"


# --- Résultats ------------------------------------------------------------------------------------


def test_constat_a_trois_valeurs() -> None:
    c = Constat(
        condition="certitude",
        intitule="Créance certaine",
        satisfaite=None,
        motif="Aucune pièce signée par le débiteur.",
        fondements=("CPC art. 1405",),
        faits_manquants=("bon de commande signé",),
    )
    assert Constat.model_validate_json(c.model_dump_json()) == c
    assert c.avertissements == ()


def test_un_consommateur_ne_peut_agir_pour_des_besoins_professionnels() -> None:
    from pydantic import ValidationError

    from contentieux.modeles import PersonnePhysique

    with pytest.raises(ValidationError, match="article liminaire"):
        PersonnePhysique.model_validate(
            {
                "type": "personne_physique",
                "nom": "Roux",
                "prenoms": "Thomas",
                "adresse": {"ligne1": "1 rue B", "code_postal": "33000", "ville": "Bordeaux"},
                "qualite": "consommateur",
                "agit_pour_besoins_professionnels": True,
            }
        )


def test_le_schema_json_ne_contient_aucune_ligne_de_doctest() -> None:
    schema = json.dumps(Dossier.model_json_schema(), ensure_ascii=False)
    assert ">>>" not in schema
    assert Dossier.model_json_schema()["description"].startswith("Un dossier de recouvrement")
