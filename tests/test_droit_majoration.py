"""La majoration de 5 points (CMF L313-3) : une seule date, que le décompte d'un dossier et le
calcul d'un montant isolé emploient tous deux (contentieux.droit.majoration)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from contentieux.droit.majoration import fin_delai_majoration
from contentieux.interets import calculer_interets, etablir_decompte
from contentieux.modeles import Dossier
from contentieux.modeles.decompte import LigneInterets
from contentieux.regles import charger_regles
from tests.parties_types import PARTICULIER, SOCIETE

JUGEMENT = dt.date(2025, 12, 10)
EXECUTOIRE = dt.date(2025, 12, 31)
# Délai de deux mois à compter du 31 décembre 2025 : pas de 31 février, il expire le dernier jour
# de février 2026, le 28 (2026 n'est pas bissextile) ; la majoration court dès le 1er mars 2026.
FIN_DELAI = dt.date(2026, 2, 28)


def _bascule(lignes: tuple[LigneInterets, ...]) -> dt.date:
    """Le point de départ (non compté) de la première ligne majorée."""
    majorees = [li for li in lignes if "L313-3" in li.fondement]
    assert majorees, "aucune ligne majorée"
    return majorees[0].du


def test_fin_de_mois() -> None:
    fin, valeur = fin_delai_majoration(EXECUTOIRE, regles=charger_regles(), au=JUGEMENT)
    assert fin == FIN_DELAI
    assert valeur.identifiant == "interet_legal.majoration_delai_mois"


def test_decompte_et_calcul_isole_majorent_le_meme_jour() -> None:
    dossier = Dossier.model_validate(
        {
            "reference": "MAJ",
            "creancier": SOCIETE,
            "debiteurs": [PARTICULIER],
            "creances": [
                {
                    "reference": "C",
                    "nature": "travaux",
                    "factures": [
                        {
                            "numero": "F",
                            "date_emission": "2025-09-01",
                            "date_echeance": "2025-10-01",
                            "montant_ttc": "1000.00",
                        }
                    ],
                }
            ],
            "evenements": [
                {
                    "type": "jugement",
                    "date": JUGEMENT,
                    "date_caractere_executoire": EXECUTOIRE,
                }
            ],
        }
    )
    au = dt.date(2026, 4, 30)
    decompte = etablir_decompte(dossier, au=au)
    isole = calculer_interets(
        Decimal("1000.00"), JUGEMENT, au, regime="jugement", date_executoire=EXECUTOIRE
    )
    assert _bascule(decompte.lignes) == _bascule(isole.lignes) == FIN_DELAI
    assert any(
        v.identifiant == "interet_legal.majoration_delai_mois" for v in decompte.valeurs_utilisees
    )
