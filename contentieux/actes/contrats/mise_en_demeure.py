"""Mise en demeure de payer (C. civ. 1344, 1344-1, 1231-6 ; C. com. L441-10 et D441-5 entre
professionnels) : la somme arrêtée, le décompte, le délai (calculé par :mod:`contentieux.delais`)
et la suite.

Aucun frais de recouvrement à la charge d'un consommateur (CPCE L111-8 al. 2). Refusée en
procédure collective (C. com. L622-21) et sur une créance prescrite.

Acheteur public (commande publique) : les intérêts moratoires courent de plein droit (CCP
L2192-13), au taux de CCP R2192-31, avec l'indemnité forfaitaire de 40 € de CCP D2192-35 ; la
lettre les cite au lieu du Code civil. Sous contrat administratif (juge administratif, CCP L6 : la
même règle que ``contentieux verifier``), elle ne menace d'aucune injonction de payer, fermée
devant ce juge : la suite est le tribunal administratif, le cas échéant en référé-provision (CJA
R541-1) ; la demande écrite de paiement interrompt la prescription quadriennale (loi n° 68-1250
du 31 décembre 1968, art. 2).
"""

from __future__ import annotations

import datetime as dt

from contentieux.actes.contenu import (
    BlocSignature,
    Section,
)
from contentieux.actes.contrats.commun import (
    LIBELLES_MOYENS,
    ContratActe,
    Faits,
    chiffres_decompte,
    contenu_acte,
    d,
    debiteur_sans_frais,
    imprimer_partie,
    m,
    modalites_paiement,
    paragraphes,
    penalites_l441_10,
    pied_acte,
    regimes_interets,
    signataire,
    tableau_recapitulatif,
)
from contentieux.actes.contrats.controles import (
    refuser_si_prescrite,
    refuser_si_procedure_collective,
    sous_juge_administratif,
)
from contentieux.actes.contrats.mentions import (
    INDEMNITE_LEGALE,
    appel,
    designer_pieces,
    interets_posterieurs,
    objet_principal,
    politesse,
    tableau_principal,
)
from contentieux.actes.parametres import exiger
from contentieux.erreurs import FraisInterditsConsommateur
from contentieux.modeles.evenements import MiseEnDemeure, MoyenNotification
from contentieux.modeles.recevabilite import NatureJuridiction

IDENTIFIANT = "mise_en_demeure"


class ContratMiseEnDemeure(ContratActe):
    """Mise en demeure (C. civ. 1344, 1344-1 ; C. com. L441-10 entre professionnels)."""

    date_limite: dt.date
    moyen: MoyenNotification


def fondements_pied(*, b2b: bool, commande_publique: bool) -> str:
    """Les articles du pied de page : Code civil, plus L441-10 entre professionnels ; pour un
    acheteur public, les textes de la commande publique."""
    if commande_publique:
        return "C. civ. 1344 ; CCP L2192-13, R2192-31, D2192-35"
    return "C. civ. 1344, 1344-1, 1231-6" + (" ; C. com. L441-10" if b2b else "")


