"""Outils communs de la commande ``contentieux`` : application Typer, consoles, erreurs.

Toute mauvaise saisie (option manquante, fichier absent, YAML ou JSON invalide, dossier non
conforme, règle non couverte) affiche une erreur française claire et sort avec un code non nul,
jamais une trace Python. Avec ``--json``, l'erreur est un objet JSON (``code``, ``message``,
``champ`` s'il y en a un, ``sortie``) écrit sur la sortie standard.

Codes de sortie (stables, documentés dans ``docs/cli.md``) :

====  =================================================================================
0     succès
1     erreur inattendue (défaut de la bibliothèque : à signaler)
2     mauvaise utilisation de la commande (option manquante ou inconnue, valeur invalide)
3     données invalides (dossier, annuaire : fichier illisible, schéma non respecté)
4     règle absente ou mal formée (valeur légale non couverte à la date, surcouche invalide)
5     fichier inaccessible (droits, disque)
6     demande refusée par le droit (frais interdits contre un consommateur, créance irrecevable,
      acte inadapté : prescription, procédure collective)
9     donnée manquante pour un acte (mention obligatoire à fournir : ``actes:`` ou --parametres)
10    relevé en ligne impossible (réseau, délai dépassé, réponse inattendue, clé d'API absente)
====  =================================================================================
"""

from __future__ import annotations

import datetime as dt
import decimal
import inspect
import json
import os
import re
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
import typer.core
import typer.rich_utils
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.segment import Segment
from typer import _click

from contentieux.erreurs import (
    ActeInadapte,
    ArgumentInvalide,
    CreanceIrrecevable,
    DonneesGabaritIncompletes,
    DonneesInvalides,
    ErreurActualisation,
    ErreurContentieux,
    ErreurUtilisation,
    FraisInterditsConsommateur,
    HorodatageInjoignable,
    InteretsHorsLimites,
    MentionsManquantes,
    RegleMalFormee,
    RegleNonCouverte,
    RevocationInjoignable,
)

SITE_DOCUMENTATION = "https://contentieux.readthedocs.io"
"""Site de la documentation, cité par les messages d'erreur (jamais un fichier du dépôt)."""

# --- codes de sortie ----------------------------------------------------------------------------

SORTIE_SUCCES = 0
SORTIE_ERREUR_INTERNE = 1
SORTIE_UTILISATION = 2
SORTIE_DONNEES = 3
SORTIE_REGLES = 4
SORTIE_FICHIER = 5
SORTIE_REFUS = 6
SORTIE_LOT_INCOMPLET = 7
SORTIE_DEPENDANCE = 8
SORTIE_ACTE_INCOMPLET = 9
SORTIE_RESEAU = 10

CODES_SORTIE: dict[int, str] = {
    SORTIE_SUCCES: "succès",
    SORTIE_ERREUR_INTERNE: "erreur inattendue (défaut de la bibliothèque : à signaler)",
    SORTIE_UTILISATION: "mauvaise utilisation de la commande (option absente, inconnue, invalide)",
    SORTIE_DONNEES: "données invalides (dossier ou annuaire illisible, schéma non respecté)",
    SORTIE_REGLES: "règle absente ou mal formée (valeur non couverte, surcouche invalide)",
    SORTIE_FICHIER: "fichier inaccessible (droits, disque)",
    SORTIE_REFUS: "demande refusée par le droit (frais interdits, créance irrecevable, acte "
    "inadapté)",
    SORTIE_LOT_INCOMPLET: "lot terminé avec des dossiers en erreur (détail dans manifeste.jsonl)",
    SORTIE_DEPENDANCE: "fonction optionnelle non installée (extra pdf, docx, signature, dask…)",
    SORTIE_ACTE_INCOMPLET: "donnée manquante pour un acte (à fournir dans actes: ou --parametres)",
    SORTIE_RESEAU: "relevé en ligne impossible (réseau, délai, réponse inattendue, clé d'API)",
}
"""Code de sortie → signification (stable)."""


def dependance_manquante(exc: BaseException) -> str | None:
    """Le message français d'une dépendance optionnelle absente (module Python d'un extra non
    installé, ou bibliothèque système de WeasyPrint introuvable), sinon ``None``."""
    if isinstance(exc, ModuleNotFoundError):
        from contentieux.extras import conseil_installation, extras_du_module

        racine = (exc.name or "").split(".")[0]
        if extras_du_module(racine):  # extras lus dans les métadonnées du paquet installé
            return (
                f"fonction optionnelle non installée : le module « {racine} » manque ; "
                f"installez-la avec {conseil_installation(racine)}"
            )
    if isinstance(exc, OSError) and "cannot load library" in str(exc):
        return (
            "WeasyPrint ne trouve pas les bibliothèques Pango du système ; sous Debian ou Ubuntu : "
            f"apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 ({exc})"
        )
    return None


