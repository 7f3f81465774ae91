"""Requête en injonction de payer (CPC 1405 à 1407 ; identification des parties CPC 54 et 57 ;
renvoi en cas d'opposition CPC 1408) devant la juridiction que désigne la recevabilité.

Le tribunal est nommé en tête et dans la demande finale, le même juge aux deux endroits (CPC 54
1°, à peine de nullité) : « juge des contentieux de la protection du tribunal judiciaire de
Bordeaux », « président du tribunal des activités économiques de Lyon » — le nom que donne la
recevabilité (annuaire fourni, annuaire livré ou ``actes.juridiction``), jamais une périphrase.

Refusée, avec la raison que donne ``contentieux verifier`` :

- en procédure collective (C. com. L622-21) ;
- contre un acheteur public sous contrat administratif (CCP L6) : la créance relève du juge
  administratif, devant lequel l'injonction de payer du CPC (1405 et suivants) n'existe pas ; la
  voie est le référé-provision devant le juge des référés du tribunal administratif (CJA R541-1),
  requête présentée par un avocat quand elle tend au paiement d'une somme d'argent ou naît d'un
  contrat (CJA R431-2, sauf les dispenses de R431-3) ;
- quand les conditions de CPC 1405 ne sont pas réunies (constat « injonction de payer » faux) ;
- sur une créance prescrite (C. civ. 2219 ; C. consom. L121-2) ;
- sur une créance que la vérification trouve irrecevable ou indéterminée, sauf option explicite
  ``actes.requete.produire_malgre_reserves`` : la requête est alors produite avec les motifs sur
  une note de couverture, seule sur une première page, à retirer avant le dépôt ;
- quand la recevabilité ne désigne aucune juridiction d'injonction de payer ;
- tant que le tribunal n'est pas nommé (code postal à plusieurs ressorts, annuaire sans donnée :
  le refus dit quoi ajouter).
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
    refuser_si_prescrite,
    refuser_si_procedure_collective,
    sous_juge_administratif,
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
from contentieux.recevabilite.juridiction import juge_saisi

IDENTIFIANT = "requete_injonction_payer"


class ContratRequeteInjonctionPayer(ContratActe):
    """Requête en injonction de payer (CPC 1405 à 1407, 54, 57)."""

    juridiction: str
    cerfa: str
    demande_1408: bool
    reserves: tuple[str, ...] = ()
    """Motifs de la vérification imprimés sur la note de couverture (option explicite)."""


MOTIF_JUGE_ADMINISTRATIF = (
    "la créance naît d'un contrat administratif conclu avec un acheteur public (CCP L6) : elle "
    "relève du juge administratif, devant lequel l'injonction de payer du code de procédure civile "
    "(CPC 1405 et suivants) n'existe pas. Voie : le référé-provision devant le juge des référés du "
    "tribunal administratif (CJA R541-1), après la réclamation préalable que prévoit le contrat "
    "(mémoire en réclamation du CCAG applicable) ; la requête est présentée par un avocat "
    "lorsqu'elle tend au paiement d'une somme d'argent ou naît d'un contrat (CJA R431-2), sauf les "
    "dispenses de CJA R431-3. Aucune saisie n'est possible contre une personne publique (CGPPP "
    "L2311-1) : la décision obtenue s'exécute par mandatement d'office (loi n° 80-539 du 16 "
    "juillet 1980)"
)
"""Pourquoi une requête en injonction de payer est refusée contre un acheteur public sous
contrat administratif, et quelle voie prendre (point l.1 de docs/droit.md)."""


def refuser_si_injonction_fermee(faits: Faits) -> None:
    """Refuse la requête quand l'injonction de payer est fermée (constat de la vérification
    « injonction de payer » faux) : juge administratif, créance déjà en justice, cause ni
    contractuelle ni statutaire, montant non déterminé."""
    constat = faits.recevabilite.constat("injonction_de_payer")
    if sous_juge_administratif(faits):
        raise ActeInadapte(
            f"acte « {IDENTIFIANT} » refusé : {MOTIF_JUGE_ADMINISTRATIF}. Motif de la "
            f"vérification : {constat.motif}",
            acte=IDENTIFIANT,
        )
    if constat.satisfaite is False:
        raise ActeInadapte(
            f"acte « {IDENTIFIANT} » refusé : {constat.motif} Voie recommandée par la "
            f"vérification : {faits.recevabilite.voie.intitule}.",
            acte=IDENTIFIANT,
        )


def note_de_couverture(motifs: tuple[str, ...]) -> Section | None:
    """La note de couverture d'une requête produite malgré les réserves de la vérification
    (option ``actes.requete.produire_malgre_reserves``) : à l'attention du seul signataire,
    imprimée seule sur une première page, avant la requête, pour être retirée avant le dépôt
    (la requête elle-même n'en porte rien : une réserve adressée au juge la ferait rejeter,
    CPC 1409)."""
    if not motifs:
        return None
    return Section(
            titre="Note de couverture — réserves de la vérification (à retirer avant le dépôt)",
            paragraphes=paragraphes(
                "Requête produite sur demande expresse (option produire_malgre_reserves) alors "
                "que la vérification de la créance ne la trouve pas recevable en l'état. Le juge "
                "rejette la requête qui ne lui paraît pas fondée (CPC 1409) : levez ces réserves "
                "ou justifiez-les par les pièces avant de signer.",
                *motifs,
                style="important",
            ),
        )


def construire(faits: Faits) -> ContratRequeteInjonctionPayer:
    refuser_si_procedure_collective(faits, IDENTIFIANT)
    refuser_si_injonction_fermee(faits)
    refuser_si_prescrite(faits, IDENTIFIANT)
    motifs_reserves = refuser_non_recevable(
        faits, IDENTIFIANT, malgre_reserves=faits.parametres.requete.produire_malgre_reserves
    )
    j = faits.recevabilite.juridiction
    if j is None:
        raise ActeInadapte(
            "acte « requete_injonction_payer » refusé : la recevabilité ne désigne aucune "
            "juridiction pour une injonction de payer ; voie recommandée : "
            + faits.recevabilite.voie.intitule,
            acte="requete_injonction_payer",
        )
    if j.designation is None:
        raise ActeInadapte(
            "acte « requete_injonction_payer » refusé : la requête doit nommer le tribunal "
            "qu'elle saisit (CPC 54 1°, à peine de nullité) et il n'est pas établi — "
            + (j.a_completer or "nommez-le dans actes.juridiction"),
            acte="requete_injonction_payer",
        )
    dossier = faits.dossier
    manquants = manquants_article_54(dossier.creancier, "creancier")
    exiger("requete_injonction_payer", manquants)
    dec = faits.decompte
    cerfas: dict[str, str] = faits.articles["cerfa_injonction"]
    cerfa = cerfas.get(j.nature.value, cerfas["president_tribunal_judiciaire"])
    # Le même juge en tête et dans la demande (CPC 54 1°) : « président du tribunal de
    # commerce de Bordeaux », « juge des contentieux de la protection du tribunal judiciaire… ».
    designation = j.designation
    juge = juge_saisi(j.nature)
    tribunal = designation.removeprefix(juge).strip(" —")
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
        Section(titre="Le requérant", paragraphes=paragraphes(creancier.identification))
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
                f"Le requérant demande qu'il plaise à Madame ou Monsieur le {designation} de "
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
        sous_titre="Articles 1405 et suivants du code de procédure civile",
        destinataire=PartieImprimee(
            nom=f"À Madame ou Monsieur le {juge}",
            adresse=(tribunal,),
            identification=designation,
        ),
        sections=tuple(sections),
        signatures=(BlocSignature(identifiant="signature-creancier", qualite=qualite, nom=nom),),
        pied=pied_acte(faits, "CPC 1405 à 1407, 54 et 57"),
        note_interne=note_de_couverture(motifs_reserves),
    )
    return ContratRequeteInjonctionPayer(
        identifiant=IDENTIFIANT,
        contenu=contenu,
        chiffres=chiffres_decompte(dec),
        drapeaux={
            "demande_1408": faits.parametres.requete.demande_1408,
            "reserves": bool(motifs_reserves),
        },
        mentions_requises=(creancier.nom, *(x.nom for x in debiteurs), designation),
        juridiction=designation,
        cerfa=cerfa,
        demande_1408=faits.parametres.requete.demande_1408,
        reserves=motifs_reserves,
        au=faits.au,
        decompte_au=dec.au,
    )
