"""Convention de recouvrement amiable entre le créancier et une agence (CPCE R124-3 : fondement et
montant, garantie de responsabilité civile, rémunération, reversement ; compte affecté R124-2 ;
information du créancier R124-5 ; aucun frais pour le débiteur L111-8 al. 2).
"""

from __future__ import annotations

from contentieux.actes.contenu import (
    BlocSignature,
    Section,
)
from contentieux.actes.contrats.commun import (
    ContratActe,
    Faits,
    agence_et_parametres,
    chiffres_decompte,
    contenu_acte,
    imprimer_partie,
    paragraphes,
    pied_acte,
    signataire,
    tableau_recapitulatif,
)

IDENTIFIANT = "convention_recouvrement"


class ContratConventionRecouvrement(ContratActe):
    """Convention de recouvrement amiable avec une agence (CPCE R124-3)."""

    agence: str


def construire(faits: Faits) -> ContratConventionRecouvrement:
    agence, p = agence_et_parametres(faits, IDENTIFIANT)
    dec = faits.decompte
    a = imprimer_partie(agence)
    creancier = imprimer_partie(faits.dossier.creancier)
    debiteur = imprimer_partie(faits.dossier.debiteur)
    sections = (
        Section(
            titre="Entre",
            paragraphes=paragraphes(
                creancier.identification + ", ci-après « le créancier »,",
                a.identification
                + ", qui exerce une activité de recouvrement amiable de créances pour "
                "le compte d'autrui, ci-après « l'agence ».",
            ),
        ),
        Section(
            titre="Article 1 — Objet et pouvoir de recevoir les fonds",
            paragraphes=paragraphes(
                f"Le créancier confie à l'agence, qui l'accepte, le recouvrement amiable de sa "
                f"créance sur {debiteur.identification}, et lui donne pouvoir de recevoir pour son "
                "compte les fonds versés par le débiteur (CPCE R124-3)."
            ),
        ),
        Section(
            titre="Article 2 — Fondement et montant des sommes dues (R124-3 1°)",
            paragraphes=paragraphes(
                "Fondement : "
                + "; ".join(c.description or c.reference for c in faits.dossier.creances)
                + "."
            ),
            tableau=tableau_recapitulatif(dec),
        ),
        Section(
            titre="Article 3 — Garantie de la responsabilité civile (R124-3 2°)",
            paragraphes=paragraphes(p.garantie),
        ),
        Section(
            titre="Article 4 — Rémunération, à la charge du créancier (R124-3 3°)",
            paragraphes=paragraphes(
                p.remuneration,
                "Aucun frais de recouvrement amiable ne peut être mis à la charge du débiteur "
                "(CPCE L111-8 al. 2).",
            ),
        ),
        Section(
            titre="Article 5 — Reversement des fonds (R124-3 4°)",
            paragraphes=paragraphes(
                p.reversement,
                *(
                    [
                        f"Les fonds encaissés sont déposés sur le compte {p.compte_fonds}, "
                        f"exclusivement "
                        "affecté à cet usage (CPCE R124-2)."
                    ]
                    if p.compte_fonds
                    else []
                ),
                "L'agence informe le créancier de tout paiement, même partiel, et de toute "
                "proposition du débiteur autre qu'un paiement immédiat (CPCE R124-5).",
            ),
        ),
    )
    nom, qualite = signataire(faits)
    contenu = contenu_acte(
        faits,
        IDENTIFIANT,
        "Convention de recouvrement amiable",
        sous_titre="Article R124-3 du code des procédures civiles d'exécution",
        destinataire=None,
        sections=sections,
        signatures=(
            BlocSignature(
                identifiant="signature-creancier", qualite=f"Le créancier — {qualite}", nom=nom
            ),
            BlocSignature(identifiant="signature-agence", qualite="L'agence", nom=a.nom),
        ),
        pied=pied_acte(faits, "CPCE R124-2 à R124-5, L111-8"),
    )
    return ContratConventionRecouvrement(
        identifiant=IDENTIFIANT,
        contenu=contenu,
        chiffres=chiffres_decompte(dec),
        mentions_requises=(a.nom, creancier.nom, p.garantie),
        agence=a.nom,
        au=faits.au,
        decompte_au=dec.au,
    )
