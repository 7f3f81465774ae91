"""Le banc d'importation des factures électroniques s'exécute (petit N, sans assertion de durée)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BANC = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_import.py"


def test_banc_import_fonctionne() -> None:
    resultat = subprocess.run(
        [sys.executable, str(BANC), "--n", "40", "--pdf", "4"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert resultat.returncode == 0, resultat.stderr
    lignes = resultat.stdout.strip().splitlines()
    assert "import Factur-X (PDF)" in resultat.stdout
    assert "mémoire de pointe" in resultat.stdout
    assert lignes[-1].startswith("import : ") and "× lxml nu)" in lignes[-1]
