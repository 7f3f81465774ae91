"""Mise en forme française des montants, taux et dates (Babel), pour l'affichage et les actes.

>>> from decimal import Decimal
>>> formater_montant(Decimal("8580.5"))
'8\u202f580,50\xa0€'
>>> formater_taux(Decimal("12.15"))
'12,15\xa0%'
>>> import datetime as dt
>>> formater_date(dt.date(2026, 3, 1)), formater_date(dt.date(2026, 1, 15))
('1er mars 2026', '15 janvier 2026')
>>> [formater_valeur(Decimal(v), u) for v, u in [("2.15", "pourcent"), ("5", "annees"),
...     ("1", "annees"), ("5000", "euros"), ("40.5", "euros"), ("10", "points"), ("1", "mois")]]
['2,15\xa0%', '5\xa0ans', '1\xa0an', '5\u202f000\xa0€', '40,50\xa0€', '10\xa0points', '1\xa0mois']
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


_UNITES = {
    "annees": ("an", "ans"),
    "mois": ("mois", "mois"),
    "jours": ("jour", "jours"),
    "points": ("point", "points"),
}


def formater_valeur(valeur: Decimal | tuple[str, ...], unite: str) -> str:
    """Une valeur de règle écrite à la française selon son unité : « 2,15 % », « 5 ans »,
    « 5 000 € », « 10 points », « 3 » (coefficient) ; une liste, ses éléments séparés par des
    virgules."""
    from babel.numbers import format_decimal

    if isinstance(valeur, tuple):
        return ", ".join(valeur)
    if unite == "pourcent":
        return formater_taux(valeur)
    if unite == "euros":
        if valeur == valeur.to_integral_value():
            return f"{format_decimal(valeur, format='#,##0', locale=LOCALE)}\xa0€"
        return formater_montant(valeur)
    nombre = str(format_decimal(valeur, format="#,##0.####", locale=LOCALE))
    if unite in _UNITES:
        singulier, pluriel = _UNITES[unite]
        return f"{nombre}\xa0{singulier if abs(valeur) < 2 else pluriel}"
    return nombre
