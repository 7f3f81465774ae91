"""Ce que tous les actes partagent : le socle :class:`ContratActe`, les :class:`Faits` d'un
acte, les aides d'impression (montants, dates, parties, en-tête, signataire, modalités de paiement)
et les tableaux communs (factures, récapitulatif du décompte, pièces numérotées).

Identification des parties : CPC 54 (demandeur) et 57 (défendeur) ; récapitulatif : principal,
intérêts (C. civ. 1231-6), pénalités (C. com. L441-10), indemnités forfaitaires (C. com. D441-5 ;
CCP D2192-35), clause pénale (C. civ. 1231-5) et imputation des paiements (C. civ. 1343-1) sur
des lignes distinctes ; bordereau de pièces (CPC 1407).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
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
    StyleParagraphe,
    Tableau,
)
from contentieux.actes.parametres import ParametresActes, exiger
from contentieux.droit.citations import articles, fondement_et_note
from contentieux.droit.qualites import est_debiteur_indemnite_forfaitaire
from contentieux.francais import (
    accorder,
    de,
    formater_date,
    formater_montant,
    typographier,
)
from contentieux.modeles.base import Modele
from contentieux.modeles.creances import NatureCreance, TypePiece
from contentieux.modeles.decompte import Decompte
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import MiseEnDemeure, MoyenNotification
from contentieux.modeles.parties import (
    NatureMandataire,
    PersonneMorale,
    PersonnePhysique,
)
from contentieux.modeles.recevabilite import Recevabilite
from contentieux.regles import Regles


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

    def decompte_imprime(self, faits: Faits) -> Decompte:
        """Le décompte dont l'acte imprime les chiffres (embarqué dans le PDF, revérifié) : celui
        du jugement d'ouverture s'il y en a un, sinon celui du jour de l'acte."""
        return faits.decompte_ouverture or faits.decompte


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
    regles: Regles | None = None
    """Les règles du décompte et de la vérification (celles du paquet si None)."""

    def jeu_de_regles(self) -> Regles:
        """Les règles de l'acte : celles des faits, sinon celles du paquet."""
        from contentieux.regles import charger_regles

        return self.regles if self.regles is not None else charger_regles()


def m(valeur: Decimal) -> str:
    """Montant imprimé."""
    return formater_montant(valeur)


def d(valeur: dt.date) -> str:
    """Date imprimée."""
    return formater_date(valeur)


def paragraphes(*textes: str, style: StyleParagraphe = "normal") -> tuple[Paragraphe, ...]:
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
        ne = accorder(partie.civilite, "né le", "née le", "date de naissance :")
        morceaux.append(f"{ne} {d(partie.date_naissance)}{lieu}")
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


def ville_acte(faits: Faits) -> str:
    return faits.parametres.lieu or faits.dossier.creancier.adresse_principale.ville


def en_tete_acte(faits: Faits, emetteur: PersonnePhysique | PersonneMorale | None = None) -> EnTete:
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


MANQUE_REPRESENTANT_CREANCIER = (
    "creancier.representant (le créancier signe par son représentant légal ; l'agence ne signe "
    "pour lui que si sa convention le permet : actes.agence.signe_pour_le_creancier)"
)


def signataire(faits: Faits, *, mandataire_admis: bool = True) -> tuple[str, str]:
    """Qui signe pour le créancier : (nom, qualité).

    Dans un dossier d'agence (CPCE R124-3), **le créancier signe ce que le créancier signe**, par
    son représentant légal ; l'agence ne signe comme mandataire que si sa convention le permet
    (``actes.agence.signe_pour_le_creancier``) et si l'acte l'admet (``mandataire_admis`` : pas la
    convention elle-même) ; elle signe alors « pour le créancier », convention datée et
    référencée. Hors agence : le signataire des paramètres, sinon le représentant légal.
    """
    s = faits.parametres.signataire
    c = faits.dossier.creancier
    mandat = faits.dossier.mandataire
    agence = mandat is not None and mandat.nature is NatureMandataire.AGENCE_RECOUVREMENT
    permis = faits.parametres.agence is not None and faits.parametres.agence.signe_pour_le_creancier
    if agence and mandat is not None and (not mandataire_admis or not permis):
        if isinstance(c, PersonneMorale):
            if c.representant is None:
                exiger("signature du créancier", [MANQUE_REPRESENTANT_CREANCIER])
            assert c.representant is not None
            return c.representant.nom, f"{c.representant.fonction} {de(c.denomination)}"
        return imprimer_partie(c).nom, "Le créancier"
    if agence and mandat is not None:
        nom_agence = imprimer_partie(mandat.identite).nom
        convention = "convention de recouvrement" + (
            f" du {d(mandat.date_mandat)}" if mandat.date_mandat else ""
        ) + (f", réf. {mandat.reference_mandat}" if mandat.reference_mandat else "")
        qui = s.nom if s is not None else nom_agence
        return qui, f"Pour {imprimer_partie(c).nom}, {nom_agence}, mandataire ({convention})"
    if s is not None:
        return s.nom, s.qualite
    if isinstance(c, PersonneMorale) and c.representant:
        return c.representant.nom, f"{c.representant.fonction}, pour {c.denomination}"
    return imprimer_partie(c).nom, "Le créancier"


