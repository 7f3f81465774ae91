"""Limites de taille des entrées : fichier, nombre de créances, factures et événements, texte.

Un dossier vient souvent d'ailleurs (ERP, export, client) : ces bornes le refusent avec un message
clair avant qu'il ne coûte des minutes ou des giga-octets. Les valeurs par défaut laissent passer
tout dossier réel (dix mille factures et cinq mille paiements dans un dossier sont lus) ; un appel
Python peut les changer par un seul objet validé, ``Limites`` :

>>> from contentieux.modeles.limites import Limites
>>> Limites().factures, Limites(factures=100).factures
(50000, 100)
>>> Limites(factures=0)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for Limites
factures
  Input should be greater than or equal to 1 ...
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from contentieux._yaml import EXPANSION_ALIAS_MAX, PROFONDEUR_MAX
from contentieux.erreurs import CaractereInterdit, LimiteDepassee

CARACTERES_DE_CONTROLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Caractères de contrôle C0 (sauf tabulation et saut de ligne), DEL et C1 : refusés dans tout
texte d'un dossier ou de paramètres d'actes. ESC (U+001B) et CSI (U+009B) ouvrent les séquences
qui effacent un écran ou déplacent le curseur ; le retour chariot réécrit une ligne affichée."""


class Limites(BaseModel):
    """Bornes appliquées à la lecture et à la validation d'un dossier (toutes configurables)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    taille_fichier: int = Field(
        default=50 * 1024 * 1024, ge=1, le=2**32, description="Taille d'un fichier, en octets."
    )
    creances: int = Field(default=5_000, ge=1, description="Créances par dossier.")
    factures: int = Field(default=50_000, ge=1, description="Factures par dossier (en tout).")
    paiements: int = Field(default=50_000, ge=1, description="Paiements par dossier.")
    evenements: int = Field(
        default=100_000, ge=1, description="Événements par dossier (paiements compris)."
    )
    longueur_texte: int = Field(
        default=10_000, ge=10, description="Longueur maximale d'un texte, en caractères."
    )
    profondeur: int = Field(
        default=PROFONDEUR_MAX,
        ge=8,
        le=200,
        description="Imbrication maximale (listes et dictionnaires emboîtés).",
    )
    lignes_acte: int = Field(
        default=1_200,
        ge=1,
        description=(
            "Lignes de décompte qu'un acte peut reproduire (≈ 12 par page) : au-delà, l'acte "
            "est refusé avant le rendu (contentieux.actes.bornes)."
        ),
    )
    expansion_alias: int = Field(
        default=EXPANSION_ALIAS_MAX,
        ge=0,
        description="Éléments que l'expansion des alias YAML (*ancre) peut ajouter.",
    )


LIMITES_PAR_DEFAUT = Limites()
"""Les limites appliquées quand aucune n'est donnée."""


def _chemin(parties: tuple[str | int, ...]) -> str:
    texte = ""
    for partie in parties:
        if isinstance(partie, int):
            texte += f"[{partie}]"
        else:
            texte += f".{partie}" if texte else partie
    return texte or "(racine)"


def verifier_limites(donnees: Any, limites: Limites = LIMITES_PAR_DEFAUT) -> None:
    """Vérifie des données brutes de dossier (dictionnaires, listes, textes) contre ``limites``.

    Parcours itératif (jamais de ``RecursionError``), linéaire ; le chemin du champ fautif n'est
    recherché qu'en cas de dépassement. Lève ``LimiteDepassee`` dont le message commence par ce
    chemin.
    """
    if not isinstance(donnees, dict):
        return
    _compter(donnees, limites)
    texte_max, profondeur_max = limites.longueur_texte, limites.profondeur
    controle = CARACTERES_DE_CONTROLE.search
    pile: list[tuple[Any, int]] = [(donnees, 0)]
    while pile:
        valeur, profondeur = pile.pop()
        if isinstance(valeur, dict):
            enfants: Any = valeur.values()
            if any(type(c) is str and controle(c) for c in valeur):
                _signaler(donnees, limites)
        else:
            enfants = valeur
        for enfant in enfants:
            if type(enfant) is str:
                if len(enfant) > texte_max or controle(enfant):
                    _signaler(donnees, limites)
            elif isinstance(enfant, dict | list | tuple):
                if profondeur + 1 >= profondeur_max:
                    _signaler(donnees, limites)
                pile.append((enfant, profondeur + 1))


