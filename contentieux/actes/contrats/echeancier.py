"""Échéancier / plan d'apurement amiable : reconnaissance de la dette (C. civ. 2240, 2231),
échéances, intérêts, déchéance du terme, absence de novation (C. civ. 1330). Le juge peut aussi
accorder des délais (C. civ. 1343-5).

Refusé en procédure collective (C. com. L622-21).
"""

from __future__ import annotations

from decimal import Decimal

from contentieux.actes.contenu import (
    Section,
    Tableau,
)
from contentieux.actes.contrats.commun import (
    ContratActe,
    Faits,
    contenu_acte,
    d,
    imprimer_partie,
    m,
    modalites_paiement,
    paragraphes,
    pied_acte,
    signatures_bilaterales,
    tableau_recapitulatif,
)
from contentieux.actes.contrats.controles import (
    refuser_si_procedure_collective,
)
from contentieux.actes.parametres import exiger
from contentieux.actes.plan import EcheancePlan, calculer_echeancier
from contentieux.francais import (
    formater_taux,
    montant_en_lettres,
    pluriel,
)

IDENTIFIANT = "echeancier"


class ContratEcheancier(ContratActe):
    """Échéancier / plan d'apurement (C. civ. 1343-5 pour le juge ; 2240 reconnaissance)."""

    echeances: tuple[EcheancePlan, ...]


def construire(faits: Faits) -> ContratEcheancier:
    refuser_si_procedure_collective(faits, IDENTIFIANT)
    plan = faits.parametres.plan
    exiger(
        IDENTIFIANT,
        []
        if plan
        else [
            "actes.plan.nombre_echeances (nombre d'échéances)",
            "actes.plan.date_premiere_echeance (date de la première échéance)",
            "actes.plan.delai_regularisation_jours (délai avant déchéance du terme)",
        ],
    )
    assert plan is not None
    dec = faits.decompte
    montant = plan.montant or dec.total
    echeances = calculer_echeancier(
        montant,
        plan.nombre_echeances,
        plan.date_premiere_echeance,
        plan.periodicite,
        debut=faits.au,
        taux=plan.taux_interets,
    )
    total_interets = sum((e.interets for e in echeances), start=Decimal("0"))
    total_du = sum((e.montant for e in echeances), start=Decimal("0"))
    tableau = Tableau(
        colonnes=("N°", "Date", "Principal", "Intérêts", "Échéance", "Reste dû"),
        montants=(2, 3, 4, 5),
        largeurs=(7, 23, 17, 15, 19, 19),
        lignes=tuple(
            (
                str(e.numero),
                d(e.date),
                m(e.principal),
                m(e.interets),
                m(e.montant),
                m(e.solde_apres),
            )
            for e in echeances
        ),
        total=("Total", "", m(montant), m(total_interets), m(total_du), ""),
    )
    creancier = imprimer_partie(faits.dossier.creancier)
    debiteur = imprimer_partie(faits.dossier.debiteur)
    interets = (
        f"Les sommes échelonnées portent intérêts au taux conventionnel de "
        f"{formater_taux(plan.taux_interets)} l'an sur le solde restant dû, "
        "compris dans chaque échéance."
        if plan.taux_interets
        else "Les parties conviennent que les sommes échelonnées ne portent pas d'intérêts pendant "
        "l'exécution du plan, tant qu'il est respecté."
    )
    sections = (
        Section(
            titre="Entre",
            paragraphes=paragraphes(
                creancier.identification + ", ci-après « le créancier »,",
                debiteur.identification + ", ci-après « le débiteur ».",
            ),
        ),
        Section(
            titre="Article 1 — Reconnaissance de la dette",
            paragraphes=paragraphes(
                f"Le débiteur reconnaît devoir au créancier la somme de {m(montant)} "
                f"({montant_en_lettres(montant)}) arrêtée au {d(dec.au)}, au titre de : "
                + "; ".join(c.description or c.reference for c in faits.dossier.creances)
                + ".",
                "Cette reconnaissance interrompt la prescription (C. civ. 2240) ; un nouveau délai "
                "de même durée court à compter de sa signature (C. civ. 2231).",
            ),
            tableau=tableau_recapitulatif(dec),
        ),
        Section(
            titre="Article 2 — Échéancier",
            paragraphes=paragraphes(
                "Le débiteur s'engage à payer cette somme en "
                + pluriel(
                    plan.nombre_echeances,
                    f"échéance {plan.periodicite}",
                    f"échéances {plan.periodicite}s",
                )
                + f", la première le {d(plan.date_premiere_echeance)}, selon le "
                "tableau ci-dessous ; la dernière échéance comprend l'arrondi au centime.",
                f"Paiement : {modalites_paiement(faits)}.",
            ),
            tableau=tableau,
        ),
        Section(titre="Article 3 — Intérêts", paragraphes=paragraphes(interets)),
        Section(
            titre="Article 4 — Déchéance du terme",
            paragraphes=paragraphes(
                "À défaut de paiement d'une seule échéance à sa date, et "
                f"{plan.delai_regularisation_jours} jours après une mise en demeure restée sans "
                "effet, la totalité du solde restant dû deviendra immédiatement exigible, sans "
                "autre formalité, et le créancier pourra en poursuivre le recouvrement par "
                "toute voie de droit."
            ),
        ),
        Section(
            titre="Article 5 — Absence de novation",
            paragraphes=paragraphes(
                "Le présent échéancier ne vaut pas novation de la créance ; les sûretés et "
                "accessoires attachés à celle-ci sont maintenus. Fait en deux exemplaires "
                "originaux."
            ),
        ),
    )
    contenu = contenu_acte(
        faits,
        IDENTIFIANT,
        "Échéancier — plan d'apurement",
        sous_titre="Accord amiable d'échelonnement de la dette",
        destinataire=None,
        sections=sections,
        signatures=signatures_bilaterales(faits, "Lu et approuvé, bon pour accord"),
        pied=pied_acte(faits, "C. civ. 2240, 2231, 1343-5"),
    )
    return ContratEcheancier(
        identifiant=IDENTIFIANT,
        contenu=contenu,
        chiffres={"montant": m(montant), "derniere_echeance": m(echeances[-1].montant)},
        drapeaux={"interets": bool(plan.taux_interets)},
        mentions_requises=(creancier.nom, debiteur.nom),
        echeances=echeances,
        au=faits.au,
        decompte_au=dec.au,
    )
