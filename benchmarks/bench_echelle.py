"""Passage à l'échelle : un seul dossier énorme (10 000 factures, 5 000 paiements), une fonction
par commande.

Usage : ``python benchmarks/bench_echelle.py [--commande decompte] [--tailles 1000,5000,10000]``

Pour chaque taille N (factures ; N / 2 paiements), mesure le temps de la commande et la mémoire
de pointe du processus qui la mesure (un sous-processus neuf par taille, pour que la pointe d'une
taille ne masque pas celle de la suivante), puis la croissance d'une taille à la suivante
(temps × N_précédent / N : 1 = linéaire). Objectif (issue 13) : 10 000 factures et 5 000 paiements
en moins de 5 s et de 500 Mo, croissance quasi linéaire. Chaque commande a sa fonction
``mesurer_<commande>`` ; la recevabilité y ajoute ``verifier``.
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
from collections.abc import Callable
from typing import Any

AU = dt.date(2026, 6, 30)
OBJECTIF_S = 5.0
OBJECTIF_MO = 500


def _partie(nom: str, qualite: str) -> dict[str, Any]:
    return {
        "type": "personne_morale",
        "denomination": nom,
        "siege": {"ligne1": "1 rue de la Paix", "code_postal": "75002", "ville": "Paris"},
        "qualite": qualite,
    }


def dossier_geant(n_factures: int, n_paiements: int, graine: int = 13) -> dict[str, Any]:
    """Un dossier B2B de ``n_factures`` factures (2023-2026) réparties en 10 créances, et
    ``n_paiements`` paiements partiels (certains désignent une facture)."""
    alea = random.Random(graine)
    debut = dt.date(2023, 1, 1)
    creances: list[dict[str, Any]] = []
    for c in range(10):
        factures = []
        for j in range(n_factures // 10):
            emission = debut + dt.timedelta(days=alea.randint(0, 1100))
            factures.append(
                {
                    "numero": f"F{c}-{j}",
                    "date_emission": emission.isoformat(),
                    "date_echeance": (emission + dt.timedelta(days=30)).isoformat(),
                    "montant_ttc": f"{alea.randint(100, 5000)}.{alea.randint(0, 99):02d}",
                }
            )
        creances.append(
            {
                "reference": f"C{c}",
                "nature": "vente_biens",
                "factures": factures,
                "taux_contractuel": "12" if c % 3 == 0 else None,
            }
        )
    paiements = []
    for k in range(n_paiements):
        paiement: dict[str, Any] = {
            "type": "paiement",
            "date": (debut + dt.timedelta(days=alea.randint(40, 1250))).isoformat(),
            "montant": f"{alea.randint(50, 3000)}.00",
        }
        if k % 7 == 0:
            c = alea.randrange(10)
            paiement["factures_designees"] = [f"F{c}-{alea.randrange(n_factures // 10)}"]
        paiements.append(paiement)
    return {
        "reference": f"ECHELLE-{n_factures}",
        "creancier": _partie("Fournisseur", "commercant"),
        "debiteurs": [_partie("Client", "commercant")],
        "creances": creances,
        "evenements": paiements,
    }


def mesurer_decompte(n_factures: int, n_paiements: int) -> dict[str, float]:
    """Valide le dossier géant, puis mesure ``etablir_decompte`` seul (secondes)."""
    from contentieux.interets import etablir_decompte
    from contentieux.modeles import Dossier
    from contentieux.regles import charger_regles

    regles = charger_regles()
    debut = time.perf_counter()
    dossier = Dossier.model_validate(dossier_geant(n_factures, n_paiements))
    validation = time.perf_counter() - debut
    debut = time.perf_counter()
    resultat = etablir_decompte(dossier, au=AU, regles=regles)
    duree = time.perf_counter() - debut
    assert len(resultat.imputations) <= n_paiements
    return {"validation_s": validation, "commande_s": duree}


def mesurer_verifier(n_factures: int, n_paiements: int) -> dict[str, float]:
    """Valide le dossier géant, puis mesure ``verifier_recevabilite`` seul (secondes) : la
    prescription facture par facture, l'imputation 1342-10, la voie et la juridiction."""
    from contentieux.modeles import Dossier
    from contentieux.recevabilite import verifier_recevabilite
    from contentieux.regles import charger_regles

    regles = charger_regles()
    debut = time.perf_counter()
    dossier = Dossier.model_validate(dossier_geant(n_factures, n_paiements))
    validation = time.perf_counter() - debut
    debut = time.perf_counter()
    rapport = verifier_recevabilite(dossier, au=AU, regles=regles)
    duree = time.perf_counter() - debut
    assert len(rapport.prescription) == len(dossier.creances)
    return {"validation_s": validation, "commande_s": duree}


COMMANDES: dict[str, Callable[[int, int], dict[str, float]]] = {
    "decompte": mesurer_decompte,
    "verifier": mesurer_verifier,
}


def _mesurer_ici(commande: str, n: int) -> None:
    mesure = COMMANDES[commande](n, n // 2)
    pointe_ko = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({**mesure, "pointe_mo": pointe_ko / 1024}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commande", choices=sorted(COMMANDES), default="decompte")
    parser.add_argument("--tailles", default="1000,2000,5000,10000")
    parser.add_argument("--ici", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.ici:
        _mesurer_ici(args.commande, args.ici)
        return 0
    precedent: tuple[int, float] | None = None
    print(
        f"Commande {args.commande} ; objectif à 10 000 factures : < {OBJECTIF_S} s, "
        f"< {OBJECTIF_MO} Mo"
    )
    print(
        f"{'factures':>9} {'paiements':>9} {'validation':>11} {'commande':>9} {'pointe':>8} "
        "croissance"
    )
    for n in (int(t) for t in args.tailles.split(",")):
        sortie = subprocess.run(
            [sys.executable, __file__, "--commande", args.commande, "--ici", str(n)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        m = json.loads(sortie.strip().splitlines()[-1])
        croissance = ""
        if precedent is not None:
            croissance = f"{m['commande_s'] / precedent[1] * precedent[0] / n:.2f}"
        print(
            f"{n:>9} {n // 2:>9} {m['validation_s']:>10.2f}s {m['commande_s']:>8.2f}s "
            f"{m['pointe_mo']:>6.0f}Mo {croissance}"
        )
        precedent = (n, m["commande_s"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
