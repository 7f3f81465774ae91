"""Paramètres des actes au-delà du dossier (section ``actes:`` d'un dossier) : lieu, en-tête,
signataire, modalités de paiement, plan, agence, commissaire de justice, déclaration de créance.

Ils sont validés à la lecture du dossier ; :mod:`contentieux.actes` liste, avant tout rendu, ce
qu'un acte exige et qui manque.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, model_validator

from contentieux.modeles.base import Modele, Montant, MontantStrict, Taux
from contentieux.modeles.evenements import MoyenNotification
from contentieux.modeles.parties import Adresse, Partie


class EnTeteParametre(Modele):
    """Papier à en-tête d'un cabinet : nom, lignes (adresse, téléphone, barreau…), logo."""

    nom: str = Field(min_length=1)
    lignes: tuple[str, ...] = ()
    logo: str | None = Field(
        default=None,
        description="Chemin d'un fichier PNG, JPEG ou SVG (relatif au dossier courant).",
    )


class Signataire(Modele):
    """Personne qui signe pour le créancier."""

    nom: str = Field(min_length=1)
    qualite: str = Field(min_length=1, description="« Gérante », « Avocat au barreau de Lyon »…")


class ParametresMiseEnDemeure(Modele):
    """Envoi de la mise en demeure (C. civ. 1344)."""

    delai_jours: int | None = Field(
        default=None,
        ge=1,
        description="Délai laissé pour payer ; à défaut, celui de la dernière mise en demeure "
        "du dossier.",
    )
    moyen: MoyenNotification = MoyenNotification.LETTRE_RECOMMANDEE_AR
    reference_envoi: str | None = Field(
        default=None, description="Numéro de la lettre recommandée, s'il est connu."
    )


class ParametresRequete(Modele):
    """Requête en injonction de payer (CPC 1407, 1408)."""

    juridiction_nom: str | None = Field(
        default=None, description="Nom exact du tribunal (sinon la nature et la règle de lieu)."
    )
    demande_1408: bool = Field(
        default=False,
        description="Demander le renvoi immédiat, en cas d'opposition, devant la juridiction "
        "estimée compétente (CPC 1408).",
    )
    produire_malgre_reserves: bool = Field(
        default=False,
        description="Produire la requête alors que « contentieux verifier » trouve la créance "
        "irrecevable ou indéterminée (hors prescription, procédure collective et injonction de "
        "payer fermée, toujours refusées) : les motifs sont imprimés sur une note de couverture "
        "en tête de l'acte. Par défaut, la requête est refusée avec ces motifs.",
    )


class ParametresPlan(Modele):
    """Échéancier convenu (plan d'apurement)."""

    nombre_echeances: int = Field(ge=1, le=120)
    date_premiere_echeance: dt.date
    periodicite: Literal["mensuelle", "bimestrielle", "trimestrielle"] = "mensuelle"
    montant: MontantStrict | None = Field(
        default=None, description="Somme échelonnée ; à défaut, le total du décompte."
    )
    taux_interets: Taux | None = Field(
        default=None,
        description="Taux annuel convenu pendant le plan, en pourcent, sur le seul principal "
        "(C. civ. 1343-2) ; absent : pas d'intérêts. Refusé envers un consommateur par un "
        "créancier professionnel (crédit à la consommation, C. consom. L312-1).",
    )
    delai_regularisation_jours: int | None = Field(
        default=None,
        ge=1,
        description="Délai laissé après une mise en demeure restée sans effet avant la déchéance "
        "du terme (un délai raisonnable : Cass. 1re civ. 22 mars 2023). Envers un consommateur, "
        "au moins le préavis des règles (plan_apurement.preavis_decheance_consommateur_jours, "
        "30 jours), qui s'applique à défaut ; exigé pour un autre débiteur.",
    )


class ParametresReconnaissance(Modele):
    """Reconnaissance de dette (C. civ. 1376)."""

    montant: MontantStrict | None = Field(
        default=None, description="Somme reconnue ; à défaut, le total du décompte."
    )


