"""Coût d'un décompte : N dossiers multi-factures, en pur Python, comparés à leur validation.

Usage : ``python benchmarks/bench_decompte.py [--n 10000] [--repetitions 3]`` ; mesure complète
de l'issue 8 : ``--n 100000``.

Mesure, dans une même exécution : (1) le temps de valider N dossiers (``Dossier.model_validate``)
et (2) le temps de les valider puis d'établir leur décompte (``etablir_decompte``). Affiche le
coût moyen d'un décompte, (2 − 1) / N, en microsecondes — objectif : ≤ 500 µs sur la machine
partagée à 2 cœurs — et le rapport (2) / (1), moins sensible à la charge de la machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import time
from typing import Any

from contentieux.interets import etablir_decompte
from contentieux.modeles import Dossier
from contentieux.regles import charger_regles

AU = dt.date(2026, 6, 30)
OBJECTIF_US = 500.0
"""Coût moyen d'un décompte visé, en microsecondes (issue 8)."""


def _partie(nom: str, qualite: str, code_postal: str) -> dict[str, Any]:
    return {
        "type": "personne_morale",
        "denomination": nom,
        "forme_juridique": "SAS",
        "siege": {"ligne1": "1 rue de la Paix", "code_postal": code_postal, "ville": "Paris"},
        "qualite": qualite,
    }


def construire(n: int, graine: int = 2026) -> list[dict[str, Any]]:
    """N dossiers de 3 à 6 factures (2024-2026), 0 à 3 paiements, régimes variés."""
    alea = random.Random(graine)
    debut = dt.date(2024, 1, 1)
    dossiers = []
    for i in range(n):
        public = alea.random() < 0.15
        factures = []
        for j in range(alea.randint(3, 6)):
            emission = debut + dt.timedelta(days=alea.randint(0, 800))
            factures.append(
                {
                    "numero": f"F{i}-{j}",
                    "date_emission": emission.isoformat(),
                    "date_echeance": (emission + dt.timedelta(days=30)).isoformat(),
                    "montant_ttc": f"{alea.randint(100, 50000)}.{alea.randint(0, 99):02d}",
                }
            )
        paiements = [
            {
                "type": "paiement",
                "date": (debut + dt.timedelta(days=alea.randint(60, 880))).isoformat(),
                "montant": f"{alea.randint(50, 20000)}.00",
            }
            for _ in range(alea.randint(0, 3))
        ]
        dossiers.append(
            {
                "reference": f"BENCH-{i}",
                "creancier": _partie("Fournisseur", "commercant", "75002"),
                "debiteurs": [
                    _partie("Client", "acheteur_public" if public else "commercant", "69002")
                ],
                "creances": [
                    {
                        "reference": "C",
                        "nature": "vente_biens",
                        "factures": factures,
                        "taux_contractuel": "12" if alea.random() < 0.3 else None,
                    }
                ],
                "evenements": paiements,
            }
        )
    return dossiers


BLOCS = 20
"""Les deux mesures alternent par blocs de N / BLOCS dossiers : une machine partagée qui ralentit
ou accélère pendant l'exécution pèse alors autant sur l'une que sur l'autre."""


