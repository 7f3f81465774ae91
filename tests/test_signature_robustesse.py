"""Rien de faussement valide (issue 23, point 3).

- une mention de reconnaissance de dette ne compte comme celle du débiteur que si une signature
  valide de son champ la couvre (verrou de champ) : sinon « mention non signée », non valide ;
- une mention discordante (lettres ≠ chiffres) n'est pas valide (code de sortie ≠ 0) ;
- l'indication ETSI suit le verdict (pages ajoutées après signature : ``TOTAL-FAILED``) ;
- ``/Info`` modifié après la signature est une modification.

``pdfsig`` (poppler, NSS) sert de validateur indépendant : il voit lui aussi que le champ du
débiteur n'est pas signé et que la signature ne couvre plus tout le document.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from contentieux.cli import app
from contentieux.signature import Signataire, Signeur, cosigner, signer_acte, signer_pdf
from contentieux.signature.pades import remplir_mention
from contentieux.signature.verification import RapportSignature, verifier_signature
from tests.pki.fixtures import *  # noqa: F403 - fixtures pytest (pki, acte, creancier…)
from tests.pki.fixtures import EMPLACEMENTS, MENTION

runner = CliRunner()


def _mise_a_jour(pdf: bytes, modifier: Any) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    modifier(w)
    sortie = io.BytesIO()
    w.write(sortie)
    return sortie.getvalue()


def _pdfsig(pdf: bytes, dossier: Path) -> str:
    chemin = dossier / "examine.pdf"
    chemin.write_bytes(pdf)
    return subprocess.run(
        ["pdfsig", "-no-ocsp", str(chemin)],
        capture_output=True,
        text=True,
        env={"HOME": str(dossier), "PATH": "/usr/bin:/bin"},
        check=False,
    ).stdout


def _coherent(rapport: RapportSignature) -> None:
    """L'indication ETSI et le verdict disent la même chose, pour chaque signature."""
    attendu = {"TOTAL-PASSED": "valide", "INDETERMINATE": "indetermine", "TOTAL-FAILED": "invalide"}
    for s in rapport.signatures:
        assert attendu[s.indication] == s.verdict, (s.champ, s.indication, s.verdict)
        assert (s.sous_indication is None) == (s.indication == "TOTAL-PASSED")


def _verifier_cli(pdf: bytes, dossier: Path, racine: Path) -> Any:
    chemin = dossier / "a-verifier.pdf"
    chemin.write_bytes(pdf)
    return runner.invoke(app, ["verifier-signature", str(chemin), "--confiance", str(racine)])


@pytest.fixture(scope="module")
def certifie(acte: bytes, creancier: Signataire) -> bytes:
    """Reconnaissance certifiée par l'agence : champs du débiteur et de la mention prêts."""
    return signer_acte(acte, Signeur(creancier), EMPLACEMENTS)


def test_mention_ecrite_sans_la_signature_du_debiteur(
    certifie: bytes, racine: Path, tmp_path: Path
) -> None:
    """Après la certification, n'importe qui peut remplir la mention : elle n'est pas signée."""
    rempli = _mise_a_jour(certifie, lambda w: remplir_mention(w, MENTION))
    rapport = verifier_signature(rempli, confiance=racine, en_ligne=True)
    _coherent(rapport)
    (agence,) = rapport.signatures  # la certification, elle, permet le remplissage
    assert agence.verdict == "valide" and agence.modifications == "remplissage"
    assert rapport.mention is not None
    assert rapport.mention.concordante  # les sommes concordent…
    assert rapport.mention.signee is False  # … mais personne ne l'a signée
    assert rapport.mention.signataire is None
    assert rapport.verdict == "invalide"
    assert "mention non signée" in rapport.explication
    resultat = _verifier_cli(rempli, tmp_path, racine)
    assert resultat.exit_code == 1
    assert "mention non signée" in resultat.stdout and "VALIDE" not in resultat.stdout.replace(
        "INVALIDE", ""
    )
    # la mention est lue révision par révision : absente de celle de la certification
    from pyhanko.pdf_utils.reader import PdfFileReader

    from contentieux.signature.verification import _valeur_mention

    lecteur = PdfFileReader(io.BytesIO(rempli), strict=False)
    assert _valeur_mention(lecteur, "mention-manuscrite") == MENTION
    assert _valeur_mention(lecteur, "mention-manuscrite", revision=1) is None
    if shutil.which("pdfsig"):  # validateur indépendant : le champ du débiteur n'est pas signé
        sortie = _pdfsig(rempli, tmp_path)
        assert "signature-debiteur\n  The signature form field is not signed." in sortie, sortie


