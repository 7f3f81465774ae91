"""Service HTTP : la bibliothèque derrière une API qu'un ERP appelle (FastAPI sur uvicorn).

Le service est mince, comme la commande : mêmes modèles, même JSON que ``--json``, mêmes
messages d'erreur français et mêmes codes (le code de sortie de la commande est dans chaque
erreur ``application/problem+json``, RFC 9457).

- :mod:`contentieux.service.configuration` : les réglages validés (hôte, jeton, limites) ;
- :mod:`contentieux.service.problemes` : erreurs → ``application/problem+json`` ;
- :mod:`contentieux.service.travaux` : le travail fait dans le pool de processus (actes,
  décomptes), sur des processus préparés comme ceux des lots ;
- :mod:`contentieux.service.pool` : le pool de processus, dont chaque processus se remplace seul
  (une requête hors délai arrête le processus qui la fait) ;
- :mod:`contentieux.service.execution` : l'état du service et la limite de temps des requêtes ;
- :mod:`contentieux.service.lots` : les lots soumis par HTTP, qui vivent dans leur dossier et
  leur manifeste (ils survivent au redémarrage du service) ;
- :mod:`contentieux.service.routes` : les points d'accès, un module par domaine ;
- :mod:`contentieux.service.application` : l'application FastAPI (jeton, limites, journal,
  erreurs) qui les assemble.

Voir ``docs/service.md`` et ``contentieux serveur --help``. Extra : ``pip install
'contentieux[serveur]'``.
"""

from __future__ import annotations

from contentieux.service.configuration import Configuration, jeton_depuis_environnement

__all__ = ["Configuration", "jeton_depuis_environnement"]
