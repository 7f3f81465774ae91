"""Fabriques de factures électroniques pour les tests : CII par drafthorse (chaque profil
Factur-X), PDF Factur-X par la bibliothèque factur-x, UBL 2.1 écrit d'après les exemples EN 16931,
messages de statut CDAR et CSV."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

PROFILS: dict[str, tuple[str, str, str]] = {
    # nom : (BT-24, schéma drafthorse, niveau factur-x)
    "MINIMUM": ("urn:factur-x.eu:1p0:minimum", "FACTUR-X_MINIMUM", "minimum"),
    "BASIC WL": ("urn:factur-x.eu:1p0:basicwl", "FACTUR-X_BASIC-WL", "basicwl"),
    "BASIC": (
        "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic",
        "FACTUR-X_BASIC",
        "basic",
    ),
    "EN 16931": ("urn:cen.eu:en16931:2017", "FACTUR-X_EN16931", "en16931"),
    "EXTENDED": (
        "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended",
        "FACTUR-X_EXTENDED",
        "extended",
    ),
}


@dataclass(frozen=True)
class Societe:
    nom: str
    siren: str
    tva: str | None
    ligne1: str
    code_postal: str
    ville: str


DURAND = Societe(
    "Ateliers Durand", "732829320", "FR44732829320", "1 rue du Commerce", "75011", "Paris"
)
GIRONDE = Societe(
    "Gironde Négoce", "552100554", "FR40552100554", "2 quai des Chartrons", "33000", "Bordeaux"
)
RHONE = Societe("Bâti-Rhône", "542065479", None, "3 cours Gambetta", "69003", "Lyon")


def facture_cii(
    numero: str = "F-2026-001",
    *,
    profil: str = "EN 16931",
    montant: Decimal = Decimal("12000.00"),
    emission: dt.date = dt.date(2026, 1, 5),
    echeance: dt.date | None = dt.date(2026, 2, 4),
    conditions: str | None = None,
    vendeur: Societe = DURAND,
    acheteur: Societe = GIRONDE,
    type_code: str = "380",
    facture_citee: str | None = None,
    devise: str = "EUR",
) -> bytes:
    """Une facture CII construite par drafthorse et validée contre le XSD du profil."""
    from drafthorse.models.accounting import ApplicableTradeTax
    from drafthorse.models.document import Document
    from drafthorse.models.party import TaxRegistration
    from drafthorse.models.payment import PaymentTerms
    from drafthorse.models.tradelines import LineItem

    urn, schema, _ = PROFILS[profil]
    minimum = profil == "MINIMUM"
    ht = (montant / Decimal("1.2")).quantize(Decimal("0.01"))
    tva = montant - ht
    doc = Document()
    doc.context.guideline_parameter.id = urn
    doc.header.id = numero
    doc.header.type_code = type_code
    doc.header.issue_date_time = emission
    for role, societe in (
        (doc.trade.agreement.seller, vendeur),
        (doc.trade.agreement.buyer, acheteur),
    ):
        role.name = societe.nom
        role.legal_organization.id = ("0002", societe.siren)
        if not minimum or role is doc.trade.agreement.seller:
            role.address.country_id = "FR"
        if not minimum:
            role.address.line_one = societe.ligne1
            role.address.postcode = societe.code_postal
            role.address.city_name = societe.ville
    if vendeur.tva:
        enregistrement = TaxRegistration()
        enregistrement.id = ("VA", vendeur.tva)
        doc.trade.agreement.seller.tax_registrations.add(enregistrement)
    if acheteur.tva and not minimum:
        enregistrement = TaxRegistration()
        enregistrement.id = ("VA", acheteur.tva)
        doc.trade.agreement.buyer.tax_registrations.add(enregistrement)
    doc.trade.settlement.currency_code = devise
    if not minimum and (echeance or conditions):
        termes = PaymentTerms()
        if conditions:
            termes.description = conditions
        if echeance:
            termes.due = echeance
        doc.trade.settlement.terms.add(termes)
    if facture_citee and not minimum:
        doc.trade.settlement.invoice_referenced_document.issuer_assigned_id = facture_citee
    if profil not in ("MINIMUM", "BASIC WL"):
        ligne = LineItem()
        ligne.document.line_id = "1"
        ligne.product.name = "Marchandises"
        ligne.agreement.net.amount = ht
        ligne.delivery.billed_quantity = (Decimal("1"), "C62")
        ligne.settlement.trade_tax.type_code = "VAT"
        ligne.settlement.trade_tax.category_code = "S"
        ligne.settlement.trade_tax.rate_applicable_percent = Decimal("20.00")
        ligne.settlement.monetary_summation.total_amount = ht
        doc.trade.items.add(ligne)
    if not minimum:
        taxe = ApplicableTradeTax()
        taxe.calculated_amount = tva
        taxe.basis_amount = ht
        taxe.type_code = "VAT"
        taxe.category_code = "S"
        taxe.rate_applicable_percent = Decimal("20.00")
        doc.trade.settlement.trade_tax.add(taxe)
        doc.trade.settlement.monetary_summation.line_total = ht
    somme = doc.trade.settlement.monetary_summation
    somme.tax_basis_total = ht
    somme.tax_total = (tva, devise)
    somme.grand_total = montant
    somme.due_amount = montant
    return bytes(doc.serialize(schema=schema))


def pdf_vierge() -> bytes:
    """Un PDF d'une page blanche (pypdf)."""
    from pypdf import PdfWriter

    ecrivain = PdfWriter()
    ecrivain.add_blank_page(width=595, height=842)
    tampon = io.BytesIO()
    ecrivain.write(tampon)
    return tampon.getvalue()


