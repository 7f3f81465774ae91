"""La commande ``contentieux`` (Typer + Rich), en français : un module par groupe de commandes.

- ``commun`` : l'application Typer, les consoles, la traduction des erreurs ;
- ``regles`` : ``regles``, ``schema`` ;
- ``dossier`` : ``valider``, ``decompte``, ``verifier``, ``demo`` ;
- ``signature`` : ``signer``, ``cosigner``, ``verifier-signature`` ;
- ``factures`` : ``importer`` (factures électroniques et statuts → dossiers) ;
- ``serveur`` : ``serveur`` (le service HTTP, :mod:`contentieux.service`).

Chaque module enregistre ses commandes sur ``app`` à l'import.
"""

from __future__ import annotations

from contentieux.cli import actes as actes
from contentieux.cli import dossier, regles, signature
from contentieux.cli import factures as factures
from contentieux.cli import lots as lots
from contentieux.cli import pilotage as pilotage
from contentieux.cli import serveur as serveur
from contentieux.cli.commun import ETAPES_DEMO, app
from contentieux.cli.dossier import _demo_recevabilite

__all__ = ["ETAPES_DEMO", "_demo_recevabilite", "app", "dossier", "main", "regles", "signature"]


def main() -> None:
    """Point d'entrée."""
    app()


if __name__ == "__main__":
    main()
