"""La démonstration laisse une PKI de test utilisable ; rien sur la sortie d'erreur.

Issue 19, points 8 et 9 ; issue 23, point 10 (aucun avertissement de dépréciation imprimé par
``signer``). Les commandes tournent dans un vrai processus, avec ``python -W always`` : tout
avertissement qu'une bibliothèque émettrait serait imprimé si la commande ne les faisait pas
taire ; la sortie d'erreur doit rester vide. La démonstration tourne une fois pour ce module.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from contentieux.cli import app
from contentieux.signature.demo import FICHIERS_PKI, MOT_DE_PASSE_DEMO
from tests.pki.fixtures import *  # noqa: F403 - fixtures pytest (pki, acte, creancier…)
from tests.pki.fixtures import EMPLACEMENTS, MENTION
from tests.pki.pki import PkiDeTest

CONTENTIEUX = [sys.executable, "-W", "always", "-m", "contentieux.cli"]
DOC = Path(__file__).resolve().parents[1] / "docs" / "signature.md"
runner = CliRunner()


def _lancer(
    *args: str, cwd: Path | None = None, mot_de_passe: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CONTENTIEUX_P12_MOT_DE_PASSE"}
    env["COLUMNS"] = "200"
    if mot_de_passe is not None:
        env["CONTENTIEUX_P12_MOT_DE_PASSE"] = mot_de_passe
    return subprocess.run(
        [*CONTENTIEUX, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=900,
        check=False,
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    dossier = tmp_path_factory.mktemp("demo")
    return dossier, _lancer("demo", "-o", str(dossier))


def test_demo_sans_bruit_et_pki_ecrite(demo: tuple[Path, Any]) -> None:
    dossier, resultat = demo
    assert resultat.returncode == 0, resultat.stdout[-2000:]
    assert resultat.stderr == ""
    for nom in FICHIERS_PKI:
        assert (dossier / nom).stat().st_size > 0, nom
    assert MOT_DE_PASSE_DEMO in resultat.stdout  # le mot de passe des PKCS#12 est imprimé
    assert f"--confiance {dossier / 'racine.pem'}" in resultat.stdout


def test_actes_signes_par_la_demo_valides_avec_sa_racine(
    demo: tuple[Path, Any], tmp_path: Path
) -> None:
    """``verifier-signature X-signe.pdf --confiance DOSSIER/racine.pem`` : valide, code 0, hors
    ligne (la CRL est jointe au document), et ``verifier-acte`` admet ces révisions."""
    from contentieux.actes import verifier_acte

    dossier, _ = demo
    signes = sorted(dossier.glob("*_reconnaissance_dette-signe.pdf")) + sorted(
        dossier.glob("*_convention_recouvrement-signe.pdf")
    )
    assert signes
    racine = str(dossier / "racine.pem")
    for chemin in signes:
        resultat = runner.invoke(app, ["verifier-signature", str(chemin), "--confiance", racine])
        assert resultat.exit_code == 0, (chemin.name, resultat.stdout)
        assert verifier_acte(chemin.read_bytes()).tient, chemin.name
    vrai = _lancer("verifier-signature", str(signes[0]), "--confiance", racine, "--json")
    assert vrai.returncode == 0 and vrai.stderr == ""
    rapport = json.loads(vrai.stdout)
    assert rapport["verdict"] == "valide" and rapport["mention"]["signee"] is True
    if shutil.which("pdfsig"):  # validateur indépendant : chaque signature est intacte
        sortie = subprocess.run(
            ["pdfsig", "-no-ocsp", str(signes[0])],
            capture_output=True,
            text=True,
            env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
            check=False,
        ).stdout
        assert sortie.count("Signature Validation: Signature is Valid.") == 2, sortie


def test_signer_et_cosigner_avec_la_pki_de_la_demo(
    demo: tuple[Path, Any], acte: bytes, tmp_path: Path
) -> None:
    dossier, resultat = demo
    mot_de_passe = re.search(r"Mot de passe des PKCS#12 : (\S+)", resultat.stdout)
    assert mot_de_passe is not None and mot_de_passe.group(1) == MOT_DE_PASSE_DEMO
    (tmp_path / "acte.pdf").write_bytes(acte)
    (tmp_path / "emplacements.json").write_text(json.dumps(EMPLACEMENTS), encoding="utf-8")
    signe = _lancer(
        "signer",
        "acte.pdf",
        "--p12",
        str(dossier / "agence.p12"),
        "--emplacements",
        "emplacements.json",
        "-o",
        "premier.pdf",
        cwd=tmp_path,
        mot_de_passe=mot_de_passe.group(1),
    )
    assert signe.returncode == 0 and signe.stderr == "", signe.stderr
    cosigne = _lancer(
        "cosigner",
        "premier.pdf",
        "--p12",
        str(dossier / "debiteur.p12"),
        "--mention",
        MENTION,
        "-o",
        "final.pdf",
        cwd=tmp_path,
        mot_de_passe=mot_de_passe.group(1),
    )
    assert cosigne.returncode == 0 and cosigne.stderr == "", cosigne.stderr
    verifie = _lancer(
        "verifier-signature",
        "final.pdf",
        "--confiance",
        str(dossier / "racine.pem"),
        "--revocation",
        str(dossier / "racine.crl"),
        cwd=tmp_path,
    )
    assert verifie.returncode == 0, verifie.stdout
    assert verifie.stderr == ""
    assert "signée par Débiteur de démonstration" in verifie.stdout


def test_verifier_un_document_altere_sans_trace_ni_journal(
    pki: PkiDeTest, acte: bytes, creancier: Any, racine: Path, tmp_path: Path
) -> None:
    """pyHanko journalise ses analyses (trace Python comprise) : muettes sauf ``--verbeux``."""
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.writer import PageObject

    from contentieux.signature import signer_pdf

    w = IncrementalPdfFileWriter(io.BytesIO(signer_pdf(acte, creancier)))
    flux = w.add_object(generic.StreamObject(stream_data=b"0 0 m 9 9 l S"))
    w.insert_page(PageObject(contents=flux, media_box=generic.ArrayObject([0, 0, 595, 842])))
    sortie = io.BytesIO()
    w.write(sortie)
    chemin = tmp_path / "altere.pdf"
    chemin.write_bytes(sortie.getvalue())
    muet = _lancer("verifier-signature", str(chemin), "--confiance", str(racine))
    assert muet.returncode == 1 and "INVALIDE" in muet.stdout
    assert muet.stderr == ""
    bavard = _lancer("--verbeux", "verifier-signature", str(chemin), "--confiance", str(racine))
    assert bavard.returncode == 1
    assert "pyhanko" in bavard.stderr  # les journaux existent : ils sont seulement routés


def _blocs_shell(texte: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", texte, flags=re.DOTALL)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl absent")
def test_pki_openssl_de_la_documentation(acte: bytes, tmp_path: Path) -> None:
    """Les commandes OpenSSL de ``docs/signature.md`` font une PKI avec laquelle ``signer`` puis
    ``verifier-signature`` concluent (valide, code 0)."""
    blocs = _blocs_shell(DOC.read_text(encoding="utf-8"))
    assert blocs, "docs/signature.md doit montrer les commandes OpenSSL dans un bloc ```sh"
    (tmp_path / "acte.pdf").write_bytes(acte)
    bin_ = Path(sys.executable).parent
    assert (bin_ / "contentieux").exists()
    env = {
        "PATH": f"{bin_}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "CONTENTIEUX_P12_MOT_DE_PASSE": "essai-de-la-doc",
        "COLUMNS": "200",
        "PYTHONWARNINGS": "always",
    }
    resultat = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", "\n".join(blocs)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert resultat.returncode == 0, (resultat.stdout[-2000:], resultat.stderr[-2000:])
    assert "VALIDE : Les 1 signature(s) sont valides." in resultat.stdout
    for nom in ("racine.pem", "racine.crl", "agence.p12"):
        assert (tmp_path / nom).exists()
