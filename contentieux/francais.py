"""Mise en forme française des montants, taux et dates (Babel), pour l'affichage et les actes.

>>> from decimal import Decimal
>>> formater_montant(Decimal("8580.5"))
'8\u202f580,50\xa0€'
>>> formater_taux(Decimal("12.15"))
'12,15\xa0%'
>>> import datetime as dt
>>> formater_date(dt.date(2026, 3, 1)), formater_date(dt.date(2026, 1, 15))
('1er mars 2026', '15 janvier 2026')
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from contentieux.erreurs import ArgumentInvalide

LOCALE = "fr_FR"


def formater_montant(montant: Decimal) -> str:
    """« 1 234,56 € » : espace fine insécable (U+202F) pour les milliers, insécable avant €."""
    from babel.numbers import format_currency

    return str(format_currency(montant, "EUR", locale=LOCALE))


def formater_taux(taux: Decimal) -> str:
    """Un taux publié en pourcent (``Decimal("12.15")``) écrit « 12,15 % »."""
    from babel.numbers import format_decimal

    return f"{format_decimal(taux, format='#,##0.00##', locale=LOCALE)}\xa0%"


def formater_date(date: dt.date) -> str:
    """Date longue à la française : « 1er mars 2026 », « 15 janvier 2026 »."""
    from babel.dates import format_date

    texte = str(format_date(date, format="d MMMM y", locale=LOCALE))
    return texte.replace("1 ", "1er ", 1) if date.day == 1 else texte


# --- actes : sommes en toutes lettres (C. civ. 1376) --------------------------------------------

_MULTIPLES = ("million", "millions", "milliard", "milliards")


def nombre_en_lettres(nombre: int) -> str:
    """Un entier positif ou nul en toutes lettres, orthographe traditionnelle.

    num2words donne les cardinaux ; les règles d'accord (« quatre-vingts », « deux cents »,
    invariables devant un autre nombre) sont vérifiées par les tests de propriétés.

    >>> nombre_en_lettres(80), nombre_en_lettres(81), nombre_en_lettres(200), nombre_en_lettres(201)
    ('quatre-vingts', 'quatre-vingt-un', 'deux cents', 'deux cent un')
    """
    if isinstance(nombre, bool) or not isinstance(nombre, int) or nombre < 0:
        raise ArgumentInvalide(
            f"nombre_en_lettres : entier positif ou nul attendu, pas {nombre!r}", champ="nombre"
        )
    from num2words import num2words  # type: ignore[import-untyped]

    return str(num2words(nombre, lang="fr"))


def montant_en_lettres(montant: Decimal) -> str:
    """Une somme en euros en toutes lettres, centimes compris (C. civ. 1376).

    num2words ``to="currency"`` ne suit pas ces règles : on écrit séparément les
    euros et les centimes ; « d'euros » après million ou milliard ; singulier pour 0 et 1.

    >>> montant_en_lettres(Decimal("80")), montant_en_lettres(Decimal("1000000"))
    ('quatre-vingts euros', "un million d'euros")
    >>> montant_en_lettres(Decimal("1.01")), montant_en_lettres(Decimal("0.50"))
    ('un euro et un centime', 'cinquante centimes')
    >>> montant_en_lettres(Decimal("0"))
    'zéro euro'
    """
    if not isinstance(montant, Decimal) or not montant.is_finite():
        raise ArgumentInvalide(
            f"montant_en_lettres : un Decimal fini est attendu, pas {montant!r}", champ="montant"
        )
    if montant < 0:
        raise ArgumentInvalide(
            f"montant_en_lettres : montant négatif {montant} ; une somme due est positive",
            champ="montant",
        )
    if montant != montant.quantize(Decimal("0.01")):
        raise ArgumentInvalide(
            f"montant_en_lettres : {montant} a plus de deux décimales ; arrondissez au centime",
            champ="montant",
        )
    centimes_total = int(montant * 100)
    euros, centimes = divmod(centimes_total, 100)
    if euros == 0 and centimes:
        partie_euros = ""
    else:
        mots = nombre_en_lettres(euros)
        if euros <= 1:
            unite = "euro"
        elif mots.endswith(_MULTIPLES):
            unite = "d'euros"
        else:
            unite = "euros"
        partie_euros = f"{mots} {unite}"
    if not centimes:
        return partie_euros
    partie_centimes = f"{nombre_en_lettres(centimes)} {'centime' if centimes == 1 else 'centimes'}"
    return f"{partie_euros} et {partie_centimes}" if partie_euros else partie_centimes


def nombre_simple(valeur: Decimal) -> str:
    """Nombre à la française sans symbole, groupes de milliers séparés : « 10 000,00 »."""
    from babel.numbers import format_decimal

    return str(format_decimal(valeur, format="#,##0.00", locale=LOCALE))


_INSECABLES = (
    (" :", "\xa0:"),
    (" ;", "\u202f;"),
    (" ?", "\u202f?"),
    (" !", "\u202f!"),
    ("« ", "«\xa0"),
    (" »", "\xa0»"),
)


def typographier(texte: str) -> str:
    """Espaces insécables de la typographie française : avant « : » (espace insécable), avant
    « ; ? ! » (espace fine insécable), à l'intérieur des guillemets « ». Rien d'autre ne change.

    >>> typographier("Objet : relance ; « urgent »") == "Objet\xa0: relance\u202f; «\xa0urgent\xa0»"
    True
    """
    for avant, apres in _INSECABLES:
        texte = texte.replace(avant, apres)
    return texte


# --- actes : élision, accords, formules ---------------------------------------------------------

_VOYELLES = frozenset("aàâäeéèêëiîïoôöuùûüyœæAÀÂÄEÉÈÊËIÎÏOÔÖUÙÛÜYŒÆ")


def commence_par_voyelle(mot: str) -> bool:
    """Le mot commence-t-il par une voyelle (l'élision se fait devant elle) ? Un « h » n'élide
    pas : muet ou aspiré, seul un dictionnaire le dirait ; « de Hélios » reste correct à l'oral
    comme à l'écrit d'un nom propre, « d'Hélios » aussi — on ne devine pas."""
    return bool(mot) and mot[0] in _VOYELLES


def de(nom: str) -> str:
    """La préposition « de » devant un nom, élidée devant une voyelle.

    >>> de("Atelier Mercier"), de("Bâti-Rhône"), de("Éditions Lune"), de("« Yser »")
    ("d'Atelier Mercier", 'de Bâti-Rhône', "d'Éditions Lune", 'de « Yser »')
    """
    return f"d'{nom}" if commence_par_voyelle(nom) else f"de {nom}"


def que(texte: str) -> str:
    """« que » élidé devant une voyelle : « qu'il », « que la ».

    >>> que("il paie"), que("la dette")
    ("qu'il paie", 'que la dette')
    """
    return f"qu'{texte}" if commence_par_voyelle(texte) else f"que {texte}"


def pluriel(nombre: int, singulier: str, pluriel_: str | None = None) -> str:
    """Un nombre et son nom accordé (« 1 facture », « 3 factures ») : jamais « facture(s) ».

    >>> pluriel(1, "facture"), pluriel(3, "facture")
    ('1 facture', '3 factures')
    >>> pluriel(2, "échéance mensuelle", "échéances mensuelles")
    '2 échéances mensuelles'
    """
    if nombre in (0, 1):
        return f"{nombre} {singulier}"
    return f"{nombre} {pluriel_ or singulier + 's'}"


Civilite = str | None
"""« M. », « Mme » ou inconnue (None)."""


def formule_appel(civilite: Civilite) -> str:
    """La formule d'appel d'une lettre, tirée de la civilité du destinataire ; « Madame,
    Monsieur, » seulement si elle est inconnue (une société, une civilité non donnée).

    >>> formule_appel("M."), formule_appel("Mme"), formule_appel(None)
    ('Monsieur,', 'Madame,', 'Madame, Monsieur,')
    """
    return {"M.": "Monsieur,", "Mme": "Madame,"}.get(civilite or "", "Madame, Monsieur,")


def formule_politesse(civilite: Civilite, debut: str = "Veuillez agréer") -> str:
    """La formule de politesse qui reprend l'appel.

    >>> formule_politesse("Mme")
    "Veuillez agréer, Madame, l'expression de nos salutations distinguées."
    >>> formule_politesse(None, "Nous vous prions d'agréer")
    "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées."
    """
    return f"{debut}, {formule_appel(civilite)} l'expression de nos salutations distinguées."


def accorder(civilite: Civilite, masculin: str, feminin: str, neutre: str) -> str:
    """Le mot accordé au genre que donne la civilité ; ``neutre`` (une tournure qui ne s'accorde
    pas) quand elle est inconnue — jamais « né(e) » ni « soussigné(e) ».

    >>> accorder("Mme", "né le", "née le", "date de naissance :")
    'née le'
    >>> accorder(None, "né le", "née le", "date de naissance :")
    'date de naissance :'
    """
    return {"M.": masculin, "Mme": feminin}.get(civilite or "", neutre)


def fondement_et_note(fondement: str, note: str | None) -> str:
    """Ce qu'un lecteur lit d'une ligne : son fondement (citations), puis sa note s'il y en a une.

    Typographie seule (le format des citations est dans :mod:`contentieux.droit.citations`, qui
    la réexporte) : les modèles s'en servent pour ``str()`` d'un décompte.

    >>> fondement_et_note("C. com. L441-10", "L441-10 II : taux stipulé")
    'C. com. L441-10 — L441-10 II : taux stipulé'
    >>> fondement_et_note("C. civ. 1343-2", None)
    'C. civ. 1343-2'
    """
    return f"{fondement} — {note}" if note else fondement
