"""Signature électronique PAdES des actes (pyHanko) : signer, cosigner, vérifier.

Voir ``docs/signature.md``. pyHanko n'est importé qu'à l'usage : ``import contentieux.signature``
reste léger.
"""

from __future__ import annotations

from contentieux.signature.pades import (
    CHAMP_CREANCIER,
    CHAMP_DEBITEUR,
    CHAMP_MENTION,
    MENTION_TEST,
    Boite,
    Champ,
    Niveau,
    Signeur,
    champs_depuis_emplacements,
    cosigner,
    signer_acte,
    signer_pdf,
)
from contentieux.signature.signataire import Signataire

__all__ = [
    "CHAMP_CREANCIER",
    "CHAMP_DEBITEUR",
    "CHAMP_MENTION",
    "MENTION_TEST",
    "Boite",
    "Champ",
    "Niveau",
    "Signataire",
    "Signeur",
    "champs_depuis_emplacements",
    "cosigner",
    "signer_acte",
    "signer_pdf",
]
