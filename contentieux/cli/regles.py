"""Commandes ``regles`` et ``schema`` : les valeurs légales datées, leur mise à jour, le schéma.

``contentieux regles`` est un groupe : ``afficher`` (le tableau du jour), ``etat`` (jusqu'où
chaque paramètre daté est couvert, et la commande qui ajoute ce qui manque), ``ajouter
interet_legal`` / ``ajouter bce`` (une valeur dans la surcouche), ``retirer interet_legal`` /
``retirer bce`` (la retirer), ``actualiser`` (relevé en ligne : ``--bce``, portail de la BCE ;
``--taux-legal``, Webstat ; sans option, les deux). ``contentieux regles [--au DATE]`` reste un
raccourci d'``afficher``. Les valeurs venues de la surcouche sont marquées « ◆ », avec leur
référence et leur fichier.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from contentieux.cli.commun import (
    OptionAu,
    OptionJson,
    OptionRegles,
    afficher_json,
    app,
    console,
    date_evaluation,
    echouer,
    erreurs,
    executer,
    lire_date,
)
from contentieux.presentation import (
    GROUPES_REGLES,
    fichier_surcouche,
    formater_valeur,
    regles_en_vigueur_json,
)

if TYPE_CHECKING:
    from contentieux.regles import Regles, ValeurRegle

regles_app = typer.Typer(
    name="regles",
    help="Les valeurs légales datées (taux, montants, durées) et leur mise à jour.",
    invoke_without_command=True,
    no_args_is_help=False,
)
ajouter_app = typer.Typer(
    name="ajouter",
    help="Ajouter une valeur officielle dans la surcouche (jamais dans le paquet).",
    no_args_is_help=True,
)
regles_app.add_typer(ajouter_app, name="ajouter")
app.add_typer(regles_app, name="regles")

OptionAuFacultative = OptionAu
OptionReference = Annotated[
    str,
    typer.Option(
        "--reference",
        help="Le texte officiel : arrêté (date, JORF, NOR) ou communiqué de la BCE.",
    ),
]
OptionUrl = Annotated[str | None, typer.Option("--url", help="Adresse du texte officiel.")]


def _date_fr(date: dt.date | None) -> str:
    return date.strftime("%d/%m/%Y") if date else "sans terme"


# --- afficher -----------------------------------------------------------------------------------


def _charger(regles: Any) -> Regles:
    from contentieux.regles import charger_regles

    return executer(lambda: charger_regles(regles))


def _afficher(date: dt.date, json_: bool, regles: Any) -> None:
    jeu = _charger(regles)
    valeurs, manquantes = jeu.en_vigueur(au=date)
    if json_:
        afficher_json(regles_en_vigueur_json(jeu, date))
        return
    console.print(f"[bold]Règles en vigueur au {_date_fr(date)}[/]")
    console.print(escape(jeu.version), soft_wrap=True)
    de_la_surcouche: list[tuple[ValeurRegle, Any]] = []
    par_groupe: dict[str, list[ValeurRegle]] = {}
    for v in valeurs:
        par_groupe.setdefault(v.identifiant.split(".", 1)[0], []).append(v)
    for groupe, liste in par_groupe.items():
        table = Table(title=escape(GROUPES_REGLES.get(groupe, groupe)), title_justify="left")
        largeur = max(len(v.identifiant.split(".", 1)[1]) for v in liste)
        table.add_column("Paramètre et fondement", min_width=min(largeur, 44), overflow="fold")
        table.add_column("Valeur", justify="right", no_wrap=True)
        table.add_column("Depuis le", no_wrap=True)
        listes = []
        for v in liste:
            cle = v.identifiant.split(".", 1)[1]
            fichier = fichier_surcouche(jeu, v)
            if fichier is not None:
                de_la_surcouche.append((v, fichier))
                cle += " ◆"
            if isinstance(v.valeur, tuple):
                listes.append((cle, v.valeur))
                valeur = f"{len(v.valeur)} éléments"
            else:
                valeur = formater_valeur(v.valeur, v.unite)
            table.add_row(
                f"[cyan]{escape(cle)}[/]\n[dim]{escape(v.fondement)}[/]",
                escape(valeur),
                _date_fr(v.du),
            )
        console.print(table)
        for cle, elements in listes:
            console.print(f"[cyan]{escape(cle)}[/] : {escape(', '.join(elements))}")
    if de_la_surcouche:
        console.print("\n[bold]◆ Valeurs de la surcouche[/] (ajoutées par vous, réversibles) :")
        for v, fichier in de_la_surcouche:
            console.print(
                f"- {escape(v.identifiant)} depuis le {_date_fr(v.du)} : référence "
                f"{escape(v.reference)}, fichier {escape(str(fichier))}",
                soft_wrap=True,
            )
            retrait = _commande_retrait(v.identifiant, v.du)
            if retrait:
                console.print(f"  pour la retirer : {escape(retrait)}", soft_wrap=True)
    for erreur in manquantes:
        premiere = str(erreur).split("\n", 1)[0]
        console.print(f"[yellow]non couvert[/] : {escape(premiere)}")
    if manquantes:
        console.print(
            "Pour voir ce qui manque et la commande qui l'ajoute : contentieux regles etat "
            f"--au {date.isoformat()}",
            soft_wrap=True,
        )


def _commande_retrait(identifiant: str, du: dt.date) -> str | None:
    from contentieux.regles import semestre

    if identifiant.startswith("interet_legal.") and du.month in (1, 7) and du.day == 1:
        return f"contentieux regles retirer interet_legal --semestre {semestre(du)}"
    if identifiant == "bce.taux_refinancement":
        return f"contentieux regles retirer bce --date {du.isoformat()}"
    return None


@regles_app.callback()
def commande_regles(
    ctx: typer.Context,
    au: OptionAuFacultative = None,
    json_: OptionJson = False,
    regles: OptionRegles = None,
) -> None:
    """Les valeurs légales datées ; sans sous-commande, « afficher » (aujourd'hui, ou --au)."""
    if ctx.invoked_subcommand is not None:
        if au is not None or json_ or regles is not None:
            ctx.obj = {"au": au, "json": json_, "regles": regles}
        return
    _afficher(date_evaluation(au), json_, regles)


def _defaut(ctx: typer.Context, nom: str, valeur: Any) -> Any:
    if valeur is None or valeur is False:
        return (ctx.obj or {}).get(nom, valeur)
    return valeur


@regles_app.command("afficher")
def commande_afficher(
    ctx: typer.Context,
    au: OptionAuFacultative = None,
    json_: OptionJson = False,
    regles: OptionRegles = None,
) -> None:
    """Les valeurs en vigueur à une date (aujourd'hui par défaut), groupées, chacune avec son
    fondement ; « ◆ » marque une valeur de la surcouche."""
    au = _defaut(ctx, "au", au)
    _afficher(date_evaluation(au), _defaut(ctx, "json", json_), _defaut(ctx, "regles", regles))


# --- état ---------------------------------------------------------------------------------------


@regles_app.command("etat")
def commande_etat(
    ctx: typer.Context,
    au: OptionAuFacultative = None,
    json_: OptionJson = False,
    regles: OptionRegles = None,
) -> None:
    """Jusqu'où chaque paramètre daté est couvert, ce qui manque à la date (aujourd'hui par
    défaut), la commande qui l'ajoute ; « ◆ » marque une valeur de la surcouche."""
    from contentieux.regles_surcouche import etat_regles

    date = date_evaluation(_defaut(ctx, "au", au))
    jeu = _charger(_defaut(ctx, "regles", regles))
    etats = executer(lambda: etat_regles(jeu, au=date))
    if _defaut(ctx, "json", json_):
        afficher_json(
            {
                "au": date.isoformat() if date else None,
                "version": jeu.version,
                "surcouche": str(jeu.surcouche) if jeu.surcouche else None,
                "parametres": [
                    {
                        "identifiant": e.identifiant,
                        "periodicite": e.periodicite,
                        "couvert_jusqu_au": (
                            e.couvert_jusqu_au.isoformat() if e.couvert_jusqu_au else None
                        ),
                        "couvert": e.couvert,
                        "manque": e.manque,
                        "commande": e.commande,
                        "publication": e.publication,
                        "surcouche": list(e.surcouche),
                    }
                    for e in etats
                ],
            }
        )
        return
    dates = [e for e in etats if e.periodicite != "permanente" or e.couvert is False]
    quand = f" au {_date_fr(date)}" if date else ""
    table = Table(title=f"État des règles datées{quand}", title_justify="left")
    table.add_column("Paramètre", style="cyan", overflow="fold")
    table.add_column("Couvert jusqu'au", no_wrap=True)
    table.add_column("État", overflow="fold")
    for e in dates:
        if e.couvert is None:
            etat = "—"
        elif e.couvert:
            etat = "[green]couvert[/]"
        else:
            etat = f"[red]manque[/] : {escape(e.manque or '')}"
        marque = " ◆" if e.surcouche else ""
        table.add_row(escape(e.identifiant) + marque, _date_fr(e.couvert_jusqu_au), etat)
    console.print(table)
    surcouche = jeu.surcouche or _dossier_personnel()
    console.print(f"Surcouche : {escape(str(surcouche))}", soft_wrap=True)
    for e in etats:
        for ligne in e.surcouche:
            console.print(f"◆ {escape(e.identifiant)} {escape(ligne)}", soft_wrap=True)
    if any(e.surcouche for e in etats):
        console.print(
            "◆ : valeur de la surcouche ; « contentieux regles retirer … » la retire.",
            soft_wrap=True,
        )
    vues: set[str] = set()
    for e in dates:
        if e.commande and e.commande not in vues:
            vues.add(e.commande)
            console.print(f"\n[bold]{escape(e.identifiant)}[/]")
            if e.publication:
                console.print(f"Publication : {escape(e.publication)}")
            console.print(escape(e.commande), soft_wrap=True)


def _dossier_personnel() -> Any:
    from contentieux.regles import dossier_surcouche_utilisateur

    return dossier_surcouche_utilisateur()


# --- ajouter ------------------------------------------------------------------------------------


def _rapport_ajout(ajout: Any) -> None:
    for identifiant, date, valeur in ajout.valeurs:
        unite = "pourcent"
        console.print(
            f"Ajouté : {escape(identifiant)} = {formater_valeur(valeur, unite)} "
            f"à compter du {_date_fr(date)}"
        )
    if ajout.verifie_jusqu_au:
        console.print(f"Vérifié jusqu'au {_date_fr(ajout.verifie_jusqu_au)}")
    for fichier in ajout.fichiers:
        console.print(f"Écrit : {escape(str(fichier))}", soft_wrap=True)
    for note in ajout.notes:
        console.print(f"[yellow]Attention[/] : {escape(note)}", soft_wrap=True)
    if not ajout.fichiers:
        console.print("Surcouche inchangée.")


@ajouter_app.command("interet_legal")
def commande_ajouter_interet_legal(
    semestre: Annotated[str, typer.Option("--semestre", help="Semestre, AAAA-S1 ou AAAA-S2.")],
    particuliers: Annotated[
        str, typer.Option("--particuliers", help="Taux « particuliers », en pourcent (6.67).")
    ],
    autres: Annotated[str, typer.Option("--autres", help="Taux « autres cas », en pourcent.")],
    reference: OptionReference,
    url: OptionUrl = None,
    regles: OptionRegles = None,
) -> None:
    """Les deux taux de l'intérêt légal d'un semestre (arrêté publié au Journal officiel)."""
    from contentieux.regles_surcouche import ajouter_interet_legal

    ajout = executer(
        lambda: ajouter_interet_legal(
            semestre,
            particuliers=particuliers,
            autres=autres,
            reference=reference,
            url=url,
            surcouche=regles,
        )
    )
    _rapport_ajout(ajout)


@ajouter_app.command("bce")
def commande_ajouter_bce(
    reference: OptionReference,
    date: Annotated[
        str | None, typer.Option("--date", help="Date d'effet de la décision, AAAA-MM-JJ.")
    ] = None,
    taux: Annotated[str | None, typer.Option("--taux", help="Nouveau taux, en pourcent.")] = None,
    verifie_jusqu_au: Annotated[
        str | None,
        typer.Option("--verifie-jusqu-au", help="Aucune décision nouvelle jusqu'à ce jour."),
    ] = None,
    url: OptionUrl = None,
    regles: OptionRegles = None,
) -> None:
    """Une décision de la BCE (--date et --taux) ou une vérification (--verifie-jusqu-au)."""
    from contentieux.regles_surcouche import ajouter_bce, verifier_bce_jusqu_au

    if verifie_jusqu_au is not None:
        if date is not None or taux is not None:
            echouer("--verifie-jusqu-au s'emploie seul ; ajoutez une décision à part (--date)")
        jour = lire_date(verifie_jusqu_au, "--verifie-jusqu-au")
        ajout = executer(
            lambda: verifier_bce_jusqu_au(jour, reference=reference, url=url, surcouche=regles)
        )
    elif date is not None and taux is not None:
        effet = lire_date(date, "--date")
        ajout = executer(
            lambda: ajouter_bce(effet, taux=taux, reference=reference, url=url, surcouche=regles)
        )
    else:
        echouer(
            "indiquez --date AAAA-MM-JJ et --taux TAUX (une décision), ou --verifie-jusqu-au "
            "AAAA-MM-JJ (aucune décision jusqu'à ce jour)"
        )
    _rapport_ajout(ajout)


# --- retirer -----------------------------------------------------------------------------------


retirer_app = typer.Typer(
    name="retirer",
    help="Retirer une valeur de la surcouche (les règles du paquet ne changent jamais).",
    no_args_is_help=True,
)
regles_app.add_typer(retirer_app, name="retirer")


def _rapport_retrait(retrait: Any) -> None:
    for quoi in retrait.retires:
        console.print(f"Retiré : {escape(quoi)}")
    for fichier in retrait.fichiers:
        etat = "Écrit" if fichier.exists() else "Supprimé (vide)"
        console.print(f"{etat} : {escape(str(fichier))}", soft_wrap=True)


@retirer_app.command("interet_legal")
def commande_retirer_interet_legal(
    semestre: Annotated[str, typer.Option("--semestre", help="Semestre, AAAA-S1 ou AAAA-S2.")],
    regles: OptionRegles = None,
) -> None:
    """Les deux taux de l'intérêt légal d'un semestre, ajoutés dans la surcouche."""
    from contentieux.regles_surcouche import retirer_interet_legal

    _rapport_retrait(executer(lambda: retirer_interet_legal(semestre, surcouche=regles)))


@retirer_app.command("bce")
def commande_retirer_bce(
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="AAAA-MM-JJ", help="Date d'effet de la décision."),
    ] = None,
    verification: Annotated[
        bool, typer.Option("--verification", help="Retirer la vérification (verifie_jusqu_au).")
    ] = False,
    regles: OptionRegles = None,
) -> None:
    """Une décision de la BCE (--date) ou la vérification (--verification) de la surcouche."""
    from contentieux.regles_surcouche import retirer_bce

    if date is None and not verification:
        echouer("indiquez --date AAAA-MM-JJ (une décision) ou --verification", champ="--date")
    jour = lire_date(date, "--date") if date is not None else None
    _rapport_retrait(
        executer(lambda: retirer_bce(jour, verification=verification, surcouche=regles))
    )


