"""Factures électroniques → dossiers : chaque profil Factur-X, CII, UBL, avoirs, statuts (CDAR et
CSV), regroupement, aller-retour jusqu'au décompte, et lecture XML durcie."""

from __future__ import annotations

import datetime as dt
import json
import warnings
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentieux import etablir_decompte, importer_factures, verifier_recevabilite
from contentieux.erreurs import FactureIllisible
from contentieux.factures import AvertissementImport, lire_factures
from contentieux.factures.xml_sur import analyser_xml, lire_octets
from contentieux.modeles.creances import StatutFactureElectronique as Statut
from contentieux.modeles.evenements import Paiement
from contentieux.pilotage.agenda import etablir_agenda
from tests.factures_types import (
    DURAND,
    GIRONDE,
    PROFILS,
    RHONE,
    facture_cii,
    facture_pdf,
    facture_ubl,
    message_cdar,
    pdf_vierge,
)


def _ecrire(dossier: Path, nom: str, contenu: bytes | str) -> Path:
    chemin = dossier / nom
    if isinstance(contenu, str):
        chemin.write_text(contenu, encoding="utf-8")
    else:
        chemin.write_bytes(contenu)
    return chemin


def _importer(*chemins: Path, statuts: tuple[Path, ...] = ()) -> list:  # type: ignore[type-arg]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AvertissementImport)
        return importer_factures(list(chemins), statuts=statuts)


# --- lecture de chaque profil -------------------------------------------------------------------


@pytest.mark.parametrize("profil", [p for p in PROFILS if p != "MINIMUM"])
@pytest.mark.parametrize("conteneur", ["xml", "pdf"])
def test_chaque_profil_donne_le_dossier(tmp_path: Path, profil: str, conteneur: str) -> None:
    xml = facture_cii(profil=profil)
    contenu = facture_pdf(xml, profil) if conteneur == "pdf" else xml
    (dossier,) = _importer(_ecrire(tmp_path, f"f.{conteneur}", contenu))
    assert dossier.reference == f"FE-{DURAND.siren}-{GIRONDE.siren}"
    assert dossier.creancier.denomination == "Ateliers Durand"  # BT-27
    assert dossier.creancier.siren == DURAND.siren  # BT-30, schéma 0002
    assert dossier.creancier.numero_tva == DURAND.tva  # BT-31
    debiteur = dossier.debiteur
    assert (debiteur.denomination, debiteur.siren) == ("Gironde Négoce", GIRONDE.siren)
    assert debiteur.siege.code_postal == "33000" and debiteur.siege.ville == "Bordeaux"
    assert debiteur.qualite == "professionnel"  # SIREN : relation B2B
    (creance,) = dossier.creances
    (facture,) = creance.factures
    assert facture.numero == "F-2026-001"  # BT-1
    assert facture.date_emission == dt.date(2026, 1, 5)  # BT-2
    assert facture.date_echeance == dt.date(2026, 2, 4)  # BT-9
    assert facture.montant_ttc == Decimal("12000.00")  # BT-115
    (piece,) = creance.pieces
    assert piece.type == "facture" and "f." + conteneur in (piece.description or "")


@pytest.mark.parametrize("conteneur", ["xml", "pdf"])
def test_profil_minimum_ecarte_avec_sa_raison(tmp_path: Path, conteneur: str) -> None:
    xml = facture_cii(profil="MINIMUM")
    contenu = facture_pdf(xml, "MINIMUM") if conteneur == "pdf" else xml
    chemin = _ecrire(tmp_path, f"min.{conteneur}", contenu)
    resultat = lire_factures([chemin])
    assert resultat.dossiers == []
    (rejet,) = resultat.rejets
    assert rejet.fichier == str(chemin)
    assert "vendeur sans BT-35, BT-38, BT-37" in rejet.raison and "MINIMUM" in rejet.raison


