"""Décisions partagées de ``contentieux.droit`` : régime, ordre d'imputation, mise en demeure."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentieux.droit.imputation import (
    OrdreImputation,
    imputer_sur_echeances,
    repartir,
    ventiler,
)
from contentieux.droit.mise_en_demeure import date_effet, mise_en_demeure_effective
from contentieux.droit.regime import regime_interets
from contentieux.modeles import Dossier
from contentieux.modeles.creances import Creance
from contentieux.modeles.evenements import MiseEnDemeure
from tests.parties_types import CLIENT, PARTICULIER, SOCIETE

D = dt.date
PUBLIC: dict[str, Any] = {
    **SOCIETE,
    "denomination": "Commune de Lyon",
    "qualite": "acheteur_public",
}


def _creance(**champs: Any) -> Creance:
    return Creance.model_validate(
        {
            "reference": "C1",
            "nature": champs.pop("nature", "prestation_services"),
            "factures": [
                {
                    "numero": "F1",
                    "date_emission": "2025-01-01",
                    "date_echeance": "2025-01-31",
                    "montant_ttc": "1000.00",
                }
            ],
            **champs,
        }
    )


def _dossier(creancier: dict[str, Any], debiteur: dict[str, Any], **champs: Any) -> Dossier:
    creance = _creance(**champs).model_dump(mode="json")
    return Dossier.model_validate(
        {"reference": "D", "creancier": creancier, "debiteurs": [debiteur], "creances": [creance]}
    )


def _regime(creancier: dict[str, Any], debiteur: dict[str, Any], **champs: Any) -> Any:
    d = _dossier(creancier, debiteur, **champs)
    return regime_interets(d.creancier, d.debiteur, d.creances[0])


# --- Régime ----------------------------------------------------------------------------------


def test_regime_entre_professionnels() -> None:
    r = _regime(SOCIETE, CLIENT, taux_contractuel="12")
    assert (r.nom, r.taux_stipule, r.fondements) == (
        "penalites_b2b",
        Decimal("12"),
        ("C. com. L441-10",),
    )
    assert not r.court_des_mise_en_demeure


def test_regime_debiteur_acheteur_public() -> None:
    r = _regime(SOCIETE, PUBLIC)
    assert r.nom == "commande_publique" and "CCP R2192-31" in r.fondements


def test_regime_creancier_acheteur_public_taux_legal() -> None:
    """Un acheteur public créancier n'a droit ni à L441-10 ni à R2192-31 : droit commun."""
    r = _regime(PUBLIC, CLIENT)
    assert r.nom == "taux_legal" and r.court_des_mise_en_demeure
    assert "acheteur public" in r.motif
    stipule = _regime(PUBLIC, CLIENT, taux_contractuel="6")
    assert (stipule.nom, stipule.taux_stipule) == ("taux_conventionnel", Decimal("6"))


def test_regime_taux_stipule_contre_consommateur() -> None:
    r = _regime(SOCIETE, PARTICULIER, taux_contractuel="9.5")
    assert (r.nom, r.taux_stipule) == ("taux_conventionnel", Decimal("9.5"))
    assert r.avertissement is not None and "1231-5" in r.avertissement
    assert r.court_des_mise_en_demeure


def test_regime_credit_consommation_taux_du_pret() -> None:
    r = _regime(SOCIETE, PARTICULIER, nature="credit_consommation", taux_pret="5.9")
    assert (r.nom, r.taux_stipule) == ("taux_conventionnel", Decimal("5.9"))
    assert "C. consom. L312-39" in r.fondements
    sans = _regime(SOCIETE, PARTICULIER, nature="credit_consommation")
    assert sans.nom == "taux_legal"
    assert sans.avertissement is not None and "taux_pret" in sans.avertissement


def test_regime_sans_stipulation_taux_legal() -> None:
    assert _regime(SOCIETE, PARTICULIER).nom == "taux_legal"
    assert _regime(PARTICULIER, PARTICULIER).nom == "taux_legal"


def test_regime_choisi_dans_le_dossier() -> None:
    assert _regime(SOCIETE, CLIENT, regime_interets="aucun").nom is None
    legal = _regime(SOCIETE, CLIENT, regime_interets="taux_legal", taux_contractuel="12")
    assert legal.nom == "taux_legal"
    assert legal.avertissement is not None and "n'est pas appliqué" in legal.avertissement
    assert _regime(SOCIETE, PARTICULIER, regime_interets="commande_publique").nom == (
        "commande_publique"
    )


def test_taux_conventionnel_sans_taux_refuse() -> None:
    with pytest.raises(ValueError, match="taux_conventionnel"):
        _creance(regime_interets="taux_conventionnel")


# --- Mise en demeure -------------------------------------------------------------------------


