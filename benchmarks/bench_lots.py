"""Débit des lots : actes par seconde, 1 et 2 workers, surcoût du lot, Dask contre processus.

Usage : ``python benchmarks/bench_lots.py [--n 4] [--repetitions 1] [--modes pdf,pdf_bb,pdf_bt,docx]
[--sans-dask]``

Pour chaque mode — PDF/A non signé, PDF signé PAdES B-B, PDF signé B-T (horodatage par une
autorité locale sur 127.0.0.1, PKI de test des tests), DOCX — mesure dans la même exécution :

1. l'**acte seul** : ``Atelier.generer`` (et la signature par un ``Signeur`` gardé) en boucle dans
   ce processus, atelier chaud ; c'est le coût d'un acte hors lot ;
2. le **lot** avec 1 puis 2 workers (``ProcessPoolExecutor``, workers chauffés par un petit lot
   préalable, comme ils le sont après les premiers dossiers d'un vrai lot) : lecture, validation,
   envoi, écriture atomique, ``fsync``, manifeste compris ;
3. pour le PDF non signé, le même lot sur un ``LocalCluster`` Dask de 2 workers, créé et préparé
   comme par ``contentieux lot --dask local`` (``creer_cluster_dask_local``,
   ``preparer_workers_dask``).

Les variantes d'un mode sont mesurées à tour de rôle, exécuteurs gardés chauds entre les passes
(``--repetitions`` : meilleure de plusieurs passes), pour que la charge de la machine pèse de la
même façon sur chacune. Affiche les actes par seconde, l'efficacité à 2 workers (débit 2 /
(2 × débit 1)), le surcoût du lot par acte (temps par acte du lot à 1 worker / temps de l'acte
seul − 1) et l'écart Dask.
Objectifs (2 cœurs) : ≥ 12 PDF/A non signés/s et ≥ 8 signés/s à 2 workers ; 2 workers ≥ 1,8 × un ;
surcoût ≤ 10 % ; Dask à 15 % près. Les durées dépendent de la charge de la machine : les
rapports, mesurés dans la même exécution, se comparent mieux que les débits absolus.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RACINE = Path(__file__).resolve().parent.parent
AU = dt.date(2026, 6, 30)
ACTE = "mise_en_demeure"


def acte_seul(tache: Any, dossiers: list[Any]) -> tuple[int, float]:
    """Fichiers produits et durée hors lot : même atelier, même signeur, dans ce processus."""
    debut = time.perf_counter()
    fichiers = 0
    for dossier in dossiers:
        fichiers += len(tache.produire(dossier, au=AU))
    return fichiers, time.perf_counter() - debut


def lot(tache: Any, entree: Path, executeur: cf.Executor, dossier: Path) -> tuple[int, float]:
    """Fichiers produits et durée d'un lot complet sur un exécuteur déjà chaud."""
    from contentieux.lots.executer import executer_lot

    debut = time.perf_counter()
    bilan = executer_lot(entree, tache, au=AU, sortie=dossier, executeur=executeur)
    duree = time.perf_counter() - debut
    if bilan.erreurs:
        raise SystemExit(f"{bilan.erreurs} dossier(s) en erreur : voir {dossier}")
    return bilan.fichiers, duree