def facture_pdf(xml: bytes, profil: str = "EN 16931") -> bytes:
    """Un PDF Factur-X embarquant ce XML (bibliothèque factur-x)."""
    from facturx import generate_from_binary

    return bytes(
        generate_from_binary(
            pdf_vierge(), xml, flavor="factur-x", level=PROFILS[profil][2], check_xsd=False
        )
    )


def _partie_ubl(societe: Societe) -> str:
    tva = (
        f"<cac:PartyTaxScheme><cbc:CompanyID>{societe.tva}</cbc:CompanyID>"
        "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"
        if societe.tva
        else ""
    )
    return (
        "<cac:Party>"
        f"<cac:PostalAddress><cbc:StreetName>{escape(societe.ligne1)}</cbc:StreetName>"
        f"<cbc:CityName>{escape(societe.ville)}</cbc:CityName>"
        f"<cbc:PostalZone>{societe.code_postal}</cbc:PostalZone>"
        "<cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country>"
        f"</cac:PostalAddress>{tva}"
        f"<cac:PartyLegalEntity><cbc:RegistrationName>{escape(societe.nom)}</cbc:RegistrationName>"
        f'<cbc:CompanyID schemeID="0002">{societe.siren}</cbc:CompanyID></cac:PartyLegalEntity>'
        "</cac:Party>"
    )