REFUS_JURIDIQUES = (CreanceIrrecevable, FraisInterditsConsommateur, ActeInadapte)
"""Refus juridiques (code 6) : le droit interdit ce qui est demandé."""
DONNEES_ACTE = (DonneesGabaritIncompletes, MentionsManquantes)
"""Données manquantes pour un acte (code 9) : à fournir, puis relancer."""
ECHECS_RESEAU = (ErreurActualisation, HorodatageInjoignable, RevocationInjoignable)
"""Échecs d'un service en ligne (code 10) : réessayer plus tard, ou saisir à la main."""


def code_sortie(exc: BaseException) -> int:
    """Le code de sortie d'une erreur (voir :data:`CODES_SORTIE`)."""
    if dependance_manquante(exc) is not None:
        return SORTIE_DEPENDANCE
    if isinstance(exc, ErreurContentieux) and exc.sortie is not None:
        return exc.sortie
    if isinstance(exc, ErreurUtilisation | ArgumentInvalide | _click.exceptions.UsageError):
        return SORTIE_UTILISATION
    if isinstance(exc, RegleNonCouverte | RegleMalFormee):
        return SORTIE_REGLES
    if isinstance(
        exc, DonneesInvalides | InteretsHorsLimites | ValidationError | RecursionError | MemoryError
    ):
        return SORTIE_DONNEES
    if isinstance(exc, decimal.DecimalException | OverflowError):
        return SORTIE_DONNEES
    if isinstance(exc, REFUS_JURIDIQUES):
        return SORTIE_REFUS
    if isinstance(exc, DONNEES_ACTE):
        return SORTIE_ACTE_INCOMPLET
    if isinstance(exc, ECHECS_RESEAU):
        return SORTIE_RESEAU
    if isinstance(exc, ErreurContentieux):
        return SORTIE_DONNEES
    if isinstance(exc, OSError):
        return SORTIE_FICHIER
    return SORTIE_ERREUR_INTERNE


# --- Typer et Click en français -----------------------------------------------------------------

_TYPES_FRANCAIS = {
    "bool": "",
    "str": "texte",
    "int": "entier",
    "int range": "entier",
    "float": "nombre",
    "float range": "nombre",
    "decimal": "nombre",
    "path": "chemin",
    "file": "fichier",
    "directory": "dossier",
    "datetime": "date",
    "date": "date",
    "uuid": "identifiant",
}
"""Type Python ou Click affiché par Typer → paramètre français de l'aide."""


def type_francais(affiche: str) -> str:
    """Le paramètre français d'un type affiché par Typer (``<list[Path]>``, ``<int range>``) ;
    les choix (``<a|b>``) restent tels quels.

    >>> [type_francais(t) for t in ("<list[Path]>", "<int range>", "<str>", "<bool>", "<a|b>")]
    ['<chemin>', '<entier>', '<texte>', '', '<a|b>']
    """
    if not (affiche.startswith("<") and affiche.endswith(">")):
        return affiche
    interieur = affiche[1:-1]
    while interieur.startswith("list[") and interieur.endswith("]"):
        interieur = interieur[5:-1]
    morceaux = [_TYPES_FRANCAIS.get(m.strip().lower(), m.strip()) for m in interieur.split(",")]
    if not any(morceaux):
        return ""
    return "<" + ",".join(morceaux) + ">"


def intervalle_francais(minimum: float | None, maximum: float | None) -> str | None:
    """Les bornes d'un nombre dans l'aide : « ≥ 0 », « ≤ 10 », « de 1 à 120 ».

    >>> intervalle_francais(0, None), intervalle_francais(1, 120)
    ('≥ 0', 'de 1 à 120')
    """
    if minimum is None and maximum is None:
        return None
    if maximum is None:
        return f"≥ {minimum}"
    if minimum is None:
        return f"≤ {maximum}"
    return f"de {minimum} à {maximum}"

_AIDE = "Affiche cette aide et quitte."


