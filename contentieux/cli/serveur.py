"""Commande ``serveur`` : le service HTTP (FastAPI sur uvicorn), extra ``[serveur]``.

Voir :mod:`contentieux.service` et ``docs/service.md``.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Annotated

import typer

from contentieux.cli.commun import app, echouer, erreurs


def _dossier_lots_par_defaut() -> Path:
    import platformdirs

    return platformdirs.user_data_path("contentieux") / "lots"


def _signal_apres_arret(numero: int, _: object) -> None:
    """Signal d'arrêt relancé par uvicorn après l'arrêt propre du service : déjà traité."""


@app.command("serveur")
def commande_serveur(
    hote: Annotated[
        str,
        typer.Option("--hote", help="Adresse d'écoute ; hors 127.0.0.1, un jeton est exigé."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port TCP.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=0, help="Processus de travail (actes, décomptes) ; 0 : un par cœur."
        ),
    ] = 0,
    limite_corps: Annotated[
        float,
        typer.Option("--limite-corps", min=0.01, help="Taille maximale d'un corps, en Mo."),
    ] = 10.0,
    delai: Annotated[
        float, typer.Option("--delai", min=0.1, help="Limite de temps d'une requête, en secondes.")
    ] = 120.0,
    grace: Annotated[
        float,
        typer.Option(
            "--grace", min=0, help="À l'arrêt (SIGTERM), délai laissé aux requêtes en cours (s)."
        ),
    ] = 30.0,
    dossier_lots: Annotated[
        Path | None,
        typer.Option(
            "--dossier-lots",
            metavar="DOSSIER",
            help="Où vivent les lots soumis (par défaut, le dossier de données de l'utilisateur).",
        ),
    ] = None,
) -> None:
    """Sert la bibliothèque en HTTP : décompte, recevabilité, actes, règles, lots.

    Jeton Bearer lu dans CONTENTIEUX_JETON (ou le fichier nommé par CONTENTIEUX_JETON_FICHIER) ;
    sans jeton, le service n'écoute que sur 127.0.0.1. Arrêt propre sur SIGTERM ou Ctrl-C : les
    requêtes en cours finissent (--grace), puis code 0. Journal d'accès en JSON lines sur la
    sortie d'erreur. Documentation de l'API : http://HOTE:PORT/docs.
    """
    import logging

    import uvicorn
    from pydantic import ValidationError

    from contentieux.service.application import creer_application
    from contentieux.service.configuration import (
        MEGAOCTET,
        Configuration,
        jeton_depuis_environnement,
    )

    try:
        config = Configuration(
            hote=hote,
            port=port,
            workers=workers or os.cpu_count() or 1,
            jeton=jeton_depuis_environnement(),
            limite_corps=int(limite_corps * MEGAOCTET),
            delai_requete=delai,
            grace=grace,
            dossier_lots=(dossier_lots or _dossier_lots_par_defaut()).resolve(),
        )
    except ValidationError as exc:
        echouer(str(exc.errors()[0]["msg"]).removeprefix("Value error, "), champ="--hote")
    acces = logging.getLogger("contentieux.service.acces")
    if not acces.handlers:
        sortie = logging.StreamHandler()
        sortie.setFormatter(logging.Formatter("%(message)s"))
        acces.addHandler(sortie)
        acces.setLevel(logging.INFO)
        acces.propagate = False
    erreurs.print(
        f"contentieux serveur : http://{config.hote}:{config.port} ({config.workers} worker(s), "
        f"jeton {'exigé' if config.jeton else 'non exigé'}, lots dans {config.dossier_lots})",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    serveur = uvicorn.Server(
        uvicorn.Config(
            creer_application(config),
            host=config.hote,
            port=config.port,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=int(config.grace) or None,
            lifespan="on",
        )
    )
    # uvicorn relance le signal d'arrêt capturé une fois le service arrêté proprement : le
    # gestionnaire par défaut tuerait alors le processus (code -15) ; arrêt propre = code 0
    for signal_ in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signal_, _signal_apres_arret)
    serveur.run()
    if not serveur.started:
        raise typer.Exit(5)
