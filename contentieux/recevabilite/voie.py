"""Voie recommandée : la prochaine démarche utile, avec ses raisons.

Ordre d'examen : procédure collective (→ déclaration de créance) ; prescription acquise (→ rien) ;
créance non exigible ou contestée sérieusement (→ relance amiable) ; mise en demeure à faire ou
délai en cours (→ mise en demeure) ; conditions de l'injonction de payer non réunies (→ relance
amiable puis action au fond) ; sinon procédure simplifiée des petites créances sous le seuil
(CPCE L125-1), injonction de payer au-delà.

La tentative préalable de règlement amiable (CPC 750-1) s'impose aux demandes au fond n'excédant
pas le seuil des règles (``seuils.art_750_1``) ; elle ne s'applique pas à l'injonction de payer
(Cass. 2e civ., avis du 25 sept. 2025, n° 25-70.013).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from contentieux.erreurs import RegleNonCouverte
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.recevabilite import CodeVoie, VoieRecommandee
from contentieux.modeles.resultats import Constat
from contentieux.recevabilite._commun import euros, reste_du
from contentieux.recevabilite.mise_en_demeure import RAPPEL_IP
from contentieux.regles import Regles

INTITULES = {
    CodeVoie.RELANCE_AMIABLE: "Relance amiable",
    CodeVoie.MISE_EN_DEMEURE: "Mise en demeure",
    CodeVoie.INJONCTION_DE_PAYER: "Requête en injonction de payer",
    CodeVoie.PETITES_CREANCES: "Procédure simplifiée de recouvrement des petites créances",
    CodeVoie.DECLARATION_CREANCE: "Déclaration de créance au mandataire judiciaire",
    CodeVoie.AUCUNE: "Aucune action : créance prescrite",
}


def mention_750_1(dossier: Dossier, *, au: dt.date, regles: Regles) -> str | None:
    """Rappel de CPC 750-1 si le montant restant dû n'excède pas le seuil en vigueur."""
    montant = reste_du(dossier, au=au)
    try:
        seuil = regles.decimal("seuils.art_750_1", au=au)
    except RegleNonCouverte:
        return None
    if montant > seuil:
        return None
    return (
        f"Demande de {euros(montant)}, n'excédant pas {euros(seuil)} : une action au fond doit "
        "être précédée d'une tentative de conciliation, de médiation ou de procédure "
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
    dossier: Dossier, constats: Mapping[str, Constat], *, au: dt.date, regles: Regles
) -> VoieRecommandee:
    """La démarche recommandée d'après les constats (indexés par condition)."""
    avertissements: list[str] = []
    inconnues = [c.intitule for c in constats.values() if c.satisfaite is None]
    if inconnues:
        avertissements.append(
            "recommandation provisoire : conditions indéterminées ("
            + ", ".join(inconnues)
            + ") ; fournissez les faits manquants"
        )
    mention = mention_750_1(dossier, au=au, regles=regles)

    procedure = constats.get("procedure_collective")
    if procedure is not None and procedure.satisfaite is False:
        return _voie(
            CodeVoie.DECLARATION_CREANCE,
            [
                procedure.motif,
                "L'injonction de payer et toute poursuite individuelle sont "
                "interdites pendant la procédure (C. com. L622-21).",
            ],
            list(procedure.fondements),
            [*avertissements, *procedure.avertissements],
        )
    prescription = constats["prescription"]
    if prescription.satisfaite is False:
        return _voie(
            CodeVoie.AUCUNE,
            [prescription.motif],
            list(prescription.fondements),
            [
                *avertissements,
                "Réclamer une dette prescrite ou forclose expose à une pratique commerciale "
                "trompeuse (C. consom. L121-2) ; seul un paiement volontaire du débiteur reste "
                "acquis (C. civ. 2249).",
            ],
        )
    exigibilite = constats["exigibilite"]
    if exigibilite.satisfaite is False:
        return _voie(
            CodeVoie.RELANCE_AMIABLE,
            [
                exigibilite.motif,
                "Aucune poursuite n'est possible avant l'exigibilité ; suivez "
                "les échéances et relancez à bon escient.",
            ],
            list(exigibilite.fondements),
            avertissements,
        )
    certitude = constats["certitude"]
    if certitude.satisfaite is False:
        motifs = [
            certitude.motif,
            "Recherchez un accord (médiation ou conciliation, qui suspendent la prescription : "
            "C. civ. 2238) ou assignez au fond.",
        ]
        if mention:
            motifs.append(mention)
        return _voie(
            CodeVoie.RELANCE_AMIABLE,
            motifs,
            [*certitude.fondements, "C. civ. 2238", "CPC 750-1"],
            avertissements,
            intitule="Relance amiable ou médiation (créance contestée)",
        )
    med = constats["mise_en_demeure"]
    if med.satisfaite is False:
        return _voie(
            CodeVoie.MISE_EN_DEMEURE,
            [
                med.motif,
                "La mise en demeure n'est pas une condition légale de l'injonction de "
                "payer ; elle est recommandée avant toute procédure.",
            ],
            list(med.fondements),
            [*avertissements, *(a for a in med.avertissements if a != RAPPEL_IP)],
        )
    liquidite = constats["liquidite"]
    injonction = constats["injonction_de_payer"]
    if liquidite.satisfaite is False or injonction.satisfaite is False:
        motifs = [c.motif for c in (liquidite, injonction) if c.satisfaite is False]
        motifs.append(
            "Sans injonction de payer possible, il faut une action au fond (assignation, ou "
            "référé-provision) après une dernière relance amiable."
        )
        if mention:
            motifs.append(mention)
        return _voie(
            CodeVoie.RELANCE_AMIABLE,
            motifs,
            [*liquidite.fondements, *injonction.fondements, "CPC 750-1"],
            avertissements,
            intitule="Relance amiable, puis action au fond",
        )
    montant = reste_du(dossier, au=au)
    seuil = _seuil_petites_creances(au, regles)
    fondements_ip = ["CPC art. 1405", "CPC art. 1406", "CPC art. 1407"]
    if seuil is not None and montant < seuil:
        return _voie(
            CodeVoie.PETITES_CREANCES,
            [
                f"Principal restant dû de {euros(montant)}, sous le seuil de {euros(seuil)} "
                "(principal et intérêts, CPCE R125-1) : un commissaire de justice du ressort de "
                "la cour d'appel du domicile du débiteur peut délivrer un titre exécutoire si le "
                "débiteur accepte, à frais du seul créancier.",
                "En cas de refus ou de silence d'un mois, présentez une requête en injonction de "
                "payer.",
            ],
            ["CPCE L125-1", "CPCE R125-1", "C. civ. 2238", *fondements_ip],
            [*avertissements, "Les intérêts s'ajoutent au principal pour apprécier le seuil."],
        )
    motifs = [
        f"Créance certaine, liquide et exigible de {euros(montant)} (principal restant dû), de "
        "cause contractuelle ou statutaire : requête au juge compétent, sans débat "
        "contradictoire préalable.",
    ]
    if seuil is not None and montant == seuil:
        avertissements.append(
            f"montant égal au seuil des petites créances ({euros(seuil)}) : borne douteuse et "
            "intérêts en sus, l'injonction de payer est plus sûre"
        )
    avertissements.append(
        "La tentative préalable de CPC 750-1 ne s'applique pas à l'injonction de payer "
        "(Cass. 2e civ., avis du 25 sept. 2025, n° 25-70.013)."
    )
    return _voie(CodeVoie.INJONCTION_DE_PAYER, motifs, fondements_ip, avertissements)


def _seuil_petites_creances(au: dt.date, regles: Regles) -> Decimal | None:
    try:
        return regles.decimal("seuils.petites_creances", au=au)
    except RegleNonCouverte:
        return None
