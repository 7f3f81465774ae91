"""Lecture et validation d'un gros dossier : croissance avec le nombre de factures et de paiements.

Usage : ``python benchmarks/bench_lecture.py [--n 10000]``

Pour n, 2n et 4n/… (n factures, n/2 paiements), mesure dans une même exécution : lecture JSON,
lecture YAML (analyseur PyYAML en pur Python, le plus lent) et validation pydantic
(``Dossier.model_validate``, contrôles de doublons et de limites compris). Affiche les durées et
le rapport de croissance quand n double : près de 2 pour une croissance linéaire, près de 4 pour
une croissance quadratique (l'ancien ``numeros.count``). Défaut : n = 2 500, environ une minute.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from contentieux.exemples import dossier_exemple
from contentieux.lecture import lire_donnees
from contentieux.modeles import Dossier


def dossier(factures: int) -> dict[str, Any]:
    donnees = dossier_exemple("b2b").model_dump(mode="json")
    modele = donnees["creances"][0]["factures"][0]
    donnees["creances"][0]["factures"] = [
        {**modele, "numero": f"F{i:06d}", "montant_ttc": f"{100 + i % 900}.{i % 100:02d}"}
        for i in range(factures)
    ]
    donnees["evenements"] = [
        {"type": "paiement", "date": "2025-06-01", "montant": "1.00"}
        for _ in range(factures // 2)
    ]
    return donnees


def mesurer(action: Any) -> float:
    debut = time.perf_counter()
    action()
    return time.perf_counter() - debut


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2_500, help="factures de la plus petite taille")
    parser.add_argument("--paliers", type=int, default=3, help="nombre de doublements")
    args = parser.parse_args()
    precedent: dict[str, float] = {}
    entete = f"{'factures':>9} {'paiements':>9} {'JSON s':>8} {'YAML s':>8} {'valid. s':>9}"
    print(f"{entete}  croissance")
    with tempfile.TemporaryDirectory() as dossier_tmp:
        for palier in range(args.paliers):
            n = args.n * 2**palier
            donnees = dossier(n)
            chemin_json = Path(dossier_tmp) / "d.json"
            chemin_yaml = Path(dossier_tmp) / "d.yaml"
            chemin_json.write_text(json.dumps(donnees), encoding="utf-8")
            chemin_yaml.write_text(yaml.safe_dump(donnees, allow_unicode=True), encoding="utf-8")
            temps = {
                "json": mesurer(lambda c=chemin_json: lire_donnees(c)),
                "yaml": mesurer(lambda c=chemin_yaml: lire_donnees(c)),
                "validation": mesurer(lambda d=donnees: Dossier.model_validate(d)),
            }
            croissance = (
                " ".join(f"{k} ×{temps[k] / precedent[k]:.2f}" for k in temps) if precedent else ""
            )
            print(
                f"{n:>9} {n // 2:>9} {temps['json']:>8.3f} {temps['yaml']:>8.3f} "
                f"{temps['validation']:>9.3f}  {croissance}"
            )
            precedent = temps


if __name__ == "__main__":
    main()