def mesurer(n: int) -> dict[str, float]:
    """Mesure les deux temps et renvoie débits et rapport."""
    donnees = construire(n)
    regles = charger_regles()
    # Échauffement (caches de taux, import paresseux) hors mesure.
    for brut in donnees[: min(50, n)]:
        etablir_decompte(Dossier.model_validate(brut), au=AU, regles=regles)
    taille = max(1, -(-n // BLOCS))
    blocs = [donnees[i : i + taille] for i in range(0, n, taille)]
    # Les N dossiers bruts (des millions de dict et de list) vivent pendant toute la mesure : on
    # les sort du ramasse-miettes générationnel (gc.freeze), faute de quoi chaque collecte
    # complète les reparcourt. Le ramasse-miettes reste actif, de la même façon, pendant les deux
    # mesures.
    gc.collect()
    gc.freeze()
    validation = complet = 0.0
    try:
        for i, bloc in enumerate(blocs):
            for mesure in ("validation", "complet") if i % 2 == 0 else ("complet", "validation"):
                t0 = time.perf_counter()
                if mesure == "validation":
                    for brut in bloc:
                        Dossier.model_validate(brut)
                    validation += time.perf_counter() - t0
                else:
                    for brut in bloc:
                        etablir_decompte(Dossier.model_validate(brut), au=AU, regles=regles)
                    complet += time.perf_counter() - t0
    finally:
        gc.unfreeze()
    return {
        "n": n,
        "validation_s": validation,
        "complet_s": complet,
        "debit_validation": n / validation,
        "debit_complet": n / complet,
        "rapport": complet / validation,
        "rapport_calcul": (complet - validation) / validation,
    }


def _rapport(mesure: dict[str, float]) -> float:
    return mesure["rapport"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="nombre de dossiers")
    parser.add_argument(
        "--repetitions",
        type=int,
        default=1,
        help="nombre de mesures ; la mesure de rapport médian est affichée (machine bruyante)",
    )
    parser.add_argument(
        "--actes",
        type=int,
        default=20,
        help="mises en demeure produites pour mesurer la part du décompte (0 : sans)",
    )
    args = parser.parse_args(argv)
    mesures = sorted((mesurer(args.n) for _ in range(max(1, args.repetitions))), key=_rapport)
    r = mesures[len(mesures) // 2]
    if len(mesures) > 1:
        print("Rapports mesurés : " + ", ".join(f"{m['rapport']:.2f}" for m in mesures))
    print("Moteur du décompte : pur Python")
    print(f"Dossiers : {int(r['n'])} (3 à 6 factures, 0 à 3 paiements)")
    print(
        f"Validation pydantic seule : {r['validation_s']:.2f} s "
        f"({r['debit_validation']:.0f} dossiers/s)"
    )
    print(
        f"Validation + décompte     : {r['complet_s']:.2f} s ({r['debit_complet']:.0f} dossiers/s)"
    )
    print(f"Rapport (validation + décompte) / validation : {r['rapport']:.2f}")
    print(f"Rapport décompte seul / validation : {r['rapport_calcul']:.2f}")
    cout = (r["complet_s"] - r["validation_s"]) / r["n"] * 1e6
    statut = "atteint" if cout <= OBJECTIF_US else "NON atteint"
    print(f"Coût moyen d'un décompte : {cout:.0f} µs (objectif ≤ {OBJECTIF_US:.0f} µs : {statut})")
    if args.actes > 0:
        part_dans_l_acte(args.actes)
    return 0


def part_dans_l_acte(n: int) -> None:
    """Part du décompte dans la production de la mise en demeure PDF/A du même dossier : le
    décompte seul, puis l'acte entier (qui refait décompte et recevabilité), même atelier chaud."""
    from contentieux.actes import Atelier
    from contentieux.exemples import dossier_exemple

    dossier = dossier_exemple("b2b")
    jeu = charger_regles()
    atelier = Atelier(regles=jeu)
    atelier.generer("mise_en_demeure", dossier, au=AU)  # polices, CSS et gabarits chauds
    debut = time.perf_counter()
    for _ in range(n * 50):
        etablir_decompte(dossier, au=AU, regles=jeu)
    decompte_s = (time.perf_counter() - debut) / (n * 50)
    debut = time.perf_counter()
    for _ in range(n):
        atelier.generer("mise_en_demeure", dossier, au=AU)
    acte_s = (time.perf_counter() - debut) / n
    print(
        f"Mise en demeure PDF/A (exemple b2b) : {acte_s * 1e3:.1f} ms ; son décompte : "
        f"{decompte_s * 1e6:.0f} µs, soit {decompte_s / acte_s * 100:.2f} % de l'acte"
    )


if __name__ == "__main__":
    raise SystemExit(main())