def construire(faits: Faits) -> ContratMiseEnDemeure:
    from contentieux.delais import calculer_echeance

    refuser_si_procedure_collective(faits, IDENTIFIANT)
    refuser_si_prescrite(faits, IDENTIFIANT)
    p = faits.parametres.mise_en_demeure
    delai = p.delai_jours
    if delai is None:
        anciennes = faits.dossier.evenements_de_type(MiseEnDemeure)
        delai = next((e.delai_jours for e in reversed(anciennes) if e.delai_jours), None)
    exiger(
        IDENTIFIANT,
        []
        if delai
        else ["actes.mise_en_demeure.delai_jours (délai laissé au débiteur pour payer, en jours)"],
    )
    assert delai is not None
    dec = faits.decompte
    departement = faits.dossier.debiteur.adresse_principale.departement
    echeance = calculer_echeance(faits.au, jours=delai, departement=departement)
    b2b = penalites_l441_10(faits)
    consommateur = debiteur_sans_frais(faits)
    if consommateur and (dec.total_indemnites or dec.options.frais_recouvrement):
        raise FraisInterditsConsommateur(
            "mise en demeure : des frais de recouvrement figurent au décompte d'un débiteur "
            "consommateur (CPCE L111-8 al. 2) ; retirez-les"
        )
    creances = "; ".join(
        (c.description or c.reference)
        + f" ({designer_pieces(c)})"
        for c in faits.dossier.creances
    )
    envoi = LIBELLES_MOYENS[p.moyen].capitalize() + (
        f" n° {p.reference_envoi}" if p.reference_envoi else ""
    )
    administratif = sous_juge_administratif(faits)
    juridiction = faits.recevabilite.juridiction
    saisi = (
        juridiction.designation
        if juridiction is not None
        and juridiction.nature is not NatureJuridiction.JURIDICTION_ADMINISTRATIVE
        else None
    )
    if administratif:
        suite = (
            "À défaut de paiement intégral dans ce délai, nous saisirons sans autre avis le "
            "tribunal administratif, le cas échéant en référé-provision (CJA R541-1), après la "
            "réclamation préalable que prévoit le contrat."
        )
    elif saisi:
        # Le tribunal que nommera la requête (CPC 54 1°), s'il est établi.
        suite = (
            f"À défaut de paiement intégral dans ce délai, nous saisirons sans autre avis le "
            f"{saisi} d'une requête en injonction de payer (CPC 1405 et suivants), les frais de "
            "procédure restant à votre charge dans les conditions de la loi."
        )
    else:
        suite = (
            "À défaut de paiement intégral dans ce délai, nous saisirons sans autre avis la "
            "juridiction compétente, notamment par une requête en injonction de payer (CPC 1405 "
            "et suivants), les frais de procédure restant à votre charge dans les conditions de "
            "la loi."
        )
    paragraphes_b2b = (
        paragraphes(
            "Entre professionnels, conformément à l'article L441-10 du Code de commerce, tout "
            "retard "
            "de paiement rend exigibles de plein droit, sans rappel, des pénalités de retard ainsi "
            "qu'une indemnité forfaitaire pour frais de recouvrement (C. com. D441-5) par facture "
            "payée en retard ; elles figurent ci-dessus sur des lignes distinctes.",
            *((INDEMNITE_LEGALE,) if dec.total_indemnites else ()),
        )
        if b2b
        else ()
    )
    regimes = regimes_interets(faits)
    taux_legal = "taux_legal" in regimes
    commande_publique = "commande_publique" in regimes
    interets = (
        "Conformément à l'article L2192-13 du code de la commande publique, le dépassement du "
        "délai de paiement fait courir de plein droit, sans autre formalité, des intérêts "
        "moratoires au taux de l'article R2192-31 du même code, ainsi qu'une indemnité "
        "forfaitaire pour frais de recouvrement de 40 euros (CCP D2192-35) ; ils figurent "
        "ci-dessus et courent jusqu'au complet paiement."
        if commande_publique
        else "La présente mise en demeure fait courir les intérêts au taux légal sur les sommes "
        "dues (C. civ. 1231-6 et 1344-1), jusqu'au complet paiement."
        if taux_legal
        else "La présente mise en demeure fait courir les intérêts au taux convenu sur les "
        "sommes dues (C. civ. 1231-6 et 1344-1), jusqu'au complet paiement."
        if "taux_conventionnel" in regimes
        else "Les intérêts continuent de courir jusqu'au complet paiement."
    )
    quadriennale = (
        "La présente demande de paiement interrompt la prescription quadriennale (loi n° 68-1250 "
        "du 31 décembre 1968, art. 2)."
        if administratif
        else ""
    )
    a_venir = interets_posterieurs(dec)
    # Les intérêts à venir avec leur taux, leur base et leur point de départ (issue 18, point 6).
    a_venir = f"Sont ainsi dus, en sus de la somme ci-dessus, {a_venir}." if a_venir else ""
    sections = (
        Section(
            paragraphes=paragraphes(
                f"Par la présente, nous vous mettons en demeure de nous payer la somme de "
                f"{m(dec.total)} arrêtée au {d(dec.au)}, due au titre de : {creances}.",
            ),
            tableau=tableau_principal(faits),
        ),
        Section(
            titre="Décompte des sommes dues",
            tableau=tableau_recapitulatif(dec, objet=objet_principal(faits.dossier)),
            notes=paragraphes_b2b,
        ),
        Section(
            titre="Délai et modalités de paiement",
            paragraphes=paragraphes(
                f"Nous vous demandons de régler cette somme dans un délai de {delai} jours, "
                f"soit au plus tard le {d(echeance.date_limite)}, {modalites_paiement(faits)}.",
                interets,
                quadriennale,
                a_venir,
            ),
        ),
        Section(titre="À défaut de paiement", paragraphes=paragraphes(suite)),
    )
    nom, qualite = signataire(faits)
    contenu = contenu_acte(
        faits,
        IDENTIFIANT,
        "Mise en demeure",
        mode_envoi=envoi,
        objet=f"Mise en demeure de payer — dossier {faits.dossier.reference}",
        formule_appel=appel(faits),
        sections=sections,
        formule_politesse=politesse(faits),
        signatures=(BlocSignature(identifiant="signature-creancier", qualite=qualite, nom=nom),),
        pied=pied_acte(faits, fondements_pied(b2b=b2b, commande_publique=commande_publique)),
    )
    return ContratMiseEnDemeure(
        identifiant=IDENTIFIANT,
        contenu=contenu,
        chiffres={**chiffres_decompte(dec), "date_limite": d(echeance.date_limite)},
        drapeaux={
            "b2b": b2b,
            "consommateur": consommateur,
            "taux_legal": taux_legal,
            "commande_publique": commande_publique,
            "juge_administratif": administratif,
        },
        mentions_requises=(imprimer_partie(faits.dossier.debiteur).nom, envoi),
        date_limite=echeance.date_limite,
        moyen=p.moyen,
        au=faits.au,
        decompte_au=dec.au,
    )
