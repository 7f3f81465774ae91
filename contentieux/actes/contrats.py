"""Les contrats de données des actes : un modèle pydantic par acte, construit depuis le dossier,
le décompte et la recevabilité.

Chaque contrat porte le :class:`~contentieux.actes.contenu.Contenu` imprimé (mêmes paragraphes,
mêmes tableaux pour le PDF et le DOCX : une seule source de libellés par acte), les ``chiffres``
imprimés (revérifiés par ``verifier-acte``), les ``drapeaux`` qui conditionnent des mentions du
manifeste, et les ``mentions_requises`` propres au dossier. Tout ce qui se compte est compté ici
ou dans les couches de calcul ; les gabarits ne font que placer des valeurs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import Field

from contentieux.actes.contenu import (
    BlocSignature,
    Contenu,
    EnTete,
    Paragraphe,
    PartieImprimee,
    Section,
    StyleParagraphe,
    Tableau,
)
from contentieux.actes.parametres import ParametresActes, exiger
from contentieux.actes.plan import EcheancePlan, calculer_echeancier
from contentieux.droit.citations import articles, fondement_et_note
from contentieux.erreurs import ActeInadapte, FraisInterditsConsommateur
from contentieux.francais import (
    formater_date,
    formater_montant,
    formater_taux,
    montant_en_lettres,
    nombre_simple,
    typographier,
)
from contentieux.interets.indemnite import PRECISION_B2B
from contentieux.modeles.base import Modele
from contentieux.modeles.creances import TypePiece
from contentieux.modeles.decompte import Decompte
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import MiseEnDemeure, MoyenNotification, ProcedureCollective
from contentieux.modeles.parties import (
    NatureMandataire,
    PersonneMorale,
    PersonnePhysique,
    est_professionnel,
)
from contentieux.modeles.recevabilite import CodeVoie, Recevabilite

# --- contrats -----------------------------------------------------------------------------------


class ContratActe(Modele):
    """Socle commun : le contenu imprimé et ce que le vérificateur contrôle."""

    identifiant: str
    contenu: Contenu
    chiffres: dict[str, str] = Field(
        description="Chiffres imprimés, par nom (total, principal…), tels qu'ils apparaissent."
    )
    drapeaux: dict[str, bool] = Field(
        default_factory=dict, description="Conditions des mentions du manifeste (b2b…)."
    )
    mentions_requises: tuple[str, ...] = Field(
        default=(), description="Mentions propres au dossier : noms des parties, références."
    )
    au: dt.date
    decompte_au: dt.date = Field(description="Date du décompte imprimé.")


class ContratRelance(ContratActe):
    """Relance amiable : les factures, comment payer."""

    factures: tuple[tuple[str, ...], ...]


class ContratMiseEnDemeure(ContratActe):
    """Mise en demeure (C. civ. 1344, 1344-1 ; C. com. L441-10 entre professionnels)."""

    date_limite: dt.date
    moyen: MoyenNotification


class ContratRequeteInjonctionPayer(ContratActe):
    """Requête en injonction de payer (CPC 1405 à 1407, 54, 57)."""

    juridiction: str
    cerfa: str
    demande_1408: bool


class ContratBordereauPieces(ContratActe):
    """Bordereau de pièces numéroté (CPC 1407)."""

    pieces: tuple[tuple[str, ...], ...]


class ContratDecompte(ContratActe):
    """Annexe de décompte : le tableau de justification."""

    nombre_lignes: int


class ContratEcheancier(ContratActe):
    """Échéancier / plan d'apurement (C. civ. 1343-5 pour le juge ; 2240 reconnaissance)."""

    echeances: tuple[EcheancePlan, ...]


class ContratReconnaissanceDette(ContratActe):
    """Reconnaissance de dette (C. civ. 1376)."""

    montant: Decimal
    montant_lettres: str


class ContratMandatCommissaireJustice(ContratActe):
    """Mandat au commissaire de justice."""

    commissaire: str


class ContratConventionRecouvrement(ContratActe):
    """Convention de recouvrement amiable avec une agence (CPCE R124-3)."""

    agence: str


class ContratLettreAgence(ContratActe):
    """Lettre de l'agence au débiteur (CPCE R124-4, reproduction de L111-8)."""

    agence: str


class ContratDeclarationCreance(ContratActe):
    """Déclaration de créance au mandataire judiciaire (C. com. L622-24, R622-23)."""

    date_ouverture: dt.date
    date_limite: dt.date | None


# --- faits communs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Faits:
    """Ce dont un constructeur a besoin : le dossier, les résultats calculés, les paramètres."""

    dossier: Dossier
    au: dt.date
    decompte: Decompte
    recevabilite: Recevabilite
    parametres: ParametresActes
    articles: dict[str, Any]
    """Textes d'articles reproduits (gabarits/_commun/articles.yaml)."""
    decompte_ouverture: Decompte | None = None


def m(valeur: Decimal) -> str:
    """Montant imprimé."""
    return formater_montant(valeur)


def d(valeur: dt.date) -> str:
    """Date imprimée."""
    return formater_date(valeur)


def _p(*textes: str, style: StyleParagraphe = "normal") -> tuple[Paragraphe, ...]:
    return tuple(Paragraphe(texte=typographier(t), style=style) for t in textes if t)


def imprimer_partie(partie: PersonnePhysique | PersonneMorale) -> PartieImprimee:
    """Nom, adresse et identification complète (CPC 54 pour le demandeur, 57 pour le défendeur)."""
    adresse = partie.adresse_principale.en_lignes()
    ou = ", ".join(adresse)
    if isinstance(partie, PersonneMorale):
        morceaux = [partie.denomination]
        if partie.forme_juridique:
            morceaux.append(partie.forme_juridique)
        if partie.numero_siren:
            rcs = f" RCS {partie.rcs}" if partie.rcs else ""
            morceaux.append(f"SIREN {partie.numero_siren}{rcs}")
        morceaux.append(f"dont le siège social est {ou}")
        if partie.representant:
            morceaux.append(
                f"représentée par {partie.representant.nom}, {partie.representant.fonction}"
            )
        return PartieImprimee(
            nom=partie.denomination, adresse=adresse, identification=", ".join(morceaux)
        )
    morceaux = [partie.nom_complet]
    if partie.profession:
        morceaux.append(partie.profession)
    if partie.date_naissance:
        lieu = f" à {partie.lieu_naissance}" if partie.lieu_naissance else ""
        morceaux.append(f"né(e) le {d(partie.date_naissance)}{lieu}")
    if partie.nationalite:
        morceaux.append(f"de nationalité {partie.nationalite}")
    morceaux.append(f"demeurant {ou}")
    return PartieImprimee(
        nom=partie.nom_complet, adresse=adresse, identification=", ".join(morceaux)
    )


def manquants_article_54(partie: PersonnePhysique | PersonneMorale, role: str) -> list[str]:
    """Ce que l'article 54 CPC exige d'identifier et que le dossier ne donne pas."""
    if isinstance(partie, PersonneMorale):
        manque = []
        if not partie.forme_juridique:
            manque.append(f"{role}.forme_juridique (CPC 54 : forme de la personne morale)")
        if not partie.representant:
            manque.append(f"{role}.representant (CPC 54 : organe qui la représente)")
        return manque
    champs = [
        ("profession", "profession"),
        ("nationalite", "nationalité"),
        ("date_naissance", "date de naissance"),
        ("lieu_naissance", "lieu de naissance"),
    ]
    return [f"{role}.{c} (CPC 54 : {lib})" for c, lib in champs if getattr(partie, c) is None]


