"""Actes : chaque acte de chaque exemple, en PDF/A-3b et en DOCX, vérifié de l'extérieur.

Chaque acte est rendu une seule fois par format (fixture de module) ; les tests relisent les
octets produits avec pypdf et python-docx, indépendamment du vérificateur interne."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentieux.actes import ACTES, ActeGenere, Atelier, generer_acte, verifier_acte
from contentieux.actes.manifeste import (
    mentions_absentes,
    mentions_attendues,
    normaliser,
    texte_docx,
    texte_pdf,
)
from contentieux.erreurs import (
    ActeInadapte,
    DonneesGabaritIncompletes,
    ErreurContentieux,
    FraisInterditsConsommateur,
    GabaritIntrouvable,
    MentionsManquantes,
)
from contentieux.exemples import dossier_exemple, noms_exemples
from contentieux.interets import etablir_decompte
from contentieux.lecture import valider_dossier
from contentieux.modeles import Dossier
from contentieux.modeles.decompte import Decompte

AU = dt.date(2026, 6, 30)
RACINE = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def atelier() -> Atelier:
    return Atelier()


@pytest.fixture(scope="module")
def produits(atelier: Atelier) -> dict[tuple[str, str, str], ActeGenere | ErreurContentieux]:
    """Tous les actes de tous les exemples, dans les deux formats (une fois)."""
    resultats: dict[tuple[str, str, str], ActeGenere | ErreurContentieux] = {}
    for nom in noms_exemples():
        dossier = dossier_exemple(nom)
        for acte in ACTES:
            for fmt in ("pdf", "docx"):
                try:
                    resultats[nom, acte, fmt] = atelier.generer(acte, dossier, au=AU, format=fmt)  # type: ignore[arg-type]
                except ErreurContentieux as exc:
                    resultats[nom, acte, fmt] = exc
    return resultats


def _ok(produits: dict[Any, Any], fmt: str) -> list[tuple[str, str, ActeGenere]]:
    return [
        (n, a, r) for (n, a, f), r in produits.items() if f == fmt and isinstance(r, ActeGenere)
    ]


def test_chaque_acte_est_produit_pour_au_moins_un_exemple(produits: dict[Any, Any]) -> None:
    produits_pdf = {a for _, a, _ in _ok(produits, "pdf")}
    produits_docx = {a for _, a, _ in _ok(produits, "docx")}
    assert produits_pdf == set(ACTES)
    assert produits_docx == set(ACTES)


def test_les_refus_sont_les_memes_dans_les_deux_formats(produits: dict[Any, Any]) -> None:
    for (nom, acte, fmt), r in produits.items():
        if fmt == "pdf":
            autre = produits[nom, acte, "docx"]
            assert type(r) is type(autre), (nom, acte)


def test_les_refus_attendus(produits: dict[Any, Any]) -> None:
    pc = produits["procedure_collective", "relance", "pdf"]
    assert isinstance(pc, ActeInadapte) and "L622-21" in pc.message
    sans_plan = produits["b2b", "echeancier", "pdf"]
    assert isinstance(sans_plan, DonneesGabaritIncompletes)
    # Tout ce qui manque est listé d'un coup, avec la clé à ajouter.
    assert sans_plan.manquants == (
        "actes.plan.nombre_echeances (nombre d'échéances)",
        "actes.plan.date_premiere_echeance (date de la première échéance)",
        "actes.plan.delai_regularisation_jours (délai avant déchéance du terme)",
    )
    loyer = produits["loyer", "requete_injonction_payer", "pdf"]
    assert isinstance(loyer, DonneesGabaritIncompletes) and "CPC 54" in loyer.message
    assert isinstance(produits["b2b", "declaration_creance", "pdf"], ActeInadapte)


@pytest.fixture(scope="module")
def textes(produits: dict[Any, Any]) -> dict[tuple[str, str, str], str]:
    t = {}
    for (nom, acte, fmt), r in produits.items():
        if isinstance(r, ActeGenere):
            t[nom, acte, fmt] = texte_pdf(r.contenu) if fmt == "pdf" else texte_docx(r.contenu)
    return t


def test_chaque_acte_contient_ses_mentions_et_les_chiffres_du_decompte(
    atelier: Atelier, produits: dict[Any, Any], textes: dict[Any, str]
) -> None:
    from contentieux.francais import formater_montant

    for (nom, acte, fmt), texte in textes.items():
        r = produits[nom, acte, fmt]
        manifeste = atelier.manifeste(acte)
        attendues = mentions_attendues(
            manifeste, r.contrat.drapeaux, r.contrat.chiffres, r.contrat.mentions_requises
        )
        assert len(attendues) >= len(manifeste.mentions) // 2
        assert mentions_absentes(texte, attendues) == [], (nom, acte, fmt)
        # Les chiffres exacts du décompte, recalculés ici.
        if acte in {
            "mise_en_demeure",
            "requete_injonction_payer",
            "decompte",
            "declaration_creance",
            "mandat_commissaire_justice",
            "convention_recouvrement",
            "lettre_agence",
        }:
            dossier = dossier_exemple(nom)
            au = r.contrat.decompte_au
            dec = etablir_decompte(dossier, au=au)
            propre = normaliser(texte)
            for valeur in (
                dec.total,
                dec.total_principal_restant,
                dec.total_penalites,
                dec.total_indemnites,
            ):
                if valeur:
                    assert normaliser(formater_montant(valeur)) in propre, (nom, acte, fmt, valeur)
            if acte == "decompte":
                for ligne in dec.lignes:
                    assert normaliser(ligne.calcul) in propre, (nom, ligne.calcul)


def test_pdf_et_docx_portent_les_memes_mentions_et_chiffres(
    produits: dict[Any, Any], textes: dict[Any, str]
) -> None:
    comptes = 0
    for (nom, acte, fmt), r in produits.items():
        if fmt != "pdf" or not isinstance(r, ActeGenere):
            continue
        docx = produits[nom, acte, "docx"]
        assert docx.contrat == r.contrat
        pdf_txt, docx_txt = (
            normaliser(textes[nom, acte, "pdf"]),
            normaliser(textes[nom, acte, "docx"]),
        )
        contenu = r.contrat.contenu
        # Les paragraphes : à l'identique, espaces comprises.
        morceaux = [p.texte for s in contenu.sections for p in (*s.paragraphes, *s.notes)]
        morceaux += [contenu.titre, *r.contrat.chiffres.values()]
        for m in morceaux:
            assert normaliser(m) in pdf_txt, (nom, acte, "pdf", m)
            assert normaliser(m) in docx_txt, (nom, acte, "docx", m)
            comptes += 1
        # Les cellules des tableaux : une cellule étroite peut couper un identifiant en fin de
        # ligne ; on compare alors sans les blancs.
        cellules = [
            c for s in contenu.sections if s.tableau for ligne in s.tableau.lignes for c in ligne
        ]
        assert mentions_absentes(pdf_txt, cellules) == [], (nom, acte, "pdf")
        assert mentions_absentes(docx_txt, cellules) == [], (nom, acte, "docx")
        comptes += len(cellules)
    assert comptes > 500


def _xmp(contenu: bytes) -> str:
    m = re.search(rb"<x:xmpmeta.*?</x:xmpmeta>", contenu, re.S)
    if m is None:  # flux compressé : relire par pypdf
        from pypdf import PdfReader

        meta = PdfReader(io.BytesIO(contenu)).trailer["/Root"]["/Metadata"].get_object()
        return str(meta.get_data().decode("utf-8"))
    return m.group(0).decode("utf-8")


def test_pdf_a3b_polices_embarquees_xmp_intention_de_sortie(produits: dict[Any, Any]) -> None:
    from pypdf import PdfReader

    for nom, acte, r in _ok(produits, "pdf"):
        lecteur = PdfReader(io.BytesIO(r.contenu))
        racine = lecteur.trailer["/Root"]
        xmp = _xmp(r.contenu)
        assert re.search(r"pdfaid:part(>|=\")3", xmp), (nom, acte)
        assert re.search(r"pdfaid:conformance(>|=\")B", xmp), (nom, acte)
        intentions = racine["/OutputIntents"]
        assert intentions[0].get_object()["/S"] == "/GTS_PDFA1"
        assert "/DestOutputProfile" in intentions[0].get_object()
        polices = set()
        for page in lecteur.pages:
            for police in page["/Resources"]["/Font"].values():
                police = police.get_object()
                descendantes = police.get("/DescendantFonts")
                desc = (descendantes[0].get_object() if descendantes else police)[
                    "/FontDescriptor"
                ].get_object()
                assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                    nom,
                    acte,
                )
                polices.add(str(police["/BaseFont"]))
        assert any("Liberation-Serif" in p for p in polices), polices
        # Numéros de page imprimés.
        assert f"Page 1 / {len(lecteur.pages)}" in texte_pdf(r.contenu)


def test_piece_jointe_associee_redonne_le_meme_decompte(produits: dict[Any, Any]) -> None:
    from pypdf import PdfReader

    for nom, _acte, r in _ok(produits, "pdf"):
        lecteur = PdfReader(io.BytesIO(r.contenu))
        racine = lecteur.trailer["/Root"]
        af = [x.get_object() for x in racine["/AF"]]
        assert any(
            f["/AFRelationship"] == "/Data" and f["/F"] == "contentieux-acte.json" for f in af
        )
        donnees = json.loads(lecteur.attachments["contentieux-acte.json"][0])
        relu = Decompte.model_validate(donnees["decompte"])
        dossier = valider_dossier(donnees["dossier"])
        assert dossier == dossier_exemple(nom)
        assert relu == etablir_decompte(dossier, au=dt.date.fromisoformat(donnees["decompte_au"]))
        assert donnees["regles_version"] == relu.regles_version
        assert donnees["chiffres"] == r.contrat.chiffres


def test_actes_signes_exposent_leurs_emplacements(
    atelier: Atelier, produits: dict[Any, Any]
) -> None:
    attendus = {
        "echeancier": {"signature-creancier", "signature-debiteur"},
        "reconnaissance_dette": {"signature-debiteur", "mention-manuscrite"},
        "mandat_commissaire_justice": {"signature-creancier", "signature-commissaire"},
        "convention_recouvrement": {"signature-creancier", "signature-agence"},
    }
    for nom, acte, r in _ok(produits, "pdf"):
        # Chaque boîte de signature ou de mention du contrat est bien dessinée (rien de coupé).
        contenu = r.contrat.contenu
        boites = {s.identifiant for s in contenu.signatures}
        if contenu.mention_manuscrite:
            boites.add("mention-manuscrite")
        assert set(r.emplacements) == boites, (nom, acte)
        if acte in attendus:
            assert atelier.manifeste(acte).signe
            assert set(r.emplacements) == attendus[acte], (nom, acte)
        for e in r.emplacements.values():
            assert 0 <= e.x1 < e.x2 <= 595.28 and 0 <= e.y1 < e.y2 <= 841.89
            assert e.page < (r.pages or 0)
        if "signature-creancier" in r.emplacements:
            e = r.emplacements["signature-creancier"]
            # Boîte de 78 mm × 30 mm (feuille de style) : 221,1 × 85 points.
            assert e.x2 - e.x1 == pytest.approx(78 / 25.4 * 72, abs=0.5)
            assert e.y2 - e.y1 == pytest.approx(30 / 25.4 * 72, abs=0.5)


def test_emplacements_coincident_avec_les_ancres_weasyprint(atelier: Atelier) -> None:
    from weasyprint import HTML

    from contentieux.actes.rendu import emplacements

    contrat, _ = atelier.preparer("reconnaissance_dette", dossier_exemple("agence"), au=AU)
    polices, css = atelier._feuille()
    document = HTML(string=atelier.html(contrat)).render(font_config=polices, stylesheets=[css])
    places = emplacements(document)
    for ident, e in places.items():
        page = document.pages[e.page]
        x, y = page.anchors[ident][:2]
        assert e.x1 == pytest.approx(x * 0.75, abs=0.01)
        assert e.y2 == pytest.approx((page.height - y) * 0.75, abs=0.01)


def test_reconnaissance_dette_somme_en_lettres_et_en_chiffres(
    produits: dict[Any, Any], textes: dict[Any, str]
) -> None:
    r = produits["agence", "reconnaissance_dette", "pdf"]
    assert r.contrat.montant == etablir_decompte(dossier_exemple("agence"), au=AU).total
    texte = normaliser(textes["agence", "reconnaissance_dette", "pdf"])
    from contentieux.francais import formater_montant, montant_en_lettres

    assert (
        normaliser(
            f"la somme de {montant_en_lettres(r.contrat.montant)} "
            f"({formater_montant(r.contrat.montant)})"
        )
        in texte
    )


def test_echeancier_du_plan_dans_l_acte(produits: dict[Any, Any]) -> None:
    r = produits["agence", "echeancier", "pdf"]
    echeances = r.contrat.echeances
    assert len(echeances) == 6
    assert (
        sum(e.principal for e in echeances)
        == etablir_decompte(dossier_exemple("agence"), au=AU).total
    )
    assert echeances[0].date == dt.date(2026, 7, 31)
    assert echeances[1].date == dt.date(2026, 8, 31)


def test_declaration_arrete_les_interets_au_jugement_d_ouverture(produits: dict[Any, Any]) -> None:
    r = produits["procedure_collective", "declaration_creance", "pdf"]
    assert r.contrat.decompte_au == dt.date(2026, 5, 6)
    assert r.contrat.date_limite == dt.date(2026, 7, 20)
    ouverture = etablir_decompte(dossier_exemple("procedure_collective"), au=dt.date(2026, 5, 6))
    assert r.donnees["decompte"]["total"] == str(ouverture.total)


# --- refus ----------------------------------------------------------------------------------------


def _donnees(nom: str) -> dict[str, Any]:
    return json.loads(dossier_exemple(nom).model_dump_json(exclude_none=True))


def test_lettre_agence_refusee_si_frais_reclames_a_un_consommateur(atelier: Atelier) -> None:
    with pytest.raises(FraisInterditsConsommateur, match="L111-8"):
        atelier.generer(
            "lettre_agence",
            dossier_exemple("agence"),
            au=AU,
            parametres={"agence": {"frais_demandes_au_debiteur": "45.00"}},
        )


def test_requete_refusee_pour_une_creance_prescrite(atelier: Atelier) -> None:
    donnees = _donnees("consommateur")
    facture = donnees["creances"][0]["factures"][0]
    facture.update(
        date_emission="2023-03-01", date_echeance="2023-03-31", date_execution="2023-02-20"
    )
    donnees["creances"][0]["pieces"] = []
    donnees["evenements"] = []
    dossier = Dossier.model_validate(donnees)
    with pytest.raises(ActeInadapte, match="prescri"):
        atelier.generer("requete_injonction_payer", dossier, au=AU)
    with pytest.raises(ActeInadapte, match="prescrite"):
        atelier.generer("mise_en_demeure", dossier, au=AU)


def test_acte_inconnu(atelier: Atelier) -> None:
    with pytest.raises(GabaritIntrouvable, match="actes disponibles"):
        atelier.generer("assignation", dossier_exemple("b2b"), au=AU)


def test_parametres_invalides_passent_par_pydantic(atelier: Atelier) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        atelier.generer(
            "relance", dossier_exemple("b2b"), au=AU, parametres={"plan": {"nombre_echeances": 0}}
        )


# --- échappement, gabarits utilisateur, longueurs -----------------------------------------------

PIEGE = "<script>alert(1)</script> & {{ 7*7 }} {% if x %}"


@pytest.fixture(scope="module")
def dossier_piege() -> Dossier:
    donnees = _donnees("b2b")
    donnees["debiteurs"][0]["denomination"] = PIEGE
    donnees["creances"][0]["description"] = "Forêt & Frères {%p endfor %} <b>gras</b>"
    return Dossier.model_validate(donnees)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_donnees_du_dossier_rendues_litteralement(
    atelier: Atelier, dossier_piege: Dossier, fmt: str
) -> None:
    r = atelier.generer("mise_en_demeure", dossier_piege, au=AU, format=fmt)  # type: ignore[arg-type]
    texte = normaliser(texte_pdf(r.contenu) if fmt == "pdf" else texte_docx(r.contenu))
    assert normaliser(PIEGE) in texte
    assert normaliser("Forêt & Frères {%p endfor %} <b>gras</b>") in texte
    assert "49" not in texte.replace("2025-049", "")


def test_html_echappe(atelier: Atelier, dossier_piege: Dossier) -> None:
    contrat, _ = atelier.preparer("mise_en_demeure", dossier_piege, au=AU)
    html = atelier.html(contrat)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>gras</b>" not in html


def test_jinja_strict_et_echappement_toujours_actifs(atelier: Atelier) -> None:
    import jinja2

    assert atelier.env.autoescape is True
    assert atelier.env.undefined is jinja2.StrictUndefined
    with pytest.raises(jinja2.UndefinedError):
        atelier.env.from_string("{{ absent }}").render()


def test_gabarit_utilisateur_remplace_un_acte(tmp_path: Path) -> None:
    (tmp_path / "relance").mkdir()
    (tmp_path / "relance" / "gabarit.html").write_text(
        '{% extends "_commun/base.html" %}'
        "{% block en_tete %}<p>Cabinet Lumière, avocats</p>{% endblock %}",
        encoding="utf-8",
    )
    r = generer_acte("relance", dossier_exemple("b2b"), au=AU, gabarits=tmp_path)
    assert "Cabinet Lumière, avocats" in texte_pdf(r.contenu)


def test_gabarit_utilisateur_sans_mention_refuse(tmp_path: Path) -> None:
    (tmp_path / "relance").mkdir()
    (tmp_path / "relance" / "gabarit.html").write_text("<p>Payez.</p>", encoding="utf-8")
    with pytest.raises(MentionsManquantes, match="restent impayé"):
        generer_acte("relance", dossier_exemple("b2b"), au=AU, gabarits=tmp_path)


def test_dossier_de_gabarits_introuvable(tmp_path: Path) -> None:
    with pytest.raises(GabaritIntrouvable, match="introuvable"):
        Atelier(tmp_path / "absent")


def _debordements(document: Any) -> list[str]:
    """Boîtes qui sortent de la zone imprimable de leur page (texte coupé ou hors page)."""
    fautes = []
    for numero, page in enumerate(document.pages):
        boite_page = page._page_box
        droite = boite_page.content_box_x() + boite_page.width
        for boite in boite_page.descendants():
            if getattr(boite, "element_tag", None) in {None, "html", "body"}:
                continue
            x = boite.position_x + boite.margin_width()
            if x > droite + 1:
                fautes.append(
                    f"page {numero + 1} : <{boite.element_tag}> dépasse de {x - droite:.1f} px"
                )
    return fautes


@pytest.fixture(scope="module")
def dossier_long() -> Dossier:
    donnees = _donnees("b2b")
    longue = (
        "Société Coopérative d'Intérêt Collectif des Menuiseries, Charpentes et Ébénisteries "
        "Réunies du Grand Lyon et de la Vallée du Rhône"
    )
    donnees["debiteurs"][0]["denomination"] = longue
    donnees["creancier"]["siege"]["ligne1"] = (
        "Zone artisanale des Grandes-Terres-Anticonstitutionnellement-Longues, "
        "bâtiment C, escalier 4"
    )
    factures = [
        {
            "numero": f"F2025-{i:03d}",
            "date_emission": "2025-02-10",
            "date_echeance": "2025-03-12",
            "date_execution": "2025-02-07",
            "montant_ttc": str(Decimal("1000.00") + i),
        }
        for i in range(1, 61)
    ]
    donnees["creances"][0]["factures"] = factures
    # Un bon de commande signé rend la créance certaine : la requête n'est produite que sur une
    # créance que la vérification trouve recevable (sinon : refus, issue 18 point 10).
    donnees["creances"][0]["pieces"] = [
        {"type": "bon_de_commande_signe", "reference": "BC-2025-17", "date": "2025-01-28",
         "signee_par_debiteur": True},
        *({"type": "facture", "reference": f["numero"], "date": "2025-02-10"} for f in factures),
    ]
    donnees["evenements"] = [e for e in donnees["evenements"] if e["type"] != "paiement"]
    return Dossier.model_validate(donnees)


def test_soixante_factures_et_noms_longs_rien_ne_deborde(
    atelier: Atelier, dossier_long: Dossier
) -> None:
    from weasyprint import HTML

    r = atelier.generer("requete_injonction_payer", dossier_long, au=AU)
    assert (r.pages or 0) >= 4
    texte = normaliser(texte_pdf(r.contenu))
    for i in range(1, 61):
        assert f"f2025-{i:03d}" in texte
    assert normaliser(dossier_long.debiteur.denomination) in texte  # type: ignore[union-attr]
    polices, css = atelier._feuille()
    for acte in ("requete_injonction_payer", "decompte", "mise_en_demeure"):
        contrat, _ = atelier.preparer(acte, dossier_long, au=AU)
        document = HTML(string=atelier.html(contrat)).render(font_config=polices, stylesheets=[css])
        assert _debordements(document) == [], acte


# --- verifier-acte ------------------------------------------------------------------------------


def test_verifier_acte_les_chiffres_tiennent(produits: dict[Any, Any]) -> None:
    r = produits["b2b", "mise_en_demeure", "pdf"]
    rapport = verifier_acte(r.contenu)
    assert rapport.tient and rapport.decompte_identique
    assert rapport.chiffres_verifies["total"] == r.contrat.chiffres["total"]


def test_verifier_acte_detecte_un_dossier_modifie(produits: dict[Any, Any]) -> None:
    from pypdf import PdfReader, PdfWriter

    r = produits["b2b", "mise_en_demeure", "pdf"]
    donnees = json.loads(PdfReader(io.BytesIO(r.contenu)).attachments["contentieux-acte.json"][0])
    donnees["dossier"]["creances"][0]["factures"][0]["montant_ttc"] = "5800.00"
    ecrivain = PdfWriter(clone_from=PdfReader(io.BytesIO(r.contenu)))
    ecrivain._root_object["/Names"].pop("/EmbeddedFiles")
    ecrivain.add_attachment("contentieux-acte.json", json.dumps(donnees).encode())
    sortie = io.BytesIO()
    ecrivain.write(sortie)
    rapport = verifier_acte(sortie.getvalue())
    assert not rapport.tient
    assert {e.chiffre for e in rapport.ecarts} >= {"total", "principal_restant"}


def test_verifier_acte_refuse_un_pdf_quelconque() -> None:
    from pypdf import PdfWriter

    from contentieux.erreurs import ActeIllisible

    ecrivain = PdfWriter()
    ecrivain.add_blank_page(100, 100)
    sortie = io.BytesIO()
    ecrivain.write(sortie)
    with pytest.raises(ActeIllisible, match="n'embarque pas"):
        verifier_acte(sortie.getvalue())
    with pytest.raises(ActeIllisible):
        verifier_acte(b"pas un pdf")


# --- gabarits livrés ------------------------------------------------------------------------------


def test_chaque_acte_a_son_dossier_complet() -> None:
    from contentieux.actes.manifeste import lire_manifeste

    for acte in ACTES:
        dossier = RACINE / "gabarits" / acte
        for nom in ("gabarit.html", "gabarit.docx", "manifeste.yaml", "exemple.yaml"):
            assert (dossier / nom).is_file(), (acte, nom)
        manifeste = lire_manifeste(dossier / "manifeste.yaml")
        assert manifeste.identifiant == acte and manifeste.mentions and manifeste.fondements


def test_gabarits_docx_a_jour() -> None:
    """Les gabarit.docx livrés sont ceux que gabarits/construire_docx.py produit."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "construire_docx", RACINE / "gabarits" / "construire_docx.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    ecrivait, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # pas de __pycache__ livré
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = ecrivait
    assert sorted(module.actes()) == sorted(ACTES)
    for acte in ACTES:
        neuf = zipfile.ZipFile(io.BytesIO(module.construire(acte)))
        livre = zipfile.ZipFile(RACINE / "gabarits" / acte / "gabarit.docx")
        assert neuf.namelist() == livre.namelist(), acte
        for membre in neuf.namelist():
            assert neuf.read(membre) == livre.read(membre), (acte, membre)


