"""Polices des actes : livrées avec le paquet, seules utilisées, et rien d'indessinable imprimé.

- chaque acte PDF embarque les polices livrées (``contentieux/polices``), lues dans le programme
  de police embarqué lui-même (table ``name`` : nom PostScript et version 2.1.5), jamais une
  police du système ni une face synthétisée ;
- avec ``FONTCONFIG_FILE`` pointant vers une configuration qui ne liste aucun dossier de polices,
  le même acte a les mêmes polices et les mêmes pages, au flux de contenu près ;
- un caractère qu'aucune police livrée ne dessine (japonais, arabe…) est refusé avant le rendu,
  en nommant le champ, par ``generer`` comme par ``lot`` (ISO 19005-3 §6.2.11.8 : pas de .notdef).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from contentieux.actes.rendu import ACTES, ActeGenere, Atelier
from contentieux.cli import app
from contentieux.erreurs import CaractereSansGlyphe, ErreurContentieux
from contentieux.exemples import dossier_exemple, noms_exemples
from contentieux.polices import (
    FACES,
    FAMILLE_SANS,
    FAMILLE_SERIF,
    caracteres_sans_glyphe,
    chemin_police,
    couverture,
    dossier_polices,
)

AU = dt.date(2026, 3, 1)
RACINE = Path(__file__).resolve().parents[1]
runner = CliRunner()

JAPONAIS = "株式会社タナカ"
ARABE = "شركة الأمل"


def polices_embarquees(contenu: bytes) -> dict[str, tuple[str, str]]:
    """``/BaseFont`` (sans préfixe de sous-ensemble) → (nom PostScript, version) lus dans le
    programme de police embarqué (``FontFile2``) de chaque page."""
    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    trouvees: dict[str, tuple[str, str]] = {}
    for page in PdfReader(io.BytesIO(contenu)).pages:
        for police in page["/Resources"]["/Font"].values():
            police = police.get_object()
            descendante = police["/DescendantFonts"][0].get_object()
            programme = descendante["/FontDescriptor"]["/FontFile2"].get_object().get_data()
            noms = TTFont(io.BytesIO(programme))["name"]
            base = str(police["/BaseFont"]).lstrip("/").split("+", 1)[1]
            trouvees[base] = (str(noms.getDebugName(6)), str(noms.getDebugName(5)))
    return trouvees


@pytest.fixture(scope="module")
def un_de_chaque() -> dict[str, ActeGenere]:
    """Chacun des 11 actes, depuis le premier dossier d'exemple qui le permet."""
    atelier = Atelier()
    actes: dict[str, ActeGenere] = {}
    for acte in ACTES:
        for nom in noms_exemples():
            try:
                actes[acte] = atelier.generer(acte, dossier_exemple(nom), au=AU)
            except ErreurContentieux:
                continue
            break
    assert set(actes) == set(ACTES)
    return actes


def _nom_pdf(face: Any) -> str:
    """Le ``/BaseFont`` que WeasyPrint écrit pour une face : famille et style, tirets."""
    suffixe = {("bold", "normal"): "-Bold", ("normal", "italic"): "-Italic"}
    return face.famille.replace(" ", "-") + suffixe.get((face.graisse, face.style), "")