def _ville(faits: Faits) -> str:
    return faits.parametres.lieu or faits.dossier.creancier.adresse_principale.ville


def _en_tete(faits: Faits, emetteur: PersonnePhysique | PersonneMorale | None = None) -> EnTete:
    p = faits.parametres.en_tete
    if p is not None:
        return EnTete(nom=p.nom, lignes=p.lignes, logo=_logo(p.logo))
    qui = emetteur or faits.dossier.creancier
    imprimee = imprimer_partie(qui)
    lignes = list(imprimee.adresse)
    if isinstance(qui, PersonneMorale) and qui.numero_siren:
        lignes.append(f"SIREN {qui.numero_siren}" + (f" — RCS {qui.rcs}" if qui.rcs else ""))
    return EnTete(nom=imprimee.nom, lignes=tuple(lignes))


def _logo(chemin: str | None) -> str | None:
    if not chemin:
        return None
    import base64
    from pathlib import Path

    from contentieux.erreurs import DonneesInvalides

    fichier = Path(chemin)
    types = {
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".svg": "image/svg+xml",
    }
    if fichier.suffix.lower() not in types or not fichier.is_file():
        raise DonneesInvalides(
            f"actes.en_tete.logo : fichier « {chemin} » introuvable ou d'un type non pris en "
            "charge ; donnez le chemin d'un fichier PNG, JPEG ou SVG"
        )
    donnees = base64.b64encode(fichier.read_bytes()).decode("ascii")
    return f"data:{types[fichier.suffix.lower()]};base64,{donnees}"


def _signataire(faits: Faits) -> tuple[str, str]:
    s = faits.parametres.signataire
    if s is not None:
        return s.nom, s.qualite
    c = faits.dossier.creancier
    if isinstance(c, PersonneMorale) and c.representant:
        return c.representant.nom, f"{c.representant.fonction}, pour {c.denomination}"
    return imprimer_partie(c).nom, "Le créancier"


def _pied(faits: Faits, fondements: str) -> str:
    return f"Réf. {faits.dossier.reference} — {fondements}"


def _regimes(faits: Faits) -> set[str | None]:
    """Les régimes d'intérêts des créances du dossier (une seule règle : contentieux.droit)."""
    from contentieux.droit.regime import regime_interets

    d = faits.dossier
    return {regime_interets(d.creancier, d.debiteur, c).nom for c in d.creances}


def _est_b2b(faits: Faits) -> bool:
    return "penalites_b2b" in _regimes(faits)


def _debiteur_consommateur(faits: Faits) -> bool:
    return not est_professionnel(faits.dossier.debiteur)


def tableau_factures(dossier: Dossier) -> Tableau:
    """Les factures du dossier : numéro, émission, échéance, montant TTC."""
    lignes = tuple(
        (f.numero, d(f.date_emission), d(f.date_echeance), m(f.montant_ttc))
        for _, f in dossier.factures()
    )
    total = sum((f.montant_ttc for _, f in dossier.factures()), start=Decimal("0"))
    return Tableau(
        colonnes=("Facture", "Émise le", "Échue le", "Montant TTC"),
        montants=(3,),
        largeurs=(28, 24, 24, 24),
        lignes=lignes,
        total=("Total des factures", "", "", m(total)),
    )


def _fondements_lignes(dec: Decompte, *, penalites: bool) -> str:
    """Les articles des lignes d'intérêts (``penalites`` : des seules pénalités L441-10), chacun
    une fois, puis leurs précisions (la note avant sa remarque : « taux « particuliers » »,
    « L441-10 II : taux BCE … + 10 points »…)."""
    vus: dict[str, None] = {}
    precisions: dict[str, None] = {}
    for ligne in dec.lignes:
        if (ligne.regime == "penalites_b2b") == penalites:
            vus.update(dict.fromkeys(articles(ligne.fondement)))
            if ligne.note:
                precisions[ligne.note.split(" ; ", 1)[0]] = None
    if not vus:
        return ""
    return fondement_et_note(" ; ".join(vus), " ; ".join(precisions) or None)


def _fondements_indemnites(dec: Decompte) -> str:
    """Les articles des indemnités forfaitaires du décompte (L441-10 et D441-5 entre
    professionnels, CCP L2192-13 et D2192-35 pour un acheteur public), chacun une fois."""
    vus: dict[str, None] = {}
    for indemnite in dec.indemnites:
        if indemnite.nature == "forfaitaire":
            vus.update(dict.fromkeys(articles(indemnite.fondement)))
    return " ; ".join(vus)


def citations_bornees(citations: Sequence[str], limite: int = 160) -> str:
    """Des citations jointes par « ; », coupées entre deux citations (jamais au milieu) et
    terminées par « … » quand elles dépassent ``limite`` caractères (pied de page).

    >>> citations_bornees(["C. civ. 1231-6", "C. civ. 1344-1", "CMF L313-2"], limite=32)
    'C. civ. 1231-6 ; C. civ. 1344-1 …'
    """
    texte = ""
    for citation in citations:
        suivant = f"{texte} ; {citation}" if texte else citation
        if len(suivant) > limite:
            return f"{texte} …"
        texte = suivant
    return texte


def tableau_recapitulatif(dec: Decompte, *, sans_frais_recouvrement: bool = False) -> Tableau:
    """Principal, intérêts, pénalités, indemnités et clauses pénales sur des lignes distinctes."""
    lignes: list[tuple[str, str, str]] = [
        ("Principal restant dû", "factures impayées", m(dec.total_principal_restant))
    ]
    if dec.total_interets:
        lignes.append(
            (
                "Intérêts de retard",
                _fondements_lignes(dec, penalites=False) or "C. civ. 1231-6",
                m(dec.total_interets),
            )
        )
    if dec.total_penalites:
        lignes.append(
            (
                "Pénalités de retard",
                _fondements_lignes(dec, penalites=True) or "C. com. L441-10",
                m(dec.total_penalites),
            )
        )
    if dec.total_indemnites and not sans_frais_recouvrement:
        lignes.append(
            (
                "Indemnités forfaitaires pour frais de recouvrement",
                _fondements_indemnites(dec) or "C. com. L441-10 ; C. com. D441-5",
                m(dec.total_indemnites),
            )
        )
    if dec.total_clauses_penales:
        lignes.append(("Clause pénale", "C. civ. 1231-5", m(dec.total_clauses_penales)))
    if dec.total_accessoires_regles:
        lignes.append(
            (
                "Paiements déjà imputés sur ces accessoires",
                "C. civ. 1343-1",
                "− " + m(dec.total_accessoires_regles),
            )
        )
    return Tableau(
        colonnes=("Poste", "Fondement", "Montant"),
        montants=(2,),
        largeurs=(46, 34, 20),
        lignes=tuple(lignes),
        total=(f"Total dû au {d(dec.au)}", "", m(dec.total)),
    )


def chiffres_decompte(dec: Decompte) -> dict[str, str]:
    """Les chiffres du décompte que tout acte chiffré imprime."""
    chiffres = {"total": m(dec.total), "principal_restant": m(dec.total_principal_restant)}
    for nom in ("total_interets", "total_penalites", "total_indemnites", "total_clauses_penales"):
        valeur = getattr(dec, nom)
        if valeur:
            chiffres[nom.removeprefix("total_")] = m(valeur)
    return chiffres


