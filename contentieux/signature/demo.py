"""Une PKI jetable pour la démonstration : racine, agence, débiteur, CRL — « TEST — sans valeur
juridique ».

Faite sur le moment avec ``cryptography`` (clés EC P-256, rapides à produire). Les certificats
des signataires pointent vers une CRL fictive (``http://crl.demo.invalid``) : la démonstration
joint cette CRL aux documents signés (DSS), si bien que la vérification reste hors ligne et
conclut.

:func:`charger_ou_creer_pki` l'écrit à côté des actes de la démonstration, pour qu'on puisse
vérifier et signer aussitôt avec la ligne de commande (:data:`FICHIERS_PKI`) : la racine
(``racine.pem``), la CRL (``racine.crl``, DER) et un PKCS#12 par signataire (``agence.p12``…),
protégé par le mot de passe :data:`MOT_DE_PASSE_DEMO`, imprimé par la démonstration. Ces clés
n'ont aucune valeur : leur mot de passe est public.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contentieux.signature.pades import MENTION_TEST
from contentieux.signature.signataire import Signataire, _signataire_en_memoire

URL_CRL = "http://crl.demo.invalid/racine.crl"

MOT_DE_PASSE_DEMO = "demo-sans-valeur"
"""Mot de passe des PKCS#12 de démonstration : public, comme les clés qu'il protège."""

SIGNATAIRES_DEMO = ("agence", "creancier", "debiteur", "commissaire")
"""Les signataires de la PKI de démonstration (un fichier ``<nom>.p12`` chacun)."""

FICHIERS_PKI = ("racine.pem", "racine.crl", *(f"{nom}.p12" for nom in SIGNATAIRES_DEMO))
"""Les fichiers que la démonstration écrit à côté des actes."""


@dataclass(frozen=True)
class PkiJetable:
    """Racine de démonstration, ses deux signataires et sa CRL (octets DER)."""

    racine: Any
    """Certificat de la racine (asn1crypto), à donner comme ``confiance``."""
    agence: Signataire
    debiteur: Signataire
    creancier: Signataire
    commissaire: Signataire
    crl: bytes
    pkcs12: dict[str, bytes] = field(default_factory=dict, repr=False)
    """PKCS#12 de chaque signataire (clé, certificat, racine), chiffré avec
    :data:`MOT_DE_PASSE_DEMO` ; vide pour une PKI relue depuis ses fichiers."""

    def pour_champ(self, champ: str) -> Signataire:
        """Le signataire d'un champ ``signature-<partie>`` (le débiteur à défaut)."""
        partie = champ.removeprefix("signature-")
        return {
            "agence": self.agence,
            "creancier": self.creancier,
            "commissaire": self.commissaire,
        }.get(partie, self.debiteur)