def _franciser_typer() -> None:
    """Traduit les textes que Typer et le Click qu'il embarque affichent dans l'aide.

    Les messages d'erreur sont traduits à l'affichage par :func:`message_utilisation` ; ici, les
    titres des panneaux, le préfixe « Usage: », l'aide de ``--help`` et les types d'options.
    """
    ru = typer.rich_utils
    ru.DEPRECATED_STRING = "(obsolète) "
    ru.DEFAULT_STRING = "[par défaut : {}]"
    ru.ENVVAR_STRING = "[variable d'environnement : {}]"
    ru.REQUIRED_LONG_STRING = "[obligatoire]"
    ru.ARGUMENTS_PANEL_TITLE = "Arguments"
    ru.OPTIONS_PANEL_TITLE = "Options"
    ru.COMMANDS_PANEL_TITLE = "Commandes"
    ru.ERRORS_PANEL_TITLE = "Erreur"
    ru.ABORTED_TEXT = "Interrompu."
    ru.RICH_HELP = "Aide : [blue]{command_path} {help_option}[/]"
    if getattr(_click.formatting.HelpFormatter.write_usage, "_francise", False):
        return
    ecrire_usage = _click.formatting.HelpFormatter.write_usage

    def write_usage(
        self: _click.formatting.HelpFormatter,
        prog: str,
        args: str = "",
        prefix: str | None = None,
    ) -> None:
        ecrire_usage(self, prog, args, "Utilisation : " if prefix is None else prefix)

    write_usage._francise = True  # type: ignore[attr-defined]
    _click.formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]

    option_aide = _click.core.Command.get_help_option

    def get_help_option(self: _click.core.Command, ctx: _click.Context) -> Any:
        option = option_aide(self, ctx)
        if option is not None:
            option.help = _AIDE
        return option

    _click.core.Command.get_help_option = get_help_option  # type: ignore[method-assign]

    type_affiche = typer.core._TyperParameter.display_type

    def display_type(self: typer.core._TyperParameter, ctx: _click.Context) -> str:
        return type_francais(type_affiche(self, ctx))

    typer.core._TyperParameter.display_type = display_type  # type: ignore[method-assign]

    def bornes(self: Any) -> str | None:
        return intervalle_francais(getattr(self, "min", None), getattr(self, "max", None))

    for classe in (typer.core.TyperOption, typer.core.TyperArgument):
        classe._get_number_range_help_str = bornes  # type: ignore[method-assign]

    morceaux_usage = typer.core.TyperGroup.collect_usage_pieces

    def collect_usage_pieces(self: typer.core.TyperGroup, ctx: _click.Context) -> list[str]:
        return [
            "COMMANDE [ARGUMENTS]..." if m == "COMMAND [ARGS]..." else m
            for m in morceaux_usage(self, ctx)
        ]

    typer.core.TyperGroup.collect_usage_pieces = collect_usage_pieces  # type: ignore[method-assign]


_franciser_typer()


# --- complétion du shell ------------------------------------------------------------------------

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
"""Shells dont Typer sait écrire le script de complétion."""


def shell_courant() -> str | None:
    """Le shell de l'utilisateur (processus parents, sinon la variable ``SHELL``), ou ``None``."""
    from typer._completion_shared import _get_shell_name

    try:
        nom = _get_shell_name()
    except Exception:  # détection impossible (conteneur, service) : on se rabat sur SHELL
        nom = None
    if nom is None and os.environ.get("SHELL"):
        nom = Path(os.environ["SHELL"]).name
    return nom


def _shell_pour_completion() -> str:
    nom = shell_courant()
    if nom not in SHELLS:
        echouer(
            f"shell « {nom or 'inconnu'} » non pris en charge par la complétion : elle existe "
            "pour bash, zsh, fish et PowerShell ; lancez la commande depuis l'un d'eux",
            champ="--install-completion",
        )
    return str(nom)


def _variable_completion(ctx: _click.Context) -> tuple[str, str]:
    nom = ctx.find_root().info_name or "contentieux"
    return nom, "_{}_COMPLETE".format(nom.replace("-", "_").upper())


def _installer_completion(ctx: _click.Context, param: Any, valeur: Any) -> None:
    if not valeur or ctx.resilient_parsing:
        return
    from typer._completion_shared import install

    nom, variable = _variable_completion(ctx)
    shell, chemin = install(shell=_shell_pour_completion(), prog_name=nom, complete_var=variable)
    typer.echo(
        f"Complétion {shell} installée dans {chemin} ; elle prend effet dans un nouveau terminal."
    )
    raise typer.Exit(0)


def _montrer_completion(ctx: _click.Context, param: Any, valeur: Any) -> None:
    if not valeur or ctx.resilient_parsing:
        return
    from typer._completion_shared import get_completion_script

    nom, variable = _variable_completion(ctx)
    typer.echo(
        get_completion_script(
            prog_name=nom, complete_var=variable, shell=_shell_pour_completion()
        )
    )
    raise typer.Exit(0)


def _completion_en_francais() -> None:
    """Les options ``--install-completion`` et ``--show-completion`` de Typer, en français."""
    import typer.main

    if getattr(typer.main.get_install_completion_arguments, "_francise", False):
        return
    origine = typer.main.get_install_completion_arguments

    def arguments() -> tuple[_click.Parameter, _click.Parameter]:
        installer, montrer = origine()
        installer.help = (  # type: ignore[attr-defined]
            "Installe la complétion de la commande pour le shell courant (bash, zsh, fish, "
            "PowerShell)."
        )
        montrer.help = (  # type: ignore[attr-defined]
            "Affiche le script de complétion du shell courant, à copier ou adapter."
        )
        installer.callback = _installer_completion
        montrer.callback = _montrer_completion
        return installer, montrer

    arguments._francise = True  # type: ignore[attr-defined]
    typer.main.get_install_completion_arguments = arguments


_completion_en_francais()


