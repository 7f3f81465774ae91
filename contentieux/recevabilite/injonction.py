"""Conditions propres à l'injonction de payer (CPC 1405).

La procédure est ouverte à la créance qui a une cause contractuelle ou résulte d'une obligation
de caractère statutaire et s'élève à un montant déterminé (CPC 1405 1°). Elle est fermée contre un
débiteur en procédure collective (C. com. L622-21), sauf pour une créance née après le jugement
d'ouverture (réf. a.1, source unique : « à confirmer »), et, pour un contrat administratif, devant
le juge judiciaire (CCP L6 ; le juge administratif ne connaît pas l'injonction de payer, la voie
est le référé-provision, CJA R541-1 — à confirmer). Un acheteur public n'est pas toujours une
personne publique : sans ``contrat_administratif`` renseigné, la condition est indéterminée.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from contentieux.droit.faits import chemin_creance
from contentieux.droit.faits import date_longue as formater
from contentieux.modeles.creances import NatureCreance, OrigineCreance
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.parties import Qualite
from contentieux.modeles.resultats import Constat
from contentieux.recevabilite.instances import instances, titres_executoires
from contentieux.recevabilite.procedure_collective import creances_posterieures, procedures_ouvertes
from contentieux.regles import Regles, charger_regles

CONDITION = "injonction_de_payer"
INTITULE = "Conditions de l'injonction de payer (CPC 1405)"
FONDEMENTS = ("CPC 1405", "CPC 1406")


_constat = partial(Constat, condition=CONDITION, intitule=INTITULE)
"""Constat de cette condition (identifiant et intitulé fixés)."""


def verifier_injonction(dossier: Dossier, *, au: dt.date, regles: Regles | None = None) -> Constat:
    """La créance peut-elle faire l'objet d'une requête en injonction de payer ?

    Jamais pour une créance déjà portée devant un juge (CPC 100) : requête, assignation ou
    opposition pendantes, ordonnance signifiée (docs/droit.md k.5)."""
    jeu = regles if regles is not None else charger_regles()
    titres = titres_executoires(dossier, au=au)
    if titres and all(c.reference in titres for c in dossier.creances):
        return _constat(
            satisfaite=False,
            motif="Injonction de payer sans objet : la créance est déjà constatée par un titre "
            "exécutoire (" + ", ".join(titres) + ") ; elle s'exécute par un commissaire de "
            "justice (CPCE L111-3, L111-4).",
            fondements=("CPCE L111-3", "CPCE L111-4"),
        )
    echecs: list[str] = []
    inconnues: list[str] = []
    manquants: list[str] = []
    avertissements: list[str] = []
    fondements = list(FONDEMENTS)
    en_justice = instances(dossier, au=au, regles=jeu)
    if en_justice:
        deja = [i.motif for r, i in en_justice.items() if r not in titres]
        if len(en_justice) == len(dossier.creances):
            echecs.append("créance déjà portée devant un juge — " + " ; ".join(deja))
        else:
            avertissements.append(
                "pas de nouvelle requête pour les créances déjà portées devant un juge "
                "(CPC 100) — " + " ; ".join(deja)
            )
        fondements.append("CPC 100")
    for creance in dossier.creances:
        if creance.origine is OrigineCreance.AUTRE:
            echecs.append(f"{creance.reference} n'a ni cause contractuelle ni origine statutaire")
        if creance.nature in {NatureCreance.DOMMAGES_INTERETS, NatureCreance.CAUTIONNEMENT}:
            echecs.append(
                f"{creance.reference} ne porte pas sur un montant déterminé par le contrat"
            )
    for procedure in procedures_ouvertes(dossier, au=au):
        if creances_posterieures(dossier, procedure):
            avertissements.append(
                "créances nées après le jugement d'ouverture du "
                f"{formater(procedure.date_jugement_ouverture)} : l'interdiction des poursuites "
                "ne vise pas nécessairement ces créances (réf. a.1, source unique) — à confirmer"
            )
            continue
        echecs.append(
            "le débiteur est en procédure collective depuis le "
            f"{formater(procedure.date_jugement_ouverture)} (poursuites interdites)"
        )
        fondements.append("C. com. L622-21")
    if dossier.debiteur.qualite is Qualite.ACHETEUR_PUBLIC:
        for creance in dossier.creances:
            if creance.contrat_administratif is True:
                echecs.append(
                    f"{creance.reference} : contrat administratif (CCP L6), qui relève du juge "
                    "administratif, où l'injonction de payer n'existe pas (référé-provision, "
                    "CJA R541-1 — à confirmer)"
                )
            elif creance.contrat_administratif is None:
                inconnues.append(
                    f"{creance.reference} : débiteur acheteur public, mais la nature du contrat "
                    "n'est pas connue — contrat administratif (juge administratif, pas "
                    "d'injonction de payer) ou contrat de droit privé (juge judiciaire)"
                )
                manquants.append(f"{chemin_creance(dossier, creance)}.contrat_administratif")
        fondements.extend(("CCP L6", "CJA R541-1"))
    if echecs:
        return _constat(
            satisfaite=False,
            motif="Injonction de payer fermée : " + " ; ".join(echecs) + ".",
            fondements=tuple(fondements),
            avertissements=tuple(avertissements),
        )
    if inconnues:
        return _constat(
            satisfaite=None,
            motif="Injonction de payer indéterminée : " + " ; ".join(inconnues) + ".",
            fondements=tuple(fondements),
            faits_manquants=tuple(manquants),
            avertissements=tuple(avertissements),
        )
    return _constat(
        satisfaite=True,
        motif="Créance de cause contractuelle ou statutaire, d'un montant déterminé, contre un "
        "débiteur qui n'est pas en procédure collective.",
        fondements=tuple(fondements),
        avertissements=(
            *avertissements,
            "La tentative préalable de règlement amiable de CPC 750-1 ne s'applique pas à "
            "l'injonction de payer (Cass. 2e civ., avis du 25 sept. 2025, n° 25-70.013).",
        ),
    )
