"""Voie recommandée : la prochaine démarche utile, avec ses raisons.

Ordre d'examen : procédure collective (→ déclaration de créance) ; prescription acquise (→ rien) ;
titre exécutoire (→ exécution forcée par un commissaire de justice) ; créance non exigible ou
contestée sérieusement (→ relance amiable) ; mise en demeure à faire ou délai en cours (→ mise en
demeure) ; conditions de l'injonction de payer non réunies (→ relance amiable puis action au
fond) ; sinon procédure simplifiée des petites créances sous le seuil (CPCE L125-1), injonction de
payer au-delà. Quand la prescription (ou la forclusion) est proche — moins de
``marge_prescription_jours`` jours, choix prudentiel et non règle de droit —, la voie devient
l'acte qui interrompt (→ interruption de la prescription), la voie ordinaire venant ensuite.

Les montants (seuils, libellé) sont le principal **exigible et non prescrit** restant dû
(:func:`~contentieux.recevabilite.montant.principal_utile`), calculé une fois par vérification. Le
seuil des petites créances s'apprécie principal **et** intérêts (CPCE R125-1) : les intérêts
sont ceux que calcule le décompte (:func:`~contentieux.recevabilite.montant.interets_echus`).

La tentative préalable de règlement amiable (CPC 750-1) s'impose aux demandes au fond n'excédant
pas le seuil des règles (``seuils.art_750_1``) devant le tribunal judiciaire ; son champ devant le
tribunal de commerce est signalé « à confirmer » ; elle ne s'applique pas à l'injonction de payer
(Cass. 2e civ., avis du 25 sept. 2025, n° 25-70.013).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from contentieux.droit.faits import date_longue as formater
from contentieux.droit.qualites import est_commercant
from contentieux.erreurs import RegleNonCouverte
from contentieux.francais import formater_montant as euros
from contentieux.modeles.creances import NatureCreance
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import Jugement
from contentieux.modeles.parties import Qualite
from contentieux.modeles.recevabilite import (
    MARGE_PRESCRIPTION_JOURS,
    CodeVoie,
    DetailPrescription,
    VoieRecommandee,
)
from contentieux.modeles.resultats import Constat
from contentieux.recevabilite.etranger import etat_du_debiteur
from contentieux.recevabilite.instances import Instance, instances, titres_executoires
from contentieux.recevabilite.mise_en_demeure import RAPPEL_IP
from contentieux.recevabilite.montant import interets_echus, prescrites, principal_utile
from contentieux.regles import Regles

INTITULES = {
    CodeVoie.RELANCE_AMIABLE: "Relance amiable",
    CodeVoie.MISE_EN_DEMEURE: "Mise en demeure",
    CodeVoie.INJONCTION_DE_PAYER: "Requête en injonction de payer",
    CodeVoie.PETITES_CREANCES: "Procédure simplifiée de recouvrement des petites créances",
    CodeVoie.DECLARATION_CREANCE: "Déclaration de créance au mandataire judiciaire",
    CodeVoie.INTERRUPTION_PRESCRIPTION: (
        "URGENT — interrompre la prescription : assignation en paiement, référé-provision ou "
        "reconnaissance de dette signée"
    ),
    CodeVoie.EXECUTION_TITRE: "Exécution du titre exécutoire par un commissaire de justice",
    CodeVoie.SUIVRE_INSTANCE: "Suivre l'instance en cours (pas de nouvelle action : CPC 100)",
    CodeVoie.INJONCTION_EUROPEENNE: (
        "Injonction de payer européenne (règlement (CE) n° 1896/2006) dans l'État membre compétent"
    ),
    CodeVoie.HORS_CHAMP: "Hors du champ de la bibliothèque : débiteur établi hors de l'Union",
    CodeVoie.AUCUNE: "Aucune action : créance prescrite",
}

AVERTISSEMENT_INTERRUPTION = (
    "PRESCRIPTION IMMINENTE : ni une mise en demeure (même recommandée), ni le dépôt d'une requête "
    "en injonction de payer n'interrompent la prescription — seule la signification de "
    "l'ordonnance le fait (Cass. 10 juil. 1990, n° 89-13.345), ce qui suppose de l'obtenir et de "
    "la signifier avant l'échéance ; la procédure des petites créances ne la suspend qu'à compter "
    "de l'accord du débiteur constaté par le commissaire de justice (C. civ. 2238). Agissez par "
    "un acte interruptif : assignation en paiement ou en référé-provision (C. civ. 2241), ou "
    "reconnaissance de dette signée par le débiteur (C. civ. 2240)."
)
AVERTISSEMENT_FORCLUSION = (
    "FORCLUSION IMMINENTE (crédit à la consommation) : seule une action en justice l'interrompt "
    "(C. consom. R312-35) ; ni une reconnaissance de dette, ni un paiement, ni une médiation, ni "
    "l'accord du débiteur aux petites créances ne l'arrêtent."
)


def nature_tribunal(dossier: Dossier) -> str | None:
    """Ordre de juridiction d'une action au fond : « judiciaire », « commerce », « administratif »,
    ou ``None`` si la nature du contrat d'un acheteur public est inconnue."""
    debiteur = dossier.debiteur
    if debiteur.qualite is Qualite.ACHETEUR_PUBLIC:
        valeurs = {c.contrat_administratif for c in dossier.creances}
        if valeurs == {False}:
            return "judiciaire"
        if True in valeurs:
            return "administratif"
        return None
    if est_commercant(debiteur):
        return "commerce"
    return "judiciaire"