def test_les_polices_livrees_sont_dans_le_paquet_avec_leur_licence() -> None:
    dossier = dossier_polices()
    assert dossier == RACINE / "contentieux" / "polices"
    licence = (dossier / "LICENCE-Liberation.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    for face in FACES:
        assert face.fichier in licence
        assert chemin_police(face.fichier).stat().st_size > 100_000  # fichier entier, non réduit
    assert {f.famille for f in FACES} == {FAMILLE_SERIF, FAMILLE_SANS}


def test_chaque_acte_embarque_les_seules_polices_livrees(un_de_chaque: dict[str, Any]) -> None:
    """Noms lus dans le programme embarqué : Liberation 2.1.5 livrée, jamais une police du
    système (DejaVu, Liberation 1.x) ni une face synthétisée (« -Bold » dessiné par le romain)."""
    attendues = {_nom_pdf(f): (f.nom_postscript, "Version 2.1.5") for f in FACES}
    vues: set[str] = set()
    for acte, produit in un_de_chaque.items():
        embarquees = polices_embarquees(produit.contenu)
        assert embarquees, acte
        for base, programme in embarquees.items():
            assert attendues.get(base) == programme, (acte, base, programme)
        vues |= set(embarquees)
        # Le corps est en Serif, les titres et le pied en Sans.
        assert {"Contentieux-Liberation-Serif", "Contentieux-Liberation-Sans"} <= set(embarquees)
    # Chaque face livrée sert au moins à un acte : rien de livré pour rien.
    assert vues == set(attendues)


SCRIPT_RENDU = """
import datetime, hashlib, io, json, sys
from pypdf import PdfReader
from contentieux.actes.rendu import Atelier
from contentieux.exemples import dossier_exemple
atelier = Atelier()
resultat = {}
for nom, acte in json.loads(sys.argv[1]):
    r = atelier.generer(acte, dossier_exemple(nom), au=datetime.date(2026, 3, 1))
    pages = [hashlib.sha256(p.get_contents().get_data()).hexdigest()
             for p in PdfReader(io.BytesIO(r.contenu)).pages]
    resultat[acte] = {"pages": pages, "pdf": r.contenu.hex()}
print(json.dumps(resultat))
"""

ECHANTILLON = [
    ("b2b", "mise_en_demeure"),
    ("agence", "reconnaissance_dette"),
    ("b2b", "requete_injonction_payer"),
]


def _rendre_dans_un_processus(env: dict[str, str]) -> tuple[dict[str, Any], str]:
    sortie = subprocess.run(
        [sys.executable, "-c", SCRIPT_RENDU, json.dumps(ECHANTILLON)],
        capture_output=True,
        text=True,
        cwd=RACINE,
        env=env,
        check=False,
    )
    assert sortie.returncode == 0, sortie.stderr
    return dict(json.loads(sortie.stdout.strip().splitlines()[-1])), sortie.stderr


def test_sans_aucune_police_systeme_le_meme_acte(tmp_path: Path) -> None:
    """``FONTCONFIG_FILE`` vers une configuration sans dossier de polices : fontconfig ne voit
    aucune police du système ; les actes ont les mêmes polices et les mêmes pages (flux de
    contenu identiques à l'octet) que sur cette machine avec ses polices."""
    import os

    vide = tmp_path / "fonts.conf"
    vide.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    base = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}
    systeme, _ = _rendre_dans_un_processus(base)
    sans_polices, avertissements = _rendre_dans_un_processus({**base, "FONTCONFIG_FILE": str(vide)})
    # WeasyPrint constate lui-même que fontconfig ne voit aucune police (sinon rien n'est prouvé).
    assert "No fonts configured in FontConfig" in avertissements
    for _, acte in ECHANTILLON:
        assert sans_polices[acte]["pages"] == systeme[acte]["pages"], acte
        avec = polices_embarquees(bytes.fromhex(systeme[acte]["pdf"]))
        sans = polices_embarquees(bytes.fromhex(sans_polices[acte]["pdf"]))
        assert sans == avec, acte
        assert all(v == "Version 2.1.5" for _, v in sans.values())


# --- Caractères que les polices livrées ne dessinent pas -------------------------------------


