"""Citations du décompte : le fondement de chaque ligne est une suite de clés de ``sources.yaml``.

Un ``fondement`` de ligne (intérêts, indemnité, clause pénale, capitalisation), les ``fondements``
d'une imputation et le ``fondement`` d'une valeur de règle utilisée contiennent une ou plusieurs
citations au format unique de :mod:`contentieux.droit.citations`, séparées par « ; » ; chacune
est une clé de la section « Articles cités » de ``regles/sources.yaml``. La précision (« II »,
« al. 2 ») et le commentaire (« taux BCE … + 10 points ») sont dans la note ou le motif de la
ligne, que le rapport texte et l'acte « décompte » affichent à côté du fondement.

On parcourt chaque scénario de ``tests/cas/decompte`` sous les options qui changent le calcul,
chaque exemple à plusieurs dates (avec et sans frais de recouvrement complémentaires) et
``calculer_interets`` pour chaque régime.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from contentieux._yaml import charger_yaml_exact
from contentieux.actes import ACTES
from contentieux.actes.contrats import sections_decompte, tableau_recapitulatif
from contentieux.droit.citations import articles, est_citation
from contentieux.erreurs import ErreurContentieux
from contentieux.exemples import dossier_exemple, noms_exemples
from contentieux.interets import calculer_interets, etablir_decompte
from contentieux.interets.indemnite import FONDEMENT_B2B
from contentieux.modeles import Dossier
from contentieux.modeles.decompte import Decompte, OptionsDecompte
from contentieux.regles import charger_regles
from contentieux.signature.mention import FONDEMENTS as FONDEMENTS_MENTION
from contentieux.signature.mention import controler_mention

RACINE = Path(__file__).parent.parent
REGLES = charger_regles()
CAS = sorted((RACINE / "tests" / "cas" / "decompte").glob("*.yaml"))
OPTIONS: list[dict[str, Any]] = [
    {},
    {"diviseur": "exact"},
    {"compte_jours": "deux_bornes"},
    {"apres_jugement": "taux_legal"},
    {"plancher_contrat_muet": True},
    {"depart_taux_legal": "envoi"},
    {"factures_prescrites": "inclure"},
    {"frais_recouvrement": Decimal("150.00")},
    {"indemnite_forfaitaire": False},
]
"""Options qui changent les régimes, les lignes ou leurs fondements."""
DATES = (dt.date(2025, 3, 15), dt.date(2026, 6, 30))


def _champs(decompte: Decompte) -> dict[str, list[str]]:
    """Les fondements de chaque sorte de ligne d'un décompte (une entrée par champ)."""
    return {
        "lignes": [li.fondement for li in decompte.lignes],
        "indemnites": [i.fondement for i in decompte.indemnites],
        "clauses_penales": [c.fondement for c in decompte.clauses_penales],
        "capitalisations": [c.fondement for c in decompte.capitalisations],
        "imputations": [f for i in decompte.imputations for f in i.fondements],
        "valeurs_utilisees": [v.fondement for v in decompte.valeurs_utilisees],
    }


def _decomptes() -> list[tuple[str, Decompte]]:
    resultats: list[tuple[str, Decompte]] = []

    def essayer(quoi: str, dossier: Dossier, au: dt.date, options: dict[str, Any]) -> None:
        try:
            d = etablir_decompte(dossier, au=au, options=OptionsDecompte(**options))
        except ErreurContentieux:  # frais refusés à un consommateur, semestre non couvert…
            return
        resultats.append((quoi, d))

    for chemin in CAS:
        cas = charger_yaml_exact(chemin.read_text(encoding="utf-8"))
        dossier = Dossier.model_validate(cas["dossier"])
        base = cas.get("options") or {}
        for options in OPTIONS:
            essayer(f"{chemin.stem} {options}", dossier, cas["au"], {**base, **options})
    for nom in noms_exemples():
        for au in DATES:
            for options in OPTIONS:
                essayer(f"exemple {nom} {au} {options}", dossier_exemple(nom), au, options)
    return resultats


DECOMPTES = _decomptes()


def _emis() -> dict[str, dict[str, set[str]]]:
    """Champ → fondement (tel qu'écrit sur la ligne) → décomptes qui l'émettent."""
    emis: dict[str, dict[str, set[str]]] = {}
    for quoi, decompte in DECOMPTES:
        for champ, fondements in _champs(decompte).items():
            for fondement in fondements:
                emis.setdefault(champ, {}).setdefault(fondement, set()).add(quoi)
    for regime in ("taux_legal", "penalites_b2b", "commande_publique", "jugement"):
        r = calculer_interets(
            Decimal("1000"),
            dt.date(2024, 1, 5),
            dt.date(2026, 2, 3),
            regime=regime,
            date_executoire=dt.date(2024, 3, 1),
        )
        for li in r.lignes:
            emis["lignes"].setdefault(li.fondement, set()).add(f"calculer_interets {regime}")
    r = calculer_interets(
        Decimal("1000"),
        dt.date(2025, 1, 5),
        dt.date(2025, 6, 3),
        regime="taux_conventionnel",
        taux_contractuel=Decimal("7"),
    )
    for li in r.lignes:
        emis["lignes"].setdefault(li.fondement, set()).add("calculer_interets conventionnel")
    return emis


