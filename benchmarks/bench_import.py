"""Importation de factures électroniques : débit sur un cœur, comparé à lxml nu.

Usage : ``python benchmarks/bench_import.py [--n 10000] [--pdf 1000]``

Génère ``n`` factures CII (profil EN 16931, 100 acheteurs, donc 100 dossiers) et ``pdf`` PDF
Factur-X, puis mesure dans la même exécution, le processus épinglé sur un cœur :

- **lxml nu** : lire chaque fichier et l'analyser avec le même analyseur durci, sans rien en
  extraire — le plancher de toute importation ;
- **import CII** : ``lire_factures`` sur le répertoire (lecture, extraction des termes EN 16931,
  regroupement, dossiers validés par pydantic) ;
- **import Factur-X** : la même chose sur les PDF (extraction du XML par la bibliothèque factur-x) ;
- **mémoire** : pic ``tracemalloc`` de l'importation de n/10 puis n/2 factures (hors
  chronométrage) : il croît avec les quelques champs gardés par facture et les dossiers rendus,
  jamais avec les arbres XML, libérés fichier par fichier.

Dernière ligne : ``import : X factures/s (Y × lxml nu)`` pour les factures CII.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

from stdnum import luhn

from contentieux.factures import lire_factures
from contentieux.factures.xml_sur import _analyseur

MODELE = """<?xml version='1.0' encoding='utf-8'?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
 <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>
  <ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
 </rsm:ExchangedDocumentContext>
 <rsm:ExchangedDocument><ram:ID>{numero}</ram:ID><ram:TypeCode>380</ram:TypeCode>
  <ram:IssueDateTime><udt:DateTimeString format="102">{emission}</udt:DateTimeString>
  </ram:IssueDateTime></rsm:ExchangedDocument>
 <rsm:SupplyChainTradeTransaction>
  <ram:IncludedSupplyChainTradeLineItem>
   <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
   <ram:SpecifiedTradeProduct><ram:Name>Marchandises</ram:Name></ram:SpecifiedTradeProduct>
   <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice>
    <ram:ChargeAmount>{ht}</ram:ChargeAmount></ram:NetPriceProductTradePrice>
   </ram:SpecifiedLineTradeAgreement>
   <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity>
   </ram:SpecifiedLineTradeDelivery>
   <ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode>
    <ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20.00</ram:RateApplicablePercent>
    </ram:ApplicableTradeTax><ram:SpecifiedTradeSettlementLineMonetarySummation>
    <ram:LineTotalAmount>{ht}</ram:LineTotalAmount>
    </ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>
  </ram:IncludedSupplyChainTradeLineItem>
  <ram:ApplicableHeaderTradeAgreement>
   <ram:SellerTradeParty><ram:Name>Ateliers Durand</ram:Name>
    <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">732829320</ram:ID>
    </ram:SpecifiedLegalOrganization><ram:PostalTradeAddress><ram:PostcodeCode>75011</ram:PostcodeCode>
    <ram:LineOne>1 rue du Commerce</ram:LineOne><ram:CityName>Paris</ram:CityName>
    <ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
    <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR44732829320</ram:ID>
    </ram:SpecifiedTaxRegistration></ram:SellerTradeParty>
   <ram:BuyerTradeParty><ram:Name>Client {client}</ram:Name>
    <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">{siren}</ram:ID>
    </ram:SpecifiedLegalOrganization><ram:PostalTradeAddress><ram:PostcodeCode>33000</ram:PostcodeCode>
    <ram:LineOne>{client} quai des Chartrons</ram:LineOne><ram:CityName>Bordeaux</ram:CityName>
    <ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress></ram:BuyerTradeParty>
  </ram:ApplicableHeaderTradeAgreement>
  <ram:ApplicableHeaderTradeDelivery/>
  <ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
   <ram:ApplicableTradeTax><ram:CalculatedAmount>{tva}</ram:CalculatedAmount>
    <ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>{ht}</ram:BasisAmount>
    <ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20.00</ram:RateApplicablePercent>
   </ram:ApplicableTradeTax>
   <ram:SpecifiedTradePaymentTerms><ram:Description>Paiement à 30 jours</ram:Description>
    <ram:DueDateDateTime><udt:DateTimeString format="102">{echeance}</udt:DateTimeString>
    </ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
   <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    <ram:LineTotalAmount>{ht}</ram:LineTotalAmount><ram:TaxBasisTotalAmount>{ht}</ram:TaxBasisTotalAmount>
    <ram:TaxTotalAmount currencyID="EUR">{tva}</ram:TaxTotalAmount>
    <ram:GrandTotalAmount>{ttc}</ram:GrandTotalAmount><ram:DuePayableAmount>{ttc}</ram:DuePayableAmount>
   </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
  </ram:ApplicableHeaderTradeSettlement>
 </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