_MESSAGES_PYDANTIC = {
    "int_parsing": "un nombre entier est attendu",
    "int_from_float": "un nombre entier est attendu",
    "float_parsing": "un nombre est attendu",
    "decimal_parsing": "un nombre décimal est attendu",
    "bool_parsing": "oui ou non attendu (true, false, 1, 0)",
    "greater_than_equal": "la valeur doit être au moins {ge}",
    "greater_than": "la valeur doit dépasser {gt}",
    "less_than_equal": "la valeur doit être au plus {le}",
    "less_than": "la valeur doit être inférieure à {lt}",
    "date_from_datetime_parsing": "date attendue au format AAAA-MM-JJ",
    "date_parsing": "date attendue au format AAAA-MM-JJ",
    "enum": "choisissez parmi : {expected}",
    "literal_error": "choisissez parmi : {expected}",
}

_TRADUCTIONS_USAGE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"No such command '(.*?)'\.?(?: Did you mean (.*)\?)?$", re.S), "commande"),
    (re.compile(r"No such option:? '?(.*?)'?\.?$"), "option"),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)"), "en_trop"),
    (re.compile(r"Missing command\.?"), "sans_commande"),
    (re.compile(r"Option '(.*?)' requires (.*)"), "valeur_attendue"),
    (re.compile(r"Option '(.*?)' does not take a value\.?"), "sans_valeur"),
    (re.compile(r"Argument '(.*?)' takes (\d+) values\.?"), "arite"),
]


def _nom_parametre(param: Any) -> str:
    if param is None:
        return ""
    opts = [o for o in getattr(param, "opts", []) if o.startswith("-")]
    if opts:
        return str(max(opts, key=len))
    return str(getattr(param, "metavar", None) or param.name or "").upper()


def message_utilisation(exc: _click.exceptions.ClickException) -> tuple[str, str | None]:
    """Le message français d'une erreur d'utilisation de Click, et le paramètre en cause."""
    if isinstance(exc, _click.exceptions.MissingParameter):
        nom = _nom_parametre(exc.param)
        if getattr(exc.param, "param_type_name", "") == "argument":
            return f"argument obligatoire absent : {nom}", nom
        return f"option obligatoire absente : {nom} ; ajoutez-la", nom
    if isinstance(exc, _click.exceptions.NoSuchOption):
        texte = f"option inconnue : {exc.option_name}"
        if exc.possibilities:
            texte += " ; vouliez-vous dire " + " ou ".join(sorted(exc.possibilities)) + " ?"
        return texte, exc.option_name
    if isinstance(exc, _click.exceptions.BadParameter):
        nom = _nom_parametre(exc.param)
        cause = exc.__cause__
        explication = "valeur invalide"
        if isinstance(cause, ValidationError) and cause.errors():
            erreur = cause.errors()[0]
            modele = _MESSAGES_PYDANTIC.get(erreur["type"])
            if modele is not None:
                contexte = {
                    cle: str(valeur).replace(" or ", " ou ")
                    for cle, valeur in (erreur.get("ctx") or {}).items()
                }
                try:
                    explication = modele.format(**contexte)
                except (KeyError, IndexError):
                    explication = modele
        choix = getattr(getattr(exc.param, "type_descriptor", None), "choices", None)
        if explication == "valeur invalide" and choix:
            valeurs = ", ".join(str(getattr(c, "value", c)) for c in choix)
            explication = f"valeur invalide ; choisissez parmi : {valeurs}"
        return f"{nom} : {explication}" if nom else explication, nom or None
    message = (
        exc.format_message() if not isinstance(exc, _click.exceptions.UsageError) else (exc.message)
    )
    for motif, sorte in _TRADUCTIONS_USAGE:
        trouve = motif.search(message)
        if not trouve:
            continue
        if sorte == "commande":
            texte = f"commande inconnue : {trouve.group(1)}"
            if trouve.group(2):
                texte += (
                    " ; vouliez-vous dire "
                    + trouve.group(2).replace("'", "").replace(", ", " ou ")
                    + " ?"
                )
            return texte, None
        if sorte == "option":
            return f"option inconnue : {trouve.group(1)}", trouve.group(1)
        if sorte == "en_trop":
            return f"argument(s) en trop : {trouve.group(1)}", None
        if sorte == "sans_commande":
            return "commande manquante", None
        if sorte == "valeur_attendue":
            return f"l'option {trouve.group(1)} attend une valeur", trouve.group(1)
        if sorte == "sans_valeur":
            return f"l'option {trouve.group(1)} ne prend pas de valeur", trouve.group(1)
        if sorte == "arite":
            return f"l'argument {trouve.group(1)} attend {trouve.group(2)} valeurs", None
    return "commande mal formée", None


def _champ_validation(exc: ValidationError) -> str | None:
    erreurs_ = exc.errors()
    if not erreurs_:
        return None
    return ".".join(str(p) for p in erreurs_[0]["loc"]) or None


