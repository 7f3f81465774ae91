"""Bordereau de pièces numéroté, communiqué à l'appui de la demande (CPC 1407)."""

from __future__ import annotations

from contentieux.actes.contenu import (
    BlocSignature,
    Section,
)
from contentieux.actes.contrats.commun import (
    ContratActe,
    Faits,
    contenu_acte,
    imprimer_partie,
    paragraphes,
    pied_acte,
    signataire,
    tableau_pieces,
)

IDENTIFIANT = "bordereau_pieces"


class ContratBordereauPieces(ContratActe):
    """Bordereau de pièces numéroté (CPC 1407)."""

    pieces: tuple[tuple[str, ...], ...]


def construire(faits: Faits) -> ContratBordereauPieces:
    tableau = tableau_pieces(faits)
    nom, qualite = signataire(faits)
    contenu = contenu_acte(
        faits,
        IDENTIFIANT,
        "Bordereau de pièces",
        sous_titre="Pièces communiquées à l'appui de la demande (CPC 1407)",
        destinataire=None,
        sections=(
            Section(
                paragraphes=paragraphes(
                    f"Dossier {faits.dossier.reference} — "
                    f"{imprimer_partie(faits.dossier.creancier).nom} "
                    f"contre {', '.join(imprimer_partie(x).nom for x in faits.dossier.debiteurs)}."
                ),
                tableau=tableau,
            ),
        ),
        signatures=(BlocSignature(identifiant="signature-creancier", qualite=qualite, nom=nom),),
        pied=pied_acte(faits, "CPC 1407"),
    )
    return ContratBordereauPieces(
        identifiant=IDENTIFIANT,
        contenu=contenu,
        chiffres={"nombre_pieces": str(len(tableau.lignes))},
        mentions_requises=tuple(ligne[2] for ligne in tableau.lignes),
        pieces=tableau.lignes,
        au=faits.au,
        decompte_au=(faits.decompte_ouverture or faits.decompte).au,
    )
