"""Orchestration : tous les constats, le verdict, la voie, la juridiction et le calendrier."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from contentieux.droit.qualites import est_relation_l441_10
from contentieux.erreurs import ArgumentInvalide, CreanceIrrecevable
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.recevabilite import (
    CodeVoie,
    OptionsRecevabilite,
    Recevabilite,
    VoieRecommandee,
)
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
    options: OptionsRecevabilite = OptionsRecevabilite(),  # noqa: B008 (modèle figé, partagé)
) -> Recevabilite:
    """Examine le dossier au jour ``au`` et rend le rapport complet (jamais d'exception pour un
    résultat défavorable : une créance prescrite est un résultat).

    ``options`` : les réglages, un :class:`~contentieux.modeles.recevabilite.OptionsRecevabilite`
    validé (marge prudentielle avant la prescription, annuaire des juridictions fourni,
    tribunal choisi), documenté une fois sur ce modèle. Lève ``ArgumentInvalide`` pour un
    argument mal formé."""
    if not isinstance(options, OptionsRecevabilite):
        raise ArgumentInvalide(
            f"options : un OptionsRecevabilite est attendu, pas {type(options).__name__} ; "
            "écrivez par exemple options=OptionsRecevabilite(marge_prescription_jours=30)",
            champ="options",
        )
    if not isinstance(au, dt.date) or isinstance(au, dt.datetime):
        raise ArgumentInvalide(
            "au : une date (datetime.date) est attendue, par exemple date(2026, 6, 30)",
            champ="au",
        )
    jeu = regles if regles is not None else charger_regles()
    prescription, analyse = constater_prescription(dossier, au=au, regles=jeu)
    details = analyse.details
    constats = _constats(dossier, prescription, au=au, regles=jeu)
    par_condition = {c.condition: c for c in constats}
    principal = principal_utile(
        dossier, au=au, prescrites=analyse.prescrites(), imputations=analyse.imputations
    )
    voie = recommander_voie(
        dossier,
        par_condition,
        au=au,
        regles=jeu,
        prescriptions=details,
        marge_prescription_jours=options.marge_prescription_jours,
        principal=principal,
    )
    retenue = (
        None
        if voie.code in SANS_JURIDICTION
        else determiner_juridiction(
            dossier,
            au=au,
            regles=jeu,
            annuaire=options.annuaire,
            prescriptions=details,
            voie=voie.code,
            principal=principal,
            juridiction=options.juridiction,
        )
    )
    calendrier = etablir_calendrier(dossier, au=au, regles=jeu, prescriptions=details, voie=voie)
    manquants = tuple(dict.fromkeys(f for c in constats for f in c.faits_manquants))
    return Recevabilite(
        dossier=dossier.reference,
        au=au,
        constats=tuple(constats),
        recevable=_verdict(par_condition),
        voie=voie,
        juridiction=retenue,
        calendrier=calendrier,
        prescription=details,
        faits_manquants=manquants,
        avertissements=_urgentes(voie),
        regles_version=jeu.version,
        principal_impaye=principal_impaye(dossier, au=au, imputations=analyse.imputations),
        principal_exigible_non_prescrit=principal,
    )


def _constats(
    dossier: Dossier, prescription: Constat, *, au: dt.date, regles: Regles
) -> list[Constat]:
    """Un constat par condition, dans l'ordre du rapport : certaine, liquide, exigible, non
    prescrite, mise en demeure, injonction de payer, procédure collective ; entre
    professionnels, les délais de paiement (C. com. L441-10)."""
    constats: list[Constat] = [
        verifier_certitude(dossier, au=au),
        verifier_liquidite(dossier, au=au),
        verifier_exigibilite(dossier, au=au),
        prescription,
        verifier_mise_en_demeure(dossier, au=au),
        verifier_injonction(dossier, au=au, regles=regles),
        verifier_procedure_collective(dossier, au=au, regles=regles),
    ]
    if est_relation_l441_10(dossier.creancier, dossier.debiteur):
        constats.append(verifier_delais_paiement(dossier, au=au, regles=regles))
    return constats


def _verdict(par_condition: Mapping[str, Constat]) -> bool | None:
    """Recevable si les conditions de :data:`CONDITIONS_RECEVABILITE` sont toutes remplies,
    irrecevable si l'une ne l'est pas, indéterminé sinon."""
    essentiels = [par_condition[c].satisfaite for c in CONDITIONS_RECEVABILITE]
    if any(v is False for v in essentiels):
        return False
    if any(v is None for v in essentiels):
        return None
    return True


def _urgentes(voie: VoieRecommandee) -> tuple[str, ...]:
    """Les avertissements de la voie repris en tête du rapport : prescription ou forclusion
    imminente, délai d'exécution imminent."""
    return tuple(
        a
        for a in voie.avertissements
        if a in {AVERTISSEMENT_INTERRUPTION, AVERTISSEMENT_FORCLUSION}
        or a.startswith("DÉLAI D'EXÉCUTION IMMINENT")
    )


def exiger_recevabilite(
    dossier: Dossier,
    *,
    au: dt.date,
    regles: Regles | None = None,
    options: OptionsRecevabilite = OptionsRecevabilite(),  # noqa: B008 (modèle figé, partagé)
) -> Recevabilite:
    """Comme :func:`verifier_recevabilite`, mais lève ``CreanceIrrecevable`` (rapport joint) si la
    créance n'est pas recevable ou si le verdict est indéterminé."""
    rapport = verifier_recevabilite(dossier, au=au, regles=regles, options=options)
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
