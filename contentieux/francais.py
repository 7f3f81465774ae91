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
