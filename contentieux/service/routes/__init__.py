"""Les points d'accès du service, un module par domaine, chacun un ``APIRouter`` :

- :mod:`~contentieux.service.routes.sante` : ``/sante`` ;
- :mod:`~contentieux.service.routes.calculs` : ``/v1/decompte``, ``/v1/recevabilite`` ;
- :mod:`~contentieux.service.routes.actes` : ``/v1/actes`` ;
- :mod:`~contentieux.service.routes.regles` : ``/v1/regles`` ;
- :mod:`~contentieux.service.routes.importer` : ``/v1/importer`` ;
- :mod:`~contentieux.service.routes.lots` : ``/v1/lots`` ;
- :mod:`~contentieux.service.routes.commun` : lecture des requêtes, réponses, fragments OpenAPI.
"""
