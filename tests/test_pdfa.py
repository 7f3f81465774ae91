"""Contrôle PDF/A-3b indépendant de WeasyPrint, sur chacun des 11 actes d'exemple.

veraPDF, le validateur de référence, n'est dans aucun des registres que ce projet atteint. Ce
contrôle le remplace au mieux : ``qpdf --check`` (syntaxe, tables de références, flux décodables)
puis nos propres assertions, relues dans le fichier par pypdf et fontTools et non tirées de
WeasyPrint (ISO 19005-3, clauses entre parenthèses) :

- en-tête ``%PDF-1.n`` suivi d'un commentaire de quatre octets > 127 (6.1.2) ; ``/ID`` dans la
  remorque, pas de ``/Encrypt`` (6.1.3) ;
- XMP : paquet ``xpacket``, XML bien formé, ``pdfaid:part`` = 3 et ``pdfaid:conformance`` = B
  (6.6.2, 6.6.4) ;
- intention de sortie ``GTS_PDFA1`` unique, profil ICC embarqué (signature ``acsp``) dont le nombre
  de composantes est celui de ``/N`` (6.2.3) ;
- pièce jointe associée : le tableau ``/AF`` du catalogue la liste **une seule fois**, c'est le même
  objet que dans l'arbre ``EmbeddedFiles`` ; ``/AFRelationship /Data``, ``/F`` et ``/UF``, type
  MIME (``/Subtype``) et ``/Params /ModDate`` sur le flux (6.8) ;
- polices : programme embarqué (``FontFile2``) pour chaque police de chaque page, largeurs ``/W``
  égales à celles de la table ``hmtx`` du programme embarqué (6.2.11.5), et aucun glyphe .notdef
  dessiné : chaque CID montré par ``Tj``/``TJ`` est un glyphe réel du programme (ni 0, ni au-delà
  du nombre de glyphes) (6.2.11.8) ;
- pas de JavaScript ni d'action automatique (6.6.1).

Ce qui reste non vérifié est listé dans ``docs/actes.md`` (§ Contrôle PDF/A indépendant).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from contentieux.actes.rendu import ACTES, NOM_PIECE_JOINTE, ActeGenere, Atelier
from contentieux.erreurs import ErreurContentieux
from contentieux.exemples import dossier_exemple, noms_exemples

AU = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def actes() -> dict[str, ActeGenere]:
    """Chacun des 11 actes, depuis le premier dossier d'exemple qui le permet."""
    atelier = Atelier()
    produits: dict[str, ActeGenere] = {}
    for acte in ACTES:
        for nom in noms_exemples():
            try:
                produits[acte] = atelier.generer(acte, dossier_exemple(nom), au=AU)
            except ErreurContentieux:
                continue
            break
    assert set(produits) == set(ACTES) and len(produits) == 11
    return produits


# --- Contrôles -------------------------------------------------------------------------------


def controle_qpdf(contenu: bytes, dossier: Path) -> list[str]:
    fichier = dossier / "acte.pdf"
    fichier.write_bytes(contenu)
    resultat = subprocess.run(["qpdf", "--check", str(fichier)], capture_output=True, text=True)
    if resultat.returncode != 0 or "No syntax or stream encoding errors" not in resultat.stdout:
        return [f"qpdf --check : {resultat.returncode} {resultat.stdout} {resultat.stderr}"]
    return []


def controle_structure(contenu: bytes) -> list[str]:
    from pypdf import PdfReader

    defauts = []
    if not re.match(rb"%PDF-1\.[4-7]\r?\n%[\x80-\xff]{4}", contenu):
        defauts.append("6.1.2 : en-tête ou commentaire binaire")
    remorque = PdfReader(io.BytesIO(contenu)).trailer
    if "/ID" not in remorque or len(remorque["/ID"]) != 2:
        defauts.append("6.1.3 : /ID absent de la remorque")
    if "/Encrypt" in remorque:
        defauts.append("6.1.3 : fichier chiffré")
    racine = remorque["/Root"]
    if "/OpenAction" in racine or "/AA" in racine or "/JavaScript" in racine.get("/Names", {}):
        defauts.append("6.6.1 : action automatique ou JavaScript")
    return defauts


