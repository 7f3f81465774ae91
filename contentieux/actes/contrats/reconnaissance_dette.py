"""Reconnaissance de dette (C. civ. 1376 : mention de la somme en lettres et en chiffres écrite
par le débiteur) ; elle interrompt la prescription (C. civ. 2240).

Refusée en procédure collective (C. com. L622-21).

**Le lieu et la date sont laissés en blanc** pour le débiteur : la date de sa signature fait
courir un nouveau délai de prescription (C. civ. 2240 et 2231) ; l'acte ne la devine pas.
**Une personne morale reconnaît par un signataire nommé**, avec sa qualité (« La société X,
représentée par … ») ; une personne physique écrit « Je soussigné » ou « Je soussignée » selon sa
civilité, jamais « soussigné(e) ». La somme en lettres et en chiffres, le cadre de la mention et
la signature forment un seul bloc, sur une même page (CSS ``break-inside: avoid`` ; DOCX « lier
au suivant »).
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
)
from contentieux.actes.contrats.controles import (
    refuser_si_procedure_collective,
)
from contentieux.actes.contrats.mentions import designer_pieces
from contentieux.francais import (
    accorder,
    montant_en_lettres,
    typographier,
)
from contentieux.modeles.parties import PersonneMorale

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
        + f" ({designer_pieces(c)})"
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
    engagement = _engagement(faits, lettres, m(montant), creancier.identification)
    sections = (
        Section(
            titre="Cause de la dette",
            paragraphes=paragraphes(f"{causes}."),
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
                "La présente reconnaissance interrompt la prescription (C. civ. 2240) ; un "
                "nouveau délai de même durée court à compter de la date de sa signature (C. civ. "
                "2231). Elle n'est pas un titre exécutoire. Établie en un exemplaire original "
                "remis au créancier.",
            ),
        ),
        Section(
            titre="Reconnaissance",
            # L'engagement en dernier, suivi du modèle de mention, du cadre et de la signature.
            paragraphes=(
                *paragraphes(
                    "Le débiteur écrit lui-même, dans le cadre ci-dessous, la somme en toutes "
                    "lettres et en chiffres ; en cas de différence, la somme écrite en toutes "
                    "lettres prévaut (C. civ. 1376). Il indique lui-même le lieu et la date de "
                    "sa signature.",
                    style="petit",
                ),
                *paragraphes(engagement, style="important"),
            ),
        ),
    )
    nom_signataire, qualite_signataire = _signataire_debiteur(faits)
    contenu = contenu_acte(
        faits,
        IDENTIFIANT,
        "Reconnaissance de dette",
        sous_titre="Article 1376 du Code civil",
        destinataire=None,
        # Lieu et date laissés au débiteur (C. civ. 2240) : rien en tête de l'acte.
        lieu_date="",
        sections=sections,
        mention_manuscrite=typographier(
            f"« Bon pour reconnaissance de dette de la somme de {lettres} ({m(montant)}). »"
        ),
        signatures=(
            BlocSignature(
                identifiant="signature-debiteur",
                qualite=qualite_signataire,
                nom=nom_signataire,
                mention=A_REMPLIR,
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


A_REMPLIR = "Fait à ……………………………………, le ……………………………………"
"""Lieu et date écrits par le débiteur (la date fait courir la prescription : C. civ. 2240)."""


def _engagement(faits: Faits, lettres: str, chiffres: str, creancier: str) -> str:
    """La phrase d'engagement : « Je soussigné … reconnais devoir », « La société X,
    représentée par …, reconnaît devoir » ; jamais « Je soussigné(e), X »."""
    debiteur = faits.dossier.debiteur
    somme = f"la somme de {lettres} ({chiffres})"
    if isinstance(debiteur, PersonneMorale):
        r = debiteur.representant
        qui = imprimer_partie(debiteur.model_copy(update={"representant": None})).identification
        par = (
            f"représentée par {r.nom}, en sa qualité de {r.fonction}"
            if r is not None
            else "représentée par ……………………………………, en sa qualité de ……………………………………"
        )
        return f"La société {qui}, {par}, reconnaît devoir à {creancier}, {somme}."
    identite = imprimer_partie(debiteur).identification
    soussigne = accorder(debiteur.civilite, "Je soussigné", "Je soussignée", "")
    if soussigne:
        return f"{soussigne}, {identite}, reconnais devoir à {creancier}, {somme}."
    return f"Le débiteur soussigné, {identite}, reconnaît devoir à {creancier}, {somme}."


def _signataire_debiteur(faits: Faits) -> tuple[str, str]:
    """(nom, qualité) du bloc de signature : la société par son représentant nommé."""
    debiteur = faits.dossier.debiteur
    if isinstance(debiteur, PersonneMorale):
        r = debiteur.representant
        nom = f"{r.nom}, {r.fonction}" if r is not None else "Nom et qualité : ……………………………………"
        return nom, f"Pour {debiteur.denomination}"
    return imprimer_partie(debiteur).nom, "Le débiteur"