def mention_750_1(
    dossier: Dossier,
    *,
    au: dt.date,
    regles: Regles,
    prescriptions: tuple[DetailPrescription, ...] = (),
    principal: Decimal | None = None,
) -> str | None:
    """Rappel de CPC 750-1 si le principal exigible et non prescrit n'excède pas le seuil.

    Seulement quand une action au fond devant le tribunal judiciaire est en jeu ; devant le
    tribunal de commerce le champ du texte est signalé « à confirmer » ; rien pour le juge
    administratif.
    """
    tribunal = nature_tribunal(dossier)
    if tribunal in {"administratif", None}:
        return None
    montant = (
        principal
        if principal is not None
        else principal_utile(dossier, au=au, prescrites=prescrites(prescriptions))
    )
    try:
        seuil = regles.decimal("seuils.art_750_1", au=au)
    except RegleNonCouverte:
        return None
    if montant > seuil:
        return None
    portee = (
        "une action au fond devant le tribunal judiciaire doit être précédée"
        if tribunal == "judiciaire"
        else "une action au fond pourrait devoir être précédée (champ de l'article devant le "
        "tribunal de commerce : à confirmer)"
    )
    return (
        f"Demande de {euros(montant)} (principal exigible non prescrit), n'excédant pas "
        f"{euros(seuil)} : {portee} d'une tentative de conciliation, de médiation ou de procédure "
        "participative (CPC 750-1) ; cette règle ne s'applique pas à l'injonction de payer "
        "(Cass. 2e civ., avis du 25 sept. 2025, n° 25-70.013)."
    )


def _voie(
    code: CodeVoie,
    motifs: list[str],
    fondements: list[str],
    avertissements: list[str],
    intitule: str | None = None,
) -> VoieRecommandee:
    return VoieRecommandee(
        code=code,
        intitule=intitule or INTITULES[code],
        motifs=tuple(motifs),
        fondements=tuple(dict.fromkeys(fondements)),
        avertissements=tuple(dict.fromkeys(avertissements)),
    )


def recommander_voie(
    dossier: Dossier,
    constats: Mapping[str, Constat],
    *,
    au: dt.date,
    regles: Regles,
    prescriptions: tuple[DetailPrescription, ...] = (),
    marge_prescription_jours: int = MARGE_PRESCRIPTION_JOURS,
    principal: Decimal | None = None,
) -> VoieRecommandee:
    """La démarche recommandée d'après les constats (indexés par condition), relevée en acte
    interruptif quand la prescription tombe dans moins de ``marge_prescription_jours`` jours.

    ``principal`` : le principal exigible et non prescrit, s'il est déjà calculé."""
    if principal is None:
        principal = principal_utile(dossier, au=au, prescrites=prescrites(prescriptions))
    voie = _voie_ordinaire(
        dossier,
        constats,
        au=au,
        regles=regles,
        prescriptions=prescriptions,
        principal=principal,
    )
    return _urgence(dossier, voie, prescriptions, au=au, marge=marge_prescription_jours)


