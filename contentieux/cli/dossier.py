"""Commandes sur un dossier : ``valider``, ``decompte``, ``verifier``, ``demo``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from contentieux.cli.commun import (
    DATE_DEMO,
    ETAPES_DEMO,
    SORTIE_DEMO,
    ArgumentDossier,
    EtapeDemo,
    OptionAu,
    OptionJson,
    OptionRegles,
    afficher_json,
    afficher_texte,
    app,
    charger_dossier,
    console,
    date_evaluation,
    decrire_erreur,
    dependance_manquante,
    echouer,
    erreurs,
    executer,
    largeur,
    signaler,
)
from contentieux.erreurs import RegleNonCouverte
from contentieux.francais import formater_date

# --- dossiers -----------------------------------------------------------------------------------


def afficher_dossier(dossier: Any) -> None:
    """Résumé d'un dossier : parties et créances (texte de :mod:`contentieux.presentation`)."""
    from contentieux.presentation import texte_dossier

    afficher_texte(texte_dossier(dossier, largeur()))


def afficher_avertissements_date(dossier: Any, au: dt.date) -> None:
    """Avertit (sur la sortie d'erreur) quand ``--au`` précède des factures du dossier."""
    from contentieux.presentation import avertissements_date

    for texte in avertissements_date(dossier, au):
        erreurs.print(f"Attention : {texte}", markup=False, highlight=False)


@app.command("valider")
def commande_valider(dossier: ArgumentDossier, json_: OptionJson = False) -> None:
    """Valide un dossier et en affiche le résumé."""
    lu = charger_dossier(dossier)
    if json_:
        afficher_json({"valide": True, "dossier": lu.model_dump(mode="json")})
        return
    afficher_dossier(lu)
    console.print("Dossier valide.", style="green", markup=False, highlight=False)


# --- décompte -----------------------------------------------------------------------------------
# Commande `decompte` et son étape de démonstration (ETAPES_DEMO.append).


def afficher_decompte(decompte: Any) -> None:
    """Le décompte en texte (celui de ``str(decompte)``, à la largeur du terminal)."""
    from contentieux.presentation import texte_decompte

    afficher_texte(texte_decompte(decompte, largeur()))


def _aide(champ: str) -> str:
    """Aide d'une option du décompte : la description du champ d'``OptionsDecompte`` (une seule
    source pour la bibliothèque, la commande et la documentation)."""
    from contentieux.modeles.decompte import OptionsDecompte

    info = OptionsDecompte.model_fields[champ]
    return f"{info.description or ''} Par défaut : {info.default}."


@app.command("decompte")
def commande_decompte(
    dossier: ArgumentDossier,
    au: OptionAu = None,
    json_: OptionJson = False,
    diviseur: Annotated[str, typer.Option("--diviseur", help=_aide("diviseur"))] = "365",
    depart: Annotated[
        str, typer.Option("--depart-taux-legal", help=_aide("depart_taux_legal"))
    ] = "reception",
    compte_jours: Annotated[
        str, typer.Option("--compte-jours", help=_aide("compte_jours"))
    ] = "debut_exclu",
    apres_jugement: Annotated[
        str, typer.Option("--apres-jugement", help=_aide("apres_jugement"))
    ] = "regime",
    factures_prescrites: Annotated[
        str, typer.Option("--factures-prescrites", help=_aide("factures_prescrites"))
    ] = "exclure",
    plancher_contrat_muet: Annotated[
        bool, typer.Option("--plancher-contrat-muet", help=_aide("plancher_contrat_muet"))
    ] = False,
    regles: OptionRegles = None,
) -> None:
    """Ce qui est dû sur un dossier à une date : intérêts, pénalités, 40 €, paiements, totaux.

    Les options sont celles d'``OptionsDecompte``, validées par elle (message français qui nomme
    l'option et les valeurs admises)."""
    date = date_evaluation(au)
    from pydantic import ValidationError

    from contentieux.modeles.decompte import OptionsDecompte

    choix = {
        "diviseur": diviseur,
        "depart_taux_legal": depart,
        "compte_jours": compte_jours,
        "apres_jugement": apres_jugement,
        "factures_prescrites": factures_prescrites,
        "plancher_contrat_muet": plancher_contrat_muet,
    }
    try:
        options = OptionsDecompte.model_validate(choix)
    except ValidationError as exc:  # une option mal choisie : erreur d'utilisation, pas de données
        premiere = exc.errors()[0]
        option = "--" + str(premiere["loc"][0]).replace("_", "-")
        message = str(premiere["msg"]).removeprefix("Value error, ")
        echouer(f"{option} : {message.split(' : ', 1)[-1]}", champ=option)
    lu = charger_dossier(dossier)
    if not json_:
        afficher_avertissements_date(lu, date)
    from contentieux.interets import etablir_decompte
    from contentieux.regles import charger_regles

    jeu = executer(lambda: charger_regles(regles))
    resultat = executer(lambda: etablir_decompte(lu, au=date, regles=jeu, options=options))
    if json_:
        afficher_json(resultat.model_dump(mode="json"))
        return
    afficher_decompte(resultat)


