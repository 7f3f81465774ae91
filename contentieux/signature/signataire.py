"""Le signataire : une clé privée et son certificat, chargés une fois pour toutes.

Deux origines :

- un fichier **PKCS#12** (``.p12``/``.pfx``), dont le mot de passe vient d'un argument, d'une
  variable d'environnement (``CONTENTIEUX_P12_MOT_DE_PASSE`` par défaut) ou d'une invite ;
- un jeton **PKCS#11** (carte, clé USB, HSM ; SoftHSM2 dans les tests) désigné par son module et
  son libellé.

La clé chargée est gardée dans l'objet : le signataire de pyHanko relit la clé à chaque signature
(~35 ms, deux fois par signature) ; ici elle est lue une fois. Le mot de passe ou le code PIN n'est
jamais conservé dans un attribut visible, ni écrit dans un message, un journal ou une ``repr``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contentieux.erreurs import (
    CertificatExpire,
    CertificatIllisible,
    JetonIntrouvable,
    UsageCleInterdit,
)

if TYPE_CHECKING:  # pragma: no cover
    from asn1crypto import x509  # type: ignore[import-untyped]
    from pyhanko.sign.signers import Signer

VARIABLE_MOT_DE_PASSE = "CONTENTIEUX_P12_MOT_DE_PASSE"
"""Variable d'environnement lue quand aucun mot de passe PKCS#12 n'est donné."""

VARIABLE_PIN = "CONTENTIEUX_PKCS11_PIN"
"""Variable d'environnement lue quand aucun code PIN PKCS#11 n'est donné."""

USAGES_SIGNATURE = frozenset({"digital_signature", "non_repudiation"})
"""Usages de clé (RFC 5280 §4.2.1.3) dont l'un au moins doit figurer au certificat."""


def _signataire_en_memoire(cle: Any, certificat: Any, autres: Iterable[Any]) -> Signer:
    """Un ``SimpleSigner`` de pyHanko qui garde la clé ``cryptography`` déjà analysée."""
    from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from pyhanko.keys.internal import translate_pyca_cryptography_key_to_asn1
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    class _SignataireMemoire(SimpleSigner):
        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mecanisme = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
            hachage = get_pyca_cryptography_hash(digest_algorithm)
            if mecanisme == "rsassa_pkcs1v15" and isinstance(cle, RSAPrivateKey):
                return cle.sign(data, PKCS1v15(), hachage)
            if mecanisme == "ecdsa" and isinstance(cle, EllipticCurvePrivateKey):
                return cle.sign(data, ECDSA(hachage))
            return super().sign_raw(data, digest_algorithm)  # autres mécanismes : voie lente

    registre = SimpleCertificateStore()  # type: ignore[no-untyped-call]
    registre.register_multiple(list(autres))
    return _SignataireMemoire(
        signing_cert=certificat,
        signing_key=translate_pyca_cryptography_key_to_asn1(cle),
        cert_registry=registre,
    )