def _urgence(
    dossier: Dossier,
    voie: VoieRecommandee,
    prescriptions: tuple[DetailPrescription, ...],
    *,
    au: dt.date,
    marge: int,
) -> VoieRecommandee:
    proches = [
        d for d in prescriptions if d.jours_restants is not None and 0 <= d.jours_restants < marge
    ]
    if not proches or voie.code in {
        CodeVoie.AUCUNE,
        CodeVoie.DECLARATION_CREANCE,
        CodeVoie.SUIVRE_INSTANCE,
        CodeVoie.HORS_CHAMP,
    }:
        return voie
    detail = min(proches, key=lambda d: d.jours_restants or 0)
    assert detail.date_prescription is not None
    quand = (
        f"{detail.creance} : {detail.intitule} le {formater(detail.date_prescription)}, dans "
        f"{detail.jours_restants} jours (marge prudentielle de {marge} jours, choix de "
        "l'utilisateur et non règle de droit)"
    )
    if detail.decheance_quadriennale:
        quand += " ; date de la déchéance quadriennale, à confirmer"
    if voie.code is CodeVoie.EXECUTION_TITRE:
        return voie.model_copy(
            update={
                "motifs": (
                    f"{quand} : accomplissez un acte d'exécution forcée, qui interrompt le délai "
                    "(C. civ. 2244).",
                    *voie.motifs,
                ),
                "avertissements": (f"DÉLAI D'EXÉCUTION IMMINENT — {quand}.", *voie.avertissements),
            }
        )
    forclusion = detail.regime == "credit_consommation_forclusion"
    if forclusion:
        acte = (
            f"{quand} : seule une action en justice interrompt la forclusion (C. consom. R312-35) "
            "— assignez en paiement avant cette date."
        )
        alerte = AVERTISSEMENT_FORCLUSION
    elif nature_tribunal(dossier) == "administratif":
        acte = (
            f"{quand} : interrompez avant cette date — réclamation écrite à l'administration ou "
            "recours juridictionnel (loi 68-1250 art. 2 ; procédure administrative à confirmer)."
        )
        alerte = AVERTISSEMENT_INTERRUPTION
    else:
        acte = (
            f"{quand} : faites délivrer avant cette date une assignation en paiement ou en "
            "référé-provision (C. civ. 2241), ou obtenez une reconnaissance de dette signée par "
            "le débiteur (C. civ. 2240)."
        )
        alerte = AVERTISSEMENT_INTERRUPTION
    fondements = ["C. civ. 2241", "C. civ. 2240", "C. civ. 2238"]
    if forclusion:
        fondements = ["C. consom. R312-35", "C. civ. 2241"]
    return VoieRecommandee(
        code=CodeVoie.INTERRUPTION_PRESCRIPTION,
        intitule=INTITULES[CodeVoie.INTERRUPTION_PRESCRIPTION]
        if not forclusion
        else "URGENT — interrompre la forclusion : assignation en paiement",
        motifs=(acte, f"Ensuite : {voie.intitule.lower()}.", *voie.motifs),
        fondements=tuple(dict.fromkeys([*fondements, *voie.fondements])),
        avertissements=tuple(dict.fromkeys([alerte, *voie.avertissements])),
    )


@dataclass
class _Examen:
    """Ce que partagent les examens successifs d'une voie (:data:`_ORDRE_DES_VOIES`).

    ``avertissements`` s'allonge d'un examen à l'autre : une voie qui ne vaut que pour une partie
    des créances (instance en cours, titre exécutoire) le signale pour la voie qui suit."""

    dossier: Dossier
    constats: Mapping[str, Constat]
    au: dt.date
    regles: Regles
    principal: Decimal
    mention: str | None
    """Le rappel de CPC 750-1, s'il s'applique (:func:`mention_750_1`)."""
    avertissements: list[str]


