"""Procédures déjà engagées : titres exécutoires obtenus, instances en cours (docs/droit.md k.5).

- Litispendance (CPC 100) : une créance déjà portée devant un juge n'y est pas portée une
  seconde fois ; une assignation, un référé, une requête en injonction de payer, une opposition
  pendants se **suivent**, ils ne se doublent pas.
- Ordonnance portant injonction de payer signifiée : depuis le 1er mars 2022, elle est revêtue
  de la formule exécutoire dès qu'elle est rendue (CPC 1410) ; sans opposition dans le mois de sa
  signification (CPC 1416 ; ``injonction_de_payer.opposition_mois``), elle produit tous les
  effets d'un jugement contradictoire (CPC 1422) : elle s'exécute par un commissaire de justice.
  Pendant ce mois, on attend ; une opposition saisit le tribunal (CPC 1417).
- Si la signification n'a pas été faite à la personne du débiteur, l'opposition reste recevable
  jusqu'au mois qui suit le premier acte signifié à personne ou la première mesure
  d'indisponibilité (CPC 1416 al. 2) : la bibliothèque le signale, sans le dater.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from contentieux.delais import calculer_echeance
from contentieux.droit.faits import date_longue as formater
from contentieux.droit.faits import departement_debiteur, evenements
from contentieux.erreurs import RegleNonCouverte
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import DemandeEnJustice, IssueDemande, Jugement, NatureDemande
from contentieux.regles import Regles

REGLE_OPPOSITION = "injonction_de_payer.opposition_mois"

_LIBELLES = {
    NatureDemande.ASSIGNATION: "assignation",
    NatureDemande.REFERE: "assignation en référé",
    NatureDemande.REQUETE_INJONCTION: "requête en injonction de payer",
    NatureDemande.SIGNIFICATION_INJONCTION: "ordonnance portant injonction de payer signifiée",
    NatureDemande.OPPOSITION_INJONCTION: "opposition à l'ordonnance d'injonction de payer",
    NatureDemande.AUTRE: "demande en justice",
}


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


@dataclass(frozen=True)
class Instance:
    """Une procédure engagée pour une créance, au jour de l'évaluation.

    ``etat`` : « en_cours » (à suivre), « opposition_ouverte » (ordonnance signifiée, délai
    d'opposition en cours), « executoire » (ordonnance non frappée d'opposition : CPC 1422).
    """

    creance: str
    demande: DemandeEnJustice
    etat: str
    motif: str
    fondements: tuple[str, ...]
    date_executoire: dt.date | None = None


def _ouverte(demande: DemandeEnJustice, au: dt.date) -> bool:
    """L'instance n'est pas éteinte au jour ``au``."""
    if demande.issue is not IssueDemande.EN_COURS:
        return False
    return demande.date_fin_instance is None or demande.date_fin_instance > au


def instances(dossier: Dossier, *, au: dt.date, regles: Regles) -> dict[str, Instance]:
    """Pour chaque créance déjà portée devant un juge au jour ``au``, l'instance qui décide de la
    suite (la plus avancée : une opposition l'emporte sur l'ordonnance qu'elle attaque, une
    ordonnance signifiée sur la requête)."""
    resultat: dict[str, Instance] = {}
    rang = {
        NatureDemande.REQUETE_INJONCTION: 0,
        NatureDemande.ASSIGNATION: 1,
        NatureDemande.REFERE: 1,
        NatureDemande.AUTRE: 1,
        NatureDemande.SIGNIFICATION_INJONCTION: 2,
        NatureDemande.OPPOSITION_INJONCTION: 3,
    }
    for creance in dossier.creances:
        retenue: tuple[int, dt.date, DemandeEnJustice] | None = None
        for demande in evenements(dossier, DemandeEnJustice, creance, au=au):
            if demande.nature not in rang or not _ouverte(demande, au):
                continue
            cle = (rang[demande.nature], demande.date, demande)
            if retenue is None or cle[:2] >= retenue[:2]:
                retenue = cle
        if retenue is not None:
            resultat[creance.reference] = _decrire(
                dossier, creance.reference, retenue[2], au=au, regles=regles
            )
    return resultat


def _decrire(
    dossier: Dossier, reference: str, demande: DemandeEnJustice, *, au: dt.date, regles: Regles
) -> Instance:
    libelle = f"{_LIBELLES[demande.nature]} du {formater(demande.date)}"
    if demande.nature is NatureDemande.SIGNIFICATION_INJONCTION:
        try:
            mois = int(regles.decimal(REGLE_OPPOSITION, au=demande.date))
        except RegleNonCouverte:
            mois = 0
        if mois:
            fin = calculer_echeance(
                demande.date, mois=mois, departement=departement_debiteur(dossier)
            ).date_limite
            if au > fin:
                return Instance(
                    creance=reference,
                    demande=demande,
                    etat="executoire",
                    motif=(
                        f"{reference} : {libelle} ; aucune opposition n'est connue dans le délai "
                        f"d'un mois expiré le {formater(fin)} (CPC 1416) : l'ordonnance, revêtue "
                        "de la formule exécutoire (CPC 1410), produit tous les effets d'un "
                        "jugement contradictoire (CPC 1422) — faites-la exécuter par un "
                        "commissaire de justice ; si elle n'a pas été signifiée à la personne du "
                        "débiteur, l'opposition reste recevable jusqu'au mois qui suit le premier "
                        "acte signifié à personne (CPC 1416 al. 2)"
                    ),
                    fondements=("CPC 1410", "CPC 1416", "CPC 1422"),
                    date_executoire=fin,
                )
            return Instance(
                creance=reference,
                demande=demande,
                etat="opposition_ouverte",
                motif=(
                    f"{reference} : {libelle} ; le débiteur peut former opposition jusqu'au "
                    f"{formater(fin)} (CPC 1416) : attendez l'expiration de ce délai, puis faites "
                    "exécuter l'ordonnance (CPC 1422) ; aucune nouvelle requête (CPC 100)"
                ),
                fondements=("CPC 100", "CPC 1416", "CPC 1422"),
            )
    if demande.nature is NatureDemande.OPPOSITION_INJONCTION:
        return Instance(
            creance=reference,
            demande=demande,
            etat="en_cours",
            motif=(
                f"{reference} : {libelle} : l'opposition saisit le tribunal, qui statue sur la "
                "demande en recouvrement (CPC 1417) ; suivez cette instance, sans nouvelle "
                "requête ni nouvelle assignation (CPC 100)"
            ),
            fondements=("CPC 100", "CPC 1417"),
        )
    return Instance(
        creance=reference,
        demande=demande,
        etat="en_cours",
        motif=(
            f"{reference} : {libelle}, instance en cours : suivez-la devant la juridiction "
            "saisie ; ne portez pas la même créance devant un autre juge (litispendance, CPC 100)"
        ),
        fondements=("CPC 100",),
    )
