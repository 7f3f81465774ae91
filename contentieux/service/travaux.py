"""Le travail du service : des fonctions de module (picklables) que la boucle ou le pool de
processus exécute.

Le pool est celui du service (:class:`contentieux.service.pool.PoolProcessus`) : chaque processus
prépare une fois son atelier (polices, feuille de style, gabarits compilés) par la tâche des lots
(:func:`tache_service`) et le garde. Une fonction ne lève jamais : elle rend ``(True, résultat)``
ou ``(False, description)``, la description étant l'objet d'erreur de ``--json`` (une exception
de la bibliothèque ne se transmet pas toujours d'un processus à l'autre avec ses détails).

>>> import datetime as dt
>>> from contentieux.exemples import chemin_exemple
>>> from contentieux.lecture import lire_donnees
>>> corps = json.dumps(lire_donnees(chemin_exemple("b2b")), default=str).encode()
>>> ok, octets = decompte_json(corps, au=dt.date(2026, 6, 30))
>>> ok, json.loads(octets)["au"]
(True, '2026-06-30')
>>> ok, erreur = decompte_json(corps, au=dt.date(2030, 6, 30))
>>> ok, erreur["sortie"]
(False, 4)
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from contentieux.lots.taches import TacheActes, _atelier, docx_reproductible
from contentieux.modeles.decompte import OptionsDecompte
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.recevabilite import OptionsRecevabilite
from contentieux.regles import Regles

Issue = tuple[bool, Any]
"""``(True, résultat)`` ou ``(False, description de l'erreur)``."""

ACTE_CHAUD = "mise_en_demeure"
"""Acte rendu une fois par chaque processus au démarrage (polices chargées, gabarit compilé)."""


def tache_service(regles: str | None = None) -> TacheActes:
    """La tâche qui prépare les processus du service : l'atelier PDF et DOCX, chauffé sur
    :data:`ACTE_CHAUD` ; les autres actes se compilent à leur première demande."""
    return TacheActes(actes=(ACTE_CHAUD,), formats=("pdf", "docx"), regles=regles)


def _issue(action: Callable[[], Any]) -> Issue:
    try:
        return True, action()
    except Exception as exc:
        from contentieux.cli.commun import decrire_erreur

        return False, decrire_erreur(exc)


def decompte_json(corps: bytes, *, au: dt.date, options: OptionsDecompte | None = None) -> Issue:
    """Le décompte d'un corps de requête, du JSON reçu au JSON rendu (celui de ``contentieux
    decompte --json``, en UTF-8) : lecture exacte (:func:`~contentieux.lecture.lire_json`),
    validation, calcul. Seuls des octets passent d'un processus à l'autre, dans les deux sens
    (exemple en tête du module).
    """
    from contentieux.interets import etablir_decompte
    from contentieux.lecture import lire_json, valider_dossier
    from contentieux.regles import charger_regles

    def calculer() -> bytes:
        dossier = valider_dossier(lire_json(corps, origine="corps"), origine="dossier")
        decompte = etablir_decompte(
            dossier, au=au, regles=charger_regles(), options=options or OptionsDecompte()
        )
        return json.dumps(decompte.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")

    return _issue(calculer)


def recevabilite(
    dossier: Dossier,
    *,
    au: dt.date,
    options: OptionsRecevabilite | None = None,
    regles: Regles | None = None,
) -> Issue:
    """Le rapport de recevabilité en JSON, celui de ``contentieux verifier --json`` ;
    ``options`` : les réglages (par défaut, ceux d'``OptionsRecevabilite()``)."""
    from contentieux.recevabilite import verifier_recevabilite
    from contentieux.regles import charger_regles

    choisies = options or OptionsRecevabilite()
    return _issue(
        lambda: verifier_recevabilite(
            dossier, au=au, regles=regles or charger_regles(), options=choisies
        ).model_dump(mode="json")
    )


def acte(
    tache: TacheActes,
    identifiant: str,
    dossier: Dossier,
    *,
    au: dt.date,
    format_: str,
    parametres: dict[str, Any] | None = None,
) -> Issue:
    """Les octets de l'acte et son nom de fichier, comme ``contentieux generer`` (DOCX aux dates
    d'archive fixées : le même dossier donne le même fichier)."""

    def produire() -> tuple[bytes, str]:
        produit = _atelier(tache).generer(
            identifiant, dossier, au=au, format=format_, parametres=parametres
        )
        contenu: bytes = produit.contenu
        if format_ == "docx":
            contenu = docx_reproductible(contenu)
        return contenu, str(produit.nom_fichier)

    return _issue(produire)
