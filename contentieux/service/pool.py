"""Le pool de processus du service : ``workers`` processus de travail, chacun remplaçable seul.

Un ``concurrent.futures.ProcessPoolExecutor`` ne sait ni arrêter un travail en cours ni perdre un
processus sans casser tout le pool (tous les travaux en vol échouent). Ici, chaque processus a
son poste : un fil du service lui envoie un travail à la fois par un tube et attend la réponse.
Quand une requête dépasse sa limite de temps, :meth:`PoolProcessus.interrompre` termine le
processus qui fait **ce** travail (SIGKILL : un rendu WeasyPrint ne s'interrompt pas autrement) ;
son fil en démarre aussitôt un autre, préparé comme les premiers. Les autres travaux, et les lots
qui passent par le même pool, ne sont pas touchés.

Les processus sont ceux des lots : démarrage ``forkserver``, chacun préparé une fois par
:func:`contentieux.lots.taches.preparer_worker` (polices, feuille de style, gabarits compilés).
Le pool est un ``concurrent.futures.Executor`` : :func:`contentieux.lots.executer_lot` s'en sert
comme d'un autre.

>>> import os
>>> from contentieux.lots.taches import TacheDecompte
>>> with PoolProcessus(1, TacheDecompte()) as pool:
...     pool.submit(os.getpid).result() != os.getpid(), pool.vivants()
(True, 1)
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import multiprocessing
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from contentieux.lots.taches import Tache, preparer_worker

ATTENTE_ARRET_S = 10.0
"""À l'arrêt du pool, temps laissé à un processus pour sortir avant d'être tué."""


class TravailInterrompu(cf.BrokenExecutor):
    """Le processus qui faisait ce travail s'est arrêté (limite de temps, mémoire, signal) ; il
    a été remplacé."""


def _boucle(conn: Connection, tache: Tache) -> None:
    """Le programme d'un processus de travail : préparé une fois (il le dit : ``"pret"``), puis
    un travail à la fois."""
    preparer_worker(tache)
    try:
        conn.send("pret")
    except OSError:
        return
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        fonction, args, kwargs = message
        try:
            reponse: tuple[bool, Any] = (True, fonction(*args, **kwargs))
        except BaseException as exc:
            reponse = (False, exc)
        try:
            conn.send(reponse)
        except Exception as exc:  # résultat ou exception impossible à transmettre
            conn.send((False, RuntimeError(f"résultat intransmissible : {type(exc).__name__}")))


@dataclass
class _Poste:
    """Un processus de travail, le fil qui le sert et le travail en cours."""

    rang: int
    processus: Any = None
    conn: Connection | None = None
    futur: cf.Future[Any] | None = None
    pret: bool = False
    tue: bool = False
    verrou: threading.Lock = field(default_factory=threading.Lock)


class PoolProcessus(cf.Executor):
    """``workers`` processus de travail préparés par ``tache`` ; un travail à la fois chacun."""

    def __init__(self, workers: int, tache: Tache) -> None:
        contexte = multiprocessing.get_context("forkserver")
        contexte.set_forkserver_preload(["contentieux.lots.taches"])
        self._contexte = contexte
        self._tache = tache
        self._file: queue.SimpleQueue[tuple[cf.Future[Any], Callable[..., Any], Any, Any] | None]
        self._file = queue.SimpleQueue()
        self._verrou = threading.Lock()
        self._ferme = False
        self._postes = [_Poste(rang) for rang in range(workers)]
        for poste in self._postes:
            self._lancer(poste)
        self._fils = [
            threading.Thread(target=self._servir, args=(p,), name=f"pool-{p.rang}", daemon=True)
            for p in self._postes
        ]
        for fil in self._fils:
            fil.start()

    @property
    def workers(self) -> int:
        """Nombre de postes (processus de travail) du pool."""
        return len(self._postes)

    def vivants(self) -> int:
        """Processus de travail vivants en ce moment."""
        return sum(1 for p in self._postes if p.processus is not None and p.processus.is_alive())

    def prets(self) -> int:
        """Processus de travail vivants et préparés (prêts à prendre un travail)."""
        return sum(
            1 for p in self._postes if p.pret and p.processus is not None and p.processus.is_alive()
        )

    def pids(self) -> list[int]:
        """Identifiants des processus de travail (vivants ou non encore remplacés)."""
        return [p.processus.pid for p in self._postes if p.processus is not None]

    def libres(self) -> int:
        """Processus prêts (préparés) et sans travail en ce moment ; une estimation : un travail
        peut arriver aussitôt."""
        return sum(1 for p in self._postes if p.pret and p.futur is None)

    # --- travaux ---

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
        with self._verrou:
            if self._ferme:
                raise RuntimeError("pool de processus arrêté : plus aucun travail accepté")
            futur: cf.Future[Any] = cf.Future()
            self._file.put((futur, fn, args, kwargs))
        return futur

    def interrompre(self, futur: cf.Future[Any]) -> bool:
        """Arrête le travail ``futur`` : annulé s'il attend encore, sinon son processus est tué
        (SIGKILL) et remplacé ; vrai si le travail est arrêté, faux s'il était déjà fini."""
        if futur.cancel():
            return True
        for poste in self._postes:
            with poste.verrou:
                if poste.futur is futur and poste.processus is not None:
                    poste.tue, poste.pret = True, False
                    poste.processus.kill()
                    return True
        return False

    # --- postes ---

    def _lancer(self, poste: _Poste) -> None:
        parent, enfant = self._contexte.Pipe()
        processus = self._contexte.Process(
            target=_boucle, args=(enfant, self._tache), name=f"contentieux-travail-{poste.rang}"
        )
        processus.daemon = True
        processus.start()
        enfant.close()
        poste.processus, poste.conn, poste.tue, poste.pret = processus, parent, False, False

    def _attendre_pret(self, poste: _Poste) -> None:
        """Attend que le processus du poste soit préparé (relancé s'il meurt en chemin)."""
        for _ in range(3):
            assert poste.conn is not None
            try:
                if poste.conn.recv() == "pret":
                    poste.pret = True
                    return
            except (EOFError, OSError):
                pass
            if self._ferme:
                return
            self._remplacer(poste, attendre=False)

    def _remplacer(self, poste: _Poste, *, attendre: bool = True) -> None:
        """Le processus du poste est mort (ou tué) : il est ramassé et remplacé, puis (si
        ``attendre``) le fil attend qu'il soit préparé."""
        poste.pret = False
        if poste.conn is not None:
            poste.conn.close()
        if poste.processus is not None:
            poste.processus.kill()
            poste.processus.join(ATTENTE_ARRET_S)
        if not self._ferme:
            self._lancer(poste)
            if attendre:
                self._attendre_pret(poste)

    def _servir(self, poste: _Poste) -> None:
        self._attendre_pret(poste)
        while True:
            element = self._file.get()
            if element is None:
                break
            futur, fonction, args, kwargs = element
            if not futur.set_running_or_notify_cancel():
                continue
            if poste.tue or poste.processus is None or not poste.processus.is_alive():
                self._remplacer(poste)
            assert poste.conn is not None
            with poste.verrou:
                poste.futur = futur
            try:
                poste.conn.send((fonction, args, kwargs))
                ok, valeur = poste.conn.recv()
            except (EOFError, OSError):
                with poste.verrou:
                    poste.futur = None
                futur.set_exception(
                    TravailInterrompu(
                        "le processus de travail s'est arrêté pendant le travail (limite de "
                        "temps, mémoire ou signal) ; il a été remplacé"
                    )
                )
                self._remplacer(poste)
                continue
            except Exception as exc:  # travail impossible à transmettre (pickle)
                with poste.verrou:
                    poste.futur = None
                futur.set_exception(exc)
                continue
            with poste.verrou:
                poste.futur = None
            if ok:
                futur.set_result(valeur)
            else:
                futur.set_exception(valeur)
        self._fermer_poste(poste)

    def _fermer_poste(self, poste: _Poste) -> None:
        if poste.conn is not None:
            with contextlib.suppress(OSError):
                poste.conn.send(None)
        if poste.processus is not None:
            poste.processus.join(ATTENTE_ARRET_S)
            if poste.processus.is_alive():
                poste.processus.kill()
                poste.processus.join(ATTENTE_ARRET_S)
        if poste.conn is not None:
            poste.conn.close()

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._verrou:
            if self._ferme:
                return
            self._ferme = True
            if cancel_futures:
                while True:
                    try:
                        element = self._file.get_nowait()
                    except queue.Empty:
                        break
                    if element is not None:
                        element[0].cancel()
            for _ in self._postes:
                self._file.put(None)
        if wait:
            for fil in self._fils:
                fil.join()