def pied_acte(faits: Faits, fondements: str) -> str:
    return f"Réf. {faits.dossier.reference} — {fondements}"


def regimes_interets(faits: Faits) -> set[str | None]:
    """Les régimes d'intérêts des créances du dossier (une seule règle : contentieux.droit)."""
    from contentieux.droit.regime import regime_interets

    d = faits.dossier
    return {regime_interets(d.creancier, d.debiteur, c).nom for c in d.creances}


def penalites_l441_10(faits: Faits) -> bool:
    """Le décompte applique les pénalités de C. com. L441-10 à une créance au moins : le régime de
    :func:`contentieux.droit.regime.regime_interets` (en « automatique », la relation entre
    professionnels de :func:`contentieux.droit.qualites.est_relation_l441_10`). L'acte imprime ce
    que le décompte calcule : il ne redécide pas la relation."""
    return "penalites_b2b" in regimes_interets(faits)


def debiteur_sans_frais(faits: Faits) -> bool:
    """Débiteur à qui ni l'indemnité forfaitaire ni des frais de recouvrement ne peuvent être
    demandés (consommateur, non-professionnel : CPCE L111-8 al. 2) : la négation de
    :func:`contentieux.droit.qualites.est_debiteur_indemnite_forfaitaire`."""
    return not est_debiteur_indemnite_forfaitaire(faits.dossier.debiteur)


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


