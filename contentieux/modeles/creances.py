"""Créances : factures ou échéances, nature, origine, pièces justificatives, contestation.

Une créance regroupe les factures (ou échéances) nées d'une même cause. Sa nature décide de la
prescription (C. civ. 2224, C. com. L110-4 et L133-6, C. consom. L218-2, loi 89-462 art. 7-1…) et
de la juridiction ; son origine (contractuelle ou statutaire) ouvre l'injonction de payer
(CPC art. 1405).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from contentieux.modeles.base import Modele, Montant, MontantStrict, Taux
from contentieux.modeles.parties import Adresse


class NatureCreance(StrEnum):
    """Nature de la créance (commande la prescription et la juridiction)."""

    VENTE_BIENS = "vente_biens"
    PRESTATION_SERVICES = "prestation_services"
    TRAVAUX = "travaux"
    LOYER_HABITATION = "loyer_habitation"
    TRANSPORT = "transport"
    CREDIT_CONSOMMATION = "credit_consommation"
    CHARGES_COPROPRIETE = "charges_copropriete"
    COMMUNICATIONS_ELECTRONIQUES = "communications_electroniques"
    CAUTIONNEMENT = "cautionnement"
    DOMMAGES_INTERETS = "dommages_interets"
    AUTRE = "autre"


class OrigineCreance(StrEnum):
    """Source de l'obligation (CPC art. 1405 : cause contractuelle ou obligation statutaire)."""

    CONTRACTUELLE = "contractuelle"
    STATUTAIRE = "statutaire"
    AUTRE = "autre"


class TypePiece(StrEnum):
    """Type de pièce justificative (bordereau de pièces, CPC art. 1407)."""

    CONTRAT = "contrat"
    BON_DE_COMMANDE_SIGNE = "bon_de_commande_signe"
    DEVIS_ACCEPTE = "devis_accepte"
    BON_DE_LIVRAISON = "bon_de_livraison"
    CONDITIONS_GENERALES = "conditions_generales"
    FACTURE = "facture"
    RELEVE_DE_COMPTE = "releve_de_compte"
    COURRIER = "courrier"
    ACCUSE_RECEPTION = "accuse_reception"
    RECONNAISSANCE_DE_DETTE = "reconnaissance_de_dette"
    DECISION_DE_JUSTICE = "decision_de_justice"
    AUTRE = "autre"


TYPES_PIECES_ENGAGEANT_LE_DEBITEUR = frozenset(
    {
        TypePiece.CONTRAT,
        TypePiece.BON_DE_COMMANDE_SIGNE,
        TypePiece.DEVIS_ACCEPTE,
        TypePiece.BON_DE_LIVRAISON,
        TypePiece.RECONNAISSANCE_DE_DETTE,
        TypePiece.DECISION_DE_JUSTICE,
    }
)
"""Pièces qui, signées ou acceptées par le débiteur, fondent le caractère certain."""


class StatutFactureElectronique(StrEnum):
    """Statuts du cycle de vie de la facture électronique (réforme 2026)."""

    DEPOSEE = "deposee"
    EMISE = "emise"
    RECUE = "recue"
    MISE_A_DISPOSITION = "mise_a_disposition"
    PRISE_EN_CHARGE = "prise_en_charge"
    APPROUVEE = "approuvee"
    APPROUVEE_PARTIELLEMENT = "approuvee_partiellement"
    EN_LITIGE = "en_litige"
    SUSPENDUE = "suspendue"
    COMPLETEE = "completee"
    REFUSEE = "refusee"
    PAIEMENT_TRANSMIS = "paiement_transmis"
    ENCAISSEE = "encaissee"
    REJETEE = "rejetee"
    """Rejetée par une plateforme au contrôle (213) : la facture n'a pas été valablement
    transmise au débiteur."""


class Piece(Modele):
    """Pièce justificative produite à l'appui de la créance."""

    type: TypePiece
    reference: str = Field(min_length=1, description="Numéro ou intitulé court de la pièce.")
    date: dt.date | None = None
    description: str | None = None
    signee_par_debiteur: bool = Field(
        default=False, description="Signée, acceptée ou émargée par le débiteur."
    )


class Facture(Modele):
    """Une facture, ou une échéance d'une dette payable par termes successifs."""

    numero: str = Field(min_length=1)
    est_echeance: bool = Field(default=False, description="Échéance d'un prêt, loyer, etc.")
    libelle: str | None = None
    date_emission: dt.date
    date_echeance: dt.date = Field(description="Date limite de paiement convenue.")
    date_execution: dt.date | None = Field(
        default=None,
        description=(
            "Livraison ou fin d'exécution de la prestation : point de départ de la prescription "
            "biennale contre un consommateur (C. consom. L218-2) et du délai de 30 jours par "
            "défaut."
        ),
    )
    montant_ttc: MontantStrict
    statut_facture_electronique: StatutFactureElectronique | None = None

    @model_validator(mode="after")
    def _dates(self) -> Facture:
        if self.date_echeance < self.date_emission:
            raise ValueError(
                f"date_echeance : la facture {self.numero} échoit le {self.date_echeance} avant "
                f"d'être émise le {self.date_emission} ; corrigez l'une des deux dates"
            )
        return self


class ClausePenale(Modele):
    """Clause pénale stipulée (C. civ. 1231-5) : un montant fixe ou un pourcentage du principal."""

    montant: Montant | None = None
    pourcentage: Taux | None = None

    @model_validator(mode="after")
    def _un_seul(self) -> ClausePenale:
        if (self.montant is None) == (self.pourcentage is None):
            raise ValueError(
                "clause_penale : indiquez soit « montant » (en euros), soit « pourcentage » "
                "(du principal), et un seul des deux"
            )
        return self


