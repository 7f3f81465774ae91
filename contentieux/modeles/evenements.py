"""Événements de la vie d'une créance : paiements, mises en demeure, actes interruptifs…

Chaque événement porte un ``type`` (discriminant JSON) et, facultativement, les références des
créances qu'il concerne (``creances`` vide : toutes les créances du dossier).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from contentieux.modeles.base import Modele, Montant, MontantStrict


class _Evenement(Modele):
    creances: tuple[str, ...] = Field(
        default=(), description="Références des créances concernées ; vide : toutes."
    )
    reference: str | None = Field(default=None, description="Référence de la pièce qui le prouve.")

    def concerne(self, reference_creance: str) -> bool:
        """Vrai si l'événement s'applique à cette créance."""
        return not self.creances or reference_creance in self.creances


class Paiement(_Evenement):
    """Paiement, éventuellement partiel, avec l'imputation choisie par le débiteur (1342-10)."""

    type: Literal["paiement"] = "paiement"
    date: dt.date
    montant: MontantStrict
    factures_designees: tuple[str, ...] = Field(
        default=(),
        description="Numéros des factures que le débiteur a désigné payer, dans l'ordre.",
    )


class MoyenNotification(StrEnum):
    """Mode d'envoi d'une mise en demeure (C. civ. 1344 : sommation ou acte suffisant)."""

    LETTRE_RECOMMANDEE_AR = "lettre_recommandee_ar"
    LETTRE_RECOMMANDEE_ELECTRONIQUE = "lettre_recommandee_electronique"
    ACTE_COMMISSAIRE_DE_JUSTICE = "acte_commissaire_de_justice"
    COURRIEL_AVEC_PREUVE = "courriel_avec_preuve"
    COURRIEL = "courriel"
    LETTRE_SIMPLE = "lettre_simple"


class MiseEnDemeure(_Evenement):
    """Mise en demeure de payer (C. civ. 1344, 1344-1, 1231-6)."""

    type: Literal["mise_en_demeure"] = "mise_en_demeure"
    date_envoi: dt.date
    date_reception: dt.date | None = Field(
        default=None, description="Date de première présentation ou de réception."
    )
    date_effet: dt.date | None = Field(
        default=None,
        description=(
            "Date d'effet retenue si elle diffère de la réception (choix de l'utilisateur)."
        ),
    )
    moyen: MoyenNotification
    delai_jours: int | None = Field(
        default=None, ge=1, description="Délai laissé au débiteur pour payer, en jours."
    )
    non_reclamee: bool = Field(
        default=False,
        description=(
            "Lettre recommandée non réclamée (reste valable : Cass. 1re civ. 20 janv. 2021)."
        ),
    )

    @model_validator(mode="after")
    def _dates(self) -> MiseEnDemeure:
        if self.date_reception and self.date_reception < self.date_envoi:
            raise ValueError(
                "date_reception : la mise en demeure ne peut être reçue avant d'être envoyée ; "
                "vérifiez date_envoi et date_reception"
            )
        return self

    @property
    def date_point_de_depart(self) -> dt.date | None:
        """Date à partir de laquelle la mise en demeure produit effet (effet, sinon réception)."""
        return self.date_effet or self.date_reception


class ReconnaissanceDette(_Evenement):
    """Reconnaissance par le débiteur du droit du créancier : interruption (C. civ. 2240)."""

    type: Literal["reconnaissance_dette"] = "reconnaissance_dette"
    date: dt.date
    montant: Montant | None = None
    ecrite: bool = True
    factures: tuple[str, ...] = Field(
        default=(),
        description=(
            "Numéros des factures que la reconnaissance nomme ; vide : toutes celles des créances "
            "concernées. Elle n'interrompt que pour ce qu'elle reconnaît (C. civ. 2240) : un "
            "montant inférieur à ces factures laisse les dernières échues hors de son effet."
        ),
    )


class PlanApurement(_Evenement):
    """Échéancier convenu : reconnaissance (2240), exigibilité reportée tant qu'il est respecté."""

    type: Literal["plan_apurement"] = "plan_apurement"
    date: dt.date = Field(description="Date de signature.")
    date_premiere_echeance: dt.date
    date_derniere_echeance: dt.date
    date_defaillance: dt.date | None = Field(
        default=None, description="Première échéance impayée ; vide si le plan est respecté."
    )

    @model_validator(mode="after")
    def _dates(self) -> PlanApurement:
        if self.date_derniere_echeance < self.date_premiere_echeance:
            raise ValueError(
                "date_derniere_echeance : la dernière échéance précède la première ; "
                "vérifiez les dates du plan"
            )
        return self


