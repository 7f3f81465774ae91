"""Le texte français des résultats : décompte, rapport de recevabilité, résumé d'un dossier, règles.

C'est le texte que la commande affiche et que donne ``str()`` d'un résultat : une seule mise en
forme, dans la bibliothèque. Les outils (coupure, colonnes, dates, montants) et le texte d'un
décompte ou d'un rapport vivent dans la couche des modèles (:mod:`contentieux.modeles.texte`,
``texte_decompte``, ``texte_recevabilite``), pour que ``str()`` n'importe pas une couche haute ;
ce module les rassemble pour la commande et ajoute le résumé d'un dossier et le texte des règles.

>>> import datetime as dt
>>> from decimal import Decimal
>>> print(fin(couper("Échue le " + date(dt.date(2026, 3, 1)) + ".", 12)))
Échue le
  1er mars 2026.
>>> print(aligner([("Principal initial", "8 580,50 €"), ("Intérêts", "12,00 €")]))
Principal initial  8 580,50 €
Intérêts              12,00 €
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from contentieux.erreurs import RegleNonCouverte
from contentieux.francais import formater_montant, formater_taux
from contentieux.modeles.decompte import texte_decompte
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.limites import CARACTERES_DE_CONTROLE
from contentieux.modeles.recevabilite import texte_recevabilite
from contentieux.modeles.texte import (
    LARGEUR,
    LIBELLE_PRINCIPAL_EXIGIBLE,
    LIBELLE_PRINCIPAL_IMPAYE,
    LIBELLE_PRINCIPAL_RESTANT,
    aligner,
    couper,
    date,
    fin,
    insecable,
    montant,
    proteger,
    section,
    taux,
    titre,
)
from contentieux.regles import Regles, ValeurRegle

# --- dossier ------------------------------------------------------------------------------------


def texte_dossier(dossier: Dossier, largeur: int = LARGEUR) -> str:
    """Résumé d'un dossier : parties, créances, nombre de factures et principal."""
    lignes = titre(f"Dossier {dossier.reference}", largeur)
    debiteurs = ", ".join(d.nom_complet for d in dossier.debiteurs)
    lignes += couper(f"Créancier : {dossier.creancier.nom_complet}", largeur)
    lignes += couper(f"Débiteur(s) : {debiteurs}", largeur)
    paires = []
    for creance in dossier.creances:
        nb = len(creance.factures)
        paires.append(
            (
                f"{creance.reference} ({creance.nature.value}, "
                f"{nb} facture{'s' if nb > 1 else ''})",
                montant(creance.principal),
            )
        )
    lignes += section("Créances (principal TTC)")
    lignes.append(aligner(paires, largeur))
    return fin(lignes)


def avertissements_date(dossier: Dossier, au: dt.date) -> list[str]:
    """Avertit quand la date d'évaluation précède des factures du dossier."""
    emissions = [f.date_emission for c in dossier.creances for f in c.factures]
    if not emissions:
        return []
    premiere, derniere = min(emissions), max(emissions)
    if au < premiere:
        return [
            f"la date d'évaluation ({date(au)}) précède toutes les factures du dossier "
            f"(la première est du {date(premiere)}) : vérifiez l'option --au"
        ]
    if au < derniere:
        return [
            f"la date d'évaluation ({date(au)}) précède certaines factures du dossier "
            f"(la dernière est du {date(derniere)}) : elles ne sont pas encore dues"
        ]
    return []


# --- règles -------------------------------------------------------------------------------------

_UNITES = {
    "annees": ("an", "ans"),
    "mois": ("mois", "mois"),
    "jours": ("jour", "jours"),
    "points": ("point", "points"),
}


def formater_valeur(valeur: Decimal | tuple[str, ...], unite: str) -> str:
    """Une valeur de règle écrite à la française selon son unité : « 2,15 % », « 5 ans »,
    « 5 000 € », « 10 points », « 3 » (coefficient) ; une liste, ses éléments séparés par des
    virgules.

    >>> [formater_valeur(Decimal(v), u) for v, u in [("2.15", "pourcent"), ("5", "annees"),
    ...     ("1", "annees"), ("5000", "euros"), ("40.5", "euros"), ("10", "points")]]
    ['2,15\xa0%', '5\xa0ans', '1\xa0an', '5\u202f000\xa0€', '40,50\xa0€', '10\xa0points']
    """
    from babel.numbers import format_decimal

    if isinstance(valeur, tuple):
        return ", ".join(valeur)
    if unite == "pourcent":
        return formater_taux(valeur)
    if unite == "euros":
        if valeur == valeur.to_integral_value():
            return f"{format_decimal(valeur, format='#,##0', locale='fr_FR')}\xa0€"
        return formater_montant(valeur)
    nombre = str(format_decimal(valeur, format="#,##0.####", locale="fr_FR"))
    if unite in _UNITES:
        singulier, pluriel = _UNITES[unite]
        return f"{nombre}\xa0{singulier if abs(valeur) < 2 else pluriel}"
    return nombre


