"""Les contrats de données des actes : un module par acte, construit depuis le dossier, le
décompte et la recevabilité.

Chaque module d'acte (nommé comme son dossier ``gabarits/<acte>/``) porte son ``IDENTIFIANT``, sa
classe ``Contrat…`` et sa fonction ``construire(faits)``, avec en docstring les articles qui le
fondent. Ce qui est commun à tous (le socle :class:`ContratActe`, les :class:`Faits`, les aides
d'impression et les tableaux partagés) vit dans :mod:`.commun` ; les contrôles que plusieurs actes
partagent (procédure collective, prescription, recevabilité) dans :mod:`.controles`, une seule
fois.

Chaque contrat porte le :class:`~contentieux.actes.contenu.Contenu` imprimé (mêmes paragraphes,
mêmes tableaux pour le PDF et le DOCX : une seule source de libellés par acte), les ``chiffres``
imprimés (revérifiés par ``verifier-acte``), les ``drapeaux`` qui conditionnent des mentions du
manifeste, et les ``mentions_requises`` propres au dossier. Tout ce qui se compte est compté ici
ou dans les couches de calcul ; les gabarits ne font que placer des valeurs.

>>> list(CONSTRUCTEURS)[:3]
['relance', 'mise_en_demeure', 'requete_injonction_payer']
"""

from __future__ import annotations

from collections.abc import Callable

from contentieux.actes.contrats import (
    bordereau_pieces,
    convention_recouvrement,
    declaration_creance,
    decompte,
    echeancier,
    lettre_agence,
    mandat_commissaire_justice,
    mise_en_demeure,
    reconnaissance_dette,
    relance,
    requete_injonction_payer,
)
from contentieux.actes.contrats.bordereau_pieces import ContratBordereauPieces
from contentieux.actes.contrats.commun import ContratActe, Faits, tableau_recapitulatif
from contentieux.actes.contrats.convention_recouvrement import ContratConventionRecouvrement
from contentieux.actes.contrats.declaration_creance import ContratDeclarationCreance
from contentieux.actes.contrats.decompte import ContratDecompte, sections_decompte
from contentieux.actes.contrats.echeancier import ContratEcheancier
from contentieux.actes.contrats.lettre_agence import ContratLettreAgence
from contentieux.actes.contrats.mandat_commissaire_justice import ContratMandatCommissaireJustice
from contentieux.actes.contrats.mise_en_demeure import ContratMiseEnDemeure
from contentieux.actes.contrats.reconnaissance_dette import ContratReconnaissanceDette
from contentieux.actes.contrats.relance import ContratRelance
from contentieux.actes.contrats.requete_injonction_payer import ContratRequeteInjonctionPayer

CONSTRUCTEURS: dict[str, Callable[[Faits], ContratActe]] = {
    module.IDENTIFIANT: module.construire
    for module in (
        relance,
        mise_en_demeure,
        requete_injonction_payer,
        bordereau_pieces,
        decompte,
        echeancier,
        reconnaissance_dette,
        mandat_commissaire_justice,
        convention_recouvrement,
        lettre_agence,
        declaration_creance,
    )
}
"""Identifiant d'acte → constructeur de son contrat, dans l'ordre du parcours de recouvrement."""

__all__ = [
    "CONSTRUCTEURS",
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
    "Faits",
    "sections_decompte",
    "tableau_recapitulatif",
]
