"""Fixtures pytest des tests de signature (importées par ``tests/test_signature*``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from tests.pki.pki import MOT_DE_PASSE, PkiDeTest

EMPLACEMENTS = {
    "signature-creancier": (0, 50, 60, 270, 120),
    "mention-manuscrite": (0, 300, 130, 560, 160),
    "signature-debiteur": (0, 300, 60, 560, 120),
}
MONTANT = "1234.56"
MENTION = "Bon pour mille deux cent trente-quatre euros et cinquante-six centimes (1 234,56 €)"


def faire_acte(montant: str = MONTANT) -> bytes:
    """Un acte comme ceux de la couche actes : PDF/A-3b, données JSON jointes."""
    import weasyprint

    html = (
        "<html lang='fr'><head><title>Reconnaissance de dette</title><style>"
        "body{font-family:'Liberation Serif'}</style></head><body>"
        "<h1>Reconnaissance de dette</h1>"
        f"<p>Je reconnais devoir la somme de {montant.replace('.', ',')} € "
        "à l’agence « Recouvr’Est »"
        " (œuvre de test).</p></body></html>"
    )
    # même forme que la pièce jointe des actes (contentieux.actes : « contentieux-acte/1 »)
    imprime = f"{Decimal(montant):,.2f}".replace(",", "\u202f").replace(".", ",") + "\u00a0€"
    donnees = json.dumps(
        {
            "format": "contentieux-acte/1",
            "dossier": {"factures": [{"montant": "99.99"}]},
            "chiffres": {"montant": imprime},
        }
    )
    pdf = weasyprint.HTML(string=html).write_pdf(
        pdf_variant="pdf/a-3b",
        attachments=[
            weasyprint.Attachment(
                string=donnees, name="contentieux-acte.json", description="Données de l'acte"
            )
        ],
    )
    assert isinstance(pdf, bytes)
    return pdf


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PkiDeTest]:
    pki = PkiDeTest.demarrer(tmp_path_factory.mktemp("pki"))
    yield pki
    pki.arreter()


@pytest.fixture(scope="session")
def acte() -> bytes:
    return faire_acte()


@pytest.fixture(scope="session")
def creancier(pki: PkiDeTest):  # type: ignore[no-untyped-def]
    from contentieux.signature import Signataire

    return Signataire.depuis_pkcs12(pki.p12("creancier"), mot_de_passe=MOT_DE_PASSE)


@pytest.fixture(scope="session")
def debiteur(pki: PkiDeTest):  # type: ignore[no-untyped-def]
    from contentieux.signature import Signataire

    return Signataire.depuis_pkcs12(pki.p12("debiteur"), mot_de_passe=MOT_DE_PASSE)


@pytest.fixture(scope="session")
def racine(pki: PkiDeTest) -> Path:
    return pki.racine_pem()


@pytest.fixture(scope="session")
def reconnaissance_lt(pki: PkiDeTest, acte: bytes, creancier, debiteur) -> bytes:  # type: ignore[no-untyped-def]
    """Reconnaissance de dette certifiée par l'agence puis signée par le débiteur, en B-LT."""
    from contentieux.signature import Signeur, cosigner, signer_acte

    url = pki.url_horodatage
    premier = signer_acte(acte, Signeur(creancier, niveau="B-LT", horodatage=url), EMPLACEMENTS)
    return cosigner(premier, Signeur(debiteur, niveau="B-LT", horodatage=url), mention=MENTION)
