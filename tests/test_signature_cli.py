"""Commandes ``signer``, ``cosigner``, ``verifier-signature`` et l'étape de démonstration."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from contentieux.cli import app
from tests.pki.fixtures import *  # noqa: F403 - fixtures pytest (pki, acte, racine…)
from tests.pki.fixtures import EMPLACEMENTS, MENTION
from tests.pki.pki import MOT_DE_PASSE, PkiDeTest

runner = CliRunner()


@pytest.fixture
def env() -> dict[str, str]:
    return {"CONTENTIEUX_P12_MOT_DE_PASSE": MOT_DE_PASSE, "COLUMNS": "200"}


def test_signer_puis_verifier_en_json(
    pki: PkiDeTest, acte: bytes, racine: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    source = tmp_path / "acte.pdf"
    source.write_bytes(acte)
    resultat = runner.invoke(
        app,
        ["signer", str(source), "--p12", str(pki.p12("creancier")), "--niveau", "B-LT",
         "--horodatage", pki.url_horodatage, "--visible", "1,50,60"],
        env=env,
    )  # fmt: skip
    assert resultat.exit_code == 0, resultat.output
    signe = tmp_path / "acte-signe.pdf"
    assert signe.is_file() and "Agence Recouvr’Est" in resultat.output
    assert MOT_DE_PASSE not in resultat.output
    verif = runner.invoke(
        app, ["verifier-signature", str(signe), "--confiance", str(racine), "--json"], env=env
    )
    assert verif.exit_code == 0, verif.output
    rapport = json.loads(verif.output)
    assert rapport["verdict"] == "valide"
    assert rapport["signatures"][0]["niveau"] == "B-LT"
    assert rapport["signatures"][0]["indication"] == "TOTAL-PASSED"


def test_acte_cosigne_en_ligne_de_commande(
    pki: PkiDeTest, acte: bytes, racine: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    source = tmp_path / "reconnaissance.pdf"
    source.write_bytes(acte)
    places = tmp_path / "emplacements.json"
    places.write_text(json.dumps({k: list(v) for k, v in EMPLACEMENTS.items()}))
    premier = tmp_path / "premier.pdf"
    r1 = runner.invoke(
        app,
        ["signer", str(source), "--p12", str(pki.p12("creancier")), "--emplacements",
         str(places), "-o", str(premier)],
        env=env,
    )  # fmt: skip
    assert r1.exit_code == 0, r1.output
    final = tmp_path / "final.pdf"
    r2 = runner.invoke(
        app,
        ["cosigner", str(premier), "--p12", str(pki.p12("debiteur")), "--mention", MENTION,
         "-o", str(final)],
        env=env,
    )  # fmt: skip
    assert r2.exit_code == 0, r2.output
    assert "Élodie Débiteur" in r2.output
    r3 = runner.invoke(
        app,
        ["verifier-signature", str(final), "--confiance", str(racine), "--en-ligne"],
        env=env,
    )
    assert r3.exit_code == 0, r3.output
    assert "VALIDE" in r3.output and "concordante" in r3.output
    assert "(certification)" in r3.output
    # hors ligne, une signature B-B ne peut être confirmée : code de sortie non nul
    r4 = runner.invoke(app, ["verifier-signature", str(final), "--confiance", str(racine)])
    assert r4.exit_code == 1 and "INDÉTERMINÉ" in r4.output
    # … sauf si l'on fournit les CRL (ici celles du serveur de test, enregistrées)
    import urllib.request

    crls = []
    for nom in ("racine", "interm"):
        url = f"{pki.base}/contentieux/crls/{nom}/latest.crl"
        with urllib.request.urlopen(url) as reponse:  # 127.0.0.1
            crls.append(tmp_path / f"{nom}.crl")
            crls[-1].write_bytes(reponse.read())
    r5 = runner.invoke(
        app,
        ["verifier-signature", str(final), "--confiance", str(racine), "--json",
         "--revocation", str(crls[0]), "--revocation", str(crls[1])],
    )  # fmt: skip
    assert r5.exit_code == 0, r5.output
    assert json.loads(r5.output)["verdict"] == "valide"


def test_erreurs_claires(pki: PkiDeTest, acte: bytes, tmp_path: Path) -> None:
    source = tmp_path / "acte.pdf"
    source.write_bytes(acte)
    p12 = str(pki.p12("creancier"))
    mauvais = runner.invoke(
        app,
        ["signer", str(source), "--p12", p12],
        env={"CONTENTIEUX_P12_MOT_DE_PASSE": "faux-secret"},
    )
    assert mauvais.exit_code != 0
    assert "mot de passe incorrect" in mauvais.output and "faux-secret" not in mauvais.output
    sans = runner.invoke(app, ["signer", str(source)])
    assert sans.exit_code != 0 and "--p12" in sans.output
    visible = runner.invoke(
        app,
        ["signer", str(source), "--p12", p12, "--visible", "0,a"],
        env={"CONTENTIEUX_P12_MOT_DE_PASSE": MOT_DE_PASSE},
    )
    assert visible.exit_code != 0 and "PAGE,X,Y" in visible.output
    niveau = runner.invoke(app, ["signer", str(source), "--p12", p12, "--niveau", "B-Z"])
    assert niveau.exit_code != 0 and "B-LTA" in niveau.output
    absent = runner.invoke(app, ["verifier-signature", str(tmp_path / "absent.pdf")])
    assert absent.exit_code != 0 and "Traceback" not in absent.output


def test_etape_de_demonstration(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from contentieux.cli.commun import ETAPES_DEMO
    from contentieux.cli.signature import _demo_signature
    from contentieux.exemples import dossier_exemple

    assert _demo_signature in ETAPES_DEMO
    _demo_signature(dossier_exemple("agence"), dt.date(2026, 6, 30), tmp_path)
    signes = sorted(p.name for p in tmp_path.glob("*-signe.pdf"))
    # nommés comme les actes (référence du dossier) : deux exemples ne s'écrasent plus
    assert signes == [
        "EX-AGENCE-2026-003_convention_recouvrement-signe.pdf",
        "EX-AGENCE-2026-003_echeancier-signe.pdf",
        "EX-AGENCE-2026-003_mandat_commissaire_justice-signe.pdf",
        "EX-AGENCE-2026-003_reconnaissance_dette-signe.pdf",
    ]
    sortie = capsys.readouterr().out
    assert "concordante" in sortie  # la mention de la reconnaissance de dette
    assert "TEST — sans valeur juridique" in sortie
    assert "VALIDE" in sortie and "INVALIDE" not in sortie


def test_la_mention_de_la_demonstration_est_ecrite_par_francais() -> None:
    """La démonstration écrit la mention « Bon pour … » avec ``montant_en_lettres`` (la seule
    écriture des sommes en lettres) ; l'ancien repli sur num2words, qui écrivait autrement
    (« quatre-vingt euros »), a disparu, et le contrôle de la mention l'accepte."""
    import inspect
    from decimal import Decimal

    import contentieux.cli.signature as module
    from contentieux.francais import formater_montant, montant_en_lettres
    from contentieux.signature.mention import controler_mention

    assert "num2words" not in inspect.getsource(module)
    for montant in (Decimal("80"), Decimal("1234.56"), Decimal("1000000.01")):
        mention = module._mention_demo(montant)
        assert mention == f"Bon pour {montant_en_lettres(montant)} ({formater_montant(montant)})"
        assert controler_mention(mention, montant).concordante
    assert module._mention_demo(None) == "Bon pour la somme indiquée ci-dessus"
