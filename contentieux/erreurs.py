"""Erreurs de la bibliothèque.

Un résultat juridique (créance prescrite, condition non remplie) n'est jamais une exception : c'est
un résultat. Les exceptions sont réservées aux données invalides ou manquantes ; chacune porte un
``code`` stable et un message en français qui dit ce qui ne va pas et comment y remédier.
Les ``pydantic.ValidationError`` traversent la bibliothèque sans être transformées.
"""

from __future__ import annotations

from typing import Any


class ErreurContentieux(Exception):
    """Racine de toutes les erreurs de ``contentieux``."""

    code: str = "erreur"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message


class RegleNonCouverte(ErreurContentieux):
    """Une valeur légale est demandée pour une date que les règles connues ne couvrent pas."""

    code = "regle_non_couverte"


class RegleMalFormee(ErreurContentieux):
    """Un fichier de règles (paquet ou surcouche) est illisible ou incohérent."""

    code = "regle_mal_formee"


class DepartementInconnu(ErreurContentieux, ValueError):
    """Le code de département donné n'est pas un code que la computation des délais connaît."""

    code = "departement_inconnu"


class DureeInvalide(ErreurContentieux, ValueError):
    """La durée d'un délai (jours, mois, années) ou une date de départ est inutilisable."""

    code = "duree_invalide"


class DonneesInvalides(ErreurContentieux):
    """Un fichier de dossier est introuvable, illisible ou ne respecte pas le schéma."""

    code = "donnees_invalides"


class FraisInterditsConsommateur(ErreurContentieux):
    """Des frais de recouvrement sont demandés à un débiteur consommateur (CPCE L111-8 al. 2)."""

    code = "frais_interdits_consommateur"


class CreanceIrrecevable(ErreurContentieux):
    """Levée par ``exiger_recevabilite`` ; le rapport complet est dans ``self.recevabilite``."""

    code = "creance_irrecevable"

    def __init__(self, message: str, recevabilite: Any) -> None:
        super().__init__(message)
        self.recevabilite = recevabilite


class GabaritIntrouvable(ErreurContentieux):
    """Le gabarit d'acte demandé n'existe pas."""

    code = "gabarit_introuvable"


class DonneesGabaritIncompletes(ErreurContentieux):
    """Les données fournies à un gabarit ne contiennent pas toutes les mentions obligatoires."""

    code = "donnees_gabarit_incompletes"


class ErreurSignature(ErreurContentieux):
    """La signature ou la validation d'un document a échoué."""

    code = "erreur_signature"


# --- Décompte (interets, droit) ------------------------------------------------------------


class ArgumentInvalide(ErreurContentieux, TypeError, ValueError):
    """Argument d'une fonction du décompte mal formé (type, date, option inconnue)."""

    code = "argument_invalide"


class InteretsHorsLimites(ErreurContentieux):
    """Intérêts qui dépassent ce que le décompte sait représenter exactement (capitalisation à un
    taux extrême sur une durée extrême)."""

    code = "interets_hors_limites"


# --- ligne de commande ----------------------------------------------------------------------------


class ErreurUtilisation(ErreurContentieux):
    """La commande est mal employée (option invalide, date mal écrite) ; ``details["champ"]``
    nomme l'option en cause."""

    code = "utilisation_invalide"


# --- entrées (lecture des dossiers et des règles) ---


class LimiteDepassee(DonneesInvalides, ValueError):
    """Un dossier dépasse une limite de taille (``contentieux.modeles.limites.Limites``)."""

    code = "limite_depassee"


class ErreurActualisation(ErreurContentieux):
    """Le relevé d'un taux en ligne (portail de la BCE) a échoué : réseau, délai ou format."""

    code = "actualisation_impossible"


# --- actes -------------------------------------------------------------------------------------


class ActeInadapte(ErreurContentieux):
    """L'acte demandé ne convient pas au dossier (créance prescrite, procédure collective…)."""

    code = "acte_inadapte"


class MentionsManquantes(ErreurContentieux):
    """Un acte rendu ne contient pas toutes ses mentions obligatoires : il n'est pas produit."""

    code = "mentions_manquantes"


class ActeIllisible(ErreurContentieux):
    """Un fichier d'acte ne contient pas les données embarquées attendues."""

    code = "acte_illisible"


# --- signature (contentieux.signature) ----------------------------------------------------------


class CertificatIllisible(ErreurSignature):
    """Le fichier PKCS#12 ou le jeton PKCS#11 ne donne ni clé ni certificat utilisables."""

    code = "certificat_illisible"


class JetonIntrouvable(ErreurSignature):
    """Le module PKCS#11, le jeton ou la clé demandés sont introuvables."""

    code = "jeton_introuvable"


class CertificatExpire(ErreurSignature):
    """Le certificat du signataire n'est pas (ou plus) valide à l'instant de la signature."""

    code = "certificat_expire"


class CertificatRevoque(ErreurSignature):
    """Le certificat du signataire est révoqué (OCSP ou CRL)."""

    code = "certificat_revoque"


class UsageCleInterdit(ErreurSignature):
    """L'usage de clé du certificat (key usage) n'autorise pas la signature."""

    code = "usage_cle_interdit"


class HorodatageInjoignable(ErreurSignature):
    """L'autorité d'horodatage (RFC 3161) ne répond pas ou répond mal."""

    code = "horodatage_injoignable"


class RevocationInjoignable(ErreurSignature):
    """Les données de révocation (OCSP, CRL) du certificat ne peuvent être obtenues."""

    code = "revocation_injoignable"


class ChampSignatureInvalide(ErreurSignature):
    """Champ de signature ou de mention absent, déjà rempli, ou emplacement inutilisable."""

    code = "champ_signature_invalide"


# --- lots (contentieux.lots) ---------------------------------------------------------------------


class EntreeLotIllisible(ErreurContentieux):
    """L'entrée d'un lot (JSON lines, CSV, dossier) est introuvable ou inexploitable en entier."""

    code = "entree_lot_illisible"


class LotInterrompu(ErreurContentieux):
    """Un lot ne peut pas continuer (dossier de sortie inaccessible, manifeste d'un autre lot…)."""

    code = "lot_interrompu"


# --- pilotage -----------------------------------------------------------------------------------


class ScenarioInvalide(ErreurContentieux):
    """Un scénario de relance (YAML) est illisible ou incohérent."""

    code = "scenario_invalide"


# --- factures électroniques (contentieux.factures) -----------------------------------------------


class FactureIllisible(ErreurContentieux):
    """Un fichier n'est pas une facture électronique exploitable (PDF sans XML de facture, XML
    mal formé ou dangereux, Order-X, données obligatoires absentes) ; ``details["fichier"]`` le
    nomme."""

    code = "facture_illisible"