def test_ubl_facture_et_avoir(tmp_path: Path) -> None:
    facture = _ecrire(tmp_path, "u1.xml", facture_ubl("U-1", montant=Decimal("6000.00")))
    avoir = _ecrire(
        tmp_path,
        "u1-avoir.xml",
        facture_ubl("AV-1", montant=Decimal("1500.00"), avoir=True, facture_citee="U-1"),
    )
    (dossier,) = _importer(avoir, facture)
    (creance,) = dossier.creances
    # 6 000,00 − 1 500,00 d'avoir (CreditNote 381 citant U-1 en BT-25) = 4 500,00
    assert creance.factures[0].montant_ttc == Decimal("4500.00")
    assert [p.reference for p in creance.pieces] == ["U-1", "AV-1"]


def test_avoir_cii_381_reduit_la_facture_citee(tmp_path: Path) -> None:
    f = _ecrire(tmp_path, "f.xml", facture_cii("F-9", montant=Decimal("1200.00")))
    a = _ecrire(
        tmp_path,
        "a.xml",
        facture_cii("AV-9", montant=Decimal("200.00"), type_code="381", facture_citee="F-9"),
    )
    (dossier,) = _importer(f, a)
    assert dossier.creances[0].factures[0].montant_ttc == Decimal("1000.00")  # 1 200 − 200 d'avoir


def test_avoir_sans_sa_facture_est_signale(tmp_path: Path) -> None:
    a = _ecrire(tmp_path, "a.xml", facture_cii("AV-9", type_code="381", facture_citee="F-ABSENTE"))
    resultat = lire_factures([a])
    assert "F-ABSENTE" in resultat.rejets[0].raison


def test_avoir_qui_solde_la_facture(tmp_path: Path) -> None:
    f = _ecrire(tmp_path, "f.xml", facture_cii("F-9", montant=Decimal("500.00")))
    a = _ecrire(
        tmp_path,
        "a.xml",
        facture_cii("AV-9", montant=Decimal("500.00"), type_code="381", facture_citee="F-9"),
    )
    resultat = lire_factures([f, a])
    assert resultat.dossiers == []
    assert any("rien à recouvrer" in a for a in resultat.avertissements)


@settings(max_examples=30, deadline=None)
@given(
    centimes=st.integers(min_value=2, max_value=10**9),
    part=st.integers(min_value=1, max_value=99),
)
def test_propriete_avoir_deduit_exactement(
    tmp_path_factory: pytest.TempPathFactory, centimes: int, part: int
) -> None:
    dossier = tmp_path_factory.mktemp("avoir")
    montant = Decimal(centimes) / 100
    reduction = (montant * part / 100).quantize(Decimal("0.01"))
    f = _ecrire(dossier, "f.xml", facture_cii("F-1", montant=montant))
    a = _ecrire(
        dossier,
        "a.xml",
        facture_cii("A-1", montant=reduction, type_code="381", facture_citee="F-1"),
    )
    resultat = lire_factures([f, a])
    if montant - reduction > 0:
        assert resultat.dossiers[0].creances[0].factures[0].montant_ttc == montant - reduction
    else:
        assert resultat.dossiers == []


# --- regroupement ------------------------------------------------------------------------------


def test_un_dossier_par_couple_et_reference_stable(tmp_path: Path) -> None:
    a = _ecrire(tmp_path, "a.xml", facture_cii("F-1"))
    b = _ecrire(tmp_path, "b.xml", facture_cii("F-2", montant=Decimal("300.00")))
    c = _ecrire(tmp_path, "c.xml", facture_cii("F-3", acheteur=RHONE))
    d = _ecrire(tmp_path, "d.xml", facture_ubl("U-4"))
    dossiers = _importer(a, b, c, d)
    par_ref = {x.reference: x for x in dossiers}
    assert set(par_ref) == {
        f"FE-{DURAND.siren}-{GIRONDE.siren}",
        f"FE-{DURAND.siren}-{RHONE.siren}",
    }
    gironde = par_ref[f"FE-{DURAND.siren}-{GIRONDE.siren}"]
    assert [c.reference for c in gironde.creances] == ["F-1", "F-2", "U-4"]
    # Même référence quel que soit l'ordre des fichiers, et lecture d'un répertoire.
    assert {x.reference for x in _importer(d, c, b, a)} == set(par_ref)
    assert {x.reference for x in _importer(tmp_path)} == set(par_ref)


