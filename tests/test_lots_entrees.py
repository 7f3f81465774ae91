"""Lecteurs des lots : JSON lines, CSV groupé par dossier, dossier de fichiers ; en flux."""

from __future__ import annotations

import io
import itertools
import json
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentieux.erreurs import EntreeLotIllisible
from contentieux.exemples import dossier_donnees
from contentieux.lots.entrees import (
    COLONNES_CSV,
    compter_dossiers,
    lire_csv,
    lire_entree,
    lire_jsonl,
)
from contentieux.lots.synthese import dossiers_synthetiques, ecrire_jsonl, lignes_csv

EXEMPLES = dossier_donnees("exemples")


def test_jsonl_valide_chaque_ligne_a_part_et_continue(tmp_path: Path) -> None:
    entree = ecrire_jsonl(tmp_path / "l.jsonl", 100, proportion_invalides=0.05)
    elements = list(lire_entree(entree))
    assert len(elements) == 100
    invalides = {e.ligne: e for e in elements if not e.est_valide}
    assert sorted(invalides) == [20, 40, 60, 80, 100]
    assert invalides[20].erreurs == (
        "creances[0].factures[1].date_echeance : date attendue au format AAAA-MM-JJ, "
        "par exemple 2026-01-31",
    )
    assert invalides[40].erreurs == ("creancier.siege : champ obligatoire absent : ajoutez-le",)
    assert invalides[60].reference == "LOT-0060"
    assert "type" in invalides[60].erreurs[0] and "societe" in invalides[60].erreurs[0]
    assert invalides[80].reference is None and "JSON invalide" in invalides[80].erreurs[0]
    assert invalides[80].cle == "ligne 80"
    assert "montant_ttc" in invalides[100].erreurs[0]
    valides = [e for e in elements if e.est_valide]
    assert all(e.dossier is not None and e.dossier.reference == e.reference for e in valides)
    assert compter_dossiers(entree) == 100


def test_jsonl_lu_en_flux_sans_tout_charger() -> None:
    """Un flux sans fin : les premiers dossiers arrivent sans que la fin soit lue."""

    def sans_fin() -> Iterator[str]:
        for donnees in dossiers_synthetiques(10**9):
            yield json.dumps(donnees) + "\n"

    premiers = list(itertools.islice(lire_jsonl(sans_fin()), 3))
    assert [e.reference for e in premiers] == ["LOT-0001", "LOT-0002", "LOT-0003"]


def test_jsonl_lignes_vides_racine_non_objet_et_doublons(tmp_path: Path) -> None:
    un = json.dumps(next(dossiers_synthetiques(1)))
    entree = tmp_path / "l.jsonl"
    entree.write_text(f"{un}\n\n[1, 2]\n{un}\n", encoding="utf-8")
    elements = list(lire_entree(entree))
    assert [e.ligne for e in elements] == [1, 3, 4]
    assert elements[0].est_valide
    assert "objet JSON attendu" in elements[1].erreurs[0]
    assert "figure déjà dans l'entrée (l.jsonl:1)" in elements[2].erreurs[0]
    assert elements[2].cle == f"{elements[0].reference} (ligne 4)" != elements[0].cle
    assert compter_dossiers(entree) == 3


def test_empreinte_change_avec_le_dossier() -> None:
    a = next(dossiers_synthetiques(1))
    ligne_a = json.dumps(a)
    modifie = json.loads(ligne_a)
    modifie["creances"][0]["factures"][0]["montant_ttc"] = "1.00"
    e1, e2, e3 = lire_jsonl(
        [ligne_a, json.dumps(a, indent=None, sort_keys=True), json.dumps(modifie)]
    )
    assert e1.empreinte == e2.empreinte  # même contenu, autre écriture
    assert e1.empreinte != e3.empreinte


def test_csv_exemple_regroupe_les_factures_par_dossier() -> None:
    elements = list(lire_entree(EXEMPLES / "lots" / "factures.csv"))
    assert [(e.ligne, e.reference, e.est_valide) for e in elements] == [
        (2, "LOT-0001", True),
        (5, "LOT-0002", True),
        (8, "LOT-0003", True),
    ]
    dossier = elements[0].dossier
    assert dossier is not None
    attendu = next(dossiers_synthetiques(1))
    assert [f.montant_ttc for f in dossier.creances[0].factures] == [
        Decimal(f["montant_ttc"]) for f in attendu["creances"][0]["factures"]
    ]
    assert dossier.debiteur.nom_complet == "Client n° 1 <SAS> « Bâti » (SAS)"
    assert dossier.evenements[0].type == "mise_en_demeure"


