"""``GET /sante`` : l'état du service, ouvert sans jeton."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from contentieux._version import __version__
from contentieux.service.execution import Service


def routeur(service: Service) -> APIRouter:
    """Les points d'accès de ce module, servis par ``service``."""
    routeur = APIRouter()

    @routeur.get("/sante", tags=["service"], summary="État du service")
    async def sante() -> dict[str, Any]:
        """État, version de la bibliothèque et des règles, travaux en cours (sans jeton)."""
        return {
            "statut": "ok",
            "version": __version__,
            "version_regles": service.regles().version,
            "travaux_en_cours": service.en_vol,
            "workers_prets": service.pool.prets() if service.pool else 0,
            "lots_en_attente": service.lots.en_attente() if service.lots else 0,
        }

    return routeur
