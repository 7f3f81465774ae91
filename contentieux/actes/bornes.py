"""Borne du volume d'un acte : ce qu'un acte peut contenir avant d'être rendu.

Dix mille factures et cinq mille paiements passent les limites d'entrée (``Limites.factures``,
``Limites.paiements``) ; leur annexe de décompte ferait pourtant des milliers de pages (mesuré :
3 339 pages, 13 minutes, 5,6 Go). Le coût du rendu suit le nombre de lignes des tableaux de
l'acte (≈ 12 lignes de décompte par page, ≈ 30 ms par ligne avec WeasyPrint) : on le borne
**avant** le rendu, par ``Limites.lignes_acte`` (par défaut 1 200 lignes, une centaine de pages),
avec un message qui dit quoi faire. La borne se règle par l'objet ``Limites`` passé à
l'``Atelier`` (``Atelier(limites=Limites(lignes_acte=5000))``).

>>> from contentieux.modeles.limites import Limites
>>> Limites().lignes_acte
1200
"""

from __future__ import annotations

from typing import Any

from contentieux.erreurs import LimiteDepassee
from contentieux.modeles.limites import LIMITES_PAR_DEFAUT, Limites


def lignes_de_l_acte(faits: Any) -> int:
    """Lignes des tableaux que l'acte peut reproduire : lignes d'intérêts, indemnités, clauses
    pénales, capitalisations et imputations du décompte (et du décompte à l'ouverture d'une
    procédure collective)."""
    total = 0
    for decompte in (faits.decompte, faits.decompte_ouverture):
        if decompte is None:
            continue
        total += (
            len(decompte.lignes)
            + len(decompte.indemnites)
            + len(decompte.clauses_penales)
            + len(decompte.capitalisations)
            + len(decompte.imputations)
        )
    return total


def verifier_volume(identifiant: str, faits: Any, limites: Limites | None = None) -> None:
    """Lève ``LimiteDepassee`` si l'acte dépasse ``limites.lignes_acte`` lignes de tableau."""
    _borner(identifiant, lignes_de_l_acte(faits), "lignes de décompte", limites)


def lignes_du_dossier(dossier: Any) -> int:
    """Borne basse des lignes qu'un acte reproduit, lue dans le dossier sans rien calculer : ses
    factures et ses paiements (chaque acte les liste, une ligne chacun, CPC 1407)."""
    from contentieux.modeles.evenements import Paiement

    factures = sum(len(c.factures) for c in dossier.creances)
    return factures + len(dossier.evenements_de_type(Paiement))


def verifier_volume_du_dossier(
    identifiant: str, dossier: Any, limites: Limites | None = None
) -> None:
    """Le même refus que :func:`verifier_volume`, **avant** le calcul du décompte, quand les
    factures et paiements du dossier dépassent déjà la borne : dix mille factures et cinq mille
    paiements sont refusés en une fraction de seconde, sans les minutes de calcul d'un décompte
    qui ne serait jamais imprimé."""
    _borner(identifiant, lignes_du_dossier(dossier), "factures et paiements", limites)


def _borner(identifiant: str, lignes: int, quoi: str, limites: Limites | None) -> None:
    """Le refus commun : ``lignes`` (de ``quoi``) au-delà de ``Limites.lignes_acte``."""
    limite = (limites or LIMITES_PAR_DEFAUT).lignes_acte
    if lignes > limite:
        raise LimiteDepassee(
            f"acte « {identifiant} » : {lignes} {quoi} à reproduire, plus que la limite de "
            f"{limite} lignes (≈ {limite // 12} pages) ; scindez le dossier (une créance ou une "
            "période par acte) ou relevez Limites.lignes_acte",
            champ=None,
            lignes=lignes,
            limite=limite,
        )


__all__ = [
    "lignes_de_l_acte",
    "lignes_du_dossier",
    "verifier_volume",
    "verifier_volume_du_dossier",
]
