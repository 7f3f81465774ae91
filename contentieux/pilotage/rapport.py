"""Rapport de pilotage : une page HTML autonome et le même rapport en PDF (WeasyPrint).

Les graphiques sont dessinés par **pygal**, en SVG inséré dans la page : pur Python (aucune
bibliothèque compilée, aucun navigateur), un SVG que WeasyPrint rend tel quel dans le PDF et que
tout navigateur affiche sans script ; la page tient en un seul fichier. Les nombres et les dates
sont écrits à la française (Babel) ; tout texte venu d'un dossier est échappé (Jinja2 en
échappement automatique, sérialisation XML de pygal).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from contentieux.pilotage.agenda import LIBELLES_STATUTS, Agenda, DecisionAgenda
from contentieux.pilotage.indicateurs import (
    LIBELLES_ETAPES,
    LIBELLES_TRANCHES,
    TRANCHES,
    Indicateur,
    Indicateurs,
)

COULEURS_TRANCHES = ("#4f9d69", "#c9d96b", "#f2c14e", "#f08a4b", "#d64933", "#8c1c13")
POLICE = "Liberation Sans, DejaVu Sans, sans-serif"
DEBITEURS_GRAPHIQUE = 10
"""Débiteurs montrés dans le graphique de la balance (les plus gros encours échus)."""


def _nombre(valeur: Decimal | float, decimales: int = 1) -> str:
    from babel.numbers import format_decimal

    motif = "#,##0." + "0" * decimales if decimales else "#,##0"
    return str(format_decimal(valeur, format=motif, locale="fr_FR"))


def _euros(valeur: Decimal) -> str:
    from contentieux.francais import formater_montant

    return formater_montant(valeur)


def _date(valeur: dt.date | None) -> str:
    from contentieux.francais import formater_date

    return formater_date(valeur) if valeur else "—"


def _mois(valeur: dt.date) -> str:
    from babel.dates import format_date

    return str(format_date(valeur, format="MMM y", locale="fr_FR"))


def _euros_arrondis(valeur: float) -> str:
    """Graduation d'axe : euros sans centimes (« 12 000 € »)."""
    return _nombre(Decimal(str(valeur)), 0) + "\xa0€"


def _cellule(valeur: Decimal) -> str:
    """Cellule de tableau : vide (tiret) pour zéro, pour que les montants ressortent."""
    return "–" if valeur == 0 else _euros(valeur)


def _indicateur(ind: Indicateur) -> str:
    if ind.valeur is None:
        return "—"
    suffixe = "\xa0j" if ind.unite == "jours" else "\xa0%"
    return _nombre(ind.valeur) + suffixe


def _style() -> Any:
    from pygal.style import Style  # type: ignore[import-untyped, unused-ignore]

    return Style(
        background="white",
        plot_background="white",
        font_family=POLICE,
        label_font_size=12,
        major_label_font_size=12,
        legend_font_size=12,
        title_font_size=15,
        value_font_size=11,
        colors=COULEURS_TRANCHES,
    )


def _config(graphique: Any) -> None:
    graphique.config.js = []  # pas de script distant : le rapport reste autonome et hors ligne
    graphique.config.disable_xml_declaration = True
    graphique.config.explicit_size = True
    graphique.config.no_data_text = "Aucune donnée"  # pygal écrirait « No data »
    graphique.config.truncate_legend = -1  # légendes entières (« Plus de 180 j »)


def _svg(graphique: Any) -> str:
    """Le SVG sans ses scripts : pygal y loge sa configuration (textes des dossiers compris) dans
    un ``<script>`` ; le rapport n'en a pas besoin et n'en veut aucun. Dans un SVG sérialisé, un
    texte ne peut contenir ``<`` que sous la forme ``&lt;`` : l'expression ci-dessous ne peut donc
    s'arrêter qu'à la vraie balise fermante. Les ancres d'interactivité (``activate-serie-*``),
    répétées d'un graphique à l'autre, sont retirées aussi."""
    import re

    texte = str(graphique.render(is_unicode=True))
    texte = re.sub(r"<script\b[^>]*?(/>|>.*?</script>)", "", texte, flags=re.S)
    texte = re.sub(r"<!--.*?-->", "", texte, flags=re.S)
    return re.sub(r' id="activate-serie-\d+"', "", texte)