def _signaler(donnees: Any, limites: Limites) -> None:
    """Retrouve le premier champ fautif (chemin complet) et lève ``LimiteDepassee``.

    Un conteneur au bout d'un chemin de *k* clés ou indices est au niveau *k* + 1 (la racine au
    niveau 1, comme le compte l'analyse d'un fichier) : il dépasse la limite dès que
    *k* ≥ ``limites.profondeur``, même vide."""
    pile: list[tuple[Any, tuple[str | int, ...]]] = [(donnees, ())]
    while pile:
        valeur, chemin = pile.pop()
        if isinstance(valeur, Mapping | list | tuple) and len(chemin) >= limites.profondeur:
            raise LimiteDepassee(
                f"{_chemin(chemin[:3])} : imbrication de plus de {limites.profondeur} niveaux ; "
                "vérifiez la structure du dossier",
                champ=_chemin(chemin[:3]),
            )
        if isinstance(valeur, str):
            _refuser_controle(valeur, chemin)
            if len(valeur) > limites.longueur_texte:
                raise LimiteDepassee(
                    f"{_chemin(chemin)} : texte de {len(valeur)} caractères, plus que la limite de "
                    f"{limites.longueur_texte} ; raccourcissez-le (ou relevez "
                    "Limites.longueur_texte)",
                    champ=_chemin(chemin),
                )
        elif isinstance(valeur, Mapping):
            for cle in valeur:
                _refuser_controle(str(cle), (*chemin, str(cle)))
            pile.extend((v, (*chemin, str(k))) for k, v in valeur.items())
        elif isinstance(valeur, list | tuple):
            pile.extend((v, (*chemin, i)) for i, v in enumerate(valeur))


def visible(texte: str) -> str:
    """Le texte où chaque caractère de contrôle est écrit comme son code (« \\x1b »).

    >>> visible("a\x1b[2Jb")
    'a\\\\x1b[2Jb'
    """
    return CARACTERES_DE_CONTROLE.sub(lambda m: f"\\x{ord(m.group()):02x}", texte)


def _refuser_controle(texte: str, chemin: tuple[str | int, ...]) -> None:
    trouve = CARACTERES_DE_CONTROLE.search(texte)
    if trouve is None:
        return
    champ = visible(_chemin(chemin))
    raise CaractereInterdit(
        f"{champ} : caractère de contrôle U+{ord(trouve.group()):04X} interdit (position "
        f"{trouve.start() + 1}) ; retirez-le : un texte ne contient que des caractères "
        "imprimables, tabulation et saut de ligne compris",
        champ=champ,
    )


def verifier_controles(donnees: Any, racine: str = "") -> None:
    """Refuse (``CaractereInterdit``, avec le champ) tout texte ou clé de ``donnees`` qui contient
    un caractère de contrôle autre que tabulation et saut de ligne. Parcours itératif, linéaire.

    >>> verifier_controles({"lieu": "Lyon\x1b[2J"}, "parametres")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    contentieux.erreurs.CaractereInterdit: parametres.lieu : caractère de contrôle U+001B ...
    """
    pile: list[tuple[Any, tuple[str | int, ...]]] = [(donnees, (racine,) if racine else ())]
    while pile:
        valeur, chemin = pile.pop()
        if isinstance(valeur, str):
            _refuser_controle(valeur, chemin)
        elif isinstance(valeur, Mapping):
            for cle, enfant in valeur.items():
                _refuser_controle(str(cle), (*chemin, str(cle)))
                pile.append((enfant, (*chemin, str(cle))))
        elif isinstance(valeur, list | tuple):
            pile.extend((v, (*chemin, i)) for i, v in enumerate(valeur))


def _compter(donnees: Mapping[Any, Any], limites: Limites) -> None:
    creances = donnees.get("creances")
    if isinstance(creances, list | tuple):
        _borne("creances", len(creances), limites.creances, "créances", "creances")
        factures = sum(
            len(c["factures"])
            for c in creances
            if isinstance(c, Mapping) and isinstance(c.get("factures"), list | tuple)
        )
        _borne("creances", factures, limites.factures, "factures", "factures")
    evenements = donnees.get("evenements")
    if isinstance(evenements, list | tuple):
        _borne("evenements", len(evenements), limites.evenements, "événements", "evenements")
        paiements = sum(
            1 for e in evenements if isinstance(e, Mapping) and e.get("type") == "paiement"
        )
        _borne("evenements", paiements, limites.paiements, "paiements", "paiements")


def _borne(champ: str, nombre: int, limite: int, quoi: str, attribut: str) -> None:
    if nombre > limite:
        raise LimiteDepassee(
            f"{champ} : {nombre} {quoi} dans le dossier, plus que la limite de {limite} ; "
            f"scindez le dossier (ou relevez Limites.{attribut})",
            champ=champ,
        )


__all__ = [
    "CARACTERES_DE_CONTROLE",
    "LIMITES_PAR_DEFAUT",
    "Limites",
    "verifier_controles",
    "verifier_limites",
    "visible",
]
