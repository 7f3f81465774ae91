"""Les extras du paquet (``pip install 'contentieux[EXTRA]'``), lus dans ses métadonnées installées.

Les conseils « installez l'extra … » de la ligne de commande et des lots viennent d'ici : ils
suivent ce que ``pyproject.toml`` déclare (``Requires-Dist: weasyprint>=62; extra == "pdf"``),
sans table recopiée à la main. Un module manquant est rattaché à l'extra qui déclare :

- la distribution du même nom (``weasyprint``, ``pyhanko_certvalidator``), ou préfixée de
  ``python-`` (``docx`` ↔ ``python-docx``) ;
- ou la distribution dont l'extra demandé porte ce nom (``distributed`` ↔ ``dask[distributed]``,
  ``pkcs11`` ↔ ``pyhanko[pkcs11]``) ;
- ou, un niveau plus bas, une dépendance déclarée par une distribution installée de l'extra
  (``uharfbuzz`` ↔ ``pyhanko[opentype]``).

Les extras proposés sont ceux que regroupe ``contentieux[tout]`` (ni ``docs`` ni ``test``).

>>> extras_du_module("weasyprint"), extras_du_module("docx"), extras_du_module("distributed")
(['pdf'], ['docx'], ['dask'])
>>> conseil_installation("jinja2")
"pip install 'contentieux[docx]' (ou pdf, pilotage)"
>>> conseil_installation("n_existe_pas")
"pip install 'contentieux[tout]'"
"""

from __future__ import annotations

import re
from importlib import metadata

PAQUET = "contentieux"
_EXIGENCE = re.compile(
    r"^\s*(?P<nom>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[(?P<extras>[^\]]*)\])?"
    r"[^;]*(?:;(?P<marqueur>.*))?$"
)
_EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


def _normaliser(nom: str) -> str:
    """Nom de distribution normalisé (PEP 503) : minuscules, ``-`` pour ``_`` et ``.``."""
    return re.sub(r"[-_.]+", "-", nom).lower()


def _exigences(distribution: str) -> list[tuple[str, frozenset[str], str | None]]:
    """(nom normalisé, extras demandés, extra qui l'exige ou ``None``) de chaque ``Requires-Dist``
    d'une distribution installée ; liste vide si elle ne l'est pas."""
    try:
        brutes = metadata.requires(distribution) or []
    except metadata.PackageNotFoundError:
        return []
    exigences = []
    for brute in brutes:
        trouve = _EXIGENCE.match(brute)
        if trouve is None:
            continue
        extras = frozenset(_normaliser(e) for e in (trouve["extras"] or "").split(",") if e.strip())
        extra = _EXTRA.search(trouve["marqueur"] or "")
        exigences.append(
            (_normaliser(trouve["nom"]), extras, _normaliser(extra.group(1)) if extra else None)
        )
    return exigences


def extras_du_paquet() -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Extra → distributions qu'il ajoute (nom normalisé, extras demandés), pour les extras
    d'usage : ceux que ``contentieux[tout]`` contient (``docs`` et ``test`` exclus). Vide quand
    le paquet n'est pas installé (source lue sans installation)."""
    extras: dict[str, list[tuple[str, frozenset[str]]]] = {}
    regroupes: set[str] = set()
    for nom, demandes, extra in _exigences(PAQUET):
        if extra is None:
            continue
        if nom == PAQUET:  # auto-référence non développée : contentieux[pdf,docx]
            if extra == "tout":
                regroupes |= demandes
            continue
        extras.setdefault(extra, []).append((nom, demandes))
    tout = set(extras.pop("tout", []))
    return {e: d for e, d in sorted(extras.items()) if e in regroupes or (tout and set(d) <= tout)}


def extras_du_module(module: str) -> list[str]:
    """Les extras (ordre alphabétique) qui apportent le module Python ``module``."""
    racine = _normaliser(module.split(".")[0])
    extras = extras_du_paquet()
    directs = [
        extra
        for extra, distributions in extras.items()
        if any(
            racine in (nom, *demandes)
            or nom == f"python-{racine}"
            or nom.replace("-", "") == racine.replace("-", "")  # factur-x → facturx
            for nom, demandes in distributions
        )
    ]
    if directs:
        return directs
    return [
        extra
        for extra, distributions in extras.items()
        if any(
            sous == racine and (sous_extra is None or sous_extra in demandes)
            for nom, demandes in distributions
            for sous, _, sous_extra in _exigences(nom)
        )
    ]


def conseil_installation(module: str) -> str:
    """La commande qui installe ce qui apporte ``module`` (ou tous les extras, faute de savoir)."""
    extras = extras_du_module(module)
    if not extras:
        return f"pip install '{PAQUET}[tout]'"
    autres = f" (ou {', '.join(extras[1:])})" if len(extras) > 1 else ""
    return f"pip install '{PAQUET}[{extras[0]}]'{autres}"
