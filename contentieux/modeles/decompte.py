"""Résultat d'un décompte : lignes d'intérêts, indemnités, clauses pénales, imputations, totaux.

Le décompte est figé et se sérialise en JSON sans perte : ``Decompte.model_validate_json(
d.model_dump_json()) == d``. Tous les montants sont des ``Decimal`` au centime ; les taux sont
annuels, en pourcent, tels que publiés (``Decimal("12.15")`` = 12,15 %).

Convention de lecture d'une ligne (docs/conception.md §6) : les intérêts courent pour chaque
jour *j* tel que ``du < j <= au`` ; ``du`` est le point de départ (non compté), ``au`` le dernier
jour compté, et ``jours = au - du``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal, get_args

from pydantic import Field, ValidationInfo, field_validator

from contentieux.francais import fondement_et_note
from contentieux.modeles.base import Modele, Montant
from contentieux.modeles.texte import (
    LARGEUR,
    LIBELLE_PRINCIPAL_RESTANT,
    LIEN,
    POSTES,
    REGIMES,
    aligner,
    couper,
    fin,
    montant,
    section,
    taux,
    titre,
)
from contentieux.modeles.texte import date as date_longue

Diviseur = Literal["365", "exact"]
"""Convention de décompte des jours : « 365 » (toujours 365, pratique Banque de France) ou
« exact » (366 pour les jours d'une année bissextile)."""

DepartTauxLegal = Literal["reception", "envoi"]
"""Point de départ des intérêts au taux légal : réception de la mise en demeure (ou date d'effet
retenue) ou date d'envoi (la date d'effet est alors ignorée)."""

ApresJugement = Literal["regime", "taux_legal"]
"""Intérêts après un jugement de condamnation : « regime » (les pénalités L441-10, le taux stipulé
et les intérêts moratoires de la commande publique continuent, sans majoration de 5 points ; seul
le taux légal bascule en intérêts 1231-7 majorables) ou « taux_legal » (le jugement a alloué le
taux légal : toute créance bascule en intérêts 1231-7, majorés de 5 points, CMF L313-3)."""

FacturesPrescrites = Literal["exclure", "inclure"]
"""Factures prescrites ou forcloses au jour du décompte : « exclure » (par défaut) les laisse hors
de ce qui peut être réclamé en justice, et le décompte le dit ; « inclure » les garde, avec un
avertissement (C. civ. 2219, 2249 ; envers un consommateur, C. consom. L121-2)."""

CompteJours = Literal["debut_exclu", "deux_bornes"]
"""Décompte des jours : « debut_exclu » (jours *j* tels que ``du < j <= au``) ou « deux_bornes »
(le jour de départ compte aussi : un jour de plus sur la première ligne de chaque dette)."""

RegimeLigne = Literal[
    "taux_legal", "penalites_b2b", "commande_publique", "taux_conventionnel", "jugement"
]
"""Régime effectivement appliqué à une ligne ; « taux_conventionnel » : taux stipulé hors
pénalités L441-10 (C. civ. 1231-6, 1343-1) ou taux du prêt d'un crédit à la consommation après
défaillance (C. consom. L312-39)."""

NaturePart = Literal["interets", "indemnite", "principal"]


class OptionsDecompte(Modele):
    """Les choix de convention d'un décompte, validés une fois et reproduits dans le résultat.

    C'est le seul objet d'options de :func:`contentieux.interets.etablir_decompte` ; la ligne de
    commande le construit à partir de ses options. Figé : un même objet sert à plusieurs
    décomptes. Une valeur inconnue (« 366 », « penalite_b2b »…) est refusée avec un message en
    français, jamais remplacée en silence par la valeur par défaut.

    >>> OptionsDecompte(diviseur="exact").diviseur
    'exact'
    >>> OptionsDecompte(diviseur="366")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for OptionsDecompte
    diviseur
      Value error, diviseur : « 366 » n'est pas une valeur admise ; choisissez « 365 »...
    """

    diviseur: Diviseur = "365"
    depart_taux_legal: DepartTauxLegal = "reception"
    compte_jours: CompteJours = Field(
        default="debut_exclu",
        description=(
            "debut_exclu : le jour de départ ne compte pas, le dernier compte ; deux_bornes : "
            "les deux comptent (question non tranchée, docs/droit.md c.2)."
        ),
    )
    apres_jugement: ApresJugement = Field(
        default="regime",
        description=(
            "regime : après jugement, seul le taux légal devient intérêt 1231-7 majorable ; les "
            "pénalités L441-10 et les intérêts moratoires continuent à leur taux, sans +5 points. "
            "taux_legal : le jugement a alloué le taux légal à toute la créance."
        ),
    )
    plancher_contrat_muet: bool = Field(
        default=False,
        description=(
            "Pénalités L441-10, contrat muet sur le taux : False (par défaut) applique le taux "
            "par défaut (BCE + 10 points) même quand 3 × le taux légal le dépasse (2024) : "
            "L441-10 II lie ce plancher au seul taux stipulé (docs/droit.md c.3) ; True relève "
            "aussi le contrat muet au plancher (lecture extensive)."
        ),
    )
    indemnite_forfaitaire: bool | None = Field(
        default=None,
        description=(
            "None : l'indemnité de 40 € est appliquée quand elle est due ; True : demandée "
            "expressément (refusée contre un consommateur) ; False : non réclamée."
        ),
    )
    factures_prescrites: FacturesPrescrites = Field(
        default="exclure",
        description=(
            "exclure : les factures prescrites ou forcloses au jour du décompte (décision de "
            "contentieux.droit.prescription) sont laissées hors du total réclamable et listées "
            "dans factures_exclues ; inclure : elles restent au total, avec un avertissement "
            "(C. civ. 2249 ; docs/droit.md k.8)."
        ),
    )
    frais_recouvrement: Montant | None = Field(
        default=None,
        description=(
            "Frais de recouvrement exposés et justifiés au-delà de l'indemnité forfaitaire "
            "(C. com. L441-10 II) ; interdits contre un consommateur (CPCE L111-8)."
        ),
    )

    @field_validator(
        "diviseur",
        "depart_taux_legal",
        "compte_jours",
        "apres_jugement",
        "factures_prescrites",
        mode="before",
    )
    @classmethod
    def _choix(cls, valeur: object, info: ValidationInfo) -> object:
        admis = _CHOIX[info.field_name or ""]
        if not isinstance(valeur, str) or valeur not in admis:
            raise ValueError(
                f"{info.field_name} : « {valeur} » n'est pas une valeur admise ; choisissez "
                + " ou ".join(f"« {a} »" for a in admis)
                + (" (un texte)" if not isinstance(valeur, str) else "")
            )
        return valeur

    @field_validator("plancher_contrat_muet", mode="before")
    @classmethod
    def _booleen(cls, valeur: object, info: ValidationInfo) -> object:
        if not isinstance(valeur, bool):
            raise ValueError(
                f"{info.field_name} : « {valeur} » n'est pas un booléen ; écrivez True ou False"
            )
        return valeur


_CHOIX: dict[str, tuple[str, ...]] = {
    "diviseur": get_args(Diviseur),
    "depart_taux_legal": get_args(DepartTauxLegal),
    "compte_jours": get_args(CompteJours),
    "apres_jugement": get_args(ApresJugement),
    "factures_prescrites": get_args(FacturesPrescrites),
}


class LigneInterets(Modele):
    """Une ligne d'intérêts : une suite maximale de jours à taux, base et diviseur constants."""

    creance: str
    facture: str | None = Field(description="Numéro de facture ; None pour un jugement.")
    regime: RegimeLigne
    du: dt.date = Field(description="Point de départ, non compté.")
    au: dt.date = Field(description="Dernier jour compté.")
    jours: int = Field(ge=0)
    base: Montant
    dont_interets_capitalises: Montant = Decimal("0")
    taux: Decimal = Field(ge=0, description="Taux annuel en pourcent.")
    diviseur: int = Field(description="365, ou 366 pour des jours d'une année bissextile.")
    montant: Montant
    fondement: str
    note: str | None = None

    @property
    def calcul(self) -> str:
        """Le calcul écrit en toutes lettres : « 10 000,00 × 12,15 % × 31 / 365 = 103,19 »."""
        return (
            f"{_nombre(self.base)} × {_nombre(self.taux)} % × {self.jours} / {self.diviseur} "
            f"= {_nombre(self.montant)}"
        )


class Indemnite(Modele):
    """Indemnité forfaitaire pour frais de recouvrement, ou frais complémentaires justifiés."""

    creance: str
    facture: str | None
    nature: Literal["forfaitaire", "complementaire"] = "forfaitaire"
    montant: Montant
    date_exigibilite: dt.date | None = None
    fondement: str
    motif: str


class ClausePenaleLigne(Modele):
    """Clause pénale stipulée (C. civ. 1231-5), sur sa propre ligne."""

    creance: str
    base: Montant | None = Field(default=None, description="Principal, si pourcentage.")
    pourcentage: Decimal | None = None
    montant: Montant
    fondement: str
    note: str | None = None


class Capitalisation(Modele):
    """Intérêts échus depuis une année entière devenus productifs d'intérêts (C. civ. 1343-2)."""

    creance: str
    facture: str | None
    date: dt.date
    montant: Montant
    fondement: str


class PartImputation(Modele):
    """Part d'un paiement imputée sur une dette et sur l'un de ses postes."""

    creance: str
    facture: str | None
    nature: NaturePart
    montant: Montant


class Imputation(Modele):
    """Un paiement et la manière dont il a été imputé."""

    date: dt.date
    montant: Montant
    parts: tuple[PartImputation, ...]
    non_impute: Montant = Decimal("0")
    motif: str
    fondements: tuple[str, ...]


class ValeurUtilisee(Modele):
    """Une valeur de règle utilisée par le décompte, avec sa source."""

    identifiant: str
    valeur: Decimal
    unite: str
    du: dt.date
    jusqu_au: dt.date | None
    reference: str
    source: str
    fondement: str


class FactureExclue(Modele):
    """Facture prescrite ou forclose laissée hors du total réclamable (C. civ. 2219, 2249)."""

    creance: str
    facture: str
    date_prescription: dt.date | None = Field(description="Dernier jour pour agir.")
    paiements_recus: Montant = Field(
        description="Part des paiements imputée sur cette facture (acquise : C. civ. 2249)."
    )
    principal_restant: Montant
    accessoires_restants: Montant = Field(
        description="Intérêts, pénalités et indemnité courus et non payés sur cette facture."
    )
    motif: str


class Decompte(Modele):
    """Ce qui est dû sur un dossier à une date, ligne par ligne.

    ``total`` = principal restant + intérêts + pénalités + indemnités + clauses pénales − part des
    paiements imputée sur ces accessoires. Les factures prescrites ou forcloses (option
    ``factures_prescrites="exclure"``, par défaut) n'entrent dans aucun total ni aucune ligne :
    elles sont listées dans ``factures_exclues`` ; les paiements qu'elles ont reçus restent acquis
    au créancier (C. civ. 2249) et figurent dans ``imputations``.
    """

    dossier: str
    au: dt.date
    options: OptionsDecompte
    lignes: tuple[LigneInterets, ...]
    indemnites: tuple[Indemnite, ...]
    clauses_penales: tuple[ClausePenaleLigne, ...]
    capitalisations: tuple[Capitalisation, ...]
    imputations: tuple[Imputation, ...]
    total_principal: Montant = Field(description="Principal initial (factures TTC, jugements).")
    total_paiements: Montant
    total_principal_restant: Montant
    total_interets: Montant = Field(description="Intérêts (taux légal, commande publique…).")
    total_penalites: Montant = Field(description="Pénalités de retard C. com. L441-10.")
    total_indemnites: Montant
    total_clauses_penales: Montant
    total_accessoires_regles: Montant = Field(
        description="Part des paiements imputée sur les intérêts, pénalités et indemnités."
    )
    trop_percu: Montant = Decimal("0")
    total: Montant = Field(description="Reste dû à la date du décompte.")
    factures_exclues: tuple[FactureExclue, ...] = Field(
        default=(), description="Factures prescrites ou forcloses, hors du total (k.8)."
    )
    fondements: tuple[str, ...]
    avertissements: tuple[str, ...]
    valeurs_utilisees: tuple[ValeurUtilisee, ...]
    regles_version: str

    def __str__(self) -> str:
        return texte_decompte(self)


def _nombre(valeur: Decimal) -> str:
    """Nombre à la française sans symbole : « 10 000,00 », « 12,15 »."""
    signe = "-" if valeur < 0 else ""
    texte = f"{abs(valeur):f}"
    entier, _, decimales = texte.partition(".")
    groupes: list[str] = []
    while len(entier) > 3:
        groupes.insert(0, entier[-3:])
        entier = entier[:-3]
    groupes.insert(0, entier)
    resultat = signe + " ".join(groupes)
    return f"{resultat},{decimales}" if decimales else resultat


__all__ = [
    "ApresJugement",
    "Capitalisation",
    "ClausePenaleLigne",
    "CompteJours",
    "Decompte",
    "DepartTauxLegal",
    "Diviseur",
    "Imputation",
    "Indemnite",
    "Interets",
    "LigneInterets",
    "NaturePart",
    "OptionsDecompte",
    "PartImputation",
    "RegimeLigne",
    "ValeurUtilisee",
]


class Interets(Modele):
    """Résultat de ``calculer_interets`` : les lignes et leur total (somme des lignes arrondies)."""

    lignes: tuple[LigneInterets, ...]
    total: Montant


# --- décompte -----------------------------------------------------------------------------------


def texte_decompte(decompte: Decompte, largeur: int = LARGEUR) -> str:
    """Le décompte en texte : lignes d'intérêts, indemnités, paiements, totaux, fondements."""
    un_jour = dt.timedelta(days=1)
    options = decompte.options
    lignes = titre(f"Décompte du dossier {decompte.dossier} au {date_longue(decompte.au)}", largeur)
    diviseur = "365 ou 366 (exact)" if options.diviseur == "exact" else "365"
    lignes += couper(
        f"Période : du premier au dernier jour compté. Diviseur : {diviseur}. "
        f"Règles : {decompte.regles_version}.",
        largeur,
        suite="",
    )
    if decompte.lignes:
        lignes += section("Intérêts et pénalités")
        for li in decompte.lignes:
            debut = li.du + un_jour
            tete = f"{li.facture or li.creance} — {REGIMES.get(li.regime, li.regime)}"
            lignes += couper(tete, largeur, "  ")
            periode = (
                f"du {date_longue(debut)} au {date_longue(li.au)}, "
                f"{li.jours}{LIEN}jour{'s' if li.jours > 1 else ''}"
            )
            lignes += couper(periode, largeur, "      ")
            calcul = (
                f"{montant(li.base)} × {taux(li.taux)} × {li.jours}{LIEN}/{LIEN}{li.diviseur} "
                f"= {montant(li.montant)}"
            )
            lignes += couper(calcul, largeur, "      ")
            lignes += couper(
                fondement_et_note(li.fondement, li.note), largeur, "      ", "        "
            )
    if decompte.indemnites or decompte.clauses_penales or decompte.capitalisations:
        lignes += section("Indemnités, clauses pénales, capitalisation")
        for ind in decompte.indemnites:
            lignes += couper(
                f"Indemnité {ind.nature} {ind.facture or ind.creance} : {montant(ind.montant)} "
                f"({ind.motif})",
                largeur,
                "  ",
            )
            lignes += couper(ind.fondement, largeur, "      ", "        ")
        for cp in decompte.clauses_penales:
            lignes += couper(f"Clause pénale {cp.creance} : {montant(cp.montant)}", largeur, "  ")
            lignes += couper(
                fondement_et_note(cp.fondement, cp.note), largeur, "      ", "        "
            )
        for cap in decompte.capitalisations:
            lignes += couper(
                f"Capitalisation {cap.facture or cap.creance} le {date_longue(cap.date)} : "
                f"{montant(cap.montant)} ({cap.fondement})",
                largeur,
                "  ",
            )
    if decompte.imputations:
        lignes += section("Paiements et leur imputation")
        for imp in decompte.imputations:
            parts = ", ".join(
                f"{p.facture or p.creance} {POSTES.get(p.nature, p.nature)} {montant(p.montant)}"
                for p in imp.parts
            )
            texte = f"Paiement du {date_longue(imp.date)} de {montant(imp.montant)} : {parts}"
            if imp.non_impute:
                texte += f" ; non imputé : {montant(imp.non_impute)}"
            lignes += couper(texte, largeur, "  ")
        # L'ordre suivi (1342-10 entre factures, 1343-1 ou le contrat sur chacune), une fois.
        for motif in dict.fromkeys(imp.motif for imp in decompte.imputations):
            lignes += couper(f"Ordre d'imputation : {motif}.", largeur, "  ", "    ")
    lignes += section("Totaux")
    paires = [
        ("Principal initial", decompte.total_principal),
        ("Paiements reçus", decompte.total_paiements),
        (LIBELLE_PRINCIPAL_RESTANT, decompte.total_principal_restant),
        ("Intérêts", decompte.total_interets),
        ("Pénalités de retard", decompte.total_penalites),
        ("Indemnités", decompte.total_indemnites),
        ("Clauses pénales", decompte.total_clauses_penales),
        ("Accessoires déjà réglés", decompte.total_accessoires_regles),
    ]
    if decompte.trop_percu:
        paires.append(("Trop-perçu", decompte.trop_percu))
    paires.append(("TOTAL RESTANT DÛ", decompte.total))
    lignes.append(aligner([(libelle, montant(v)) for libelle, v in paires], largeur, "  "))
    lignes += couper(
        "Total restant dû = principal restant dû + intérêts + pénalités + indemnités + "
        "clauses pénales − accessoires déjà réglés.",
        largeur,
        suite="",
    )
    if decompte.fondements:
        lignes.append("")
        lignes += couper("Fondements : " + " ; ".join(decompte.fondements), largeur)
    if decompte.avertissements:
        lignes += section("Avertissements")
        for avertissement in decompte.avertissements:
            lignes += couper(f"! {avertissement}", largeur)
    return fin(lignes)
