"""Le texte français des résultats : décompte, rapport de recevabilité, résumé d'un dossier.

C'est le texte que la commande affiche et que donne ``str()`` d'un résultat : une seule mise en
forme, dans la bibliothèque. Il est fait pour 80 colonnes (ou la largeur demandée) et pour un
fichier : les lignes trop longues sont coupées entre les mots, jamais au milieu d'un montant,
d'une date ou d'un taux (leurs espaces sont insécables). Une seule écriture des dates : « 1er mars
2026 », année sur quatre chiffres.

Les données du dossier (noms, références, libellés) sont du texte brut : rien n'y est interprété.

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
import textwrap
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from contentieux.droit.citations import fondement_et_note
from contentieux.francais import formater_date, formater_montant, formater_taux
from contentieux.modeles.limites import CARACTERES_DE_CONTROLE

LARGEUR = 80
"""Largeur par défaut du texte (colonnes)."""

LIBELLE_PRINCIPAL_RESTANT = "Principal restant dû (toutes factures)"
"""Dans un décompte : principal initial moins la part des paiements imputée sur le principal."""

LIBELLE_PRINCIPAL_IMPAYE = "Principal impayé (toutes factures)"
"""Dans un rapport de recevabilité : toutes les factures, paiements déduits du principal."""

LIBELLE_PRINCIPAL_EXIGIBLE = "Principal exigible et non prescrit"
"""Dans un rapport de recevabilité : seules les factures échues et non prescrites, moins les
paiements qui leur sont imputés ; c'est le montant qui décide des seuils et de la demande."""

_REGIMES = {
    "taux_legal": "intérêts au taux légal",
    "penalites_b2b": "pénalités L441-10",
    "commande_publique": "intérêts moratoires R2192-31",
    "taux_conventionnel": "intérêts au taux conventionnel",
    "jugement": "intérêts après jugement",
}
_POSTES = {"interets": "intérêts", "indemnite": "indemnité", "principal": "principal"}
_SYMBOLES = {True: "[oui]", False: "[non]", None: "[ ? ]"}
_VERDICTS = {True: "recevable", False: "irrecevable", None: "indéterminée (faits manquants)"}


# --- outils -------------------------------------------------------------------------------------


_LIEN = "\ue000"
"""Espace protégée pendant la coupure des lignes (caractère privé), rendue en espace ordinaire."""


def insecable(texte: str) -> str:
    """Protège les espaces d'un élément (date, montant, article) : il ne sera pas coupé.

    Les espaces protégées redeviennent des espaces ordinaires dans le texte final (:func:`fin`).
    """
    return texte.replace(" ", _LIEN)


def fin(lignes: Iterable[str]) -> str:
    """Le texte final : lignes jointes, espaces protégées rendues ordinaires."""
    return "\n".join(lignes).replace(_LIEN, " ")


def date(jour: dt.date) -> str:
    """« 1er mars 2026 », insécable."""
    return insecable(formater_date(jour))


def montant(valeur: Decimal) -> str:
    """« 1 234,56 € », insécable (Babel)."""
    return insecable(formater_montant(valeur))


def taux(valeur: Decimal) -> str:
    """« 12,15 % », insécable."""
    return insecable(formater_taux(valeur))


_MOIS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"janv\.|févr\.|avr\.|juil\.|sept\.|oct\.|nov\.|déc\."
)
_INSECABLES = [
    # « 1er mars 2026 », « 13 oct. 1992 »
    re.compile(rf"\b(?:1er|\d{{1,2}}) (?:{_MOIS})(?: \d{{4}})?"),
    # « C. civ. 2240 », « C. com. L441-10 II », « CPC art. 640 », « n° 91-10.066 », « CJUE C-78/22 »
    re.compile(
        r"\b(?:C\. (?:civ|com|consom|trav|postes)\.?|CPCE?|CMF|CGI|CCP|CJUE|Cass\.|art\.|n°) "
        r"[\w./-]+"
    ),
    # « 15 jours », « 3 ans », « 2 340,00 € », « 12,15 % », « + 10 points »
    re.compile(r"(?:[+×] )?\b\d[\d\u202f\xa0 ]*(?:,\d+)? ?(?:€|%|jours?|mois|ans?|points?)(?!\w)"),
]
_DATE_COURTE = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")


