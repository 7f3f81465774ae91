"""Résultats de la vérification de recevabilité : constats, voie, juridiction, calendrier.

Tous les modèles sont figés et s'échangent en JSON sans perte (``model_dump_json`` puis
``model_validate_json`` redonnent le même objet). Un résultat juridique défavorable (créance
prescrite, contestation sérieuse) est un résultat, jamais une exception (docs/conception.md §7).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import ConfigDict, Field, ValidationError, field_validator

from contentieux.erreurs import ArgumentInvalide
from contentieux.modeles.base import Modele, Montant
from contentieux.modeles.resultats import Constat
from contentieux.modeles.texte import (
    LARGEUR,
    LIBELLE_PRINCIPAL_EXIGIBLE,
    LIBELLE_PRINCIPAL_IMPAYE,
    SYMBOLES,
    VERDICTS,
    aligner,
    couper,
    fin,
    montant,
    puces,
    section,
    titre,
)
from contentieux.modeles.texte import date as date_longue


class CodeVoie(StrEnum):
    """Démarche recommandée pour la suite du recouvrement."""

    RELANCE_AMIABLE = "relance_amiable"
    MISE_EN_DEMEURE = "mise_en_demeure"
    INJONCTION_DE_PAYER = "injonction_de_payer"
    PETITES_CREANCES = "petites_creances"
    DECLARATION_CREANCE = "declaration_creance"
    INTERRUPTION_PRESCRIPTION = "interruption_prescription"
    EXECUTION_TITRE = "execution_titre"
    SUIVRE_INSTANCE = "suivre_instance"
    """Une instance est déjà pendante (assignation, opposition…) : la suivre (CPC 100)."""
    INJONCTION_EUROPEENNE = "injonction_de_payer_europeenne"
    """Débiteur établi dans un autre État membre : injonction de payer européenne (règlement (CE)
    n° 1896/2006), devant la juridiction que désigne le règlement (UE) n° 1215/2012."""
    HORS_CHAMP = "hors_champ"
    """Débiteur établi hors de l'Union (ou au Danemark) : hors du champ de la bibliothèque."""
    AUCUNE = "aucune"


class NatureJuridiction(StrEnum):
    """Nature de la juridiction saisie d'une requête en injonction de payer (CPC 1406)."""

    PRESIDENT_TRIBUNAL_JUDICIAIRE = "president_tribunal_judiciaire"
    JUGE_CONTENTIEUX_PROTECTION = "juge_contentieux_protection"
    PRESIDENT_TRIBUNAL_COMMERCE = "president_tribunal_commerce"
    PRESIDENT_TRIBUNAL_ACTIVITES_ECONOMIQUES = "president_tribunal_activites_economiques"
    CHAMBRE_COMMERCIALE_TRIBUNAL_JUDICIAIRE = "chambre_commerciale_tribunal_judiciaire"
    PRESIDENT_TRIBUNAL_MIXTE_COMMERCE = "president_tribunal_mixte_commerce"
    JURIDICTION_ADMINISTRATIVE = "juridiction_administrative"


class VoieRecommandee(Modele):
    """La démarche recommandée, avec ses raisons et ses fondements."""

    code: CodeVoie
    intitule: str
    motifs: tuple[str, ...]
    fondements: tuple[str, ...]
    avertissements: tuple[str, ...] = ()


class Juridiction(Modele):
    """Juridiction compétente : sa nature, la règle de lieu et, si les sources l'établissent, son
    nom — jamais un nom deviné (CPC 54 1°).

    ``nom`` vient, dans l'ordre, de l'annuaire passé par l'utilisateur (``--annuaire``), de
    l'annuaire livré (``regles/annuaire/``) ou du dossier (``actes.juridiction``) ; sans nom,
    ``candidats`` liste les tribunaux possibles et ``a_completer`` dit quoi ajouter.
    """

    nature: NatureJuridiction
    intitule: str
    regle_territoriale: str
    lieu: str = Field(description="Domicile ou siège du débiteur qui fixe la compétence.")
    nom: str | None = Field(
        default=None,
        description="Nom du tribunal (« tribunal judiciaire de Bordeaux »), s'il est établi.",
    )
    designation: str | None = Field(
        default=None,
        description=(
            "Le juge saisi et son tribunal, tel que l'acte l'écrit en tête et dans la demande "
            "(« juge des contentieux de la protection du tribunal judiciaire de Bordeaux »)."
        ),
    )
    candidats: tuple[str, ...] = Field(
        default=(),
        description="Tribunaux possibles quand l'annuaire n'en désigne pas un seul.",
    )
    a_completer: str | None = Field(
        default=None,
        description="Sans nom : ce qu'il faut ajouter au dossier ou à l'annuaire pour en avoir un.",
    )
    fondements: tuple[str, ...]
    avertissements: tuple[str, ...] = ()
    determination: str | None = Field(
        default=None,
        description=(
            "Comment la juridiction a été décidée : ressort transcrit dans les règles, commune "
            "du siège, annuaire fourni, lieu de l'immeuble…"
        ),
    )


