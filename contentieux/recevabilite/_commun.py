"""Outils partagés par les conditions de recevabilité (aucune règle de droit chiffrée ici)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TypeVar

from contentieux.modeles.creances import Creance, Facture
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import Paiement, ProcedureCollective
from contentieux.modeles.parties import PersonneMorale, PersonnePhysique, Qualite
from contentieux.regles import Regles, ValeurRegle

E = TypeVar("E")


def chemin_creance(dossier: Dossier, creance: Creance) -> str:
    """Chemin du champ de la créance dans le dossier, pour nommer un fait manquant."""
    return f"creances[{dossier.creances.index(creance)}]"


def chemin_facture(dossier: Dossier, creance: Creance, facture: Facture) -> str:
    """Chemin d'une facture dans le dossier (« creances[0].factures[2] »)."""
    return f"{chemin_creance(dossier, creance)}.factures[{creance.factures.index(facture)}]"


def chemin_evenement(dossier: Dossier, evenement: object) -> str:
    """Chemin d'un événement dans le dossier (« evenements[3] »)."""
    for i, ev in enumerate(dossier.evenements):
        if ev is evenement:
            return f"evenements[{i}]"
    return "evenements"


def evenements(
    dossier: Dossier, type_: type[E], creance: Creance | None = None, *, au: dt.date
) -> list[E]:
    """Événements d'un type, survenus au plus tard le jour ``au``, triés par date."""
    reference = creance.reference if creance is not None else None
    from contentieux.modeles.dossier import _date_evenement

    return [e for e in dossier.evenements_de_type(type_, reference) if _date_evenement(e) <= au]


def departement_debiteur(dossier: Dossier) -> str:
    """Département du domicile ou du siège du premier débiteur (jours fériés, droit local)."""
    return dossier.debiteur.adresse_principale.departement


FORMES_CIVILES = ("sci", "scp", "scm", "societe civile", "association", "gaec", "earl", "scea")
"""Formes de personnes morales de droit privé non commerçantes (compétence civile)."""


def _sans_accents(texte: str) -> str:
    import unicodedata

    decompose = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c)).lower()


def normaliser_commune(texte: str) -> str:
    """Nom de commune comparable : sans accents ni casse, tirets et apostrophes en espaces."""
    simple = _sans_accents(texte).replace("-", " ").replace("'", " ").replace("’", " ")
    return " ".join(simple.split())


def est_forme_civile(partie: PersonneMorale) -> bool:
    """Vrai si la forme juridique déclarée est celle d'une personne morale civile."""
    forme = normaliser_commune(partie.forme_juridique or "")
    return any(forme == f or forme.startswith(f + " ") for f in FORMES_CIVILES)


def est_commercant(partie: PersonnePhysique | PersonneMorale) -> bool:
    """Commerçant, ou société professionnelle de forme commerciale : compétence commerciale."""
    if partie.qualite is Qualite.COMMERCANT:
        return True
    return (
        isinstance(partie, PersonneMorale)
        and partie.qualite is Qualite.PROFESSIONNEL
        and not est_forme_civile(partie)
    )


def est_consommateur(partie: PersonnePhysique | PersonneMorale) -> bool:
    """Personne physique agissant hors de son activité professionnelle (C. consom. liminaire)."""
    return isinstance(partie, PersonnePhysique) and partie.qualite is Qualite.CONSOMMATEUR


def est_professionnel_prive(partie: PersonnePhysique | PersonneMorale) -> bool:
    """Professionnel ou commerçant, hors acheteur public."""
    return partie.qualite in {Qualite.PROFESSIONNEL, Qualite.COMMERCANT}


def est_b2b(dossier: Dossier) -> bool:
    """Créancier et débiteur professionnels de droit privé (C. com. L441-10)."""
    return est_professionnel_prive(dossier.creancier) and est_professionnel_prive(dossier.debiteur)


def regime_interets(dossier: Dossier, creance: Creance) -> str:
    """Régime des intérêts de retard effectif (« automatique » résolu d'après les qualités)."""
    if creance.regime_interets != "automatique":
        return creance.regime_interets
    if dossier.debiteur.qualite is Qualite.ACHETEUR_PUBLIC:
        return "commande_publique"
    if est_b2b(dossier):
        return "penalites_b2b"
    return "taux_legal"


def procedures_ouvertes(dossier: Dossier, *, au: dt.date) -> list[ProcedureCollective]:
    """Procédures collectives ouvertes au jour ``au`` et non clôturées."""
    return [
        p
        for p in evenements(dossier, ProcedureCollective, au=au)
        if p.date_cloture is None or p.date_cloture > au
    ]


def paiements(dossier: Dossier, creance: Creance, *, au: dt.date) -> list[Paiement]:
    """Paiements reçus au titre d'une créance au plus tard le jour ``au``."""
    return evenements(dossier, Paiement, creance, au=au)


def reste_du(dossier: Dossier, *, au: dt.date) -> Decimal:
    """Principal restant dû : factures moins paiements reçus (hors intérêts et frais)."""
    total = Decimal("0")
    for creance in dossier.creances:
        paye = sum((p.montant for p in paiements(dossier, creance, au=au)), start=Decimal("0"))
        total += max(creance.principal - paye, Decimal("0"))
    return total


def duree(regles: Regles, identifiant: str, *, au: dt.date) -> tuple[int, ValeurRegle]:
    """Durée entière (années, mois ou jours) lue dans les règles, avec sa valeur datée."""
    valeur = regles.valeur(identifiant, au=au)
    nombre = regles.decimal(identifiant, au=au)
    return int(nombre), valeur


def formater(date: dt.date) -> str:
    """Date longue française (« 5 mars 2026 »)."""
    from contentieux.francais import formater_date

    return formater_date(date)


def euros(montant: Decimal) -> str:
    """Montant français (« 1 234,56 € »)."""
    from contentieux.francais import formater_montant

    return formater_montant(montant)
