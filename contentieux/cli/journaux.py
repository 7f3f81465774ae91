"""Les journaux et avertissements des bibliothèques : muets, sauf avec ``--verbeux``.

pyHanko journalise ses analyses (« Error in diff operation… », « Failed to build path… » avec une
trace Python) et ``cryptography`` avertit de dépréciations (``CryptographyDeprecationWarning``) :
rien de cela n'est destiné à l'utilisateur de ``contentieux``, qui reçoit des messages français.
Par défaut la sortie d'erreur reste donc vide de ces bruits ; ``contentieux --verbeux COMMANDE``
les affiche (niveau INFO) pour un diagnostic.
"""

from __future__ import annotations

import logging
import sys
import warnings


class _VersSortieErreur(logging.Handler):
    """Écrit sur la sortie d'erreur *du moment* (celle que Click remplace dans les tests)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # un journal ne doit jamais faire échouer une commande
            self.handleError(record)


class _Muet(logging.NullHandler):
    """Présent sur la racine, il empêche le gestionnaire de dernier recours de Python
    (``logging.lastResort``) d'écrire les journaux des bibliothèques sur la sortie d'erreur."""


def configurer_journaux(verbeux: bool) -> None:
    """Mode silencieux (défaut) ou bavard (``--verbeux``) pour les bibliothèques."""
    racine = logging.getLogger()
    for gestionnaire in list(racine.handlers):
        if isinstance(gestionnaire, _VersSortieErreur | _Muet):
            racine.removeHandler(gestionnaire)
    if verbeux:
        gestionnaire = _VersSortieErreur(logging.INFO)
        gestionnaire.setFormatter(logging.Formatter("[%(levelname)s %(name)s] %(message)s"))
        racine.addHandler(gestionnaire)
        racine.setLevel(logging.INFO)
        logging.captureWarnings(True)
        warnings.simplefilter("default")
    else:
        racine.addHandler(_Muet())
        logging.captureWarnings(False)
        warnings.simplefilter("ignore")