class EtapeCalendrier(Modele):
    """Une échéance du calendrier : datée si les faits le permettent, sinon la règle relative."""

    intitule: str
    date: dt.date | None
    regle: str
    fondement: str
    echue: bool | None = Field(description="Vrai si la date est passée au jour de l'évaluation.")


class PrescriptionFacture(Modele):
    """Prescription d'une facture ou d'une échéance (chacune court de sa propre date)."""

    creance: str
    numero: str
    point_de_depart: dt.date | None
    date_prescription: dt.date | None = Field(
        description="Dernier jour pour agir ; vide si indéterminée ou si elle ne court pas."
    )
    date_butoir: dt.date | None = Field(
        default=None, description="Délai butoir (C. civ. 2232, durée des règles), s'il joue."
    )
    date_decheance_quadriennale: dt.date | None = Field(
        default=None,
        description=(
            "Dernier jour avant la déchéance quadriennale (loi 68-1250), débiteur public : "
            "à confirmer."
        ),
    )
    prescrite: bool | None


class DetailPrescription(Modele):
    """Le détail du calcul de la prescription (ou de la forclusion) d'une créance."""

    creance: str
    regime: str = Field(
        description="Identifiant du délai dans les règles, par ex. « commerciale »."
    )
    intitule: str
    duree: str
    date_prescription: dt.date | None = Field(
        description="Prochaine date à laquelle une partie non prescrite de la créance le devient."
    )
    jours_restants: int | None
    evenements: tuple[str, ...] = Field(description="Événements qui ont déplacé la date.")
    par_facture: tuple[PrescriptionFacture, ...]
    fondements: tuple[str, ...]
    decheance_quadriennale: bool = Field(
        default=False,
        description=(
            "Vrai si la date retenue est celle de la déchéance quadriennale (loi 68-1250), "
            "plus proche que la prescription civile : à confirmer."
        ),
    )


class Recevabilite(Modele):
    """Rapport complet de recevabilité d'un dossier à une date."""

    dossier: str = Field(description="Référence du dossier.")
    au: dt.date
    constats: tuple[Constat, ...]
    recevable: bool | None = Field(
        description=(
            "Certaine, liquide, exigible et non prescrite : vrai, faux ou inconnu "
            "(faits manquants)."
        )
    )
    voie: VoieRecommandee
    juridiction: Juridiction | None
    calendrier: tuple[EtapeCalendrier, ...]
    prescription: tuple[DetailPrescription, ...] = Field(
        description="Le détail de la prescription de chaque créance du dossier."
    )
    faits_manquants: tuple[str, ...]
    avertissements: tuple[str, ...] = ()
    regles_version: str
    principal_impaye: Montant | None = Field(
        default=None,
        description=(
            "Principal impayé, toutes factures (échues ou non, prescrites ou non), tous les "
            "paiements déduits du principal ; le « principal restant dû » d'un décompte peut être "
            "plus élevé, les paiements y allant d'abord aux intérêts et frais (C. civ. 1343-1)."
        ),
    )
    principal_exigible_non_prescrit: Montant | None = Field(
        default=None,
        description=(
            "Principal des seules factures échues et non prescrites, paiements imputés déduits : "
            "le montant qui peut être demandé en justice et qui décide des seuils."
        ),
    )

    def __str__(self) -> str:
        return texte_recevabilite(self)

    def constat(self, condition: str) -> Constat:
        """Le constat d'une condition (« certitude », « prescription »…)."""
        for c in self.constats:
            if c.condition == condition:
                return c
        raise KeyError(condition)


# --- recevabilité -------------------------------------------------------------------------------


