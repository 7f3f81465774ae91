"""Lettre de l'agence de recouvrement au débiteur (CPCE R124-4, reproduction de L111-8 al. 2 et 3).

Aucun frais de l'agence à la charge du débiteur (CPCE L111-8 al. 2 ; C. consom. L121-21 pour un
consommateur). Refusée en procédure collective (C. com. L622-21) et sur une créance prescrite.
"""

from __future__ import annotations

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
    debiteur_sans_frais,
    en_tete_acte,
    imprimer_partie,
    m,
    modalites_paiement,
    paragraphes,
    pied_acte,
    tableau_recapitulatif,
)
from contentieux.actes.contrats.controles import (
    refuser_si_prescrite,
    refuser_si_procedure_collective,
)
from contentieux.actes.contrats.mentions import (
    INDEMNITE_LEGALE,
    appel,
    manquants_pouvoir,
    objet_principal,
    politesse,
    representant_legal,
    tableau_principal,
)
from contentieux.actes.parametres import ParametresAgence, exiger
from contentieux.erreurs import ActeInadapte, FraisInterditsConsommateur
from contentieux.francais import de

IDENTIFIANT = "lettre_agence"


class ContratLettreAgence(ContratActe):
    """Lettre de l'agence au débiteur (CPCE R124-4, reproduction de L111-8)."""

    agence: str


def construire(faits: Faits) -> ContratLettreAgence:
    refuser_si_procedure_collective(faits, IDENTIFIANT)
    refuser_si_prescrite(faits, IDENTIFIANT)
    agence, p = agence_et_parametres(faits, IDENTIFIANT)
    if p.frais_demandes_au_debiteur:
        if debiteur_sans_frais(faits):
            raise FraisInterditsConsommateur(
                "acte « lettre_agence » refusé : des frais de l'agence seraient réclamés à un "
                "débiteur consommateur ; les frais de recouvrement entrepris sans titre exécutoire "
                "restent à la charge du créancier (CPCE L111-8 al. 2), et les réclamer est une "
                "infraction (C. consom. L121-21). Retirez actes.agence.frais_demandes_au_debiteur."
            )
        raise ActeInadapte(
            "acte « lettre_agence » refusé : les frais de l'agence restent à la charge du "
            "créancier "
            "(CPCE L111-8 al. 2, R124-4 3°) ; entre professionnels, seuls l'indemnité forfaitaire "
            "et les frais justifiés du décompte (C. com. L441-10 II) peuvent être demandés. "
            "Retirez "
            "actes.agence.frais_demandes_au_debiteur.",
            acte="lettre_agence",
        )
    exiger(IDENTIFIANT, manquants_pouvoir(faits) + _manquants_premiere_lettre(p))
    mandat = faits.dossier.mandataire
    assert mandat is not None and mandat.date_mandat is not None
    if mandat.date_mandat > faits.au:
        raise ActeInadapte(
            f"acte « {IDENTIFIANT} » refusé : la convention de recouvrement du "
            f"{d(mandat.date_mandat)} doit précéder toute démarche de l'agence (CPCE R124-3) ; "
            f"la lettre est datée du {d(faits.au)}",
            acte=IDENTIFIANT,
        )
    dec = faits.decompte
    a = imprimer_partie(agence)
    creancier = imprimer_partie(faits.dossier.creancier)
    l1118 = faits.articles["L111-8"]
    reference = p.reference_lettre or faits.dossier.reference
    # R124-4 : la référence et la date de la première lettre sont rappelées dans tout contact.
    premiere = (
        f"Nous faisons suite à notre première lettre du {d(p.date_premiere_lettre)}, "
        f"référence {p.reference_premiere_lettre}, restée sans effet."
        if p.reference_premiere_lettre and p.date_premiere_lettre
        else ""
    )
    rappel = (
        f"Rappelez dans tout contact la référence {p.reference_premiere_lettre} et la date "
        f"({d(p.date_premiere_lettre)}) de notre première lettre."
        if premiere and p.date_premiere_lettre
        else f"Rappelez dans tout contact la référence {reference} et la date "
        f"({d(faits.au)}) de la présente lettre."
    )
    indemnite = bool(dec.total_indemnites)
    sections = (
        Section(
            paragraphes=paragraphes(
                f"{a.nom}, {', '.join(a.adresse)}, exerce une activité de recouvrement amiable de "
                "créances pour le compte d'autrui. Nous intervenons pour le compte "
                f"{de(creancier.nom)}, {', '.join(creancier.adresse)}, votre créancier, en vertu "
                f"d'une convention de recouvrement du {d(mandat.date_mandat)} (référence "
                f"{mandat.reference_mandat}).",
                premiere,
            )
        ),
        Section(
            titre="Fondement et montant de la somme due",
            paragraphes=paragraphes(
                "Fondement : "
                + "; ".join(c.description or c.reference for c in faits.dossier.creances)
                + "."
            ),
            tableau=tableau_principal(faits),
        ),
        Section(
            titre="Principal, intérêts et accessoires",
            tableau=tableau_recapitulatif(dec, objet=objet_principal(faits.dossier)),
            notes=paragraphes(
                *((INDEMNITE_LEGALE,) if indemnite else ()),
                "Cette somme ne comprend aucun frais de l'agence ni aucun frais de recouvrement "
                "amiable à votre charge : ces frais restent à la charge du créancier (CPCE L111-8 "
                "al. 2).",
                style="petit",
            ),
        ),
        Section(
            titre="Demande de paiement",
            paragraphes=paragraphes(
                f"Nous vous demandons de régler la somme de {m(dec.total)} "
                f"{modalites_paiement(faits)}. {rappel}",
            ),
        ),
        Section(
            titre="Article L111-8 du code des procédures civiles d'exécution (alinéas 2 et 3)",
            paragraphes=paragraphes(*l1118["alineas"][1:3], style="citation"),
        ),
    )
    agent, qualite_agent = representant_legal(agence)
    contenu = contenu_acte(
        faits,
        IDENTIFIANT,
        "Recouvrement amiable",
        sous_titre="Lettre au débiteur (CPCE R124-4)",
        en_tete=en_tete_acte(faits, agence),
        expediteur=a,
        objet=f"Réf. {reference} — créance {de(creancier.nom)}",
        formule_appel=appel(faits),
        sections=sections,
        formule_politesse=politesse(faits),
        signatures=(
            BlocSignature(
                identifiant="signature-agence", qualite=f"L'agence — {qualite_agent}", nom=agent
            ),
        ),
        pied=pied_acte(faits, "CPCE R124-4, L111-8"),
    )
    return ContratLettreAgence(
        identifiant=IDENTIFIANT,
        contenu=contenu,
        chiffres=chiffres_decompte(dec),
        drapeaux={"consommateur": debiteur_sans_frais(faits)},
        mentions_requises=(a.nom, creancier.nom, reference, str(mandat.reference_mandat)),
        agence=a.nom,
        au=faits.au,
        decompte_au=dec.au,
    )


def _manquants_premiere_lettre(p: ParametresAgence) -> list[str]:
    """Une lettre qui suit la première en rappelle la référence et la date (R124-4)."""
    if bool(p.reference_premiere_lettre) != bool(p.date_premiere_lettre):
        return [
            "actes.agence.reference_premiere_lettre et actes.agence.date_premiere_lettre "
            "(les deux ensemble : une lettre suivante rappelle la référence et la date de la "
            "première, CPCE R124-4)"
        ]
    return []
