"""Le banc d'essai de la signature s'exécute (petit N, sans assertion de durée)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BANC = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_signature.py"


def test_banc_signature_fonctionne() -> None:
    resultat = subprocess.run(
        [sys.executable, str(BANC), "--n", "2", "--niveaux", "B-B,B-T"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert resultat.returncode == 0, resultat.stderr
    assert "B-T" in resultat.stdout and "visible" in resultat.stdout
    assert "Objectifs : B-B" in resultat.stdout
