"""Frontière d'entrée : lire un dossier depuis un fichier YAML ou JSON, erreurs en français.

Les nombres sont lus exactement (``Decimal`` depuis leur texte, jamais via ``float``). Une erreur
de validation devient ``DonneesInvalides`` dont chaque ligne dit quel champ, ce qui ne va pas et
comment corriger. L'API Python, elle, laisse passer ``pydantic.ValidationError`` telle quelle ;
``traduire_erreurs`` la rend lisible.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import ValidationError

from contentieux._yaml import charger_yaml_exact
from contentieux.erreurs import DonneesInvalides
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import Evenement
from contentieux.modeles.parties import Partie


def _etiquettes(union: Any) -> frozenset[str]:
    """Valeurs du champ ``type`` d'une union discriminée ``Annotated[A | B, Field(...)]``."""
    return frozenset(str(m.model_fields["type"].default) for m in get_args(get_args(union)[0]))


# pydantic insère l'étiquette de l'union discriminée dans le chemin : on la retire.
_ETIQUETTES = _etiquettes(Partie) | _etiquettes(Evenement)
_PREFIXE_CHAMP = re.compile(r"([a-z_][a-z0-9_]*(?:\[\d+\])*(?:\.[a-z_][a-z0-9_]*(?:\[\d+\])*)*) : ")

_MESSAGES: dict[str, str] = {
    "missing": "champ obligatoire absent : ajoutez-le",
    "extra_forbidden": "champ inconnu : supprimez-le ou corrigez son orthographe",
    "decimal_parsing": 'nombre attendu, par exemple "1234.56"',
    "decimal_type": 'nombre attendu, par exemple "1234.56"',
    "finite_number": 'nombre fini attendu, par exemple "1234.56"',
    "decimal_max_places": "au plus {decimal_places} décimales (montants au centime)",
    "date_parsing": "date attendue au format AAAA-MM-JJ, par exemple 2026-01-31",
    "date_from_datetime_parsing": "date attendue au format AAAA-MM-JJ, par exemple 2026-01-31",
    "date_type": "date attendue au format AAAA-MM-JJ, par exemple 2026-01-31",
    "date_from_datetime_inexact": "date sans heure attendue (AAAA-MM-JJ)",
    "string_type": 'texte attendu : mettez la valeur entre guillemets, par exemple "75008"',
    "string_too_short": "texte vide : renseignez une valeur",
    "bool_type": "vrai ou faux attendu (true / false)",
    "bool_parsing": "vrai ou faux attendu (true / false)",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "greater_than": "doit être strictement supérieur à {gt}",
    "greater_than_equal": "doit être supérieur ou égal à {ge}",
    "less_than_equal": "doit être inférieur ou égal à {le}",
    "too_short": "au moins {min_length} élément(s) attendu(s)",
    "tuple_type": "liste attendue",
    "list_type": "liste attendue",
    "model_type": "objet (dictionnaire de champs) attendu",
    "model_attributes_type": "objet (dictionnaire de champs) attendu",
    "dict_type": "objet (dictionnaire de champs) attendu",
    "union_tag_not_found": (
        "champ « type » absent : indiquez-le (« personne_morale » ou « personne_physique » pour "
        "une partie ; « paiement », « mise_en_demeure »… pour un événement)"
    ),
    "union_tag_invalid": "« type » inconnu ({tag}) : valeurs possibles {expected_tags}",
    "literal_error": "valeur non permise : valeurs possibles {expected}",
    "enum": "valeur non permise : valeurs possibles {expected}",
}


def _chemin(loc: tuple[int | str, ...]) -> str:
    texte = ""
    for i, partie in enumerate(loc):
        if isinstance(partie, int):
            texte += f"[{partie}]"
        elif (i > 0 and partie in _ETIQUETTES) or "[" in str(partie):
            continue  # étiquettes internes des unions discriminées
        else:
            texte += f".{partie}" if texte else str(partie)
    return texte or "(racine)"


def _message(erreur: Any) -> str:
    type_ = erreur["type"]
    if type_ == "value_error":
        message = str(erreur["msg"]).removeprefix("Value error, ")
        return message
    modele = _MESSAGES.get(type_)
    if modele is None:
        return f"valeur invalide ({erreur['msg']})"
    # pydantic énumère les valeurs possibles en anglais (« 'a' or 'b' »).
    contexte = {
        k: v.replace("' or '", "' ou '") if isinstance(v, str) else v
        for k, v in (erreur.get("ctx") or {}).items()
    }
    try:
        return modele.format(**contexte)
    except (KeyError, IndexError):
        return modele.split(":")[0]