LIBELLES_PIECES: dict[TypePiece, str] = {
    TypePiece.CONTRAT: "Contrat",
    TypePiece.BON_DE_COMMANDE_SIGNE: "Bon de commande signé",
    TypePiece.DEVIS_ACCEPTE: "Devis accepté",
    TypePiece.BON_DE_LIVRAISON: "Bon de livraison",
    TypePiece.CONDITIONS_GENERALES: "Conditions générales",
    TypePiece.FACTURE: "Facture",
    TypePiece.RELEVE_DE_COMPTE: "Relevé de compte",
    TypePiece.COURRIER: "Courrier",
    TypePiece.ACCUSE_RECEPTION: "Accusé de réception",
    TypePiece.RECONNAISSANCE_DE_DETTE: "Reconnaissance de dette",
    TypePiece.DECISION_DE_JUSTICE: "Décision de justice",
    TypePiece.AUTRE: "Pièce",
}

LIBELLES_MOYENS: dict[MoyenNotification, str] = {
    MoyenNotification.LETTRE_RECOMMANDEE_AR: "lettre recommandée avec demande d'avis de réception",
    MoyenNotification.LETTRE_RECOMMANDEE_ELECTRONIQUE: "lettre recommandée électronique",
    MoyenNotification.ACTE_COMMISSAIRE_DE_JUSTICE: "acte de commissaire de justice (sommation)",
    MoyenNotification.COURRIEL_AVEC_PREUVE: "courriel avec preuve de réception",
    MoyenNotification.COURRIEL: "courriel",
    MoyenNotification.LETTRE_SIMPLE: "lettre simple",
}


def pieces_numerotees(faits: Faits) -> tuple[tuple[str, ...], ...]:
    """Le bordereau : numéro, pièce, référence, date, description (CPC 1407)."""
    lignes: list[tuple[str, ...]] = []
    for creance in faits.dossier.creances:
        for piece in creance.pieces:
            lignes.append(
                (
                    LIBELLES_PIECES[piece.type],
                    piece.reference,
                    d(piece.date) if piece.date else "non datée",
                    piece.description or (creance.description or creance.reference),
                )
            )
    for med in faits.dossier.evenements_de_type(MiseEnDemeure):
        lignes.append(
            (
                "Mise en demeure",
                med.reference or "sans référence",
                d(med.date_envoi),
                f"envoyée par {LIBELLES_MOYENS[med.moyen]}"
                + (f", reçue le {d(med.date_reception)}" if med.date_reception else ""),
            )
        )
    dec = faits.decompte_ouverture or faits.decompte
    lignes.append(
        (
            "Décompte",
            faits.dossier.reference,
            d(dec.au),
            f"Décompte des sommes dues arrêté au {d(dec.au)}",
        )
    )
    return tuple((str(i), *ligne) for i, ligne in enumerate(lignes, start=1))


def tableau_pieces(faits: Faits) -> Tableau:
    return Tableau(
        colonnes=("N°", "Pièce", "Référence", "Date", "Description"),
        largeurs=(6, 18, 20, 17, 39),
        lignes=pieces_numerotees(faits),
    )


def _modalites(faits: Faits) -> str:
    if faits.parametres.modalites_paiement:
        return faits.parametres.modalites_paiement
    c = imprimer_partie(faits.dossier.creancier)
    return (
        f"par virement sur le compte bancaire indiqué sur les factures, ou par chèque à l'ordre de "
        f"{c.nom} adressé au {', '.join(c.adresse)}, "
        f"en rappelant la référence {faits.dossier.reference}"
    )


def _contenu(faits: Faits, identifiant: str, titre: str, **champs: Any) -> Contenu:
    c = faits.dossier.creancier
    debiteur = imprimer_partie(faits.dossier.debiteur)
    valeurs: dict[str, Any] = {
        "acte": identifiant,
        "titre": titre,
        "reference": faits.dossier.reference,
        "date_acte": faits.au,
        "lieu_date": f"{_ville(faits)}, le {d(faits.au)}",
        "en_tete": _en_tete(faits),
        "expediteur": imprimer_partie(c),
        "destinataire": debiteur,
    }
    valeurs.update(champs)
    return Contenu(**valeurs)


def _refuser_si_procedure_collective(faits: Faits, acte: str) -> None:
    if faits.recevabilite.voie.code is CodeVoie.DECLARATION_CREANCE:
        raise ActeInadapte(
            f"acte « {acte} » refusé : le débiteur fait l'objet d'une procédure collective ; "
            "les poursuites individuelles sont arrêtées (C. com. L622-21) : produisez la "
            "déclaration de créance (« declaration_creance »). Motif de la recevabilité : "
            + " ; ".join(faits.recevabilite.voie.motifs),
            acte=acte,
        )


def _refuser_si_prescrite(faits: Faits, acte: str) -> None:
    constat = faits.recevabilite.constat("prescription")
    if constat.satisfaite is False:
        raise ActeInadapte(
            f"acte « {acte} » refusé : la créance est prescrite ; elle ne peut être réclamée comme "
            f"si elle était due (C. civ. 2219 ; C. consom. L121-2). Motif : {constat.motif}",
            acte=acte,
        )


# --- constructeurs ------------------------------------------------------------------------------


def construire_relance(faits: Faits) -> ContratRelance:
    _refuser_si_procedure_collective(faits, "relance")
    _refuser_si_prescrite(faits, "relance")
    dec = faits.decompte
    factures = tableau_factures(faits.dossier)
    nom, qualite = _signataire(faits)
    sections = (
        Section(
            paragraphes=_p(
                "Sauf erreur ou omission de notre part, les factures ci-dessous restent impayées à "
                "ce jour, bien que leur date d'échéance soit dépassée. Il s'agit peut-être d'un "
                "simple oubli."
            ),
            tableau=factures,
        ),
        Section(
            paragraphes=_p(
                f"Compte tenu des paiements déjà reçus, le solde restant dû en principal s'élève à "
                f"{m(dec.total_principal_restant)}.",
                f"Nous vous remercions de bien vouloir régler cette somme {_modalites(faits)}.",
                "Si votre règlement a croisé ce courrier, nous vous prions de ne pas en tenir "
                "compte. Pour toute question sur ces factures, notre service reste à votre "
                "disposition.",
            )
        ),
    )
    contenu = _contenu(
        faits,
        "relance",
        "Relance",
        objet=f"Factures impayées — dossier {faits.dossier.reference}",
        formule_appel="Madame, Monsieur,",
        sections=sections,
        formule_politesse="Nous vous prions d'agréer, Madame, Monsieur, nos salutations "
        "distinguées.",
        signatures=(BlocSignature(identifiant="signature-creancier", qualite=qualite, nom=nom),),
        pied=_pied(faits, "Relance amiable"),
    )
    return ContratRelance(
        identifiant="relance",
        contenu=contenu,
        chiffres={"principal_restant": m(dec.total_principal_restant)},
        mentions_requises=tuple(f.numero for _, f in faits.dossier.factures()),
        factures=factures.lignes,
        au=faits.au,
        decompte_au=dec.au,
    )


