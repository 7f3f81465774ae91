"""Dossiers d'exemple embarqués (dossier ``exemples/dossiers`` du dépôt, copié dans la roue).

``dossier_donnees`` (le dossier d'un jeu de données livré) vit dans :mod:`contentieux.donnees` ;
il reste importable d'ici.
"""

from __future__ import annotations

from pathlib import Path

from contentieux.donnees import dossier_donnees
from contentieux.erreurs import DonneesInvalides
from contentieux.modeles.dossier import Dossier


def noms_exemples() -> list[str]:
    """Noms des dossiers d'exemple disponibles."""
    return sorted(p.stem for p in (dossier_donnees("exemples") / "dossiers").glob("*.yaml"))


def texte_exemple(nom: str) -> str:
    """Le texte YAML d'un dossier d'exemple, à copier et modifier.

    >>> "reference:" in texte_exemple("b2b")
    True
    """
    return chemin_exemple(nom).read_text(encoding="utf-8")


def chemin_exemple(nom: str) -> Path:
    """Chemin du fichier d'un dossier d'exemple."""
    chemin = dossier_donnees("exemples") / "dossiers" / f"{nom}.yaml"
    if not chemin.is_file():
        raise DonneesInvalides(
            f"exemple inconnu : « {nom} » ; exemples disponibles : {', '.join(noms_exemples())}"
        )
    return chemin


def dossier_exemple(nom: str) -> Dossier:
    """Le dossier d'exemple validé."""
    from contentieux.lecture import lire_dossier

    return lire_dossier(chemin_exemple(nom))


__all__ = [
    "chemin_exemple",
    "dossier_donnees",
    "dossier_exemple",
    "noms_exemples",
    "texte_exemple",
]
