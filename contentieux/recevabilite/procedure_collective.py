"""Procédure collective : déclarer la créance, jamais poursuivre seul.

Le jugement d'ouverture (sauvegarde, redressement, liquidation judiciaire) interdit toute action
en paiement d'une créance antérieure et arrête les voies d'exécution (C. com. L622-21) : pas
d'injonction de payer. Le créancier déclare sa créance au mandataire judiciaire (ou au
liquidateur) désigné par le jugement (C. com. L622-24), dans le délai qui court de la publication
du jugement au BODACC (C. com. R622-24). La durée de ce délai est lue dans les règles
(``procedure_collective.declaration_creance_mois``) : elle n'est jamais écrite dans le code.

Créances nées après le jugement d'ouverture (toutes les factures émises et exécutées après lui) :
elles ne sont pas nécessairement à déclarer ni soumises à l'interdiction des poursuites (référence
a.1, source unique) ; le constat est alors indéterminé, « à confirmer », et la voie n'est pas la
déclaration.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from contentieux.delais import Echeance, calculer_echeance
from contentieux.droit.durees import duree
from contentieux.droit.faits import chemin_evenement, departement_debiteur, evenements
from contentieux.droit.faits import date_longue as formater
from contentieux.erreurs import RegleNonCouverte
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import ProcedureCollective
from contentieux.modeles.resultats import Constat
from contentieux.regles import Regles

CONDITION = "procedure_collective"
INTITULE = "Absence de procédure collective ouverte contre le débiteur"
FONDEMENTS = ("C. com. L622-21", "C. com. L622-24", "C. com. R622-24")
REGLE_DECLARATION = "procedure_collective.declaration_creance_mois"
"""Identifiant, dans les règles, du délai de déclaration des créances (en mois)."""
REGLE_AUGMENTATION = "procedure_collective.declaration_creance_augmentation_mois"
REGLE_RELEVE = "procedure_collective.releve_forclusion_mois"
"""Identifiant, dans les règles, du délai de l'action en relevé de forclusion (en mois)."""


_constat = partial(Constat, condition=CONDITION, intitule=INTITULE)
"""Constat de cette condition (identifiant et intitulé fixés)."""


def procedures_ouvertes(dossier: Dossier, *, au: dt.date) -> list[ProcedureCollective]:
    """Procédures collectives ouvertes au jour ``au`` et non clôturées."""
    return [
        p
        for p in evenements(dossier, ProcedureCollective, au=au)
        if p.date_cloture is None or p.date_cloture > au
    ]


def creances_posterieures(dossier: Dossier, procedure: ProcedureCollective) -> bool:
    """Vrai si toutes les factures du dossier sont nées après le jugement d'ouverture : émises
    et, si elle est connue, exécutées après ``date_jugement_ouverture``."""
    ouverture = procedure.date_jugement_ouverture
    return all(
        f.date_emission > ouverture and (f.date_execution is None or f.date_execution > ouverture)
        for _c, f in dossier.factures()
    )


def _outre_mer(departement: str | None) -> bool:
    """Hors de la métropole : outre-mer (codes postaux 97x et 98x) ou étranger (``None``)."""
    if departement is None:
        return True
    return not departement[:1].isdigit() or departement.startswith(("97", "98"))


_NATURES = {
    "sauvegarde": "sauvegarde",
    "redressement_judiciaire": "redressement judiciaire",
    "liquidation_judiciaire": "liquidation judiciaire",
}


def echeance_declaration(
    dossier: Dossier, procedure: ProcedureCollective, regles: Regles
) -> Echeance | None:
    """Fin du délai de déclaration (publication au BODACC + délai des règles).

    Le délai est augmenté (R622-24 al. 2 et 3) quand le créancier ne demeure pas sur le même
    territoire — métropole ou outre-mer — que le tribunal, réputé siéger au lieu du siège du
    débiteur. ``None`` si la date de publication n'est pas connue ; ``RegleNonCouverte`` si la
    durée du délai n'est pas dans les règles.
    """
    if procedure.date_publication_bodacc is None:
        return None
    mois, _ = duree(regles, REGLE_DECLARATION, au=procedure.date_publication_bodacc)
    if _outre_mer(dossier.creancier.adresse_principale.departement) != _outre_mer(
        departement_debiteur(dossier)
    ):
        augmentation, _ = duree(regles, REGLE_AUGMENTATION, au=procedure.date_publication_bodacc)
        mois += augmentation
    return calculer_echeance(
        procedure.date_publication_bodacc, mois=mois, departement=departement_debiteur(dossier)
    )


