"""Règles datées : fichiers valides, sources résolues, semestres sans trou, surcouche, manques."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from contentieux._yaml import charger_yaml_exact
from contentieux.erreurs import RegleMalFormee, RegleNonCouverte
from contentieux.regles import (
    FICHIER_SOURCES,
    charger_regles,
    debut_semestre,
    dossier_regles_paquet,
    fin_semestre,
    semestre,
)

J = dt.date.fromisoformat
REGLES = charger_regles()
FICHIERS = sorted(p for p in dossier_regles_paquet().glob("*.yaml") if p.name != FICHIER_SOURCES)


# --- les fichiers du paquet ---------------------------------------------------------------------


@pytest.mark.parametrize("fichier", FICHIERS, ids=lambda p: p.name)
def test_chaque_fichier_est_valide_et_chaque_reference_resolue(fichier: Path) -> None:
    contenu = charger_yaml_exact(fichier.read_text(encoding="utf-8"))
    assert contenu, f"{fichier.name} est vide"
    sources = charger_yaml_exact((fichier.parent / FICHIER_SOURCES).read_text(encoding="utf-8"))
    for cle, definition in contenu.items():
        parametre = REGLES.parametre(f"{fichier.stem}.{cle}")
        assert parametre.libelle and parametre.fondement
        assert len(parametre.valeurs) == len(definition["valeurs"])
        for valeur in parametre.valeurs:
            assert valeur.reference in sources
            source = REGLES.source(valeur.reference)
            assert source.titre and source.urls, f"{valeur.reference} sans titre ni adresse"


def test_les_nombres_sont_des_decimal_exacts_tels_que_publies() -> None:
    for identifiant in REGLES.identifiants():
        for valeur in REGLES.parametre(identifiant).valeurs:
            assert valeur.valeur is None or isinstance(valeur.valeur, Decimal | tuple)
    # 0,90 % publié pour 2017-S1 reste « 0.90 » (pas 0.9000000000000000222…).
    assert str(REGLES.decimal("interet_legal.autres", au=J("2017-03-01"))) == "0.90"


@pytest.mark.parametrize("categorie", ["particuliers", "autres"])
def test_taux_legal_sans_trou_de_2015_s1_au_dernier_semestre_declare(categorie: str) -> None:
    parametre = REGLES.parametre(f"interet_legal.{categorie}")
    semestres = parametre.semestres_couverts()
    assert semestres[0] == "2015-S1"
    attendu, jour = [], J("2015-01-01")
    while jour <= parametre.valeurs[-1].du:
        attendu.append(semestre(jour))
        jour = fin_semestre(jour) + dt.timedelta(days=1)
    assert semestres == attendu
    assert semestres[-1] == "2026-S1"


@pytest.mark.parametrize(
    ("identifiant", "jour", "attendu"),
    [
        # Valeurs vérifiées à la main contre les arrêtés cités dans regles/sources.yaml.
        ("interet_legal.particuliers", "2015-01-01", "4.06"),
        ("interet_legal.autres", "2015-06-30", "0.93"),
        ("interet_legal.autres", "2018-01-15", "0.89"),  # et non 0,88 (coquille répandue)
        ("interet_legal.autres", "2019-02-01", "0.86"),  # et non 0,76
        ("interet_legal.particuliers", "2023-07-01", "6.82"),  # et non 6,83
        ("interet_legal.particuliers", "2024-01-01", "8.01"),
        ("interet_legal.autres", "2024-12-31", "4.92"),
        ("interet_legal.particuliers", "2026-06-30", "6.67"),
        ("interet_legal.autres", "2026-01-01", "2.62"),
        ("bce.taux_refinancement", "2016-03-15", "0.05"),
        ("bce.taux_refinancement", "2016-03-16", "0.00"),
        ("bce.taux_refinancement", "2024-01-01", "4.50"),
        ("bce.taux_refinancement", "2024-07-01", "4.25"),
        ("bce.taux_refinancement", "2026-01-01", "2.15"),
        ("indemnite_forfaitaire.montant", "2013-01-01", "40"),
        ("seuils.petites_creances", "2019-12-31", "4000"),
        ("seuils.petites_creances", "2020-01-01", "5000"),
        ("seuils.art_750_1", "2023-10-01", "5000"),
        ("prescription.consommateur", "2026-01-01", "2"),
        ("prescription.delai_butoir", "2026-01-01", "20"),
        ("injonction_de_payer.signification_mois", "2026-01-01", "6"),
        ("penalites_b2b.majoration_points", "2026-01-01", "10"),
        ("commande_publique.majoration_points", "2026-01-01", "8"),
    ],
)
def test_valeurs_de_reference(identifiant: str, jour: str, attendu: str) -> None:
    assert REGLES.decimal(identifiant, au=J(jour)) == Decimal(attendu)


def test_periode_de_validite_d_une_valeur() -> None:
    semestrielle = REGLES.valeur("interet_legal.autres", au=J("2025-08-15"))
    assert (semestrielle.du, semestrielle.jusqu_au) == (J("2025-07-01"), J("2025-12-31"))
    bce = REGLES.valeur("bce.taux_refinancement", au=J("2025-01-01"))
    assert (bce.du, bce.jusqu_au) == (J("2024-12-18"), J("2025-02-04"))
    derniere = REGLES.valeur("bce.taux_refinancement", au=J("2026-04-30"))
    assert derniere.jusqu_au == J("2026-04-30")  # verifie_jusqu_au
    permanente = REGLES.valeur("indemnite_forfaitaire.montant", au=J("2026-01-01"))
    assert permanente.jusqu_au is None
    assert permanente.source.titre


def test_liste_des_tribunaux_des_activites_economiques() -> None:
    liste = REGLES.valeur("juridictions.tribunaux_activites_economiques", au=J("2026-01-01"))
    assert (
        isinstance(liste.valeur, tuple) and "Nanterre" in liste.valeur and len(liste.valeur) == 12
    )
    assert liste.jusqu_au == J("2028-12-31")
    with pytest.raises(RegleMalFormee):
        REGLES.decimal("juridictions.tribunaux_activites_economiques", au=J("2026-01-01"))


def test_semestres() -> None:
    assert semestre(J("2026-06-30")) == "2026-S1" and semestre(J("2026-07-01")) == "2026-S2"
    assert debut_semestre(J("2024-02-29")) == J("2024-01-01")
    assert fin_semestre(J("2024-07-01")) == J("2024-12-31")


# --- ce qui n'est pas couvert -------------------------------------------------------------------


def test_semestre_non_transcrit_leve_en_nommant_semestre_et_fichier() -> None:
    with pytest.raises(RegleNonCouverte) as erreur:
        REGLES.valeur("interet_legal.autres", au=J("2026-07-01"))
    message = str(erreur.value)
    assert "interet_legal.autres" in message
    assert "2026-S2" in message and "2026-07-01" in message
    assert "interet_legal.yaml" in message and "sources.yaml" in message
    assert erreur.value.semestre == "2026-S2"
    assert erreur.value.code == "regle_non_couverte"


@pytest.mark.parametrize(
    ("identifiant", "jour", "motif"),
    [
        ("bce.taux_refinancement", "2026-05-01", "vérifiée seulement jusqu'au 2026-04-30"),
        ("interet_legal.particuliers", "2014-12-31", "première valeur connue date du 2015-01-01"),
        ("indemnite_forfaitaire.montant", "2012-12-31", "première valeur"),
        ("seuils.art_750_1", "2023-01-01", "abrogée ou annulée le 2022-09-22"),
        ("juridictions.tribunaux_activites_economiques", "2029-01-01", "abrogée"),
    ],
)
def test_dates_non_couvertes(identifiant: str, jour: str, motif: str) -> None:
    with pytest.raises(RegleNonCouverte, match=motif):
        REGLES.valeur(identifiant, au=J(jour))


def test_parametre_inconnu() -> None:
    with pytest.raises(RegleNonCouverte, match="inconnu"):
        REGLES.valeur("interet_legal.inexistant", au=J("2026-01-01"))


def test_en_vigueur_separe_valeurs_et_manques() -> None:
    valeurs, manques = REGLES.en_vigueur(au=J("2026-07-01"))
    assert {v.identifiant for v in valeurs} >= {"indemnite_forfaitaire.montant"}
    assert {e.identifiant for e in manques} >= {
        "interet_legal.autres",
        "interet_legal.particuliers",
        "bce.taux_refinancement",
    }
    assert len(valeurs) + len(manques) == len(REGLES.identifiants())


# --- surcouche ----------------------------------------------------------------------------------


def _surcouche(dossier: Path, fichiers: dict[str, str]) -> Path:
    for nom, texte in fichiers.items():
        (dossier / nom).write_text(texte, encoding="utf-8")
    return dossier


SOURCES_TEST = "arrete-test: {titre: Arrêté fictif du 24 juin 2026, url: 'https://example.org'}\n"
S2_2026 = """\
particuliers:
  valeurs:
    2026-07-01: {valeur: 6.50, reference: arrete-test}
