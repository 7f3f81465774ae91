"""La commande comme interface : tout en français, erreurs en JSON, codes de sortie, données
échappées, jamais de trace Python, rapports lisibles à 80 colonnes, API Python."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.main import get_command
from typer.testing import CliRunner

import contentieux
from contentieux.cli import app
from contentieux.cli import commun as cli_commun
from contentieux.exemples import chemin_exemple, dossier_exemple, noms_exemples

runner = CliRunner()
AU = "2026-06-30"


class Mode(enum.StrEnum):
    """Énumération d'essai pour une commande ajoutée par une autre couche."""

    brouillon = "brouillon"
    definitif = "definitif"


def _lancer(*args: str, colonnes: int = 80) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), env={"COLUMNS": str(colonnes)})
    return r.exit_code, r.stdout, r.stderr


# --- tout en français ---------------------------------------------------------------------------

# Textes anglais de Click et de Typer (messages, titres de l'aide, types d'options).
ANGLAIS = [
    "Usage:",
    "Show this message",
    "Missing option",
    "Missing argument",
    "Missing parameter",
    "No such option",
    "No such command",
    "Did you mean",
    "Invalid value",
    "Error",
    "Try '",
    "for help",
    "Options ─",  # titre anglais identique au français : contrôlé via « Commands »
    "Commands",
    "Arguments ─ ",
    "[default:",
    "[required]",
    "[env var:",
    "<bool>",
    "<str>",
    "<int>",
    "<path>",
    "Input should",
    "requires an argument",
    "Got unexpected",
    "Aborted",
    "Traceback",
]
ANGLAIS_STRICTS = [a for a in ANGLAIS if a not in {"Options ─", "Arguments ─ "}]


def _commandes() -> list[list[str]]:
    groupe = get_command(app)
    chemins: list[list[str]] = [[]]

    def parcourir(commande: Any, prefixe: list[str]) -> None:
        for nom, sous in getattr(commande, "commands", {}).items():
            chemins.append([*prefixe, nom])
            parcourir(sous, [*prefixe, nom])

    parcourir(groupe, [])
    return chemins


def _sans_anglais(texte: str) -> None:
    for mot in ANGLAIS_STRICTS:
        assert mot not in texte, (mot, texte)


@pytest.mark.parametrize("chemin", _commandes(), ids=lambda c: " ".join(c) or "contentieux")
def test_aide_de_chaque_commande_en_francais(chemin: list[str]) -> None:
    code, sortie, erreur = _lancer(*chemin, "--help", colonnes=120)
    assert code == 0, erreur
    _sans_anglais(sortie + erreur)
    assert "Utilisation :" in sortie
    assert "Affiche cette aide et quitte." in sortie


@pytest.mark.parametrize("chemin", [c for c in _commandes() if c], ids=" ".join)
def test_erreurs_d_utilisation_de_chaque_commande_en_francais(chemin: list[str]) -> None:
    code, sortie, erreur = _lancer(*chemin, "--option-qui-n-existe-pas", colonnes=120)
    assert code == 2
    _sans_anglais(sortie + erreur)
    assert "option inconnue : --option-qui-n-existe-pas" in erreur


@pytest.mark.parametrize(
    ("args", "attendu"),
    [
        (["lot", "x.jsonl"], "option obligatoire absente : --sortie"),
        (["decompte"], "argument obligatoire absent : DOSSIER"),
        (["decompot"], "commande inconnue : decompot ; vouliez-vous dire decompte"),
        (["verifier", "x.yaml", "--au", AU, "--marge-prescription", "abc"], "nombre entier"),
        (["verifier", "x.yaml", "--au", AU, "--marge-prescription", "-3"], "au moins 0"),
        (["decompte", "x.yaml", "--au"], "l'option --au attend une valeur"),
        (["schema", "en-trop"], "argument(s) en trop : en-trop"),
    ],
)
def test_erreurs_d_utilisation_traduites(args: list[str], attendu: str) -> None:
    code, sortie, erreur = _lancer(*args, colonnes=200)
    assert code == 2
    assert attendu in erreur
    _sans_anglais(sortie + erreur)


def test_sans_argument_l_aide_s_affiche_en_francais() -> None:
    code, sortie, erreur = _lancer()
    assert code == 2
    assert "Commandes" in sortie
    _sans_anglais(sortie + erreur)


