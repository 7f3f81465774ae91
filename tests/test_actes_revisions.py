"""``verifier-acte`` voit ce que voit le lecteur (issue 23, points 4 et 10).

Un acte produit tient en une révision ; toute révision ajoutée ensuite qui n'est ni une signature
ni des données de validation fait échouer la relecture, en disant laquelle. Une pièce jointe
abîmée est une erreur de données (code 3), jamais une « erreur inattendue ».
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from contentieux.actes import generer_acte, verifier_acte
from contentieux.cli import app
from contentieux.exemples import dossier_exemple
from tests.pki.fixtures import *  # noqa: F403 - fixtures pytest (pki, creancier, debiteur…)
from tests.pki.pki import PkiDeTest

AU = dt.date(2026, 6, 30)
runner = CliRunner()


@pytest.fixture(scope="module")
def mise_en_demeure() -> Any:
    return generer_acte("mise_en_demeure", dossier_exemple("b2b"), au=AU)


@pytest.fixture(scope="module")
def reconnaissance() -> Any:
    return generer_acte("reconnaissance_dette", dossier_exemple("loyer"), au=AU)


def _mise_a_jour(pdf: bytes, modifier: Any) -> bytes:
    """Une mise à jour incrémentale (révision ajoutée à la fin du fichier)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    modifier(w)
    sortie = io.BytesIO()
    w.write(sortie)
    return sortie.getvalue()


def _masquer_le_total(w: Any) -> None:
    """Un rectangle blanc sur toute la page et un autre total, dessinés par-dessus."""
    from pyhanko.pdf_utils import generic

    flux = generic.StreamObject(
        # WeasyPrint retourne l'axe vertical sans le rétablir : on le remet droit d'abord
        stream_data=b"1 0 0 -1 0 842 cm q 1 1 1 rg 0 0 595 842 re f Q "
        b"BT /F9 14 Tf 72 700 Td (Total : 0,00 EUR) Tj ET"
    )
    police = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Font"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Type1"),
            generic.pdf_name("/BaseFont"): generic.pdf_name("/Helvetica"),
        }
    )
    ressources = generic.DictionaryObject(
        {
            generic.pdf_name("/Font"): generic.DictionaryObject(
                {generic.pdf_name("/F9"): w.add_object(police)}
            )
        }
    )
    w.add_stream_to_page(0, w.add_object(flux), resources=ressources)


