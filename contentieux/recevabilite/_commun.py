"""Outils partagés par les conditions de recevabilité (aucune règle de droit chiffrée ici)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TypeVar

from contentieux.modeles.creances import Creance, Facture
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import Jugement, Paiement, ProcedureCollective
from contentieux.modeles.parties import PersonneMorale, PersonnePhysique, Qualite
from contentieux.modeles.recevabilite import DetailPrescription
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


def departement_debiteur(dossier: Dossier) -> str | None:
    """Département du domicile ou du siège du premier débiteur (jours fériés, droit local) ;
    ``None`` si le débiteur demeure à l'étranger (pas de férié local)."""
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


def creances_posterieures(dossier: Dossier, procedure: ProcedureCollective) -> bool:
    """Vrai si toutes les factures du dossier sont nées après le jugement d'ouverture : émises
    et, si elle est connue, exécutées après ``date_jugement_ouverture``."""
    ouverture = procedure.date_jugement_ouverture
    return all(
        f.date_emission > ouverture and (f.date_execution is None or f.date_execution > ouverture)
        for _c, f in dossier.factures()
    )


def paiements(dossier: Dossier, creance: Creance, *, au: dt.date) -> list[Paiement]:
    """Paiements reçus au titre d'une créance au plus tard le jour ``au``."""
    return evenements(dossier, Paiement, creance, au=au)


def exigible_le(creance: Creance, facture: Facture, *, au: dt.date) -> dt.date:
    """Date d'exigibilité d'une facture au jour ``au`` (déchéance du terme prononcée comprise)."""
    decheance = creance.date_decheance_terme
    if decheance is not None and decheance <= au and decheance < facture.date_echeance:
        return decheance
    return facture.date_echeance


def imputer_paiements(
    dossier: Dossier, *, au: dt.date
) -> dict[tuple[str, str], list[tuple[Paiement, Decimal]]]:
    """Imputation du principal de chaque paiement reçu au plus tard le jour ``au``.

    Clé : (référence de la créance, numéro de facture) ; valeur : les paiements et la part de
    chacun imputée sur la facture. Ordre : les factures désignées par le débiteur, puis, à défaut,
    les factures échues au jour du paiement, la plus ancienne échéance d'abord (C. civ. 1342-10,
    le critère de « l'intérêt du débiteur » n'étant pas modélisé : à confirmer), enfin le reliquat
    sur les factures à échoir dans l'ordre de leurs échéances. Les intérêts et frais (1343-1) ne
    sont pas comptés ici : c'est une imputation sur le principal, prudente pour les seuils.
    """
    restant: dict[tuple[str, str], Decimal] = {}
    for creance in dossier.creances:
        for facture in creance.factures:
            restant[(creance.reference, facture.numero)] = facture.montant_ttc
    imputations: dict[tuple[str, str], list[tuple[Paiement, Decimal]]] = {k: [] for k in restant}
    for paiement in evenements(dossier, Paiement, au=au):
        concernees = [
            (c, f) for c in dossier.creances if paiement.concerne(c.reference) for f in c.factures
        ]
        designees = [
            (c, f)
            for numero in paiement.factures_designees
            for c, f in concernees
            if f.numero == numero
        ]
        echues = sorted(
            ((c, f) for c, f in concernees if exigible_le(c, f, au=paiement.date) <= paiement.date),
            key=lambda cf: exigible_le(cf[0], cf[1], au=paiement.date),
        )
        a_echoir = sorted(
            ((c, f) for c, f in concernees if exigible_le(c, f, au=paiement.date) > paiement.date),
            key=lambda cf: exigible_le(cf[0], cf[1], au=paiement.date),
        )
        disponible = paiement.montant
        for c, f in [*designees, *echues, *a_echoir]:
            if disponible <= 0:
                break
            cle = (c.reference, f.numero)
            part = min(disponible, restant[cle])
            if part > 0:
                restant[cle] -= part
                disponible -= part
                imputations[cle].append((paiement, part))
    return imputations


def principal_utile(
    dossier: Dossier,
    *,
    au: dt.date,
    prescrites: frozenset[tuple[str, str]] = frozenset(),
) -> Decimal:
    """Principal exigible et non prescrit restant dû au jour ``au``.

    Seules comptent les factures échues (exigibles le lendemain de l'échéance, ou après la
    déchéance du terme prononcée) et non prescrites (``prescrites`` : couples référence de la
    créance, numéro de facture), moins les paiements qui leur sont imputés. C'est le montant qui
    décide des seuils (petites créances, CPC 750-1, contribution pour la justice économique) et
    du libellé de la demande ; hors intérêts et frais.
    """
    imputations = imputer_paiements(dossier, au=au)
    total = Decimal("0")
    for creance in dossier.creances:
        for facture in creance.factures:
            cle = (creance.reference, facture.numero)
            if cle in prescrites or exigible_le(creance, facture, au=au) >= au:
                continue
            paye = sum((part for _p, part in imputations[cle]), start=Decimal("0"))
            total += max(facture.montant_ttc - paye, Decimal("0"))
    return total


def reste_du(dossier: Dossier, *, au: dt.date) -> Decimal:
    """Principal restant dû, toutes factures (échues ou non, prescrites ou non) : pour mémoire.

    Les seuils et le libellé de la demande utilisent :func:`principal_utile`.
    """
    total = Decimal("0")
    for creance in dossier.creances:
        paye = sum((p.montant for p in paiements(dossier, creance, au=au)), start=Decimal("0"))
        total += max(creance.principal - paye, Decimal("0"))
    return total


def prescrites(prescriptions: tuple[DetailPrescription, ...]) -> frozenset[tuple[str, str]]:
    """Couples (créance, facture) prescrits d'après le détail de la prescription."""
    return frozenset(
        (f.creance, f.numero) for d in prescriptions for f in d.par_facture if f.prescrite
    )


def titres_executoires(dossier: Dossier, *, au: dt.date) -> dict[str, Jugement]:
    """Jugements exécutoires au jour ``au``, par référence de créance."""
    titres: dict[str, Jugement] = {}
    for creance in dossier.creances:
        for jugement in evenements(dossier, Jugement, creance, au=au):
            if (
                jugement.date_caractere_executoire is not None
                and jugement.date_caractere_executoire <= au
            ):
                titres[creance.reference] = jugement
    return titres


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
