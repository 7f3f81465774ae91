"""Certitude : l'existence de la créance n'est pas sérieusement contestable.

La requête en injonction de payer est rejetée si une contestation sérieuse appelle un débat
contradictoire (CPC 1409). En pratique, la créance est certaine quand elle repose sur une pièce
signée ou acceptée par le débiteur (contrat, bon de commande signé, devis accepté, bon de livraison
émargé, reconnaissance de dette) ou sur des factures électroniques que le débiteur a approuvées sur
sa plateforme (statut 205 « approuvée » du cycle de vie) ; une facture électronique refusée ou
« en litige » ne l'est pas.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from contentieux.droit.faits import chemin_creance, evenements
from contentieux.droit.faits import date_longue as formater
from contentieux.modeles.creances import (
    TYPES_PIECES_ENGAGEANT_LE_DEBITEUR,
    OrigineCreance,
    StatutFactureElectronique,
    TypePiece,
)
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import Jugement, PlanApurement, ReconnaissanceDette
from contentieux.modeles.resultats import Constat

CONDITION = "certitude"
INTITULE = "Créance certaine (absence de contestation sérieuse)"
FONDEMENTS = ("CPC 1405", "CPC 1409")

_PIECES = {
    TypePiece.CONTRAT: "contrat",
    TypePiece.BON_DE_COMMANDE_SIGNE: "bon de commande signé",
    TypePiece.DEVIS_ACCEPTE: "devis accepté",
    TypePiece.BON_DE_LIVRAISON: "bon de livraison signé",
    TypePiece.RECONNAISSANCE_DE_DETTE: "reconnaissance de dette",
    TypePiece.DECISION_DE_JUSTICE: "décision de justice",
}
_STATUTS_CONTESTES = {
    StatutFactureElectronique.REFUSEE: "refusée",
    StatutFactureElectronique.EN_LITIGE: "en litige",
}

_STATUTS_APPROUVES = frozenset(
    {StatutFactureElectronique.APPROUVEE, StatutFactureElectronique.APPROUVEE_PARTIELLEMENT}
)
"""Statuts par lesquels le débiteur a approuvé la facture (toute ou en partie) sur sa plateforme."""


_constat = partial(Constat, condition=CONDITION, intitule=INTITULE)
"""Constat de cette condition (identifiant et intitulé fixés)."""


def verifier_certitude(dossier: Dossier, *, au: dt.date) -> Constat:
    """Examine la certitude de chaque créance du dossier.

    Non remplie si une contestation est jugée sérieuse ou si une facture électronique est
    refusée ou en litige ; indéterminée si le caractère sérieux d'une contestation n'est pas
    renseigné ou si aucune pièce n'engage le débiteur.
    """
    echecs: list[str] = []
    inconnues: list[str] = []
    manquants: list[str] = []
    avertissements: list[str] = []
    appuis: list[str] = []
    for creance in dossier.creances:
        chemin = chemin_creance(dossier, creance)
        for facture in creance.factures:
            statut = facture.statut_facture_electronique
            if statut in _STATUTS_CONTESTES:
                echecs.append(
                    f"la facture {facture.numero} est « {_STATUTS_CONTESTES[statut]} » sur la "
                    "plateforme de facturation électronique : le débiteur la conteste"
                )
            elif statut is StatutFactureElectronique.REJETEE:
                avertissements.append(
                    f"facture {facture.numero} au statut « rejetée » : une plateforme l'a "
                    "rejetée au contrôle, elle n'a pas été valablement transmise au débiteur ; "
                    "émettez-la de nouveau"
                )
            elif statut in {
                StatutFactureElectronique.SUSPENDUE,
                StatutFactureElectronique.APPROUVEE_PARTIELLEMENT,
            }:
                avertissements.append(
                    f"facture {facture.numero} au statut « {statut.value} » : seule la part "
                    "approuvée est certaine, vérifiez le montant réclamé"
                )
        contestation = creance.contestation
        if contestation is not None and contestation.date <= au:
            if contestation.serieuse is True:
                echecs.append(
                    f"la créance {creance.reference} fait l'objet d'une contestation sérieuse "
                    f"depuis le {formater(contestation.date)} (« {contestation.motif} »)"
                )
            elif contestation.serieuse is None:
                inconnues.append(
                    f"contestation du {formater(contestation.date)} sur {creance.reference} "
                    f"(« {contestation.motif} ») dont le sérieux n'est pas apprécié"
                )
                manquants.append(f"{chemin}.contestation.serieuse")
            else:
                avertissements.append(
                    f"contestation du {formater(contestation.date)} jugée non sérieuse par le "
                    "créancier : joignez les pièces qui la réfutent"
                )
        appui = _appui(dossier, creance.reference, au=au)
        signees = [
            p
            for p in creance.pieces
            if p.type in TYPES_PIECES_ENGAGEANT_LE_DEBITEUR and p.signee_par_debiteur
        ]
        approuvees = [
            f.numero
            for f in creance.factures
            if f.statut_facture_electronique in _STATUTS_APPROUVES
        ]
        if appui:
            appuis.append(f"{creance.reference} : {appui}")
        elif signees:
            noms = ", ".join(f"{_PIECES.get(p.type, 'pièce')} {p.reference}" for p in signees)
            appuis.append(f"{creance.reference} : {noms}")
        elif approuvees and len(approuvees) == len(creance.factures):
            appuis.append(
                f"{creance.reference} : facture(s) {', '.join(approuvees)} approuvée(s) par le "
                "débiteur sur la plateforme de facturation électronique"
            )
        elif creance.origine is OrigineCreance.STATUTAIRE and creance.pieces:
            appuis.append(
                f"{creance.reference} : obligation statutaire justifiée par "
                + ", ".join(p.reference for p in creance.pieces)
            )
        else:
            non_signees = [
                p for p in creance.pieces if p.type in TYPES_PIECES_ENGAGEANT_LE_DEBITEUR
            ]
            inconnues.append(
                f"aucune pièce signée ou acceptée par le débiteur pour {creance.reference}"
            )
            if non_signees:
                i = creance.pieces.index(non_signees[0])
                manquants.append(f"{chemin}.pieces[{i}].signee_par_debiteur")
            else:
                manquants.append(
                    f"{chemin}.pieces (contrat, bon de commande signé, devis accepté, bon de "
                    "livraison signé ou reconnaissance de dette)"
                )
    if echecs:
        return _constat(
            satisfaite=False,
            motif="Créance contestée : " + " ; ".join(echecs) + ". Le juge de l'injonction de "
            "payer rejette la requête qui appelle un débat contradictoire (CPC 1409).",
            fondements=FONDEMENTS,
            avertissements=tuple(avertissements),
        )
    if inconnues:
        return _constat(
            satisfaite=None,
            motif="Certitude non établie : " + " ; ".join(inconnues) + ".",
            fondements=FONDEMENTS,
            faits_manquants=tuple(manquants),
            avertissements=tuple(avertissements),
        )
    return _constat(
        satisfaite=True,
        motif="La créance repose sur des pièces qui engagent le débiteur ("
        + " ; ".join(appuis)
        + ") et aucune contestation sérieuse n'est connue.",
        fondements=FONDEMENTS,
        avertissements=tuple(avertissements),
    )


def _appui(dossier: Dossier, reference: str, *, au: dt.date) -> str | None:
    """Acte du débiteur ou décision qui établit la dette, s'il en existe un."""
    if jugements := evenements(dossier, Jugement, dossier.creance(reference), au=au):
        return f"décision de justice du {formater(jugements[-1].date)}"
    if actes := evenements(dossier, ReconnaissanceDette, dossier.creance(reference), au=au):
        return f"reconnaissance de dette du {formater(actes[-1].date)} (C. civ. 1376)"
    if plans := evenements(dossier, PlanApurement, dossier.creance(reference), au=au):
        return f"plan d'apurement signé le {formater(plans[-1].date)}"
    return None
