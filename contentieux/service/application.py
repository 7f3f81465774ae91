"""L'application FastAPI du service : points d'accès, jeton, limites, journal d'accès.

Les corps JSON sont lus comme les fichiers de la commande (nombres exacts en ``Decimal``, clés en
double refusées : :func:`contentieux.lecture.lire_json`) et validés par
:func:`contentieux.lecture.valider_dossier` (messages français, jamais ceux de pydantic) ; les
réponses sont le JSON de ``--json``. Le travail long (actes, gros décomptes) passe par le pool de
processus ; le reste par un fil, pour que la boucle d'événements réponde toujours à ``/sante``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import datetime as dt
import hmac
import json
import logging
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import python_multipart  # noqa: F401  (Starlette lit par lui les formulaires de /v1/importer)
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from contentieux.ecriture import ecrire_atomique
from contentieux.erreurs import DonneesInvalides, ErreurContentieux, ErreurUtilisation
from contentieux.service import travaux
from contentieux.service.configuration import Configuration
from contentieux.service.lots import DemandeLot, GestionLots
from contentieux.service.pool import PoolProcessus
from contentieux.service.problemes import (
    MEDIA_PROBLEME,
    octets_probleme,
    probleme,
    probleme_decrit,
    probleme_http,
)

journal_acces = logging.getLogger("contentieux.service.acces")

TYPES_ACTES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class ErreurService(Exception):
    """Une réponse d'erreur HTTP prête : statut, document RFC 9457, en-têtes."""

    def __init__(self, statut: int, corps: dict[str, Any], entetes: dict[str, str] | None = None):
        super().__init__(corps.get("message", ""))
        self.statut = statut
        self.corps = corps
        self.entetes = entetes or {}


class CorpsTropGros(ErreurService):
    """Le corps reçu dépasse la limite du service."""