"""

CLIENTS = 100


def facture(i: int) -> bytes:
    client = i % CLIENTS
    base = f"{100000 + client:08d}"
    siren = base + luhn.calc_check_digit(base)
    ttc = Decimal(100 + i % 9000) + Decimal(i % 100) / 100
    ht = (ttc / Decimal("1.2")).quantize(Decimal("0.01"))
    emission = dt.date(2026, 1, 1) + dt.timedelta(days=i % 120)
    return MODELE.format(
        numero=f"F-{i:06d}",
        emission=f"{emission:%Y%m%d}",
        echeance=f"{emission + dt.timedelta(days=30):%Y%m%d}",
        client=client,
        siren=siren,
        ht=ht,
        tva=ttc - ht,
        ttc=ttc,
    ).encode()


def generer(repertoire: Path, n: int, *, pdf: bool = False) -> list[Path]:
    repertoire.mkdir()
    chemins = []
    if pdf:
        import io

        from facturx import generate_from_binary
        from pypdf import PdfWriter

        ecrivain = PdfWriter()
        ecrivain.add_blank_page(width=595, height=842)
        tampon = io.BytesIO()
        ecrivain.write(tampon)
        vierge = tampon.getvalue()
    for i in range(n):
        if pdf:
            chemin = repertoire / f"f{i:06d}.pdf"
            contenu = generate_from_binary(
                vierge, facture(i), flavor="factur-x", level="en16931", check_xsd=False
            )
            chemin.write_bytes(contenu)
        else:
            chemin = repertoire / f"f{i:06d}.xml"
            chemin.write_bytes(facture(i))
        chemins.append(chemin)
    return chemins


def lxml_nu(chemins: list[Path]) -> float:
    from lxml import etree

    debut = time.perf_counter()
    for chemin in chemins:
        etree.fromstring(chemin.read_bytes(), parser=_analyseur())
    return time.perf_counter() - debut


def importer(repertoire: Path, attendu: int) -> float:
    debut = time.perf_counter()
    resultat = lire_factures([repertoire])
    duree = time.perf_counter() - debut
    importees = sum(len(d.creances) for d in resultat.dossiers)
    if importees != attendu or resultat.rejets:
        raise SystemExit(f"importation incomplète : {importees}/{attendu}, {resultat.rejets[:3]}")
    return duree


def pic_memoire(repertoire: Path, chemins: list[Path], n: int) -> float:
    """Pic tracemalloc (Mo) de l'importation des n premiers fichiers."""
    sous = repertoire.parent / f"sous-{n}"
    sous.mkdir()
    for chemin in chemins[:n]:
        (sous / chemin.name).symlink_to(chemin)
    tracemalloc.start()
    lire_factures([sous])
    _, pic = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return pic / 1_048_576


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000, help="factures CII")
    parser.add_argument("--pdf", type=int, default=1_000, help="PDF Factur-X")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # un seul cœur
    with tempfile.TemporaryDirectory() as tmp:
        racine = Path(tmp)
        cii = generer(racine / "cii", args.n)
        pdf_dossier = racine / "pdf"
        pdf = generer(pdf_dossier, args.pdf, pdf=True) if args.pdf else []
        nu = lxml_nu(cii)
        duree = importer(racine / "cii", args.n)
        print(f"{'':24} {'fichiers':>9} {'durée s':>9} {'factures/s':>11}")
        print(f"{'lxml nu (CII)':24} {args.n:>9} {nu:>9.2f} {args.n / nu:>11.0f}")
        print(f"{'import CII':24} {args.n:>9} {duree:>9.2f} {args.n / duree:>11.0f}")
        if pdf:
            duree_pdf = importer(pdf_dossier, args.pdf)
            print(
                f"{'import Factur-X (PDF)':24} {args.pdf:>9} {duree_pdf:>9.2f} "
                f"{args.pdf / duree_pdf:>11.0f}"
            )
        petit, grand = max(1, args.n // 10), max(2, args.n // 2)
        mo_petit = pic_memoire(racine / "cii", cii, petit)
        mo_grand = pic_memoire(racine / "cii", cii, grand)
        print(
            f"mémoire de pointe : {petit} factures {mo_petit:.1f} Mo, {grand} factures "
            f"{mo_grand:.1f} Mo ({(mo_grand - mo_petit) * 1024 / (grand - petit):.1f} ko par "
            "facture de plus : champs gardés et dossiers rendus, aucun arbre XML)"
        )
        print(f"import : {args.n / duree:.0f} factures/s ({duree / nu:.1f} × lxml nu)")


if __name__ == "__main__":
    main()
