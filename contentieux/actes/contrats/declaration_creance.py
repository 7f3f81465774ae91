"""Déclaration de créance au mandataire judiciaire (C. com. L622-24, L622-25, R622-23).

- **Échu et à échoir** (L622-25) : les sommes échues au jour du jugement d'ouverture (une facture
  dont l'échéance tombe ce jour-là est échue) et les sommes à échoir, chacune avec la date de son
  échéance, sur deux tableaux ; le montant total déclaré est leur somme.
- **Intérêts** : le jugement d'ouverture en arrête le cours (L622-28 al. 1 ; L631-14, L641-3) ; il
  prend effet dès le début du jour où il est rendu, qui ne porte pas intérêt : les intérêts
  déclarés sont arrêtés à la veille (le décompte le fait, :mod:`contentieux.interets`). Exception
  du prêt d'un an ou plus et du paiement différé d'un an ou plus
  (``Creance.pret_ou_paiement_differe_un_an``) : les intérêts continuent de courir et la
  déclaration en indique les modalités de calcul (R622-23 2°).
- **Litige en cours** (R622-23 3°) : chaque demande en justice en cours du dossier
  (``demande_en_justice``, ``issue: en_cours``) est déclarée avec la juridiction saisie
  (``juridiction``, exigé) ; l'instance est interrompue jusqu'à la déclaration (L622-22).
- **Délai** (R622-24 : deux mois de la publication au BODACC, dates du calendrier de
  ``contentieux verifier``) contrôlé contre la date de l'acte : en retard mais dans les six mois
  de la publication, l'acte le dit et renvoie à l'action en relevé de forclusion devant le
  juge-commissaire (L622-26) ; au-delà, il est refusé avec la raison.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from contentieux.actes.contenu import BlocSignature, PartieImprimee, Section, Tableau
from contentieux.actes.contrats.commun import (
    ContratActe,
    Faits,
    chiffres_decompte,
    contenu_acte,
    d,
    imprimer_partie,
    m,
    paragraphes,
    pied_acte,
    signataire,
    tableau_pieces,
    tableau_recapitulatif,
)
from contentieux.actes.parametres import exiger
from contentieux.droit.citations import fondement_et_note
from contentieux.droit.faits import chemin_evenement
from contentieux.erreurs import ActeInadapte
from contentieux.francais import formater_taux
from contentieux.modeles.creances import Facture
from contentieux.modeles.decompte import Decompte
from contentieux.modeles.evenements import (
    DemandeEnJustice,
    IssueDemande,
    NatureDemande,
    ProcedureCollective,
)
from contentieux.recevabilite.procedure_collective import fin_releve_forclusion

IDENTIFIANT = "declaration_creance"


class ContratDeclarationCreance(ContratActe):
    """Déclaration de créance au mandataire judiciaire (C. com. L622-24, R622-23)."""

    date_ouverture: dt.date
    date_limite: dt.date | None


NATURES_DEMANDE = {
    NatureDemande.ASSIGNATION: "assignation",
    NatureDemande.REFERE: "assignation en référé",
    NatureDemande.SIGNIFICATION_INJONCTION: "ordonnance d'injonction de payer signifiée",
    NatureDemande.REQUETE_INJONCTION: "requête en injonction de payer",
    NatureDemande.OPPOSITION_INJONCTION: "opposition à injonction de payer",
    NatureDemande.DECLARATION_CREANCE: "déclaration de créance",
}


def instances_en_cours(faits: Faits, procedure: ProcedureCollective) -> list[DemandeEnJustice]:
    """Les demandes en justice en cours au jour du jugement d'ouverture (hors déclarations de
    créance) : la créance fait l'objet d'un litige (C. com. R622-23 3°)."""
    return [
        e
        for e in faits.dossier.evenements_de_type(DemandeEnJustice)
        if e.issue is IssueDemande.EN_COURS
        and e.nature is not NatureDemande.DECLARATION_CREANCE
        and e.date <= procedure.date_jugement_ouverture
    ]


def texte_instances(instances: list[DemandeEnJustice]) -> tuple[str, ...]:
    """Le litige en cours et la juridiction saisie, ou l'absence de litige."""
    if not instances:
        return ("Aucune instance n'est en cours sur cette créance.",)
    return (
        *(
            f"La créance fait l'objet d'un litige : {NATURES_DEMANDE[e.nature]} du {d(e.date)}"
            + (f" (réf. {e.reference})" if e.reference else "")
            + f", juridiction saisie : {e.juridiction}."
            for e in instances
        ),
        "L'instance en cours est interrompue jusqu'à la présente déclaration (C. com. L622-22) ; "
        "elle sera reprise pour la seule constatation de la créance et la fixation de son "
        "montant.",
    )


