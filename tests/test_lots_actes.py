"""Lots d'actes réels : PDF/A et DOCX, processus contre Dask, PDF signés par les workers."""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import hashlib
import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from contentieux.lots.executer import executer_lot
from contentieux.lots.manifeste import NOM_MANIFESTE
from contentieux.lots.synthese import ecrire_jsonl
from contentieux.lots.taches import OptionsSignature, TacheActes

AU = dt.date(2026, 6, 30)


def texte_pdf(contenu: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(contenu)).pages)


def empreintes(sortie: Path) -> dict[str, tuple[str, tuple[tuple[str, str], ...]]]:
    """Statut de chaque dossier, SHA-256 des DOCX et du texte des PDF (dont la date de création
    change d'une exécution à l'autre)."""
    resultat = {}
    for ligne in (sortie / NOM_MANIFESTE).read_text(encoding="utf-8").splitlines():
        e = json.loads(ligne)
        fichiers = []
        for f in e["fichiers"]:
            contenu = (sortie / f["chemin"]).read_bytes()
            assert hashlib.sha256(contenu).hexdigest() == f["sha256"]
            if f["chemin"].endswith(".pdf"):
                assert contenu.startswith(b"%PDF-")
                empreinte = hashlib.sha256(texte_pdf(contenu).encode()).hexdigest()
            else:
                empreinte = f["sha256"]
            fichiers.append((f["chemin"], empreinte))
        resultat[e["cle"]] = (e["statut"], tuple(fichiers))
    return resultat