def test_un_total_recouvert_par_une_mise_a_jour_ne_tient_plus(
    mise_en_demeure: Any, tmp_path: Path
) -> None:
    avant = verifier_acte(mise_en_demeure.contenu)
    assert avant.tient and [r.nature for r in avant.revisions] == ["production"]
    recouvert = _mise_a_jour(mise_en_demeure.contenu, _masquer_le_total)
    # le total d'origine est toujours dans le texte : la relecture des chiffres seule tiendrait
    assert not verifier_acte(recouvert).ecarts and not verifier_acte(recouvert).absents_du_texte
    if shutil.which("pdftotext"):  # un lecteur indépendant voit le faux total
        chemin = tmp_path / "recouvert.pdf"
        chemin.write_bytes(recouvert)
        texte = subprocess.run(
            ["pdftotext", str(chemin), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Total : 0,00 EUR" in texte
    rapport = verifier_acte(recouvert)
    assert not rapport.tient
    (suspecte,) = rapport.revisions_suspectes
    assert suspecte.numero == 1 and "contenu des pages" in suspecte.detail
    chemin = tmp_path / "recouvert.pdf"
    chemin.write_bytes(recouvert)
    resultat = runner.invoke(app, ["verifier-acte", str(chemin)])
    assert resultat.exit_code == 1, resultat.stdout
    assert "révision 1" in resultat.stdout and "contenu des pages" in resultat.stdout
    resultat = runner.invoke(app, ["verifier-acte", str(chemin), "--json"])
    donnees = json.loads(resultat.stdout)
    assert resultat.exit_code == 1 and donnees["tient"] is False
    assert donnees["revisions"][1] == {
        "numero": 1,
        "nature": "autre",
        "detail": suspecte.detail,
        "cause": "pages",
    }


def test_metadonnees_et_pages_ajoutees_apres_production(mise_en_demeure: Any) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.writer import PageObject

    def titre(w: Any) -> None:
        info = w._info.get_object()
        info[generic.pdf_name("/Title")] = generic.pdf_string("Quittance")
        w.mark_update(w._info)

    def page(w: Any) -> None:
        flux = w.add_object(generic.StreamObject(stream_data=b"0 0 m 10 10 l S"))
        w.insert_page(PageObject(contents=flux, media_box=generic.ArrayObject([0, 0, 595, 842])))

    for modifier, attendu in ((titre, "/Info modifiées (Title)"), (page, "pages ajoutées")):
        rapport = verifier_acte(_mise_a_jour(mise_en_demeure.contenu, modifier))
        assert not rapport.tient
        assert [r.numero for r in rapport.revisions_suspectes] == [1]
        assert attendu in rapport.revisions_suspectes[0].detail


def test_acte_signe_puis_cosigne_en_b_lt_tient(
    reconnaissance: Any, pki: PkiDeTest, creancier: Any, debiteur: Any
) -> None:
    """Signatures, données de validation (DSS) : des révisions admises ; la mention est écrite
    dans la révision de la signature du débiteur."""
    from contentieux.signature import Signeur, cosigner, signer_acte

    url = pki.url_horodatage
    premier = signer_acte(
        reconnaissance.contenu,
        Signeur(creancier, niveau="B-LT", horodatage=url),
        reconnaissance.emplacements,
    )
    mention = (
        f"Bon pour {reconnaissance.contrat.montant_lettres} "
        f"({reconnaissance.contrat.chiffres['montant']})"
    )
    signe = cosigner(premier, Signeur(debiteur, niveau="B-LT", horodatage=url), mention=mention)
    rapport = verifier_acte(signe)
    natures = [r.nature for r in rapport.revisions]
    assert natures[0] == "production" and natures.count("signature") == 2
    assert "validation" in natures and "autre" not in natures, rapport.revisions
    assert rapport.tient


def test_mention_ecrite_hors_signature(reconnaissance: Any, creancier: Any) -> None:
    """Après la certification, quelqu'un remplit la mention sans signer : révision « autre »."""
    from contentieux.signature import Signeur, signer_acte
    from contentieux.signature.pades import remplir_mention

    premier = signer_acte(reconnaissance.contenu, Signeur(creancier), reconnaissance.emplacements)
    assert verifier_acte(premier).tient
    rempli = _mise_a_jour(premier, lambda w: remplir_mention(w, "Bon pour un euro (1,00 €)"))
    rapport = verifier_acte(rempli)
    assert not rapport.tient
    (suspecte,) = rapport.revisions_suspectes
    assert suspecte.numero == 2 and "mention-manuscrite" in suspecte.detail


# --- pièce jointe abîmée : erreur de données (code 3) -------------------------------------------


def _remplacer_piece_jointe(pdf: bytes, contenu: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    ecrivain = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    ecrivain._root_object["/Names"].pop("/EmbeddedFiles")
    ecrivain.add_attachment("contentieux-acte.json", contenu)
    sortie = io.BytesIO()
    ecrivain.write(sortie)
    return sortie.getvalue()


def _donnees(pdf: bytes) -> dict[str, Any]:
    from pypdf import PdfReader

    brut = PdfReader(io.BytesIO(pdf)).attachments["contentieux-acte.json"][0]
    donnees: dict[str, Any] = json.loads(brut)
    return donnees


@pytest.mark.parametrize(
    "abimer",
    [
        lambda d: b"{ pas du json",
        lambda d: b"\xff\xfe\x00",
        lambda d: b"[1, 2, 3]",
        lambda d: json.dumps({k: v for k, v in d.items() if k != "dossier"}).encode(),
        lambda d: json.dumps({k: v for k, v in d.items() if k != "chiffres"}).encode(),
        lambda d: json.dumps({**d, "au": "hier"}).encode(),
        lambda d: json.dumps({**d, "au": 20260630}).encode(),
        lambda d: json.dumps({**d, "parametres": []}).encode(),
        lambda d: json.dumps({**d, "chiffres": {"total": 3}}).encode(),
        lambda d: json.dumps({**d, "decompte": {"total": "x"}}).encode(),
        lambda d: json.dumps({**d, "dossier": "rien"}).encode(),
    ],
    ids=[
        "json-tronque",
        "pas-utf8",
        "liste",
        "sans-dossier",
        "sans-chiffres",
        "date-illisible",
        "date-nombre",
        "parametres-liste",
        "chiffre-nombre",
        "decompte-faux",
        "dossier-texte",
    ],
)
def test_piece_jointe_abimee_erreur_de_donnees(
    mise_en_demeure: Any, abimer: Any, tmp_path: Path
) -> None:
    abime = _remplacer_piece_jointe(
        mise_en_demeure.contenu, abimer(_donnees(mise_en_demeure.contenu))
    )
    from pydantic import ValidationError

    from contentieux.erreurs import DonneesInvalides

    # le dossier embarqué relu par le schéma : ValidationError de pydantic, erreur de données aussi
    with pytest.raises((DonneesInvalides, ValidationError)):
        verifier_acte(abime)
    chemin = tmp_path / "abime.pdf"
    chemin.write_bytes(abime)
    resultat = runner.invoke(app, ["verifier-acte", str(chemin)])
    assert resultat.exit_code == 3, (resultat.stdout, resultat.stderr)
    assert "inattendue" not in resultat.stderr and "Traceback" not in resultat.stderr
    resultat = runner.invoke(app, ["verifier-acte", str(chemin), "--json"])
    assert resultat.exit_code == 3
    assert json.loads(resultat.stdout)["sortie"] == 3
