"""Indicateurs du pilotage sur de petits grands livres calculés à la main."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentieux._yaml import charger_yaml_exact
from contentieux.erreurs import DonneesInvalides
from contentieux.modeles import Dossier
from contentieux.pilotage import (
    Avoir,
    calculer_indicateurs,
    construire_grand_livre,
    dso_epuisement,
    dso_ratio,
    lire_grand_livre,
)
from contentieux.pilotage.indicateurs import arrondir_dixieme, balance_agee, cei, tranche
from tests.parties_types import CLIENT, PARTICULIER, SOCIETE

CAS = Path(__file__).parent / "cas" / "pilotage"


def _cas(nom: str) -> dict[str, Any]:
    donnees: dict[str, Any] = charger_yaml_exact((CAS / nom).read_text(encoding="utf-8"))
    return donnees


def _dossier(
    reference: str,
    factures: list[dict[str, Any]],
    evenements: list[Any] | None = None,
    debiteur: dict[str, Any] | None = None,
) -> Dossier:
    return Dossier.model_validate(
        {
            "reference": reference,
            "creancier": SOCIETE,
            "debiteurs": [debiteur or CLIENT],
            "creances": [{"reference": "C", "nature": "vente_biens", "factures": factures}],
            "evenements": evenements or [],
        }
    )


def _facture(numero: str, emission: str, echeance: str, montant: str) -> dict[str, str]:
    return {
        "numero": numero,
        "date_emission": emission,
        "date_echeance": echeance,
        "montant_ttc": montant,
    }


def test_portefeuille_calcule_a_la_main() -> None:
    cas = _cas("portefeuille_mars_2026.yaml")
    dossiers = [Dossier.model_validate(d) for d in cas["dossiers"]]
    avoirs = [Avoir.model_validate(a) for a in cas["avoirs"]]
    livre = construire_grand_livre(dossiers, avoirs)
    resultat = calculer_indicateurs(
        dossiers, livre, au=cas["au"], periode=tuple(cas["periode"]), jours=cas["jours"]
    )
    attendu = cas["attendu"]
    assert resultat.encours == Decimal(attendu["encours"])
    assert resultat.encours_echu == Decimal(attendu["encours_echu"])
    lignes = {ligne.debiteur: ligne.tranches for ligne in resultat.balance.lignes}
    for debiteur, tranches in attendu["balance"].items():
        obtenu = resultat.balance.total if debiteur == "total" else lignes[debiteur]
        valeurs = obtenu.model_dump()
        for cle, montant in valeurs.items():
            assert montant == Decimal(tranches.get(cle, "0")), (debiteur, cle)
    for code in (
        "dso",
        "meilleur_dso",
        "add",
        "dso_epuisement",
        "cei",
        "taux_recouvrement",
        "delai_moyen_recouvrement",
        "taux_reussite_plans",
    ):
        assert getattr(resultat, code).valeur == Decimal(attendu[code]), code
    etapes = {k: v for k, v in resultat.dossiers_par_etape.items() if v}
    assert etapes == attendu["etapes"]
    assert resultat.etapes_prescription_examinee is False
    # Le DSO mensuel du dernier mois est le DSO du jour.
    assert resultat.dso_mensuel[-1].dso == Decimal(attendu["dso"])
    assert len(resultat.dso_mensuel) == 12


def test_affectation_comptable_plus_anciennes_d_abord() -> None:
    d = _dossier(
        "D",
        [
            _facture("B", "2026-02-01", "2026-03-01", "300.00"),
            _facture("A", "2026-01-01", "2026-02-01", "200.00"),
        ],
        [{"type": "paiement", "date": "2026-03-10", "montant": "250.00"}],
    )
    livre = construire_grand_livre([d])
    soldes = {f.numero: f.solde(dt.date(2026, 3, 31)) for f in livre.factures}
    # 250,00 vont d'abord à A, la plus ancienne (200,00 → 0,00), le reste 50,00 à B :
    # 300,00 − 50,00 = 250,00.
    assert soldes == {"A": Decimal("0.00"), "B": Decimal("250.00")}


def test_paiement_designe_puis_excedent_non_affecte() -> None:
    d = _dossier(
        "D",
        [
            _facture("A", "2026-01-01", "2026-02-01", "200.00"),
            _facture("B", "2026-02-01", "2026-03-01", "300.00"),
        ],
        [
            {
                "type": "paiement",
                "date": "2026-03-10",
                "montant": "600.00",
                "factures_designees": ["B"],
            }
        ],
    )
    livre = construire_grand_livre([d])
    au = dt.date(2026, 3, 31)
    # 600,00 désignés sur B (300,00) : B soldée, puis A (200,00) ; excédent 600 − 500 = 100,00
    # non affecté, qui compte en moins dans la balance (−100,00).
    assert [f.solde(au) for f in livre.factures] == [Decimal("0.00"), Decimal("0.00")]
    assert [c.montant for c in livre.non_affectes] == [Decimal("100.00")]
    balance = balance_agee(livre, au=au)
    assert balance.total.non_affecte == Decimal("-100.00")
    assert balance.total.total == Decimal("-100.00")


def test_paiement_anterieur_a_la_facture_reste_non_affecte() -> None:
    d = _dossier(
        "D",
        [_facture("A", "2026-02-01", "2026-03-01", "200.00")],
        [{"type": "paiement", "date": "2026-01-15", "montant": "50.00"}],
    )
    livre = construire_grand_livre([d])
    # Au 31 janvier, seul le paiement existe : −50,00 ; au 28 février, 200,00 − 50,00 = 150,00.
    assert livre.encours(dt.date(2026, 1, 31)) == Decimal("-50.00")
    assert livre.encours(dt.date(2026, 2, 28)) == Decimal("150.00")


def test_aucune_vente_dans_la_fenetre() -> None:
    d = _dossier("D", [_facture("A", "2025-01-01", "2025-02-01", "200.00")])
    livre = construire_grand_livre([d])
    resultat = dso_ratio(livre, au=dt.date(2026, 3, 31), jours=90)
    assert resultat.valeur is None
    assert "aucune vente" in resultat.motif
    # L'épuisement remonte jusqu'à la première vente : 2025-01 à 2026-03.
    epuise = dso_epuisement(livre, au=dt.date(2026, 3, 31))
    assert epuise.valeur == arrondir_dixieme(
        Decimal((dt.date(2026, 3, 31) - dt.date(2025, 2, 1)).days + 1)
        + Decimal(200) / Decimal(200) * 31
    )


def test_avoir_vente_negative_et_reduction_de_l_encours() -> None:
    d = _dossier("D", [_facture("A", "2026-03-01", "2026-03-31", "1000.00")])
    avoir = Avoir(
        dossier="D", numero="AV", date_emission=dt.date(2026, 3, 10), montant=Decimal("1000.00")
    )
    livre = construire_grand_livre([d], [avoir])
    au = dt.date(2026, 3, 31)
    # L'avoir compte comme une vente négative : 1 000,00 − 1 000,00 = 0,00 de ventes et d'encours.
    assert livre.ventes(dt.date(2026, 1, 1), au) == Decimal("0.00")
    assert livre.encours(au) == Decimal("0.00")
    assert dso_ratio(livre, au=au).valeur is None


def test_avoir_sur_dossier_ou_facture_inconnus() -> None:
    d = _dossier("D", [_facture("A", "2026-03-01", "2026-03-31", "100.00")])
    with pytest.raises(DonneesInvalides, match="dossier inconnu"):
        construire_grand_livre(
            [d],
            [
                Avoir(
                    dossier="X",
                    numero="AV",
                    date_emission=dt.date(2026, 3, 2),
                    montant=Decimal("1"),
                )
            ],
        )
    with pytest.raises(DonneesInvalides, match="facture « Z » inconnue"):
        construire_grand_livre(
            [d],
            [
                Avoir(
                    dossier="D",
                    numero="AV",
                    date_emission=dt.date(2026, 3, 2),
                    montant=Decimal("1"),
                    facture="Z",
                )
            ],
        )


def test_cei_sans_rien_a_recouvrer() -> None:
    d = _dossier("D", [_facture("A", "2026-03-01", "2026-04-30", "100.00")])
    livre = construire_grand_livre([d])
    # Tout est non échu à la fin : dénominateur nul.
    resultat = cei(livre, debut=dt.date(2026, 3, 1), fin=dt.date(2026, 3, 31))
    assert resultat.valeur is None


def test_tranches_bornes() -> None:
    assert tranche(-3) == "non_echu"
    assert tranche(0) == "non_echu"
    assert tranche(60) == "j31_60"
    assert tranche(61) == "j61_90"
    assert tranche(181) == "plus_180"


def test_jours_et_periode_invalides() -> None:
    d = _dossier("D", [_facture("A", "2026-03-01", "2026-03-31", "100.00")])
    livre = construire_grand_livre([d])
    with pytest.raises(ValueError, match="jours"):
        dso_ratio(livre, au=dt.date(2026, 3, 31), jours=0)
    with pytest.raises(ValueError, match="periode"):
        calculer_indicateurs(
            [d], livre, au=dt.date(2026, 3, 31), periode=(dt.date(2026, 3, 31), dt.date(2026, 3, 1))
        )


def test_consommateur_et_etape_a_echoir() -> None:
    d = _dossier("D", [_facture("A", "2026-03-01", "2026-04-30", "100.00")], debiteur=PARTICULIER)
    livre = construire_grand_livre([d])
    resultat = calculer_indicateurs([d], livre, au=dt.date(2026, 3, 31))
    assert resultat.dossiers_par_etape["a_echoir"] == 1


def test_lecture_json_lines_dossiers_et_avoirs(tmp_path: Path) -> None:
    cas = _cas("portefeuille_mars_2026.yaml")
    import json

    lignes = [json.dumps(d, default=str) for d in cas["dossiers"]]
    lignes += [json.dumps(a, default=str) for a in cas["avoirs"]]
    fichier = tmp_path / "livre.jsonl"
    fichier.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    dossiers, avoirs = lire_grand_livre(fichier)
    assert [d.reference for d in dossiers] == ["D-ALPHA", "D-BETA", "D-GAMMA"]
    assert avoirs[0].montant == Decimal("100.00")  # l'avoir du scénario, relu tel quel
    fichier.write_text('{"reference": 3}\n', encoding="utf-8")
    with pytest.raises(DonneesInvalides, match=r"livre\.jsonl, ligne 1"):
        lire_grand_livre(fichier)


_montants = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)


@settings(max_examples=60, deadline=None)
@given(
    montants=st.lists(_montants, min_size=1, max_size=6),
    paiements=st.lists(_montants, max_size=4),
    decalage=st.integers(min_value=0, max_value=400),
)
def test_proprietes_encours_et_balance(
    montants: list[Decimal], paiements: list[Decimal], decalage: int
) -> None:
    """L'encours est la somme des factures moins les règlements ; la balance se recoupe."""
    debut = dt.date(2025, 1, 1)
    factures = [
        _facture(
            f"F{i}",
            (debut + dt.timedelta(days=20 * i)).isoformat(),
            (debut + dt.timedelta(days=20 * i + 30)).isoformat(),
            str(m),
        )
        for i, m in enumerate(montants)
    ]
    evenements = [
        {
            "type": "paiement",
            "date": (debut + dt.timedelta(days=15 * i + 10)).isoformat(),
            "montant": str(p),
        }
        for i, p in enumerate(paiements)
    ]
    d = _dossier("D", factures, evenements)
    livre = construire_grand_livre([d])
    au = debut + dt.timedelta(days=decalage)
    emis = sum(
        (
            Decimal(f["montant_ttc"])
            for f in factures
            if dt.date.fromisoformat(f["date_emission"]) <= au
        ),
        Decimal(0),
    )
    payes = sum(
        (Decimal(e["montant"]) for e in evenements if dt.date.fromisoformat(e["date"]) <= au),
        Decimal(0),
    )
    assert livre.encours(au) == emis - payes
    balance = balance_agee(livre, au=au)
    t = balance.total
    assert t.total == emis - payes
    assert (
        t.non_echu + t.j1_30 + t.j31_60 + t.j61_90 + t.j91_180 + t.plus_180 + t.non_affecte
        == t.total
    )
    assert all(f.solde(au) >= 0 for f in livre.factures)