def test_facture_en_double_ecartee(tmp_path: Path) -> None:
    a = _ecrire(tmp_path, "a.xml", facture_cii("F-1"))
    b = _ecrire(tmp_path, "b.pdf", facture_pdf(facture_cii("F-1")))
    resultat = lire_factures([a, b])
    assert len(resultat.dossiers) == 1
    assert resultat.rejets[0].fichier == str(b) and "déjà lue" in resultat.rejets[0].raison


# --- données refusées ou à vérifier ------------------------------------------------------------


def test_devise_autre_que_euro_refusee(tmp_path: Path) -> None:
    f = _ecrire(tmp_path, "usd.xml", facture_cii(devise="USD"))
    resultat = lire_factures([f])
    assert resultat.dossiers == []
    assert "USD (BT-5)" in resultat.rejets[0].raison and "euros" in resultat.rejets[0].raison


def test_echeance_deduite_des_conditions_et_taux_signale_non_applique(tmp_path: Path) -> None:
    conditions = "Paiement à 45 jours. Pénalités de retard : 12,5 % l'an ; indemnité 40 €."
    f = _ecrire(tmp_path, "f.xml", facture_cii(echeance=None, conditions=conditions))
    resultat = lire_factures([f])
    (dossier,) = resultat.dossiers
    creance = dossier.creances[0]
    # 5 janvier 2026 + 45 jours = 19 février 2026.
    assert creance.factures[0].date_echeance == dt.date(2026, 2, 19)
    assert creance.taux_contractuel is None  # jamais appliqué d'office
    assert conditions in (creance.description or "")
    texte = " ".join(resultat.avertissements)
    assert "BT-9" in texte and "45 jours" in texte
    assert "12.5 %" in texte and "taux_contractuel" in texte


def test_sans_echeance_ni_delai_entre_professionnels_delai_supletif(tmp_path: Path) -> None:
    f = _ecrire(tmp_path, "f.xml", facture_cii(echeance=None, conditions=None))
    resultat = lire_factures([f])
    # L441-10 I : 30 jours (regles/delais_paiement.yaml) après le 5 janvier 2026 = 4 février.
    assert resultat.dossiers[0].creances[0].factures[0].date_echeance == dt.date(2026, 2, 4)
    assert any("L441-10" in a for a in resultat.avertissements)


def test_fichiers_qui_ne_sont_pas_des_factures(tmp_path: Path) -> None:
    bonne = _ecrire(tmp_path, "bonne.xml", facture_cii("F-1"))
    sans_xml = _ecrire(tmp_path, "scan.pdf", pdf_vierge())
    commande = _ecrire(
        tmp_path,
        "orderx.xml",
        '<rsm:SCRDMCCBDACIOMessageStructure xmlns:rsm="urn:un:unece:uncefact:data:'
        'SCRDMCCBDACIOMessageStructure:100"/>',
    )
    casse = _ecrire(tmp_path, "casse.xml", "<rsm:CrossIndustryInvoice><non fermé")
    statut = _ecrire(
        tmp_path, "statut.xml", message_cdar("M-1", [("F-1", "205", dt.date(2026, 1, 9), None)])
    )
    resultat = lire_factures([bonne, sans_xml, commande, casse, statut])
    assert [d.creances[0].reference for d in resultat.dossiers] == ["F-1"]
    raisons = {Path(r.fichier).name: r.raison for r in resultat.rejets}
    assert "sans XML de facture" in raisons["scan.pdf"]
    assert "commande" in raisons["orderx.xml"]
    assert "mal formé" in raisons["casse.xml"]
    assert "statut.xml" not in raisons  # message CDAR parmi les factures : lu comme statuts
    assert resultat.dossiers[0].creances[0].factures[0].statut_facture_electronique == "approuvee"


