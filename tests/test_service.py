"""Le service HTTP contre un vrai uvicorn sur 127.0.0.1 (port libre), appelé avec httpx.

Chaque point d'accès, le jeton, les limites (413, 503), les erreurs françaises (422, JSON
malformé), les requêtes concurrentes, la reprise des lots au démarrage et l'arrêt sur SIGTERM ; le
JSON rendu est celui de ``contentieux … --json`` pour les dossiers d'exemple. Boucles bornées,
boucle locale uniquement.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

httpx = pytest.importorskip("httpx")
pytest.importorskip("fastapi")

from typer.testing import CliRunner  # noqa: E402

from contentieux.cli import app  # noqa: E402
from contentieux.exemples import noms_exemples  # noqa: E402
from contentieux.lecture import lire_donnees  # noqa: E402

AU = "2026-06-30"
JETON = "jeton-de-test-0123456789abcdef"
ENTETES = {"Authorization": f"Bearer {JETON}"}
LIMITE_MO = 0.25  # 262 144 octets : assez pour les exemples, dépassable dans un test
ATTENTE_DEMARRAGE_S = 120.0
runner = CliRunner()


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Serveur:
    processus: subprocess.Popen[bytes]
    url: str
    journal: Path
    lots: Path
    xdg: Path

    def client(self, **options: Any) -> Any:
        return httpx.Client(base_url=self.url, timeout=120.0, **options)


def _attendre_sante(url: str, processus: subprocess.Popen[bytes]) -> None:
    fin = time.monotonic() + ATTENTE_DEMARRAGE_S
    while time.monotonic() < fin:
        if processus.poll() is not None:
            raise RuntimeError(f"le serveur s'est arrêté (code {processus.returncode})")
        try:
            if httpx.get(f"{url}/sante", timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError("le serveur n'a pas répondu à /sante à temps")


def _demarrer(racine: Path, *options: str, jeton: str | None = JETON) -> Serveur:
    port = _port_libre()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONTENTIEUX_")}
    env["XDG_DATA_HOME"] = str(racine / "xdg")
    if jeton is not None:
        env["CONTENTIEUX_JETON"] = jeton
    journal = racine / "journal.log"
    lots = racine / "lots"
    with journal.open("ab") as sortie_erreur:
        processus = subprocess.Popen(
            [
                sys.executable, "-m", "contentieux", "serveur", "--port", str(port),
                "--workers", "1", "--dossier-lots", str(lots), "--limite-corps", str(LIMITE_MO),
                "--grace", "20", *options,
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=sortie_erreur,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _attendre_sante(url, processus)
    except BaseException:
        processus.kill()
        processus.wait(10)
        raise
    return Serveur(processus, url, journal, lots, racine / "xdg")


def _arreter(serveur: Serveur) -> int:
    if serveur.processus.poll() is None:
        serveur.processus.send_signal(signal.SIGTERM)
    try:
        return serveur.processus.wait(60)
    except subprocess.TimeoutExpired:
        serveur.processus.kill()
        serveur.processus.wait(10)
        raise


def _dossier_json(nom: str) -> bytes:
    from contentieux.exemples import chemin_exemple

    return json.dumps(lire_donnees(chemin_exemple(nom)), default=str).encode("utf-8")


def _lot_inacheve(racine: Path) -> str:
    """Un lot laissé par un service arrêté avant de l'exécuter (demande et entrée, sans bilan)."""
    from contentieux.service.lots import DemandeLot, GestionLots

    gestion = GestionLots(racine, cf.ThreadPoolExecutor(1), workers=1, lots_max=4)
    racine.mkdir(parents=True, exist_ok=True)
    demande = DemandeLot.model_validate(
        {
            "au": AU,
            "actes": ["decompte"],
            "formats": ["json"],
            "dossiers": [json.loads(_dossier_json("b2b"))],
        }
    )
    return gestion.creer(demande)