class ParametresAgence(Modele):
    """Convention de recouvrement amiable (CPCE R124-3) et lettre au débiteur (R124-4)."""

    remuneration: str = Field(
        min_length=1, description="Conditions de la rémunération (R124-3 3°)."
    )
    garantie: str = Field(
        min_length=1, description="Assurance de responsabilité civile professionnelle (R124-3 2°)."
    )
    reversement: str = Field(
        min_length=1, description="Conditions de reversement des fonds (R124-3 4°)."
    )
    compte_fonds: str | None = Field(
        default=None, description="Compte exclusivement affecté aux fonds encaissés (R124-2 2°)."
    )
    reference_lettre: str | None = Field(
        default=None, description="Référence de la lettre au débiteur (R124-4)."
    )
    reference_premiere_lettre: str | None = Field(
        default=None,
        description="Référence de la première lettre de l'agence au débiteur, rappelée dans "
        "toute lettre suivante (R124-4) ; absente : la lettre produite est la première.",
    )
    date_premiere_lettre: dt.date | None = Field(
        default=None, description="Date de la première lettre de l'agence au débiteur (R124-4)."
    )
    signe_pour_le_creancier: bool = Field(
        default=False,
        description="La convention de recouvrement permet à l'agence de signer, comme "
        "mandataire, les actes du créancier (échéancier, mandat au commissaire de justice…) ; "
        "faux : le créancier les signe par son représentant légal.",
    )
    frais_demandes_au_debiteur: Montant | None = Field(
        default=None,
        description="Frais de l'agence que l'on voudrait réclamer au débiteur : toujours refusés "
        "(CPCE L111-8 al. 2).",
    )


class ParametresCommissaire(Modele):
    """Mandat au commissaire de justice."""

    identite: Partie | None = Field(
        default=None, description="Le commissaire de justice (sinon le mandataire du dossier)."
    )
    pouvoir_encaisser: bool = True
    pouvoir_accorder_delais: bool = False


class MandataireJudiciaire(Modele):
    """Mandataire judiciaire (ou liquidateur) destinataire de la déclaration de créance."""

    nom: str = Field(min_length=1)
    adresse: Adresse


class ParametresDeclaration(Modele):
    """Déclaration de créance (C. com. L622-24, R622-23)."""

    mandataire_judiciaire: MandataireJudiciaire
    tribunal: str | None = Field(default=None, description="Tribunal qui a ouvert la procédure.")
    privileges: tuple[str, ...] = Field(
        default=(), description="Privilèges et sûretés ; vide : créance chirographaire."
    )


class ParametresActes(Modele):
    """Section ``actes:`` d'un dossier ou fichier ``--parametres``."""

    lieu: str | None = Field(
        default=None, description="Lieu de signature (sinon la ville du créancier)."
    )
    juridiction: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description=(
            "Tribunal saisi, quand l'annuaire en propose plusieurs pour le code postal "
            "(« tribunal judiciaire de Libourne ») ; il doit être l'un des candidats que donne "
            "« contentieux verifier »."
        ),
    )
    en_tete: EnTeteParametre | None = None
    signataire: Signataire | None = None
    modalites_paiement: str | None = Field(
        default=None, description="Comment payer (IBAN, chèque…) ; sinon une formule générale."
    )
    mise_en_demeure: ParametresMiseEnDemeure = ParametresMiseEnDemeure()
    requete: ParametresRequete = ParametresRequete()
    plan: ParametresPlan | None = None
    reconnaissance: ParametresReconnaissance = ParametresReconnaissance()
    agence: ParametresAgence | None = None
    commissaire_justice: ParametresCommissaire = ParametresCommissaire()
    declaration: ParametresDeclaration | None = None

    @model_validator(mode="before")
    @classmethod
    def _mapping(cls, donnees: Any) -> Any:
        if donnees is None:
            return {}
        return donnees

    @model_validator(mode="after")
    def _juridiction_nommee(self) -> ParametresActes:
        if self.juridiction is not None and not self.juridiction.strip().lower().startswith(
            "tribunal "
        ):
            raise ValueError(
                f"actes.juridiction « {self.juridiction} » : écrivez le nom du tribunal tel que "
                "« contentieux verifier » le propose, par exemple « tribunal judiciaire de "
                "Libourne » ou « tribunal de commerce de Bordeaux »"
            )
        return self
