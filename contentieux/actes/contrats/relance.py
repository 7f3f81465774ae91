"""Relance amiable : les factures impayées et comment payer, sans menace ni frais.

Refusée en procédure collective (C. com. L622-21) et sur une créance prescrite (C. civ. 2219).
"""

from __future__ import annotations

from contentieux.actes.contenu import (
    BlocSignature,
    Section,
)
from contentieux.actes.contrats.commun import (
    ContratActe,
    Faits,
    contenu_acte,
    m,
    modalites_paiement,
    paragraphes,
    pied_acte,
    signataire,
    tableau_factures,
)
from contentieux.actes.contrats.controles import (
    refuser_si_prescrite,
    refuser_si_procedure_collective,
)

IDENTIFIANT = "relance"


class ContratRelance(ContratActe):
    """Relance amiable : les factures, comment payer."""

    factures: tuple[tuple[str, ...], ...]


def construire(faits: Faits) -> ContratRelance:
    refuser_si_procedure_collective(faits, IDENTIFIANT)
    refuser_si_prescrite(faits, IDENTIFIANT)
    dec = faits.decompte
    factures = tableau_factures(faits.dossier)
    nom, qualite = signataire(faits)
    sections = (
        Section(
            paragraphes=paragraphes(
                "Sauf erreur ou omission de notre part, les factures ci-dessous restent impayées à "
                "ce jour, bien que leur date d'échéance soit dépassée. Il s'agit peut-être d'un "
                "simple oubli."
            ),
            tableau=factures,
        ),
        Section(
            paragraphes=paragraphes(
                f"Compte tenu des paiements déjà reçus, le solde restant dû en principal s'élève à "
                f"{m(dec.total_principal_restant)}.",
                "Nous vous remercions de bien vouloir régler cette somme "
                f"{modalites_paiement(faits)}.",
                "Si votre règlement a croisé ce courrier, nous vous prions de ne pas en tenir "
                "compte. Pour toute question sur ces factures, notre service reste à votre "
                "disposition.",
            )
        ),
    )
    contenu = contenu_acte(
        faits,
        IDENTIFIANT,
        "Relance",
        objet=f"Factures impayées — dossier {faits.dossier.reference}",
        formule_appel="Madame, Monsieur,",
        sections=sections,
        formule_politesse="Nous vous prions d'agréer, Madame, Monsieur, nos salutations "
        "distinguées.",
        signatures=(BlocSignature(identifiant="signature-creancier", qualite=qualite, nom=nom),),
        pied=pied_acte(faits, "Relance amiable"),
    )
    return ContratRelance(
        identifiant=IDENTIFIANT,
        contenu=contenu,
        chiffres={"principal_restant": m(dec.total_principal_restant)},
        mentions_requises=tuple(f.numero for _, f in faits.dossier.factures()),
        factures=factures.lignes,
        au=faits.au,
        decompte_au=dec.au,
    )
