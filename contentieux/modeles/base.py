"""Socle commun des modèles : configuration pydantic et types monétaires exacts.

Tous les modèles sont figés (``frozen``), refusent les champs inconnus (``extra="forbid"``) et
s'échangent en JSON sans perte. Les montants et les taux sont des ``Decimal`` : un ``float`` est
refusé à la frontière, car ``0.1 + 0.2`` n'est pas une somme qu'on présente à un juge.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

MESSAGE_FLOAT = (
    "nombre à virgule flottante refusé : écrivez la valeur sous forme de texte "
    '(par exemple "1234.56") ou passez un Decimal, pour garder une valeur exacte'
)


class Modele(BaseModel):
    """Base de tous les modèles : figé, champs inconnus refusés, chaînes nettoyées."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        use_enum_values=False,
        ser_json_inf_nan="strings",
    )


def refuser_float(valeur: Any) -> Any:
    """Refuse un ``float`` (valeur inexacte) ; laisse passer ``int``, ``str`` et ``Decimal``."""
    if isinstance(valeur, float):
        raise ValueError(MESSAGE_FLOAT)
    if isinstance(valeur, str):
        return valeur.strip().replace(" ", "").replace("\u202f", "").replace("\xa0", "")
    return valeur


MONTANT_MAX = Decimal("1000000000000000")
"""Plus grand montant accepté : un million de milliards d'euros (10¹⁵ €).

Très au-delà de toute créance réelle, cette borne garde chaque montant et chaque total exacts dans
le contexte décimal de 28 chiffres (un montant de 10²⁶ € y serait arrondi, puis refusé par
``decimal.InvalidOperation``)."""


def au_centime(valeur: Decimal) -> Decimal:
    """Écriture canonique d'un montant à deux décimales (« 10.1 », « 1E+1 » → 10.10) ; exact."""
    if not valeur.is_finite() or abs(valeur) > MONTANT_MAX:
        raise ValueError(_MESSAGE_MONTANT_MAX)
    return valeur.quantize(Decimal("0.01"))


_MESSAGE_MONTANT_MAX = (
    "montant hors limites : au plus 1 000 000 000 000 000 € (un million de milliards) ; "
    "vérifiez le nombre de chiffres"
)


def _schema(description: str, nombre: dict[str, Any], motif: str) -> WithJsonSchema:
    """Schéma JSON explicite (nombre ou texte décimal), identique d'une version de pydantic à
    l'autre : les bornes sont des mots-clés standard (minimum, exclusiveMinimum, maximum)."""
    return WithJsonSchema(
        {
            "anyOf": [{"type": "number", **nombre}, {"type": "string", "pattern": motif}],
            "description": description,
        }
    )


_CENTIMES = r"^\d+(\.\d{1,2})?$"

Montant = Annotated[
    Decimal,
    Field(ge=0, le=MONTANT_MAX, decimal_places=2),
    BeforeValidator(refuser_float),
    AfterValidator(au_centime),
    _schema(
        "Montant en euros, au centime (texte ou Decimal), au plus 10¹⁵ €.",
        {"minimum": 0, "maximum": int(MONTANT_MAX)},
        _CENTIMES,
    ),
]
"""Montant en euros, positif ou nul, au plus deux décimales."""

MontantStrict = Annotated[
    Decimal,
    Field(gt=0, le=MONTANT_MAX, decimal_places=2),
    BeforeValidator(refuser_float),
    AfterValidator(au_centime),
    _schema(
        "Montant en euros strictement positif, au centime, au plus 10¹⁵ €.",
        {"exclusiveMinimum": 0, "maximum": int(MONTANT_MAX)},
        _CENTIMES,
    ),
]
"""Montant en euros strictement positif, au plus deux décimales."""

Taux = Annotated[
    Decimal,
    Field(ge=0, le=100),
    BeforeValidator(refuser_float),
    _schema(
        "Taux annuel en pourcent (12.15 signifie 12,15 %).",
        {"minimum": 0, "maximum": 100},
        r"^\d+(\.\d+)?$",
    ),
]
"""Taux annuel exprimé en pourcent, comme il est publié (``Decimal("12.15")`` = 12,15 %)."""
