"""Imputation des paiements (C. civ. 1342-10, 1343-1).

**Entre plusieurs dettes** : d'abord les factures que le débiteur a désignées
(``Paiement.factures_designees``, dans l'ordre donné) ; à défaut, l'ordre de l'article 1342-10 :
les dettes échues avant les autres ; parmi elles, celle que le débiteur avait le plus d'intérêt à
acquitter — **décision de la bibliothèque : celle qui porte le taux d'intérêt le plus élevé au jour
du paiement** (c'est elle qui coûte le plus au débiteur) ; à intérêt égal, la plus ancienne (date
d'échéance la plus ancienne) ; à tout égal, proportionnellement au solde de chacune.

**Sur une même dette** : d'abord les intérêts ou pénalités (1343-1), puis l'indemnité forfaitaire
de 40 € (accessoire imputé avant le capital : Cass. 1re civ. 7 févr. 1995, n° 92-14.216), enfin le
principal. Les intérêts cessent de courir sur la part du principal payée à compter du jour du
paiement (ce jour-là compte encore). La clause pénale et les frais complémentaires ne reçoivent pas
d'imputation : ils restent réclamés à part.

**Acheteur public** (CCP R2192-36) : les intérêts moratoires et l'indemnité forfaitaire sont payés
après le principal, dans les 45 jours qui suivent son paiement ; un paiement d'un acheteur public
s'impute donc d'abord sur le **principal** des factures (dans l'ordre de 1342-10), puis, pour le
reste, sur leurs intérêts et leur indemnité.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Final, Literal

from contentieux.interets.arrondi import tronquer
from contentieux.interets.construction import construire
from contentieux.interets.etat import ZERO, Dette
from contentieux.modeles.decompte import (
    Imputation,
    NaturePart,
    PartImputation,
)
from contentieux.modeles.evenements import Paiement

FONDEMENTS: Final = ("C. civ. 1342-10", "C. civ. 1343-1")
FONDEMENT_PUBLIC: Final = "CCP R2192-36"
CENTIME: Final = Decimal("0.01")


def imputer_sur_dette(dette: Dette, montant: Decimal, parts: list[PartImputation]) -> Decimal:
    """Impute ``montant`` sur une dette : intérêts (1343-1), indemnité, principal. Rend le reste."""
    if montant <= ZERO:
        return montant
    return _principal(dette, _accessoires(dette, montant, parts), parts)


def _accessoires(dette: Dette, montant: Decimal, parts: list[PartImputation]) -> Decimal:
    """Impute sur les intérêts puis l'indemnité d'une dette ; rend le reste."""
    if montant <= ZERO:
        return montant
    paye = min(dette.interets_dus(), montant)
    if paye > ZERO:
        montant -= paye
        dette.interets_payes += paye
        # Les intérêts capitalisés, les plus anciens, sont éteints les premiers.
        dette.capitalise = max(ZERO, dette.capitalise - paye)
        parts.append(_part(dette, "interets", paye))
        if montant <= ZERO:
            return montant
    paye = min(dette.indemnite_due(), montant)
    if paye > ZERO:
        montant -= paye
        dette.indemnite_payee += paye
        parts.append(_part(dette, "indemnite", paye))
    return montant


def _principal(dette: Dette, montant: Decimal, parts: list[PartImputation]) -> Decimal:
    """Impute sur le principal d'une dette ; rend le reste."""
    if montant <= ZERO:
        return montant
    paye = min(dette.principal, montant)
    if paye > ZERO:
        montant -= paye
        dette.principal -= paye
        parts.append(_part(dette, "principal", paye))
    return montant


def _part(dette: Dette, nature: NaturePart, montant: Decimal) -> PartImputation:
    return construire(
        PartImputation,
        {"creance": dette.creance, "facture": dette.facture, "nature": nature, "montant": montant},
    )


def ordonner(dettes: Sequence[Dette], paiement: Paiement) -> list[list[Dette]]:
    """Groupes de dettes dans l'ordre d'imputation ; une dette par groupe sauf égalité parfaite."""
    designees: list[Dette] = []
    for numero in paiement.factures_designees:
        designees.extend(d for d in dettes if d.facture == numero and d not in designees)
    groupes: list[list[Dette]] = [[d] for d in designees]
    autres = [d for d in dettes if d not in designees] if designees else dettes
    if len(autres) < 2:
        groupes.extend([d] for d in autres)
        return groupes
    # Clé de 1342-10 : échue d'abord, puis taux le plus élevé au jour du paiement, puis échéance
    # la plus ancienne ; à clé égale, l'ordre des factures dans le dossier (tri stable).
    jour = paiement.date
    cles = sorted(
        ((d.date_echeance > jour, -d.taux_au(jour), d.date_echeance), i)
        for i, d in enumerate(autres)
    )
    precedente = None
    for cle, i in cles:
        if cle == precedente:
            groupes[-1].append(autres[i])
        else:
            groupes.append([autres[i]])
            precedente = cle
    return groupes