def test_importer_factures_avertit_par_warnings(tmp_path: Path) -> None:
    sans_xml = _ecrire(tmp_path, "scan.pdf", pdf_vierge())
    with pytest.warns(AvertissementImport, match="scan.pdf écarté"):
        assert importer_factures([sans_xml]) == []


def test_acheteur_sans_identifiant_non_professionnel(tmp_path: Path) -> None:
    xml = facture_cii(acheteur=RHONE).replace(b'<ram:ID schemeID="0002">542065479</ram:ID>', b"")
    resultat = lire_factures([_ecrire(tmp_path, "f.xml", xml)])
    assert resultat.dossiers[0].debiteur.qualite == "non_professionnel"
    assert any("non-professionnel" in a for a in resultat.avertissements)


# --- statuts du cycle de vie -------------------------------------------------------------------


def _csv(tmp_path: Path, lignes: str) -> Path:
    return _ecrire(tmp_path, "statuts.csv", "numero,statut,date,montant\n" + lignes)


def test_statuts_csv_encaissee_devient_un_paiement(tmp_path: Path) -> None:
    f = _ecrire(tmp_path, "f.xml", facture_cii("F-1"))
    s = _csv(tmp_path, "F-1,approuvee,2026-01-09,\nF-1,encaissee,2026-03-06,4000.00\n")
    (dossier,) = _importer(f, statuts=(s,))
    (paiement,) = dossier.evenements
    assert isinstance(paiement, Paiement)
    assert (paiement.date, paiement.montant) == (dt.date(2026, 3, 6), Decimal("4000.00"))
    assert paiement.factures_designees == ("F-1",)
    assert paiement.reference == f"{s}, ligne 3"  # la source : fichier et ligne
    # L'approbation reste le statut de la facture ; l'encaissement devient le paiement.
    assert dossier.creances[0].factures[0].statut_facture_electronique is Statut.APPROUVEE
    sources = [p.description for p in dossier.creances[0].pieces if p.type == "autre"]
    assert len(sources) == 2 and all(str(s) in (d or "") for d in sources)


def test_statut_approuvee_etablit_la_certitude(tmp_path: Path) -> None:
    f = _ecrire(tmp_path, "f.xml", facture_cii("F-1"))
    sans = verifier_recevabilite(_importer(f)[0], au=dt.date(2026, 4, 30))
    assert sans.constat("certitude").satisfaite is None  # aucune pièce signée
    s = _csv(tmp_path, "F-1,approuvee,2026-01-09,\n")
    avec = verifier_recevabilite(_importer(f, statuts=(s,))[0], au=dt.date(2026, 4, 30))
    certitude = avec.constat("certitude")
    assert certitude.satisfaite is True
    assert "approuvée(s) par le débiteur" in certitude.motif


@pytest.mark.parametrize(("code", "statut"), [("210", "refusee"), ("207", "en_litige")])
def test_cdar_refus_ou_litige_arrete_verifier_et_agenda(
    tmp_path: Path, code: str, statut: str
) -> None:
    f = _ecrire(tmp_path, "f.xml", facture_cii("F-1"))
    m = _ecrire(
        tmp_path, "cdv.xml", message_cdar("CDV-77", [("F-1", code, dt.date(2026, 1, 20), None)])
    )
    (dossier,) = _importer(f, statuts=(m,))
    assert dossier.creances[0].factures[0].statut_facture_electronique == statut
    piece = dossier.creances[0].pieces[-1]
    assert piece.reference == "message CDV-77" and str(m) in (piece.description or "")
    rapport = verifier_recevabilite(dossier, au=dt.date(2026, 4, 30))
    assert rapport.constat("certitude").satisfaite is False
    (decision,) = etablir_agenda([dossier], au=dt.date(2026, 4, 30)).decisions
    assert decision.statut == "arrete"


