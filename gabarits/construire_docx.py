"""Construit les ``gabarit.docx`` des actes avec python-docx (exécuter après toute modification).

    python gabarits/construire_docx.py

Chaque acte reçoit la même mise en page que son gabarit HTML : en-tête, adresses, titre, sections
(paragraphes, tableau avec boucles de lignes ``{%tr %}`` et de colonnes ``{%tc %}``, notes),
mention manuscrite, signatures, pied de page numéroté. Les valeurs viennent du contrat
(``contenu``), comme pour le HTML : aucun calcul dans le gabarit. Un test vérifie que les fichiers
livrés sont à jour (même texte XML que ceux que ce script produit).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ICI = Path(__file__).resolve().parent
POLICE = "Liberation Serif"
POLICE_TITRES = "Liberation Sans"


def _police(style: object, nom: str, taille: float, gras: bool = False) -> None:
    police = style.font  # type: ignore[attr-defined]
    police.name = nom
    police.size = Pt(taille)
    police.bold = gras
    rpr = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    for attribut in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attribut), nom)


def _para(
    doc: object,
    texte: str,
    style: str | None = None,
    *,
    gras: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    taille: float | None = None,
) -> object:
    p = doc.add_paragraph(style=style)  # type: ignore[attr-defined]
    run = p.add_run(texte)
    run.bold = gras or None
    if taille:
        run.font.size = Pt(taille)
    if align is not None:
        p.alignment = align
    return p


def _champ_page(paragraphe: object, code: str) -> None:
    run = paragraphe.add_run()  # type: ignore[attr-defined]
    for type_, texte in (
        ("begin", None),
        (None, code),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if type_:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), type_)
        elif texte == code:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {code} "
        else:
            el = OxmlElement("w:t")
            el.text = texte
        run._r.append(el)


def _boucle_colonnes(
    ligne: object, debut: str, contenu: list[str], *, gras: bool = False, taille: float = 8.5
) -> None:
    """Une ligne de trois cellules : ``{%tc for %}``, la cellule répétée, ``{%tc endfor %}``."""
    cellules = ligne.cells  # type: ignore[attr-defined]
    cellules[0].paragraphs[0].add_run(debut)
    for i, texte in enumerate(contenu):
        p = cellules[1].paragraphs[0] if i == 0 else cellules[1].add_paragraph()
        run = p.add_run(texte)
        run.bold = gras or None
        run.font.size = Pt(taille)
    cellules[2].paragraphs[0].add_run("{%tc endfor %}")


def _tableau(doc: object) -> None:
    """Tableau générique : en-têtes, lignes et total en boucles docxtpl."""
    t = doc.add_table(rows=7, cols=3)  # type: ignore[attr-defined]
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    _boucle_colonnes(t.rows[0], "{%tc for col in s.tableau.colonnes %}", ["{{ col }}"], gras=True)
    t.rows[1].cells[0].paragraphs[0].add_run("{%tr for ligne in s.tableau.lignes %}")
    _boucle_colonnes(t.rows[2], "{%tc for cellule in ligne %}", ["{{ cellule }}"])
    t.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    t.rows[4].cells[0].paragraphs[0].add_run("{%tr if s.tableau.total %}")
    _boucle_colonnes(
        t.rows[5], "{%tc for cellule in s.tableau.total %}", ["{{ cellule }}"], gras=True
    )
    t.rows[6].cells[0].paragraphs[0].add_run("{%tr endif %}")
    # La ligne d'en-tête se répète en haut de chaque page.
    trpr = t.rows[0]._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))


def _insecable(rang: object) -> None:
    """Une ligne de tableau qui ne se coupe pas et reste liée à ce qui suit (signature)."""
    trpr = rang._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    trpr.append(OxmlElement("w:cantSplit"))
    for cellule in rang.cells:  # type: ignore[attr-defined]
        for paragraphe in cellule.paragraphs:
            paragraphe.paragraph_format.keep_with_next = True


def construire(identifiant: str) -> bytes:
    """Le gabarit DOCX d'un acte."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(22), Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(22)
    _police(doc.styles["Normal"], POLICE, 11)
    doc.styles["Normal"].paragraph_format.space_after = Pt(4)
    _police(doc.styles["Title"], POLICE_TITRES, 16, gras=True)
    doc.styles["Title"].font.color.rgb = RGBColor(0x11, 0x11, 0x11)
    _police(doc.styles["Heading 2"], POLICE_TITRES, 11, gras=True)
    doc.styles["Heading 2"].font.color.rgb = RGBColor(0x11, 0x11, 0x11)
    _police(doc.styles["Table Grid"], POLICE, 8.5)

    # Pied de page : référence, fondements, numéro de page.
    pied = section.footer.paragraphs[0]
    run = pied.add_run("{{ contenu.pied }} — page ")
    run.font.size = Pt(7.5)
    _champ_page(pied, "PAGE")
    pied.add_run(" / ").font.size = Pt(7.5)
    _champ_page(pied, "NUMPAGES")

    # Note au signataire : seule sur la première page, à retirer avant le dépôt.
    _para(doc, "{%p if contenu.note_interne %}")
    _para(doc, "{{ contenu.note_interne.titre or '' }}", "Heading 2")
    _para(doc, "{%p for p in contenu.note_interne.paragraphes %}")
    _para(doc, "{{ p.texte }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _para(doc, "{%p endfor %}")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(doc, "{%p endif %}")

    _para(doc, "{%p if logo %}")
    _para(doc, "{{ logo }}")
    _para(doc, "{%p endif %}")
    _para(doc, "{{ contenu.en_tete.nom }}", gras=True, taille=13)
    _para(doc, "{%p for ligne in contenu.en_tete.lignes %}")
    _para(doc, "{{ ligne }}", taille=8.5)
    _para(doc, "{%p endfor %}")

    # Expéditeur et destinataire côte à côte.
    adresses = doc.add_table(rows=1, cols=2)
    gauche, droite = adresses.rows[0].cells
    gauche.paragraphs[0].add_run("{{ contenu.expediteur.nom }}").bold = True
    gauche.add_paragraph("{%p for ligne in contenu.expediteur.adresse %}")
    gauche.add_paragraph("{{ ligne }}")
    gauche.add_paragraph("{%p endfor %}")
    droite.paragraphs[0].add_run("{%p if contenu.destinataire %}")
    droite.add_paragraph().add_run("{{ contenu.destinataire.nom }}").bold = True
    droite.add_paragraph("{%p for ligne in contenu.destinataire.adresse %}")
    droite.add_paragraph("{{ ligne }}")
    droite.add_paragraph("{%p endfor %}")
    droite.add_paragraph("{%p endif %}")

    _para(doc, "{{ contenu.lieu_date }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, "{%p if contenu.mode_envoi %}")
    _para(doc, "{{ contenu.mode_envoi }}", gras=True)
    _para(doc, "{%p endif %}")
    _para(doc, "{{ contenu.titre }}", "Title", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "{%p if contenu.sous_titre %}")
    p = _para(doc, "{{ contenu.sous_titre }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    p.runs[0].italic = True  # type: ignore[attr-defined]
    _para(doc, "{%p endif %}")
    _para(doc, "{%p if contenu.objet %}")
    _para(doc, "Objet\u00a0: {{ contenu.objet }}")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p if contenu.formule_appel %}")
    _para(doc, "{{ contenu.formule_appel }}")
    _para(doc, "{%p endif %}")

    # Sections.
    _para(doc, "{%p for s in contenu.sections %}")
    _para(doc, "{%p if s.titre %}")
    _para(doc, "{{ s.titre }}", "Heading 2")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p for p in s.paragraphes %}")
    # Un paragraphe « important » (la demande, l'engagement du débiteur) est en gras, comme en
    # HTML, et lié au suivant : la reconnaissance reste avec la mention et la signature.
    _para(doc, "{%p if p.style == 'important' %}")
    important = _para(doc, "{{ p.texte }}", gras=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    important.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]
    _para(doc, "{%p else %}")
    _para(doc, "{{ p.texte }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _para(doc, "{%p endif %}")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p if s.tableau %}")
    _tableau(doc)
    _para(doc, "{%p endif %}")
    _para(doc, "{%p for p in s.notes %}")
    _para(doc, "{{ p.texte }}", taille=9)
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p endfor %}")

    # Mention manuscrite (C. civ. 1376) : le modèle (la somme en lettres et en chiffres), le
    # cadre et la signature restent sur une même page (« lier au suivant », lignes insécables).
    _para(doc, "{%p if contenu.mention_manuscrite %}")
    modele = _para(doc, "Modèle de mention\u00a0: {{ contenu.mention_manuscrite }}", taille=9.5)
    modele.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]
    cadre = doc.add_table(rows=1, cols=1)
    cadre.style = "Table Grid"
    cadre.rows[0].height = Mm(38)
    _insecable(cadre.rows[0])
    cadre.rows[0].cells[0].paragraphs[0].add_run("")
    _para(doc, "{%p endif %}")

    _para(doc, "{%p if contenu.formule_politesse %}")
    _para(doc, "{{ contenu.formule_politesse }}")
    _para(doc, "{%p endif %}")

    # Signatures : une colonne par signataire.
    _para(doc, "{%p if contenu.signatures %}")
    signatures = doc.add_table(rows=2, cols=3)
    _boucle_colonnes(
        signatures.rows[0],
        "{%tc for sig in contenu.signatures %}",
        ["{{ sig.qualite }}", "{{ sig.nom }}", "{{ sig.mention or '' }}"],
        taille=10,
    )
    _boucle_colonnes(signatures.rows[1], "{%tc for sig in contenu.signatures %}", [""])
    signatures.rows[1].height = Mm(30)
    for rang in signatures.rows:
        _insecable(rang)
    _para(doc, "{%p endif %}")
    doc.core_properties.title = identifiant
    doc.core_properties.author = "contentieux"
    # Dates fixes : un gabarit régénéré est identique octet pour octet en XML.
    import datetime as dt

    fixe = dt.datetime(2026, 1, 1)
    doc.core_properties.created = fixe
    doc.core_properties.modified = fixe
    doc.core_properties.last_printed = fixe
    doc.core_properties.revision = 1
    sortie = io.BytesIO()
    doc.save(sortie)
    return sortie.getvalue()


def actes() -> list[str]:
    """Les actes du dossier gabarits (un sous-dossier avec manifeste.yaml)."""
    return sorted(
        p.parent.name for p in ICI.glob("*/manifeste.yaml") if not p.parent.name.startswith("_")
    )


def main() -> None:
    for identifiant in actes():
        (ICI / identifiant / "gabarit.docx").write_bytes(construire(identifiant))
        print(f"{identifiant}/gabarit.docx")


if __name__ == "__main__":
    sys.exit(main())
