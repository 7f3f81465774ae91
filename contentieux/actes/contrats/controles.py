"""Les contrôles que plusieurs actes partagent, décidés ici une seule fois : chaque acte appelle
ceux qui le concernent au début de son ``construire``.

- procédure collective ouverte : poursuites individuelles arrêtées (C. com. L622-21), seule la
  déclaration de créance est produite ;
- créance prescrite : elle ne peut être réclamée comme due (C. civ. 2219 ; C. consom. L121-2) ;
- créance non recevable au sens de ``contentieux verifier`` : pas de requête.
"""

from __future__ import annotations

from contentieux.actes.contrats.commun import Faits, d
from contentieux.erreurs import ActeInadapte
from contentieux.modeles.recevabilite import CodeVoie


def refuser_si_procedure_collective(faits: Faits, acte: str) -> None:
    if faits.recevabilite.voie.code is CodeVoie.DECLARATION_CREANCE:
        raise ActeInadapte(
            f"acte « {acte} » refusé : le débiteur fait l'objet d'une procédure collective ; "
            "les poursuites individuelles sont arrêtées (C. com. L622-21) : produisez la "
            "déclaration de créance (« declaration_creance »). Motif de la recevabilité : "
            + " ; ".join(faits.recevabilite.voie.motifs),
            acte=acte,
        )


def refuser_si_prescrite(faits: Faits, acte: str) -> None:
    constat = faits.recevabilite.constat("prescription")
    if constat.satisfaite is False:
        raise ActeInadapte(
            f"acte « {acte} » refusé : la créance est prescrite ; elle ne peut être réclamée comme "
            f"si elle était due (C. civ. 2219 ; C. consom. L121-2). Motif : {constat.motif}",
            acte=acte,
        )


def refuser_non_recevable(faits: Faits, acte: str) -> None:
    r = faits.recevabilite
    if r.recevable is False:
        motifs = [f"{c.intitule} : {c.motif}" for c in r.constats if c.satisfaite is False]
        raise ActeInadapte(
            f"acte « {acte} » refusé : la créance n'est pas recevable au {d(r.au)}.\n  - "
            + "\n  - ".join(motifs),
            acte=acte,
        )
