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
    date_evaluation,
    echouer,
    executer,
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
    au: OptionAu = None,
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

    date = date_evaluation(au)
    formats = _formats(format)
    d = charger_dossier(dossier)
    params = lire_parametres_actes(parametres)
    atelier = executer(lambda: Atelier(gabarits, regles=_regles(regles)))
    executer(lambda: sortie.mkdir(parents=True, exist_ok=True))
    produits = [
        executer(lambda f=f: atelier.generer(acte, d, au=date, format=f, parametres=params))  # type: ignore[misc]
        for f in formats
    ]
    console.print(f"Actes établis au {date:%d/%m/%Y} :")
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
    # L'identifiant est ce que l'utilisateur tape : jamais coupé ni abrégé.
    table.add_column(
        "Acte", style="bold", no_wrap=True, min_width=max(len(m.identifiant) for m in manifestes)
    )
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
    """Relit les données embarquées d'un acte PDF, recalcule et dit si ses chiffres tiennent.

    Échoue aussi (code 1) si le PDF a été modifié après sa production autrement que par des
    signatures et des données de validation, en disant quelle révision. Qui a signé : voir
    verifier-signature.
    """
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
        signatures = [r for r in rapport.revisions if r.nature != "production"]
        if not rapport.revisions_suspectes:
            admises = f" ; {len(signatures)} révision(s) admise(s) depuis" if signatures else ""
            console.print(f"  [green]✓[/] PDF tel que produit{admises}")
        for revision in rapport.revisions_suspectes:
            console.print(
                f"  [red]✗[/] révision {revision.numero} (après la production) : "
                f"{escape(revision.detail)} — ni une signature ni des données de validation"
            )
        if rapport.tient:
            console.print("[green]Les chiffres imprimés tiennent toujours.[/]")
        elif rapport.revisions_suspectes:
            console.print(
                "[red]Le PDF a été modifié après sa production : ce que l'on voit n'est plus "
                "ce qui a été produit.[/]"
            )
        else:
            console.print("[red]Les chiffres imprimés ne tiennent plus.[/]")
    if not rapport.tient:
        raise typer.Exit(1)


def _demo_actes(dossier: Any, date: dt.date, sortie: Path | None = None) -> None:
    """Étape de démonstration : chaque acte qui convient au dossier (PDF et DOCX dans ``sortie``).

    Sans ``sortie``, les actes sont produits et vérifiés en mémoire, sans fichier écrit. Un acte
    non produit est dit avec sa raison entière (refus du droit, ou données manquantes avec les
    chemins où les ajouter) ; les noms de fichiers ne sont jamais coupés.
    """
    from contentieux.actes import ACTES, Atelier
    from contentieux.cli.commun import afficher_texte, largeur, separer_a_copier
    from contentieux.erreurs import ErreurContentieux
    from contentieux.presentation import couper, fin

    atelier = Atelier()
    lieu = f" dans {sortie}" if sortie is not None else ""
    lignes = couper(f"Actes du dossier {dossier.reference} (PDF et DOCX{lieu}) :", largeur())
    sautes = 0
    for acte in ACTES:
        try:
            produits = [
                atelier.generer(acte, dossier, au=date, format=f)  # type: ignore[arg-type]
                for f in FORMATS
            ]
        except ErreurContentieux as exc:
            sautes += 1
            explication, a_copier = separer_a_copier(exc.message)
            lignes += couper(f"- {acte} : non produit", largeur(), "  ", "    ")
            for paragraphe in explication.splitlines():
                lignes += couper(paragraphe, largeur(), "    ", "    ")
            for ligne in a_copier.splitlines():
                if ligne.lstrip().startswith("- "):  # « - chemin (explication) » : replié
                    lignes += couper(ligne.strip(), largeur(), "      ", "        ")
                else:  # le YAML à copier, tel quel
                    lignes.append("    " + ligne)
            continue
        noms = []
        for p in produits:
            if sortie is not None:
                sortie.mkdir(parents=True, exist_ok=True)
                ecrire_atomique(chemin_sous(sortie, p.nom_fichier), p.contenu)
            noms.append(p.nom_fichier)
        lignes += couper(f"✓ {acte} : {', '.join(noms)}", largeur(), "  ", "    ")
    if sautes:
        lignes.append(f"  {sautes} acte(s) non produit(s) pour ce dossier, raisons ci-dessus.")
    afficher_texte(fin(lignes))


ETAPES_DEMO.append(_demo_actes)
