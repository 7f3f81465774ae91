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
)
from contentieux.actes.contrats.controles import (
    refuser_si_prescrite,
    refuser_si_procedure_collective,
)
from contentieux.actes.contrats.mentions import (
    appel,
    impayees,
    mise_en_demeure_envoyee,
    politesse,
    sommes_du_dossier,
    tableau_principal,
)

IDENTIFIANT = "relance"


class ContratRelance(ContratActe):
    """Relance amiable : les factures, comment payer."""

    factures: tuple[tuple[str, ...], ...]


def construire(faits: Faits) -> ContratRelance:
    refuser_si_procedure_collective(faits, IDENTIFIANT)
    refuser_si_prescrite(faits, IDENTIFIANT)
    dec = faits.decompte
    factures = tableau_principal(faits)
    nom, qualite = signataire(faits)
    sommes = sommes_du_dossier(faits.dossier)
    # Plus de « simple oubli » une fois une mise en demeure envoyée (issue 18, point 9).
    oubli = "" if mise_en_demeure_envoyee(faits) else " Il s'agit peut-être d'un simple oubli."
    sections = (
        Section(
            paragraphes=paragraphes(
                f"Sauf erreur ou omission de notre part, les {sommes} ci-dessous restent "
                f"{impayees(sommes)} à ce jour, bien que leur date d'échéance soit dépassée."
                f"{oubli}"
            ),
            tableau=factures,
        ),
        Section(
            paragraphes=paragraphes(
                ("Compte tenu des paiements déjà reçus, le" if dec.imputations else "Le")
                + f" solde restant dû en principal s'élève à {m(dec.total_principal_restant)}.",
                "Nous vous remercions de bien vouloir régler cette somme "
                f"{modalites_paiement(faits)}.",
                "Si votre règlement a croisé ce courrier, nous vous prions de ne pas en tenir "
                f"compte. Pour toute question sur ces {sommes}, notre service reste à votre "
                "disposition.",
            )
        ),
    )
    contenu = contenu_acte(
        faits,
        IDENTIFIANT,
        "Relance",
        objet=f"{sommes.capitalize()} {impayees(sommes)} — dossier {faits.dossier.reference}",
        formule_appel=appel(faits),
        sections=sections,
        formule_politesse=politesse(faits),
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
