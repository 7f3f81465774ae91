"""Calendrier : les échéances datées à partir des faits connus, les autres en règle relative.

Toutes les dates de procédure passent par :mod:`contentieux.delais` (CPC 640 à 642) ; les durées
viennent des règles : délai de la mise en demeure, date de prescription, signification de
l'ordonnance d'injonction de payer dans les six mois (CPC 1411), opposition dans le mois de la
signification (CPC 1416), réponse du débiteur aux petites créances (CPCE R125-2), déclaration de
créance (C. com. R622-24).
"""

from __future__ import annotations

import datetime as dt

from contentieux.delais import calculer_echeance
from contentieux.droit.citations import articles
from contentieux.droit.durees import duree
from contentieux.droit.faits import date_longue as formater
from contentieux.droit.faits import departement_debiteur, evenements
from contentieux.erreurs import RegleNonCouverte
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import DemandeEnJustice, MiseEnDemeure, NatureDemande
from contentieux.modeles.recevabilite import (
    CodeVoie,
    DetailPrescription,
    EtapeCalendrier,
    VoieRecommandee,
)
from contentieux.recevabilite.mise_en_demeure import echeance_mise_en_demeure
from contentieux.recevabilite.procedure_collective import (
    REGLE_DECLARATION,
    echeance_declaration,
    fin_releve_forclusion,
    procedures_ouvertes,
)
from contentieux.regles import Regles


def _etape(
    intitule: str, date: dt.date | None, regle: str, fondement: str, au: dt.date
) -> EtapeCalendrier:
    return EtapeCalendrier(
        intitule=intitule,
        date=date,
        regle=regle,
        fondement=fondement,
        echue=None if date is None else au > date,
    )


def _mois(regles: Regles, identifiant: str, au: dt.date) -> tuple[int | None, str]:
    try:
        mois, valeur = duree(regles, identifiant, au=au)
    except RegleNonCouverte as erreur:
        return None, erreur.message
    return mois, articles(valeur.fondement)[0]


def etablir_calendrier(
    dossier: Dossier,
    *,
    au: dt.date,
    regles: Regles,
    prescriptions: tuple[DetailPrescription, ...],
    voie: VoieRecommandee,
) -> tuple[EtapeCalendrier, ...]:
    """Les étapes datées, puis les règles relatives, dans l'ordre chronologique."""
    etapes: list[EtapeCalendrier] = []
    departement = departement_debiteur(dossier)
    for med in evenements(dossier, MiseEnDemeure, au=au):
        echeance = echeance_mise_en_demeure(dossier, med)
        if echeance is not None:
            proroge = f", prorogé ({echeance.motif})" if echeance.prorogee else ""
            etapes.append(
                _etape(
                    f"Fin du délai de la mise en demeure du {formater(med.date_envoi)}",
                    echeance.date_limite,
                    f"{med.delai_jours} jours à compter de la réception le "
                    f"{formater(echeance.depart)}{proroge}",
                    "C. civ. 1344",
                    au,
                )
            )
    for detail in prescriptions:
        if detail.date_prescription is not None:
            if detail.decheance_quadriennale:
                etapes.append(
                    _etape(
                        f"Prescription de {detail.creance} (déchéance quadriennale, à confirmer)",
                        detail.date_prescription,
                        "4 ans du 1er janvier suivant l'acquisition des droits ou la dernière "
                        "interruption ; plus proche que la "
                        f"{detail.intitule} ({detail.duree}) : date retenue, à confirmer",
                        "Loi 68-1250 art. 1",
                        au,
                    )
                )
                continue
            etapes.append(
                _etape(
                    f"Prescription de {detail.creance} ({detail.intitule})",
                    detail.date_prescription,
                    f"{detail.duree} ; dernier jour pour agir (interrompre avant)",
                    detail.fondements[0] if detail.fondements else "C. civ. 2224",
                    au,
                )
            )
    significations = [
        d
        for d in evenements(dossier, DemandeEnJustice, au=au)
        if d.nature is NatureDemande.SIGNIFICATION_INJONCTION
    ]
    if voie.code is CodeVoie.INJONCTION_DE_PAYER or significations:
        mois, fondement = _mois(regles, "injonction_de_payer.signification_mois", au)
        if not significations:
            etapes.append(
                _etape(
                    "Signification de l'ordonnance portant injonction de payer",
                    None,
                    f"dans les {mois} mois de la date de l'ordonnance, sinon elle est non avenue"
                    if mois
                    else fondement,
                    "CPC 1411",
                    au,
                )
            )
        mois_opp, fondement_opp = _mois(regles, "injonction_de_payer.opposition_mois", au)
        if significations and mois_opp:
            signification = significations[-1]
            echeance = calculer_echeance(signification.date, mois=mois_opp, departement=departement)
            etapes.append(
                _etape(
                    "Fin du délai d'opposition du débiteur",
                    echeance.date_limite,
                    f"{mois_opp} mois à compter de la signification du "
                    f"{formater(signification.date)} (si elle a été faite à personne)",
                    "CPC 1416",
                    au,
                )
            )
        else:
            etapes.append(
                _etape(
                    "Opposition du débiteur",
                    None,
                    f"dans le mois ({mois_opp}) qui suit la signification ; sans opposition, "
                    "l'ordonnance produit les effets d'un jugement contradictoire (CPC 1422)"
                    if mois_opp
                    else fondement_opp,
                    "CPC 1416",
                    au,
                )
            )
    if voie.code is CodeVoie.PETITES_CREANCES:
        mois, fondement = _mois(regles, "petites_creances.delai_reponse_mois", au)
        etapes.append(
            _etape(
                "Réponse du débiteur au commissaire de justice",
                None,
                f"{mois} mois à compter de l'envoi de la lettre ; le silence vaut refus"
                if mois
                else fondement,
                "CPCE R125-2",
                au,
            )
        )
    for procedure in procedures_ouvertes(dossier, au=au):
        try:
            echeance = echeance_declaration(dossier, procedure, regles)
            regle = (
                f"à compter de la publication au BODACC du "
                f"{formater(procedure.date_publication_bodacc)}"
                if procedure.date_publication_bodacc
                else "à compter de la publication du jugement d'ouverture au BODACC (date inconnue)"
            )
        except RegleNonCouverte as erreur:
            echeance = None
            regle = f"délai non couvert par les règles ({REGLE_DECLARATION}) : {erreur.message}"
        etapes.append(
            _etape(
                "Déclaration de créance au mandataire judiciaire",
                echeance.date_limite if echeance else None,
                regle,
                "C. com. R622-24",
                au,
            )
        )
        try:
            releve = fin_releve_forclusion(dossier, procedure, regles)
        except RegleNonCouverte:
            releve = None
        if releve is not None and procedure.date_publication_bodacc is not None:
            etapes.append(
                _etape(
                    "Action en relevé de forclusion devant le juge-commissaire",
                    releve.date_limite,
                    "six mois à compter de la publication au BODACC du "
                    f"{formater(procedure.date_publication_bodacc)}",
                    "C. com. L622-26",
                    au,
                )
            )
    datees = sorted((e for e in etapes if e.date is not None), key=lambda e: e.date or au)
    relatives = [e for e in etapes if e.date is None]
    return (*datees, *relatives)