def mesurer(
    variantes: dict[str, Callable[[int], tuple[int, float]]], passes: int
) -> dict[str, float]:
    """Débit (fichiers/s) de chaque variante, mesurées à tour de rôle (même charge de la machine
    pour chacune), meilleure de ``passes`` passes."""
    meilleur = dict.fromkeys(variantes, 0.0)
    for passe in range(passes):
        for nom, variante in variantes.items():
            fichiers, duree = variante(passe)
            meilleur[nom] = max(meilleur[nom], fichiers / duree)
    return meilleur


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=4, help="dossiers par lot mesuré (défaut 4)")
    parser.add_argument("--repetitions", type=int, default=1, help="passes entrelacées")
    parser.add_argument(
        "--modes",
        default="pdf,pdf_bb,pdf_bt,docx",
        help="modes mesurés, séparés par des virgules : pdf, pdf_bb, pdf_bt, docx",
    )
    parser.add_argument("--sans-dask", action="store_true", help="ne pas mesurer Dask")
    args = parser.parse_args()
    sys.path.insert(0, str(RACINE))

    from contentieux.lecture import valider_dossier
    from contentieux.lots import taches as module_taches
    from contentieux.lots.executer import (
        creer_cluster_dask_local,
        creer_executeur_processus,
        executer_lot,
        preparer_workers_dask,
    )
    from contentieux.lots.synthese import dossiers_synthetiques, ecrire_jsonl
    from contentieux.lots.taches import OptionsSignature, TacheActes

    racine = Path(tempfile.mkdtemp(prefix="bench-lots-"))
    entree = ecrire_jsonl(racine / "lot.jsonl", args.n)
    chauffe = ecrire_jsonl(racine / "chauffe.jsonl", 4)
    dossiers = [valider_dossier(d) for d in dossiers_synthetiques(args.n)]
    pki = None
    modes = args.modes.split(",")
    if any(m.startswith("pdf_b") for m in modes):
        from tests.pki.pki import MOT_DE_PASSE, PkiDeTest

        pki = PkiDeTest.demarrer(racine)
        p12 = str(pki.p12("creancier"))
    taches: dict[str, Any] = {}
    for mode in modes:
        if mode == "pdf":
            taches[mode] = TacheActes(actes=(ACTE,), formats=("pdf",))
        elif mode == "docx":
            taches[mode] = TacheActes(actes=(ACTE,), formats=("docx",))
        elif mode in ("pdf_bb", "pdf_bt"):
            assert pki is not None
            signature = OptionsSignature(
                p12=p12,
                niveau="B-B" if mode == "pdf_bb" else "B-T",
                horodatage=None if mode == "pdf_bb" else pki.url_horodatage,
                phrase=MOT_DE_PASSE,
            )
            taches[mode] = TacheActes(actes=(ACTE,), formats=("pdf",), signature=signature)
        else:
            raise SystemExit(f"mode inconnu : {mode}")

    def chauffer(executeur: cf.Executor, tache: Any, dossier: Path) -> None:
        executer_lot(chauffe, tache, au=AU, sortie=dossier, executeur=executeur)

    print(
        f"Lots : {args.n} dossiers par mesure, acte {ACTE}, meilleure de {args.repetitions} "
        "passe(s) entrelacée(s)"
    )
    print(
        f"{'mode':<8} {'acte seul':>10} {'lot 1 w':>9} {'lot 2 w':>9} {'eff. 2w':>8} {'surcoût':>8}"
    )
    try:
        for mode, tache in taches.items():
            tache.preparer()
            acte_seul(tache, dossiers[:1])  # chauffe de ce processus
            with (
                creer_executeur_processus(1, tache) as un,
                creer_executeur_processus(2, tache) as deux,
            ):
                chauffer(un, tache, racine / f"{mode}-chauffe-1")
                chauffer(deux, tache, racine / f"{mode}-chauffe-2")

                def seul(_passe: int, t: Any = tache) -> tuple[int, float]:
                    return acte_seul(t, dossiers)

                def lot_un(
                    passe: int, t: Any = tache, e: Any = un, m: str = mode
                ) -> tuple[int, float]:
                    return lot(t, entree, e, racine / f"{m}-1-{passe}")

                def lot_deux(
                    passe: int, t: Any = tache, e: Any = deux, m: str = mode
                ) -> tuple[int, float]:
                    return lot(t, entree, e, racine / f"{m}-2-{passe}")

                debits = mesurer({"seul": seul, "un": lot_un, "deux": lot_deux}, args.repetitions)
            module_taches._LOCAL.outils = {}  # l'atelier de ce processus n'est plus utile
            efficacite = debits["deux"] / (2 * debits["un"])
            surcout = debits["seul"] / debits["un"] - 1
            print(
                f"{mode:<8} {debits['seul']:>8.2f}/s {debits['un']:>7.2f}/s "
                f"{debits['deux']:>7.2f}/s {efficacite:>8.2f} {surcout:>+7.1%}",
                flush=True,
            )
        if not args.sans_dask and "pdf" in taches:
            import distributed

            tache = taches["pdf"]
            with (
                creer_executeur_processus(2, tache) as processus,
                creer_cluster_dask_local(2) as cluster,
                distributed.Client(cluster) as client,
            ):
                preparer_workers_dask(client, tache)  # comme contentieux lot --dask
                dask = client.get_executor()
                chauffer(processus, tache, racine / "dask-chauffe-p")
                chauffer(dask, tache, racine / "dask-chauffe-d")

                def par_processus(passe: int) -> tuple[int, float]:
                    return lot(tache, entree, processus, racine / f"p-{passe}")

                def par_dask(passe: int) -> tuple[int, float]:
                    return lot(tache, entree, dask, racine / f"d-{passe}")

                debits = mesurer({"processus": par_processus, "dask": par_dask}, args.repetitions)
            ecart = debits["dask"] / debits["processus"] - 1
            print(
                f"Dask LocalCluster 2 workers : {debits['dask']:.2f}/s contre processus "
                f"{debits['processus']:.2f}/s (écart {ecart:+.1%})"
            )
    finally:
        if pki is not None:
            pki.arreter()
    print(
        "Objectifs : PDF/A 2 w ≥ 12/s ; signé 2 w ≥ 8/s ; efficacité ≥ 0,90 (2 w ≥ 1,8 × 1) ; "
        "surcoût ≤ 10 % ; Dask à 15 % près"
    )


if __name__ == "__main__":
    main()
