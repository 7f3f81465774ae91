"""Le banc d'essai des actes s'exécute (un acte, un rendu, sans assertion de durée)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BANC = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_actes.py"


def test_banc_actes_fonctionne() -> None:
    resultat = subprocess.run(
        [sys.executable, str(BANC), "--n", "1", "--acte", "relance"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert resultat.returncode == 0, resultat.stderr
    lignes = resultat.stdout.strip().splitlines()
    assert lignes[1].startswith("relance")
    assert re.fullmatch(r"rapport PDF/A / WeasyPrint nu : \d+\.\d\d", lignes[-1])
