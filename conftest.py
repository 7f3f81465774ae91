"""Réglages communs des tests et doctests : aucune surcouche de l'utilisateur ne s'invite dans un test.

Le dossier personnel des règles (platformdirs, ``XDG_DATA_HOME``) et la variable
``CONTENTIEUX_REGLES`` de la machine sont remplacés par un dossier vide propre à chaque test : un
développeur qui a ajouté un taux chez lui obtient les mêmes résultats que la CI.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _sans_surcouche_personnelle(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    donnees = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_DATA_HOME", str(donnees))
    monkeypatch.delenv("CONTENTIEUX_REGLES", raising=False)
    return donnees
