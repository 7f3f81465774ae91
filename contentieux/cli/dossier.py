"""Commandes sur un dossier : ``valider``, ``decompte``, ``verifier``, ``demo``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.panel import Panel
from rich.table import Table

from contentieux.cli.commun import (
    DATE_DEMO,
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
)
from contentieux.francais import formater_montant, formater_taux

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

_REGIMES_DECOMPTE = {
    "taux_legal": "légal",
    "penalites_b2b": "L441-10",
    "commande_publique": "R2192-31",
    "jugement": "jugement",
}
_POSTES_DECOMPTE = {"interets": "intérêts", "indemnite": "indemnité", "principal": "principal"}


def afficher_decompte(decompte: Any) -> None:
    """Tableau Rich d'un décompte : lignes, indemnités, clauses pénales, paiements, totaux."""
    from rich import box

    from contentieux.francais import formater_date, formater_taux

    un_jour = dt.timedelta(days=1)
    exact = decompte.options.diviseur == "exact"
    table = Table(
        title=f"Décompte du dossier {decompte.dossier} au {formater_date(decompte.au)}",
        caption=(
            "Période : du premier au dernier jour compté. "
            f"Diviseur {'365 ou 366 (exact)' if exact else '365'}. "
            f"Régimes : légal = taux légal, L441-10 = pénalités entre professionnels, "
            "R2192-31 = commande publique, jugement = après condamnation."
        ),
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
    )
    table.add_column("Facture", no_wrap=True)
    table.add_column("Régime", no_wrap=True)
    table.add_column("Période")
    table.add_column("Jours", justify="right", no_wrap=True)
    table.add_column("Base", justify="right", no_wrap=True)
    table.add_column("Taux", justify="right", no_wrap=True)
    if exact:
        table.add_column("Div.", justify="right", no_wrap=True)
    table.add_column("Montant", justify="right", no_wrap=True)
    for li in decompte.lignes:
        cellules = [
            li.facture or li.creance,
            _REGIMES_DECOMPTE[li.regime] + ("*" if li.note else ""),
            f"{(li.du + un_jour):%d/%m/%y} → {li.au:%d/%m/%y}",
            str(li.jours),
            formater_montant(li.base),
            formater_taux(li.taux),
        ]
        if exact:
            cellules.append(str(li.diviseur))
        cellules.append(formater_montant(li.montant))
        table.add_row(*cellules)
    console.print(table)
    for li in decompte.lignes:
        if li.note:
            console.print(f"  * {li.facture} : {li.note}")
    for ind in decompte.indemnites:
        console.print(
            f"Indemnité {ind.nature} {ind.facture or ind.creance} : "
            f"[bold]{formater_montant(ind.montant)}[/] ({ind.motif} ; {ind.fondement})"
        )
    for cp in decompte.clauses_penales:
        console.print(
            f"Clause pénale {cp.creance} : [bold]{formater_montant(cp.montant)}[/] "
            f"({cp.fondement})"
        )
    for cap in decompte.capitalisations:
        console.print(
            f"Capitalisation {cap.facture} le {cap.date:%d/%m/%Y} : "
            f"{formater_montant(cap.montant)} ({cap.fondement})"
        )
    for imp in decompte.imputations:
        parts = ", ".join(
            f"{p.facture} {_POSTES_DECOMPTE[p.nature]} {formater_montant(p.montant)}"
            for p in imp.parts
        )
        console.print(
            f"Paiement du {imp.date:%d/%m/%Y} de {formater_montant(imp.montant)} : {parts}"
        )
    totaux = Table(show_header=False, box=None)
    totaux.add_column()
    totaux.add_column(justify="right")
    for libelle, montant in (
        ("Principal initial", decompte.total_principal),
        ("Paiements", decompte.total_paiements),
        ("Principal restant dû", decompte.total_principal_restant),
        ("Intérêts", decompte.total_interets),
        ("Pénalités de retard", decompte.total_penalites),
        ("Indemnités", decompte.total_indemnites),
        ("Clauses pénales", decompte.total_clauses_penales),
        ("Accessoires déjà réglés", decompte.total_accessoires_regles),
    ):
        totaux.add_row(libelle, formater_montant(montant))
    totaux.add_row("[bold]Total restant dû[/]", f"[bold]{formater_montant(decompte.total)}[/]")
    console.print(totaux)
    if decompte.fondements:
        console.print("Fondements : " + " ; ".join(decompte.fondements))
    for avertissement in decompte.avertissements:
        console.print(f"[yellow]Attention[/] : {avertissement}")