@pytest.fixture(scope="module")
def serveur(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serveur]:
    racine = tmp_path_factory.mktemp("service")
    repris = _lot_inacheve(racine / "lots")
    s = _demarrer(racine)
    s.lots.joinpath("repris.txt").write_text(repris)
    yield s
    _arreter(s)


def _cli_json(*args: str, tmp: Path, nom: str) -> tuple[int, Any]:
    fichier = tmp / f"{nom}.json"
    fichier.write_bytes(_dossier_json(nom))
    resultat = runner.invoke(app, [args[0], str(fichier), *args[1:], "--json"])
    return resultat.exit_code, json.loads(resultat.stdout)


def _probleme(reponse: Any, statut: int) -> dict[str, Any]:
    assert reponse.status_code == statut, reponse.text
    assert reponse.headers["content-type"] == "application/problem+json"
    corps: dict[str, Any] = reponse.json()
    assert corps["status"] == statut
    assert corps["detail"] == corps["message"]
    return corps


# --- santé, jeton, documentation ----------------------------------------------------------------


def test_sante_ouverte_sans_jeton(serveur: Serveur) -> None:
    from contentieux import __version__
    from contentieux.regles import charger_regles

    with serveur.client() as client:
        sante = client.get("/sante").json()
    assert sante["statut"] == "ok"
    assert sante["version"] == __version__
    assert sante["version_regles"] == charger_regles().version


@pytest.mark.parametrize("entete", [None, "Bearer mauvais-jeton-0123456789", f"Basic {JETON}"])
def test_sans_jeton_ou_faux_jeton_401(serveur: Serveur, entete: str | None) -> None:
    entetes = {"Authorization": entete} if entete else {}
    with serveur.client() as client:
        reponse = client.get(f"/v1/regles?au={AU}", headers=entetes)
    corps = _probleme(reponse, 401)
    assert corps["code"] == "jeton_invalide"
    assert reponse.headers["www-authenticate"].startswith("Bearer")


def test_openapi_et_docs_sans_cdn(serveur: Serveur) -> None:
    with serveur.client() as client:
        schema = client.get("/openapi.json").json()
        docs = client.get("/docs").text
        css = client.get("/docs/fichiers/swagger-ui.css")
    assert {"Dossier", "Decompte", "Recevabilite", "DemandeLot"} <= set(
        schema["components"]["schemas"]
    )
    corps = schema["paths"]["/v1/decompte"]["post"]["requestBody"]["content"]["application/json"]
    assert corps["schema"] == {"$ref": "#/components/schemas/Dossier"}
    assert "/docs/fichiers/swagger-ui-bundle.js" in docs
    assert "http://" not in docs and "https://" not in docs  # aucun fichier d'ailleurs
    assert css.status_code == 200


# --- calculs : le JSON de la commande ---------------------------------------------------------


@pytest.mark.parametrize("nom", noms_exemples())
def test_decompte_egal_a_la_commande(serveur: Serveur, nom: str, tmp_path: Path) -> None:
    code, attendu = _cli_json("decompte", "--au", AU, tmp=tmp_path, nom=nom)
    with serveur.client(headers=ENTETES) as client:
        reponse = client.post(f"/v1/decompte?au={AU}", content=_dossier_json(nom))
    if code == 0:
        assert reponse.status_code == 200, reponse.text
        assert reponse.json() == attendu
    else:  # même erreur, même code de sortie
        corps = reponse.json()
        assert corps["sortie"] == code
        assert {k: corps[k] for k in attendu} == attendu


@pytest.mark.parametrize("nom", noms_exemples())
def test_recevabilite_egale_a_la_commande(serveur: Serveur, nom: str, tmp_path: Path) -> None:
    code, attendu = _cli_json("verifier", "--au", AU, tmp=tmp_path, nom=nom)
    with serveur.client(headers=ENTETES) as client:
        reponse = client.post(f"/v1/recevabilite?au={AU}", content=_dossier_json(nom))
    assert code == 0
    assert reponse.status_code == 200, reponse.text
    assert reponse.json() == attendu


