"""Robustesse v2 (issue 23), côté entrées : lecture linéaire, une mauvaise ligne = une ligne
d'erreur, clés en double en JSON lines, liens symboliques vers l'extérieur d'un lot."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from contentieux.cli import app
from contentieux.erreurs import DonneesInvalides
from contentieux.exemples import chemin_exemple, dossier_exemple
from contentieux.lecture import _profondeur_json, lire_donnees
from contentieux.lots.entrees import lire_entree, lire_jsonl
from contentieux.lots.executer import executer_lot
from contentieux.lots.synthese import dossiers_synthetiques
from contentieux.lots.taches import TacheDecompte
from contentieux.modeles.limites import Limites

AU = dt.date(2026, 6, 30)


def guillemets_non_termines(octets: int) -> str:
    """Le texte hostile de l'issue : « "\\"\\"\\"… » jamais refermé, ``octets`` de long."""
    return '"' + '\\"' * (octets // 2)


# --- 1. lecture linéaire ---------------------------------------------------------------------


def _commandes(tmp_path: Path, hostile: Path) -> dict[str, list[str]]:
    lot = tmp_path / "lot"
    lot.mkdir()
    (lot / "a.json").write_bytes(hostile.read_bytes())
    jsonl = tmp_path / "lot.jsonl"
    jsonl.write_bytes(hostile.read_bytes() + b"\n")
    exemple = str(chemin_exemple("b2b"))
    return {
        "valider": ["valider", str(hostile)],
        "decompte": ["decompte", str(hostile), "--au", "2026-06-30"],
        "generer": ["generer", "relance", str(hostile), "--au", "2026-06-30", "-o", str(tmp_path)],
        "--parametres": [
            "generer", "relance", exemple, "--au", "2026-06-30", "--parametres", str(hostile),
            "-o", str(tmp_path / "g"),
        ],
        "lot (dossier)": [
            "lot", str(lot), "--au", "2026-06-30", "--actes", "decompte", "--format", "json",
            "-o", str(tmp_path / "s1"), "--workers", "1",
        ],
        "lot (jsonl)": [
            "lot", str(jsonl), "--au", "2026-06-30", "--actes", "decompte", "--format", "json",
            "-o", str(tmp_path / "s2"), "--workers", "1",
        ],
    }  # fmt: skip


@pytest.mark.parametrize(
    "chemin", ["valider", "decompte", "generer", "--parametres", "lot (dossier)", "lot (jsonl)"]
)
def test_un_mega_octet_de_guillemets_non_termines_refuse_par_chaque_chemin(
    tmp_path: Path, chemin: str
) -> None:
    """Avant : la pré-vérification de profondeur était quadratique (40 Ko : 149 s mesurées) ;
    1 Mo ne finissait pas. Le délai de 120 s est une garde contre le blocage, pas une mesure :
    le temps réel (≈ 1 s, démarrage compris) est suivi dans le test de linéarité ci-dessous."""
    hostile = tmp_path / "hostile.json"
    hostile.write_text(guillemets_non_termines(1_000_000), encoding="utf-8")
    commande = [sys.executable, "-m", "contentieux", *_commandes(tmp_path, hostile)[chemin]]
    fini = subprocess.run(commande, capture_output=True, text=True, timeout=120, check=False)
    sortie = fini.stdout + fini.stderr
    if chemin.startswith("lot"):
        assert fini.returncode == 7, sortie  # le lot va au bout, le dossier est en erreur
        manifeste = next((tmp_path).glob("s*/manifeste.jsonl")).read_text(encoding="utf-8")
        (ligne,) = [json.loads(t) for t in manifeste.splitlines()]
        assert ligne["statut"] == "erreur" and "JSON invalide" in ligne["motif"]
    else:
        assert fini.returncode == 3, sortie
        assert "JSON invalide" in sortie


def _duree_min(fonction: object, texte: str, essais: int = 5) -> float:
    durees = []
    for _ in range(essais):
        debut = time.perf_counter()
        fonction(texte)  # type: ignore[operator]
        durees.append(time.perf_counter() - debut)
    return min(durees)


def test_controle_de_profondeur_lineaire() -> None:
    """Preuve de linéarité par le rapport de deux tailles (pas de seuil de temps absolu) :
    quatre fois plus de texte, au plus huit fois plus de temps (un coût quadratique en
    donnerait seize). Mesuré sur les trois formes qui comptent : chaînes non terminées,
    chaînes fermées et crochets."""
    for tete, motif in (('"', '\\"'), ("[", '"a",'), ("", "[]")):
        petit, grand = tete + motif * 100_000, tete + motif * 400_000
        rapport = _duree_min(_profondeur_json, grand) / _duree_min(_profondeur_json, petit)
        assert rapport < 8, (motif, rapport)


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda enfants: (
            st.lists(enfants, max_size=3)
            | st.dictionaries(st.text(max_size=4), enfants, max_size=3)
        ),
        max_leaves=20,
    )
)
def test_profondeur_json_exacte(valeur: object) -> None:
    """Propriété : sur tout JSON valide (chaînes avec guillemets, barres obliques inverses et
    crochets compris), la profondeur comptée est celle de la structure."""

    def profondeur(v: object) -> int:
        if isinstance(v, list):
            return 1 + max((profondeur(e) for e in v), default=0)
        if isinstance(v, dict):
            return 1 + max((profondeur(e) for e in v.values()), default=0)
        return 0

    assert _profondeur_json(json.dumps(valeur))[0] == profondeur(valeur)