def _demo_decompte(dossier: Any, date: dt.date, sortie: Path) -> None:
    """Étape de démonstration : le décompte du dossier d'exemple."""
    from contentieux.interets import etablir_decompte

    afficher_decompte(executer(lambda: etablir_decompte(dossier, au=date)))


ETAPES_DEMO.append(_demo_decompte)


# --- recevabilité -------------------------------------------------------------------------------
# Commande `verifier` et son étape de démonstration (ETAPES_DEMO.append).


def lire_annuaire(chemin: Path) -> dict[str, str]:
    """Annuaire YAML des juridictions : code postal ou commune → nom exact de la juridiction."""
    from contentieux.erreurs import DonneesInvalides
    from contentieux.lecture import lire_donnees

    donnees = lire_donnees(chemin)
    if not isinstance(donnees, dict) or not all(isinstance(v, str) for v in donnees.values()):
        raise DonneesInvalides(
            f"{chemin} : annuaire invalide ; écrivez une ligne par clé, par exemple "
            '« "69002": Tribunal des activités économiques de Lyon »'
        )
    return {str(k): v for k, v in donnees.items()}


def afficher_recevabilite(rapport: Any) -> None:
    """Le rapport de recevabilité en texte (celui de ``str(rapport)``, à la largeur du terminal)."""
    from contentieux.presentation import texte_recevabilite

    afficher_texte(texte_recevabilite(rapport, largeur()))