def construire_mise_en_demeure(faits: Faits) -> ContratMiseEnDemeure:
    from contentieux.delais import calculer_echeance

    _refuser_si_procedure_collective(faits, "mise_en_demeure")
    _refuser_si_prescrite(faits, "mise_en_demeure")
    p = faits.parametres.mise_en_demeure
    delai = p.delai_jours
    if delai is None:
        anciennes = faits.dossier.evenements_de_type(MiseEnDemeure)
        delai = next((e.delai_jours for e in reversed(anciennes) if e.delai_jours), None)
    exiger(
        "mise_en_demeure",
        []
        if delai
        else ["actes.mise_en_demeure.delai_jours (délai laissé au débiteur pour payer, en jours)"],
    )
    assert delai is not None
    dec = faits.decompte
    departement = faits.dossier.debiteur.adresse_principale.departement
    echeance = calculer_echeance(faits.au, jours=delai, departement=departement)
    b2b = _est_b2b(faits)
    consommateur = _debiteur_consommateur(faits)
    if consommateur and (dec.total_indemnites or dec.options.frais_recouvrement):
        raise FraisInterditsConsommateur(
            "mise en demeure : des frais de recouvrement figurent au décompte d'un débiteur "
            "consommateur (CPCE L111-8 al. 2) ; retirez-les"
        )
    creances = "; ".join(
        (c.description or c.reference)
        + " (factures "
        + ", ".join(f.numero for f in c.factures)
        + ")"
        for c in faits.dossier.creances
    )
    envoi = LIBELLES_MOYENS[p.moyen].capitalize() + (
        f" n° {p.reference_envoi}" if p.reference_envoi else ""
    )
    suite = (
        "À défaut de paiement intégral dans ce délai, nous saisirons sans autre avis la "
        "juridiction "
        "compétente, notamment par une requête en injonction de payer (CPC 1405 et suivants), "
        "les frais de procédure restant à votre charge dans les conditions de la loi."
    )
    paragraphes_b2b = (
        _p(
            "Entre professionnels, conformément à l'article L441-10 du Code de commerce, tout "
            "retard "
            "de paiement rend exigibles de plein droit, sans rappel, des pénalités de retard ainsi "
            "qu'une indemnité forfaitaire pour frais de recouvrement (C. com. D441-5) par facture "
            "payée en retard ; elles figurent ci-dessus sur des lignes distinctes."
        )
        if b2b
        else ()
    )
    regimes = _regimes(faits)
    taux_legal = "taux_legal" in regimes
    interets = (
        "La présente mise en demeure fait courir les intérêts au taux légal sur les sommes "
        "dues (C. civ. 1231-6 et 1344-1), jusqu'au complet paiement."
        if taux_legal
        else "La présente mise en demeure fait courir les intérêts au taux convenu sur les "
        "sommes dues (C. civ. 1231-6 et 1344-1), jusqu'au complet paiement."
        if "taux_conventionnel" in regimes
        else "Les intérêts continuent de courir jusqu'au complet paiement."
    )
    sections = (
        Section(
            paragraphes=_p(
                f"Par la présente, nous vous mettons en demeure de nous payer la somme de "
                f"{m(dec.total)} arrêtée au {d(dec.au)}, due au titre de : {creances}.",
            ),
            tableau=tableau_factures(faits.dossier),
        ),
        Section(
            titre="Décompte des sommes dues",
            tableau=tableau_recapitulatif(dec),
            notes=paragraphes_b2b,
        ),
        Section(
            titre="Délai et modalités de paiement",
            paragraphes=_p(
                f"Nous vous demandons de régler cette somme dans un délai de {delai} jours, "
                f"soit au plus tard le {d(echeance.date_limite)}, {_modalites(faits)}.",
                interets,
            ),
        ),
        Section(titre="À défaut de paiement", paragraphes=_p(suite)),
    )
    nom, qualite = _signataire(faits)
    contenu = _contenu(
        faits,
        "mise_en_demeure",
        "Mise en demeure",
        mode_envoi=envoi,
        objet=f"Mise en demeure de payer — dossier {faits.dossier.reference}",
        formule_appel="Madame, Monsieur,",
        sections=sections,
        formule_politesse="Veuillez agréer, Madame, Monsieur, nos salutations distinguées.",
        signatures=(BlocSignature(identifiant="signature-creancier", qualite=qualite, nom=nom),),
        pied=_pied(faits, "C. civ. 1344, 1344-1, 1231-6" + (" ; C. com. L441-10" if b2b else "")),
    )
    return ContratMiseEnDemeure(
        identifiant="mise_en_demeure",
        contenu=contenu,
        chiffres={**chiffres_decompte(dec), "date_limite": d(echeance.date_limite)},
        drapeaux={"b2b": b2b, "consommateur": consommateur, "taux_legal": taux_legal},
        mentions_requises=(imprimer_partie(faits.dossier.debiteur).nom, envoi),
        date_limite=echeance.date_limite,
        moyen=p.moyen,
        au=faits.au,
        decompte_au=dec.au,
    )


def _refuser_non_recevable(faits: Faits, acte: str) -> None:
    r = faits.recevabilite
    if r.recevable is False:
        motifs = [f"{c.intitule} : {c.motif}" for c in r.constats if c.satisfaite is False]
        raise ActeInadapte(
            f"acte « {acte} » refusé : la créance n'est pas recevable au {d(r.au)}.\n  - "
            + "\n  - ".join(motifs),
            acte=acte,
        )


