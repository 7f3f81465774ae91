"""Outils communs de la commande ``contentieux`` : application Typer, consoles, erreurs.

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

from contentieux.erreurs import ErreurContentieux

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
