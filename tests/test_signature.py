"""Signature PAdES : niveaux, cosignature, mention 1376, altérations, révocation, expiration.

La PKI de test (certomancer) est construite pour la session, avec OCSP, CRL et horodatage servis
sur 127.0.0.1 (tests/pki/pki.py) : rien ne sort de la machine.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from contentieux.erreurs import (
    CertificatExpire,
    CertificatIllisible,
    CertificatRevoque,
    ChampSignatureInvalide,
    ErreurContentieux,
    HorodatageInjoignable,
    RevocationInjoignable,
    UsageCleInterdit,
)
from contentieux.signature import (
    Niveau,
    Signataire,
    Signeur,
    cosigner,
    signer_acte,
    signer_pdf,
)
from contentieux.signature.verification import RapportSignature, verifier_signature
from tests.pki.fixtures import *  # noqa: F403 - fixtures pytest (pki, acte, creancier…)
from tests.pki.fixtures import EMPLACEMENTS, MENTION, faire_acte
from tests.pki.pki import MOT_DE_PASSE, PkiDeTest

# --- signataire --------------------------------------------------------------------------------


def test_mot_de_passe_jamais_affiche(
    pki: PkiDeTest, acte: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    signataire = Signataire.depuis_pkcs12(pki.p12("creancier"), mot_de_passe=MOT_DE_PASSE)
    assert MOT_DE_PASSE not in repr(signataire)
    assert MOT_DE_PASSE not in str(vars(signataire) if hasattr(signataire, "__dict__") else "")
    assert signataire.nom == "Agence Recouvr’Est « test »"
    with pytest.raises(CertificatIllisible) as exc:
        Signataire.depuis_pkcs12(pki.p12("creancier"), mot_de_passe="mauvais-" + MOT_DE_PASSE)
    assert MOT_DE_PASSE not in str(exc.value)
    assert "mot de passe" in str(exc.value)
    assert exc.value.__cause__ is None  # pas de trace qui porterait le secret
    signer_pdf(acte, signataire, visible=(0, 50, 60, 270, 120))
    assert MOT_DE_PASSE not in caplog.text  # journaux de pyHanko et des autres


def test_mot_de_passe_par_variable_puis_invite(
    pki: PkiDeTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTENTIEUX_P12_MOT_DE_PASSE", MOT_DE_PASSE)
    assert Signataire.depuis_pkcs12(pki.p12("debiteur")).nom == "Élodie Débiteur"
    monkeypatch.delenv("CONTENTIEUX_P12_MOT_DE_PASSE")
    demandes: list[int] = []

    def invite() -> str:
        demandes.append(1)
        return MOT_DE_PASSE

    assert Signataire.depuis_pkcs12(pki.p12("debiteur"), demander=invite).nom
    assert demandes == [1]


def test_certificat_expire_refuse(pki: PkiDeTest, acte: bytes) -> None:
    expire = Signataire.depuis_pkcs12(pki.p12("expire"), mot_de_passe=MOT_DE_PASSE)
    with pytest.raises(CertificatExpire, match="01/01/2024"):
        signer_pdf(acte, expire)


def test_usage_de_cle_interdit(pki: PkiDeTest, acte: bytes) -> None:
    chiffrement = Signataire.depuis_pkcs12(pki.p12("chiffrement"), mot_de_passe=MOT_DE_PASSE)
    with pytest.raises(UsageCleInterdit, match="key_encipherment"):
        signer_pdf(acte, chiffrement)


def test_revoque_refuse_en_b_lt(pki: PkiDeTest, acte: bytes) -> None:
    revoque = Signataire.depuis_pkcs12(pki.p12("revoque"), mot_de_passe=MOT_DE_PASSE)
    with pytest.raises(CertificatRevoque, match="révoqué"):
        signer_pdf(acte, revoque, niveau="B-LT", horodatage=pki.url_horodatage)


def test_horodatage_injoignable(creancier: Signataire, acte: bytes) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(HorodatageInjoignable, match="horodatage"):
        signer_pdf(acte, creancier, niveau="B-T", horodatage=f"http://127.0.0.1:{port}/tsa")
    with pytest.raises(HorodatageInjoignable, match="exige une autorité"):
        Signeur(creancier, niveau="B-T")
    with pytest.raises(ErreurContentieux, match="B-LTA"):
        Signeur(creancier, niveau="PAdES-B")


def test_revocation_injoignable(pki: PkiDeTest, creancier: Signataire, acte: bytes) -> None:
    pki.hors_service.update({"ocsp", "crls"})
    try:
        with pytest.raises(RevocationInjoignable, match="révocation"):
            signer_pdf(acte, creancier, niveau="B-LT", horodatage=pki.url_horodatage)
    finally:
        pki.hors_service.clear()


# --- niveaux ------------------------------------------------------------------------------------


@pytest.mark.parametrize("niveau", list(Niveau))
def test_chaque_niveau(
    niveau: Niveau, pki: PkiDeTest, creancier: Signataire, acte: bytes, racine: Path
) -> None:
    signe = signer_pdf(
        acte, creancier, niveau=niveau, horodatage=pki.url_horodatage, visible=(0, 50, 60, 270, 120)
    )
    rapport = verifier_signature(signe, confiance=racine)
    (sig,) = rapport.signatures
    assert sig.niveau == niveau.value
    assert sig.intacte and sig.de_confiance
    assert sig.signataire == "Agence Recouvr’Est « test »"
    if niveau is Niveau.B_B:
        assert sig.source_heure == "declaree" and sig.autorite_horodatage is None
        assert sig.horodatage_verifie is None
    else:
        assert sig.source_heure == "horodatage"
        assert sig.autorite_horodatage == "Horodatage de test"
    if niveau in (Niveau.B_LT, Niveau.B_LTA):
        # les données de validation sont dans le document : vérifiable hors ligne
        assert (sig.indication, sig.verdict, sig.revoquee) == ("TOTAL-PASSED", "valide", False)
        assert sig.horodatage_verifie is True
    else:
        # hors ligne, sans données de révocation : on ne peut pas conclure
        assert sig.indication == "INDETERMINATE" and sig.revoquee is None
        en_ligne = verifier_signature(signe, confiance=racine, en_ligne=True)
        assert en_ligne.signatures[0].indication == "TOTAL-PASSED"
        assert en_ligne.verdict == "valide"
        if niveau is Niveau.B_T:
            assert en_ligne.signatures[0].horodatage_verifie is True
    assert rapport.horodatages_document == (1 if niveau is Niveau.B_LTA else 0)
    json.loads(rapport.model_dump_json())  # sérialisable


def test_racine_inconnue(creancier: Signataire, acte: bytes, tmp_path: Path) -> None:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    cle = ec.generate_private_key(ec.SECP256R1())
    nom = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "Autre racine")])
    autre = (
        x509.CertificateBuilder().subject_name(nom).issuer_name(nom).public_key(cle.public_key())
        .serial_number(1).not_valid_before(dt.datetime(2020, 1, 1))
        .not_valid_after(dt.datetime(2100, 1, 1)).sign(cle, hashes.SHA256())
    )  # fmt: skip
    chemin = tmp_path / "autre.pem"
    chemin.write_bytes(autre.public_bytes(serialization.Encoding.PEM))
    rapport = verifier_signature(signer_pdf(acte, creancier), confiance=chemin, en_ligne=True)
    sig = rapport.signatures[0]
    assert not sig.de_confiance
    assert sig.sous_indication == "NO_CERTIFICATE_CHAIN_FOUND"
    assert "racine de confiance" in sig.explication
    assert rapport.verdict != "valide"


# --- cosignature et mention (C. civ. 1376) ------------------------------------------------------


def test_cosignature_les_deux_valides(reconnaissance_lt: bytes, racine: Path) -> None:
    rapport = verifier_signature(reconnaissance_lt, confiance=racine)
    assert rapport.verdict == "valide", rapport.explication
    agence, debiteur_ = rapport.signatures
    assert (agence.champ, debiteur_.champ) == ("signature-creancier", "signature-debiteur")
    assert agence.certification and not debiteur_.certification
    assert agence.modifications == "remplissage" and agence.modifications_permises
    assert debiteur_.modifications == "aucune"
    assert debiteur_.signataire == "Élodie Débiteur"
    assert rapport.mention is not None
    assert rapport.mention.concordante
    assert rapport.mention.montant_retenu == Decimal("1234.56")
    assert rapport.mention.montant_imprime == Decimal("1234.56")  # lu dans le JSON joint


def test_verification_depuis_une_boucle_en_cours(reconnaissance_lt: bytes, racine: Path) -> None:
    """Depuis une boucle d'événements en cours (un serveur, un carnet) : la variante asynchrone
    s'attend, et la fonction ordinaire ne lève plus « asyncio.run() cannot be called from a
    running event loop » ; les deux rendent le rapport d'un appel hors boucle."""
    import asyncio

    from contentieux.signature.verification import verifier_signature_async

    hors_boucle = verifier_signature(reconnaissance_lt, confiance=racine)

    async def depuis_la_boucle() -> tuple[RapportSignature, RapportSignature]:
        attendu = await verifier_signature_async(reconnaissance_lt, confiance=racine)
        ordinaire = verifier_signature(reconnaissance_lt, confiance=racine)
        return attendu, ordinaire

    attendu, ordinaire = asyncio.run(depuis_la_boucle())
    assert attendu.verdict == ordinaire.verdict == hors_boucle.verdict == "valide"
    sans_heure = {"verifie_le"}  # l'heure de la vérification, seule à différer
    assert (
        attendu.model_dump(exclude=sans_heure)
        == ordinaire.model_dump(exclude=sans_heure)
        == hors_boucle.model_dump(exclude=sans_heure)
    )


