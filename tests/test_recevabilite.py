"""Tests unitaires des modules de recevabilité (les scénarios complets sont dans tests/cas/)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from contentieux.droit.exigibilite import date_exigibilite
from contentieux.erreurs import CreanceIrrecevable
from contentieux.exemples import dossier_exemple
from contentieux.modeles.recevabilite import OptionsRecevabilite, Recevabilite
from contentieux.recevabilite import exiger_recevabilite, verifier_recevabilite
from contentieux.recevabilite.certitude import verifier_certitude
from contentieux.recevabilite.delais_paiement import fin_de_mois, verifier_delais_paiement
from contentieux.recevabilite.exigibilite import verifier_exigibilite
from contentieux.recevabilite.injonction import verifier_injonction
from contentieux.recevabilite.juridiction import (
    chercher_dans_annuaire,
    commune_siege,
    determiner_juridiction,
)
from contentieux.recevabilite.liquidite import verifier_liquidite
from contentieux.recevabilite.mise_en_demeure import verifier_mise_en_demeure
from contentieux.recevabilite.prescription import analyser_prescription, determiner_regime
from contentieux.recevabilite.procedure_collective import verifier_procedure_collective
from contentieux.regles import charger_regles

AU = dt.date(2026, 6, 30)
REGLES = charger_regles()


def test_certitude_liquidite_exigibilite_sur_l_exemple_b2b() -> None:
    d = dossier_exemple("b2b")
    assert verifier_certitude(d, au=AU).satisfaite is True
    assert verifier_liquidite(d, au=AU).satisfaite is True
    assert verifier_exigibilite(d, au=AU).satisfaite is True
    assert verifier_injonction(d, au=AU).satisfaite is True
    assert verifier_procedure_collective(d, au=AU, regles=REGLES).satisfaite is True
    assert verifier_delais_paiement(d, au=AU, regles=REGLES).satisfaite is True


def test_exigibilite_avant_l_echeance() -> None:
    d = dossier_exemple("b2b")
    constat = verifier_exigibilite(d, au=dt.date(2025, 3, 1))
    assert constat.satisfaite is False


def test_date_exigibilite_par_decheance() -> None:
    assert date_exigibilite(dt.date(2027, 1, 1), dt.date(2026, 11, 10)) == dt.date(2026, 11, 10)
    assert date_exigibilite(dt.date(2026, 1, 1), dt.date(2026, 11, 10)) == dt.date(2026, 1, 1)


def test_mise_en_demeure_consommateur() -> None:
    constat = verifier_mise_en_demeure(dossier_exemple("consommateur"), au=AU)
    assert constat.satisfaite is True
    assert any("n'interrompt pas" in a for a in constat.avertissements)


def test_mise_en_demeure_delai_pas_encore_expire() -> None:
    # Reçue le 3 juillet 2025, 15 jours : expire le 18 juillet 2025.
    constat = verifier_mise_en_demeure(dossier_exemple("b2b"), au=dt.date(2025, 7, 10))
    assert constat.satisfaite is False
    assert "18 juillet 2025" in constat.motif


def test_prescription_consommateur_biennale() -> None:
    d = dossier_exemple("consommateur")
    assert determiner_regime(d, d.creances[0], au=AU).identifiant == "consommateur"
    constat, details = analyser_prescription(d, au=AU, regles=REGLES)
    # Fin des travaux le 25 avril 2025, paiement partiel le 15 juin 2025 (2240).
    assert constat.satisfaite is True
    assert details[0].date_prescription == dt.date(2027, 6, 15)
    constat, _ = analyser_prescription(d, au=dt.date(2027, 6, 16), regles=REGLES)
    assert constat.satisfaite is False


def test_juridictions_des_exemples() -> None:
    natures = {
        nom: determiner_juridiction(dossier_exemple(nom), au=AU, regles=REGLES).nature.value
        for nom in ("b2b", "consommateur", "loyer", "commande_publique")
    }
    assert natures == {
        "b2b": "president_tribunal_activites_economiques",
        "consommateur": "president_tribunal_judiciaire",
        "loyer": "juge_contentieux_protection",
        "commande_publique": "juridiction_administrative",
    }


def test_nom_tire_de_l_annuaire_livre() -> None:
    """Loyer d'habitation, locataire à Bordeaux (33000) : la commune est le siège du tribunal
    judiciaire de Bordeaux (COJ tableau IV) ; le juge est celui des contentieux de la protection."""
    j = determiner_juridiction(dossier_exemple("loyer"), au=AU, regles=REGLES)
    assert j.nom == "tribunal judiciaire de Bordeaux"
    assert j.designation == (
        "juge des contentieux de la protection du tribunal judiciaire de Bordeaux"
    )
    assert j.candidats == () and j.a_completer is None
    assert "CPC 1406" in j.regle_territoriale


def test_jamais_de_nom_devine() -> None:
    """Coutras (33230) : la Gironde a deux tribunaux judiciaires et l'annuaire ne transcrit pas
    leur ressort par commune : aucun nom, les deux candidats et ce qu'il faut compléter."""
    dossier = dossier_exemple("loyer")
    debiteur = dossier.debiteur
    adresse = debiteur.adresse_principale.model_copy(
        update={"code_postal": "33230", "ville": "Coutras"}
    )
    dossier = dossier.model_copy(
        update={"debiteurs": (debiteur.model_copy(update={"adresse": adresse}),)}
    )
    j = determiner_juridiction(dossier, au=AU, regles=REGLES)
    assert j.nom is None and j.designation is None
    assert j.candidats == ("tribunal judiciaire de Bordeaux", "tribunal judiciaire de Libourne")
    assert j.a_completer is not None and "actes.juridiction" in j.a_completer
    choisi = determiner_juridiction(
        dossier, au=AU, regles=REGLES, juridiction="Tribunal judiciaire de Libourne"
    )
    assert choisi.nom == "tribunal judiciaire de Libourne"
    refuse = determiner_juridiction(
        dossier, au=AU, regles=REGLES, juridiction="tribunal judiciaire de Lyon"
    )
    assert refuse.nom is None and refuse.a_completer is not None
    assert "n'est pas l'un des tribunaux possibles" in refuse.a_completer


