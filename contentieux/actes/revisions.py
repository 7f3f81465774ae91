"""Les révisions d'un PDF après sa production : signatures et données de validation seulement.

Un PDF se modifie par **mises à jour incrémentales** (ISO 32000-2 §7.5.6) : chaque révision
ajoute à la fin du fichier des objets qui remplacent les anciens, et un lecteur affiche la
dernière. Un acte produit par ``contentieux generer`` tient en une révision (la révision 0, la
production) ; le signer ajoute une révision par signature, et une par ajout de données de
validation (DSS : certificats, OCSP, CRL) ou d'horodatage de document (PAdES B-LT, B-LTA).

:func:`analyser_revisions` classe chaque révision et signale toute autre modification, en
comparant chaque révision à la précédente :

- ce que le lecteur voit des pages (flux de contenu, ressources, polices, images, boîtes,
  nombre et ordre des pages) et le catalogue (pièces jointes, actions, calques), sauf les
  entrées que la signature remplit (``/AcroForm``, ``/Perms``, ``/DSS``, ``/Metadata``,
  ``/Extensions``, ``/Version``) ;
- le dictionnaire ``/Info`` (titre, auteur, dates…), sauf ``/ModDate`` et ``/Producer`` que
  l'outil de signature met à jour ;
- les annotations ajoutées : seuls des widgets de champs de formulaire (tampon de signature,
  mention) sont admis ;
- la nature de la révision : une révision qui n'est ni celle d'une signature (ou d'un
  horodatage de document) ni un ajout de données de validation (analyse des différences de
  pyHanko) est « autre », même si elle ne change rien de visible (un champ rempli hors
  signature, par exemple).

Ce contrôle prouve que ce que l'on voit est ce qui a été produit, plus des signatures ; il ne
prouve **pas** qui a signé, ni qu'une signature est valide : cela, seule la vérification des
signatures le dit (``contentieux verifier-signature``).
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from contentieux.modeles.base import Modele

NatureRevision = Literal["production", "signature", "horodatage", "validation", "autre"]
CauseRevision = Literal[
    "", "pages", "catalogue", "metadonnees", "annotation", "formulaire", "objets", "illisible"
]

CLES_CATALOGUE_SIGNATURE = frozenset(
    {"/AcroForm", "/Perms", "/DSS", "/Metadata", "/Extensions", "/Version", "/Pages"}
)
"""Entrées du catalogue qu'une signature ou des données de validation changent (``/Version`` :
PDF 2.0 pour une signature à courbe elliptique ; ``/Pages`` est comparé page par page)."""

CLES_INFO_SIGNATURE = frozenset({"/ModDate", "/Producer"})
"""Entrées de ``/Info`` que l'outil de signature met à jour."""

PROFONDEUR_MAX = 64
"""Profondeur de parcours des objets d'une page (au-delà : révision jugée « autre »)."""


class Revision(Modele):
    """Une révision du PDF (0 : la production)."""

    numero: int
    nature: NatureRevision
    detail: str
    cause: CauseRevision = ""
    """Pour une révision « autre » : ce qui a changé (``formulaire`` : un champ rempli hors
    signature, ce qu'une certification peut permettre)."""


def nombre_de_revisions(contenu: bytes) -> int:
    """Estimation rapide, sans analyser le PDF : chaque révision se termine par ``%%EOF``."""
    return max(1, contenu.count(b"%%EOF"))


class _Trop(Exception):
    """Objet trop profond pour être comparé."""