def test_options_du_decompte_nommees_comme_la_commande(serveur: Serveur, tmp_path: Path) -> None:
    code, attendu = _cli_json(
        "decompte", "--au", AU, "--diviseur", "exact", "--compte-jours", "deux_bornes",
        tmp=tmp_path, nom="b2b",
    )
    assert code == 0
    with serveur.client(headers=ENTETES) as client:
        reponse = client.post(
            f"/v1/decompte?au={AU}&diviseur=exact&compte-jours=deux_bornes",
            content=_dossier_json("b2b"),
        )
        mauvais = client.post(f"/v1/decompte?au={AU}&diviseur=366", content=_dossier_json("b2b"))
        inconnu = client.post(f"/v1/decompte?au={AU}&diviser=365", content=_dossier_json("b2b"))
    assert reponse.json() == attendu
    assert attendu["options"]["diviseur"] == "exact"
    corps = _probleme(mauvais, 400)
    assert corps["champ"] == "diviseur" and corps["sortie"] == 2
    assert "choisissez" in corps["message"]
    assert _probleme(inconnu, 400)["champ"] == "diviser"


def test_date_absente_ou_invalide_400(serveur: Serveur) -> None:
    with serveur.client(headers=ENTETES) as client:
        sans = client.post("/v1/decompte", content=_dossier_json("b2b"))
        mauvaise = client.post("/v1/decompte?au=30/06/2026", content=_dossier_json("b2b"))
    assert _probleme(sans, 400)["champ"] == "au"
    corps = _probleme(mauvaise, 400)
    assert "AAAA-MM-JJ" in corps["message"] and corps["sortie"] == 2


def test_regle_non_couverte_422_code_4(serveur: Serveur, tmp_path: Path) -> None:
    code, attendu = _cli_json("decompte", "--au", "2030-06-30", tmp=tmp_path, nom="b2b")
    with serveur.client(headers=ENTETES) as client:
        reponse = client.post("/v1/decompte?au=2030-06-30", content=_dossier_json("b2b"))
    corps = _probleme(reponse, 422)
    assert code == 4 == corps["sortie"]
    assert corps["code"] == attendu["code"] == "regle_non_couverte"
    # le message cite le dossier de surcouche de l'utilisateur, propre à chaque processus
    assert corps["message"].splitlines()[0] == attendu["message"].splitlines()[0]


# --- entrées invalides ----------------------------------------------------------------------------


def test_dossier_invalide_422_en_francais(serveur: Serveur) -> None:
    dossier = json.loads(_dossier_json("b2b"))
    del dossier["reference"]
    dossier["creancier"]["inconnu"] = 1
    with serveur.client(headers=ENTETES) as client:
        reponse = client.post(f"/v1/decompte?au={AU}", json=dossier)
    corps = _probleme(reponse, 422)
    assert corps["code"] == "donnees_invalides" and corps["sortie"] == 3
    assert "reference : champ obligatoire absent : ajoutez-le" in corps["erreurs"]
    assert any(e.startswith("creancier.inconnu : champ inconnu") for e in corps["erreurs"])
    assert corps["champ"] == "reference"
    texte = reponse.text
    assert "Field required" not in texte and "Extra inputs" not in texte


def test_json_malforme_422(serveur: Serveur) -> None:
    with serveur.client(headers=ENTETES) as client:
        coupe = client.post(f"/v1/decompte?au={AU}", content=b'{"reference": "X", ')
        double = client.post(f"/v1/decompte?au={AU}", content=b'{"a": 1, "a": 2}')
        vide = client.post(f"/v1/decompte?au={AU}", content=b"")
    assert "JSON invalide ligne 1" in _probleme(coupe, 422)["message"]
    assert "« a »" in _probleme(double, 422)["message"]
    assert "corps vide" in _probleme(vide, 422)["message"]


