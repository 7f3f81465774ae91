"""Échéancier / plan d'apurement amiable : reconnaissance de la dette (C. civ. 2240, 2231),
échéances, intérêts, déchéance du terme, absence de novation (C. civ. 1330). Le juge peut aussi
accorder des délais (C. civ. 1343-5).

Refusé en procédure collective (C. com. L622-21).

- **Intérêts du plan sur le seul principal** (C. civ. 1343-2 : pas d'intérêts sur les intérêts
  sans clause de capitalisation) : les intérêts, pénalités et indemnités échus compris dans la
  somme échelonnée ne produisent pas intérêt ; chaque échéance s'impute d'abord sur eux (C. civ.
  1343-1), le calcul est dans :func:`contentieux.actes.plan.calculer_echeancier`.
- **Consommateur** : un délai de paiement accordé par un professionnel à un consommateur
  moyennant intérêts ou frais est un crédit à la consommation (C. consom. L312-1 et suivants ;
  seuls les délais gratuits d'une dette existante en sont exclus, directive 2008/48/CE, art. 2) ;
  l'acte, qui n'en a ni l'offre ni les mentions, est refusé avec la manière de produire un plan
  gratuit (retirer ``actes.plan.taux_interets``).
- **Déchéance du terme** : seulement après une mise en demeure restée sans effet pendant le délai
  de régularisation ; envers un consommateur, ce délai est au moins le préavis des règles
  (``plan_apurement.preavis_decheance_consommateur_jours``, choix prudentiel : aucun texte ne le
  chiffre ; une déchéance sans préavis raisonnable est une clause abusive, C. consom. L212-1,
  Cass. 1re civ. 22 mars 2023, n° 21-16.044), qui s'applique à défaut.
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
from contentieux.droit.durees import duree
from contentieux.droit.qualites import est_consommateur, est_relation_de_consommation
from contentieux.erreurs import ActeInadapte, DonneesInvalides
from contentieux.francais import (
    formater_taux,
    montant_en_lettres,
    pluriel,
)
from contentieux.modeles.actes import ParametresPlan

IDENTIFIANT = "echeancier"


class ContratEcheancier(ContratActe):
    """Échéancier / plan d'apurement (C. civ. 1343-5 pour le juge ; 2240 reconnaissance)."""

    echeances: tuple[EcheancePlan, ...]


REGLE_PREAVIS = "plan_apurement.preavis_decheance_consommateur_jours"
"""Identifiant, dans les règles, du préavis minimal avant déchéance du terme (consommateur)."""


def credit_a_la_consommation(faits: Faits) -> bool:
    """Vrai si le débiteur est un consommateur et le créancier un professionnel : un plan avec
    intérêts ou frais serait alors un crédit à la consommation (C. consom. L312-1)."""
    dossier = faits.dossier
    return est_relation_de_consommation(dossier.creancier, dossier.debiteur)


def refuser_plan_onereux_consommateur(faits: Faits, plan: ParametresPlan) -> None:
    """Refuse le plan avec intérêts accordé par un professionnel à un consommateur."""
    if plan.taux_interets and credit_a_la_consommation(faits):
        raise ActeInadapte(
            f"acte « {IDENTIFIANT} » refusé : un plan d'apurement accordé par un professionnel à "
            f"un consommateur au taux de {formater_taux(plan.taux_interets)} est un crédit à la "
            "consommation (C. consom. L312-1 et suivants ; seuls les délais de paiement gratuits "
            "d'une dette existante en sont exclus, directive 2008/48/CE, art. 2) : il exige "
            "l'offre de crédit, les informations précontractuelles et le droit de rétractation de "
            "ce régime, que cet acte ne contient pas. Pour un plan gratuit, retirez "
            "actes.plan.taux_interets (ou mettez-le à 0) : les échéances ne porteront aucun "
            "intérêt ni frais.",
            acte=IDENTIFIANT,
        )


