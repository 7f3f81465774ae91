"""Requête en injonction de payer (CPC 1405 à 1407 ; identification des parties CPC 54 et 57 ;
renvoi en cas d'opposition CPC 1408) devant la juridiction que désigne la recevabilité.

Refusée en procédure collective (C. com. L622-21), sur une créance non recevable et quand la
recevabilité ne désigne aucune juridiction d'injonction de payer.
"""

from __future__ import annotations

from contentieux.actes.contenu import (
    BlocSignature,
    Paragraphe,
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
    m,
    manquants_article_54,
    paragraphes,
    pied_acte,
    signataire,
    tableau_pieces,
    tableau_recapitulatif,
)
from contentieux.actes.contrats.controles import (
    refuser_non_recevable,
    refuser_si_procedure_collective,
)
from contentieux.actes.contrats.mentions import (
    interets_posterieurs,
    manquants_pouvoir,
    nommer_piece,
    objet_principal,
    qualite_mandataire,
    tableau_principal,
)
from contentieux.actes.parametres import exiger
from contentieux.erreurs import ActeInadapte
from contentieux.modeles.creances import OrigineCreance

IDENTIFIANT = "requete_injonction_payer"


class ContratRequeteInjonctionPayer(ContratActe):
    """Requête en injonction de payer (CPC 1405 à 1407, 54, 57)."""

    juridiction: str
    cerfa: str
    demande_1408: bool


def construire(faits: Faits) -> ContratRequeteInjonctionPayer:
    refuser_si_procedure_collective(faits, IDENTIFIANT)
    refuser_non_recevable(faits, IDENTIFIANT)
    j = faits.recevabilite.juridiction
    if j is None:
        raise ActeInadapte(
            "acte « requete_injonction_payer » refusé : la recevabilité ne désigne aucune "
            "juridiction pour une injonction de payer ; voie recommandée : "
            + faits.recevabilite.voie.intitule,
            acte="requete_injonction_payer",
        )
    dossier = faits.dossier
    manquants = manquants_article_54(dossier.creancier, "creancier")
    exiger("requete_injonction_payer", manquants)
    dec = faits.decompte
    cerfas: dict[str, str] = faits.articles["cerfa_injonction"]
    cerfa = cerfas.get(j.nature.value, cerfas["president_tribunal_judiciaire"])
    nom_juridiction = faits.parametres.requete.juridiction_nom or j.nom
    designation = (
        f"{j.intitule} — {nom_juridiction}"
        if nom_juridiction
        else f"{j.intitule} compétent pour {j.lieu}"
    )
    creancier = imprimer_partie(dossier.creancier)
    debiteurs = [imprimer_partie(x) for x in dossier.debiteurs]
    pieces = tableau_pieces(faits)
    a_venir = interets_posterieurs(dec)
    exiger(IDENTIFIANT, manquants_pouvoir(faits))
    causes = tuple(
        Paragraphe(
            texte=(
                f"{c.description or c.reference} : {nommer_piece(c, len(c.factures))} d'un "
                f"montant total de {m(c.principal)}."
            )
        )
        for c in dossier.creances
    )
    statutaires = {c.origine is OrigineCreance.STATUTAIRE for c in dossier.creances}
    cause = (
        "qui a une cause contractuelle"
        if statutaires == {False}
        else "qui résulte d'une obligation de caractère statutaire"
        if statutaires == {True}
        else "qui a, pour partie, une cause contractuelle et résulte, pour le surplus, d'une "
        "obligation de caractère statutaire"
    )
    sections: list[Section] = [
        Section(titre="Le requérant", paragraphes=paragraphes(creancier.identification)),
    ]
    if dossier.mandataire:
        sections.append(
            Section(
                titre="Représenté par",
                paragraphes=paragraphes(
                    imprimer_partie(dossier.mandataire.identite).identification
                    + ", "
                    + qualite_mandataire(faits)
                ),
            )
        )
    sections += [
        Section(titre="Contre", paragraphes=paragraphes(*(x.identification for x in debiteurs))),
        Section(
            titre="Objet et fondement de la demande",
            paragraphes=(
                *paragraphes(
                    f"Le requérant est créancier d'une somme d'argent {cause} et s'élève à un "
                    "montant déterminé (CPC 1405) :"
                ),
                *causes,
            ),
            tableau=tableau_principal(faits),
        ),
        Section(
            titre="Montant réclamé et décompte",
            paragraphes=paragraphes(
                f"Le montant précis de la somme réclamée est de {m(dec.total)} au {d(dec.au)}, "
                "décomposé comme suit (CPC 1407) ; le calcul détaillé figure au décompte annexé."
            ),
            tableau=tableau_recapitulatif(dec, objet=objet_principal(faits.dossier)),
        ),
        Section(titre="Bordereau des pièces produites (CPC 1407)", tableau=pieces),
        Section(
            titre="Par ces motifs",
            paragraphes=paragraphes(
                f"Le requérant demande qu'il plaise à Madame ou Monsieur le président de "
                f"rendre une "
                f"ordonnance enjoignant à {', '.join(x.nom for x in debiteurs)} de lui payer "
                f"la somme "
                f"de {m(dec.total)}, "
                + (f"avec {a_venir}, jusqu'à parfait paiement, " if a_venir else "")
                + "et les dépens.",
                style="important",
            ),
        ),
    ]
    if faits.parametres.requete.demande_1408:
        sections.append(
            Section(
                titre="Demande de renvoi (CPC 1408)",
                paragraphes=paragraphes(
                    "En cas d'opposition, le requérant demande que l'affaire soit immédiatement "
                    "renvoyée devant la juridiction qu'il estime compétente (CPC 1408)."
                ),
            )
        )
    # La note du formulaire suit la demande dans la même section : la dernière section reste
    # avec la signature (jamais une signature seule en haut d'une page, issue 18 point 9).
    derniere = sections[-1]
    sections[-1] = derniere.model_copy(
        update={
            "notes": (
                *derniere.notes,
                *paragraphes(
                    f"Requête établie sur papier libre ; elle tient lieu du formulaire Cerfa n° "
                    f"{cerfa} "
                    "et en comporte toutes les mentions (CPC 54, 57 et 1407).",
                    style="petit",
                ),
            )
        }
    )
    nom, qualite = signataire(faits)
    contenu = contenu_acte(
        faits,
        IDENTIFIANT,
        "Requête en injonction de payer",
        sous_titre="Articles 1405 à 1425 du code de procédure civile",
        destinataire=PartieImprimee(
            nom=f"À Madame ou Monsieur le {j.intitule[:1].lower()}{j.intitule[1:]}",
            adresse=(nom_juridiction or f"compétent pour {j.lieu}",),
            identification=designation,
        ),
        sections=tuple(sections),
        signatures=(BlocSignature(identifiant="signature-creancier", qualite=qualite, nom=nom),),
        pied=pied_acte(faits, "CPC 1405 à 1407, 54 et 57"),
    )
    return ContratRequeteInjonctionPayer(
        identifiant=IDENTIFIANT,
        contenu=contenu,
        chiffres=chiffres_decompte(dec),
        drapeaux={"demande_1408": faits.parametres.requete.demande_1408},
        mentions_requises=(creancier.nom, *(x.nom for x in debiteurs), j.intitule),
        juridiction=designation,
        cerfa=cerfa,
        demande_1408=faits.parametres.requete.demande_1408,
        au=faits.au,
        decompte_au=dec.au,
    )