def _reponse_probleme(statut: int, corps: dict[str, Any], entetes: dict[str, str] | None = None
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


def _json(donnees: Any, statut: int = 200) -> Response:
    """Le JSON de ``--json`` (UTF-8, accents conservés)."""
    return Response(
        json.dumps(donnees, ensure_ascii=False).encode("utf-8"),
        status_code=statut,
        media_type="application/json",
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


# --- l'état du service ------------------------------------------------------------------------


class Service:
    """Ce qui vit autant que le service : le pool de processus, les lots, le compteur de travaux."""

    def __init__(self, config: Configuration) -> None:
        self.config = config
        self.pool: PoolProcessus | None = None
        self.lots: GestionLots | None = None
        self.en_vol = 0

    def regles(self) -> Any:
        """Les règles en vigueur, relues au plus une fois par seconde
        (:func:`travaux.regles_du_moment`)."""
        return travaux.regles_du_moment()

    def demarrer(self) -> None:
        # processus démarrés et préparés dès maintenant (polices, gabarit chauffé)
        self.pool = PoolProcessus(self.config.workers, travaux.tache_service())
        self.lots = GestionLots(
            self.config.dossier_lots,
            self.pool,
            workers=self.config.workers,
            lots_max=self.config.lots_max,
        )
        self.lots.demarrer()

    def arreter(self) -> None:
        if self.lots is not None:
            self.lots.arreter(self.config.grace)
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def pool_libre(self) -> bool:
        """Vrai si un processus de travail est sans travail en ce moment."""
        return self.pool is not None and self.pool.libres() > 0

    def _saturation(self) -> None:
        if self.en_vol >= self.config.travaux_max:
            raise ErreurService(
                503,
                probleme_http(
                    503,
                    "service_sature",
                    f"service saturé : {self.en_vol} travaux en cours ; réessayez dans une "
                    "seconde (en-tête Retry-After)",
                ),
                {"Retry-After": "1"},
            )

    def _delai_depasse(self) -> ErreurService:
        return ErreurService(
            504,
            probleme_http(
                504,
                "delai_depasse",
                f"délai dépassé : la requête a pris plus de {self.config.delai_requete:g} s ; "
                "réessayez, ou envoyez le travail en lot (POST /v1/lots)",
            ),
        )

    async def _au_pool(self, fonction: Callable[..., travaux.Issue], *args: Any, **kwargs: Any
                       ) -> travaux.Issue:
        """Le travail dans le pool, dans la limite de temps ; au-delà, le processus qui le fait
        est arrêté et remplacé (:meth:`PoolProcessus.interrompre`) : un rendu abandonné ne
        continue pas à occuper un processus."""
        assert self.pool is not None
        futur = self.pool.submit(fonction, *args, **kwargs)
        try:
            issue: travaux.Issue = await asyncio.wait_for(
                asyncio.wrap_future(futur), self.config.delai_requete
            )
        except TimeoutError:
            self.pool.interrompre(futur)
            raise self._delai_depasse() from None
        except asyncio.CancelledError:  # client parti, arrêt : le travail ne sert plus
            self.pool.interrompre(futur)
            raise
        return issue

    async def executer(
        self,
        fonction: Callable[..., travaux.Issue],
        *args: Any,
        pool: bool | None,
        **kwargs: Any,
    ) -> Any:
        """Exécute ``fonction`` dans le pool de processus (``pool=True``), dans un fil
        (``False``) ou directement dans la boucle (``None`` : calcul de quelques millisecondes),
        dans la limite de temps ; rend son résultat ou lève l'erreur en problème."""
        self._saturation()
        self.en_vol += 1
        try:
            try:
                if pool is None:  # petit calcul (quelques ms) : dans la boucle, sans aller-retour
                    ok, resultat = fonction(*args, **kwargs)
                elif pool and self.pool is not None:
                    ok, resultat = await self._au_pool(fonction, *args, **kwargs)
                else:
                    ok, resultat = await asyncio.wait_for(
                        asyncio.to_thread(fonction, *args, **kwargs), self.config.delai_requete
                    )
            except TimeoutError:
                raise self._delai_depasse() from None
            except cf.BrokenExecutor:  # un worker est mort (mémoire, signal) : déjà remplacé
                raise ErreurService(
                    503,
                    probleme_http(
                        503,
                        "worker_interrompu",
                        "un processus de travail s'est arrêté pendant la requête (mémoire, "
                        "signal) ; il a été remplacé : réessayez",
                    ),
                    {"Retry-After": "1"},
                ) from None
        finally:
            self.en_vol -= 1
        if not ok:
            statut, corps = probleme_decrit(resultat)
            raise ErreurService(statut, corps)
        return resultat


# --- lecture des requêtes ---------------------------------------------------------------------


def _dossier(donnees: Any, origine: str = "dossier") -> Any:
    from contentieux.lecture import valider_dossier

    return valider_dossier(donnees, origine=origine)


def _date(requete: Request) -> dt.date:
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


def _parametres_connus(requete: Request, connus: set[str]) -> None:
    inconnus = sorted(set(requete.query_params) - connus)
    if inconnus:
        raise ErreurUtilisation(
            f"{inconnus[0]} : paramètre inconnu ; paramètres admis : {', '.join(sorted(connus))}",
            champ=inconnus[0],
        )


def _options_decompte(requete: Request) -> Any:
    from contentieux.modeles.decompte import OptionsDecompte

    _parametres_connus(requete, {"au", *PARAMETRES_DECOMPTE})
    choix = {
        champ: requete.query_params[nom]
        for nom, champ in PARAMETRES_DECOMPTE.items()
        if nom in requete.query_params
    }
    try:
        return OptionsDecompte.model_validate(choix)
    except ValidationError as exc:  # même message que la commande (option nommée, valeurs admises)
        premiere = exc.errors()[0]
        nom = str(premiere["loc"][0]).replace("_", "-") if premiere["loc"] else "options"
        message = str(premiere["msg"]).removeprefix("Value error, ").split(" : ", 1)[-1]
        raise ErreurUtilisation(f"{nom} : {message}", champ=nom) from None


# --- OpenAPI ---------------------------------------------------------------------------------


def _schema(modele: Any) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{modele.__name__}"}


def _corps_openapi(schema: dict[str, Any]) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


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


def _reponses(modele: str | None = None) -> dict[int | str, dict[str, Any]]:
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

    @application.get("/sante", tags=["service"], summary="État du service")
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

    _documentation(application)

    # --- calculs ---

    @application.post(
        "/v1/decompte",
        tags=["calculs"],
        summary="Décompte d'un dossier",
        openapi_extra=_corps_openapi(_schema_dossier()),
        responses=_reponses("Decompte"),
    )
    async def decompte(requete: Request) -> Response:
        """Ce qui est dû à la date ``au`` ; options nommées comme celles de ``contentieux
        decompte`` (``diviseur``, ``depart-taux-legal``, ``compte-jours``, ``apres-jugement``,
        ``factures-prescrites``, ``plancher-contrat-muet``)."""
        au = _date(requete)
        options = _options_decompte(requete)
        brut = await requete.body()
        # un gros dossier (corps au-delà du seuil) va toujours au pool ; un dossier ordinaire
        # (une à deux millisecondes) va à un processus de travail libre, sinon (tous rendent
        # des actes) il est calculé dans la boucle ; seuls des octets passent d'un processus à
        # l'autre
        au_pool = len(brut) > config.seuil_pool or service.pool_libre()
        octets = await service.executer(
            travaux.decompte_json, brut, au=au, options=options, pool=True if au_pool else None
        )
        return Response(octets, media_type="application/json")

    @application.post(
        "/v1/recevabilite",
        tags=["calculs"],
        summary="Recevabilité d'un dossier",
        openapi_extra=_corps_openapi(_schema_dossier()),
        responses=_reponses("Recevabilite"),
    )
    async def recevabilite(requete: Request) -> Response:
        """Le rapport de ``contentieux verifier`` : conditions, voie, juridiction, calendrier ;
        ``marge-prescription`` en jours (60 par défaut)."""
        au = _date(requete)
        _parametres_connus(requete, {"au", "marge-prescription"})
        marge = requete.query_params.get("marge-prescription")
        if marge is not None and not marge.isdigit():
            raise ErreurUtilisation(
                f"marge-prescription : « {marge} » invalide ; un nombre de jours est attendu",
                champ="marge-prescription",
            )
        brut = await requete.body()
        dossier = _dossier(_lire(brut))
        resultat = await service.executer(
            travaux.recevabilite,
            dossier,
            au=au,
            marge_prescription_jours=int(marge) if marge is not None else None,
            regles=None if len(brut) > config.seuil_pool else service.regles(),
            pool=True if len(brut) > config.seuil_pool else None,
        )
        return _json(resultat)

    # --- actes ---

    @application.get("/v1/actes", tags=["actes"], summary="Actes disponibles")
    async def liste_actes() -> Response:
        """Les actes, leurs fondements et leurs mentions (``contentieux actes --json``)."""
        from contentieux.actes import ACTES, Atelier

        atelier = Atelier()
        return _json([atelier.manifeste(a).model_dump(mode="json") for a in ACTES])

    @application.post(
        "/v1/actes/{acte}",
        tags=["actes"],
        summary="Produire un acte (PDF/A ou DOCX)",
        openapi_extra=_corps_openapi(
            {
                "oneOf": [
                    _schema_dossier(),
                    {
                        "type": "object",
                        "properties": {
                            "dossier": _schema_dossier(),
                            "parametres": {"type": "object"},
                        },
                        "required": ["dossier"],
                    },
                ]
            }
        ),
        responses={
            **_reponses(),
            200: {"content": {t: {} for t in TYPES_ACTES.values()}, "description": "L'acte"},
        },
    )
    async def produire_acte(acte: str, requete: Request) -> Response:
        """Les octets de l'acte (``contentieux generer``) ; corps : le dossier, ou
        ``{"dossier": …, "parametres": …}`` (paramètres des actes : lieu, plan, agence…)."""
        from contentieux.actes import ACTES

        au = _date(requete)
        _parametres_connus(requete, {"au", "format"})
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
        donnees = _lire(await requete.body())
        parametres = None
        if isinstance(donnees, dict) and "dossier" in donnees and set(donnees) <= {
            "dossier",
            "parametres",
        }:
            parametres = donnees.get("parametres")
            if parametres is not None and not isinstance(parametres, dict):
                raise DonneesInvalides(
                    "parametres : une table est attendue (lieu, plan, agence…), comme la "
                    "section « actes: » d'un dossier",
                    champ="parametres",
                )
            donnees = donnees["dossier"]
        dossier = _dossier(donnees)
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
            headers={"Content-Disposition": _disposition(nom)},
        )

    # --- règles ---

    @application.get("/v1/regles", tags=["règles"], summary="Règles en vigueur")
    async def regles(requete: Request) -> Response:
        """Les valeurs en vigueur à la date ``au`` avec leurs sources (``contentieux regles
        --json``)."""
        from contentieux.presentation import regles_en_vigueur_json
        from contentieux.regles import charger_regles

        return _json(regles_en_vigueur_json(charger_regles(), _date(requete)))

    # --- factures électroniques ---

    @application.post("/v1/importer", tags=["import"], summary="Importer des factures")
    async def importer(requete: Request) -> Response:
        """Factures électroniques (Factur-X, CII, UBL ; multipart, champ ``fichiers``, plusieurs
        fois) et leurs statuts (champ ``statuts`` : messages CDAR ou CSV) → les dossiers, un par
        couple créancier-débiteur, et les avertissements de l'import (fichiers écartés…)."""
        from contentieux.factures import importer_factures as fonction

        formulaire = await requete.form()
        envois = [f for f in formulaire.getlist("fichiers") if not isinstance(f, str)]
        statuts = [f for f in formulaire.getlist("statuts") if not isinstance(f, str)]
        if not envois:
            raise ErreurUtilisation(
                "fichiers : aucun fichier reçu ; envoyez les factures en multipart, champ "
                "« fichiers » (curl -F fichiers=@facture.pdf)",
                champ="fichiers",
            )
        with tempfile.TemporaryDirectory(prefix="contentieux-import-") as temporaire:
            # chaque fichier gardé sous son nom (son extension dit son format), dans un
            # sous-dossier à lui : deux envois du même nom ne s'écrasent pas
            chemins: dict[str, list[Path]] = {"fichiers": [], "statuts": []}
            for champ, liste in (("fichiers", envois), ("statuts", statuts)):
                for rang, envoi in enumerate(liste):
                    nom = Path(envoi.filename or "").name or f"{champ}-{rang}"
                    chemin = Path(temporaire) / champ / str(rang) / nom
                    chemin.parent.mkdir(parents=True)
                    ecrire_atomique(chemin, await envoi.read())
                    chemins[champ].append(chemin)
            # dans le pool : lecture XML et PDF (travail CPU), et les avertissements recueillis
            # dans un processus à un seul fil (warnings.catch_warnings n'est pas sûr entre fils)
            resultat = await service.executer(
                _importer, fonction, chemins["fichiers"], chemins["statuts"], pool=True
            )
        return _json(resultat)

    # --- lots ---

    @application.post(
        "/v1/lots",
        tags=["lots"],
        summary="Soumettre un lot",
        status_code=202,
        openapi_extra=_corps_openapi(_schema(DemandeLot)),
    )
    async def soumettre_lot(requete: Request) -> Response:
        """Crée un lot (date, actes, formats, dossiers) ; rend son identifiant (202). Les
        dossiers invalides sont consignés au manifeste, les autres produits."""
        from contentieux.lecture import traduire_erreurs

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
        donnees = _lire(await requete.body())
        try:
            demande = DemandeLot.model_validate(donnees)
        except ValidationError as exc:
            lignes = traduire_erreurs(exc)
            raise DonneesInvalides(
                f"lot : {len(lignes)} erreur(s) de saisie\n  - " + "\n  - ".join(lignes),
                erreurs=lignes,
            ) from None
        ident = await asyncio.to_thread(service.lots.creer, demande)
        reponse = _json({"id": ident, "etat": f"/v1/lots/{ident}"}, statut=202)
        reponse.headers["Location"] = f"/v1/lots/{ident}"
        return reponse

    def _lot_introuvable(ident: str) -> ErreurService:
        return ErreurService(
            404, probleme_http(404, "lot_introuvable", f"lot « {ident} » introuvable", champ="id")
        )

    @application.get("/v1/lots/{ident}", tags=["lots"], summary="Avancement d'un lot")
    async def etat_lot(ident: str) -> Response:
        """Statut (``en_attente``, ``en_cours``, ``termine``), compteurs, bilan et manifeste."""
        assert service.lots is not None
        etat = await asyncio.to_thread(service.lots.etat, ident)
        if etat is None:
            raise _lot_introuvable(ident)
        return _json(etat)

    @application.get(
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

    return application


def service_tache() -> Any:
    """La tâche des processus de travail du service (:func:`travaux.tache_service`)."""
    return travaux.tache_service()


def _importer(
    fonction: Callable[..., Any], chemins: list[Path], statuts: list[Path]
) -> travaux.Issue:
    """``importer_factures`` ; ses avertissements (fichier écarté, point à vérifier) sont
    rendus avec les dossiers. Le dossier temporaire des fichiers reçus n'apparaît nulle part :
    une source (facture, statut) est nommée par le nom du fichier envoyé."""
    import warnings

    racine = str(chemins[0].parents[2]) + "/" if chemins else ""

    def importer() -> Any:
        with warnings.catch_warnings(record=True) as avertis:
            warnings.simplefilter("always")
            dossiers = fonction(chemins, statuts=statuts)
        return _sans_racine(
            {
                "dossiers": [d.model_dump(mode="json", exclude_none=True) for d in dossiers],
                "avertissements": [str(a.message) for a in avertis],
            },
            racine,
        )

    ok, resultat = travaux._issue(importer)
    return ok, _sans_racine(resultat, racine)


def _sans_racine(donnees: Any, racine: str) -> Any:
    """Les données sans le dossier temporaire : ``…/fichiers/0/f.xml`` devient ``f.xml``.

    >>> _sans_racine({"a": ["/tmp/x/fichiers/0/f.xml : lu"]}, "/tmp/x/")
    {'a': ['f.xml : lu']}
    """
    import re

    if isinstance(donnees, dict):
        return {cle: _sans_racine(valeur, racine) for cle, valeur in donnees.items()}
    if isinstance(donnees, list):
        return [_sans_racine(valeur, racine) for valeur in donnees]
    if isinstance(donnees, str) and racine:
        return re.sub(re.escape(racine) + r"(?:fichiers|statuts)/\d+/", "", donnees)
    return donnees


def _lire(octets: bytes) -> Any:
    from contentieux.lecture import lire_json

    return lire_json(octets, origine="corps")


def _schema_dossier() -> dict[str, Any]:
    return {"$ref": "#/components/schemas/Dossier"}


def _disposition(nom: str) -> str:
    """``Content-Disposition`` d'un fichier à télécharger (nom ASCII et nom UTF-8, RFC 6266)."""
    from urllib.parse import quote

    ascii_ = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in nom)
    return f"attachment; filename=\"{ascii_}\"; filename*=UTF-8''{quote(nom)}"


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
