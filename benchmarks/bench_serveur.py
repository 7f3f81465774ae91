"""Charge bornée du service HTTP : décomptes/s, PDF/s, latences, ``/sante`` pendant les rendus.

Usage : ``python benchmarks/bench_serveur.py [--workers 2] [--clients 8] [--decomptes 400]
[--pdf 40] [--repetitions 2]``

Démarre ``contentieux serveur`` sur 127.0.0.1 (port libre, boucle locale uniquement), le chauffe,
puis envoie un **nombre fixe** de requêtes avec ``--clients`` clients concurrents (connexions
HTTP/1.1 en keep-alive sur des sockets asyncio, requêtes construites d'avance : le client coûte
peu aux cœurs du service), en ``--repetitions`` passes entrelacées avec les mesures de référence
(la meilleure de chaque variante compte), et s'arrête seul (SIGTERM). Mesure dans la même
exécution :

1. ``POST /v1/decompte`` : débit et latences p50/p95/p99, contre **les mêmes décomptes en
   processus** (un fil, le même travail sans HTTP : lecture des mêmes octets JSON, validation,
   ``etablir_decompte``, JSON rendu ; le banc vérifie que le service rend les mêmes octets), et
   le temps CPU par décompte du service (processus et workers) ;
2. ``POST /v1/actes/mise_en_demeure?format=pdf`` : débit et latences, contre **le lot**
   (``executer_lot`` sur un ``ProcessPoolExecutor`` chaud de ``--workers`` processus, celui de
   ``contentieux lot``) sur les mêmes dossiers ;
3. la latence de ``GET /sante`` (une requête toutes les 20 ms) pendant la charge PDF.

Objectifs (2 cœurs) : décomptes ≥ 60 % du débit en processus ; PDF ≥ 85 % du lot avec les mêmes
workers ; ``/sante`` p99 < 100 ms sous charge PDF. Les clients tournent sur les mêmes cœurs que le
service : leur coût est compté contre lui. Dernière ligne :
``serveur : X décomptes/s, Y PDF/s, santé p99 Z ms``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

AU = "2026-06-30"
ACTE = "mise_en_demeure"


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _centile(valeurs: list[float], p: float) -> float:
    ordonnees = sorted(valeurs)
    if not ordonnees:
        return float("nan")
    rang = min(len(ordonnees) - 1, max(0, round(p / 100 * len(ordonnees) + 0.5) - 1))
    return ordonnees[rang]


def temps_cpu(pid: int) -> float:
    """Temps CPU (utilisateur + système, en s) du processus ``pid`` (Linux : ``/proc``), ses
    processus de travail non compris ; ``nan`` ailleurs."""
    try:
        champs = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(champs[11]) + int(champs[12])) / os.sysconf("SC_CLK_TCK")


def _enfants(pid: int) -> list[int]:
    try:
        taches = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []
    enfants: list[int] = []
    for tache in taches:
        try:
            enfants.extend(int(x) for x in (tache / "children").read_text().split())
        except OSError:
            continue
    return enfants


def arbre(pid: int) -> list[int]:
    """``pid`` et tous ses descendants (processus de travail, forkserver)."""
    pids = [pid]
    for enfant in _enfants(pid):
        pids.extend(arbre(enfant))
    return pids


def cpu_arbre(pids: list[int]) -> float:
    """Temps CPU total de ces processus (Linux ; ``nan`` ailleurs)."""
    return sum(temps_cpu(p) for p in pids)


def _latences(valeurs: list[float]) -> str:
    return " / ".join(f"{_centile(valeurs, p) * 1000:.0f}" for p in (50, 95, 99)) + " ms"


def demarrer(workers: int, racine: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Le service sur un port libre de 127.0.0.1, sans jeton ; attend ``/sante`` (120 s au plus)."""
    port = _port_libre()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONTENTIEUX_")}
    processus = subprocess.Popen(
        [
            sys.executable, "-m", "contentieux", "serveur", "--port", str(port),
            "--workers", str(workers), "--dossier-lots", str(racine / "lots"),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(racine / "journal.log").open("wb"),
    )
    url = f"http://127.0.0.1:{port}"
    fin = time.monotonic() + 120
    while time.monotonic() < fin:
        if processus.poll() is not None:
            raise SystemExit(f"le serveur s'est arrêté (code {processus.returncode})")
        try:
            if httpx.get(f"{url}/sante", timeout=2).status_code == 200:
                return processus, url
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    processus.kill()
    raise SystemExit("le serveur n'a pas répondu à /sante en 120 s")


class Connexion:
    """Un client HTTP/1.1 minimal en keep-alive sur une socket asyncio : requêtes pré-construites,
    réponses lues par ``Content-Length``. Il coûte quelques dizaines de microsecondes par requête
    (httpx : près d'une milliseconde), qu'il prendrait aux mêmes cœurs que le service."""

    def __init__(self, lecteur: asyncio.StreamReader, ecrivain: asyncio.StreamWriter) -> None:
        self.lecteur = lecteur
        self.ecrivain = ecrivain

    @classmethod
    async def ouvrir(cls, url: str) -> Connexion:
        hote, _, port = url.removeprefix("http://").partition(":")
        return cls(*await asyncio.open_connection(hote, int(port)))

    async def envoyer(self, requete: bytes) -> tuple[int, bytes]:
        self.ecrivain.write(requete)
        entete = await self.lecteur.readuntil(b"\r\n\r\n")
        statut = int(entete[9:12])
        longueur = 0
        for ligne in entete.split(b"\r\n")[1:]:
            nom, _, valeur = ligne.partition(b":")
            if nom.strip().lower() == b"content-length":
                longueur = int(valeur)
        return statut, await self.lecteur.readexactly(longueur)

    def fermer(self) -> None:
        self.ecrivain.close()


def requete_http(methode: str, chemin: str, corps: bytes = b"") -> bytes:
    """Les octets d'une requête HTTP/1.1 (keep-alive), construits avant la mesure."""
    entete = f"{methode} {chemin} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    if methode == "POST":
        entete += f"Content-Type: application/json\r\nContent-Length: {len(corps)}\r\n"
    return (entete + "\r\n").encode("ascii") + corps


async def charge(
    url: str, chemin: str, corps: list[bytes], clients: int
) -> tuple[float, list[float], list[bytes]]:
    """Envoie chaque corps une fois avec ``clients`` connexions concurrentes ; durée, latences et
    réponses (dans l'ordre des corps)."""
    requetes = [requete_http("POST", chemin, c) for c in corps]
    latences: list[float] = []
    reponses: list[bytes] = [b""] * len(corps)
    suivant = iter(range(len(corps)))
    connexions = [await Connexion.ouvrir(url) for _ in range(clients)]

    async def client(connexion: Connexion) -> None:
        for rang in suivant:
            debut = time.perf_counter()
            statut, reponse = await connexion.envoyer(requetes[rang])
            latences.append(time.perf_counter() - debut)
            if statut != 200:
                raise SystemExit(f"{chemin} : {statut} {reponse[:300]!r}")
            reponses[rang] = reponse

    try:
        debut = time.perf_counter()
        await asyncio.gather(*(client(c) for c in connexions))
        return time.perf_counter() - debut, latences, reponses
    finally:
        for connexion in connexions:
            connexion.fermer()


async def charge_pdf_et_sante(
    url: str, corps: list[bytes], clients: int
) -> tuple[float, list[float], list[float]]:
    """La charge PDF, et ``/sante`` sondée toutes les 20 ms tant qu'elle dure."""
    sante: list[float] = []
    fini = asyncio.Event()
    requete = requete_http("GET", "/sante")

    async def sonder() -> None:
        connexion = await Connexion.ouvrir(url)
        try:
            while not fini.is_set():
                debut = time.perf_counter()
                statut, _ = await connexion.envoyer(requete)
                sante.append(time.perf_counter() - debut)
                if statut != 200:
                    raise SystemExit(f"/sante : {statut}")
                await asyncio.sleep(0.02)
        finally:
            connexion.fermer()

    sonde = asyncio.create_task(sonder())
    try:
        duree, latences, reponses = await charge(
            url, f"/v1/actes/{ACTE}?au={AU}&format=pdf", corps, clients
        )
    finally:
        fini.set()
        await sonde
    if not all(r.startswith(b"%PDF-") for r in reponses):
        raise SystemExit("un acte rendu n'est pas un PDF")
    return duree, latences, sante


def en_processus(corps: list[bytes]) -> tuple[float, float, list[bytes]]:
    """Durée et temps CPU du même travail dans ce processus, un fil, sans HTTP : lecture des
    mêmes octets JSON (``lire_json``), validation, décompte, JSON rendu (celui de ``--json``) ;
    et les octets rendus, que le banc compare aux réponses du service."""
    from contentieux.interets import etablir_decompte
    from contentieux.lecture import lire_json, valider_dossier
    from contentieux.modeles.decompte import OptionsDecompte
    from contentieux.regles import charger_regles

    regles = charger_regles()
    au = dt.date.fromisoformat(AU)
    rendus: list[bytes] = []
    debut, cpu = time.perf_counter(), time.process_time()
    for texte in corps:
        decompte = etablir_decompte(
            valider_dossier(lire_json(texte)), au=au, regles=regles, options=OptionsDecompte()
        )
        rendus.append(
            json.dumps(decompte.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")
        )
    return time.perf_counter() - debut, time.process_time() - cpu, rendus


TACHE_LOT = {"actes": (ACTE,), "formats": ("pdf",)}


def chauffer_lot(executeur: Any, dossiers: list[dict[str, Any]], racine: Path) -> None:
    """Un petit lot préalable : les workers du lot sont chauds, comme ceux du service."""
    from contentieux.lots.executer import executer_lot
    from contentieux.lots.taches import TacheActes

    chauffe = racine / "chauffe.jsonl"
    chauffe.write_text("".join(json.dumps(d) + "\n" for d in dossiers), encoding="utf-8")
    executer_lot(
        chauffe, TacheActes(**TACHE_LOT), au=dt.date.fromisoformat(AU),
        sortie=racine / "chauffe", executeur=executeur,
    )


def en_lot(dossiers: list[dict[str, Any]], workers: int, executeur: Any, sortie: Path) -> float:
    """Durée du lot des mêmes dossiers (mise en demeure PDF) sur le pool chaud ``executeur`` de
    ``workers`` processus (celui de ``contentieux lot``) : lecture, envoi, écriture, manifeste."""
    from contentieux.lots.executer import executer_lot
    from contentieux.lots.taches import TacheActes

    sortie.mkdir(parents=True)
    entree = sortie / "lot.jsonl"
    entree.write_text("".join(json.dumps(d) + "\n" for d in dossiers), encoding="utf-8")
    debut = time.perf_counter()
    bilan = executer_lot(
        entree, TacheActes(**TACHE_LOT), au=dt.date.fromisoformat(AU), sortie=sortie / "lot",
        executeur=executeur, workers=workers,
    )
    duree = time.perf_counter() - debut
    if bilan.ok != len(dossiers):
        raise SystemExit(f"lot : {bilan.erreurs} dossier(s) en erreur")
    return duree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="processus de travail (défaut 2)")
    parser.add_argument("--clients", type=int, default=8, help="clients concurrents (défaut 8)")
    parser.add_argument("--decomptes", type=int, default=400, help="décomptes envoyés")
    parser.add_argument("--pdf", type=int, default=40, help="mises en demeure PDF demandées")
    parser.add_argument(
        "--repetitions", type=int, default=2, help="passes entrelacées (la meilleure compte)"
    )
    args = parser.parse_args()
    from contentieux.lots.executer import creer_executeur_processus
    from contentieux.lots.synthese import dossiers_synthetiques
    from contentieux.lots.taches import TacheActes

    dossiers = list(dossiers_synthetiques(max(args.decomptes, args.pdf)))
    corps = [json.dumps(d).encode("utf-8") for d in dossiers]
    print(f"charge : {os.getloadavg()[0]:.1f} ; {args.workers} worker(s), {args.clients} clients")
    with tempfile.TemporaryDirectory(prefix="bench-serveur-") as temporaire:
        racine = Path(temporaire)
        processus, url = demarrer(args.workers, racine)
        lot = creer_executeur_processus(args.workers, TacheActes(**TACHE_LOT))
        mesures: dict[str, list[Any]] = {}
        try:
            # chauffe : décomptes et un rendu par worker (processus démarrés, polices chargées),
            # pour le service comme pour le lot
            asyncio.run(charge(url, f"/v1/decompte?au={AU}", corps[:40], args.clients))
            asyncio.run(
                charge(url, f"/v1/actes/{ACTE}?au={AU}", corps[: 2 * args.workers], args.workers)
            )
            chauffer_lot(lot, dossiers[: 2 * args.workers], racine)
            # passes entrelacées : la charge de la machine pèse pareil sur chaque variante
            for rang in range(args.repetitions):
                service = arbre(processus.pid)
                cpu_avant, client_avant = cpu_arbre(service), time.process_time()
                duree_d, lat_d, reponses = asyncio.run(
                    charge(url, f"/v1/decompte?au={AU}", corps[: args.decomptes], args.clients)
                )
                cpu_d = cpu_arbre(service) - cpu_avant
                client_d = time.process_time() - client_avant
                mesures.setdefault("decompte", []).append((duree_d, lat_d, cpu_d, client_d))
                duree_proc, cpu_proc, rendus = en_processus(corps[: args.decomptes])
                mesures.setdefault("processus", []).append((duree_proc, cpu_proc))
                if reponses != rendus:  # même travail : mêmes octets, dossier par dossier
                    raise SystemExit("décompte : la réponse du service diffère du même calcul")
                cpu_avant = cpu_arbre(service)
                mesures.setdefault("pdf", []).append(
                    asyncio.run(charge_pdf_et_sante(url, corps[: args.pdf], args.clients))
                )
                mesures.setdefault("cpu_pdf", []).append(cpu_arbre(service) - cpu_avant)
                pool_lot = [p for p in arbre(os.getpid())[1:] if p not in arbre(processus.pid)]
                cpu_avant = cpu_arbre(pool_lot) + time.process_time()
                mesures.setdefault("lot", []).append(
                    en_lot(dossiers[: args.pdf], args.workers, lot, racine / f"lot{rang}")
                )
                mesures.setdefault("cpu_lot", []).append(
                    cpu_arbre(pool_lot) + time.process_time() - cpu_avant
                )
        finally:
            lot.shutdown(wait=True)
            processus.send_signal(signal.SIGTERM)
            code = processus.wait(120)
    duree_d, lat_d, cpu_serveur, cpu_client = min(mesures["decompte"], key=lambda m: m[0])
    duree_proc, cpu_proc = min(mesures["processus"])
    duree_p, lat_p, _ = min(mesures["pdf"], key=lambda m: m[0])
    sante = [s for m in mesures["pdf"] for s in m[2]]
    duree_lot = min(mesures["lot"])
    cpu_pdf = min(mesures["cpu_pdf"]) / args.pdf
    cpu_lot = min(mesures["cpu_lot"]) / args.pdf
    debit_d = args.decomptes / duree_d
    debit_proc = args.decomptes / duree_proc
    debit_p = args.pdf / duree_p
    debit_lot = args.pdf / duree_lot
    p99_sante = _centile(sante, 99) * 1000
    print(
        f"décompte : serveur {debit_d:.0f}/s (p50/p95/p99 {_latences(lat_d)}), en processus "
        f"{debit_proc:.0f}/s ; rapport {debit_d / debit_proc:.0%} (objectif ≥ 60 %)"
    )
    print(
        f"CPU par décompte : service {cpu_serveur / args.decomptes * 1000:.2f} ms (processus et "
        f"workers), en processus {cpu_proc / args.decomptes * 1000:.2f} ms (même travail sans "
        f"HTTP, un fil), client {cpu_client / args.decomptes * 1000:.2f} ms sur les mêmes cœurs ; "
        f"rapport {cpu_proc / cpu_serveur:.0%} (débit à CPU égal)"
    )
    print(
        f"PDF : serveur {debit_p:.1f}/s (p50/p95/p99 {_latences(lat_p)}), lot {debit_lot:.1f}/s "
        f"avec {args.workers} workers ; rapport {debit_p / debit_lot:.0%} (objectif ≥ 85 %)"
    )
    print(
        f"CPU par PDF : service {cpu_pdf * 1000:.0f} ms (processus et workers, /sante sondée "
        f"comprise), lot {cpu_lot * 1000:.0f} ms ; rapport {cpu_lot / cpu_pdf:.0%} (débit à CPU "
        "égal)"
    )
    print(
        f"/sante pendant les PDF : {len(sante)} requêtes, p50/p95/p99 {_latences(sante)} "
        "(objectif p99 < 100 ms)"
    )
    print(f"arrêt SIGTERM : code {code}")
    print(
        f"rapports : décomptes {debit_d / debit_proc:.0%} du même travail en processus "
        f"(objectif ≥ 60 %), PDF {debit_p / debit_lot:.0%} du lot (objectif ≥ 85 %), santé p99 "
        f"{p99_sante:.0f} ms (objectif < 100 ms) ; charge {os.getloadavg()[0]:.1f}"
    )
    print(f"serveur : {debit_d:.0f} décomptes/s, {debit_p:.1f} PDF/s, santé p99 {p99_sante:.0f} ms")


if __name__ == "__main__":
    main()