def test_lecture_csv_de_factures_et_repertoire(tmp_path: Path) -> None:
    """Le CSV des lots (une facture par ligne) et un répertoire de dossiers YAML."""
    from contentieux.exemples import dossier_donnees

    csv = dossier_donnees("exemples") / "lots" / "factures.csv"
    dossiers, avoirs = lire_grand_livre(csv)
    assert dossiers and not avoirs
    livre = construire_grand_livre(dossiers)
    assert livre.ventes(dt.date(2000, 1, 1), dt.date(2026, 6, 30)) == sum(
        (f.montant_ttc for d in dossiers for _, f in d.factures()), Decimal(0)
    )
    exemples = dossier_donnees("exemples") / "dossiers"
    repertoire = tmp_path / "rep"
    repertoire.mkdir()
    for fichier in sorted(exemples.glob("*.yaml"))[:2]:
        (repertoire / fichier.name).write_text(fichier.read_text(encoding="utf-8"))
    (repertoire / ".cache.yaml").write_text("pas un dossier")
    dossiers, _ = lire_grand_livre(repertoire)
    assert len(dossiers) == 2
    mauvais = tmp_path / "mauvais.csv"
    mauvais.write_text("dossier;facture\nX;F1\n", encoding="utf-8")
    with pytest.raises(DonneesInvalides, match="erreur"):
        lire_grand_livre(mauvais)
    texte = tmp_path / "grand_livre.txt"
    texte.write_text("x", encoding="utf-8")
    with pytest.raises(DonneesInvalides, match="format non reconnu"):
        lire_grand_livre(texte)


def test_paiement_designe_avant_emission_compte_a_l_emission() -> None:
    """Un acompte qui désigne une facture future la solde à son émission : l'encours cumulé
    (chronologie) et la somme des soldes des factures donnent le même chiffre à chaque date."""
    d = _dossier(
        "D",
        [_facture("A", "2026-02-01", "2026-03-01", "300.00")],
        [{"type": "paiement", "date": "2026-01-15", "montant": "100.00",
          "factures_designees": ["A"]}],
    )  # fmt: skip
    livre = construire_grand_livre([d])
    for jour, attendu in (("2026-01-20", "0.00"), ("2026-02-01", "200.00")):
        au = dt.date.fromisoformat(jour)
        assert livre.encours(au) == Decimal(attendu)
        assert balance_agee(livre, au=au).total.total == Decimal(attendu)