def test_champs_crees_avant_la_premiere_signature(reconnaissance_lt: bytes) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    lecteur = PdfFileReader(io.BytesIO(reconnaissance_lt))
    premiere = lecteur.embedded_regular_signatures[0]
    # la révision signée par l'agence contient déjà les trois champs
    historique = lecteur.get_historical_root(premiere.signed_revision)
    noms = {str(r.get_object()["/T"]) for r in historique["/AcroForm"]["/Fields"]}
    assert noms == set(EMPLACEMENTS)


def test_cosigner_sans_champ_prepare(
    pki: PkiDeTest, creancier: Signataire, debiteur: Signataire, acte: bytes
) -> None:
    certifie = signer_pdf(acte, creancier, certifier=True)
    with pytest.raises(ChampSignatureInvalide, match="première"):
        cosigner(certifie, Signeur(debiteur), mention=MENTION)


def test_mention_discordante_signalee(
    pki: PkiDeTest, creancier: Signataire, debiteur: Signataire, acte: bytes, racine: Path
) -> None:
    premier = signer_acte(acte, Signeur(creancier), EMPLACEMENTS)
    signe = cosigner(premier, Signeur(debiteur), mention="Bon pour mille euros (1 234,56 €)")
    rapport = verifier_signature(signe, confiance=racine, en_ligne=True)
    assert all(s.verdict == "valide" for s in rapport.signatures)  # les signatures, elles, oui
    assert rapport.verdict == "invalide"  # la mention ne vaut pas pour le montant de l'acte
    assert rapport.mention is not None and not rapport.mention.concordante
    assert rapport.mention.montant_retenu == Decimal("1000.00")  # les lettres prévalent
    assert any("prévaut" in a for a in rapport.mention.anomalies)
    assert "1376" in rapport.explication


