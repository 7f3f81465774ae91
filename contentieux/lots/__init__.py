"""Lots : des milliers d'actes par exécution, reprise après arrêt, aucune ligne perdue.

- :mod:`contentieux.lots.entrees` : lecteurs diffusés (JSON lines, CSV, dossier de fichiers) ;
- :mod:`contentieux.lots.taches` : le travail fait sur chaque dossier (décompte JSON, actes PDF ou
  DOCX, signés ou non), objet picklable exécuté dans les processus de travail ;
- :mod:`contentieux.lots.manifeste` : le manifeste ``manifeste.jsonl`` et l'écriture atomique ;
- :mod:`contentieux.lots.executer` : l'exécution sur un ``concurrent.futures.Executor``
  (processus locaux ou client Dask), la reprise et le bilan.

Voir ``docs/lots.md``. Les bibliothèques lourdes (WeasyPrint, docxtpl, pyHanko, Dask) ne sont
importées que dans les workers, à l'usage.
"""

from __future__ import annotations

from contentieux.lots.entrees import ElementLot, compter_dossiers, lire_entree
from contentieux.lots.executer import (
    CODE_DOSSIERS_EN_ERREUR,
    Bilan,
    creer_executeur_processus,
    executer_lot,
)
from contentieux.lots.taches import OptionsSignature, Tache, TacheActes, TacheDecompte

__all__ = [
    "CODE_DOSSIERS_EN_ERREUR",
    "Bilan",
    "ElementLot",
    "OptionsSignature",
    "Tache",
    "TacheActes",
    "TacheDecompte",
    "compter_dossiers",
    "creer_executeur_processus",
    "executer_lot",
    "lire_entree",
]
