"""``POST /v1/decompte`` et ``POST /v1/recevabilite`` : le JSON de ``contentieux decompte`` et
``verifier``."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from contentieux.erreurs import ErreurUtilisation
from contentieux.modeles.recevabilite import OptionsRecevabilite
from contentieux.service import travaux
from contentieux.service.execution import Service
from contentieux.service.routes.commun import (
    corps_openapi,
    date_au,
    lire_corps,
    options_decompte,
    parametres_connus,
    reponse_json,
    reponses_openapi,
    schema_dossier,
    valider,
)


def routeur(service: Service) -> APIRouter:
    """Les points d'accès de ce module, servis par ``service``."""
    config = service.config
    routeur = APIRouter()

    @routeur.post(
        "/v1/decompte",
        tags=["calculs"],
        summary="Décompte d'un dossier",
        openapi_extra=corps_openapi(schema_dossier()),
        responses=reponses_openapi("Decompte"),
    )
    async def decompte(requete: Request) -> Response:
        """Ce qui est dû à la date ``au`` ; options nommées comme celles de ``contentieux
        decompte`` (``diviseur``, ``depart-taux-legal``, ``compte-jours``, ``apres-jugement``,
        ``factures-prescrites``, ``plancher-contrat-muet``)."""
        au = date_au(requete)
        options = options_decompte(requete)
        brut = await requete.body()
        # un dossier ordinaire (une à deux millisecondes) est calculé dans la boucle : l'aller-
        # retour vers un processus de travail (tube, réveil des fils) coûterait davantage que le
        # calcul (banc du 7 décembre 2026 : 2,2 ms de CPU par requête par le pool contre 1,3 ms
        # dans la boucle) ; un gros dossier (corps au-delà de ``seuil_pool``) va au pool, pour
        # que la boucle reste libre ; seuls des octets passent d'un processus à l'autre
        au_pool = len(brut) > config.seuil_pool
        octets = await service.executer(
            travaux.decompte_json, brut, au=au, options=options, pool=True if au_pool else None
        )
        return Response(octets, media_type="application/json")

    @routeur.post(
        "/v1/recevabilite",
        tags=["calculs"],
        summary="Recevabilité d'un dossier",
        openapi_extra=corps_openapi(schema_dossier()),
        responses=reponses_openapi("Recevabilite"),
    )
    async def recevabilite(requete: Request) -> Response:
        """Le rapport de ``contentieux verifier`` : conditions, voie, juridiction, calendrier ;
        ``marge-prescription`` en jours (60 par défaut)."""
        au = date_au(requete)
        parametres_connus(requete, {"au", "marge-prescription"})
        marge = requete.query_params.get("marge-prescription")
        if marge is not None and not marge.isdigit():
            raise ErreurUtilisation(
                f"marge-prescription : « {marge} » invalide ; un nombre de jours est attendu",
                champ="marge-prescription",
            )
        brut = await requete.body()
        dossier = valider(lire_corps(brut))
        resultat = await service.executer(
            travaux.recevabilite,
            dossier,
            au=au,
            options=OptionsRecevabilite(marge_prescription_jours=int(marge))
            if marge is not None
            else None,
            regles=None if len(brut) > config.seuil_pool else service.regles(),
            pool=True if len(brut) > config.seuil_pool else None,
        )
        return reponse_json(resultat)

    return routeur
