"""Commande ``lot`` : des milliers d'actes en une exécution, reprise après arrêt, manifeste.

Codes de sortie (ceux de toute la commande, plus un propre aux lots) : 0 tous les dossiers
réussis ; 1 exécuteur perdu ; 2 mauvais usage ; 3 entrée illisible (fichier absent, en-tête CSV,
encodage) ; 4 règles illisibles ; 5 répertoire de sortie inaccessible ou déjà pris par un autre
lot ; **7 lot terminé avec des dossiers en erreur** (détail dans ``manifeste.jsonl``) ; 130
interrompu (Ctrl-C). Voir ``docs/lots.md``.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from contentieux.cli.commun import (
    OptionAu,
    OptionRegles,
    app,
    console,
    date_evaluation,
    echouer,
)


def code_sortie_lot(exc: BaseException) -> int:
    """Code de sortie d'une erreur qui empêche le lot (voir la docstring du module)."""
    from contentieux.erreurs import (
        DonneesInvalides,
        EntreeLotIllisible,
        ErreurContentieux,
        LotInterrompu,
        RegleMalFormee,
        RegleNonCouverte,
    )

    if isinstance(exc, ErreurContentieux) and exc.sortie is not None:
        return exc.sortie
    if isinstance(exc, EntreeLotIllisible | DonneesInvalides):
        return 3
    if isinstance(exc, RegleMalFormee | RegleNonCouverte):
        return 4
    if isinstance(exc, LotInterrompu | OSError):
        return 5
    return 2


ERREURS_AFFICHEES = 20
"""Au-delà, les erreurs ne sont plus affichées une à une (elles restent toutes au manifeste)."""

VARIABLE_PHRASE = "CONTENTIEUX_P12_MOT_DE_PASSE"
"""Même variable que ``contentieux signer`` (``contentieux.signature``)."""


def _liste(texte: str, option: str, permises: tuple[str, ...] | None = None) -> tuple[str, ...]:
    valeurs = tuple(v.strip() for v in texte.split(",") if v.strip())
    if not valeurs:
        echouer(f"{option} : liste vide ; par exemple {option} mise_en_demeure,decompte", code=2)
    if permises is not None:
        inconnues = [v for v in valeurs if v not in permises]
        if inconnues:
            echouer(
                f"{option} : {', '.join(inconnues)} non reconnu(s) ; valeurs possibles : "
                f"{', '.join(permises)}",
                code=2,
            )
    return valeurs


def _executeur_dask(adresse: str, workers: int, tache: Any) -> tuple[Any, Any, int]:
    """Client Dask (``local`` : un LocalCluster de ``workers`` processus), son exécuteur et le
    nombre total de fils de travail du cluster (qui règle le travail envoyé à l'avance)."""
    import importlib

    try:
        distributed: Any = importlib.import_module("distributed")
    except ModuleNotFoundError:
        from contentieux.extras import conseil_installation

        echouer(f"--dask : Dask n'est pas installé ; {conseil_installation('distributed')}")
    from contentieux.lots.executer import creer_cluster_dask_local, preparer_workers_dask

    if adresse == "local":
        client = distributed.Client(creer_cluster_dask_local(workers))
    else:
        try:
            client = distributed.Client(adresse, timeout=10)
        except (OSError, TimeoutError) as exc:
            echouer(
                f"--dask : ordonnanceur injoignable à {adresse} ({exc}) ; "
                "vérifiez l'adresse (tcp://hôte:8786) ou utilisez --dask local"
            )
    fils = preparer_workers_dask(client, tache) or workers  # gabarits, polices, clé : une fois
    return client, client.get_executor(), fils


def _fermer_dask(client: Any) -> None:
    """Ferme le client et, pour ``--dask local``, le cluster qu'il a démarré."""
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