@app.command("verifier")
def commande_verifier(
    dossier: ArgumentDossier,
    au: OptionAu = None,
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
    date = date_evaluation(au)
    lu = charger_dossier(dossier)
    if not json_:
        afficher_avertissements_date(lu, date)
    from contentieux.modeles.recevabilite import OptionsRecevabilite
    from contentieux.recevabilite import verifier_recevabilite
    from contentieux.regles import charger_regles

    jeu = executer(lambda: charger_regles(regles))
    repertoire = executer(lambda: lire_annuaire(annuaire)) if annuaire else None
    choix: dict[str, Any] = {"annuaire": repertoire}
    if marge_prescription is not None:
        choix["marge_prescription_jours"] = marge_prescription
    options = executer(lambda: OptionsRecevabilite(**choix))
    rapport = executer(lambda: verifier_recevabilite(lu, au=date, regles=jeu, options=options))
    if json_:
        afficher_json(rapport.model_dump(mode="json"))
        return
    afficher_recevabilite(rapport)


def _demo_recevabilite(dossier: Any, date: dt.date, sortie: Path) -> None:
    """Étape de démonstration : le rapport de recevabilité du dossier d'exemple."""
    from contentieux.recevabilite import verifier_recevabilite

    afficher_recevabilite(executer(lambda: verifier_recevabilite(dossier, au=date)))


ETAPES_DEMO.append(_demo_recevabilite)


# --- démonstration ------------------------------------------------------------------------------


@app.command("demo")
def commande_demo(
    au: Annotated[
        str,
        typer.Option("--au", metavar="AAAA-MM-JJ", help="Date d'évaluation de la démonstration."),
    ] = DATE_DEMO.isoformat(),
    sortie: Annotated[
        Path,
        typer.Option(
            "--sortie",
            "-o",
            metavar="DOSSIER",
            help="Dossier où la démonstration écrit ses fichiers (créé à la demande).",
        ),
    ] = SORTIE_DEMO,
) -> None:
    """Démonstration sur les dossiers d'exemple embarqués : règles, dossiers et chaîne complète.

    Un dossier que la démonstration ne peut pas traiter (règle non couverte à la date) est
    signalé, les suivants sont traités, et la commande échoue à la fin (code de sortie non nul).
    """
    from contentieux.exemples import dossier_exemple, noms_exemples
    from contentieux.presentation import couper, fin, taux
    from contentieux.presentation import date as date_longue
    from contentieux.regles import charger_regles

    date = date_evaluation(au)
    jeu = charger_regles()
    valeurs, manquantes = jeu.en_vigueur(au=date)
    console.rule(f"contentieux — démonstration au {formater_date(date)}")
    lignes = couper(
        f"Règles chargées : {len(jeu.identifiants())} paramètres ({jeu.version}).", largeur()
    )
    principaux = {"interet_legal.particuliers", "interet_legal.autres", "bce.taux_refinancement"}
    for v in valeurs:
        if v.identifiant in principaux and not isinstance(v.valeur, tuple):
            lignes += couper(
                f"{v.libelle} : {taux(v.valeur)} ({v.source.titre})", largeur(), "  ", "    "
            )
    for erreur in manquantes:
        if erreur.identifiant in principaux:
            lignes += couper(
                f"non couvert : {erreur.identifiant} au {date_longue(date)}",
                largeur(),
                "  ",
            )
    afficher_texte(fin(lignes))
    echecs: list[tuple[str, BaseException]] = []
    sautees: dict[EtapeDemo, str] = {}  # étape → dépendance optionnelle absente
    for nom in noms_exemples():
        console.rule(f"Exemple « {nom} »")
        dossier = dossier_exemple(nom)
        afficher_dossier(dossier)
        for etape in ETAPES_DEMO:
            if etape in sautees:
                continue
            console.print()
            try:
                etape(dossier, date, sortie)
            except Exception as echec:  # une étape en échec n'arrête pas les suivantes
                manque = dependance_manquante(echec)
                if manque is not None:  # couche optionnelle non installée : sautée, signalée
                    sautees[etape] = manque
                    console.print(f"Étape sautée : {manque}", markup=False, highlight=False)
                    continue
                signaler(echec, en_json=False)
                echecs.append((nom, echec))
    for manque in dict.fromkeys(sautees.values()):
        console.print(f"Non démontré : {manque}", markup=False, highlight=False)
    if echecs:
        console.rule(f"Démonstration terminée avec {len(echecs)} échec(s)", style="red")
        for nom, fautif in echecs:
            code = str(decrire_erreur(fautif)["code"])
            if isinstance(fautif, RegleNonCouverte) and fautif.identifiant is not None:
                code += f" (règle manquante : {fautif.identifiant} au {date.isoformat()})"
            erreurs.print(f"« {nom} » : {code}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(signaler_code(echecs[0][1]))
    console.rule("Démonstration terminée")


def signaler_code(exc: BaseException) -> int:
    """Le code de sortie de la première étape de démonstration en échec."""
    from contentieux.cli.commun import code_sortie

    return code_sortie(exc)


# --- exemples -----------------------------------------------------------------------------------


@app.command("exemple")
def commande_exemple(
    nom: Annotated[
        str | None,
        typer.Argument(metavar="NOM", help="Nom de l'exemple ; sans nom : la liste."),
    ] = None,
    sortie: Annotated[
        Path | None,
        typer.Option(
            "--sortie",
            "-o",
            metavar="FICHIER",
            help="Fichier à écrire (sinon le dossier s'affiche). Un fichier existant est gardé.",
        ),
    ] = None,
) -> None:
    """Écrit un dossier d'exemple embarqué, à modifier pour commencer (sans NOM : la liste)."""
    from contentieux.exemples import dossier_exemple, noms_exemples, texte_exemple

    if nom is None:
        console.print("Dossiers d'exemple (contentieux exemple NOM -o mon-dossier.yaml) :")
        for disponible in noms_exemples():
            d = dossier_exemple(disponible)
            afficher_texte(
                f"  {disponible} — {d.creancier.nom_complet} contre {d.debiteur.nom_complet}"
            )
        return
    texte = texte_exemple(nom)
    if sortie is None:
        typer.echo(texte, nl=False)
        return
    if sortie.exists():
        echouer(
            f"--sortie : {sortie} existe déjà ; choisissez un autre nom ou supprimez-le",
            champ="--sortie",
        )
    if sortie.parent and not sortie.parent.is_dir():
        echouer(f"--sortie : le dossier {sortie.parent} n'existe pas", champ="--sortie")
    from contentieux.ecriture import ecrire_atomique

    executer(lambda: ecrire_atomique(sortie, texte.encode("utf-8")))
    afficher_texte(
        f"Exemple « {nom} » écrit dans {sortie} ; validez-le avec : contentieux valider {sortie}"
    )