def texte_recevabilite(rapport: Recevabilite, largeur: int = LARGEUR) -> str:
    """Le rapport de recevabilité en texte : verdict, conditions, voie, juridiction, calendrier."""
    lignes = titre(
        f"Recevabilité du dossier {rapport.dossier} au {date_longue(rapport.au)}", largeur
    )
    lignes += couper(f"Verdict : {VERDICTS[rapport.recevable]}", largeur)
    for alerte in rapport.avertissements:
        lignes += ["", *couper(f"URGENT : {alerte}", largeur)]
    exigible = getattr(rapport, "principal_exigible_non_prescrit", None)
    restant = getattr(rapport, "principal_impaye", None)
    if exigible is not None and restant is not None:
        lignes += section("Montants")
        lignes.append(
            aligner(
                [
                    (LIBELLE_PRINCIPAL_IMPAYE, montant(restant)),
                    (LIBELLE_PRINCIPAL_EXIGIBLE, montant(exigible)),
                ],
                largeur,
                "  ",
            )
        )
        if exigible != restant:
            explication = (
                f"La différence ({montant(restant - exigible)}) tient aux factures non encore "
                "échues ou prescrites : seul le principal exigible et non prescrit peut être "
                "réclamé en justice et décide des seuils (petites créances, CPC 750-1)."
            )
        else:
            explication = (
                "Les deux montants sont égaux : toutes les factures impayées sont échues et non "
                "prescrites."
            )
        lignes += couper(explication, largeur, "  ", "  ")
        lignes += couper(
            "Hors intérêts, pénalités et indemnités : voir la commande « decompte », dont le "
            "« principal restant dû » peut être plus élevé que le principal impayé, les paiements "
            "y étant imputés d'abord sur les intérêts et les frais (C. civ. 1343-1).",
            largeur,
            "  ",
            "  ",
        )
    lignes += section("Conditions")
    for constat in rapport.constats:
        tete = f"{SYMBOLES[constat.satisfaite]} {constat.intitule} : {constat.motif}"
        lignes += couper(tete, largeur, "", "      ")
        if constat.faits_manquants:
            lignes += couper(
                "Faits manquants : " + ", ".join(constat.faits_manquants), largeur, "      "
            )
        for avertissement in constat.avertissements:
            lignes += couper(f"! {avertissement}", largeur, "      ")
        if constat.fondements:
            lignes += couper("(" + " ; ".join(constat.fondements) + ")", largeur, "      ")
    voie = rapport.voie
    lignes += section(f"Voie recommandée : {voie.intitule}")
    for motif in voie.motifs:
        lignes += couper(f"• {motif}", largeur, "  ", "    ")
    for avertissement in voie.avertissements:
        lignes += couper(f"! {avertissement}", largeur, "  ", "    ")
    if voie.fondements:
        lignes += couper("(" + " ; ".join(voie.fondements) + ")", largeur, "  ", "    ")
    if rapport.juridiction is not None:
        j = rapport.juridiction
        lignes += section("Juridiction")
        if j.designation:
            lignes += couper(j.designation[:1].upper() + j.designation[1:], largeur, "  ")
        else:
            lignes += couper(f"{j.intitule} — tribunal non nommé", largeur, "  ")
        lignes += couper(f"Lieu : {j.lieu}", largeur, "  ")
        if j.candidats and not j.designation:
            lignes += couper("Tribunaux possibles : " + ", ".join(j.candidats), largeur, "  ")
        if j.a_completer:
            lignes += couper(f"! À compléter : {j.a_completer}", largeur, "  ", "    ")
        lignes += couper(j.regle_territoriale, largeur, "  ")
        determination = getattr(j, "determination", None)
        if determination:
            lignes += couper(f"Déterminée par : {determination}", largeur, "  ")
        for avertissement in j.avertissements:
            lignes += couper(f"! {avertissement}", largeur, "  ", "    ")
    if rapport.calendrier:
        lignes += section("Calendrier")
        for etape in rapport.calendrier:
            quand = date_longue(etape.date) if etape.date else "date à établir"
            if etape.echue:
                quand += " (échue)"
            lignes += couper(f"{quand} — {etape.intitule}", largeur, "  ")
            lignes += couper(f"{etape.regle} ({etape.fondement})", largeur, "      ")
    if rapport.faits_manquants:
        lignes += section("Faits à fournir")
        lignes += puces(rapport.faits_manquants, largeur)
    return fin(lignes)