def _med(envoi: dt.date, reception: dt.date | None = None, **champs: Any) -> MiseEnDemeure:
    return MiseEnDemeure(
        date_envoi=envoi, date_reception=reception, moyen="lettre_recommandee_ar", **champs
    )


MEDS = [
    _med(D(2025, 3, 3), D(2025, 3, 12)),
    _med(D(2025, 3, 5), D(2025, 3, 6)),  # envoyée après, reçue avant : elle l'emporte
    _med(D(2025, 2, 1)),  # réception inconnue : son envoi vaut date d'effet… le 1er février
    _med(D(2025, 7, 1), D(2025, 7, 2)),  # après « au » : ignorée
]


@pytest.mark.parametrize("convention", ["reception", "envoi"])
def test_mise_en_demeure_effective_quel_que_soit_l_ordre(convention: Any) -> None:
    attendue = MEDS[2]
    for ordre in itertools.permutations(MEDS):
        assert mise_en_demeure_effective(ordre, au=D(2025, 6, 30), convention=convention) is (
            attendue
        )


def test_mise_en_demeure_reception_anterieure_a_un_envoi_plus_ancien() -> None:
    meds = MEDS[:2]
    for ordre in itertools.permutations(meds):
        assert mise_en_demeure_effective(ordre, au=D(2025, 6, 30)) is meds[1]
        assert mise_en_demeure_effective(ordre, au=D(2025, 6, 30), convention="envoi") is (meds[0])
    assert date_effet(meds[1]) == D(2025, 3, 6)
    assert mise_en_demeure_effective(meds, au=D(2025, 3, 2)) is None
    assert mise_en_demeure_effective([], au=D(2025, 3, 2)) is None


def test_mise_en_demeure_date_effet_retenue() -> None:
    m = _med(D(2025, 3, 3), D(2025, 3, 12), date_effet=D(2025, 3, 20))
    assert date_effet(m) == D(2025, 3, 20) and date_effet(m, "envoi") == D(2025, 3, 3)


@given(st.permutations(list(range(5))))
def test_mise_en_demeure_memes_dates_ordre_total(ordre: list[int]) -> None:
    meds = [_med(D(2025, 3, 3), D(2025, 3, 6), delai_jours=j + 1) for j in range(5)]
    choisie = mise_en_demeure_effective([meds[i] for i in ordre], au=D(2025, 6, 30))
    assert choisie is mise_en_demeure_effective(meds, au=D(2025, 6, 30))


# --- Imputation ------------------------------------------------------------------------------


def test_ventiler_interets_avant_principal() -> None:
    # 50 sur des soldes (10, 5, 100) pris dans l'ordre : 10, 5, puis 50 − 15 = 35 ; reste 0.
    assert ventiler(Decimal("50"), [Decimal("10"), Decimal("5"), Decimal("100")]) == (
        [Decimal("10"), Decimal("5"), Decimal("35")],
        Decimal("0"),
    )
    # 200 sur (10, 0, 100) : tout est soldé, reste 200 − 110 = 90.
    parts, reste = ventiler(Decimal("200"), [Decimal("10"), Decimal("0"), Decimal("100")])
    assert parts == [Decimal("10"), Decimal("0"), Decimal("100")] and reste == Decimal("90")


def test_ordre_des_postes_par_defaut_et_stipule() -> None:
    """Issue 18 point 7 : intérêts, principal, puis indemnité (l'indemnité n'est pas un
    intérêt, C. civ. 1343-1) ; l'indemnité avant le principal seulement si le contrat le dit."""
    from contentieux.droit.imputation import postes_imputes

    assert postes_imputes(None) == ("interets", "principal", "indemnite")
    assert postes_imputes("interets_indemnite_principal") == ("interets", "indemnite", "principal")


def test_ordre_stipule_sans_piece_refuse() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="ordre_imputation : la créance C1 stipule"):
        _creance(ordre_imputation="interets_indemnite_principal")
    with pytest.raises(ValidationError, match="ordre_imputation"):
        _creance(
            ordre_imputation="principal_d_abord",
            pieces=[{"type": "contrat", "reference": "K"}],
        )
    creance = _creance(
        ordre_imputation="interets_indemnite_principal",
        pieces=[{"type": "contrat", "reference": "K"}],
    )
    assert creance.ordre_imputation == "interets_indemnite_principal"


