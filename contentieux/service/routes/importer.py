"""``POST /v1/importer`` : factures électroniques reçues en multipart → dossiers."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import python_multipart  # noqa: F401  (Starlette lit par lui les formulaires de /v1/importer)
from fastapi import APIRouter, Request, Response

from contentieux.ecriture import ecrire_atomique
from contentieux.erreurs import ErreurUtilisation
from contentieux.service import travaux
from contentieux.service.execution import Service
from contentieux.service.routes.commun import reponse_json


def routeur(service: Service) -> APIRouter:
    """Les points d'accès de ce module, servis par ``service``."""
    routeur = APIRouter()

    @routeur.post("/v1/importer", tags=["import"], summary="Importer des factures")
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
        return reponse_json(resultat)

    return routeur


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
