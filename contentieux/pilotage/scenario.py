"""Scénarios de relance : des étapes datées par rapport à l'échéance, un canal, un acte.

Un scénario est un fichier YAML (le scénario par défaut est livré dans
``regles/scenarios/defaut.yaml``). Chaque étape a un ``code``, un ``jour`` relatif à l'échéance
de la plus ancienne facture impayée (``-5`` : cinq jours avant), un ``intitule``, un ``canal``
(lettre, courriel, SMS, téléphone), un ``acte`` facultatif et ``frais`` (l'étape réclame
l'indemnité forfaitaire de recouvrement : retirée d'office hors B2B, CPCE L111-8 al. 2).

Un scénario invalide lève :class:`~contentieux.erreurs.ScenarioInvalide`, une ligne par erreur
(quel champ, ce qui ne va pas, comment corriger).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path

from pydantic import Field, ValidationError, field_validator, model_validator

from contentieux.erreurs import DonneesInvalides, ScenarioInvalide
from contentieux.modeles.base import Modele


class Canal(StrEnum):
    """Canal d'une étape."""

    LETTRE = "lettre"
    COURRIEL = "courriel"
    SMS = "sms"
    TELEPHONE = "telephone"


CANAUX_DIRECTS = frozenset({Canal.SMS, Canal.TELEPHONE})
"""Canaux soumis à la fenêtre de contact et à l'intervalle minimal."""


class ActeScenario(StrEnum):
    """Acte produit par une étape : un identifiant de la couche des actes
    (:data:`contentieux.actes.ACTES`), ou ``voie_recommandee`` (celui de la voie que la
    recevabilité recommande : requête en injonction de payer ; mandat au commissaire de justice
    pour les petites créances ; mise en demeure si elle manque). ``convention_recouvrement`` :
    le mandat à une agence de recouvrement (CPCE R124-3)."""

    RELANCE = "relance"
    MISE_EN_DEMEURE = "mise_en_demeure"
    VOIE_RECOMMANDEE = "voie_recommandee"
    REQUETE_INJONCTION_PAYER = "requete_injonction_payer"
    MANDAT_COMMISSAIRE_JUSTICE = "mandat_commissaire_justice"
    CONVENTION_RECOUVREMENT = "convention_recouvrement"


class EtapeScenario(Modele):
    """Une étape du scénario."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Identifiant (minuscules, _).")
    jour: int = Field(ge=-90, le=730, description="Jours après l'échéance (négatif : avant).")
    intitule: str = Field(min_length=1)
    canal: Canal
    acte: ActeScenario | None = None
    frais: bool = Field(
        default=False,
        description="Réclame l'indemnité forfaitaire de recouvrement (entre professionnels).",
    )


class FenetreContact(Modele):
    """Quand appeler ou écrire par SMS : choix prudentiel du scénario, non règle de droit."""

    jours_ouvres: bool = Field(default=True, description="Jours ouvrés seulement (CPC 642).")
    heure_debut: dt.time = dt.time(9, 0)
    heure_fin: dt.time = dt.time(18, 0)

    @field_validator("heure_debut", "heure_fin", mode="before")
    @classmethod
    def _heure_texte(cls, valeur: object) -> object:
        # YAML lit 9:00 sans guillemets comme un nombre sexagésimal (540) : on le refuse.
        if isinstance(valeur, int | float):
            raise ValueError('heure attendue entre guillemets au format HH:MM, par exemple "09:00"')
        return valeur

    intervalle_minimal_jours: int = Field(
        default=7, ge=1, le=90, description="Jours au moins entre deux appels ou SMS."
    )

    @model_validator(mode="after")
    def _heures(self) -> FenetreContact:
        if self.heure_fin <= self.heure_debut:
            raise ValueError(
                f"heure_fin : la fin de la fenêtre ({self.heure_fin:%H:%M}) doit suivre son "
                f"début ({self.heure_debut:%H:%M}) ; par exemple 09:00 et 18:00"
            )
        return self

    def decrire(self) -> str:
        """La fenêtre en français."""
        jours = "un jour ouvré" if self.jours_ouvres else "n'importe quel jour"
        return (
            f"{jours}, entre {self.heure_debut:%H:%M} et {self.heure_fin:%H:%M}, au plus un "
            f"appel ou SMS tous les {self.intervalle_minimal_jours} jours"
        )


class Scenario(Modele):
    """Un scénario de relance."""

    nom: str = Field(min_length=1)
    description: str | None = None
    marge_prescription_jours: int = Field(
        default=60,
        ge=0,
        le=365,
        description="En deçà, la prescription proche fait sauter à l'acte interruptif.",
    )
    contact: FenetreContact = FenetreContact()
    etapes: tuple[EtapeScenario, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordre(self) -> Scenario:
        codes = [e.code for e in self.etapes]
        doublons = sorted({c for c in codes if codes.count(c) > 1})
        if doublons:
            raise ValueError(
                f"etapes : code(s) en double : {', '.join(doublons)} ; donnez à chaque étape "
                "un code unique"
            )
        for avant, apres in zip(self.etapes, self.etapes[1:], strict=False):
            if apres.jour <= avant.jour:
                raise ValueError(
                    f"etapes : l'étape « {apres.code} » (jour {apres.jour}) doit suivre "
                    f"« {avant.code} » (jour {avant.jour}) ; classez les étapes par jour "
                    "strictement croissant"
                )
        return self


def chemin_scenario_defaut() -> Path:
    """Fichier du scénario livré avec le paquet."""
    from contentieux.donnees import dossier_donnees

    return dossier_donnees("regles") / "scenarios" / "defaut.yaml"


def lire_scenario(chemin: str | Path | None = None) -> Scenario:
    """Lit et valide un scénario YAML (par défaut celui du paquet).

    >>> s = lire_scenario()
    >>> [(e.code, e.jour) for e in s.etapes][:2]
    [('rappel', -5), ('relance', 7)]
    """
    from contentieux.lecture import erreurs_de_saisie, lire_donnees, message_de_saisie

    fichier = Path(chemin) if chemin is not None else chemin_scenario_defaut()
    try:
        donnees = lire_donnees(fichier)
    except DonneesInvalides as exc:
        raise ScenarioInvalide(f"scénario {fichier} : {exc.message}") from None
    if not isinstance(donnees, dict):
        raise ScenarioInvalide(
            f"scénario {fichier} : un objet YAML est attendu (nom, contact, etapes)"
        )
    try:
        return Scenario.model_validate(donnees)
    except ValidationError as exc:
        erreurs = erreurs_de_saisie(exc)
        raise ScenarioInvalide(
            message_de_saisie(f"scénario {fichier}", erreurs, "erreur(s)"), erreurs=erreurs
        ) from None
