"""Les outils du texte français des résultats : coupure des lignes, colonnes, dates, montants.

C'est la mise en forme que partagent ``str()`` d'un décompte et d'un rapport de recevabilité
(:func:`contentieux.modeles.decompte.texte_decompte`,
:func:`contentieux.modeles.recevabilite.texte_recevabilite`) et la commande
(:mod:`contentieux.presentation`). Elle vit dans la couche des modèles, qui l'importent : elle ne
connaît que le socle (``francais``). Le texte est fait pour 80 colonnes (ou la largeur demandée)
et pour un fichier : les lignes trop longues sont coupées entre les mots, jamais au milieu d'un
montant, d'une date ou d'un taux (leurs espaces sont insécables). Une seule écriture des dates :
« 1er mars 2026 », année sur quatre chiffres.

Les données du dossier (noms, références, libellés) sont du texte brut : rien n'y est interprété.

>>> import datetime as dt
>>> print(fin(couper("Échue le " + date(dt.date(2026, 3, 1)) + ".", 12)))
Échue le
  1er mars 2026.
>>> print(aligner([("Principal initial", "8 580,50 €"), ("Intérêts", "12,00 €")]))
Principal initial  8 580,50 €
Intérêts              12,00 €
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable, Sequence
from decimal import Decimal

from contentieux.francais import formater_date, formater_montant, formater_taux

LARGEUR = 80
"""Largeur par défaut du texte (colonnes)."""

LIBELLE_PRINCIPAL_RESTANT = "Principal restant dû (toutes factures)"
"""Dans un décompte : principal initial moins la part des paiements imputée sur le principal."""

LIBELLE_PRINCIPAL_IMPAYE = "Principal impayé (toutes factures)"
"""Dans un rapport de recevabilité : toutes les factures, paiements déduits du principal."""

LIBELLE_PRINCIPAL_EXIGIBLE = "Principal exigible et non prescrit"
"""Dans un rapport de recevabilité : seules les factures échues et non prescrites, moins les
paiements qui leur sont imputés ; c'est le montant qui décide des seuils et de la demande."""

REGIMES = {
    "taux_legal": "intérêts au taux légal",
    "penalites_b2b": "pénalités L441-10",
    "commande_publique": "intérêts moratoires R2192-31",
    "taux_conventionnel": "intérêts au taux conventionnel",
    "jugement": "intérêts après jugement",
}
POSTES = {"interets": "intérêts", "indemnite": "indemnité", "principal": "principal"}
SYMBOLES = {True: "[oui]", False: "[non]", None: "[ ? ]"}
VERDICTS = {True: "recevable", False: "irrecevable", None: "indéterminée (faits manquants)"}


# --- outils -------------------------------------------------------------------------------------


LIEN = "\ue000"
"""Espace protégée pendant la coupure des lignes (caractère privé), rendue en espace ordinaire."""


def insecable(texte: str) -> str:
    """Protège les espaces d'un élément (date, montant, article) : il ne sera pas coupé.

    Les espaces protégées redeviennent des espaces ordinaires dans le texte final (:func:`fin`).
    """
    return texte.replace(" ", LIEN)


def fin(lignes: Iterable[str]) -> str:
    """Le texte final : lignes jointes, espaces protégées rendues ordinaires."""
    return "\n".join(lignes).replace(LIEN, " ")


def date(jour: dt.date) -> str:
    """« 1er mars 2026 », insécable."""
    return insecable(formater_date(jour))


def montant(valeur: Decimal) -> str:
    """« 1 234,56 € », insécable (Babel)."""
    return insecable(formater_montant(valeur))


def taux(valeur: Decimal) -> str:
    """« 12,15 % », insécable."""
    return insecable(formater_taux(valeur))


