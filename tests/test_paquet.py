"""Le paquet : import léger, et roue installable qui embarque ses données (règles, exemples).

Le test de la roue (marqué ``lent``) construit la roue, l'installe dans un environnement virtuel
neuf hors du dépôt, et y charge les règles et un dossier d'exemple depuis la copie installée.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

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
    """Environnement virtuel neuf, hors du dépôt, où la roue est installée ; rend son dossier.

    L'environnement voit les paquets du système (pydantic, PyYAML… : pas de réseau) ; or le
    système a peut-être ``contentieux`` installé en mode éditable (un ``.pth`` qui ajoute le
    dépôt à ``sys.path``). Les tests vérifient donc que c'est bien la copie installée qui est
    importée : ``-I`` (ni répertoire courant, ni PYTHONPATH, ni site de l'utilisateur),
    répertoire courant hors du dépôt, et assertion sur les ``__file__``.
    """
    venv = tmp_path_factory.mktemp("installation") / "env"
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", str(venv)],
        check=True,
        capture_output=True,
    )
    installation = subprocess.run(
        [
            str(_python(venv)),
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--ignore-installed",
            "--disable-pip-version-check",
            "-q",
            str(roue),
        ],
        capture_output=True,
        text=True,
        cwd=venv.parent,
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
def test_la_roue_compile_le_decompte_sans_changer_un_octet(
    roue_installee: Path, tmp_path: Path
) -> None:
    """La roue embarque le moteur du décompte compilé par mypyc (voir ``hatch_build.py``), et
    ses décomptes sont identiques à l'octet à ceux du code source en pur Python : exemples,
    scénarios de ``tests/cas/decompte`` et dossiers du banc d'essai, sous toutes les options."""
    sonde = subprocess.run(
        [
            str(_python(roue_installee)),
            "-I",
            "-c",
            "import contentieux.interets.etat as e, contentieux.interets.decompte as d; "
            "print(e.__file__); print(d.__file__)",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_environnement(),
    )
    assert sonde.returncode == 0, sonde.stderr
    for fichier in sonde.stdout.split():
        assert Path(fichier).resolve().is_relative_to(roue_installee.resolve()), fichier
        if not os.environ.get("CONTENTIEUX_SANS_COMPILATION"):
            assert fichier.endswith((".so", ".pyd")), f"module non compilé : {fichier}"

    import contentieux.interets.etat

    # Les tests tournent sur l'installation éditable (commande du README) : le code source.
    assert str(contentieux.interets.etat.__file__).endswith(".py")
    empreintes = {}
    for nom, python in (("pur", Path(sys.executable)), ("roue", _python(roue_installee))):
        execution = subprocess.run(
            [str(python), "-I", str(EMPREINTE), str(tmp_path / f"{nom}.txt"), "--n", "150"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=_environnement(),
        )
        assert execution.returncode == 0, execution.stdout + execution.stderr
        empreintes[nom] = execution.stdout.strip().splitlines()[-1]
    assert "sorties, sha256" in empreintes["pur"]
    assert empreintes["roue"] == empreintes["pur"]


@pytest.mark.lent
@pytest.mark.parametrize(
    ("environnement", "message"),
    [
        (
            {"CONTENTIEUX_SANS_COMPILATION": "1"},
            "CONTENTIEUX_SANS_COMPILATION : roue en pur Python",
        ),
        ({"CC": "false"}, "compilation mypyc impossible, roue en pur Python"),
    ],
    ids=["sur-demande", "sans-compilateur"],
)
def test_roue_en_pur_python_si_la_compilation_est_refusee_ou_impossible(
    tmp_path: Path, environnement: dict[str, str], message: str
) -> None:
    """Sans compilation (demandée, ou faute de compilateur C), la roue se construit quand même,
    en pur Python, et le dit ; le dépôt ne garde aucun fichier de la tentative."""
    roue = _construire_roue(tmp_path, environnement)
    assert roue.name.endswith("-py3-none-any.whl"), roue.name
    with zipfile.ZipFile(roue) as archive:
        noms = archive.namelist()
    assert not [n for n in noms if n.endswith((".so", ".pyd"))]
    assert "contentieux/interets/etat.py" in noms
    assert message in (tmp_path / "journal.txt").read_text(encoding="utf-8")
    restes = [*RACINE.glob("*__mypyc*"), *(RACINE / "contentieux").rglob("*.so")]
    assert not restes and not (RACINE / "pyproject.toml.bak").exists(), restes
