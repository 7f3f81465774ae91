"""Débit des lots : actes par seconde, 1 et 2 workers, surcoût du lot, Dask contre processus.

Usage : ``python benchmarks/bench_lots.py [--n 6] [--modes pdf,pdf_bb,pdf_bt,docx] [--sans-dask]``

Pour chaque mode — PDF/A non signé, PDF signé PAdES B-B, PDF signé B-T (horodatage par une
autorité locale sur 127.0.0.1, PKI de test des tests), DOCX — mesure dans la même exécution :

1. l'**acte seul** : ``Atelier.generer`` (et la signature par un ``Signeur`` gardé) en boucle dans
   ce processus, atelier chaud ; c'est le coût d'un acte hors lot ;
2. le **lot** avec 1 puis 2 workers (``ProcessPoolExecutor``, workers chauffés par un petit lot
   préalable, comme ils le sont après le premier dossier d'un vrai lot) : lecture, validation,
   envoi, écriture atomique, ``fsync``, manifeste compris ;
3. pour le PDF non signé, le même lot sur un ``LocalCluster`` Dask de 2 workers.

Affiche les actes par seconde, l'efficacité à 2 workers (débit 2 / (2 × débit 1)), le surcoût du
lot par acte (temps par acte du lot à 1 worker / temps de l'acte seul − 1) et l'écart Dask.
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
from pathlib import Path
from typing import Any

RACINE = Path(__file__).resolve().parent.parent
AU = dt.date(2026, 6, 30)
ACTE = "mise_en_demeure"


def acte_seul(tache: Any, dossiers: list[Any]) -> float:
    """Actes par seconde hors lot : même atelier, même signeur, dans ce processus."""
    from contentieux.lots import taches

    tache.preparer()
    tache.produire(dossiers[0], au=AU)  # chauffe (polices, clé)
    debut = time.perf_counter()
    fichiers = 0
    for dossier in dossiers:
        fichiers += len(tache.produire(dossier, au=AU))
    duree = time.perf_counter() - debut
    taches._LOCAL.outils = {}  # l'atelier de ce processus n'est plus utile
    return fichiers / duree


def lot(tache: Any, entree: Path, chauffe: Path, executeur: cf.Executor, dossier: Path) -> float:
    """Actes par seconde d'un lot complet sur un exécuteur déjà chaud."""
    from contentieux.lots.executer import executer_lot

    executer_lot(chauffe, tache, au=AU, sortie=dossier / "chauffe", executeur=executeur)
    debut = time.perf_counter()
    bilan = executer_lot(entree, tache, au=AU, sortie=dossier / "lot", executeur=executeur)
    duree = time.perf_counter() - debut
    if bilan.erreurs:
        raise SystemExit(f"{bilan.erreurs} dossier(s) en erreur : voir {dossier / 'lot'}")
    return bilan.fichiers / duree


def lot_processus(tache: Any, entree: Path, chauffe: Path, workers: int, dossier: Path) -> float:
    from contentieux.lots.executer import creer_executeur_processus

    with creer_executeur_processus(workers, tache) as executeur:
        return lot(tache, entree, chauffe, executeur, dossier)


def lot_dask(tache: Any, entree: Path, chauffe: Path, workers: int, dossier: Path) -> float:
    import distributed

    from contentieux.lots.taches import preparer_worker

    with (
        distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.run(preparer_worker, tache)
        return lot(tache, entree, chauffe, client.get_executor(), dossier)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=6, help="dossiers par lot mesuré (défaut 6)")
    parser.add_argument("--modes", default="pdf,pdf_bb,pdf_bt,docx")
    parser.add_argument("--sans-dask", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(RACINE))

    from contentieux.lecture import valider_dossier
    from contentieux.lots.synthese import dossiers_synthetiques, ecrire_jsonl
    from contentieux.lots.taches import OptionsSignature, TacheActes

    racine = Path(tempfile.mkdtemp(prefix="bench-lots-"))
    entree = ecrire_jsonl(racine / "lot.jsonl", args.n)
    chauffe = ecrire_jsonl(racine / "chauffe.jsonl", 2)
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

    print(f"Lots : {args.n} dossiers par mesure, acte « {ACTE} », {len(modes)} mode(s)")
    print(
        f"{'mode':<8} {'acte seul':>10} {'lot 1 w':>9} {'lot 2 w':>9} {'eff. 2w':>8} {'surcoût':>8}"
    )
    resultats: dict[str, dict[str, float]] = {}
    try:
        for mode, tache in taches.items():
            seul = acte_seul(tache, dossiers)
            un = lot_processus(tache, entree, chauffe, 1, racine / f"{mode}-1")
            deux = lot_processus(tache, entree, chauffe, 2, racine / f"{mode}-2")
            efficacite = deux / (2 * un)
            surcout = seul / un - 1
            resultats[mode] = {"seul": seul, "un": un, "deux": deux}
            print(
                f"{mode:<8} {seul:>8.2f}/s {un:>7.2f}/s {deux:>7.2f}/s {efficacite:>8.2f} "
                f"{surcout:>+7.1%}",
                flush=True,
            )
        if not args.sans_dask and "pdf" in taches:
            dask = lot_dask(taches["pdf"], entree, chauffe, 2, racine / "dask")
            processus = resultats["pdf"]["deux"]
            print(
                f"Dask LocalCluster 2 workers : {dask:.2f}/s contre processus {processus:.2f}/s"
                f" (écart {dask / processus - 1:+.1%})"
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
