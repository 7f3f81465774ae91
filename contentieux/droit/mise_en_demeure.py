"""La mise en demeure qui produit effet (C. civ. 1344, 1344-1, 1231-6).

Un dossier peut contenir plusieurs mises en demeure (une relance, une lettre puis un acte de
commissaire de justice…). Les intérêts moratoires courent à compter de la **première
interpellation suffisante** (C. civ. 1344-1 : « à compter de la mise en demeure ») : c'est donc la
mise en demeure qui a produit effet **le plus tôt** qui compte, quel que soit son ordre dans le
fichier et même si elle a été envoyée après une autre (une lettre recommandée électronique
envoyée le 5 et reçue le 6 l'emporte sur une lettre papier envoyée le 3 et reçue le 10).

La date d'effet d'une mise en demeure est, selon la convention choisie :

- « reception » (par défaut) : sa date d'effet retenue par l'utilisateur, sinon sa date de
  réception (ou de première présentation) ; à défaut des deux, sa date d'envoi (le décompte
  l'avertit) ;
- « envoi » : sa date d'envoi.

Une mise en demeure envoyée après la date d'évaluation ``au`` est ignorée ; une mise en demeure
envoyée avant ``au`` mais reçue après produit son effet à sa date (après ``au`` : aucun intérêt
ne court encore au jour ``au``).

>>> import datetime as dt
>>> from contentieux.modeles.evenements import MiseEnDemeure
>>> lettre = MiseEnDemeure(date_envoi=dt.date(2026, 1, 3), date_reception=dt.date(2026, 1, 10),
...                        moyen="lettre_recommandee_ar")
>>> lre = MiseEnDemeure(date_envoi=dt.date(2026, 1, 5), date_reception=dt.date(2026, 1, 6),
...                     moyen="lettre_recommandee_electronique")
>>> mise_en_demeure_effective([lettre, lre], au=dt.date(2026, 6, 30)) is lre
True
>>> date_effet(lre, "envoi")
datetime.date(2026, 1, 5)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from contentieux.modeles.evenements import MiseEnDemeure

ConventionDepart = Literal["reception", "envoi"]
"""Date d'effet d'une mise en demeure : sa réception (ou date d'effet retenue) ou son envoi."""

FONDEMENTS = ("C. civ. 1344", "C. civ. 1344-1", "C. civ. 1231-6")


def date_effet(
    mise_en_demeure: MiseEnDemeure, convention: ConventionDepart = "reception"
) -> dt.date:
    """Date à laquelle une mise en demeure produit effet selon ``convention`` (voir le module).

    Sans date d'effet ni de réception, la date d'envoi est retenue (le décompte le signale).
    """
    if convention == "envoi":
        return mise_en_demeure.date_envoi
    return mise_en_demeure.date_point_de_depart or mise_en_demeure.date_envoi


def mise_en_demeure_effective(
    mises_en_demeure: Iterable[MiseEnDemeure],
    *,
    au: dt.date,
    convention: ConventionDepart = "reception",
) -> MiseEnDemeure | None:
    """La mise en demeure qui produit effet la première, parmi celles envoyées au plus tard ``au``.

    Le résultat ne dépend pas de l'ordre des mises en demeure : à date d'effet égale, la plus
    anciennement envoyée, puis celle dont la réception est connue, puis un ordre total sur leurs
    champs. None s'il n'y en a aucune.
    """
    candidates = [m for m in mises_en_demeure if m.date_envoi <= au]
    if not candidates:
        return None
    # Date d'effet, puis envoi, puis réception connue d'abord ; le JSON départage deux mises en
    # demeure de mêmes dates (ordre total : le résultat ne dépend pas de l'ordre du fichier).
    return min(
        candidates,
        key=lambda m: (
            date_effet(m, convention),
            m.date_envoi,
            m.date_point_de_depart is None,
            m.model_dump_json(),
        ),
    )