# --- --json et codes de sortie ------------------------------------------------------------------


def _erreur_json(*args: str) -> tuple[int, dict[str, Any]]:
    code, sortie, _ = _lancer(*args, "--json")
    return code, json.loads(sortie)


def test_json_erreur_d_utilisation() -> None:
    code, donnees = _erreur_json("decompte")
    assert code == 2
    assert donnees == {
        "code": "utilisation_invalide",
        "message": "argument obligatoire absent : DOSSIER",
        "champ": "DOSSIER",
        "sortie": 2,
    }


def test_json_date_invalide() -> None:
    code, donnees = _erreur_json("decompte", str(chemin_exemple("b2b")), "--au", "2026-13-01")
    assert code == 2
    assert donnees["code"] == "utilisation_invalide" and donnees["champ"] == "--au"


def test_json_fichier_absent(tmp_path: Path) -> None:
    code, donnees = _erreur_json("valider", str(tmp_path / "absent.yaml"))
    assert code == 3
    assert donnees["code"] == "donnees_invalides"
    assert "fichier introuvable" in donnees["message"]


def test_json_donnees_invalides_nomme_le_champ(tmp_path: Path) -> None:
    donnees_dossier = yaml.safe_load(chemin_exemple("b2b").read_text(encoding="utf-8"))
    donnees_dossier["creances"][0]["factures"][0]["montant_ttc"] = "douze"
    fichier = tmp_path / "d.yaml"
    fichier.write_text(yaml.safe_dump(donnees_dossier, allow_unicode=True), encoding="utf-8")
    code, donnees = _erreur_json("decompte", str(fichier), "--au", AU)
    assert code == 3
    assert donnees["code"] == "donnees_invalides"
    assert "montant_ttc" in donnees["message"]
    assert donnees["champ"] == "creances[0].factures[0].montant_ttc"
    assert donnees["erreurs"][0].startswith("creances[0].factures[0].montant_ttc : ")


def test_json_regle_non_couverte() -> None:
    code, donnees = _erreur_json("decompte", str(chemin_exemple("b2b")), "--au", "2026-12-01")
    assert code == 4
    assert donnees["code"] == "regle_non_couverte"
    assert [m["semestre"] for m in donnees["manquantes"]] == ["2026-S2"]
    assert "2026-07-01" in donnees["message"]


def test_codes_de_sortie_documentes() -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    for code, sens in cli_commun.CODES_SORTIE.items():
        assert f"| {code} |" in page, code
        assert sens.split(" (")[0] in page, sens


# --- jamais de trace Python ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exception", "code_attendu", "code_sortie"),
    [
        (RecursionError("maximum recursion depth exceeded"), "imbrication_excessive", 3),
        (MemoryError(), "memoire_insuffisante", 3),
        (decimal.InvalidOperation([decimal.InvalidOperation]), "calcul_impossible", 3),
        (KeyError("x"), "erreur_interne", 1),
        (PermissionError(13, "Permission denied", "d.yaml"), "fichier_inaccessible", 5),
    ],
)
def test_aucune_trace_python(
    monkeypatch: pytest.MonkeyPatch, exception: BaseException, code_attendu: str, code_sortie: int
) -> None:
    def lever(_chemin: Any) -> Any:
        raise exception

    monkeypatch.setattr("contentieux.lecture.lire_dossier", lever)
    for json_ in (False, True):
        args = ["decompte", "d.yaml", "--au", AU] + (["--json"] if json_ else [])
        r = runner.invoke(app, args)
        assert r.exit_code == code_sortie
        assert "Traceback" not in r.stdout + r.stderr
        if json_:
            assert json.loads(r.stdout)["code"] == code_attendu
        else:
            assert r.stderr.strip()


def test_surcouche_mal_formee_sans_trace(tmp_path: Path) -> None:
    (tmp_path / "interet_legal.yaml").write_text("autres: [non fermé\n", encoding="utf-8")
    code, sortie, erreur = _lancer(
        "decompte", str(chemin_exemple("b2b")), "--au", AU, "--regles", str(tmp_path)
    )
    assert code != 0
    assert "Traceback" not in sortie + erreur
    assert erreur.strip()