def _voie_ordinaire(
    dossier: Dossier,
    constats: Mapping[str, Constat],
    *,
    au: dt.date,
    regles: Regles,
    prescriptions: tuple[DetailPrescription, ...],
    principal: Decimal,
) -> VoieRecommandee:
    """La voie hors urgence de prescription : la première voie de :data:`_ORDRE_DES_VOIES` qui
    conclut, sinon les petites créances ou l'injonction de payer selon le seuil (CPCE L125-1,
    R125-1 ; CPC 1405)."""
    avertissements: list[str] = []
    inconnues = [c.intitule for c in constats.values() if c.satisfaite is None]
    if inconnues:
        avertissements.append(
            "recommandation provisoire : conditions indéterminées ("
            + ", ".join(inconnues)
            + ") ; fournissez les faits manquants"
        )
    mention = mention_750_1(
        dossier, au=au, regles=regles, prescriptions=prescriptions, principal=principal
    )
    examen = _Examen(dossier, constats, au, regles, principal, mention, avertissements)
    for examiner in _ORDRE_DES_VOIES:
        voie = examiner(examen)
        if voie is not None:
            return voie
    return _voie_selon_seuil(examen)


def _voie_procedure_collective(examen: _Examen) -> VoieRecommandee | None:
    """Débiteur en procédure collective : déclaration de la créance au mandataire judiciaire ;
    l'injonction de payer et toute poursuite individuelle sont interdites (C. com. L622-21,
    L622-24)."""
    procedure = examen.constats.get("procedure_collective")
    if procedure is None or procedure.satisfaite is not False:
        return None
    return _voie(
        CodeVoie.DECLARATION_CREANCE,
        [
            procedure.motif,
            "L'injonction de payer et toute poursuite individuelle sont "
            "interdites pendant la procédure (C. com. L622-21).",
        ],
        list(procedure.fondements),
        [*examen.avertissements, *procedure.avertissements],
    )


def _voie_prescription_acquise(examen: _Examen) -> VoieRecommandee | None:
    """Créance prescrite ou forclose : aucune action ; la réclamer expose à une pratique
    commerciale trompeuse (C. consom. L121-2), seul un paiement volontaire reste acquis
    (C. civ. 2249)."""
    prescription = examen.constats["prescription"]
    if prescription.satisfaite is not False:
        return None
    return _voie(
        CodeVoie.AUCUNE,
        [prescription.motif],
        list(prescription.fondements),
        [
            *examen.avertissements,
            "Réclamer une dette prescrite ou forclose expose à une pratique commerciale "
            "trompeuse (C. consom. L121-2) ; seul un paiement volontaire du débiteur reste "
            "acquis (C. civ. 2249).",
        ],
    )


def _voie_titres_et_instances(examen: _Examen) -> VoieRecommandee | None:
    """Créances déjà portées devant un juge ou déjà jugées.

    Toutes en instance (ou jugées) : suivre l'instance, sans nouvelle action (CPC 100) ; toutes
    jugées par une décision exécutoire : exécution du titre (CPCE L111-3, L111-4, R141-1).
    Pour une partie seulement : un avertissement, et l'examen continue pour les autres."""
    dossier, au = examen.dossier, examen.au
    titres = titres_executoires(dossier, au=au)
    pendantes = {
        r: i for r, i in instances(dossier, au=au, regles=examen.regles).items() if r not in titres
    }
    executoires = {r: i for r, i in pendantes.items() if i.etat == "executoire"}
    a_suivre = {r: i for r, i in pendantes.items() if i.etat != "executoire"}
    references = [c.reference for c in dossier.creances]
    if a_suivre and all(r in titres or r in pendantes for r in references):
        return _voie_suivre_instance(examen, a_suivre, [*titres, *executoires])
    if a_suivre:
        examen.avertissements.append(
            "déjà devant un juge : "
            + " ; ".join(i.motif for i in a_suivre.values())
            + " — la voie ci-dessous ne vaut que pour les autres créances"
        )
    if (titres or executoires) and all(r in titres or r in executoires for r in references):
        return _voie_execution_titre(examen, titres, executoires)
    if titres or executoires:
        examen.avertissements.append(
            "titre exécutoire pour "
            + ", ".join([*titres, *executoires])
            + " seulement : exécutez-le par un commissaire de justice ; la voie ci-dessous vaut "
            "pour les autres créances"
        )
    return None


