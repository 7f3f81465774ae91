"""Les actes du recouvrement : contrats de données, gabarits HTML et DOCX, PDF/A-3b, vérification.

>>> from contentieux.actes import ACTES
>>> ACTES[:3]
('relance', 'mise_en_demeure', 'requete_injonction_payer')

Voir ``docs/actes.md`` : les actes, leurs mentions et fondements, les paramètres, le
remplacement des gabarits.
"""

from __future__ import annotations

from contentieux.actes.contenu import (
    BlocSignature,
    Contenu,
    Emplacement,
    EnTete,
    Paragraphe,
    PartieImprimee,
    Section,
    Tableau,
)
from contentieux.actes.contrats import (
    CONSTRUCTEURS,
    ContratActe,
    ContratBordereauPieces,
    ContratConventionRecouvrement,
    ContratDeclarationCreance,
    ContratDecompte,
    ContratEcheancier,
    ContratLettreAgence,
    ContratMandatCommissaireJustice,
    ContratMiseEnDemeure,
    ContratReconnaissanceDette,
    ContratRelance,
    ContratRequeteInjonctionPayer,
)
from contentieux.actes.manifeste import Manifeste, Mention
from contentieux.actes.parametres import ParametresActes
from contentieux.actes.plan import EcheancePlan, calculer_echeancier
from contentieux.actes.rendu import ACTES, ActeGenere, Atelier, generer_acte
from contentieux.actes.verification import RapportActe, lire_donnees_acte, verifier_acte

__all__ = [
    "ACTES",
    "CONSTRUCTEURS",
    "ActeGenere",
    "Atelier",
    "BlocSignature",
    "Contenu",
    "ContratActe",
    "ContratBordereauPieces",
    "ContratConventionRecouvrement",
    "ContratDeclarationCreance",
    "ContratDecompte",
    "ContratEcheancier",
    "ContratLettreAgence",
    "ContratMandatCommissaireJustice",
    "ContratMiseEnDemeure",
    "ContratReconnaissanceDette",
    "ContratRelance",
    "ContratRequeteInjonctionPayer",
    "EcheancePlan",
    "Emplacement",
    "EnTete",
    "Manifeste",
    "Mention",
    "Paragraphe",
    "ParametresActes",
    "PartieImprimee",
    "RapportActe",
    "Section",
    "Tableau",
    "calculer_echeancier",
    "generer_acte",
    "lire_donnees_acte",
    "verifier_acte",
]
