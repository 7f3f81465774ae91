"""Imputation du principal des paiements sur les factures (C. civ. 1342-10) — module provisoire.

L'ordre de C. civ. 1342-10 a une seule maison : ``contentieux.droit.imputation`` (branche du
décompte). En attendant qu'il soit fusionné, la recevabilité et la prescription appellent
uniquement :func:`imputer_paiements` ci-dessous, qui suit le même ordre et sera remplacée par un
appel à la fonction partagée.

Ordre : les factures désignées par le débiteur, puis les factures échues au jour du paiement, la
plus ancienne échéance d'abord, enfin le reliquat sur les factures à échoir dans l'ordre de leurs
échéances. Les intérêts et frais (1343-1) ne sont pas comptés : c'est une imputation sur le
principal, prudente pour les seuils et pour la reconnaissance de dette qu'est un paiement.

Complexité : les factures sont triées une fois par état de déchéance du terme (et par ensemble
de créances concernées), puis parcourues avec un curseur qui saute les factures soldées — jamais
de tri à chaque paiement (O((n + p) log n)).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from contentieux.droit.exigibilite import date_exigibilite
from contentieux.droit.faits import evenements
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import Paiement

Cle = tuple[str, str]
"""(référence de la créance, numéro de facture)."""


def imputer_paiements(
    dossier: Dossier, *, au: dt.date
) -> dict[Cle, list[tuple[Paiement, Decimal]]]:
    """Imputation du principal de chaque paiement reçu au plus tard le jour ``au``.

    Clé : (référence de la créance, numéro de facture) ; valeur : les paiements, dans l'ordre
    de leurs dates, et la part de chacun imputée sur la facture.
    """
    restant: dict[Cle, Decimal] = {}
    position: dict[Cle, int] = {}
    par_numero: dict[str, list[tuple[str, Cle]]] = defaultdict(list)
    for creance in dossier.creances:
        for facture in creance.factures:
            cle = (creance.reference, facture.numero)
            restant[cle] = facture.montant_ttc
            position[cle] = len(position)
            par_numero[facture.numero].append((creance.reference, cle))
    imputations: dict[Cle, list[tuple[Paiement, Decimal]]] = {k: [] for k in restant}
    ordres: dict[tuple[tuple[str, ...], tuple[bool, ...]], list[Cle]] = {}
    curseurs: dict[tuple[tuple[str, ...], tuple[bool, ...]], int] = {}
    for paiement in evenements(dossier, Paiement, au=au):
        concernees = tuple(c for c in dossier.creances if paiement.concerne(c.reference))
        decheances = tuple(
            c.date_decheance_terme is not None and c.date_decheance_terme <= paiement.date
            for c in concernees
        )
        etat = (tuple(c.reference for c in concernees), decheances)
        if etat not in ordres:
            cles: list[tuple[dt.date, int, Cle]] = []
            for creance, echue in zip(concernees, decheances, strict=True):
                decheance = creance.date_decheance_terme if echue else None
                for facture in creance.factures:
                    cle = (creance.reference, facture.numero)
                    cles.append(
                        (date_exigibilite(facture.date_echeance, decheance), position[cle], cle)
                    )
            cles.sort()
            ordres[etat] = [cle for _d, _p, cle in cles]
            curseurs[etat] = 0
        references = set(etat[0])
        disponible = paiement.montant
        suite: list[Cle] = []
        for numero in paiement.factures_designees:
            suite.extend(cle for ref, cle in par_numero.get(numero, ()) if ref in references)
        ordre = ordres[etat]
        i = curseurs[etat]
        while i < len(ordre) and restant[ordre[i]] <= 0:
            i += 1
        curseurs[etat] = i
        for cle in _enchainer(suite, ordre, i):
            if disponible <= 0:
                break
            part = min(disponible, restant[cle])
            if part > 0:
                restant[cle] -= part
                disponible -= part
                imputations[cle].append((paiement, part))
    return imputations


def _enchainer(designees: list[Cle], ordre: list[Cle], debut: int) -> Iterator[Cle]:
    """Les factures désignées, puis les autres dans l'ordre des échéances depuis ``debut``."""
    yield from designees
    for i in range(debut, len(ordre)):
        yield ordre[i]
