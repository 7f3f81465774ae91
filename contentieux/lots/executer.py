"""Exécuter un lot sur n'importe quel ``concurrent.futures.Executor``, avec reprise.

Le processus principal lit l'entrée en flux, valide chaque dossier, envoie les dossiers valides
aux workers (au plus ``en_vol`` à la fois : la mémoire reste bornée), écrit les fichiers reçus de
façon atomique puis la ligne du manifeste. Les workers ne font que calculer : ils n'écrivent rien,
si bien qu'un cluster Dask n'a pas besoin d'un disque partagé.

Par défaut, un ``ProcessPoolExecutor`` (démarrage ``forkserver``) dont chaque processus prépare
la tâche une fois (gabarits, polices, clé) ; ``executeur=`` accepte tout autre exécuteur, par
exemple ``distributed.Client(adresse).get_executor()``.

>>> import datetime as dt, tempfile
>>> from pathlib import Path
>>> from concurrent.futures import ThreadPoolExecutor
>>> from contentieux.exemples import dossier_donnees
>>> from contentieux.lots.taches import TacheDecompte
>>> sortie = Path(tempfile.mkdtemp())
>>> entree = dossier_donnees("exemples") / "lots" / "dossiers.jsonl"
>>> with ThreadPoolExecutor(1) as ex:
...     bilan = executer_lot(entree, TacheDecompte(), au=dt.date(2026, 6, 30), sortie=sortie,
...                          executeur=ex)
>>> bilan.ok, bilan.erreurs, bilan.code_sortie
(5, 0, 0)
>>> with ThreadPoolExecutor(1) as ex:  # même commande : rien à refaire
...     executer_lot(entree, TacheDecompte(), au=dt.date(2026, 6, 30), sortie=sortie,
...                  executeur=ex).deja_faits
5
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contentieux.ecriture import (
    chemin_sous,
    ecrire_atomique,
    nettoyer_temporaires,
    synchroniser_repertoire,
)
from contentieux.erreurs import ArgumentInvalide, ErreurContentieux, LotInterrompu
from contentieux.lots.entrees import ElementLot, lire_entree
from contentieux.lots.manifeste import Manifeste, nom_de_dossier
from contentieux.lots.taches import (
    ResultatTravail,
    Tache,
    Travail,
    preparer_worker,
    traiter,
)

CODE_TOUT_REUSSI = 0
CODE_DOSSIERS_EN_ERREUR = 7
"""Code de sortie de ``contentieux lot`` quand le lot est allé au bout mais qu'au moins un
dossier est en erreur (tous les dossiers valides ont été produits). Distinct des codes communs
de la commande (2 usage, 3 données, 4 règles, 5 fichier…) : voir ``docs/lots.md``."""


@dataclass
class Bilan:
    """Résumé d'une exécution : dossiers faits, en erreur, déjà faits (reprise), durée, actes."""

    total: int = 0
    ok: int = 0
    erreurs: int = 0
    deja_faits: int = 0
    fichiers: int = 0
    duree: float = 0.0

    @property
    def actes_par_seconde(self) -> float:
        """Fichiers produits par seconde pendant cette exécution."""
        return self.fichiers / self.duree if self.duree > 0 else 0.0

    @property
    def code_sortie(self) -> int:
        """0 si aucun dossier n'est en erreur, ``CODE_DOSSIERS_EN_ERREUR`` (7) sinon."""
        return CODE_DOSSIERS_EN_ERREUR if self.erreurs else CODE_TOUT_REUSSI


Suivi = Callable[[dict[str, Any]], None]
"""Reçoit chaque entrée du manifeste écrite (et ``{"statut": "deja_fait", …}`` pour une reprise)."""


def empreinte_travail(element: ElementLot, base: dict[str, Any]) -> str:
    """Empreinte de ce qu'il faut produire : données du dossier, tâche, versions, date."""
    texte = json.dumps({"entree": element.empreinte, **base}, sort_keys=True, default=str)
    return hashlib.sha256(texte.encode("utf-8")).hexdigest()


def creer_executeur_processus(workers: int, tache: Tache) -> cf.ProcessPoolExecutor:
    """Processus locaux (démarrage ``forkserver``), chacun préparant la tâche une fois."""
    import multiprocessing

    contexte = multiprocessing.get_context("forkserver")
    contexte.set_forkserver_preload(["contentieux.lots.taches"])
    return cf.ProcessPoolExecutor(
        max_workers=workers,
        mp_context=contexte,
        initializer=preparer_worker,
        initargs=(tache,),
    )


CONFIGURATION_DASK_LOCAL: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.scheduler.worker-saturation": float("inf"),
}
"""Réglage des workers d'un ``LocalCluster`` créé par la bibliothèque : le profileur statistique
de Dask (un échantillon de pile toutes les 10 ms, utile avec un tableau de bord) est coupé, il
prenait quelques pour cent du temps d'un rendu. Sur un cluster existant, c'est sa configuration
qui décide (``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`` sur les workers)."""