def controler_delai(faits: Faits) -> tuple[dt.date | None, tuple[str, ...], bool]:
    """Le délai de déclaration (R622-24), daté par le calendrier de la vérification, contrôlé
    contre la date de l'acte : (date limite, paragraphes, déclaration tardive).

    En retard mais dans les six mois de la publication au BODACC : l'acte le dit et renvoie à
    l'action en relevé de forclusion (C. com. L622-26). Au-delà : refus motivé."""
    calendrier = faits.recevabilite.calendrier
    etape = next((e for e in calendrier if e.intitule.startswith("Déclaration de créance")), None)
    releve = next((e for e in calendrier if e.intitule.startswith("Action en relevé")), None)
    if etape is None or etape.date is None:
        regle = etape.regle if etape else "à compter de la publication au BODACC"
        return (
            None,
            (
                f"Délai : deux mois {regle} (C. com. R622-24) ; la date de publication du jugement "
                "d'ouverture au BODACC n'est pas connue, le délai ne peut être daté : "
                "vérifiez-la avant l'envoi.",
            ),
            False,
        )
    limite = etape.date
    if faits.au <= limite:
        return (
            limite,
            (
                f"Délai de déclaration : au plus tard le {d(limite)} ({etape.regle}, "
                "C. com. R622-24).",
            ),
            False,
        )
    if releve is not None and releve.date is not None and faits.au <= releve.date:
        prudence = ""
        procedure = faits.dossier.evenements_de_type(ProcedureCollective)[-1]
        echeance = fin_releve_forclusion(faits.dossier, procedure, faits.jeu_de_regles())
        if echeance is not None and echeance.date_brute != echeance.date_limite:
            # La prorogation de CPC 642 vaut pour les délais de procédure ; pour ce délai de
            # forclusion elle n'est pas acquise (relecture d'un avocat) : l'acte le signale.
            prudence = (
                f" Le délai de six mois expire le {d(echeance.date_brute)}, "
                "un jour non ouvrable ; sa prorogation au premier jour ouvrable suivant (CPC 642) "
                "n'étant pas certaine pour ce délai de forclusion, formez l'action avant cette "
                "date par prudence. Le délai est porté à un an pour le créancier placé dans "
                "l'impossibilité de connaître sa créance (C. com. L622-26 al. 3)."
            )
        return (
            limite,
            (
                f"Déclaration tardive : le délai de déclaration a expiré le {d(limite)} "
                f"({etape.regle}, C. com. R622-24).",
                "À défaut de déclaration dans ce délai, le créancier n'est admis dans les "
                "répartitions et dividendes que si le juge-commissaire le relève de la forclusion, "
                "en établissant que sa défaillance n'est pas due à son fait ou qu'elle est due à "
                "une omission du débiteur dans la liste de ses créanciers (C. com. L622-26) ; "
                f"l'action en relevé de forclusion est formée au plus tard le {d(releve.date)} "
                "(six mois à compter de la publication au BODACC). La présente déclaration est "
                "adressée au mandataire judiciaire en même temps que cette action est formée."
                + prudence,
            ),
            True,
        )
    fin = (
        f" et celui de l'action en relevé de forclusion le {d(releve.date)}"
        if releve and releve.date
        else ""
    )
    raise ActeInadapte(
        f"acte « {IDENTIFIANT} » refusé : au {d(faits.au)}, le délai de déclaration a expiré le "
        f"{d(limite)} (C. com. R622-24){fin} (six mois de la publication au BODACC, C. com. "
        "L622-26) : la créance non déclarée est inopposable à la procédure ; une déclaration ne "
        "peut plus être utilement adressée au mandataire judiciaire.",
        acte=IDENTIFIANT,
    )


def restant_par_facture(faits: Faits, dec: Decompte) -> list[tuple[Facture, Decimal]]:
    """Chaque facture du décompte avec son principal restant dû (montant TTC moins les parts de
    paiements imputées sur son principal) ; les factures exclues (prescrites) n'y sont pas."""
    exclues = {(x.creance, x.facture) for x in dec.factures_exclues}
    payes: dict[tuple[str, str | None], Decimal] = {}
    for imputation in dec.imputations:
        for part in imputation.parts:
            if part.nature == "principal":
                cle = (part.creance, part.facture)
                payes[cle] = payes.get(cle, Decimal("0")) + part.montant
    return [
        (f, f.montant_ttc - payes.get((c.reference, f.numero), Decimal("0")))
        for c, f in faits.dossier.factures()
        if (c.reference, f.numero) not in exclues
    ]