def decrire_erreur(exc: BaseException) -> dict[str, Any]:
    """L'erreur en JSON : ``code`` stable, ``message`` français, ``champ`` s'il y en a un,
    ``erreurs`` (une ligne « champ : ce qui ne va pas » par erreur de saisie, s'il y en a
    plusieurs à dire) et ``sortie`` (le code de sortie)."""
    champ: str | None = None
    liste: list[str] = []
    manque = dependance_manquante(exc)
    if manque is not None:
        code = "dependance_manquante"
        message = manque
    elif isinstance(exc, _click.exceptions.ClickException):
        code = "utilisation_invalide"
        message, champ = message_utilisation(exc)
    elif isinstance(exc, ErreurContentieux):
        code = exc.code
        message = exc.message
        champ = exc.champ
        liste = [str(e) for e in exc.erreurs]
        if champ is None and exc.erreurs:
            champ = exc.erreurs[0].champ
    elif isinstance(exc, ValidationError):
        from contentieux.lecture import traduire_erreurs

        code = DonneesInvalides.code
        liste = traduire_erreurs(exc)
        message = "données invalides :\n  - " + "\n  - ".join(liste)
        champ = _champ_validation(exc)
    elif isinstance(exc, RecursionError):
        code = "imbrication_excessive"
        message = (
            "données trop profondément imbriquées pour être lues ; un dossier n'a que quelques "
            "niveaux (parties, créances, factures) : vérifiez le fichier"
        )
    elif isinstance(exc, MemoryError):
        code = "memoire_insuffisante"
        message = (
            "mémoire insuffisante : le dossier est trop volumineux ; découpez-le en plusieurs "
            "dossiers"
        )
    elif isinstance(exc, decimal.DecimalException | OverflowError):
        code = "calcul_impossible"
        message = (
            "calcul impossible : un montant ou un taux est hors des bornes que la bibliothèque "
            "sait traiter exactement ; vérifiez les montants du dossier et les taux des règles"
        )
    elif isinstance(exc, OSError):
        code = "fichier_inaccessible"
        nom = exc.filename if exc.filename is not None else ""
        message = f"fichier inaccessible : {nom} ({exc.strerror or type(exc).__name__})"
    else:
        code = "erreur_interne"
        message = (
            f"erreur inattendue ({type(exc).__name__}) : c'est un défaut de contentieux ; "
            f"signalez-le avec le dossier en cause (voir {SITE_DOCUMENTATION})"
        )
    description: dict[str, Any] = {"code": code, "message": message}
    if champ:
        description["champ"] = champ
    if liste:
        description["erreurs"] = liste
    if isinstance(exc, RegleNonCouverte) and exc.manquantes:
        description["manquantes"] = [m.en_json() for m in exc.manquantes]
    description["sortie"] = code_sortie(exc)
    return description


def _demande_json(args: Sequence[str]) -> bool:
    for argument in args:
        if argument == "--":
            return False
        if argument == "--json":
            return True
    return False


_COMMANDE = re.compile(r"(?:^|: )contentieux [a-z]")


def separer_a_copier(message: str) -> tuple[str, str]:
    r"""Sépare un message d'erreur en explication (dans le panneau) et partie à copier (sous le
    panneau, sans cadre ni coupure) : à partir de la première ligne en retrait (liste, YAML) ou
    qui donne une commande ``contentieux …``, tout est à copier tel quel.

    >>> separer_a_copier("règle absente.\nPour l'ajouter : contentieux regles ajouter bce")
    ('règle absente.', "Pour l'ajouter : contentieux regles ajouter bce")
    >>> separer_a_copier("acte : données manquantes.\n  - creancier.representant")
    ('acte : données manquantes.', '  - creancier.representant')
    """
    lignes = message.splitlines()
    for i, ligne in enumerate(lignes):
        if i and (ligne.startswith(" ") or _COMMANDE.search(ligne)):
            return "\n".join(lignes[:i]), "\n".join(lignes[i:])
    return message, ""


def signaler(exc: BaseException, *, en_json: bool, ctx: Any = None) -> int:
    """Affiche une erreur (panneau français ou objet JSON) et rend son code de sortie.

    Les commandes et le YAML du message s'impriment sous le panneau, sans cadre et sans coupure
    de ligne, pour le copier-coller (:func:`separer_a_copier`).
    """
    description = decrire_erreur(exc)
    if en_json:
        from contentieux.presentation import json_affichable

        texte = json.dumps(description, ensure_ascii=False, indent=2)
        sys.stdout.write(json_affichable(texte) + "\n")
        return int(description["sortie"])
    explication, a_copier = separer_a_copier(description["message"])
    corps = escape(explication)
    if ctx is not None and isinstance(exc, _click.exceptions.UsageError):
        usage = ctx.get_usage()
        aide = f"{ctx.command_path} {ctx.help_option_names[0]}" if ctx.help_option_names else ""
        corps += f"\n\n[dim]{escape(usage)}" + (f"\nAide : {escape(aide)}" if aide else "") + "[/]"
    erreurs.print(Panel(corps, title="Erreur", border_style="red", expand=False), width=largeur())
    if a_copier:
        erreurs.print(a_copier, markup=False, highlight=False, soft_wrap=True, emoji=False)
    return int(description["sortie"])


