"""Mention de la somme d'une reconnaissance de dette (C. civ. 1376 ; forme électronique : 1174).

Article 1376 : l'acte par lequel une seule partie s'engage à payer une somme d'argent ne fait
preuve que s'il porte la signature de celui qui s'engage et la mention, écrite par lui-même, de la
somme en toutes lettres et en chiffres ; **en cas de différence, l'acte sous signature privée vaut
pour la somme écrite en toutes lettres**. Sous forme électronique (art. 1174), la mention résulte
d'un procédé qui garantit qu'elle a été écrite par le signataire : ici, le débiteur remplit le
champ de mention puis signe, et sa signature verrouille le champ.

Ce module lit la mention (lettres et chiffres) et la compare au montant imprimé de l'acte.

>>> controle = controler_mention(
...     "Bon pour mille deux cent trente-quatre euros et cinquante-six centimes (1 234,56 €)",
...     Decimal("1234.56"))
>>> controle.concordante, controle.montant_lettres
(True, Decimal('1234.56'))
>>> print(controler_mention("Bon pour mille euros (1 100 €)", Decimal("1100")).anomalies[0])
la somme en lettres (1000.00 €) diffère de la somme en chiffres (1100.00 €) : la somme en
lettres prévaut (C. civ. 1376)
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from pydantic import BaseModel, ConfigDict

FONDEMENTS = ("C. civ. 1376", "C. civ. 1174")

_UNITES = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70, "huitante": 80,
    "octante": 80, "nonante": 90,
}  # fmt: skip
_MULTIPLICATEURS = {"mille": 1000, "million": 10**6, "millions": 10**6, "milliard": 10**9,
                    "milliards": 10**9}  # fmt: skip


def _sans_accents(texte: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", texte) if unicodedata.category(c) != "Mn"
    ).lower()


def _nombre(mots: list[str]) -> int | None:
    """Un entier écrit en lettres (« deux cent quatre-vingt-un mille… ») ; ``None`` si illisible."""
    if not mots:
        return None
    total = 0
    courant = 0
    for mot in mots:
        if mot == "et":
            continue
        if mot in _UNITES:
            courant += _UNITES[mot]
        elif mot in ("cent", "cents"):
            courant = (courant or 1) * 100
        elif mot in _MULTIPLICATEURS:
            total += (courant or 1) * _MULTIPLICATEURS[mot]
            courant = 0
        else:
            return None
    return total + courant


def _corriger_quatre_vingts(mots: list[str]) -> list[str]:
    """« quatre vingt » vaut 80, pas 4 + 20 : fusionne le multiplicateur."""
    sortie: list[str] = []
    for mot in mots:
        if mot in ("vingt", "vingts") and sortie and sortie[-1] == "quatre":
            sortie[-1] = "octante"
        else:
            sortie.append(mot)
    return sortie


def lire_montant_en_lettres(texte: str) -> Decimal | None:
    """Le montant écrit en toutes lettres dans ``texte`` (euros et centimes), ou ``None``.

    >>> lire_montant_en_lettres("quatre-vingt-onze euros")
    Decimal('91.00')
    >>> lire_montant_en_lettres("un million d'euros et un centime")
    Decimal('1000000.01')
    >>> lire_montant_en_lettres("deux cents euros cinquante") is None
    False
    """
    propre = re.sub(r"\([^)]*\)", " ", _sans_accents(texte))
    propre = propre.replace("d'euros", "euros").replace("d’euros", "euros")
    mots = [m for m in re.split(r"[\s\-]+", re.sub(r"[^a-z\s\-]", " ", propre)) if m]
    try:
        fin_euros = next(i for i, m in enumerate(mots) if m in ("euro", "euros"))
    except StopIteration:
        return None
    # garder la dernière suite continue de mots-nombres avant « euros »
    suite: list[str] = []
    for mot in reversed(mots[:fin_euros]):
        if mot in _UNITES or mot in _MULTIPLICATEURS or mot in ("cent", "cents", "et"):
            suite.insert(0, mot)
        else:
            break
    euros = _nombre(_corriger_quatre_vingts(suite))
    if euros is None:
        return None
    apres = mots[fin_euros + 1 :]
    centimes = 0
    nombres = [m for m in apres if m in _UNITES or m in ("et",)]
    if "centime" in apres or "centimes" in apres:
        limite = apres.index("centime") if "centime" in apres else apres.index("centimes")
        lu = _nombre(_corriger_quatre_vingts([m for m in apres[:limite] if m != "et"]))
        centimes = lu or 0
    elif nombres and any(m != "et" for m in nombres):
        lu = _nombre(_corriger_quatre_vingts([m for m in nombres if m != "et"]))
        centimes = lu or 0
    if centimes > 99:
        return None
    return (Decimal(euros) + Decimal(centimes) / 100).quantize(Decimal("0.01"))


def lire_montant_en_chiffres(texte: str) -> Decimal | None:
    """Le montant écrit en chiffres (« 1 234,56 € », « 1234.56 euros »), ou ``None``.

    >>> lire_montant_en_chiffres("Bon pour … (1 234,56 €)")
    Decimal('1234.56')
    """
    espaces = "\u00a0\u202f\u2009 ."
    motif = re.compile(
        r"(\d{1,3}(?:[" + espaces + r"]\d{3})+|\d+)(?:,(\d{1,2}))?\s*(?:€|eur\b|euros?\b)",
        re.IGNORECASE,
    )
    trouve = motif.search(texte)
    if trouve is None:
        return None
    entier = re.sub(r"[" + espaces + r"]", "", trouve.group(1))
    try:
        return (Decimal(entier) + Decimal(f"0.{trouve.group(2) or 0}")).quantize(Decimal("0.01"))
    except InvalidOperation:  # pragma: no cover - le motif ne laisse passer que des chiffres
        return None


class ControleMention(BaseModel):
    """Résultat du contrôle de la mention d'une reconnaissance de dette."""

    model_config = ConfigDict(frozen=True)

    texte: str
    montant_lettres: Decimal | None
    montant_chiffres: Decimal | None
    montant_imprime: Decimal | None
    montant_retenu: Decimal | None
    """La somme pour laquelle l'acte vaut : en lettres si elle est lisible (art. 1376)."""
    concordante: bool
    """Les sommes en lettres, en chiffres et imprimée concordent (le texte seul)."""
    anomalies: list[str]
    fondements: list[str] = list(FONDEMENTS)
    signee: bool | None = None
    """La mention est couverte par une signature non invalide du champ du débiteur, qui la
    verrouille (C. civ. 1174) ; ``None`` : non contrôlé (texte seul, hors d'un PDF signé)."""
    signataire: str | None = None
    """Le signataire dont la signature couvre la mention."""