class NatureDemande(StrEnum):
    """Nature de la demande en justice (C. civ. 2241)."""

    ASSIGNATION = "assignation"
    REFERE = "refere"
    SIGNIFICATION_INJONCTION = "signification_injonction"
    REQUETE_INJONCTION = "requete_injonction"
    OPPOSITION_INJONCTION = "opposition_injonction"
    """Opposition du débiteur à l'ordonnance portant injonction de payer (CPC 1415 à 1417) : elle
    saisit le tribunal, qui statue sur la demande (CPC 1417) ; instance à suivre, non à doubler."""
    DECLARATION_CREANCE = "declaration_creance"
    AUTRE = "autre"


class IssueDemande(StrEnum):
    """Sort de la demande : certaines issues rendent l'interruption non avenue (C. civ. 2243)."""

    EN_COURS = "en_cours"
    ACCUEILLIE = "accueillie"
    REJETEE_DEFINITIVEMENT = "rejetee_definitivement"
    DESISTEMENT = "desistement"
    PEREMPTION = "peremption"
    NON_AVENUE = "non_avenue"


class DemandeEnJustice(_Evenement):
    """Demande en justice, même en référé ou devant un juge incompétent (C. civ. 2241)."""

    type: Literal["demande_en_justice"] = "demande_en_justice"
    date: dt.date
    nature: NatureDemande = NatureDemande.ASSIGNATION
    issue: IssueDemande = IssueDemande.EN_COURS
    date_fin_instance: dt.date | None = Field(
        default=None, description="Fin de l'instance (l'interruption dure jusque-là, 2242)."
    )
    juridiction: str | None = Field(
        default=None,
        description="Juridiction saisie (« Tribunal de commerce d'Agen ») : la déclaration de "
        "créance l'indique quand la créance fait l'objet d'un litige (C. com. R622-23 3°).",
    )


class NatureMediation(StrEnum):
    """Mode amiable suspensif (C. civ. 2238)."""

    MEDIATION = "mediation"
    CONCILIATION = "conciliation"
    PROCEDURE_PARTICIPATIVE = "procedure_participative"
    PETITES_CREANCES = "petites_creances"


class Mediation(_Evenement):
    """Médiation, conciliation, procédure participative ou accord petites créances (2238)."""

    type: Literal["mediation"] = "mediation"
    nature: NatureMediation = NatureMediation.MEDIATION
    date_debut: dt.date
    date_fin: dt.date | None = None

    @model_validator(mode="after")
    def _dates(self) -> Mediation:
        if self.date_fin and self.date_fin < self.date_debut:
            raise ValueError("date_fin : la médiation ne peut finir avant d'avoir commencé")
        return self


class MesureExecution(_Evenement):
    """Mesure conservatoire ou acte d'exécution forcée (C. civ. 2244)."""

    type: Literal["mesure_execution"] = "mesure_execution"
    date: dt.date
    nature: str = Field(default="acte d'exécution forcée", description="Saisie-attribution…")


class NatureProcedureCollective(StrEnum):
    """Procédures collectives (C. com. livre VI)."""

    SAUVEGARDE = "sauvegarde"
    REDRESSEMENT_JUDICIAIRE = "redressement_judiciaire"
    LIQUIDATION_JUDICIAIRE = "liquidation_judiciaire"


class ProcedureCollective(_Evenement):
    """Ouverture d'une procédure collective contre le débiteur (C. com. L622-21, L622-24)."""

    type: Literal["procedure_collective"] = "procedure_collective"
    nature: NatureProcedureCollective
    date_jugement_ouverture: dt.date
    date_publication_bodacc: dt.date | None = None
    date_cloture: dt.date | None = None


class Jugement(_Evenement):
    """Décision de condamnation (C. civ. 1231-7 ; CMF L313-3 ; CPCE L111-4)."""

    type: Literal["jugement"] = "jugement"
    date: dt.date
    date_caractere_executoire: dt.date | None = Field(
        default=None, description="Date à laquelle la décision est devenue exécutoire."
    )
    montant_principal: Montant | None = Field(
        default=None, description="Principal alloué ; vide : le principal restant dû."
    )
    juridiction: str | None = None
    capitalisation_ordonnee: bool = False


Evenement = Annotated[
    Paiement
    | MiseEnDemeure
    | ReconnaissanceDette
    | PlanApurement
    | DemandeEnJustice
    | Mediation
    | MesureExecution
    | ProcedureCollective
    | Jugement,
    Field(discriminator="type"),
]
"""Un événement, reconnu par son champ ``type``."""