def construire_requete_injonction_payer(faits: Faits) -> ContratRequeteInjonctionPayer:
    _refuser_si_procedure_collective(faits, "requete_injonction_payer")
    _refuser_non_recevable(faits, "requete_injonction_payer")
    j = faits.recevabilite.juridiction
    if j is None:
        raise ActeInadapte(
            "acte « requete_injonction_payer » refusé : la recevabilité ne désigne aucune "
            "juridiction pour une injonction de payer ; voie recommandée : "
            + faits.recevabilite.voie.intitule,
            acte="requete_injonction_payer",
        )
    dossier = faits.dossier
    manquants = manquants_article_54(dossier.creancier, "creancier")
    exiger("requete_injonction_payer", manquants)
    dec = faits.decompte
    cerfas: dict[str, str] = faits.articles["cerfa_injonction"]
    cerfa = cerfas.get(j.nature.value, cerfas["president_tribunal_judiciaire"])
    nom_juridiction = faits.parametres.requete.juridiction_nom or j.nom
    designation = (
        f"{j.intitule} — {nom_juridiction}"
        if nom_juridiction
        else f"{j.intitule} compétent pour {j.lieu}"
    )
    creancier = imprimer_partie(dossier.creancier)
    debiteurs = [imprimer_partie(x) for x in dossier.debiteurs]
    pieces = tableau_pieces(faits)
    causes = tuple(
        Paragraphe(
            texte=(
                f"{c.description or c.reference} : créance d'origine {c.origine.value}, "
                f"{len(c.factures)} facture(s) ou échéance(s) "
                f"pour un principal de {m(c.principal)}."
            )
        )
        for c in dossier.creances
    )
    sections: list[Section] = [
        Section(titre="Le requérant", paragraphes=_p(creancier.identification)),
    ]
    if dossier.mandataire:
        sections.append(
            Section(
                titre="Représenté par",
                paragraphes=_p(
                    imprimer_partie(dossier.mandataire.identite).identification
                    + f" ({dossier.mandataire.nature.value.replace('_', ' ')})"
                ),
            )
        )
    sections += [
        Section(titre="Contre", paragraphes=_p(*(x.identification for x in debiteurs))),
        Section(
            titre="Objet et fondement de la demande",
            paragraphes=(
                *_p(
                    "Le requérant est créancier d'une somme d'argent qui a une cause contractuelle "
                    "(ou résulte d'une obligation de caractère statutaire) et s'élève à un montant "
                    "déterminé (CPC 1405) :"
                ),
                *causes,
            ),
            tableau=tableau_factures(dossier),
        ),
        Section(
            titre="Montant réclamé et décompte",
            paragraphes=_p(
                f"Le montant précis de la somme réclamée est de {m(dec.total)} au {d(dec.au)}, "
                "décomposé comme suit (CPC 1407) ; le calcul détaillé figure au décompte annexé."
            ),
            tableau=tableau_recapitulatif(dec),
        ),
        Section(titre="Bordereau des pièces produites (CPC 1407)", tableau=pieces),
        Section(
            titre="Par ces motifs",
            paragraphes=_p(
                f"Le requérant demande qu'il plaise à Madame ou Monsieur le président de "
                f"rendre une "
                f"ordonnance enjoignant à {', '.join(x.nom for x in debiteurs)} de lui payer "
                f"la somme "
                f"de {m(dec.total)}, avec les intérêts postérieurs au {d(dec.au)} jusqu'à parfait "
                "paiement, et les dépens.",
                style="important",
            ),
        ),
    ]
    if faits.parametres.requete.demande_1408:
        sections.append(
            Section(
                titre="Demande de renvoi (CPC 1408)",
                paragraphes=_p(
                    "En cas d'opposition, le requérant demande que l'affaire soit immédiatement "
                    "renvoyée devant la juridiction qu'il estime compétente (CPC 1408)."
                ),
            )
        )
    sections.append(
        Section(
            paragraphes=_p(
                f"Requête établie sur papier libre ; elle tient lieu du formulaire Cerfa n° "
                f"{cerfa} "
                "et en comporte toutes les mentions (CPC 54, 57 et 1407).",
                style="petit",
            )
        )
    )
    nom, qualite = _signataire(faits)
    contenu = _contenu(
        faits,
        "requete_injonction_payer",
        "Requête en injonction de payer",
        sous_titre="Articles 1405 à 1425 du code de procédure civile",
        destinataire=PartieImprimee(
            nom=f"À Madame ou Monsieur le {j.intitule[:1].lower()}{j.intitule[1:]}",
            adresse=(nom_juridiction or f"compétent pour {j.lieu}",),
            identification=designation,
        ),
        sections=tuple(sections),
        signatures=(BlocSignature(identifiant="signature-creancier", qualite=qualite, nom=nom),),
        pied=_pied(faits, "CPC 1405 à 1407, 54 et 57"),
    )
    return ContratRequeteInjonctionPayer(
        identifiant="requete_injonction_payer",
        contenu=contenu,
        chiffres=chiffres_decompte(dec),
        drapeaux={"demande_1408": faits.parametres.requete.demande_1408},
        mentions_requises=(creancier.nom, *(x.nom for x in debiteurs), j.intitule),
        juridiction=designation,
        cerfa=cerfa,
        demande_1408=faits.parametres.requete.demande_1408,
        au=faits.au,
        decompte_au=dec.au,
    )


def construire_bordereau_pieces(faits: Faits) -> ContratBordereauPieces:
    tableau = tableau_pieces(faits)
    nom, qualite = _signataire(faits)
    contenu = _contenu(
        faits,
        "bordereau_pieces",
        "Bordereau de pièces",
        sous_titre="Pièces communiquées à l'appui de la demande (CPC 1407)",
        destinataire=None,
        sections=(
            Section(
                paragraphes=_p(
                    f"Dossier {faits.dossier.reference} — "
                    f"{imprimer_partie(faits.dossier.creancier).nom} "
                    f"contre {', '.join(imprimer_partie(x).nom for x in faits.dossier.debiteurs)}."
                ),
                tableau=tableau,
            ),
        ),
        signatures=(BlocSignature(identifiant="signature-creancier", qualite=qualite, nom=nom),),
        pied=_pied(faits, "CPC 1407"),
    )
    return ContratBordereauPieces(
        identifiant="bordereau_pieces",
        contenu=contenu,
        chiffres={"nombre_pieces": str(len(tableau.lignes))},
        mentions_requises=tuple(ligne[2] for ligne in tableau.lignes),
        pieces=tableau.lignes,
        au=faits.au,
        decompte_au=(faits.decompte_ouverture or faits.decompte).au,
    )


class _Renvois:
    """Notes en renvoi d'un tableau : chaque précision distincte est numérotée une fois, la
    cellule porte « (1) » et la note s'imprime sous le tableau (un décompte de cent lignes ne
    répète pas cent fois « L441-10 II : taux BCE … + 10 points »)."""

    def __init__(self) -> None:
        self.numeros: dict[str, int] = {}

    def __call__(self, texte: str, note: str | None) -> str:
        """``texte`` suivi de l'appel de note de ``note`` (rien sans note)."""
        if not note:
            return texte
        numero = self.numeros.setdefault(note, len(self.numeros) + 1)
        return f"{texte} ({numero})"

    def notes(self) -> tuple[Paragraphe, ...]:
        return _p(*(f"({n}) {note}" for note, n in self.numeros.items()), style="petit")


_SUFFIXE_B2B = f" ; {PRECISION_B2B}"


def _precision_du_motif(motif: str) -> str | None:
    """La précision L441-10 II que le décompte ajoute au motif d'une indemnité entre
    professionnels (:data:`contentieux.interets.indemnite.PRECISION_B2B`), ou None."""
    return PRECISION_B2B if motif.endswith(_SUFFIXE_B2B) else None


def _motif_sans_precision(motif: str) -> str:
    return motif.removesuffix(_SUFFIXE_B2B)


