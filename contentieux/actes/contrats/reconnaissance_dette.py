"""Reconnaissance de dette (C. civ. 1376 : mention de la somme en lettres et en chiffres écrite
par le débiteur) ; elle interrompt la prescription (C. civ. 2240).

Refusée en procédure collective (C. com. L622-21).
"""

from __future__ import annotations

from decimal import Decimal

from contentieux.actes.contenu import (
    BlocSignature,
    Paragraphe,
    Section,
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
    ville_acte,
)
from contentieux.actes.contrats.controles import (
    refuser_si_procedure_collective,
)
from contentieux.francais import (
    montant_en_lettres,
    typographier,
)

IDENTIFIANT = "reconnaissance_dette"


class ContratReconnaissanceDette(ContratActe):
    """Reconnaissance de dette (C. civ. 1376)."""

    montant: Decimal
    montant_lettres: str


def construire(faits: Faits) -> ContratReconnaissanceDette:
    refuser_si_procedure_collective(faits, IDENTIFIANT)
    dec = faits.decompte
    montant = faits.parametres.reconnaissance.montant or dec.total
    lettres = montant_en_lettres(montant)
    creancier = imprimer_partie(faits.dossier.creancier)
    debiteur = imprimer_partie(faits.dossier.debiteur)
    causes = "; ".join(
        (c.description or c.reference)
        + " (factures "
        + ", ".join(f.numero for f in c.factures)
        + ")"
        for c in faits.dossier.creances
    )
    avertissement: tuple[Paragraphe, ...] = ()
    if montant < dec.total:
        avertissement = paragraphes(
            f"La somme reconnue ({m(montant)}) est inférieure au total du décompte "
            f"({m(dec.total)}) : "
            "la reconnaissance n'interrompt la prescription que pour ce qu'elle reconnaît ; "
            "certaines factures peuvent ne pas être couvertes (C. civ. 2240).",
            style="petit",
        )
    sections = (
        Section(
            paragraphes=paragraphes(
                f"Je soussigné(e), {debiteur.identification},",
                f"reconnais devoir à {creancier.identification},",
                f"la somme de {lettres} ({m(montant)}),",
                f"au titre de : {causes}.",
            ),
            notes=avertissement,
        ),
        Section(
            titre="Modalités",
            paragraphes=paragraphes(
                f"Cette somme, arrêtée au {d(dec.au)}, sera payée {modalites_paiement(faits)}"
                + (
                    ", selon l'échéancier convenu entre les parties."
                    if faits.parametres.plan
                    else "."
                ),
                "La présente reconnaissance interrompt la prescription (C. civ. 2240). Elle n'est "
                "pas un titre exécutoire. Établie en un exemplaire original remis au créancier.",
            ),
        ),
        Section(
            titre="Mention à écrire par le débiteur lui-même (C. civ. 1376)",
            paragraphes=paragraphes(
                "Le débiteur écrit lui-même, dans le cadre ci-dessous, la somme en toutes lettres "
                "et en chiffres ; en cas de différence, la somme écrite en toutes lettres prévaut.",
                style="petit",
            ),
        ),
    )
    contenu = contenu_acte(
        faits,
        IDENTIFIANT,
        "Reconnaissance de dette",
        sous_titre="Article 1376 du Code civil",
        destinataire=None,
        sections=sections,
        mention_manuscrite=typographier(
            f"« Bon pour reconnaissance de dette de la somme de {lettres} ({m(montant)}). »"
        ),
        signatures=(
            BlocSignature(
                identifiant="signature-debiteur",
                qualite="Le débiteur",
                nom=debiteur.nom,
                mention=f"Fait à {ville_acte(faits)}, le {d(faits.au)}",
            ),
        ),
        pied=pied_acte(faits, "C. civ. 1376, 2240"),
    )
    return ContratReconnaissanceDette(
        identifiant=IDENTIFIANT,
        contenu=contenu,
        chiffres={"montant": m(montant), "montant_lettres": lettres},
        mentions_requises=(creancier.nom, debiteur.nom),
        montant=montant,
        montant_lettres=lettres,
        au=faits.au,
        decompte_au=dec.au,
    )