def test_mention_verrouillee_par_la_signature(reconnaissance_lt: bytes, racine: Path) -> None:
    from pyhanko.pdf_utils.generic import pdf_string
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(reconnaissance_lt))
    for ref in w.root["/AcroForm"]["/Fields"]:
        champ = ref.get_object()
        if champ["/T"] == "mention-manuscrite":
            champ["/V"] = pdf_string("Bon pour un euro (1 €)")
            w.mark_update(ref)
    sortie = io.BytesIO()
    w.write(sortie)
    rapport = verifier_signature(sortie.getvalue(), confiance=racine)
    debiteur_ = rapport.signatures[1]
    assert not debiteur_.modifications_permises
    assert debiteur_.verdict == "invalide"
    assert rapport.verdict == "invalide"


# --- altérations --------------------------------------------------------------------------------


def test_un_octet_change_invalide(reconnaissance_lt: bytes, racine: Path) -> None:
    donnees = bytearray(reconnaissance_lt)
    position = donnees.index(b"Reconnaissance") if b"Reconnaissance" in donnees else 200
    donnees[position] ^= 0x01
    rapport = verifier_signature(bytes(donnees), confiance=racine)
    assert rapport.verdict == "invalide"
    assert any(not s.intacte and s.sous_indication == "HASH_FAILURE" for s in rapport.signatures), [
        (s.intacte, s.sous_indication) for s in rapport.signatures
    ]


