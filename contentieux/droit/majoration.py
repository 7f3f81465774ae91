"""La majoration de 5 points du taux légal après une condamnation (CMF L313-3).

CMF L313-3 al. 1 : « En cas de condamnation pécuniaire par décision de justice, le taux de
l'intérêt légal est majoré de cinq points à l'expiration d'un délai de deux mois à compter du jour
où la décision de justice est devenue exécutoire, fût-ce par provision. »

Le délai (``interet_legal.majoration_delai_mois`` dans ``regles/``, deux mois) se compte de
quantième à quantième ; faute de quantième identique, il expire le dernier jour du mois (CPC 641
al. 2, :func:`contentieux.delais.ajouter_mois`). Il n'est pas prorogé au premier jour ouvrable
(CPC 642 vise les délais pour accomplir un acte ; celui-ci n'est que le point de départ d'une
majoration de plein droit). Le dernier jour du délai ne porte pas encore la majoration : elle
s'applique à compter du lendemain.

Calculs à la main (délai de deux mois) :

- exécutoire le 1er mars 2026 → le délai expire le 1er mai 2026 ; majoré dès le 2 mai ;
- exécutoire le 31 décembre 2025 → pas de 31 février : le délai expire le dernier jour de
  février, le 28 février 2026 ; majoré dès le 1er mars 2026 ;
- exécutoire le 31 décembre 2023 → 2024 est bissextile : expire le 29 février 2024.

>>> import datetime as dt
>>> from contentieux.regles import charger_regles
>>> regles = charger_regles()
>>> fin, _ = fin_delai_majoration(dt.date(2026, 3, 1), regles=regles, au=dt.date(2026, 2, 1))
>>> fin, fin + dt.timedelta(days=1)
(datetime.date(2026, 5, 1), datetime.date(2026, 5, 2))
>>> fin, valeur = fin_delai_majoration(
...     dt.date(2025, 12, 31), regles=regles, au=dt.date(2025, 12, 1))
>>> fin, fin + dt.timedelta(days=1)
(datetime.date(2026, 2, 28), datetime.date(2026, 3, 1))
>>> valeur.identifiant, valeur.valeur, valeur.unite
('interet_legal.majoration_delai_mois', Decimal('2'), 'mois')
>>> fin_delai_majoration(dt.date(2023, 12, 31), regles=regles, au=dt.date(2023, 12, 1))[0]
datetime.date(2024, 2, 29)
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from contentieux.delais import ajouter_mois
from contentieux.droit.durees import duree
from contentieux.regles import Regles, ValeurRegle

DELAI: Final = "interet_legal.majoration_delai_mois"
"""La durée du délai dans les règles (CMF L313-3)."""

FONDEMENT: Final = "CMF L313-3"


def fin_delai_majoration(
    date_executoire: dt.date, *, regles: Regles, au: dt.date
) -> tuple[dt.date, ValeurRegle]:
    """Dernier jour sans la majoration de 5 points (CMF L313-3) d'une décision devenue exécutoire
    le ``date_executoire`` : l'expiration du délai (quantième à quantième, dernier jour du mois à
    défaut) ; la majoration s'applique à compter du lendemain.

    ``au`` : la date à laquelle la durée du délai est lue dans ``regles`` (celle de la
    décision). Rend aussi la valeur datée employée, pour la justification du décompte.
    """
    mois, valeur = duree(regles, DELAI, au=au)
    return ajouter_mois(date_executoire, mois), valeur