def test_ordre_stipule_ignore_pour_un_acheteur_public() -> None:
    """CCP R2192-36 prime : le paiement de l'acheteur public va d'abord au principal."""
    from contentieux.interets import etablir_decompte

    dossier = Dossier.model_validate(
        {
            "reference": "D",
            "creancier": SOCIETE,
            "debiteurs": [PUBLIC],
            "creances": [
                _creance(
                    ordre_imputation="interets_indemnite_principal",
                    pieces=[{"type": "contrat", "reference": "K"}],
                    contrat_administratif=True,
                ).model_dump(mode="json")
            ],
            "evenements": [{"type": "paiement", "date": "2025-03-31", "montant": "500.00"}],
        }
    )
    d = etablir_decompte(dossier, au=D(2025, 4, 30))
    assert [p.nature for p in d.imputations[0].parts] == ["principal"]
    assert any("Ordre d'imputation stipulé ignoré" in a for a in d.avertissements)


@given(
    st.decimals(min_value=0, max_value=10_000, places=2),
    st.lists(st.decimals(min_value=0, max_value=10_000, places=2), min_size=1, max_size=6),
)
def test_repartir_au_prorata_exact(montant: Decimal, soldes: list[Decimal]) -> None:
    parts = repartir(montant, soldes)
    assert all(Decimal(0) <= p <= s for p, s in zip(parts, soldes, strict=True))
    assert sum(parts, start=Decimal(0)) == min(montant, sum(soldes, start=Decimal(0)))


def test_echeances_les_plus_anciennes_d_abord_et_regularisation() -> None:
    """R312-35 : un paiement solde l'échéance impayée la plus ancienne ; il « régularise »."""
    echeances = [(D(2024, m, 5), Decimal("100")) for m in range(1, 7)]
    # Janvier et février impayés ; paiement de 200 € en avril : régularise janvier et février.
    restes = imputer_sur_echeances(
        echeances, [(D(2024, 3, 5), Decimal("100")), (D(2024, 4, 20), Decimal("200"))]
    )
    assert restes == [0, 0, 0, 100, 100, 100]
    # Un paiement anticipé va aux échues d'abord, puis à la plus proche échéance à venir.
    restes = imputer_sur_echeances(echeances, [(D(2024, 1, 10), Decimal("150"))])
    assert restes == [0, 50, 100, 100, 100, 100]


@st.composite
def _dettes(draw: st.DrawFn) -> tuple[list[tuple[str, dt.date, Decimal]], dt.date]:
    n = draw(st.integers(1, 25))
    groupes = draw(
        st.lists(st.sampled_from([Decimal(0), Decimal(3), Decimal(8)]), min_size=3, max_size=3)
    )
    dettes = [
        (
            draw(st.sampled_from("abc")),
            D(2025, 1, 1) + dt.timedelta(days=draw(st.integers(0, 60))),
            Decimal(0),
        )
        for _ in range(n)
    ]
    dettes = [(g, e, groupes["abc".index(g)]) for g, e, _ in dettes]
    jour = D(2025, 1, 1) + dt.timedelta(days=draw(st.integers(0, 70)))
    return dettes, jour


@settings(max_examples=200)
@given(_dettes(), st.data())
def test_ordre_egal_au_tri_naif(entree: Any, data: st.DataObject) -> None:
    """L'ordre paresseux par groupes est exactement le tri de 1342-10 de toutes les dettes."""
    dettes, jour = entree
    soldees = data.draw(st.sets(st.integers(0, len(dettes) - 1)))
    indices = list(range(len(dettes)))
    ordre = OrdreImputation(indices, echeance=lambda i: dettes[i][1], groupe=lambda i: dettes[i][0])

    def taux(i: int) -> Decimal:
        return dettes[i][2] if dettes[i][1] < jour else Decimal(0)

    obtenu = list(ordre.ordre(jour, taux=taux, ouverte=lambda i: i not in soldees))
    ouvertes = [i for i in indices if i not in soldees]
    cles = {i: (dettes[i][1] > jour, -taux(i), dettes[i][1]) for i in ouvertes}
    attendu: list[list[int]] = []
    for _, groupe in itertools.groupby(sorted(ouvertes, key=lambda i: (cles[i], i)), cles.get):
        attendu.append(list(groupe))
    assert obtenu == attendu


def test_ordre_designees_d_abord_et_sans_interet() -> None:
    dettes = [D(2025, 1, 10), D(2025, 1, 20), D(2025, 1, 5)]
    ordre = OrdreImputation([0, 1, 2], echeance=dettes.__getitem__, groupe=lambda i: "g")
    taux = {0: Decimal(8), 1: Decimal(8), 2: Decimal(8)}
    groupes = list(
        ordre.ordre(D(2025, 2, 1), taux=taux.__getitem__, ouverte=lambda i: True, designees=[1])
    )
    assert groupes == [[1], [2], [0]]
    # La dette 2 ne porte plus intérêt (principal soldé) : elle passe après celles qui en portent.
    ordre.sans_interet(2)
    groupes = list(ordre.ordre(D(2025, 2, 1), taux=taux.__getitem__, ouverte=lambda i: True))
    assert groupes == [[0], [1], [2]]
