"""Le paquet : import léger, et roue installable qui embarque ses données (règles, exemples).

Le test de la roue (marqué ``lent``) construit la roue — en pur Python, ``py3-none-any``, sans
compilateur C —, l'installe **avec ses dépendances** dans un environnement virtuel neuf hors du
dépôt (sans ``--system-site-packages`` : seul ce que la roue déclare y est installé, par l'index
normal de pip et son cache de roues), et y charge les règles et un dossier d'exemple depuis la
copie installée.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

RACINE = Path(__file__).resolve().parents[1]

LOURDS = ("weasyprint", "docxtpl", "pyhanko", "pyhanko_certvalidator", "dask", "distributed")
"""Dépendances des extras (PDF, DOCX, signature, Dask) : jamais importées par ``import``."""

LIGNE_DE_COMMANDE = ("typer", "rich", "click")
"""Dépendances de la seule ligne de commande : inutiles à une bibliothèque embarquée."""


def _modules_charges(code: str) -> set[str]:
    """Modules de premier niveau présents dans ``sys.modules`` après ``code``, dans un processus
    neuf (les tests déjà lancés dans ce processus ont pu importer n'importe quoi)."""
    programme = (
        code + "\nimport json, sys\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    sortie = subprocess.run(
        [sys.executable, "-c", programme],
        capture_output=True,
        text=True,
        check=True,
        cwd=RACINE,
    ).stdout
    return set(json.loads(sortie.strip().splitlines()[-1]))


def test_import_contentieux_est_leger() -> None:
    charges = _modules_charges("import contentieux")
    assert "contentieux" in charges
    assert charges.isdisjoint(LOURDS), charges & set(LOURDS)
    assert charges.isdisjoint(LIGNE_DE_COMMANDE), charges & set(LIGNE_DE_COMMANDE)
    # Le paquet de tête ne charge même pas pydantic : tout est paresseux.
    assert "pydantic" not in charges


def test_modeles_lecture_et_regles_sans_dependance_lourde() -> None:
    """L'usage courant d'un ERP (modèles, lecture, règles) ne tire ni extras ni ligne de
    commande."""
    charges = _modules_charges(
        "import datetime, contentieux\n"
        "from contentieux.exemples import dossier_exemple\n"
        "dossier_exemple('b2b')\n"
        "contentieux.Dossier\n"
        "contentieux.charger_regles().valeur('interet_legal.autres', au=datetime.date(2026, 3, 1))"
    )
    assert {"pydantic", "yaml", "stdnum"} <= charges  # SIREN vérifiés : stdnum est chargé
    assert charges.isdisjoint(LOURDS), charges & set(LOURDS)
    assert charges.isdisjoint(LIGNE_DE_COMMANDE), charges & set(LIGNE_DE_COMMANDE)


def test_attribut_inconnu() -> None:
    import contentieux

    with pytest.raises(AttributeError):
        _ = contentieux.n_existe_pas  # type: ignore[attr-defined]
    assert contentieux.__version__


# --- La roue ---------------------------------------------------------------------------------


def _construire_roue(destination: Path, env: dict[str, str] | None = None) -> Path:
    """Construit la roue ; sans isolation si hatchling est là (hors ligne), sinon isolée."""
    commande = [sys.executable, "-m", "build", "--wheel", "--outdir", str(destination)]
    if importlib.util.find_spec("hatchling") is not None:
        commande.append("--no-isolation")
    if importlib.util.find_spec("build") is None:  # repli : pip sait aussi construire une roue
        commande = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(destination)]
        if importlib.util.find_spec("hatchling") is not None:
            commande.append("--no-build-isolation")
    commande.append(str(RACINE))
    resultat = subprocess.run(
        commande, capture_output=True, text=True, cwd=destination, env={**os.environ, **(env or {})}
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    (roue,) = destination.glob("contentieux-*.whl")
    (destination / "journal.txt").write_text(resultat.stdout + resultat.stderr, encoding="utf-8")
    return roue


@pytest.fixture(scope="module")
def roue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _construire_roue(tmp_path_factory.mktemp("roue"))


@pytest.mark.lent
def test_la_roue_embarque_les_donnees(roue: Path) -> None:
    with zipfile.ZipFile(roue) as archive:
        noms = set(archive.namelist())
    regles = {p.name for p in (RACINE / "regles").glob("*.yaml")}
    assert {"interet_legal.yaml", "sources.yaml"} <= regles
    for nom in regles:
        assert f"contentieux/_donnees/regles/{nom}" in noms
    for exemple in (RACINE / "exemples").rglob("*"):
        if exemple.is_file() and "__pycache__" not in exemple.parts:
            relatif = exemple.relative_to(RACINE / "exemples").as_posix()
            assert f"contentieux/_donnees/exemples/{relatif}" in noms
    assert "contentieux/_donnees/exemples/dossiers/b2b.yaml" in noms
    # Les gabarits (le dossier peut ne contenir qu'un .gitkeep tant qu'aucun acte n'existe).
    for gabarit in (RACINE / "gabarits").rglob("*"):
        if gabarit.is_file():
            relatif = gabarit.relative_to(RACINE / "gabarits").as_posix()
            assert f"contentieux/_donnees/gabarits/{relatif}" in noms
    assert any(n.startswith("contentieux/_donnees/gabarits/") for n in noms)
    assert "contentieux/py.typed" in noms
    assert "contentieux/__init__.py" in noms
    # Les polices des actes et du tampon, avec leur licence (issue 19, point 6).
    from contentieux.polices import FACES, LICENCE, POLICE_TAMPON

    for police in [*(f.fichier for f in FACES), POLICE_TAMPON, LICENCE]:
        assert f"contentieux/polices/{police}" in noms, police
    # Rien du dépôt qui n'ait à être installé.
    assert not any(n.startswith(("tests/", "docs/", "regles/", "exemples/")) for n in noms)
    with zipfile.ZipFile(roue) as archive:
        points = archive.read("contentieux-0.1.0.dist-info/entry_points.txt").decode()
    assert "contentieux = contentieux.cli:app" in points


SCRIPT_VERIFICATION = """
import datetime, json, sys
from decimal import Decimal
from pathlib import Path

import contentieux
from contentieux.exemples import chemin_exemple, dossier_exemple, noms_exemples
from contentieux.regles import dossier_regles_paquet

regles = contentieux.charger_regles()
valeur = regles.valeur("interet_legal.autres", au=datetime.date(2026, 3, 1)).valeur
assert valeur == Decimal("2.62"), valeur
assert isinstance(valeur, Decimal)
d = dossier_exemple("b2b")
assert isinstance(d, contentieux.Dossier)
print(json.dumps({
    "fichier": contentieux.__file__,
    "regles": str(dossier_regles_paquet()),
    "exemple": str(chemin_exemple("b2b")),
    "exemples": noms_exemples(),
    "reference": d.reference,
    "chemins": sys.path,
}))
"""


@pytest.fixture(scope="module")
def roue_installee(roue: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Environnement virtuel neuf, hors du dépôt, où la roue est installée avec ses dépendances
    (index normal de pip, cache de roues partagé) ; rend son dossier.

    Aucun paquet du système n'y est visible : une dépendance oubliée dans ``pyproject.toml``
    (« No module named 'stdnum' ») fait échouer le test, comme dans un clone neuf. Les tests
    lancent l'interpréteur avec ``-I`` (ni répertoire courant, ni PYTHONPATH, ni site de
    l'utilisateur), depuis un répertoire hors du dépôt, et vérifient les ``__file__``.
    """
    venv = tmp_path_factory.mktemp("installation") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    installation = subprocess.run(
        [
            str(_python(venv)),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "-q",
            str(roue),
        ],
        capture_output=True,
        text=True,
        cwd=venv.parent,
        env=_environnement(),
    )
    assert installation.returncode == 0, installation.stdout + installation.stderr
    return venv


def _python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _environnement() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "CONTENTIEUX_REGLES"}}


@pytest.mark.lent
def test_la_roue_s_installe_et_charge_ses_regles_hors_du_depot(
    roue_installee: Path, tmp_path: Path
) -> None:
    """Installée dans un environnement neuf, la roue lit règles et exemples depuis sa copie."""
    venv = roue_installee
    environnement = _environnement()
    execution = subprocess.run(
        [str(_python(venv)), "-I", "-c", SCRIPT_VERIFICATION],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environnement,
    )
    assert execution.returncode == 0, execution.stdout + execution.stderr
    resultat = json.loads(execution.stdout.strip().splitlines()[-1])

    venv_reel = venv.resolve()
    for cle in ("fichier", "regles", "exemple"):
        chemin = Path(resultat[cle]).resolve()
        assert chemin.is_relative_to(venv_reel), (cle, chemin, resultat["chemins"])
        assert not chemin.is_relative_to(RACINE), (cle, chemin)
    assert Path(resultat["regles"]).parts[-2:] == ("_donnees", "regles")
    assert Path(resultat["exemple"]).parts[-4:] == ("_donnees", "exemples", "dossiers", "b2b.yaml")
    assert resultat["reference"] == "EX-B2B-2025-001"
    assert set(resultat["exemples"]) >= {"b2b", "commande_publique", "consommateur", "loyer"}

    # Le point d'entrée installé fonctionne aussi, depuis le même répertoire neutre.
    commande = venv / ("Scripts/contentieux.exe" if os.name == "nt" else "bin/contentieux")
    cli = subprocess.run(
        [str(commande), "regles", "--au", "2026-03-01", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environnement,
    )
    assert cli.returncode == 0, cli.stdout + cli.stderr
    valeurs = {v["identifiant"]: v for v in json.loads(cli.stdout)["valeurs"]}
    assert valeurs["interet_legal.autres"]["valeur"] == "2.62"


EMPREINTE = RACINE / "benchmarks" / "empreinte_decompte.py"


@pytest.mark.lent
def test_la_roue_est_en_pur_python(roue: Path) -> None:
    """Une roue ``py3-none-any`` : aucun module compilé ne peut masquer sa source."""
    assert roue.name.endswith("-py3-none-any.whl"), roue.name
    with zipfile.ZipFile(roue) as archive:
        noms = archive.namelist()
    assert not [n for n in noms if n.endswith((".so", ".pyd", ".c"))]
    assert "contentieux/interets/etat.py" in noms
    assert "contentieux/droit/imputation.py" in noms
    assert not (RACINE / "hatch_build.py").exists()


@pytest.mark.lent
def test_la_roue_installee_donne_les_memes_decomptes(roue_installee: Path, tmp_path: Path) -> None:
    """Les décomptes de la copie installée (règles et exemples embarqués) sont identiques à
    l'octet à ceux du dépôt : exemples, scénarios de ``tests/cas/decompte`` et dossiers du banc."""
    sonde = subprocess.run(
        [
            str(_python(roue_installee)),
            "-I",
            "-c",
            "import contentieux.interets.decompte as d; print(d.__file__)",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_environnement(),
    )
    assert sonde.returncode == 0, sonde.stderr
    fichier = Path(sonde.stdout.strip())
    assert fichier.resolve().is_relative_to(roue_installee.resolve()), fichier
    assert fichier.suffix == ".py"
    empreintes = {}
    for nom, python in (("depot", Path(sys.executable)), ("roue", _python(roue_installee))):
        execution = subprocess.run(
            [str(python), "-I", str(EMPREINTE), str(tmp_path / f"{nom}.txt"), "--n", "100"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=_environnement(),
        )
        assert execution.returncode == 0, execution.stdout + execution.stderr
        empreintes[nom] = execution.stdout.strip().splitlines()[-1]
    assert "sorties, sha256" in empreintes["depot"]
    assert empreintes["roue"] == empreintes["depot"]


# --- Dépendances honnêtes (issue 19, point 7) ------------------------------------------------


def _pyproject() -> dict[str, Any]:
    import tomllib

    with open(RACINE / "pyproject.toml", "rb") as fichier:
        return tomllib.load(fichier)


def _nom(exigence: str) -> str:
    """Nom normalisé (PEP 503) d'une exigence ``nom[extras]>=version``."""
    return re.sub(r"[-_.]+", "-", re.split(r"[\[<>=!~; ]", exigence, maxsplit=1)[0]).lower()


def _extras_d_usage() -> dict[str, list[str]]:
    """Les extras que ``contentieux[tout]`` regroupe, lus dans ``pyproject.toml``."""
    projet = _pyproject()["project"]
    (tout,) = projet["optional-dependencies"]["tout"]
    noms = re.fullmatch(r"contentieux\[([^\]]+)\]", tout)
    assert noms is not None
    return {e: projet["optional-dependencies"][e] for e in noms.group(1).split(",")}


def _imports_du_code() -> dict[str, set[str]]:
    """Module tiers de premier niveau → fichiers de ``contentieux/`` qui l'importent (``import``,
    ``from … import`` et ``importlib.import_module("…")``)."""
    import ast

    trouves: dict[str, set[str]] = {}
    for fichier in (RACINE / "contentieux").rglob("*.py"):
        source = fichier.read_text(encoding="utf-8")
        noms: list[str] = re.findall(r'import_module\("([A-Za-z_][\w.]*)"', source)
        for noeud in ast.walk(ast.parse(source)):
            if isinstance(noeud, ast.Import):
                noms += [alias.name for alias in noeud.names]
            elif isinstance(noeud, ast.ImportFrom) and noeud.level == 0 and noeud.module:
                noms.append(noeud.module)
        for nom in noms:
            racine = nom.split(".")[0]
            if racine not in sys.stdlib_module_names and racine != "contentieux":
                trouves.setdefault(racine, set()).add(fichier.relative_to(RACINE).as_posix())
    return trouves


def test_ce_qui_est_importe_est_declare_et_ce_qui_est_declare_est_importe() -> None:
    """Chaque module tiers importé vient d'une distribution déclarée (base ou extra d'usage), et
    chaque distribution déclarée est importée par le code (``python-dateutil`` l'est pour
    l'arithmétique des mois, CPC 641 al. 2). ``typer._click`` compte pour typer."""
    from importlib import metadata

    distributions = metadata.packages_distributions()
    projet = _pyproject()["project"]
    declarees = {_nom(e) for e in projet["dependencies"]}
    for exigences in _extras_d_usage().values():
        declarees |= {_nom(e) for e in exigences}
    importees: dict[str, set[str]] = {}
    for module, fichiers in _imports_du_code().items():
        (distribution,) = distributions[module]
        importees.setdefault(_nom(distribution), set()).update(fichiers)
    assert set(importees) - declarees == set(), {
        d: importees[d] for d in set(importees) - declarees
    }
    assert declarees - set(importees) == set()
    assert "python-dateutil" in importees and "jinja2" in importees


def test_les_conseils_d_installation_suivent_les_metadonnees() -> None:
    """Pour chaque distribution de chaque extra (lu dans ``pyproject.toml``), le module qu'elle
    apporte est rattaché à cet extra par :mod:`contentieux.extras` (lu, lui, dans les métadonnées
    installées) ; le message de la CLI le dit."""
    from importlib import metadata

    from contentieux.cli import commun
    from contentieux.extras import extras_du_module, extras_du_paquet

    modules_de: dict[str, set[str]] = {}
    for module, distributions in metadata.packages_distributions().items():
        for distribution in distributions:
            modules_de.setdefault(_nom(distribution), set()).add(module)
    usage = _extras_d_usage()
    assert set(extras_du_paquet()) == set(usage)
    for extra, exigences in usage.items():
        for exigence in exigences:
            modules = {m for m in modules_de[_nom(exigence)] if not m.startswith("_")}
            assert modules, exigence
            for module in modules:
                assert extra in extras_du_module(module), (extra, exigence, module)
    manque = ModuleNotFoundError("No module named 'pygal'", name="pygal")
    assert "pip install 'contentieux[pilotage]'" in commun.decrire_erreur(manque)["message"]


COMMANDES_EXTRAS: dict[str, tuple[str, ...]] = {
    "pdf": ("generer", "mise_en_demeure", "{b2b}", "--au", "2026-03-01", "-o", "{sortie}"),
    "docx": ("generer", "mise_en_demeure", "{b2b}", "--au", "2026-03-01", "--format", "docx",
             "-o", "{sortie}"),
    "signature": ("signer", "{pdf}", "--p12", "{p12}", "-o", "{sortie}/signe.pdf"),
    "dask": ("lot", "{lot}", "--au", "2026-03-01", "--format", "json", "--dask", "local",
             "--workers", "1", "-o", "{sortie}"),
    "pilotage": ("pilotage", "{lot}", "--au", "2026-03-01", "--html", "{sortie}/rapport.html"),
    "factures": ("importer", "{facture}", "-o", "{sortie}/dossier.yaml"),
    "serveur": ("serveur", "--port", "{port}", "--workers", "1"),
}  # fmt: skip
"""La commande que chaque extra permet (``pyproject.toml`` : ``contentieux[tout]``)."""

AUTRE_EXTRA = {
    "pdf": "docx", "docx": "pdf", "signature": "pdf", "dask": "pdf", "pilotage": "pdf",
    "factures": "docx", "serveur": "pdf",
}  # fmt: skip
"""Un extra absent de l'environnement : sa commande échoue (code 8) en nommant cet extra."""


def test_chaque_extra_a_sa_commande() -> None:
    assert set(COMMANDES_EXTRAS) == set(_extras_d_usage())


@pytest.fixture(scope="module")
def fichiers_extras(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Entrées des commandes : un dossier, un lot, un acte PDF (rendu par le dépôt) et un
    PKCS#12 de la PKI de test."""
    import datetime as dt

    from contentieux.actes import generer_acte
    from contentieux.exemples import chemin_exemple, dossier_exemple
    from tests.pki.pki import PkiDeTest

    dossier = tmp_path_factory.mktemp("entrees")
    pdf = dossier / "acte.pdf"
    pdf.write_bytes(
        generer_acte("relance", dossier_exemple("b2b"), au=dt.date(2026, 3, 1)).contenu
    )
    (dossier / "pki").mkdir()
    pki = PkiDeTest.demarrer(dossier / "pki")
    try:
        yield {
            "b2b": str(chemin_exemple("b2b")),
            "lot": str(RACINE / "exemples" / "lots" / "dossiers.jsonl"),
            "pdf": str(pdf),
            "p12": str(pki.p12("creancier")),
            "facture": str(RACINE / "exemples" / "factures" / "F-2026-001.xml"),
        }
    finally:
        pki.arreter()


@pytest.mark.lent
@pytest.mark.parametrize("extra", sorted(COMMANDES_EXTRAS))
def test_chaque_extra_seul_permet_sa_commande(
    extra: str,
    roue: Path,
    fichiers_extras: dict[str, str],
    tmp_path: Path,
) -> None:
    """Un environnement neuf par extra (la roue construite une fois, ``roue[extra]``, index et
    cache de pip) : la commande que l'extra permet réussit ; celle d'un autre extra échoue avec
    le code 8 et le conseil tiré des métadonnées de la roue installée."""
    from tests.pki.pki import MOT_DE_PASSE

    venv = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    installation = subprocess.run(
        [str(_python(venv)), "-m", "pip", "install", "--disable-pip-version-check", "-q",
         f"{roue}[{extra}]"],
        capture_output=True, text=True, cwd=tmp_path, env=_environnement(),
    )  # fmt: skip
    assert installation.returncode == 0, installation.stdout + installation.stderr
    commande = venv / ("Scripts/contentieux.exe" if os.name == "nt" else "bin/contentieux")
    sortie = tmp_path / "sortie"
    sortie.mkdir()
    valeurs = {**fichiers_extras, "sortie": str(sortie), "port": str(_port_libre())}
    env = {**_environnement(), "CONTENTIEUX_P12_MOT_DE_PASSE": MOT_DE_PASSE, "COLUMNS": "200"}
    if extra == "serveur":
        _servir_puis_arreter(
            [str(commande), *(a.format(**valeurs) for a in COMMANDES_EXTRAS[extra])],
            int(valeurs["port"]), cwd=tmp_path, env=env,
        )  # fmt: skip
    else:
        _executer_et_verifier(extra, commande, valeurs, sortie, tmp_path, env)
    autre = AUTRE_EXTRA[extra]
    manque = subprocess.run(
        [str(commande), *(a.format(**valeurs) for a in COMMANDES_EXTRAS[autre])],
        capture_output=True, text=True, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert manque.returncode == 8, manque.stdout + manque.stderr
    assert f"pip install 'contentieux[{autre}]'" in manque.stderr.replace("\n", " ")


def _port_libre() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _servir_puis_arreter(
    commande: list[str], port: int, *, cwd: Path, env: dict[str, str]
) -> None:
    """Le service démarre (``/sante`` répond 200 sur 127.0.0.1), puis s'arrête proprement sur
    SIGTERM (code 0). Boucle bornée : 60 essais d'une demi-seconde au plus."""
    import signal
    import time
    import urllib.request

    processus = subprocess.Popen(
        commande, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        for _ in range(60):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/sante", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert processus.poll() is None, processus.communicate()
                time.sleep(0.5)
        else:
            raise AssertionError("le service n'a pas répondu sur /sante")
    finally:
        processus.send_signal(signal.SIGTERM)
        sortie, erreurs = processus.communicate(timeout=60)
    assert processus.returncode == 0, sortie + erreurs


def _executer_et_verifier(
    extra: str, commande: Path, valeurs: dict[str, str], sortie: Path, tmp_path: Path,
    env: dict[str, str],
) -> None:
    """La commande que l'extra permet réussit et écrit le fichier attendu."""
    resultat = subprocess.run(
        [str(commande), *(a.format(**valeurs) for a in COMMANDES_EXTRAS[extra])],
        capture_output=True, text=True, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    produits = sorted(p.name for p in sortie.rglob("*") if p.is_file())
    attendus = {
        "pdf": "EX-B2B-2025-001_mise_en_demeure.pdf",
        "docx": "EX-B2B-2025-001_mise_en_demeure.docx",
        "signature": "signe.pdf",
        "dask": "manifeste.jsonl",
        "pilotage": "rapport.html",
        "factures": "dossier.yaml",
    }
    assert attendus[extra] in produits, produits
    if extra == "pdf":
        # Les polices de l'acte sont celles de la roue installée (Liberation 2.1.5 livrée).
        from tests.test_polices import polices_embarquees

        polices = polices_embarquees((sortie / attendus["pdf"]).read_bytes())
        assert {v for _, v in polices.values()} == {"Version 2.1.5"}


# Les dépendances de rendu : leurs objets sont lus de près (boîtes de WeasyPrint, champs et
# signatures de pyHanko, pages de pypdf, gabarits docxtpl, graphiques pygal), une version suivante
# s'admet après ses tests, par une borne haute relevée.
DEPENDANCES_DE_RENDU = {
    "weasyprint", "pypdf", "fonttools", "jinja2", "docxtpl", "python-docx", "pyhanko",
    "pyhanko-certvalidator", "pygal",
}  # fmt: skip


def test_chaque_dependance_de_rendu_a_une_borne_haute() -> None:
    from packaging.requirements import Requirement

    vues: set[str] = set()
    sans_borne = []
    for extra, exigences in _pyproject()["project"]["optional-dependencies"].items():
        for texte in exigences:
            exigence = Requirement(texte)
            nom = _nom(texte)
            if nom not in DEPENDANCES_DE_RENDU:
                continue
            vues.add(nom)
            if not any(s.operator in {"<", "<=", "~=", "=="} for s in exigence.specifier):
                sans_borne.append(f"{extra} : {texte}")
    assert vues == DEPENDANCES_DE_RENDU
    assert sans_borne == []
