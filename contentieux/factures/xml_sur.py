"""Lecture XML durcie (lxml) : une facture vient d'ailleurs, son XML est une donnée hostile.

- aucune entité externe résolue, aucun accès réseau, aucune DTD chargée ; un ``<!DOCTYPE`` est
  **refusé** d'emblée (une facture CII, UBL ou CDAR n'en a jamais) : ni XXE (lecture d'un fichier
  local), ni « billion laughs » (expansion d'entités en chaîne) ;
- taille bornée **avant** de lire : un fichier plus gros que ``TAILLE_MAX`` est refusé sur sa
  taille déclarée, sans être lu (un XML de 100 Mo est refusé en un instant) ;
- profondeur bornée : au-delà de ``PROFONDEUR_MAX`` niveaux, l'analyseur s'arrête (limite de
  libxml2 sans ``huge_tree``), et le document est refusé.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from lxml import etree  # type: ignore[import-untyped]

from contentieux.erreurs import FactureIllisible

TAILLE_MAX: Final = 20 * 1024 * 1024
"""Taille maximale d'un XML de facture ou de statuts (20 Mo ; une facture en fait quelques ko)."""

PROFONDEUR_MAX: Final = 256
"""Imbrication maximale des éléments (limite de libxml2 hors ``huge_tree`` ; une facture CII en
compte une douzaine)."""

_DEBUT_ELEMENT = re.compile(rb"<[A-Za-z_]")


def _analyseur() -> etree.XMLParser:
    """Un analyseur neuf, durci (pas de cache de niveau module : un par lecture)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def lire_octets(chemin: Path, *, taille_max: int = TAILLE_MAX) -> bytes:
    """Les octets d'un fichier, refusés s'ils dépassent ``taille_max`` (taille déclarée d'abord,
    puis lecture bornée : un flux sans taille ne peut pas non plus déborder)."""
    try:
        taille = chemin.stat().st_size
        if taille > taille_max:
            raise FactureIllisible(_trop_gros(chemin, taille, taille_max), fichier=str(chemin))
        with chemin.open("rb") as flux:
            donnees = flux.read(taille_max + 1)
    except OSError as exc:
        raise FactureIllisible(
            f"{chemin} : fichier illisible ({exc.strerror or exc}) ; vérifiez le chemin et les "
            "droits",
            fichier=str(chemin),
        ) from None
    if len(donnees) > taille_max:
        raise FactureIllisible(_trop_gros(chemin, len(donnees), taille_max), fichier=str(chemin))
    return donnees


def _trop_gros(chemin: Path, taille: int, taille_max: int) -> str:
    return (
        f"{chemin} : {taille / 1_048_576:.0f} Mo, au-delà de la limite de "
        f"{taille_max / 1_048_576:.0f} Mo d'un XML de facture ; ce n'est pas une facture, ou "
        "découpez l'export en fichiers plus petits"
    )


def analyser_xml(donnees: bytes, nom: str, *, taille_max: int = TAILLE_MAX) -> etree._Element:
    """Analyse des octets XML avec l'analyseur durci et rend l'élément racine.

    >>> analyser_xml(b"<a><b/></a>", "x.xml").tag
    'a'
    >>> analyser_xml(b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', "x.xml")
    Traceback (most recent call last):
    ...
    contentieux.erreurs.FactureIllisible: x.xml : déclaration <!DOCTYPE> refusée ...
    """
    if len(donnees) > taille_max:
        raise FactureIllisible(_trop_gros(Path(nom), len(donnees), taille_max), fichier=nom)
    debut = _DEBUT_ELEMENT.search(donnees)
    fin_prologue = debut.start() if debut else len(donnees)
    if b"<!DOCTYPE" in donnees[:fin_prologue]:
        raise _doctype(nom)
    try:
        racine = etree.fromstring(donnees, parser=_analyseur())
    except etree.XMLSyntaxError as exc:
        message = str(exc)
        if "depth" in message.lower() or "nested" in message.lower():
            raise FactureIllisible(
                f"{nom} : XML imbriqué sur plus de {PROFONDEUR_MAX} niveaux, refusé ; une "
                "facture n'en a jamais autant",
                fichier=nom,
            ) from None
        raise FactureIllisible(
            f"{nom} : XML mal formé ({message}) ; ce fichier n'est pas une facture lisible",
            fichier=nom,
        ) from None
    if racine.getroottree().docinfo.doctype:
        raise _doctype(nom)
    return racine


def _doctype(nom: str) -> FactureIllisible:
    return FactureIllisible(
        f"{nom} : déclaration <!DOCTYPE> refusée ; une facture CII, UBL ou CDAR n'en contient "
        "jamais et elle peut servir à lire des fichiers locaux (XXE) ou à saturer la mémoire",
        fichier=nom,
    )