@app.command("lot")
def commande_lot(
    entree: Annotated[
        Path,
        typer.Argument(
            help="Fichier .jsonl (un dossier par ligne), .csv (une facture par ligne) "
            "ou dossier de fichiers .yaml/.json."
        ),
    ],
    sortie: Annotated[Path, typer.Option("-o", "--sortie", help="Répertoire de sortie.")],
    au: OptionAu = None,
    actes: Annotated[
        str,
        typer.Option(
            "--actes",
            help="Actes à produire, séparés par des virgules (mise_en_demeure,decompte…).",
        ),
    ] = "decompte",
    formats: Annotated[
        str,
        typer.Option("--format", help="Formats : pdf, docx et/ou json (décompte seul)."),
    ] = "pdf",
    p12: Annotated[
        Path | None,
        typer.Option(
            "--p12",
            help=f"Signer les PDF avec ce certificat PKCS#12 (mot de passe : "
            f"variable {VARIABLE_PHRASE}, sinon demandée).",
        ),
    ] = None,
    niveau: Annotated[
        str, typer.Option("--niveau", help="Niveau PAdES : B-B, B-T, B-LT ou B-LTA.")
    ] = "B-B",
    horodatage: Annotated[
        str | None, typer.Option("--horodatage", help="URL de l'autorité d'horodatage (B-T+).")
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=0, help="Processus de travail (0 : un par cœur).")
    ] = 0,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Adresse d'un ordonnanceur Dask (tcp://hôte:8786), ou "
            "local pour un LocalCluster sur cette machine.",
        ),
    ] = None,
    gabarits: Annotated[
        Path | None, typer.Option("--gabarits", help="Dossier de gabarits du cabinet.")
    ] = None,
    parametres: Annotated[
        Path | None, typer.Option("--parametres", help="Paramètres des actes (YAML).")
    ] = None,
    regles: OptionRegles = None,
) -> None:
    """Produit les actes de chaque dossier d'une entrée, avec manifeste et reprise.

    Relancée avec les mêmes arguments après un arrêt (même brutal), la commande termine le lot
    sans refaire les dossiers déjà faits. Code de sortie 7 si des dossiers sont en erreur
    (détail dans SORTIE/manifeste.jsonl).
    """
    from contentieux.erreurs import ErreurContentieux
    from contentieux.lots.entrees import compter_dossiers
    from contentieux.lots.executer import executer_lot
    from contentieux.lots.taches import OptionsSignature, TacheActes

    date = date_evaluation(au)
    liste_formats = _liste(formats, "--format", ("pdf", "docx", "json"))
    try:
        from contentieux.actes import ACTES
    except ImportError:  # couche des actes absente : seul le décompte JSON reste possible
        ACTES = ("decompte",)
    liste_actes = _liste(actes, "--actes", tuple(ACTES))
    if "json" in liste_formats and "decompte" not in liste_actes:
        echouer(
            "--format json : seul l'acte « decompte » existe en JSON ; ajoutez-le à --actes", code=2
        )
    signature = None
    if p12 is not None:
        if "pdf" not in liste_formats:
            echouer("--p12 : seuls les PDF se signent ; ajoutez pdf à --format", code=2)
        if not p12.is_file():
            echouer(f"--p12 : fichier introuvable : {p12}", code=5)
        phrase = os.environ.get(VARIABLE_PHRASE)
        if phrase is None:
            phrase = typer.prompt(
                "Phrase de passe du certificat", hide_input=True, default="", show_default=False
            )
        signature = OptionsSignature(
            p12=str(p12.resolve()), niveau=niveau, horodatage=horodatage, phrase=phrase or None
        )
    elif horodatage is not None or niveau != "B-B":
        echouer("--niveau / --horodatage : indiquez aussi le certificat avec --p12", code=2)
    tache = TacheActes(
        actes=liste_actes,
        formats=liste_formats,
        regles=str(regles.resolve()) if regles else None,
        gabarits=str(gabarits.resolve()) if gabarits else None,
        parametres=str(parametres.resolve()) if parametres else None,
        signature=signature,
    )
    nombre = workers or max(1, len(os.sched_getaffinity(0)))
    try:
        total = compter_dossiers(entree)
        tache.description()  # gabarits et paramètres lisibles avant de lancer les workers
    except (ErreurContentieux, OSError) as exc:
        echouer(str(exc), code=code_sortie_lot(exc))

    client = executeur = None
    debut = time.perf_counter()  # démarrage des workers compris, pour Dask comme en local
    try:
        if dask is not None:
            client, executeur, nombre = _executeur_dask(dask, nombre, tache)
        bilan = _executer_avec_progression(
            executer_lot, entree, tache, date, sortie, executeur, nombre, regles, total
        )
        bilan.duree = time.perf_counter() - debut
    except ErreurContentieux as exc:
        echouer(exc.message, code=code_sortie_lot(exc))
    except KeyboardInterrupt:
        echouer(
            "lot interrompu ; le manifeste est à jour : relancez la même commande pour le "
            "terminer sans refaire les dossiers déjà faits",
            code=130,
        )
    finally:
        if client is not None:
            _fermer_dask(client)
    _afficher_bilan(bilan, sortie, date)
    raise typer.Exit(bilan.code_sortie)