class GroupeContentieux(typer.core.TyperGroup):
    """Le groupe de commandes ``contentieux`` : toute erreur est traduite ici, au sommet.

    Aucune exception ne sort en trace Python : les erreurs de Click (utilisation), de la
    bibliothèque (:class:`~contentieux.erreurs.ErreurContentieux`), de pydantic, et même
    ``RecursionError``, ``MemoryError`` ou ``decimal.InvalidOperation`` deviennent un message
    français (ou un objet JSON avec ``--json``) et un code de sortie documenté.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        if not standalone_mode:
            return super().main(
                arguments, prog_name, complete_var, False, windows_expand_args, **extra
            )
        en_json = _demande_json(arguments)
        try:
            retour = super().main(
                arguments, prog_name, complete_var, False, windows_expand_args, **extra
            )
            # Hors mode autonome, Typer rend le code d'un ``typer.Exit`` au lieu de le lever.
            code = retour if isinstance(retour, int) and not isinstance(retour, bool) else 0
        except _click.exceptions.NoArgsIsHelpError as exc:
            if exc.ctx is not None:
                typer.echo(exc.ctx.get_help())
            code = SORTIE_UTILISATION
        except _click.exceptions.UsageError as exc:
            code = signaler(exc, en_json=en_json, ctx=exc.ctx)
        except typer.Exit as exc:
            code = exc.exit_code
        except BrokenPipeError:
            code = SORTIE_ERREUR_INTERNE
        except (typer.Abort, KeyboardInterrupt, EOFError):
            erreurs.print("Interrompu.")
            code = 130
        except BaseException as exc:
            if isinstance(exc, SystemExit):
                raise
            code = signaler(exc, en_json=en_json)
        sys.exit(code)


def aide_en_paragraphes(texte: str) -> str:
    r"""L'aide d'une commande tirée de sa docstring : les lignes d'un paragraphe sont rejointes
    (Rich garde sinon les retours à la ligne du source au milieu des phrases) ; les paragraphes
    et les puces « - » restent.

    >>> aide_en_paragraphes("Une phrase\ncoupée.\n\nSuite :\n- un\n- deux")
    'Une phrase coupée.\n\nSuite :\n- un\n- deux'
    """
    paragraphes = []
    for paragraphe in texte.strip().split("\n\n"):
        lignes: list[str] = []
        for ligne in paragraphe.splitlines():
            ligne = ligne.strip()
            if lignes and not ligne.startswith("- "):
                lignes[-1] += " " + ligne
            else:
                lignes.append(ligne)
        paragraphes.append("\n".join(lignes))
    return "\n\n".join(paragraphes)


class ApplicationContentieux(typer.Typer):
    """L'application Typer ``contentieux`` (groupe :class:`GroupeContentieux`) ; l'aide de chaque
    commande est sa docstring en paragraphes (:func:`aide_en_paragraphes`)."""

    def command(self, name: str | None = None, **options: Any) -> Callable[[Any], Any]:
        if options.get("help") is not None:
            return super().command(name, **options)

        def enregistrer(fonction: Any) -> Any:
            aide = aide_en_paragraphes(inspect.getdoc(fonction) or "")
            return super(ApplicationContentieux, self).command(name, help=aide, **options)(fonction)

        return enregistrer


app = ApplicationContentieux(
    name="contentieux",
    cls=GroupeContentieux,
    help=(
        "Recouvrement de créances en droit français : règles, décompte, recevabilité. "
        f"Documentation : {SITE_DOCUMENTATION}"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
    context_settings={"help_option_names": ["-h", "--help"]},
)
class ConsoleSure(Console):
    """Console Rich qui retire de tout texte affiché les caractères de contrôle
    (:func:`contentieux.presentation.sans_controles`) : un ESC venu d'un dossier, d'un nom de
    fichier ou d'un PDF ne pilote jamais le terminal. Seuls les segments de texte sont filtrés ;
    les séquences de style et de contrôle que Rich produit lui-même passent."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        from contentieux.presentation import sans_controles

        return super()._render_buffer(
            Segment(sans_controles(s.text), s.style, s.control) if s.control is None else s
            for s in buffer
        )


console = ConsoleSure()
erreurs = ConsoleSure(stderr=True)

DATE_DEMO = dt.date(2026, 6, 30)
"""Date d'évaluation de la démonstration : dernier jour couvert par les taux légaux connus."""

SORTIE_DEMO = Path("contentieux-demo")
"""Dossier (relatif au répertoire courant) où ``demo`` écrit ses fichiers, par défaut."""

T = TypeVar("T")

