"""Le contenu d'un acte : parties, paragraphes, tableaux, blocs de signature.

Un contrat d'acte (voir :mod:`contentieux.actes.contrats`) expose tout ce que les gabarits
impriment, déjà mis en forme (montants « 1 234,56 € », dates « 1er mars 2026 ») : les gabarits
HTML et DOCX ne font que placer ces valeurs, sans logique ni calcul. Le libellé de chaque acte a
ainsi une seule source, le contrat ; les deux formats portent les mêmes mentions et les mêmes
chiffres.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from contentieux.modeles.base import Modele

StyleParagraphe = Literal["normal", "important", "citation", "petit"]


class Paragraphe(Modele):
    """Un paragraphe de texte brut (les données du dossier y restent des données : échappées)."""

    texte: str
    style: StyleParagraphe = "normal"


class Tableau(Modele):
    """Un tableau : en-têtes, lignes de cellules, ligne de total éventuelle."""

    colonnes: tuple[str, ...]
    lignes: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None = None
    montants: tuple[int, ...] = Field(default=(), description="Colonnes de montants (à droite).")
    largeurs: tuple[int, ...] | None = Field(
        default=None, description="Largeur de chaque colonne, en pourcent de la page."
    )


class Section(Modele):
    """Une section : titre facultatif, paragraphes, puis tableau facultatif, puis notes."""

    titre: str | None = None
    paragraphes: tuple[Paragraphe, ...] = ()
    tableau: Tableau | None = None
    notes: tuple[Paragraphe, ...] = ()


class PartieImprimee(Modele):
    """Une partie telle qu'elle s'imprime : nom, lignes d'adresse, identification complète."""

    nom: str
    adresse: tuple[str, ...]
    identification: str = Field(description="Identification complète (CPC 54 et 57).")


class BlocSignature(Modele):
    """Un emplacement de signature (ou de mention manuscrite), repéré par un identifiant HTML."""

    identifiant: str = Field(description="Identifiant de la boîte : signature-creancier…")
    qualite: str = Field(description="« Le créancier », « Le débiteur »…")
    nom: str
    mention: str | None = Field(default=None, description="Mention qui précède la signature.")


class EnTete(Modele):
    """Papier à en-tête du cabinet ou du créancier (paramétrable)."""

    nom: str
    lignes: tuple[str, ...] = ()
    logo: str | None = Field(default=None, description="Logo en data: URI (PNG, JPEG ou SVG).")


class Emplacement(Modele):
    """Position d'une boîte dans le PDF, en points PDF (origine en bas à gauche)."""

    page: int = Field(ge=0, description="Numéro de page, à partir de 0.")
    x1: float
    y1: float
    x2: float
    y2: float


class Contenu(Modele):
    """Ce que tout acte imprime, dans l'ordre de la page."""

    acte: str
    titre: str
    sous_titre: str | None = None
    reference: str
    date_acte: dt.date
    lieu_date: str = Field(description="« Paris, le 30 juin 2026 ».")
    en_tete: EnTete
    expediteur: PartieImprimee
    destinataire: PartieImprimee | None = None
    mode_envoi: str | None = None
    objet: str | None = None
    formule_appel: str | None = None
    sections: tuple[Section, ...]
    formule_politesse: str | None = None
    signatures: tuple[BlocSignature, ...] = ()
    mention_manuscrite: str | None = Field(
        default=None,
        description="Texte à recopier par le débiteur (C. civ. 1376), imprimé au-dessus de la "
        "boîte.",
    )
    pied: str = Field(description="Pied de page : référence et fondements.")
    note_interne: Section | None = Field(
        default=None,
        description="Note au seul signataire (réserves d'une requête produite sur option), "
        "imprimée seule sur une première page, avant l'acte, pour être retirée avant le dépôt : "
        "jamais dans le corps de l'acte.",
    )
