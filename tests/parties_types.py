"""Parties types réutilisées par les tests de décompte (données brutes, comme dans un fichier)."""

from __future__ import annotations

from typing import Any

SOCIETE: dict[str, Any] = {
    "type": "personne_morale",
    "denomination": "Ateliers Durand",
    "siege": {"ligne1": "1 rue A", "code_postal": "75011", "ville": "Paris"},
    "qualite": "commercant",
}
CLIENT: dict[str, Any] = {**SOCIETE, "denomination": "Bâti-Rhône"}
PARTICULIER: dict[str, Any] = {
    "type": "personne_physique",
    "nom": "Roux",
    "prenoms": "Thomas",
    "adresse": {"ligne1": "1 rue B", "code_postal": "33000", "ville": "Bordeaux"},
}
