"""Orchestration : tous les constats, le verdict, la voie, la juridiction et le calendrier."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from contentieux.droit.qualites import est_b2b
from contentieux.erreurs import ArgumentInvalide, CreanceIrrecevable
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.recevabilite import CodeVoie, Recevabilite
from contentieux.modeles.resultats import Constat
from contentieux.recevabilite.calendrier import etablir_calendrier
from contentieux.recevabilite.certitude import verifier_certitude
from contentieux.recevabilite.delais_paiement import verifier_delais_paiement
from contentieux.recevabilite.exigibilite import verifier_exigibilite
from contentieux.recevabilite.injonction import verifier_injonction
from contentieux.recevabilite.juridiction import determiner_juridiction
from contentieux.recevabilite.liquidite import verifier_liquidite
from contentieux.recevabilite.mise_en_demeure import verifier_mise_en_demeure
from contentieux.recevabilite.montant import principal_impaye, principal_utile
from contentieux.recevabilite.prescription import constater_prescription
from contentieux.recevabilite.procedure_collective import verifier_procedure_collective
from contentieux.recevabilite.voie import (
    AVERTISSEMENT_FORCLUSION,
    AVERTISSEMENT_INTERRUPTION,
    MARGE_PRESCRIPTION_JOURS,
    recommander_voie,
)
from contentieux.regles import Regles, charger_regles

SANS_JURIDICTION = frozenset(
    {
        CodeVoie.AUCUNE,
        CodeVoie.DECLARATION_CREANCE,
        CodeVoie.EXECUTION_TITRE,
        CodeVoie.SUIVRE_INSTANCE,
        CodeVoie.INJONCTION_EUROPEENNE,
        CodeVoie.HORS_CHAMP,
    }
)
"""Voies qui ne saisissent pas une juridiction française nouvelle : aucune n'est proposée."""

CONDITIONS_RECEVABILITE = ("certitude", "liquidite", "exigibilite", "prescription")
"""Conditions dont dépend le verdict ``recevable`` (certaine, liquide, exigible, non prescrite)."""


def verifier_recevabilite(
    dossier: Dossier,
    *,
    au: dt.date,
    regles: Regles | None = None,
    annuaire: Mapping[str, str] | None = None,
    marge_prescription_jours: int = MARGE_PRESCRIPTION_JOURS,
    juridiction: str | None = None,
) -> Recevabilite:
    """Examine le dossier au jour ``au`` et rend le rapport complet (jamais d'exception pour un
    résultat défavorable : une créance prescrite est un résultat).

    ``juridiction`` : tribunal choisi parmi les candidats de l'annuaire (à défaut,
    ``dossier.actes.juridiction``) ; les actes passent celui de leurs paramètres, si bien que
    ``verifier`` et les actes nomment le même tribunal.

    ``marge_prescription_jours`` : en deçà de ce nombre de jours avant la prescription (ou la
    forclusion), la voie recommandée devient l'acte qui l'interrompt. Choix prudentiel de
    l'utilisateur (60 jours par défaut), non règle de droit."""
    if marge_prescription_jours < 0:
        raise ArgumentInvalide(
            "marge_prescription_jours : un nombre de jours positif ou nul est attendu (par "
            "exemple 60)",
            champ="marge_prescription_jours",
        )
    if not isinstance(au, dt.date) or isinstance(au, dt.datetime):
        raise ArgumentInvalide(
            "au : une date (datetime.date) est attendue, par exemple date(2026, 6, 30)",
            champ="au",
        )
    jeu = regles if regles is not None else charger_regles()
    prescription, analyse = constater_prescription(dossier, au=au, regles=jeu)
    details = analyse.details
    constats: list[Constat] = [
        verifier_certitude(dossier, au=au),
        verifier_liquidite(dossier, au=au),
        verifier_exigibilite(dossier, au=au),
        prescription,
        verifier_mise_en_demeure(dossier, au=au),
        verifier_injonction(dossier, au=au, regles=jeu),
        verifier_procedure_collective(dossier, au=au, regles=jeu),
    ]
    if est_b2b(dossier):
        constats.append(verifier_delais_paiement(dossier, au=au, regles=jeu))
    par_condition = {c.condition: c for c in constats}
    essentiels = [par_condition[c].satisfaite for c in CONDITIONS_RECEVABILITE]
    recevable: bool | None
    if any(v is False for v in essentiels):
        recevable = False
    elif any(v is None for v in essentiels):
        recevable = None
    else:
        recevable = True
    principal = principal_utile(
        dossier, au=au, prescrites=analyse.prescrites(), imputations=analyse.imputations
    )
    voie = recommander_voie(
        dossier,
        par_condition,
        au=au,
        regles=jeu,
        prescriptions=details,
        marge_prescription_jours=marge_prescription_jours,
        principal=principal,
    )
    retenue = (
        None
        if voie.code in SANS_JURIDICTION
        else determiner_juridiction(
            dossier,
            au=au,
            regles=jeu,
            annuaire=annuaire,
            prescriptions=details,
            voie=voie.code,
            principal=principal,
            juridiction=juridiction,
        )
    )
    urgentes = tuple(
        a
        for a in voie.avertissements
        if a in {AVERTISSEMENT_INTERRUPTION, AVERTISSEMENT_FORCLUSION}
        or a.startswith("DÉLAI D'EXÉCUTION IMMINENT")
    )
    calendrier = etablir_calendrier(dossier, au=au, regles=jeu, prescriptions=details, voie=voie)
    manquants = tuple(dict.fromkeys(f for c in constats for f in c.faits_manquants))
    return Recevabilite(
        dossier=dossier.reference,
        au=au,
        constats=tuple(constats),
        recevable=recevable,
        voie=voie,
        juridiction=retenue,
        calendrier=calendrier,
        prescription=details,
        faits_manquants=manquants,
        avertissements=urgentes,
        regles_version=jeu.version,
        principal_impaye=principal_impaye(dossier, au=au, imputations=analyse.imputations),
        principal_exigible_non_prescrit=principal,
    )


def exiger_recevabilite(
    dossier: Dossier,
    *,
    au: dt.date,
    regles: Regles | None = None,
    annuaire: Mapping[str, str] | None = None,
    marge_prescription_jours: int = MARGE_PRESCRIPTION_JOURS,
) -> Recevabilite:
    """Comme :func:`verifier_recevabilite`, mais lève ``CreanceIrrecevable`` (rapport joint) si la
    créance n'est pas recevable ou si le verdict est indéterminé."""
    rapport = verifier_recevabilite(
        dossier,
        au=au,
        regles=regles,
        annuaire=annuaire,
        marge_prescription_jours=marge_prescription_jours,
    )
    if rapport.recevable is True:
        return rapport
    defauts = [
        f"{c.intitule} : {c.motif}"
        for c in rapport.constats
        if c.condition in CONDITIONS_RECEVABILITE and c.satisfaite is not True
    ]
    etat = "irrecevable" if rapport.recevable is False else "de recevabilité indéterminée"
    message = f"dossier {rapport.dossier} {etat} au {au.isoformat()} :\n  - " + "\n  - ".join(
        defauts
    )
    if rapport.faits_manquants:
        message += "\nFaits à fournir : " + ", ".join(rapport.faits_manquants)
    raise CreanceIrrecevable(message, rapport)