@pytest.mark.parametrize("acte", ACTES)
def test_exemple_de_chaque_gabarit(atelier: Atelier, acte: str) -> None:
    from contentieux._yaml import charger_yaml_exact

    exemple = charger_yaml_exact(
        (RACINE / "gabarits" / acte / "exemple.yaml").read_text(encoding="utf-8")
    )
    contrat, _ = atelier.preparer(
        acte,
        dossier_exemple(exemple["dossier"]),
        au=dt.date.fromisoformat(str(exemple["au"])),
        parametres=exemple.get("parametres"),
    )
    assert contrat.identifiant == acte
    html = atelier.html(contrat)
    assert contrat.contenu.titre.split()[0] in html


# --- propriété : tout texte du dossier est une donnée --------------------------------------------


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
    ).filter(lambda t: t.strip() != "")
)
def test_html_echappe_tout_nom(atelier: Atelier, nom: str) -> None:
    """Quel que soit le nom du débiteur, le HTML le contient échappé, jamais interprété."""
    from markupsafe import escape

    donnees = _donnees("b2b")
    donnees["debiteurs"][0]["denomination"] = nom
    dossier = Dossier.model_validate(donnees)
    contrat, _ = atelier.preparer("relance", dossier, au=AU)
    rendu = atelier.html(contrat)
    propre = dossier.debiteur.denomination  # type: ignore[union-attr]
    assert str(escape(propre)) in rendu
    if "<" in propre:
        assert f"<div>{propre}" not in rendu and f">{propre}<" not in rendu


