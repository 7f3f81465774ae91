"""L'état du service : le pool de processus, les lots, le compteur de travaux, la limite de temps.

:class:`Service` vit autant que l'application ; chaque point d'accès lui confie son travail
(:meth:`Service.executer`) : dans la boucle pour un petit calcul, sinon dans le pool de processus
(:class:`~contentieux.service.pool.PoolProcessus`), dans la limite de temps de la requête.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
from collections.abc import Callable
from typing import Any

from contentieux.service import travaux
from contentieux.service.configuration import Configuration
from contentieux.service.lots import GestionLots
from contentieux.service.pool import PoolProcessus
from contentieux.service.problemes import probleme_decrit, probleme_http


class ErreurService(Exception):
    """Une réponse d'erreur HTTP prête : statut, document RFC 9457, en-têtes."""

    def __init__(self, statut: int, corps: dict[str, Any], entetes: dict[str, str] | None = None):
        super().__init__(corps.get("message", ""))
        self.statut = statut
        self.corps = corps
        self.entetes = entetes or {}


class Service:
    """Ce qui vit autant que le service : le pool de processus, les lots, le compteur de travaux."""

    def __init__(self, config: Configuration) -> None:
        self.config = config
        self.pool: PoolProcessus | None = None
        self.lots: GestionLots | None = None
        self.en_vol = 0

    def regles(self) -> Any:
        """Les règles en vigueur : :func:`~contentieux.regles.charger_regles`, dont le cache suit
        la taille et la date de chaque fichier (une surcouche modifiée s'applique aussitôt)."""
        from contentieux.regles import charger_regles

        return charger_regles()

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

    async def _au_pool(
        self, fonction: Callable[..., travaux.Issue], *args: Any, **kwargs: Any
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
