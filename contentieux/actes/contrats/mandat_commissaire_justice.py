"""Mandat au commissaire de justice : recouvrement, signification et exécution (CPCE L111-8,
R141-1 ; procédure simplifiée des petites créances CPCE L125-1 ; tarif C. com. A444-10 et s.).

Refusé en procédure collective (C. com. L622-21).
"""

from __future__ import annotations

from contentieux.actes.contenu import (
    BlocSignature,
    Section,
)
from contentieux.actes.contrats.commun import (
    ContratActe,
    Faits,
    chiffres_decompte,
    contenu_acte,
    imprimer_partie,
    mandataire_de_nature,
    paragraphes,
    pied_acte,
    signataire,
    tableau_pieces,
    tableau_recapitulatif,
)
from contentieux.actes.contrats.controles import (
    refuser_si_procedure_collective,
)
from contentieux.actes.contrats.mentions import objet_principal
from contentieux.actes.parametres import exiger
from contentieux.modeles.parties import (
    NatureMandataire,
)
from contentieux.modeles.recevabilite import CodeVoie

IDENTIFIANT = "mandat_commissaire_justice"


class ContratMandatCommissaireJustice(ContratActe):
    """Mandat au commissaire de justice."""

    commissaire: str


def construire(faits: Faits) -> ContratMandatCommissaireJustice:
    refuser_si_procedure_collective(faits, IDENTIFIANT)
    p = faits.parametres.commissaire_justice
    cj = p.identite or mandataire_de_nature(faits, NatureMandataire.COMMISSAIRE_DE_JUSTICE)
    exiger(
        IDENTIFIANT,
        []
        if cj
        else [
            "actes.commissaire_justice.identite (le commissaire de justice mandaté), "
            "ou un mandataire de nature « commissaire_de_justice » dans le dossier"
        ],
    )
    assert cj is not None
    dec = faits.decompte
    commissaire = imprimer_partie(cj)
    creancier = imprimer_partie(faits.dossier.creancier)
    debiteurs = [imprimer_partie(x) for x in faits.dossier.debiteurs]
    petites = faits.recevabilite.voie.code is CodeVoie.PETITES_CREANCES
    missions = [
        "procéder au recouvrement amiable de la créance ;",
        "signifier tout acte, notamment l'ordonnance d'injonction de payer et les décisions "
        "obtenues ;",
        "pratiquer, en vertu d'un titre exécutoire, toute mesure d'exécution forcée ou "
        "conservatoire utile (saisie-attribution, saisie des rémunérations, saisie-vente…) ;",
    ]
    missions.append(
        "mettre en œuvre la procédure simplifiée de recouvrement des petites créances (CPCE "
        "L125-1), dont les frais restent à la charge exclusive du créancier ;"
        if petites
        else "le cas échéant, mettre en œuvre la procédure simplifiée de recouvrement des petites "
        "créances (CPCE L125-1) si la créance y est éligible, ses frais restant à la charge "
        "exclusive du créancier ;"
    )
    pouvoirs = [
        "Le commissaire de justice est autorisé à recevoir les fonds et à en donner quittance."
        if p.pouvoir_encaisser
        else "Le commissaire de justice n'est pas autorisé à recevoir les fonds.",
        "Il peut accorder au débiteur des délais de paiement."
        if p.pouvoir_accorder_delais
        else "Il ne peut accorder de délais de paiement sans l'accord écrit du créancier.",
    ]
    frais = faits.articles["tarif_commissaire"]
    sections = (
        Section(titre="Le mandant", paragraphes=paragraphes(creancier.identification)),
        Section(
            titre="Le commissaire de justice mandaté",
            paragraphes=paragraphes(commissaire.identification),
        ),
        Section(
            titre="Le débiteur", paragraphes=paragraphes(*(x.identification for x in debiteurs))
        ),
        Section(
            titre="La créance",
            tableau=tableau_recapitulatif(dec, objet=objet_principal(faits.dossier)),
        ),
        Section(
            titre="Mission",
            paragraphes=paragraphes(
                "Le mandant donne mandat au commissaire de justice de :", *missions
            ),
        ),
        Section(titre="Pouvoirs", paragraphes=paragraphes(*pouvoirs)),
        Section(titre="Frais et émoluments", paragraphes=paragraphes(*frais)),
        Section(titre="Pièces remises", tableau=tableau_pieces(faits)),
        Section(
            paragraphes=paragraphes(
                "Les fonds encaissés sont reversés au mandant, déduction faite des seuls frais et "
                "émoluments dus par lui selon le tarif réglementé."
            )
        ),
    )
    nom, qualite = signataire(faits)
    contenu = contenu_acte(
        faits,
        IDENTIFIANT,
        "Mandat au commissaire de justice",
        sous_titre="Recouvrement, signification et exécution",
        destinataire=commissaire,
        sections=sections,
        signatures=(
            BlocSignature(
                identifiant="signature-creancier", qualite=f"Le mandant — {qualite}", nom=nom
            ),
            BlocSignature(
                identifiant="signature-commissaire",
                qualite="Le commissaire de justice",
                nom=commissaire.nom,
                mention="Mandat accepté",
            ),
        ),
        pied=pied_acte(faits, "CPCE L111-8, L125-1, R141-1 ; C. com. A444-10 et s."),
    )
    return ContratMandatCommissaireJustice(
        identifiant=IDENTIFIANT,
        contenu=contenu,
        chiffres=chiffres_decompte(dec),
        drapeaux={"petites_creances": petites},
        mentions_requises=(commissaire.nom, creancier.nom),
        commissaire=commissaire.nom,
        au=faits.au,
        decompte_au=dec.au,
    )
