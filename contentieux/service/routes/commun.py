"""Ce que partagent les points d'accès : lecture de la requête (corps, date, options), réponse
JSON, fragments du schéma OpenAPI."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from fastapi import Request, Response
from pydantic import ValidationError

from contentieux.erreurs import ErreurUtilisation
from contentieux.service.problemes import MEDIA_PROBLEME

TYPES_ACTES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def reponse_json(donnees: Any, statut: int = 200) -> Response:
    """Le JSON de ``--json`` (UTF-8, accents conservés)."""
    return Response(
        json.dumps(donnees, ensure_ascii=False).encode("utf-8"),
        status_code=statut,
        media_type="application/json",
    )


def valider(donnees: Any, origine: str = "dossier") -> Any:
    from contentieux.lecture import valider_dossier

    return valider_dossier(donnees, origine=origine)


def date_au(requete: Request) -> dt.date:
    from contentieux.cli.commun import lire_date

    texte = requete.query_params.get("au")
    if texte is None:
        raise ErreurUtilisation(
            "au : paramètre obligatoire absent ; ajoutez ?au=AAAA-MM-JJ, par exemple "
            "?au=2026-06-30",
            champ="au",
        )
    return lire_date(texte, "au")


PARAMETRES_DECOMPTE = {
    "diviseur": "diviseur",
    "depart-taux-legal": "depart_taux_legal",
    "compte-jours": "compte_jours",
    "apres-jugement": "apres_jugement",
    "factures-prescrites": "factures_prescrites",
    "plancher-contrat-muet": "plancher_contrat_muet",
}
"""Paramètre de requête (nom de l'option de ``contentieux decompte``) → champ d'OptionsDecompte."""


def parametres_connus(requete: Request, connus: set[str]) -> None:
    inconnus = sorted(set(requete.query_params) - connus)
    if inconnus:
        raise ErreurUtilisation(
            f"{inconnus[0]} : paramètre inconnu ; paramètres admis : {', '.join(sorted(connus))}",
            champ=inconnus[0],
        )


def options_decompte(requete: Request) -> Any:
    from contentieux.modeles.decompte import OptionsDecompte

    parametres_connus(requete, {"au", *PARAMETRES_DECOMPTE})
    choix = {
        champ: requete.query_params[nom]
        for nom, champ in PARAMETRES_DECOMPTE.items()
        if nom in requete.query_params
    }
    try:
        return OptionsDecompte.model_validate(choix)
    except ValidationError as exc:  # même message que la commande (option nommée, valeurs admises)
        from contentieux.lecture import erreurs_de_saisie

        premiere = erreurs_de_saisie(exc)[0]
        racine = premiere.champ in ("", "(racine)")
        nom = "options" if racine else premiere.champ.split(".")[0].replace("_", "-")
        raise ErreurUtilisation(f"{nom} : {premiere.message}", champ=nom) from None


def schema_ref(modele: Any) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{modele.__name__}"}


def corps_openapi(schema: dict[str, Any]) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def reponses_openapi(modele: str | None = None) -> dict[int | str, dict[str, Any]]:
    probleme_schema: dict[str, Any] = {"content": {MEDIA_PROBLEME: {}}}
    reponses: dict[int | str, dict[str, Any]] = {
        400: {"description": "Paramètre invalide", **probleme_schema},
        401: {"description": "Jeton absent ou invalide", **probleme_schema},
        413: {"description": "Corps trop volumineux", **probleme_schema},
        422: {"description": "Dossier invalide ou règle non couverte", **probleme_schema},
        503: {"description": "Service saturé (Retry-After)", **probleme_schema},
    }
    if modele is not None:
        reponses[200] = {
            "description": "Succès",
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{modele}"}}},
        }
    return reponses


def lire_corps(octets: bytes) -> Any:
    from contentieux.lecture import lire_json

    return lire_json(octets, origine="corps")


def schema_dossier() -> dict[str, Any]:
    return {"$ref": "#/components/schemas/Dossier"}


def disposition(nom: str) -> str:
    """``Content-Disposition`` d'un fichier à télécharger (nom ASCII et nom UTF-8, RFC 6266)."""
    from urllib.parse import quote

    ascii_ = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in nom)
    return f"attachment; filename=\"{ascii_}\"; filename*=UTF-8''{quote(nom)}"