def _sections_decompte(dec: Decompte) -> tuple[Section, ...]:
    renvoi = _Renvois()
    lignes = tuple(
        (
            ligne.facture or ligne.creance,
            f"du {d(ligne.du)} au {d(ligne.au)}",
            ligne.calcul,
            m(ligne.montant),
            renvoi(ligne.fondement, ligne.note),
        )
        for ligne in dec.lignes
    )
    sections = [
        Section(
            titre="Intérêts et pénalités, ligne par ligne",
            paragraphes=_p(
                "Chaque ligne couvre une période à taux constant ; les jours comptés sont ceux "
                "qui suivent la date de départ jusqu'à la date de fin incluse ; le montant est "
                "base × taux × jours / diviseur, arrondi au centime (moitié vers le haut)."
            ),
            tableau=Tableau(
                colonnes=(
                    "Facture",
                    "Période",
                    "Calcul (base × taux × jours / diviseur)",
                    "Montant",
                    "Fondement",
                ),
                montants=(3,),
                largeurs=(14, 19, 33, 12, 22),
                lignes=lignes,
                total=(
                    "Total des intérêts et pénalités",
                    "",
                    "",
                    m(dec.total_interets + dec.total_penalites),
                    "",
                ),
            ),
            notes=renvoi.notes(),
        )
    ]
    if dec.indemnites:
        renvoi = _Renvois()
        sections.append(
            Section(
                titre="Indemnités",
                tableau=Tableau(
                    colonnes=("Facture", "Motif", "Montant", "Fondement"),
                    montants=(2,),
                    largeurs=(15, 45, 12, 28),
                    lignes=tuple(
                        (
                            i.facture or i.creance,
                            _motif_sans_precision(i.motif),
                            m(i.montant),
                            renvoi(i.fondement, _precision_du_motif(i.motif)),
                        )
                        for i in dec.indemnites
                    ),
                ),
                notes=renvoi.notes(),
            )
        )
    if dec.clauses_penales:
        renvoi = _Renvois()
        sections.append(
            Section(
                titre="Clauses pénales",
                tableau=Tableau(
                    colonnes=("Créance", "Montant", "Fondement"),
                    montants=(1,),
                    lignes=tuple(
                        (c.creance, m(c.montant), renvoi(c.fondement, c.note))
                        for c in dec.clauses_penales
                    ),
                ),
                notes=renvoi.notes(),
            )
        )
    if dec.imputations:
        sections.append(
            Section(
                titre="Paiements et imputation",
                tableau=Tableau(
                    colonnes=("Date", "Montant", "Imputation", "Fondement"),
                    montants=(1,),
                    largeurs=(16, 14, 45, 25),
                    lignes=tuple(
                        (
                            d(i.date),
                            m(i.montant),
                            " ; ".join(
                                f"{p.facture or p.creance} ({POSTES[p.nature]}) {m(p.montant)}"
                                for p in i.parts
                            )
                            or i.motif,
                            " ; ".join(i.fondements),
                        )
                        for i in dec.imputations
                    ),
                ),
            )
        )
    if dec.valeurs_utilisees:
        sections.append(
            Section(
                titre="Taux et valeurs appliqués",
                tableau=Tableau(
                    colonnes=("Valeur", "Taux ou montant", "Période", "Source"),
                    montants=(1,),
                    largeurs=(22, 13, 22, 43),
                    lignes=tuple(
                        (
                            v.identifiant,
                            _valeur_regle(v.valeur, v.unite),
                            f"du {d(v.du)}" + (f" au {d(v.jusqu_au)}" if v.jusqu_au else ""),
                            f"{v.reference} — {v.source}",
                        )
                        for v in dec.valeurs_utilisees
                    ),
                ),
            )
        )
    sections.append(Section(titre="Récapitulatif", tableau=tableau_recapitulatif(dec)))
    notes = [f"Diviseur : {dec.options.diviseur} ; version des règles : {dec.regles_version}."]
    notes += list(dec.avertissements)
    sections.append(Section(notes=_p(*notes, style="petit")))
    return tuple(sections)


POSTES = {"interets": "intérêts", "indemnite": "indemnité", "principal": "principal"}
"""Libellés des postes d'imputation d'un paiement."""


def _valeur_regle(valeur: Decimal, unite: str) -> str:
    """Une valeur de règle avec son unité : « 12,15 % », « 10,00 points », « 40,00 € »."""
    if unite == "pourcent":
        return formater_taux(valeur)
    if unite == "points":
        return f"{nombre_simple(valeur)} points"
    if unite == "euros":
        return m(valeur)
    if unite == "coefficient":
        return f"× {nombre_simple(valeur)}"
    return f"{nombre_simple(valeur)} {unite}"


def construire_decompte(faits: Faits) -> ContratDecompte:
    dec = faits.decompte_ouverture or faits.decompte
    nom, qualite = _signataire(faits)
    contenu = _contenu(
        faits,
        "decompte",
        "Décompte des sommes dues",
        sous_titre=f"Arrêté au {d(dec.au)}",
        destinataire=None,
        sections=_sections_decompte(dec),
        signatures=(BlocSignature(identifiant="signature-creancier", qualite=qualite, nom=nom),),
        pied=_pied(faits, citations_bornees(dec.fondements)),
    )
    return ContratDecompte(
        identifiant="decompte",
        contenu=contenu,
        chiffres=chiffres_decompte(dec),
        mentions_requises=tuple(dict.fromkeys(ligne.calcul for ligne in dec.lignes)),
        nombre_lignes=len(dec.lignes),
        au=faits.au,
        decompte_au=dec.au,
    )


def _signatures_bilaterales(
    faits: Faits, mention_debiteur: str | None = None
) -> tuple[BlocSignature, ...]:
    nom, qualite = _signataire(faits)
    debiteur = imprimer_partie(faits.dossier.debiteur)
    return (
        BlocSignature(
            identifiant="signature-creancier", qualite=f"Le créancier — {qualite}", nom=nom
        ),
        BlocSignature(
            identifiant="signature-debiteur",
            qualite="Le débiteur",
            nom=debiteur.nom,
            mention=mention_debiteur,
        ),
    )


def construire_echeancier(faits: Faits) -> ContratEcheancier:
    _refuser_si_procedure_collective(faits, "echeancier")
    plan = faits.parametres.plan
    exiger(
        "echeancier",
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
            paragraphes=_p(
                creancier.identification + ", ci-après « le créancier »,",
                debiteur.identification + ", ci-après « le débiteur ».",
            ),
        ),
        Section(
            titre="Article 1 — Reconnaissance de la dette",
            paragraphes=_p(
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
            paragraphes=_p(
                f"Le débiteur s'engage à payer cette somme en {plan.nombre_echeances} échéance(s) "
                f"{plan.periodicite}(s), la première le {d(plan.date_premiere_echeance)}, selon le "
                "tableau ci-dessous ; la dernière échéance comprend l'arrondi au centime.",
                f"Paiement : {_modalites(faits)}.",
            ),
            tableau=tableau,
        ),
        Section(titre="Article 3 — Intérêts", paragraphes=_p(interets)),
        Section(
            titre="Article 4 — Déchéance du terme",
            paragraphes=_p(
                "À défaut de paiement d'une seule échéance à sa date, et "
                f"{plan.delai_regularisation_jours} jours après une mise en demeure restée sans "
                "effet, la totalité du solde restant dû deviendra immédiatement exigible, sans "
                "autre formalité, et le créancier pourra en poursuivre le recouvrement par "
                "toute voie de droit."
            ),
        ),
        Section(
            titre="Article 5 — Absence de novation",
            paragraphes=_p(
                "Le présent échéancier ne vaut pas novation de la créance ; les sûretés et "
                "accessoires attachés à celle-ci sont maintenus. Fait en deux exemplaires "
                "originaux."
            ),
        ),
    )
    contenu = _contenu(
        faits,
        "echeancier",
        "Échéancier — plan d'apurement",
        sous_titre="Accord amiable d'échelonnement de la dette",
        destinataire=None,
        sections=sections,
        signatures=_signatures_bilaterales(faits, "Lu et approuvé, bon pour accord"),
        pied=_pied(faits, "C. civ. 2240, 2231, 1343-5"),
    )
    return ContratEcheancier(
        identifiant="echeancier",
        contenu=contenu,
        chiffres={"montant": m(montant), "derniere_echeance": m(echeances[-1].montant)},
        drapeaux={"interets": bool(plan.taux_interets)},
        mentions_requises=(creancier.nom, debiteur.nom),
        echeances=echeances,
        au=faits.au,
        decompte_au=dec.au,
    )


