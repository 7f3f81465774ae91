"""``/v1/lots`` : soumettre un lot, suivre son avancement, télécharger ses fichiers."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse
from pydantic import ValidationError

from contentieux.service.execution import ErreurService, Service
from contentieux.service.lots import DemandeLot
from contentieux.service.problemes import probleme_http
from contentieux.service.routes.commun import (
    TYPES_ACTES,
    corps_openapi,
    lire_corps,
    reponse_json,
    schema_ref,
)


def routeur(service: Service) -> APIRouter:
    """Les points d'accès de ce module, servis par ``service``."""
    config = service.config
    routeur = APIRouter()

    @routeur.post(
        "/v1/lots",
        tags=["lots"],
        summary="Soumettre un lot",
        status_code=202,
        openapi_extra=corps_openapi(schema_ref(DemandeLot)),
    )
    async def soumettre_lot(requete: Request) -> Response:
        """Crée un lot (date, actes, formats, dossiers) ; rend son identifiant (202). Les
        dossiers invalides sont consignés au manifeste, les autres produits."""
        from contentieux.lecture import erreur_de_saisie

        assert service.lots is not None
        if service.lots.en_attente() >= config.lots_max:
            raise ErreurService(
                429,
                probleme_http(
                    429,
                    "trop_de_lots",
                    f"{config.lots_max} lots sont déjà en attente ou en cours ; réessayez plus "
                    "tard (en-tête Retry-After)",
                ),
                {"Retry-After": "30"},
            )
        donnees = lire_corps(await requete.body())
        try:
            demande = DemandeLot.model_validate(donnees)
        except ValidationError as exc:
            raise erreur_de_saisie(exc, "lot") from None
        ident = await asyncio.to_thread(service.lots.creer, demande)
        reponse = reponse_json({"id": ident, "etat": f"/v1/lots/{ident}"}, statut=202)
        reponse.headers["Location"] = f"/v1/lots/{ident}"
        return reponse

    def _lot_introuvable(ident: str) -> ErreurService:
        return ErreurService(
            404, probleme_http(404, "lot_introuvable", f"lot « {ident} » introuvable", champ="id")
        )

    @routeur.get("/v1/lots/{ident}", tags=["lots"], summary="Avancement d'un lot")
    async def etat_lot(ident: str) -> Response:
        """Statut (``en_attente``, ``en_cours``, ``termine``), compteurs, bilan et manifeste."""
        assert service.lots is not None
        etat = await asyncio.to_thread(service.lots.etat, ident)
        if etat is None:
            raise _lot_introuvable(ident)
        return reponse_json(etat)

    @routeur.get(
        "/v1/lots/{ident}/fichiers/{chemin:path}", tags=["lots"], summary="Fichier d'un lot"
    )
    async def fichier_lot(ident: str, chemin: str) -> Response:
        """Un fichier produit (chemin tel qu'au manifeste, par exemple ``DOS-1/decompte.json``)."""
        assert service.lots is not None
        cible = service.lots.fichier(ident, chemin)
        if cible is None:
            raise _lot_introuvable(f"{ident}/{chemin}")
        types = {**TYPES_ACTES, "json": "application/json"}
        return FileResponse(
            cible, media_type=types.get(cible.suffix.lstrip("."), "application/octet-stream")
        )

    return routeur