# --- données échappées --------------------------------------------------------------------------

HOSTILES = ["Dupont [sarl] Paris", "X [/x]", "[bold]Gras[/bold]", "a ] b [ c", "[/]"]


@pytest.mark.parametrize("hostile", HOSTILES)
def test_texte_du_dossier_affiche_tel_quel(tmp_path: Path, hostile: str) -> None:
    donnees = yaml.safe_load(chemin_exemple("b2b").read_text(encoding="utf-8"))
    donnees["reference"] = f"REF {hostile}"
    donnees["creancier"]["denomination"] = hostile
    donnees["debiteurs"][0]["denomination"] = f"Débiteur {hostile}"
    donnees["creances"][0]["reference"] = f"C {hostile}"
    donnees["creances"][0]["factures"][0]["numero"] = f"F {hostile}"
    fichier = tmp_path / "hostile.yaml"
    fichier.write_text(yaml.safe_dump(donnees, allow_unicode=True), encoding="utf-8")
    for args in (
        ["valider", str(fichier)],
        ["decompte", str(fichier), "--au", AU],
        ["verifier", str(fichier), "--au", AU],
    ):
        code, sortie, erreur = _lancer(*args, colonnes=200)
        assert code == 0, (args, erreur)
        assert "Traceback" not in sortie + erreur
        assert f"REF {hostile}" in sortie, args
    code, sortie, _ = _lancer("valider", str(fichier), colonnes=200)
    assert hostile in sortie and f"Débiteur {hostile}" in sortie
    code, sortie, _ = _lancer("decompte", str(fichier), "--au", AU, colonnes=200)
    assert f"F {hostile}" in sortie
    # Et le JSON reste du JSON.
    code, sortie, _ = _lancer("decompte", str(fichier), "--au", AU, "--json")
    assert json.loads(sortie)["dossier"] == f"REF {hostile}"


def test_message_d_erreur_hostile_affiche_tel_quel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, erreur = _lancer("valider", "[bold]x[/x].yaml")
    assert code == 3
    assert "[bold]x[/x].yaml" in erreur
    code, sortie, _ = _lancer("valider", "[bold]x[/x].yaml", "--json")
    assert "[bold]x[/x].yaml" in json.loads(sortie)["message"]


# --- lisible à 80 colonnes ----------------------------------------------------------------------


def _dossier_enorme(tmp_path: Path) -> Path:
    donnees = yaml.safe_load(chemin_exemple("b2b").read_text(encoding="utf-8"))
    for i, facture in enumerate(donnees["creances"][0]["factures"]):
        facture["montant_ttc"] = f"98765432109876{i}.99"
    fichier = tmp_path / "enorme.yaml"
    fichier.write_text(yaml.safe_dump(donnees, allow_unicode=True), encoding="utf-8")
    return fichier


@pytest.mark.parametrize("commande", ["decompte", "verifier"])
@pytest.mark.parametrize("enorme", [False, True])
def test_rapport_a_80_colonnes(tmp_path: Path, commande: str, enorme: bool) -> None:
    from contentieux.francais import formater_date, formater_montant

    fichier = _dossier_enorme(tmp_path) if enorme else chemin_exemple("b2b")
    code, sortie, erreur = _lancer(commande, str(fichier), "--au", AU, colonnes=80)
    assert code == 0, erreur
    assert "\x1b[" not in sortie  # hors terminal : aucun code de couleur
    for ligne in sortie.splitlines():
        assert len(ligne) <= 80, ligne
    _, brut, _ = _lancer(commande, str(fichier), "--au", AU, "--json")
    donnees = json.loads(brut)
    if commande == "decompte":
        # Chaque montant et chaque date de chaque ligne figurent entiers, sur une même ligne.
        for li in donnees["lignes"]:
            assert formater_montant(decimal.Decimal(li["montant"])) in sortie
            assert formater_montant(decimal.Decimal(li["base"])) in sortie
            assert formater_date(dt.date.fromisoformat(li["au"])) in sortie
        total = formater_montant(decimal.Decimal(donnees["total"]))
        assert re.search("TOTAL RESTANT DÛ +" + re.escape(total), sortie)
        assert not re.search(r"\d{2}/\d{2}/\d{2,4}", sortie)  # une seule écriture des dates
    else:
        for etape in donnees["calendrier"]:
            if etape["date"]:
                assert formater_date(dt.date.fromisoformat(etape["date"])) in sortie
        exigible = donnees["principal_exigible_non_prescrit"]
        assert formater_montant(decimal.Decimal(exigible)) in sortie
    if enorme:
        assert re.search(r"\d(?:\u202f\d{3}){5},\d{2}\xa0€", sortie)


