"""Qualités des parties : commerçant, artisan, consommateur, professionnel de droit privé.

Elles décident la prescription (C. com. L110-4, C. consom. L218-2), la compétence (C. com.
L721-3 : le tribunal de commerce connaît des engagements entre commerçants, entre artisans, ou
entre eux, depuis le 1er janvier 2022) et le régime des intérêts de retard (C. com. L441-10 entre
professionnels).
"""

from __future__ import annotations

import unicodedata

from contentieux.modeles.dossier import Dossier
from contentieux.modeles.parties import PersonneMorale, PersonnePhysique, Qualite

FORMES_CIVILES = ("sci", "scp", "scm", "societe civile", "association", "gaec", "earl", "scea")
"""Formes de personnes morales de droit privé non commerçantes (compétence civile)."""


def normaliser(texte: str) -> str:
    """Texte comparable : sans accents ni casse, tirets et apostrophes en espaces.

    >>> normaliser("Boulogne-Billancourt"), normaliser("L'Île-Rousse")
    ('boulogne billancourt', 'l ile rousse')
    """
    decompose = unicodedata.normalize("NFKD", texte)
    simple = "".join(c for c in decompose if not unicodedata.combining(c)).lower()
    simple = simple.replace("-", " ").replace("'", " ").replace("’", " ")
    return " ".join(simple.split())


def est_forme_civile(partie: PersonneMorale) -> bool:
    """Vrai si la forme juridique déclarée est celle d'une personne morale civile."""
    forme = normaliser(partie.forme_juridique or "")
    return any(forme == f or forme.startswith(f + " ") for f in FORMES_CIVILES)


def est_commercant(partie: PersonnePhysique | PersonneMorale) -> bool:
    """Commerçant, ou société professionnelle de forme commerciale : compétence commerciale."""
    if partie.qualite is Qualite.COMMERCANT:
        return True
    return (
        isinstance(partie, PersonneMorale)
        and partie.qualite is Qualite.PROFESSIONNEL
        and not est_forme_civile(partie)
    )


def est_artisan(partie: PersonnePhysique | PersonneMorale) -> bool:
    """Artisan (qualité ``artisan``) : justiciable du tribunal de commerce face à un commerçant
    ou à un autre artisan (C. com. L721-3 1°, depuis le 1er janvier 2022)."""
    return partie.qualite is Qualite.ARTISAN


def est_justiciable_commercial(partie: PersonnePhysique | PersonneMorale) -> bool:
    """Commerçant ou artisan : les engagements entre eux relèvent du tribunal de commerce."""
    return est_commercant(partie) or est_artisan(partie)


def est_consommateur(partie: PersonnePhysique | PersonneMorale) -> bool:
    """Personne physique agissant hors de son activité professionnelle (C. consom. liminaire)."""
    return isinstance(partie, PersonnePhysique) and partie.qualite is Qualite.CONSOMMATEUR


def est_professionnel_prive(partie: PersonnePhysique | PersonneMorale) -> bool:
    """Professionnel, commerçant ou artisan, hors acheteur public."""
    return partie.qualite in {Qualite.PROFESSIONNEL, Qualite.COMMERCANT, Qualite.ARTISAN}


def est_b2b(dossier: Dossier) -> bool:
    """Créancier et débiteur professionnels de droit privé (C. com. L441-10)."""
    return est_professionnel_prive(dossier.creancier) and est_professionnel_prive(dossier.debiteur)
