"""Génère la police du tampon de signature (exécuter : ``python generer_police.py``).

Source : Liberation Sans Regular 2.1.5 livrée à côté (``LiberationSans-Regular.ttf``, tirée du
paquet Debian ``fonts-liberation2`` ; licence SIL Open Font License 1.1, voir
``LICENCE-Liberation.txt``). Deux transformations, mesurées avec
pyHanko 0.38 :

- la police est ramenée à 1000 unités par cadratin : à 2048 unités, le texte du tampon sort
  espacé lettre par lettre ;
- elle est réduite aux caractères latins utiles au français (Latin-1, € ’ œ Œ « » – — … et
  l'espace insécable fine U+202F) : un tampon visible coûte ~100 ms de moins.

Le fichier produit, ``TamponSans-Latin-1000.ttf`` (famille renommée « Tampon Sans », comme l'exige
la licence pour une version modifiée), est versionné : ce script ne sert qu'à le
refaire. Il n'est pas importé par la bibliothèque.
"""

from __future__ import annotations

import sys
from pathlib import Path

SOURCE = Path(__file__).with_name("LiberationSans-Regular.ttf")
CIBLE = Path(__file__).with_name("TamponSans-Latin-1000.ttf")
NOM = "Tampon Sans"
"""Nouveau nom : la licence OFL réserve « Liberation » aux versions non modifiées."""
CARACTERES = (
    list(range(0x20, 0x7F))
    + list(range(0xA0, 0x100))
    + [0x152, 0x153, 0x178, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x20AC]
    + [0x202F, 0x2009, 0x2022]
)


def generer(source: Path = SOURCE, cible: Path = CIBLE) -> Path:
    """Écrit la police réduite et remise à l'échelle ; renvoie son chemin."""
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
    from fontTools.ttLib.scaleUpem import scale_upem  # type: ignore[import-untyped]

    police = TTFont(source)
    options = subset.Options()
    options.hinting = False
    options.layout_features = ["kern", "liga"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    sous_ensemble = subset.Subsetter(options)
    sous_ensemble.populate(unicodes=CARACTERES)
    sous_ensemble.subset(police)
    scale_upem(police, 1000)
    noms = police["name"]
    for enregistrement in noms.names:
        if enregistrement.nameID in (1, 16):
            enregistrement.string = NOM
        elif enregistrement.nameID in (3, 4):
            enregistrement.string = f"{NOM} Regular"
        elif enregistrement.nameID == 6:
            enregistrement.string = NOM.replace(" ", "") + "-Regular"
    police.save(cible)
    return cible


if __name__ == "__main__":  # pragma: no cover
    print(generer(*(Path(a) for a in sys.argv[1:3])))
