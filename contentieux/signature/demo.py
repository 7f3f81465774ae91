"""Une PKI jetable pour la démonstration : racine, agence, débiteur, CRL — « TEST — sans valeur
juridique ».

Faite sur le moment avec ``cryptography`` (clés EC P-256, rapides à produire), elle ne quitte
jamais la mémoire : aucun fichier de clé n'est écrit. Les certificats des signataires pointent
vers une CRL fictive (``http://crl.demo.invalid``) que la démonstration fournit elle-même au
vérificateur (``donnees_revocation``) : la vérification reste hors ligne et peut conclure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from contentieux.signature.pades import MENTION_TEST
from contentieux.signature.signataire import Signataire, _signataire_en_memoire

URL_CRL = "http://crl.demo.invalid/racine.crl"


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

    def signataire(cn: str) -> Signataire:
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
        agence=signataire("Agence de démonstration"),
        debiteur=signataire("Débiteur de démonstration"),
        creancier=signataire("Créancier de démonstration"),
        commissaire=signataire("Commissaire de justice de démonstration"),
        crl=crl.public_bytes(Encoding.DER),
    )