def _voie_suivre_instance(
    examen: _Examen, a_suivre: Mapping[str, Instance], jugees: list[str]
) -> VoieRecommandee:
    """Instance en cours pour chaque créance qui n'est pas déjà jugée : la suivre, sans nouvelle
    action sur le même objet (CPC 100) ; les créances jugées s'exécutent (CPCE R141-1)."""
    motifs = [i.motif for i in a_suivre.values()]
    if jugees:
        motifs.append(
            "Titre exécutoire pour "
            + ", ".join(jugees)
            + " : faites-le exécuter par un commissaire de justice (CPCE R141-1)."
        )
    return _voie(
        CodeVoie.SUIVRE_INSTANCE,
        motifs,
        [f for i in a_suivre.values() for f in i.fondements],
        examen.avertissements,
    )


def _voie_execution_titre(
    examen: _Examen, titres: Mapping[str, Jugement], executoires: Mapping[str, Instance]
) -> VoieRecommandee:
    """Toutes les créances jugées par une décision exécutoire : remettre le titre à un
    commissaire de justice (CPCE L111-3, R141-1) ; délai d'exécution de dix ans (CPCE L111-4),
    interrompu par chaque acte d'exécution (C. civ. 2244) ; frais à la charge du débiteur
    (CPCE L111-8), hors droit proportionnel (C. com. A444-32)."""
    motifs = [
        f"{reference} : titre exécutoire (décision exécutoire depuis le "
        f"{formater(j.date_caractere_executoire or j.date)})"
        for reference, j in titres.items()
    ]
    motifs.extend(i.motif for i in executoires.values())
    motifs.append(
        "Remettez le titre à un commissaire de justice, ce qui vaut pouvoir pour toute "
        "exécution ne requérant pas de pouvoir spécial (CPCE R141-1) : saisie-attribution, "
        "saisie des rémunérations, saisie-vente… Ni injonction de payer ni nouvelle action "
        "au fond : la créance est déjà jugée. Délai d'exécution de dix ans (CPCE L111-4), "
        "interrompu par chaque acte d'exécution (C. civ. 2244)."
    )
    return _voie(
        CodeVoie.EXECUTION_TITRE,
        motifs,
        [
            *(f for i in executoires.values() for f in i.fondements),
            "CPCE L111-3",
            "CPCE L111-4",
            "CPCE R141-1",
            "C. civ. 2244",
        ],
        [
            *examen.avertissements,
            "Frais d'exécution à la charge du débiteur (CPCE L111-8 al. 1), sauf le droit "
            "proportionnel laissé au créancier par le tarif (C. com. A444-32).",
        ],
    )


def _voie_non_exigible(examen: _Examen) -> VoieRecommandee | None:
    """Créance non exigible : aucune poursuite avant le terme (C. civ. 1305-2) ; relance amiable
    en suivant les échéances."""
    exigibilite = examen.constats["exigibilite"]
    if exigibilite.satisfaite is not False:
        return None
    return _voie(
        CodeVoie.RELANCE_AMIABLE,
        [
            exigibilite.motif,
            "Aucune poursuite n'est possible avant l'exigibilité ; suivez "
            "les échéances et relancez à bon escient.",
        ],
        list(exigibilite.fondements),
        examen.avertissements,
    )


