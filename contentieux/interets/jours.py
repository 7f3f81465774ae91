"""Décompte des jours et diviseur annuel (docs/conception.md §6).

Les intérêts courent pour chaque jour *j* tel que ``debut < j <= fin`` : le jour de départ ne
compte pas, le jour du paiement compte ; ``jours = (fin - debut).days``. Option
``compte_jours="deux_bornes"`` : le jour de départ compte aussi ; le décompte avance alors d'un
jour le point de départ de chaque facture (``Dette.jour_de_depart_compte``), de sorte que la
convention ``debut < j <= fin`` reste celle des lignes.

Diviseur « 365 » (par défaut) : 365 même en année bissextile (pratique de la Banque de France et
de Service-Public). Diviseur « exact » : les jours d'une année bissextile sont divisés par 366, ce
qui oblige à couper une période au 1er janvier.

>>> import datetime as dt
>>> compter_jours(dt.date(2024, 2, 28), dt.date(2024, 3, 1))
2
>>> decouper_par_annee(dt.date(2023, 12, 15), dt.date(2024, 1, 10), "exact")
[(datetime.date(2023, 12, 15), datetime.date(2023, 12, 31), 365), \
(datetime.date(2023, 12, 31), datetime.date(2024, 1, 10), 366)]
>>> decouper_par_annee(dt.date(2023, 12, 15), dt.date(2024, 1, 10), "365")
[(datetime.date(2023, 12, 15), datetime.date(2024, 1, 10), 365)]
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import Final

from contentieux.modeles.decompte import Diviseur

CENT: Final = Decimal(100)


def compter_jours(debut: dt.date, fin: dt.date) -> int:
    """Nombre de jours d'intérêts entre ``debut`` (exclu) et ``fin`` (inclus) ; 0 si fin ≤ debut."""
    return max((fin - debut).days, 0)


def diviseur_du_jour(jour: dt.date, diviseur: Diviseur) -> int:
    """Diviseur applicable à un jour : 365, ou 366 en mode « exact » dans une année bissextile."""
    if diviseur == "exact" and calendar.isleap(jour.year):
        return 366
    return 365


def decouper_par_annee(
    debut: dt.date, fin: dt.date, diviseur: Diviseur
) -> list[tuple[dt.date, dt.date, int]]:
    """Coupe ``(debut, fin]`` en morceaux de diviseur constant : ``(debut, fin, diviseur)``.

    En mode « 365 », un seul morceau ; en mode « exact », une coupure au 31 décembre quand une
    année bissextile commence ou finit dans la période.
    """
    if fin <= debut:
        return []
    if diviseur == "365":
        return [(debut, fin, 365)]
    morceaux: list[tuple[dt.date, dt.date, int]] = []
    courant = debut
    while courant < fin:
        premier_jour = courant + dt.timedelta(days=1)
        fin_annee = dt.date(premier_jour.year, 12, 31)
        bout = min(fin, fin_annee)
        d = diviseur_du_jour(premier_jour, diviseur)
        if morceaux and morceaux[-1][2] == d:
            morceaux[-1] = (morceaux[-1][0], bout, d)
        else:
            morceaux.append((courant, bout, d))
        courant = bout
    return morceaux


_DENOMINATEUR_365: Final = CENT * 365
"""``100 × 365``, le dénominateur usuel (valeur exacte, calculée une fois)."""


def interet_exact(base: Decimal, taux: Decimal, jours: int, diviseur: int) -> Decimal:
    """Intérêt exact (non arrondi) : ``base × taux / 100 × jours / diviseur``."""
    return base * taux * jours / (_DENOMINATEUR_365 if diviseur == 365 else CENT * diviseur)
