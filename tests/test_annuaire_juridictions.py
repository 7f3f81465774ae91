"""Cohérence de l'annuaire livré (``regles/annuaire/``) et rattachements qu'il établit.

Chaque siège transcrit du tableau IV du COJ et de l'annexe 7-1 du code de commerce doit être une
commune du fichier des codes postaux, dans son département ; chaque ressort de tribunal de commerce
nomme des tribunaux judiciaires de l'annuaire ; la couverture documentée (tribunaux judiciaires sans
tribunal de commerce transcrit) est exactement celle des données.
"""

from __future__ import annotations

import re

import pytest

from contentieux.droit.annuaire import (
    Annuaire,
    charger_annuaire,
    commune_simple,
    de_lieu,
    dossier_annuaire,
    rattacher_tribunal_commerce,
    rattacher_tribunal_judiciaire,
)
from contentieux.modeles.parties import Adresse

ANNUAIRE: Annuaire = charger_annuaire()

# Collectivités absentes du fichier des codes postaux (documenté dans juridictions.yaml).
HORS_FICHIER = {"977", "978"}
# Tribunaux judiciaires qu'aucun tribunal de commerce de l'annexe 7-1 (version 2014) ne couvre,
# hors Alsace-Moselle (chambres commerciales) et outre-mer (tribunaux mixtes) : la liste que
# juridictions.yaml et docs/recevabilite.md publient.
SANS_TRIBUNAL_DE_COMMERCE = {"Moulins", "Rennes", "Roanne"}
# Repris de la version du 28 juin 2013 (lignes absentes de la copie de 2014).
REPRIS_DE_2013 = {"Laval", "Le Mans", "Guéret", "Limoges", "Foix", "Albi", "Castres", "Montauban"}
ALSACE_MOSELLE_OUTRE_MER = {"57", "67", "68", "971", "972", "973", "974", "976"}


def _communes_par_departement() -> dict[str, set[str]]:
    par_dep: dict[str, set[str]] = {}
    for code_postal in ANNUAIRE.communes_par_code_postal:
        for c in ANNUAIRE.communes(code_postal):
            par_dep.setdefault(c.departement, set()).add(commune_simple(c.nom))
    return par_dep


PAR_DEPARTEMENT = _communes_par_departement()


def test_comptes_documentes() -> None:
    """164 tribunaux judiciaires, 125 chambres de proximité, 132 tribunaux de commerce."""
    tjs = ANNUAIRE.tribunaux_judiciaires
    assert len(tjs) == 164
    assert sum(len(t.chambres) for t in tjs) == 125
    assert len(ANNUAIRE.tribunaux_commerce) == 132
    assert {
        tc.siege for tc in ANNUAIRE.tribunaux_commerce if tc.source == "c-com-annexe-7-1-2013"
    } == REPRIS_DE_2013
    assert len({t.siege for t in tjs}) == 164, "siège de tribunal judiciaire en double"


def test_sieges_sont_des_communes_de_leur_departement() -> None:
    manquants = []
    for tj in ANNUAIRE.tribunaux_judiciaires:
        if commune_simple(tj.siege) not in PAR_DEPARTEMENT.get(tj.departement, set()):
            manquants.append(tj.siege)
        for ch in tj.chambres:
            if ch.departement in HORS_FICHIER:
                continue
            nom = commune_simple(ch.commune or ch.siege)
            if nom not in PAR_DEPARTEMENT.get(ch.departement, set()):
                manquants.append(ch.siege)
    for tc in ANNUAIRE.tribunaux_commerce:
        if commune_simple(tc.commune or tc.siege) not in PAR_DEPARTEMENT.get(tc.departement, set()):
            manquants.append(tc.siege)
    assert manquants == []


def test_ressorts_des_tribunaux_de_commerce_nomment_des_tribunaux_judiciaires() -> None:
    sieges = {t.siege for t in ANNUAIRE.tribunaux_judiciaires}
    for tc in ANNUAIRE.tribunaux_commerce:
        assert tc.ressort_tj or tc.ressort_partiel_tj, tc
        assert set(tc.ressort_tj) | set(tc.ressort_partiel_tj) <= sieges, tc
        assert tc.texte.startswith("Ressort"), tc


def test_couverture_des_tribunaux_de_commerce_est_celle_documentee() -> None:
    couverts = {
        s for tc in ANNUAIRE.tribunaux_commerce for s in tc.ressort_tj + tc.ressort_partiel_tj
    }
    sans = {
        t.siege
        for t in ANNUAIRE.tribunaux_judiciaires
        if t.siege not in couverts and t.departement not in ALSACE_MOSELLE_OUTRE_MER
    }
    assert sans == SANS_TRIBUNAL_DE_COMMERCE
    texte = (dossier_annuaire() / "juridictions.yaml").read_text(encoding="utf-8")
    for siege in SANS_TRIBUNAL_DE_COMMERCE:
        assert siege in texte


