"""Lots : chaque dossier finit « ok » ou « erreur » au manifeste, reprise, atomicité, Dask."""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from contentieux.cli import app
from contentieux.lecture import valider_dossier
from contentieux.lots.entrees import lire_entree
from contentieux.lots.executer import CODE_DOSSIERS_EN_ERREUR, executer_lot
from contentieux.lots.manifeste import (
    NOM_MANIFESTE,
    ecrire_atomique,
    lire_lignes,
    nettoyer_temporaires,
    nom_de_dossier,
)
from contentieux.lots.synthese import dossiers_synthetiques, ecrire_jsonl, est_invalide
from contentieux.lots.taches import TacheActes, TacheDecompte, versions_gabarits

AU = dt.date(2026, 6, 30)


def manifeste(sortie: Path) -> list[dict[str, Any]]:
    """Toutes les lignes du manifeste, chacune devant être du JSON complet."""
    texte = (sortie / NOM_MANIFESTE).read_text(encoding="utf-8")
    assert texte.endswith("\n")
    return [json.loads(ligne) for ligne in texte.splitlines()]


def verifier_coherence(sortie: Path, n: int, proportion: float) -> list[dict[str, Any]]:
    """Une ligne par dossier, chaque « ok » a ses fichiers entiers, chaque erreur sa raison."""
    lignes = manifeste(sortie)
    assert len(lignes) == n
    assert len({e["cle"] for e in lignes}) == n
    for e in lignes:
        if est_invalide(e["ligne"], proportion):
            assert e["statut"] == "erreur", e
            assert e["motif"].startswith("dossier invalide : ")
            assert e["erreurs"] and e["fichiers"] == []
        else:
            assert e["statut"] == "ok", e
            assert e["reference"] == f"LOT-{e['ligne']:04d}"
            for f in e["fichiers"]:
                contenu = (sortie / f["chemin"]).read_bytes()
                assert len(contenu) == f["octets"]
                assert hashlib.sha256(contenu).hexdigest() == f["sha256"]
    assert not list(sortie.rglob("*.tmp")), "fichier temporaire laissé"
    return lignes


def test_mille_dossiers_dont_cinq_pour_cent_invalides(tmp_path: Path) -> None:
    entree = ecrire_jsonl(tmp_path / "lot.jsonl", 1000, proportion_invalides=0.05)
    sortie = tmp_path / "sortie"
    bilan = executer_lot(entree, TacheDecompte(), au=AU, sortie=sortie, workers=2)
    assert (bilan.total, bilan.ok, bilan.erreurs, bilan.deja_faits) == (1000, 950, 50, 0)
    assert bilan.code_sortie == CODE_DOSSIERS_EN_ERREUR
    lignes = verifier_coherence(sortie, 1000, 0.05)
    erreurs = {e["ligne"]: e for e in lignes if e["statut"] == "erreur"}
    assert sorted(erreurs) == list(range(20, 1001, 20))
    assert "date_echeance" in erreurs[20]["motif"] and "AAAA-MM-JJ" in erreurs[20]["motif"]
    assert "creancier.siege : champ obligatoire absent" in erreurs[40]["motif"]
    assert "JSON invalide" in erreurs[80]["motif"] and erreurs[80]["reference"] is None
    assert all(e["version_regles"].startswith("contentieux ") for e in lignes)
    # le contenu produit par les workers est celui du calcul direct
    from contentieux.interets import etablir_decompte

    for donnees in dossiers_synthetiques(3):
        attendu = etablir_decompte(valider_dossier(donnees), au=AU).model_dump_json(indent=2)
        produit = (sortie / donnees["reference"] / "decompte.json").read_text(encoding="utf-8")
        assert produit == attendu


def _executer(entree: Path, sortie: Path, tache: Any = None, au: dt.date = AU) -> Any:
    with cf.ThreadPoolExecutor(2) as ex:
        return executer_lot(entree, tache or TacheDecompte(), au=au, sortie=sortie, executeur=ex)


