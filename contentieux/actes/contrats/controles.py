"""Les contrôles que plusieurs actes partagent, décidés ici une seule fois : chaque acte appelle
ceux qui le concernent au début de son ``construire``.

- procédure collective ouverte : poursuites individuelles arrêtées (C. com. L622-21), seule la
  déclaration de créance est produite ;
- créance prescrite : elle ne peut être réclamée comme due (C. civ. 2219 ; C. consom. L121-2) ;
- créance non recevable, ou au verdict indéterminé, au sens de ``contentieux verifier`` : pas de
  requête, sauf option explicite (``actes.requete.produire_malgre_reserves``) qui la produit avec
  les motifs sur une note de couverture ;
- créance d'un acheteur public née d'un contrat administratif : elle relève du juge administratif
  (CCP L6), la même règle que ``contentieux verifier``
  (:func:`contentieux.recevabilite.voie.nature_tribunal`).
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


def sous_juge_administratif(faits: Faits) -> bool:
    """Vrai si la créance relève du juge administratif : débiteur acheteur public et contrat
    administratif (CCP L6). Même règle que ``contentieux verifier`` : les actes disent la même
    chose que la vérification."""
    from contentieux.recevabilite.voie import nature_tribunal

    return nature_tribunal(faits.dossier) == "administratif"


CONDITIONS_REQUETE = (
    "certitude",
    "liquidite",
    "exigibilite",
    "prescription",
    "injonction_de_payer",
)
"""Constats dont dépend une requête : le verdict de recevabilité et les conditions de CPC 1405."""


def reserves(faits: Faits) -> tuple[str, ...]:
    """Les constats de la vérification qui ne sont pas satisfaits (faux ou indéterminés) parmi
    :data:`CONDITIONS_REQUETE`, chacun « intitulé : verdict — motif »."""
    lignes = []
    for constat in faits.recevabilite.constats:
        if constat.condition in CONDITIONS_REQUETE and constat.satisfaite is not True:
            verdict = "non satisfaite" if constat.satisfaite is False else "indéterminée"
            lignes.append(f"{constat.intitule} : {verdict} — {constat.motif}")
    return tuple(lignes)


def refuser_non_recevable(
    faits: Faits, acte: str, *, malgre_reserves: bool = False
) -> tuple[str, ...]:
    """Refuse l'acte sur une créance que la vérification trouve irrecevable ou indéterminée ;
    avec ``malgre_reserves`` (option explicite et validée des paramètres), rend au contraire les
    motifs, que l'acte imprime sur une note de couverture."""
    motifs = reserves(faits)
    if not motifs or malgre_reserves:
        return motifs
    r = faits.recevabilite
    verdict = "n'est pas recevable" if r.recevable is False else "n'est pas établie comme recevable"
    raise ActeInadapte(
        f"acte « {acte} » refusé : la créance {verdict} au {d(r.au)} "
        "(contentieux verifier) :\n  - "
        + "\n  - ".join(motifs)
        + "\ncomplétez le dossier (faits manquants : contentieux verifier) ; pour produire "
        "malgré tout la requête, avec ces motifs sur une note de couverture, ajoutez "
        "« requete: {produire_malgre_reserves: true} » dans la section « actes: » du dossier ou "
        "dans le fichier --parametres",
        acte=acte,
    )
