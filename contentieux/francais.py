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
        raise ValueError(f"nombre_en_lettres : entier positif ou nul attendu, pas {nombre!r}")
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
        raise ValueError(f"montant_en_lettres : un Decimal fini est attendu, pas {montant!r}")
    if montant < 0:
        raise ValueError(
            f"montant_en_lettres : montant négatif {montant} ; une somme due est positive"
        )
    if montant != montant.quantize(Decimal("0.01")):
        raise ValueError(
            f"montant_en_lettres : {montant} a plus de deux décimales ; arrondissez au centime"
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