EtapeDemo = Callable[[Any, dt.date, Path], None]
"""Une étape de démonstration : ``etape(dossier, date, sortie)`` ; ``sortie`` est le dossier où
écrire les fichiers produits (option ``-o`` de ``demo``, créé à la demande)."""

ETAPES_DEMO: list[EtapeDemo] = []
"""Étapes que ``demo`` exécute sur chaque dossier d'exemple, dans l'ordre : chaque section
(décompte, recevabilité, actes…) y ajoute la sienne avec ``ETAPES_DEMO.append(...)``."""


# --- outils communs -----------------------------------------------------------------------------


def echouer(message: str, code: int = SORTIE_UTILISATION, champ: str | None = None) -> NoReturn:
    """Arrête la commande sur une erreur d'utilisation : message français, code de sortie ``code``
    (2 par défaut, voir :data:`CODES_SORTIE`), option en cause ``champ``.

    L'erreur est affichée au sommet (:class:`GroupeContentieux`), en panneau ou en JSON.
    """
    raise ErreurUtilisation(message, champ=champ, sortie=code)


def executer(action: Callable[[], T]) -> T:
    """Exécute ``action`` ; ses erreurs sont traduites au sommet (:class:`GroupeContentieux`)."""
    return action()


def aujourd_hui() -> dt.date:
    """La date du jour, locale : seule la ligne de commande la lit (la bibliothèque reçoit
    toujours ``au=``). Les tests la fixent en remplaçant cette fonction."""
    return dt.date.today()


def date_evaluation(texte: str | None, option: str = "--au") -> dt.date:
    """La date d'évaluation d'une commande : ``--au`` s'il est donné, sinon aujourd'hui."""
    return aujourd_hui() if texte is None else lire_date(texte, option)


def lire_date(texte: str, option: str = "--au") -> dt.date:
    """Date ISO (AAAA-MM-JJ) ; erreur française sinon."""
    try:
        return dt.date.fromisoformat(texte)
    except ValueError:
        echouer(
            f"{option} : date « {texte} » invalide ; écrivez-la AAAA-MM-JJ, par exemple 2026-06-30",
            champ=option,
        )


def preparer_sortie(sortie: Path) -> Path:
    """Crée à la demande le dossier de sortie d'une étape de démonstration et le rend.

    Une étape qui écrit des fichiers l'appelle d'abord : ``dossier = preparer_sortie(sortie)``.
    """
    try:
        sortie.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        echouer(f"-o/--sortie : {sortie} existe et n'est pas un dossier", champ="--sortie")
    return sortie


def afficher_json(donnees: Any) -> None:
    """Écrit du JSON lisible (UTF-8, accents conservés) sur la sortie standard."""
    from contentieux.presentation import json_affichable

    typer.echo(json_affichable(json.dumps(donnees, ensure_ascii=False, indent=2)))


def afficher_texte(texte: str) -> None:
    """Écrit un rapport en texte brut (aucune balise Rich interprétée : les données du dossier
    s'affichent telles quelles)."""
    console.print(texte, markup=False, highlight=False, soft_wrap=True, emoji=False)


def largeur() -> int:
    """Largeur d'affichage des rapports : ``COLUMNS`` si elle est donnée, sinon celle du terminal
    (80 colonnes hors terminal)."""
    colonnes = os.environ.get("COLUMNS", "")
    if colonnes.isdigit():
        return max(40, int(colonnes))
    return max(40, console.width)


def charger_dossier(chemin: Path) -> Any:
    """Lit et valide un dossier YAML ou JSON (erreurs françaises)."""
    from contentieux.lecture import lire_dossier

    return lire_dossier(chemin)


OptionAu = Annotated[
    str | None,
    typer.Option(
        "--au",
        metavar="AAAA-MM-JJ",
        help="Date d'évaluation, AAAA-MM-JJ ; par défaut aujourd'hui (date locale).",
        show_default=False,
    ),
]
OptionJson = Annotated[
    bool, typer.Option("--json", help="Sortie JSON au lieu du rapport (erreurs comprises).")
]
OptionRegles = Annotated[
    Path | None,
    typer.Option(
        "--regles",
        metavar="DOSSIER",
        help="Dossier de surcouche des règles (sinon la variable CONTENTIEUX_REGLES).",
        envvar="CONTENTIEUX_REGLES",
    ),
]
ArgumentDossier = Annotated[
    Path,
    typer.Argument(metavar="DOSSIER", help="Fichier du dossier (.yaml, .yml ou .json)."),
]


def _afficher_version(valeur: bool) -> None:
    if valeur:
        from contentieux._version import __version__

        typer.echo(f"contentieux {__version__}")
        raise typer.Exit(0)