def test_fichier_des_codes_postaux() -> None:
    lignes = (dossier_annuaire() / "codes_postaux.tsv").read_text(encoding="utf-8").splitlines()
    assert lignes[0].startswith("#") and "Licence Ouverte" in lignes[0]
    for ligne in lignes[1:]:
        code_postal, code_insee, nom = ligne.split("\t")
        assert re.fullmatch(r"\d{5}", code_postal), ligne
        assert re.fullmatch(r"(\d{2}|2[AB])\d{3}", code_insee), ligne
        assert nom.strip() == nom and nom, ligne
    assert len(lignes) - 1 == sum(len(v) for v in ANNUAIRE.communes_par_code_postal.values())


def _adresse(code_postal: str, ville: str) -> Adresse:
    return Adresse(ligne1="1 rue de la Paix", code_postal=code_postal, ville=ville)


@pytest.mark.parametrize(
    ("code_postal", "ville", "tj", "chambre", "tc"),
    [
        # commune siège du tribunal judiciaire et du tribunal de commerce
        ("33000", "Bordeaux", "Bordeaux", None, "Bordeaux"),
        # arrondissement : la commune est Lyon
        ("69002", "Lyon", "Lyon", None, "Lyon"),
        # siège d'une chambre de proximité (tableau IV : Arcachon, chambre du TJ de Bordeaux)
        ("33120", "Arcachon", "Bordeaux", "Arcachon", "Bordeaux"),
        # Hauts-de-Seine : un seul tribunal judiciaire ; chambre de Boulogne-Billancourt
        ("92100", "Boulogne-Billancourt", "Nanterre", "Boulogne-Billancourt", "Nanterre"),
        # chambre située hors du département de son tribunal (Dinan, TJ de Saint-Malo)
        ("22100", "Dinan", "Saint-Malo", "Dinan", "Saint-Malo"),
        # commune nouvelle : Vire Normandie, siège de la chambre de Vire (TJ de Caen)
        ("14500", "Vire Normandie", "Caen", "Vire", "Caen"),
        # ligne reprise de la version 2013 : Le Mans
        ("72000", "Le Mans", "Le Mans", None, "Le Mans"),
    ],
)
def test_rattachements_etablis(
    code_postal: str, ville: str, tj: str, chambre: str | None, tc: str
) -> None:
    adresse = _adresse(code_postal, ville)
    r = rattacher_tribunal_judiciaire(ANNUAIRE, adresse)
    assert r.siege == tj, r
    assert (r.chambre.siege if r.chambre else None) == chambre
    assert rattacher_tribunal_commerce(ANNUAIRE, adresse, r).siege == tc


def test_plusieurs_ressorts_rend_des_candidats_et_aucun_nom() -> None:
    """Coutras (Gironde) : deux tribunaux judiciaires, deux tribunaux de commerce possibles."""
    adresse = _adresse("33230", "Coutras")
    r = rattacher_tribunal_judiciaire(ANNUAIRE, adresse)
    assert r.siege is None
    assert r.candidats == ("tribunal judiciaire de Bordeaux", "tribunal judiciaire de Libourne")
    tc = rattacher_tribunal_commerce(ANNUAIRE, adresse, r)
    assert tc.siege is None and tc.candidats == ("Bordeaux", "Libourne")


def test_sans_donnee_le_dit() -> None:
    """Rennes : aucun tribunal de commerce transcrit pour ce ressort ; le motif le dit."""
    adresse = _adresse("35000", "Rennes")
    r = rattacher_tribunal_judiciaire(ANNUAIRE, adresse)
    assert r.siege == "Rennes"
    tc = rattacher_tribunal_commerce(ANNUAIRE, adresse, r)
    assert tc.siege is None and tc.candidats == ()
    assert "n'a pas de tribunal de commerce" in tc.motif
    inconnu = rattacher_tribunal_judiciaire(ANNUAIRE, _adresse("33999", "Nulle part"))
    assert inconnu.siege is None and "absent du fichier des codes postaux" in inconnu.motif


def test_code_postal_de_plusieurs_communes_choisit_par_la_ville() -> None:
    """33230 dessert plusieurs communes : la ville de l'adresse désigne la bonne."""
    communes = ANNUAIRE.communes("33230")
    assert len(communes) > 1
    commune = ANNUAIRE.commune(_adresse("33230", "Coutras"))
    assert commune is not None and commune.nom == "Coutras"
    assert ANNUAIRE.commune(_adresse("33230", "Ville inconnue")) is None


@pytest.mark.parametrize(
    ("siege", "attendu"),
    [
        ("Auch", "d'Auch"),
        ("Évry-Courcouronnes", "d'Évry-Courcouronnes"),
        ("Le Havre", "du Havre"),
        ("Les Sables-d'Olonne", "des Sables-d'Olonne"),
        ("La Rochelle", "de La Rochelle"),
        ("Bordeaux", "de Bordeaux"),
    ],
)
def test_de_lieu(siege: str, attendu: str) -> None:
    assert de_lieu(siege) == attendu


def test_actes_juridiction_est_un_nom_de_tribunal() -> None:
    """``actes.juridiction`` se valide à la lecture : un nom de tribunal, pas une ville."""
    from pydantic import ValidationError

    from contentieux.modeles.actes import ParametresActes

    assert ParametresActes(juridiction="tribunal de commerce de Libourne").juridiction
    with pytest.raises(ValidationError, match="écrivez le nom du tribunal"):
        ParametresActes(juridiction="Libourne")