@app.command("decompte")
def commande_decompte(
    dossier: ArgumentDossier,
    au: OptionAu,
    json_: OptionJson = False,
    diviseur: Annotated[
        str,
        typer.Option("--diviseur", help="365 (par défaut) ou exact (366 les années bissextiles)."),
    ] = "365",
    depart: Annotated[
        str,
        typer.Option(
            "--depart-taux-legal",
            help="Point de départ du taux légal : reception (par défaut) ou envoi.",
        ),
    ] = "reception",
    compte_jours: Annotated[
        str,
        typer.Option(
            "--compte-jours",
            help=(
                "debut_exclu (par défaut : le jour de départ ne compte pas) ou deux_bornes "
                "(le jour de départ compte aussi)."
            ),
        ),
    ] = "debut_exclu",
    apres_jugement: Annotated[
        str,
        typer.Option(
            "--apres-jugement",
            help=(
                "regime (par défaut : pénalités L441-10, taux stipulé et intérêts de la commande "
                "publique continuent, sans +5 points) ou taux_legal (le jugement a alloué le "
                "taux légal : +5 points, CMF L313-3)."
            ),
        ),
    ] = "regime",
    plancher_contrat_muet: Annotated[
        bool,
        typer.Option(
            "--plancher-contrat-muet",
            help=(
                "Applique aussi le plancher de 3 × le taux légal au taux par défaut des "
                "pénalités d'un contrat muet (2024 ; question non tranchée)."
            ),
        ),
    ] = False,
    regles: OptionRegles = None,
) -> None:
    """Ce qui est dû sur un dossier à une date : intérêts, pénalités, 40 €, paiements, totaux."""
    date = lire_date(au)
    if diviseur not in {"365", "exact"}:
        echouer(f"--diviseur : « {diviseur} » inconnu ; choisissez 365 ou exact")
    if depart not in {"reception", "envoi"}:
        echouer(f"--depart-taux-legal : « {depart} » inconnu ; choisissez reception ou envoi")
    if compte_jours not in {"debut_exclu", "deux_bornes"}:
        echouer(
            f"--compte-jours : « {compte_jours} » inconnu ; choisissez debut_exclu ou deux_bornes"
        )
    if apres_jugement not in {"regime", "taux_legal"}:
        echouer(
            f"--apres-jugement : « {apres_jugement} » inconnu ; choisissez regime ou taux_legal"
        )
    lu = charger_dossier(dossier)
    from contentieux.interets import etablir_decompte
    from contentieux.modeles.decompte import OptionsDecompte
    from contentieux.regles import charger_regles

    jeu = executer(lambda: charger_regles(regles))
    options = executer(
        lambda: OptionsDecompte.model_validate(
            {
                "diviseur": diviseur,
                "depart_taux_legal": depart,
                "compte_jours": compte_jours,
                "apres_jugement": apres_jugement,
                "plancher_contrat_muet": plancher_contrat_muet,
            }
        )
    )
    resultat = executer(lambda: etablir_decompte(lu, au=date, regles=jeu, options=options))
    if json_:
        afficher_json(resultat.model_dump(mode="json"))
        return
    afficher_decompte(resultat)


def _demo_decompte(dossier: Any, date: dt.date) -> None:
    """Étape de démonstration : le décompte du dossier d'exemple."""
    from contentieux.interets import etablir_decompte

    afficher_decompte(executer(lambda: etablir_decompte(dossier, au=date)))


ETAPES_DEMO.append(_demo_decompte)


# --- recevabilité -------------------------------------------------------------------------------
# Commande `verifier` et son étape de démonstration (ETAPES_DEMO.append).

_SYMBOLES = {True: "[green]✓[/]", False: "[red]✗[/]", None: "[yellow]?[/]"}


def lire_annuaire(chemin: Path) -> dict[str, str]:
    """Annuaire YAML des juridictions : code postal ou commune → nom exact de la juridiction."""
    from contentieux.erreurs import DonneesInvalides
    from contentieux.lecture import lire_donnees

    donnees = lire_donnees(chemin)
    if not isinstance(donnees, dict) or not all(
        isinstance(v, str) for v in donnees.values()
    ):
        raise DonneesInvalides(
            f"{chemin} : annuaire invalide ; écrivez une ligne par clé, par exemple "
            '« "69002": Tribunal des activités économiques de Lyon »'
        )
    return {str(k): v for k, v in donnees.items()}