def test_corps_trop_gros_413(serveur: Serveur) -> None:
    limite = int(LIMITE_MO * 1024 * 1024)
    gros = b'{"reference": "' + b"x" * limite + b'"}'

    def morceaux() -> Iterator[bytes]:  # sans Content-Length : compté à la réception
        for debut in range(0, len(gros), 65536):
            yield gros[debut : debut + 65536]

    with serveur.client(headers=ENTETES) as client:
        annonce = client.post(f"/v1/decompte?au={AU}", content=gros)
        flux = client.post(f"/v1/decompte?au={AU}", content=morceaux())
        sante = client.get("/sante")
    for reponse in (annonce, flux):
        corps = _probleme(reponse, 413)
        assert corps["code"] == "corps_trop_gros" and corps["limite"] == limite
    assert sante.status_code == 200


# --- actes, règles ------------------------------------------------------------------------------


def test_acte_pdf_et_docx(serveur: Serveur) -> None:
    corps = {"dossier": json.loads(_dossier_json("b2b")), "parametres": {"lieu": "Lyon"}}
    with serveur.client(headers=ENTETES) as client:
        pdf = client.post(f"/v1/actes/mise_en_demeure?au={AU}", json=corps)
        docx = client.post(
            f"/v1/actes/mise_en_demeure?au={AU}&format=docx", content=_dossier_json("b2b")
        )
        inconnu = client.post(f"/v1/actes/sommation?au={AU}", content=_dossier_json("b2b"))
        format_ = client.post(f"/v1/actes/relance?au={AU}&format=odt", content=b"{}")
    assert pdf.status_code == 200, pdf.text
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert 'filename="EX-B2B-2025-001_mise_en_demeure.pdf"' in pdf.headers["content-disposition"]
    assert docx.status_code == 200, docx.text
    assert docx.headers["content-type"].endswith("wordprocessingml.document")
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(docx.content)).namelist()
    assert docx.headers["content-disposition"].startswith("attachment;")
    assert _probleme(inconnu, 404)["champ"] == "acte"
    assert _probleme(format_, 400)["champ"] == "format"


def test_acte_refuse_par_le_droit_meme_code_que_la_commande(
    serveur: Serveur, tmp_path: Path
) -> None:
    fichier = tmp_path / "dossier.json"
    fichier.write_bytes(_dossier_json("procedure_collective"))
    cli = runner.invoke(
        app, ["generer", "mise_en_demeure", str(fichier), "--au", AU, "-o", str(tmp_path)]
    )
    with serveur.client(headers=ENTETES) as client:
        reponse = client.post(
            f"/v1/actes/mise_en_demeure?au={AU}", content=_dossier_json("procedure_collective")
        )
    assert cli.exit_code == 6  # procédure collective : pas de mise en demeure (refus du droit)
    corps = _probleme(reponse, 422)
    assert corps["sortie"] == cli.exit_code
    assert corps["code"] == "acte_inadapte"
    assert corps["message"].split(" ")[0] in " ".join(cli.stderr.split())


def test_regles_et_liste_des_actes_egales_a_la_commande(
    serveur: Serveur, monkeypatch: pytest.MonkeyPatch
) -> None:
    # les règles non couvertes citent le dossier de surcouche : celui du serveur
    monkeypatch.setenv("XDG_DATA_HOME", str(serveur.xdg))
    regles = runner.invoke(app, ["regles", "--au", AU, "--json"])
    actes = runner.invoke(app, ["actes", "--json"])
    with serveur.client(headers=ENTETES) as client:
        assert client.get(f"/v1/regles?au={AU}").json() == json.loads(regles.stdout)
        assert client.get("/v1/actes").json() == json.loads(actes.stdout)


