"""Issue 18, points 8 et 9 : ce que les scénarios (tests/cas/actes) ne disent pas en phrases —
la page où tombent la somme, la mention et la signature ; l'expéditeur imprimé une seule fois."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from contentieux.actes import Atelier
from contentieux.exemples import dossier_exemple

AU = dt.date(2026, 6, 30)


@pytest.fixture(scope="module")
def atelier() -> Atelier:
    return Atelier()


def _pages(contenu: bytes) -> list[str]:
    from pypdf import PdfReader

    lecteur = PdfReader(io.BytesIO(contenu))
    return [" ".join((p.extract_text() or "").split()) for p in lecteur.pages]


@pytest.mark.parametrize("exemple", ["b2b", "agence", "loyer"])
def test_reconnaissance_somme_mention_et_signature_sur_une_page(
    atelier: Atelier, exemple: str
) -> None:
    """La phrase qui reconnaît la somme, le modèle de mention (somme en lettres et en chiffres),
    le cadre et le bloc de signature (lieu et date en blanc) sont sur la même page."""
    acte = atelier.generer("reconnaissance_dette", dossier_exemple(exemple), au=AU, format="pdf")
    pages = _pages(acte.contenu)
    avec_engagement = [i for i, t in enumerate(pages) if "devoir à" in t]
    assert len(avec_engagement) == 1, pages
    page = pages[avec_engagement[0]]
    montant = acte.contrat.chiffres["montant"].replace("\u202f", " ").replace("\xa0", " ")
    assert "Bon pour reconnaissance de dette" in page
    assert "Fait à" in page
    assert montant in page.replace("\u202f", " ").replace("\xa0", " ")


def test_reconnaissance_sans_date_de_signature(atelier: Atelier) -> None:
    """La date fait courir la prescription (C. civ. 2240) : l'acte n'en imprime aucune en tête."""
    acte = atelier.generer("reconnaissance_dette", dossier_exemple("b2b"), au=AU, format="pdf")
    assert acte.contrat.contenu.lieu_date == ""
    assert all("le 30 juin 2026" not in page for page in _pages(acte.contenu))


@pytest.mark.parametrize("acte_", ["relance", "mise_en_demeure"])
def test_expediteur_imprime_une_seule_fois(atelier: Atelier, acte_: str) -> None:
    """L'en-tête porte le nom et l'adresse du créancier : le bloc d'adresse ne les répète pas."""
    acte = atelier.generer(acte_, dossier_exemple("b2b"), au=AU, format="pdf")
    contenu = acte.contrat.contenu
    assert contenu.en_tete.nom == "Ateliers Durand & Fils"
    assert contenu.expediteur.nom == "" and contenu.expediteur.adresse == ()
    premiere = _pages(acte.contenu)[0]
    tete = premiere.split(contenu.titre.upper(), 1)[0]
    assert tete.count("Ateliers Durand & Fils") == 1, tete
    assert tete.count("12 rue des Tanneurs") == 1, tete
