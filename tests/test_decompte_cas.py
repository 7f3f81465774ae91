"""Rejoue les cas de décompte de ``tests/cas/decompte`` (calculés à la main par un juriste)."""

from __future__ import annotations

import ast
import datetime as dt
import itertools
import operator
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from contentieux import erreurs
from contentieux._yaml import charger_yaml_exact
from contentieux.droit.prescription import analyser_prescriptions
from contentieux.interets import etablir_decompte
from contentieux.modeles import Dossier
from contentieux.modeles.decompte import Decompte, OptionsDecompte
from contentieux.regles import charger_regles

DOSSIER_CAS = Path(__file__).parent / "cas" / "decompte"
CAS = sorted(DOSSIER_CAS.glob("*.yaml"))
CHAMPS_TEXTE = {"calcul"}  # calcul à la main : refait par _verifier_calcul, absent du modèle
_NOMBRE = re.compile(r"\d{1,3}(?: \d{3})+(?:,\d+)?|\d+(?:,\d+)?")  # « 10 000,00 », « 2,76 »


def _nombre(texte: str) -> Decimal:
    """Le premier nombre écrit à la française dans ``texte`` (« 2 406,575 » → 2406.575)."""
    trouve = _NOMBRE.search(texte)
    assert trouve, texte
    return Decimal(trouve.group().replace(" ", "").replace(",", "."))


_OPERATIONS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
               ast.Div: operator.truediv}  # fmt: skip


def _evaluer(expression: str) -> Decimal:
    """Valeur exacte d'un calcul écrit à la main (« (10 000 + 2 000 capitalisés) × 20 % × 366 /
    365 ») : nombres à la française, ×, /, +, −, %, parenthèses ; les mots sont ignorés. Les
    nombres deviennent des ``Decimal`` (jamais des ``float``) ; seules les quatre opérations
    sont évaluées."""
    nombres: list[Decimal] = []

    def nommer(trouve: re.Match[str]) -> str:
        nombres.append(Decimal(trouve.group().replace(" ", "").replace(",", ".")))
        return f" n{len(nombres) - 1} "

    texte = _NOMBRE.sub(nommer, re.sub(r"[^\d\s,()+\-−×/%]", " ", expression))
    texte = texte.replace("×", "*").replace("−", "-").replace("%", "/ cent")

    def valeur(noeud: ast.expr) -> Decimal:
        if isinstance(noeud, ast.Name):
            return Decimal(100) if noeud.id == "cent" else nombres[int(noeud.id[1:])]
        assert isinstance(noeud, ast.BinOp) and type(noeud.op) in _OPERATIONS, expression
        resultat = _OPERATIONS[type(noeud.op)](valeur(noeud.left), valeur(noeud.right))
        assert isinstance(resultat, Decimal)
        return resultat

    return valeur(ast.parse(texte.strip(), mode="eval").body)


def _verifier_calcul(attendu: dict[str, Any], ou: str) -> None:
    """Refait le calcul écrit à la main d'une ligne attendue, en ``Decimal`` :

    - chaque « = » de la chaîne tient (le résultat écrit est la valeur exacte, tronquée ou
      arrondie à ses décimales ; « (2 000 − 394,70) = 1 605,30 × … » enchaîne deux calculs) ;
    - l'arrondi au centime, demi supérieur, de la valeur exacte est le nombre écrit après « → »
      (ou le résultat s'il n'y a pas de flèche), et c'est le ``montant`` attendu de la ligne ;
    - le taux et les jours du calcul sont ceux de la ligne, et ``jours = au − du``.
    """
    texte = attendu["calcul"]
    if "×" not in texte:
        return  # une explication sans calcul (indemnité forfaitaire de 40 €)
    avant, _, apres = texte.partition("→")
    etapes = avant.split("=")
    for gauche, droite in itertools.pairwise(etapes):
        ecrit = _nombre(droite)
        exposant = ecrit.as_tuple().exponent
        assert isinstance(exposant, int)
        assert abs(_evaluer(gauche) - ecrit) < Decimal(10) ** exposant, f"{ou} : {texte}"
    arrondi = _nombre(apres if apres else etapes[-1])
    exact = _evaluer(etapes[-2])
    assert exact.quantize(Decimal("0.01"), ROUND_HALF_UP) == arrondi, f"{ou} : {texte} ({exact})"
    if "montant" in attendu:
        assert _normaliser(attendu["montant"]) == arrondi, f"{ou} : {texte}"
    if "jours" in attendu:
        jours = re.search(r"× (\d+) / 36[56]", etapes[-2])
        assert jours and int(jours.group(1)) == attendu["jours"], f"{ou} : {texte}"
        if "du" in attendu and "au" in attendu:
            assert (attendu["au"] - attendu["du"]).days == attendu["jours"], ou
    if "taux" in attendu:
        taux = re.search(r"× (\([^)]*\)|[\d,]+) %", etapes[-2])
        assert taux and _evaluer(taux.group(1)) == _normaliser(attendu["taux"]), f"{ou} : {texte}"


