"""Imputation des paiements sur les dettes d'un décompte (C. civ. 1342-10, 1343-1 ; CCP R2192-36).

L'ordre entre les dettes et, sur une dette, l'ordre des postes sont ceux de
:mod:`contentieux.droit.imputation` (la doctrine y est écrite) ; ce module les applique aux
dettes du décompte : il fait courir leurs intérêts jusqu'au jour du paiement, éteint les postes et
écrit l'``Imputation`` du résultat.

**Sur une même dette** : d'abord les intérêts ou pénalités (1343-1), puis le principal, enfin
l'indemnité forfaitaire de 40 € (elle n'est pas un intérêt) — sauf ordre stipulé par le contrat de
la créance (``Creance.ordre_imputation`` : l'indemnité avant le principal). La décision et sa
source sont dans :mod:`contentieux.droit.imputation` (:func:`postes_imputes`). Les intérêts
cessent de courir sur la part du principal payée à compter du jour du paiement (ce jour-là compte
encore). La clause pénale et les frais complémentaires ne reçoivent pas
d'imputation : ils restent réclamés à part.

**Acheteur public** (CCP R2192-36) : les intérêts moratoires et l'indemnité forfaitaire sont payés
après le principal, dans les 45 jours qui suivent son paiement ; un paiement d'un acheteur public
s'impute donc d'abord sur le **principal** des factures (dans l'ordre de 1342-10), puis, pour le
reste, sur leurs intérêts et leur indemnité.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Literal

from contentieux.droit.imputation import (
    FONDEMENT_PUBLIC,
    FONDEMENT_STIPULATION,
    FONDEMENTS,
    OrdreImputation,
    libeller_ordre,
    postes_imputes,
    repartir,
    ventiler,
)
from contentieux.interets.etat import ZERO, Dette
from contentieux.modeles.creances import OrdrePostes
from contentieux.modeles.decompte import Imputation, NaturePart, PartImputation
from contentieux.modeles.evenements import Paiement

__all__ = ["FONDEMENTS", "FONDEMENT_PUBLIC", "Imputeur", "imputer_sur_dette"]

Etape = Literal["tout", "principal", "accessoires"]
"""Ce qu'un passage d'imputation éteint : tout (intérêts, indemnité, principal : 1343-1), ou,
pour un acheteur public (CCP R2192-36), le principal, puis les accessoires."""


def imputer_sur_dette(
    dette: Dette,
    montant: Decimal,
    parts: list[PartImputation],
    etape: Etape = "tout",
    ordre: OrdrePostes | None = None,
) -> Decimal:
    """Impute ``montant`` sur une dette selon l'étape, ses postes dans l'ordre ``ordre`` (celui
    stipulé par le contrat ; None : l'ordre par défaut, intérêts, principal, indemnité) ; rend le
    reste."""
    if montant <= ZERO:
        return montant
    dus_par_poste: dict[NaturePart, Decimal] = {
        "interets": dette.interets_dus(),
        "indemnite": dette.indemnite_due(),
        "principal": dette.principal,
    }
    postes = [
        poste
        for poste in postes_imputes(ordre)
        if (etape != "principal" or poste == "principal")
        and (etape != "accessoires" or poste != "principal")
    ]
    payes, reste = ventiler(montant, [dus_par_poste[poste] for poste in postes])
    for nature, paye in zip(postes, payes, strict=True):
        if paye <= ZERO:
            continue
        if nature == "interets":
            dette.interets_payes += paye
            # Les intérêts capitalisés, les plus anciens, sont éteints les premiers.
            dette.capitalise = max(ZERO, dette.capitalise - paye)
        elif nature == "indemnite":
            dette.indemnite_payee += paye
        else:
            dette.principal -= paye
        parts.append(
            PartImputation.model_construct(
                creance=dette.creance, facture=dette.facture, nature=nature, montant=paye
            )
        )
    return reste


def _du(dette: Dette, etape: Etape) -> Decimal:
    """Ce que l'étape peut éteindre sur une dette (base de la répartition au prorata)."""
    if etape == "tout":
        return dette.solde()
    if etape == "principal":
        return dette.principal
    return dette.interets_dus() + dette.indemnite_due()


def _groupe(dette: Dette) -> Hashable:
    """Dettes qui portent le même taux le même jour : une créance (un régime, un point de départ,
    un jugement) ; en commande publique, le taux dépend aussi du semestre de l'échéance."""
    regime = dette.regime
    if regime is not None and regime.nom == "commande_publique":
        e = dette.date_echeance
        return (dette.creance, e.year, e.month > 6)
    return (dette.creance,)


class Imputeur:
    """Impute les paiements d'un décompte, dans l'ordre chronologique, sur ses dettes.

    Les dettes sont rangées une fois (:class:`~contentieux.droit.imputation.OrdreImputation`) :
    un paiement ne lit que les dettes qu'il atteint.
    """

    def __init__(
        self,
        dettes: Sequence[Dette],
        *,
        principal_d_abord: bool = False,
        ordres: Mapping[str, OrdrePostes] | None = None,
    ) -> None:
        """``ordres`` : par référence de créance, l'ordre des postes stipulé par son contrat
        (les autres suivent l'ordre par défaut)."""
        self.principal_d_abord = principal_d_abord
        self.ordres: Mapping[str, OrdrePostes] = ordres or {}
        self.ordre: OrdreImputation[Dette] = OrdreImputation(
            dettes, echeance=lambda d: d.date_echeance, groupe=_groupe
        )
        self.par_numero: dict[str | None, list[Dette]] = {}
        for d in dettes:
            self.par_numero.setdefault(d.facture, []).append(d)

    def imputer(self, paiement: Paiement) -> Imputation:
        """Impute un paiement et dit comment.

        Les intérêts d'une dette ne courent jusqu'au jour du paiement (``Dette.avancer``) que si
        elle reçoit une part : les autres poursuivent leur ligne.
        """
        jour = paiement.date

        def ouverte(d: Dette) -> bool:
            if d.capitalise > ZERO:
                d.avancer(jour)
            # Une dette au principal soldé ne court plus : son solde est déjà à jour.
            return d.principal > ZERO or d.solde() > ZERO

        toutes = not paiement.creances  # sans créance désignée : il les concerne toutes

        def concerne(d: Dette) -> bool:
            return toutes or paiement.concerne(d.creance)

        designees = [
            d
            for numero in paiement.factures_designees
            for d in self.par_numero.get(numero, ())
            if concerne(d) and ouverte(d)
        ]
        groupes: Iterator[list[Dette]] = self.ordre.ordre(
            jour,
            taux=lambda d: d.taux_au(jour),
            ouverte=ouverte,
            concerne=None if toutes else concerne,
            designees=designees,
        )
        reste = paiement.montant
        parts: list[PartImputation] = []
        if not self.principal_d_abord:
            reste = self._imputer_groupes(groupes, jour, reste, parts, "tout")
        else:
            # Les deux passages suivent le même ordre, établi avant le paiement : le premier
            # l'enregistre au fil de la lecture ; le second le rejoue. Si le premier s'arrête
            # avant la fin, c'est que le paiement est épuisé : le second n'a rien à imputer.
            vus: list[list[Dette]] = []

            def enregistrer() -> Iterator[list[Dette]]:
                for groupe in groupes:
                    vus.append(groupe)
                    yield groupe

            reste = self._imputer_groupes(enregistrer(), jour, reste, parts, "principal")
            reste = self._imputer_groupes(iter(vus), jour, reste, parts, "accessoires")
        return Imputation.model_construct(
            date=paiement.date,
            montant=paiement.montant,
            parts=tuple(parts),
            non_impute=reste,
            motif=self._motif(paiement),
            fondements=(*FONDEMENTS, FONDEMENT_PUBLIC)
            if self.principal_d_abord
            else (*FONDEMENTS, FONDEMENT_STIPULATION)
            if any(p.creance in self.ordres for p in parts)
            else FONDEMENTS,
        )

    def _imputer_groupes(
        self,
        groupes: Iterator[list[Dette]],
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
                d = groupe[0]
                reste = imputer_sur_dette(d, reste, parts, etape, self.ordres.get(d.creance))
            else:
                soldes = [_du(d, etape) for d in groupe]
                for dette, part in zip(groupe, repartir(reste, soldes), strict=True):
                    non_impute = imputer_sur_dette(
                        dette, part, parts, etape, self.ordres.get(dette.creance)
                    )
                    reste -= part - non_impute
            for d in groupe:
                if d.principal + d.capitalise <= ZERO and d.solde() > ZERO:
                    self.ordre.sans_interet(d)
        return reste

    def _motif(self, paiement: Paiement) -> str:
        if self.principal_d_abord:
            return (
                "CCP R2192-36 : paiement de l'acheteur public imputé d'abord sur le principal (les "
                "intérêts moratoires et l'indemnité sont payés ensuite) ; entre factures, "
                + (
                    "désignation du débiteur (" + ", ".join(paiement.factures_designees) + "), "
                    "puis "
                    if paiement.factures_designees
                    else ""
                )
                + "C. civ. 1342-10 ; le reste sur les intérêts, puis l'indemnité"
            )
        postes = self._postes(paiement)
        if paiement.factures_designees:
            return (
                "imputation désignée par le débiteur ("
                + ", ".join(paiement.factures_designees)
                + f"), puis C. civ. 1342-10 ; {postes}"
            )
        return (
            "C. civ. 1342-10 : dettes échues d'abord, puis taux le plus élevé, puis la plus "
            f"ancienne, à égalité au prorata ; {postes}"
        )

    def _postes(self, paiement: Paiement) -> str:
        """L'ordre des postes sur chaque facture, avec sa source : un seul s'il est commun aux
        créances que vise le paiement, sinon créance par créance."""
        if not self.ordres:
            return "sur chaque facture : " + libeller_ordre(None)
        references = paiement.creances or tuple(self._references())
        ordres = {r: self.ordres.get(r) for r in references}
        if len(set(ordres.values())) == 1:
            return "sur chaque facture : " + libeller_ordre(next(iter(ordres.values())))
        return " ; ".join(f"créance {r} : {libeller_ordre(o)}" for r, o in ordres.items())

    def _references(self) -> Iterator[str]:
        vues: dict[str, None] = {}
        for dettes in self.par_numero.values():
            vues.update(dict.fromkeys(d.creance for d in dettes))
        return iter(vues)