def construire_reconnaissance_dette(faits: Faits) -> ContratReconnaissanceDette:
    _refuser_si_procedure_collective(faits, "reconnaissance_dette")
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
        avertissement = _p(
            f"La somme reconnue ({m(montant)}) est inférieure au total du décompte "
            f"({m(dec.total)}) : "
            "la reconnaissance n'interrompt la prescription que pour ce qu'elle reconnaît ; "
            "certaines factures peuvent ne pas être couvertes (C. civ. 2240).",
            style="petit",
        )
    sections = (
        Section(
            paragraphes=_p(
                f"Je soussigné(e), {debiteur.identification},",
                f"reconnais devoir à {creancier.identification},",
                f"la somme de {lettres} ({m(montant)}),",
                f"au titre de : {causes}.",
            ),
            notes=avertissement,
        ),
        Section(
            titre="Modalités",
            paragraphes=_p(
                f"Cette somme, arrêtée au {d(dec.au)}, sera payée {_modalites(faits)}"
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
            paragraphes=_p(
                "Le débiteur écrit lui-même, dans le cadre ci-dessous, la somme en toutes lettres "
                "et en chiffres ; en cas de différence, la somme écrite en toutes lettres prévaut.",
                style="petit",
            ),
        ),
    )
    contenu = _contenu(
        faits,
        "reconnaissance_dette",
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
                mention=f"Fait à {_ville(faits)}, le {d(faits.au)}",
            ),
        ),
        pied=_pied(faits, "C. civ. 1376, 2240"),
    )
    return ContratReconnaissanceDette(
        identifiant="reconnaissance_dette",
        contenu=contenu,
        chiffres={"montant": m(montant), "montant_lettres": lettres},
        mentions_requises=(creancier.nom, debiteur.nom),
        montant=montant,
        montant_lettres=lettres,
        au=faits.au,
        decompte_au=dec.au,
    )


def _mandataire(faits: Faits, nature: NatureMandataire) -> PersonnePhysique | PersonneMorale | None:
    mandataire = faits.dossier.mandataire
    if mandataire is not None and mandataire.nature is nature:
        return mandataire.identite
    return None


def construire_mandat_commissaire_justice(faits: Faits) -> ContratMandatCommissaireJustice:
    _refuser_si_procedure_collective(faits, "mandat_commissaire_justice")
    p = faits.parametres.commissaire_justice
    cj = p.identite or _mandataire(faits, NatureMandataire.COMMISSAIRE_DE_JUSTICE)
    exiger(
        "mandat_commissaire_justice",
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
        Section(titre="Le mandant", paragraphes=_p(creancier.identification)),
        Section(
            titre="Le commissaire de justice mandaté", paragraphes=_p(commissaire.identification)
        ),
        Section(titre="Le débiteur", paragraphes=_p(*(x.identification for x in debiteurs))),
        Section(titre="La créance", tableau=tableau_recapitulatif(dec)),
        Section(
            titre="Mission",
            paragraphes=_p("Le mandant donne mandat au commissaire de justice de :", *missions),
        ),
        Section(titre="Pouvoirs", paragraphes=_p(*pouvoirs)),
        Section(titre="Frais et émoluments", paragraphes=_p(*frais)),
        Section(titre="Pièces remises", tableau=tableau_pieces(faits)),
        Section(
            paragraphes=_p(
                "Les fonds encaissés sont reversés au mandant, déduction faite des seuls frais et "
                "émoluments dus par lui selon le tarif réglementé."
            )
        ),
    )
    nom, qualite = _signataire(faits)
    contenu = _contenu(
        faits,
        "mandat_commissaire_justice",
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
        pied=_pied(faits, "CPCE L111-8, L125-1, R141-1 ; C. com. A444-10 et s."),
    )
    return ContratMandatCommissaireJustice(
        identifiant="mandat_commissaire_justice",
        contenu=contenu,
        chiffres=chiffres_decompte(dec),
        drapeaux={"petites_creances": petites},
        mentions_requises=(commissaire.nom, creancier.nom),
        commissaire=commissaire.nom,
        au=faits.au,
        decompte_au=dec.au,
    )


def _agence(faits: Faits, acte: str) -> tuple[PersonnePhysique | PersonneMorale, Any]:
    agence = _mandataire(faits, NatureMandataire.AGENCE_RECOUVREMENT)
    p = faits.parametres.agence
    manquants = []
    if agence is None:
        manquants.append(
            "mandataire (l'agence de recouvrement mandatée : nature: agence_recouvrement, "
            "identite: …)"
        )
    if p is None:
        manquants += [
            "actes.agence.remuneration (R124-3 3°)",
            "actes.agence.garantie (R124-3 2°)",
            "actes.agence.reversement (R124-3 4°)",
        ]
    exiger(acte, manquants)
    assert agence is not None
    return agence, p


def construire_convention_recouvrement(faits: Faits) -> ContratConventionRecouvrement:
    agence, p = _agence(faits, "convention_recouvrement")
    dec = faits.decompte
    a = imprimer_partie(agence)
    creancier = imprimer_partie(faits.dossier.creancier)
    debiteur = imprimer_partie(faits.dossier.debiteur)
    sections = (
        Section(
            titre="Entre",
            paragraphes=_p(
                creancier.identification + ", ci-après « le créancier »,",
                a.identification
                + ", qui exerce une activité de recouvrement amiable de créances pour "
                "le compte d'autrui, ci-après « l'agence ».",
            ),
        ),
        Section(
            titre="Article 1 — Objet et pouvoir de recevoir les fonds",
            paragraphes=_p(
                f"Le créancier confie à l'agence, qui l'accepte, le recouvrement amiable de sa "
                f"créance sur {debiteur.identification}, et lui donne pouvoir de recevoir pour son "
                "compte les fonds versés par le débiteur (CPCE R124-3)."
            ),
        ),
        Section(
            titre="Article 2 — Fondement et montant des sommes dues (R124-3 1°)",
            paragraphes=_p(
                "Fondement : "
                + "; ".join(c.description or c.reference for c in faits.dossier.creances)
                + "."
            ),
            tableau=tableau_recapitulatif(dec),
        ),
        Section(
            titre="Article 3 — Garantie de la responsabilité civile (R124-3 2°)",
            paragraphes=_p(p.garantie),
        ),
        Section(
            titre="Article 4 — Rémunération, à la charge du créancier (R124-3 3°)",
            paragraphes=_p(
                p.remuneration,
                "Aucun frais de recouvrement amiable ne peut être mis à la charge du débiteur "
                "(CPCE L111-8 al. 2).",
            ),
        ),
        Section(
            titre="Article 5 — Reversement des fonds (R124-3 4°)",
            paragraphes=_p(
                p.reversement,
                *(
                    [
                        f"Les fonds encaissés sont déposés sur le compte {p.compte_fonds}, "
                        f"exclusivement "
                        "affecté à cet usage (CPCE R124-2)."
                    ]
                    if p.compte_fonds
                    else []
                ),
                "L'agence informe le créancier de tout paiement, même partiel, et de toute "
                "proposition du débiteur autre qu'un paiement immédiat (CPCE R124-5).",
            ),
        ),
    )
    nom, qualite = _signataire(faits)
    contenu = _contenu(
        faits,
        "convention_recouvrement",
        "Convention de recouvrement amiable",
        sous_titre="Article R124-3 du code des procédures civiles d'exécution",
        destinataire=None,
        sections=sections,
        signatures=(
            BlocSignature(
                identifiant="signature-creancier", qualite=f"Le créancier — {qualite}", nom=nom
            ),
            BlocSignature(identifiant="signature-agence", qualite="L'agence", nom=a.nom),
        ),
        pied=_pied(faits, "CPCE R124-2 à R124-5, L111-8"),
    )
    return ContratConventionRecouvrement(
        identifiant="convention_recouvrement",
        contenu=contenu,
        chiffres=chiffres_decompte(dec),
        mentions_requises=(a.nom, creancier.nom, p.garantie),
        agence=a.nom,
        au=faits.au,
        decompte_au=dec.au,
    )


