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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from contentieux.interets.arrondi import tronquer
from contentieux.interets.etat import ZERO, Dette
from contentieux.modeles.decompte import Imputation, NaturePart, PartImputation, construire
from contentieux.modeles.evenements import Paiement

FONDEMENTS = ("C. civ. 1342-10", "C. civ. 1343-1")
CENTIME = Decimal("0.01")


def imputer_sur_dette(dette: Dette, montant: Decimal, parts: list[PartImputation]) -> Decimal:
    """Impute ``montant`` sur une dette : intérêts (1343-1), indemnité, principal. Rend le reste."""
    if montant <= 0:
        return montant
    paye = min(dette.interets_dus(), montant)
    if paye > 0:
        montant -= paye
        dette.interets_payes += paye
        # Les intérêts capitalisés, les plus anciens, sont éteints les premiers.
        dette.capitalise = max(ZERO, dette.capitalise - paye)
        parts.append(_part(dette, "interets", paye))
        if montant <= 0:
            return montant
    paye = min(dette.indemnite_due(), montant)
    if paye > 0:
        montant -= paye
        dette.indemnite_payee += paye
        parts.append(_part(dette, "indemnite", paye))
        if montant <= 0:
            return montant
    paye = min(dette.principal, montant)
    if paye > 0:
        montant -= paye
        dette.principal -= paye
        parts.append(_part(dette, "principal", paye))
    return montant


def _part(dette: Dette, nature: NaturePart, montant: Decimal) -> PartImputation:
    return construire(
        PartImputation,
        creance=dette.creance,
        facture=dette.facture,
        nature=nature,
        montant=montant,
    )


def ordonner(
    dettes: Sequence[Dette], paiement: Paiement, taux: Callable[[Dette], Decimal]
) -> list[list[Dette]]:
    """Groupes de dettes dans l'ordre d'imputation ; une dette par groupe sauf égalité parfaite.

    ``taux(dette)`` : taux que la dette porte le jour du paiement (0 si elle n'en porte pas).
    """
    designees: list[Dette] = []
    for numero in paiement.factures_designees:
        designees.extend(d for d in dettes if d.facture == numero and d not in designees)
    groupes: list[list[Dette]] = [[d] for d in designees]
    autres = [d for d in dettes if d not in designees] if designees else list(dettes)

    # Clé de 1342-10 : échue d'abord, puis taux le plus élevé, puis échéance la plus ancienne.
    jour = paiement.date
    cles = [(d.date_echeance > jour, -taux(d), d.date_echeance) for d in autres]
    precedente: tuple[bool, Decimal, object] | None = None
    for i in sorted(range(len(autres)), key=cles.__getitem__):
        cle = cles[i]
        if cle == precedente:
            groupes[-1].append(autres[i])
        else:
            groupes.append([autres[i]])
            precedente = cle
    return groupes


def repartir(groupe: Sequence[Dette], montant: Decimal) -> list[Decimal]:
    """Répartit ``montant`` entre des dettes égales, au prorata de leur solde, au centime."""
    soldes = [d.solde() for d in groupe]
    total = sum(soldes, start=ZERO)
    if montant >= total or total <= 0:
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
    paiement: Paiement,
    dettes: Sequence[Dette],
    avancer: Callable[[Dette], None],
    taux: Callable[[Dette], Decimal],
) -> Imputation:
    """Impute un paiement sur les dettes qu'il concerne et dit comment.

    ``avancer(dette)`` fait courir les intérêts de la dette jusqu'au jour du paiement : il n'est
    appelé que pour les dettes qui reçoivent une part (les autres poursuivent leur ligne).
    """
    concernees = []
    for d in dettes:
        if not paiement.concerne(d.creance):
            continue
        if d.capitalise > 0:
            avancer(d)
        # Une dette au principal soldé ne court plus : son solde est déjà à jour.
        if d.principal > 0 or d.solde() > 0:
            concernees.append(d)
    reste = paiement.montant
    parts: list[PartImputation] = []
    for groupe in ordonner(concernees, paiement, taux):
        if reste <= 0:
            break
        for d in groupe:
            avancer(d)
        if len(groupe) == 1:
            reste = imputer_sur_dette(groupe[0], reste, parts)
            continue
        for dette, part in zip(groupe, repartir(groupe, reste), strict=True):
            non_impute = imputer_sur_dette(dette, part, parts)
            reste -= part - non_impute
    if paiement.factures_designees:
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
        date=paiement.date,
        montant=paiement.montant,
        parts=tuple(parts),
        non_impute=reste,
        motif=motif,
        fondements=FONDEMENTS,
    )