def test_une_seule_ecriture_des_dates_dans_le_decompte() -> None:
    code, sortie, _ = _lancer("decompte", str(chemin_exemple("b2b")), "--au", AU)
    assert code == 0
    assert "au 30 juin 2026" in sortie
    assert "du 1er mai 2025 au 30 juin 2025" in sortie
    assert not re.search(r"\b\d{2}/\d{2}/\d{2}\b", sortie)


def test_avertissement_quand_au_precede_les_factures() -> None:
    code, _, erreur = _lancer("decompte", str(chemin_exemple("b2b")), "--au", "2024-01-01")
    assert code == 0
    assert "précède toutes les factures" in erreur
    code, _, erreur = _lancer("verifier", str(chemin_exemple("b2b")), "--au", "2025-03-01")
    assert "précède certaines factures" in erreur


def test_recevabilite_distingue_les_deux_principaux() -> None:
    from contentieux.presentation import (
        LIBELLE_PRINCIPAL_EXIGIBLE,
        LIBELLE_PRINCIPAL_IMPAYE,
        LIBELLE_PRINCIPAL_RESTANT,
    )

    libelles = {LIBELLE_PRINCIPAL_EXIGIBLE, LIBELLE_PRINCIPAL_IMPAYE, LIBELLE_PRINCIPAL_RESTANT}
    assert len(libelles) == 3
    # Au 10 mai 2025, la facture F2025-052 (échue le 4 juin) n'est pas encore exigible.
    code, sortie, _ = _lancer("verifier", str(chemin_exemple("b2b")), "--au", "2025-05-10")
    assert code == 0
    assert LIBELLE_PRINCIPAL_IMPAYE in sortie and LIBELLE_PRINCIPAL_EXIGIBLE in sortie
    assert LIBELLE_PRINCIPAL_RESTANT not in sortie
    assert "La différence (1\u202f320,50\xa0€)" in sortie
    a_plat = " ".join(sortie.split())
    assert "non encore échues ou prescrites" in a_plat
    assert "C. civ. 1343-1" in a_plat
    code, decompte, _ = _lancer("decompte", str(chemin_exemple("b2b")), "--au", "2025-05-10")
    assert LIBELLE_PRINCIPAL_RESTANT in decompte
    assert LIBELLE_PRINCIPAL_EXIGIBLE not in decompte


# --- demo ---------------------------------------------------------------------------------------


@pytest.fixture
def etapes_demo() -> Iterator[Callable[..., None]]:
    """Remplace les étapes de la démonstration le temps d'un test : la vraie démonstration,
    longue, ne tourne qu'une fois pour toute la suite (fixture ``demo``)."""

    originales = list(cli_commun.ETAPES_DEMO)

    def installer(*etapes: Any) -> None:
        cli_commun.ETAPES_DEMO[:] = etapes

    yield installer
    cli_commun.ETAPES_DEMO[:] = originales


def test_demo_poursuit_apres_un_dossier_non_calculable(tmp_path: Path, etapes_demo: Any) -> None:
    from contentieux.cli.dossier import _demo_decompte

    etapes_demo(_demo_decompte)
    code, sortie, erreur = _lancer("demo", "--au", "2026-12-01", "-o", str(tmp_path / "d"))
    assert code == 4
    for nom in noms_exemples():
        assert f"Exemple « {nom} »" in sortie
    assert "regle_non_couverte (règle manquante : interet_legal." in erreur
    assert "Démonstration terminée avec" in sortie


def test_demo_donne_le_dossier_de_sortie_aux_etapes(tmp_path: Path, etapes_demo: Any) -> None:
    recus: list[tuple[str, dt.date, Path]] = []

    def etape(dossier: Any, date: dt.date, sortie: Path) -> None:
        recus.append((dossier.reference, date, sortie))

    etapes_demo(etape)
    code, _, erreur = _lancer("demo", "--sortie", str(tmp_path / "sortie"))
    assert code == 0, erreur
    assert len(recus) == len(noms_exemples())
    assert {s for _, _, s in recus} == {tmp_path / "sortie"}
    assert {d for _, d, _ in recus} == {cli_commun.DATE_DEMO}


