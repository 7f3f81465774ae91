"""Débit des actes : millisecondes par acte en PDF/A-3b et en DOCX, et coût de notre chemin PDF
face à WeasyPrint « nu » sur le même HTML, mesurés dans la même exécution.

Usage : ``python benchmarks/bench_actes.py [--n 5] [--acte mise_en_demeure]``

- « PDF complet » : ``Atelier.generer`` (décompte, recevabilité, contrat, rendu PDF/A-3b avec
  pièce jointe, relecture des mentions par pypdf) ; « PDF lot » : le même dans un processus de
  travail de lot, tel que ``contentieux lot`` le prépare (``creer_executeur_processus`` :
  atelier chaud, ``controle_pdf="mise_en_page"`` — mentions cherchées dans la mise en page
  dessinée —, objets chauds figés par ``gc.freeze``), temps processeur mesuré dans ce worker ;
- « PDF rendu » : ``Atelier.pdf`` seul (polices et feuille de style réutilisées, PDF/A-3b,
  pièce jointe) ;
- « WeasyPrint nu » : ``HTML(string=…).write_pdf(stylesheets=[CSS(…)])``, sans réutilisation,
  ni PDF/A, ni pièce jointe, sur le même HTML ;
- « DOCX complet » : ``Atelier.generer(format="docx")``.

La dernière ligne est ``rapport PDF/A / WeasyPrint nu : X`` (PDF rendu / WeasyPrint nu ;
objectif X ≤ 1,15) ; le débit en actes PDF/A par seconde (un cœur) est aussi affiché
(objectif ≥ 8). Temps processeur (un cœur) ; les mesures alternent les chemins comparés.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from typing import Any

from contentieux.actes import ACTES, Atelier
from contentieux.actes.rendu import donnees_embarquees
from contentieux.exemples import dossier_exemple

AU = dt.date(2026, 6, 30)
EXEMPLES = {
    "echeancier": "agence",
    "reconnaissance_dette": "agence",
    "mandat_commissaire_justice": "agence",
    "convention_recouvrement": "agence",
    "lettre_agence": "agence",
    "declaration_creance": "procedure_collective",
}


def _ms(fonction: Callable[[], Any], n: int) -> list[float]:
    """Temps processeur de ce processus (un cœur), en millisecondes : la machine est partagée,
    le temps écoulé mesurerait aussi les autres processus."""
    durees = []
    for _ in range(n):
        debut = time.process_time()
        fonction()
        durees.append((time.process_time() - debut) * 1000)
    return durees


def _mesurer_dans_le_worker(acte: str, exemple: str, n: int) -> list[float]:
    """Exécuté dans le processus de travail : ``n`` actes par l'atelier du worker."""
    from contentieux.lots import taches

    tache = taches.TacheActes(actes=(acte,), formats=("pdf",))
    dossier = dossier_exemple(exemple)
    return _ms(lambda: taches._generer(tache, acte, dossier, AU, "pdf"), n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5, help="Rendus par acte et par chemin.")
    parser.add_argument("--acte", default=None, help="Un seul acte (par défaut : tous).")
    args = parser.parse_args()
    from weasyprint import CSS, HTML

    from contentieux.lots.executer import creer_executeur_processus
    from contentieux.lots.taches import TacheActes

    atelier = Atelier()
    actes = [args.acte] if args.acte else list(ACTES)
    worker = creer_executeur_processus(1, TacheActes(actes=tuple(actes), formats=("pdf",)))
    # Échauffement : polices, feuille de style, gabarits compilés, imports.
    atelier.generer("relance", dossier_exemple("b2b"), au=AU)
    atelier.generer("relance", dossier_exemple("b2b"), au=AU, format="docx")
    for acte in actes:  # le worker chauffe chaque gabarit (types cffi des polices compris)
        worker.submit(_mesurer_dans_le_worker, acte, EXEMPLES.get(acte, "b2b"), 1).result()
    feuille = str(atelier.chemin("_commun", "style.css"))

    entetes = ("PDF complet", "PDF lot", "PDF rendu", "WP nu", "DOCX")
    print(f"{'acte (ms, médianes)':28}" + "".join(f"{e:>12}" for e in entetes))
    total_rendu, total_nu, total_complet, total_lot = 0.0, 0.0, 0.0, 0.0
    for acte in actes:
        dossier = dossier_exemple(EXEMPLES.get(acte, "b2b"))
        contrat, faits = atelier.preparer(acte, dossier, au=AU)
        donnees = donnees_embarquees(contrat, faits, atelier.manifeste(acte))
        html = atelier.html(contrat)
        base = str(atelier.chemin(acte, "gabarit.html").parent)

        def nu(html: str = html, base: str = base) -> bytes:
            return bytes(
                HTML(string=html, base_url=base).write_pdf(stylesheets=[CSS(filename=feuille)])
            )

        rendu_ms: list[float] = []
        nu_ms: list[float] = []
        for _ in range(args.n):  # alternance : même bruit pour les deux chemins
            rendu_ms += _ms(lambda c=contrat, d=donnees: atelier.pdf(c, d), 1)
            nu_ms += _ms(nu, 1)
        complet = _ms(lambda a=acte, d=dossier: atelier.generer(a, d, au=AU), args.n)
        par_lot = worker.submit(
            _mesurer_dans_le_worker, acte, EXEMPLES.get(acte, "b2b"), args.n
        ).result()
        docx = _ms(lambda a=acte, d=dossier: atelier.generer(a, d, au=AU, format="docx"), args.n)
        medianes = [statistics.median(x) for x in (complet, par_lot, rendu_ms, nu_ms, docx)]
        total_complet += medianes[0]
        total_lot += medianes[1]
        total_rendu += medianes[2]
        total_nu += medianes[3]
        print(f"{acte:28}" + "".join(f"{m:12.1f}" for m in medianes))
    print(f"actes PDF/A complets par seconde (un cœur) : {1000 * len(actes) / total_complet:.1f}")
    print(f"actes PDF/A en lot par seconde (un cœur) : {1000 * len(actes) / total_lot:.1f}")
    print(f"actes PDF/A rendus par seconde (un cœur) : {1000 * len(actes) / total_rendu:.1f}")
    worker.shutdown()
    print(f"rapport PDF complet / WeasyPrint nu : {total_complet / total_nu:.2f}")
    print(f"rapport PDF/A / WeasyPrint nu : {total_rendu / total_nu:.2f}")


if __name__ == "__main__":
    main()
