"""Lecture d'une facture électronique : Factur-X / ZUGFeRD (PDF), CII, UBL 2.1 → ``FactureLue``.

Les termes métier de la norme EN 16931 (BT-…) sont cités à chaque champ. Le format est reconnu à
l'élément racine : ``CrossIndustryInvoice`` (CII, seul ou extrait d'un PDF Factur-X par la
bibliothèque ``factur-x``), ``Invoice`` ou ``CreditNote`` (UBL 2.1) ; un autre document (Order-X,
message de statut, XML quelconque) est refusé avec sa raison.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from contentieux.erreurs import FactureIllisible
from contentieux.factures.xml_sur import TAILLE_MAX, analyser_xml, lire_octets

RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
UBL_FACTURE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
UBL_AVOIR = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CDAR = "urn:un:unece:uncefact:data:standard:CrossDomainAcknowledgementAndResponse:100"
ESPACES = {"rsm": RSM, "ram": RAM, "udt": UDT, "cac": CAC, "cbc": CBC}

TYPES_AVOIR = frozenset({"381", "261", "262", "396", "502", "503"})
"""Codes UNTDID 1001 d'un avoir (BT-3) ; 381 : avoir commercial."""

SCHEMA_SIREN = "0002"
SCHEMA_SIRET = "0009"


@dataclass(frozen=True)
class PartieLue:
    """Vendeur (BG-4) ou acheteur (BG-7) tel que la facture le décrit."""

    nom: str | None
    siren: str | None
    siret: str | None
    numero_tva: str | None
    ligne1: str | None
    ligne2: str | None
    code_postal: str | None
    ville: str | None
    pays: str | None


@dataclass(frozen=True)
class FactureLue:
    """Ce qu'une facture électronique dit, avant d'en faire un dossier."""

    fichier: str
    format: str
    profil: str | None
    numero: str | None  # BT-1
    type_document: str | None  # BT-3
    date_emission: dt.date | None  # BT-2
    date_echeance: dt.date | None  # BT-9
    date_livraison: dt.date | None  # BT-72
    devise: str | None  # BT-5
    conditions_paiement: str | None  # BT-20
    montant_du: Decimal | None  # BT-115
    facture_citee: str | None  # BT-25
    vendeur: PartieLue
    acheteur: PartieLue

    @property
    def est_avoir(self) -> bool:
        """Avoir (BT-3 = 381…, ou document UBL ``CreditNote``)."""
        return self.type_document in TYPES_AVOIR


def lire_facture(chemin: Path) -> FactureLue:
    """Lit un fichier de facture électronique (PDF Factur-X, CII ou UBL)."""
    donnees = lire_octets(chemin)
    nom = str(chemin)
    if donnees[:5] == b"%PDF-":
        donnees = _xml_du_pdf(donnees, nom)
    racine = analyser_xml(donnees, nom)
    return facture_depuis_xml(racine, nom)


PIECES_JOINTES_XML = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "order-x.xml")
"""Noms des fichiers XML qu'un PDF Factur-X / ZUGFeRD embarque (en minuscules)."""