class Contestation(Modele):
    """Contestation élevée par le débiteur (CPC art. 1409 : rejet si elle est sérieuse)."""

    date: dt.date
    motif: str = Field(min_length=1)
    serieuse: bool | None = Field(
        default=None, description="Appréciation du créancier ; inconnue par défaut."
    )


RegimeInterets = Literal[
    "automatique", "taux_legal", "penalites_b2b", "commande_publique", "taux_conventionnel", "aucun"
]
"""Régime des intérêts de retard choisi dans le dossier ; « automatique » : décidé par
:func:`contentieux.droit.regime.regime_interets` d'après les qualités des parties."""


class Creance(Modele):
    """Une créance : ses factures ou échéances, sa cause et ses stipulations."""

    reference: str = Field(min_length=1, description="Identifiant unique dans le dossier.")
    nature: NatureCreance
    origine: OrigineCreance = OrigineCreance.CONTRACTUELLE
    description: str | None = Field(default=None, description="Cause : contrat, commande…")
    devise: Literal["EUR"] = Field(default="EUR", description="Seul l'euro est accepté.")
    factures: tuple[Facture, ...] = Field(min_length=1)
    regime_interets: RegimeInterets = Field(
        default="automatique",
        description=(
            "« automatique » déduit le régime des qualités : débiteur acheteur public → commande "
            "publique ; créancier et débiteur professionnels → pénalités L441-10 ; crédit à la "
            "consommation → taux du prêt (L312-39) ; taux stipulé → taux conventionnel ; sinon "
            "taux légal à compter de la mise en demeure (contentieux.droit.regime)."
        ),
    )
    taux_contractuel: Taux | None = Field(
        default=None,
        description=(
            "Taux annuel d'intérêt de retard stipulé, en pourcent : pénalités L441-10 entre "
            "professionnels (relevé au plancher de 3 × le taux légal), taux conventionnel "
            "ailleurs (C. civ. 1231-6, 1343-1 ; modérable s'il est une pénalité, 1231-5)."
        ),
    )
    taux_pret: Taux | None = Field(
        default=None,
        description=(
            "Crédit à la consommation : taux débiteur du prêt, en pourcent ; après la "
            "défaillance, les sommes restant dues portent intérêt à ce taux (C. consom. L312-39)."
        ),
    )
    pret_ou_paiement_differe_un_an: bool = Field(
        default=False,
        description=(
            "Prêt conclu pour une durée d'au moins un an, ou contrat assorti d'un paiement "
            "différé d'au moins un an : ses intérêts continuent de courir après le jugement "
            "d'ouverture d'une procédure collective (C. com. L622-28 al. 1)."
        ),
    )
    clause_penale: ClausePenale | None = None
    capitalisation_stipulee: bool = Field(
        default=False, description="Anatocisme stipulé (C. civ. 1343-2)."
    )
    mise_en_demeure_par_echeance: bool = Field(
        default=False,
        description=(
            "Le contrat prévoit que la seule exigibilité vaut mise en demeure (C. civ. 1344)."
        ),
    )
    clause_decheance_terme: bool = False
    date_decheance_terme: dt.date | None = Field(
        default=None, description="Date à laquelle la déchéance du terme a été prononcée."
    )
    pieces: tuple[Piece, ...] = ()
    contestation: Contestation | None = None
    contrat_administratif: bool | None = Field(
        default=None,
        description=(
            "Contrat administratif (marché public de droit public) : juge administratif ; "
            "faux : contrat de droit privé ; inconnu par défaut (vérification « à confirmer »)."
        ),
    )
    adresse_immeuble: Adresse | None = Field(
        default=None,
        description=(
            "Charges de copropriété : adresse de l'immeuble, qui fixe le tribunal compétent "
            "(décret 67-223 art. 62) ; à défaut, l'adresse du syndicat créancier."
        ),
    )

    @model_validator(mode="after")
    def _coherence(self) -> Creance:
        doublons = _doublons(f.numero for f in self.factures)
        if doublons:
            raise ValueError(
                f"factures : numéro(s) en double dans la créance {self.reference} : "
                f"{', '.join(doublons)} ; chaque facture ou échéance doit avoir un numéro unique"
            )
        if self.date_decheance_terme and not self.clause_decheance_terme:
            raise ValueError(
                "date_decheance_terme : une déchéance du terme suppose une clause qui la prévoit ; "
                "mettez clause_decheance_terme à true ou retirez la date"
            )
        return self

    @model_validator(mode="after")
    def _taux_conventionnel(self) -> Creance:
        if self.regime_interets == "taux_conventionnel" and (
            self.taux_contractuel is None and self.taux_pret is None
        ):
            raise ValueError(
                f"regime_interets : la créance {self.reference} choisit « taux_conventionnel » "
                "sans taux ; indiquez taux_contractuel (ou taux_pret pour un crédit à la "
                "consommation), ou choisissez « automatique »"
            )
        return self

    @property
    def principal(self) -> Decimal:
        """Somme des montants TTC des factures."""
        return sum((f.montant_ttc for f in self.factures), start=Decimal("0"))


def _doublons(valeurs: Iterable[str]) -> list[str]:
    """Valeurs présentes plusieurs fois, triées ; linéaire (un ensemble, pas ``list.count``)."""
    vues: set[str] = set()
    doublons: set[str] = set()
    for valeur in valeurs:
        if valeur in vues:
            doublons.add(valeur)
        vues.add(valeur)
    return sorted(doublons)
