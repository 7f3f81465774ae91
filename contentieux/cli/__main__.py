"""``python -m contentieux.cli`` : la commande ``contentieux``."""

from contentieux.cli import main

main()