def creer_pki_jetable(instant: dt.datetime) -> PkiJetable:
    """Crée la PKI de démonstration ; certificats valides d'un jour avant à un an après
    ``instant``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption
    from cryptography.hazmat.primitives.serialization.pkcs12 import (
        serialize_key_and_certificates,
    )
    from cryptography.x509.oid import NameOID
    from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1

    debut = instant - dt.timedelta(days=1)
    fin = instant + dt.timedelta(days=365)

    def nom(cn: str) -> x509.Name:
        return x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, MENTION_TEST),
                x509.NameAttribute(NameOID.COMMON_NAME, cn),
            ]
        )

    cle_racine = ec.generate_private_key(ec.SECP256R1())
    sujet_racine = nom("Racine de démonstration")
    racine = (
        x509.CertificateBuilder()
        .subject_name(sujet_racine)
        .issuer_name(sujet_racine)
        .public_key(cle_racine.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(debut)
        .not_valid_after(fin)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(cle_racine.public_key()), critical=False
        )
        .sign(cle_racine, hashes.SHA256())
    )

    pkcs12: dict[str, bytes] = {}

    def signataire(role: str, cn: str) -> Signataire:
        cle = ec.generate_private_key(ec.SECP256R1())
        certificat = (
            x509.CertificateBuilder()
            .subject_name(nom(cn))
            .issuer_name(sujet_racine)
            .public_key(cle.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(debut)
            .not_valid_after(fin)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.CRLDistributionPoints(
                    [
                        x509.DistributionPoint(
                            full_name=[x509.UniformResourceIdentifier(URL_CRL)],
                            relative_name=None,
                            reasons=None,
                            crl_issuer=None,
                        )
                    ]
                ),
                critical=False,
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(cle_racine.public_key()),
                critical=False,
            )
            .sign(cle_racine, hashes.SHA256())
        )
        pkcs12[role] = serialize_key_and_certificates(
            cn.encode(),
            cle,
            certificat,
            [racine],
            BestAvailableEncryption(MOT_DE_PASSE_DEMO.encode()),
        )
        return Signataire(
            _signataire_en_memoire(
                cle,
                translate_pyca_cryptography_cert_to_asn1(certificat),
                [translate_pyca_cryptography_cert_to_asn1(racine)],
            ),
            origine="PKI de démonstration",
        )

    from cryptography.hazmat.primitives.serialization import Encoding

    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(sujet_racine)
        .last_update(debut)
        .next_update(fin)
        .add_extension(x509.CRLNumber(1), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(cle_racine.public_key()),
            critical=False,
        )
        .sign(cle_racine, hashes.SHA256())
    )
    return PkiJetable(
        racine=translate_pyca_cryptography_cert_to_asn1(racine),
        agence=signataire("agence", "Agence de démonstration"),
        debiteur=signataire("debiteur", "Débiteur de démonstration"),
        creancier=signataire("creancier", "Créancier de démonstration"),
        commissaire=signataire("commissaire", "Commissaire de justice de démonstration"),
        crl=crl.public_bytes(Encoding.DER),
        pkcs12=pkcs12,
    )


def ecrire_pki(pki: PkiJetable, dossier: Path) -> list[Path]:
    """Écrit la racine (PEM), la CRL (DER) et les PKCS#12 des signataires dans ``dossier``."""
    from asn1crypto import pem  # type: ignore[import-untyped]

    dossier.mkdir(parents=True, exist_ok=True)
    contenus = {
        "racine.pem": pem.armor("CERTIFICATE", pki.racine.dump()),
        "racine.crl": pki.crl,
        **{f"{nom}.p12": pki.pkcs12[nom] for nom in SIGNATAIRES_DEMO},
    }
    from contentieux.ecriture import ecrire_atomique

    ecrits = []
    for nom, contenu in contenus.items():
        chemin = dossier / nom
        # Les clés privées (PKCS#12) lisibles du seul propriétaire.
        ecrire_atomique(chemin, contenu, mode=0o600 if nom.endswith(".p12") else 0o644)
        ecrits.append(chemin)
    return ecrits


def lire_pki(dossier: Path, instant: dt.datetime) -> PkiJetable | None:
    """La PKI déjà écrite dans ``dossier`` si elle est complète et valide à ``instant``, sinon
    ``None``."""
    from asn1crypto import pem, x509

    from contentieux.erreurs import ErreurContentieux

    try:
        brut = (dossier / "racine.pem").read_bytes()
        racine = x509.Certificate.load(pem.unarmor(brut)[2] if pem.detect(brut) else brut)
        crl = (dossier / "racine.crl").read_bytes()
        signataires = {
            nom: Signataire.depuis_pkcs12(dossier / f"{nom}.p12", mot_de_passe=MOT_DE_PASSE_DEMO)
            for nom in SIGNATAIRES_DEMO
        }
        for signataire in signataires.values():
            signataire.verifier_certificat(instant)
            if signataire.certificat.issuer != racine.subject:  # racine d'une autre PKI
                return None
        validite = racine["tbs_certificate"]["validity"]
        if not validite["not_before"].native <= instant < validite["not_after"].native:
            return None
    except (OSError, ValueError, ErreurContentieux):
        return None
    return PkiJetable(
        racine=racine,
        agence=signataires["agence"],
        debiteur=signataires["debiteur"],
        creancier=signataires["creancier"],
        commissaire=signataires["commissaire"],
        crl=crl,
    )


def charger_ou_creer_pki(dossier: Path, instant: dt.datetime) -> tuple[PkiJetable, bool]:
    """La PKI de démonstration de ``dossier`` : relue si elle y est déjà (même racine pour tous
    les actes d'une démonstration, et d'une démonstration à la suivante), sinon créée et écrite.
    Rend aussi ``True`` si elle vient d'être créée."""
    existante = lire_pki(dossier, instant)
    if existante is not None:
        return existante, False
    pki = creer_pki_jetable(instant)
    ecrire_pki(pki, dossier)
    return pki, True
