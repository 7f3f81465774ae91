"""La commande ``contentieux`` (Typer + Rich), en français.

Toute mauvaise saisie (fichier absent, YAML ou JSON invalide, dossier non conforme, règle non
couverte) affiche une erreur française claire et sort avec un code non nul, jamais une trace Python.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from contentieux.erreurs import ErreurContentieux
from contentieux.francais import formater_montant

app = typer.Typer(
    name="contentieux",
    help="Recouvrement de créances en droit français : règles, décompte, recevabilité.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
console = Console()
erreurs = Console(stderr=True)

DATE_DEMO = dt.date(2026, 6, 30)
"""Date d'évaluation de la démonstration : dernier jour couvert par les taux légaux connus."""

T = TypeVar("T")

ETAPES_DEMO: list[Callable[[Any, dt.date], None]] = []
"""Étapes que ``demo`` exécute sur chaque dossier d'exemple, dans l'ordre : chaque section
ci-dessous (décompte, recevabilité…) y ajoute la sienne avec ``ETAPES_DEMO.append(...)``."""


# --- outils communs -----------------------------------------------------------------------------


def echouer(message: str, code: int = 1) -> NoReturn:
    """Affiche une erreur française sur la sortie d'erreur et termine avec ``code``."""
    erreurs.print(Panel(message, title="Erreur", border_style="red", expand=False))
    raise typer.Exit(code)


def executer(action: Callable[[], T]) -> T:
    """Exécute ``action`` en traduisant les erreurs attendues en messages français."""
    try:
        return action()
    except ErreurContentieux as exc:
        echouer(exc.message)
    except ValidationError as exc:
        from contentieux.lecture import traduire_erreurs

        echouer("Données invalides :\n  - " + "\n  - ".join(traduire_erreurs(exc)))
    except OSError as exc:
        echouer(f"Fichier inaccessible : {exc.filename or exc} ({exc.strerror or exc})")


def lire_date(texte: str, option: str = "--au") -> dt.date:
    """Date ISO (AAAA-MM-JJ) ; erreur française sinon."""
    try:
        return dt.date.fromisoformat(texte)
    except ValueError:
        echouer(
            f"{option} : date « {texte} » invalide ; écrivez-la AAAA-MM-JJ, par exemple 2026-06-30"
        )


def afficher_json(donnees: Any) -> None:
    """Écrit du JSON lisible (UTF-8, accents conservés) sur la sortie standard."""
    typer.echo(json.dumps(donnees, ensure_ascii=False, indent=2))


def charger_dossier(chemin: Path) -> Any:
    """Lit et valide un dossier YAML ou JSON (erreurs françaises)."""
    from contentieux.lecture import lire_dossier

    return executer(lambda: lire_dossier(chemin))


OptionAu = Annotated[str, typer.Option("--au", help="Date d'évaluation, AAAA-MM-JJ.")]
OptionJson = Annotated[bool, typer.Option("--json", help="Sortie JSON au lieu du tableau.")]
OptionRegles = Annotated[
    Path | None,
    typer.Option(
        "--regles",
        help="Dossier de surcouche des règles (sinon la variable CONTENTIEUX_REGLES).",
        envvar="CONTENTIEUX_REGLES",
    ),
]
ArgumentDossier = Annotated[Path, typer.Argument(help="Fichier du dossier (.yaml, .yml ou .json).")]


# --- règles -------------------------------------------------------------------------------------