def _csv(texte: str) -> list:  # type: ignore[type-arg]
    return list(lire_csv(io.StringIO(texte), nom="f.csv"))


ENTETE = (
    "dossier;creancier_denomination;creancier_adresse_ligne1;creancier_code_postal;"
    "creancier_ville;debiteur_denomination;debiteur_adresse_ligne1;debiteur_code_postal;"
    "debiteur_ville;nature;facture;date_emission;date_echeance;montant_ttc\n"
)
LIGNE = (
    "{ref};Créancier;1 rue A;75001;Paris;Débiteur;2 rue B;69002;Lyon;vente_biens;{num};"
    "2025-01-10;{ech};{m}\n"
)


def test_csv_erreur_situee_a_sa_ligne_et_lot_continue() -> None:
    texte = (
        ENTETE
        + LIGNE.format(ref="A", num="F1", ech="2025-02-10", m="100,00")
        + LIGNE.format(ref="A", num="F2", ech="2025-02-31", m="50")
        + LIGNE.format(ref="B", num="F3", ech="2025-02-10", m="1 234,56")
        + LIGNE.format(ref="C", num="F4", ech="2025-02-10", m="abc")
    )
    a, b, c = _csv(texte)
    assert (a.ligne, a.reference, a.est_valide) == (2, "A", False)
    assert a.erreurs == (
        "ligne 3, creances[0].factures[1].date_echeance : date attendue au format AAAA-MM-JJ, "
        "par exemple 2026-01-31",
    )
    assert b.est_valide and b.dossier is not None
    assert str(b.dossier.creances[0].factures[0].montant_ttc) == "1234.56"
    assert c.ligne == 5 and c.erreurs[0].startswith("ligne 5, creances[0].factures[0].montant_ttc")


def test_csv_lignes_non_consecutives_signalees() -> None:
    texte = (
        ENTETE
        + LIGNE.format(ref="A", num="F1", ech="2025-02-10", m="1")
        + LIGNE.format(ref="B", num="F2", ech="2025-02-10", m="1")
        + LIGNE.format(ref="A", num="F3", ech="2025-02-10", m="1")
    )
    a, b, a2 = _csv(texte)
    assert a.est_valide and b.est_valide
    assert not a2.est_valide and a2.ligne == 4
    assert "déjà des lignes plus haut (ligne 2)" in a2.erreurs[0]
    assert "triez le fichier" in a2.erreurs[0] and len(a2.erreurs) == 1
    assert len({a.cle, b.cle, a2.cle}) == 3


def test_csv_colonnes_du_dossier_incoherentes() -> None:
    texte = (
        ENTETE
        + LIGNE.format(ref="A", num="F1", ech="2025-02-10", m="1")
        + LIGNE.format(ref="A", num="F2", ech="2025-02-10", m="1").replace(
            "Débiteur", "Autre débiteur"
        )
    )
    (a,) = _csv(texte)
    assert a.erreurs == (
        "ligne 3, colonne debiteur_denomination : « Autre débiteur » diffère de la première "
        "ligne du dossier (« Débiteur ») ; les colonnes du dossier doivent être identiques sur "
        "toutes ses lignes (ou vides)",
    )


def test_csv_colonne_inconnue_refusee_avec_la_liste() -> None:
    with pytest.raises(EntreeLotIllisible) as exc:
        _csv("dossier,montant,facture\nA,1,F\n")
    assert "colonne(s) inconnue(s) : montant" in exc.value.message
    assert "montant_ttc" in exc.value.message
    with pytest.raises(EntreeLotIllisible, match="colonne « dossier » absente"):
        _csv("facture\nF\n")


def test_csv_ligne_au_mauvais_nombre_de_cellules() -> None:
    texte = ENTETE + "A;trop;peu\n" + LIGNE.format(ref="B", num="F", ech="2025-02-10", m="1")
    mauvaise, b = _csv(texte)
    assert mauvaise.ligne == 2 and "3 cellule(s) pour 14 colonne(s)" in mauvaise.erreurs[0]
    assert b.est_valide