def test_mise_a_jour_interdite_apres_certification(
    creancier: Signataire, acte: bytes, racine: Path
) -> None:
    from pyhanko.pdf_utils.generic import StreamObject, pdf_name
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    certifie = signer_acte(acte, Signeur(creancier), EMPLACEMENTS)
    w = IncrementalPdfFileWriter(io.BytesIO(certifie))
    page_ref = w.find_page_for_modification(0)[0]
    page = page_ref.get_object()
    page[pdf_name("/Contents")] = w.add_object(StreamObject(stream_data=b"0 0 m 100 100 l S"))
    w.update_container(page)
    sortie = io.BytesIO()
    w.write(sortie)
    rapport = verifier_signature(sortie.getvalue(), confiance=racine, en_ligne=True)
    (sig,) = rapport.signatures
    assert sig.modifications == "autres" and not sig.modifications_permises
    assert sig.verdict == "invalide"


def test_certificat_revoque_signale(pki: PkiDeTest, acte: bytes, racine: Path) -> None:
    revoque = Signataire.depuis_pkcs12(pki.p12("revoque"), mot_de_passe=MOT_DE_PASSE)
    signe = signer_pdf(acte, revoque, niveau="B-T", horodatage=pki.url_horodatage)
    rapport = verifier_signature(signe, confiance=racine, en_ligne=True)
    (sig,) = rapport.signatures
    assert sig.revoquee is True
    assert sig.indication != "TOTAL-PASSED"
    assert sig.sous_indication in ("REVOKED", "REVOKED_NO_POE")
    assert "révoqué" in sig.explication
    assert rapport.verdict != "valide"


# --- PDF/A, police, outils tiers ----------------------------------------------------------------


def test_pdfa_et_donnees_jointes_survivent(reconnaissance_lt: bytes, acte: bytes) -> None:
    from pypdf import PdfReader

    avant = PdfReader(io.BytesIO(acte))
    apres = PdfReader(io.BytesIO(reconnaissance_lt))
    xmp = apres.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    assert "Reconnaissance de dette" in xmp  # dc:title conservé
    # PDF/A : /Producer de /Info identique à pdf:Producer du XMP
    producteur = re.search(r'pdf:Producer="([^"]+)"', xmp)
    assert producteur is not None
    assert apres.metadata is not None and apres.metadata.producer == producteur.group(1)
    assert apres.metadata.title == avant.metadata.title if avant.metadata else True
    assert "/OutputIntents" in apres.trailer["/Root"]
    jointes = apres.attachments
    origine = avant.attachments["contentieux-acte.json"][0]
    assert json.loads(jointes["contentieux-acte.json"][0]) == json.loads(origine)
    assert "/AF" in apres.trailer["/Root"]


