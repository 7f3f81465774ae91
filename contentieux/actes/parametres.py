"""Paramètres des actes au-delà du dossier : lieu, en-tête, plan, agence, commissaire de justice…

Ils viennent de la section ``actes:`` du fichier de dossier ou d'un fichier ``--parametres``
(celui-ci l'emporte, clé par clé). Ils sont validés ici ; ce qu'un acte exige et qui manque est
listé d'un coup avant tout rendu (:func:`exiger`), avec le nom de la clé à ajouter.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contentieux.erreurs import DonneesGabaritIncompletes
from contentieux.modeles.actes import (
    EnTeteParametre,
    MandataireJudiciaire,
    ParametresActes,
    ParametresAgence,
    ParametresCommissaire,
    ParametresDeclaration,
    ParametresMiseEnDemeure,
    ParametresPlan,
    ParametresReconnaissance,
    ParametresRequete,
    Signataire,
)
from contentieux.modeles.limites import verifier_controles

__all__ = [
    "EnTeteParametre",
    "MandataireJudiciaire",
    "ParametresActes",
    "ParametresAgence",
    "ParametresCommissaire",
    "ParametresDeclaration",
    "ParametresMiseEnDemeure",
    "ParametresPlan",
    "ParametresReconnaissance",
    "ParametresRequete",
    "Signataire",
    "exiger",
    "fusionner",
    "lire_parametres",
]


def fusionner(*sources: Mapping[str, Any] | None) -> dict[str, Any]:
    """Fusionne des sections de paramètres, les dernières l'emportant clé par clé (récursif)."""
    resultat: dict[str, Any] = {}
    for source in sources:
        if not source:
            continue
        for cle, valeur in source.items():
            ancien = resultat.get(cle)
            if isinstance(ancien, Mapping) and isinstance(valeur, Mapping):
                resultat[cle] = fusionner(ancien, valeur)
            else:
                resultat[cle] = valeur
    return resultat


def lire_parametres(
    dossier_actes: ParametresActes | None, supplement: Mapping[str, Any] | ParametresActes | None
) -> ParametresActes:
    """Les paramètres validés : section ``actes:`` du dossier, complétée par ``supplement``."""
    if isinstance(supplement, ParametresActes):
        supplement = supplement.model_dump(exclude_unset=True)
    elif supplement is not None:
        verifier_controles(supplement, "parametres")
    base = dossier_actes.model_dump(exclude_unset=True) if dossier_actes is not None else None
    return ParametresActes.model_validate(fusionner(base, supplement))


def exiger(acte: str, manquants: list[str]) -> None:
    """Lève :class:`DonneesGabaritIncompletes` avec la liste complète de ce qui manque."""
    if manquants:
        raise DonneesGabaritIncompletes(
            f"acte « {acte} » : données manquantes avant rendu :\n  - "
            + "\n  - ".join(manquants)
            + "\najoutez-les dans la section « actes: » du dossier ou dans le fichier --parametres",
            acte=acte,
            manquants=tuple(manquants),
        )
