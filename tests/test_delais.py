"""Délais de procédure (CPC art. 640 à 642) : computation, jours fériés, prorogation.

Les dates attendues sont calculées à la main (calendrier, quantièmes, jours de la semaine).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from contentieux.delais import (
    DepartementInconnu,
    DureeInvalide,
    Echeance,
    ajouter_annees,
    ajouter_jours,
    ajouter_mois,
    calculer_echeance,
    est_jour_ouvrable,
    jours_feries,
    proroger,
)
from contentieux.erreurs import ErreurContentieux

# --------------------------------------------------------------------------------------------
# CPC art. 641 al. 1 : délais en jours
# --------------------------------------------------------------------------------------------


def test_jours_le_jour_de_depart_ne_compte_pas() -> None:
    assert ajouter_jours(date(2025, 3, 10), 15) == date(2025, 3, 25)
    assert ajouter_jours(date(2025, 3, 10), 1) == date(2025, 3, 11)
    assert ajouter_jours(date(2025, 3, 10), 0) == date(2025, 3, 10)


def test_jours_traversent_mois_et_annee() -> None:
    assert ajouter_jours(date(2024, 12, 20), 15) == date(2025, 1, 4)
    assert ajouter_jours(date(2024, 2, 20), 10) == date(2024, 3, 1)  # 2024 bissextile
    assert ajouter_jours(date(2025, 2, 20), 10) == date(2025, 3, 2)


def test_jours_negatifs_comptent_a_rebours() -> None:
    assert ajouter_jours(date(2025, 3, 10), -15) == date(2025, 2, 23)


# --------------------------------------------------------------------------------------------
# CPC art. 641 al. 2 : délais en mois et en années
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("depart", "mois", "attendu"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2025, 1, 15), 1, date(2025, 2, 15)),
        (date(2025, 2, 28), 1, date(2025, 3, 28)),  # quantième 28, pas « fin de mois »
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2025, 11, 30), 2, date(2026, 1, 30)),
        (date(2025, 12, 31), 2, date(2026, 2, 28)),
        (date(2025, 5, 31), 13, date(2026, 6, 30)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 1, 15), -1, date(2024, 12, 15)),
        (date(2024, 3, 30), -1, date(2024, 2, 29)),
        (date(2025, 7, 14), 0, date(2025, 7, 14)),
    ],
)
def test_ajouter_mois(depart: date, mois: int, attendu: date) -> None:
    assert ajouter_mois(depart, mois) == attendu


def test_ajouter_annees() -> None:
    assert ajouter_annees(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert ajouter_annees(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert ajouter_annees(date(2025, 6, 17), 5) == date(2030, 6, 17)
    assert ajouter_annees(date(2024, 2, 29), -1) == date(2023, 2, 28)


# --------------------------------------------------------------------------------------------
# Jours fériés par territoire
# --------------------------------------------------------------------------------------------

NATIONAUX_2026 = {
    date(2026, 1, 1): "Jour de l'an",
    date(2026, 4, 6): "Lundi de Pâques",
    date(2026, 5, 1): "Fête du Travail",
    date(2026, 5, 8): "Fête de la Victoire",
    date(2026, 5, 14): "Ascension",
    date(2026, 5, 25): "Lundi de Pentecôte",
    date(2026, 7, 14): "Fête nationale",
    date(2026, 8, 15): "Assomption",
    date(2026, 11, 1): "Toussaint",
    date(2026, 11, 11): "Armistice",
    date(2026, 12, 25): "Noël",
}

ALSACE_MOSELLE_2026 = {date(2026, 4, 3): "Vendredi saint", date(2026, 12, 26): "Saint-Étienne"}

# Journée de commémoration de l'abolition de l'esclavage (décret n° 83-1003 modifié).
ABOLITION_2026 = {
    "971": date(2026, 5, 27),
    "972": date(2026, 5, 22),
    "973": date(2026, 6, 10),
    "974": date(2026, 12, 20),
    "976": date(2026, 4, 27),
    "977": date(2026, 10, 9),
    "978": date(2026, 5, 28),
}


@pytest.mark.parametrize("departement", [None, "75", "01", "1", "2A", "2B", "2a", "13", "95"])
def test_feries_nationaux(departement: str | None) -> None:
    assert jours_feries(2026, departement) == NATIONAUX_2026


@pytest.mark.parametrize("departement", ["57", "67", "68"])
def test_feries_alsace_moselle(departement: str) -> None:
    assert jours_feries(2026, departement) == NATIONAUX_2026 | ALSACE_MOSELLE_2026


@pytest.mark.parametrize(("departement", "jour"), sorted(ABOLITION_2026.items()))
def test_feries_outre_mer_par_defaut(departement: str, jour: date) -> None:
    attendu = NATIONAUX_2026 | {jour: "Abolition de l'esclavage"}
    assert jours_feries(2026, departement) == attendu


def test_saint_pierre_et_miquelon_calendrier_national() -> None:
    assert jours_feries(2026, "975") == NATIONAUX_2026
    assert jours_feries(2026, "975", coutumes_locales=True) == NATIONAUX_2026


def test_coutumes_locales_guadeloupe() -> None:
    feries = jours_feries(2026, "971", coutumes_locales=True)
    coutumes = {
        date(2026, 3, 12): "Mi-Carême",  # Pâques (5 avril) - 24 jours
        date(2026, 4, 3): "Vendredi saint",
        date(2026, 7, 21): "Fête de Victor Schoelcher",
    }
    assert feries == NATIONAUX_2026 | {date(2026, 5, 27): "Abolition de l'esclavage"} | coutumes


@pytest.mark.parametrize("departement", ["972", "978"])
def test_coutumes_locales_schoelcher(departement: str) -> None:
    assert date(2026, 7, 21) not in jours_feries(2026, departement)
    feries = jours_feries(2026, departement, coutumes_locales=True)
    assert feries[date(2026, 7, 21)] == "Fête de Victor Schoelcher"


@pytest.mark.parametrize("departement", ["973", "974", "976", "977", "57", "67", "75"])
def test_coutumes_locales_sans_effet_ailleurs(departement: str) -> None:
    assert jours_feries(2026, departement, coutumes_locales=True) == jours_feries(2026, departement)


def test_deux_fetes_le_meme_jour() -> None:
    # 1er mai 2008 : Fête du Travail et Ascension (Pâques le 23 mars 2008).
    assert jours_feries(2008)[date(2008, 5, 1)] == "Ascension et Fête du Travail"


def test_resultat_modifiable_sans_effet_sur_le_cache() -> None:
    feries = jours_feries(2026, "57")
    feries.clear()
    assert jours_feries(2026, "57") == NATIONAUX_2026 | ALSACE_MOSELLE_2026


def test_est_jour_ouvrable() -> None:
    assert est_jour_ouvrable(date(2026, 4, 2))  # jeudi
    assert not est_jour_ouvrable(date(2026, 3, 7))  # samedi
    assert not est_jour_ouvrable(date(2026, 3, 8))  # dimanche
    assert not est_jour_ouvrable(date(2026, 7, 14))
    assert est_jour_ouvrable(date(2026, 4, 3), "75")
    assert not est_jour_ouvrable(date(2026, 4, 3), "57")
    assert est_jour_ouvrable(date(2026, 4, 3), "971")
    assert not est_jour_ouvrable(date(2026, 4, 3), "971", coutumes_locales=True)


# --------------------------------------------------------------------------------------------
# CPC art. 642 : prorogation
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("echeance", "departement", "attendu"),
    [
        # Vendredi saint 2026 : prorogé en Moselle au mardi (lundi 6 = lundi de Pâques).
        (date(2026, 4, 3), "57", date(2026, 4, 7)),
        (date(2026, 4, 3), "67", date(2026, 4, 7)),
        (date(2026, 4, 3), "75", date(2026, 4, 3)),
        (date(2026, 4, 3), None, date(2026, 4, 3)),
        # Saint-Étienne 2025 (vendredi) : lundi 29 décembre en Alsace, inchangé à Paris.
        (date(2025, 12, 26), "67", date(2025, 12, 29)),
        (date(2025, 12, 26), "68", date(2025, 12, 29)),
        (date(2025, 12, 26), "75", date(2025, 12, 26)),
        # 14 juillet 2026 (mardi).
        (date(2026, 7, 14), None, date(2026, 7, 15)),
        # 1er mai 2027 (samedi) : lundi 3 mai.
        (date(2027, 5, 1), "75", date(2027, 5, 3)),
        # Samedi ordinaire, dimanche ordinaire.
        (date(2026, 3, 7), None, date(2026, 3, 9)),
        (date(2026, 3, 8), None, date(2026, 3, 9)),
        # Changement d'année : samedi 31 décembre 2022, dimanche 1er janvier 2023.
        (date(2022, 12, 31), None, date(2023, 1, 2)),
        # Jour ouvrable : inchangé.
        (date(2026, 3, 10), "971", date(2026, 3, 10)),
        # Abolition de l'esclavage.
        (date(2026, 5, 27), "971", date(2026, 5, 28)),
        (date(2026, 5, 27), "75", date(2026, 5, 27)),
        (date(2026, 5, 22), "972", date(2026, 5, 26)),  # puis week-end et lundi de Pentecôte
        (date(2026, 6, 10), "973", date(2026, 6, 11)),
        (date(2027, 12, 20), "974", date(2027, 12, 21)),
        (date(2026, 4, 27), "976", date(2026, 4, 28)),
        (date(2026, 10, 9), "977", date(2026, 10, 12)),
        (date(2026, 5, 28), "978", date(2026, 5, 29)),
        # Coutumes locales : pas de prorogation par défaut.
        (date(2026, 3, 12), "971", date(2026, 3, 12)),  # Mi-Carême
        (date(2026, 4, 3), "971", date(2026, 4, 3)),  # Vendredi saint en Guadeloupe
        (date(2026, 7, 21), "971", date(2026, 7, 21)),  # Victor Schœlcher
        (date(2026, 7, 21), "972", date(2026, 7, 21)),
    ],
)
def test_proroger(echeance: date, departement: str | None, attendu: date) -> None:
    assert proroger(echeance, departement) == attendu


def test_proroger_avec_coutumes_locales() -> None:
    assert proroger(date(2026, 3, 12), "971", coutumes_locales=True) == date(2026, 3, 13)
    # Vendredi saint en Guadeloupe, puis week-end et lundi de Pâques.
    assert proroger(date(2026, 4, 3), "971", coutumes_locales=True) == date(2026, 4, 7)
    assert proroger(date(2026, 7, 21), "972", coutumes_locales=True) == date(2026, 7, 22)


# --------------------------------------------------------------------------------------------
# calculer_echeance
# --------------------------------------------------------------------------------------------


def test_echeance_vendredi_saint_moselle() -> None:
    e = calculer_echeance(date(2026, 3, 3), mois=1, departement="57")
    assert e.depart == date(2026, 3, 3)
    assert e.duree == "1 mois"
    assert e.date_brute == date(2026, 4, 3)
    assert e.date_limite == date(2026, 4, 7)
    assert e.prorogee is True
    assert e.motif == (
        "jour férié : Vendredi saint (Moselle), puis samedi, dimanche, jour férié : Lundi de Pâques"
    )
    assert e.fondements == ("CPC 640", "CPC 641", "CPC 642")


def test_echeance_vendredi_saint_paris_non_prorogee() -> None:
    e = calculer_echeance(date(2026, 3, 3), mois=1, departement="75")
    assert e.date_brute == e.date_limite == date(2026, 4, 3)
    assert e.prorogee is False
    assert e.motif is None


def test_echeance_samedi() -> None:
    e = calculer_echeance(date(2026, 2, 20), jours=15)
    assert e.date_brute == date(2026, 3, 7)
    assert e.date_limite == date(2026, 3, 9)
    assert e.motif == "samedi, puis dimanche"
    assert e.duree == "15 jours"


def test_echeance_dimanche() -> None:
    e = calculer_echeance(date(2026, 2, 21), jours=15)
    assert (e.date_limite, e.motif) == (date(2026, 3, 9), "dimanche")


def test_echeance_14_juillet() -> None:
    e = calculer_echeance(date(2026, 6, 14), mois=1)
    assert (e.date_brute, e.date_limite, e.motif) == (
        date(2026, 7, 14),
        date(2026, 7, 15),
        "jour férié : Fête nationale",
    )


def test_echeance_saint_etienne_bas_rhin() -> None:
    e = calculer_echeance(date(2025, 11, 26), mois=1, departement="67")
    assert e.date_limite == date(2025, 12, 29)
    assert e.motif == "jour férié : Saint-Étienne (Bas-Rhin), puis samedi, dimanche"


def test_echeance_mi_careme_guadeloupe() -> None:
    defaut = calculer_echeance(date(2026, 2, 12), mois=1, departement="971")
    assert (defaut.date_limite, defaut.prorogee) == (date(2026, 3, 12), False)
    coutume = calculer_echeance(date(2026, 2, 12), mois=1, departement="971", coutumes_locales=True)
    assert coutume.date_limite == date(2026, 3, 13)
    assert coutume.motif == "jour chômé : Mi-Carême (Guadeloupe, coutume locale)"


def test_echeance_abolition_guadeloupe() -> None:
    e = calculer_echeance(date(2026, 5, 12), jours=15, departement="971")
    assert e.date_brute == date(2026, 5, 27)
    assert e.date_limite == date(2026, 5, 28)
    assert e.motif == "jour férié : Abolition de l'esclavage (Guadeloupe)"


def test_echeance_mois_puis_jours() -> None:
    # 31 janvier + 1 mois = 28 février, + 1 jour = samedi 1er mars -> lundi 3 mars 2025.
    e = calculer_echeance(date(2025, 1, 31), mois=1, jours=1)
    assert e.date_brute == date(2025, 3, 1)
    assert e.date_limite == date(2025, 3, 3)
    assert e.duree == "1 mois et 1 jour"


def test_echeance_annees_et_mois_d_un_seul_tenant() -> None:
    # 29 février 2024 + 1 an et 1 mois = 29 mars 2025 (le quantième 29 existe en mars),
    # un samedi -> lundi 31 mars 2025.
    e = calculer_echeance(date(2024, 2, 29), annees=1, mois=1)
    assert e.date_brute == date(2025, 3, 29)
    assert e.date_limite == date(2025, 3, 31)
    assert e.duree == "1 an et 1 mois"


def test_echeance_libelle_combine() -> None:
    e = calculer_echeance(date(2025, 1, 10), annees=2, mois=3, jours=15)
    assert e.duree == "2 ans, 3 mois et 15 jours"
    assert e.date_brute == date(2027, 4, 25)  # un dimanche
    assert e.date_limite == date(2027, 4, 26)


def test_echeance_figee_et_serialisable() -> None:
    e = calculer_echeance(date(2026, 3, 3), mois=1, departement="57")
    with pytest.raises(ValidationError):
        e.date_limite = date(2026, 4, 3)  # type: ignore[misc]
    donnees = json.loads(e.model_dump_json())
    assert donnees["date_limite"] == "2026-04-07"
    assert Echeance.model_validate_json(e.model_dump_json()) == e
    with pytest.raises(ValidationError):
        Echeance.model_validate(donnees | {"inconnu": 1})


# --------------------------------------------------------------------------------------------
# Entrées invalides
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("departement", ["99", "00", "96", "970", "979", "Paris", "", "6AE"])
def test_departement_inconnu(departement: str) -> None:
    with pytest.raises(DepartementInconnu) as erreur:
        proroger(date(2026, 3, 10), departement)
    message = str(erreur.value)
    assert repr(departement) in message
    assert '"75"' in message and '"2A"' in message and '"971"' in message
    assert isinstance(erreur.value, ValueError)
    assert isinstance(erreur.value, ErreurContentieux)
    assert erreur.value.code == "departement_inconnu"


def test_departement_20_renvoie_a_la_corse_divisee() -> None:
    with pytest.raises(DepartementInconnu, match=r'"2A".*"2B"'):
        jours_feries(2026, "20")


@pytest.mark.parametrize("departement", ["984", "986", "987", "988"])
def test_collectivites_hors_cpc(departement: str) -> None:
    with pytest.raises(DepartementInconnu, match=f'"{departement}" non pris en charge'):
        calculer_echeance(date(2026, 3, 10), mois=1, departement=departement)


def test_departement_non_texte() -> None:
    with pytest.raises(DepartementInconnu, match="75"):
        jours_feries(2026, 75)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "arguments",
    [
        {},
        {"jours": -1},
        {"mois": -1, "jours": 40},
        {"annees": -1},
        {"jours": 1.5},
        {"mois": True},
        {"jours": "15"},
    ],
)
def test_duree_invalide(arguments: dict[str, object]) -> None:
    with pytest.raises(DureeInvalide):
        calculer_echeance(date(2026, 3, 10), **arguments)  # type: ignore[arg-type]


def test_datetime_refuse() -> None:
    with pytest.raises(DureeInvalide, match=r"\.date\(\)"):
        ajouter_jours(datetime(2026, 3, 10, 23, 30), 15)


def test_hors_calendrier() -> None:
    with pytest.raises(DureeInvalide, match="calendrier"):
        ajouter_mois(date(9999, 12, 31), 1)
    with pytest.raises(DureeInvalide, match="calendrier"):
        ajouter_jours(date(9999, 12, 31), 1)


def test_annee_invalide() -> None:
    with pytest.raises(DureeInvalide, match="année"):
        jours_feries(0)


# --------------------------------------------------------------------------------------------
# Import paresseux
# --------------------------------------------------------------------------------------------


def test_holidays_importe_seulement_a_l_usage() -> None:
    code = (
        "import sys, datetime\n"
        "import contentieux.delais as d\n"
        "assert 'holidays' not in sys.modules, 'holidays importé trop tôt'\n"
        "d.ajouter_mois(datetime.date(2025, 1, 31), 1)\n"
        "assert 'holidays' not in sys.modules\n"
        "d.proroger(datetime.date(2026, 4, 3), '57')\n"
        "assert 'holidays' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --------------------------------------------------------------------------------------------
# Propriétés
# --------------------------------------------------------------------------------------------

DEPARTEMENTS = [None, "75", "2A", "57", "67", "68", "971", "972", "973", "974", "975", "976"]
DEPARTEMENTS += ["977", "978"]
dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))


@settings(max_examples=300, deadline=None)
@given(jour=dates, departement=st.sampled_from(DEPARTEMENTS), coutumes=st.booleans())
def test_propriete_proroger(jour: date, departement: str | None, coutumes: bool) -> None:
    resultat = proroger(jour, departement, coutumes_locales=coutumes)
    assert resultat >= jour
    assert est_jour_ouvrable(resultat, departement, coutumes_locales=coutumes)
    assert resultat.weekday() < 5
    if est_jour_ouvrable(jour, departement, coutumes_locales=coutumes):
        assert resultat == jour
    # Aucun jour ouvrable n'a été sauté.
    saute = jour
    while saute < resultat:
        assert not est_jour_ouvrable(saute, departement, coutumes_locales=coutumes)
        saute += timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(jour=dates, departement=st.sampled_from(DEPARTEMENTS))
def test_propriete_coutumes_ne_raccourcissent_pas(jour: date, departement: str | None) -> None:
    assert proroger(jour, departement, coutumes_locales=True) >= proroger(jour, departement)


@settings(max_examples=500)
@given(depart=dates, mois=st.integers(min_value=-1200, max_value=1200))
def test_propriete_ajouter_mois(depart: date, mois: int) -> None:
    resultat = ajouter_mois(depart, mois)  # ne déborde jamais (pas de 31 avril)
    assert (resultat.year * 12 + resultat.month) - (depart.year * 12 + depart.month) == mois
    if resultat.day != depart.day:
        # Quantième absent du mois d'arrivée : dernier jour du mois.
        assert resultat.day < depart.day
        assert (resultat + timedelta(days=1)).day == 1
    else:
        assert resultat.day == depart.day


@settings(max_examples=300)
@given(depart=dates, annees=st.integers(min_value=-50, max_value=50))
def test_propriete_ajouter_annees(depart: date, annees: int) -> None:
    assert ajouter_annees(depart, annees) == ajouter_mois(depart, 12 * annees)


@settings(max_examples=300)
@given(depart=dates, jours=st.integers(min_value=-5000, max_value=5000))
def test_propriete_ajouter_jours(depart: date, jours: int) -> None:
    assert (ajouter_jours(depart, jours) - depart).days == jours


@settings(max_examples=200, deadline=None)
@given(
    depart=dates,
    jours=st.integers(min_value=0, max_value=400),
    mois=st.integers(min_value=0, max_value=36),
    departement=st.sampled_from(DEPARTEMENTS),
)
def test_propriete_calculer_echeance(
    depart: date, jours: int, mois: int, departement: str | None
) -> None:
    if jours == mois == 0:
        jours = 1
    e = calculer_echeance(depart, jours=jours, mois=mois, departement=departement)
    assert e.date_brute == ajouter_jours(ajouter_mois(depart, mois), jours)
    assert e.date_limite == proroger(e.date_brute, departement)
    assert e.prorogee == (e.date_limite != e.date_brute) == (e.motif is not None)


def test_subdivisions_connues_de_holidays() -> None:
    from holidays.countries.france import France

    from contentieux.delais import _TERRITOIRES

    subdivisions = {code: subdiv for code, (subdiv, _nom) in _TERRITOIRES.items()}
    assert subdivisions == {
        "57": "57",
        "67": "6AE",
        "68": "6AE",
        "971": "971",
        "972": "972",
        "973": "973",
        "974": "974",
        "975": "PM",
        "976": "976",
        "977": "BL",
        "978": "MF",
    }
    assert set(subdivisions.values()) <= set(France.subdivisions)