@app.command("regles")
def commande_regles(au: OptionAu, json_: OptionJson = False, regles: OptionRegles = None) -> None:
    """Les valeurs légales en vigueur à une date, chacune avec sa source."""
    date = lire_date(au)
    from contentieux.regles import charger_regles

    jeu = executer(lambda: charger_regles(regles))
    valeurs, manquantes = jeu.en_vigueur(au=date)
    if json_:
        afficher_json(
            {
                "au": date.isoformat(),
                "version": jeu.version,
                "valeurs": [v.model_dump(mode="json") for v in valeurs],
                "non_couvertes": [str(e) for e in manquantes],
            }
        )
        return
    table = Table(title=f"Règles en vigueur au {date.isoformat()} ({jeu.version})")
    table.add_column("Paramètre", style="cyan")
    table.add_column("Valeur", justify="right")
    table.add_column("Depuis")
    table.add_column("Fondement")
    table.add_column("Source")
    for v in valeurs:
        valeur = ", ".join(v.valeur) if isinstance(v.valeur, tuple) else f"{v.valeur} {v.unite}"
        table.add_row(v.identifiant, valeur, v.du.isoformat(), v.fondement, v.source.titre)
    console.print(table)
    for erreur in manquantes:
        console.print(f"[yellow]non couvert[/] : {erreur}")


# --- schéma -------------------------------------------------------------------------------------


@app.command("schema")
def commande_schema() -> None:
    """Le schéma JSON d'un dossier, pour les intégrateurs (ERP, facturation)."""
    from contentieux.modeles import Dossier

    afficher_json(Dossier.model_json_schema())


# --- dossiers -----------------------------------------------------------------------------------


def afficher_dossier(dossier: Any) -> None:
    """Résumé d'un dossier : parties et créances."""
    table = Table(title=f"Dossier {dossier.reference}", show_header=True)
    table.add_column("Créance")
    table.add_column("Nature")
    table.add_column("Factures", justify="right")
    table.add_column("Principal TTC", justify="right")
    for creance in dossier.creances:
        table.add_row(
            creance.reference,
            creance.nature.value,
            str(len(creance.factures)),
            formater_montant(creance.principal),
        )
    console.print(
        f"[bold]{dossier.creancier.nom_complet}[/] contre "
        f"[bold]{', '.join(d.nom_complet for d in dossier.debiteurs)}[/]"
    )
    console.print(table)


@app.command("valider")
def commande_valider(dossier: ArgumentDossier) -> None:
    """Valide un dossier et en affiche le résumé."""
    afficher_dossier(charger_dossier(dossier))
    console.print("[green]Dossier valide.[/]")


# --- décompte -----------------------------------------------------------------------------------
# Commande `decompte` et son étape de démonstration (ETAPES_DEMO.append).


# --- recevabilité -------------------------------------------------------------------------------
# Commande `verifier` et son étape de démonstration (ETAPES_DEMO.append).


# --- démonstration ------------------------------------------------------------------------------

@app.command("demo")
def commande_demo(
    au: Annotated[
        str, typer.Option("--au", help="Date d'évaluation de la démonstration.")
    ] = DATE_DEMO.isoformat(),
) -> None:
    """Démonstration sur les dossiers d'exemple embarqués : règles, dossiers et chaîne complète."""
    date = lire_date(au)
    from contentieux.exemples import dossier_exemple, noms_exemples
    from contentieux.regles import charger_regles

    jeu = executer(charger_regles)
    valeurs, _ = jeu.en_vigueur(au=date)
    console.rule(f"[bold]contentieux — démonstration au {date.isoformat()}")
    console.print(f"Règles chargées : {len(jeu.identifiants())} paramètres ({jeu.version}).")
    principaux = {"interet_legal.particuliers", "interet_legal.autres", "bce.taux_refinancement"}
    for v in valeurs:
        if v.identifiant in principaux:
            console.print(f"  {v.libelle} : [bold]{v.valeur} %[/] ({v.source.titre})")
    for nom in noms_exemples():
        console.rule(f"Exemple « {nom} »")
        dossier = executer(lambda nom=nom: dossier_exemple(nom))  # type: ignore[misc]
        afficher_dossier(dossier)
        for etape in ETAPES_DEMO:
            etape(dossier, date)
    console.rule("[green]Démonstration terminée")


def main() -> None:
    """Point d'entrée."""
    app()


if __name__ == "__main__":
    main()
