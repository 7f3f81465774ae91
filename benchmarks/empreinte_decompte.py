"""Empreinte des décomptes : garde-fou d'une optimisation, qui ne doit changer aucun octet.

Usage : ``python benchmarks/empreinte_decompte.py SORTIE.txt`` avant et après une modification du
moteur, puis ``cmp`` des deux fichiers. Le fichier contient le schéma du ``Decompte`` et le JSON de
plusieurs milliers de décomptes : les dossiers du banc d'essai sous toutes les options, des
variantes enrichies (capitalisation, jugements, créanciers particuliers, mises en demeure,
paiements désignés ou excessifs), les exemples, chaque cas de ``tests/cas/decompte`` et
``calculer_interets`` pour chaque régime ; les erreurs attendues y figurent avec leur message.
La dernière ligne affichée donne le nombre de sorties et leur empreinte SHA-256.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import hashlib
import random
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_decompte import construire

from contentieux._yaml import charger_yaml_exact
from contentieux.erreurs import ErreurContentieux
from contentieux.exemples import dossier_exemple, noms_exemples
from contentieux.interets import calculer_interets, etablir_decompte
from contentieux.modeles import Dossier
from contentieux.modeles.decompte import Decompte, OptionsDecompte

RACINE = Path(__file__).resolve().parent.parent
AU = dt.date(2026, 6, 30)
AU_ANCIEN = dt.date(2025, 3, 15)
OPTIONS: list[dict[str, Any]] = [
    {},
    {"diviseur": "exact"},
    {"compte_jours": "deux_bornes"},
    {"diviseur": "exact", "compte_jours": "deux_bornes"},
    {"apres_jugement": "taux_legal"},
    {"plancher_contrat_muet": True},
    {"plancher_contrat_muet": True, "diviseur": "exact", "apres_jugement": "taux_legal"},
]


def _json(dossier: Dossier, au: dt.date, **options: Any) -> str:
    try:
        return etablir_decompte(
            dossier, au=au, options=OptionsDecompte(**options)
        ).model_dump_json()
    except ErreurContentieux as erreur:
        return f"ERR {type(erreur).__name__} {erreur}".replace("\n", "\\n")  # une ligne par sortie


def _enrichir(brut: dict[str, Any], alea: random.Random) -> dict[str, Any]:
    """Variante d'un dossier du banc : jugement, capitalisation, particulier, désignations…"""
    b = copy.deepcopy(brut)
    creance, evenements = b["creances"][0], b["evenements"]
    if alea.random() < 0.3:
        creance["capitalisation_stipulee"] = True
    if alea.random() < 0.4:
        evenements.append(
            {
                "type": "demande_en_justice",
                "date": "2024-09-02",
                "nature": "assignation",
                "issue": "accueillie",
            }
        )
        jugement: dict[str, Any] = {
            "type": "jugement",
            "date": f"2025-0{alea.randint(1, 9)}-1{alea.randint(0, 9)}",
        }
        if alea.random() < 0.7:
            jugement["date_caractere_executoire"] = "2025-10-01"
        if alea.random() < 0.5:
            jugement["capitalisation_ordonnee"] = True
        evenements.append(jugement)
    if alea.random() < 0.3:
        if alea.random() < 0.5:
            b["creancier"] = {
                "type": "personne_physique",
                "nom": "Martin",
                "prenoms": "Paul",
                "adresse": {"ligne1": "1 rue", "code_postal": "75001", "ville": "Paris"},
            }
        creance["regime_interets"] = "taux_legal"
        if alea.random() < 0.7:
            evenements.append(
                {
                    "type": "mise_en_demeure",
                    "date_envoi": "2024-06-10",
                    "date_reception": "2024-06-13",
                    "moyen": "lettre_recommandee_ar",
                }
            )
    for evenement in evenements:
        if evenement.get("type") == "paiement" and alea.random() < 0.3:
            evenement["factures_designees"] = [creance["factures"][-1]["numero"]]
    if alea.random() < 0.2:
        evenements.append({"type": "paiement", "date": "2025-01-15", "montant": "500000.00"})
    return b


def sorties(n: int = 2000) -> list[str]:
    """Toutes les sorties, dans un ordre fixe ; ``n`` dossiers du banc d'essai."""
    sortie = [str(Decompte.model_json_schema())]
    bruts = construire(n)
    for brut in bruts:
        dossier = Dossier.model_validate(brut)
        sortie += [_json(dossier, AU, **o) for o in OPTIONS]
        sortie.append(_json(dossier, AU_ANCIEN))
    alea = random.Random(7)
    for brut in bruts[: n * 3 // 4]:
        dossier = Dossier.model_validate(_enrichir(brut, alea))
        sortie += [_json(dossier, AU, **o) for o in OPTIONS[:5]]
    for nom in noms_exemples():
        for options in [{"depart_taux_legal": "envoi"}, *OPTIONS]:
            sortie += [_json(dossier_exemple(nom), au, **options) for au in (AU, AU_ANCIEN)]
    for chemin in sorted((RACINE / "tests" / "cas" / "decompte").glob("*.yaml")):
        cas = charger_yaml_exact(chemin.read_text(encoding="utf-8"))
        dossier = Dossier.model_validate(cas["dossier"])
        base = cas.get("options") or {}
        for options in [base, *({**base, **o} for o in OPTIONS[1:])]:
            sortie.append(f"{chemin.name} {_json(dossier, cas['au'], **options)}")
    for regime in ("taux_legal", "penalites_b2b", "commande_publique", "jugement"):
        for diviseur in ("365", "exact"):
            for compte in ("debut_exclu", "deux_bornes"):
                try:
                    resultat = calculer_interets(
                        Decimal("12345.67"),
                        dt.date(2023, 11, 5),
                        dt.date(2026, 2, 3),
                        regime=regime,
                        options=OptionsDecompte(
                            diviseur=diviseur,
                            compte_jours=compte,
                        ),
                        date_executoire=dt.date(2024, 1, 1),
                    ).model_dump_json()
                except ErreurContentieux as erreur:
                    resultat = f"ERR {erreur}".replace("\n", "\\n")
                sortie.append(resultat)
    return sortie


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sortie", type=Path, help="fichier où écrire les sorties")
    parser.add_argument("--n", type=int, default=2000, help="dossiers du banc d'essai")
    args = parser.parse_args(argv)
    texte = "\n".join(sorties(args.n))
    args.sortie.write_text(texte, encoding="utf-8")
    print(texte.count("\n") + 1, "sorties, sha256", hashlib.sha256(texte.encode()).hexdigest())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