def controle_xmp(contenu: bytes) -> list[str]:
    from pypdf import PdfReader

    racine = PdfReader(io.BytesIO(contenu)).trailer["/Root"]
    flux = racine["/Metadata"].get_object()
    if flux.get("/Type") != "/Metadata" or flux.get("/Subtype") != "/XML":
        return ["6.6.2 : flux de métadonnées mal typé"]
    xmp = flux.get_data().decode("utf-8")
    if not xmp.startswith("<?xpacket begin=") or "<?xpacket end=" not in xmp:
        return ["6.6.2 : paquet XMP sans enveloppe xpacket"]
    arbre = ET.fromstring(re.sub(r"<\?xpacket[^>]*\?>", "", xmp).strip())
    ns = "http://www.aiim.org/pdfa/ns/id/"
    valeurs: dict[str, str] = {}
    for element in arbre.iter():
        for cle in ("part", "conformance"):
            if element.tag == f"{{{ns}}}{cle}" and element.text:
                valeurs[cle] = element.text
            if f"{{{ns}}}{cle}" in element.attrib:
                valeurs[cle] = element.attrib[f"{{{ns}}}{cle}"]
    if valeurs != {"part": "3", "conformance": "B"}:
        return [f"6.6.4 : identification PDF/A {valeurs}"]
    return []


def controle_intention(contenu: bytes) -> list[str]:
    from pypdf import PdfReader

    racine = PdfReader(io.BytesIO(contenu)).trailer["/Root"]
    intentions = [i.get_object() for i in racine.get("/OutputIntents", [])]
    pdfa = [i for i in intentions if i.get("/S") == "/GTS_PDFA1"]
    if len(pdfa) != 1:
        return [f"6.2.3 : {len(pdfa)} intentions GTS_PDFA1"]
    profil = pdfa[0]["/DestOutputProfile"].get_object()
    icc = profil.get_data()
    composantes = {b"RGB ": 3, b"GRAY": 1, b"CMYK": 4}.get(icc[16:20])
    if icc[36:40] != b"acsp" or composantes != profil.get("/N"):
        return ["6.2.3 : profil ICC invalide ou /N incohérent"]
    return []


