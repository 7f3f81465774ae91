"""La note de couverture d'une requête produite malgré les réserves de la vérification est seule
sur la première page : le signataire la retire avant le dépôt, la requête déposée n'en porte rien
(une réserve adressée au juge la ferait rejeter, CPC 1409). Défaut relevé à la relecture d'un
avocat : la note était imprimée dans le corps de la requête, entre le titre et « Le requérant »."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from pypdf import PdfReader

from contentieux.actes import Atelier
from tests.test_actes_cas import construire_dossier, lire_cas

CAS = Path(__file__).parent / "cas" / "actes" / "p10_requete_indeterminee_note_de_couverture.yaml"


def _generer(format_: str) -> bytes:
    cas = lire_cas(CAS)
    acte = Atelier().generer(
        cas["acte"],
        construire_dossier(cas),
        au=cas["au"],
        format=format_,
        parametres=cas.get("parametres"),
    )
    return acte.contenu


def test_la_note_est_seule_sur_la_premiere_page_du_pdf() -> None:
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(_generer("pdf"))).pages]
    assert "Note de couverture" in pages[0]
    assert "Le requérant" not in pages[0] and "Par ces motifs" not in pages[0]
    assert all("Note de couverture" not in page for page in pages[1:])
    assert "Le requérant" in pages[1]


def test_la_note_precede_un_saut_de_page_dans_le_docx() -> None:
    document = docx.Document(io.BytesIO(_generer("docx")))
    textes = [p.text for p in document.paragraphs]
    note = next(i for i, t in enumerate(textes) if "Note de couverture" in t)
    saut = next(
        i
        for i, p in enumerate(document.paragraphs)
        if i > note and 'w:br w:type="page"' in p._p.xml
    )
    requerant = textes.index("Le requérant")
    assert note < saut < requerant
