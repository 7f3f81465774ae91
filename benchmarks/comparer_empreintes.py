"""Compare deux fichiers de ``empreinte_decompte.py`` et dit quelles sorties ont changé, et où.

Usage : ``python benchmarks/comparer_empreintes.py AVANT.txt APRES.txt [--exemples K]``. Chaque
ligne est une sortie (JSON d'un décompte, ou « ERR … ») ; pour chaque sortie qui diffère, le
script relève les champs modifiés (``lignes[].note``, ``avertissements``, ``total``…) et compte
les sorties par ensemble de champs modifiés, avec quelques exemples (numéro de ligne).
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


def _lire(ligne: str) -> Any:
    texte = ligne.split(" ", 1)[1] if ligne.split(" ", 1)[0].endswith(".yaml") else ligne
    try:
        return json.loads(texte)
    except ValueError:
        return texte


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("avant", type=Path)
    parser.add_argument("apres", type=Path)
    parser.add_argument("--exemples", type=int, default=3)
    args = parser.parse_args(argv)
    avant = args.avant.read_text(encoding="utf-8").split("\n")
    apres = args.apres.read_text(encoding="utf-8").split("\n")
    if len(avant) != len(apres):
        print(f"nombre de sorties différent : {len(avant)} avant, {len(apres)} après")
    compte: Counter[tuple[str, ...]] = Counter()
    exemples: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, (a, b) in enumerate(zip(avant, apres, strict=False), start=1):
        if a == b:
            continue
        cle = tuple(sorted(_chemins(_lire(a), _lire(b))))
        compte[cle] += 1
        exemples[cle].append(i)
    total = sum(compte.values())
    print(f"{total} sortie(s) modifiée(s) sur {min(len(avant), len(apres))}")
    for cle, n in compte.most_common():
        print(f"{n:6d}  {', '.join(cle)}  (lignes {exemples[cle][: args.exemples]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
