"""Le banc d'essai du service s'exécute (petite charge bornée, sans assertion de durée)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BANC = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_serveur.py"


def test_banc_serveur_fonctionne() -> None:
    pytest.importorskip("fastapi")
    resultat = subprocess.run(
        [sys.executable, str(BANC), "--workers", "1", "--clients", "2", "--decomptes", "10",
         "--pdf", "2"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert resultat.returncode == 0, resultat.stderr
    lignes = resultat.stdout.splitlines()
    assert lignes[-1].startswith("serveur : ")
    assert "décomptes/s" in lignes[-1] and "PDF/s" in lignes[-1] and "santé p99" in lignes[-1]
    assert "arrêt SIGTERM : code 0" in lignes
