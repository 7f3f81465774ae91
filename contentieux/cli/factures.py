"""Commande ``importer`` : factures électroniques (Factur-X, CII, UBL) et statuts → dossiers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from contentieux.cli.commun import (
    SORTIE_DONNEES,
    SORTIE_FICHIER,
    OptionJson,
    afficher_json,
    app,
    console,
    echouer,
    executer,
)

SUFFIXES_UN_DOSSIER = frozenset({".yaml", ".yml", ".json"})


@app.command("importer")
def commande_importer(
    fichiers: Annotated[
        list[Path],
        typer.Argument(
            metavar="FICHIER...",
            help="Factures : PDF Factur-X, XML CII ou UBL, ou répertoire qui en contient.",
        ),
    ],
    sortie: Annotated[
        Path,
        typer.Option(
            "-o",
            "--sortie",
            metavar="SORTIE",
            help="SORTIE.yaml ou .json : un seul dossier ; SORTIE.jsonl : un dossier par ligne "
            "(l'entrée de « contentieux lot »).",
        ),
    ],
    statuts: Annotated[
        list[Path] | None,
        typer.Option(
            "--statuts",
            metavar="FICHIER",
            help="Statuts du cycle de vie : message CDAR (XML) ou CSV numero,statut,date,montant ;"
            " répétable.",
        ),
    ] = None,
    json_: OptionJson = False,
) -> None:
    """Importe des factures électroniques et leurs statuts en dossiers de recouvrement.

    Un dossier par couple (créancier, débiteur). Un fichier qui n'est pas une facture est écarté
    avec sa raison et les autres sont importés ; la commande sort alors avec le code 3.
    """
    from contentieux.factures import lire_factures

    suffixe = sortie.suffix.lower()
    if suffixe not in SUFFIXES_UN_DOSSIER | {".jsonl"}:
        echouer(
            f"-o/--sortie : « {sortie} » ; écrivez SORTIE.yaml ou SORTIE.json (un dossier) ou "
            "SORTIE.jsonl (un dossier par ligne)",
            champ="--sortie",
        )
    resultat = executer(lambda: lire_factures(fichiers, statuts=statuts or ()))
    if suffixe in SUFFIXES_UN_DOSSIER and len(resultat.dossiers) > 1:
        couples = "\n".join(
            f"- {d.reference} : {d.creancier.nom_complet} → {d.debiteur.nom_complet}"
            for d in resultat.dossiers
        )
        echouer(
            f"-o/--sortie : les factures portent sur {len(resultat.dossiers)} couples créancier-"
            f"débiteur, un fichier {suffixe} n'en contient qu'un ; écrivez SORTIE.jsonl (un "
            f"dossier par ligne) ou importez les factures d'un seul couple :\n{couples}",
            champ="--sortie",
        )
    if resultat.dossiers:
        executer(lambda: _ecrire(sortie, resultat.dossiers))
    code = SORTIE_DONNEES if resultat.rejets or not resultat.dossiers else 0
    if json_:
        afficher_json(
            {
                "sortie": str(sortie) if resultat.dossiers else None,
                "factures_lues": resultat.factures,
                "dossiers": [d.reference for d in resultat.dossiers],
                "rejets": [{"fichier": r.fichier, "raison": r.raison} for r in resultat.rejets],
                "avertissements": resultat.avertissements,
                "code_sortie": code,
            }
        )
    else:
        _afficher(resultat, sortie)
    if code:
        raise typer.Exit(code)


def _afficher(resultat: Any, sortie: Path) -> None:
    if resultat.dossiers:
        nombre = sum(len(d.creances) for d in resultat.dossiers)
        console.print(
            f"[green]✓[/] {nombre} facture(s) en {len(resultat.dossiers)} dossier(s) → "
            f"{escape(str(sortie))}"
        )
    else:
        console.print("[red]✗[/] aucune facture importée ; rien n'est écrit")
    for rejet in resultat.rejets:
        console.print(f"[red]écarté[/] {escape(rejet.fichier)} : {escape(rejet.raison)}")
    for avertissement in resultat.avertissements:
        console.print(f"[yellow]à vérifier[/] {escape(avertissement)}")


def _ecrire(sortie: Path, dossiers: list[Any]) -> None:
    """Écriture atomique (fichier partiel renommé) ; erreur de disque → code 5."""
    import yaml

    suffixe = sortie.suffix.lower()
    if suffixe == ".jsonl":
        contenu = "".join(d.model_dump_json(exclude_none=True) + "\n" for d in dossiers)
    else:
        donnees = dossiers[0].model_dump(mode="json", exclude_none=True)
        if suffixe == ".json":
            contenu = json.dumps(donnees, ensure_ascii=False, indent=2) + "\n"
        else:
            contenu = yaml.safe_dump(donnees, allow_unicode=True, sort_keys=False)
    provisoire = sortie.with_name(sortie.name + ".partiel")
    try:
        provisoire.write_text(contenu, encoding="utf-8")
        provisoire.replace(sortie)
    except OSError as exc:
        echouer(
            f"-o/--sortie : impossible d'écrire {sortie} ({exc.strerror or exc}) ; vérifiez le "
            "répertoire et les droits",
            code=SORTIE_FICHIER,
            champ="--sortie",
        )
