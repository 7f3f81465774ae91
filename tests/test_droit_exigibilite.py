"""Exigibilité : une facture payable le 10 est exigible le 11 (droit.exigibilite), partout."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from contentieux.droit.exigibilite import date_exigibilite, est_exigible, exigible_le
from contentieux.interets import etablir_decompte
from contentieux.modeles import Dossier
from contentieux.pilotage.grand_livre import construire_grand_livre
from contentieux.recevabilite.exigibilite import verifier_exigibilite
from tests.parties_types import CLIENT, SOCIETE

PAQUET = Path(__file__).resolve().parent.parent / "contentieux"
UN_JOUR = dt.timedelta(days=1)

dates = st.dates(min_value=dt.date(2000, 1, 2), max_value=dt.date(2099, 12, 30))


def _facture(echeance: dt.date) -> SimpleNamespace:
    return SimpleNamespace(date_echeance=echeance)


@given(echeance=dates)
def test_frontiere_veille_jour_meme_lendemain(echeance: dt.date) -> None:
    facture = _facture(echeance)
    assert not est_exigible(facture, echeance - UN_JOUR)  # la veille
    assert not est_exigible(facture, echeance)  # le jour même : encore payable à temps
    assert est_exigible(facture, echeance + UN_JOUR)  # le lendemain (C. com. L441-10 II)
    assert exigible_le(facture) == echeance + UN_JOUR


@given(echeance=dates, au=dates)
def test_meme_sens_que_la_comparaison_des_appelants(echeance: dt.date, au: dt.date) -> None:
    # Ce que les appelants écrivaient à la main (``date_echeance < au``) : aucune sortie ne change.
    facture = _facture(echeance)
    assert est_exigible(facture, au) is (echeance < au)
    assert est_exigible(facture, au) is (au >= exigible_le(facture))


@given(echeance=dates, decheance=dates, au=dates)
def test_decheance_du_terme(echeance: dt.date, decheance: dt.date, au: dt.date) -> None:
    facture = _facture(echeance)
    terme = min(echeance, decheance)
    assert date_exigibilite(echeance, decheance) == terme
    assert exigible_le(facture, decheance=decheance) == terme + UN_JOUR
    assert est_exigible(facture, au, decheance=decheance) is (terme < au)
    # Une déchéance prononcée après ``au`` ne change rien à ce jour-là.
    connue = decheance if decheance <= au else None
    assert est_exigible(facture, au, decheance=decheance) is est_exigible(
        facture, au, decheance=connue
    )


# --- Les appelants, à la frontière -------------------------------------------------------------


def _dossier(echeance: str = "2026-03-10", **creance: Any) -> Dossier:
    return Dossier.model_validate(
        {
            "reference": "D-1",
            "creancier": SOCIETE,
            "debiteurs": [CLIENT],
            "creances": [
                {
                    "reference": "C-1",
                    "nature": "vente_biens",
                    "factures": [
                        {
                            "numero": "F-1",
                            "date_emission": "2026-02-08",
                            "date_echeance": echeance,
                            "montant_ttc": "1200.00",
                        }
                    ],
                    **creance,
                }
            ],
        }
    )


def test_recevabilite_et_grand_livre_a_la_frontiere() -> None:
    dossier = _dossier()
    livre = construire_grand_livre([dossier])
    le_10, le_11 = dt.date(2026, 3, 10), dt.date(2026, 3, 11)
    assert verifier_exigibilite(dossier, au=le_10).satisfaite is False
    assert verifier_exigibilite(dossier, au=le_11).satisfaite is True
    assert livre.encours_non_echu(le_10) == livre.encours(le_10)  # non échue le jour même
    assert livre.encours_non_echu(le_11) == 0


def test_indemnite_exigible_le_lendemain_de_l_echeance() -> None:
    dossier = _dossier()
    decompte = etablir_decompte(dossier, au=dt.date(2026, 4, 30))
    (indemnite,) = [i for i in decompte.indemnites if i.nature == "forfaitaire"]
    (facture,) = dossier.creances[0].factures
    assert indemnite.date_exigibilite == exigible_le(facture) == dt.date(2026, 3, 11)


# --- Une seule maison : nulle part ailleurs de comparaison à la main ----------------------------

COMPARAISON = re.compile(
    r"date_echeance\s*(?:<|<=|>|>=)\s*au\b|\bau\s*(?:<|<=|>|>=)\s*[\w.]*date_echeance"
)


def test_aucune_comparaison_de_date_echeance_a_au_hors_de_droit_exigibilite() -> None:
    fautifs = [
        f"{chemin.relative_to(PAQUET.parent)}:{numero}: {ligne.strip()}"
        for chemin in sorted(PAQUET.rglob("*.py"))
        if chemin != PAQUET / "droit" / "exigibilite.py"
        for numero, ligne in enumerate(chemin.read_text(encoding="utf-8").splitlines(), 1)
        if COMPARAISON.search(ligne)
    ]
    assert not fautifs, (
        "comparez par contentieux.droit.exigibilite.est_exigible, pas à la main :\n"
        + "\n".join(fautifs)
    )


def test_le_motif_de_grep_reconnait_les_anciennes_ecritures() -> None:
    # Le test ci-dessus pourrait échouer : il reconnaît ce que le code écrivait avant.
    for ancienne in (
        "if f.date_echeance < au:",
        "if f.date_emission <= au and f.date_echeance >= au:",
        "any(f.est_echeance and f.date_echeance >= au for f in creance.factures)",
        "if au > facture.date_echeance:",
    ):
        assert COMPARAISON.search(ancienne), ancienne
    assert not COMPARAISON.search("if f.date_echeance < plus_ancienne:")
