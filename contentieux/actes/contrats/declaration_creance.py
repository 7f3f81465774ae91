"""Déclaration de créance au mandataire judiciaire (C. com. L622-24, L622-25, R622-23), dans le
délai de deux mois de la publication au BODACC (R622-24) ; arrêt du cours des intérêts au
jugement d'ouverture (L622-28).
"""

from __future__ import annotations

import datetime as dt

from contentieux.actes.contenu import (
    BlocSignature,
    PartieImprimee,
    Section,
)
from contentieux.actes.contrats.commun import (
    ContratActe,
    Faits,
    chiffres_decompte,
    contenu_acte,
    d,
    imprimer_partie,
    paragraphes,
    pied_acte,
    signataire,
    tableau_pieces,
    tableau_recapitulatif,
)
from contentieux.actes.parametres import exiger
from contentieux.erreurs import ActeInadapte
from contentieux.modeles.evenements import ProcedureCollective

IDENTIFIANT = "declaration_creance"


class ContratDeclarationCreance(ContratActe):
    """Déclaration de créance au mandataire judiciaire (C. com. L622-24, R622-23)."""

    date_ouverture: dt.date
    date_limite: dt.date | None


def construire(faits: Faits) -> ContratDeclarationCreance:
    procedures = faits.dossier.evenements_de_type(ProcedureCollective)
    if not procedures:
        raise ActeInadapte(
            "acte « declaration_creance » refusé : aucune procédure collective n'est ouverte "
            "contre "
            "le débiteur dans le dossier (événement « procedure_collective ») ; voie recommandée : "
            + faits.recevabilite.voie.intitule,
            acte="declaration_creance",
        )
    procedure = procedures[-1]
    p = faits.parametres.declaration
    exiger(
        IDENTIFIANT,
        []
        if p
        else ["actes.declaration.mandataire_judiciaire (nom et adresse du mandataire judiciaire)"],
    )
    assert p is not None
    dec = faits.decompte_ouverture or faits.decompte
    etape = next(
        (
            e
            for e in faits.recevabilite.calendrier
            if e.intitule.startswith("Déclaration de créance")
        ),
        None,
    )
    limite = etape.date if etape else None
    delai = (
        f"Délai de déclaration : au plus tard le {d(limite)} ({etape.regle}, {etape.fondement})."
        if etape and limite
        else "Délai : il court de la publication du jugement d'ouverture au BODACC (C. com. "
        "R622-24) ; "
        "date de publication non fournie, le délai ne peut être daté."
        if etape is None
        else f"Délai : {etape.regle} ({etape.fondement})."
    )
    creancier = imprimer_partie(faits.dossier.creancier)
    debiteur = imprimer_partie(faits.dossier.debiteur)
    nature = procedure.nature.value.replace("_", " ")
    surete = (
        paragraphes(*("Privilège ou sûreté : " + x for x in p.privileges))
        if p.privileges
        else paragraphes("Créance chirographaire : aucun privilège ni aucune sûreté n'est déclaré.")
    )
    sections = (
        Section(titre="Le créancier déclarant", paragraphes=paragraphes(creancier.identification)),
        Section(
            titre="Le débiteur et la procédure",
            paragraphes=paragraphes(
                debiteur.identification + ".",
                f"Procédure : {nature}, ouverte par jugement du "
                f"{d(procedure.date_jugement_ouverture)}"
                + (f" ({p.tribunal})" if p.tribunal else "")
                + ".",
            ),
        ),
        Section(
            titre="Montant de la créance au jour du jugement d'ouverture",
            paragraphes=paragraphes(
                f"Sommes dues au {d(dec.au)}, date du jugement d'ouverture, intérêts compris "
                "jusqu'à cette date ; le jugement d'ouverture arrête le cours des intérêts légaux "
                "et conventionnels et de toutes majorations (C. com. L622-28).",
            ),
            tableau=tableau_recapitulatif(dec),
        ),
        Section(
            titre="Nature de la créance",
            paragraphes=(
                *surete,
                *paragraphes("Créance échue ; aucune créance à échoir n'est déclarée."),
            ),
        ),
        Section(titre="Délai", paragraphes=paragraphes(delai)),
        Section(titre="Pièces justificatives", tableau=tableau_pieces(faits)),
        Section(
            paragraphes=paragraphes(
                "Le créancier certifie sincère la présente déclaration de créance.",
                style="important",
            )
        ),
    )
    mj = p.mandataire_judiciaire
    nom, qualite = signataire(faits)
    contenu = contenu_acte(
        faits,
        IDENTIFIANT,
        "Déclaration de créance",
        sous_titre="Articles L622-24 et R622-23 du Code de commerce",
        destinataire=PartieImprimee(
            nom=mj.nom,
            adresse=mj.adresse.en_lignes(),
            identification=f"{mj.nom}, mandataire judiciaire",
        ),
        mode_envoi="Lettre recommandée avec demande d'avis de réception",
        objet=f"Déclaration de créance — {debiteur.nom}",
        sections=sections,
        signatures=(BlocSignature(identifiant="signature-creancier", qualite=qualite, nom=nom),),
        pied=pied_acte(faits, "C. com. L622-24, L622-28, R622-23"),
    )
    return ContratDeclarationCreance(
        identifiant=IDENTIFIANT,
        contenu=contenu,
        chiffres=chiffres_decompte(dec),
        mentions_requises=(creancier.nom, debiteur.nom, mj.nom),
        date_ouverture=procedure.date_jugement_ouverture,
        date_limite=limite,
        au=faits.au,
        decompte_au=dec.au,
    )