# --- 6. une mauvaise ligne = une ligne d'erreur ---------------------------------------------------


def _lignes_hostiles() -> dict[str, str]:
    bon = next(dossiers_synthetiques(1))
    return {
        "imbrication": json.dumps({**bon, "reference": "PROFOND", "x": [[[[[[[[[]]]]]]]]]}).replace(
            "[[[[[[[[[]]]]]]]]]", "[" * 5000 + "]" * 5000
        ),
        "entier": json.dumps({**bon, "reference": "ENTIER"})[:-1] + ', "n": ' + "9" * 5000 + "}",
        "doublon": json.dumps({**bon, "reference": "DOUBLE"})[:-1] + ', "reference": "AUTRE"}',
        "nan": json.dumps({**bon, "reference": "NAN"})[:-1] + ', "n": NaN}',
    }


def test_une_ligne_hostile_devient_une_ligne_erreur_et_le_lot_continue(tmp_path: Path) -> None:
    """Avant : une ligne trop imbriquée (RecursionError) ou un entier de 5 000 chiffres
    (ValueError) arrêtait tout le lot, manifeste vide ; une clé en double était acceptée (la
    dernière écrasait la première en silence)."""
    bons = list(dossiers_synthetiques(3))
    hostiles = _lignes_hostiles()
    lignes = [json.dumps(bons[0]), *hostiles.values(), json.dumps(bons[1]), json.dumps(bons[2])]
    entree = tmp_path / "lot.jsonl"
    entree.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    elements = list(lire_entree(entree))
    assert [e.est_valide for e in elements] == [True, False, False, False, False, True, True]
    motifs = [e.erreurs[0] for e in elements if not e.est_valide]
    assert "imbrication trop profonde" in motifs[0]
    assert "plus de 4 300 chiffres" in motifs[1]
    assert "clé « reference » en double" in motifs[2]
    assert "constante JSON « NaN » refusée" in motifs[3]
    bilan = executer_lot(
        entree, TacheDecompte(), au=AU, sortie=tmp_path / "s", executeur=_Immediat()
    )
    assert (bilan.total, bilan.ok, bilan.erreurs) == (7, 3, 4)
    manifeste = (tmp_path / "s" / "manifeste.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(manifeste) == 7


class _Immediat:
    """Exécuteur synchrone minimal (le calcul dans le fil courant)."""

    def submit(self, fonction, *args):  # type: ignore[no-untyped-def]
        import concurrent.futures as cf

        futur: cf.Future[object] = cf.Future()
        futur.set_result(fonction(*args))
        return futur

    def shutdown(self, **_: object) -> None:
        return None


def test_cles_en_double_refusees_en_json_lines_comme_dans_un_fichier(tmp_path: Path) -> None:
    texte = _lignes_hostiles()["doublon"]
    fichier = tmp_path / "d.json"
    fichier.write_text(texte, encoding="utf-8")
    with pytest.raises(DonneesInvalides) as seul:
        lire_donnees(fichier)
    (element,) = lire_jsonl([texte + "\n"], nom="lot.jsonl")
    assert not element.est_valide
    assert seul.value.message.split(" : ", 1)[1] == element.erreurs[0].split(" : ", 1)[1]


def test_ligne_trop_longue_refusee_sans_etre_gardee(tmp_path: Path) -> None:
    limites = Limites(taille_fichier=3000)
    bon = json.dumps(next(dossiers_synthetiques(1)))
    assert len(bon) < 3000
    entree = tmp_path / "l.jsonl"
    entree.write_text(bon + "\n" + '{"reference": "' + "x" * 5000 + '"}\n' + bon + "\n")
    with entree.open(encoding="utf-8") as flux:
        elements = list(lire_jsonl(flux, limites=limites))
    assert [e.ligne for e in elements] == [1, 2, 3]
    assert [e.est_valide for e in elements] == [True, False, True]
    assert "ligne de plus de 3000 caractères" in elements[1].erreurs[0]


def test_analyser_texte_entier_demesure_en_yaml_aussi() -> None:
    from contentieux.lecture import analyser_texte

    with pytest.raises(DonneesInvalides, match="plus de 4 300 chiffres"):
        analyser_texte("n: " + "9" * 5000, format="yaml", origine="d.yaml")


def test_exemple_toujours_lu() -> None:
    assert dossier_exemple("b2b").reference


# --- 2. rien écrit hors de -o ---------------------------------------------------------------------


def _dossier_reference(tmp_path: Path, reference: str) -> Path:
    donnees = json.loads(dossier_exemple("b2b").model_dump_json())
    donnees["reference"] = reference
    fichier = tmp_path / "dossier.json"
    fichier.write_text(json.dumps(donnees), encoding="utf-8")
    return fichier


def _fichiers(racine: Path) -> set[Path]:
    return {p for p in racine.rglob("*") if p.is_file()}


@pytest.mark.parametrize("reference", ["../../evade", "ABSOLU", "a/../../b"])
def test_generer_n_ecrit_que_sous_le_dossier_de_sortie(tmp_path: Path, reference: str) -> None:
    """Avant : le nom du fichier était la référence brute : « ../../evade » écrivait deux
    dossiers plus haut, un chemin absolu n'importe où."""
    from typer.testing import CliRunner

    from contentieux.cli import app

    if reference == "ABSOLU":
        reference = str(tmp_path / "ailleurs" / "evade")
        (tmp_path / "ailleurs").mkdir()
    sortie = tmp_path / "a" / "b" / "sortie"
    sortie.mkdir(parents=True)
    dossier = _dossier_reference(tmp_path, reference)
    avant = _fichiers(tmp_path)
    resultat = CliRunner().invoke(
        app,
        ["generer", "relance", str(dossier), "--au", "2026-06-30", "-o", str(sortie),
         "--format", "pdf,docx"],
    )  # fmt: skip
    assert resultat.exit_code == 0, resultat.output
    nouveaux = _fichiers(tmp_path) - avant
    assert len(nouveaux) == 2
    for fichier in nouveaux:
        assert fichier.parent == sortie, fichier
        assert not fichier.name.startswith(".")


def test_ecriture_ne_suit_aucun_lien_symbolique(tmp_path: Path) -> None:
    """Un lien posé d'avance au nom final ou aux noms des anciens fichiers temporaires (PID
    prévisible, « .partiel ») ne fait jamais écrire ailleurs."""
    import os

    from contentieux.ecriture import ecrire_atomique

    victime = tmp_path / "victime.txt"
    victime.write_text("intact", encoding="utf-8")
    sortie = tmp_path / "sortie"
    sortie.mkdir()
    for nom in (
        f".acte.pdf.{os.getpid()}.tmp",
        "acte.pdf.partiel",
        ".acte.pdf.tmp",
        "acte.pdf",
    ):
        (sortie / nom).symlink_to(victime)
    ecrire_atomique(sortie / "acte.pdf", b"%PDF")
    assert victime.read_text(encoding="utf-8") == "intact"
    assert (sortie / "acte.pdf").read_bytes() == b"%PDF"
    assert not (sortie / "acte.pdf").is_symlink()


def test_lot_dont_un_repertoire_est_un_lien_vers_ailleurs(tmp_path: Path) -> None:
    """Un répertoire de dossier remplacé par un lien vers l'extérieur : le dossier est en
    erreur, rien n'est écrit dehors, les autres dossiers sont produits."""
    ailleurs = tmp_path / "ailleurs"
    ailleurs.mkdir()
    sortie = tmp_path / "sortie"
    sortie.mkdir()
    (sortie / "LOT-0001").symlink_to(ailleurs, target_is_directory=True)
    entree = tmp_path / "lot.jsonl"
    entree.write_text("".join(json.dumps(d) + "\n" for d in dossiers_synthetiques(2)))
    bilan = executer_lot(entree, TacheDecompte(), au=AU, sortie=sortie, executeur=_Immediat())
    assert (bilan.ok, bilan.erreurs) == (1, 1)
    assert list(ailleurs.iterdir()) == []
    lignes = [json.loads(t) for t in (sortie / "manifeste.jsonl").read_text().splitlines()]
    erreur = next(e for e in lignes if e["statut"] == "erreur")
    assert erreur["reference"] == "LOT-0001" and "hors du dossier de sortie" in erreur["motif"]


def test_une_seule_fonction_d_ecriture_atomique() -> None:
    """``os.replace`` et les fichiers temporaires n'apparaissent que dans contentieux/ecriture.py :
    toute commande écrit par la même fonction sûre."""
    import contentieux

    racine = Path(contentieux.__file__).parent
    fautifs = [
        str(f.relative_to(racine))
        for f in racine.rglob("*.py")
        if f.name != "ecriture.py"
        and any(
            motif in f.read_text(encoding="utf-8")
            for motif in (
                "os.replace(",
                ".replace(chemin)",
                "mkstemp(",
                ".partiel",
                ".write_bytes(",
            )
        )
    ]
    assert fautifs == []


# --- 7. le manifeste est la vérité ----------------------------------------------------------------


def _lot(
    tmp_path: Path, lignes: list[dict[str, object]], nom: str = "s"
) -> list[dict[str, object]]:
    entree = tmp_path / "lot.jsonl"
    entree.write_text("".join(json.dumps(d) + "\n" for d in lignes), encoding="utf-8")
    sortie = tmp_path / nom
    executer_lot(entree, TacheDecompte(), au=AU, sortie=sortie, executeur=_Immediat())
    texte = (sortie / "manifeste.jsonl").read_text(encoding="utf-8")
    return [json.loads(t) for t in texte.splitlines()]


def test_reference_litterale_ligne_n_ne_prend_pas_la_cle_d_une_autre(tmp_path: Path) -> None:
    """Avant : « ligne 2 » écrit comme référence et la ligne 2 sans référence partageaient la clé
    « ligne 2 » : deux dossiers lus, une ligne au manifeste, qui changeait à chaque reprise."""
    a, b = dossiers_synthetiques(2)
    a["reference"] = "ligne 2"
    del b["reference"]
    premiere = _lot(tmp_path, [a, b])
    assert len(premiere) == 2 and len({e["cle"] for e in premiere}) == 2
    seconde = _lot(tmp_path, [a, b])
    assert sorted(e["cle"] for e in seconde) == sorted(e["cle"] for e in premiere)


def test_reference_egale_au_nom_de_repertoire_d_une_autre(tmp_path: Path) -> None:
    """Avant : « A/B » et « A_B-<empreinte> » (le nom de répertoire de la première) écrivaient
    dans le même répertoire : fichiers écrasés, SHA-256 du manifeste faux."""
    from contentieux.lots.manifeste import nom_de_dossier

    a, b = dossiers_synthetiques(2)
    a["reference"] = "A/B"
    b["reference"] = nom_de_dossier("A/B")
    b["creances"][0]["factures"][0]["montant_ttc"] = "1234.56"
    lignes = _lot(tmp_path, [a, b])
    assert [e["statut"] for e in lignes] == ["ok", "ok"]
    repertoires = {f["chemin"].split("/")[0] for e in lignes for f in e["fichiers"]}
    assert len(repertoires) == 2
    import hashlib

    for e in lignes:
        for f in e["fichiers"]:
            contenu = (tmp_path / "s" / f["chemin"]).read_bytes()
            assert hashlib.sha256(contenu).hexdigest() == f["sha256"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=5, unique=True))
