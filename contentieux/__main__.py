"""``python -m contentieux`` : la commande ``contentieux``."""

from contentieux.cli import main

main()
