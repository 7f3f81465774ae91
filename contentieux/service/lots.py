"""Les lots soumis au service : chacun vit dans son dossier, avec sa demande et son manifeste.

``DOSSIER_LOTS/<id>/demande.json`` (date, actes, formats), ``entree.jsonl`` (les dossiers reçus,
un par ligne), ``resultats/`` (fichiers produits et ``manifeste.jsonl`` du lot, voir
``docs/lots.md``) et, une fois le lot terminé, ``bilan.json``. Un lot sans bilan au démarrage du
service est repris : :func:`contentieux.lots.executer_lot` ne refait pas les dossiers que son
manifeste dit faits. Les lots passent un à un, sur le pool de processus du service.
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import json
import queue
import re
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator

from contentieux.lots.entrees import ElementLot, lire_entree
from contentieux.lots.executer import executer_lot
from contentieux.lots.manifeste import ecrire_atomique, lire_lignes
from contentieux.lots.taches import TacheActes
from contentieux.modeles.base import Modele

MOTIF_ID = re.compile(r"^[0-9a-f]{32}$")


class DemandeLot(Modele):
    """Le corps de ``POST /v1/lots`` : la date, les actes, les formats et les dossiers."""

    au: dt.date = Field(description="Date d'évaluation, AAAA-MM-JJ.")
    actes: tuple[str, ...] = Field(("decompte",), min_length=1, description="Actes à produire.")
    formats: tuple[Literal["pdf", "docx", "json"], ...] = Field(("pdf",), min_length=1)
    dossiers: tuple[dict[str, Any], ...] = Field(
        min_length=1, description="Les dossiers (chacun validé par le lot, erreurs au manifeste)."
    )

    @field_validator("actes")
    @classmethod
    def _actes_connus(cls, actes: tuple[str, ...]) -> tuple[str, ...]:
        try:
            from contentieux.actes import ACTES
        except ImportError:
            permis: tuple[str, ...] = ("decompte",)
        else:
            permis = tuple(ACTES)
        inconnus = [a for a in actes if a not in permis]
        if inconnus:
            raise ValueError(
                f"actes : {', '.join(inconnus)} non reconnu(s) ; valeurs possibles : "
                f"{', '.join(permis)}"
            )
        return actes


def _en_json(valeur: Any) -> Any:
    return str(valeur)  # Decimal et dates : le texte exact, relu tel quel par la validation


class GestionLots:
    """Crée, exécute (un à un, dans un fil) et décrit les lots du dossier ``racine``."""

    def __init__(self, racine: Path, executeur: cf.Executor, *, workers: int, lots_max: int):
        self.racine = racine
        self.executeur = executeur
        self.workers = workers
        self.lots_max = lots_max
        self._file: queue.Queue[str | None] = queue.Queue()
        self._arret = threading.Event()
        self._en_cours: str | None = None
        self._fil = threading.Thread(target=self._boucle, name="lots", daemon=True)

    # --- cycle de vie ---

    def demarrer(self) -> int:
        """Démarre le fil des lots et y remet les lots inachevés ; rend leur nombre."""
        self.racine.mkdir(parents=True, exist_ok=True)
        repris = 0
        for dossier in sorted(self.racine.iterdir(), key=lambda p: p.stat().st_mtime):
            inacheve = (dossier / "demande.json").is_file() and not (
                dossier / "bilan.json"
            ).is_file()
            if MOTIF_ID.match(dossier.name) and inacheve:
                self._file.put(dossier.name)
                repris += 1
        self._fil.start()
        return repris

    def arreter(self, delai: float) -> None:
        """Arrête d'envoyer des dossiers ; ceux en cours finissent (le reste reprendra)."""
        self._arret.set()
        self._file.put(None)
        self._fil.join(timeout=delai)

    def en_attente(self) -> int:
        """Lots en attente ou en cours."""
        return self._file.qsize() + (1 if self._en_cours else 0)

    # --- demandes ---

    def creer(self, demande: DemandeLot) -> str:
        """Écrit la demande et l'entrée du lot, le met en file ; rend son identifiant."""
        ident = secrets.token_hex(16)
        dossier = self.racine / ident
        dossier.mkdir(parents=True)
        lignes = "".join(
            json.dumps(d, ensure_ascii=False, default=_en_json) + "\n" for d in demande.dossiers
        )
        ecrire_atomique(dossier / "entree.jsonl", lignes.encode("utf-8"))
        parametres = demande.model_dump(mode="json", exclude={"dossiers"})
        parametres["dossiers"] = len(demande.dossiers)
        ecrire_atomique(
            dossier / "demande.json", json.dumps(parametres, ensure_ascii=False).encode("utf-8")
        )
        self._file.put(ident)
        return ident

    def dossier(self, ident: str) -> Path | None:
        """Le dossier du lot ``ident``, ou ``None`` s'il n'existe pas."""
        if not MOTIF_ID.match(ident):
            return None
        chemin = self.racine / ident
        return chemin if (chemin / "demande.json").is_file() else None

    def etat(self, ident: str) -> dict[str, Any] | None:
        """Avancement et manifeste du lot (``None`` s'il n'existe pas)."""
        dossier = self.dossier(ident)
        if dossier is None:
            return None
        demande = json.loads((dossier / "demande.json").read_text(encoding="utf-8"))
        manifeste = (
            [ligne for _, ligne in lire_lignes(dossier / "resultats" / "manifeste.jsonl")]
            if (dossier / "resultats" / "manifeste.jsonl").is_file()
            else []
        )
        derniere: dict[str, dict[str, Any]] = {}
        for ligne in manifeste:
            if "cle" in ligne and "statut" in ligne:
                derniere[str(ligne["cle"])] = ligne
        bilan = None
        if (dossier / "bilan.json").is_file():
            bilan = json.loads((dossier / "bilan.json").read_text(encoding="utf-8"))
            statut = "termine"
        elif self._en_cours == ident:
            statut = "en_cours"
        else:
            statut = "en_attente"
        return {
            "id": ident,
            "statut": statut,
            "au": demande["au"],
            "actes": demande["actes"],
            "formats": demande["formats"],
            "total": demande["dossiers"],
            "faits": len(derniere),
            "ok": sum(1 for x in derniere.values() if x["statut"] == "ok"),
            "erreurs": sum(1 for x in derniere.values() if x["statut"] == "erreur"),
            "bilan": bilan,
            "manifeste": list(derniere.values()),
        }

    def fichier(self, ident: str, chemin: str) -> Path | None:
        """Un fichier produit par le lot (chemin du manifeste), jamais hors de ses résultats."""
        dossier = self.dossier(ident)
        if dossier is None:
            return None
        resultats = (dossier / "resultats").resolve()
        cible = (resultats / chemin).resolve()
        if not cible.is_relative_to(resultats) or not cible.is_file():
            return None
        return cible

    # --- exécution ---

    def _boucle(self) -> None:
        while not self._arret.is_set():
            ident = self._file.get()
            if ident is None or self._arret.is_set():
                return
            self._en_cours = ident
            try:
                self._executer(ident)
            except Exception as exc:  # le lot reprendra au prochain démarrage
                import sys

                print(f"lot {ident} interrompu : {exc}", file=sys.stderr)
            finally:
                self._en_cours = None

    def _elements(self, entree: Path) -> Iterator[ElementLot]:
        for element in lire_entree(entree):
            if self._arret.is_set():
                return
            yield element

    def _executer(self, ident: str) -> None:
        dossier = self.racine / ident
        demande = json.loads((dossier / "demande.json").read_text(encoding="utf-8"))
        tache = TacheActes(actes=tuple(demande["actes"]), formats=tuple(demande["formats"]))
        bilan = executer_lot(
            self._elements(dossier / "entree.jsonl"),
            tache,
            au=dt.date.fromisoformat(demande["au"]),
            sortie=dossier / "resultats",
            executeur=self.executeur,
            workers=self.workers,
        )
        if self._arret.is_set():
            return  # arrêt du service : le lot reprendra au démarrage suivant
        resume = {
            "total": bilan.total,
            "ok": bilan.ok,
            "erreurs": bilan.erreurs,
            "deja_faits": bilan.deja_faits,
            "fichiers": bilan.fichiers,
            "duree_s": round(bilan.duree, 3),
            "sortie": bilan.code_sortie,
        }
        ecrire_atomique(dossier / "bilan.json", json.dumps(resume).encode("utf-8"))