def controle_pieces_jointes(contenu: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject

    racine = PdfReader(io.BytesIO(contenu)).trailer["/Root"]
    defauts = []
    af = racine.get("/AF", [])
    references = [x.idnum for x in af if isinstance(x, IndirectObject)]
    if len(references) != len(set(references)):
        defauts.append(f"6.8 : /AF liste une même pièce plusieurs fois {references}")
    noms = racine["/Names"]["/EmbeddedFiles"].get_object()["/Names"]
    arbre = {str(noms[i]): noms[i + 1].idnum for i in range(0, len(noms), 2)}
    if list(arbre) != [NOM_PIECE_JOINTE] or set(references) != set(arbre.values()):
        defauts.append(f"6.8 : arbre EmbeddedFiles {arbre} et /AF {references} diffèrent")
    for reference in set(references):
        spec = af[references.index(reference)].get_object()
        if spec.get("/AFRelationship") != "/Data" or not spec.get("/F") or not spec.get("/UF"):
            defauts.append("6.8 : spécification de fichier incomplète")
        flux = spec["/EF"]["/F"].get_object()
        if flux.get("/Subtype") != "/application/json":
            defauts.append(f"6.8 : type MIME {flux.get('/Subtype')}")
        if "/ModDate" not in flux.get("/Params", {}):
            defauts.append("6.8 : /Params /ModDate absent")
    return defauts


def _cids_montres(page: Any, lecteur: Any) -> dict[str, set[int]]:
    """Nom de ressource de police → CID montrés (chaînes de ``Tj``/``TJ``, 2 octets, Identity-H)."""
    from pypdf.generic import ContentStream

    montres: dict[str, set[int]] = {}
    police = ""
    for operandes, operateur in ContentStream(page.get_contents(), lecteur).operations:
        if operateur == b"Tf":
            police = str(operandes[0])
            continue
        if operateur not in (b"Tj", b"TJ", b"'", b'"'):
            continue
        elements = operandes[0] if operateur == b"TJ" else [operandes[-1]]
        for element in elements:
            octets = getattr(element, "original_bytes", None)
            if octets is None:
                continue
            montres.setdefault(police, set()).update(
                int.from_bytes(octets[i : i + 2], "big") for i in range(0, len(octets), 2)
            )
    return montres


def _largeurs(tableau: Any) -> dict[int, float]:
    largeurs: dict[int, float] = {}
    i = 0
    while i < len(tableau):
        premier = int(tableau[i])
        if isinstance(tableau[i + 1], list):
            for rang, largeur in enumerate(tableau[i + 1]):
                largeurs[premier + rang] = float(largeur)
            i += 2
        else:
            for cid in range(premier, int(tableau[i + 1]) + 1):
                largeurs[cid] = float(tableau[i + 2])
            i += 3
    return largeurs


def controle_polices(contenu: bytes) -> list[str]:
    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    lecteur = PdfReader(io.BytesIO(contenu))
    defauts = []
    for numero, page in enumerate(lecteur.pages):
        polices = page["/Resources"]["/Font"]
        for ressource, cids in _cids_montres(page, lecteur).items():
            police = polices[ressource].get_object()
            if police.get("/Subtype") != "/Type0":
                defauts.append(f"page {numero + 1} {ressource} : police {police.get('/Subtype')}")
                continue
            descendante = police["/DescendantFonts"][0].get_object()
            descripteur = descendante["/FontDescriptor"].get_object()
            if "/FontFile2" not in descripteur:
                defauts.append(f"6.2.11.4 : {police['/BaseFont']} non embarquée")
                continue
            if descendante.get("/CIDToGIDMap") != "/Identity":
                defauts.append(f"{police['/BaseFont']} : CIDToGIDMap non identité (non contrôlé)")
                continue
            programme = TTFont(io.BytesIO(descripteur["/FontFile2"].get_object().get_data()))
            nombre = programme["maxp"].numGlyphs
            notdef = sorted(c for c in cids if c == 0 or c >= nombre)
            if notdef:
                defauts.append(
                    f"6.2.11.8 : page {numero + 1}, {police['/BaseFont']} dessine .notdef "
                    f"(CID {notdef[:5]}, {nombre} glyphes)"
                )
            echelle = 1000 / programme["head"].unitsPerEm
            ordre = programme.getGlyphOrder()
            hmtx = programme["hmtx"]
            largeurs = _largeurs(descendante.get("/W", []))
            defaut = float(descendante.get("/DW", 1000))
            for cid in sorted(c for c in cids if 0 < c < nombre):
                attendue = hmtx[ordre[cid]][0] * echelle
                if abs(largeurs.get(cid, defaut) - attendue) > 1:
                    defauts.append(
                        f"6.2.11.5 : {police['/BaseFont']} CID {cid} largeur "
                        f"{largeurs.get(cid, defaut)} ≠ {attendue:.1f}"
                    )
                    break
    return defauts


def controler_pdfa(contenu: bytes, dossier: Path) -> list[str]:
    """Tous les défauts PDF/A-3b trouvés (liste vide : rien trouvé)."""
    return [
        *controle_qpdf(contenu, dossier),
        *controle_structure(contenu),
        *controle_xmp(contenu),
        *controle_intention(contenu),
        *controle_pieces_jointes(contenu),
        *controle_polices(contenu),
    ]


# --- Tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("acte", ACTES)
def test_chaque_acte_d_exemple_passe_le_controle_pdfa(
    acte: str, actes: dict[str, ActeGenere], tmp_path: Path
) -> None:
    assert controler_pdfa(actes[acte].contenu, tmp_path) == []


SCRIPT_BRUT = """
import sys
from weasyprint import CSS, HTML, Attachment
from weasyprint.text.fonts import FontConfiguration
from contentieux.polices import feuille_polices
polices = FontConfiguration()
css = CSS(string=feuille_polices() + 'body { font-family: "Contentieux Liberation Serif"; }',
          font_config=polices)
sys.stdout.buffer.write(HTML(string="<p>Société 株式会社</p>").write_pdf(
    stylesheets=[css], font_config=polices, pdf_variant="pdf/a-3b",
    attachments=[Attachment(string="{}", name="contentieux-acte.json", relationship="Data")]))
"""


def test_le_controle_voit_un_notdef_et_une_piece_jointe_en_double(tmp_path: Path) -> None:
    """Le contrôle n'est pas aveugle. WeasyPrint seul (sans l'atelier), sans aucune police du
    système (``FONTCONFIG_FILE`` vide) : le japonais sort en .notdef, et WeasyPrint 70 liste la
    pièce jointe deux fois dans ``/AF`` ; les deux défauts sont signalés."""
    import os
    import sys

    vide = tmp_path / "fonts.conf"
    vide.write_text(f"<fontconfig><cachedir>{tmp_path}</cachedir></fontconfig>", "utf-8")
    resultat = subprocess.run(
        [sys.executable, "-c", SCRIPT_BRUT],
        capture_output=True,
        env={**os.environ, "FONTCONFIG_FILE": str(vide)},
        check=False,
    )
    assert resultat.returncode == 0, resultat.stderr.decode()
    defauts = controle_polices(resultat.stdout) + controle_pieces_jointes(resultat.stdout)
    assert any(d.startswith("6.2.11.8 : page 1, /") for d in defauts), defauts
    assert any("/AF liste une même pièce plusieurs fois" in d for d in defauts), defauts