EMIS = _emis()
CITATIONS = sorted({c for par_champ in EMIS.values() for f in par_champ for c in articles(f)})


def test_assez_de_decomptes_et_de_fondements_parcourus() -> None:
    assert len(DECOMPTES) >= 300
    assert set(EMIS) == {
        "lignes",
        "indemnites",
        "clauses_penales",
        "capitalisations",
        "imputations",
        "valeurs_utilisees",
    }
    assert len(CITATIONS) >= 16
    for attendue in (
        "C. com. L441-10",  # pénalités
        "C. com. D441-5",  # indemnité entre professionnels
        "CJUE C-78/22",  # une indemnité par facture
        "CCP D2192-35",  # indemnité de la commande publique
        "CCP R2192-31",  # intérêts moratoires
        "C. consom. L312-39",  # crédit à la consommation
        "CMF L313-3",  # majoration de 5 points
        "C. civ. 1231-5",  # clause pénale
        "C. civ. 1343-2",  # capitalisation
        "C. civ. 1342-10",  # imputation
        "CCP R2192-36",  # imputation d'un paiement public
        "CMF D313-1-A",  # valeur de règle : taux légal
    ):
        assert attendue in CITATIONS, attendue


@pytest.mark.parametrize("citation", CITATIONS)
def test_citation_de_ligne_au_format_et_resolue(citation: str) -> None:
    ou = [(champ, f) for champ, par in EMIS.items() for f in par if citation in articles(f)]
    assert est_citation(citation), (citation, ou[:3])
    source = REGLES.source(citation)  # KeyError si la clé manque dans sources.yaml
    assert source.titre and any(u.startswith("https://") for u in source.urls)
    assert source.articles == citation


@pytest.mark.parametrize("champ", ["lignes", "indemnites", "valeurs_utilisees"])
def test_fondement_sans_paragraphe_ni_commentaire(champ: str) -> None:
    """Le séparateur est « ; » ; ni « et », ni « II », ni parenthèse dans un fondement."""
    for fondement in EMIS[champ]:
        assert " ; ".join(articles(fondement)) == fondement, fondement
        assert all(est_citation(c) for c in articles(fondement)), fondement


def test_la_precision_passe_dans_la_note_ou_le_motif() -> None:
    """Ce qu'un juriste lisait dans l'ancien fondement est dans la note ou le motif."""
    b2b = etablir_decompte(dossier_exemple("b2b"), au=dt.date(2026, 6, 30))
    ligne = b2b.lignes[0]
    assert (ligne.regime, ligne.fondement) == ("penalites_b2b", "C. com. L441-10")
    assert ligne.note == "L441-10 II : taux BCE au 1er janvier ou au 1er juillet + 10 points"
    indemnite = b2b.indemnites[0]
    assert indemnite.fondement == "C. com. L441-10 ; C. com. D441-5 ; CJUE C-78/22"
    assert indemnite.motif.endswith(
        "; L441-10 II : une indemnité par facture payée en retard (CJUE 4 mai 2023)"
    )
    legal = etablir_decompte(dossier_exemple("loyer"), au=dt.date(2026, 6, 30)).lignes[0]
    assert legal.fondement == "C. civ. 1231-6 ; C. civ. 1344-1 ; CMF L313-2"
    assert legal.note == "taux « particuliers »"
    public = etablir_decompte(dossier_exemple("commande_publique"), au=dt.date(2026, 6, 30))
    assert public.lignes[0].fondement == "CCP L2192-13 ; CCP R2192-31"
    assert public.lignes[0].note is not None and "+ 8 points" in public.lignes[0].note
    assert public.indemnites[0].fondement == "CCP L2192-13 ; CCP D2192-35"
    frais = etablir_decompte(
        dossier_exemple("b2b"),
        au=dt.date(2026, 6, 30),
        options=OptionsDecompte(frais_recouvrement=Decimal("150.00")),
    ).indemnites[-1]
    assert (frais.nature, frais.fondement) == ("complementaire", "C. com. L441-10")
    assert "L441-10 II : indemnisation complémentaire sur justification" in frais.motif


def test_jugement_majore_cite_l313_3_et_le_dit_en_note() -> None:
    r = calculer_interets(
        Decimal("1000"),
        dt.date(2025, 1, 5),
        dt.date(2025, 12, 31),
        regime="jugement",
        date_executoire=dt.date(2025, 1, 5),
    )
    avant, apres = r.lignes[0], r.lignes[-1]
    assert (avant.fondement, avant.note) == ("C. civ. 1231-7 ; CMF L313-2", "taux « autres »")
    assert apres.fondement == "C. civ. 1231-7 ; CMF L313-2 ; CMF L313-3"
    assert apres.note is not None and apres.note.startswith("taux « autres » + 5 points ; ")