def _lire(chemin: Path) -> dict[str, Any]:
    donnees = charger_yaml_exact(chemin.read_text(encoding="utf-8"))
    assert isinstance(donnees, dict)
    return donnees


def _normaliser(valeur: Any) -> Any:
    if isinstance(valeur, Decimal | int) and not isinstance(valeur, bool):
        return Decimal(valeur)
    if isinstance(valeur, str):
        try:
            return Decimal(valeur)
        except ArithmeticError:
            return valeur
    return valeur


def _comparer(attendu: dict[str, Any], reel: Any, ou: str) -> None:
    for cle, valeur in attendu.items():
        if cle in CHAMPS_TEXTE:
            continue
        if cle.endswith("_contient"):
            texte = getattr(reel, cle.removesuffix("_contient")) or ""
            assert valeur in texte, f"{ou}.{cle} : « {valeur} » absent de « {texte} »"
            continue
        obtenu = getattr(reel, cle)
        if isinstance(obtenu, dt.date) or valeur is None or isinstance(obtenu, str):
            assert obtenu == valeur, f"{ou}.{cle} : attendu {valeur!r}, obtenu {obtenu!r}"
        else:
            assert _normaliser(obtenu) == _normaliser(valeur), (
                f"{ou}.{cle} : attendu {valeur}, obtenu {obtenu}"
            )


def _comparer_liste(attendus: list[dict[str, Any]], reels: tuple[Any, ...], nom: str) -> None:
    assert len(reels) == len(attendus), (
        f"{nom} : {len(attendus)} attendu(s), {len(reels)} obtenu(s) : {reels}"
    )
    for i, (a, r) in enumerate(zip(attendus, reels, strict=True)):
        if "calcul" in a:
            _verifier_calcul(a, f"{nom}[{i}]")
        _comparer(a, r, f"{nom}[{i}]")


def _etablir(cas: dict[str, Any]) -> Decompte:
    dossier = Dossier.model_validate(cas["dossier"])
    options = OptionsDecompte(**(cas.get("options") or {}))
    return etablir_decompte(dossier, au=cas["au"], options=options)


def _verifier_prescription(cas: dict[str, Any], attendues: dict[str, dt.date | None]) -> None:
    """``attendu.prescription`` : numéro de facture → date de prescription calculée à la main
    (``null`` si aucune ne court), comparée à la décision de ``contentieux.droit.prescription``,
    celle qu'emploient le décompte (factures prescrites) et la recevabilité."""
    dossier = Dossier.model_validate(cas["dossier"])
    analyse = analyser_prescriptions(dossier, au=cas["au"], regles=charger_regles())
    obtenues = {f.numero: f.date_prescription for d in analyse.details for f in d.par_facture}
    assert set(attendues) <= set(obtenues), (sorted(attendues), sorted(obtenues))
    for numero, date in attendues.items():
        assert obtenues[numero] == date, (
            f"prescription de {numero} : attendu {date}, obtenu {obtenues[numero]}"
        )


@pytest.mark.parametrize("chemin", CAS, ids=[c.stem for c in CAS])
def test_cas(chemin: Path) -> None:
    cas = _lire(chemin)
    assert cas.get("titre"), "chaque cas a un titre lisible"
    if "erreur" in cas:
        type_erreur = getattr(erreurs, cas["erreur"]["type"])
        with pytest.raises(type_erreur) as info:
            _etablir(cas)
        contient = cas["erreur"]["contient"]
        for morceau in [contient] if isinstance(contient, str) else contient:
            assert morceau in str(info.value)
        return
    decompte = _etablir(cas)
    attendu = cas["attendu"]
    for nom in ("lignes", "indemnites", "capitalisations", "clauses_penales", "factures_exclues"):
        if nom in attendu:
            _comparer_liste(attendu[nom], getattr(decompte, nom), nom)
    if "imputations" in attendu:
        assert len(decompte.imputations) == len(attendu["imputations"])
        for i, (a, r) in enumerate(zip(attendu["imputations"], decompte.imputations, strict=True)):
            a = dict(a)
            parts = a.pop("parts", None)
            _comparer(a, r, f"imputations[{i}]")
            if parts is not None:
                _comparer_liste(parts, r.parts, f"imputations[{i}].parts")
    _comparer(attendu.get("totaux", {}), decompte, "totaux")
    for morceau in attendu.get("avertissements_contiennent", []):
        assert any(morceau in a for a in decompte.avertissements), decompte.avertissements
    for article in attendu.get("fondements_contiennent", []):
        assert article in decompte.fondements, decompte.fondements
    if "prescription" in attendu:
        _verifier_prescription(cas, attendu["prescription"])
    # Invariants : le total se recompose, les lignes s'additionnent, le JSON est fidèle.
    somme_lignes = sum((li.montant for li in decompte.lignes), start=Decimal(0))
    assert decompte.total_interets + decompte.total_penalites == somme_lignes
    assert decompte.total == (
        decompte.total_principal
        + somme_lignes
        + decompte.total_indemnites
        + decompte.total_clauses_penales
        - (
            decompte.total_paiements
            - decompte.trop_percu
            - sum((f.paiements_recus for f in decompte.factures_exclues), start=Decimal(0))
        )
    )
    assert Decompte.model_validate_json(decompte.model_dump_json()) == decompte


