"""Dossiers synthétiques pour essayer un lot, le tester et le mesurer (déterministes).

Les dossiers sont des variations du cas « entre professionnels » : trois factures, un paiement
partiel, une mise en demeure ; les montants et les dates varient avec le rang. Une proportion
choisie est **volontairement invalide** (champ manquant, date impossible, montant négatif…), pour
vérifier que le lot signale chaque erreur avec sa ligne et continue.

>>> d = next(dossiers_synthetiques(1))
>>> d["reference"], len(d["creances"][0]["factures"])
('LOT-0001', 3)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

_DEFAUTS: tuple[tuple[str, Callable[[dict[str, Any]], Any] | None], ...] = (
    ("montant", lambda d: d["creances"][0]["factures"][0].update(montant_ttc="-12.00")),
    ("date", lambda d: d["creances"][0]["factures"][1].update(date_echeance="2025-02-30")),
    ("manquant", lambda d: d["creancier"].pop("siege")),
    ("type", lambda d: d["debiteurs"][0].update(type="societe")),
    ("json", None),
)
"""Défauts injectés, à tour de rôle ; « json » donne une ligne JSON tronquée."""


def _base(rang: int) -> dict[str, Any]:
    debut = dt.date(2025, 1, 6) + dt.timedelta(days=rang % 120)
    montants = [
        Decimal(1000 + (rang * 37) % 9000) + Decimal(rang % 100) / 100,
        Decimal(500 + (rang * 53) % 4000),
        Decimal(200 + (rang * 11) % 800) + Decimal("0.50"),
    ]
    factures = []
    for i, montant in enumerate(montants):
        emission = debut + dt.timedelta(days=35 * i)
        factures.append(
            {
                "numero": f"F{rang:06d}-{i + 1}",
                "date_emission": emission.isoformat(),
                "date_echeance": (emission + dt.timedelta(days=30)).isoformat(),
                "date_execution": (emission - dt.timedelta(days=2)).isoformat(),
                "montant_ttc": str(montant),
            }
        )
    envoi = debut + dt.timedelta(days=150)
    return {
        "reference": f"LOT-{rang:04d}",
        "creancier": {
            "type": "personne_morale",
            "denomination": "Ateliers Durand & Fils",
            "forme_juridique": "SARL",
            "siren": "812345676",
            "rcs": "Paris",
            "siege": {"ligne1": "12 rue des Tanneurs", "code_postal": "75011", "ville": "Paris"},
            "representant": {"nom": "Claire Durand", "fonction": "Gérante"},
            "qualite": "commercant",
        },
        "debiteurs": [
            {
                "type": "personne_morale",
                "denomination": f"Client n° {rang} <SAS> « Bâti »",
                "forme_juridique": "SAS",
                "siren": "402213573",
                "siege": {
                    "ligne1": f"{rang % 90 + 1} quai Perrache",
                    "code_postal": "69002",
                    "ville": "Lyon",
                },
                "representant": {"nom": "Marc Lefèvre", "fonction": "Président"},
                "qualite": "commercant",
            }
        ],
        "creances": [
            {
                "reference": f"C-{rang:06d}",
                "nature": "vente_biens",
                "origine": "contractuelle",
                "description": "Fourniture de menuiseries",
                "factures": factures,
            }
        ],
        "evenements": [
            {
                "type": "paiement",
                "date": (debut + dt.timedelta(days=60)).isoformat(),
                "montant": str((montants[0] / 3).quantize(Decimal("0.01"))),
            },
            {
                "type": "mise_en_demeure",
                "date_envoi": envoi.isoformat(),
                "date_reception": (envoi + dt.timedelta(days=2)).isoformat(),
                "moyen": "lettre_recommandee_ar",
                "delai_jours": 15,
            },
        ],
    }


def est_invalide(rang: int, proportion_invalides: float) -> bool:
    """Le dossier de ce rang est-il volontairement invalide ? (répartition régulière)"""
    if proportion_invalides <= 0:
        return False
    pas = round(1 / proportion_invalides)
    return rang % pas == 0


def dossiers_synthetiques(
    n: int, *, proportion_invalides: float = 0.0, debut: int = 1
) -> Iterator[dict[str, Any]]:
    """``n`` dossiers (données JSON) ; un sur ``1 / proportion_invalides`` est invalide."""
    for rang in range(debut, debut + n):
        donnees = _base(rang)
        if est_invalide(rang, proportion_invalides):
            _nom, defaut = _DEFAUTS[(rang // max(1, round(1 / proportion_invalides))) % 5]
            if defaut is None:
                donnees["_tronque"] = True
            else:
                defaut(donnees)
        yield donnees


def ligne_jsonl(donnees: dict[str, Any]) -> str:
    """La ligne JSON d'un dossier synthétique (tronquée si le défaut « json » est demandé)."""
    tronque = donnees.pop("_tronque", False)
    texte = json.dumps(donnees, ensure_ascii=False)
    return texte[: len(texte) // 2] if tronque else texte


def ecrire_jsonl(chemin: Path, n: int, *, proportion_invalides: float = 0.0) -> Path:
    """Écrit ``n`` dossiers synthétiques en JSON lines."""
    with chemin.open("w", encoding="utf-8") as flux:
        for donnees in dossiers_synthetiques(n, proportion_invalides=proportion_invalides):
            flux.write(ligne_jsonl(donnees) + "\n")
    return chemin


def lignes_csv(n: int) -> str:
    """``n`` dossiers synthétiques (valides) au format CSV du lot, une facture par ligne."""
    roles = [
        f"{role}_{champ}"
        for role in ("creancier", "debiteur")
        for champ in (
            "type",
            "denomination",
            "forme_juridique",
            "siren",
            "rcs",
            "qualite",
            "adresse_ligne1",
            "code_postal",
            "ville",
            "representant_nom",
            "representant_fonction",
        )
    ]
    colonnes = [
        "dossier",
        *roles,
        "creance",
        "nature",
        "origine",
        "facture",
        "date_emission",
        "date_echeance",
        "date_execution",
        "montant_ttc",
        "mise_en_demeure_envoi",
        "mise_en_demeure_reception",
        "mise_en_demeure_delai_jours",
    ]
    sortie = io.StringIO()
    ecrivain = csv.DictWriter(sortie, fieldnames=colonnes, delimiter=";", lineterminator="\n")
    ecrivain.writeheader()
    for donnees in dossiers_synthetiques(n):
        communes: dict[str, Any] = {"dossier": donnees["reference"]}
        parties = (("creancier", donnees["creancier"]), ("debiteur", donnees["debiteurs"][0]))
        for role, partie in parties:
            for champ in ("type", "denomination", "forme_juridique", "siren", "rcs", "qualite"):
                if champ in partie:
                    communes[f"{role}_{champ}"] = partie[champ]
            communes[f"{role}_adresse_ligne1"] = partie["siege"]["ligne1"]
            communes[f"{role}_code_postal"] = partie["siege"]["code_postal"]
            communes[f"{role}_ville"] = partie["siege"]["ville"]
            communes[f"{role}_representant_nom"] = partie["representant"]["nom"]
            communes[f"{role}_representant_fonction"] = partie["representant"]["fonction"]
        mise = donnees["evenements"][1]
        communes["mise_en_demeure_envoi"] = mise["date_envoi"]
        communes["mise_en_demeure_reception"] = mise["date_reception"]
        communes["mise_en_demeure_delai_jours"] = mise["delai_jours"]
        creance = donnees["creances"][0]
        for facture in creance["factures"]:
            ecrivain.writerow(
                {
                    **communes,
                    "creance": creance["reference"],
                    "nature": creance["nature"],
                    "origine": creance["origine"],
                    "facture": facture["numero"],
                    "date_emission": facture["date_emission"],
                    "date_echeance": facture["date_echeance"],
                    "date_execution": facture["date_execution"],
                    "montant_ttc": facture["montant_ttc"].replace(".", ","),
                }
            )
    return sortie.getvalue()