def creer_cluster_dask_local(workers: int) -> Any:
    """Un ``distributed.LocalCluster`` de ``workers`` processus à un fil, sans tableau de bord,
    réglé par :data:`CONFIGURATION_DASK_LOCAL` (``contentieux lot --dask local``)."""
    import importlib

    dask: Any = importlib.import_module("dask")
    distributed: Any = importlib.import_module("distributed")
    with dask.config.set(CONFIGURATION_DASK_LOCAL):
        return distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )


def preparer_workers_dask(client: Any, tache: Tache) -> int:
    """Prépare la tâche sur chaque fil de travail du cluster ; renvoie le nombre de fils.

    La préparation est envoyée comme une **tâche** (épinglée sur chaque worker, une par fil) et
    non par ``client.run`` : ``client.run`` s'exécute dans la boucle d'événements du worker,
    alors que les dossiers sont traités par ses fils de travail, qui ont chacun leurs outils
    (:func:`~contentieux.lots.taches.outil_du_worker`). Ainsi l'atelier chaud est celui qui sert
    et :func:`~contentieux.lots.taches.preparer_worker` fige ses objets.
    """
    fils: dict[str, int] = client.nthreads()
    futurs = [
        client.submit(preparer_worker, tache, workers=[adresse], pure=False)
        for adresse, nombre in fils.items()
        for _ in range(nombre)
    ]
    client.gather(futurs)
    return sum(fils.values())


def _entree_manifeste(
    element: ElementLot, base: dict[str, Any], empreinte: str, **champs: Any
) -> dict[str, Any]:
    return {
        "cle": element.cle,
        "reference": element.reference,
        "ligne": element.ligne,
        "source": element.source,
        **champs,
        "empreinte_entree": element.empreinte,
        "empreinte_travail": empreinte,
        "au": base["au"],
        "version_regles": base["version_regles"],
        "tache": base["tache"],
    }


