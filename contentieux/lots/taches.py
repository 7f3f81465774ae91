"""Le travail fait sur chaque dossier d'un lot : une tâche picklable, exécutée par les workers.

Une tâche est un objet léger (quelques champs : actes, formats, options) que l'exécuteur envoie
aux processus de travail — processus locaux ou workers Dask. Elle vit dans ce module importable
(jamais dans ``__main__``), sans quoi le pickling entraînerait les objets internes de WeasyPrint.

Ce qui coûte cher (moteur de rendu avec ses polices et sa CSS analysée, clé de signature chargée)
est créé **une fois par processus de travail** (et par fil d'exécution) par
:func:`outil_du_worker`, puis réutilisé pour chaque dossier : c'est un outil, pas un cache de
résultats — le résultat d'un dossier ne dépend jamais des dossiers traités avant lui.

>>> import datetime as dt
>>> from contentieux.exemples import dossier_exemple
>>> tache = TacheDecompte()
>>> sorties = tache.produire(dossier_exemple("b2b"), au=dt.date(2026, 6, 30))
>>> [nom for nom, _ in sorties]
['decompte.json']
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from pydantic import ValidationError

from contentieux.erreurs import ErreurContentieux
from contentieux.modeles.dossier import Dossier

T = TypeVar("T")

_LOCAL = threading.local()


def outil_du_worker(cle: str, fabrique: Callable[[], T]) -> T:
    """L'outil coûteux ``cle`` de ce processus (et de ce fil), créé au premier appel.

    Réservé aux objets qui ne changent pas les résultats (moteur de rendu, clé chargée) : il
    évite de recharger polices, CSS et clés pour chaque dossier.
    """
    outils: dict[str, Any] | None = getattr(_LOCAL, "outils", None)
    if outils is None:
        outils = _LOCAL.outils = {}
    if cle not in outils:
        outils[cle] = fabrique()
    outil: T = outils[cle]
    return outil


class Tache(Protocol):
    """Ce qu'un lot fait sur chaque dossier valide."""

    def description(self) -> dict[str, Any]:
        """Description JSON de la tâche (actes, formats, versions des gabarits, options) : son
        empreinte entre dans celle du travail, si bien qu'un changement refait les dossiers."""
        ...

    def preparer(self) -> None:
        """Prépare le processus courant (gabarits, polices, clés) ; idempotent."""
        ...

    def produire(self, dossier: Dossier, *, au: dt.date) -> list[tuple[str, bytes]]:
        """Les fichiers du dossier : (nom de fichier, contenu)."""
        ...


@dataclass(frozen=True)
class TacheDecompte:
    """Le décompte du dossier en JSON (``contentieux.interets.etablir_decompte``).

    ``regles`` : dossier de surcouche des règles (sinon la variable ``CONTENTIEUX_REGLES``).
    """

    regles: str | None = None

    def description(self) -> dict[str, Any]:
        from contentieux import __version__

        return {"tache": "decompte", "format": "json", "version": __version__}

    def preparer(self) -> None:
        from contentieux.regles import charger_regles

        charger_regles(self.regles)

    def produire(self, dossier: Dossier, *, au: dt.date) -> list[tuple[str, bytes]]:
        from contentieux.interets import etablir_decompte
        from contentieux.regles import charger_regles

        decompte = etablir_decompte(dossier, au=au, regles=charger_regles(self.regles))
        return [("decompte.json", decompte.model_dump_json(indent=2).encode("utf-8"))]


@dataclass(frozen=True)
class Travail:
    """Un dossier à traiter : sa clé dans le lot, le dossier validé, la date d'évaluation."""

    cle: str
    dossier: Dossier
    au: dt.date


@dataclass(frozen=True)
class ResultatTravail:
    """Ce que le worker renvoie : les fichiers produits, ou le motif de l'échec."""

    cle: str
    sorties: list[tuple[str, bytes]] = field(default_factory=list)
    motif: str | None = None
    erreurs: tuple[str, ...] = ()
    duree: float = 0.0

    @property
    def est_ok(self) -> bool:
        """Vrai si le travail a réussi."""
        return self.motif is None


def preparer_worker(tache: Tache) -> None:
    """Initialiseur des processus de travail : charge gabarits, polices et clés une fois."""
    tache.preparer()


def traiter(tache: Tache, travail: Travail) -> ResultatTravail:
    """Exécute la tâche sur un dossier ; toute erreur devient un motif (le lot continue)."""
    debut = time.perf_counter()
    try:
        tache.preparer()
        sorties = tache.produire(travail.dossier, au=travail.au)
    except ErreurContentieux as exc:
        erreurs = tuple(str(e) for e in exc.details.get("erreurs", ()))
        return ResultatTravail(
            travail.cle,
            motif=f"{exc.code} : {exc.message}",
            erreurs=erreurs,
            duree=time.perf_counter() - debut,
        )
    except ValidationError as exc:
        from contentieux.lecture import traduire_erreurs

        lignes = tuple(traduire_erreurs(exc))
        return ResultatTravail(
            travail.cle,
            motif="données invalides : " + " ; ".join(lignes),
            erreurs=lignes,
            duree=time.perf_counter() - debut,
        )
    except Exception as exc:  # un dossier ne doit jamais arrêter le lot
        lieu = traceback.extract_tb(exc.__traceback__)[-1]
        return ResultatTravail(
            travail.cle,
            motif=(
                f"erreur inattendue {type(exc).__name__} : {exc} ({lieu.filename}:{lieu.lineno}) ; "
                "signalez-la avec ce dossier"
            ),
            duree=time.perf_counter() - debut,
        )
    return ResultatTravail(travail.cle, sorties=sorties, duree=time.perf_counter() - debut)