def delai_regularisation(faits: Faits, plan: ParametresPlan) -> tuple[int | None, int | None]:
    """Le délai laissé après mise en demeure avant la déchéance du terme, et le préavis minimal
    des règles quand le débiteur est un consommateur (None sinon). À défaut de délai donné, le
    préavis minimal s'applique au consommateur ; un délai plus court est refusé."""
    minimum: int | None = None
    if est_consommateur(faits.dossier.debiteur):
        minimum, _ = duree(faits.jeu_de_regles(), REGLE_PREAVIS, au=faits.au)
    delai = plan.delai_regularisation_jours or minimum
    if minimum is not None and delai is not None and delai < minimum:
        raise ActeInadapte(
            f"acte « {IDENTIFIANT} » refusé : actes.plan.delai_regularisation_jours = {delai} "
            f"jours ; envers un consommateur, la déchéance du terme suppose une mise en demeure "
            f"restée sans effet pendant un préavis d'une durée raisonnable, au moins {minimum} "
            f"jours selon les règles ({REGLE_PREAVIS} : choix prudentiel, une clause sans préavis "
            "raisonnable est abusive, C. consom. L212-1). Donnez au moins "
            f"{minimum} jours, ou retirez le champ pour appliquer ce préavis.",
            acte=IDENTIFIANT,
        )
    return delai, minimum


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
    refuser_plan_onereux_consommateur(faits, plan)
    delai, _minimum = delai_regularisation(faits, plan)
    exiger(
        IDENTIFIANT,
        []
        if delai
        else [
            "actes.plan.delai_regularisation_jours (délai laissé après une mise en demeure "
            "restée sans effet, avant la déchéance du terme)"
        ],
    )
    if plan.date_premiere_echeance < faits.au:
        raise DonneesInvalides(
            f"actes.plan.date_premiere_echeance : la première échéance "
            f"({plan.date_premiere_echeance.isoformat()}) précède la date de l'acte "
            f"({faits.au.isoformat()}), qui est celle de la signature du plan ; choisissez une "
            "date postérieure",
            champ="actes.plan.date_premiere_echeance",
        )
    dec = faits.decompte
    montant = plan.montant or dec.total
    principal = min(montant, dec.total_principal_restant)
    echeances = calculer_echeancier(
        montant,
        plan.nombre_echeances,
        plan.date_premiere_echeance,
        plan.periodicite,
        debut=faits.au,
        taux=plan.taux_interets,
        base_interets=principal,
    )
    total_interets = sum((e.interets for e in echeances), start=Decimal("0"))
    total_du = sum((e.montant for e in echeances), start=Decimal("0"))
    tableau = Tableau(
        colonnes=("N°", "Date", "Part de la dette", "Intérêts", "Échéance", "Reste dû"),
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
    accessoires = montant - principal
    interets = (
        f"Les intérêts au taux conventionnel de {formater_taux(plan.taux_interets)} l'an, "
        "compris dans chaque échéance, courent sur le seul principal restant dû "
        f"({m(principal)} à la signature)"
        + (
            f" ; les intérêts, pénalités et indemnités échus compris dans la somme échelonnée "
            f"({m(accessoires)}) ne produisent pas eux-mêmes intérêts (C. civ. 1343-2) et chaque "
            "échéance s'impute d'abord sur eux (C. civ. 1343-1)."
            if accessoires
            else ", sans capitalisation (C. civ. 1343-2)."
        )
        if plan.taux_interets
        else "Les parties conviennent que les sommes échelonnées ne portent pas d'intérêts pendant "
        "l'exécution du plan, tant qu'il est respecté, et qu'aucun frais n'est dû pour ce délai."
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
                "À défaut de paiement d'une seule échéance à sa date, le créancier mettra le "
                "débiteur en demeure de régulariser, par lettre recommandée avec demande d'avis "
                f"de réception ; si cette mise en demeure reste sans effet {delai} jours après sa "
                "réception, la totalité du solde restant dû deviendra exigible et le créancier "
                "pourra en poursuivre le recouvrement par toute voie de droit."
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
        # lieu et date au bas de l'acte, à remplir par chaque signataire (C. civ. 2240, 2231)
        lieu_date="",
        destinataire=None,
        sections=sections,
        signatures=signatures_bilaterales(faits, "Lu et approuvé, bon pour accord"),
        pied=pied_acte(
            faits,
            "C. civ. 2240, 2231, 1343-1, 1343-2"
            if plan.taux_interets
            else "C. civ. 2240, 2231" + (" ; C. consom. L212-1" if _minimum else ""),
        ),
    )
    return ContratEcheancier(
        identifiant=IDENTIFIANT,
        contenu=contenu,
        chiffres={
            "montant": m(montant),
            "derniere_echeance": m(echeances[-1].montant),
            **({"interets_plan": m(total_interets)} if plan.taux_interets else {}),
        },
        drapeaux={"interets": bool(plan.taux_interets), "consommateur": _minimum is not None},
        mentions_requises=(creancier.nom, debiteur.nom),
        echeances=echeances,
        au=faits.au,
        decompte_au=dec.au,
    )
