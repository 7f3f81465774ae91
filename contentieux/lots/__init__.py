"""Lots : des milliers d'actes par exécution, reprise après arrêt, aucune ligne perdue.

- :mod:`contentieux.lots.entrees` : lecteurs diffusés (JSON lines, CSV, dossier de fichiers) ;
- :mod:`contentieux.lots.taches` : le travail fait sur chaque dossier (décompte JSON, actes PDF ou
  DOCX, signés ou non), objet picklable exécuté dans les processus de travail ;
- :mod:`contentieux.lots.manifeste` : le manifeste ``manifeste.jsonl`` et l'écriture atomique ;
- :mod:`contentieux.lots.executer` : l'exécution sur un ``concurrent.futures.Executor``
  (processus locaux ou client Dask), la reprise et le résumé.

Voir ``docs/lots.md``.
"""

from __future__ import annotations

from contentieux.lots.entrees import ElementLot, compter_dossiers, lire_entree

__all__ = ["ElementLot", "compter_dossiers", "lire_entree"]
