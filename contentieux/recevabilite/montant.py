"""Montant de la demande : le principal exigible, non prescrit, restant dû au jour ``au``.

C'est lui qui décide des seuils (petites créances, CPC 750-1, contribution pour la justice
économique) et du libellé de la demande. Les paiements y sont imputés par l'imputation partagée
(C. civ. 1342-10) ; les factures prescrites ou forcloses en sont retirées, jamais réclamées en
silence (C. civ. 2249).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from contentieux.droit.exigibilite import est_exigible
from contentieux.droit.faits import date_longue as formater
from contentieux.droit.imputation_factures import Cle, imputer_paiements
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import Paiement
from contentieux.modeles.recevabilite import DetailPrescription
from contentieux.regles import Regles


def principal_utile(
    dossier: Dossier,
    *,
    au: dt.date,
    prescrites: frozenset[Cle] = frozenset(),
    imputations: Mapping[Cle, list[tuple[Paiement, Decimal]]] | None = None,
) -> Decimal:
    """Principal exigible et non prescrit restant dû au jour ``au``.

    Seules comptent les factures échues (exigibles le lendemain de l'échéance, ou après la
    déchéance du terme prononcée) et non prescrites (``prescrites`` : couples référence de la
    créance, numéro de facture), chacune pour son principal impayé
    (:func:`principal_impaye_par_facture`). Hors intérêts et frais. ``imputations`` :
    l'imputation au jour ``au`` si elle est déjà calculée (celle de l'analyse de la
    prescription).
    """
    impayes = principal_impaye_par_facture(dossier, au=au, imputations=imputations)
    total = Decimal("0")
    for creance, facture in dossier.factures():
        cle = (creance.reference, facture.numero)
        decheance = creance.date_decheance_terme
        if cle in prescrites or not est_exigible(facture, au, decheance=decheance):
            continue
        total += impayes[cle]
    return total


def prescrites(prescriptions: tuple[DetailPrescription, ...]) -> frozenset[Cle]:
    """Couples (créance, facture) prescrits ou forclos d'après le détail de la prescription."""
    return frozenset(
        (f.creance, f.numero) for d in prescriptions for f in d.par_facture if f.prescrite
    )


def interets_echus(dossier: Dossier, *, au: dt.date, regles: Regles) -> tuple[Decimal | None, str]:
    """Intérêts et pénalités de retard échus au jour ``au``, tels que le décompte les calcule
    (:func:`contentieux.interets.etablir_decompte`, options par défaut) : le seuil des petites
    créances s'apprécie principal **et** intérêts (CPCE R125-1 ; docs/droit.md k.10).

    Si un taux du semestre de ``au`` manque aux règles, le décompte est arrêté à la fin du
    semestre précédent (puis de celui d'avant) : le montant rendu est alors un **minimum**, et
    l'explication le dit. Rend ``(montant, explication)`` ; ``None`` si aucun décompte ne peut
    être établi (l'explication dit pourquoi)."""
    from contentieux.erreurs import ErreurContentieux, RegleNonCouverte
    from contentieux.interets import etablir_decompte

    date = au
    for _ in range(3):
        try:
            decompte = etablir_decompte(dossier, au=date, regles=regles)
        except RegleNonCouverte:
            date = _fin_semestre_precedent(date)
            continue
        except ErreurContentieux as erreur:
            return None, f"intérêts non calculés ({erreur.code})"
        montant = decompte.total_interets + decompte.total_penalites
        if date == au:
            return montant, "intérêts et pénalités de retard échus selon le décompte"
        return montant, (
            "intérêts et pénalités de retard échus selon le décompte arrêté au "
            f"{formater(date)}, faute de taux connu au-delà : un minimum"
        )
    return None, "intérêts non calculés : taux des derniers semestres absents des règles"


def _fin_semestre_precedent(date: dt.date) -> dt.date:
    """Dernier jour du semestre qui précède celui de ``date`` (30 juin ou 31 décembre)."""
    if date.month > 6:
        return dt.date(date.year, 6, 30)
    return dt.date(date.year - 1, 12, 31)


def principal_impaye_par_facture(
    dossier: Dossier,
    *,
    au: dt.date,
    imputations: Mapping[Cle, list[tuple[Paiement, Decimal]]] | None = None,
) -> dict[Cle, Decimal]:
    """Le principal impayé de chaque facture au jour ``au`` : son montant TTC moins les paiements
    que l'imputation partagée attribue à son principal (C. civ. 1342-10,
    :func:`contentieux.droit.imputation_factures.imputer_paiements`), jamais négatif.

    C'est « les factures moins les paiements », sans intérêts ni frais : les paiements vont tout
    entiers au principal. Le « principal restant dû » d'un décompte
    (``Decompte.total_principal_restant``) est une autre quantité : un paiement y va d'abord aux
    intérêts (C. civ. 1343-1), il peut donc être plus élevé. Le seul calcul de ce montant :
    :func:`principal_impaye` et :func:`principal_utile` en font la somme.
    """
    if imputations is None:
        imputations = imputer_paiements(dossier, au=au)
    impayes: dict[Cle, Decimal] = {}
    for creance, facture in dossier.factures():
        cle = (creance.reference, facture.numero)
        paye = sum((part for _p, part in imputations[cle]), start=Decimal("0"))
        impayes[cle] = max(facture.montant_ttc - paye, Decimal("0"))
    return impayes


def principal_impaye(
    dossier: Dossier,
    *,
    au: dt.date,
    imputations: Mapping[Cle, list[tuple[Paiement, Decimal]]] | None = None,
) -> Decimal:
    """Principal impayé au jour ``au``, toutes factures (échues ou non, prescrites ou non) : la
    somme de :func:`principal_impaye_par_facture`.

    Sa différence avec :func:`principal_utile` tient exactement aux factures non encore exigibles
    et aux factures prescrites ; le rapport de recevabilité affiche les deux. ``imputations`` :
    l'imputation au jour ``au`` si elle est déjà calculée.
    """
    impayes = principal_impaye_par_facture(dossier, au=au, imputations=imputations)
    return sum(impayes.values(), start=Decimal("0"))
