"""Factures électroniques → dossiers : Factur-X, CII, UBL et statuts du cycle de vie.

Depuis le 1er septembre 2026, les entreprises reçoivent leurs factures sous forme électronique
(CGI art. 289 bis ; loi 2023-1322 art. 91). Ce paquet lit ces factures (PDF Factur-X / ZUGFeRD de
tout profil, XML CII, UBL 2.1 ``Invoice`` et ``CreditNote``) et leurs statuts (messages CDAR ou CSV
``numero,statut,date,montant``) et en fait des :class:`~contentieux.modeles.dossier.Dossier`, un
par couple (créancier, débiteur). Correspondance des termes EN 16931 :
``docs/factures-electroniques.md``.

Les fichiers sont lus **un par un** (jamais tous en mémoire) par un lxml durci
(:mod:`contentieux.factures.xml_sur`) ; un fichier qui n'est pas une facture est écarté avec sa
raison, en français, et les autres sont importés.

>>> from contentieux.factures import importer_factures
>>> importer_factures([])
[]
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from contentieux.erreurs import FactureIllisible
from contentieux.factures.dossiers import Rejet, ResultatImport, construire_dossiers
from contentieux.factures.lecture import FactureLue, lire_facture
from contentieux.factures.statuts import StatutLu, lire_statuts
from contentieux.modeles.dossier import Dossier

__all__ = [
    "AvertissementImport",
    "Rejet",
    "ResultatImport",
    "importer_factures",
    "lire_factures",
]

SUFFIXES_FACTURES = frozenset({".xml", ".pdf"})
"""Fichiers lus dans un répertoire passé en entrée."""


class AvertissementImport(UserWarning):
    """Avertissement d'une importation (fichier écarté, échéance déduite, taux à confirmer)."""


def _fichiers(chemins: Iterable[str | Path]) -> Iterator[Path]:
    """Les fichiers désignés ; un répertoire donne ses ``.xml`` et ``.pdf``, triés."""
    for chemin in map(Path, chemins):
        if chemin.is_dir():
            yield from sorted(
                p for p in chemin.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES_FACTURES
            )
        else:
            yield chemin


def lire_factures(
    chemins: Iterable[str | Path], *, statuts: Iterable[str | Path] = ()
) -> ResultatImport:
    """Importe des factures et leurs statuts : dossiers, fichiers écartés et avertissements."""
    from contentieux.regles import charger_regles

    rejets: list[Rejet] = []
    lus: list[StatutLu] = []

    def factures() -> Iterator[FactureLue]:
        for fichier in _fichiers(chemins):
            try:
                yield lire_facture(fichier)
            except FactureIllisible as exc:
                if not exc.cdar:
                    rejets.append(Rejet(str(fichier), exc.message))
                    continue
                try:  # un message de statut parmi les factures : lu comme statuts
                    lus.extend(lire_statuts(fichier))
                except FactureIllisible as erreur:
                    rejets.append(Rejet(str(fichier), erreur.message))

    for fichier in _fichiers(statuts):
        try:
            lus.extend(lire_statuts(fichier))
        except FactureIllisible as exc:
            rejets.append(Rejet(str(fichier), exc.message))
    # Les statuts sont appliqués après la lecture de toutes les factures : ``lus`` reçoit aussi
    # les messages CDAR trouvés parmi elles (répertoire d'export mêlant factures et statuts).
    resultat = construire_dossiers(factures(), lus, charger_regles())
    resultat.rejets[:0] = rejets
    return resultat


def importer_factures(
    chemins: Iterable[str | Path], *, statuts: Iterable[str | Path] = ()
) -> list[Dossier]:
    """Les dossiers tirés de ces factures électroniques (fichiers ou répertoires) et statuts.

    Un fichier écarté ou un point à vérifier est signalé par un :class:`AvertissementImport`
    (module ``warnings``) ; :func:`lire_factures` rend les mêmes informations en données.
    """
    resultat = lire_factures(chemins, statuts=statuts)
    for rejet in resultat.rejets:
        warnings.warn(f"{rejet.fichier} écarté : {rejet.raison}", AvertissementImport, stacklevel=2)
    for avertissement in resultat.avertissements:
        warnings.warn(avertissement, AvertissementImport, stacklevel=2)
    return resultat.dossiers