def _empreinte(objet: Any, resolveur: Any, hache: Any, vus: set[int], profondeur: int) -> None:
    """Écrit dans ``hache`` une forme canonique de ``objet`` (références suivies dans la
    révision de ``resolveur``, ``/Parent`` ignoré pour ne pas remonter l'arbre)."""
    from pyhanko.pdf_utils import generic

    if profondeur > PROFONDEUR_MAX:
        raise _Trop
    if isinstance(objet, generic.IndirectObject):
        numero = objet.idnum
        if numero in vus:
            hache.update(b"R%d;" % numero)
            return
        vus.add(numero)
        objet = resolveur.get_object(objet.reference)
        if isinstance(objet, dict) and objet.get("/Type") in ("/Page", "/Pages"):
            hache.update(b"P%d;" % numero)  # une page citée (signet, action) : comparée à part
            return
    if isinstance(objet, generic.StreamObject):
        hache.update(b"S" + hashlib.sha256(objet.encoded_data or b"").digest())
    if isinstance(objet, dict):
        hache.update(b"{")
        for cle in sorted(objet):
            if cle == "/Parent":
                continue
            hache.update(str(cle).encode() + b":")
            valeur = objet.raw_get(cle) if hasattr(objet, "raw_get") else objet[cle]
            _empreinte(valeur, resolveur, hache, vus, profondeur + 1)
        hache.update(b"}")
    elif isinstance(objet, list):
        hache.update(b"[")
        for element in objet:
            _empreinte(element, resolveur, hache, vus, profondeur + 1)
        hache.update(b"]")
    else:
        hache.update(repr(objet).encode() + b";")


def _pages(resolveur: Any, noeud: Any, profondeur: int = 0) -> list[Any]:
    """Les nœuds de l'arbre des pages (nœuds intermédiaires compris : attributs hérités)."""
    if profondeur > PROFONDEUR_MAX:
        raise _Trop
    if hasattr(noeud, "reference"):
        noeud = resolveur.get_object(noeud.reference)
    sortie = [noeud]
    for enfant in noeud.get("/Kids", ()):
        sortie.extend(_pages(resolveur, resolveur.get_object(enfant.reference), profondeur + 1))
    return sortie


def _vue(resolveur: Any) -> tuple[list[str], str, dict[str, str], list[tuple[int, str]]]:
    """Ce que voit le lecteur dans une révision : empreinte de chaque page (sans ses
    annotations), du catalogue (hors entrées de signature), de ``/Info`` (clé par clé) et la liste
    des annotations (page, sous-type)."""
    racine = resolveur.root
    pages = []
    annotations: list[tuple[int, str]] = []
    noeuds = _pages(resolveur, racine.raw_get("/Pages"))
    numero_page = 0
    for noeud in noeuds:
        hache = hashlib.sha256()
        sans = {k: noeud.raw_get(k) for k in noeud if k not in ("/Annots", "/Kids")}
        _empreinte(sans, resolveur, hache, set(), 0)
        pages.append(hache.hexdigest())
        if noeud.get("/Type") == "/Page":
            annots = noeud.raw_get("/Annots") if "/Annots" in noeud else ()
            if hasattr(annots, "reference"):
                annots = resolveur.get_object(annots.reference)
            for ref in annots:
                annotation = (
                    resolveur.get_object(ref.reference) if hasattr(ref, "reference") else ref
                )
                sous_type = str(annotation.get("/Subtype", "?"))
                if sous_type != "/Widget":
                    annotations.append((numero_page, sous_type))
            numero_page += 1
    hache = hashlib.sha256()
    _empreinte(
        {k: racine.raw_get(k) for k in racine if k not in CLES_CATALOGUE_SIGNATURE},
        resolveur,
        hache,
        set(),
        0,
    )
    info: dict[str, str] = {}
    brut = resolveur.trailer_view.raw_get("/Info") if "/Info" in resolveur.trailer_view else None
    if brut is not None:
        if hasattr(brut, "reference"):
            brut = resolveur.get_object(brut.reference)
        for cle, valeur in brut.items():
            if cle not in CLES_INFO_SIGNATURE:
                info[str(cle)] = str(valeur)
    return pages, hache.hexdigest(), info, annotations