def afficher_recevabilite(rapport: Any) -> None:
    """Rapport de recevabilité lisible : constats, voie, juridiction, calendrier."""
    verdict = {
        True: "[green]recevable[/]",
        False: "[red]irrecevable[/]",
        None: "[yellow]indéterminée[/]",
    }
    console.print(
        f"[bold]Recevabilité du dossier {rapport.dossier} au {rapport.au.isoformat()}[/] : "
        f"{verdict[rapport.recevable]}"
    )
    for alerte in rapport.avertissements:
        console.print(Panel(f"[bold red]{alerte}[/]", title="[bold red]URGENT[/]", expand=False))
    table = Table(show_header=True, show_lines=True)
    table.add_column("", justify="center")
    table.add_column("Condition", style="bold")
    table.add_column("Motif")
    table.add_column("Fondements")
    for constat in rapport.constats:
        motif = constat.motif
        if constat.faits_manquants:
            motif += "\n[yellow]Faits manquants[/] : " + ", ".join(constat.faits_manquants)
        for avertissement in constat.avertissements:
            motif += f"\n[dim]• {avertissement}[/]"
        table.add_row(
            _SYMBOLES[constat.satisfaite], constat.intitule, motif, "\n".join(constat.fondements)
        )
    console.print(table)
    voie = rapport.voie
    texte = "\n".join(f"• {m}" for m in voie.motifs)
    if voie.avertissements:
        texte += "\n" + "\n".join(f"[dim]! {a}[/]" for a in voie.avertissements)
    texte += f"\n[dim]{' ; '.join(voie.fondements)}[/]"
    console.print(Panel(texte, title=f"Voie recommandée : {voie.intitule}", expand=False))
    if rapport.juridiction is not None:
        j = rapport.juridiction
        lignes = [f"[bold]{j.intitule}[/]" + (f" — {j.nom}" if j.nom else "")]
        lignes.append(f"Lieu : {j.lieu}")
        lignes.append(j.regle_territoriale)
        lignes.extend(f"[dim]! {a}[/]" for a in j.avertissements)
        console.print(Panel("\n".join(lignes), title="Juridiction", expand=False))
    if rapport.calendrier:
        calendrier = Table(title="Calendrier")
        calendrier.add_column("Date")
        calendrier.add_column("Étape")
        calendrier.add_column("Règle")
        calendrier.add_column("Fondement")
        for etape in rapport.calendrier:
            date = etape.date.isoformat() if etape.date else "—"
            if etape.echue:
                date += " (échue)"
            calendrier.add_row(date, etape.intitule, etape.regle, etape.fondement)
        console.print(calendrier)
    if rapport.faits_manquants:
        console.print("[yellow]Faits à fournir[/] : " + ", ".join(rapport.faits_manquants))


@app.command("verifier")
def commande_verifier(
    dossier: ArgumentDossier,
    au: OptionAu,
    json_: OptionJson = False,
    regles: OptionRegles = None,
    annuaire: Annotated[
        Path | None,
        typer.Option(
            "--annuaire", help="Annuaire YAML : code postal ou commune → nom de la juridiction."
        ),
    ] = None,
    marge_prescription: Annotated[
        int | None,
        typer.Option(
            "--marge-prescription",
            min=0,
            help="Jours avant la prescription en deçà desquels un acte interruptif est "
            "recommandé (choix prudentiel, non règle de droit ; 60 par défaut).",
        ),
    ] = None,
) -> None:
    """Recevabilité d'un dossier : conditions, voie recommandée, juridiction, calendrier."""
    date = lire_date(au)
    lu = charger_dossier(dossier)
    from contentieux.recevabilite import verifier_recevabilite
    from contentieux.regles import charger_regles

    jeu = executer(lambda: charger_regles(regles))
    repertoire = executer(lambda: lire_annuaire(annuaire)) if annuaire else None
    options: dict[str, Any] = {}
    if marge_prescription is not None:
        options["marge_prescription_jours"] = marge_prescription
    rapport = executer(
        lambda: verifier_recevabilite(lu, au=date, regles=jeu, annuaire=repertoire, **options)
    )
    if json_:
        afficher_json(rapport.model_dump(mode="json"))
        return
    afficher_recevabilite(rapport)


def _demo_recevabilite(dossier: Any, date: dt.date) -> None:
    """Étape de démonstration : le rapport de recevabilité du dossier d'exemple."""
    from contentieux.recevabilite import verifier_recevabilite

    afficher_recevabilite(executer(lambda: verifier_recevabilite(dossier, au=date)))


ETAPES_DEMO.append(_demo_recevabilite)


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
    valeurs, manquantes = jeu.en_vigueur(au=date)
    console.rule(f"[bold]contentieux — démonstration au {date.isoformat()}")
    console.print(f"Règles chargées : {len(jeu.identifiants())} paramètres ({jeu.version}).")
    principaux = {"interet_legal.particuliers", "interet_legal.autres", "bce.taux_refinancement"}
    for v in valeurs:
        if v.identifiant in principaux and not isinstance(v.valeur, tuple):
            console.print(f"  {v.libelle} : [bold]{formater_taux(v.valeur)}[/] ({v.source.titre})")
    for erreur in manquantes:
        if erreur.details.get("identifiant") in principaux:
            console.print(f"  [yellow]non couvert[/] : {erreur.details['identifiant']} au {date}")
    for nom in noms_exemples():
        console.rule(f"Exemple « {nom} »")
        dossier = executer(lambda nom=nom: dossier_exemple(nom))  # type: ignore[misc]
        afficher_dossier(dossier)
        for etape in ETAPES_DEMO:
            etape(dossier, date)
    console.rule("[green]Démonstration terminée")