def test_reprise_ne_refait_que_ce_qui_a_change(tmp_path: Path) -> None:
    entree = ecrire_jsonl(tmp_path / "lot.jsonl", 30)
    sortie = tmp_path / "sortie"
    assert _executer(entree, sortie).ok == 30
    avant = {p: p.stat().st_mtime_ns for p in sortie.rglob("decompte.json")}
    # une ligne modifiée, une supprimée du disque : ces deux-là seulement sont refaits
    lignes = entree.read_text(encoding="utf-8").splitlines()
    modifie = json.loads(lignes[4])
    modifie["creances"][0]["factures"][0]["montant_ttc"] = "99.99"
    lignes[4] = json.dumps(modifie)
    entree.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    (sortie / "LOT-0010" / "decompte.json").unlink()
    bilan = _executer(entree, sortie)
    assert (bilan.ok, bilan.deja_faits, bilan.erreurs) == (2, 28, 0)
    apres = {p: p.stat().st_mtime_ns for p in sortie.rglob("decompte.json")}
    changes = sorted(p.parent.name for p in apres if apres[p] != avant.get(p))
    assert changes == ["LOT-0005", "LOT-0010"]
    verifier_coherence(sortie, 30, 0)
    # une autre date d'évaluation refait tout
    assert _executer(entree, sortie, au=dt.date(2026, 5, 31)).ok == 30
    verifier_coherence(sortie, 30, 0)


def test_version_de_gabarit_changee_refait_les_dossiers(tmp_path: Path) -> None:
    gabarits = tmp_path / "gabarits"
    (gabarits / "relance").mkdir(parents=True)
    (gabarits / "relance" / "gabarit.html").write_text("<p>v1</p>", encoding="utf-8")
    v1 = versions_gabarits(("relance",), str(gabarits))
    (gabarits / "relance" / "gabarit.html").write_text("<p>v2</p>", encoding="utf-8")
    v2 = versions_gabarits(("relance",), str(gabarits))
    assert v1["relance"] != v2["relance"] and v1["relance"].startswith("relance ")
    assert v1["_commun"] == v2["_commun"]
    # la description de la tâche porte ces versions, donc l'empreinte du travail change
    entree = ecrire_jsonl(tmp_path / "lot.jsonl", 5)
    sortie = tmp_path / "sortie"
    tache = TacheActes(actes=("decompte",), formats=("json",), gabarits=str(gabarits))
    assert _executer(entree, sortie, tache).ok == 5
    assert _executer(entree, sortie, tache).deja_faits == 5
    (gabarits / "decompte").mkdir()
    (gabarits / "decompte" / "gabarit.html").write_text("<p>décompte</p>", encoding="utf-8")
    assert _executer(entree, sortie, tache).ok == 5


def test_erreur_du_worker_consignee_et_lot_continue(tmp_path: Path) -> None:
    entree = ecrire_jsonl(tmp_path / "lot.jsonl", 4)
    sortie = tmp_path / "sortie"
    bilan = _executer(entree, sortie, au=dt.date(2045, 1, 1))  # taux non encore publiés
    assert (bilan.ok, bilan.erreurs) == (0, 4)
    for e in manifeste(sortie):
        assert e["statut"] == "erreur"
        assert e["motif"].startswith("regle_non_couverte : ")


def test_ligne_tronquee_toleree_et_manifeste_compacte(tmp_path: Path) -> None:
    entree = ecrire_jsonl(tmp_path / "lot.jsonl", 10, proportion_invalides=0.2)
    sortie = tmp_path / "sortie"
    _executer(entree, sortie)
    chemin = sortie / NOM_MANIFESTE
    lignes = chemin.read_bytes().splitlines(keepends=True)
    # arrêt brutal simulé : les trois dernières lignes perdues, la dernière restante coupée
    chemin.write_bytes(b"".join(lignes[:6]) + lignes[6][:40])
    # et un fichier à moitié écrit d'un dossier dont la ligne n'était pas encore au manifeste
    perdu = json.loads(lignes[8])
    (sortie / perdu["cle"]).mkdir(exist_ok=True)
    (sortie / perdu["cle"] / ".decompte.json.123.tmp").write_bytes(b"{")
    bilan = _executer(entree, sortie)
    assert bilan.deja_faits == sum(1 for e in json_lignes(lignes[:6]) if e["statut"] == "ok")
    verifier_coherence(sortie, 10, 0.2)