def proteger(texte: str) -> str:
    """Rend insécables les dates, articles, montants et durées d'un texte ; récrit les dates
    « 12/03/2025 » en « 12 mars 2025 ».

    >>> print(fin(couper(proteger("échue le 12/03/2025, C. civ. 2240, 15 jours"), 13)))
    échue le
      12 mars 2025,
      C. civ. 2240,
      15 jours
    """

    def longue(m: re.Match[str]) -> str:
        try:
            return formater_date(dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
        except ValueError:
            return m.group(0)

    texte = _DATE_COURTE.sub(longue, texte)
    # Ponctuation haute et guillemets : jamais en début ou en fin de ligne, seuls.
    for avant, apres in ((" :", ":"), (" ;", ";"), (" ?", "?"), (" !", "!"), (" »", "»")):
        texte = texte.replace(avant, _LIEN + apres)
    texte = texte.replace("« ", "«" + _LIEN)
    for motif in _INSECABLES:
        texte = motif.sub(lambda m: insecable(m.group(0)), texte)
    return texte


def couper(texte: str, largeur: int, retrait: str = "", suite: str | None = None) -> list[str]:
    """Coupe un paragraphe aux espaces ordinaires seulement (jamais dans un élément insécable)."""
    suite = retrait + "  " if suite is None else suite
    lignes = textwrap.wrap(
        proteger(texte),
        width=max(largeur, 20),
        initial_indent=retrait,
        subsequent_indent=suite,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return lignes or [retrait.rstrip()]


def aligner(paires: Sequence[tuple[str, str]], largeur: int = LARGEUR, retrait: str = "") -> str:
    """Deux colonnes : libellés à gauche, valeurs alignées à droite (jamais coupées)."""
    if not paires:
        return ""
    gauche = max(len(libelle) for libelle, _ in paires)
    droite = max(len(valeur) for _, valeur in paires)
    if len(retrait) + gauche + 2 + droite > largeur:
        # Trop large : la valeur passe sous son libellé, alignée à droite.
        lignes = []
        for libelle, valeur in paires:
            lignes.append(retrait + libelle)
            lignes.append(retrait + valeur.rjust(max(droite, largeur - len(retrait))))
        return fin(lignes)
    return "\n".join(
        f"{retrait}{libelle.ljust(gauche)}  {valeur.rjust(droite)}" for libelle, valeur in paires
    )


def _titre(texte: str, largeur: int) -> list[str]:
    lignes = couper(texte, largeur, suite="")
    return [*lignes, "=" * min(largeur, max(len(li) for li in lignes))]


def _section(texte: str) -> list[str]:
    return ["", texte, "-" * len(texte)]


# --- dossier ------------------------------------------------------------------------------------


def texte_dossier(dossier: Any, largeur: int = LARGEUR) -> str:
    """Résumé d'un dossier : parties, créances, nombre de factures et principal."""
    lignes = _titre(f"Dossier {dossier.reference}", largeur)
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
    lignes += _section("Créances (principal TTC)")
    lignes.append(aligner(paires, largeur))
    return fin(lignes)


def avertissements_date(dossier: Any, au: dt.date) -> list[str]:
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


# --- décompte -----------------------------------------------------------------------------------


def texte_decompte(decompte: Any, largeur: int = LARGEUR) -> str:
    """Le décompte en texte : lignes d'intérêts, indemnités, paiements, totaux, fondements."""
    un_jour = dt.timedelta(days=1)
    options = decompte.options
    lignes = _titre(f"Décompte du dossier {decompte.dossier} au {date(decompte.au)}", largeur)
    diviseur = "365 ou 366 (exact)" if options.diviseur == "exact" else "365"
    lignes += couper(
        f"Période : du premier au dernier jour compté. Diviseur : {diviseur}. "
        f"Règles : {decompte.regles_version}.",
        largeur,
        suite="",
    )
    if decompte.lignes:
        lignes += _section("Intérêts et pénalités")
        for li in decompte.lignes:
            debut = li.du + un_jour
            tete = f"{li.facture or li.creance} — {_REGIMES.get(li.regime, li.regime)}"
            lignes += couper(tete, largeur, "  ")
            periode = (
                f"du {date(debut)} au {date(li.au)}, "
                f"{li.jours}{_LIEN}jour{'s' if li.jours > 1 else ''}"
            )
            lignes += couper(periode, largeur, "      ")
            calcul = (
                f"{montant(li.base)} × {taux(li.taux)} × {li.jours}{_LIEN}/{_LIEN}{li.diviseur} "
                f"= {montant(li.montant)}"
            )
            lignes += couper(calcul, largeur, "      ")
            lignes += couper(
                fondement_et_note(li.fondement, li.note), largeur, "      ", "        "
            )
    if decompte.indemnites or decompte.clauses_penales or decompte.capitalisations:
        lignes += _section("Indemnités, clauses pénales, capitalisation")
        for ind in decompte.indemnites:
            lignes += couper(
                f"Indemnité {ind.nature} {ind.facture or ind.creance} : {montant(ind.montant)} "
                f"({ind.motif})",
                largeur,
                "  ",
            )
            lignes += couper(ind.fondement, largeur, "      ", "        ")
        for cp in decompte.clauses_penales:
            lignes += couper(f"Clause pénale {cp.creance} : {montant(cp.montant)}", largeur, "  ")
            lignes += couper(
                fondement_et_note(cp.fondement, cp.note), largeur, "      ", "        "
            )
        for cap in decompte.capitalisations:
            lignes += couper(
                f"Capitalisation {cap.facture or cap.creance} le {date(cap.date)} : "
                f"{montant(cap.montant)} ({cap.fondement})",
                largeur,
                "  ",
            )
    if decompte.imputations:
        lignes += _section("Paiements et leur imputation")
        for imp in decompte.imputations:
            parts = ", ".join(
                f"{p.facture or p.creance} {_POSTES.get(p.nature, p.nature)} {montant(p.montant)}"
                for p in imp.parts
            )
            texte = f"Paiement du {date(imp.date)} de {montant(imp.montant)} : {parts}"
            if imp.non_impute:
                texte += f" ; non imputé : {montant(imp.non_impute)}"
            lignes += couper(texte, largeur, "  ")
        # L'ordre suivi (1342-10 entre factures, 1343-1 ou le contrat sur chacune), une fois.
        for motif in dict.fromkeys(imp.motif for imp in decompte.imputations):
            lignes += couper(f"Ordre d'imputation : {motif}.", largeur, "  ", "    ")
    lignes += _section("Totaux")
    paires = [
        ("Principal initial", decompte.total_principal),
        ("Paiements reçus", decompte.total_paiements),
        (LIBELLE_PRINCIPAL_RESTANT, decompte.total_principal_restant),
        ("Intérêts", decompte.total_interets),
        ("Pénalités de retard", decompte.total_penalites),
        ("Indemnités", decompte.total_indemnites),
        ("Clauses pénales", decompte.total_clauses_penales),
        ("Accessoires déjà réglés", decompte.total_accessoires_regles),
    ]
    if decompte.trop_percu:
        paires.append(("Trop-perçu", decompte.trop_percu))
    paires.append(("TOTAL RESTANT DÛ", decompte.total))
    lignes.append(aligner([(libelle, montant(v)) for libelle, v in paires], largeur, "  "))
    lignes += couper(
        "Total restant dû = principal restant dû + intérêts + pénalités + indemnités + "
        "clauses pénales − accessoires déjà réglés.",
        largeur,
        suite="",
    )
    if decompte.fondements:
        lignes.append("")
        lignes += couper("Fondements : " + " ; ".join(decompte.fondements), largeur)
    if decompte.avertissements:
        lignes += _section("Avertissements")
        for avertissement in decompte.avertissements:
            lignes += couper(f"! {avertissement}", largeur)
    return fin(lignes)


# --- recevabilité -------------------------------------------------------------------------------


def texte_recevabilite(rapport: Any, largeur: int = LARGEUR) -> str:
    """Le rapport de recevabilité en texte : verdict, conditions, voie, juridiction, calendrier."""
    lignes = _titre(f"Recevabilité du dossier {rapport.dossier} au {date(rapport.au)}", largeur)
    lignes += couper(f"Verdict : {_VERDICTS[rapport.recevable]}", largeur)
    for alerte in rapport.avertissements:
        lignes += ["", *couper(f"URGENT : {alerte}", largeur)]
    exigible = getattr(rapport, "principal_exigible_non_prescrit", None)
    restant = getattr(rapport, "principal_impaye", None)
    if exigible is not None and restant is not None:
        lignes += _section("Montants")
        lignes.append(
            aligner(
                [
                    (LIBELLE_PRINCIPAL_IMPAYE, montant(restant)),
                    (LIBELLE_PRINCIPAL_EXIGIBLE, montant(exigible)),
                ],
                largeur,
                "  ",
            )
        )
        if exigible != restant:
            explication = (
                f"La différence ({montant(restant - exigible)}) tient aux factures non encore "
                "échues ou prescrites : seul le principal exigible et non prescrit peut être "
                "réclamé en justice et décide des seuils (petites créances, CPC 750-1)."
            )
        else:
            explication = (
                "Les deux montants sont égaux : toutes les factures impayées sont échues et non "
                "prescrites."
            )
        lignes += couper(explication, largeur, "  ", "  ")
        lignes += couper(
            "Hors intérêts, pénalités et indemnités : voir la commande « decompte », dont le "
            "« principal restant dû » peut être plus élevé que le principal impayé, les paiements "
            "y étant imputés d'abord sur les intérêts et les frais (C. civ. 1343-1).",
            largeur,
            "  ",
            "  ",
        )
    lignes += _section("Conditions")
    for constat in rapport.constats:
        tete = f"{_SYMBOLES[constat.satisfaite]} {constat.intitule} : {constat.motif}"
        lignes += couper(tete, largeur, "", "      ")
        if constat.faits_manquants:
            lignes += couper(
                "Faits manquants : " + ", ".join(constat.faits_manquants), largeur, "      "
            )
        for avertissement in constat.avertissements:
            lignes += couper(f"! {avertissement}", largeur, "      ")
        if constat.fondements:
            lignes += couper("(" + " ; ".join(constat.fondements) + ")", largeur, "      ")
    voie = rapport.voie
    lignes += _section(f"Voie recommandée : {voie.intitule}")
    for motif in voie.motifs:
        lignes += couper(f"• {motif}", largeur, "  ", "    ")
    for avertissement in voie.avertissements:
        lignes += couper(f"! {avertissement}", largeur, "  ", "    ")
    if voie.fondements:
        lignes += couper("(" + " ; ".join(voie.fondements) + ")", largeur, "  ", "    ")
    if rapport.juridiction is not None:
        j = rapport.juridiction
        lignes += _section("Juridiction")
        designation = getattr(j, "designation", None)
        if designation:
            lignes += couper(designation[:1].upper() + designation[1:], largeur, "  ")
        else:
            lignes += couper(f"{j.intitule} — tribunal non nommé", largeur, "  ")
        lignes += couper(f"Lieu : {j.lieu}", largeur, "  ")
        candidats = getattr(j, "candidats", ())
        if candidats and not designation:
            lignes += couper("Tribunaux possibles : " + ", ".join(candidats), largeur, "  ")
        a_completer = getattr(j, "a_completer", None)
        if a_completer:
            lignes += couper(f"! À compléter : {a_completer}", largeur, "  ", "    ")
        lignes += couper(j.regle_territoriale, largeur, "  ")
        determination = getattr(j, "determination", None)
        if determination:
            lignes += couper(f"Déterminée par : {determination}", largeur, "  ")
        for avertissement in j.avertissements:
            lignes += couper(f"! {avertissement}", largeur, "  ", "    ")
    if rapport.calendrier:
        lignes += _section("Calendrier")
        for etape in rapport.calendrier:
            quand = date(etape.date) if etape.date else "date à établir"
            if etape.echue:
                quand += " (échue)"
            lignes += couper(f"{quand} — {etape.intitule}", largeur, "  ")
            lignes += couper(f"{etape.regle} ({etape.fondement})", largeur, "      ")
    if rapport.faits_manquants:
        lignes += _section("Faits à fournir")
        lignes += _puces(rapport.faits_manquants, largeur)
    return fin(lignes)


def _puces(elements: Iterable[str], largeur: int) -> list[str]:
    lignes: list[str] = []
    for element in elements:
        lignes += couper(f"• {element}", largeur, "  ", "    ")
    return lignes


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
    valeurs: Sequence[Any],
    manquantes: Sequence[Any],
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
    lignes = _titre(f"Règles en vigueur au {date(au)}", largeur)
    lignes += couper(f"Version : {version}.", largeur, suite="")
    groupes: dict[str, list[Any]] = {}
    for v in valeurs:
        groupes.setdefault(v.identifiant.split(".")[0], []).append(v)
    connus = [g for g in GROUPES_REGLES if g in groupes]
    ordre = [*connus, *sorted(set(groupes) - set(GROUPES_REGLES))]
    for groupe in ordre:
        membres = groupes[groupe]
        lignes += _section(GROUPES_REGLES.get(groupe, groupe))
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
        lignes += _section("Non couvert à cette date")
        for erreur in manquantes:
            identifiant = erreur.details.get("identifiant", "")
            lignes += couper(f"! {identifiant} : aucune valeur connue", largeur, "  ")
    return fin(lignes)


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