def test_cdar_encaissee_et_approuvee_partiellement(tmp_path: Path) -> None:
    f1 = _ecrire(tmp_path, "f1.xml", facture_cii("F-1"))
    f2 = _ecrire(tmp_path, "f2.xml", facture_cii("F-2", montant=Decimal("3000.00")))
    m = _ecrire(
        tmp_path,
        "cdv.xml",
        message_cdar(
            "CDV-1",
            [
                ("F-1", "212", dt.date(2026, 3, 6), Decimal("2500.00")),
                ("F-2", "206", dt.date(2026, 1, 15), Decimal("1800.00")),
                ("F-INCONNUE", "205", dt.date(2026, 1, 15), None),
            ],
        ),
    )
    resultat = lire_factures([f1, f2], statuts=[m])
    (dossier,) = resultat.dossiers
    (paiement,) = dossier.evenements
    assert isinstance(paiement, Paiement) and paiement.montant == Decimal("2500.00")
    assert paiement.reference == f"{m}, message CDV-1"
    assert dossier.creance("F-1").factures[0].statut_facture_electronique is Statut.ENCAISSEE
    f2_lue = dossier.creance("F-2").factures[0]
    assert f2_lue.montant_ttc == Decimal("1800.00")  # seule la part approuvée
    assert f2_lue.statut_facture_electronique is Statut.APPROUVEE_PARTIELLEMENT
    assert any("F-INCONNUE" in a for a in resultat.avertissements)


def test_statuts_csv_invalides(tmp_path: Path) -> None:
    f = _ecrire(tmp_path, "f.xml", facture_cii("F-1"))
    s = _csv(tmp_path, "F-1,payee,2026-01-09,\n")
    resultat = lire_factures([f], statuts=[s])
    assert "statut « payee » inconnu" in resultat.rejets[0].raison
    assert "ligne 2" in resultat.rejets[0].raison
    assert len(resultat.dossiers) == 1  # la facture est importée quand même


# --- aller-retour : facture → dossier → décompte -------------------------------------------------


def test_aller_retour_jusquau_decompte(tmp_path: Path) -> None:
    """Facture de 12 000 € échue le 4 février 2026, avoir de 2 000 € : principal 10 000 €.

    Pénalités L441-10 au 30 avril 2026 : taux BCE au 1er janvier 2026 (2,15 %, regles/bce.yaml)
    + 10 points = 12,15 % ; du 4 février (exclu) au 30 avril (inclus) : 24 + 31 + 30 = 85 jours ;
    10 000 × 12,15 % × 85 / 365 = 282,945… → 282,95 €. Indemnité forfaitaire : 40 € (D441-5).
    Total : 10 000 + 282,95 + 40 = 10 322,95 €.
    """
    f = _ecrire(tmp_path, "f.pdf", facture_pdf(facture_cii("F-1")))
    a = _ecrire(
        tmp_path,
        "a.xml",
        facture_cii("AV-1", montant=Decimal("2000.00"), type_code="381", facture_citee="F-1"),
    )
    (dossier,) = _importer(f, a)
    decompte = etablir_decompte(dossier, au=dt.date(2026, 4, 30))
    assert decompte.total_principal == Decimal("10000.00")
    assert decompte.total_penalites == Decimal("282.95")
    assert decompte.total_indemnites == Decimal("40.00")
    assert decompte.total == Decimal("10322.95")


# --- lecture XML durcie ------------------------------------------------------------------------


def test_xxe_ne_lit_pas_un_fichier_local(tmp_path: Path) -> None:
    secret = _ecrire(tmp_path, "secret.txt", "SECRET-XXE-4242")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:'
        'CrossIndustryInvoice:100"><rsm:ExchangedDocument>&x;</rsm:ExchangedDocument>'
        "</rsm:CrossIndustryInvoice>"
    )
    chemin = _ecrire(tmp_path, "xxe.xml", xxe)
    resultat = lire_factures([chemin])
    assert "DOCTYPE" in resultat.rejets[0].raison
    assert "SECRET-XXE-4242" not in json.dumps([r.raison for r in resultat.rejets])
    # L'analyseur lui-même, même sans le refus du DOCTYPE, ne résout pas l'entité.
    from lxml import etree

    from contentieux.factures.xml_sur import _analyseur

    racine = etree.fromstring(xxe.encode(), parser=_analyseur())
    assert b"SECRET-XXE-4242" not in etree.tostring(racine)