def executer_lot(
    entree: str | Path | Iterator[ElementLot],
    tache: Tache,
    *,
    au: dt.date,
    sortie: str | Path,
    executeur: cf.Executor | None = None,
    workers: int = 2,
    en_vol: int | None = None,
    regles: str | None = None,
    suivi: Suivi | None = None,
) -> Bilan:
    """Exécute ``tache`` sur chaque dossier de ``entree`` et écrit ``sortie/manifeste.jsonl``.

    Reprise : un dossier dont le manifeste dit « ok » pour la même empreinte de travail (mêmes
    données, même tâche et mêmes versions de gabarits, mêmes règles, même date) et dont les
    fichiers sont présents avec leur taille n'est pas refait ; tout autre dossier l'est (y compris
    ceux en erreur). ``en_vol`` : dossiers envoyés et non encore reçus (par défaut 4 par worker).
    """
    if not isinstance(au, dt.date):
        raise ArgumentInvalide(
            "au : une date est attendue, par exemple au=datetime.date(2026, 6, 30)", champ="au"
        )
    from contentieux.regles import charger_regles

    repertoire = Path(sortie)
    try:
        repertoire.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LotInterrompu(
            f"répertoire de sortie {repertoire} inaccessible ({exc.strerror}) ; choisissez un "
            "répertoire où vous pouvez écrire (option -o)"
        ) from None
    base = {
        "au": au.isoformat(),
        "version_regles": charger_regles(regles).version,
        "tache": tache.description(),
    }
    elements = lire_entree(entree) if isinstance(entree, str | Path) else entree
    possede = executeur is None
    ex = executeur if executeur is not None else creer_executeur_processus(workers, tache)
    manifeste = Manifeste(repertoire)
    try:
        manifeste.ouvrir()
        acquis = manifeste.acquis()
    except BaseException:
        manifeste.fermer()
        if possede:
            ex.shutdown(wait=False)
        raise
    bilan = Bilan()
    debut = time.perf_counter()
    limite = en_vol or 4 * max(1, workers)
    en_cours: dict[cf.Future[ResultatTravail], tuple[ElementLot, str]] = {}
    relances = 0
    dossiers_pris: dict[str, str] = {}

    def ecrire_fichiers(dossier: Path, sorties: list[tuple[str, bytes]]) -> list[dict[str, Any]]:
        """Écrit les fichiers d'un dossier sous ``repertoire`` (``EcritureRefusee`` sinon) ; leur
        entrée au manifeste, dont le SHA-256 est celui des octets écrits sur le disque."""
        chemins = [chemin_sous(repertoire, dossier.name, nom) for nom, _ in sorties]
        nouveau = not dossier.is_dir()
        dossier.mkdir(exist_ok=True)
        chemin_sous(repertoire, dossier.name, "x")  # le répertoire n'est pas un lien vers ailleurs
        nettoyer_temporaires(dossier)
        fichiers = []
        for chemin, (nom, contenu) in zip(chemins, sorties, strict=True):
            ecrire_atomique(chemin, contenu)
            fichiers.append(
                {
                    "chemin": f"{dossier.name}/{nom}",
                    "sha256": hashlib.sha256(contenu).hexdigest(),
                    "octets": len(contenu),
                }
            )
        synchroniser_repertoire(dossier)
        if nouveau:
            synchroniser_repertoire(repertoire)
        return fichiers

    def signaler(entree_manifeste: dict[str, Any]) -> None:
        if suivi is not None:
            suivi(entree_manifeste)

    def recevoir(futur: cf.Future[ResultatTravail]) -> None:
        element, empreinte = en_cours.pop(futur)
        try:
            resultat = futur.result()
        except Exception as exc:  # worker mort (mémoire, signal) ou exécuteur arrêté
            resultat = ResultatTravail(
                element.cle,
                motif=(
                    f"worker interrompu ({type(exc).__name__} : {exc}) ; relancez la même "
                    "commande pour refaire ce dossier"
                ),
            )
        enregistrer(element, empreinte, resultat)

    def enregistrer(element: ElementLot, empreinte: str, resultat: ResultatTravail) -> None:
        nom_dossier = nom_de_dossier(element.cle)
        dossier = repertoire / nom_dossier
        # deux clés distinctes n'ont jamais le même répertoire (nom_de_dossier est injectif) ;
        # ce garde le vérifie pendant l'exécution plutôt que de le supposer
        occupant = dossiers_pris.setdefault(nom_dossier, element.cle)
        if occupant != element.cle:
            resultat = ResultatTravail(
                element.cle,
                motif=(
                    f"répertoire {nom_dossier} déjà pris par le dossier « {occupant} » ; "
                    "donnez-lui une référence distincte"
                ),
                duree=resultat.duree,
            )
        fichiers = []
        if resultat.est_ok:
            try:
                fichiers = ecrire_fichiers(dossier, resultat.sorties)
            except ErreurContentieux as exc:
                resultat = ResultatTravail(element.cle, motif=exc.message, duree=resultat.duree)
        else:
            nettoyer_temporaires(dossier)
        if not resultat.est_ok:
            bilan.erreurs += 1
            ligne = _entree_manifeste(
                element,
                base,
                empreinte,
                statut="erreur",
                motif=resultat.motif,
                erreurs=list(resultat.erreurs),
                fichiers=[],
            )
        else:
            bilan.ok += 1
            bilan.fichiers += len(fichiers)
            ligne = _entree_manifeste(
                element,
                base,
                empreinte,
                statut="ok",
                motif=None,
                erreurs=[],
                fichiers=fichiers,
            )
        ligne["duree_s"] = round(resultat.duree, 4)
        manifeste.ajouter(ligne)
        signaler(ligne)

    try:
        for element in elements:
            bilan.total += 1
            empreinte = empreinte_travail(element, base)
            if not element.est_valide or element.dossier is None:
                motif = "dossier invalide : " + " ; ".join(element.erreurs)
                enregistrer(
                    element,
                    empreinte,
                    ResultatTravail(element.cle, motif=motif, erreurs=element.erreurs),
                )
                continue
            if manifeste.est_acquis(acquis.get(element.cle), empreinte):
                bilan.deja_faits += 1
                signaler(
                    {
                        "cle": element.cle,
                        "reference": element.reference,
                        "ligne": element.ligne,
                        "statut": "deja_fait",
                    }
                )
                continue
            travail = Travail(element.cle, element.dossier, au)
            try:
                futur = ex.submit(traiter, tache, travail)
            except cf.BrokenExecutor:
                # un worker est mort (mémoire, signal) : les dossiers en vol sont notés en erreur
                # et l'on repart sur un exécuteur neuf, si c'est le nôtre
                if not possede or relances >= 3:
                    raise LotInterrompu(
                        "l'exécuteur ne répond plus (workers arrêtés) ; relancez la même "
                        "commande : les dossiers déjà faits ne seront pas refaits",
                        sortie=1,
                    ) from None
                while en_cours:
                    recevoir(next(iter(en_cours)))
                ex.shutdown(wait=True, cancel_futures=True)
                ex = creer_executeur_processus(workers, tache)
                relances += 1
                futur = ex.submit(traiter, tache, travail)
            en_cours[futur] = (element, empreinte)
            while len(en_cours) >= limite:
                faits, _ = cf.wait(list(en_cours), return_when=cf.FIRST_COMPLETED)
                for futur in faits:
                    recevoir(futur)
        while en_cours:
            faits, _ = cf.wait(list(en_cours), return_when=cf.FIRST_COMPLETED)
            for futur in faits:
                recevoir(futur)
    finally:
        for futur in en_cours:
            futur.cancel()
        if possede:
            ex.shutdown(wait=True, cancel_futures=True)
        manifeste.fermer()
        bilan.duree = time.perf_counter() - debut
    return bilan