autres:
  valeurs:
    2026-07-01: {valeur: 2.50, reference: arrete-test}
"""


def test_surcouche_ajoute_2026_s2_sans_toucher_au_paquet(tmp_path: Path) -> None:
    dossier = _surcouche(tmp_path, {"interet_legal.yaml": S2_2026, "sources.yaml": SOURCES_TEST})
    regles = charger_regles(dossier)
    valeur = regles.valeur("interet_legal.autres", au=J("2026-09-01"))
    assert valeur.valeur == Decimal("2.50") and valeur.source.titre.startswith("Arrêté fictif")
    assert valeur.fondement == "CMF L313-2 ; CMF D313-1-A"  # métadonnées du paquet conservées
    # Les semestres du paquet restent, 2027-S1 manque toujours ; le paquet n'a pas changé.
    assert regles.decimal("interet_legal.autres", au=J("2026-03-01")) == Decimal("2.62")
    with pytest.raises(RegleNonCouverte, match="2027-S1"):
        regles.valeur("interet_legal.autres", au=J("2027-01-01"))
    with pytest.raises(RegleNonCouverte):
        charger_regles().valeur("interet_legal.autres", au=J("2026-09-01"))
    assert regles.version != charger_regles().version
    assert "surcouche" in regles.version


def test_surcouche_corrige_une_valeur_et_ajoute_un_parametre(tmp_path: Path) -> None:
    dossier = _surcouche(
        tmp_path,
        {
            "bce.yaml": (
                "taux_refinancement:\n  verifie_jusqu_au: 2026-10-31\n  valeurs:\n"
                "    2025-06-11: {valeur: 2.16, reference: arrete-test}\n"
            ),
            "cabinet.yaml": (
                "honoraires:\n  libelle: Forfait du cabinet\n  unite: euros\n"
                "  periodicite: permanente\n  fondement: Convention d'honoraires\n"
                "  valeurs:\n    2020-01-01: {valeur: 150, reference: arrete-test}\n"
            ),
            "sources.yaml": SOURCES_TEST,
        },
    )
    regles = charger_regles(dossier)
    assert regles.decimal("bce.taux_refinancement", au=J("2026-10-31")) == Decimal("2.16")
    assert regles.decimal("bce.taux_refinancement", au=J("2025-01-01")) == Decimal("3.15")
    assert regles.decimal("cabinet.honoraires", au=J("2026-01-01")) == Decimal("150")


def test_surcouche_par_variable_d_environnement(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dossier = _surcouche(tmp_path, {"interet_legal.yaml": S2_2026, "sources.yaml": SOURCES_TEST})
    monkeypatch.setenv("CONTENTIEUX_REGLES", str(dossier))
    assert charger_regles().decimal("interet_legal.particuliers", au=J("2026-12-31")) == Decimal(
        "6.50"
    )


def _autres(jour: str, valeur: str, reference: str) -> str:
    return f"autres:\n  valeurs:\n    {jour}: {{valeur: {valeur}, reference: {reference}}}\n"


@pytest.mark.parametrize(
    ("fichiers", "attendu"),
    [
        (
            {"interet_legal.yaml": _autres("2026-07-01", "2", "x")},
            "référence « x » absente de sources.yaml",
        ),
        (
            {"interet_legal.yaml": _autres("2026-08-01", "2", "arrete-test")},
            "n'est pas un début de semestre",
        ),
        (
            {"interet_legal.yaml": _autres("2026-07-01", "deux", "arrete-test")},
            "nombre attendu",
        ),
        (
            {"interet_legal.yaml": _autres("le 1er juillet", "2", "arrete-test")},
            "date « le 1er juillet » invalide",
        ),
        (
            {"neuf.yaml": _autres("2020-01-01", "1", "arrete-test")},
            "absent\\(s\\) : libelle, unite, periodicite, fondement",
        ),
        ({"interet_legal.yaml": "autres:\n  taux: 3\n"}, "champ\\(s\\) inconnu\\(s\\)"),
        ({"interet_legal.yaml": "autres: [1, 2\n"}, "YAML invalide"),
    ],
)
def test_surcouche_mal_formee_est_refusee_clairement(
    tmp_path: Path, fichiers: dict[str, str], attendu: str
) -> None:
    dossier = _surcouche(tmp_path, {"sources.yaml": SOURCES_TEST, **fichiers})
    with pytest.raises(RegleMalFormee, match=attendu):
        charger_regles(dossier)


def test_surcouche_introuvable(tmp_path: Path) -> None:
    with pytest.raises(RegleMalFormee, match="introuvable"):
        charger_regles(tmp_path / "absent")


def test_la_documentation_liste_chaque_parametre() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "regles.md").read_text(encoding="utf-8")
    absents = [i for i in REGLES.identifiants() if f"`{i}`" not in doc]
    assert not absents, f"paramètres à documenter dans docs/regles.md : {absents}"


def test_table_des_parametres_de_la_documentation_a_jour() -> None:
    """La table « Paramètres livrés » de docs/regles.md reprend chaque paramètre du paquet, avec
    son unité, sa périodicité et son fondement tels que les fichiers de règles les donnent."""
    import re

    page = (Path(__file__).parent.parent / "docs" / "regles.md").read_text(encoding="utf-8")
    ligne = r"^\| `([a-z0-9_]+\.[a-z0-9_]+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$"
    lignes = re.findall(ligne, page, re.M)
    documentes = {i: (u.strip(), p.strip(), f.strip()) for i, u, p, f in lignes}
    attendus = {}
    for identifiant in REGLES.identifiants():
        parametre = REGLES.parametre(identifiant)
        attendus[identifiant] = (
            str(getattr(parametre.unite, "value", parametre.unite)),
            str(getattr(parametre.periodicite, "value", parametre.periodicite)),
            parametre.fondement,
        )
    assert documentes == attendus
