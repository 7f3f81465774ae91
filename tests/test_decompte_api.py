"""API du décompte : imputation, avertissements, indemnités, erreurs, sérialisation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from contentieux.erreurs import FraisInterditsConsommateur, RegleNonCouverte
from contentieux.exemples import dossier_exemple, noms_exemples
from contentieux.interets import arrondir, calculer_interets, etablir_decompte
from contentieux.modeles import Dossier
from contentieux.modeles.decompte import Decompte
from tests.parties_types import CLIENT, PARTICULIER, SOCIETE


def _dossier(
    factures: list[dict[str, Any]],
    evenements: list[dict[str, Any]] | None = None,
    *,
    debiteur: dict[str, Any] = CLIENT,
    **creance: Any,
) -> Dossier:
    return Dossier.model_validate(
        {
            "reference": "TEST",
            "creancier": SOCIETE,
            "debiteurs": [debiteur],
            "creances": [
                {"reference": "C", "nature": "vente_biens", "factures": factures, **creance}
            ],
            "evenements": evenements or [],
        }
    )


def _facture(numero: str, echeance: str, montant: str) -> dict[str, Any]:
    date = dt.date.fromisoformat(echeance)
    return {
        "numero": numero,
        "date_emission": date - dt.timedelta(days=30),
        "date_echeance": date,
        "montant_ttc": montant,
    }


def test_arrondi_demi_superieur() -> None:
    assert arrondir(Decimal("0.005")) == Decimal("0.01")
    assert arrondir(Decimal("2406.575342")) == Decimal("2406.58")


def test_egalite_parfaite_imputation_au_prorata() -> None:
    # Deux factures identiques (même échéance, même taux) : le paiement se répartit à parts égales.
    d = _dossier(
        [_facture("A", "2026-01-31", "1000.00"), _facture("B", "2026-01-31", "1000.00")],
        [{"type": "paiement", "date": "2026-01-31", "montant": "500.00"}],
    )
    r = etablir_decompte(d, au=dt.date(2026, 1, 31))
    parts = {(p.facture, p.nature): p.montant for p in r.imputations[0].parts}
    assert parts == {("A", "principal"): Decimal("250.00"), ("B", "principal"): Decimal("250.00")}
    assert r.indemnites == ()


def test_prorata_au_centime() -> None:
    d = _dossier(
        [
            _facture("A", "2026-01-31", "1000.00"),
            _facture("B", "2026-01-31", "1000.00"),
            _facture("C", "2026-01-31", "1000.00"),
        ],
        [{"type": "paiement", "date": "2026-01-31", "montant": "100.00"}],
    )
    r = etablir_decompte(d, au=dt.date(2026, 1, 31))
    montants = [p.montant for p in r.imputations[0].parts]
    assert sum(montants) == Decimal("100.00")
    assert max(montants) - min(montants) <= Decimal("0.01")


def test_designation_du_debiteur_prime_l_ordre_legal() -> None:
    d = _dossier(
        [
            _facture("ANCIENNE", "2026-01-15", "1000.00"),
            _facture("RECENTE", "2026-02-15", "1000.00"),
        ],
        [
            {
                "type": "paiement",
                "date": "2026-03-01",
                "montant": "500.00",
                "factures_designees": ["RECENTE"],
            }
        ],
    )
    r = etablir_decompte(d, au=dt.date(2026, 3, 31))
    assert {p.facture for p in r.imputations[0].parts} == {"RECENTE"}


def test_dette_echue_avant_dette_non_echue() -> None:
    d = _dossier(
        [_facture("FUTURE", "2026-05-31", "1000.00"), _facture("ECHUE", "2026-01-31", "1000.00")],
        [{"type": "paiement", "date": "2026-01-31", "montant": "300.00"}],
    )
    r = etablir_decompte(d, au=dt.date(2026, 2, 28))
    assert {p.facture for p in r.imputations[0].parts} == {"ECHUE"}


def test_taux_le_plus_eleve_d_abord() -> None:
    # Même échéance, mais la créance stipulée à 20 % coûte plus au débiteur : payée d'abord.
    dossier = Dossier.model_validate(
        {
            "reference": "TAUX",
            "creancier": SOCIETE,
            "debiteurs": [CLIENT],
            "creances": [
                {
                    "reference": "BAS",
                    "nature": "vente_biens",
                    "factures": [_facture("B1", "2026-01-31", "1000.00")],
                },
                {
                    "reference": "HAUT",
                    "nature": "vente_biens",
                    "taux_contractuel": "20",
                    "factures": [_facture("H1", "2026-01-31", "1000.00")],
                },
            ],
            "evenements": [{"type": "paiement", "date": "2026-03-01", "montant": "200.00"}],
        }
    )
    r = etablir_decompte(dossier, au=dt.date(2026, 3, 31))
    assert r.imputations[0].parts[0].facture == "H1"


def test_sans_mise_en_demeure_pas_d_interets_et_un_avertissement() -> None:
    d = _dossier([_facture("F", "2026-01-31", "1000.00")], debiteur=PARTICULIER)
    r = etablir_decompte(d, au=dt.date(2026, 3, 31))
    assert r.lignes == ()
    assert any("1231-6" in a and "mise en demeure" in a for a in r.avertissements)


def test_mise_en_demeure_par_echeance() -> None:
    d = _dossier(
        [_facture("F", "2026-01-31", "1000.00")],
        debiteur=PARTICULIER,
        mise_en_demeure_par_echeance=True,
    )
    r = etablir_decompte(d, au=dt.date(2026, 3, 2))
    assert r.lignes[0].du == dt.date(2026, 1, 31)
    assert r.lignes[0].jours == 30
    assert r.avertissements == ()


def test_mise_en_demeure_sans_reception_prend_l_envoi() -> None:
    d = _dossier(
        [_facture("F", "2026-01-31", "1000.00")],
        [{"type": "mise_en_demeure", "date_envoi": "2026-02-10", "moyen": "lettre_simple"}],
        debiteur=PARTICULIER,
    )
    r = etablir_decompte(d, au=dt.date(2026, 3, 2))
    assert r.lignes[0].du == dt.date(2026, 2, 10)
    assert any("date d'envoi" in a for a in r.avertissements)


def test_jugement_sans_date_executoire_pas_de_majoration() -> None:
    d = _dossier(
        [_facture("F", "2025-01-31", "1000.00")],
        [{"type": "jugement", "date": "2025-03-01"}],
        debiteur=PARTICULIER,
    )
    r = etablir_decompte(d, au=dt.date(2026, 3, 31))
    assert {li.regime for li in r.lignes} == {"jugement"}
    assert all(li.note is None for li in r.lignes)
    assert any("L313-3" in a for a in r.avertissements)


def test_indemnite_non_reclamee() -> None:
    d = _dossier([_facture("F", "2026-01-31", "1000.00")])
    r = etablir_decompte(d, au=dt.date(2026, 3, 31), indemnite_forfaitaire=False)
    assert r.indemnites == ()


def test_indemnite_avant_2013_non_due() -> None:
    d = _dossier(
        [
            {
                "numero": "F",
                "date_emission": "2012-11-01",
                "date_echeance": "2012-12-01",
                "montant_ttc": "1000.00",
            }
        ],
        regime_interets="aucun",
    )
    r = etablir_decompte(d, au=dt.date(2013, 6, 30))
    assert r.indemnites == ()
    assert any("indemnité forfaitaire" in a for a in r.avertissements)


def test_frais_complementaires_contre_un_professionnel() -> None:
    d = _dossier([_facture("F", "2026-01-31", "1000.00")])
    r = etablir_decompte(d, au=dt.date(2026, 1, 31), frais_recouvrement=Decimal("150.00"))
    assert [(i.nature, i.montant) for i in r.indemnites] == [("complementaire", Decimal("150.00"))]


def test_frais_refuses_au_consommateur() -> None:
    d = _dossier([_facture("F", "2026-01-31", "1000.00")], debiteur=PARTICULIER)
    with pytest.raises(FraisInterditsConsommateur, match="L111-8"):
        etablir_decompte(d, au=dt.date(2026, 3, 31), frais_recouvrement=Decimal("30.00"))
    # Sans demande expresse : pas d'erreur, et jamais d'indemnité contre un consommateur.
    assert etablir_decompte(d, au=dt.date(2026, 3, 31)).indemnites == ()


def test_trop_percu() -> None:
    d = _dossier(
        [_facture("F", "2026-01-31", "1000.00")],
        [{"type": "paiement", "date": "2026-01-15", "montant": "1200.00"}],
    )
    r = etablir_decompte(d, au=dt.date(2026, 3, 31))
    assert r.trop_percu == Decimal("200.00")
    assert r.total == 0


def test_b2b_au_dela_de_la_couverture_nomme_le_semestre() -> None:
    d = _dossier([_facture("F", "2026-05-31", "1000.00")])
    with pytest.raises(RegleNonCouverte, match="2026-S2"):
        etablir_decompte(d, au=dt.date(2026, 7, 15))


def test_commande_publique_un_seul_taux_au_dela_de_la_couverture() -> None:
    # Le taux est fixé au départ (BCE au 1er janvier 2026 + 8) : aucune valeur à deviner ensuite.
    r = calculer_interets(
        Decimal("1000"), dt.date(2026, 3, 1), dt.date(2026, 12, 31), regime="commande_publique"
    )
    assert [li.taux for li in r.lignes] == [Decimal("10.15")]


def test_diviseur_exact_coupe_au_premier_janvier() -> None:
    r = calculer_interets(
        Decimal("1000"),
        dt.date(2019, 12, 1),
        dt.date(2020, 2, 1),
        regime="penalites_b2b",
        taux_contractuel=Decimal("10"),
        diviseur="exact",
    )
    assert [(li.au, li.diviseur) for li in r.lignes] == [
        (dt.date(2019, 12, 31), 365),
        (dt.date(2020, 2, 1), 366),
    ]


def test_float_refuse() -> None:
    with pytest.raises(TypeError, match="float"):
        calculer_interets(1000.0, dt.date(2026, 1, 1), dt.date(2026, 2, 1))  # type: ignore[arg-type]


@pytest.mark.parametrize("nom", noms_exemples())
def test_exemples_aller_retour_json(nom: str) -> None:
    d = etablir_decompte(dossier_exemple(nom), au=dt.date(2026, 6, 30))
    assert Decompte.model_validate_json(d.model_dump_json()) == d
    assert d.regles_version.startswith("contentieux")
    assert d.valeurs_utilisees
    assert all(v.source for v in d.valeurs_utilisees)


def test_consommateur_exemple_sans_indemnite() -> None:
    d = etablir_decompte(dossier_exemple("consommateur"), au=dt.date(2026, 6, 30))
    assert d.indemnites == ()
    assert {li.regime for li in d.lignes} == {"taux_legal"}


def test_montant_au_centime_exige() -> None:
    with pytest.raises(ValueError, match="au centime"):
        calculer_interets(Decimal("10.001"), dt.date(2026, 1, 1), dt.date(2026, 2, 1))


def test_plancher_2024_s2_signale_pour_le_taux_par_defaut() -> None:
    # 2024-S2 : BCE au 1er juillet 2024 = 4,25 % → 14,25 % ; plancher 3 × 4,92 = 14,76 %.
    r = calculer_interets(
        Decimal("1000.00"), dt.date(2024, 7, 31), dt.date(2024, 8, 31), regime="penalites_b2b"
    )
    (ligne,) = r.lignes
    assert ligne.taux == Decimal("14.25")
    assert ligne.note is not None and "14,76 %" in ligne.note
