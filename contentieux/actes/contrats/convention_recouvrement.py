"""Convention de recouvrement amiable entre le créancier et une agence (CPCE R124-3 : fondement et
montant, garantie de responsabilité civile, rémunération, reversement ; compte affecté R124-2 ;
information du créancier R124-5 ; aucun frais pour le débiteur L111-8 al. 2).

La convention **précède toute action** de l'agence (R124-3) : elle est datée du mandat
(``mandataire.date_mandat``), imprime sa référence (``mandataire.reference_mandat``), et ses
sommes sont arrêtées à cette date. Le créancier la signe par son représentant légal, l'agence par
le sien : l'agence ne signe jamais pour le créancier l'acte qui la mandate (issue 18, point 4).
"""

from __future__ import annotations

import dataclasses

from pydantic import Field

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
    d,
    imprimer_partie,
    paragraphes,
    pied_acte,
    signataire,
    tableau_recapitulatif,
)
from contentieux.actes.contrats.mentions import (
    manquants_pouvoir,
    objet_principal,
    representant_legal,
)
from contentieux.actes.parametres import exiger
from contentieux.erreurs import ActeInadapte
from contentieux.modeles.decompte import Decompte

IDENTIFIANT = "convention_recouvrement"


class ContratConventionRecouvrement(ContratActe):
    """Convention de recouvrement amiable avec une agence (CPCE R124-3)."""

    agence: str
    decompte_mandat: Decompte = Field(description="Le décompte arrêté à la date du mandat.")

    def decompte_imprime(self, faits: Faits) -> Decompte:
        return self.decompte_mandat


def construire(faits: Faits) -> ContratConventionRecouvrement:
    agence, p = agence_et_parametres(faits, IDENTIFIANT)
    mandat = faits.dossier.mandataire
    assert mandat is not None
    exiger(IDENTIFIANT, manquants_pouvoir(faits))
    assert mandat.date_mandat is not None
    date_mandat = mandat.date_mandat
    if date_mandat > faits.au:
        raise ActeInadapte(
            f"acte « {IDENTIFIANT} » refusé : la convention est datée du mandat "
            f"({d(date_mandat)}), postérieur à la date de l'acte ({d(faits.au)}) ; produisez-la "
            f"au {date_mandat.isoformat()} ou corrigez mandataire.date_mandat",
            acte=IDENTIFIANT,
        )
    dec = faits.decompte
    if dec.au != date_mandat:
        from contentieux.interets import etablir_decompte

        dec = etablir_decompte(
            faits.dossier, au=date_mandat, regles=faits.regles, options=dec.options
        )
    faits = dataclasses.replace(faits, au=date_mandat, decompte=dec)
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
            paragraphes=paragraphes(
                f"Convention n° {mandat.reference_mandat}, conclue le {d(date_mandat)}, avant "
                "toute démarche de l'agence auprès du débiteur (CPCE R124-3).",
                style="important",
            )
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
            tableau=tableau_recapitulatif(dec, objet=objet_principal(faits.dossier)),
            notes=paragraphes(f"Sommes arrêtées au {d(dec.au)}, date de la présente convention."),
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
    nom, qualite = signataire(faits, mandataire_admis=False)
    agent, qualite_agent = representant_legal(agence)
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
            BlocSignature(
                identifiant="signature-agence", qualite=f"L'agence — {qualite_agent}", nom=agent
            ),
        ),
        pied=pied_acte(faits, "CPCE R124-2 à R124-5, L111-8"),
    )
    return ContratConventionRecouvrement(
        identifiant=IDENTIFIANT,
        contenu=contenu,
        chiffres=chiffres_decompte(dec),
        mentions_requises=(a.nom, creancier.nom, p.garantie, str(mandat.reference_mandat)),
        agence=a.nom,
        decompte_mandat=dec,
        au=faits.au,
        decompte_au=dec.au,
    )