GROUPES_REGLES = {
    "interet_legal": "Intérêt légal",
    "bce": "Banque centrale européenne",
    "penalites_b2b": "Pénalités de retard entre professionnels",
    "indemnite_forfaitaire": "Indemnité forfaitaire de recouvrement",
    "delais_paiement": "Délais de paiement",
    "commande_publique": "Commande publique",
    "prescription": "Prescription",
    "injonction_de_payer": "Injonction de payer",
    "petites_creances": "Petites créances",
    "procedure_collective": "Procédure collective",
    "plan_apurement": "Plans d'apurement",
    "seuils": "Seuils",
    "juridictions": "Juridictions",
}
"""Intitulé de chaque fichier de règles, dans l'ordre où les rapports les présentent."""


def texte_regles(
    valeurs: Sequence[ValeurRegle],
    manquantes: Sequence[RegleNonCouverte],
    *,
    au: dt.date,
    version: str,
    largeur: int = LARGEUR,
) -> str:
    """Les valeurs en vigueur à une date, groupées par thème, écrites à la française (« 2,15 % »,
    « 5 ans », « 5 000 € »), chacune avec sa date, son fondement et sa source ; puis ce qui n'est
    pas couvert.

    ``valeurs`` et ``manquantes`` : le résultat de ``Regles.en_vigueur(au=...)``.
    """
    lignes = titre(f"Règles en vigueur au {date(au)}", largeur)
    lignes += couper(f"Version : {version}.", largeur, suite="")
    groupes: dict[str, list[ValeurRegle]] = {}
    for v in valeurs:
        groupes.setdefault(v.identifiant.split(".")[0], []).append(v)
    connus = [g for g in GROUPES_REGLES if g in groupes]
    ordre = [*connus, *sorted(set(groupes) - set(GROUPES_REGLES))]
    for groupe in ordre:
        membres = groupes[groupe]
        lignes += section(GROUPES_REGLES.get(groupe, groupe))
        for v in membres:
            valeur = formater_valeur(v.valeur, v.unite)
            if not isinstance(v.valeur, tuple):
                valeur = insecable(valeur)
            lignes += couper(f"{v.libelle} : {valeur}", largeur, "  ")
            lignes += couper(
                f"depuis le {date(v.du)} ; {v.fondement} ; source : {v.source.titre} "
                f"[{v.identifiant}]",
                largeur,
                "      ",
            )
    if manquantes:
        lignes += section("Non couvert à cette date")
        for erreur in manquantes:
            identifiant = erreur.identifiant or ""
            lignes += couper(f"! {identifiant} : aucune valeur connue", largeur, "  ")
    return fin(lignes)


__all__ = [
    "GROUPES_REGLES",
    "LARGEUR",
    "LIBELLE_PRINCIPAL_EXIGIBLE",
    "LIBELLE_PRINCIPAL_IMPAYE",
    "LIBELLE_PRINCIPAL_RESTANT",
    "aligner",
    "avertissements_date",
    "couper",
    "date",
    "fin",
    "formater_valeur",
    "insecable",
    "montant",
    "proteger",
    "taux",
    "texte_decompte",
    "texte_dossier",
    "texte_recevabilite",
    "texte_regles",
]


def sans_controles(texte: str) -> str:
    """Le texte sans ses caractères de contrôle (C0 sauf tabulation et saut de ligne, DEL, C1) :
    ce qui vient d'un dossier ou d'un PDF ne pilote jamais le terminal (effacer l'écran, déplacer
    le curseur, réécrire une ligne).

    >>> sans_controles("Total : 10 €\\x1b[2J\\x1b[H\\rTotal : 0 €\\x9b")
    'Total : 10 €[2J[HTotal : 0 €'
    """
    return CARACTERES_DE_CONTROLE.sub("", texte)


_C1 = re.compile("[\x80-\x9f]")


def json_affichable(texte_json: str) -> str:
    """Un texte JSON (``json.dumps(..., ensure_ascii=False)``) dont les caractères C1, que
    ``json`` laisse tels quels, sont écrits ``\\u0080``…``\\u009f`` : même valeur JSON, rien qui
    pilote un terminal (les C0 sont déjà échappés par ``json``).

    >>> json_affichable('"a\x9b2J"')
    '"a\\\\u009b2J"'
    """
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", texte_json)


def fichier_surcouche(jeu: Regles, valeur: ValeurRegle) -> Path | None:
    """Le fichier de surcouche d'où vient ``valeur``, ou ``None`` (règles du paquet)."""
    datee = next((d for d in jeu.parametre(valeur.identifiant).valeurs if d.du == valeur.du), None)
    return jeu.de_la_surcouche(datee.fichier) if datee is not None else None


def regles_en_vigueur_json(jeu: Regles, au: dt.date) -> dict[str, object]:
    """Les valeurs en vigueur à ``au``, chacune avec le fichier de surcouche d'où elle vient, et
    ce qui n'est pas couvert : le même JSON pour ``contentieux regles --json`` et pour
    ``GET /v1/regles`` du service."""
    valeurs, manquantes = jeu.en_vigueur(au=au)
    return {
        "au": au.isoformat(),
        "version": jeu.version,
        "surcouche": str(jeu.surcouche) if jeu.surcouche else None,
        "valeurs": [
            {
                **v.model_dump(mode="json"),
                "surcouche": str(f) if (f := fichier_surcouche(jeu, v)) is not None else None,
            }
            for v in valeurs
        ],
        "non_couvertes": [str(e) for e in manquantes],
    }
