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


def squelette_yaml(chemins: list[str]) -> str:
    """Le squelette YAML qui place chaque chemin (``creancier.representant``,
    ``actes.plan.nombre_echeances``) dans le fichier du dossier, valeurs à remplir (« … »).

    >>> print(squelette_yaml(["creancier.representant", "actes.plan.nombre_echeances"]))
    creancier:
      representant: …
    actes:
      plan:
        nombre_echeances: …
    >>> print(squelette_yaml(["mandataire", "mandataire.date_mandat"]))
    mandataire:
      date_mandat: …
    """
    arbre: dict[str, Any] = {}
    for chemin in chemins:
        noeud = arbre
        *parents, feuille = chemin.split(".")
        for cle in parents:
            if not isinstance(noeud.get(cle), dict):  # « mandataire » puis « mandataire.date… »
                noeud[cle] = {}
            noeud = noeud[cle]
        noeud.setdefault(feuille, None)

    def lignes(noeud: dict[str, Any], retrait: str) -> list[str]:
        resultat = []
        for cle, valeur in noeud.items():
            if isinstance(valeur, dict):
                resultat.append(f"{retrait}{cle}:")
                resultat += lignes(valeur, retrait + "  ")
            else:
                resultat.append(f"{retrait}{cle}: …")
        return resultat

    return "\n".join(lignes(arbre, ""))


def exiger(acte: str, manquants: list[str]) -> None:
    """Lève :class:`DonneesGabaritIncompletes` avec la liste complète de ce qui manque.

    Chaque élément de ``manquants`` commence par son chemin depuis la racine du fichier du
    dossier (``creancier.representant``, ``actes.plan.nombre_echeances``, ``mandataire``), suivi
    de son explication entre parenthèses : c'est là qu'il est accepté. Les clés ``actes.…``
    peuvent aussi aller, sans ce préfixe, dans le fichier ``--parametres``. Le message se termine
    par le squelette YAML à compléter (``details["yaml"]``).
    """
    if manquants:
        chemins = [m.split(" ", 1)[0] for m in manquants]
        dans_actes = any(c.startswith("actes.") for c in chemins)
        ailleurs = any(not c.startswith("actes.") for c in chemins)
        ou = []
        if ailleurs:
            ou.append("les autres complètent le dossier à l'endroit indiqué")
        if dans_actes:
            ou.insert(
                0,
                "les clés « actes.… » vont dans la section « actes: » du dossier, ou sans ce "
                "préfixe dans le fichier --parametres",
            )
        squelette = squelette_yaml(chemins)
        raise DonneesGabaritIncompletes(
            f"acte « {acte} » : données manquantes avant rendu. Chaque chemin part de la racine "
            "du fichier du dossier"
            + (" ; " + " ; ".join(ou) if dans_actes else "")
            + ".\n  - "
            + "\n  - ".join(manquants)
            + "\nÀ compléter dans le fichier du dossier :\n"
            + "\n".join("    " + ligne for ligne in squelette.splitlines()),
            acte=acte,
            manquants=tuple(manquants),
            chemins=tuple(chemins),
            yaml=squelette,
        )