def graphique_balance(indicateurs: Indicateurs) -> str:
    """Barres empilées horizontales : l'encours de chaque débiteur par tranche d'âge."""
    import pygal  # type: ignore[import-untyped, unused-ignore]

    lignes = sorted(
        indicateurs.balance.lignes,
        key=lambda ligne: ligne.tranches.total - ligne.tranches.non_echu,
        reverse=True,
    )[:DEBITEURS_GRAPHIQUE]
    lignes.reverse()  # le plus gros en haut
    graphique = pygal.HorizontalStackedBar(
        width=900,
        height=90 + 34 * max(len(lignes), 1),
        style=_style(),
        legend_at_bottom=True,
        legend_at_bottom_columns=6,
        truncate_label=40,
        value_formatter=_euros_arrondis,
        title=f"Balance âgée : les {len(lignes)} débiteurs au plus fort encours échu (TTC)",
    )
    _config(graphique)
    graphique.x_labels = [ligne.debiteur for ligne in lignes]
    for cle in TRANCHES:
        graphique.add(
            LIBELLES_TRANCHES[cle],
            [float(getattr(ligne.tranches, cle)) for ligne in lignes],
        )
    return _svg(graphique)


def graphique_dso(indicateurs: Indicateurs) -> str:
    """Courbe du DSO (méthode du ratio) aux douze dernières fins de mois."""
    import pygal  # type: ignore[import-untyped, unused-ignore]

    graphique = pygal.Line(
        width=900,
        height=320,
        style=_style(),
        show_legend=False,
        dots_size=4,
        print_values=True,
        value_formatter=lambda x: _nombre(Decimal(str(x))) + " j",
        title=f"DSO par mois (méthode du ratio, {indicateurs.jours} jours), en jours",
        y_title="jours",
        min_scale=4,
        truncate_label=-1,
    )
    _config(graphique)
    graphique.x_labels = [_mois(p.au) for p in indicateurs.dso_mensuel]
    graphique.add(
        "DSO", [float(p.dso) if p.dso is not None else None for p in indicateurs.dso_mensuel]
    )
    return _svg(graphique)