def test_noms_de_repertoire_injectifs_meme_contre_leurs_propres_noms(refs: list[str]) -> None:
    """Propriété : des références distinctes, y compris les noms de répertoire produits pour
    d'autres références, donnent des répertoires distincts."""
    from contentieux.lots.manifeste import nom_de_dossier

    toutes = list(dict.fromkeys([*refs, *(nom_de_dossier(r) for r in refs)]))
    noms = [nom_de_dossier(r) for r in toutes]
    assert len(set(noms)) == len(noms)


def test_manifeste_temporaire_nettoye_apres_disque_plein(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    from contentieux.lots.manifeste import Manifeste

    _lot(tmp_path, list(dossiers_synthetiques(2)))
    manifeste = Manifeste(tmp_path / "s")
    avant = (tmp_path / "s" / "manifeste.jsonl").read_bytes()

    def plein(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", plein)
    with pytest.raises(OSError):
        manifeste.compacter()
    monkeypatch.undo()
    assert [p.name for p in (tmp_path / "s").iterdir() if p.name.endswith(".tmp")] == []
    assert (tmp_path / "s" / "manifeste.jsonl").read_bytes() == avant


# --- 8. aucun contrôle de terminal depuis les données ---------------------------------------------

ESC_EFFACE = "\x1b[2J\x1b[H"


def _invoquer(*args: str) -> tuple[int, str]:
    from typer.testing import CliRunner

    from contentieux.cli import app

    resultat = CliRunner().invoke(app, list(args))
    return resultat.exit_code, resultat.output


@pytest.mark.parametrize(
    ("champ", "caractere"),
    [("denomination", "\x1b"), ("denomination", "\x9b"), ("denomination", "\r"), ("cle", "\x1b")],
)
def test_valider_refuse_les_caracteres_de_controle_avec_le_champ(
    tmp_path: Path, champ: str, caractere: str
) -> None:
    """Avant : ESC, CSI (C1) ou retour chariot dans un nom passaient la validation et
    atteignaient le terminal (écran effacé, faux total affiché)."""
    donnees = json.loads(dossier_exemple("b2b").model_dump_json())
    if champ == "cle":
        donnees["debiteurs"][0][f"x{caractere}[2J"] = "1"
        attendu = "debiteurs[0].x\\x1b[2J"
    else:
        donnees["debiteurs"][0]["denomination"] += f"{caractere}[2JTotal : 0 €"
        attendu = "debiteurs[0].denomination"
    fichier = tmp_path / "d.json"
    fichier.write_text(json.dumps(donnees), encoding="utf-8")
    code, sortie = _invoquer("valider", str(fichier))
    assert code == 3, sortie
    assert attendu in sortie and "caractère de contrôle" in sortie
    assert not any(c in sortie for c in "\x1b\x9b\r")


def test_tabulation_et_saut_de_ligne_restent_permis(tmp_path: Path) -> None:
    donnees = json.loads(dossier_exemple("b2b").model_dump_json())
    donnees["creances"][0]["description"] = "Ligne 1\n\tLigne 2"
    from contentieux.lecture import valider_dossier

    assert valider_dossier(donnees).creances[0].description == "Ligne 1\n\tLigne 2"


def test_rien_d_imprime_ne_pilote_le_terminal(tmp_path: Path) -> None:
    """Un nom de fichier, un titre de panneau ou une cellule de tableau (Rich) : les caractères
    de contrôle venus des données sont retirés, les couleurs de Rich restent."""
    import io

    from rich.panel import Panel
    from rich.table import Table

    from contentieux.cli.commun import ConsoleSure

    tampon = io.StringIO()
    console = ConsoleSure(file=tampon, force_terminal=True, color_system="standard", width=80)
    table = Table(title=f"T{ESC_EFFACE}")
    table.add_column("a")
    table.add_row(f"x{ESC_EFFACE}\x9b2J")
    console.print(table)
    console.print(Panel("corps", title=f"[red]E[/]{ESC_EFFACE}"))
    console.print(f"[green]ok[/] {ESC_EFFACE}\x07")
    texte = tampon.getvalue()
    assert "\x1b[2J" not in texte and "\x1b[H" not in texte and "\x9b" not in texte
    assert "\x07" not in texte
    assert "\x1b[32m" in texte  # le vert de Rich passe

    code, sortie = _invoquer("valider", str(tmp_path / f"{ESC_EFFACE}absent.yaml"))
    assert code == 3 and "introuvable" in sortie and "\x1b" not in sortie


def test_sortie_json_sans_c1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from contentieux.cli.commun import afficher_json

    afficher_json({"nom": "a\x9b2J\x1b[H"})
    texte = capsys.readouterr().out
    assert "\x9b" not in texte and "\x1b" not in texte
    assert json.loads(texte) == {"nom": "a\x9b2J\x1b[H"}


@pytest.mark.parametrize("format_", ["pdf", "docx"])
def test_pdf_et_docx_refusent_pareil_un_controle_dans_les_parametres(
    tmp_path: Path, format_: str
) -> None:
    """Avant : le DOCX échouait en « erreur inattendue » (XML invalide) et le PDF passait."""
    parametres = tmp_path / "p.json"
    parametres.write_text(json.dumps({"lieu": f"Lyon{ESC_EFFACE}"}), encoding="utf-8")
    code, sortie = _invoquer(
        "generer", "relance", str(chemin_exemple("b2b")), "--au", "2026-06-30",
        "--parametres", str(parametres), "--format", format_, "-o", str(tmp_path / "s"),
    )  # fmt: skip
    assert code == 3, sortie
    assert "parametres.lieu" in sortie and "caractère de contrôle U+001B" in sortie
    assert not (tmp_path / "s").exists() or list((tmp_path / "s").iterdir()) == []


# --- 9. rendu borné -------------------------------------------------------------------------------


def _dossier_volumineux(factures: int, paiements: int) -> dict[str, object]:
    donnees = json.loads(dossier_exemple("b2b").model_dump_json())
    modele = donnees["creances"][0]["factures"][0]
    donnees["creances"][0]["factures"] = [
        {**modele, "numero": f"F{i:05d}", "montant_ttc": "100.00"} for i in range(factures)
    ]
    paiement = next(e for e in donnees["evenements"] if e["type"] == "paiement")
    autres = [e for e in donnees["evenements"] if e["type"] != "paiement"]
    donnees["evenements"] = [
        *autres,
        *({**paiement, "montant": "0.01"} for _ in range(paiements)),
    ]
    return donnees


def test_annexe_demesuree_refusee_avant_le_rendu(tmp_path: Path) -> None:
    """Une annexe de plus de 1 200 lignes (l'issue : 10 000 factures et 5 000 paiements, 3 339
    pages, 13 min, 5,6 Go) est refusée avant tout rendu, avec la limite à relever. Ici 1 300
    factures : le calcul du décompte de 10 000 factures et 5 000 paiements prend à lui seul
    plusieurs minutes (mesuré : 9 min), hors de la borne du rendu."""
    fichier = tmp_path / "gros.json"
    fichier.write_text(json.dumps(_dossier_volumineux(1_300, 0)), encoding="utf-8")
    code, sortie = _invoquer(
        "generer", "decompte", str(fichier), "--au", "2026-06-30", "-o", str(tmp_path / "s")
    )
    assert code == 3, sortie
    assert "Limites.lignes_acte" in " ".join(sortie.split())
    assert not (tmp_path / "s").exists() or list((tmp_path / "s").iterdir()) == []


def test_dix_mille_factures_refusees_avant_le_calcul(monkeypatch: pytest.MonkeyPatch) -> None:
    """Le scénario de l'issue (10 000 factures, 5 000 paiements) : avant, la borne du rendu
    n'était vérifiée qu'après le calcul du décompte (9 min) ; le refus vient maintenant des
    factures et paiements du dossier, sans calculer."""
    import contentieux.interets as interets
    from contentieux.actes import Atelier
    from contentieux.erreurs import LimiteDepassee
    from contentieux.lecture import valider_dossier

    def interdit(*_: object, **__: object) -> None:
        raise AssertionError("le décompte ne doit pas être calculé")

    monkeypatch.setattr(interets, "etablir_decompte", interdit)
    dossier = valider_dossier(_dossier_volumineux(10_000, 5_000))
    with pytest.raises(LimiteDepassee, match="15000 factures et paiements"):
        Atelier().generer("decompte", dossier, au=AU)


@settings(max_examples=25, deadline=None)
@given(factures=st.integers(1, 30), limite=st.integers(1, 80))
def test_borne_de_volume_exacte(factures: int, limite: int) -> None:
    """Propriété : l'acte est refusé si et seulement si ses lignes dépassent la borne ; le rendu
    n'est jamais appelé au-delà."""
    from contentieux.actes import Atelier
    from contentieux.actes.bornes import lignes_de_l_acte
    from contentieux.erreurs import LimiteDepassee
    from contentieux.lecture import valider_dossier

    dossier = valider_dossier(_dossier_volumineux(factures, 0))
    atelier = Atelier(limites=Limites(lignes_acte=limite))
    _contrat, faits = atelier.preparer("decompte", dossier, au=AU)
    lignes = lignes_de_l_acte(faits)
    assert lignes >= factures

    def rendu_interdit(*_: object) -> object:
        raise AssertionError("rendu lancé")

    atelier.pdf = rendu_interdit  # type: ignore[method-assign]
    if lignes > limite:
        # refusé par les factures du dossier avant le calcul (si elles dépassent déjà la borne),
        # sinon par les lignes du décompte calculé ; jamais rendu
        with pytest.raises(LimiteDepassee, match=r"Limites\.lignes_acte"):
            atelier.generer("decompte", dossier, au=AU)
    else:
        with pytest.raises(AssertionError, match="rendu lancé"):
            atelier.generer("decompte", dossier, au=AU)


# --- 10. liens symboliques vers un fichier système ------------------------------------------------


def test_lien_vers_un_fichier_systeme_jamais_recopie(tmp_path: Path) -> None:
    """Avant : un lien « x.yaml → /etc/passwd » dans le dossier d'un lot était lu ; les lignes du
    fichier système finissaient dans les motifs d'erreur du manifeste (clés inconnues citées)."""
    systeme = Path("/etc/passwd")
    if not systeme.is_file():
        pytest.skip("pas de /etc/passwd sur cette machine")
    lot = tmp_path / "lot"
    lot.mkdir()
    (lot / "a.yaml").symlink_to(systeme)
    (lot / "b.json").write_text(json.dumps(next(dossiers_synthetiques(1))), encoding="utf-8")
    sortie = tmp_path / "s"
    bilan = executer_lot(lot, TacheDecompte(), au=AU, sortie=sortie, executeur=_Immediat())
    assert (bilan.ok, bilan.erreurs) == (1, 1)
    manifeste = (sortie / "manifeste.jsonl").read_text(encoding="utf-8")
    contenu = systeme.read_text(encoding="utf-8", errors="replace")
    for morceau in {m for ligne in contenu.splitlines() for m in ligne.split(":") if len(m) > 3}:
        if morceau not in ("a.yaml", "b.json") and morceau not in "LOT-0001":
            assert morceau not in manifeste, morceau
    assert "lien symbolique vers un fichier hors du dossier" in manifeste
    assert "/etc" not in manifeste


@pytest.mark.parametrize("commande", ["valider", "decompte", "verifier"])
def test_lien_vers_un_fichier_hors_de_son_dossier_jamais_recopie_par_une_commande(
    tmp_path: Path, commande: str
) -> None:
    """Avant : « contentieux valider lien.yaml » (lien vers un fichier d'ailleurs) lisait la cible
    et citait ses clés dans le message (« champ inconnu « mot_de_passe_xq » »)."""
    ailleurs = tmp_path / "ailleurs"
    ailleurs.mkdir()
    cible = ailleurs / "secrets.yaml"
    cible.write_text("mot_de_passe_xq: valeur_secrete_zk\n", encoding="utf-8")
    ici = tmp_path / "ici"
    ici.mkdir()
    (ici / "dossier.yaml").symlink_to(cible)
    date = [] if commande == "valider" else ["--au", "2026-06-30"]
    resultat = CliRunner().invoke(app, [commande, str(ici / "dossier.yaml"), *date])
    assert resultat.exit_code == 3, resultat.output
    sortie = " ".join(resultat.output.split())
    assert "lien symbolique vers un fichier hors de son dossier" in sortie
    for fuite in ("mot_de_passe_xq", "valeur_secrete_zk", "ailleurs", "secrets.yaml"):
        assert fuite not in sortie, fuite


def test_lien_dans_son_dossier_toujours_lu(tmp_path: Path) -> None:
    (tmp_path / "vrai.yaml").write_text("reference: X\n", encoding="utf-8")
    (tmp_path / "lien.yaml").symlink_to(tmp_path / "vrai.yaml")
    assert lire_donnees(tmp_path / "lien.yaml") == {"reference": "X"}


def test_lien_interne_au_dossier_du_lot_toujours_lu(tmp_path: Path) -> None:
    lot = tmp_path / "lot"
    lot.mkdir()
    (lot / "vrai.json").write_text(json.dumps(next(dossiers_synthetiques(1))), encoding="utf-8")
    (lot / ".cache").mkdir()
    (lot / "z.json").symlink_to(lot / "vrai.json")
    elements = list(lire_entree(lot))
    assert [e.source for e in elements] == ["vrai.json", "z.json"]
    assert elements[0].est_valide and "figure déjà" in elements[1].erreurs[0]


def test_verifier_acte_n_affiche_aucun_controle_venu_de_la_piece_jointe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """La pièce jointe d'un PDF est une donnée comme une autre : ce que verifier-acte en relit
    (acte, référence, versions, chiffres) s'affiche sans ses caractères de contrôle, en texte
    comme en JSON."""
    import contentieux.actes as actes
    from contentieux.actes.verification import RapportActe

    rapport = RapportActe(
        acte=f"relance{ESC_EFFACE}",
        dossier="X\x1b]0;titre\x07",
        au=AU,
        regles_version_acte="v\x9b2J",
        regles_version_actuelle="v",
        chiffres_verifies={f"total{ESC_EFFACE}": "1 234,56 €\rTotal : 0 €"},
        ecarts=(),
        absents_du_texte=(),
        decompte_identique=True,
    )
    monkeypatch.setattr(actes, "verifier_acte", lambda *_a, **_k: rapport)
    pdf = tmp_path / "acte.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    for options in ([], ["--json"]):
        code, sortie = _invoquer("verifier-acte", str(pdf), *options)
        assert code == 0, sortie
        assert not any(c in sortie for c in "\x1b\x9b\r\x07"), repr(sortie)
        assert "relance" in sortie
