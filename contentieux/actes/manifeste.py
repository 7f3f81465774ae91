"""Manifestes des actes et vérification des mentions obligatoires.

Chaque dossier de ``gabarits/<acte>/`` porte un ``manifeste.yaml`` : identifiant, titre, version,
fondements et **mentions obligatoires** (texte exact, éventuellement conditionné par un drapeau du
contrat : ``si: b2b`` ou ``sauf: b2b``). Le vérificateur contrôle, dans le texte extrait du PDF
(pypdf) ou du DOCX (python-docx), ces mentions, les chiffres imprimés du contrat et les mentions
propres au dossier ; un acte à qui il manque une mention n'est pas produit.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from pydantic import Field

from contentieux.erreurs import GabaritIntrouvable, MentionsManquantes
from contentieux.modeles.base import Modele


class Mention(Modele):
    """Une mention obligatoire : le texte exact qui doit figurer dans l'acte."""

    texte: str = Field(min_length=1)
    si: str | None = Field(default=None, description="Drapeau du contrat qui la rend obligatoire.")
    sauf: str | None = Field(default=None, description="Drapeau du contrat qui la rend sans objet.")
    fondement: str | None = None


class Manifeste(Modele):
    """Le manifeste d'un acte."""

    identifiant: str
    titre: str
    version: str
    fondements: tuple[str, ...]
    signe: bool = Field(default=False, description="Acte signé en pratique (boîtes de signature).")
    description: str
    mentions: tuple[Mention, ...]


def lire_manifeste(chemin: Path) -> Manifeste:
    """Lit et valide un ``manifeste.yaml``."""
    from contentieux._yaml import charger_yaml_exact

    if not chemin.is_file():
        raise GabaritIntrouvable(
            f"manifeste introuvable : {chemin} ; chaque acte a son manifeste.yaml"
        )
    donnees: Any = charger_yaml_exact(chemin.read_text(encoding="utf-8"))
    return Manifeste.model_validate(donnees)


def normaliser(texte: str) -> str:
    """Texte comparable : NFKC (espaces insécables, ligatures), blancs réduits, casse ignorée
    (un titre peut être imprimé en capitales)."""
    texte = unicodedata.normalize("NFKC", texte).replace("’", "'")
    # Une coupure de ligne après un trait d'union (« EX-\nAGENCE ») n'ajoute pas d'espace.
    texte = re.sub(r"(?<=\w)-[ \t]*\n\s*", "-", texte)
    return re.sub(r"\s+", " ", texte).strip().casefold()


def mentions_attendues(
    manifeste: Manifeste,
    drapeaux: dict[str, bool],
    chiffres: dict[str, str],
    propres: tuple[str, ...],
) -> list[str]:
    """Toutes les chaînes qui doivent figurer dans l'acte rendu."""
    attendues = [
        m.texte
        for m in manifeste.mentions
        if (m.si is None or drapeaux.get(m.si, False))
        and (m.sauf is None or not drapeaux.get(m.sauf, False))
    ]
    attendues += list(chiffres.values())
    attendues += [p for p in propres if p]
    return attendues


def compacter(texte: str) -> str:
    """Texte normalisé sans aucun blanc : une mention coupée en fin de ligne ou de cellule de
    tableau (« F2025-\n014 ») reste reconnue, caractère pour caractère."""
    return re.sub(r"\s+", "", normaliser(texte))


def mentions_absentes(texte: str, attendues: list[str]) -> list[str]:
    """Les mentions attendues que le texte ne contient pas (blancs et casse ignorés)."""
    propre = compacter(texte)
    return [m for m in attendues if compacter(m) not in propre]


def exiger_mentions(acte: str, format_: str, texte: str, attendues: list[str]) -> None:
    """Lève :class:`MentionsManquantes` si une mention manque : l'acte n'est pas produit."""
    absentes = mentions_absentes(texte, attendues)
    if absentes:
        raise MentionsManquantes(
            f"acte « {acte} » ({format_}) non produit : mention(s) obligatoire(s) absente(s) du "
            "document rendu :\n  - "
            + "\n  - ".join(absentes)
            + "\nvérifiez le gabarit (dossier de gabarits utilisateur compris)",
            acte=acte,
            absentes=tuple(absentes),
        )


def texte_pdf(contenu: bytes) -> str:
    """Le texte d'un PDF (pypdf)."""
    import io

    from pypdf import PdfReader

    lecteur = PdfReader(io.BytesIO(contenu))
    return "\n".join(page.extract_text() or "" for page in lecteur.pages)


def texte_docx(contenu: bytes) -> str:
    """Le texte d'un DOCX (python-docx) : paragraphes, tableaux, en-têtes et pieds de page."""
    import io

    from docx import Document

    doc = Document(io.BytesIO(contenu))
    morceaux: list[str] = []

    def tableaux(tables: Any) -> None:
        for table in tables:
            for ligne in table.rows:
                for cellule in ligne.cells:
                    morceaux.extend(p.text for p in cellule.paragraphs)
                    tableaux(cellule.tables)

    morceaux.extend(p.text for p in doc.paragraphs)
    tableaux(doc.tables)
    for section in doc.sections:
        morceaux.extend(p.text for p in section.header.paragraphs)
        morceaux.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(morceaux)
