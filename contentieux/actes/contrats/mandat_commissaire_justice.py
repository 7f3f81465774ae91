"""Mandat au commissaire de justice : recouvrement, signification et exécution (CPCE L111-8,
R141-1 ; procédure simplifiée des petites créances CPCE L125-1 ; tarif C. com. A444-10 et s.).

Refusé en procédure collective (C. com. L622-21).

Personne publique (acheteur public sous contrat administratif, CCP L6 : même règle que
``contentieux verifier``) : ses biens sont insaisissables (CGPPP L2311-1) ; le mandat ne confie
aucune saisie ni mesure conservatoire, ni la procédure des petites créances, et rappelle qu'une
condamnation passée en force de chose jugée s'exécute par mandatement d'office (loi n° 80-539 du
16 juillet 1980, art. 1er, codifié à CJA L911-9). Acheteur public dont le contrat n'est pas
administratif : le mandat garde ses missions, avec la réserve de l'insaisissabilité si le débiteur
est une personne publique.
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
    sous_juge_administratif,
)
from contentieux.actes.contrats.mentions import objet_principal
from contentieux.actes.parametres import exiger
from contentieux.modeles.parties import NatureMandataire, Qualite
from contentieux.modeles.recevabilite import CodeVoie

IDENTIFIANT = "mandat_commissaire_justice"


class ContratMandatCommissaireJustice(ContratActe):
    """Mandat au commissaire de justice."""

    commissaire: str


INSAISISSABILITE = (
    "Aucune mesure d'exécution forcée ni conservatoire n'est confiée au commissaire de justice : "
    "les biens des personnes publiques sont insaisissables (CGPPP L2311-1).",
    "Une décision passée en force de chose jugée qui condamne la personne publique au paiement "
    "d'une somme d'argent s'exécute par mandatement ou ordonnancement d'office (loi n° 80-539 du "
    "16 juillet 1980, art. 1er ; CJA L911-9).",
)
"""Ce que le mandat dit à la place des saisies quand le débiteur est une personne publique."""

RESERVE_PERSONNE_PUBLIQUE = (
    "Débiteur acheteur public : s'il est une personne publique, ses biens sont insaisissables "
    "(CGPPP L2311-1) et une condamnation s'exécute par mandatement d'office (loi n° 80-539 du 16 "
    "juillet 1980) ; aucune saisie ne sera alors pratiquée."
)


def missions_ordinaires(petites: bool) -> list[str]:
    """Recouvrement amiable, signification, exécution forcée, petites créances."""
    return [
        "procéder au recouvrement amiable de la créance ;",
        "signifier tout acte, notamment l'ordonnance d'injonction de payer et les décisions "
        "obtenues ;",
        "pratiquer, en vertu d'un titre exécutoire, toute mesure d'exécution forcée ou "
        "conservatoire utile (saisie-attribution, saisie des rémunérations, saisie-vente…) ;",
        "mettre en œuvre la procédure simplifiée de recouvrement des petites créances (CPCE "
        "L125-1), dont les frais restent à la charge exclusive du créancier ;"
        if petites
        else "le cas échéant, mettre en œuvre la procédure simplifiée de recouvrement des petites "
        "créances (CPCE L125-1) si la créance y est éligible, ses frais restant à la charge "
        "exclusive du créancier ;",
    ]


def missions_personne_publique() -> list[str]:
    """Contre une personne publique : ni saisie, ni injonction de payer, ni petites créances."""
    return [
        "procéder au recouvrement amiable de la créance auprès de la personne publique débitrice "
        "et de son comptable public ;",
        "signifier les actes qui doivent l'être.",
    ]


def construire(faits: Faits) -> ContratMandatCommissaireJustice:
    refuser_si_procedure_collective(faits, IDENTIFIANT)
    p = faits.parametres.commissaire_justice
    cj = p.identite or mandataire_de_nature(faits, NatureMandataire.COMMISSAIRE_DE_JUSTICE)
    exiger(
        IDENTIFIANT,
        []
        if cj
        else [
            "actes.commissaire_justice.identite (le commissaire de justice mandaté ; ou, à la "
            "racine du dossier, mandataire: nature: commissaire_de_justice, identite: …)"
        ],
    )
    assert cj is not None
    dec = faits.decompte
    commissaire = imprimer_partie(cj)
    creancier = imprimer_partie(faits.dossier.creancier)
    debiteurs = [imprimer_partie(x) for x in faits.dossier.debiteurs]
    petites = faits.recevabilite.voie.code is CodeVoie.PETITES_CREANCES
    publique = sous_juge_administratif(faits)
    missions = missions_personne_publique() if publique else missions_ordinaires(petites)
    reserve = (
        RESERVE_PERSONNE_PUBLIQUE
        if not publique and faits.dossier.debiteur.qualite is Qualite.ACHETEUR_PUBLIC
        else ""
    )
    pouvoirs = [
        "Le commissaire de justice est autorisé à recevoir les fonds et à en donner quittance."
        if p.pouvoir_encaisser
        else "Le commissaire de justice n'est pas autorisé à recevoir les fonds.",
        "Il peut accorder au débiteur des délais de paiement."
        if p.pouvoir_accorder_delais
        else "Il ne peut accorder de délais de paiement sans l'accord écrit du créancier.",
    ]
    frais = faits.articles[
        "tarif_commissaire_personne_publique" if publique else "tarif_commissaire"
    ]
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
            notes=paragraphes(*(INSAISISSABILITE if publique else (reserve,))),
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
        sous_titre="Recouvrement amiable et signification"
        if publique
        else "Recouvrement, signification et exécution",
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
        pied=pied_acte(
            faits,
            "CPCE L111-8, R141-1 ; CGPPP L2311-1 ; loi 80-539 ; C. com. A444-10 et s."
            if publique
            else "CPCE L111-8, L125-1, R141-1 ; C. com. A444-10 et s.",
        ),
    )
    return ContratMandatCommissaireJustice(
        identifiant=IDENTIFIANT,
        contenu=contenu,
        chiffres=chiffres_decompte(dec),
        drapeaux={"petites_creances": petites, "personne_publique": publique},
        mentions_requises=(commissaire.nom, creancier.nom),
        commissaire=commissaire.nom,
        au=faits.au,
        decompte_au=dec.au,
    )