def tableaux_echu_a_echoir(
    faits: Faits, dec: Decompte, ouverture: dt.date
) -> tuple[Tableau, Tableau | None, Decimal, Decimal]:
    """Les sommes échues au jour du jugement d'ouverture (principal de chaque facture échue, puis
    les accessoires du récapitulatif) et les sommes à échoir avec leur échéance (L622-25)."""
    factures = restant_par_facture(faits, dec)
    a_echoir = [(f, r) for f, r in factures if f.date_echeance > ouverture and r > 0]
    total_a_echoir = sum((r for _, r in a_echoir), start=Decimal("0"))
    echues = [(f, r) for f, r in factures if f.date_echeance <= ouverture and r > 0]
    principal_echu = dec.total_principal_restant - total_a_echoir
    if sum((r for _, r in echues), start=Decimal("0")) == principal_echu:
        lignes_principal = [
            (f"Facture {f.numero}, échue le {d(f.date_echeance)}", "principal", m(r))
            for f, r in echues
        ]
    else:  # imputation qui ne se lit pas facture par facture : une seule ligne
        lignes_principal = [("Principal échu restant dû", "factures échues", m(principal_echu))]
    accessoires = tableau_recapitulatif(dec).lignes[1:]
    total_echu = dec.total - total_a_echoir
    echu = Tableau(
        colonnes=("Poste", "Fondement", "Montant"),
        montants=(2,),
        largeurs=(46, 34, 20),
        lignes=(*lignes_principal, *accessoires),
        total=(f"Total des sommes échues au {d(ouverture)}", "", m(total_echu)),
    )
    if not a_echoir:
        return echu, None, total_echu, total_a_echoir
    tableau_a_echoir = Tableau(
        colonnes=("Facture", "Émise le", "Échéance", "Montant"),
        montants=(3,),
        largeurs=(28, 24, 24, 24),
        lignes=tuple((f.numero, d(f.date_emission), d(f.date_echeance), m(r)) for f, r in a_echoir),
        total=("Total des sommes à échoir", "", "", m(total_a_echoir)),
    )
    return echu, tableau_a_echoir, total_echu, total_a_echoir


def texte_interets(faits: Faits, dec: Decompte, ouverture: dt.date) -> str:
    """Ce que la déclaration dit du cours des intérêts (C. com. L622-28)."""
    veille = ouverture - dt.timedelta(days=1)
    continus = [c.reference for c in faits.dossier.creances if c.pret_ou_paiement_differe_un_an]
    texte = f"Principal et accessoires dus au {d(ouverture)}, date du jugement d'ouverture."
    if len(continus) < len(faits.dossier.creances):
        texte += (
            " Le jugement d'ouverture arrête le cours des intérêts légaux et conventionnels, de "
            "tous intérêts de retard et majorations (C. com. L622-28) ; il prend effet dès le "
            "début du jour où il est rendu, qui ne porte pas intérêt : les intérêts et pénalités "
            f"sont arrêtés au {d(veille)} inclus."
        )
    if continus:
        texte += (
            " Exception pour "
            + ", ".join(continus)
            + " (prêt conclu pour un an ou plus, ou paiement différé d'un an ou plus) : les "
            "intérêts, comptés jusqu'au jour du jugement inclus, continuent de courir "
            "(C. com. L622-28 al. 1), selon les modalités indiquées ci-dessous."
        )
    return texte