def _difference(avant: Any, apres: Any) -> tuple[CauseRevision, str] | None:
    """Ce qui change, pour le lecteur, entre deux vues ; ``None`` si rien."""
    pages_a, catalogue_a, info_a, annotations_a = avant
    pages_b, catalogue_b, info_b, annotations_b = apres
    if len(pages_a) != len(pages_b):
        return "pages", "pages ajoutées ou retirées"
    changees = [i for i, (a, b) in enumerate(zip(pages_a, pages_b, strict=True)) if a != b]
    if changees:
        return "pages", "contenu des pages modifié"
    if catalogue_a != catalogue_b:
        return "catalogue", "catalogue du document modifié (pièces jointes, actions ou calques)"
    if info_a != info_b:
        cles = sorted(set(info_a) ^ set(info_b) | {k for k in info_a if info_b.get(k) != info_a[k]})
        return "metadonnees", (
            "métadonnées /Info modifiées (" + ", ".join(c.lstrip("/") for c in cles) + ")"
        )
    nouvelles = [a for a in annotations_b if a not in annotations_a]
    if nouvelles:
        page, sous_type = nouvelles[0]
        return "annotation", f"annotation {sous_type.lstrip('/')} ajoutée sur la page {page + 1}"
    return None


def analyser_revisions(contenu: bytes) -> tuple[Revision, ...]:
    """Chaque révision de ``contenu`` et sa nature ; « autre » dit ce qui a changé.

    Un PDF d'une seule révision ne demande pas pyHanko ; au-delà, l'analyse le demande (extra
    ``signature``).
    """
    production = Revision(numero=0, nature="production", detail="document produit")
    if nombre_de_revisions(contenu) <= 1:
        return (production,)
    import io

    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel

    try:
        lecteur = PdfFileReader(io.BytesIO(contenu), strict=False)
        total = lecteur.xrefs.total_revisions
        signees = {s.signed_revision: s.field_name for s in lecteur.embedded_regular_signatures}
        horodatees = {s.signed_revision for s in lecteur.embedded_timestamp_signatures}
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        return (
            production,
            Revision(
                numero=1, nature="autre", detail=f"révisions illisibles ({exc})", cause="illisible"
            ),
        )
    revisions = [production]
    try:
        precedente = _vue(lecteur.get_historical_resolver(0))
    except (_Trop, PdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return (
            production,
            Revision(
                numero=1, nature="autre", detail=f"production illisible ({exc})", cause="illisible"
            ),
        )
    for numero in range(1, total):
        resolveur = lecteur.get_historical_resolver(numero)
        try:
            vue = _vue(resolveur)
            changement = _difference(precedente, vue)
        except (_Trop, PdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
            vue, changement = (
                precedente,
                ("illisible", f"révision illisible ({type(exc).__name__})"),
            )
        precedente = vue
        if changement is not None:
            revisions.append(
                Revision(numero=numero, nature="autre", detail=changement[1], cause=changement[0])
            )
        elif numero in signees:
            revisions.append(
                Revision(numero=numero, nature="signature", detail=f"signature {signees[numero]}")
            )
        elif numero in horodatees:
            revisions.append(
                Revision(numero=numero, nature="horodatage", detail="horodatage du document")
            )
        else:
            try:
                diff = DEFAULT_DIFF_POLICY.apply(
                    lecteur.get_historical_resolver(numero - 1), resolveur, None, None
                )
                niveau = diff.modification_level
                validation = niveau <= ModificationLevel.LTA_UPDATES
                causes: dict[Any, CauseRevision] = {
                    ModificationLevel.FORM_FILLING: "formulaire",
                    ModificationLevel.ANNOTATIONS: "annotation",
                }
                cause = causes.get(niveau, "objets")
                detail = (
                    "données de validation (DSS)"
                    if validation
                    else "modification sans signature : "
                    + (
                        "champ(s) " + ", ".join(sorted(diff.changed_form_fields)) + " rempli(s)"
                        if diff.changed_form_fields
                        else f"niveau {niveau.name}"
                    )
                )
            except Exception as exc:  # toute anomalie de l analyse : suspecte
                validation, cause = False, "objets"
                detail = f"modification sans signature ({type(exc).__name__})"
            revisions.append(
                Revision(
                    numero=numero,
                    nature="validation" if validation else "autre",
                    detail=detail,
                    cause="" if validation else cause,
                )
            )
    return tuple(revisions)
