"""La commande ``contentieux importer`` : sorties YAML, JSON et JSON lines, rejets, codes de sortie,
et la chaîne importer → lot."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from contentieux.cli import app
from contentieux.lecture import lire_dossier
from contentieux.lots.entrees import lire_entree
from tests.factures_types import DURAND, GIRONDE, RHONE, facture_cii, facture_pdf, pdf_vierge

runner = CliRunner()


def _lancer(*args: str) -> tuple[int, str, str]:
    resultat = runner.invoke(app, list(args))
    return resultat.exit_code, resultat.stdout, resultat.stderr


def _factures(tmp_path: Path, *, deux_couples: bool = False) -> Path:
    entree = tmp_path / "factures"
    entree.mkdir()
    (entree / "f1.pdf").write_bytes(facture_pdf(facture_cii("F-1")))
    (entree / "f2.xml").write_bytes(facture_cii("F-2", montant=Decimal("300.00")))
    if deux_couples:
        (entree / "f3.xml").write_bytes(facture_cii("F-3", acheteur=RHONE))
    return entree


def test_importer_un_dossier_yaml_relu_par_lire_dossier(tmp_path: Path) -> None:
    statuts = tmp_path / "statuts.csv"
    statuts.write_text("numero,statut,date,montant\nF-2,encaissee,2026-02-10,100.00\n")
    sortie = tmp_path / "dossier.yaml"
    code, out, _ = _lancer(
        "importer", str(_factures(tmp_path)), "--statuts", str(statuts), "-o", str(sortie)
    )
    assert code == 0, out
    assert "2facture(s)en1dossier(s)" in "".join(out.split())
    dossier = lire_dossier(sortie)
    assert dossier.reference == f"FE-{DURAND.siren}-{GIRONDE.siren}"
    assert [c.reference for c in dossier.creances] == ["F-1", "F-2"]
    assert dossier.evenements[0].montant == Decimal("100.00")  # type: ignore[union-attr]


def test_importer_json(tmp_path: Path) -> None:
    sortie = tmp_path / "dossier.json"
    code, _, _ = _lancer("importer", str(_factures(tmp_path)), "-o", str(sortie))
    assert code == 0
    assert lire_dossier(sortie).creances[1].factures[0].montant_ttc == Decimal("300.00")


def test_plusieurs_couples_refuses_dans_un_seul_dossier(tmp_path: Path) -> None:
    sortie = tmp_path / "dossier.yaml"
    code, out, err = _lancer(
        "importer", str(_factures(tmp_path, deux_couples=True)), "-o", str(sortie)
    )
    assert code == 2
    assert not sortie.exists()
    texte = "".join((out + err).split())  # Rich replie les lignes
    assert "2couples" in texte and ".jsonl" in texte
    assert f"FE-{DURAND.siren}-{RHONE.siren}" in texte


def test_jsonl_puis_lot(tmp_path: Path) -> None:
    """importer → JSON lines (entrée de « lot ») : chaque ligne est un dossier valide."""
    sortie = tmp_path / "dossiers.jsonl"
    code, _, _ = _lancer(
        "importer", str(_factures(tmp_path, deux_couples=True)), "-o", str(sortie)
    )
    assert code == 0
    elements = list(lire_entree(sortie))
    assert [e.est_valide for e in elements] == [True, True]
    assert {e.reference for e in elements} == {
        f"FE-{DURAND.siren}-{GIRONDE.siren}",
        f"FE-{DURAND.siren}-{RHONE.siren}",
    }


def test_fichier_ecarte_code_3_et_les_autres_importes(tmp_path: Path) -> None:
    entree = _factures(tmp_path)
    (entree / "scan.pdf").write_bytes(pdf_vierge())
    sortie = tmp_path / "dossiers.jsonl"
    code, out, _ = _lancer("importer", str(entree), "-o", str(sortie), "--json")
    assert code == 3
    rapport = json.loads(out)
    assert rapport["dossiers"] == [f"FE-{DURAND.siren}-{GIRONDE.siren}"]
    (rejet,) = rapport["rejets"]
    assert rejet["fichier"].endswith("scan.pdf") and "sans XML de facture" in rejet["raison"]
    assert rapport["code_sortie"] == 3
    assert len(sortie.read_text().splitlines()) == 1


def test_aucune_facture_rien_ecrit(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_vierge())
    sortie = tmp_path / "d.yaml"
    code, out, _ = _lancer("importer", str(scan), "-o", str(sortie))
    assert code == 3 and not sortie.exists()
    compact = "".join(out.split())  # Rich replie les lignes et les longs chemins
    assert "aucune facture importée" in out and "scan.pdf:PDFsansXML" in compact


def test_suffixe_de_sortie_inconnu(tmp_path: Path) -> None:
    code, out, err = _lancer("importer", str(_factures(tmp_path)), "-o", str(tmp_path / "d.txt"))
    assert code == 2 and "SORTIE.jsonl" in "".join((out + err).split())


def test_donnees_de_la_facture_affichees_telles_quelles(tmp_path: Path) -> None:
    (tmp_path / "f.xml").write_bytes(
        facture_cii("F-[bold]1", echeance=None, conditions="[red]45 jours[/red]")
    )
    code, out, _ = _lancer("importer", str(tmp_path / "f.xml"), "-o", str(tmp_path / "d.yaml"))
    assert code == 0
    assert "factureF-[bold]1sansdate" in "".join(out.split())
    assert lire_dossier(tmp_path / "d.yaml").creances[0].factures[0].date_echeance == (
        dt.date(2026, 1, 5) + dt.timedelta(days=45)
    )


def test_extra_factures_absent_code_8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    (tmp_path / "f.pdf").write_bytes(facture_pdf(facture_cii("F-1")))
    importer = builtins.__import__

    def sans_facturx(nom: str, *args: object, **kwargs: object) -> object:
        if nom == "facturx":
            raise ModuleNotFoundError("No module named 'facturx'", name="facturx")
        return importer(nom, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", sans_facturx)
    code, out, err = _lancer("importer", str(tmp_path / "f.pdf"), "-o", str(tmp_path / "d.yaml"))
    assert code == 8
    assert "contentieux[factures]" in "".join((out + err).split())
