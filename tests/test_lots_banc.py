"""Le banc d'essai des lots s'exécute (petit N, DOCX seul, sans assertion de durée)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BANC = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_lots.py"


def test_banc_lots_fonctionne() -> None:
    resultat = subprocess.run(
        [sys.executable, str(BANC), "--n", "2", "--modes", "docx", "--sans-dask"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert resultat.returncode == 0, resultat.stderr
    ligne = next(li for li in resultat.stdout.splitlines() if li.startswith("docx"))
    assert ligne.count("/s") == 3, resultat.stdout
    assert "Objectifs" in resultat.stdout