def _voie_creance_contestee(examen: _Examen) -> VoieRecommandee | None:
    """Créance sérieusement contestée (non certaine) : accord amiable — médiation ou
    conciliation, qui suspendent la prescription (C. civ. 2238) — ou assignation au fond, après
    la tentative préalable de CPC 750-1 quand elle s'impose."""
    certitude = examen.constats["certitude"]
    if certitude.satisfaite is not False:
        return None
    motifs = [
        certitude.motif,
        "Recherchez un accord (médiation ou conciliation, qui suspendent la prescription : "
        "C. civ. 2238) ou assignez au fond.",
    ]
    if examen.mention:
        motifs.append(examen.mention)
    return _voie(
        CodeVoie.RELANCE_AMIABLE,
        motifs,
        [*certitude.fondements, "C. civ. 2238", "CPC 750-1"],
        examen.avertissements,
        intitule="Relance amiable ou médiation (créance contestée)",
    )


def _voie_mise_en_demeure(examen: _Examen) -> VoieRecommandee | None:
    """Mise en demeure à faire ou délai en cours (C. civ. 1344) ; devant le juge administratif,
    la demande écrite interrompt en outre la déchéance quadriennale (loi 68-1250, art. 2)."""
    med = examen.constats["mise_en_demeure"]
    if med.satisfaite is not False:
        return None
    return _voie(
        CodeVoie.MISE_EN_DEMEURE,
        [
            med.motif,
            "Contrat administratif : une demande de paiement écrite interrompt en outre la "
            "déchéance quadriennale (loi 68-1250, art. 2 ; à confirmer)."
            if nature_tribunal(examen.dossier) == "administratif"
            else "La mise en demeure n'est pas une condition légale de l'injonction de "
            "payer ; elle est recommandée avant toute procédure.",
        ],
        list(med.fondements),
        [*examen.avertissements, *(a for a in med.avertissements if a != RAPPEL_IP)],
    )


def _voie_action_au_fond(examen: _Examen) -> VoieRecommandee | None:
    """Injonction de payer fermée (créance non liquide, ou conditions de CPC 1405 non réunies) :
    dernière relance, puis action au fond — assignation ou référé-provision (CPC 835), après
    CPC 750-1 s'il s'impose ; contrat administratif : réclamation préalable puis tribunal
    administratif, le cas échéant en référé-provision (CJA R541-1)."""
    liquidite = examen.constats["liquidite"]
    injonction = examen.constats["injonction_de_payer"]
    if liquidite.satisfaite is not False and injonction.satisfaite is not False:
        return None
    motifs = [c.motif for c in (liquidite, injonction) if c.satisfaite is False]
    if nature_tribunal(examen.dossier) == "administratif":
        motifs.append(
            "Contrat administratif : après une dernière relance, suivez la procédure de "
            "réclamation préalable prévue par le contrat (mémoire en réclamation du CCAG "
            "applicable — à confirmer), puis saisissez le tribunal administratif, le cas "
            "échéant en référé-provision (CJA R541-1) ; règles hors de la référence vérifiée "
            "de la bibliothèque : à confirmer."
        )
        fondements_fond = ["CJA R541-1"]
    else:
        motifs.append(
            "Sans injonction de payer possible, il faut une action au fond (assignation, ou "
            "référé-provision) après une dernière relance amiable."
        )
        fondements_fond = ["CPC 750-1"] if examen.mention else []
    if examen.mention:
        motifs.append(examen.mention)
    return _voie(
        CodeVoie.RELANCE_AMIABLE,
        motifs,
        [*liquidite.fondements, *injonction.fondements, *fondements_fond],
        examen.avertissements,
        intitule="Relance amiable, puis action au fond",
    )


_FONDEMENTS_INJONCTION = ("CPC 1405", "CPC 1406", "CPC 1407")
"""Requête en injonction de payer : conditions, juge compétent, contenu de la requête."""


