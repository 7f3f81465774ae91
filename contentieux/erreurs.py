"""Erreurs de la bibliothèque.

Un résultat juridique (créance prescrite, condition non remplie) n'est jamais une exception : c'est
un résultat. Les exceptions sont réservées aux données invalides ou manquantes ; chacune porte un
``code`` stable et un message en français qui dit ce qui ne va pas et comment y remédier.
Les ``pydantic.ValidationError`` traversent la bibliothèque sans être transformées.

Ce que l'erreur sait de plus que son message est dans des **attributs typés**, déclarés sur sa
classe et donnés au constructeur par mots-clés (``champ``, ``erreurs``, ``sortie``,
``manquantes``, ``fichier``…) : la ligne de commande, le service HTTP et les lots les lisent, sans
jamais découper le message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar


@dataclass(frozen=True, slots=True)
class ErreurChamp:
    """Une erreur de saisie : le ``champ`` en cause (chemin dans les données, « (racine) » pour
    l'objet entier) et ce qui ne va pas (``message``). ``str()`` : « champ : message »."""

    champ: str
    message: str

    def __str__(self) -> str:
        return f"{self.champ} : {self.message}"


@dataclass(frozen=True, slots=True)
class ValeurManquante:
    """Une valeur légale qu'un calcul a demandée sans la trouver dans les règles.

    ``au`` : la date demandée (ISO) ; ``semestre`` : son semestre (« 2026-S2 ») ; ``commande`` :
    la commande qui l'ajoute (``None`` pour un paramètre sans commande) ; ``pour`` : la première
    ligne du calcul (créance, facture) qui l'a demandée, s'il y en a une.
    """

    identifiant: str
    au: str
    semestre: str
    periodicite: str
    raison: str
    commande: str | None = None
    pour: str | None = None

    def en_json(self) -> dict[str, str | None]:
        """Le dictionnaire de la clé ``manquantes`` de l'erreur JSON (``pour`` s'il est connu)."""
        donnees: dict[str, str | None] = {
            "identifiant": self.identifiant,
            "au": self.au,
            "semestre": self.semestre,
            "periodicite": self.periodicite,
            "raison": self.raison,
            "commande": self.commande,
        }
        if self.pour is not None:
            donnees["pour"] = self.pour
        return donnees


class ErreurContentieux(Exception):
    """Racine de toutes les erreurs de ``contentieux``.

    ``champ`` : le champ des données, l'argument ou l'option en cause, s'il y en a un.
    ``erreurs`` : une :class:`ErreurChamp` par erreur de saisie quand il y en a plusieurs à dire
    (vide sinon). ``sortie`` : le code de sortie imposé à la commande (``None`` : celui de la
    classe, voir ``contentieux.cli.commun.code_sortie``).
    """

    code: ClassVar[str] = "erreur"
    erreurs: tuple[ErreurChamp, ...] = ()
    sortie: int | None = None

    def __init__(self, message: str, *, champ: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.champ = champ

    def __str__(self) -> str:
        return self.message


class RegleNonCouverte(ErreurContentieux):
    """Une valeur légale est demandée pour une date que les règles connues ne couvrent pas.

    ``identifiant``, ``au``, ``semestre`` : la (première) valeur manquante ; ``fichier`` : le
    fichier de règles qui la porterait ; ``raison`` : pourquoi elle manque ; ``manquantes`` :
    toutes les valeurs manquantes du calcul ; ``semestre_decompte`` : le semestre du décompte qui
    l'a demandée.
    """

    code = "regle_non_couverte"

    def __init__(
        self,
        message: str,
        *,
        identifiant: str | None = None,
        au: dt.date | None = None,
        semestre: str | None = None,
        fichier: str | None = None,
        raison: str | None = None,
        manquantes: Iterable[ValeurManquante] = (),
        semestre_decompte: str | None = None,
    ) -> None:
        super().__init__(message)
        self.identifiant = identifiant
        self.au = au
        self.semestre = semestre
        self.fichier = fichier
        self.raison = raison
        self.manquantes: tuple[ValeurManquante, ...] = tuple(manquantes)
        self.semestre_decompte = semestre_decompte

    def precisee(
        self,
        message: str,
        *,
        manquantes: Iterable[ValeurManquante] | None = None,
        semestre_decompte: str | None = None,
    ) -> RegleNonCouverte:
        """La même erreur avec un autre message (et d'autres ``manquantes`` ou le semestre du
        décompte, s'ils sont donnés)."""
        return RegleNonCouverte(
            message,
            identifiant=self.identifiant,
            au=self.au,
            semestre=self.semestre,
            fichier=self.fichier,
            raison=self.raison,
            manquantes=self.manquantes if manquantes is None else manquantes,
            semestre_decompte=semestre_decompte or self.semestre_decompte,
        )


class RegleMalFormee(ErreurContentieux):
    """Un fichier de règles (paquet ou surcouche) est illisible ou incohérent."""

    code = "regle_mal_formee"


class DepartementInconnu(ErreurContentieux, ValueError):
    """Le code de département donné n'est pas un code que la computation des délais connaît
    (``departement`` : la valeur reçue)."""

    code = "departement_inconnu"

    def __init__(self, message: str, *, departement: object = None) -> None:
        super().__init__(message, champ="departement")
        self.departement = departement


class DureeInvalide(ErreurContentieux, ValueError):
    """La durée d'un délai (jours, mois, années) ou une date de départ est inutilisable
    (``champ`` : l'argument en cause, ``valeur`` : la valeur reçue)."""

    code = "duree_invalide"

    def __init__(self, message: str, *, champ: str | None = None, valeur: object = None) -> None:
        super().__init__(message, champ=champ)
        self.valeur = valeur


class DonneesInvalides(ErreurContentieux):
    """Un fichier de dossier est introuvable, illisible ou ne respecte pas le schéma
    (``erreurs`` : une :class:`ErreurChamp` par erreur de saisie)."""

    code = "donnees_invalides"

    def __init__(
        self, message: str, *, champ: str | None = None, erreurs: Iterable[ErreurChamp] = ()
    ) -> None:
        super().__init__(message, champ=champ)
        self.erreurs = tuple(erreurs)


class FraisInterditsConsommateur(ErreurContentieux):
    """Des frais de recouvrement sont demandés à un débiteur consommateur (CPCE L111-8 al. 2) ;
    ``debiteur`` : le débiteur en cause, s'il est nommé."""

    code = "frais_interdits_consommateur"

    def __init__(self, message: str, *, debiteur: str | None = None) -> None:
        super().__init__(message)
        self.debiteur = debiteur


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
    """Les données fournies à un gabarit ne contiennent pas toutes les mentions obligatoires
    (``acte`` : l'acte ; ``manquants`` : les données absentes ; ``chemins`` : leurs chemins dans
    les paramètres ; ``yaml`` : le squelette YAML à compléter)."""

    code = "donnees_gabarit_incompletes"

    def __init__(
        self,
        message: str,
        *,
        acte: str | None = None,
        manquants: Iterable[str] = (),
        chemins: Iterable[str] = (),
        yaml: str | None = None,
    ) -> None:
        super().__init__(message)
        self.acte = acte
        self.manquants = tuple(manquants)
        self.chemins = tuple(chemins)
        self.yaml = yaml


class ErreurSignature(ErreurContentieux):
    """La signature ou la validation d'un document a échoué."""

    code = "erreur_signature"


# --- Décompte (interets, droit) ------------------------------------------------------------


class ArgumentInvalide(ErreurContentieux, TypeError, ValueError):
    """Argument d'une fonction publique mal formé (type, date, option inconnue) ; ``champ`` :
    l'argument en cause ; ``admis`` : les valeurs admises, s'il n'y en a qu'une liste.

    Elle reste attrapable comme ``ValueError`` ou ``TypeError`` (ce que levaient ces fonctions
    avant elle)."""

    code = "argument_invalide"

    def __init__(
        self, message: str, *, champ: str | None = None, admis: Iterable[str] = ()
    ) -> None:
        super().__init__(message, champ=champ)
        self.admis = tuple(admis)


class InteretsHorsLimites(ErreurContentieux):
    """Intérêts qui dépassent ce que le décompte sait représenter exactement (capitalisation à un
    taux extrême sur une durée extrême) ; ``cause`` : l'exception décimale d'origine."""

    code = "interets_hors_limites"

    def __init__(self, message: str, *, cause: str | None = None) -> None:
        super().__init__(message)
        self.cause = cause


# --- ligne de commande ----------------------------------------------------------------------------


class ErreurUtilisation(ErreurContentieux):
    """La commande est mal employée (option invalide, date mal écrite) ; ``champ`` nomme l'option
    en cause, ``sortie`` le code de sortie s'il n'est pas celui d'une utilisation invalide."""

    code = "utilisation_invalide"

    def __init__(
        self, message: str, *, champ: str | None = None, sortie: int | None = None
    ) -> None:
        super().__init__(message, champ=champ)
        self.sortie = sortie


# --- entrées (lecture des dossiers et des règles) ---


class LimiteDepassee(DonneesInvalides, ValueError):
    """Un dossier dépasse une limite de taille (``contentieux.modeles.limites.Limites``) ;
    ``lignes`` et ``limite`` : le nombre atteint et la limite, quand ce sont des lignes."""

    code = "limite_depassee"

    def __init__(
        self,
        message: str,
        *,
        champ: str | None = None,
        lignes: int | None = None,
        limite: int | None = None,
    ) -> None:
        super().__init__(message, champ=champ)
        self.lignes = lignes
        self.limite = limite


class CaractereInterdit(DonneesInvalides, ValueError):
    """Un texte des données contient un caractère de contrôle (ESC, C0, C1) qui piloterait un
    terminal (``contentieux.modeles.limites.verifier_controles``)."""

    code = "caractere_interdit"


class ErreurActualisation(ErreurContentieux):
    """Le relevé d'un taux en ligne (portail de la BCE) a échoué : réseau, délai ou format."""

    code = "actualisation_impossible"


# --- actes -------------------------------------------------------------------------------------


class ActeInadapte(ErreurContentieux):
    """L'acte demandé ne convient pas au dossier (créance prescrite, procédure collective…) ;
    ``acte`` : son identifiant."""

    code = "acte_inadapte"

    def __init__(self, message: str, *, acte: str | None = None) -> None:
        super().__init__(message)
        self.acte = acte


class MentionsManquantes(ErreurContentieux):
    """Un acte rendu ne contient pas toutes ses mentions obligatoires : il n'est pas produit
    (``acte`` : son identifiant ; ``absentes`` : les mentions absentes)."""

    code = "mentions_manquantes"

    def __init__(
        self, message: str, *, acte: str | None = None, absentes: Iterable[str] = ()
    ) -> None:
        super().__init__(message)
        self.acte = acte
        self.absentes = tuple(absentes)


class ActeIllisible(DonneesInvalides):
    """Un fichier d'acte ne contient pas les données embarquées attendues (erreur de données :
    code de sortie 3)."""

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
    """Un lot ne peut pas continuer (dossier de sortie inaccessible, manifeste d'un autre lot…) ;
    ``sortie`` : le code de sortie de la commande, s'il n'est pas celui de la classe."""

    code = "lot_interrompu"

    def __init__(self, message: str, *, sortie: int | None = None) -> None:
        super().__init__(message)
        self.sortie = sortie


class EcritureRefusee(ErreurContentieux):
    """Un fichier à produire ne se résoudrait pas sous son dossier de sortie (nom tiré des données
    avec « / » ou « .. », dossier intermédiaire qui est un lien vers ailleurs) : rien n'est écrit
    (``contentieux.ecriture``, code de sortie 5)."""

    code = "ecriture_refusee"

    def __init__(self, message: str, *, sortie: int | None = None) -> None:
        super().__init__(message)
        self.sortie = sortie


# --- pilotage -----------------------------------------------------------------------------------


class ScenarioInvalide(ErreurContentieux):
    """Un scénario de relance (YAML) est illisible ou incohérent (``erreurs`` : une
    :class:`ErreurChamp` par erreur de saisie)."""

    code = "scenario_invalide"

    def __init__(self, message: str, *, erreurs: Iterable[ErreurChamp] = ()) -> None:
        super().__init__(message)
        self.erreurs = tuple(erreurs)


class CaractereSansGlyphe(DonneesInvalides):
    """Un texte à imprimer dans un PDF/A contient un caractère que les polices livrées ne dessinent
    pas (ISO 19005-3 §6.2.11.8 : pas de glyphe .notdef) ; ``champs`` : pour chaque champ en
    cause, les caractères sans glyphe (« U+XXXX »)."""

    code = "caractere_sans_glyphe"

    def __init__(self, message: str, *, champs: Mapping[str, Iterable[str]] | None = None) -> None:
        super().__init__(message)
        self.champs: dict[str, tuple[str, ...]] = {
            champ: tuple(cs) for champ, cs in (champs or {}).items()
        }


# --- factures électroniques (contentieux.factures) -----------------------------------------------


class FactureIllisible(ErreurContentieux):
    """Un fichier n'est pas une facture électronique exploitable (PDF sans XML de facture, XML
    mal formé ou dangereux, Order-X, données obligatoires absentes) ; ``fichier`` le nomme ;
    ``cdar`` : vrai si c'est un message de statut (CDAR) et non une facture."""

    code = "facture_illisible"

    def __init__(self, message: str, *, fichier: str | None = None, cdar: bool = False) -> None:
        super().__init__(message)
        self.fichier = fichier
        self.cdar = cdar
