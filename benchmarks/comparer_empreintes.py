"""Compare deux fichiers de ``empreinte_decompte.py`` et dit quelles sorties ont changé, et où.

Usage : ``python benchmarks/comparer_empreintes.py AVANT.txt APRES.txt [--exemples K]
[--ignorer CHAMP …]``. Chaque ligne est une sortie (JSON d'un décompte, ou « ERR … ») ; les
sorties des cas (« nom.yaml … ») sont appariées par cas, les autres par position, de sorte qu'un
cas ajouté ne décale rien. Pour chaque sortie qui diffère, le script relève les champs modifiés
(``lignes[].note``, ``avertissements``, ``total``…), sauf ceux qu'on ignore (par défaut : les
champs ajoutés par l'issue 8 et la version des règles), et compte les sorties par ensemble de
champs modifiés, avec quelques exemples (numéro de ligne dans APRES).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any


def _chemins(a: Any, b: Any, prefixe: str = "") -> set[str]:
    """Champs (indices de listes effacés) où ``a`` et ``b`` diffèrent."""
    if isinstance(a, dict) and isinstance(b, dict):
        champs: set[str] = set()
        for cle in a.keys() | b.keys():
            if a.get(cle) != b.get(cle):
                champs |= _chemins(a.get(cle), b.get(cle), f"{prefixe}.{cle}" if prefixe else cle)
        return champs
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return {f"{prefixe}[] (nombre)"}
        champs = set()
        for x, y in zip(a, b, strict=True):
            if x != y:
                champs |= _chemins(x, y, f"{prefixe}[]")
        return champs
    return {prefixe or "(sortie)"}


IGNORES = ("factures_exclues", "options.factures_prescrites", "regles_version")
"""Champs ajoutés par l'issue 8 (vides ou à leur défaut) et version des règles."""


def _lire(ligne: str, ignores: tuple[str, ...]) -> Any:
    texte = ligne.split(" ", 1)[1] if ligne.split(" ", 1)[0].endswith(".yaml") else ligne
    try:
        donnees = json.loads(texte)
    except ValueError:
        return texte
    if isinstance(donnees, dict):
        for champ in ignores:
            cible: Any = donnees
            *chemin, dernier = champ.split(".")
            for morceau in chemin:
                cible = cible.get(morceau, {}) if isinstance(cible, dict) else {}
            if isinstance(cible, dict):
                cible.pop(dernier, None)
    return donnees


def _cles(lignes: list[str]) -> dict[tuple[str, int], tuple[int, str]]:
    """Chaque sortie sous sa clé (nom du cas, rang) ou ("", position) ; valeur : (ligne, texte).

    Les anciennes empreintes écrivaient tels quels les messages d'erreur sur plusieurs lignes :
    une ligne qui n'ouvre pas de sortie (ni JSON, ni « ERR », ni cas) prolonge la précédente.
    """
    cles: dict[tuple[str, int], tuple[int, str]] = {}
    rangs: Counter[str] = Counter()
    derniere: tuple[str, int] | None = None
    for i, ligne in enumerate(lignes, start=1):
        tete = ligne.split(" ", 1)[0]
        nom = tete if tete.endswith(".yaml") and "/" not in tete else ""
        if derniere is not None and not nom and not ligne.startswith(("{", "ERR")):
            debut, texte = cles[derniere]
            cles[derniere] = (debut, texte + "\\n" + ligne)
            continue
        derniere = (nom, rangs[nom])
        cles[derniere] = (i, ligne)
        rangs[nom] += 1
    return cles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("avant", type=Path)
    parser.add_argument("apres", type=Path)
    parser.add_argument("--exemples", type=int, default=3)
    parser.add_argument("--ignorer", nargs="*", default=list(IGNORES))
    args = parser.parse_args(argv)
    ignores = tuple(args.ignorer)
    avant = _cles(args.avant.read_text(encoding="utf-8").split("\n"))
    apres = _cles(args.apres.read_text(encoding="utf-8").split("\n"))
    ajoutees = sorted(k for k in apres if k not in avant)
    retirees = sorted(k for k in avant if k not in apres)
    if ajoutees:
        noms = sorted({k[0] or "(position)" for k in ajoutees})
        print(f"{len(ajoutees)} sortie(s) ajoutée(s) : {', '.join(noms)}")
    if retirees:
        noms = sorted({k[0] or "(position)" for k in retirees})
        print(f"{len(retirees)} sortie(s) retirée(s) : {', '.join(noms)}")
    compte: Counter[tuple[str, ...]] = Counter()
    exemples: dict[tuple[str, ...], list[int]] = defaultdict(list)
    communes = [k for k in avant if k in apres]
    for k in communes:
        a, (i, b) = avant[k][1], apres[k]
        if a == b:
            continue
        cle = tuple(sorted(_chemins(_lire(a, ignores), _lire(b, ignores))))
        if cle == ("(sortie)",) and _lire(a, ignores) == _lire(b, ignores):
            continue
        if not cle:
            continue
        compte[cle] += 1
        exemples[cle].append(i)
    total = sum(compte.values())
    print(
        f"{total} sortie(s) modifiée(s) sur {len(communes)} (champs ignorés : {', '.join(ignores)})"
    )
    for cle, n in compte.most_common():
        print(f"{n:6d}  {', '.join(cle)}  (lignes {exemples[cle][: args.exemples]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
