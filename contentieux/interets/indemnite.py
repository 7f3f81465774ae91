"""Indemnité forfaitaire pour frais de recouvrement (C. com. L441-10 II et D441-5 ; CCP D2192-35).

- 40 € **par facture payée en retard** (CJUE 4 mai 2023, C-78/22), y compris une facture finalement
  payée, mais après son échéance ; rien pour une facture payée à l'échéance.
- Due **entre professionnels** seulement : créancier professionnel agissant comme tel et débiteur
  professionnel (C. com. L441-10 II, D441-5), ou acheteur public débiteur du titulaire du marché
  (CCP D2192-35) ; pour les factures dont le délai de paiement a commencé à courir (date
  d'émission) à compter du 1er janvier 2013 (16 mars 2013 en commande publique).
- **Jamais** contre un consommateur ou un non-professionnel : les frais de recouvrement exposés sans
  titre exécutoire restent à la charge du créancier (CPCE L111-8 al. 2). Un décompte qui les
  demande expressément (``indemnite_forfaitaire=True`` ou ``frais_recouvrement``) est refusé par
  ``FraisInterditsConsommateur`` : on ne les retire pas en silence.
- Une clause pénale n'est pas un frais de recouvrement : elle sanctionne l'inexécution
  (C. civ. 1231-5) et figure sur sa propre ligne, même contre un consommateur (le juge peut la
  modérer).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from contentieux.droit.qualites import est_debiteur_indemnite_forfaitaire
from contentieux.erreurs import FraisInterditsConsommateur, RegleNonCouverte
from contentieux.modeles.parties import Partie
from contentieux.regles import Regles, ValeurRegle

FONDEMENT_B2B: Final = "C. com. L441-10 ; C. com. D441-5 ; CJUE C-78/22"
"""Fondement de l'indemnité entre professionnels (citations au format unique)."""
PRECISION_B2B: Final = "L441-10 II : une indemnité par facture payée en retard (CJUE 4 mai 2023)"
"""Ce que le motif de la ligne ajoute au fondement : le paragraphe et la portée de l'arrêt."""
FONDEMENT_PUBLIC: Final = "CCP L2192-13 ; CCP D2192-35"
"""Fondement de l'indemnité due par un acheteur public."""


def verifier_frais_demandes(
    debiteur: Partie, indemnite_forfaitaire: bool | None, frais_recouvrement: Decimal | None
) -> None:
    """Refuse des frais de recouvrement demandés à un débiteur qui n'est pas professionnel."""
    if est_debiteur_indemnite_forfaitaire(debiteur):
        return
    demandes = []
    if indemnite_forfaitaire:
        demandes.append("l'indemnité forfaitaire de 40 € (C. com. D441-5)")
    if frais_recouvrement:
        demandes.append(f"des frais de recouvrement de {frais_recouvrement} €")
    if demandes:
        raise FraisInterditsConsommateur(
            f"{debiteur.nom_complet} n'est pas un professionnel ({debiteur.qualite.value}) : "
            f"{' et '.join(demandes)} ne peuvent pas lui être réclamés. Les frais de recouvrement "
            "engagés sans titre exécutoire restent à la charge du créancier (CPCE L111-8 al. 2) ; "
            "les réclamer à un consommateur est pénalement sanctionné. Retirez cette demande "
            "(l'indemnité de 40 € n'est due que par un professionnel ou un acheteur public).",
            debiteur=debiteur.nom_complet,
        )


def montant_indemnite(
    regles: Regles, debiteur: Partie, date_emission: dt.date
) -> tuple[ValeurRegle | None, str, str | None]:
    """Montant applicable à une facture : (valeur ou None, fondement, raison de l'absence)."""
    public = debiteur.qualite.value == "acheteur_public"
    identifiant = (
        "indemnite_forfaitaire.commande_publique" if public else "indemnite_forfaitaire.montant"
    )
    fondement = FONDEMENT_PUBLIC if public else FONDEMENT_B2B
    try:
        return regles.valeur(identifiant, au=date_emission), fondement, None
    except RegleNonCouverte:
        return (
            None,
            fondement,
            f"délai de paiement ouvert le {date_emission:%d/%m/%Y}, avant l'entrée en vigueur "
            "de l'indemnité forfaitaire",
        )