def tableau_recapitulatif(
    dec: Decompte, *, sans_frais_recouvrement: bool = False, objet: str = "factures impayées"
) -> Tableau:
    """Principal, intérêts, pénalités, indemnités et clauses pénales sur des lignes distinctes ;
    ``objet`` : ce qui fonde le principal (« loyers et charges impayés » pour un bail)."""
    lignes: list[tuple[str, str, str]] = [
        ("Principal restant dû", objet, m(dec.total_principal_restant))
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
    mandat = faits.dossier.mandataire
    if mandat is not None and mandat.nature is NatureMandataire.AGENCE_RECOUVREMENT:
        # CPC 416 : qui représente une partie justifie de son mandat (l'avocat et le commissaire
        # de justice en sont dispensés) ; la convention de recouvrement (CPCE R124-3) le porte.
        lignes.append(
            (
                "Pouvoir",
                mandat.reference_mandat or "sans référence",
                d(mandat.date_mandat) if mandat.date_mandat else "non datée",
                f"Convention de recouvrement et pouvoir spécial donnés à "
                f"{imprimer_partie(mandat.identite).nom} (CPCE R124-3 ; CPC 416)",
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


def modalites_paiement(faits: Faits) -> str:
    if faits.parametres.modalites_paiement:
        return faits.parametres.modalites_paiement
    c = imprimer_partie(faits.dossier.creancier)
    # Un loyer, des charges ou un prêt n'ont pas de facture (issue 18, point 9).
    sans_facture = {NatureCreance.LOYER_HABITATION, NatureCreance.CHARGES_COPROPRIETE,
                    NatureCreance.CREDIT_CONSOMMATION}
    compte = (
        "habituel"
        if all(creance.nature in sans_facture for creance in faits.dossier.creances)
        else "indiqué sur les factures"
    )
    return (
        f"par virement sur le compte bancaire {compte}, ou par chèque à l'ordre "
        f"{de(c.nom)} adressé au {', '.join(c.adresse)}, "
        f"en rappelant la référence {faits.dossier.reference}"
    )


def contenu_acte(faits: Faits, identifiant: str, titre: str, **champs: Any) -> Contenu:
    c = faits.dossier.creancier
    debiteur = imprimer_partie(faits.dossier.debiteur)
    valeurs: dict[str, Any] = {
        "acte": identifiant,
        "titre": titre,
        "reference": faits.dossier.reference,
        "date_acte": faits.au,
        "lieu_date": f"{ville_acte(faits)}, le {d(faits.au)}",
        "en_tete": en_tete_acte(faits),
        "expediteur": imprimer_partie(c),
        "destinataire": debiteur,
    }
    valeurs.update(champs)
    # L'en-tête porte déjà le nom et l'adresse de l'expéditeur : ne pas les imprimer deux fois
    # (issue 18, point 9) ; le bloc reste, vide, pour placer le destinataire à droite.
    expediteur: PartieImprimee = valeurs["expediteur"]
    en_tete: EnTete = valeurs["en_tete"]
    if en_tete.nom == expediteur.nom:
        valeurs["expediteur"] = PartieImprimee(
            nom="", adresse=(), identification=expediteur.identification
        )
    return Contenu(**valeurs)


FAIT_A = "Fait à ……………………, le ……………………"
"""Lieu et date laissés à chaque signataire : la date de la signature du débiteur fait courir un
nouveau délai (C. civ. 2240 et 2231), elle n'est jamais préimprimée."""


def signatures_bilaterales(
    faits: Faits, mention_debiteur: str | None = None
) -> tuple[BlocSignature, ...]:
    """Les blocs du créancier et du débiteur d'un accord signé des deux (échéancier), chacun avec
    son lieu et sa date à remplir ; une personne morale débitrice signe par son représentant,
    nommé s'il est connu (« Bâti-Rhône, représentée par Marc Lefèvre, Président »), sinon des
    pointillés."""
    nom, qualite = signataire(faits)
    d_ = faits.dossier.debiteur
    nom_debiteur = imprimer_partie(d_).nom
    if isinstance(d_, PersonneMorale):
        rep = d_.representant
        nom_debiteur += (
            f", représentée par {rep.nom}, {rep.fonction}"
            if rep is not None
            else ", représentée par ……………………, en sa qualité de ……………………"
        )
    mention = f"{FAIT_A} — {mention_debiteur}" if mention_debiteur else FAIT_A
    return (
        BlocSignature(
            identifiant="signature-creancier",
            qualite=f"Le créancier — {qualite}",
            nom=nom,
            mention=FAIT_A,
        ),
        BlocSignature(
            identifiant="signature-debiteur",
            qualite="Le débiteur",
            nom=nom_debiteur,
            mention=mention,
        ),
    )


def mandataire_de_nature(
    faits: Faits, nature: NatureMandataire
) -> PersonnePhysique | PersonneMorale | None:
    mandataire = faits.dossier.mandataire
    if mandataire is not None and mandataire.nature is nature:
        return mandataire.identite
    return None


MANQUE_DATE_MANDAT = (
    "mandataire.date_mandat (date de la convention de recouvrement, qui précède toute action : "
    "CPCE R124-3 ; CPC 416)"
)
MANQUE_REFERENCE_MANDAT = "mandataire.reference_mandat (référence de la convention de recouvrement)"


def agence_et_parametres(faits: Faits, acte: str) -> tuple[PersonnePhysique | PersonneMorale, Any]:
    agence = mandataire_de_nature(faits, NatureMandataire.AGENCE_RECOUVREMENT)
    p = faits.parametres.agence
    manquants = []
    if agence is None:
        manquants.append(
            "mandataire (l'agence de recouvrement mandatée : nature: agence_recouvrement, "
            "identite: …)"
        )
        # Sa convention, datée et référencée, précède toute action (R124-3), et le créancier
        # signe par son représentant légal (:func:`signataire`) : tout est demandé d'un coup.
        manquants += [MANQUE_DATE_MANDAT, MANQUE_REFERENCE_MANDAT]
        c = faits.dossier.creancier
        if isinstance(c, PersonneMorale) and c.representant is None:
            manquants.append(MANQUE_REPRESENTANT_CREANCIER)
    if p is None:
        manquants += [
            "actes.agence.remuneration (R124-3 3°)",
            "actes.agence.garantie (R124-3 2°)",
            "actes.agence.reversement (R124-3 4°)",
        ]
    exiger(acte, manquants)
    assert agence is not None
    return agence, p