def test_le_calcul_ecrit_a_la_main_est_refait() -> None:
    """Le champ ``calcul`` d'une ligne n'est pas un commentaire : une erreur d'arithmétique, un
    arrondi faux ou un montant qui ne suit pas le calcul font échouer le cas."""
    juste = {
        "du": dt.date(2025, 11, 10), "au": dt.date(2025, 12, 31), "jours": 51, "taux": "2.76",
        "montant": "3.09", "calcul": "800,00 × 2,76 % × 51 / 365 = 3,085 → 3,09",
    }  # fmt: skip
    _verifier_calcul(juste, "juste")
    assert _evaluer("(2 000 − 394,70) × (2,62 + 5) %") == Decimal("122.323860")
    for faux in (
        {**juste, "calcul": "800,00 × 2,76 % × 51 / 365 = 3,095 → 3,10"},  # résultat faux
        {**juste, "calcul": "800,00 × 2,76 % × 51 / 365 = 3,085 → 3,08"},  # arrondi faux
        {**juste, "montant": "3.10"},  # montant qui ne suit pas le calcul
        {**juste, "calcul": "800,00 × 2,76 % × 52 / 365 = 3,145 → 3,15", "montant": "3.15"},
        {**juste, "calcul": "800,00 × 2,75 % × 51 / 365 = 3,073 → 3,07", "montant": "3.07"},
    ):
        with pytest.raises(AssertionError):
            _verifier_calcul(faux, "faux")


def test_la_prescription_enoncee_est_affirmee() -> None:
    """Un cas dont le titre ou la description parle de facture prescrite affirme les dates
    (``attendu.prescription``), calculées à la main dans la description."""
    concernes, sans_date = [], []
    for chemin in CAS:
        cas = _lire(chemin)
        if re.search(r"prescri|forclu", f"{cas['titre']} {cas.get('description', '')}", re.I):
            concernes.append(chemin.stem)
            if "prescription" not in cas.get("attendu", {}):
                sans_date.append(chemin.stem)
    assert len(concernes) >= 2  # k8_facture_prescrite_exclue et k8_facture_prescrite_incluse
    assert sans_date == []


def test_tous_les_cas_exiges_sont_presents() -> None:
    noms = {c.stem for c in CAS}
    for attendu in (
        "taux_legal_semestres",
        "b2b_semestres",
        "bissextile_365",
        "bissextile_exact",
        "plancher_2024",
        "taux_contractuel_superieur",
        "paiements_partiels",
        "capitalisation_deux_ans",
        "commande_publique_changement_bce",
        "jugement_majoration",
        "particuliers",
        "indemnite_40",
        "frais_consommateur_refuses",
        "semestre_non_couvert",
    ):
        assert attendu in noms


def test_fondements_au_format_unique_et_resolus() -> None:
    """Chaque article de ``Decompte.fondements`` (cas et exemples) est une citation au format
    unique qui renvoie à ``regles/sources.yaml`` (section « Articles cités »)."""
    import datetime as dt

    from contentieux.droit.citations import est_citation
    from contentieux.exemples import dossier_exemple, noms_exemples
    from contentieux.regles import charger_regles

    regles = charger_regles()
    emis: set[str] = set()
    for chemin in CAS:
        cas = _lire(chemin)
        if "erreur" not in cas:
            emis.update(_etablir(cas).fondements)
    for nom in noms_exemples():
        emis.update(etablir_decompte(dossier_exemple(nom), au=dt.date(2026, 6, 30)).fondements)
    assert len(emis) >= 20
    for article in sorted(emis):
        assert est_citation(article), article
        assert regles.source(article).titre, article