def test_mention_ecrite_apres_la_signature_du_debiteur(
    certifie: bytes, debiteur: Signataire, racine: Path
) -> None:
    """Le débiteur signe sans mention ; quelqu'un l'écrit ensuite : sa signature la verrouillait."""
    signe = cosigner(certifie, Signeur(debiteur))
    avant = verifier_signature(signe, confiance=racine, en_ligne=True)
    assert avant.verdict == "valide" and avant.mention is None
    rempli = _mise_a_jour(signe, lambda w: remplir_mention(w, MENTION))
    rapport = verifier_signature(rempli, confiance=racine, en_ligne=True)
    _coherent(rapport)
    assert rapport.mention is not None and rapport.mention.signee is False
    assert rapport.signatures[1].verdict == "invalide"  # champ verrouillé modifié
    assert rapport.verdict == "invalide"


def test_mention_signee_par_le_debiteur(reconnaissance_lt: bytes, racine: Path) -> None:
    rapport = verifier_signature(reconnaissance_lt, confiance=racine)
    _coherent(rapport)
    assert rapport.verdict == "valide", rapport.explication
    assert rapport.mention is not None
    assert rapport.mention.signee is True and rapport.mention.signataire == "Élodie Débiteur"


def test_mention_discordante_non_valide(
    certifie: bytes, debiteur: Signataire, racine: Path, tmp_path: Path
) -> None:
    """Lettres (mille euros) ≠ chiffres (1 234,56 €) : les lettres prévalent, l'acte ne dit pas
    ce qui est imprimé : non valide, code de sortie non nul."""
    signe = cosigner(certifie, Signeur(debiteur), mention="Bon pour mille euros (1 234,56 €)")
    rapport = verifier_signature(signe, confiance=racine, en_ligne=True)
    _coherent(rapport)
    assert all(s.verdict == "valide" for s in rapport.signatures)  # les signatures, elles, oui
    assert rapport.mention is not None and rapport.mention.signee is True
    assert not rapport.mention.concordante
    assert rapport.verdict == "invalide"
    assert "1376" in rapport.explication
    resultat = _verifier_cli(signe, tmp_path, racine)
    assert resultat.exit_code == 1 and "discordante" in resultat.stdout


def test_pages_ajoutees_apres_signature_total_failed(
    acte: bytes, creancier: Signataire, racine: Path, tmp_path: Path
) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.writer import PageObject

    def ajouter_page(w: Any) -> None:
        flux = w.add_object(generic.StreamObject(stream_data=b"0 0 m 100 100 l S"))
        w.insert_page(PageObject(contents=flux, media_box=generic.ArrayObject([0, 0, 595, 842])))

    ajoute = _mise_a_jour(signer_pdf(acte, creancier), ajouter_page)
    rapport = verifier_signature(ajoute, confiance=racine, en_ligne=True)
    _coherent(rapport)
    (sig,) = rapport.signatures
    assert sig.verdict == "invalide" and sig.indication == "TOTAL-FAILED"
    assert sig.sous_indication == "SIG_CONSTRAINTS_FAILURE"
    assert "modifié" in sig.explication
    if shutil.which("pdfsig"):
        assert "Not total document signed" in _pdfsig(ajoute, tmp_path)


def test_info_modifie_apres_signature(
    acte: bytes, creancier: Signataire, racine: Path, tmp_path: Path
) -> None:
    from pyhanko.pdf_utils import generic

    signe = signer_pdf(acte, creancier)
    intact = verifier_signature(signe, confiance=racine, en_ligne=True)
    assert intact.signatures[0].modifications == "aucune"

    def titre(w: Any) -> None:
        w._info.get_object()[generic.pdf_name("/Title")] = generic.pdf_string("Quittance")
        w.mark_update(w._info)

    modifie = _mise_a_jour(signe, titre)
    rapport = verifier_signature(modifie, confiance=racine, en_ligne=True)
    _coherent(rapport)
    (sig,) = rapport.signatures
    assert sig.modifications == "autres" and not sig.modifications_permises
    assert "Title" in sig.explication and "révision 2" in sig.explication
    assert rapport.verdict == "invalide"
    assert _verifier_cli(modifie, tmp_path, racine).exit_code == 1
    if shutil.which("pdfsig"):
        assert "Not total document signed" in _pdfsig(modifie, tmp_path)


def test_indication_coherente_sur_les_cas_ordinaires(
    reconnaissance_lt: bytes, acte: bytes, creancier: Signataire, racine: Path
) -> None:
    _coherent(verifier_signature(reconnaissance_lt, confiance=racine))
    _coherent(verifier_signature(signer_pdf(acte, creancier), confiance=racine))  # hors ligne
    donnees = bytearray(reconnaissance_lt)
    donnees[donnees.index(b"Reconnaissance")] ^= 0x01
    _coherent(verifier_signature(bytes(donnees), confiance=racine))