def test_annuaire_par_nature_puis_commune() -> None:
    adresse = dossier_exemple("loyer").debiteur.adresse_principale
    from contentieux.modeles.recevabilite import NatureJuridiction

    jcp = NatureJuridiction.JUGE_CONTENTIEUX_PROTECTION
    annuaire = {
        "juge_contentieux_protection:33000": "JCP de Bordeaux",
        "bordeaux": "TJ de Bordeaux",
    }
    assert chercher_dans_annuaire(annuaire, jcp, adresse) == "JCP de Bordeaux"
    assert chercher_dans_annuaire({"Bordeaux": "TJ"}, jcp, adresse) == "TJ"
    assert chercher_dans_annuaire({}, jcp, adresse) is None


def test_commune_siege() -> None:
    assert commune_siege("PARIS 11E") == "paris"
    assert commune_siege("Le Havre") == "le havre"


def test_fin_de_mois() -> None:
    assert fin_de_mois(dt.date(2024, 2, 10)) == dt.date(2024, 2, 29)


def test_rapport_json_aller_retour() -> None:
    rapport = verifier_recevabilite(dossier_exemple("b2b"), au=AU)
    assert Recevabilite.model_validate_json(rapport.model_dump_json()) == rapport
    assert rapport.regles_version == REGLES.version


def test_exiger_recevabilite() -> None:
    assert exiger_recevabilite(dossier_exemple("b2b"), au=AU).recevable is True
    with pytest.raises(CreanceIrrecevable) as erreur:
        exiger_recevabilite(dossier_exemple("consommateur"), au=dt.date(2028, 1, 1))
    assert erreur.value.recevabilite.recevable is False
    assert "prescri" in erreur.value.message


def test_au_doit_etre_une_date() -> None:
    with pytest.raises(TypeError):
        verifier_recevabilite(dossier_exemple("b2b"), au=dt.datetime(2026, 1, 1))  # type: ignore[arg-type]


def test_paiement_non_designe_impute_sur_la_plus_ancienne_facture_echue() -> None:
    from contentieux.droit.imputation_factures import imputer_paiements
    from contentieux.recevabilite.montant import principal_utile

    d = dossier_exemple("b2b")
    imputations = imputer_paiements(d, au=dt.date(2026, 11, 23))
    parts = {numero: sum(p for _, p in v) for (_, numero), v in imputations.items()}
    assert parts == {"F2025-014": Decimal("3000.00"), "F2025-031": 0, "F2025-052": 0}
    # Factures 4 800,00 + 2 460,00 + 1 320,50 = 8 580,50, moins le paiement de 3 000,00 imputé
    # en entier sur le principal : 5 580,50. (Le décompte, lui, impute d'abord 84,74 de
    # pénalités, C. civ. 1343-1, et garde 5 665,24 de principal : voir test_cli_decompte.)
    assert principal_utile(d, au=dt.date(2026, 11, 23)) == Decimal("5580.50")
    # Au 1er juin 2025, F2025-052 (échue le 4 juin) n'est pas encore exigible :
    # 4 800,00 + 2 460,00 − 3 000,00 = 4 260,00.
    assert principal_utile(d, au=dt.date(2025, 6, 1)) == Decimal("4260.00")


def test_paiement_n_interrompt_que_la_facture_payee() -> None:
    _, details = analyser_prescription(
        dossier_exemple("b2b"), au=dt.date(2026, 11, 23), regles=REGLES
    )
    dates = {f.numero: f.date_prescription for f in details[0].par_facture}
    assert dates == {
        "F2025-014": dt.date(2030, 4, 30),
        "F2025-031": dt.date(2030, 4, 19),
        "F2025-052": dt.date(2030, 6, 4),
    }


def test_marge_prescription_negative_refusee() -> None:
    with pytest.raises(ValueError, match="marge_prescription_jours"):
        verifier_recevabilite(
            dossier_exemple("b2b"), au=AU, options=OptionsRecevabilite(marge_prescription_jours=-1)
        )


def test_delai_butoir_lu_dans_les_regles(tmp_path: Path) -> None:
    """Le délai butoir vient de ``prescription.delai_butoir`` : une surcouche le change."""
    (tmp_path / "prescription.yaml").write_text(
        "delai_butoir:\n  valeurs:\n    2008-06-19: {valeur: 1, reference: c-civ-2232}\n",
        encoding="utf-8",
    )
    from contentieux.regles import charger_regles

    _, details = analyser_prescription(
        dossier_exemple("b2b"), au=AU, regles=charger_regles(tmp_path)
    )
    assert details[0].par_facture[0].date_butoir == dt.date(2026, 3, 12)


def test_annuaire_fourni_garde_la_priorite() -> None:
    """L'annuaire de l'utilisateur (--annuaire) l'emporte sur l'annuaire livré, même contraire."""
    loyer = dossier_exemple("loyer")
    j = determiner_juridiction(
        loyer, au=AU, regles=REGLES, annuaire={"33000": "Tribunal judiciaire de Libourne"}
    )
    assert j.nom == "Tribunal judiciaire de Libourne"
    assert j.designation == (
        "juge des contentieux de la protection du tribunal judiciaire de Libourne"
    )
    assert j.determination == "annuaire fourni (--annuaire)"
