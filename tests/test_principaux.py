"""Les deux « principal » d'un dossier, chacun son nom, chacun calculé une fois.

- **principal restant dû** (décompte, ``Decompte.total_principal_restant``) : ce qui reste des
  factures après imputation des paiements selon C. civ. 1342-10, **intérêts d'abord** sur chaque
  facture (C. civ. 1343-1) ;
- **principal impayé** (recevabilité, ``principal_impaye_par_facture``) : les factures moins les
  paiements, imputés en entier sur le principal ; restreint aux factures exigibles et non
  prescrites, c'est le **principal exigible et non prescrit**, ce qui peut être demandé.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from contentieux.exemples import dossier_exemple
from contentieux.interets import etablir_decompte
from contentieux.presentation import (
    LIBELLE_PRINCIPAL_EXIGIBLE,
    LIBELLE_PRINCIPAL_IMPAYE,
    LIBELLE_PRINCIPAL_RESTANT,
    montant,
)
from contentieux.recevabilite import verifier_recevabilite
from contentieux.recevabilite.montant import principal_impaye_par_facture

AU = dt.date(2026, 6, 30)

# Dossier d'exemple « b2b » : F2025-014 4 800,00 € (échue le 12/03/2025), F2025-031 2 460,00 €
# (échue le 19/04/2025), F2025-052 1 320,50 € (émise le 05/05/2025, échue le 04/06/2025) ;
# total 8 580,50 €. Un paiement de 3 000,00 € le 30/04/2025, sans imputation désignée.
#
# Décompte (1342-10 puis 1343-1) : le 30/04/2025, F2025-014 et F2025-031 sont échues, F2025-052
# n'existe pas encore ; même taux (pénalités L441-10), la plus ancienne d'abord : F2025-014. Ses
# pénalités du 12/03 au 30/04/2025 : 4 800,00 × 13,15 % (BCE 3,15 + 10) × 49 / 365 = 84,736
# → 84,74 ; le reste au principal : 3 000,00 − 84,74 = 2 915,26 ; F2025-014 garde
# 4 800,00 − 2 915,26 = 1 884,74. Principal restant dû : 1 884,74 + 2 460,00 + 1 320,50
# = 5 665,24.
PRINCIPAL_RESTANT = Decimal("5665.24")
#
# Recevabilité (factures moins paiements) : les 3 000,00 € vont au seul principal de F2025-014,
# qui garde 1 800,00 ; principal impayé : 1 800,00 + 2 460,00 + 1 320,50 = 5 580,50. Au
# 30/06/2026, les trois factures sont échues et aucune n'est prescrite (commerciale, 5 ans) :
# principal exigible et non prescrit = 5 580,50.
PRINCIPAL_IMPAYE = Decimal("5580.50")
# L'écart (84,74) est exactement la part du paiement imputée sur les pénalités.


def _ligne(texte: str, libelle: str) -> str:
    (ligne,) = [li for li in texte.splitlines() if li.strip().startswith(libelle)]
    return ligne


def test_deux_quantites_deux_noms() -> None:
    dossier = dossier_exemple("b2b")
    decompte = etablir_decompte(dossier, au=AU)
    rapport = verifier_recevabilite(dossier, au=AU)

    assert decompte.total_principal_restant == PRINCIPAL_RESTANT
    assert rapport.principal_impaye == PRINCIPAL_IMPAYE
    assert rapport.principal_exigible_non_prescrit == PRINCIPAL_IMPAYE
    assert decompte.total_accessoires_regles == PRINCIPAL_RESTANT - PRINCIPAL_IMPAYE
    par_facture = principal_impaye_par_facture(dossier, au=AU)
    assert par_facture[("FOURNITURES-2025", "F2025-014")] == Decimal("1800.00")
    assert sum(par_facture.values()) == rapport.principal_impaye

    # Chaque sortie imprime la quantité de son lecteur, sous son nom, et pas l'autre nom.
    libelles = {LIBELLE_PRINCIPAL_RESTANT, LIBELLE_PRINCIPAL_IMPAYE, LIBELLE_PRINCIPAL_EXIGIBLE}
    assert len(libelles) == 3
    texte_decompte, texte_rapport = str(decompte), str(rapport)
    assert _ligne(texte_decompte, LIBELLE_PRINCIPAL_RESTANT).endswith(montant(PRINCIPAL_RESTANT))
    assert LIBELLE_PRINCIPAL_IMPAYE not in texte_decompte
    assert LIBELLE_PRINCIPAL_EXIGIBLE not in texte_decompte
    assert _ligne(texte_rapport, LIBELLE_PRINCIPAL_EXIGIBLE).endswith(montant(PRINCIPAL_IMPAYE))
    assert _ligne(texte_rapport, LIBELLE_PRINCIPAL_IMPAYE).endswith(montant(PRINCIPAL_IMPAYE))
    assert LIBELLE_PRINCIPAL_RESTANT not in texte_rapport
