"""Les polices livrées avec contentieux : une seule maison pour les actes et le tampon de signature.

Les actes PDF/A s'impriment en Liberation Serif et Liberation Sans 2.1.5 (métriques de Times New
Roman et d'Arial, couverture complète du français ; SIL Open Font License 1.1, texte dans
``LICENCE-Liberation.txt``), fichiers non modifiés livrés dans ce dossier. La feuille de style des
polices (:func:`feuille_polices`) les déclare par ``@font-face`` avec leur chemin dans le paquet :
WeasyPrint n'emprunte aucune police du système, et un acte rend à l'identique sur une machine qui
n'a aucune police installée.

Les familles portent un nom propre au paquet (:data:`FAMILLE_SERIF`, :data:`FAMILLE_SANS`) : une
Liberation d'une autre version installée sur la machine ne peut pas prendre leur place.

Seules les graisses que les actes demandent sont livrées (romain, gras et italique pour le texte,
romain et gras pour les titres) ; :data:`FACES` les énumère.

ISO 19005-3 (PDF/A-3) §6.2.11.8 interdit de dessiner le glyphe .notdef : un caractère que ces
polices ne savent pas dessiner (japonais, arabe…) sortirait en boîtes vides. :func:`couverture`
lit, dans la table ``cmap`` de chaque police livrée, les caractères qu'elles dessinent toutes ;
l'atelier de rendu la calcule une fois et refuse, avant le rendu, le texte qui en sort.

>>> [f.fichier for f in FACES if f.famille == FAMILLE_SANS]
['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf']
>>> "@font-face" in feuille_polices() and "file://" in feuille_polices()
True
>>> sorted(caracteres_sans_glyphe("Société Générale « Œuvre » 12 345,00 €", couverture()))
[]
>>> caracteres_sans_glyphe("株式会社 Tanaka", couverture())
['株', '式', '会', '社']
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

FAMILLE_SERIF = "Contentieux Liberation Serif"
"""Famille du texte des actes (Liberation Serif 2.1.5 livrée)."""
FAMILLE_SANS = "Contentieux Liberation Sans"
"""Famille des titres, en-têtes, tableaux et pieds de page (Liberation Sans 2.1.5 livrée)."""
POLICE_TAMPON = "TamponSans-Latin-1000.ttf"
"""Police du tampon de signature (Liberation Sans réduite au latin, voir ``generer_police.py``)."""
LICENCE = "LICENCE-Liberation.txt"

IGNORES = frozenset("\t\n\r")
"""Caractères mis en page sans glyphe (blancs de contrôle du texte des dossiers)."""


@dataclass(frozen=True)
class Face:
    """Une police livrée : sa famille CSS, son fichier et la face qu'elle dessine."""

    famille: str
    fichier: str
    graisse: Literal["normal", "bold"]
    style: Literal["normal", "italic"]
    nom_postscript: str
    """Nom PostScript du fichier (table ``name``, identifiant 6), celui qu'on lit dans le PDF."""


FACES: tuple[Face, ...] = (
    Face(FAMILLE_SERIF, "LiberationSerif-Regular.ttf", "normal", "normal", "LiberationSerif"),
    Face(FAMILLE_SERIF, "LiberationSerif-Bold.ttf", "bold", "normal", "LiberationSerif-Bold"),
    Face(FAMILLE_SERIF, "LiberationSerif-Italic.ttf", "normal", "italic", "LiberationSerif-Italic"),
    Face(FAMILLE_SANS, "LiberationSans-Regular.ttf", "normal", "normal", "LiberationSans"),
    Face(FAMILLE_SANS, "LiberationSans-Bold.ttf", "bold", "normal", "LiberationSans-Bold"),
)
"""Les faces livrées pour les actes, dans l'ordre de la feuille de style."""


def dossier_polices() -> Path:
    """Le dossier des polices livrées (dans le dépôt comme dans la roue installée)."""
    return Path(str(resources.files("contentieux.polices")))


def chemin_police(fichier: str) -> Path:
    """Le chemin d'une police livrée."""
    chemin = dossier_polices() / fichier
    if not chemin.is_file():
        raise FileNotFoundError(f"police livrée introuvable : {chemin} (installation incomplète)")
    return chemin


def feuille_polices() -> str:
    """La feuille de style ``@font-face`` des actes : chaque face pointe vers son fichier livré
    (``url(file://…)``), sans ``local()`` : fontconfig n'est jamais consulté pour ces familles."""
    regles = []
    for face in FACES:
        regles.append(
            "@font-face {\n"
            f'  font-family: "{face.famille}";\n'
            f'  src: url("{chemin_police(face.fichier).as_uri()}");\n'
            f"  font-weight: {face.graisse};\n"
            f"  font-style: {face.style};\n"
            "}\n"
        )
    return "".join(regles)


def couverture() -> frozenset[int]:
    """Les points de code que **toutes** les polices des actes dessinent (tables ``cmap``).

    Un champ peut s'imprimer dans n'importe quelle face (nom du débiteur en gras dans le corps,
    en Sans dans l'en-tête) : seule l'intersection garantit un glyphe réel. Coût : ~0,1 s ;
    l'atelier de rendu l'appelle une fois à sa création (pas de cache de module).
    """
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped,unused-ignore]

    commun: set[int] | None = None
    for face in FACES:
        police = TTFont(chemin_police(face.fichier), lazy=True)
        table = police.getBestCmap()
        police.close()
        points = {p for p, glyphe in table.items() if glyphe != ".notdef"}
        commun = points if commun is None else commun & points
    return frozenset(commun or ())


def caracteres_sans_glyphe(texte: str, couverts: frozenset[int]) -> list[str]:
    """Les caractères distincts de ``texte`` (et de sa forme en capitales, que la feuille de style
    peut demander) qu'aucun glyphe des polices livrées ne dessine, dans l'ordre d'apparition."""
    vus: dict[str, None] = {}
    for caractere in texte + texte.upper():
        if ord(caractere) not in couverts and caractere not in IGNORES:
            vus.setdefault(caractere, None)
    return list(vus)