def modalites_interets_continus(faits: Faits, dec: Decompte, ouverture: dt.date) -> tuple[str, ...]:
    """Pour chaque créance dont les intérêts continuent de courir (L622-28 al. 1), leurs
    modalités de calcul (R622-23 2°) : taux, base, point de départ."""
    textes = []
    for creance in faits.dossier.creances:
        if not creance.pret_ou_paiement_differe_un_an:
            continue
        lignes = [li for li in dec.lignes if li.creance == creance.reference]
        if not lignes:
            continue
        derniere = max(lignes, key=lambda li: li.au)
        textes.append(
            f"Intérêts qui continuent de courir — {creance.reference} : sur {m(derniere.base)}, "
            f"après le {d(ouverture)} et jusqu'au paiement, au taux de "
            f"{formater_taux(derniere.taux)} l'an en vigueur au jour du jugement d'ouverture "
            f"({fondement_et_note(derniere.fondement, derniere.note)}) ; cette indication vaut "
            "déclaration pour le montant ultérieurement arrêté (C. com. R622-23 2°)."
        )
    return tuple(textes)


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
    instances = instances_en_cours(faits, procedure)
    exiger(
        IDENTIFIANT,
        (
            []
            if p
            else [
                "actes.declaration.mandataire_judiciaire (nom et adresse du mandataire judiciaire)"
            ]
        )
        + [
            f"{chemin_evenement(faits.dossier, e)}.juridiction (juridiction saisie du litige en "
            "cours, C. com. R622-23 3°)"
            for e in instances
            if not e.juridiction
        ],
    )
    assert p is not None
    dec = faits.decompte_ouverture or faits.decompte
    ouverture = procedure.date_jugement_ouverture
    limite, delai, tardive = controler_delai(faits)
    creancier = imprimer_partie(faits.dossier.creancier)
    debiteur = imprimer_partie(faits.dossier.debiteur)
    nature = procedure.nature.value.replace("_", " ")
    surete = (
        paragraphes(*("Privilège ou sûreté : " + x for x in p.privileges))
        if p.privileges
        else paragraphes("Créance chirographaire : aucun privilège ni aucune sûreté n'est déclaré.")
    )
    echues, a_echoir, total_echu, total_a_echoir = tableaux_echu_a_echoir(faits, dec, ouverture)
    sections = [
        Section(titre="Le créancier déclarant", paragraphes=paragraphes(creancier.identification)),
        Section(
            titre="Le débiteur et la procédure",
            paragraphes=paragraphes(
                debiteur.identification + ".",
                f"Procédure : {nature}, ouverte par jugement du {d(ouverture)}"
                + (f" ({p.tribunal})" if p.tribunal else "")
                + ".",
            ),
        ),
        Section(
            titre=f"Sommes échues au {d(ouverture)}, jour du jugement d'ouverture",
            paragraphes=paragraphes(texte_interets(faits, dec, ouverture)),
            tableau=echues,
            notes=paragraphes(*modalites_interets_continus(faits, dec, ouverture)),
        ),
    ]
    if a_echoir is not None:
        sections.append(
            Section(
                titre="Sommes à échoir (C. com. L622-25)",
                paragraphes=paragraphes(
                    "Sommes dont l'échéance est postérieure au jugement d'ouverture, déclarées "
                    "avec la date de leur échéance ; le jugement d'ouverture interdit de les payer "
                    "(C. com. L622-7) et n'en rend pas l'exigibilité anticipée."
                ),
                tableau=a_echoir,
            )
        )
    sections += [
        Section(
            titre="Montant déclaré",
            paragraphes=paragraphes(
                f"Montant total déclaré : {m(dec.total)} (dont {m(dec.total_principal_restant)} "
                "en principal)"
                + (
                    f" : {m(total_echu)} de sommes échues au jour du jugement d'ouverture et "
                    f"{m(total_a_echoir)} de sommes à échoir."
                    if a_echoir is not None
                    else ", entièrement échu au jour du jugement d'ouverture ; aucune somme à "
                    "échoir."
                ),
                style="important",
            ),
        ),
        Section(titre="Nature de la créance", paragraphes=surete),
        Section(
            titre="Litige en cours (C. com. R622-23 3°)",
            paragraphes=paragraphes(*texte_instances(instances)),
        ),
        Section(
            titre="Délai",
            paragraphes=paragraphes(*delai, style="important" if tardive else "normal"),
        ),
        Section(titre="Pièces justificatives", tableau=tableau_pieces(faits)),
        Section(
            paragraphes=paragraphes(
                "Le créancier certifie sincère la présente déclaration de créance.",
                style="important",
            )
        ),
    ]
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
        sections=tuple(sections),
        signatures=(BlocSignature(identifiant="signature-creancier", qualite=qualite, nom=nom),),
        pied=pied_acte(faits, "C. com. L622-24, L622-25, L622-28, R622-23"),
    )
    return ContratDeclarationCreance(
        identifiant=IDENTIFIANT,
        contenu=contenu,
        chiffres={
            **chiffres_decompte(dec),
            "echu": m(total_echu),
            **({"a_echoir": m(total_a_echoir)} if a_echoir is not None else {}),
        },
        drapeaux={"a_echoir": a_echoir is not None, "tardive": tardive},
        mentions_requises=(creancier.nom, debiteur.nom, mj.nom),
        date_ouverture=procedure.date_jugement_ouverture,
        date_limite=limite,
        au=faits.au,
        decompte_au=dec.au,
    )
