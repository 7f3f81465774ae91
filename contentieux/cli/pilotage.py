"""Commandes du pilotage : ``pilotage`` (indicateurs, rapport) et ``agenda`` (relances)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from contentieux.cli.commun import (
    ETAPES_DEMO,
    OptionAu,
    OptionJson,
    OptionRegles,
    afficher_json,
    afficher_texte,
    app,
    console,
    date_evaluation,
    echouer,
    executer,
    largeur,
    lire_date,
    lire_parametres_actes,
    tableau,
)

ArgumentEntree = Annotated[
    Path,
    typer.Argument(
        help="Grand livre : fichier .jsonl (dossiers et avoirs), .csv de factures, dossier "
        ".yaml/.json ou répertoire."
    ),
]
OptionScenario = Annotated[
    Path | None,
    typer.Option("--scenario", help="Scénario de relance YAML (sinon celui du paquet)."),
]


def _periode(texte: str | None) -> tuple[dt.date, dt.date] | None:
    if texte is None:
        return None
    morceaux = texte.split(":")
    if len(morceaux) != 2:
        echouer(
            f"--periode : « {texte} » invalide ; écrivez DEBUT:FIN, par exemple "
            "2026-01-01:2026-03-31"
        )
    debut = lire_date(morceaux[0], "--periode (début)")
    fin = lire_date(morceaux[1], "--periode (fin)")
    if debut > fin:
        echouer(f"--periode : le début {debut} suit la fin {fin} ; écrivez DEBUT:FIN dans l'ordre")
    return debut, fin


def _charger(entree: Path) -> tuple[Any, Any, Any]:
    from contentieux.pilotage.grand_livre import construire_grand_livre, lire_grand_livre

    def lire() -> tuple[Any, Any, Any]:
        dossiers, avoirs = lire_grand_livre(entree)
        if not dossiers:
            echouer(f"{entree} : aucun dossier dans l'entrée ; le grand livre est vide")
        return dossiers, avoirs, construire_grand_livre(dossiers, avoirs)

    return executer(lire)


def _valeur(ind: Any) -> str:
    if ind.valeur is None:
        return "—"
    texte = str(ind.valeur).replace(".", ",")
    return f"{texte} j" if ind.unite == "jours" else f"{texte} %"


def _montant_court(valeur: Any) -> str:
    """Montant sans symbole (l'en-tête dit « euros »), tiret pour zéro."""
    from babel.numbers import format_decimal

    return "–" if valeur == 0 else str(format_decimal(valeur, format="#,##0.00", locale="fr_FR"))


def afficher_indicateurs(resultat: Any) -> None:
    """Tableaux Rich des indicateurs et de la balance âgée (texte des dossiers échappé)."""
    from contentieux.francais import formater_date, formater_montant
    from contentieux.pilotage.indicateurs import (
        LIBELLES_ETAPES,
        LIBELLES_TRANCHES,
        TRANCHES,
        arrondir_dixieme,
    )

    console.print(
        f"[bold]Pilotage au {formater_date(resultat.au)}[/] — période du "
        f"{formater_date(resultat.periode_debut)} au {formater_date(resultat.periode_fin)}, "
        f"DSO sur {resultat.jours} jours"
    )
    lignes = [
        ["Encours net", formater_montant(resultat.encours), ""],
        ["dont échu", formater_montant(resultat.encours_echu), ""],
    ]
    for ind in (
        resultat.dso,
        resultat.dso_epuisement,
        resultat.meilleur_dso,
        resultat.add,
        resultat.cei,
        resultat.taux_recouvrement,
        resultat.delai_moyen_recouvrement,
        resultat.taux_reussite_plans,
    ):
        lignes.append([ind.intitule, _valeur(ind), ind.motif])
    colonnes = [("Indicateur", "texte"), ("Valeur", "entier>"), ("Calcul", "texte")]
    console.print(tableau("Indicateurs", colonnes, lignes))
    total = resultat.balance.total
    tranches = Table(title="Balance âgée : total par ancienneté")
    tranches.add_column("Tranche")
    tranches.add_column("Montant TTC", justify="right")
    tranches.add_column("Part", justify="right")
    for cle in (*TRANCHES, "non_affecte"):
        montant = getattr(total, cle)
        part = (
            f"{arrondir_dixieme(montant / total.total * 100)}".replace(".", ",") + " %"
            if total.total > 0
            else "—"
        )
        tranches.add_row(LIBELLES_TRANCHES[cle], _montant_court(montant), part)
    tranches.add_row("[bold]Total[/]", f"[bold]{_montant_court(total.total)}[/]", "")
    console.print(tranches)
    colonnes = [
        ("Débiteur", "texte"),
        ("Non échu", "entier>"),
        ("Échu", "entier>"),
        ("dont > 90 j", "entier>"),
        ("Total", "entier>"),
    ]
    lignes = []
    for ligne in resultat.balance.lignes:
        t = ligne.tranches
        lignes.append(
            [
                ligne.debiteur,
                _montant_court(t.non_echu),
                _montant_court(t.total - t.non_echu),
                _montant_court(t.j91_180 + t.plus_180),
                _montant_court(t.total),
            ]
        )
    console.print(tableau("Balance âgée par débiteur (euros TTC)", colonnes, lignes))
    etapes = Table(title="Dossiers par étape")
    etapes.add_column("Étape")
    etapes.add_column("Dossiers", justify="right")
    for cle, nombre in resultat.dossiers_par_etape.items():
        etapes.add_row(LIBELLES_ETAPES[cle], str(nombre))
    console.print(etapes)


@app.command("pilotage")
def commande_pilotage(
    entree: ArgumentEntree,
    au: OptionAu = None,
    periode: Annotated[
        str | None,
        typer.Option("--periode", help="Période DEBUT:FIN (CEI, recouvrement) ; défaut : le mois."),
    ] = None,
    jours: Annotated[
        int, typer.Option("--jours", min=1, max=3660, help="Fenêtre du DSO (ratio), en jours.")
    ] = 90,
    json_: OptionJson = False,
    html: Annotated[Path | None, typer.Option("--html", help="Écrit le rapport HTML.")] = None,
    pdf: Annotated[Path | None, typer.Option("--pdf", help="Écrit le rapport PDF.")] = None,
    scenario: OptionScenario = None,
    regles: OptionRegles = None,
) -> None:
    """Indicateurs du poste clients (balance âgée, DSO, ADD, CEI, recouvrement) et rapport."""
    from contentieux.pilotage.agenda import etablir_agenda
    from contentieux.pilotage.indicateurs import calculer_indicateurs
    from contentieux.pilotage.scenario import lire_scenario
    from contentieux.regles import charger_regles

    date = date_evaluation(au)
    bornes = _periode(periode)
    dossiers, _avoirs, livre = _charger(entree)

    def calculer() -> tuple[Any, Any, Any]:
        choisi = lire_scenario(scenario)
        jeu = charger_regles(regles)
        recevabilites: dict[str, Any] = {}
        agenda = etablir_agenda(
            dossiers,
            au=date,
            scenario=choisi,
            regles=jeu,
            livre=livre,
            recevabilites=recevabilites,
        )
        resultat = calculer_indicateurs(
            dossiers, livre, au=date, periode=bornes, jours=jours, recevabilites=recevabilites
        )
        return resultat, agenda, choisi

    resultat, agenda, choisi = executer(calculer)
    if html is not None or pdf is not None:
        from contentieux.pilotage.rapport import ecrire_pdf, rendre_html

        page = rendre_html(
            resultat, agenda, etapes_scenario=[(e.code, e.intitule) for e in choisi.etapes]
        )
        if html is not None:
            from contentieux.ecriture import ecrire_atomique

            executer(lambda: ecrire_atomique(html, page.encode("utf-8")))
        if pdf is not None:
            executer(lambda: ecrire_pdf(page, pdf))
    if json_:
        afficher_json(json.loads(resultat.model_dump_json()))
        return
    afficher_indicateurs(resultat)
    for chemin in (html, pdf):
        if chemin is not None:
            console.print(f"Rapport écrit : {escape(str(chemin))}")


def afficher_agenda(agenda: Any) -> None:
    """L'agenda : un tableau (dossier, dû, situation, étape du jour, prochaine), puis le
    pourquoi de chaque dossier (texte des dossiers échappé)."""
    from contentieux.francais import formater_date, formater_montant
    from contentieux.pilotage.agenda import LIBELLES_STATUTS

    colonnes = [
        ("Dossier / débiteur", "texte"),
        ("Dû", "entier>"),
        ("Situation", "texte"),
        ("Étape du jour", "texte"),
        ("Prochaine", "texte"),
    ]
    lignes: list[list[Any]] = []
    for d in agenda.decisions:
        etape = "—"
        if d.etape is not None:
            etape = d.etape.intitule
            if d.etape.canal is not None:
                etape += f" ({d.etape.canal.value})"
            if d.etape.faite_le is not None:
                etape += f", faite le {formater_date(d.etape.faite_le)}"
            elif d.etape.date is not None:
                etape += f", le {formater_date(d.etape.date)}"
        prochaine = (
            f"{d.prochaine.intitule}, le {formater_date(d.prochaine.date)}"
            if d.prochaine and d.prochaine.date
            else "—"
        )
        couleur = "red" if d.a_decider else ("yellow" if d.statut == "suspendu" else "")
        situation = LIBELLES_STATUTS[d.statut]
        lignes.append(
            [
                f"{d.dossier}\n{d.debiteur}",
                formater_montant(d.montant_du),
                Text(situation, style=couleur) if couleur else situation,
                etape,
                prochaine,
            ]
        )
    titre = f"Agenda au {formater_date(agenda.au)} — {escape(agenda.scenario)}"
    console.print(tableau(titre, colonnes, lignes))
    from contentieux.presentation import couper, fin

    lignes_pourquoi = ["Pourquoi"]
    for d in agenda.decisions:
        lignes_pourquoi += couper(f"{d.dossier} : " + " ".join(d.motifs), largeur(), "", "  ")
    afficher_texte(fin(lignes_pourquoi))


@app.command("agenda")
def commande_agenda(
    entree: ArgumentEntree,
    au: OptionAu = None,
    scenario: OptionScenario = None,
    json_: OptionJson = False,
    generer: Annotated[
        bool, typer.Option("--generer", help="Produit les actes dus (PDF) dans -o.")
    ] = False,
    sortie: Annotated[
        Path | None, typer.Option("-o", "--sortie", help="Répertoire des actes produits.")
    ] = None,
    parametres: Annotated[
        Path | None,
        typer.Option(
            "--parametres",
            help="Paramètres des actes (YAML ou JSON), comme la section « actes: » d'un dossier.",
        ),
    ] = None,
    regles: OptionRegles = None,
) -> None:
    """Agenda de relance : étape due au jour dit, la suivante, et pourquoi (garde-fous d'abord)."""
    from contentieux.pilotage.agenda import etablir_agenda
    from contentieux.pilotage.scenario import lire_scenario
    from contentieux.regles import charger_regles

    date = date_evaluation(au)
    if generer and sortie is None:
        echouer("--generer : indiquez le répertoire des actes avec -o RÉPERTOIRE")
    dossiers, _avoirs, livre = _charger(entree)
    agenda = executer(
        lambda: etablir_agenda(
            dossiers,
            au=date,
            scenario=lire_scenario(scenario),
            regles=charger_regles(regles),
            livre=livre,
        )
    )
    bilan = None
    if generer and sortie is not None:
        from contentieux.pilotage.generation import generer_actes_dus

        params = lire_parametres_actes(parametres)
        bilan = executer(
            lambda: generer_actes_dus(
                agenda, dossiers, sortie=sortie, regles=regles, parametres=params
            )
        )
    if json_:
        donnees: dict[str, Any] = json.loads(agenda.model_dump_json())
        if bilan is not None:
            donnees["generation"] = bilan
        afficher_json(donnees)
        if bilan is not None and bilan["erreurs"]:
            raise typer.Exit(1)
        return
    afficher_agenda(agenda)
    if bilan is not None:
        console.print(
            f"Actes : {bilan['ok']} produit(s), {bilan['deja_faits']} déjà produit(s), "
            f"{bilan['erreurs']} en erreur — manifeste {escape(str(bilan['manifeste']))}"
        )
        for erreur in bilan["details_erreurs"]:
            console.print(f"[red]{escape(erreur)}[/]")
        if bilan["erreurs"]:
            raise typer.Exit(1)


def _demo_agenda(dossier: Any, date: dt.date, sortie: Path | None = None) -> None:
    """Étape de démonstration : l'agenda du dossier d'exemple."""
    from contentieux.pilotage.agenda import etablir_agenda

    afficher_agenda(etablir_agenda([dossier], au=date))


ETAPES_DEMO.append(_demo_agenda)