def json_lignes(lignes: list[bytes]) -> list[dict[str, Any]]:
    return [json.loads(b) for b in lignes]


class ExecuteurCompteur(cf.ThreadPoolExecutor):
    """Exécuteur qui mesure le nombre maximal de travaux soumis et non terminés."""

    def __init__(self) -> None:
        super().__init__(2)
        self.en_vol = 0
        self.maximum = 0
        self._verrou = threading.Lock()

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
        with self._verrou:
            self.en_vol += 1
            self.maximum = max(self.maximum, self.en_vol)
        futur = super().submit(fn, *args, **kwargs)
        futur.add_done_callback(lambda _f: self._fini())
        return futur

    def _fini(self) -> None:
        with self._verrou:
            self.en_vol -= 1


def test_travail_en_vol_borne(tmp_path: Path) -> None:
    entree = ecrire_jsonl(tmp_path / "lot.jsonl", 200)
    with ExecuteurCompteur() as ex:
        bilan = executer_lot(
            entree, TacheDecompte(), au=AU, sortie=tmp_path / "s", executeur=ex, en_vol=5
        )
    assert bilan.ok == 200
    assert 1 <= ex.maximum <= 5


def test_ecriture_atomique(tmp_path: Path) -> None:
    cible = tmp_path / "acte.pdf"
    ecrire_atomique(cible, b"premier")
    ecrire_atomique(cible, b"second contenu")
    assert cible.read_bytes() == b"second contenu"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acte.pdf"]
    (tmp_path / ".acte.pdf.999.tmp").write_bytes(b"moitie")
    assert nettoyer_temporaires(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acte.pdf"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=30), min_size=2, max_size=6, unique=True))
def test_noms_de_dossier_surs_et_distincts(references: list[str]) -> None:
    noms = [nom_de_dossier(r) for r in references]
    assert len(set(noms)) == len(noms)
    for nom in noms:
        assert "/" not in nom and nom not in (".", "..") and not nom.startswith(".")
        assert len(nom) <= 91


# --- arrêt brutal --------------------------------------------------------------------------------


def _commande(entree: Path, sortie: Path) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from contentieux.cli import main; main()",
        "lot",
        str(entree),
        "--au",
        AU.isoformat(),
        "--actes",
        "decompte",
        "--format",
        "json",
        "-o",
        str(sortie),
        "--workers",
        "1",
    ]


def test_sigkill_puis_reprise(tmp_path: Path) -> None:
    """Trois arrêts brutaux à des moments différents, puis une exécution complète."""
    n = 600
    entree = ecrire_jsonl(tmp_path / "lot.jsonl", n, proportion_invalides=0.05)
    sortie = tmp_path / "sortie"
    chemin = sortie / NOM_MANIFESTE
    env = {**os.environ, "COLUMNS": "120"}
    dates: dict[str, int] = {}
    arrets = 0
    for seuil in (60, 200, 380):
        processus = subprocess.Popen(
            _commande(entree, sortie),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=env,
        )
        limite = time.monotonic() + 120
        while time.monotonic() < limite and processus.poll() is None:
            if chemin.is_file() and chemin.read_bytes().count(b"\n") >= seuil:
                break
            time.sleep(0.005)
        if processus.poll() is None:
            os.killpg(processus.pid, signal.SIGKILL)  # le processus principal et ses workers
            arrets += 1
        processus.wait()
        faits = {e["cle"] for _n, e in lire_lignes(chemin) if e["statut"] == "ok"}
        # ce qui était fait avant cet arrêt l'est toujours, sans avoir été réécrit
        for cle, date in dates.items():
            assert cle in faits
            assert (sortie / cle / "decompte.json").stat().st_mtime_ns == date
        for cle in faits - dates.keys():
            dates[cle] = (sortie / cle / "decompte.json").stat().st_mtime_ns
    assert arrets >= 1 and 0 < len(dates) < n - 30, "les arrêts doivent tomber au milieu du lot"
    reprise = subprocess.run(_commande(entree, sortie), capture_output=True, env=env, timeout=300)
    assert reprise.returncode == CODE_DOSSIERS_EN_ERREUR, reprise.stderr.decode()
    lignes = verifier_coherence(sortie, n, 0.05)
    assert sum(e["statut"] == "ok" for e in lignes) == n - n // 20
    # rien de ce qui était fait n'a été refait
    for cle, date in dates.items():
        assert (sortie / cle / "decompte.json").stat().st_mtime_ns == date
    assert f"{len(dates)}" in reprise.stdout.decode()