def test_tampon_police_embarquee_et_texte_francais(
    reconnaissance_lt: bytes, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    lecteur = PdfReader(io.BytesIO(reconnaissance_lt))
    polices_tampon = []
    for annotation in lecteur.pages[0]["/Annots"]:
        ap = annotation.get_object().get("/AP")
        if ap is None:
            continue
        for police in ap["/N"].get_object().get("/Resources", {}).get("/Font", {}).values():
            police = police.get_object()
            descendante = police["/DescendantFonts"][0].get_object()
            descripteur = descendante["/FontDescriptor"].get_object()
            assert "/FontFile2" in descripteur  # embarquée (PDF/A)
            polices_tampon.append(str(police["/BaseFont"]))
    assert len(polices_tampon) == 3, polices_tampon  # deux tampons et la mention
    assert all("TamponSans" in p for p in polices_tampon)
    chemin = tmp_path / "signe.pdf"
    chemin.write_bytes(reconnaissance_lt)
    if shutil.which("pdffonts"):
        polices = subprocess.run(
            ["pdffonts", str(chemin)], capture_output=True, text=True, check=True
        ).stdout
        lignes = [ligne for ligne in polices.splitlines() if "TamponSans" in ligne]
        assert lignes and all(" yes " in ligne for ligne in lignes)  # embarquée
    if shutil.which("pdftotext"):
        texte = subprocess.run(
            ["pdftotext", str(chemin), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Élodie Débiteur" in texte
        assert "Agence Recouvr’Est « test »" in texte
        assert "1 234,56 €" in texte


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils (pdfsig) absent")
def test_pdfsig_valide_chaque_signature(reconnaissance_lt: bytes, tmp_path: Path) -> None:
    chemin = tmp_path / "signe.pdf"
    chemin.write_bytes(reconnaissance_lt)
    # -no-ocsp : pdfsig ne vérifie la révocation qu'en ligne ; HOME privé pour sa base NSS
    sortie = subprocess.run(
        ["pdfsig", "-no-ocsp", str(chemin)],
        capture_output=True,
        text=True,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=False,
    ).stdout
    assert sortie.count("Signature Validation: Signature is Valid.") == 2, sortie
    assert "signature-creancier" in sortie and "signature-debiteur" in sortie


def test_erreurs_sont_des_erreurs_contentieux() -> None:
    for classe in (CertificatExpire, CertificatRevoque, UsageCleInterdit, HorodatageInjoignable):
        assert issubclass(classe, ErreurContentieux)
        assert classe.code


def test_rapport_json_schema(reconnaissance_lt: bytes, racine: Path) -> None:
    rapport = verifier_signature(reconnaissance_lt, confiance=racine)
    relu = RapportSignature.model_validate_json(rapport.model_dump_json())
    assert relu == rapport


def test_acte_tiers_signe_et_verifie_depuis_un_fichier(
    creancier: Signataire, tmp_path: Path, racine: Path
) -> None:
    chemin = tmp_path / "acte.pdf"
    chemin.write_bytes(faire_acte("80.80"))
    rapport = verifier_signature(signer_pdf(chemin, creancier), confiance=[racine], en_ligne=True)
    assert rapport.verdict == "valide"
    assert rapport.mention is None


def test_champ_deja_signe_ou_boite_invalide(
    creancier: Signataire, debiteur: Signataire, reconnaissance_lt: bytes, acte: bytes
) -> None:
    with pytest.raises(ErreurContentieux) as exc:
        cosigner(reconnaissance_lt, Signeur(debiteur), mention=MENTION)
    assert "Traceback" not in str(exc.value) and str(exc.value)
    with pytest.raises(ChampSignatureInvalide, match="x1 < x2"):
        signer_pdf(acte, creancier, visible=(0, 300, 60, 100, 120))
    with pytest.raises(ChampSignatureInvalide, match="existe déjà"):
        signer_acte(reconnaissance_lt, Signeur(creancier), EMPLACEMENTS)


def test_signature_par_certificat_expire_signalee(
    pki: PkiDeTest, acte: bytes, racine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Un document signé hors de la validité du certificat (par un autre outil) est signalé."""
    expire = Signataire.depuis_pkcs12(pki.p12("expire"), mot_de_passe=MOT_DE_PASSE)
    monkeypatch.setattr(Signataire, "verifier_certificat", lambda self, instant: None)
    signe = signer_pdf(acte, expire)
    rapport = verifier_signature(signe, confiance=racine, en_ligne=True)
    (sig,) = rapport.signatures
    assert sig.intacte
    assert sig.indication != "TOTAL-PASSED" and rapport.verdict != "valide"
    assert sig.sous_indication == "OUT_OF_BOUNDS_NO_POE"
    assert "expiré" in sig.explication