def test_la_couverture_vient_des_tables_cmap() -> None:
    """Dérivation indépendante : lue avec fontTools dans chaque fichier, puis intersectée."""
    from fontTools.ttLib import TTFont

    tables = [set(TTFont(chemin_police(f.fichier)).getBestCmap()) for f in FACES]
    assert couverture() == frozenset(set.intersection(*tables))
    couverts = couverture()
    # Tout le français : Latin-1, œ Œ Ÿ, guillemets, tirets, points de suspension, €, espaces
    # insécables (U+00A0, fine U+202F).
    francais = "àâäçéèêëîïôöùûüÿæœÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ«»‹›“”‘’–—…€\u00a0\u202f°§№"
    assert caracteres_sans_glyphe(francais, couverts) == []
    assert caracteres_sans_glyphe("Ωμέγα Щука", couverts) == []  # grec, cyrillique
    assert caracteres_sans_glyphe(JAPONAIS, couverts) == list(JAPONAIS)
    assert caracteres_sans_glyphe(ARABE, couverts) == sorted(set(ARABE) - {" "}, key=ARABE.index)
    assert caracteres_sans_glyphe("ligne 1\nligne 2\tfin", couverts) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_propriete_un_caractere_est_refuse_si_et_seulement_si_hors_cmap(texte: str) -> None:
    couverts = COUVERTURE
    refuses = set(caracteres_sans_glyphe(texte, couverts))
    for caractere in set(texte) | set(texte.upper()):
        attendu = ord(caractere) not in couverts and caractere not in "\t\n\r"
        assert (caractere in refuses) == attendu, caractere


COUVERTURE = couverture()


def _dossier_avec_nom(nom: str) -> dict[str, Any]:
    donnees = json.loads(dossier_exemple("b2b").model_dump_json(exclude_none=True))
    donnees["debiteurs"][0]["denomination"] = nom
    return donnees


@pytest.mark.parametrize("nom", [JAPONAIS, ARABE], ids=["japonais", "arabe"])
def test_un_nom_indessinable_est_refuse_avant_le_rendu(nom: str) -> None:
    from contentieux.lecture import valider_dossier

    dossier = valider_dossier(_dossier_avec_nom(nom))
    atelier = Atelier()
    with pytest.raises(CaractereSansGlyphe) as erreur:
        atelier.generer("mise_en_demeure", dossier, au=AU)
    message = str(erreur.value)
    assert "debiteurs[0].denomination" in message
    assert f"« {nom[0]} » (U+{ord(nom[0]):04X})" in message
    assert "PDF/A" in message and "latins" in message
    assert erreur.value.champs["debiteurs[0].denomination"][0] == f"U+{ord(nom[0]):04X}"
    # Le DOCX n'est pas un PDF/A : Word dessine avec ses polices de secours.
    assert atelier.generer("mise_en_demeure", dossier, au=AU, format="docx").contenu


def test_generer_et_lot_refusent_pareil(tmp_path: Path) -> None:
    dossier = tmp_path / "dossier.json"
    dossier.write_text(json.dumps(_dossier_avec_nom(JAPONAIS), ensure_ascii=False), "utf-8")
    resultat = runner.invoke(
        app, ["generer", "mise_en_demeure", str(dossier), "--au", "2026-03-01", "-o", str(tmp_path)]
    )
    assert resultat.exit_code == 3, resultat.stdout + resultat.stderr
    assert "debiteurs[0].denomination" in resultat.stderr
    assert not list(tmp_path.glob("*.pdf"))

    entree = tmp_path / "lot.jsonl"
    bon = json.loads(dossier_exemple("b2b").model_dump_json(exclude_none=True))
    mauvais = {**_dossier_avec_nom(JAPONAIS), "reference": "JP-1"}
    entree.write_text(
        json.dumps(bon, ensure_ascii=False) + "\n" + json.dumps(mauvais, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    sortie = tmp_path / "lot"
    lot = runner.invoke(
        app,
        [
            "lot",
            str(entree),
            "--au",
            "2026-03-01",
            "-o",
            str(sortie),
            "--actes",
            "mise_en_demeure",
            "--workers",
            "1",
        ],
    )
    assert lot.exit_code == 7, lot.stdout + lot.stderr
    lignes = [json.loads(x) for x in (sortie / "manifeste.jsonl").read_text("utf-8").splitlines()]
    rangs = {ligne.get("reference"): ligne for ligne in lignes if "reference" in ligne}
    assert rangs["EX-B2B-2025-001"]["statut"] == "ok"
    assert rangs["JP-1"]["statut"] == "erreur"
    assert "debiteurs[0].denomination" in json.dumps(rangs["JP-1"], ensure_ascii=False)
    assert "U+682A" in json.dumps(rangs["JP-1"], ensure_ascii=False)