# --- ligne de commande ---------------------------------------------------------------------------


def test_cli_codes_de_sortie_et_echappement(tmp_path: Path) -> None:
    runner = CliRunner()
    entree = tmp_path / "lot.jsonl"
    bon, mauvais = dossiers_synthetiques(2)
    mauvais["reference"] = "[bold red]PIRATE[/]"
    mauvais["creances"][0]["factures"][0]["montant_ttc"] = "abc"
    entree.write_text(json.dumps(bon) + "\n", encoding="utf-8")
    args = ["lot", str(entree), "--au", "2026-06-30", "--format", "json", "--workers", "1"]
    ok = runner.invoke(app, [*args, "-o", str(tmp_path / "a")])
    assert ok.exit_code == 0, ok.output
    assert "Faits" in ok.output and "Actes par seconde" in ok.output
    # durée en français, démarrage des workers compris (même mesure en local et avec Dask)
    assert re.search(r"Durée \(démarrage des workers compris\) *│ *\d+,\d s", ok.output)
    entree.write_text(json.dumps(bon) + "\n" + json.dumps(mauvais) + "\n", encoding="utf-8")
    partiel = runner.invoke(app, [*args, "-o", str(tmp_path / "b")])
    assert partiel.exit_code == CODE_DOSSIERS_EN_ERREUR
    assert "[bold red]PIRATE[/]" in partiel.output  # affiché tel quel, pas interprété
    assert "montant_ttc" in partiel.output
    (entree_manifeste,) = [e for e in manifeste(tmp_path / "b") if e["statut"] == "erreur"]
    assert entree_manifeste["reference"] == "[bold red]PIRATE[/]"
    assert entree_manifeste["cle"] == "[bold red]PIRATE[/]" and entree_manifeste["ligne"] == 2
    usage = runner.invoke(app, [*args, "-o", str(tmp_path / "c"), "--format", "odt"])
    assert usage.exit_code == 2 and "odt" in usage.output
    inconnu = runner.invoke(app, [*args, "-o", str(tmp_path / "c"), "--actes", "assignation"])
    assert inconnu.exit_code == 2 and "assignation non reconnu" in inconnu.output
    assert "mise_en_demeure" in inconnu.output
    absent = runner.invoke(
        app, ["lot", str(tmp_path / "x.jsonl"), "--au", "2026-06-30", "-o", str(tmp_path / "d")]
    )
    assert absent.exit_code == 3 and "entrée introuvable" in absent.output
    assert CODE_DOSSIERS_EN_ERREUR == 7


# --- Dask ----------------------------------------------------------------------------------------


def empreintes(sortie: Path) -> dict[str, tuple[str, tuple[tuple[str, str], ...]]]:
    """Ce qui doit être identique d'un exécuteur à l'autre : statut et SHA-256 des fichiers."""
    return {
        e["cle"]: (e["statut"], tuple((f["chemin"], f["sha256"]) for f in e["fichiers"]))
        for e in manifeste(sortie)
    }