def test_demo_sortie_par_defaut() -> None:
    assert Path("contentieux-demo") == cli_commun.SORTIE_DEMO


# --- exemple ------------------------------------------------------------------------------------


def test_exemple_liste_et_ecrit(tmp_path: Path) -> None:
    code, sortie, _ = _lancer("exemple", colonnes=200)
    assert code == 0
    for nom in noms_exemples():
        assert nom in sortie
    cible = tmp_path / "mon-dossier.yaml"
    code, _, erreur = _lancer("exemple", "loyer", "-o", str(cible))
    assert code == 0, erreur
    assert cible.read_text(encoding="utf-8") == chemin_exemple("loyer").read_text(encoding="utf-8")
    code, sortie, _ = _lancer("valider", str(cible))
    assert code == 0 and "Dossier valide" in sortie
    code, _, erreur = _lancer("exemple", "loyer", "-o", str(cible))
    assert code == 2 and "existe déjà" in erreur
    code, _, erreur = _lancer("exemple", "inconnu")
    assert code == 3 and "b2b" in erreur
    code, sortie, _ = _lancer("exemple", "b2b")
    assert yaml.safe_load(sortie)["reference"] == "EX-B2B-2025-001"


def test_messages_sans_fichier_du_depot() -> None:
    """Les messages de la commande ne renvoient pas à des fichiers du dépôt (docs/…)."""
    for args in (["exemple", "inconnu"], ["decompte", "x.yaml"], ["schema", "x"]):
        _, sortie, erreur = _lancer(*args, colonnes=200)
        assert "docs/" not in sortie + erreur


# --- depuis Python ------------------------------------------------------------------------------


def test_api_publique_depuis_le_sommet() -> None:
    noms = dir(contentieux)
    attendus = {
        "lire_dossier",
        "Dossier",
        "Decompte",
        "Recevabilite",
        "OptionsDecompte",
        "OptionsRecevabilite",
        "etablir_decompte",
        "verifier_recevabilite",
        "charger_regles",
        "ErreurContentieux",
        "RegleNonCouverte",
        "DonneesInvalides",
    }
    assert attendus <= set(noms)
    for nom in attendus:
        assert getattr(contentieux, nom) is not None
    from contentieux import Decompte, ErreurContentieux, RegleNonCouverte, lire_dossier

    assert issubclass(RegleNonCouverte, ErreurContentieux)
    assert callable(lire_dossier) and Decompte.__name__ == "Decompte"
    for nom in contentieux.__all__:  # chaque nom public se charge
        assert getattr(contentieux, nom) is not None, nom
    with pytest.raises(AttributeError, match="n'a pas d'attribut"):
        contentieux.inexistant  # noqa: B018