_MOIS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"janv\.|févr\.|avr\.|juil\.|sept\.|oct\.|nov\.|déc\."
)
_INSECABLES = [
    # « 1er mars 2026 », « 13 oct. 1992 »
    re.compile(rf"\b(?:1er|\d{{1,2}}) (?:{_MOIS})(?: \d{{4}})?"),
    # « C. civ. 2240 », « C. com. L441-10 II », « CPC art. 640 », « n° 91-10.066 », « CJUE C-78/22 »
    re.compile(
        r"\b(?:C\. (?:civ|com|consom|trav|postes)\.?|CPCE?|CMF|CGI|CCP|CJUE|Cass\.|art\.|n°) "
        r"[\w./-]+"
    ),
    # « 15 jours », « 3 ans », « 2 340,00 € », « 12,15 % », « + 10 points »
    re.compile(r"(?:[+×] )?\b\d[\d\u202f\xa0 ]*(?:,\d+)? ?(?:€|%|jours?|mois|ans?|points?)(?!\w)"),
]
_DATE_COURTE = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")


def proteger(texte: str) -> str:
    """Rend insécables les dates, articles, montants et durées d'un texte ; récrit les dates
    « 12/03/2025 » en « 12 mars 2025 ».

    >>> print(fin(couper(proteger("échue le 12/03/2025, C. civ. 2240, 15 jours"), 13)))
    échue le
      12 mars 2025,
      C. civ. 2240,
      15 jours
    """

    def longue(m: re.Match[str]) -> str:
        try:
            return formater_date(dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
        except ValueError:
            return m.group(0)

    texte = _DATE_COURTE.sub(longue, texte)
    # Ponctuation haute et guillemets : jamais en début ou en fin de ligne, seuls.
    for avant, apres in ((" :", ":"), (" ;", ";"), (" ?", "?"), (" !", "!"), (" »", "»")):
        texte = texte.replace(avant, LIEN + apres)
    texte = texte.replace("« ", "«" + LIEN)
    for motif in _INSECABLES:
        texte = motif.sub(lambda m: insecable(m.group(0)), texte)
    return texte


def couper(texte: str, largeur: int, retrait: str = "", suite: str | None = None) -> list[str]:
    """Coupe un paragraphe aux espaces ordinaires seulement (jamais dans un élément insécable)."""
    suite = retrait + "  " if suite is None else suite
    lignes = textwrap.wrap(
        proteger(texte),
        width=max(largeur, 20),
        initial_indent=retrait,
        subsequent_indent=suite,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return lignes or [retrait.rstrip()]


def aligner(paires: Sequence[tuple[str, str]], largeur: int = LARGEUR, retrait: str = "") -> str:
    """Deux colonnes : libellés à gauche, valeurs alignées à droite (jamais coupées)."""
    if not paires:
        return ""
    gauche = max(len(libelle) for libelle, _ in paires)
    droite = max(len(valeur) for _, valeur in paires)
    if len(retrait) + gauche + 2 + droite > largeur:
        # Trop large : la valeur passe sous son libellé, alignée à droite.
        lignes = []
        for libelle, valeur in paires:
            lignes.append(retrait + libelle)
            lignes.append(retrait + valeur.rjust(max(droite, largeur - len(retrait))))
        return fin(lignes)
    return "\n".join(
        f"{retrait}{libelle.ljust(gauche)}  {valeur.rjust(droite)}" for libelle, valeur in paires
    )


def titre(texte: str, largeur: int) -> list[str]:
    """Un titre coupé à la largeur, souligné de « = »."""
    lignes = couper(texte, largeur, suite="")
    return [*lignes, "=" * min(largeur, max(len(li) for li in lignes))]


def section(texte: str) -> list[str]:
    """Un intertitre précédé d'une ligne vide, souligné de « - »."""
    return ["", texte, "-" * len(texte)]


def puces(elements: Iterable[str], largeur: int) -> list[str]:
    """Une liste à puces « • », coupée à la largeur."""
    lignes: list[str] = []
    for element in elements:
        lignes += couper(f"• {element}", largeur, "  ", "    ")
    return lignes
