"""Le banc d'essai du décompte s'exécute (petit N, sans assertion de durée)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BANC = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_decompte.py"


def test_banc_decompte_fonctionne() -> None:
    resultat = subprocess.run(
        [sys.executable, str(BANC), "--n", "50", "--actes", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert resultat.returncode == 0, resultat.stderr
    assert "Rapport" in resultat.stdout
    assert "dossiers/s" in resultat.stdout
    assert "Coût moyen d'un décompte" in resultat.stdout and "µs" in resultat.stdout
    assert "% de l'acte" in resultat.stdout  # part du décompte dans la mise en demeure