def test_importer_factures_electroniques(serveur: Serveur) -> None:
    import warnings

    import contentieux
    from contentieux.exemples import dossier_donnees

    racine = dossier_donnees("exemples") / "factures"
    noms = ["F-2026-001.xml", "AV-2026-001.xml", "U-2026-002.xml"]
    with warnings.catch_warnings(record=True) as avertis:
        warnings.simplefilter("always")
        attendus = contentieux.importer_factures(
            [racine / n for n in noms], statuts=[racine / "statuts.csv"]
        )
    envois = [("fichiers", (n, (racine / n).read_bytes())) for n in noms]
    envois.append(("statuts", ("statuts.csv", (racine / "statuts.csv").read_bytes())))
    with serveur.client(headers=ENTETES) as client:
        reponse = client.post("/v1/importer", files=envois)
        assert reponse.status_code == 200, reponse.text
        resultat = reponse.json()
        decomptes = [
            client.post(f"/v1/decompte?au={AU}", json=d).status_code
            for d in resultat["dossiers"]
        ]
        vide = client.post("/v1/importer", data={"statuts": "x"})
    # les dossiers de la bibliothèque, chaque source nommée par son seul nom de fichier
    attendu = json.dumps(
        [d.model_dump(mode="json", exclude_none=True) for d in attendus], ensure_ascii=False
    ).replace(f"{racine}/", "")
    assert resultat["dossiers"] == json.loads(attendu)
    assert len(resultat["dossiers"]) == 2 and decomptes == [200, 200]
    # mêmes avertissements, sans le dossier temporaire des fichiers reçus
    assert resultat["avertissements"] == [
        str(a.message).replace(f"{racine}/", "") for a in avertis
    ]
    assert any("F-2026-001.xml : facture F-2026-001" in a for a in resultat["avertissements"])
    assert _probleme(vide, 400)["champ"] == "fichiers"


# --- concurrence --------------------------------------------------------------------------------


def test_requetes_concurrentes_et_sante_pendant_les_rendus(serveur: Serveur) -> None:
    dossier = _dossier_json("b2b")

    async def scenario() -> tuple[list[Any], list[Any], list[Any]]:
        async with httpx.AsyncClient(base_url=serveur.url, headers=ENTETES, timeout=120) as c:
            pdf = [c.post(f"/v1/actes/relance?au={AU}", content=dossier) for _ in range(3)]
            dec = [c.post(f"/v1/decompte?au={AU}", content=dossier) for _ in range(8)]
            sante = [c.get("/sante") for _ in range(5)]
            tout = await asyncio.gather(*pdf, *dec, *sante)
            return list(tout[:3]), list(tout[3:11]), list(tout[11:])

    pdf, dec, sante = asyncio.run(scenario())
    assert [r.status_code for r in pdf + dec + sante] == [200] * 16
    assert len({r.content for r in dec}) == 1
    assert all(r.content.startswith(b"%PDF-") for r in pdf)


def test_sature_503_avec_retry_after(tmp_path: Path) -> None:
    from contentieux.service.application import ErreurService, Service
    from contentieux.service.configuration import Configuration

    service = Service(Configuration(dossier_lots=tmp_path, en_vol_max=2))
    service.en_vol = 2
    with pytest.raises(ErreurService) as erreur:
        asyncio.run(service.executer(len, "x", pool=False))
    assert erreur.value.statut == 503
    assert erreur.value.entetes["Retry-After"] == "1"
    assert erreur.value.corps["code"] == "service_sature"


# --- lots ---------------------------------------------------------------------------------------


def _attendre_lot(client: Any, ident: str) -> dict[str, Any]:
    for _ in range(600):  # 120 s au plus
        etat: dict[str, Any] = client.get(f"/v1/lots/{ident}").json()
        if etat["statut"] == "termine":
            return etat
        time.sleep(0.2)
    raise AssertionError(f"lot {ident} non terminé : {etat}")