def test_le_rapport_texte_et_l_acte_montrent_fondement_et_precision() -> None:
    b2b = etablir_decompte(dossier_exemple("b2b"), au=dt.date(2026, 6, 30))
    texte = " ".join(str(b2b).split())
    assert "C. com. L441-10 — L441-10 II : taux BCE au 1er janvier ou au 1er juillet" in texte
    assert "C. com. L441-10 ; C. com. D441-5 ; CJUE C-78/22" in texte
    assert "CJUE 4 mai 2023" in texte
    # L'acte « décompte » : la précision en note numérotée sous le tableau, une seule fois.
    sections = {s.titre: s for s in sections_decompte(b2b)}
    section = sections["Intérêts et pénalités, ligne par ligne"]
    assert section.tableau is not None and len(section.tableau.lignes) == 7
    assert {li[-1] for li in section.tableau.lignes} == {"C. com. L441-10 (1)"}
    assert [p.texte.replace("\xa0", " ") for p in section.notes] == [
        "(1) L441-10 II : taux BCE au 1er janvier ou au 1er juillet + 10 points"
    ]
    section = sections["Indemnités"]
    assert section.tableau is not None
    assert "CJUE" not in section.tableau.lignes[0][1]
    assert section.tableau.lignes[0][-1] == "C. com. L441-10 ; C. com. D441-5 ; CJUE C-78/22 (1)"
    assert len(section.notes) == 1 and "CJUE 4 mai 2023" in section.notes[0].texte
    # Le récapitulatif (mise en demeure, requête…) garde la catégorie du taux légal.
    loyer = etablir_decompte(dossier_exemple("loyer"), au=dt.date(2026, 6, 30))
    interets = [li for li in tableau_recapitulatif(loyer).lignes if li[0] == "Intérêts de retard"]
    assert interets[0][1] == (
        "C. civ. 1231-6 ; C. civ. 1344-1 ; CMF L313-2 — taux « particuliers »"
    )


@pytest.mark.parametrize(
    "fichier",
    [
        "bce",
        "commande_publique",
        "delais_paiement",
        "indemnite_forfaitaire",
        "interet_legal",
        "penalites_b2b",
    ],
)
def test_fondements_des_regles_du_decompte(fichier: str) -> None:
    parametres = [i for i in REGLES.identifiants() if i.startswith(f"{fichier}.")]
    assert parametres
    for identifiant in parametres:
        fondement = REGLES.parametre(identifiant).fondement
        assert " ; ".join(articles(fondement)) == fondement, identifiant
        for article in articles(fondement):
            assert est_citation(article), (identifiant, article)
            assert REGLES.source(article).articles == article, (identifiant, article)


@pytest.mark.parametrize("acte", ACTES)
def test_fondements_des_manifestes(acte: str) -> None:
    brut = (RACINE / "gabarits" / acte / "manifeste.yaml").read_text(encoding="utf-8")
    manifeste = yaml.safe_load(brut)
    citations = list(manifeste["fondements"]) + [
        a for m in manifeste["mentions"] if m.get("fondement") for a in articles(m["fondement"])
    ]
    assert citations
    for citation in citations:
        assert est_citation(citation), (acte, citation)
        assert REGLES.source(citation).articles == citation, (acte, citation)


def test_fondements_de_la_mention_de_signature() -> None:
    controle = controler_mention("Bon pour mille euros (1 000 €)", Decimal("1000"))
    assert tuple(controle.fondements) == FONDEMENTS_MENTION == ("C. civ. 1376", "C. civ. 1174")
    for citation in controle.fondements:
        assert est_citation(citation), citation
        assert REGLES.source(citation).articles == citation


def test_recapitulatif_cite_les_fondements_du_decompte() -> None:
    """Le tableau récapitulatif (mise en demeure, requête…) reprend les citations des lignes :
    l'indemnité due par un acheteur public repose sur le CCP, pas sur L441-10."""
    au = dt.date(2026, 6, 30)
    public = tableau_recapitulatif(etablir_decompte(dossier_exemple("commande_publique"), au=au))
    postes = {li[0]: li[1] for li in public.lignes}
    assert postes["Indemnités forfaitaires pour frais de recouvrement"] == (
        "CCP L2192-13 ; CCP D2192-35"
    )
    assert "L441-10" not in " ".join(postes.values())
    b2b = tableau_recapitulatif(etablir_decompte(dossier_exemple("b2b"), au=au))
    postes = {li[0]: li[1] for li in b2b.lignes}
    assert postes["Pénalités de retard"].startswith("C. com. L441-10 — L441-10 II : taux BCE")
    assert postes["Indemnités forfaitaires pour frais de recouvrement"] == FONDEMENT_B2B
    for fondement in postes.values():
        for citation in articles(fondement.split(" — ")[0]):
            assert citation == "factures impayées" or REGLES.source(citation).articles == citation
