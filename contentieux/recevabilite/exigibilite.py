"""Exigibilité : le terme est échu et aucun échéancier convenu n'est en cours d'exécution.

Une facture est exigible le lendemain de sa date d'échéance. Une dette payable par termes n'est
exigible que pour les échéances échues, sauf déchéance du terme prononcée en vertu d'une clause
(C. civ. 1305-4 et s.). Un plan d'apurement signé reporte l'exigibilité tant qu'il est respecté ;
sa défaillance la rétablit (une mise en demeure préalable reste recommandée : Cass. 1re civ.
22 juin 2017, n° 16-18.418).
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from contentieux.droit.exigibilite import date_exigibilite, est_exigible
from contentieux.droit.faits import chemin_creance, chemin_evenement, evenements
from contentieux.droit.faits import date_longue as formater
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import PlanApurement
from contentieux.modeles.resultats import Constat

CONDITION = "exigibilite"
INTITULE = "Créance exigible (terme échu)"
FONDEMENTS = ("C. civ. 1305", "C. civ. 1305-4", "CPCE L111-2")


_constat = partial(Constat, condition=CONDITION, intitule=INTITULE)
"""Constat de cette condition (identifiant et intitulé fixés)."""


def verifier_exigibilite(dossier: Dossier, *, au: dt.date) -> Constat:
    """Exigibilité de chaque facture ou échéance au jour ``au``."""
    exigibles: list[str] = []
    non_echues: list[str] = []
    plans_respectes: list[str] = []
    inconnues: list[str] = []
    manquants: list[str] = []
    avertissements: list[str] = []
    for creance in dossier.creances:
        decheance = creance.date_decheance_terme
        if decheance is not None and decheance > au:
            decheance = None
        for plan in evenements(dossier, PlanApurement, creance, au=au):
            if plan.date_defaillance is not None and plan.date_defaillance <= au:
                avertissements.append(
                    f"plan d'apurement du {formater(plan.date)} non respecté depuis le "
                    f"{formater(plan.date_defaillance)} : l'exigibilité est rétablie ; envoyez "
                    "une mise en demeure avant de vous prévaloir de la déchéance"
                )
            elif au <= plan.date_derniere_echeance:
                plans_respectes.append(
                    f"{creance.reference} fait l'objet d'un plan d'apurement signé le "
                    f"{formater(plan.date)}, respecté à ce jour (dernière échéance le "
                    f"{formater(plan.date_derniere_echeance)})"
                )
            else:
                inconnues.append(
                    f"le plan d'apurement du {formater(plan.date)} ({creance.reference}) est "
                    "arrivé à son terme sans défaillance renseignée : soldé, ou défaillance "
                    "non saisie"
                )
                manquants.append(f"{chemin_evenement(dossier, plan)}.date_defaillance")
        if (
            creance.clause_decheance_terme
            and creance.date_decheance_terme is None
            and any(f.est_echeance and not est_exigible(f, au) for f in creance.factures)
        ):
            avertissements.append(
                f"{creance.reference} : clause de déchéance du terme stipulée mais non mise en "
                f"œuvre ({chemin_creance(dossier, creance)}.date_decheance_terme) ; seules les "
                "échéances échues peuvent être réclamées"
            )
        for facture in creance.factures:
            terme = date_exigibilite(facture.date_echeance, decheance)
            if est_exigible(facture, au, decheance=decheance):
                if terme != facture.date_echeance:
                    exigibles.append(
                        f"{facture.numero} (par déchéance du terme du {formater(terme)})"
                    )
                else:
                    exigibles.append(f"{facture.numero} (échue le {formater(terme)})")
            else:
                non_echues.append(f"{facture.numero} (échéance le {formater(terme)})")
    fondements: tuple[str, ...] = FONDEMENTS
    if any(evenements(dossier, PlanApurement, c, au=au) for c in dossier.creances):
        fondements = (*FONDEMENTS, "C. civ. 1343-5")
    if plans_respectes:
        return _constat(
            satisfaite=False,
            motif="Exigibilité reportée : " + " ; ".join(plans_respectes) + ". Rien ne peut "
            "être réclamé tant que le plan est respecté.",
            fondements=tuple(dict.fromkeys((*fondements, "C. civ. 1343-5"))),
            avertissements=tuple(avertissements),
        )
    if not exigibles:
        return _constat(
            satisfaite=False,
            motif="Aucune facture ni échéance n'est échue : " + ", ".join(non_echues) + ".",
            fondements=fondements,
            avertissements=tuple(avertissements),
        )
    if non_echues:
        avertissements.append(
            "non encore exigibles, à retirer de la demande : " + ", ".join(non_echues)
        )
    if inconnues:
        return _constat(
            satisfaite=None,
            motif="Exigibilité incertaine : " + " ; ".join(inconnues) + ".",
            fondements=fondements,
            faits_manquants=tuple(manquants),
            avertissements=tuple(avertissements),
        )
    return _constat(
        satisfaite=True,
        motif="Terme échu pour : " + ", ".join(exigibles) + ".",
        fondements=fondements,
        avertissements=tuple(avertissements),
    )