def facture_ubl(
    numero: str = "U-2026-001",
    *,
    montant: Decimal = Decimal("6000.00"),
    emission: dt.date = dt.date(2026, 1, 10),
    echeance: dt.date | None = dt.date(2026, 2, 9),
    conditions: str | None = None,
    vendeur: Societe = DURAND,
    acheteur: Societe = GIRONDE,
    avoir: bool = False,
    facture_citee: str | None = None,
    devise: str = "EUR",
) -> bytes:
    """UBL 2.1 ``Invoice`` (ou ``CreditNote``) d'après les exemples EN 16931 / Peppol BIS 3."""
    racine = "CreditNote" if avoir else "Invoice"
    ht = (montant / Decimal("1.2")).quantize(Decimal("0.01"))
    tva = montant - ht
    echeance_xml = ""
    if echeance and not avoir:
        echeance_xml = f"<cbc:DueDate>{echeance.isoformat()}</cbc:DueDate>"
    type_xml = (
        "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"
        if avoir
        else "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>"
    )
    reference = (
        "<cac:BillingReference><cac:InvoiceDocumentReference>"
        f"<cbc:ID>{facture_citee}</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>"
        if facture_citee
        else ""
    )
    moyens = (
        f"<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>"
        f"<cbc:PaymentDueDate>{echeance.isoformat()}</cbc:PaymentDueDate></cac:PaymentMeans>"
        if avoir and echeance
        else "<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans>"
    )
    termes = (
        f"<cac:PaymentTerms><cbc:Note>{escape(conditions)}</cbc:Note></cac:PaymentTerms>"
        if conditions
        else ""
    )
    ligne = "CreditNoteLine" if avoir else "InvoiceLine"
    quantite = "CreditedQuantity" if avoir else "InvoicedQuantity"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<{racine} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{racine}-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
 <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
 <cbc:ID>{numero}</cbc:ID>
 <cbc:IssueDate>{emission.isoformat()}</cbc:IssueDate>
 {echeance_xml}{type_xml}
 <cbc:DocumentCurrencyCode>{devise}</cbc:DocumentCurrencyCode>
 {reference}
 <cac:AccountingSupplierParty>{_partie_ubl(vendeur)}</cac:AccountingSupplierParty>
 <cac:AccountingCustomerParty>{_partie_ubl(acheteur)}</cac:AccountingCustomerParty>
 {moyens}{termes}
 <cac:TaxTotal><cbc:TaxAmount currencyID="{devise}">{tva}</cbc:TaxAmount>
  <cac:TaxSubtotal><cbc:TaxableAmount currencyID="{devise}">{ht}</cbc:TaxableAmount>
   <cbc:TaxAmount currencyID="{devise}">{tva}</cbc:TaxAmount>
   <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent>
    <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>
 </cac:TaxTotal>
 <cac:LegalMonetaryTotal>
  <cbc:LineExtensionAmount currencyID="{devise}">{ht}</cbc:LineExtensionAmount>
  <cbc:TaxExclusiveAmount currencyID="{devise}">{ht}</cbc:TaxExclusiveAmount>
  <cbc:TaxInclusiveAmount currencyID="{devise}">{montant}</cbc:TaxInclusiveAmount>
  <cbc:PayableAmount currencyID="{devise}">{montant}</cbc:PayableAmount>
 </cac:LegalMonetaryTotal>
 <cac:{ligne}><cbc:ID>1</cbc:ID><cbc:{quantite} unitCode="C62">1</cbc:{quantite}>
  <cbc:LineExtensionAmount currencyID="{devise}">{ht}</cbc:LineExtensionAmount>
  <cac:Item><cbc:Name>Prestation</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID>
   <cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
  </cac:ClassifiedTaxCategory></cac:Item>
  <cac:Price><cbc:PriceAmount currencyID="{devise}">{ht}</cbc:PriceAmount></cac:Price>
 </cac:{ligne}>
</{racine}>
""".encode()


def message_cdar(
    identifiant: str, statuts: list[tuple[str, str, dt.date, Decimal | None]]
) -> bytes:
    """Message CDAR (XP Z12-012) : une liste de (facture, code MDT-105, date, montant MEN)."""
    documents = []
    for numero, code, date, montant in statuts:
        montant_xml = (
            "<ram:SpecifiedDocumentStatus><ram:SequenceNumeric>1</ram:SequenceNumeric>"
            "<ram:SpecifiedDocumentCharacteristic><ram:TypeCode>MEN</ram:TypeCode>"
            f'<ram:ValueAmount currencyID="EUR">{montant}</ram:ValueAmount>'
            "<ram:ValuePercent>20.00</ram:ValuePercent></ram:SpecifiedDocumentCharacteristic>"
            "</ram:SpecifiedDocumentStatus>"
            if montant is not None
            else ""
        )
        documents.append(
            "<rsm:AcknowledgementDocument><ram:MultipleReferencesIndicator>false"
            "</ram:MultipleReferencesIndicator><ram:TypeCode>23</ram:TypeCode>"
            f'<ram:IssueDateTime><udt:DateTimeString format="102">{date:%Y%m%d}'
            "</udt:DateTimeString></ram:IssueDateTime>"
            f"<ram:ReferenceReferencedDocument><ram:IssuerAssignedID>{numero}</ram:IssuerAssignedID>"
            f"<ram:ProcessConditionCode>{code}</ram:ProcessConditionCode>{montant_xml}"
            "</ram:ReferenceReferencedDocument></rsm:AcknowledgementDocument>"
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossDomainAcknowledgementAndResponse
 xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossDomainAcknowledgementAndResponse:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
 <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>
  <ram:ID>urn.cpro.gouv.fr:1p0:CDV:invoice</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
 </rsm:ExchangedDocumentContext>
 <rsm:ExchangedDocument><ram:ID>{identifiant}</ram:ID>
  <ram:IssueDateTime>
   <udt:DateTimeString format="204">20260301120000</udt:DateTimeString>
  </ram:IssueDateTime>
 </rsm:ExchangedDocument>
 {"".join(documents)}
</rsm:CrossDomainAcknowledgementAndResponse>
""".encode()
