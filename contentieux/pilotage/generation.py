"""``agenda --generer`` : produit les actes dus au jour dit, une fois par étape et par dossier.

Les actes viennent de la couche des actes (:func:`contentieux.actes.generer_acte`, un seul
``Atelier`` réutilisé : polices, feuille de style et gabarits chargés une fois). Les garanties
sont celles des lots (:mod:`contentieux.lots.manifeste`) : un seul agenda à la fois par
répertoire (verrou), chaque fichier écrit de façon atomique, puis une ligne du manifeste
``manifeste.jsonl`` dit « ok » ou « erreur » avec sa raison ; une nouvelle exécution saute ce
qui est déjà fait. L'identité d'un travail est (dossier, étape,
échéance de référence, acte) : une étape n'est produite qu'une fois, même si l'agenda est relancé
un autre jour.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from contentieux.modeles.dossier import Dossier
from contentieux.pilotage.agenda import Agenda, DecisionAgenda


def empreinte_etape(decision: DecisionAgenda) -> str:
    """Empreinte du travail : dossier, étape, échéance de référence, acte."""
    assert decision.etape is not None
    texte = json.dumps(
        {
            "dossier": decision.dossier,
            "etape": decision.etape.code,
            "echeance": str(decision.echeance_reference),
            "acte": decision.etape.acte,
        },
        sort_keys=True,
    )
    return hashlib.sha256(texte.encode("utf-8")).hexdigest()


def generer_actes_dus(
    agenda: Agenda,
    dossiers: Iterable[Dossier],
    *,
    sortie: str | Path,
    regles: str | Path | None = None,
    parametres: Mapping[str, Any] | None = None,
    format: str = "pdf",
) -> dict[str, Any]:
    """Produit dans ``sortie`` les actes dus de l'agenda ; rend le bilan (ok, déjà faits,
    erreurs, manifeste). Une erreur sur un dossier n'arrête pas les autres."""
    from contentieux.actes import Atelier
    from contentieux.erreurs import ErreurContentieux
    from contentieux.lots.manifeste import Manifeste, ecrire_atomique, nom_de_dossier
    from contentieux.regles import charger_regles

    repertoire = Path(sortie)
    repertoire.mkdir(parents=True, exist_ok=True)
    par_reference = {d.reference: d for d in dossiers}
    manifeste = Manifeste(repertoire)
    atelier: Any = None
    bilan: dict[str, Any] = {
        "ok": 0,
        "deja_faits": 0,
        "erreurs": 0,
        "fichiers": [],
        "details_erreurs": [],
        "manifeste": str(manifeste.chemin),
    }
    manifeste.ouvrir()  # verrou du répertoire (deux exécutions à la fois refusées), compactage
    try:
        acquis = manifeste.acquis()
        for decision in agenda.actes_dus():
            assert decision.etape is not None and decision.etape.acte is not None
            cle = f"{decision.dossier}/{decision.etape.code}"
            empreinte = empreinte_etape(decision)
            if manifeste.est_acquis(acquis.get(cle), empreinte):
                bilan["deja_faits"] += 1
                continue
            entree: dict[str, Any] = {
                "cle": cle,
                "reference": decision.dossier,
                "etape": decision.etape.code,
                "acte": decision.etape.acte,
                "au": agenda.au.isoformat(),
                "empreinte_travail": empreinte,
                "horodatage": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            }
            try:
                if atelier is None:
                    atelier = Atelier(regles=charger_regles(regles))
                acte = atelier.generer(
                    decision.etape.acte,
                    par_reference[decision.dossier],
                    au=agenda.au,
                    format=format,
                    parametres=parametres,
                )
                nom = f"{nom_de_dossier(decision.dossier)}_{decision.etape.code}.{format}"
                ecrire_atomique(repertoire / nom, acte.contenu)
                manifeste.ajouter(
                    {
                        **entree,
                        "statut": "ok",
                        "fichiers": [{"chemin": nom, "octets": len(acte.contenu)}],
                    }
                )
                bilan["ok"] += 1
                bilan["fichiers"].append(nom)
            except (ErreurContentieux, ValueError) as exc:
                raison = exc.message if isinstance(exc, ErreurContentieux) else str(exc)
                manifeste.ajouter({**entree, "statut": "erreur", "raison": raison})
                bilan["erreurs"] += 1
                bilan["details_erreurs"].append(f"{cle} : {raison}")
    finally:
        manifeste.fermer()
    return bilan