def test_en_tete_et_logo_du_cabinet(atelier: Atelier, tmp_path: Path) -> None:
    from PIL import Image
    from pypdf import PdfReader

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), (20, 60, 120)).save(logo)
    parametres = {
        "en_tete": {
            "nom": "Cabinet Lumière & Associés",
            "lignes": ["3 rue de la Loi, 35000 Rennes", "Barreau de Rennes"],
            "logo": str(logo),
        },
        "signataire": {"nom": "Me Jeanne Lumière", "qualite": "Avocate au barreau de Rennes"},
    }
    for fmt in ("pdf", "docx"):
        r = atelier.generer(
            "relance", dossier_exemple("b2b"), au=AU, format=fmt, parametres=parametres
        )  # type: ignore[arg-type]
        texte = normaliser(texte_pdf(r.contenu) if fmt == "pdf" else texte_docx(r.contenu))
        assert "cabinet lumière & associés" in texte and "barreau de rennes" in texte
        assert "me jeanne lumière" in texte
    pdf = atelier.generer("relance", dossier_exemple("b2b"), au=AU, parametres=parametres)
    lecteur = PdfReader(io.BytesIO(pdf.contenu))
    images = [
        x
        for x in lecteur.pages[0]["/Resources"].get("/XObject", {}).values()
        if x.get_object()["/Subtype"] == "/Image"
    ]
    assert images, "le logo doit être dessiné dans le PDF"
    docx = atelier.generer(
        "relance", dossier_exemple("b2b"), au=AU, format="docx", parametres=parametres
    )
    noms = zipfile.ZipFile(io.BytesIO(docx.contenu)).namelist()
    assert any(n.startswith("word/media/") for n in noms), "le logo doit figurer dans le DOCX"


def test_logo_introuvable(atelier: Atelier, tmp_path: Path) -> None:
    from contentieux.erreurs import DonneesInvalides

    with pytest.raises(DonneesInvalides, match="logo"):
        atelier.generer(
            "relance",
            dossier_exemple("b2b"),
            au=AU,
            parametres={"en_tete": {"nom": "X", "logo": str(tmp_path / "absent.png")}},
        )


def test_verifier_acte_sans_le_logo_d_origine(atelier: Atelier, tmp_path: Path) -> None:
    """Le logo (un fichier local) n'est pas nécessaire pour revérifier les chiffres."""
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (30, 10), (0, 0, 0)).save(logo)
    r = atelier.generer(
        "mise_en_demeure",
        dossier_exemple("b2b"),
        au=AU,
        parametres={"en_tete": {"nom": "Cabinet", "logo": str(logo)}},
    )
    logo.unlink()
    assert verifier_acte(r.contenu).tient