def traduire_erreurs(exc: ValidationError) -> list[str]:
    """Une ligne française par erreur : « champ : ce qui ne va pas et comment corriger »."""
    erreurs = exc.errors(include_url=False)
    lignes = []
    for erreur in erreurs:
        loc = tuple(erreur["loc"])
        # pydantic signale aussi « liste trop courte » quand un élément est invalide : bruit.
        if erreur["type"] == "too_short" and any(
            len(e["loc"]) > len(loc) and tuple(e["loc"][: len(loc)]) == loc for e in erreurs
        ):
            continue
        chemin, message = _chemin(loc), _message(erreur)
        # « champ : explication » venu d'un validateur de modèle : le champ rejoint le chemin.
        prefixe = _PREFIXE_CHAMP.match(message) if erreur["type"] == "value_error" else None
        if prefixe:
            champ = prefixe.group(1)
            chemin = champ if chemin == "(racine)" else f"{chemin}.{champ}"
            message = message[prefixe.end() :]
        lignes.append(f"{chemin} : {message}")
    return lignes


def valider_dossier(donnees: Any, *, origine: str = "dossier") -> Dossier:
    """Valide des données déjà lues ; lève ``DonneesInvalides`` avec des messages français."""
    try:
        return Dossier.model_validate(donnees)
    except ValidationError as exc:
        lignes = traduire_erreurs(exc)
        raise DonneesInvalides(
            f"{origine} : {len(lignes)} erreur(s) de saisie\n  - " + "\n  - ".join(lignes),
            erreurs=lignes,
        ) from None


def lire_donnees(chemin: str | Path) -> Any:
    """Lit un fichier YAML ou JSON (nombres exacts) ; ``DonneesInvalides`` s'il est illisible."""
    fichier = Path(chemin)
    if not fichier.is_file():
        raise DonneesInvalides(
            f"fichier introuvable : {fichier} ; vérifiez le chemin (fichier .yaml, .yml ou .json)"
        )
    try:
        texte = fichier.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DonneesInvalides(
            f"{fichier} : le fichier n'est pas encodé en UTF-8 ; enregistrez-le en UTF-8"
        ) from None
    try:
        if fichier.suffix.lower() == ".json":
            return json.loads(texte, parse_float=Decimal)
        return charger_yaml_exact(texte)
    except json.JSONDecodeError as exc:
        raise DonneesInvalides(
            f"{fichier} : JSON invalide ligne {exc.lineno}, colonne {exc.colno} ({exc.msg}) ; "
            "corrigez la syntaxe (virgules, guillemets, accolades)"
        ) from None
    except yaml.YAMLError as exc:
        position = getattr(exc, "problem_mark", None)
        ou = f" ligne {position.line + 1}, colonne {position.column + 1}" if position else ""
        raise DonneesInvalides(
            f"{fichier} : YAML invalide{ou} ; corrigez l'indentation ou la syntaxe"
        ) from None
    except (ValueError, ArithmeticError) as exc:
        # PyYAML construit lui-même les dates (2025-13-01 lève ValueError) ; un nombre YAML
        # inexprimable en Decimal (.inf, 1:30.5) lève decimal.InvalidOperation.
        raise DonneesInvalides(
            f"{fichier} : valeur illisible ({_valeur_illisible(exc)}) ; vérifiez les dates "
            "(AAAA-MM-JJ, date existante) et les nombres (par exemple 1234.56)"
        ) from None


def _valeur_illisible(exc: Exception) -> str:
    texte = str(exc)
    if "month must be in" in texte:
        return "mois hors de 1 à 12"
    if "day is out of range" in texte:
        return "jour inexistant dans ce mois"
    if isinstance(exc, ArithmeticError):
        return "nombre non décimal"
    return "date ou nombre impossible"


def lire_dossier(chemin: str | Path) -> Dossier:
    """Lit et valide un dossier depuis un fichier YAML ou JSON.

    >>> from contentieux.exemples import chemin_exemple
    >>> lire_dossier(chemin_exemple("b2b")).reference
    'EX-B2B-2025-001'
    """
    return valider_dossier(lire_donnees(chemin), origine=str(chemin))