def test_lot_soumis_suivi_et_telecharge(serveur: Serveur) -> None:
    valide = json.loads(_dossier_json("b2b"))
    invalide = {"reference": "SANS-PARTIES"}
    with serveur.client(headers=ENTETES) as client:
        reponse = client.post(
            "/v1/lots",
            json={"au": AU, "actes": ["decompte"], "formats": ["json", "pdf"],
                  "dossiers": [valide, invalide]},
        )
        assert reponse.status_code == 202, reponse.text
        ident = reponse.json()["id"]
        assert reponse.headers["location"] == f"/v1/lots/{ident}"
        etat = _attendre_lot(client, ident)
        assert (etat["total"], etat["ok"], etat["erreurs"]) == (2, 1, 1)
        assert etat["bilan"]["sortie"] == 7
        ok = next(x for x in etat["manifeste"] if x["statut"] == "ok")
        chemins = {f["chemin"]: f["sha256"] for f in ok["fichiers"]}
        decompte = next(c for c in chemins if c.endswith("decompte.json"))
        fichier = client.get(f"/v1/lots/{ident}/fichiers/{decompte}")
        hors = client.get(f"/v1/lots/{ident}/fichiers/../demande.json")
        inconnu = client.get("/v1/lots/" + "0" * 32)
        mauvais = client.post("/v1/lots", json={"au": AU, "actes": ["sommation"], "dossiers": []})
    import hashlib

    assert hashlib.sha256(fichier.content).hexdigest() == chemins[decompte]
    assert fichier.json()["dossier"] == "EX-B2B-2025-001"
    erreur = next(x for x in etat["manifeste"] if x["statut"] == "erreur")
    assert "champ obligatoire absent" in erreur["motif"]
    assert hors.status_code == 404
    assert _probleme(inconnu, 404)["code"] == "lot_introuvable"
    corps = _probleme(mauvais, 422)
    assert any("sommation non reconnu" in e for e in corps["erreurs"])
    assert any(e.startswith("dossiers :") for e in corps["erreurs"])


def test_lots_en_attente_au_maximum_429(tmp_path: Path) -> None:
    """Au-delà de ``lots_max`` lots en attente : 429 et Retry-After (application en processus,
    file des lots non démarrée : le lot déjà soumis reste en attente)."""
    from contentieux.service.application import creer_application
    from contentieux.service.configuration import Configuration
    from contentieux.service.lots import DemandeLot, GestionLots

    application = creer_application(Configuration(dossier_lots=tmp_path, lots_max=1))
    gestion = GestionLots(tmp_path, cf.ThreadPoolExecutor(1), workers=1, lots_max=1)
    application.state.service.lots = gestion
    demande = {"au": AU, "actes": ["decompte"], "formats": ["json"],
               "dossiers": [json.loads(_dossier_json("b2b"))]}
    gestion.creer(DemandeLot.model_validate(demande))

    async def soumettre() -> Any:
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://local") as client:
            return await client.post("/v1/lots", json=demande)

    reponse = asyncio.run(soumettre())
    corps = _probleme(reponse, 429)
    assert corps["code"] == "trop_de_lots" and reponse.headers["retry-after"] == "30"
    assert len([p for p in tmp_path.iterdir() if p.is_dir()]) == 1  # rien de créé


def test_lot_inacheve_repris_au_demarrage(serveur: Serveur) -> None:
    ident = serveur.lots.joinpath("repris.txt").read_text()
    with serveur.client(headers=ENTETES) as client:
        etat = _attendre_lot(client, ident)
    assert (etat["total"], etat["ok"], etat["erreurs"]) == (1, 1, 0)


# --- journal, arrêt, hôte -----------------------------------------------------------------------


def test_journal_acces_en_json_sans_contenu_de_dossier(serveur: Serveur) -> None:
    with serveur.client(headers=ENTETES) as client:
        client.post(f"/v1/decompte?au={AU}", content=_dossier_json("b2b"))
    lignes = []
    for ligne in serveur.journal.read_text(encoding="utf-8").splitlines():
        if ligne.startswith("{"):
            lignes.append(json.loads(ligne))
    assert any(x["chemin"] == "/v1/decompte" and x["statut"] == 200 for x in lignes)
    assert all({"methode", "chemin", "statut", "duree_ms"} <= set(x) for x in lignes)
    texte = serveur.journal.read_text(encoding="utf-8")
    assert "EX-B2B-2025-001" not in texte and JETON not in texte


