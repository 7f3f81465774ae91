"""Mention de la somme (C. civ. 1376) : lecture des lettres et des chiffres, propriétés."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentieux.signature.mention import (
    controler_mention,
    lire_montant_en_chiffres,
    lire_montant_en_lettres,
)


def _lettres(euros: int, centimes: int) -> str:
    """Écriture de référence indépendante du code testé (num2words, nombre cardinal)."""
    from num2words import num2words

    texte = f"{num2words(euros, lang='fr')} euro{'s' if euros > 1 else ''}"
    if centimes:
        texte += f" et {num2words(centimes, lang='fr')} centime{'s' if centimes > 1 else ''}"
    return texte


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("soixante et onze euros", "71.00"),
        ("quatre-vingts euros", "80.00"),
        ("quatre-vingt-un euros", "81.00"),
        ("quatre-vingt-onze euros", "91.00"),
        ("deux cents euros", "200.00"),
        ("deux cent un euros", "201.00"),
        ("un million d'euros", "1000000.00"),
        ("zéro euro", "0.00"),
        ("un euro", "1.00"),
        ("zéro euro et cinquante centimes", "0.50"),
        ("un euro et un centime", "1.01"),
        ("quatre-vingts euros et quatre-vingts centimes", "80.80"),
        ("Bon pour MILLE DEUX CENT TRENTE-QUATRE EUROS", "1234.00"),
    ],
)
def test_lettres_cas_difficiles(texte: str, attendu: str) -> None:
    assert lire_montant_en_lettres(texte) == Decimal(attendu)


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("(1 234,56 €)", "1234.56"),
        ("1\u202f234,56\u00a0€", "1234.56"),
        ("80,8 euros", "80.80"),
        ("1234 EUR", "1234.00"),
        ("1.000.000 €", "1000000.00"),
    ],
)
def test_chiffres(texte: str, attendu: str) -> None:
    assert lire_montant_en_chiffres(texte) == Decimal(attendu)


def test_illisible() -> None:
    assert lire_montant_en_lettres("Bon pour la somme due") is None
    controle = controler_mention("Bon pour la somme due", Decimal("10"))
    assert not controle.concordante
    assert any("commencement de preuve" in a for a in controle.anomalies)
    assert any("chiffres est absente" in a for a in controle.anomalies)


@settings(max_examples=300, deadline=None)
@given(euros=st.integers(min_value=0, max_value=999_999_999), centimes=st.integers(0, 99))
def test_lettres_relues_exactement(euros: int, centimes: int) -> None:
    montant = Decimal(euros) + Decimal(centimes) / 100
    assert lire_montant_en_lettres(_lettres(euros, centimes)) == montant


@settings(max_examples=200, deadline=None)
@given(
    euros=st.integers(min_value=0, max_value=99_999_999),
    centimes=st.integers(0, 99),
    ecart=st.integers(min_value=1, max_value=10_000),
)
def test_lettres_prevalent_sur_les_chiffres(euros: int, centimes: int, ecart: int) -> None:
    from contentieux.francais import formater_montant

    lettres = Decimal(euros) + Decimal(centimes) / 100
    chiffres = lettres + Decimal(ecart) / 100
    texte = f"Bon pour {_lettres(euros, centimes)} ({formater_montant(chiffres)})"
    controle = controler_mention(texte, chiffres)
    assert controle.montant_lettres == lettres
    assert controle.montant_chiffres == chiffres
    assert controle.montant_retenu == lettres  # art. 1376 : les lettres prévalent
    assert not controle.concordante
    concordant = controler_mention(
        f"Bon pour {_lettres(euros, centimes)} ({formater_montant(lettres)})", lettres
    )
    assert concordant.concordante and concordant.anomalies == []


# --- avec un vrai acte de la couche actes -------------------------------------------------------


def test_reconnaissance_de_dette_produite_par_les_actes(tmp_path: Path) -> None:
    """L'acte réel (PDF/A-3b, emplacements, pièce jointe) signé par créancier puis débiteur."""
    from pypdf import PdfReader

    from contentieux import actes
    from contentieux.exemples import dossier_exemple
    from contentieux.signature import Signeur, cosigner, signer_acte
    from contentieux.signature.demo import creer_pki_jetable
    from contentieux.signature.verification import lire_montant_imprime, verifier_signature

    acte = actes.generer_acte(
        "reconnaissance_dette", dossier_exemple("loyer"), au=dt.date(2026, 6, 30)
    )
    pki = creer_pki_jetable(dt.datetime.now(dt.UTC))
    montant = lire_montant_imprime(acte.contenu)
    assert montant == acte.contrat.montant
    premier = signer_acte(acte.contenu, Signeur(pki.creancier), acte.emplacements)
    mention = f"Bon pour {acte.contrat.montant_lettres} ({acte.contrat.chiffres['montant']})"
    signe = cosigner(premier, Signeur(pki.debiteur), mention=mention)
    rapport = verifier_signature(signe, confiance=pki.racine, donnees_revocation=[pki.crl])
    assert rapport.verdict == "valide", rapport.explication
    assert [s.champ for s in rapport.signatures] == ["signature-creancier", "signature-debiteur"]
    assert rapport.mention is not None and rapport.mention.concordante
    assert rapport.mention.montant_retenu == acte.contrat.montant
    avant, apres = PdfReader(io.BytesIO(acte.contenu)), PdfReader(io.BytesIO(signe))
    nom = next(iter(avant.attachments))
    assert json.loads(apres.attachments[nom][0]) == json.loads(avant.attachments[nom][0])
    xmp = apres.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp
    # un débiteur qui écrit une autre somme en lettres : signalé
    autre = cosigner(premier, Signeur(pki.debiteur), mention="Bon pour un euro (1,00 €)")
    faux = verifier_signature(autre, confiance=pki.racine, donnees_revocation=[pki.crl])
    assert faux.mention is not None and not faux.mention.concordante
    assert any("montant imprimé" in a for a in faux.mention.anomalies)