def fin_releve_forclusion(
    dossier: Dossier, procedure: ProcedureCollective, regles: Regles
) -> Echeance | None:
    """Dernier jour de l'action en relevé de forclusion : six mois à compter de la publication du
    jugement d'ouverture au BODACC (C. com. L622-26 al. 3 ; durée lue dans les règles,
    ``procedure_collective.releve_forclusion_mois``). ``None`` si la publication n'est pas connue.

    Le délai d'un an du créancier placé dans l'impossibilité de connaître sa créance (L622-26
    al. 3, seconde phrase) n'est pas calculé : c'est au juge-commissaire d'en décider.
    """
    if procedure.date_publication_bodacc is None:
        return None
    mois, _ = duree(regles, REGLE_RELEVE, au=procedure.date_publication_bodacc)
    return calculer_echeance(
        procedure.date_publication_bodacc, mois=mois, departement=departement_debiteur(dossier)
    )


def forclusion(
    dossier: Dossier, procedure: ProcedureCollective, *, au: dt.date, regles: Regles
) -> str:
    """Ce que le jour ``au`` dit du délai de déclaration, après son expiration (chaîne vide s'il
    court encore ou n'est pas daté) : relevé de forclusion encore possible (C. com. L622-26,
    dans les six mois de la publication), ou délai de relevé lui aussi expiré."""
    echeance = echeance_declaration(dossier, procedure, regles)
    if echeance is None or au <= echeance.date_limite:
        return ""
    fin = fin_releve_forclusion(dossier, procedure, regles)
    expiree = f"le délai de déclaration a expiré le {formater(echeance.date_limite)}"
    if fin is not None and au <= fin.date_limite:
        return (
            f"{expiree} : seule l'action en relevé de forclusion reste possible, devant le "
            f"juge-commissaire, au plus tard le {formater(fin.date_limite)} (six mois de la "
            "publication au BODACC), en prouvant que la défaillance n'est pas due au créancier "
            "(C. com. L622-26)"
        )
    assert fin is not None
    return (
        f"{expiree} et celui de l'action en relevé de forclusion le "
        f"{formater(fin.date_limite)} (six mois de la publication au BODACC, C. com. L622-26) : "
        "la créance non déclarée est inopposable à la procédure"
    )


def verifier_procedure_collective(dossier: Dossier, *, au: dt.date, regles: Regles) -> Constat:
    """Une procédure collective est-elle ouverte contre le débiteur au jour ``au`` ?"""
    ouvertes = procedures_ouvertes(dossier, au=au)
    if not ouvertes:
        return _constat(
            satisfaite=True,
            motif="Aucune procédure collective ouverte n'est connue contre le débiteur.",
            fondements=FONDEMENTS,
            avertissements=(
                "Vérifiez le BODACC avant toute requête : une procédure ouverte interdit "
                "l'injonction de payer (C. com. L622-21).",
            ),
        )
    procedure = ouvertes[-1]
    chemin = chemin_evenement(dossier, procedure)
    nature = _NATURES[procedure.nature.value]
    if creances_posterieures(dossier, procedure):
        return _constat(
            satisfaite=None,
            motif=f"{nature.capitalize()} ouvert(e) par jugement du "
            f"{formater(procedure.date_jugement_ouverture)}, mais toutes les factures sont nées "
            "après ce jugement : une créance postérieure n'est pas nécessairement à déclarer ni "
            "frappée par l'interdiction des poursuites (selon qu'elle est née pour les besoins "
            "de la procédure ou en contrepartie d'une prestation) — à confirmer avec le "
            "mandataire ou l'administrateur.",
            fondements=(*FONDEMENTS, "C. com. L622-17"),
            faits_manquants=(
                f"{chemin} : qualification de la créance postérieure (utile à la procédure ou "
                "contrepartie d'une prestation fournie au débiteur)",
            ),
            avertissements=(
                "Règle tirée d'une source unique de la référence (a.1) : à confirmer.",
            ),
        )
    motif = (
        f"{nature.capitalize()} ouvert(e) par jugement du "
        f"{formater(procedure.date_jugement_ouverture)} : les poursuites individuelles sont "
        "interdites (C. com. L622-21) ; la créance doit être déclarée au mandataire judiciaire "
        "ou au liquidateur (C. com. L622-24)"
    )
    manquants: list[str] = []
    avertissements: list[str] = []
    try:
        echeance = echeance_declaration(dossier, procedure, regles)
    except RegleNonCouverte as erreur:
        echeance = None
        avertissements.append(f"délai de déclaration non calculé : {erreur.message}")
    if procedure.date_publication_bodacc is None:
        motif += " ; la date de publication au BODACC, qui fait courir le délai, n'est pas connue"
        manquants.append(f"{chemin}.date_publication_bodacc")
    elif echeance is not None:
        if au > echeance.date_limite:
            motif += " ; " + forclusion(dossier, procedure, au=au, regles=regles)
        else:
            motif += f", au plus tard le {formater(echeance.date_limite)}"
    return _constat(
        satisfaite=False,
        motif=motif + ".",
        fondements=FONDEMENTS,
        faits_manquants=tuple(manquants),
        avertissements=tuple(avertissements),
    )
