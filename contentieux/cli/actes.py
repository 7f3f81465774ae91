"""Commandes des actes : ``generer``, ``actes``, ``verifier-acte`` et l'étape de démonstration.

Tout ce qui vient d'un dossier est échappé avant d'être affiché par Rich (``rich.markup.escape``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from contentieux.cli.commun import (
    ETAPES_DEMO,
    ArgumentDossier,
    OptionAu,
    OptionJson,
    OptionRegles,
    afficher_json,
    app,
    charger_dossier,
    console,
    echouer,
    executer,
    lire_date,
    lire_parametres_actes,
)
from contentieux.ecriture import chemin_sous, ecrire_atomique

FORMATS = ("pdf", "docx")


def _formats(texte: str) -> list[str]:
    choisis = [f.strip().lower() for f in texte.split(",") if f.strip()]
    inconnus = [f for f in choisis if f not in FORMATS]
    if not choisis or inconnus:
        echouer(f"--format : « {texte} » invalide ; écrivez pdf, docx ou pdf,docx")
    return list(dict.fromkeys(choisis))


def _regles(chemin: Path | None) -> Any:
    if chemin is None:
        return None
    from contentieux.regles import charger_regles

    return executer(lambda: charger_regles(chemin))


@app.command("generer")
def commande_generer(
    acte: Annotated[str, typer.Argument(help="Identifiant de l'acte (« contentieux actes »).")],
    dossier: ArgumentDossier,
    au: OptionAu,
    format: Annotated[str, typer.Option("--format", help="pdf, docx ou pdf,docx.")] = "pdf",
    sortie: Annotated[
        Path, typer.Option("-o", "--sortie", help="Dossier où écrire les actes.")
    ] = Path("."),
    parametres: Annotated[
        Path | None,
        typer.Option("--parametres", help="Fichier YAML ou JSON des paramètres des actes."),
    ] = None,
    gabarits: Annotated[
        Path | None,
        typer.Option("--gabarits", help="Dossier de gabarits qui remplacent ceux du paquet."),
    ] = None,
    regles: OptionRegles = None,
) -> None:
    """Produit un acte (PDF/A-3b et/ou DOCX) : DIR/<référence>_<acte>.pdf|.docx."""
    from contentieux.actes import Atelier

    date = lire_date(au)
    formats = _formats(format)
    d = charger_dossier(dossier)
    params = lire_parametres_actes(parametres)
    atelier = executer(lambda: Atelier(gabarits, regles=_regles(regles)))
    executer(lambda: sortie.mkdir(parents=True, exist_ok=True))
    produits = [
        executer(lambda f=f: atelier.generer(acte, d, au=date, format=f, parametres=params))  # type: ignore[misc]
        for f in formats
    ]
    for resultat in produits:
        chemin = executer(lambda r=resultat: chemin_sous(sortie, r.nom_fichier))  # type: ignore[misc]
        executer(lambda r=resultat, c=chemin: ecrire_atomique(c, r.contenu))  # type: ignore[misc]
        pages = f", {resultat.pages} page(s)" if resultat.pages else ""
        console.print(f"[green]✓[/] {escape(str(chemin))}{pages}")


@app.command("actes")
def commande_actes(json_: OptionJson = False) -> None:
    """Liste les actes, leurs fondements et leurs mentions obligatoires."""
    from contentieux.actes import ACTES, Atelier

    atelier = executer(Atelier)
    manifestes = [atelier.manifeste(a) for a in ACTES]
    if json_:
        afficher_json([m.model_dump(mode="json") for m in manifestes])
        return
    table = Table(title="Actes disponibles", show_lines=True)
    table.add_column("Acte", style="bold")
    table.add_column("Titre")
    table.add_column("Fondements")
    table.add_column("Signé")
    for m in manifestes:
        table.add_row(
            escape(m.identifiant),
            escape(m.titre),
            escape(", ".join(m.fondements)),
            "oui" if m.signe else "",
        )
    console.print(table)


@app.command("verifier-acte")
def commande_verifier_acte(
    fichier: Annotated[Path, typer.Argument(help="Acte PDF produit par « contentieux generer ».")],
    regles: OptionRegles = None,
    json_: OptionJson = False,
) -> None:
    """Relit les données embarquées d'un acte PDF, recalcule et dit si ses chiffres tiennent."""
    from contentieux.actes import verifier_acte

    contenu = executer(fichier.read_bytes)
    rapport = executer(lambda: verifier_acte(contenu, regles=_regles(regles)))
    if json_:
        afficher_json({**rapport.model_dump(mode="json"), "tient": rapport.tient})
    else:
        console.print(
            f"Acte [bold]{escape(rapport.acte)}[/] du dossier {escape(rapport.dossier)} "
            f"au {rapport.au.isoformat()} — règles {escape(rapport.regles_version_acte)} "
            f"(aujourd'hui {escape(rapport.regles_version_actuelle)})"
        )
        for nom, valeur in rapport.chiffres_verifies.items():
            ecart = next((e for e in rapport.ecarts if e.chiffre == nom), None)
            if ecart is None and valeur not in rapport.absents_du_texte:
                console.print(f"  [green]✓[/] {escape(nom)} : {escape(valeur)}")
            elif ecart is not None:
                console.print(
                    f"  [red]✗[/] {escape(nom)} : imprimé {escape(valeur)}, "
                    f"recalculé {escape(ecart.recalcule or 'absent')}"
                )
            else:
                console.print(f"  [red]✗[/] {escape(nom)} : {escape(valeur)} absent du texte")
        if rapport.tient:
            console.print("[green]Les chiffres imprimés tiennent toujours.[/]")
        else:
            console.print("[red]Les chiffres imprimés ne tiennent plus.[/]")
    if not rapport.tient:
        raise typer.Exit(1)


def _demo_actes(dossier: Any, date: dt.date, sortie: Path | None = None) -> None:
    """Étape de démonstration : chaque acte qui convient au dossier (PDF et DOCX dans ``sortie``).

    Sans ``sortie``, les actes sont produits et vérifiés en mémoire, sans fichier écrit.
    """
    from contentieux.actes import ACTES, Atelier
    from contentieux.erreurs import ErreurContentieux

    atelier = Atelier()
    table = Table(title=f"Actes — {escape(dossier.reference)}")
    table.add_column("Acte")
    table.add_column("Résultat")
    for acte in ACTES:
        try:
            produits = [
                atelier.generer(acte, dossier, au=date, format=f)  # type: ignore[arg-type]
                for f in FORMATS
            ]
        except ErreurContentieux as exc:
            premiere = exc.message.splitlines()[0]
            table.add_row(escape(acte), f"[yellow]non produit[/] : {escape(premiere)}")
            continue
        noms = []
        for p in produits:
            if sortie is not None:
                sortie.mkdir(parents=True, exist_ok=True)
                ecrire_atomique(chemin_sous(sortie, p.nom_fichier), p.contenu)
            noms.append(p.nom_fichier)
        table.add_row(escape(acte), "[green]✓[/] " + escape(", ".join(noms)))
    console.print(table)


ETAPES_DEMO.append(_demo_actes)
