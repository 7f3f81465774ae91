"""``GET /v1/regles`` : les valeurs en vigueur et leurs sources (``contentieux regles --json``)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from contentieux.service.execution import Service
from contentieux.service.routes.commun import date_au, reponse_json


def routeur(service: Service) -> APIRouter:
    """Les points d'accès de ce module, servis par ``service``."""
    routeur = APIRouter()

    @routeur.get("/v1/regles", tags=["règles"], summary="Règles en vigueur")
    async def regles(requete: Request) -> Response:
        """Les valeurs en vigueur à la date ``au`` avec leurs sources (``contentieux regles
        --json``)."""
        from contentieux.presentation import regles_en_vigueur_json
        from contentieux.regles import charger_regles

        return reponse_json(regles_en_vigueur_json(charger_regles(), date_au(requete)))

    return routeur