def _executer_avec_progression(
    executer_lot: Any,
    entree: Path,
    tache: Any,
    date: Any,
    sortie: Path,
    executeur: Any,
    workers: int,
    regles: Path | None,
    total: int,
) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    erreurs_vues = 0
    progression = Progress(
        TextColumn("[bold]Lot[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[debit]} dossiers/s"),
        TimeElapsedColumn(),
        TextColumn("reste"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )

    with progression:
        tache_id = progression.add_task("lot", total=total or None, debit="—")

        def suivi(entree_manifeste: dict[str, Any]) -> None:
            nonlocal erreurs_vues
            if entree_manifeste["statut"] == "erreur":
                erreurs_vues += 1
                if erreurs_vues <= ERREURS_AFFICHEES:
                    progression.console.print(
                        f"[red]✗[/] {escape(str(entree_manifeste['source']))} "
                        f"({escape(str(entree_manifeste['cle']))}) : "
                        f"{escape(str(entree_manifeste['motif']))}"
                    )
                elif erreurs_vues == ERREURS_AFFICHEES + 1:
                    progression.console.print(
                        "[red]…[/] autres erreurs : voir le manifeste (statut « erreur »)"
                    )
            progression.advance(tache_id)
            vitesse = progression.tasks[0].speed
            debit = f"{vitesse:.1f}".replace(".", ",") if vitesse else "—"
            progression.update(tache_id, debit=debit)

        return executer_lot(
            entree,
            tache,
            au=date,
            sortie=sortie,
            executeur=executeur,
            workers=workers,
            regles=str(regles) if regles else None,
            suivi=suivi,
        )


def _afficher_bilan(bilan: Any, sortie: Path, date: dt.date) -> None:
    table = Table(title=f"Bilan du lot au {date:%d/%m/%Y}", show_header=False)
    table.add_column("")
    table.add_column("", justify="right")
    table.add_row("Dossiers lus", str(bilan.total))
    table.add_row("[green]Faits[/]", str(bilan.ok))
    table.add_row("[red]En erreur[/]", str(bilan.erreurs))
    table.add_row("Déjà faits (reprise)", str(bilan.deja_faits))
    table.add_row("Fichiers écrits", str(bilan.fichiers))
    table.add_row("Durée (démarrage des workers compris)", f"{bilan.duree:.1f} s".replace(".", ","))
    table.add_row("Actes par seconde", f"{bilan.actes_par_seconde:.1f}".replace(".", ","))
    console.print(table)
    console.print(f"Manifeste : {escape(str(sortie / 'manifeste.jsonl'))}")
