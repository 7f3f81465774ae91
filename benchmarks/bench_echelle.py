"""Passage à l'échelle : un seul dossier de N factures et N/2 paiements (issue 13).

Usage : ``python benchmarks/bench_echelle.py [--n 10000] [--commandes verifier decompte]``

Pour chaque commande (une fonction par commande : :func:`mesurer_verifier`,
:func:`mesurer_decompte`), mesure dans un processus neuf le temps de validation du dossier, le
temps de la commande elle-même et la mémoire résidente maximale, pour N/4, N/2 et N factures ;
affiche le rapport de croissance t(N) / t(N/2) (≈ 2 : croissance quasi linéaire ; ≈ 4 :
quadratique). Objectif : N = 10 000 factures et 5 000 paiements, chaque commande sous 5 s et
500 Mo. Le défaut (``--n 4000``) tient en une minute environ ; mesure complète : ``--n 10000``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import time
from typing import Any

AU = dt.date(2026, 6, 30)
OBJECTIF_SECONDES = 5.0
OBJECTIF_MO = 500.0


def _partie(nom: str, code_postal: str, ville: str) -> dict[str, Any]:
    return {
        "type": "personne_morale",
        "denomination": nom,
        "forme_juridique": "SAS",
        "siege": {"ligne1": "1 rue de la Paix", "code_postal": code_postal, "ville": ville},
        "qualite": "commercant",
    }


def construire(n: int, graine: int = 2026) -> dict[str, Any]:
    """Un dossier entre commerçants : N factures (2022-2026) et N/2 paiements, dont un sur dix
    désigne la facture qu'il paie."""
    alea = random.Random(graine)
    debut = dt.date(2022, 1, 1)
    factures = []
    for j in range(n):
        emission = debut + dt.timedelta(days=alea.randint(0, 1500))
        factures.append(
            {
                "numero": f"F{j}",
                "date_emission": emission.isoformat(),
                "date_echeance": (emission + dt.timedelta(days=30)).isoformat(),
                "montant_ttc": f"{alea.randint(100, 5000)}.{alea.randint(0, 99):02d}",
            }
        )
    evenements = []
    for k in range(n // 2):
        paiement: dict[str, Any] = {
            "type": "paiement",
            "date": (debut + dt.timedelta(days=alea.randint(30, 1600))).isoformat(),
            "montant": f"{alea.randint(50, 3000)}.00",
        }
        if k % 10 == 0:
            paiement["factures_designees"] = [f"F{alea.randrange(n)}"]
        evenements.append(paiement)
    return {
        "reference": f"ECHELLE-{n}",
        "creancier": _partie("Fournisseur SAS", "69002", "Lyon"),
        "debiteurs": [_partie("Client SAS", "33000", "Bordeaux")],
        "creances": [
            {
                "reference": "C1",
                "nature": "vente_biens",
                "factures": factures,
                "pieces": [{"type": "bon_de_commande_signe", "reference": "BC-1"}],
            }
        ],
        "evenements": evenements,
    }


def _valider(n: int) -> tuple[Any, float]:
    from contentieux.modeles import Dossier

    donnees = construire(n)
    debut = time.perf_counter()
    dossier = Dossier.model_validate(donnees)
    return dossier, time.perf_counter() - debut


def mesurer_verifier(n: int) -> dict[str, float]:
    """``verifier`` : validation du dossier puis :func:`verifier_recevabilite`."""
    from contentieux.recevabilite import verifier_recevabilite
    from contentieux.regles import charger_regles

    regles = charger_regles()
    dossier, validation = _valider(n)
    debut = time.perf_counter()
    verifier_recevabilite(dossier, au=AU, regles=regles)
    return {"validation": validation, "commande": time.perf_counter() - debut}


def mesurer_decompte(n: int) -> dict[str, float]:
    """``decompte`` : validation du dossier puis ``etablir_decompte``."""
    from contentieux.interets import etablir_decompte
    from contentieux.regles import charger_regles

    regles = charger_regles()
    dossier, validation = _valider(n)
    debut = time.perf_counter()
    etablir_decompte(dossier, au=AU, regles=regles)
    return {"validation": validation, "commande": time.perf_counter() - debut}


COMMANDES = {"verifier": mesurer_verifier, "decompte": mesurer_decompte}


def _enfant(commande: str, n: int) -> None:
    mesure = COMMANDES[commande](n)
    mesure["memoire_mo"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(mesure))


def _mesurer(commande: str, n: int, delai: float) -> dict[str, float] | None:
    try:
        sortie = subprocess.run(
            [sys.executable, __file__, "--enfant", commande, "--n", str(n)],
            capture_output=True,
            text=True,
            timeout=delai,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    resultat: dict[str, float] = json.loads(sortie.stdout.strip().splitlines()[-1])
    return resultat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=4000, help="factures (paiements : n / 2)")
    parser.add_argument("--commandes", nargs="+", choices=sorted(COMMANDES), default=["verifier"])
    parser.add_argument("--delai", type=float, default=120.0, help="secondes par mesure au plus")
    parser.add_argument("--enfant", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.enfant:
        _enfant(args.enfant, args.n)
        return
    for commande in args.commandes:
        print(f"{commande} — un dossier, N factures, N/2 paiements")
        entetes = ("validation s", "commande s", "mémoire Mo", "croissance")
        print(f"{'N':>8} {entetes[0]:>13} {entetes[1]:>11} {entetes[2]:>11} {entetes[3]:>11}")
        precedent: float | None = None
        for n in (args.n // 4, args.n // 2, args.n):
            mesure = _mesurer(commande, n, args.delai)
            if mesure is None:
                print(f"{n:>8} {'> ' + str(int(args.delai)) + ' s':>25}")
                precedent = None
                continue
            croissance = f"{mesure['commande'] / precedent:.2f}" if precedent else "—"
            print(
                f"{n:>8} {mesure['validation']:>13.2f} {mesure['commande']:>11.2f} "
                f"{mesure['memoire_mo']:>11.0f} {croissance:>11}"
            )
            precedent = mesure["commande"]
        print(
            f"objectif : N = 10 000, commande < {OBJECTIF_SECONDES:.0f} s, mémoire < "
            f"{OBJECTIF_MO:.0f} Mo ; croissance ≈ 2 quand N double"
        )


if __name__ == "__main__":
    main()
