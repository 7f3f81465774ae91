"""Portefeuille synthétique (déterministe) pour le banc d'essai et la démonstration du rapport.

Les dossiers ont des factures étalées sur deux ans avant ``au``, des paiements partiels, complets
ou excédentaires, quelques avoirs, plans d'apurement, contestations, mises en demeure et
procédures collectives : de quoi exercer chaque indicateur et chaque garde-fou.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from contentieux.modeles.dossier import Dossier
from contentieux.pilotage.grand_livre import Avoir

_NOMS = (
    "Bâti-Rhône", "Menuiseries Arnaud", "Quincaillerie du Port", "Transports Lemoine",
    "Boulangerie Saint-Roch", "Garage des Alpes", "Imprimerie Vidal", "Élec Services",
    "Forêt & Frères", "Atelier <Nord>", "Café de la Gare", "Clinique des Tilleuls",
)  # fmt: skip
_VILLES = (("69002", "Lyon"), ("13001", "Marseille"), ("33000", "Bordeaux"), ("75011", "Paris"))

CREANCIER: dict[str, Any] = {
    "type": "personne_morale",
    "denomination": "Ateliers Durand & Fils",
    "forme_juridique": "SARL",
    "siege": {"ligne1": "12 rue des Tanneurs", "code_postal": "75011", "ville": "Paris"},
    "qualite": "commercant",
}


def _debiteur(alea: random.Random, i: int) -> dict[str, Any]:
    code, ville = _VILLES[i % len(_VILLES)]
    if i % 7 == 3:
        return {
            "type": "personne_physique",
            "nom": f"Martin-{i}",
            "prenoms": "Claire",
            "adresse": {"ligne1": f"{i} avenue Foch", "code_postal": code, "ville": ville},
        }
    return {
        "type": "personne_morale",
        "denomination": f"{_NOMS[i % len(_NOMS)]} {i // len(_NOMS) + 1}",
        "siege": {"ligne1": f"{i} rue du Commerce", "code_postal": code, "ville": ville},
        "qualite": "commercant",
    }


def donnees_dossier(i: int, *, au: dt.date, factures: int, graine: int = 0) -> dict[str, Any]:
    """Les données brutes du ``i``-ème dossier synthétique."""
    alea = random.Random(graine * 1_000_003 + i)
    lignes = []
    evenements: list[dict[str, Any]] = []
    for n in range(factures):
        emission = au - dt.timedelta(days=alea.randint(0, 720))
        echeance = emission + dt.timedelta(days=alea.choice((0, 30, 45, 60)))
        montant = Decimal(alea.randint(5_000, 900_000)) / 100
        numero = f"F{i}-{n}"
        lignes.append(
            {
                "numero": numero,
                "date_emission": emission.isoformat(),
                "date_echeance": echeance.isoformat(),
                "montant_ttc": str(montant),
            }
        )
        tirage = alea.random()
        if tirage < 0.55 and echeance + dt.timedelta(days=5) < au:
            paye = echeance + dt.timedelta(days=alea.randint(-10, 120))
            part = montant if alea.random() < 0.8 else (montant / 2).quantize(Decimal("0.01"))
            if alea.random() < 0.03:
                part += Decimal("25.00")  # trop-perçu
            evenements.append(
                {
                    "type": "paiement",
                    "date": min(max(paye, emission), au).isoformat(),
                    "montant": str(part),
                    "factures_designees": [numero] if alea.random() < 0.5 else [],
                }
            )
    premiere = min(dt.date.fromisoformat(f["date_emission"]) for f in lignes)
    creance: dict[str, Any] = {
        "reference": f"C{i}",
        "nature": "vente_biens",
        "factures": lignes,
        "pieces": [
            {"type": "bon_de_commande_signe", "reference": f"BC{i}", "signee_par_debiteur": True}
        ],
    }
    tirage = alea.random()
    if tirage < 0.04:
        creance["contestation"] = {
            "date": (au - dt.timedelta(days=20)).isoformat(),
            "motif": "Marchandise non conforme",
        }
    elif tirage < 0.10:
        evenements.append(
            {
                "type": "plan_apurement",
                "date": (au - dt.timedelta(days=200)).isoformat(),
                "date_premiere_echeance": (au - dt.timedelta(days=170)).isoformat(),
                "date_derniere_echeance": (
                    au + dt.timedelta(days=alea.choice((-30, 60)))
                ).isoformat(),
                **(
                    {"date_defaillance": (au - dt.timedelta(days=40)).isoformat()}
                    if alea.random() < 0.4
                    else {}
                ),
            }
        )
    elif tirage < 0.13:
        ouverture = au - dt.timedelta(days=30)
        evenements.append(
            {
                "type": "procedure_collective",
                "nature": "redressement_judiciaire",
                "date_jugement_ouverture": ouverture.isoformat(),
                "date_publication_bodacc": (ouverture + dt.timedelta(days=10)).isoformat(),
            }
        )
    elif tirage < 0.30 and premiere + dt.timedelta(days=60) < au:
        evenements.append(
            {
                "type": "mise_en_demeure",
                "date_envoi": (premiere + dt.timedelta(days=60)).isoformat(),
                "moyen": "lettre_recommandee_ar",
            }
        )
    return {
        "reference": f"D{i:06d}",
        "creancier": CREANCIER,
        "debiteurs": [_debiteur(alea, i)],
        "creances": [creance],
        "evenements": evenements,
    }


def portefeuille(
    factures: int, *, au: dt.date, par_dossier: int = 5, graine: int = 0
) -> Iterator[Dossier]:
    """Des dossiers validés totalisant ``factures`` factures (``par_dossier`` chacun)."""
    i = 0
    reste = factures
    while reste > 0:
        n = min(par_dossier, reste)
        yield Dossier.model_validate(donnees_dossier(i, au=au, factures=n, graine=graine))
        reste -= n
        i += 1


def avoirs_synthetiques(dossiers: list[Dossier], *, proportion: int = 50) -> list[Avoir]:
    """Un avoir de 10 % sur la première facture d'un dossier sur ``proportion``."""
    resultat = []
    for rang, d in enumerate(dossiers):
        if rang % proportion == 1:
            _, f = next(d.factures())
            resultat.append(
                Avoir(
                    dossier=d.reference,
                    numero=f"AV-{d.reference}",
                    date_emission=f.date_emission + dt.timedelta(days=3),
                    montant=(f.montant_ttc / 10).quantize(Decimal("0.01")),
                    facture=f.numero,
                )
            )
    return resultat