def _verifier_pieces_jointes(donnees: bytes, nom: str) -> None:
    """Refuse un PDF dont le XML embarqué déclare un ``<!DOCTYPE`` avant que ``factur-x`` ne
    l'analyse (avec l'analyseur par défaut de lxml) : la lecture durcie vaut aussi pour le PDF."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        pieces = PdfReader(io.BytesIO(donnees)).attachments
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise FactureIllisible(
            f"{nom} : PDF illisible ({exc}) ; ce fichier n'est pas un PDF Factur-X", fichier=nom
        ) from None
    for nom_piece, contenus in pieces.items():
        if nom_piece.lower() not in PIECES_JOINTES_XML:
            continue
        for contenu in contenus:
            if len(contenu) > TAILLE_MAX or b"<!DOCTYPE" in contenu[:4096]:
                analyser_xml(contenu, f"{nom} ({nom_piece})")  # lève l'erreur française


def _xml_du_pdf(donnees: bytes, nom: str) -> bytes:
    """Le XML de facture embarqué dans un PDF Factur-X / ZUGFeRD (bibliothèque ``factur-x``)."""
    import logging

    from facturx import get_xml_from_pdf  # type: ignore[import-untyped]

    _verifier_pieces_jointes(donnees, nom)

    journal = logging.getLogger("factur-x")
    niveau = journal.level
    journal.setLevel(logging.CRITICAL)  # la bibliothèque journalise ses échecs : on les dit ici
    try:
        _, xml = get_xml_from_pdf(donnees, check_xsd=False)
    except Exception as exc:
        raise FactureIllisible(
            f"{nom} : PDF illisible ({exc}) ; ce fichier n'est pas un PDF Factur-X",
            fichier=nom,
        ) from None
    finally:
        journal.setLevel(niveau)
    if not xml:
        raise FactureIllisible(
            f"{nom} : PDF sans XML de facture embarqué (ni factur-x.xml, ni zugferd-invoice.xml, "
            "ni xrechnung.xml) ; ce n'est pas une facture Factur-X : demandez le PDF Factur-X ou "
            "le XML CII à l'émetteur",
            fichier=nom,
        )
    return bytes(xml)


def facture_depuis_xml(racine: etree._Element, nom: str) -> FactureLue:
    """Reconnaît le format à la racine et lit la facture."""
    espace = etree.QName(racine).namespace
    local = etree.QName(racine).localname
    if espace == RSM and local == "CrossIndustryInvoice":
        return _lire_cii(racine, nom)
    if (espace, local) in {(UBL_FACTURE, "Invoice"), (UBL_AVOIR, "CreditNote")}:
        return _lire_ubl(racine, nom, avoir=local == "CreditNote")
    if local == "SCRDMCCBDACIOMessageStructure" or "Order" in local:
        raison = "c'est une commande (Order-X / UBL Order), pas une facture"
    elif espace == CDAR:
        raise FactureIllisible(
            f"{nom} : c'est un message de statut (CDAR), pas une facture", fichier=nom, cdar=True
        )
    else:
        raison = f"élément racine {local!r} inconnu (espace {espace or 'aucun'})"
    raise FactureIllisible(
        f"{nom} : {raison} ; formats lus : Factur-X (PDF), CII (CrossIndustryInvoice), UBL 2.1 "
        "(Invoice, CreditNote)",
        fichier=nom,
    )


# --- CII (UN/CEFACT Cross Industry Invoice, D16B ; Factur-X / ZUGFeRD) --------------------------


def _lire_cii(racine: etree._Element, nom: str) -> FactureLue:
    def texte(chemin: str, base: etree._Element = racine) -> str | None:
        return _texte(base, chemin)

    accord = _premier(racine, "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement")
    reglement = _premier(
        racine, "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"
    )
    livraison = _premier(
        racine, "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeDelivery"
    )
    return FactureLue(
        fichier=nom,
        format="CII",
        profil=texte(
            "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID"
        ),  # BT-24
        numero=texte("rsm:ExchangedDocument/ram:ID"),  # BT-1
        type_document=texte("rsm:ExchangedDocument/ram:TypeCode"),  # BT-3
        date_emission=_date_cii(racine, "rsm:ExchangedDocument/ram:IssueDateTime", nom, "BT-2"),
        date_echeance=_date_cii(
            reglement, "ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime", nom, "BT-9"
        ),
        date_livraison=_date_cii(
            livraison, "ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime", nom, "BT-72"
        ),
        devise=_texte(reglement, "ram:InvoiceCurrencyCode"),  # BT-5
        conditions_paiement=_textes(
            reglement, "ram:SpecifiedTradePaymentTerms/ram:Description"
        ),  # BT-20
        montant_du=_montant(
            reglement,
            "ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:DuePayableAmount",
            nom,
            "BT-115",
        ),
        facture_citee=_texte(
            reglement, "ram:InvoiceReferencedDocument/ram:IssuerAssignedID"
        ),  # BT-25
        vendeur=_partie_cii(_premier(accord, "ram:SellerTradeParty")),  # BG-4
        acheteur=_partie_cii(_premier(accord, "ram:BuyerTradeParty")),  # BG-7
    )


def _partie_cii(partie: etree._Element | None) -> PartieLue:
    """BT-27/44 nom, BT-30/47 identifiant légal (schéma 0002 SIREN, 0009 SIRET), BT-31/48 TVA,
    BG-5/8 adresse (BT-35/50, 36/51, 38/53, 37/52, 40/55)."""
    siren = siret = None
    if partie is not None:
        for ident in partie.iterfind("ram:SpecifiedLegalOrganization/ram:ID", ESPACES):
            siren, siret = _identifiant(ident, siren, siret)
        for ident in partie.iterfind("ram:GlobalID", ESPACES):
            siren, siret = _identifiant(ident, siren, siret)
    tva = None
    if partie is not None:
        for ident in partie.iterfind("ram:SpecifiedTaxRegistration/ram:ID", ESPACES):
            if ident.get("schemeID") == "VA" and ident.text:
                tva = ident.text.strip()
    adresse = _premier(partie, "ram:PostalTradeAddress")
    return PartieLue(
        nom=_texte(partie, "ram:Name"),
        siren=siren,
        siret=siret,
        numero_tva=tva,
        ligne1=_texte(adresse, "ram:LineOne"),
        ligne2=_texte(adresse, "ram:LineTwo"),
        code_postal=_texte(adresse, "ram:PostcodeCode"),
        ville=_texte(adresse, "ram:CityName"),
        pays=_texte(adresse, "ram:CountryID"),
    )


def _date_cii(base: etree._Element | None, chemin: str, nom: str, terme: str) -> dt.date | None:
    valeur = _texte(base, f"{chemin}/udt:DateTimeString")
    if valeur is None:
        return None
    return _date(valeur, nom, terme)


# --- UBL 2.1 (EN 16931, Peppol BIS Billing 3) ---------------------------------------------------


def _lire_ubl(racine: etree._Element, nom: str, *, avoir: bool) -> FactureLue:
    date_echeance = _texte(racine, "cbc:DueDate") or _texte(
        racine, "cac:PaymentMeans/cbc:PaymentDueDate"
    )  # BT-9 (Invoice ; CreditNote : dans PaymentMeans)
    type_document = _texte(racine, "cbc:CreditNoteTypeCode" if avoir else "cbc:InvoiceTypeCode")
    livraison = _texte(racine, "cac:Delivery/cbc:ActualDeliveryDate")
    emission = _texte(racine, "cbc:IssueDate")
    return FactureLue(
        fichier=nom,
        format="UBL",
        profil=_texte(racine, "cbc:CustomizationID"),  # BT-24
        numero=_texte(racine, "cbc:ID"),  # BT-1
        type_document=type_document or ("381" if avoir else "380"),  # BT-3
        date_emission=_date(emission, nom, "BT-2") if emission else None,
        date_echeance=_date(date_echeance, nom, "BT-9") if date_echeance else None,
        date_livraison=_date(livraison, nom, "BT-72") if livraison else None,
        devise=_texte(racine, "cbc:DocumentCurrencyCode"),  # BT-5
        conditions_paiement=_textes(racine, "cac:PaymentTerms/cbc:Note"),  # BT-20
        montant_du=_montant(racine, "cac:LegalMonetaryTotal/cbc:PayableAmount", nom, "BT-115"),
        facture_citee=_texte(
            racine, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"
        ),  # BT-25
        vendeur=_partie_ubl(_premier(racine, "cac:AccountingSupplierParty/cac:Party")),
        acheteur=_partie_ubl(_premier(racine, "cac:AccountingCustomerParty/cac:Party")),
    )


def _partie_ubl(partie: etree._Element | None) -> PartieLue:
    """BT-27/44 ``PartyLegalEntity/RegistrationName``, BT-30/47 ``PartyLegalEntity/CompanyID``,
    BT-29/46 ``PartyIdentification/ID``, BT-31/48 ``PartyTaxScheme/CompanyID``, BG-5/8
    ``PostalAddress``."""
    siren = siret = None
    if partie is not None:
        for chemin in ("cac:PartyLegalEntity/cbc:CompanyID", "cac:PartyIdentification/cbc:ID"):
            for ident in partie.iterfind(chemin, ESPACES):
                siren, siret = _identifiant(ident, siren, siret)
    tva = None
    if partie is not None:
        for schema in partie.iterfind("cac:PartyTaxScheme", ESPACES):
            if _texte(schema, "cac:TaxScheme/cbc:ID") in {"VAT", None}:
                tva = _texte(schema, "cbc:CompanyID") or tva
    adresse = _premier(partie, "cac:PostalAddress")
    return PartieLue(
        nom=_texte(partie, "cac:PartyLegalEntity/cbc:RegistrationName")
        or _texte(partie, "cac:PartyName/cbc:Name"),
        siren=siren,
        siret=siret,
        numero_tva=tva,
        ligne1=_texte(adresse, "cbc:StreetName"),
        ligne2=_texte(adresse, "cbc:AdditionalStreetName"),
        code_postal=_texte(adresse, "cbc:PostalZone"),
        ville=_texte(adresse, "cbc:CityName"),
        pays=_texte(adresse, "cac:Country/cbc:IdentificationCode"),
    )


# --- outils ---------------------------------------------------------------------------------------


def _identifiant(
    ident: etree._Element, siren: str | None, siret: str | None
) -> tuple[str | None, str | None]:
    """Range un identifiant selon son schéma ISO 6523 : 0002 SIREN, 0009 SIRET."""
    valeur = "".join((ident.text or "").split())
    schema = ident.get("schemeID")
    if not valeur:
        return siren, siret
    if schema == SCHEMA_SIREN and siren is None:
        return valeur, siret
    if schema == SCHEMA_SIRET and siret is None:
        return siren, valeur
    return siren, siret


def _premier(base: etree._Element | None, chemin: str) -> etree._Element | None:
    if base is None:
        return None
    trouve: Any = base.find(chemin, ESPACES)
    return trouve if isinstance(trouve, etree._Element) else None


def _texte(base: etree._Element | None, chemin: str) -> str | None:
    element = _premier(base, chemin)
    if element is None or element.text is None:
        return None
    valeur = " ".join(element.text.split())
    return valeur or None


def _textes(base: etree._Element | None, chemin: str) -> str | None:
    if base is None:
        return None
    morceaux = [
        " ".join(e.text.split())
        for e in base.iterfind(chemin, ESPACES)
        if e.text and e.text.strip()
    ]
    return " ".join(morceaux) or None


def _montant(base: etree._Element | None, chemin: str, nom: str, terme: str) -> Decimal | None:
    valeur = _texte(base, chemin)
    if valeur is None:
        return None
    try:
        montant = Decimal(valeur)
    except InvalidOperation:
        raise FactureIllisible(
            f"{nom} : montant {terme} « {valeur} » illisible ; un nombre décimal est attendu "
            "(point décimal, par exemple 1200.00)",
            fichier=nom,
        ) from None
    if not montant.is_finite():
        raise FactureIllisible(f"{nom} : montant {terme} « {valeur} » non fini", fichier=nom)
    return montant


def _date(valeur: str, nom: str, terme: str) -> dt.date:
    """Date au format 102 (AAAAMMJJ) de CII ou ISO (AAAA-MM-JJ) d'UBL."""
    propre = valeur.strip()
    try:
        if len(propre) >= 8 and propre[:8].isdigit():
            return dt.date(int(propre[:4]), int(propre[4:6]), int(propre[6:8]))
        return dt.date.fromisoformat(propre[:10])
    except ValueError:
        raise FactureIllisible(
            f"{nom} : date {terme} « {valeur} » illisible ; attendu AAAAMMJJ (CII, format 102) "
            "ou AAAA-MM-JJ (UBL)",
            fichier=nom,
        ) from None
