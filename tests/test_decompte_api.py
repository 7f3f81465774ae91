"""API du décompte : imputation, avertissements, indemnités, erreurs, sérialisation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from contentieux.erreurs import (
    ArgumentInvalide,
    FraisInterditsConsommateur,
    InteretsHorsLimites,
    RegleNonCouverte,
)
from contentieux.exemples import dossier_exemple, noms_exemples
from contentieux.interets import arrondir, calculer_interets, etablir_decompte
from contentieux.modeles import Dossier
from contentieux.modeles.decompte import Decompte, OptionsDecompte
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
    # Demi supérieur au centime : 0,005 → 0,01 (la moitié monte) ; 2 406,575342 → 2 406,58
    # (troisième décimale 5, suivie de 342 : au-dessus de la moitié).
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
    # Aucun intérêt couru au 31/01/2026 (échéance du jour) : 500,00 / 2 = 250,00 par facture.
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
    assert all(li.note == "taux « autres »" for li in r.lignes)  # ni majoration ni + 5 points
    assert all(li.fondement == "C. civ. 1231-7 ; CMF L313-2" for li in r.lignes)
    assert any("L313-3" in a for a in r.avertissements)


def test_indemnite_non_reclamee() -> None:
    d = _dossier([_facture("F", "2026-01-31", "1000.00")])
    r = etablir_decompte(
        d, au=dt.date(2026, 3, 31), options=OptionsDecompte(indemnite_forfaitaire=False)
    )
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
    r = etablir_decompte(
        d, au=dt.date(2026, 1, 31), options=OptionsDecompte(frais_recouvrement=Decimal("150.00"))
    )
    # Les frais demandés (150,00) sont repris tels quels ; la facture n'est pas encore en retard
    # au 31/01/2026 (échéance du jour) : pas d'indemnité de 40 €.
    assert [(i.nature, i.montant) for i in r.indemnites] == [("complementaire", Decimal("150.00"))]


def test_frais_refuses_au_consommateur() -> None:
    d = _dossier([_facture("F", "2026-01-31", "1000.00")], debiteur=PARTICULIER)
    with pytest.raises(FraisInterditsConsommateur, match="L111-8"):
        etablir_decompte(
            d, au=dt.date(2026, 3, 31), options=OptionsDecompte(frais_recouvrement=Decimal("30.00"))
        )
    # Sans demande expresse : pas d'erreur, et jamais d'indemnité contre un consommateur.
    assert etablir_decompte(d, au=dt.date(2026, 3, 31)).indemnites == ()


def test_trop_percu() -> None:
    d = _dossier(
        [_facture("F", "2026-01-31", "1000.00")],
        [{"type": "paiement", "date": "2026-01-15", "montant": "1200.00"}],
    )
    r = etablir_decompte(d, au=dt.date(2026, 3, 31))
    # Payé avant l'échéance (ni intérêt ni indemnité) : 1 200,00 − 1 000,00 = 200,00.
    assert r.trop_percu == Decimal("200.00")
    assert r.total == 0


def test_b2b_au_dela_de_la_couverture_nomme_la_valeur_employee() -> None:
    # Taux par défaut (BCE au 1er juillet + 10 points) : seule la BCE manque, pas le taux légal
    # du semestre (le plancher ne lie que le taux stipulé).
    d = _dossier([_facture("F", "2026-05-31", "1000.00")])
    with pytest.raises(RegleNonCouverte, match=r"bce\.taux_refinancement") as exc:
        etablir_decompte(d, au=dt.date(2026, 7, 15))
    manquantes = exc.value.manquantes
    assert [(m.identifiant, m.au, m.semestre) for m in manquantes] == [
        ("bce.taux_refinancement", "2026-07-01", "2026-S2")
    ]


def test_commande_publique_un_seul_taux_au_dela_de_la_couverture() -> None:
    # Le taux est fixé au départ (BCE au 1er janvier 2026 + 8) : aucune valeur à deviner ensuite.
    r = calculer_interets(
        Decimal("1000"), dt.date(2026, 3, 1), dt.date(2026, 12, 31), regime="commande_publique"
    )
    # BCE en vigueur le 1er janvier 2026 : 2,15 % (depuis le 11/06/2025) ; + 8 points = 10,15 %.
    assert [li.taux for li in r.lignes] == [Decimal("10.15")]


def test_diviseur_exact_coupe_au_premier_janvier() -> None:
    r = calculer_interets(
        Decimal("1000"),
        dt.date(2019, 12, 1),
        dt.date(2020, 2, 1),
        regime="penalites_b2b",
        taux_contractuel=Decimal("10"),
        options=OptionsDecompte(diviseur="exact"),
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


# --- choix juridiques revus (jugement, 40 €, capitalisation, demande en justice…) ---------------


def test_exemple_commande_publique_paiement_impute_sur_le_principal() -> None:
    # Facture de 18 600 € échue le 14/06/2025 ; taux unique BCE au 1er janvier 2025 (3,15 %) + 8.
    # Paiement de 10 000 € le 29/08/2025 imputé sur le principal (CCP R2192-36).
    # 18 600 × 11,15 % × 76 / 365 = 431,826 → 431,83 ; 8 600 × 11,15 % × 305 / 365 = 801,273
    # → 801,27 ; total 8 600 + 431,83 + 801,27 + 40 = 9 873,10.
    d = etablir_decompte(dossier_exemple("commande_publique"), au=dt.date(2026, 6, 30))
    assert [(p.nature, p.montant) for p in d.imputations[0].parts] == [
        ("principal", Decimal("10000.00"))
    ]
    assert [li.montant for li in d.lignes] == [Decimal("431.83"), Decimal("801.27")]
    assert d.total == Decimal("9873.10")
    assert "CCP R2192-36" in d.fondements
    assert "CCP R2192-36" in d.imputations[0].fondements


def test_paiement_public_principal_puis_interets() -> None:
    # Le reste du paiement, une fois le principal soldé, va aux intérêts puis à l'indemnité.
    public = {**CLIENT, "denomination": "Commune", "qualite": "acheteur_public"}
    d = _dossier(
        [_facture("P", "2026-01-31", "1000.00")],
        [{"type": "paiement", "date": "2026-03-02", "montant": "1020.00"}],
        debiteur=public,
    )
    r = etablir_decompte(d, au=dt.date(2026, 3, 31))
    natures = [p.nature for p in r.imputations[0].parts]
    assert natures == ["principal", "interets", "indemnite"]
    assert r.total_principal_restant == 0


def test_credit_consommation_jamais_capitalise() -> None:
    d = _dossier(
        [_facture("E", "2023-01-31", "5000.00")],
        [
            {
                "type": "mise_en_demeure",
                "date_envoi": "2023-02-01",
                "date_reception": "2023-02-03",
                "moyen": "lettre_recommandee_ar",
            }
        ],
        debiteur=PARTICULIER,
        nature="credit_consommation",
        capitalisation_stipulee=True,
    )
    r = etablir_decompte(d, au=dt.date(2025, 6, 30))
    assert r.capitalisations == ()
    assert all(li.dont_interets_capitalises == 0 for li in r.lignes)
    assert any("9 févr. 2012" in a and "20 avr. 2022" in a for a in r.avertissements)


def test_capitalisation_judiciaire_sans_demande_part_du_jugement() -> None:
    d = _dossier(
        [_facture("K", "2023-01-01", "10000.00")],
        [{"type": "jugement", "date": "2023-09-01", "capitalisation_ordonnee": True}],
        taux_contractuel="20",
    )
    r = etablir_decompte(d, au=dt.date(2025, 3, 1))
    assert [c.date for c in r.capitalisations] == [dt.date(2024, 9, 1)]


def test_capitalisation_stipulee_garde_l_anniversaire_du_depart() -> None:
    d = _dossier(
        [_facture("K", "2023-01-01", "10000.00")],
        [
            {"type": "demande_en_justice", "date": "2023-07-01"},
            {"type": "jugement", "date": "2023-09-01", "capitalisation_ordonnee": True},
        ],
        taux_contractuel="20",
        capitalisation_stipulee=True,
    )
    r = etablir_decompte(d, au=dt.date(2025, 3, 1))
    assert [c.date for c in r.capitalisations] == [dt.date(2024, 1, 1), dt.date(2025, 1, 1)]


def test_demande_en_justice_plus_ancienne_que_la_mise_en_demeure() -> None:
    d = _dossier(
        [_facture("F", "2026-01-31", "1000.00")],
        [
            {"type": "demande_en_justice", "date": "2026-02-10"},
            {
                "type": "mise_en_demeure",
                "date_envoi": "2026-02-20",
                "date_reception": "2026-02-23",
                "moyen": "lettre_recommandee_ar",
            },
        ],
        debiteur=PARTICULIER,
    )
    r = etablir_decompte(d, au=dt.date(2026, 3, 31))
    assert r.lignes[0].du == dt.date(2026, 2, 10)


def test_mise_en_demeure_plus_ancienne_que_la_demande() -> None:
    d = _dossier(
        [_facture("F", "2026-01-31", "1000.00")],
        [
            {
                "type": "mise_en_demeure",
                "date_envoi": "2026-02-02",
                "date_reception": "2026-02-04",
                "moyen": "lettre_recommandee_ar",
            },
            {"type": "demande_en_justice", "date": "2026-03-10"},
        ],
        debiteur=PARTICULIER,
    )
    r = etablir_decompte(d, au=dt.date(2026, 3, 31))
    assert r.lignes[0].du == dt.date(2026, 2, 4)


def test_requete_en_injonction_ne_vaut_pas_mise_en_demeure() -> None:
    d = _dossier(
        [_facture("F", "2026-01-31", "1000.00")],
        [{"type": "demande_en_justice", "date": "2026-02-10", "nature": "requete_injonction"}],
        debiteur=PARTICULIER,
    )
    r = etablir_decompte(d, au=dt.date(2026, 3, 31))
    assert r.lignes == ()
    assert any("aucune mise en demeure" in a for a in r.avertissements)


def test_depart_envoi_ignore_la_date_d_effet_et_le_dit() -> None:
    d = _dossier(
        [_facture("F", "2026-01-31", "1000.00")],
        [
            {
                "type": "mise_en_demeure",
                "date_envoi": "2026-02-02",
                "date_reception": "2026-02-05",
                "date_effet": "2026-02-12",
                "moyen": "lettre_recommandee_ar",
            }
        ],
        debiteur=PARTICULIER,
    )
    r = etablir_decompte(
        d, au=dt.date(2026, 3, 31), options=OptionsDecompte(depart_taux_legal="envoi")
    )
    assert r.lignes[0].du == dt.date(2026, 2, 2)
    assert any("date d'effet" in a and "ignorée" in a for a in r.avertissements)
    r = etablir_decompte(d, au=dt.date(2026, 3, 31))
    assert r.lignes[0].du == dt.date(2026, 2, 12)


def test_indemnite_demandee_par_un_creancier_non_professionnel() -> None:
    bailleur = {**PARTICULIER, "nom": "Garnier", "qualite": "non_professionnel"}
    d = Dossier.model_validate(
        {
            "reference": "BAIL",
            "creancier": bailleur,
            "debiteurs": [CLIENT],
            "creances": [
                {
                    "reference": "C",
                    "nature": "autre",
                    "factures": [_facture("L", "2026-01-31", "1000.00")],
                }
            ],
        }
    )
    r = etablir_decompte(
        d, au=dt.date(2026, 3, 31), options=OptionsDecompte(indemnite_forfaitaire=True)
    )
    assert r.indemnites == ()
    assert any("créancier n'est pas un professionnel" in a for a in r.avertissements)


def test_compte_jours_deux_bornes_un_jour_de_plus() -> None:
    # Exemple de la doc : 10 000 € échus le 31/01/2026, au 03/03/2026, 12,15 %.
    # debut_exclu : 31 jours → 10 000 × 12,15 % × 31 / 365 = 103,192 → 103,19
    # deux_bornes : 32 jours → 10 000 × 12,15 % × 32 / 365 = 106,521 → 106,52
    d = _dossier([_facture("F", "2026-01-31", "10000.00")])
    exclu = etablir_decompte(d, au=dt.date(2026, 3, 3))
    bornes = etablir_decompte(
        d, au=dt.date(2026, 3, 3), options=OptionsDecompte(compte_jours="deux_bornes")
    )
    assert [(li.du, li.jours, li.montant) for li in exclu.lignes] == [
        (dt.date(2026, 1, 31), 31, Decimal("103.19"))
    ]
    assert [(li.du, li.jours, li.montant) for li in bornes.lignes] == [
        (dt.date(2026, 1, 30), 32, Decimal("106.52"))
    ]
    assert bornes.options.compte_jours == "deux_bornes"
    r = calculer_interets(
        Decimal("10000.00"),
        dt.date(2026, 1, 31),
        dt.date(2026, 3, 3),
        regime="penalites_b2b",
        options=OptionsDecompte(compte_jours="deux_bornes"),
    )
    assert r.total == Decimal("106.52")


def test_compte_jours_deux_bornes_un_seul_jour_de_plus_malgre_les_paiements() -> None:
    d = _dossier(
        [_facture("F", "2026-01-31", "10000.00")],
        [{"type": "paiement", "date": "2026-02-15", "montant": "5000.00"}],
    )
    exclu = etablir_decompte(d, au=dt.date(2026, 3, 31))
    bornes = etablir_decompte(
        d, au=dt.date(2026, 3, 31), options=OptionsDecompte(compte_jours="deux_bornes")
    )
    assert sum(li.jours for li in bornes.lignes) == sum(li.jours for li in exclu.lignes) + 1


def test_plancher_contrat_muet_2024_s2() -> None:
    # 2024-S2 : 3 × 4,92 = 14,76 % > 4,25 + 10 = 14,25 % ; 1 000 × 14,76 % × 31 / 365 = 12,536
    r = calculer_interets(
        Decimal("1000.00"),
        dt.date(2024, 7, 31),
        dt.date(2024, 8, 31),
        regime="penalites_b2b",
        options=OptionsDecompte(plancher_contrat_muet=True),
    )
    (ligne,) = r.lignes
    assert ligne.taux == Decimal("14.76")
    assert ligne.montant == Decimal("12.54")
    assert ligne.note is not None and "contrat muet relevé au plancher" in ligne.note


def test_plancher_contrat_muet_ne_touche_pas_les_autres_semestres() -> None:
    # 2026-S1 : 2,15 + 10 = 12,15 % > 3 × 2,62 = 7,86 % : l'option ne change rien.
    d = _dossier([_facture("F", "2026-01-31", "10000.00")])
    avec = etablir_decompte(
        d, au=dt.date(2026, 3, 3), options=OptionsDecompte(plancher_contrat_muet=True)
    )
    sans = etablir_decompte(d, au=dt.date(2026, 3, 3))
    assert avec.lignes == sans.lignes


def test_jugement_taux_legal_bascule_toujours() -> None:
    # Créance au taux légal : après jugement, intérêts 1231-7, quelle que soit l'option.
    d = _dossier(
        [_facture("F", "2025-01-31", "1000.00")],
        [{"type": "jugement", "date": "2025-03-01", "date_caractere_executoire": "2025-03-10"}],
        debiteur=PARTICULIER,
    )
    for option in ("regime", "taux_legal"):
        r = etablir_decompte(
            d, au=dt.date(2025, 9, 30), options=OptionsDecompte(apres_jugement=option)
        )  # type: ignore[arg-type]
        assert {li.regime for li in r.lignes} == {"jugement"}
        assert any(li.taux == Decimal("8.71") for li in r.lignes)  # 3,71 + 5 en 2025-S1


def test_commande_publique_continue_apres_jugement() -> None:
    public = {**CLIENT, "denomination": "Commune", "qualite": "acheteur_public"}
    d = _dossier(
        [_facture("P", "2025-01-31", "1000.00")],
        [{"type": "jugement", "date": "2025-06-01", "date_caractere_executoire": "2025-06-10"}],
        debiteur=public,
    )
    r = etablir_decompte(d, au=dt.date(2026, 3, 31))
    # Retard né le 1er février 2025 (2025-S1) : BCE au 1er janvier 2025, 3,15 % (depuis le
    # 18/12/2024), + 8 points = 11,15 %, un seul taux pour tout le retard (CCP R2192-31).
    assert {(li.regime, li.taux) for li in r.lignes} == {("commande_publique", Decimal("11.15"))}
    r = etablir_decompte(
        d, au=dt.date(2026, 3, 31), options=OptionsDecompte(apres_jugement="taux_legal")
    )
    assert "jugement" in {li.regime for li in r.lignes}


# --- Frontière de l'API : arguments vérifiés avant le moteur ------------------------------------


def test_un_dossier_non_valide_est_refuse_avec_un_message_clair() -> None:
    with pytest.raises(TypeError, match=r"dossier : un contentieux\.Dossier est attendu, pas dict"):
        etablir_decompte({"reference": "X"}, au=dt.date(2026, 6, 30))  # type: ignore[arg-type]


def test_une_date_en_texte_est_refusee_avec_un_message_clair() -> None:
    with pytest.raises(
        ArgumentInvalide, match=r"au : une date \(datetime.date\) est attendue, pas str"
    ):
        etablir_decompte(dossier_exemple("b2b"), au="2026-06-30")  # type: ignore[arg-type]


def test_une_date_et_heure_est_refusee() -> None:
    with pytest.raises(ArgumentInvalide, match="pas datetime") as info:
        etablir_decompte(dossier_exemple("b2b"), au=dt.datetime(2026, 6, 30, 12))
    assert info.value.code == "argument_invalide" and isinstance(info.value, TypeError)


def test_options_inconnues_refusees_en_francais() -> None:
    with pytest.raises(ValidationError, match="« 366 » n'est pas une valeur admise"):
        OptionsDecompte(diviseur="366")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="« 365 » ou « exact » \\(un texte\\)"):
        OptionsDecompte(diviseur=366)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="extra"):
        OptionsDecompte(diviser="365")  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="plancher_contrat_muet"):
        OptionsDecompte(plancher_contrat_muet="oui")  # type: ignore[arg-type]
    with pytest.raises(
        ArgumentInvalide, match="options : un OptionsDecompte est attendu, pas dict"
    ):
        etablir_decompte(
            dossier_exemple("b2b"),
            au=dt.date(2026, 6, 30),
            options={"diviseur": "exact"},  # type: ignore[arg-type]
        )
    with pytest.raises(TypeError, match="unexpected keyword argument 'diviseur'"):
        etablir_decompte(dossier_exemple("b2b"), au=dt.date(2026, 6, 30), diviseur="exact")  # type: ignore[call-arg]


def test_calculer_interets_refuse_un_regime_inconnu() -> None:
    with pytest.raises(ArgumentInvalide, match="regime : 'penalite_b2b' n'est pas une valeur"):
        calculer_interets(
            Decimal("100"),
            dt.date(2026, 1, 1),
            dt.date(2026, 2, 1),
            regime="penalite_b2b",  # type: ignore[arg-type]
        )
    with pytest.raises(ArgumentInvalide, match="options : un OptionsDecompte est attendu"):
        calculer_interets(
            Decimal("100"),
            dt.date(2026, 1, 1),
            dt.date(2026, 2, 1),
            options={"diviseur": "exact"},  # type: ignore[arg-type]
        )
    # Une seule convention d'options : plus d'arguments épars (diviseur=…, compte_jours=…).
    with pytest.raises(TypeError, match="unexpected keyword argument 'diviseur'"):
        calculer_interets(
            Decimal("100"),
            dt.date(2026, 1, 1),
            dt.date(2026, 2, 1),
            diviseur="exact",  # type: ignore[call-arg]
        )
    # Une option propre au décompte d'un dossier est refusée, pas ignorée en silence.
    with pytest.raises(ArgumentInvalide, match="frais_recouvrement n'a pas d'objet") as exc:
        calculer_interets(
            Decimal("100"),
            dt.date(2026, 1, 1),
            dt.date(2026, 2, 1),
            options=OptionsDecompte(frais_recouvrement=Decimal("50")),
        )
    assert exc.value.champ == "options"
    with pytest.raises(ArgumentInvalide, match="fin : une date"):
        calculer_interets(Decimal("100"), dt.date(2026, 1, 1), dt.datetime(2026, 2, 1))
    with pytest.raises(ArgumentInvalide, match="jamais un float"):
        calculer_interets(1.5, dt.date(2026, 1, 1), dt.date(2026, 2, 1))  # type: ignore[arg-type]


def test_aucun_etat_d_un_decompte_a_l_autre() -> None:
    """Deux créances aux taux stipulés « égaux » mais écrits « 5.0 » et « 5 » : chacune garde son
    texte, quel que soit l'ordre des décomptes (il n'y a plus de cache global)."""

    def dossier(taux: str) -> Dossier:
        brut = dossier_exemple("b2b").model_dump(mode="json")
        brut["creances"][0]["taux_contractuel"] = taux
        return Dossier.model_validate(brut)

    au = dt.date(2026, 6, 30)
    seul = etablir_decompte(dossier("5"), au=au).model_dump_json()
    etablir_decompte(dossier("5.0"), au=au)
    assert etablir_decompte(dossier("5"), au=au).model_dump_json() == seul
    assert "taux stipulé 5 % relevé" in seul and "5,0 %" not in seul
    assert "taux stipulé 5,0 % relevé" in etablir_decompte(dossier("5.0"), au=au).model_dump_json()


def test_capitalisation_qui_deborde_erreur_claire() -> None:
    """100 % l'an capitalisé pendant un siècle : refus clair, pas d'InvalidOperation."""
    brut = dossier_exemple("consommateur").model_dump(mode="json")
    creance = brut["creances"][0]
    creance.update(
        nature="prestation_services",
        taux_contractuel="100",
        capitalisation_stipulee=True,
        mise_en_demeure_par_echeance=True,
    )
    for facture in creance["factures"]:
        facture.update(date_emission="1925-01-01", date_echeance="1925-01-31")
    with pytest.raises(InteretsHorsLimites, match="dépassent") as info:
        etablir_decompte(Dossier.model_validate(brut), au=dt.date(2025, 12, 31))
    assert info.value.code == "interets_hors_limites"
    # Sur dix ans, le même dossier se calcule, exactement : le total est la somme de ses parties.
    for facture in creance["factures"]:
        facture.update(date_emission="2015-01-01", date_echeance="2015-01-31")
    d = etablir_decompte(Dossier.model_validate(brut), au=dt.date(2025, 12, 31))
    assert d.total == (
        d.total_principal_restant
        + d.total_interets
        + d.total_penalites
        + d.total_indemnites
        + d.total_clauses_penales
        - d.total_accessoires_regles
    )
    assert d.capitalisations and d.total > 1000 * d.total_principal


def test_les_options_sont_validees_comme_des_donnees() -> None:
    """Un ERP peut passer les frais en texte : ils sont validés (pydantic), jamais en float."""
    d = etablir_decompte(
        dossier_exemple("b2b"),
        au=dt.date(2026, 6, 30),
        options=OptionsDecompte(frais_recouvrement="150.00"),
    )  # type: ignore[arg-type]
    # Le texte "150.00" lu comme Decimal, puis repris tel quel en indemnité complémentaire.
    assert d.options.frais_recouvrement == Decimal("150.00")
    assert any(
        i.nature == "complementaire" and i.montant == Decimal("150.00") for i in d.indemnites
    )
    with pytest.raises(ValueError, match="virgule flottante"):
        etablir_decompte(
            dossier_exemple("b2b"),
            au=dt.date(2026, 6, 30),
            options=OptionsDecompte(frais_recouvrement=1.5),
        )  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="diviseur"):
        etablir_decompte(
            dossier_exemple("b2b"), au=dt.date(2026, 6, 30), options=OptionsDecompte(diviseur="360")
        )  # type: ignore[arg-type]


def test_deux_mises_en_demeure_tout_ordre_meme_decompte() -> None:
    """Issue 13 : le résultat ne dépend pas de l'ordre des mises en demeure ; la première reçue
    l'emporte, même envoyée après l'autre (loyer, au 1er janvier 2026)."""
    import itertools

    brut = dossier_exemple("loyer").model_dump(mode="json")
    tardive = {  # envoyée avant celle de l'exemple (20/11), reçue après (24/11)
        "type": "mise_en_demeure",
        "date_envoi": "2025-11-18",
        "date_reception": "2025-12-02",
        "moyen": "lettre_recommandee_ar",
    }
    autres = [e for e in brut["evenements"] if e["type"] != "mise_en_demeure"]
    meds = [e for e in brut["evenements"] if e["type"] == "mise_en_demeure"] + [tardive]
    sorties = set()
    for ordre in itertools.permutations([*meds, *autres]):
        brut["evenements"] = list(ordre)
        d = etablir_decompte(Dossier.model_validate(brut), au=dt.date(2026, 1, 1))
        sorties.add(d.model_dump_json())
        assert all(li.du >= dt.date(2025, 11, 24) for li in d.lignes if li.regime == "taux_legal")
        assert any(li.du == dt.date(2025, 11, 24) for li in d.lignes)
    assert len(sorties) == 1


@pytest.mark.parametrize(
    "arguments",
    [
        {"au": None},
        {"au": 20260630},
        {"au": dt.date(2026, 6, 30), "options": None},
        {"au": dt.date(2026, 6, 30), "options": "exact"},
        {"au": dt.date(2026, 6, 30), "regles": "regles/"},
    ],
    ids=["au-none", "au-entier", "options-none", "options-texte", "regles-texte"],
)
def test_arguments_mal_formes_erreur_documentee(arguments: dict[str, Any]) -> None:
    """Seules les erreurs documentées sortent d'``etablir_decompte`` (issue 13)."""
    with pytest.raises(ArgumentInvalide) as info:
        etablir_decompte(dossier_exemple("b2b"), **arguments)
    assert info.value.code == "argument_invalide"
    assert "attendu" in str(info.value) or "attendue" in str(info.value)