def graphique_entonnoir(agenda: Agenda, etapes: list[tuple[str, str]]) -> str:
    """Barres horizontales : dossiers dont l'étape en cours est au moins celle-ci (entonnoir),
    suivies des dossiers sortis du scénario par un garde-fou."""
    import pygal  # type: ignore[import-untyped, unused-ignore]

    codes = [code for code, _ in etapes]
    courantes: dict[str, int] = dict.fromkeys(codes, 0)
    hors: dict[str, int] = {}
    for d in agenda.decisions:
        if d.statut == "actif" and d.etape is not None and d.etape.code in courantes:
            courantes[d.etape.code] += 1
        elif d.statut not in {"actif", "solde"}:
            libelle = LIBELLES_STATUTS[d.statut]
            hors[libelle] = hors.get(libelle, 0) + 1
    cumul = []
    total = 0
    for code in reversed(codes):
        total += courantes[code]
        cumul.append(total)
    cumul.reverse()
    graphique = pygal.HorizontalBar(
        width=900,
        height=90 + 30 * (len(etapes) + len(hors)),
        style=_style(),
        show_legend=False,
        print_values=True,
        print_values_position="top",
        value_formatter=lambda x: _nombre(Decimal(str(x)), 0),
        title="Entonnoir : dossiers ayant atteint chaque étape (rouge : garde-fou)",
    )
    _config(graphique)
    libelles = [intitule for _, intitule in etapes] + list(hors)
    plus_grand = max([*cumul, *hors.values(), 1])
    pas = max(1, plus_grand // 8)
    graphique.config.y_labels = list(range(0, plus_grand + pas, pas))
    graphique.x_labels = list(reversed(libelles))
    valeurs: list[dict[str, Any]] = [{"value": n, "color": "#4f7cac"} for n in cumul]
    valeurs += [{"value": n, "color": "#d64933"} for n in hors.values()]
    graphique.add("Dossiers", list(reversed(valeurs)))
    return _svg(graphique)


GABARIT = Path(__file__).with_name("rapport.html")
"""Gabarit Jinja2 du rapport (échappement automatique)."""


def _ligne_decision(d: DecisionAgenda) -> dict[str, str]:
    date = d.etape.date if d.etape is not None and d.etape.date else d.echeance_reference
    return {
        "dossier": d.dossier,
        "debiteur": d.debiteur,
        "statut": d.statut,
        "situation": LIBELLES_STATUTS[d.statut],
        "montant": _euros(d.montant_du),
        "date": _date(date),
        "pourquoi": " ".join(d.motifs[:2]),
    }


def rendre_html(
    indicateurs: Indicateurs,
    agenda: Agenda | None = None,
    *,
    titre: str = "Pilotage du poste clients",
    etapes_scenario: list[tuple[str, str]] | None = None,
) -> str:
    """Le rapport en une page HTML autonome (SVG en ligne, aucun script, aucune ressource
    externe)."""
    from jinja2 import Environment
    from markupsafe import Markup

    env = Environment(autoescape=True, keep_trailing_newline=True)
    cartes = [
        {"valeur": _euros(indicateurs.encours), "nom": "Encours net", "calcul": "au grand livre"},
        {
            "valeur": _euros(indicateurs.encours_echu),
            "nom": "dont échu",
            "calcul": "échéance dépassée",
        },
    ]
    for ind in (
        indicateurs.dso,
        indicateurs.dso_epuisement,
        indicateurs.meilleur_dso,
        indicateurs.add,
        indicateurs.cei,
        indicateurs.taux_recouvrement,
        indicateurs.delai_moyen_recouvrement,
        indicateurs.taux_reussite_plans,
    ):
        cartes.append({"valeur": _indicateur(ind), "nom": ind.intitule, "calcul": ind.motif})
    balance: list[dict[str, Any]] = []
    for ligne in indicateurs.balance.lignes:
        valeurs = [getattr(ligne.tranches, t) for t in (*TRANCHES, "non_affecte", "total")]
        balance.append({"nom": ligne.debiteur, "valeurs": [_cellule(v) for v in valeurs]})
    total = indicateurs.balance.total
    balance.append(
        {
            "nom": "Total",
            "total": True,
            "valeurs": [_cellule(getattr(total, t)) for t in (*TRANCHES, "non_affecte", "total")],
        }
    )
    decisions = None
    svg_entonnoir = None
    if agenda is not None:
        rang = {"urgence": 0, "declaration": 1, "arrete": 2}
        decisions = [
            _ligne_decision(d)
            for d in sorted(
                (d for d in agenda.decisions if d.a_decider),
                key=lambda d: (rang.get(d.statut, 3), -d.montant_du),
            )
        ]
        ordre = etapes_scenario or _etapes_vues(agenda)
        svg_entonnoir = Markup(graphique_entonnoir(agenda, ordre))
    gabarit = env.from_string(GABARIT.read_text(encoding="utf-8"))
    return gabarit.render(
        titre=titre,
        au=_date(indicateurs.au),
        periode=f"du {_date(indicateurs.periode_debut)} au {_date(indicateurs.periode_fin)}",
        jours=indicateurs.jours,
        scenario=agenda.scenario if agenda else None,
        cartes=cartes,
        tranches=[LIBELLES_TRANCHES[t] for t in (*TRANCHES, "non_affecte")],
        balance=balance,
        svg_balance=Markup(graphique_balance(indicateurs)),
        svg_dso=Markup(graphique_dso(indicateurs)),
        svg_entonnoir=svg_entonnoir,
        etapes=[(LIBELLES_ETAPES[k], v) for k, v in indicateurs.dossiers_par_etape.items()],
        prescription_examinee=indicateurs.etapes_prescription_examinee,
        decisions=decisions,
    )


def _etapes_vues(agenda: Agenda) -> list[tuple[str, str]]:
    vues: dict[str, str] = {}
    for d in agenda.decisions:
        for e in (d.etape, d.prochaine):
            if e is not None and d.statut in {"actif", "a_venir"}:
                vues.setdefault(e.code, e.intitule.split(" : ")[0])
    return list(vues.items())


def ecrire_pdf(html: str, chemin: str | Path) -> Path:
    """Le même rapport en PDF (WeasyPrint)."""
    from weasyprint import HTML  # type: ignore[import-untyped, unused-ignore]

    from contentieux.ecriture import ecrire_atomique

    destination = Path(chemin)
    contenu = HTML(string=html, base_url=str(destination.parent)).write_pdf()
    ecrire_atomique(destination, bytes(contenu))
    return destination
