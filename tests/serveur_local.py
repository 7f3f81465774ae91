"""Un petit serveur HTTP sur 127.0.0.1 (port libre) pour tester les relevés en ligne (portail de
la BCE, Webstat) sans réseau : chaque route répond par son corps, son statut et son délai, et
garde les chemins et en-têtes reçus. Boucle bornée : le serveur s'arrête à la sortie du bloc."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Route:
    """Ce qu'une route répond ; modifiable pendant le test (``corps``, ``statut``, ``attente``)."""

    corps: bytes
    type: str = "text/plain"
    statut: int = 200
    attente: float = 0.0
    chemins: list[str] = field(default_factory=list)
    entetes: list[dict[str, str]] = field(default_factory=list)


@contextmanager
def serveur_local(routes: dict[str, Route]) -> Iterator[str]:
    """Démarre le serveur ; rend son adresse (``http://127.0.0.1:PORT``). Une requête va à la
    route dont le chemin est le préfixe le plus long ; 404 sinon."""

    class Gestionnaire(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            candidates = [c for c in routes if self.path.startswith(c)]
            if not candidates:
                self.send_error(404)
                return
            route = routes[max(candidates, key=len)]
            route.chemins.append(self.path)
            route.entetes.append(dict(self.headers.items()))
            time.sleep(route.attente)
            self.send_response(route.statut)
            self.send_header("Content-Type", route.type)
            self.send_header("Content-Length", str(len(route.corps)))
            self.end_headers()
            self.wfile.write(route.corps)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Gestionnaire)
    fil = threading.Thread(target=httpd.serve_forever, daemon=True)
    fil.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def enregistrements_webstat(series: dict[str, dict[str, str]]) -> bytes:
    """Une réponse de l'API Webstat (enregistrements Opendatasoft Explore v2.1) : pour chaque clé
    de série, ses observations ``{période: taux}``."""
    import json

    resultats = [
        {"series_key": cle, "time_period": periode, "obs_value": float(valeur)}
        for cle, observations in series.items()
        for periode, valeur in observations.items()
    ]
    return json.dumps({"total_count": len(resultats), "results": resultats}).encode()