def repartir(montant: Decimal, soldes: list[Decimal]) -> list[Decimal]:
    """Répartit ``montant`` entre des dettes égales, au prorata de leur solde, au centime."""
    total = sum(soldes, start=ZERO)
    if montant >= total or total <= ZERO:
        return soldes
    parts = [tronquer(montant * s / total) for s in soldes]
    reste = montant - sum(parts, start=ZERO)
    i = 0
    while reste > 0 and i < 10 * len(parts) + 100:
        j = i % len(parts)
        if parts[j] < soldes[j]:
            parts[j] += CENTIME
            reste -= CENTIME
        i += 1
    return parts


def imputer(
    paiement: Paiement, dettes: Sequence[Dette], *, principal_d_abord: bool = False
) -> Imputation:
    """Impute un paiement sur les dettes qu'il concerne et dit comment.

    Les intérêts d'une dette ne courent jusqu'au jour du paiement (``Dette.avancer``) que si
    elle reçoit une part : les autres poursuivent leur ligne. ``principal_d_abord`` (acheteur
    public, CCP R2192-36) : le principal de toutes les dettes d'abord, puis les intérêts et
    indemnités.
    """
    jour = paiement.date
    concernees = []
    toutes = not paiement.creances  # paiement sans créance désignée : il les concerne toutes
    for d in dettes:
        if not toutes and not paiement.concerne(d.creance):
            continue
        if d.capitalise > ZERO:
            d.avancer(jour)
        # Une dette au principal soldé ne court plus : son solde est déjà à jour.
        if d.principal > ZERO or d.solde() > ZERO:
            concernees.append(d)
    reste = paiement.montant
    parts: list[PartImputation] = []
    groupes = ordonner(concernees, paiement)
    if not principal_d_abord:
        reste = _imputer_groupes(groupes, jour, reste, parts, "tout")
    else:
        reste = _imputer_groupes(groupes, jour, reste, parts, "principal")
        reste = _imputer_groupes(groupes, jour, reste, parts, "accessoires")
    fondements: tuple[str, ...] = FONDEMENTS
    if principal_d_abord:
        fondements = (*FONDEMENTS, FONDEMENT_PUBLIC)
        motif = (
            "CCP R2192-36 : paiement de l'acheteur public imputé d'abord sur le principal (les "
            "intérêts moratoires et l'indemnité sont payés ensuite) ; entre factures, "
            + (
                "désignation du débiteur (" + ", ".join(paiement.factures_designees) + "), puis "
                if paiement.factures_designees
                else ""
            )
            + "C. civ. 1342-10 ; le reste sur les intérêts, puis l'indemnité"
        )
    elif paiement.factures_designees:
        motif = (
            "imputation désignée par le débiteur ("
            + ", ".join(paiement.factures_designees)
            + "), puis C. civ. 1342-10 ; sur chaque facture : intérêts, indemnité, principal"
        )
    else:
        motif = (
            "C. civ. 1342-10 : dettes échues d'abord, puis taux le plus élevé, puis la plus "
            "ancienne, à égalité au prorata ; sur chaque facture : intérêts (1343-1), "
            "indemnité, principal"
        )
    return construire(
        Imputation,
        {
            "date": paiement.date,
            "montant": paiement.montant,
            "parts": tuple(parts),
            "non_impute": reste,
            "motif": motif,
            "fondements": fondements,
        },
    )


Etape = Literal["tout", "principal", "accessoires"]
"""Ce qu'un passage d'imputation éteint : tout (intérêts, indemnité, principal : 1343-1), ou,
pour un acheteur public (CCP R2192-36), le principal, puis les accessoires."""


def _imputer_sur(
    dette: Dette, montant: Decimal, parts: list[PartImputation], etape: Etape
) -> Decimal:
    """Impute ``montant`` sur une dette selon l'étape ; rend le reste."""
    if etape == "tout":
        return imputer_sur_dette(dette, montant, parts)
    if etape == "principal":
        return _principal(dette, montant, parts)
    return _accessoires(dette, montant, parts)


def _du(dette: Dette, etape: Etape) -> Decimal:
    """Ce que l'étape peut éteindre sur une dette (base de la répartition au prorata)."""
    if etape == "tout":
        return dette.solde()
    if etape == "principal":
        return dette.principal
    return dette.interets_dus() + dette.indemnite_due()


def _imputer_groupes(
    groupes: list[list[Dette]],
    jour: dt.date,
    reste: Decimal,
    parts: list[PartImputation],
    etape: Etape,
) -> Decimal:
    """Impute ``reste`` groupe par groupe, selon l'étape ; rend ce qui n'a pas été imputé."""
    for groupe in groupes:
        if reste <= ZERO:
            break
        for d in groupe:
            d.avancer(jour)
        if len(groupe) == 1:
            reste = _imputer_sur(groupe[0], reste, parts, etape)
            continue
        soldes = [_du(d, etape) for d in groupe]
        for dette, part in zip(groupe, repartir(reste, soldes), strict=True):
            non_impute = _imputer_sur(dette, part, parts, etape)
            reste -= part - non_impute
    return reste
