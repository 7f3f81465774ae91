"""Signature par un jeton PKCS#11 : SoftHSM2, configuré dans un dossier temporaire."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from contentieux.erreurs import JetonIntrouvable
from contentieux.signature import Signataire, signer_pdf
from contentieux.signature.verification import verifier_signature
from tests.pki.fixtures import *  # noqa: F403 - fixtures pytest (pki, acte, racine…)
from tests.pki.pki import PkiDeTest

MODULES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")
MODULE = next((m for m in MODULES if Path(m).is_file()), None)
PIN = "5678"
JETON = "contentieux-test"

pytestmark = [
    pytest.mark.skipif(
        MODULE is None
        or shutil.which("softhsm2-util") is None
        or shutil.which("pkcs11-tool") is None,
        reason="softhsm2 et opensc (pkcs11-tool) absents",
    ),
]


@pytest.fixture(scope="module")
def jeton(pki: PkiDeTest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Un jeton SoftHSM2 neuf portant la clé et le certificat du créancier."""

    dossier = tmp_path_factory.mktemp("softhsm")
    (dossier / "jetons").mkdir()
    conf = dossier / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {dossier / 'jetons'}\nobjectstore.backend = file\n"
        "log.level = ERROR\n"
    )
    env = {"SOFTHSM2_CONF": str(conf), "PATH": "/usr/bin:/bin"}

    def lancer(*args: str) -> None:
        subprocess.run(args, env=env, check=True, capture_output=True)

    lancer("softhsm2-util", "--init-token", "--free", "--label", JETON, "--so-pin", "1234",
           "--pin", PIN)  # fmt: skip
    lancer("softhsm2-util", "--import", str(pki.dossier / "creancier.key.pem"), "--token", JETON,
           "--label", "creancier", "--id", "01", "--pin", PIN)  # fmt: skip
    certificat = dossier / "creancier.der"
    certificat.write_bytes(pki.certificat("creancier").dump())
    lancer("pkcs11-tool", "--module", str(MODULE), "--token-label", JETON, "--login", "--pin",
           PIN, "--write-object", str(certificat), "--type", "cert", "--id", "01", "--label",
           "creancier")  # fmt: skip
    mp = pytest.MonkeyPatch()
    mp.setenv("SOFTHSM2_CONF", str(conf))
    yield env
    mp.undo()


def test_signature_pkcs11_softhsm(
    jeton: dict[str, str], pki: PkiDeTest, acte: bytes, racine: Path
) -> None:
    with Signataire.depuis_pkcs11(
        str(MODULE),
        jeton=JETON,
        pin=PIN,
        cle="creancier",
        certificat="creancier",
        autres_certificats=[pki.certificat("interm")],
    ) as signataire:
        assert PIN not in repr(signataire)
        assert signataire.nom == "Agence Recouvr’Est « test »"
        signe = signer_pdf(acte, signataire, niveau="B-T", horodatage=pki.url_horodatage)
    rapport = verifier_signature(signe, confiance=racine, en_ligne=True)
    (sig,) = rapport.signatures
    assert sig.intacte and sig.de_confiance
    assert (sig.niveau, sig.indication, rapport.verdict) == ("B-T", "TOTAL-PASSED", "valide")


def test_pkcs11_mauvais_pin_ou_jeton(jeton: dict[str, str]) -> None:
    with pytest.raises(JetonIntrouvable) as exc:
        Signataire.depuis_pkcs11(str(MODULE), jeton=JETON, pin="0000")
    assert "0000" not in str(exc.value)
    with pytest.raises(JetonIntrouvable, match="inconnu"):
        Signataire.depuis_pkcs11(str(MODULE), jeton="inconnu", pin=PIN)
    with pytest.raises(JetonIntrouvable, match="introuvable"):
        Signataire.depuis_pkcs11("/nulle/part/lib.so", jeton=JETON, pin=PIN)
