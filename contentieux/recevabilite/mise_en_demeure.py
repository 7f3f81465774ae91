"""Mise en demeure : utile aux intérêts au taux légal, jamais préalable légal à l'injonction.

- Les intérêts au taux légal ne courent qu'à compter de la mise en demeure (C. civ. 1231-6,
  1344-1), sauf si le contrat prévoit que la seule exigibilité vaut mise en demeure (1344).
- Entre professionnels, les pénalités de C. com. L441-10 II sont dues « sans qu'un rappel soit
  nécessaire » ; de même les intérêts moratoires de la commande publique (CCP R2192-31).
- Aucun texte n'en fait une condition de l'injonction de payer (CPC 1405 à 1407) : elle reste
  recommandée (point de départ des intérêts, preuve que la créance n'est pas contestée).
- Une lettre recommandée non réclamée reste valable (Cass. 1re civ. 20 janv. 2021,
  n° 19-20.680). Une mise en demeure n'interrompt pas la prescription (Cass. com. 13 oct. 1992).
- Une mise en demeure suppose une obligation exigible (C. civ. 1344) : envoyée avant l'échéance
  (ou avant la déchéance du terme), elle ne vaut pas pour les factures non encore échues à son
  envoi ; la condition n'est pas remplie pour elles tant qu'une nouvelle lettre n'est pas envoyée.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from contentieux.delais import Echeance, calculer_echeance
from contentieux.droit.exigibilite import est_exigible, terme_au
from contentieux.droit.faits import chemin_evenement, departement_debiteur, evenements
from contentieux.droit.faits import date_longue as formater
from contentieux.droit.mise_en_demeure import mise_en_demeure_effective
from contentieux.droit.regime import regime_interets
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import MiseEnDemeure, MoyenNotification
from contentieux.modeles.resultats import Constat

CONDITION = "mise_en_demeure"
INTITULE = "Mise en demeure reçue et délai expiré"
FONDEMENTS = ("C. civ. 1344", "C. civ. 1344-1", "C. civ. 1231-6")
RAPPEL_IP = (
    "La mise en demeure n'est pas une condition légale de l'injonction de payer (CPC 1405 à "
    "1407) ; elle reste recommandée : elle fait courir les intérêts et montre au juge que la "
    "créance n'est pas contestée."
)
RAPPEL_PRESCRIPTION = (
    "Une mise en demeure, même par lettre recommandée, n'interrompt pas la prescription "
    "(Cass. com. 13 oct. 1992, n° 91-10.066)."
)
_MOYENS_FRAGILES = {MoyenNotification.COURRIEL, MoyenNotification.LETTRE_SIMPLE}


_constat = partial(Constat, condition=CONDITION, intitule=INTITULE)
"""Constat de cette condition (identifiant et intitulé fixés)."""


def echeance_mise_en_demeure(dossier: Dossier, med: MiseEnDemeure) -> Echeance | None:
    """Fin du délai laissé par la mise en demeure (CPC 640-642), si elle est calculable."""
    depart = med.date_point_de_depart
    if depart is None or med.delai_jours is None:
        return None
    return calculer_echeance(
        depart, jours=med.delai_jours, departement=departement_debiteur(dossier)
    )


def _besoin(dossier: Dossier) -> str:
    regimes = _regimes(dossier)
    morceaux = []
    if "taux_legal" in regimes:
        morceaux.append(
            "les intérêts au taux légal ne courent qu'à compter de la mise en demeure "
            "(C. civ. 1231-6, 1344-1)"
        )
    if "taux_conventionnel" in regimes:
        morceaux.append(
            "les intérêts au taux stipulé ne courent qu'à compter de la mise en demeure, sauf "
            "clause contraire (C. civ. 1231-6, 1344-1)"
        )
    if "penalites_b2b" in regimes:
        morceaux.append(
            "entre professionnels, les pénalités de retard courent sans rappel dès le lendemain "
            "de l'échéance (C. com. L441-10 II) : la mise en demeure n'est pas nécessaire pour "
            "elles"
        )
    if "commande_publique" in regimes:
        morceaux.append(
            "les intérêts moratoires de la commande publique courent de plein droit (CCP R2192-31)"
        )
    return " ; ".join(morceaux)


def _regimes(dossier: Dossier) -> set[str | None]:
    """Régimes des intérêts des créances du dossier (règle partagée, C. com. L441-10 ; CCP
    R2192-31 ; C. civ. 1231-6)."""
    return {regime_interets(dossier.creancier, dossier.debiteur, c).nom for c in dossier.creances}


def _fondements_besoin(dossier: Dossier) -> tuple[str, ...]:
    """Articles qui disent si une mise en demeure est nécessaire, selon les régimes en cause."""
    regimes = _regimes(dossier)
    return (
        *FONDEMENTS,
        *(("C. com. L441-10",) if "penalites_b2b" in regimes else ()),
        *(("CCP R2192-31",) if "commande_publique" in regimes else ()),
    )


def _non_couvertes(dossier: Dossier, meds: list[MiseEnDemeure], *, au: dt.date) -> list[str]:
    """Factures exigibles au jour ``au`` qu'aucune mise en demeure n'a visées après leur
    exigibilité (lettre envoyée avant l'échéance ou la déchéance du terme)."""
    resultat: list[str] = []
    for creance in dossier.creances:
        siennes = [m for m in meds if m.concerne(creance.reference)]
        if not siennes:
            continue
        decheance = creance.date_decheance_terme
        for facture in creance.factures:
            if not est_exigible(facture, au, decheance=decheance):
                continue  # pas encore exigible : hors de la demande
            if not any(est_exigible(facture, m.date_envoi, decheance=decheance) for m in siennes):
                resultat.append(
                    f"{facture.numero} (exigible après le "
                    f"{formater(terme_au(creance, facture, au=au))})"
                )
    return resultat


def verifier_mise_en_demeure(dossier: Dossier, *, au: dt.date) -> Constat:
    """Une mise en demeure a-t-elle été reçue et le délai qu'elle laissait est-il expiré ?"""
    besoin = _besoin(dossier)
    avertissements = [RAPPEL_IP, RAPPEL_PRESCRIPTION]
    if all(c.mise_en_demeure_par_echeance for c in dossier.creances):
        return _constat(
            satisfaite=True,
            motif="Le contrat stipule que la seule exigibilité vaut mise en demeure "
            "(C. civ. 1344) : le débiteur est en demeure depuis l'échéance.",
            fondements=FONDEMENTS,
            avertissements=tuple(avertissements),
        )
    meds = evenements(dossier, MiseEnDemeure, au=au)
    prematurees = _non_couvertes(dossier, meds, au=au)
    if meds and prematurees:
        derniere = meds[-1]
        return _constat(
            satisfaite=False,
            motif=f"La mise en demeure du {formater(derniere.date_envoi)} a été envoyée avant "
            "l'exigibilité de " + ", ".join(prematurees) + " : une mise en demeure suppose une "
            "obligation exigible (C. civ. 1344) ; elle ne vaut pas pour ces factures, échues "
            "depuis. Envoyez une nouvelle mise en demeure" + (f" ; {besoin}." if besoin else "."),
            fondements=FONDEMENTS,
            avertissements=tuple(avertissements),
        )
    if not meds:
        return _constat(
            satisfaite=False,
            motif=f"Aucune mise en demeure n'a été envoyée ; {besoin}.",
            fondements=_fondements_besoin(dossier),
            avertissements=tuple(avertissements),
        )
    # La mise en demeure qui produit effet la première parmi celles dont la réception est
    # connue (règle partagée : ne dépend pas de l'ordre du fichier) ; sinon la dernière envoyée,
    # dont la réception manque.
    recues = [m for m in meds if m.date_point_de_depart is not None]
    med = mise_en_demeure_effective(recues, au=au) if recues else None
    if med is None:
        med = meds[-1]
    chemin = chemin_evenement(dossier, med)
    if med.moyen in _MOYENS_FRAGILES:
        avertissements.append(
            f"mise en demeure du {formater(med.date_envoi)} envoyée par "
            f"{med.moyen.value.replace('_', ' ')} : "
            "sa réception sera difficile à prouver ; préférez une lettre recommandée avec avis "
            "de réception ou électronique"
        )
    if med.date_point_de_depart is None:
        if med.non_reclamee:
            motif = (
                f"La lettre recommandée du {formater(med.date_envoi)} n'a pas été réclamée : elle "
                "reste valable (Cass. 1re civ. 20 janv. 2021, n° 19-20.680), mais la date de "
                "première présentation, qui fait courir son délai, n'est pas renseignée."
            )
        else:
            motif = (
                f"La mise en demeure du {formater(med.date_envoi)} a été envoyée, mais sa date de "
                "réception (ou de première présentation) n'est pas connue."
            )
        return _constat(
            satisfaite=None,
            motif=motif,
            fondements=FONDEMENTS,
            faits_manquants=(f"{chemin}.date_reception",),
            avertissements=tuple(avertissements),
        )
    recue = f"reçue le {formater(med.date_point_de_depart)}"
    if med.non_reclamee:
        recue = (
            f"présentée le {formater(med.date_point_de_depart)} et non réclamée (valable : "
            "Cass. 1re civ. 20 janv. 2021, n° 19-20.680)"
        )
    echeance = echeance_mise_en_demeure(dossier, med)
    if echeance is None:
        avertissements.append(
            "la mise en demeure ne fixait pas de délai : un délai raisonnable doit être laissé "
            "au débiteur (CA Paris, 19 mars 2013)"
        )
        return _constat(
            satisfaite=True,
            motif=f"Mise en demeure du {formater(med.date_envoi)} {recue}, sans délai fixé.",
            fondements=FONDEMENTS,
            avertissements=tuple(avertissements),
        )
    proroge = f" (prorogé : {echeance.motif})" if echeance.prorogee else ""
    if au > echeance.date_limite:
        return _constat(
            satisfaite=True,
            motif=f"Mise en demeure du {formater(med.date_envoi)} {recue} ; le délai de "
            f"{med.delai_jours} jours a expiré le {formater(echeance.date_limite)}{proroge}.",
            fondements=(*FONDEMENTS, *echeance.fondements),
            avertissements=tuple(avertissements),
        )
    return _constat(
        satisfaite=False,
        motif=f"Mise en demeure du {formater(med.date_envoi)} {recue} ; le délai de "
        f"{med.delai_jours} jours court jusqu'au {formater(echeance.date_limite)}{proroge} : "
        "attendez son expiration avant d'agir.",
        fondements=(*FONDEMENTS, *echeance.fondements),
        avertissements=tuple(avertissements),
    )
