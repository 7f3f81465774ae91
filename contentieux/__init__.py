"""contentieux — recouvrement de créances en droit français.

Qualifier une créance (recevabilité), compter ce qui est dû (décompte), produire et signer les
actes, le tout par lots. Les parties lourdes (WeasyPrint, docxtpl, pyHanko, Dask) ne sont importées
qu'à l'usage : ``import contentieux`` reste rapide, chaque nom ci-dessous est chargé à sa première
utilisation.

API publique :

- lire un dossier : ``lire_dossier(chemin)`` rend un ``Dossier`` validé (erreurs françaises) ;
  ``dossier_exemple(nom)``, ``noms_exemples()`` : les dossiers d'exemple embarqués ;
- compter : ``etablir_decompte(dossier, au=date, options=OptionsDecompte(...))`` rend un
  ``Decompte`` ; ``calculer_interets`` pour une seule somme ;
- qualifier : ``verifier_recevabilite(dossier, au=date, options=OptionsRecevabilite(...))`` rend
  une ``Recevabilite`` ;
  ``exiger_recevabilite`` lève ``CreanceIrrecevable`` ;
- factures électroniques : ``importer_factures(chemins, statuts=())`` rend les dossiers tirés de
  factures Factur-X, CII ou UBL et de leurs statuts (extra ``factures``) ;
- règles datées : ``charger_regles(surcouche)`` rend les ``Regles`` (taux, durées, sources) ;
- erreurs : ``ErreurContentieux`` et ses sous-classes (``DonneesInvalides``,
  ``RegleNonCouverte``, ``RegleMalFormee``…), chacune avec un ``code`` stable et ses attributs
  typés (``champ``, ``erreurs`` : des ``ErreurChamp``, ``manquantes`` : des ``ValeurManquante``…).

``str()`` d'un décompte ou d'un rapport de recevabilité donne le texte français de la commande.

>>> import contentieux
>>> "etablir_decompte" in dir(contentieux) and "RegleNonCouverte" in dir(contentieux)
True
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from contentieux._version import __version__

# Nom public -> module qui le définit ; chargé à la première utilisation.
_API: dict[str, str] = {
    "lire_dossier": "contentieux.lecture",
    "Dossier": "contentieux.modeles",
    "Decompte": "contentieux.modeles.decompte",
    "OptionsDecompte": "contentieux.modeles.decompte",
    "OptionsRecevabilite": "contentieux.modeles.recevabilite",
    "Recevabilite": "contentieux.modeles.recevabilite",
    "etablir_decompte": "contentieux.interets",
    "calculer_interets": "contentieux.interets",
    "verifier_recevabilite": "contentieux.recevabilite",
    "exiger_recevabilite": "contentieux.recevabilite",
    "charger_regles": "contentieux.regles",
    "Regles": "contentieux.regles",
    "importer_factures": "contentieux.factures",
    "dossier_exemple": "contentieux.exemples",
    "noms_exemples": "contentieux.exemples",
    "ErreurContentieux": "contentieux.erreurs",
    "DonneesInvalides": "contentieux.erreurs",
    "RegleNonCouverte": "contentieux.erreurs",
    "RegleMalFormee": "contentieux.erreurs",
    "DepartementInconnu": "contentieux.erreurs",
    "DureeInvalide": "contentieux.erreurs",
    "FraisInterditsConsommateur": "contentieux.erreurs",
    "CreanceIrrecevable": "contentieux.erreurs",
    "GabaritIntrouvable": "contentieux.erreurs",
    "DonneesGabaritIncompletes": "contentieux.erreurs",
    "ErreurSignature": "contentieux.erreurs",
    "ArgumentInvalide": "contentieux.erreurs",
    "InteretsHorsLimites": "contentieux.erreurs",
    "ErreurChamp": "contentieux.erreurs",
    "ValeurManquante": "contentieux.erreurs",
}

__all__ = ["__version__", *_API]


def __getattr__(nom: str) -> Any:
    if nom in _API:
        return getattr(import_module(_API[nom]), nom)
    raise AttributeError(f"le module 'contentieux' n'a pas d'attribut {nom!r}")


def __dir__() -> list[str]:
    return sorted(set(__all__))
