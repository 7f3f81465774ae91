"""Conditions propres à l'injonction de payer (CPC 1405).

La procédure est ouverte à la créance qui a une cause contractuelle ou résulte d'une obligation
de caractère statutaire et s'élève à un montant déterminé (CPC 1405 1°). Elle est fermée contre un
débiteur en procédure collective (C. com. L622-21) et, pour un marché public, devant le juge
judiciaire (contrat administratif : CCP L6 ; le juge administratif ne connaît pas l'injonction de
payer, la voie est le référé-provision, CJA R541-1).
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from contentieux.modeles.creances import NatureCreance, OrigineCreance
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.parties import Qualite
from contentieux.modeles.resultats import Constat
from contentieux.recevabilite._commun import formater, procedures_ouvertes

CONDITION = "injonction_de_payer"
INTITULE = "Conditions de l'injonction de payer (CPC 1405)"
FONDEMENTS = ("CPC art. 1405", "CPC art. 1406")


_constat = partial(Constat, condition=CONDITION, intitule=INTITULE)
"""Constat de cette condition (identifiant et intitulé fixés)."""


def verifier_injonction(dossier: Dossier, *, au: dt.date) -> Constat:
    """La créance peut-elle faire l'objet d'une requête en injonction de payer ?"""
    echecs: list[str] = []
    fondements = list(FONDEMENTS)
    for creance in dossier.creances:
        if creance.origine is OrigineCreance.AUTRE:
            echecs.append(f"{creance.reference} n'a ni cause contractuelle ni origine statutaire")
        if creance.nature in {NatureCreance.DOMMAGES_INTERETS, NatureCreance.CAUTIONNEMENT}:
            echecs.append(
                f"{creance.reference} ne porte pas sur un montant déterminé par le contrat"
            )
    for procedure in procedures_ouvertes(dossier, au=au):
        echecs.append(
            "le débiteur est en procédure collective depuis le "
            f"{formater(procedure.date_jugement_ouverture)} (poursuites interdites)"
        )
        fondements.append("C. com. L622-21")
    if dossier.debiteur.qualite is Qualite.ACHETEUR_PUBLIC:
        echecs.append(
            "le débiteur est un acheteur public : un marché public est un contrat administratif "
            "(CCP L6) qui relève du juge administratif, où l'injonction de payer n'existe pas "
            "(référé-provision, CJA R541-1)"
        )
        fondements.extend(("CCP L6", "CJA R541-1"))
    if echecs:
        return _constat(
            satisfaite=False,
            motif="Injonction de payer fermée : " + " ; ".join(echecs) + ".",
            fondements=tuple(fondements),
        )
    return _constat(
        satisfaite=True,
        motif="Créance de cause contractuelle ou statutaire, d'un montant déterminé, contre un "
        "débiteur qui n'est pas en procédure collective.",
        fondements=tuple(fondements),
        avertissements=(
            "La tentative préalable de règlement amiable de CPC 750-1 ne s'applique pas à "
            "l'injonction de payer (Cass. 2e civ., avis du 25 sept. 2025, n° 25-70.013).",
        ),
    )
