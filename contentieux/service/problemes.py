"""Les erreurs du service en ``application/problem+json`` (RFC 9457).

Chaque problème porte les champs de la RFC (``type``, ``title``, ``status``, ``detail``) et, en
extension, l'objet d'erreur de ``--json`` de la commande : ``code`` stable, ``message`` français,
``champ`` s'il y en a un, ``erreurs`` (une ligne par erreur de saisie) et ``sortie``, le code de
sortie qu'aurait rendu ``contentieux`` pour la même erreur (voir ``docs/cli.md``).

>>> from contentieux.erreurs import DonneesInvalides, ErreurChamp
>>> erreur = DonneesInvalides("dossier : 1 erreur(s)", erreurs=[ErreurChamp("reference", "absent")])
>>> statut, corps = probleme(erreur)
>>> statut, corps["code"], corps["sortie"], corps["champ"]
(422, 'donnees_invalides', 3, 'reference')
"""

from __future__ import annotations

import json
from typing import Any

from contentieux.cli.commun import CODES_SORTIE, SITE_DOCUMENTATION, decrire_erreur

TYPE_PROBLEME = f"{SITE_DOCUMENTATION}/service/#erreurs"
MEDIA_PROBLEME = "application/problem+json"

STATUT_PAR_SORTIE: dict[int, int] = {
    1: 500,  # erreur inattendue
    2: 400,  # mauvaise utilisation (paramètre de requête invalide)
    3: 422,  # données invalides (dossier)
    4: 422,  # règle absente à la date demandée
    5: 500,  # fichier inaccessible côté serveur
    6: 422,  # demande refusée par le droit
    7: 500,
    8: 501,  # fonction optionnelle non installée sur le serveur
}
"""Code de sortie de la commande → statut HTTP du problème."""

TITRES_HTTP: dict[int, str] = {
    401: "authentification requise",
    404: "ressource introuvable",
    405: "méthode non permise",
    413: "corps de requête trop volumineux",
    429: "trop de demandes",
    501: "fonction indisponible",
    503: "service saturé",
    504: "délai dépassé",
}


def corps_probleme(statut: int, description: dict[str, Any]) -> dict[str, Any]:
    """Le document RFC 9457 d'une description d'erreur (celle de ``--json``)."""
    sortie = description.get("sortie")
    titre = CODES_SORTIE.get(sortie, "") if isinstance(sortie, int) else ""
    return {
        "type": TYPE_PROBLEME,
        "title": TITRES_HTTP.get(statut) or titre or "erreur",
        "status": statut,
        "detail": description.get("message", ""),
        **description,
    }


def probleme(exc: BaseException) -> tuple[int, dict[str, Any]]:
    """Le statut HTTP et le document d'une exception de la bibliothèque ou de la commande."""
    return probleme_decrit(decrire_erreur(exc))


def probleme_decrit(description: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """Le statut HTTP et le document d'une erreur déjà décrite (par un processus de travail)."""
    statut = STATUT_PAR_SORTIE.get(int(description.get("sortie", 1)), 500)
    return statut, corps_probleme(statut, description)


def probleme_http(
    statut: int, code: str, message: str, *, champ: str | None = None, **extensions: Any
) -> dict[str, Any]:
    """Un problème propre au protocole HTTP (401, 404, 413, 503…), sans code de sortie."""
    description: dict[str, Any] = {"code": code, "message": message}
    if champ:
        description["champ"] = champ
    description.update(extensions)
    return corps_probleme(statut, description)


def octets_probleme(corps: dict[str, Any]) -> bytes:
    """Le document encodé (UTF-8, accents conservés)."""
    return json.dumps(corps, ensure_ascii=False).encode("utf-8")
