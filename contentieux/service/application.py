"""L'application FastAPI du service : jeton, limites, journal d'accès, erreurs, points d'accès.

Les corps JSON sont lus comme les fichiers de la commande (nombres exacts en ``Decimal``, clés en
double refusées : :func:`contentieux.lecture.lire_json`) et validés par
:func:`contentieux.lecture.valider_dossier` (messages français, jamais ceux de pydantic) ; les
réponses sont le JSON de ``--json``. Le travail long (actes, gros décomptes) passe par le pool de
processus (:mod:`contentieux.service.execution`), pour que la boucle d'événements réponde
toujours à ``/sante``. Les points d'accès sont rangés par domaine dans
:mod:`contentieux.service.routes`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hmac
import json
import logging
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from contentieux.erreurs import ErreurContentieux
from contentieux.service.configuration import Configuration
from contentieux.service.execution import ErreurService, Service
from contentieux.service.lots import DemandeLot
from contentieux.service.problemes import (
    MEDIA_PROBLEME,
    octets_probleme,
    probleme,
    probleme_http,
)
from contentieux.service.routes import actes, calculs, importer, lots, regles, sante

__all__ = ["ErreurService", "Service", "creer_application"]

journal_acces = logging.getLogger("contentieux.service.acces")


class CorpsTropGros(ErreurService):
    """Le corps reçu dépasse la limite du service."""


def _reponse_probleme(
    statut: int, corps: dict[str, Any], entetes: dict[str, str] | None = None
) -> Response:
    return Response(
        octets_probleme(corps), status_code=statut, media_type=MEDIA_PROBLEME, headers=entetes
    )


def _trop_gros(limite: int) -> CorpsTropGros:
    return CorpsTropGros(
        413,
        probleme_http(
            413,
            "corps_trop_gros",
            f"corps de requête trop volumineux : plus de {limite} octets ; découpez l'envoi "
            "(un lot en plusieurs lots) ou demandez une limite plus haute (--limite-corps)",
            limite=limite,
        ),
    )


# --- middleware : limite de corps et journal d'accès ------------------------------------------


def _jeton_accepte(entetes: dict[bytes, bytes], jeton: bytes) -> bool:
    """Vrai si l'en-tête ``Authorization: Bearer …`` porte le jeton (comparaison à temps
    constant, :func:`hmac.compare_digest`)."""
    schema, _, valeur = entetes.get(b"authorization", b"").partition(b" ")
    donne = valeur.strip() if schema.lower() == b"bearer" else b""
    return hmac.compare_digest(donne, jeton)


def _refus_jeton() -> Response:
    corps = probleme_http(
        401,
        "jeton_invalide",
        "jeton absent ou invalide : envoyez l'en-tête « Authorization: Bearer <jeton> » avec le "
        "jeton du service (CONTENTIEUX_JETON)",
        champ="Authorization",
    )
    return _reponse_probleme(401, corps, {"WWW-Authenticate": 'Bearer realm="contentieux"'})


class Enveloppe:
    """Middleware ASGI : exige le jeton sur ``/v1/…`` (401), refuse les corps trop gros (413) et
    écrit une ligne JSON par requête (méthode, chemin, statut, durée, octets ; jamais le contenu
    d'un dossier ni le jeton)."""

    def __init__(self, app: ASGIApp, limite: int, jeton: bytes | None) -> None:
        self.app = app
        self.limite = limite
        self.jeton = jeton

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        debut = time.perf_counter()
        etat = {"statut": 0, "envoyes": 0, "recus": 0}
        entetes = dict(scope.get("headers") or [])
        longueur = entetes.get(b"content-length", b"")

        async def envoyer(message: Message) -> None:
            if message["type"] == "http.response.start":
                etat["statut"] = int(message["status"])
            elif message["type"] == "http.response.body":
                etat["envoyes"] += len(message.get("body", b""))
            await send(message)

        async def recevoir() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                etat["recus"] += len(message.get("body", b""))
                if etat["recus"] > self.limite:
                    raise _trop_gros(self.limite)
            return message

        try:
            protege = self.jeton is not None and str(scope.get("path", "")).startswith("/v1/")
            if protege and not _jeton_accepte(entetes, self.jeton or b""):
                await _refus_jeton()(scope, receive, envoyer)
            elif longueur.isdigit() and int(longueur) > self.limite:
                erreur = _trop_gros(self.limite)
                reponse = _reponse_probleme(erreur.statut, erreur.corps, {"Connection": "close"})
                await reponse(scope, receive, envoyer)
            else:
                await self.app(scope, recevoir, envoyer)
        finally:
            ligne = {
                "horodatage": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
                "client": (scope.get("client") or ("", 0))[0],
                "methode": scope.get("method", ""),
                "chemin": _chemin_journal(scope.get("path", "")),
                "statut": etat["statut"],
                "duree_ms": round((time.perf_counter() - debut) * 1000, 2),
                "octets_recus": etat["recus"],
                "octets_envoyes": etat["envoyes"],
            }
            journal_acces.info(json.dumps(ligne, ensure_ascii=False))


def _chemin_journal(chemin: str) -> str:
    """Le chemin journalisé : le nom d'un fichier de lot (il porte la référence du dossier)
    est masqué.

    >>> _chemin_journal("/v1/lots/0123/fichiers/DOS-1/decompte.json")
    '/v1/lots/0123/fichiers/…'
    """
    avant, separateur, _ = chemin.partition("/fichiers/")
    return f"{avant}/fichiers/…" if separateur and avant.startswith("/v1/lots/") else chemin


# --- OpenAPI ---------------------------------------------------------------------------------


def _ajouter_schemas(application: FastAPI) -> None:
    """Les modèles pydantic de la bibliothèque dans le schéma OpenAPI (corps et réponses)."""
    from contentieux.modeles.decompte import Decompte
    from contentieux.modeles.dossier import Dossier
    from contentieux.modeles.recevabilite import Recevabilite

    construire = application.openapi

    def openapi() -> dict[str, Any]:
        if application.openapi_schema:
            return application.openapi_schema
        schema = construire()
        composants = schema.setdefault("components", {}).setdefault("schemas", {})
        for modele in (Dossier, Decompte, Recevabilite, DemandeLot):
            definition = modele.model_json_schema(ref_template="#/components/schemas/{model}")
            composants.update(definition.pop("$defs", {}))
            composants[modele.__name__] = definition
        application.openapi_schema = schema
        return schema

    application.openapi = openapi  # type: ignore[method-assign]


# --- l'application ---------------------------------------------------------------------------


def creer_application(config: Configuration) -> FastAPI:
    """L'application FastAPI du service, réglée par ``config``."""
    from contentieux._version import __version__

    service = Service(config)

    @asynccontextmanager
    async def cycle(_: FastAPI) -> AsyncIterator[None]:
        service.demarrer()
        try:
            yield
        finally:
            await asyncio.to_thread(service.arreter)

    application = FastAPI(
        title="contentieux",
        version=__version__,
        description=(
            "Recouvrement de créances en droit français : décompte, recevabilité, actes, règles "
            "et lots, par HTTP. Mêmes modèles et même JSON que `contentieux … --json` ; erreurs "
            "en `application/problem+json` (RFC 9457) avec le code de sortie de la commande."
        ),
        lifespan=cycle,
        docs_url=None,
        redoc_url=None,
    )
    application.state.service = service
    jeton = config.jeton.get_secret_value().encode("utf-8") if config.jeton else None
    application.add_middleware(Enveloppe, limite=config.limite_corps, jeton=jeton)
    _ajouter_schemas(application)

    # --- erreurs en problem+json ---

    async def sur_erreur_service(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, ErreurService)
        return _reponse_probleme(exc.statut, exc.corps, exc.entetes)

    async def sur_erreur(_: Request, exc: Exception) -> Response:
        statut, corps = probleme(exc)
        if statut >= 500:
            print(f"erreur interne : {type(exc).__name__} : {exc}", file=sys.stderr)
        return _reponse_probleme(statut, corps)

    async def sur_http(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        messages = {404: "point d'accès introuvable ; voir /docs", 405: "méthode non permise"}
        corps = probleme_http(
            exc.status_code, "http", messages.get(exc.status_code, str(exc.detail))
        )
        return _reponse_probleme(exc.status_code, corps, dict(exc.headers or {}))

    async def sur_validation(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        lignes = [
            f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]} : valeur invalide"
            for e in exc.errors()
        ]
        corps = probleme_http(400, "utilisation_invalide", "; ".join(lignes), sortie=2)
        return _reponse_probleme(400, corps)

    application.add_exception_handler(ErreurService, sur_erreur_service)
    application.add_exception_handler(StarletteHTTPException, sur_http)
    application.add_exception_handler(RequestValidationError, sur_validation)
    # erreurs de la bibliothèque : traduites sans trace ; toute autre exception aussi (500),
    # mais la trace reste dans le journal d'erreurs d'uvicorn (défaut à signaler)
    application.add_exception_handler(ErreurContentieux, sur_erreur)
    application.add_exception_handler(ValidationError, sur_erreur)
    application.add_exception_handler(Exception, sur_erreur)

    # --- santé et documentation ---

    application.include_router(sante.routeur(service))
    _documentation(application)
    for module in (calculs, actes, regles, importer, lots):
        application.include_router(module.routeur(service))
    return application


def _documentation(application: FastAPI) -> None:
    """La page ``/docs`` (Swagger UI) servie avec les fichiers du paquet ``swagger-ui-bundle`` :
    aucun CDN, le service marche hors ligne. Sans ce paquet, seule ``/openapi.json`` reste."""
    try:
        import swagger_ui_bundle  # type: ignore[import-untyped]
    except ImportError:
        return
    from fastapi.staticfiles import StaticFiles

    application.mount(
        "/docs/fichiers",
        StaticFiles(directory=swagger_ui_bundle.swagger_ui_path),
        name="swagger",
    )

    @application.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="contentieux — API",
            swagger_js_url="/docs/fichiers/swagger-ui-bundle.js",
            swagger_css_url="/docs/fichiers/swagger-ui.css",
            swagger_favicon_url="/docs/fichiers/favicon-32x32.png",
        )
