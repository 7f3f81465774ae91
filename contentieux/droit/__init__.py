"""Décisions juridiques partagées par les couches (docs/conception.md §3) : une maison par règle.

- :mod:`contentieux.droit.regime` : le régime des intérêts de retard d'une créance (taux légal,
  pénalités L441-10, intérêts moratoires de la commande publique, taux stipulé) ;
- :mod:`contentieux.droit.imputation` : l'ordre d'imputation des paiements (C. civ. 1342-10) et,
  sur une même dette, intérêts avant capital (C. civ. 1343-1) ;
- :mod:`contentieux.droit.mise_en_demeure` : la mise en demeure qui produit effet ;
- :mod:`contentieux.droit.majoration` : le dernier jour sans la majoration de 5 points du taux
  légal après une condamnation (CMF L313-3).

Le décompte (:mod:`contentieux.interets`) et la recevabilité (:mod:`contentieux.recevabilite`)
appellent ces fonctions au lieu d'en garder chacun une copie.
"""
