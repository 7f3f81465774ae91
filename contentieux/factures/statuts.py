"""Statuts du cycle de vie des factures électroniques : messages CDAR et CSV simple.

La réforme de la facturation électronique (norme AFNOR XP Z12-012) fait circuler chaque statut
dans un message UN/CEFACT *Cross Domain Acknowledgement and Response* (CDAR, D22B) : la facture
visée est ``AcknowledgementDocument/ReferenceReferencedDocument/IssuerAssignedID`` (MDT-87), son
statut ``ProcessConditionCode`` (MDT-105, codes 200 à 213), le montant encaissé un
``SpecifiedDocumentCharacteristic`` de type ``MEN`` (MDT-215), l'identifiant du message
``ExchangedDocument/ID`` (MDT-4). Le CSV simple a les colonnes ``numero,statut,date,montant``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final

from lxml import etree  # type: ignore[import-untyped]

from contentieux.erreurs import FactureIllisible
from contentieux.factures.lecture import CDAR, RAM, UDT
from contentieux.factures.xml_sur import analyser_xml, lire_octets
from contentieux.modeles.creances import StatutFactureElectronique as Statut

CODES_CDAR: Final[dict[str, Statut]] = {
    "200": Statut.DEPOSEE,
    "201": Statut.EMISE,
    "202": Statut.RECUE,
    "203": Statut.MISE_A_DISPOSITION,
    "204": Statut.PRISE_EN_CHARGE,
    "205": Statut.APPROUVEE,
    "206": Statut.APPROUVEE_PARTIELLEMENT,
    "207": Statut.EN_LITIGE,
    "208": Statut.SUSPENDUE,
    "209": Statut.COMPLETEE,
    "210": Statut.REFUSEE,
    "211": Statut.PAIEMENT_TRANSMIS,
    "212": Statut.ENCAISSEE,
    "213": Statut.REJETEE,
}
"""Code de statut CDAR (MDT-105) → statut du dossier."""

_ESPACES = {"rsm": CDAR, "ram": RAM, "udt": UDT}


@dataclass(frozen=True)
class StatutLu:
    """Un statut lu, avec sa source (fichier, identifiant du message ou ligne du CSV)."""

    numero: str
    statut: Statut
    date: dt.date
    montant: Decimal | None
    fichier: str
    message: str

    @property
    def source(self) -> str:
        """« fichier, message » : où retrouver la preuve de ce statut."""
        return f"{self.fichier}, {self.message}"


def lire_statuts(chemin: Path) -> list[StatutLu]:
    """Lit un fichier de statuts : CDAR (XML) ou CSV ``numero,statut,date,montant``."""
    donnees = lire_octets(chemin)
    nom = str(chemin)
    if chemin.suffix.lower() == ".csv":
        return _lire_csv(donnees, nom)
    return _lire_cdar(analyser_xml(donnees, nom), nom)


def _lire_cdar(racine: etree._Element, nom: str) -> list[StatutLu]:
    if etree.QName(racine).namespace != CDAR:
        raise FactureIllisible(
            f"{nom} : ce n'est pas un message de statut CDAR "
            "(CrossDomainAcknowledgementAndResponse) ni un CSV numero,statut,date,montant",
            fichier=nom,
        )
    message = _texte(racine, "rsm:ExchangedDocument/ram:ID") or "message sans identifiant"
    date_message = _date(
        _texte(racine, "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString")
    )
    statuts: list[StatutLu] = []
    for accuse in racine.iterfind("rsm:AcknowledgementDocument", _ESPACES):
        date_accuse = _date(_texte(accuse, "ram:IssueDateTime/udt:DateTimeString")) or date_message
        for ref in accuse.iterfind("ram:ReferenceReferencedDocument", _ESPACES):
            numero = _texte(ref, "ram:IssuerAssignedID")
            code = _texte(ref, "ram:ProcessConditionCode")
            if numero is None or code is None:
                raise FactureIllisible(
                    f"{nom} (message {message}) : facture visée (IssuerAssignedID, MDT-87) ou code "
                    "de statut (ProcessConditionCode, MDT-105) absent",
                    fichier=nom,
                )
            if code not in CODES_CDAR:
                continue  # statuts hors cycle de la facture (220 annulée, 221…) : sans effet ici
            montant = None
            for carac in ref.iterfind(
                "ram:SpecifiedDocumentStatus/ram:SpecifiedDocumentCharacteristic", _ESPACES
            ):
                if _texte(carac, "ram:TypeCode") == "MEN":
                    valeur = _texte(carac, "ram:ValueAmount")
                    if valeur is not None:
                        montant = (montant or Decimal("0")) + _montant(valeur, nom, message)
            if date_accuse is None:
                raise FactureIllisible(
                    f"{nom} (message {message}) : date du statut absente (IssueDateTime)",
                    fichier=nom,
                )
            statuts.append(
                StatutLu(numero, CODES_CDAR[code], date_accuse, montant, nom, f"message {message}")
            )
    if not statuts:
        raise FactureIllisible(f"{nom} : message CDAR sans statut de facture lisible", fichier=nom)
    return statuts


def _lire_csv(donnees: bytes, nom: str) -> list[StatutLu]:
    try:
        texte = donnees.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FactureIllisible(
            f"{nom} : CSV non UTF-8 ; enregistrez-le en UTF-8", fichier=nom
        ) from None
    lecteur = csv.DictReader(io.StringIO(texte))
    attendues = ["numero", "statut", "date", "montant"]
    if [c.strip() for c in (lecteur.fieldnames or [])] != attendues:
        raise FactureIllisible(
            f"{nom} : en-tête {lecteur.fieldnames} ; attendu exactement numero,statut,date,montant",
            fichier=nom,
        )
    connus = ", ".join(s.value for s in Statut)
    statuts: list[StatutLu] = []
    for ligne in lecteur:
        n = lecteur.line_num
        numero = (ligne["numero"] or "").strip()
        valeur = (ligne["statut"] or "").strip()
        try:
            statut = Statut(valeur)
        except ValueError:
            raise FactureIllisible(
                f"{nom}, ligne {n} : statut « {valeur} » inconnu ; statuts lus : {connus}",
                fichier=nom,
            ) from None
        date = _date((ligne["date"] or "").strip())
        if not numero or date is None:
            raise FactureIllisible(
                f"{nom}, ligne {n} : numéro de facture ou date (AAAA-MM-JJ) absent ou illisible",
                fichier=nom,
            )
        brut = (ligne["montant"] or "").strip()
        montant = _montant(brut, nom, f"ligne {n}") if brut else None
        statuts.append(StatutLu(numero, statut, date, montant, nom, f"ligne {n}"))
    return statuts


def _texte(base: etree._Element, chemin: str) -> str | None:
    element = base.find(chemin, _ESPACES)
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def _date(valeur: str | None) -> dt.date | None:
    if not valeur:
        return None
    try:
        if valeur[:8].isdigit():
            return dt.date(int(valeur[:4]), int(valeur[4:6]), int(valeur[6:8]))
        return dt.date.fromisoformat(valeur[:10])
    except ValueError:
        return None


def _montant(valeur: str, nom: str, ou: str) -> Decimal:
    try:
        montant = Decimal(valeur.replace(",", "."))
    except InvalidOperation:
        montant = Decimal("NaN")
    if not montant.is_finite() or montant < 0:
        raise FactureIllisible(
            f"{nom} ({ou}) : montant « {valeur} » illisible ; nombre positif attendu, par exemple "
            "1200.00",
            fichier=nom,
        )
    return montant