def controler_mention(texte: str, montant_imprime: Decimal | None) -> ControleMention:
    """Compare la mention écrite par le débiteur au montant imprimé de l'acte."""
    lettres = lire_montant_en_lettres(texte)
    chiffres = lire_montant_en_chiffres(texte)
    anomalies: list[str] = []
    if lettres is None:
        anomalies.append(
            "la somme en toutes lettres est absente ou illisible : l'acte ne vaut plus que "
            "commencement de preuve par écrit (C. civ. 1376)"
        )
    if chiffres is None:
        anomalies.append("la somme en chiffres est absente ou illisible (C. civ. 1376)")
    if lettres is not None and chiffres is not None and lettres != chiffres:
        anomalies.append(
            f"la somme en lettres ({lettres} €) diffère de la somme en chiffres ({chiffres} €) : "
            "la somme en lettres prévaut (C. civ. 1376)"
        )
    retenu = lettres if lettres is not None else chiffres
    if montant_imprime is not None and retenu is not None and retenu != montant_imprime:
        anomalies.append(
            f"la somme reconnue ({retenu} €) diffère du montant imprimé de l'acte "
            f"({montant_imprime} €)"
        )
    return ControleMention(
        texte=texte,
        montant_lettres=lettres,
        montant_chiffres=chiffres,
        montant_imprime=montant_imprime,
        montant_retenu=retenu,
        concordante=not anomalies,
        anomalies=anomalies,
    )
