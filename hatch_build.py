"""Construction de la roue : le moteur du décompte est compilé par mypyc (hatch-mypyc).

Les modules de ``contentieux/interets`` (sauf ``__init__``, l'API qui vérifie les arguments) sont
du Python typé strict ; mypyc les compile en extensions C, ce qui rend un décompte 1,4 à 1,7 fois
plus rapide (mesures dans ``benchmarks/README.md``). Le code source reste la référence : les
résultats sont identiques à l'octet (``benchmarks/empreinte_decompte.py``,
``tests/test_paquet.py``).

- **Installation éditable** (``pip install -e .``, celle du développement et des tests) : rien
  n'est compilé, une modification du code prend effet tout de suite.
- ``CONTENTIEUX_SANS_COMPILATION=1`` : roue en pur Python.
- **Échec de la compilation** (pas de compilateur C, pas d'en-têtes Python) : un avertissement,
  puis une roue en pur Python ; l'installation n'échoue jamais pour cette raison.
- Les extensions construites dans l'arborescence sont effacées une fois la roue écrite : le dépôt
  reste propre, et une installation éditable ultérieure n'importe pas de module compilé périmé.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from hatch_mypyc.plugin import MypycBuildHook

VARIABLE_SANS_COMPILATION = "CONTENTIEUX_SANS_COMPILATION"


class CompilationDecompte(MypycBuildHook):  # type: ignore[misc]
    """``hatch-mypyc``, sauf en éditable ou sur demande, et sans jamais faire échouer la roue."""

    _compile = False
    """Vrai si cette construction a compilé : ``finalize`` efface alors les extensions."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._compile = False
        if self.target_name != "wheel" or version == "editable":
            return
        if os.environ.get(VARIABLE_SANS_COMPILATION, "") not in ("", "0"):
            self.app.display_info(f"{VARIABLE_SANS_COMPILATION} : roue en pur Python.")
            return
        try:
            super().initialize(version, build_data)
        except Exception as erreur:  # tout échec de mypyc : repli en pur Python
            self.clean([version])
            message = str(erreur).strip().splitlines()
            self.app.display_warning(
                "contentieux : compilation mypyc impossible, roue en pur Python (mêmes "
                "résultats, décompte plus lent). Dernière ligne de l'erreur : "
                + (message[-1] if message else repr(erreur))
            )
            print(str(erreur), file=sys.stderr)
            return
        self._compile = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._compile:
            self.clean([version])


def get_build_hook() -> type[MypycBuildHook]:
    """Le greffon choisi par hatchling (le fichier importe aussi la classe de hatch-mypyc)."""
    return CompilationDecompte