def test_billion_laughs_refuse(tmp_path: Path) -> None:
    entites = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    bombe = f'<?xml version="1.0"?><!DOCTYPE r [{entites}]><r>&a9;</r>'
    with pytest.raises(FactureIllisible, match="DOCTYPE"):
        analyser_xml(bombe.encode(), "bombe.xml")
    resultat = lire_factures([_ecrire(tmp_path, "bombe.xml", bombe)])
    assert resultat.dossiers == [] and "DOCTYPE" in resultat.rejets[0].raison


def test_xml_de_100_mo_refuse_sans_etre_lu(tmp_path: Path) -> None:
    chemin = tmp_path / "enorme.xml"
    with chemin.open("wb") as f:  # fichier creux : 100 Mo déclarés, presque rien sur le disque
        f.write(b"<r>")
        f.truncate(100 * 1024 * 1024)
    with pytest.raises(FactureIllisible, match="100 Mo"):
        lire_octets(chemin)
    resultat = lire_factures([chemin])
    assert "100 Mo" in resultat.rejets[0].raison


def test_flux_sans_taille_borne_a_la_lecture(tmp_path: Path) -> None:
    chemin = tmp_path / "gros.xml"
    chemin.write_bytes(b"<r>" + b"x" * 2000 + b"</r>")
    with pytest.raises(FactureIllisible, match="limite"):
        lire_octets(chemin, taille_max=1000)
    with pytest.raises(FactureIllisible, match="limite"):
        analyser_xml(b"<r>" + b"x" * 2000 + b"</r>", "gros.xml", taille_max=1000)


def test_imbrication_profonde_refusee() -> None:
    profond = b"<a>" * 5000 + b"</a>" * 5000
    with pytest.raises(FactureIllisible, match=r"imbriqué|mal formé"):
        analyser_xml(profond, "profond.xml")


def test_xxe_dans_le_xml_embarque_d_un_pdf(tmp_path: Path) -> None:
    import io

    from pypdf import PdfReader, PdfWriter

    secret = _ecrire(tmp_path, "secret.txt", "SECRET-PDF-4242")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:'
        'CrossIndustryInvoice:100"><rsm:ExchangedDocument>&x;</rsm:ExchangedDocument>'
        "</rsm:CrossIndustryInvoice>"
    ).encode()
    ecrivain = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_vierge())))
    ecrivain.add_attachment("factur-x.xml", xxe)
    tampon = io.BytesIO()
    ecrivain.write(tampon)
    resultat = lire_factures([_ecrire(tmp_path, "piege.pdf", tampon.getvalue())])
    (rejet,) = resultat.rejets
    assert "DOCTYPE" in rejet.raison and "factur-x.xml" in rejet.raison
    assert "SECRET-PDF-4242" not in rejet.raison


def test_statut_rejetee_avertit_dans_verifier(tmp_path: Path) -> None:
    f = _ecrire(tmp_path, "f.xml", facture_cii("F-1"))
    s = _csv(tmp_path, "F-1,rejetee,2026-01-06,\n")
    (dossier,) = _importer(f, statuts=(s,))
    certitude = verifier_recevabilite(dossier, au=dt.date(2026, 4, 30)).constat("certitude")
    assert any("rejetée" in a and "émettez-la de nouveau" in a for a in certitude.avertissements)


def test_numero_tva_verifie() -> None:
    from pydantic import ValidationError

    from contentieux.modeles.parties import PersonneMorale

    siege = {"ligne1": "1 rue A", "code_postal": "75011", "ville": "Paris"}
    societe = PersonneMorale(denomination="D", siege=siege, numero_tva="fr 44 732829320")
    assert societe.numero_tva == "FR44732829320"
    with pytest.raises(ValidationError, match="numéro de TVA « 12345 » invalide"):
        PersonneMorale(denomination="D", siege=siege, numero_tva="12345")