@app.callback()
def _groupe(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_afficher_version,
            is_eager=True,
            help="Affiche la version et quitte.",
        ),
    ] = False,
    verbeux: Annotated[
        bool,
        typer.Option(
            "--verbeux",
            help="Affiche aussi les journaux et avertissements des bibliothèques (pyHanko, "
            "cryptography…) sur la sortie d'erreur ; sans elle, elle n'en montre aucun.",
        ),
    ] = False,
) -> None:
    """Recouvrement de créances en droit français : règles, décompte, recevabilité."""
    from contentieux.cli.journaux import configurer_journaux

    configurer_journaux(verbeux)


def lire_parametres_actes(chemin: Path | None) -> dict[str, Any] | None:
    """Paramètres des actes d'un fichier ``--parametres`` (YAML ou JSON) : une table, ou un
    fichier qui n'a qu'une section ``actes:`` comme celle d'un dossier. ``None`` sans fichier."""
    if chemin is None:
        return None
    from contentieux.lecture import lire_donnees

    donnees = executer(lambda: lire_donnees(chemin))
    if isinstance(donnees, dict) and isinstance(donnees.get("actes"), dict) and len(donnees) == 1:
        donnees = donnees["actes"]
    if not isinstance(donnees, dict):
        echouer(
            f"--parametres {chemin} : une table de paramètres est attendue (lieu, "
            "plan, agence…), comme la section « actes: » d'un dossier",
            champ="--parametres",
        )
    return donnees


# --- tableaux à la largeur du terminal ----------------------------------------------------------


def tableau(
    titre: str,
    colonnes: Sequence[tuple[str, str]],
    lignes: Sequence[Sequence[Any]],
    largeur_totale: int | None = None,
) -> Any:
    """Un tableau Rich qui tient dans ``largeur_totale`` colonnes (:func:`largeur` par défaut)
    sans jamais couper un montant, une date, un article ni un identifiant.

    ``colonnes`` : ``(en-tête, sorte)`` ; sorte ``"entier"`` (montant, identifiant : jamais
    coupé, aligné à droite si ``"entier>"``) ou ``"texte"`` (replié aux espaces ordinaires ; les
    montants, dates et articles qu'il contient restent d'un bloc, voir
    :func:`contentieux.presentation.proteger`). Les cellules sont du texte brut (aucune balise
    Rich interprétée : les données des dossiers s'affichent telles quelles) ou des
    ``rich.text.Text`` déjà stylés, laissés tels quels.
    """
    from rich.table import Table
    from rich.text import Text

    from contentieux.presentation import fin, proteger

    total = largeur_totale or largeur()
    cellules = [[c if isinstance(c, Text) else str(c) for c in ligne] for ligne in lignes]

    def longueur(cellule: Any) -> int:
        texte = cellule.plain if isinstance(cellule, Text) else cellule
        return max((len(x) for x in texte.splitlines()), default=0)

    def plus_long_bloc(cellule: Any) -> int:
        texte = cellule.plain if isinstance(cellule, Text) else proteger(cellule)
        return max((len(mot) for mot in texte.split()), default=0)

    largeurs: list[int] = []
    for i, (entete, _) in enumerate(colonnes):
        largeurs.append(max([len(entete)] + [longueur(ligne[i]) for ligne in cellules]))
    textes = [i for i, (_, sorte) in enumerate(colonnes) if sorte == "texte"]
    reste = (
        total - (3 * len(colonnes) + 1) - sum(w for i, w in enumerate(largeurs) if i not in textes)
    )
    naturel = sum(largeurs[i] for i in textes)
    if textes and naturel > reste:
        minimums = {
            i: max(
                [max((len(m) for m in colonnes[i][0].split()), default=1)]
                + [plus_long_bloc(ligne[i]) for ligne in cellules]
            )
            for i in textes
        }
        # Chaque colonne de texte a au moins son plus long bloc insécable ; la place restante
        # est partagée au prorata de ce qui manque à chacune pour tenir sur une ligne.
        libre = max(0, reste - sum(minimums.values()))
        manques = {i: max(0, largeurs[i] - minimums[i]) for i in textes}
        somme = sum(manques.values()) or 1
        for i in textes:
            largeurs[i] = minimums[i] + libre * manques[i] // somme
    table = Table(title=titre)
    for i, (entete, sorte) in enumerate(colonnes):
        if sorte == "texte":
            table.add_column(entete, width=largeurs[i], overflow="fold")
        else:
            table.add_column(
                entete,
                justify="right" if sorte.endswith(">") else "left",
                no_wrap=True,
                min_width=largeurs[i],
            )
    for ligne in cellules:
        rendue = []
        for i, cellule in enumerate(ligne):
            if isinstance(cellule, Text) or colonnes[i][1] != "texte":
                rendue.append(cellule if isinstance(cellule, Text) else Text(cellule))
                continue
            paragraphes = [
                fin(
                    textwrap.wrap(
                        proteger(p),
                        width=largeurs[i],
                        break_long_words=False,
                        break_on_hyphens=False,
                    )
                )
                for p in cellule.splitlines()
            ]
            rendue.append(Text("\n".join(paragraphes)))
        table.add_row(*rendue)
    return table
