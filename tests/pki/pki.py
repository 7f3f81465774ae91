"""PKI de test : clés générées à la volée, certificats par certomancer, services sur 127.0.0.1.

``PkiDeTest.demarrer(dossier)`` écrit les clés dans ``dossier``, construit l'architecture
décrite par ``certomancer.yml`` et sert l'OCSP, les CRL et l'horodatage sur un port libre de la
boucle locale (rien ne sort de la machine). Les heures des réponses OCSP et des jetons
d'horodatage sont tronquées à la seconde : NSS (pdfsig) refuse les fractions de seconde.
"""

from __future__ import annotations

import datetime as dt
import http.server
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG = Path(__file__).with_name("certomancer.yml")
ARCH = "contentieux"
CLES = (
    "racine",
    "interm",
    "ocsp",
    "tsa",
    "creancier",
    "debiteur",
    "revoque",
    "expire",
    "chiffrement",
)
MOT_DE_PASSE = "s3cr3t-de-test"


CLES_DE_SERVICE = ("ocsp", "tsa")
"""Clés des services (OCSP, horodatage) : ECDSA P-256. certomancer relit la clé à chaque réponse ;
une clé RSA 2048 y coûte ≈ 40 ms de vérification, qui pèseraient sur les mesures de débit B-T
(``benchmarks/bench_lots.py``) comme sur les deux cœurs des workers. Les signataires restent RSA."""


def _generer_cles(dossier: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    for nom in CLES:
        cle: Any = (
            ec.generate_private_key(ec.SECP256R1())
            if nom in CLES_DE_SERVICE
            else rsa.generate_private_key(public_exponent=65537, key_size=2048)
        )
        (dossier / f"{nom}.key.pem").write_bytes(
            cle.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )


@dataclass
class PkiDeTest:
    dossier: Path
    arch: Any
    serveur: http.server.ThreadingHTTPServer
    base: str
    hors_service: set[str] = field(default_factory=set)
    """Services à faire échouer (``"ocsp"``, ``"tsa"``, ``"crls"``)."""

    @classmethod
    def demarrer(cls, dossier: Path) -> PkiDeTest:
        from certomancer.registry import ArchLabel, CertomancerConfig

        _generer_cles(dossier)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        sock.close()
        base = f"http://127.0.0.1:{port}"
        config = CertomancerConfig.from_file(
            str(CONFIG), key_search_dir=str(dossier), external_url_prefix=base
        )
        arch = config.get_pki_arch(ArchLabel(ARCH))
        pki_holder: dict[str, PkiDeTest] = {}
        serveur = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), _gestionnaire(arch, pki_holder)
        )
        pki = cls(dossier, arch, serveur, base)
        pki_holder["pki"] = pki
        threading.Thread(target=serveur.serve_forever, daemon=True).start()
        return pki

    def arreter(self) -> None:
        self.serveur.shutdown()
        self.serveur.server_close()

    @property
    def url_horodatage(self) -> str:
        return f"{self.base}/{ARCH}/tsa/tsa"

    def certificat(self, nom: str) -> Any:
        from certomancer.registry import CertLabel

        return self.arch.get_cert(CertLabel(nom))

    def p12(self, nom: str, mot_de_passe: str = MOT_DE_PASSE) -> Path:
        """Écrit le PKCS#12 du signataire ``nom`` (avec sa chaîne) et renvoie son chemin."""
        from certomancer.registry import CertLabel, KeyLabel

        chemin = self.dossier / f"{nom}.p12"
        if not chemin.exists():
            chemin.write_bytes(
                self.arch.package_pkcs12(
                    CertLabel(nom),
                    key_label=KeyLabel(nom),
                    certs_to_embed=[CertLabel("interm"), CertLabel("racine")],
                    password=mot_de_passe.encode(),
                )
            )
        return chemin

    def racine_pem(self) -> Path:
        from asn1crypto import pem

        chemin = self.dossier / "racine.pem"
        chemin.write_bytes(pem.armor("CERTIFICATE", self.certificat("racine").dump()))
        return chemin


def _maintenant() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _gestionnaire(arch: Any, holder: dict[str, PkiDeTest]) -> type:
    from asn1crypto import ocsp, tsp
    from certomancer.registry import ServiceLabel

    services = arch.service_registry

    class Gestionnaire(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # silencieux
            pass

        def _repondre(self, corps: bytes, type_: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", type_)
            self.send_header("Content-Length", str(len(corps)))
            self.end_headers()
            self.wfile.write(corps)

        def _service(self) -> tuple[str, str] | None:
            morceaux = self.path.strip("/").split("/")
            if len(morceaux) < 3 or morceaux[0] != ARCH:
                self.send_error(404)
                return None
            if morceaux[1] in holder["pki"].hors_service:
                self.send_error(503)
                return None
            return morceaux[1], morceaux[2]

        def do_POST(self) -> None:
            service = self._service()
            if service is None:
                return
            genre, nom = service
            donnees = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if genre == "ocsp":
                repondeur = services.summon_responder(ServiceLabel(nom), _maintenant())
                reponse = repondeur.build_ocsp_response(ocsp.OCSPRequest.load(donnees))
                self._repondre(reponse.dump(), "application/ocsp-response")
            elif genre == "tsa":
                tsa = services.summon_timestamper(ServiceLabel(nom), _maintenant())
                reponse = tsa.request_tsa_response(tsp.TimeStampReq.load(donnees))
                self._repondre(reponse.dump(), "application/timestamp-reply")
            else:
                self.send_error(404)

        def do_GET(self) -> None:
            service = self._service()
            if service is None:
                return
            genre, nom = service
            if genre == "crls":
                crl = services.get_crl(ServiceLabel(nom), _maintenant())
                self._repondre(crl.dump(), "application/pkix-crl")
            else:
                self.send_error(404)

    return Gestionnaire
