"""Lecture YAML exacte : les nombres deviennent des ``Decimal`` construits depuis leur texte.

``4.06`` lu par PyYAML deviendrait le flottant 4.0599999…; ici il devient ``Decimal("4.06")``.
Les entiers restent des ``int`` (exacts) ; les dates ISO restent des ``datetime.date``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml


class ChargeurExact(yaml.SafeLoader):
    """``SafeLoader`` dont les nombres à virgule sont des ``Decimal`` exacts."""


def _decimal(chargeur: yaml.SafeLoader, noeud: yaml.Node) -> Decimal:
    texte = str(chargeur.construct_scalar(noeud)).replace("_", "")  # type: ignore[arg-type]
    return Decimal(texte)


ChargeurExact.add_constructor("tag:yaml.org,2002:float", _decimal)


def charger_yaml_exact(texte: str) -> Any:
    """Analyse un document YAML en gardant les nombres décimaux exacts.

    >>> charger_yaml_exact("taux: 4.06")
    {'taux': Decimal('4.06')}
    """
    return yaml.load(texte, Loader=ChargeurExact)  # ChargeurExact dérive de SafeLoader