def _voie_selon_seuil(examen: _Examen) -> VoieRecommandee:
    """Créance certaine, liquide et exigible, injonction ouverte : procédure simplifiée des
    petites créances si le principal **et** les intérêts restent sous le seuil des règles
    (``seuils.petites_creances`` ; CPCE L125-1, R125-1), requête en injonction de payer sinon
    (CPC 1405 à 1407)."""
    montant = examen.principal
    seuil = _seuil_petites_creances(examen.au, examen.regles)
    fondements_ip = list(_FONDEMENTS_INJONCTION)
    if seuil is not None and montant < seuil:
        interets, pourquoi = interets_echus(examen.dossier, au=examen.au, regles=examen.regles)
        if interets is None or montant + interets < seuil:
            return _voie_petites_creances(examen, seuil, interets, pourquoi)
        examen.avertissements.append(
            f"Principal de {euros(montant)} sous le seuil des petites créances, mais "
            f"principal et intérêts ({euros(montant)} + {euros(interets)} d'{pourquoi}) "
            f"atteignent {euros(montant + interets)} : au-delà de {euros(seuil)}, la "
            "procédure simplifiée est fermée (CPCE R125-1) ; requête en injonction de "
            "payer."
        )
        fondements_ip.append("CPCE R125-1")
    return _voie_injonction_de_payer(examen, seuil, fondements_ip)


def _voie_petites_creances(
    examen: _Examen, seuil: Decimal, interets: Decimal | None, pourquoi: str
) -> VoieRecommandee:
    """Procédure simplifiée de recouvrement des petites créances (CPCE L125-1, R125-1) : titre
    exécutoire délivré par un commissaire de justice si le débiteur accepte ; l'accord suspend
    la prescription (C. civ. 2238), pas la forclusion du crédit à la consommation (C. consom.
    R312-35). ``interets`` : les intérêts échus, ``None`` s'ils n'ont pu être calculés
    (``pourquoi`` dit alors pourquoi)."""
    montant = examen.principal
    if interets is not None:
        alerte = (
            f"Seuil de {euros(seuil)} apprécié principal et intérêts (CPCE R125-1) : "
            f"{euros(montant)} de principal et {euros(interets)} d'{pourquoi} ; la clause "
            "pénale et les intérêts qui courent encore s'y "
            "ajoutent : vérifiez le total le jour de la saisine."
        )
    else:
        alerte = (
            f"Le seuil de {euros(seuil)} s'apprécie principal ET intérêts (CPCE R125-1) ; "
            f"{pourquoi} : ajoutez au principal de {euros(montant)} les intérêts, pénalités et "
            "clause pénale échus avant de saisir le commissaire de justice ; au-delà, présentez "
            "une requête en injonction de payer."
        )
    alertes = [*examen.avertissements, alerte]
    if any(c.nature is NatureCreance.CREDIT_CONSOMMATION for c in examen.dossier.creances):
        alertes.append(
            "crédit à la consommation : l'accord du débiteur aux petites créances suspend "
            "la prescription (C. civ. 2238) mais n'arrête pas le délai de forclusion "
            "(C. consom. R312-35), que seule une action en justice interrompt"
        )
    return _voie(
        CodeVoie.PETITES_CREANCES,
        [
            f"Principal exigible et non prescrit restant dû de {euros(montant)}"
            + (f" et intérêts échus de {euros(interets)}" if interets is not None else "")
            + f", sous le seuil de {euros(seuil)} "
            "(principal et intérêts, CPCE R125-1) : un commissaire de justice du ressort de "
            "la cour d'appel du domicile du débiteur peut délivrer un titre exécutoire si le "
            "débiteur accepte, à frais du seul créancier.",
            "En cas de refus ou de silence d'un mois, présentez une requête en injonction de "
            "payer.",
        ],
        ["CPCE L125-1", "CPCE R125-1", "C. civ. 2238", *_FONDEMENTS_INJONCTION],
        alertes,
    )