def test_pdf_docx_processus_et_dask_donnent_le_meme_manifeste(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    entree = ecrire_jsonl(tmp_path / "lot.jsonl", 12, proportion_invalides=0.1)
    tache = TacheActes(actes=("mise_en_demeure",), formats=("pdf", "docx"))
    bilan = executer_lot(entree, tache, au=AU, sortie=tmp_path / "processus", workers=2)
    assert (bilan.ok, bilan.erreurs, bilan.fichiers) == (11, 1, 22)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        executer_lot(
            entree, tache, au=AU, sortie=tmp_path / "dask", executeur=client.get_executor()
        )
    processus, dask = empreintes(tmp_path / "processus"), empreintes(tmp_path / "dask")
    assert dask == processus
    assert processus["LOT-0010"] == ("erreur", ())
    # le contenu est bien celui du dossier : référence et montant de la première facture
    texte = texte_pdf((tmp_path / "processus" / "LOT-0003" / "mise_en_demeure.pdf").read_bytes())
    assert "mise en demeure" in texte.lower()
    assert "Client n° 3 <SAS> « Bâti »" in texte
    manifeste = [
        json.loads(ligne)
        for ligne in (tmp_path / "processus" / NOM_MANIFESTE).read_text().splitlines()
    ]
    versions = manifeste[0]["tache"]["versions_gabarits"]
    assert versions["mise_en_demeure"].startswith("mise_en_demeure ")
    assert versions["_commun"].startswith("_commun ")


def test_pdf_signes_par_les_workers(tmp_path: Path) -> None:
    pytest.importorskip("pyhanko")
    from pypdf import PdfReader

    from tests.pki.pki import MOT_DE_PASSE, PkiDeTest

    pki = PkiDeTest.demarrer(tmp_path)
    try:
        p12 = pki.p12("creancier")
        signature = OptionsSignature(p12=str(p12), niveau="B-B", phrase=MOT_DE_PASSE)
        assert MOT_DE_PASSE not in repr(signature)
        tache = TacheActes(actes=("mise_en_demeure",), formats=("pdf",), signature=signature)
        assert MOT_DE_PASSE not in json.dumps(tache.description())
        entree = ecrire_jsonl(tmp_path / "lot.jsonl", 3)
        sortie = tmp_path / "sortie"
        with cf.ThreadPoolExecutor(1) as ex:
            bilan = executer_lot(entree, tache, au=AU, sortie=sortie, executeur=ex)
        assert (bilan.ok, bilan.erreurs) == (3, 0), (sortie / NOM_MANIFESTE).read_text()
        for rang in (1, 2, 3):
            lecteur = PdfReader(sortie / f"LOT-000{rang}" / "mise_en_demeure.pdf")
            champs: dict[str, Any] = lecteur.get_fields() or {}
            signes = [
                nom
                for nom, champ in champs.items()
                if champ.get("/FT") == "/Sig" and champ.get("/V") is not None
            ]
            assert signes, champs.keys()
        assert MOT_DE_PASSE not in (sortie / NOM_MANIFESTE).read_text()
        # validateur indépendant (poppler) : signature intacte, au champ du créancier
        pdfsig = subprocess.run(
            ["pdfsig", str(sortie / "LOT-0001" / "mise_en_demeure.pdf")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert "Signature Field Name: signature-creancier" in pdfsig.stdout
        assert "Signature Validation: Signature is Valid." in pdfsig.stdout
        # mauvais mot de passe : chaque dossier en erreur, avec la raison, et le lot va au bout
        faux = TacheActes(
            actes=("mise_en_demeure",),
            formats=("pdf",),
            signature=OptionsSignature(p12=str(p12), phrase="faux"),
        )
        with cf.ThreadPoolExecutor(1) as ex:
            bilan = executer_lot(entree, faux, au=AU, sortie=tmp_path / "faux", executeur=ex)
        assert (bilan.ok, bilan.erreurs) == (0, 3)
        motif = json.loads((tmp_path / "faux" / NOM_MANIFESTE).read_text().splitlines()[0])["motif"]
        assert "mot de passe" in motif and "faux" not in motif
    finally:
        pki.arreter()


def test_cli_lot_signe_et_dask_local(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """La commande complète : PDF signés (mot de passe par la variable), puis le même lot par
    ``--dask local`` dans un autre répertoire ; mêmes statuts et mêmes textes."""
    pytest.importorskip("distributed")
    from typer.testing import CliRunner

    from contentieux.cli import app
    from tests.pki.pki import MOT_DE_PASSE, PkiDeTest

    pki = PkiDeTest.demarrer(tmp_path)
    try:
        p12 = pki.p12("creancier")
        monkeypatch.setenv("CONTENTIEUX_P12_MOT_DE_PASSE", MOT_DE_PASSE)
        entree = ecrire_jsonl(tmp_path / "lot.jsonl", 3)
        commun = [
            "lot",
            str(entree),
            "--au",
            "2026-06-30",
            "--actes",
            "mise_en_demeure",
            "--format",
            "pdf",
            "--p12",
            str(p12),
            "--workers",
            "1",
        ]
        runner = CliRunner()
        local = runner.invoke(app, [*commun, "-o", str(tmp_path / "local")])
        assert local.exit_code == 0, local.output
        assert MOT_DE_PASSE not in local.output
        dask = runner.invoke(app, [*commun, "-o", str(tmp_path / "dask"), "--dask", "local"])
        assert dask.exit_code == 0, dask.output
        assert empreintes(tmp_path / "dask") == empreintes(tmp_path / "local")
        sans_cle = runner.invoke(app, [*commun[:-4], "--niveau", "B-T", "-o", str(tmp_path / "x")])
        assert sans_cle.exit_code == 2 and "--p12" in sans_cle.output
    finally:
        pki.arreter()


# --- Workers chauds : préparés dans le fil qui travaille, objets durables figés ---------------


def _etat_du_worker() -> tuple[list[str], int, bool, bool]:
    """Outils du fil courant, objets figés, processus lancé par multiprocessing, Ctrl-C ignoré."""
    import gc
    import multiprocessing
    import signal

    from contentieux.lots import taches

    outils = sorted(getattr(taches._LOCAL, "outils", {}) or {})
    ignore = signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    return outils, gc.get_freeze_count(), multiprocessing.parent_process() is not None, ignore


def test_worker_de_processus_prepare_puis_fige() -> None:
    import gc
    import signal

    from contentieux.lots.executer import creer_executeur_processus
    from contentieux.lots.taches import figer_objets_chauds, ignorer_interruption

    tache = TacheActes(actes=("relance",), formats=("docx",))
    with creer_executeur_processus(1, tache) as ex:
        outils, figes, enfant, ctrl_c_ignore = ex.submit(_etat_du_worker).result()
    assert enfant and figes > 0 and ctrl_c_ignore
    assert any(o.startswith("atelier:") for o in outils), outils
    # dans le processus de l'utilisateur (ici pytest), rien n'est figé ni ignoré
    avant = gc.get_freeze_count(), signal.getsignal(signal.SIGINT)
    assert figer_objets_chauds() is False and ignorer_interruption() is False
    assert (gc.get_freeze_count(), signal.getsignal(signal.SIGINT)) == avant


def test_dask_local_prepare_le_fil_de_travail() -> None:
    """``preparer_workers_dask`` charge l'atelier dans le fil qui traitera les dossiers (pas dans
    la boucle d'événements, comme ``Client.run``) ; le cluster local est réglé comme annoncé."""
    distributed = pytest.importorskip("distributed")
    from contentieux.lots.executer import (
        CONFIGURATION_DASK_LOCAL,
        creer_cluster_dask_local,
        preparer_workers_dask,
    )

    tache = TacheActes(actes=("relance",), formats=("docx",))
    with creer_cluster_dask_local(1) as cluster, distributed.Client(cluster) as client:
        assert preparer_workers_dask(client, tache) == 1
        outils, figes, enfant, _ = client.submit(_etat_du_worker, pure=False).result()
        reglages = client.run(
            lambda: {c: __import__("dask").config.get(c) for c in CONFIGURATION_DASK_LOCAL}
        )
    assert enfant and figes > 0
    assert any(o.startswith("atelier:") for o in outils), outils
    assert list(reglages.values()) == [CONFIGURATION_DASK_LOCAL]
