"""Imputation des paiements d'un dossier sur le principal de ses factures.

L'ordre est celui, partagé, de C. civ. 1342-10 (:class:`contentieux.droit.imputation.
OrdreImputation`) : les factures désignées par le débiteur, puis les factures échues au jour du
paiement avant les autres, la plus ancienne d'abord, à égalité d'échéance au prorata. Le taux que
porte chaque facture (l'« intérêt du débiteur ») n'est pas pris en compte ici : toutes sont
traitées comme de même taux, ce qui revient à l'ordre des échéances — celui des échéances d'un
crédit à la consommation (C. consom. R312-35 ; docs/droit.md k.1). Les intérêts et frais (1343-1)
ne sont pas comptés : c'est une imputation sur le principal, prudente pour les seuils et pour la
reconnaissance de dette qu'est un paiement (C. civ. 2240).

Une déchéance du terme rend exigibles, à sa date, les échéances à venir : l'ordre est rangé une
fois par état des déchéances (et jamais retrié à chaque paiement).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from contentieux.droit.exigibilite import date_exigibilite
from contentieux.droit.faits import evenements
from contentieux.droit.imputation import ZERO, OrdreImputation, repartir
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
    cles: list[Cle] = []
    echeances: list[dt.date] = []
    position: list[int] = []  # indice de la créance de chaque facture
    par_numero: dict[str, list[int]] = defaultdict(list)
    for k, creance in enumerate(dossier.creances):
        for facture in creance.factures:
            par_numero[facture.numero].append(len(cles))
            cles.append((creance.reference, facture.numero))
            echeances.append(facture.date_echeance)
            position.append(k)
    restant = [f.montant_ttc for _c, f in dossier.factures()]
    imputations: dict[Cle, list[tuple[Paiement, Decimal]]] = {k: [] for k in cles}
    decheances = [c.date_decheance_terme for c in dossier.creances]
    ordres: dict[tuple[bool, ...], OrdreImputation[int]] = {}
    # OrdreImputation reconnaît une dette à son identité (id) : les désignées doivent être les
    # mêmes objets que les dettes rangées, d'où cette liste unique d'indices.
    indices = list(range(len(cles)))
    for paiement in evenements(dossier, Paiement, au=au):
        etat = tuple(d is not None and d <= paiement.date for d in decheances)
        ordre = ordres.get(etat)
        if ordre is None:
            actives = [d if e else None for d, e in zip(decheances, etat, strict=True)]

            def exigibilite(i: int, actives: list[dt.date | None] = actives) -> dt.date:
                return date_exigibilite(echeances[i], actives[position[i]])

            ordre = ordres[etat] = OrdreImputation(
                indices, echeance=exigibilite, groupe=position.__getitem__
            )
        references = {c.reference for c in dossier.creances if paiement.concerne(c.reference)}
        designees = [
            indices[i]
            for numero in paiement.factures_designees
            for i in par_numero.get(numero, ())
            if cles[i][0] in references
        ]
        disponible = paiement.montant
        for groupe in ordre.ordre(
            paiement.date,
            taux=lambda i: ZERO,
            ouverte=lambda i: restant[i] > 0,
            concerne=_concerne(cles, references),
            designees=designees,
        ):
            if disponible <= 0:
                break
            dus = [restant[i] for i in groupe]
            parts = [min(disponible, dus[0])] if len(groupe) == 1 else repartir(disponible, dus)
            for i, part in zip(groupe, parts, strict=True):
                if part > 0:
                    restant[i] -= part
                    disponible -= part
                    imputations[cles[i]].append((paiement, part))
    return imputations


def _concerne(cles: list[Cle], references: set[str]) -> Callable[[int], bool]:
    """La facture ``i`` appartient-elle à une créance que vise le paiement ?"""

    def concerne(i: int) -> bool:
        return cles[i][0] in references

    return concerne