# --- actualiser ---------------------------------------------------------------------------------


@regles_app.command("actualiser")
def commande_actualiser(
    bce: Annotated[
        bool, typer.Option("--bce", help="Relever le taux de la BCE (portail de la BCE).")
    ] = False,
    taux_legal: Annotated[
        bool,
        typer.Option(
            "--taux-legal",
            help="Relever le taux de l'intérêt légal (Webstat, Banque de France ; clé d'API "
            "dans CONTENTIEUX_WEBSTAT_CLE).",
        ),
    ] = False,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="URL",
            help="Autre adresse (un miroir) pour la source choisie par --bce ou --taux-legal.",
        ),
    ] = None,
    serie_particuliers: Annotated[
        str | None,
        typer.Option("--serie-particuliers", metavar="CLE", help="Clé Webstat de la série "
                     "« particuliers » (par défaut celle de la documentation)."),
    ] = None,
    serie_autres: Annotated[
        str | None,
        typer.Option("--serie-autres", metavar="CLE", help="Clé Webstat de la série « autres »."),
    ] = None,
    delai: Annotated[
        float, typer.Option("--delai", metavar="SECONDES", help="Délai d'attente, en secondes.")
    ] = 20.0,
    regles: OptionRegles = None,
) -> None:
    """Relève en ligne les taux publiés : la BCE (--bce), le taux de l'intérêt légal sur Webstat
    (--taux-legal) ; sans option, les deux. Chaque valeur est validée comme les règles du paquet,
    puis écrite dans la surcouche avec sa source et la date de lecture."""
    from contentieux.cli.commun import aujourd_hui
    from contentieux.erreurs import ErreurActualisation
    from contentieux.regles_surcouche import (
        SERIES_WEBSTAT,
        actualiser_bce,
        actualiser_interet_legal,
    )

    if not bce and not taux_legal:
        if source is not None:
            echouer("--source : précisez la source qu'elle remplace, --bce ou --taux-legal",
                    champ="--source")
        bce = taux_legal = True
    elif bce and taux_legal and source is not None:
        echouer("--source ne vaut que pour une source : lancez --bce et --taux-legal à part",
                champ="--source")
    echecs: list[ErreurActualisation] = []
    if bce:
        try:
            resultat = actualiser_bce(source=source, surcouche=regles, delai=delai)
        except ErreurActualisation as exc:
            if not taux_legal:
                raise
            echecs.append(exc)
            erreurs.print(f"[red]BCE[/] : {escape(str(exc))}", soft_wrap=True)
        else:
            console.print("[bold]Taux de la BCE[/]")
            for jour, taux in resultat.decisions:
                console.print(
                    f"Décision : {formater_valeur(taux, 'pourcent')} à compter du {_date_fr(jour)}"
                )
            if not resultat.decisions:
                console.print("Aucune décision nouvelle.")
            console.print(f"Vérifié jusqu'au {_date_fr(resultat.verifie_jusqu_au)}")
            for fichier in resultat.fichiers:
                console.print(f"Écrit : {escape(str(fichier))}", soft_wrap=True)
    if taux_legal:
        series = dict(SERIES_WEBSTAT)
        if serie_particuliers:
            series["particuliers"] = serie_particuliers
        if serie_autres:
            series["autres"] = serie_autres
        try:
            legal = actualiser_interet_legal(
                lu_le=aujourd_hui(), source=source, surcouche=regles, delai=delai, series=series
            )
        except ErreurActualisation as exc:
            if not echecs and not bce:
                raise
            echecs.append(exc)
            erreurs.print(f"[red]Taux de l'intérêt légal[/] : {escape(str(exc))}", soft_wrap=True)
        else:
            from contentieux.regles import semestre

            console.print("[bold]Taux de l'intérêt légal (Webstat)[/]")
            for debut, particuliers, autres in legal.ecrits:
                console.print(
                    f"{semestre(debut)} : particuliers {formater_valeur(particuliers, 'pourcent')}"
                    f", autres {formater_valeur(autres, 'pourcent')}"
                )
            if not legal.ecrits:
                console.print("Aucun semestre nouveau.")
            if legal.deja_connus:
                console.print(
                    "Semestres déjà connus, à l'identique : "
                    + ", ".join(semestre(d) for d in legal.deja_connus),
                    soft_wrap=True,
                )
            for ecart in legal.ecarts:
                console.print(f"[yellow]Écart[/] : {escape(ecart)}", soft_wrap=True)
            for fichier in legal.fichiers:
                console.print(f"Écrit : {escape(str(fichier))}", soft_wrap=True)
    if echecs:
        raise echecs[0]


# --- schéma -------------------------------------------------------------------------------------


@app.command("schema")
def commande_schema() -> None:
    """Le schéma JSON d'un dossier, pour les intégrateurs (ERP, facturation)."""
    from contentieux.modeles import Dossier

    afficher_json(Dossier.model_json_schema())