def test_sigterm_finit_la_requete_en_cours_puis_code_0(tmp_path: Path) -> None:
    serveur = _demarrer(tmp_path)
    try:
        with cf.ThreadPoolExecutor(1) as fil, serveur.client(headers=ENTETES) as client:
            en_vol = fil.submit(
                client.post, f"/v1/actes/mise_en_demeure?au={AU}", content=_dossier_json("b2b")
            )
            for _ in range(500):  # 50 s au plus : la requête est reçue et en cours
                if httpx.get(f"{serveur.url}/sante").json()["travaux_en_cours"] >= 1:
                    break
                time.sleep(0.1)
            else:
                raise AssertionError("la requête n'est jamais arrivée au pool")
            serveur.processus.send_signal(signal.SIGTERM)
            reponse = en_vol.result(timeout=120)
        assert reponse.status_code == 200
        assert reponse.content.startswith(b"%PDF-")
    finally:
        code = _arreter(serveur)
    assert code == 0


def test_delai_depasse_504(tmp_path: Path) -> None:
    # premier rendu d'un worker neuf (polices, gabarit) : bien plus que 0,1 s
    serveur = _demarrer(tmp_path, "--delai", "0.1")
    try:
        with serveur.client(headers=ENTETES) as client:
            reponse = client.post(
                f"/v1/actes/requete_injonction_payer?au={AU}", content=_dossier_json("b2b")
            )
            sante = client.get("/sante")
    finally:
        assert _arreter(serveur) == 0
    corps = _probleme(reponse, 504)
    assert corps["code"] == "delai_depasse" and "0.1 s" in corps["message"]
    assert sante.status_code == 200


def _descendants(pid: int) -> list[int]:
    enfants: list[int] = []
    for tache in Path(f"/proc/{pid}/task").iterdir():
        texte = (tache / "children").read_text().split()
        enfants.extend(int(x) for x in texte)
    return enfants


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="/proc de Linux nécessaire")
def test_worker_tue_503_puis_pool_remplace(tmp_path: Path) -> None:
    serveur = _demarrer(tmp_path)
    try:
        with serveur.client(headers=ENTETES) as client:
            chemin = f"/v1/actes/relance?au={AU}"
            assert client.post(chemin, content=_dossier_json("b2b")).status_code == 200
            # les workers sont les enfants du processus forkserver, lui-même enfant du service
            workers = [w for p in _descendants(serveur.processus.pid) for w in _descendants(p)]
            assert workers
            for pid in workers:
                os.kill(pid, signal.SIGKILL)
            time.sleep(0.5)
            statuts = []
            for _ in range(5):  # au plus 5 essais : 503 (pool cassé, remplacé) puis 200
                reponse = client.post(chemin, content=_dossier_json("b2b"))
                statuts.append(reponse.status_code)
                if reponse.status_code == 200:
                    break
                assert reponse.headers["retry-after"] == "1"
                assert reponse.json()["code"] == "worker_interrompu"
    finally:
        assert _arreter(serveur) == 0
    assert statuts[-1] == 200, statuts


def _workers(serveur: Serveur) -> list[int]:
    """Les processus de travail : enfants du forkserver, lui-même enfant du service."""
    return sorted(w for p in _descendants(serveur.processus.pid) for w in _descendants(p))


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="/proc de Linux nécessaire")
def test_delai_depasse_arrete_le_rendu_et_remplace_le_worker(tmp_path: Path) -> None:
    # premier rendu d'un acte jamais compilé par le worker : bien plus que 0,2 s ; à l'échéance,
    # le processus qui rend est terminé (le rendu ne continue pas) et un autre le remplace
    serveur = _demarrer(tmp_path, "--delai", "0.2")
    try:
        with serveur.client(headers=ENTETES) as client:
            _attendre_workers_prets(client, 1)
            avant = _workers(serveur)
            reponse = client.post(
                f"/v1/actes/requete_injonction_payer?au={AU}", content=_dossier_json("b2b")
            )
            sante = _attendre_workers_prets(client, 1)
            apres = _workers(serveur)
            ancien_vivant = Path(f"/proc/{avant[0]}").exists()
            decompte = client.post(f"/v1/decompte?au={AU}", content=_dossier_json("b2b"))
    finally:
        assert _arreter(serveur) == 0
    corps = _probleme(reponse, 504)
    assert corps["code"] == "delai_depasse"
    assert len(avant) == 1 and not ancien_vivant
    assert len(apres) == 1 and apres != avant
    assert sante["workers_prets"] == 1
    assert decompte.status_code == 200 and decompte.json()["au"] == AU