MARGE_PRESCRIPTION_JOURS = 60
"""Marge par défaut (jours) avant la prescription en deçà de laquelle un acte interruptif est
recommandé : choix prudentiel (délais d'une assignation, d'une signification), non règle de
droit."""


class OptionsRecevabilite(Modele):
    """Les réglages d'une vérification de recevabilité, validés une fois.

    C'est le seul objet d'options de :func:`contentieux.recevabilite.verifier_recevabilite` (et
    d'``exiger_recevabilite``) ; la commande ``contentieux verifier``, le service, le pilotage et
    les actes le construisent. Figé : un même objet sert à plusieurs dossiers. Une valeur
    invalide lève :class:`~contentieux.erreurs.ArgumentInvalide`, dont le message nomme le champ,
    dit ce qui ne va pas et comment l'écrire ; ``champ`` nomme le champ.

    >>> OptionsRecevabilite(marge_prescription_jours=30).marge_prescription_jours
    30
    >>> OptionsRecevabilite(marge_prescription_jours=-1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    contentieux.erreurs.ArgumentInvalide: marge_prescription_jours : « -1 » n'est pas admis ; ...
    """

    # Les chaînes sont gardées telles quelles : un nom de tribunal ou une clé d'annuaire se
    # comparent exactement, comme avant l'objet d'options.
    model_config = ConfigDict(**{**Modele.model_config, "str_strip_whitespace": False})

    marge_prescription_jours: int = Field(
        default=MARGE_PRESCRIPTION_JOURS,
        description=(
            "En deçà de ce nombre de jours avant la prescription (ou la forclusion), la voie "
            "recommandée devient l'acte qui l'interrompt. Choix prudentiel de l'utilisateur "
            "(60 jours par défaut), non règle de droit."
        ),
    )
    annuaire: dict[str, str] | None = Field(
        default=None,
        description=(
            "Annuaire des juridictions fourni par l'utilisateur : code postal ou commune → nom "
            "exact de la juridiction (une clé peut être préfixée par la nature, "
            "« president_tribunal_commerce:69002 ») ; il passe avant l'annuaire livré."
        ),
    )
    juridiction: str | None = Field(
        default=None,
        description=(
            "Tribunal choisi parmi les candidats de l'annuaire (à défaut, "
            "dossier.actes.juridiction) ; les actes passent celui de leurs paramètres, si bien "
            "que verifier et les actes nomment le même tribunal."
        ),
    )

    def __init__(self, **choix: Any) -> None:
        try:
            super().__init__(**choix)
        except ValidationError as exc:
            premiere = exc.errors()[0]
            champ = str(premiere["loc"][0]) if premiere["loc"] else "options"
            message = str(premiere["msg"]).removeprefix("Value error, ")
            if premiere["type"] == "extra_forbidden":
                message = (
                    f"{champ} : option inconnue de la recevabilité ; options admises : "
                    + ", ".join(type(self).model_fields)
                )
            raise ArgumentInvalide(message, champ=champ) from None

    @field_validator("marge_prescription_jours", mode="before")
    @classmethod
    def _marge(cls, valeur: object) -> object:
        if isinstance(valeur, bool) or not isinstance(valeur, int) or valeur < 0:
            raise ValueError(
                f"marge_prescription_jours : « {valeur} » n'est pas admis ; écrivez un nombre "
                "entier de jours positif ou nul, par exemple 60 (la marge par défaut)"
                + (" — un nombre, pas un texte" if isinstance(valeur, str) else "")
            )
        return valeur

    @field_validator("annuaire", mode="before")
    @classmethod
    def _annuaire(cls, valeur: object) -> object:
        if valeur is None:
            return None
        if not isinstance(valeur, Mapping) or not all(
            isinstance(k, str) and k and isinstance(v, str) and v for k, v in valeur.items()
        ):
            raise ValueError(
                "annuaire : un dictionnaire de textes non vides est attendu (code postal ou "
                "commune → nom de la juridiction) ; écrivez par exemple "
                '{"69002": "Tribunal des activités économiques de Lyon"}'
            )
        return dict(valeur)

    @field_validator("juridiction", mode="before")
    @classmethod
    def _juridiction(cls, valeur: object) -> object:
        if valeur is not None and (not isinstance(valeur, str) or not valeur.strip()):
            raise ValueError(
                f"juridiction : « {valeur} » n'est pas un nom de tribunal ; écrivez le nom "
                "exact, par exemple « tribunal de commerce de Libourne », ou laissez vide"
            )
        return valeur
