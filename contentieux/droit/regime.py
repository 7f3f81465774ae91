"""Le régime des intérêts de retard d'une créance : une seule règle pour toutes les couches.

Le décompte (:mod:`contentieux.interets`) et la recevabilité (:mod:`contentieux.recevabilite`)
appellent :func:`regime_interets` ; aucun autre module ne déduit le régime des qualités.

Règles, dans l'ordre (« automatique ») :

1. **Débiteur acheteur public** : intérêts moratoires de la commande publique (CCP L2192-13,
   R2192-31 : taux BCE du premier jour du semestre où ils commencent à courir + 8 points), dus de
   plein droit au titulaire du marché.
2. **Créancier acheteur public** (débiteur qui ne l'est pas) : ni les pénalités L441-10 (elles
   protègent le créancier entreprise : C. com. L441-10 II, transposant la directive 2011/7/UE,
   dont l'article 3 vise les transactions « entre entreprises » où le créancier est une
   entreprise), ni R2192-31 (qui vise l'acheteur public *débiteur*) : droit commun, le taux
   stipulé s'il y en a un, sinon le taux légal (C. civ. 1231-6). **Décision de la
   bibliothèque** : avant cette règle commune, le décompte appliquait les pénalités L441-10 et
   la recevabilité le taux légal à un acheteur public créancier d'un professionnel.
3. **Créancier et débiteur professionnels de droit privé** : pénalités L441-10 II (taux stipulé,
   relevé au plancher de 3 × le taux légal, ou taux BCE + 10 points).
4. **Crédit à la consommation** : après la défaillance, les sommes restant dues produisent
   intérêts « à un taux égal à celui du prêt » (C. consom. L312-39) : ``taux_pret`` (ou, à
   défaut, ``taux_contractuel``) ; sans taux connu, le taux légal, avec un avertissement.
5. **Taux stipulé hors relation entre professionnels** (professionnel contre consommateur, entre
   particuliers…) : il s'applique (C. civ. 1231-6 ne donne le taux légal qu'à défaut de
   convention ; 1343-1 al. 2 : taux fixé par écrit) ; s'il s'analyse en clause pénale, le juge
   peut le modérer (C. civ. 1231-5), et les règles de l'usure et des clauses abusives
   s'appliquent (docs/droit.md k.3).
6. **Sinon** : intérêts au taux légal à compter de la mise en demeure (C. civ. 1231-6, 1344-1).

Un régime choisi expressément dans le dossier (``regime_interets`` autre qu'« automatique »)
l'emporte ; « aucun » : la créance ne porte pas intérêt.

>>> from decimal import Decimal
>>> from contentieux.exemples import dossier_exemple
>>> d = dossier_exemple("b2b")
>>> regime_interets(d.creancier, d.debiteur, d.creances[0]).nom
'penalites_b2b'
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from contentieux.droit.qualites import est_relation_l441_10
from contentieux.modeles.creances import Creance, NatureCreance
from contentieux.modeles.decompte import RegimeLigne
from contentieux.modeles.parties import PersonneMorale, PersonnePhysique, Qualite

Partie = PersonnePhysique | PersonneMorale

FONDEMENTS: Final[dict[RegimeLigne, tuple[str, ...]]] = {
    "taux_legal": ("C. civ. 1231-6", "C. civ. 1344-1", "CMF L313-2"),
    "penalites_b2b": ("C. com. L441-10",),
    "commande_publique": ("CCP L2192-13", "CCP R2192-31"),
    "taux_conventionnel": ("C. civ. 1231-6", "C. civ. 1343-1"),
    "jugement": ("C. civ. 1231-7", "CMF L313-2"),
}
"""Articles de chaque régime (les fondements d'un ``RegimeRetenu`` peuvent en ajouter)."""


@dataclass(frozen=True, slots=True)
class RegimeRetenu:
    """Le régime des intérêts de retard d'une créance, et pourquoi.

    ``nom`` : None si la créance ne porte pas intérêt ; ``taux_stipule`` : le taux conventionnel
    appliqué (pénalités L441-10 stipulées, taux conventionnel, taux du prêt), None sinon ;
    ``court_des_mise_en_demeure`` : les intérêts ne courent qu'à compter d'une mise en demeure
    (C. civ. 1231-6, 1344-1), sinon dès le lendemain de l'échéance (L441-10 II, R2192-31) ;
    ``avertissement`` : ce que l'utilisateur doit savoir (taux écarté, modération possible…).
    """

    nom: RegimeLigne | None
    taux_stipule: Decimal | None
    motif: str
    fondements: tuple[str, ...]
    avertissement: str | None = None

    @property
    def court_des_mise_en_demeure(self) -> bool:
        return self.nom in ("taux_legal", "taux_conventionnel")


def regime_interets(creancier: Partie, debiteur: Partie, creance: Creance) -> RegimeRetenu:
    """Le régime des intérêts de retard de ``creance`` entre ces parties (voir le module)."""
    choisi = creance.regime_interets
    stipule = creance.taux_contractuel
    ref = creance.reference
    if choisi == "aucun":
        return RegimeRetenu(None, None, "aucun intérêt (choix du dossier)", ())
    if choisi == "taux_legal":
        return RegimeRetenu(
            "taux_legal",
            None,
            "taux légal (choix du dossier)",
            FONDEMENTS["taux_legal"],
            None
            if stipule is None
            else (
                f"Créance {ref} : régime « taux_legal » choisi dans le dossier : le taux stipulé "
                f"({_texte(stipule)}) n'est pas appliqué ; retirez regime_interets pour "
                "l'appliquer (C. civ. 1231-6)."
            ),
        )
    if choisi == "commande_publique":
        return _commande_publique(creance, "choix du dossier")
    if choisi == "penalites_b2b":
        return _penalites(stipule, "choix du dossier")
    if choisi == "taux_conventionnel":
        return _conventionnel(creance, "choix du dossier")
    # « automatique »
    if debiteur.qualite is Qualite.ACHETEUR_PUBLIC:
        return _commande_publique(creance, "débiteur acheteur public")
    if creancier.qualite is Qualite.ACHETEUR_PUBLIC:
        motif = (
            "créancier acheteur public : ni pénalités L441-10 (réservées au créancier "
            "entreprise), ni intérêts moratoires R2192-31 (dus par l'acheteur public)"
        )
        if _taux_credit(creance) is not None or stipule is not None:
            return _conventionnel(creance, motif)
        return RegimeRetenu("taux_legal", None, motif, FONDEMENTS["taux_legal"])
    if est_relation_l441_10(creancier, debiteur):
        return _penalites(stipule, "créancier et débiteur professionnels")
    if creance.nature is NatureCreance.CREDIT_CONSOMMATION:
        if _taux_credit(creance) is None:
            return RegimeRetenu(
                "taux_legal",
                None,
                "crédit à la consommation sans taux du prêt connu",
                FONDEMENTS["taux_legal"],
                f"Créance {ref} : crédit à la consommation : après la défaillance, les sommes "
                "restant dues portent intérêt au taux du prêt (C. consom. L312-39) ; indiquez "
                "taux_pret dans le dossier : à défaut, le taux légal est appliqué.",
            )
        return _conventionnel(creance, "crédit à la consommation")
    if stipule is not None:
        return _conventionnel(creance, "taux stipulé hors relation entre professionnels")
    return RegimeRetenu(
        "taux_legal", None, "taux légal à défaut de convention", FONDEMENTS["taux_legal"]
    )


def _taux_credit(creance: Creance) -> Decimal | None:
    if creance.nature is NatureCreance.CREDIT_CONSOMMATION and creance.taux_pret is not None:
        return creance.taux_pret
    return None


def _commande_publique(creance: Creance, motif: str) -> RegimeRetenu:
    stipule = creance.taux_contractuel
    return RegimeRetenu(
        "commande_publique",
        None,
        motif,
        FONDEMENTS["commande_publique"],
        None
        if stipule is None
        else (
            f"Créance {creance.reference} : intérêts moratoires de la commande publique : leur "
            f"taux est fixé par CCP R2192-31 ; le taux stipulé ({_texte(stipule)}) n'est pas "
            "appliqué."
        ),
    )


def _penalites(stipule: Decimal | None, motif: str) -> RegimeRetenu:
    return RegimeRetenu("penalites_b2b", stipule, motif, FONDEMENTS["penalites_b2b"])


def _conventionnel(creance: Creance, motif: str) -> RegimeRetenu:
    """Taux conventionnel : le taux du prêt (crédit à la consommation, L312-39) ou le taux
    stipulé (C. civ. 1231-6, 1343-1), modérable s'il est une pénalité (1231-5)."""
    ref = creance.reference
    credit = _taux_credit(creance)
    if creance.nature is NatureCreance.CREDIT_CONSOMMATION and (
        credit is not None or creance.taux_contractuel is not None
    ):
        taux = credit if credit is not None else creance.taux_contractuel
        assert taux is not None
        return RegimeRetenu(
            "taux_conventionnel",
            taux,
            f"{motif} : taux du prêt après défaillance",
            ("C. consom. L312-39", "C. civ. 1231-6"),
            f"Créance {ref} : crédit à la consommation : les sommes restant dues portent "
            f"intérêt au taux du prêt ({_texte(taux)}) jusqu'au paiement (C. consom. L312-39) ; "
            "aucun autre frais ne peut être mis à la charge de l'emprunteur (L312-38).",
        )
    taux = creance.taux_contractuel if creance.taux_contractuel is not None else creance.taux_pret
    assert taux is not None  # Creance refuse « taux_conventionnel » sans taux
    return RegimeRetenu(
        "taux_conventionnel",
        taux,
        f"{motif} : taux stipulé",
        FONDEMENTS["taux_conventionnel"],
        f"Créance {ref} : taux d'intérêt de retard stipulé ({_texte(taux)}) appliqué "
        "(C. civ. 1231-6 : le taux légal ne vaut qu'à défaut de convention) ; s'il s'analyse en "
        "clause pénale, le juge peut le modérer (C. civ. 1231-5) ; vérifiez le taux de l'usure "
        "et l'absence de clause abusive.",
    )


def _texte(taux: Decimal) -> str:
    return f"{taux:f}".replace(".", ",") + " %"
