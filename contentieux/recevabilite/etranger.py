"""Débiteur établi hors de France : dans quel cadre le recouvrement judiciaire se mène.

Un débiteur établi à l'étranger n'est jamais renvoyé devant une juridiction française par les
règles de compétence du CPC (1406 vise le domicile du débiteur). S'il demeure dans un autre État
membre lié par le règlement (CE) n° 1896/2006 — tous sauf le Danemark (art. 2 § 3) ; liste datée
``juridictions.etats_injonction_europeenne`` —, la voie est l'injonction de payer européenne ;
ailleurs (Monaco, Suisse, Royaume-Uni depuis 2021…), le dossier sort du champ de la bibliothèque.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from contentieux.erreurs import RegleNonCouverte
from contentieux.modeles.dossier import Dossier
from contentieux.regles import Regles

REGLE_ETATS_IPE = "juridictions.etats_injonction_europeenne"


@dataclass(frozen=True)
class EtatDebiteur:
    """Pays du (premier) débiteur et s'il relève de l'injonction de payer européenne."""

    pays: str
    union: bool
    avertissements: tuple[str, ...] = ()


def etat_du_debiteur(dossier: Dossier, *, au: dt.date, regles: Regles) -> EtatDebiteur:
    """Pays du premier débiteur (code ISO 3166-1 alpha-2) et, hors de France, s'il est un État
    membre lié par le règlement (CE) n° 1896/2006 au jour ``au``."""
    pays = dossier.debiteur.adresse_principale.pays
    avertissements: list[str] = []
    autres = {d.adresse_principale.pays for d in dossier.debiteurs} - {pays}
    if autres:
        avertissements.append(
            "débiteurs établis dans plusieurs pays (" + ", ".join(sorted({pays, *autres})) + ") : "
            "seul le premier débiteur décide du cadre proposé — à examiner débiteur par débiteur"
        )
    if pays == "FR":
        return EtatDebiteur("FR", False, tuple(avertissements))
    try:
        valeur = regles.valeur(REGLE_ETATS_IPE, au=au).valeur
    except RegleNonCouverte as erreur:
        avertissements.append(
            f"liste des États membres liés par le règlement 1896/2006 inconnue à cette date : "
            f"{erreur.message}"
        )
        return EtatDebiteur(pays, False, tuple(avertissements))
    etats = valeur if isinstance(valeur, tuple) else ()
    return EtatDebiteur(pays, pays in etats, tuple(avertissements))