def test_colonnes_documentees() -> None:
    page = (Path(__file__).parents[1] / "docs" / "lots.md").read_text(encoding="utf-8")
    manquantes = [
        c
        for c in COLONNES_CSV
        if f"`{c}`" not in page and c.split("_", 1)[0] not in ("creancier", "debiteur")
    ]
    assert manquantes == []
    assert "`creancier_<champ>`" in page or "creancier_denomination" in page


@settings(max_examples=40, deadline=None)
@given(
    groupes=st.lists(st.integers(min_value=1, max_value=4), min_size=0, max_size=12),
    vides=st.lists(st.integers(min_value=0, max_value=40), max_size=3),
)
def test_compter_egale_lire_csv(groupes: list[int], vides: list[int]) -> None:
    """Propriété : le comptage en flux (barre de progression) égale le nombre d'éléments lus."""
    lignes = []
    for i, n in enumerate(groupes):
        for j in range(n):
            lignes.append(LIGNE.format(ref=f"D{i % 5}", num=f"F{i}-{j}", ech="2025-02-10", m="1"))
    for position in vides:
        lignes.insert(min(position, len(lignes)), ";;;;;;;;;;;;;\n")
    texte = ENTETE + "".join(lignes)
    import tempfile

    with tempfile.TemporaryDirectory() as dossier:
        chemin = Path(dossier) / "f.csv"
        chemin.write_text(texte, encoding="utf-8")
        assert compter_dossiers(chemin) == len(list(lire_entree(chemin)))


def test_lignes_csv_synthetiques_relues(tmp_path: Path) -> None:
    chemin = tmp_path / "f.csv"
    chemin.write_text(lignes_csv(30), encoding="utf-8")
    elements = list(lire_entree(chemin))
    assert len(elements) == 30 == compter_dossiers(chemin)
    assert all(e.est_valide for e in elements)


def test_repertoire_de_dossiers(tmp_path: Path) -> None:
    for nom in ("b2b", "loyer"):
        shutil.copy(EXEMPLES / "dossiers" / f"{nom}.yaml", tmp_path / f"{nom}.yaml")
    (tmp_path / "casse.json").write_text("{", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignoré", encoding="utf-8")
    (tmp_path / "archives.json").mkdir()  # un répertoire, pas un dossier de recouvrement
    (tmp_path / ".b2b.yaml.swp.json").write_text("{", encoding="utf-8")  # fichier caché
    elements = list(lire_entree(tmp_path))
    assert [(e.ligne, e.source, e.est_valide) for e in elements] == [
        (1, "b2b.yaml", True),
        (2, "casse.json", False),
        (3, "loyer.yaml", True),
    ]
    assert "JSON invalide ligne 1" in elements[1].erreurs[0]
    assert compter_dossiers(tmp_path) == 3


def test_entree_introuvable_ou_extension_inconnue(tmp_path: Path) -> None:
    with pytest.raises(EntreeLotIllisible, match="entrée introuvable"):
        list(lire_entree(tmp_path / "absent.jsonl"))
    autre = tmp_path / "x.xlsx"
    autre.write_bytes(b"PK")
    with pytest.raises(EntreeLotIllisible, match=r"extension « \.xlsx » non reconnue"):
        list(lire_entree(autre))
    latin = tmp_path / "l.jsonl"
    latin.write_bytes('{"reference": "é"}\n'.encode("latin-1"))
    with pytest.raises(EntreeLotIllisible, match="UTF-8"):
        list(lire_entree(latin))


def test_doublon_invalide_garde_sa_propre_cle(tmp_path: Path) -> None:
    """Un dossier invalide qui reprend la référence d'un autre : les deux restent au manifeste."""
    un = next(dossiers_synthetiques(1))
    casse = json.loads(json.dumps(un))
    casse["creances"][0]["factures"][0]["montant_ttc"] = "abc"
    entree = tmp_path / "l.jsonl"
    entree.write_text(json.dumps(casse) + "\n" + json.dumps(un) + "\n", encoding="utf-8")
    premier, second = lire_entree(entree)
    assert not premier.est_valide and premier.cle == "LOT-0001"
    assert not second.est_valide and second.cle == "LOT-0001 (ligne 2)"
    assert "figure déjà" in second.erreurs[0]
