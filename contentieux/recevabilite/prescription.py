"""Condition « action non prescrite » : le constat tiré de la prescription par facture.

Le calcul lui-même (régimes, points de départ, interruptions, suspensions, forclusion du crédit
à la consommation, déchéance quadriennale) a une seule maison, partagée avec le décompte :
:mod:`contentieux.droit.prescription`. Ce module en fait un constat de recevabilité : action
prescrite si toutes les factures le sont, indéterminée s'il manque un fait, non prescrite sinon,
les factures prescrites étant signalées, jamais réclamées en silence (C. civ. 2249 ; envers un
consommateur, C. consom. L121-2).
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from contentieux.droit.faits import date_longue as formater
from contentieux.droit.faits import evenements
from contentieux.droit.prescription import (
    AnalysePrescription,
    Regime,
    analyser_prescriptions,
    determiner_regime,
)
from contentieux.droit.qualites import est_relation_de_consommation
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import MiseEnDemeure
from contentieux.modeles.recevabilite import DetailPrescription
from contentieux.modeles.resultats import Constat
from contentieux.regles import Regles

__all__ = [
    "AnalysePrescription",
    "Regime",
    "analyser_prescription",
    "constater_prescription",
    "determiner_regime",
    "verifier_prescription",
]

CONDITION = "prescription"
INTITULE = "Action non prescrite"
RAPPEL_MISE_EN_DEMEURE = (
    "Une mise en demeure, même par lettre recommandée, n'interrompt pas la prescription "
    "(Cass. com. 13 oct. 1992, n° 91-10.066 ; liste limitative de C. civ. 2240 à 2244)."
)

_constat = partial(Constat, condition=CONDITION, intitule=INTITULE)
"""Constat de cette condition (identifiant et intitulé fixés)."""


def analyser_prescription(
    dossier: Dossier, *, au: dt.date, regles: Regles
) -> tuple[Constat, tuple[DetailPrescription, ...]]:
    """Constat de prescription et détail du calcul, créance par créance, facture par facture."""
    constat, analyse = constater_prescription(dossier, au=au, regles=regles)
    return constat, analyse.details


def constater_prescription(
    dossier: Dossier, *, au: dt.date, regles: Regles
) -> tuple[Constat, AnalysePrescription]:
    """Le constat et l'analyse partagée (:class:`AnalysePrescription`, avec son imputation)."""
    analyse = analyser_prescriptions(dossier, au=au, regles=regles)
    details = analyse.details
    manquants = list(analyse.faits_manquants)
    avertissements: list[str] = []
    fondements: dict[str, None] = {}
    for detail in details:
        fondements.update(dict.fromkeys(detail.fondements))
    if evenements(dossier, MiseEnDemeure, au=au):
        avertissements.append(RAPPEL_MISE_EN_DEMEURE)
    avertissements.extend(analyse.avertissements)
    etats = [f.prescrite for d in details for f in d.par_facture]
    prescrites = [f for d in details for f in d.par_facture if f.prescrite]
    resume = " ; ".join(_resume(d, au) for d in details)
    if etats and all(e is True for e in etats):
        satisfaite: bool | None = False
        motif = "Action prescrite : " + resume + "."
    elif any(e is None for e in etats):
        satisfaite = None
        motif = "Prescription indéterminée : " + resume + "."
    else:
        satisfaite = True
        motif = "Action non prescrite : " + resume + "."
        if prescrites:
            avertissements.insert(
                0,
                "prescription acquise pour "
                + ", ".join(
                    f"{f.numero} (le {formater(f.date_prescription)})"
                    for f in prescrites
                    if f.date_prescription
                )
                + " : à retirer de la demande",
            )
    if prescrites:
        fondements["C. civ. 2249"] = None
        avertissements.append(
            "une somme prescrite ou forclose n'est plus due en justice : elle n'est jamais "
            "réclamée sans le dire (seul un paiement fait en connaissance de cause reste acquis, "
            "C. civ. 2249)"
        )
        if est_relation_de_consommation(dossier.creancier, dossier.debiteur):
            fondements["C. consom. L121-2"] = None
            avertissements.append(
                "débiteur consommateur : réclamer une dette prescrite sans le signaler peut "
                "constituer une pratique commerciale trompeuse (C. consom. L121-2 ; gravité "
                "débattue) — signalez la prescription dans tout courrier"
            )
    constat = _constat(
        satisfaite=satisfaite,
        motif=motif,
        fondements=tuple(fondements),
        faits_manquants=tuple(dict.fromkeys(manquants)),
        avertissements=tuple(avertissements),
    )
    return constat, analyse


def verifier_prescription(dossier: Dossier, *, au: dt.date, regles: Regles) -> Constat:
    """Le constat de prescription seul (voir :func:`analyser_prescription`)."""
    return analyser_prescription(dossier, au=au, regles=regles)[0]


def _resume(detail: DetailPrescription, au: dt.date) -> str:
    texte = f"{detail.creance}, {detail.intitule} ({detail.duree})"
    if detail.date_prescription is not None and detail.jours_restants is not None:
        texte += (
            f", à agir au plus tard le {formater(detail.date_prescription)} "
            f"({detail.jours_restants} jours restants)"
        )
        if detail.decheance_quadriennale:
            texte += " — date de la déchéance quadriennale (loi 68-1250), à confirmer"
    elif all(f.prescrite for f in detail.par_facture):
        dates = [f.date_prescription for f in detail.par_facture if f.date_prescription]
        if dates:
            texte += f", acquise le {formater(max(dates))}"
    return texte
