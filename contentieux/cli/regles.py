"""Commandes ``regles`` et ``schema`` : les valeurs légales datées, le schéma d'un dossier."""

from __future__ import annotations

from rich.table import Table

from contentieux.cli.commun import (
    OptionAu,
    OptionJson,
    OptionRegles,
    afficher_json,
    app,
    console,
    executer,
    lire_date,
)


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
        console.print(f"[yellow]non couvert[/] : {str(erreur).split(' Pour l')[0]}")
    if manquantes:
        console.print(
            "Pour ajouter une valeur sans modifier la bibliothèque : une surcouche "
            "(option --regles ou variable CONTENTIEUX_REGLES), voir docs/regles.md."
        )


# --- schéma -------------------------------------------------------------------------------------


@app.command("schema")
def commande_schema() -> None:
    """Le schéma JSON d'un dossier, pour les intégrateurs (ERP, facturation)."""
    from contentieux.modeles import Dossier

    afficher_json(Dossier.model_json_schema())