def test_import_leger_et_aide() -> None:
    code = (
        "import sys, contentieux, pydoc\n"
        "lourds = [m for m in ('pydantic', 'rich', 'typer', 'weasyprint', 'dask') "
        "if m in sys.modules]\n"
        "assert not lourds, lourds\n"
        "texte = pydoc.render_doc(contentieux, renderer=pydoc.plaintext)\n"
        "assert 'etablir_decompte' in texte and 'lire_dossier' in texte\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_str_du_decompte_et_du_rapport_egale_la_commande() -> None:
    dossier = dossier_exemple("b2b")
    au = dt.date(2026, 6, 30)
    decompte = contentieux.etablir_decompte(dossier, au=au)
    _, sortie, _ = _lancer("decompte", str(chemin_exemple("b2b")), "--au", AU, colonnes=80)
    assert sortie.rstrip("\n") == str(decompte)
    rapport = contentieux.verifier_recevabilite(dossier, au=au)
    _, sortie, _ = _lancer("verifier", str(chemin_exemple("b2b")), "--au", AU, colonnes=80)
    assert sortie.rstrip("\n") == str(rapport)
    assert "Verdict : recevable" in str(rapport)


def test_texte_des_regles_groupe_et_ecrit_en_francais() -> None:
    from contentieux.presentation import texte_regles
    from contentieux.regles import charger_regles

    jeu = charger_regles()
    au = dt.date(2026, 7, 1)
    valeurs, manquantes = jeu.en_vigueur(au=au)
    texte = texte_regles(valeurs, manquantes, au=au, version=jeu.version)
    assert texte.index("Intérêt légal\n") < texte.index("Prescription\n")
    a_plat = texte.replace("\u202f", " ").replace("\xa0", " ")
    assert "5 ans" in a_plat and "5 000 €" in a_plat and "10 points" in a_plat
    assert "! interet_legal.autres : aucune valeur connue" in texte
    for ligne in texte.splitlines():
        assert len(ligne) <= 80, ligne
        assert not ligne.lstrip().startswith((":", ";")), ligne


def test_schema_sans_exemples_de_code() -> None:
    code, sortie, _ = _lancer("schema")
    assert code == 0
    assert ">>>" not in sortie
    assert json.loads(sortie)["description"].startswith("Un dossier de recouvrement")


def test_echouer_garde_le_code_de_sortie_demande() -> None:
    from contentieux.erreurs import ErreurUtilisation

    with pytest.raises(ErreurUtilisation) as exc:
        cli_commun.echouer("--x : valeur refusée", champ="--x")
    assert cli_commun.code_sortie(exc.value) == 2
    assert cli_commun.decrire_erreur(exc.value) == {
        "code": "utilisation_invalide",
        "message": "--x : valeur refusée",
        "champ": "--x",
        "sortie": 2,
    }
    with pytest.raises(ErreurUtilisation) as exc:
        cli_commun.echouer("données refusées", code=3)
    assert cli_commun.code_sortie(exc.value) == 3


def test_une_commande_ajoutee_par_une_autre_couche_est_aussi_en_francais() -> None:
    """Un module qui ajoute sa commande (énumération, entier, drapeau) hérite du français."""
    autre = cli_commun.ApplicationContentieux(
        cls=cli_commun.GroupeContentieux,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @autre.command("produire")
    def produire(
        mode: Annotated[Mode, typer.Option("--mode", help="Mode.")] = Mode.brouillon,
        nombre: Annotated[int, typer.Option("--nombre", min=1, help="Combien.")] = 1,
        signer: Annotated[bool, typer.Option("--signer", help="Signer.")] = False,
    ) -> None:
        """Produit."""

    @autre.command("autre")
    def autre_commande() -> None:
        """Autre."""

    r = runner.invoke(autre, ["produire", "-h"])
    assert r.exit_code == 0
    _sans_anglais(r.stdout)
    r = runner.invoke(autre, ["produire", "--mode", "final"])
    assert r.exit_code == 2
    assert "choisissez parmi : brouillon, definitif" in r.stderr
    r = runner.invoke(autre, ["produire", "--nombre", "0"])
    assert r.exit_code == 2
    assert "--nombre : la valeur doit être au moins 1" in r.stderr
    _sans_anglais(r.stderr)


# --- essai à l'aveugle ----------------------------------------------------------------------------

_BASES = {
    nom: yaml.safe_load(chemin_exemple(nom).read_text(encoding="utf-8")) for nom in noms_exemples()
}
_VALEURS_HOSTILES: list[Any] = [
    None,
    "",
    "[/x]",
    -1,
    0,
    10**30,
    "99999999999999999999999999.99",
    True,
    [],
    {},
    "2026-13-01",
    "2026-02-30",
    1.5,
    "0.001",
    "NaN",
    "Infinity",
    [1],
    {"a": 1},
    "x" * 5000,
]


def _chemins(objet: Any, prefixe: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    trouves = [prefixe] if prefixe else []
    if isinstance(objet, dict):
        for cle, valeur in objet.items():
            trouves += _chemins(valeur, (*prefixe, cle))
    elif isinstance(objet, list):
        for i, valeur in enumerate(objet):
            trouves += _chemins(valeur, (*prefixe, i))
    return trouves


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(sorted(_BASES)),
    st.lists(st.tuples(st.integers(min_value=0), st.sampled_from(_VALEURS_HOSTILES)), max_size=3),
    st.sampled_from(["decompte", "verifier", "valider"]),
)
def test_un_dossier_abime_donne_une_erreur_documentee(
    nom: str, abimer: list[tuple[int, Any]], commande: str
) -> None:
    """Quel que soit le champ abîmé, la commande répond par un résultat ou une erreur
    documentée (JSON valide, code de sortie connu), jamais par une trace ni une erreur interne."""
    import copy
    import tempfile

    donnees = copy.deepcopy(_BASES[nom])
    chemins = _chemins(donnees)
    for rang, valeur in abimer:
        *parents, derniere = chemins[rang % len(chemins)]
        cible: Any = donnees
        try:
            for cle in parents:
                cible = cible[cle]
            cible[derniere] = valeur
        except (KeyError, IndexError, TypeError):
            continue
    with tempfile.TemporaryDirectory() as dossier:
        fichier = Path(dossier) / "d.json"
        fichier.write_text(json.dumps(donnees, default=str), encoding="utf-8")
        args = [commande, str(fichier), "--json"] + (["--au", AU] if commande != "valider" else [])
        r = runner.invoke(app, args)
    assert "Traceback" not in r.output
    assert r.exit_code in {0, 3, 4, 6}, r.output
    sortie = json.loads(r.stdout)
    if r.exit_code:
        assert set(sortie) <= {"code", "message", "champ", "erreurs", "manquantes", "sortie"}
        assert sortie["message"] and sortie["sortie"] == r.exit_code


def test_python_m_contentieux() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "contentieux", "decompte", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 2
    assert json.loads(r.stdout)["code"] == "utilisation_invalide"
    assert "Traceback" not in r.stderr


def test_version() -> None:
    code, sortie, _ = _lancer("--version")
    assert code == 0
    assert sortie.strip() == f"contentieux {contentieux.__version__}"


def test_demo_poursuit_apres_une_etape_defaillante(tmp_path: Path, etapes_demo: Any) -> None:
    """Une étape qui lève une erreur imprévue est signalée ; les autres dossiers sont traités."""
    vus: list[str] = []

    def defaillante(dossier: Any, date: dt.date, sortie: Path) -> None:
        vus.append(dossier.reference)
        raise ImportError("module absent")

    etapes_demo(defaillante)
    code, sortie, erreur = _lancer("demo", "-o", str(tmp_path))
    assert code == 1
    assert len(vus) == len(noms_exemples())
    assert "erreur_interne" in erreur and "Traceback" not in sortie + erreur


# --- couches optionnelles absentes --------------------------------------------------------------


def test_dependance_optionnelle_absente_dit_l_extra_a_installer() -> None:
    manque = ModuleNotFoundError("No module named 'weasyprint'", name="weasyprint")
    description = cli_commun.decrire_erreur(manque)
    assert description["code"] == "dependance_manquante"
    assert "pip install 'contentieux[pdf]'" in description["message"]
    assert cli_commun.code_sortie(manque) == cli_commun.SORTIE_DEPENDANCE == 8
    pango = OSError("cannot load library 'libgobject-2.0-0': error 0x7e")
    assert "libpango-1.0-0" in cli_commun.decrire_erreur(pango)["message"]
    # un module quelconque absent reste un défaut de la bibliothèque
    autre = ModuleNotFoundError("No module named 'inconnu'", name="inconnu")
    assert cli_commun.decrire_erreur(autre)["code"] == "erreur_interne"


def test_demo_saute_une_couche_non_installee_sans_echouer(tmp_path: Path, etapes_demo: Any) -> None:
    appels: list[str] = []

    def etape_sans_weasyprint(dossier: Any, date: dt.date, sortie: Path) -> None:
        appels.append(dossier.reference)
        raise ModuleNotFoundError("No module named 'weasyprint'", name="weasyprint")

    etapes = [e for e in cli_commun.ETAPES_DEMO if e.__module__ == "contentieux.cli.dossier"]
    etapes_demo(*etapes, etape_sans_weasyprint)
    code, sortie, _ = _lancer("demo", "-o", str(tmp_path), colonnes=120)
    assert code == 0, sortie
    assert len(appels) == 1  # sautée pour les dossiers suivants, signalée une fois à la fin
    assert "Non démontré : fonction optionnelle non installée" in sortie
    assert "contentieux[pdf]" in sortie
