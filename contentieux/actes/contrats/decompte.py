"""Annexe de décompte : le tableau de justification ligne par ligne (intérêts C. civ. 1231-6,
pénalités C. com. L441-10, indemnités D441-5, clauses pénales C. civ. 1231-5, imputation des
paiements C. civ. 1343-1), les taux appliqués avec leur source et le récapitulatif.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from contentieux.actes.contenu import (
    BlocSignature,
    Paragraphe,
    Section,
    Tableau,
)
from contentieux.actes.contrats.commun import (
    ContratActe,
    Faits,
    chiffres_decompte,
    citations_bornees,
    contenu_acte,
    d,
    m,
    paragraphes,
    pied_acte,
    signataire,
    tableau_recapitulatif,
)
from contentieux.actes.contrats.mentions import objet_principal, tableau_principal
from contentieux.erreurs import RegleNonCouverte
from contentieux.francais import (
    formater_taux,
    nombre_simple,
)
from contentieux.interets.indemnite import PRECISION_B2B
from contentieux.modeles.decompte import Decompte

IDENTIFIANT = "decompte"


class ContratDecompte(ContratActe):
    """Annexe de décompte : le tableau de justification."""

    nombre_lignes: int


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
        return paragraphes(*(f"({n}) {note}" for note, n in self.numeros.items()), style="petit")


_SUFFIXE_B2B = f" ; {PRECISION_B2B}"


def _precision_du_motif(motif: str) -> str | None:
    """La précision L441-10 II que le décompte ajoute au motif d'une indemnité entre
    professionnels (:data:`contentieux.interets.indemnite.PRECISION_B2B`), ou None."""
    return PRECISION_B2B if motif.endswith(_SUFFIXE_B2B) else None


def _motif_sans_precision(motif: str) -> str:
    return motif.removesuffix(_SUFFIXE_B2B)


def sections_decompte(
    dec: Decompte,
    libelles: Mapping[str, str] | None = None,
    objet: str = "factures impayées",
) -> tuple[Section, ...]:
    """Les sections du décompte annexé ; ``libelles`` : l'intitulé de chaque valeur de règle
    (« Taux de l'intérêt légal — … »), imprimé à la place de sa clé interne."""
    libelles = libelles or {}
    renvoi = _Renvois()
    lignes = tuple(
        (
            ligne.facture or ligne.creance,
            # Comme la ligne de commande : le premier jour compté (le lendemain du départ).
            f"du {d(ligne.du + dt.timedelta(days=1))} au {d(ligne.au)}",
            ligne.calcul,
            m(ligne.montant),
            renvoi(ligne.fondement, ligne.note),
        )
        for ligne in dec.lignes
    )
    sections = [
        Section(
            titre="Intérêts et pénalités, ligne par ligne",
            paragraphes=paragraphes(
                "Chaque ligne couvre une période à taux constant ; la période va du premier au "
                "dernier jour compté, tous deux inclus ; le montant est "
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
                notes=paragraphes(
                    *(
                        f"Ordre d'imputation : {motif}."
                        for motif in dict.fromkeys(i.motif for i in dec.imputations)
                    ),
                    style="petit",
                ),
                tableau=Tableau(
                    colonnes=("Date", "Montant", "Imputation", "Fondement"),
                    montants=(1,),
                    largeurs=(16, 14, 45, 25),
                    lignes=tuple(
                        (
                            d(i.date),
                            m(i.montant),
                            " ; ".join(
                                f"{POSTES[p.nature]} {p.facture or p.creance} : {m(p.montant)}"
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
                            libelles.get(v.identifiant, v.identifiant),
                            _valeur_regle(v.valeur, v.unite),
                            f"du {d(v.du)}" + (f" au {d(v.jusqu_au)}" if v.jusqu_au else ""),
                            v.source,
                        )
                        for v in dec.valeurs_utilisees
                    ),
                ),
            )
        )
    sections.append(
        Section(titre="Récapitulatif", tableau=tableau_recapitulatif(dec, objet=objet))
    )
    # La version des règles sans le chemin d'une surcouche (aucun chemin de fichier imprimé).
    version = dec.regles_version.split(" (avec surcouche ", 1)
    notes = [
        f"Diviseur : {dec.options.diviseur} ; version des règles : {version[0]}"
        + (", avec une surcouche de l'utilisateur." if len(version) > 1 else ".")
    ]
    notes += list(dec.avertissements)
    sections.append(Section(notes=paragraphes(*notes, style="petit")))
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


def construire(faits: Faits) -> ContratDecompte:
    dec = faits.decompte_ouverture or faits.decompte
    nom, qualite = signataire(faits)
    contenu = contenu_acte(
        faits,
        IDENTIFIANT,
        "Décompte des sommes dues",
        sous_titre=f"Arrêté au {d(dec.au)}",
        destinataire=None,
        sections=(
            Section(
                titre="Factures et paiements",
                paragraphes=paragraphes(
                    "Chaque paiement figure sur sa ligne, avec sa date et son imputation ; la "
                    "colonne « Principal » donne le principal restant dû repris au récapitulatif."
                ),
                tableau=tableau_principal(faits, dec),
            ),
            *sections_decompte(dec, _libelles(faits, dec), objet_principal(faits.dossier)),
        ),
        signatures=(BlocSignature(identifiant="signature-creancier", qualite=qualite, nom=nom),),
        pied=pied_acte(faits, citations_bornees(dec.fondements)),
    )
    return ContratDecompte(
        identifiant=IDENTIFIANT,
        contenu=contenu,
        chiffres=chiffres_decompte(dec),
        mentions_requises=tuple(dict.fromkeys(ligne.calcul for ligne in dec.lignes)),
        nombre_lignes=len(dec.lignes),
        au=faits.au,
        decompte_au=dec.au,
    )


def _libelles(faits: Faits, dec: Decompte) -> dict[str, str]:
    """L'intitulé des valeurs de règles du décompte (jamais leur clé interne)."""
    from contentieux.regles import charger_regles

    regles = faits.regles or charger_regles()
    libelles: dict[str, str] = {}
    for v in dec.valeurs_utilisees:
        try:
            libelles[v.identifiant] = regles.parametre(v.identifiant).libelle
        except RegleNonCouverte:  # une valeur d'une autre version des règles : sa clé reste
            continue
    return libelles
