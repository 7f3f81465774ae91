"""Délais de paiement convenus entre professionnels (C. com. L441-10 I).

Le délai convenu ne peut dépasser 60 jours à compter de la date d'émission de la facture ou, par
dérogation expressément stipulée et non manifestement abusive, 45 jours fin de mois — deux calculs
admis par la DGCCRF : fin du mois d'émission + 45 jours, ou émission + 45 jours puis fin de ce
mois ; à défaut de convention, 30 jours après la réception des marchandises ou l'exécution de la
prestation. Les durées sont lues dans les règles (``delais_paiement.*``). Ce sont des délais de
fond : pas de prorogation de CPC 642. Ne concerne que les relations entre professionnels.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import partial

from contentieux.delais import ajouter_jours
from contentieux.droit.durees import duree
from contentieux.droit.faits import date_longue as formater
from contentieux.droit.qualites import est_relation_l441_10
from contentieux.erreurs import RegleNonCouverte
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.resultats import Constat
from contentieux.regles import Regles

CONDITION = "delais_paiement"
INTITULE = "Délai de paiement convenu conforme (C. com. L441-10 I)"
FONDEMENTS = ("C. com. L441-10",)


_constat = partial(Constat, condition=CONDITION, intitule=INTITULE)
"""Constat de cette condition (identifiant et intitulé fixés)."""


def fin_de_mois(date: dt.date) -> dt.date:
    """Dernier jour du mois de ``date``."""
    return date.replace(day=calendar.monthrange(date.year, date.month)[1])


def plafonds(emission: dt.date, *, regles: Regles) -> dict[str, dt.date]:
    """Dates limites admises pour une facture émise le jour ``emission``.

    >>> from contentieux.regles import charger_regles
    >>> p = plafonds(dt.date(2026, 1, 20), regles=charger_regles())
    >>> p["60 jours"], p["fin de mois + 45 jours"], p["45 jours puis fin de mois"]
    (datetime.date(2026, 3, 21), datetime.date(2026, 3, 17), datetime.date(2026, 3, 31))
    """
    maximum, _ = duree(regles, "delais_paiement.maximum_jours", au=emission)
    fdm, _ = duree(regles, "delais_paiement.fin_de_mois_jours", au=emission)
    return {
        f"{maximum} jours": ajouter_jours(emission, maximum),
        f"fin de mois + {fdm} jours": ajouter_jours(fin_de_mois(emission), fdm),
        f"{fdm} jours puis fin de mois": fin_de_mois(ajouter_jours(emission, fdm)),
    }


def verifier_delais_paiement(dossier: Dossier, *, au: dt.date, regles: Regles) -> Constat:
    """Compare l'échéance de chaque facture aux plafonds de L441-10 I (entre professionnels)."""
    del au
    if not est_relation_l441_10(dossier.creancier, dossier.debiteur):
        return _constat(
            satisfaite=True,
            motif="Sans objet : les plafonds de C. com. L441-10 I ne régissent que les "
            "relations entre professionnels.",
            fondements=FONDEMENTS,
        )
    depassements: list[str] = []
    derogations: list[str] = []
    avertissements: list[str] = []
    conformes: list[str] = []
    hors_regles: list[str] = []
    for _creance, facture in dossier.factures():
        if facture.est_echeance:
            continue  # échéancier d'un prêt ou d'une location : hors du champ de L441-10 I
        try:
            limites = plafonds(facture.date_emission, regles=regles)
            defaut, _ = duree(regles, "delais_paiement.defaut_jours", au=facture.date_emission)
        except RegleNonCouverte:
            hors_regles.append(facture.numero)  # période non transcrite : pas de vérification
            continue
        principal, *fin_mois = limites.items()
        if facture.date_echeance <= principal[1]:
            conformes.append(facture.numero)
        elif any(facture.date_echeance <= limite for _nom, limite in fin_mois):
            derogations.append(
                f"{facture.numero} (échéance le {formater(facture.date_echeance)}, au-delà de "
                f"{principal[0]} mais dans la dérogation « 45 jours fin de mois »)"
            )
        else:
            depassements.append(
                f"{facture.numero} : échéance le {formater(facture.date_echeance)} au-delà du "
                f"plafond ({principal[0]} : {formater(principal[1])} ; fin de mois : "
                + ", ".join(formater(d) for _n, d in fin_mois)
                + ")"
            )
        if facture.date_execution is not None:
            limite_defaut = ajouter_jours(facture.date_execution, defaut)
            if facture.date_echeance > limite_defaut:
                avertissements.append(
                    f"{facture.numero} : si aucun délai n'a été convenu, le paiement était dû "
                    f"{defaut} jours après l'exécution, le {formater(limite_defaut)} (délai "
                    "supplétif de L441-10 I) ; si un délai a été convenu, l'échéance facturée "
                    "s'applique dans les plafonds"
                )
    if derogations:
        avertissements.append(
            "si le délai retenu est la dérogation « 45 jours fin de mois », elle doit avoir été "
            "expressément stipulée et ne pas être manifestement abusive : "
            + " ; ".join(derogations)
        )
    note = (
        f" Non vérifiées (période antérieure aux règles transcrites) : {', '.join(hors_regles)}."
        if hors_regles
        else ""
    )
    if hors_regles and not (conformes or derogations or depassements):
        return _constat(
            satisfaite=True,
            motif="Plafonds de C. com. L441-10 I non vérifiés : factures antérieures aux règles "
            f"transcrites ({', '.join(hors_regles)}).",
            fondements=FONDEMENTS,
        )
    if depassements:
        return _constat(
            satisfaite=False,
            motif="Délai convenu supérieur au plafond légal : "
            + " ; ".join(depassements)
            + ". Si ce délai a été convenu, il est illicite et passible d'une amende "
            "administrative (C. com. L441-16) ; la créance reste due." + note,
            fondements=(*FONDEMENTS, "C. com. L441-16"),
            avertissements=tuple(avertissements),
        )
    return _constat(
        satisfaite=True,
        motif="Échéances conformes aux plafonds de C. com. L441-10 I"
        + (f" ({', '.join(conformes)} dans les 60 jours)" if conformes else "")
        + "."
        + note,
        fondements=FONDEMENTS,
        avertissements=tuple(avertissements),
    )