def _attendre_workers_prets(client: Any, nombre: int) -> dict[str, Any]:
    """``/sante`` une fois ``nombre`` processus de travail préparés (60 s au plus)."""
    fini = time.monotonic() + 60
    while time.monotonic() < fini:
        sante: dict[str, Any] = client.get("/sante").json()
        if sante["workers_prets"] == nombre:
            return sante
        time.sleep(0.2)
    raise AssertionError(f"workers non prêts : {sante}")


def test_pool_interrompt_un_travail_sans_toucher_les_autres() -> None:
    from contentieux.lots.taches import TacheDecompte
    from contentieux.service.pool import PoolProcessus, TravailInterrompu

    with PoolProcessus(2, TacheDecompte()) as pool:
        long = pool.submit(time.sleep, 60)
        voisin = pool.submit(time.sleep, 0.5)
        for _ in range(200):  # 20 s au plus : les deux travaux sont pris
            if long.running() and voisin.running():
                break
            time.sleep(0.1)
        pids = pool.pids()
        assert pool.interrompre(long)
        with pytest.raises(TravailInterrompu):
            long.result(timeout=30)
        assert voisin.result(timeout=30) is None  # l'autre travail finit normalement
        assert pool.submit(os.getpid).result(timeout=60) in pool.pids()
        assert pool.vivants() == 2 and len(set(pool.pids()) - set(pids)) == 1


def test_hote_public_sans_jeton_refuse(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONTENTIEUX_JETON", raising=False)
    monkeypatch.delenv("CONTENTIEUX_JETON_FICHIER", raising=False)
    resultat = runner.invoke(app, ["serveur", "--hote", "0.0.0.0"])
    assert resultat.exit_code == 2
    assert "exige un jeton" in " ".join(resultat.stderr.split())


def test_jeton_depuis_un_fichier(tmp_path: Path) -> None:
    from contentieux.erreurs import ErreurUtilisation
    from contentieux.service.configuration import jeton_depuis_environnement

    fichier = tmp_path / "jeton"
    fichier.write_text(JETON + "\n")
    jeton = jeton_depuis_environnement({"CONTENTIEUX_JETON_FICHIER": str(fichier)})
    assert jeton is not None and jeton.get_secret_value() == JETON
    fichier.write_text("court")
    with pytest.raises(ErreurUtilisation, match="trop court"):
        jeton_depuis_environnement({"CONTENTIEUX_JETON_FICHIER": str(fichier)})


def test_exemples_curl_de_la_documentation_existent(serveur: Serveur) -> None:
    """Chaque appel curl de ``docs/service.md`` vise un point d'accès que le service expose."""
    import re

    page = (Path(__file__).resolve().parents[1] / "docs" / "service.md").read_text("utf-8")
    with serveur.client() as client:
        chemins = client.get("/openapi.json").json()["paths"]
    # un paramètre de chemin vaut un segment ; le dernier peut en valoir plusieurs ({chemin:path})
    motifs = [
        re.compile("^" + re.sub(r"\{[^}]+\}$", ".+", re.sub(r"\{[^}]+\}(?=/)", "[^/]+", c)) + "$")
        for c in chemins
    ]
    appels = re.findall(r'curl [^\n]*?"?http://127\.0\.0\.1:8000(/[^"?\s]*)', page)
    assert len(appels) == 10
    for chemin in appels:
        assert any(m.match(chemin) for m in motifs), chemin
