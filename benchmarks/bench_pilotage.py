"""Banc d'essai du pilotage : indicateurs sur un grand livre synthétique de N factures.

Mesure, dans une même exécution :

1. la génération et la validation pydantic des dossiers (hors objectif : c'est la lecture) ;
2. la construction du grand livre (affectation des règlements, avoirs) ;
3. le calcul de tous les indicateurs (balance âgée, DSO ratio et épuisement, meilleur DSO, ADD,
   CEI, recouvrement, plans, étapes, DSO des 12 derniers mois) ;

et affiche les durées, le rapport (grand livre + indicateurs) / validation, et la mémoire de
pointe du processus (``ru_maxrss``) avec la part prise par les étapes 2 et 3. Objectif :
étapes 2 + 3 en moins de 10 s pour 100 000 factures sur la machine partagée à 2 cœurs.

    python benchmarks/bench_pilotage.py            # 100 000 factures
    python benchmarks/bench_pilotage.py --n 5000   # essai rapide
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import resource
import time

from contentieux.pilotage.grand_livre import construire_grand_livre
from contentieux.pilotage.indicateurs import calculer_indicateurs
from contentieux.pilotage.synthese import avoirs_synthetiques, portefeuille

AU = dt.date(2026, 6, 30)


def main(argv: list[str] | None = None) -> dict[str, float]:
    """Exécute le banc ; rend les mesures (pour le test de fumée)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="Nombre de factures.")
    parser.add_argument("--par-dossier", type=int, default=5, help="Factures par dossier.")
    args = parser.parse_args(argv)

    debut = time.perf_counter()
    dossiers = list(portefeuille(args.n, au=AU, par_dossier=args.par_dossier, graine=7))
    avoirs = avoirs_synthetiques(dossiers)
    validation = time.perf_counter() - debut
    gc.collect()

    rss_avant = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    debut = time.perf_counter()
    livre = construire_grand_livre(dossiers, avoirs)
    construction = time.perf_counter() - debut
    debut = time.perf_counter()
    resultat = calculer_indicateurs(dossiers, livre, au=AU)
    calcul = time.perf_counter() - debut
    rss_apres = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pointe = float(rss_apres) * 1024  # ru_maxrss est en kio sous Linux

    total = construction + calcul
    print(
        f"contentieux pilotage — {args.n} factures, {len(dossiers)} dossiers, {len(avoirs)} avoirs"
    )
    print(f"  génération + validation des dossiers : {validation:6.2f} s (lecture, hors objectif)")
    print(f"  grand livre (affectation)            : {construction:6.2f} s")
    print(f"  indicateurs (tous, 12 mois de DSO)   : {calcul:6.2f} s")
    print(f"  grand livre + indicateurs            : {total:6.2f} s (objectif < 10 s)")
    print(f"  rapport (livre + indicateurs) / validation : {total / validation:5.2f}")
    print(
        f"  mémoire de pointe du processus (RSS)       : {pointe / 1e6:6.1f} Mo "
        f"(dont {(rss_apres - rss_avant) * 1024 / 1e6:.1f} Mo pour le livre et les indicateurs)"
    )
    print(
        f"  encours {resultat.encours} €, DSO {resultat.dso.valeur} j, CEI {resultat.cei.valeur} %"
    )
    return {
        "validation": validation,
        "construction": construction,
        "calcul": calcul,
        "pointe": float(pointe),
    }


if __name__ == "__main__":
    main()