def construire_lettre_agence(faits: Faits) -> ContratLettreAgence:
    _refuser_si_procedure_collective(faits, "lettre_agence")
    _refuser_si_prescrite(faits, "lettre_agence")
    agence, p = _agence(faits, "lettre_agence")
    if p.frais_demandes_au_debiteur:
        if _debiteur_consommateur(faits):
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
    dec = faits.decompte
    a = imprimer_partie(agence)
    creancier = imprimer_partie(faits.dossier.creancier)
    l1118 = faits.articles["L111-8"]
    reference = p.reference_lettre or faits.dossier.reference
    sections = (
        Section(
            paragraphes=_p(
                f"{a.nom}, {', '.join(a.adresse)}, exerce une activité de recouvrement amiable de "
                f"créances pour le compte d'autrui. Nous intervenons pour le compte de "
                f"{creancier.nom}, {', '.join(creancier.adresse)}, votre créancier.",
            )
        ),
        Section(
            titre="Fondement et montant de la somme due",
            paragraphes=_p(
                "Fondement : "
                + "; ".join(c.description or c.reference for c in faits.dossier.creances)
                + "."
            ),
            tableau=tableau_recapitulatif(dec),
            notes=_p(
                "Cette somme ne comprend aucun frais de recouvrement à votre charge : ces frais "
                "restent à la charge du créancier (CPCE L111-8 al. 2).",
                style="petit",
            ),
        ),
        Section(
            titre="Demande de paiement",
            paragraphes=_p(
                f"Nous vous demandons de régler la somme de {m(dec.total)} {_modalites(faits)}. "
                f"Rappelez dans tout contact la référence {reference} et la date de la "
                f"présente lettre.",
            ),
        ),
        Section(
            titre="Article L111-8 du code des procédures civiles d'exécution (alinéas 2 et 3)",
            paragraphes=_p(*l1118["alineas"][1:3], style="citation"),
        ),
    )
    contenu = _contenu(
        faits,
        "lettre_agence",
        "Recouvrement amiable",
        sous_titre="Lettre au débiteur (CPCE R124-4)",
        en_tete=_en_tete(faits, agence),
        expediteur=a,
        objet=f"Réf. {reference} — créance de {creancier.nom}",
        formule_appel="Madame, Monsieur,",
        sections=sections,
        formule_politesse="Veuillez agréer, Madame, Monsieur, nos salutations distinguées.",
        signatures=(BlocSignature(identifiant="signature-agence", qualite="L'agence", nom=a.nom),),
        pied=_pied(faits, "CPCE R124-4, L111-8"),
    )
    return ContratLettreAgence(
        identifiant="lettre_agence",
        contenu=contenu,
        chiffres=chiffres_decompte(dec),
        drapeaux={"consommateur": _debiteur_consommateur(faits)},
        mentions_requises=(a.nom, creancier.nom, reference),
        agence=a.nom,
        au=faits.au,
        decompte_au=dec.au,
    )


def construire_declaration_creance(faits: Faits) -> ContratDeclarationCreance:
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
    exiger(
        "declaration_creance",
        []
        if p
        else ["actes.declaration.mandataire_judiciaire (nom et adresse du mandataire judiciaire)"],
    )
    assert p is not None
    dec = faits.decompte_ouverture or faits.decompte
    etape = next(
        (
            e
            for e in faits.recevabilite.calendrier
            if e.intitule.startswith("Déclaration de créance")
        ),
        None,
    )
    limite = etape.date if etape else None
    delai = (
        f"Délai de déclaration : au plus tard le {d(limite)} ({etape.regle}, {etape.fondement})."
        if etape and limite
        else "Délai : il court de la publication du jugement d'ouverture au BODACC (C. com. "
        "R622-24) ; "
        "date de publication non fournie, le délai ne peut être daté."
        if etape is None
        else f"Délai : {etape.regle} ({etape.fondement})."
    )
    creancier = imprimer_partie(faits.dossier.creancier)
    debiteur = imprimer_partie(faits.dossier.debiteur)
    nature = procedure.nature.value.replace("_", " ")
    surete = (
        _p(*("Privilège ou sûreté : " + x for x in p.privileges))
        if p.privileges
        else _p("Créance chirographaire : aucun privilège ni aucune sûreté n'est déclaré.")
    )
    sections = (
        Section(titre="Le créancier déclarant", paragraphes=_p(creancier.identification)),
        Section(
            titre="Le débiteur et la procédure",
            paragraphes=_p(
                debiteur.identification + ".",
                f"Procédure : {nature}, ouverte par jugement du "
                f"{d(procedure.date_jugement_ouverture)}"
                + (f" ({p.tribunal})" if p.tribunal else "")
                + ".",
            ),
        ),
        Section(
            titre="Montant de la créance au jour du jugement d'ouverture",
            paragraphes=_p(
                f"Sommes dues au {d(dec.au)}, date du jugement d'ouverture, intérêts compris "
                "jusqu'à cette date ; le jugement d'ouverture arrête le cours des intérêts légaux "
                "et conventionnels et de toutes majorations (C. com. L622-28).",
            ),
            tableau=tableau_recapitulatif(dec),
        ),
        Section(
            titre="Nature de la créance",
            paragraphes=(*surete, *_p("Créance échue ; aucune créance à échoir n'est déclarée.")),
        ),
        Section(titre="Délai", paragraphes=_p(delai)),
        Section(titre="Pièces justificatives", tableau=tableau_pieces(faits)),
        Section(
            paragraphes=_p(
                "Le créancier certifie sincère la présente déclaration de créance.",
                style="important",
            )
        ),
    )
    mj = p.mandataire_judiciaire
    nom, qualite = _signataire(faits)
    contenu = _contenu(
        faits,
        "declaration_creance",
        "Déclaration de créance",
        sous_titre="Articles L622-24 et R622-23 du Code de commerce",
        destinataire=PartieImprimee(
            nom=mj.nom,
            adresse=mj.adresse.en_lignes(),
            identification=f"{mj.nom}, mandataire judiciaire",
        ),
        mode_envoi="Lettre recommandée avec demande d'avis de réception",
        objet=f"Déclaration de créance — {debiteur.nom}",
        sections=sections,
        signatures=(BlocSignature(identifiant="signature-creancier", qualite=qualite, nom=nom),),
        pied=_pied(faits, "C. com. L622-24, L622-28, R622-23"),
    )
    return ContratDeclarationCreance(
        identifiant="declaration_creance",
        contenu=contenu,
        chiffres=chiffres_decompte(dec),
        mentions_requises=(creancier.nom, debiteur.nom, mj.nom),
        date_ouverture=procedure.date_jugement_ouverture,
        date_limite=limite,
        au=faits.au,
        decompte_au=dec.au,
    )


CONSTRUCTEURS: dict[str, Callable[[Faits], ContratActe]] = {
    "relance": construire_relance,
    "mise_en_demeure": construire_mise_en_demeure,
    "requete_injonction_payer": construire_requete_injonction_payer,
    "bordereau_pieces": construire_bordereau_pieces,
    "decompte": construire_decompte,
    "echeancier": construire_echeancier,
    "reconnaissance_dette": construire_reconnaissance_dette,
    "mandat_commissaire_justice": construire_mandat_commissaire_justice,
    "convention_recouvrement": construire_convention_recouvrement,
    "lettre_agence": construire_lettre_agence,
    "declaration_creance": construire_declaration_creance,
}
"""Identifiant d'acte → constructeur de son contrat."""