def test_dask_localcluster_meme_manifeste_que_les_processus(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    entree = ecrire_jsonl(tmp_path / "lot.jsonl", 60, proportion_invalides=0.05)
    tache = TacheDecompte()
    executer_lot(entree, tache, au=AU, sortie=tmp_path / "processus", workers=2)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        executer_lot(
            entree, tache, au=AU, sortie=tmp_path / "dask", executeur=client.get_executor()
        )
    assert empreintes(tmp_path / "dask") == empreintes(tmp_path / "processus")
    assert len(list(lire_entree(entree))) == 60


def test_deux_lots_dans_le_meme_repertoire_refuses(tmp_path: Path) -> None:
    from contentieux.erreurs import LotInterrompu
    from contentieux.lots.manifeste import Manifeste

    sortie = tmp_path / "sortie"
    sortie.mkdir()
    premier = Manifeste(sortie)
    premier.ouvrir()
    try:
        entree = ecrire_jsonl(tmp_path / "lot.jsonl", 2)
        with pytest.raises(LotInterrompu, match="un autre lot écrit déjà") as exc:
            _executer(entree, sortie)
        assert exc.value.sortie == 5
        runner = CliRunner()
        pris = runner.invoke(
            app, ["lot", str(entree), "--au", "2026-06-30", "--format", "json", "-o", str(sortie)]
        )
        assert pris.exit_code == 5 and "un autre lot écrit déjà" in pris.output
    finally:
        premier.fermer()
    assert _executer(entree, sortie).ok == 2  # verrou libéré


def test_reference_homonyme_du_manifeste(tmp_path: Path) -> None:
    donnees = next(dossiers_synthetiques(1))
    donnees["reference"] = NOM_MANIFESTE
    entree = tmp_path / "lot.jsonl"
    entree.write_text(json.dumps(donnees) + "\n", encoding="utf-8")
    sortie = tmp_path / "sortie"
    assert _executer(entree, sortie).ok == 1
    (ligne,) = manifeste(sortie)
    assert ligne["fichiers"][0]["chemin"].startswith(NOM_MANIFESTE + "-")


def test_ctrl_c_puis_reprise(tmp_path: Path) -> None:
    entree = ecrire_jsonl(tmp_path / "lot.jsonl", 400)
    sortie = tmp_path / "sortie"
    processus = subprocess.Popen(
        _commande(entree, sortie),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    chemin = sortie / NOM_MANIFESTE
    limite = time.monotonic() + 120
    while time.monotonic() < limite:
        if chemin.is_file() and chemin.read_bytes().count(b"\n") >= 30:
            break
        time.sleep(0.005)
    processus.send_signal(signal.SIGINT)
    _sortie, erreurs = processus.communicate(timeout=120)
    assert processus.returncode == 130, erreurs.decode()
    assert "relancez la même commande" in erreurs.decode()
    faits = [e for _n, e in lire_lignes(chemin)]
    assert 30 <= len(faits) < 400
    reprise = subprocess.run(_commande(entree, sortie), capture_output=True, timeout=300)
    assert reprise.returncode == 0, reprise.stderr.decode()
    verifier_coherence(sortie, 400, 0)


@dataclass(frozen=True)
class TacheQuiTueSonWorker:
    """Tâche de test : le worker meurt brutalement (une fois) sur le dossier ``victime``."""

    victime: str
    temoin: str

    def description(self) -> dict[str, Any]:
        return {"tache": "essai"}

    def preparer(self) -> None:
        pass

    def produire(self, dossier: Any, *, au: dt.date) -> list[tuple[str, bytes]]:
        if dossier.reference == self.victime and not Path(self.temoin).exists():
            Path(self.temoin).write_text("mort une fois", encoding="utf-8")
            os._exit(9)  # comme un worker tué par le système (mémoire épuisée)
        return [("x.txt", dossier.reference.encode())]


def test_worker_mort_lot_continue_puis_reprise(tmp_path: Path) -> None:
    entree = ecrire_jsonl(tmp_path / "lot.jsonl", 40)
    sortie = tmp_path / "sortie"
    tache = TacheQuiTueSonWorker("LOT-0007", str(tmp_path / "temoin"))
    bilan = executer_lot(entree, tache, au=AU, sortie=sortie, workers=2)
    assert bilan.total == 40 and bilan.erreurs >= 1 and bilan.ok + bilan.erreurs == 40
    lignes = manifeste(sortie)
    victime = next(e for e in lignes if e["cle"] == "LOT-0007")
    assert victime["statut"] == "erreur" and "worker interrompu" in victime["motif"]
    assert "relancez la même commande" in victime["motif"]
    # la reprise refait les dossiers perdus avec le worker, et eux seulement
    reprise = executer_lot(entree, tache, au=AU, sortie=sortie, workers=2)
    assert (reprise.ok, reprise.erreurs, reprise.deja_faits) == (bilan.erreurs, 0, bilan.ok)
    verifier_coherence(sortie, 40, 0)