def _voie_injonction_de_payer(
    examen: _Examen, seuil: Decimal | None, fondements: list[str]
) -> VoieRecommandee:
    """Requête en injonction de payer au juge compétent, sans débat contradictoire préalable
    (CPC 1405 à 1407) ; la tentative préalable de CPC 750-1 ne s'y applique pas (Cass. 2e civ.,
    avis du 25 sept. 2025, n° 25-70.013)."""
    montant = examen.principal
    motifs = [
        f"Créance certaine, liquide et exigible de {euros(montant)} (principal exigible et non "
        "prescrit restant dû), de "
        "cause contractuelle ou statutaire : requête au juge compétent, sans débat "
        "contradictoire préalable.",
    ]
    if seuil is not None and montant == seuil:
        examen.avertissements.append(
            f"montant égal au seuil des petites créances ({euros(seuil)}) : borne douteuse et "
            "intérêts en sus, l'injonction de payer est plus sûre"
        )
    examen.avertissements.append(
        "La tentative préalable de CPC 750-1 ne s'applique pas à l'injonction de payer "
        "(Cass. 2e civ., avis du 25 sept. 2025, n° 25-70.013)."
    )
    return _voie(CodeVoie.INJONCTION_DE_PAYER, motifs, fondements, examen.avertissements)


def _seuil_petites_creances(au: dt.date, regles: Regles) -> Decimal | None:
    """Le seuil de la procédure simplifiée (CPCE R125-1), ``None`` s'il n'est pas dans les
    règles au jour ``au``."""
    try:
        return regles.decimal("seuils.petites_creances", au=au)
    except RegleNonCouverte:
        return None


def _voie_debiteur_etranger(examen: _Examen) -> VoieRecommandee | None:
    """Débiteur établi hors de France (règlements 1896/2006 et 1215/2012) : voir
    :func:`_debiteur_etranger`."""
    return _debiteur_etranger(examen.dossier, au=examen.au, regles=examen.regles)


_ORDRE_DES_VOIES: tuple[Callable[[_Examen], VoieRecommandee | None], ...] = (
    _voie_procedure_collective,
    _voie_prescription_acquise,
    _voie_debiteur_etranger,
    _voie_titres_et_instances,
    _voie_non_exigible,
    _voie_creance_contestee,
    _voie_mise_en_demeure,
    _voie_action_au_fond,
)
"""L'ordre d'examen des voies (docstring du module) : la première qui conclut l'emporte ; à
défaut, le seuil des petites créances départage (:func:`_voie_selon_seuil`)."""


def _debiteur_etranger(dossier: Dossier, *, au: dt.date, regles: Regles) -> VoieRecommandee | None:
    """Débiteur établi hors de France : jamais une juridiction française (issue 9).

    Autre État membre lié par le règlement (CE) n° 1896/2006 → injonction de payer européenne,
    devant la juridiction que désigne le règlement (UE) n° 1215/2012 (en principe celle du
    domicile du défendeur ; celle du consommateur défendeur, toujours : règlement 1896/2006 art.
    6 § 2) ; ailleurs → hors du champ de la bibliothèque."""
    etat = etat_du_debiteur(dossier, au=au, regles=regles)
    if etat.pays == "FR":
        return None
    if etat.union:
        return _voie(
            CodeVoie.INJONCTION_EUROPEENNE,
            [
                f"Débiteur établi dans un autre État membre ({etat.pays}) : la créance ne se "
                "porte pas devant une juridiction française par la procédure du CPC. Demande "
                "d'injonction de payer européenne (formulaire A du règlement (CE) n° 1896/2006) "
                "devant la juridiction compétente selon le règlement (UE) n° 1215/2012 — en "
                "principe celle de l'État du domicile du débiteur ; pour un consommateur, "
                "toujours celle de son domicile (règlement 1896/2006, art. 6 § 2).",
            ],
            [
                "Règlement 1896/2006 art. 2",
                "Règlement 1896/2006 art. 6",
                "Règlement 1215/2012 art. 4",
            ],
            [
                "procédure européenne : juridiction, langue et frais de l'État saisi hors de la "
                "référence vérifiée de la bibliothèque — à confirmer",
                *etat.avertissements,
            ],
        )
    return _voie(
        CodeVoie.HORS_CHAMP,
        [
            f"Débiteur établi hors de l'Union européenne ou dans un État non lié par le "
            f"règlement (CE) n° 1896/2006 ({etat.pays}) : recouvrement international hors du "
            "champ de la bibliothèque ; aucune juridiction française n'est proposée.",
        ],
        ["Règlement 1896/2006 art. 2"],
        list(etat.avertissements),
    )