class Signataire:
    """Une clé de signature et son certificat, prêts à signer autant de documents qu'on veut.

    Construire avec :meth:`depuis_pkcs12` ou :meth:`depuis_pkcs11`. L'objet ne garde aucune copie
    du mot de passe (PKCS#12) ; pour PKCS#11, la session ouverte sur le jeton reste ouverte tant
    que l'objet vit (fermer avec :meth:`fermer` ou un bloc ``with``).
    """

    __slots__ = ("_fermer", "_signer", "origine")

    def __init__(self, signer: Signer, *, origine: str, fermer: Callable[[], None] | None = None):
        self._signer = signer
        self.origine = origine
        self._fermer = fermer

    # --- construction ---------------------------------------------------------------------------

    @classmethod
    def depuis_pkcs12(
        cls,
        chemin: str | Path,
        *,
        mot_de_passe: str | bytes | None = None,
        variable: str = VARIABLE_MOT_DE_PASSE,
        demander: Callable[[], str] | None = None,
        autres_certificats: Iterable[x509.Certificate] = (),
    ) -> Signataire:
        """Charge un fichier PKCS#12.

        Le mot de passe est pris, dans l'ordre : ``mot_de_passe``, la variable d'environnement
        ``variable``, la fonction ``demander`` (une invite, par exemple) ; à défaut, le fichier est
        ouvert sans mot de passe.
        """
        from cryptography.hazmat.primitives.serialization import pkcs12
        from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1

        chemin = Path(chemin)
        secret = mot_de_passe
        if secret is None:
            secret = os.environ.get(variable)
        if secret is None and demander is not None:
            secret = demander()
        octets_secret = secret.encode("utf-8") if isinstance(secret, str) else secret
        del secret, mot_de_passe
        try:
            donnees = chemin.read_bytes()
        except OSError as exc:
            raise CertificatIllisible(
                f"Fichier PKCS#12 « {chemin} » illisible ({exc.strerror or exc}) : vérifiez le "
                "chemin donné à --p12."
            ) from None
        try:
            cle, certificat, autres = pkcs12.load_key_and_certificates(donnees, octets_secret)
        except Exception:  # cryptography lève ValueError ou TypeError selon le cas
            raise CertificatIllisible(
                f"Impossible d'ouvrir « {chemin.name} » : mot de passe incorrect ou absent, ou "
                "fichier qui n'est pas un PKCS#12. Donnez le mot de passe par l'option, la "
                f"variable {variable} ou l'invite."
            ) from None
        finally:
            del octets_secret
        if cle is None or certificat is None:
            raise CertificatIllisible(
                f"« {chemin.name} » ne contient pas de clé privée avec son certificat : exportez "
                "le PKCS#12 avec la clé."
            )
        certs = [translate_pyca_cryptography_cert_to_asn1(c) for c in autres]
        return cls(
            _signataire_en_memoire(
                cle,
                translate_pyca_cryptography_cert_to_asn1(certificat),
                [*certs, *autres_certificats],
            ),
            origine=f"PKCS#12 {chemin.name}",
        )

    @classmethod
    def depuis_pkcs11(
        cls,
        module: str | Path,
        *,
        jeton: str,
        pin: str | None = None,
        variable: str = VARIABLE_PIN,
        demander: Callable[[], str] | None = None,
        cle: str | None = None,
        certificat: str | None = None,
        autres_certificats: Iterable[x509.Certificate] = (),
    ) -> Signataire:
        """Ouvre une session sur le jeton ``jeton`` du module PKCS#11 ``module``.

        ``cle`` et ``certificat`` sont les libellés (``CKA_LABEL``) de la clé privée et du
        certificat ; par défaut, le seul certificat du jeton. Le PIN suit l'ordre de
        :meth:`depuis_pkcs12` (argument, variable ``CONTENTIEUX_PKCS11_PIN``, invite).
        ``autres_certificats`` : la chaîne (intermédiaires) à joindre à la signature quand le
        jeton ne la contient pas.
        """
        try:
            from pyhanko.config.pkcs11 import TokenCriteria
            from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
        except ImportError:  # pragma: no cover - dépend de l'installation
            raise JetonIntrouvable(
                "La signature PKCS#11 demande le paquet python-pkcs11 : pip install python-pkcs11."
            ) from None
        secret = pin if pin is not None else os.environ.get(variable)
        if secret is None and demander is not None:
            secret = demander()
        if not Path(module).is_file():
            raise JetonIntrouvable(
                f"Module PKCS#11 « {module} » introuvable : donnez le chemin de la bibliothèque "
                "du fournisseur (par exemple /usr/lib/softhsm/libsofthsm2.so)."
            )
        try:
            session = open_pkcs11_session(
                str(module), token_criteria=TokenCriteria(label=jeton), user_pin=secret
            )
        except Exception as exc:  # python-pkcs11 lève ses propres types
            raise JetonIntrouvable(
                f"Jeton « {jeton} » inaccessible par « {Path(module).name} » "
                f"({type(exc).__name__}) : vérifiez le libellé du jeton et le code PIN."
            ) from None
        finally:
            del secret, pin
        try:
            signer = PKCS11Signer(
                session,
                cert_label=certificat,
                key_label=cle,
                ca_chain=list(autres_certificats) or None,
            )
            _ = signer.signing_cert  # charge le certificat tout de suite
        except Exception as exc:
            session.close()
            raise JetonIntrouvable(
                f"Clé ou certificat introuvable sur le jeton « {jeton} » ({type(exc).__name__}) : "
                "donnez leurs libellés (CKA_LABEL)."
            ) from None
        return cls(signer, origine=f"PKCS#11 {jeton}", fermer=session.close)

    # --- accès ----------------------------------------------------------------------------------

    @property
    def signer(self) -> Signer:
        """Le signataire pyHanko sous-jacent (pour un usage avancé)."""
        return self._signer

    @property
    def certificat(self) -> x509.Certificate:
        """Le certificat du signataire (asn1crypto)."""
        certificat = self._signer.signing_cert
        if certificat is None:  # pragma: no cover - garanti par la construction
            raise CertificatIllisible("Le signataire n'a pas de certificat.")
        return certificat

    @property
    def nom(self) -> str:
        """Le nom commun (CN) du certificat, à défaut son sujet complet."""
        sujet = self.certificat.subject.native
        return str(sujet.get("common_name") or self.certificat.subject.human_friendly)

    def autres_certificats(self) -> list[x509.Certificate]:
        """Les certificats de la chaîne connus du signataire (intermédiaires, racine)."""
        registre = self._signer.cert_registry
        return list(registre) if registre is not None else []

    def verifier_certificat(self, instant: dt.datetime) -> None:
        """Refuse un certificat hors de sa période de validité ou sans usage de signature.

        Lève :class:`CertificatExpire` ou :class:`UsageCleInterdit` avec un message français.
        """
        certificat = self.certificat
        debut = certificat.not_valid_before
        fin = certificat.not_valid_after
        if instant < debut or instant > fin:
            raise CertificatExpire(
                f"Le certificat de « {self.nom} » est valide du {debut:%d/%m/%Y} au "
                f"{fin:%d/%m/%Y} : il ne peut pas signer le {instant:%d/%m/%Y}. Renouvelez-le "
                "auprès de l'autorité de certification."
            )
        usages = certificat.key_usage_value
        if usages is not None and not (set(usages.native) & USAGES_SIGNATURE):
            raise UsageCleInterdit(
                f"Le certificat de « {self.nom} » n'autorise pas la signature (usages : "
                f"{', '.join(sorted(usages.native))}) : il faut un certificat dont l'usage de clé "
                "comprend digitalSignature ou nonRepudiation."
            )

    def fermer(self) -> None:
        """Ferme la session PKCS#11 (sans effet pour un PKCS#12)."""
        if self._fermer is not None:
            self._fermer()
            self._fermer = None

    def __enter__(self) -> Signataire:
        return self

    def __exit__(self, *exc: object) -> None:
        self.fermer()

    def __repr__(self) -> str:
        return f"Signataire(nom={self.nom!r}, origine={self.origine!r})"
