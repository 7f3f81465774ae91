"""``GET /v1/actes`` et ``POST /v1/actes/{acte}`` : les actes et leurs octets (PDF/A, DOCX)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from contentieux.erreurs import DonneesInvalides, ErreurUtilisation
from contentieux.service import travaux
from contentieux.service.execution import ErreurService, Service
from contentieux.service.problemes import probleme_http
from contentieux.service.routes.commun import (
    TYPES_ACTES,
    corps_openapi,
    date_au,
    disposition,
    lire_corps,
    parametres_connus,
    reponse_json,
    reponses_openapi,
    schema_dossier,
    valider,
)


def routeur(service: Service) -> APIRouter:
    """Les points d'accès de ce module, servis par ``service``."""
    routeur = APIRouter()

    @routeur.get("/v1/actes", tags=["actes"], summary="Actes disponibles")
    async def liste_actes() -> Response:
        """Les actes, leurs fondements et leurs mentions (``contentieux actes --json``)."""
        from contentieux.actes import ACTES, Atelier

        atelier = Atelier()
        return reponse_json([atelier.manifeste(a).model_dump(mode="json") for a in ACTES])

    @routeur.post(
        "/v1/actes/{acte}",
        tags=["actes"],
        summary="Produire un acte (PDF/A ou DOCX)",
        openapi_extra=corps_openapi(
            {
                "oneOf": [
                    schema_dossier(),
                    {
                        "type": "object",
                        "properties": {
                            "dossier": schema_dossier(),
                            "parametres": {"type": "object"},
                        },
                        "required": ["dossier"],
                    },
                ]
            }
        ),
        responses={
            **reponses_openapi(),
            200: {"content": {t: {} for t in TYPES_ACTES.values()}, "description": "L'acte"},
        },
    )
    async def produire_acte(acte: str, requete: Request) -> Response:
        """Les octets de l'acte (``contentieux generer``) ; corps : le dossier, ou
        ``{"dossier": …, "parametres": …}`` (paramètres des actes : lieu, plan, agence…)."""
        from contentieux.actes import ACTES

        au = date_au(requete)
        parametres_connus(requete, {"au", "format"})
        format_ = requete.query_params.get("format", "pdf")
        if format_ not in TYPES_ACTES:
            raise ErreurUtilisation(
                f"format : « {format_} » invalide ; écrivez pdf ou docx", champ="format"
            )
        if acte not in ACTES:
            raise ErreurService(
                404,
                probleme_http(
                    404,
                    "acte_inconnu",
                    f"acte « {acte} » inconnu ; actes disponibles : {', '.join(ACTES)}",
                    champ="acte",
                ),
            )
        donnees = lire_corps(await requete.body())
        parametres = None
        if (
            isinstance(donnees, dict)
            and "dossier" in donnees
            and set(donnees)
            <= {
                "dossier",
                "parametres",
            }
        ):
            parametres = donnees.get("parametres")
            if parametres is not None and not isinstance(parametres, dict):
                raise DonneesInvalides(
                    "parametres : une table est attendue (lieu, plan, agence…), comme la "
                    "section « actes: » d'un dossier",
                    champ="parametres",
                )
            donnees = donnees["dossier"]
        dossier = valider(donnees)
        contenu, nom = await service.executer(
            travaux.acte,
            service_tache(),
            acte,
            dossier,
            au=au,
            format_=format_,
            parametres=parametres,
            pool=True,
        )
        return Response(
            contenu,
            media_type=TYPES_ACTES[format_],
            headers={"Content-Disposition": disposition(nom)},
        )

    return routeur


def service_tache() -> Any:
    """La tâche des processus de travail du service (:func:`travaux.tache_service`)."""
    return travaux.tache_service()
