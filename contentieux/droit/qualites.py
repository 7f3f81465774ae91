"""Qualités des parties : chaque test juridique sur les qualités, décidé une seule fois.

« Entre professionnels » a plusieurs sens en droit ; chacun a son test, nommé d'après son texte :

- la compétence commerciale (C. com. L721-3 : engagements entre commerçants, entre artisans, ou
  entre eux, depuis le 1er janvier 2022) : :func:`est_commercant`, :func:`est_artisan`,
  :func:`est_justiciable_commercial` ;
- la relation de C. com. L441-10 (délais de paiement plafonnés, pénalités de retard) :
  :func:`est_relation_l441_10` ;
- l'indemnité forfaitaire de 40 € et les frais de recouvrement (C. com. L441-10 II, D441-5 ;
  CCP L2192-13, D2192-35 ; CPCE L111-8 al. 2) : :func:`est_debiteur_indemnite_forfaitaire`,
  :func:`est_indemnite_forfaitaire_due` ;
- le consommateur et le professionnel du code de la consommation (article liminaire ; L218-2,
  L121-2, L312-1) : :func:`est_consommateur`, :func:`est_relation_de_consommation`.
"""

from __future__ import annotations

import unicodedata
from typing import Final

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
    """Consommateur : **personne physique** agissant hors de son activité commerciale,
    industrielle, artisanale, libérale ou agricole (C. consom., article liminaire). Une personne
    morale ne l'est jamais (elle peut être « non professionnel ») : ni la prescription biennale
    (C. consom. L218-2 ; Cass. 3e civ. 17 fév. 2022, n° 21-19.829) ni le crédit à la consommation
    ne la concernent.

    >>> from contentieux.exemples import dossier_exemple
    >>> est_consommateur(dossier_exemple("consommateur").debiteur)
    True
    >>> est_consommateur(dossier_exemple("b2b").debiteur)
    False
    """
    return isinstance(partie, PersonnePhysique) and partie.qualite is Qualite.CONSOMMATEUR


_PROFESSIONNELS_PRIVES: Final = frozenset(
    {Qualite.PROFESSIONNEL, Qualite.COMMERCANT, Qualite.ARTISAN}
)
"""Qualités des professionnels de droit privé : professionnel, commerçant, artisan."""


def est_relation_l441_10(
    creancier: PersonnePhysique | PersonneMorale, debiteur: PersonnePhysique | PersonneMorale
) -> bool:
    """Relation entre professionnels de C. com. L441-10 : créancier **et** débiteur professionnels
    de droit privé (professionnel, commerçant ou artisan).

    Elle commande les plafonds de délais de paiement (L441-10 I) et les pénalités de retard de
    plein droit (L441-10 II), décidées par :func:`contentieux.droit.regime.regime_interets`.
    L'acheteur public n'y entre pas : débiteur, il doit les intérêts moratoires de la commande
    publique (CCP L2192-13, R2192-31) ; créancier, le droit commun (voir ``droit.regime``).

    >>> from contentieux.exemples import dossier_exemple
    >>> b2b, public = dossier_exemple("b2b"), dossier_exemple("commande_publique")
    >>> est_relation_l441_10(b2b.creancier, b2b.debiteur)
    True
    >>> est_relation_l441_10(public.creancier, public.debiteur)
    False
    """
    return (
        creancier.qualite in _PROFESSIONNELS_PRIVES and debiteur.qualite in _PROFESSIONNELS_PRIVES
    )


def est_debiteur_indemnite_forfaitaire(debiteur: PersonnePhysique | PersonneMorale) -> bool:
    """Débiteur à qui l'on peut demander l'indemnité forfaitaire de 40 € et les frais de
    recouvrement : un professionnel de droit privé (C. com. L441-10 II, D441-5) ou un acheteur
    public, débiteur de l'indemnité envers le titulaire du marché (CCP L2192-13, D2192-35).

    Un consommateur ou un non-professionnel ne doit ni l'une ni les autres : les frais de
    recouvrement entrepris sans titre exécutoire restent à la charge du créancier (CPCE L111-8
    al. 2 ; L441-10 II en est la « disposition législative contraire » entre professionnels).

    >>> from contentieux.exemples import dossier_exemple
    >>> est_debiteur_indemnite_forfaitaire(dossier_exemple("commande_publique").debiteur)
    True
    >>> est_debiteur_indemnite_forfaitaire(dossier_exemple("consommateur").debiteur)
    False
    """
    return debiteur.qualite in _PROFESSIONNELS_PRIVES or debiteur.qualite is Qualite.ACHETEUR_PUBLIC


def est_indemnite_forfaitaire_due(
    creancier: PersonnePhysique | PersonneMorale, debiteur: PersonnePhysique | PersonneMorale
) -> bool:
    """L'indemnité forfaitaire de 40 € est-elle due dans cette relation ? Oui si le débiteur la
    doit (:func:`est_debiteur_indemnite_forfaitaire`) **et** si le créancier est un professionnel
    de droit privé agissant comme tel : l'indemnité répare les frais de recouvrement de
    l'entreprise créancière (C. com. L441-10 II, D441-5 ; CCP D2192-35 : due au titulaire du
    marché). Un acheteur public créancier, ou une personne physique qui n'agit pas pour des
    besoins professionnels (un particulier), ne la réclame pas.

    C'est le test du décompte (une indemnité par facture payée en retard) et de l'agenda de
    relance (une étape « frais » la réclame).

    >>> from contentieux.exemples import dossier_exemple
    >>> public = dossier_exemple("commande_publique")
    >>> est_indemnite_forfaitaire_due(public.creancier, public.debiteur)
    True
    >>> est_indemnite_forfaitaire_due(public.debiteur, public.creancier)  # acheteur créancier
    False
    """
    return (
        est_debiteur_indemnite_forfaitaire(debiteur)
        and creancier.qualite in _PROFESSIONNELS_PRIVES
        and not creancier.est_particulier
    )


def est_professionnel_consommation(partie: PersonnePhysique | PersonneMorale) -> bool:
    """Professionnel au sens du code de la consommation : toute personne physique ou morale,
    **publique ou privée**, agissant dans le cadre de son activité (C. consom., article
    liminaire) ; un acheteur public (une régie d'eau, par exemple) l'est donc aussi.

    >>> from contentieux.exemples import dossier_exemple
    >>> est_professionnel_consommation(dossier_exemple("commande_publique").debiteur)
    True
    >>> est_professionnel_consommation(dossier_exemple("consommateur").debiteur)
    False
    """
    return partie.qualite in _PROFESSIONNELS_PRIVES or partie.qualite is Qualite.ACHETEUR_PUBLIC


def est_relation_de_consommation(
    creancier: PersonnePhysique | PersonneMorale, debiteur: PersonnePhysique | PersonneMorale
) -> bool:
    """Un professionnel (:func:`est_professionnel_consommation`) créancier d'un consommateur
    (:func:`est_consommateur`) : prescription biennale (C. consom. L218-2), pratique commerciale
    trompeuse à réclamer une dette prescrite sans le dire (C. consom. L121-2), plan d'apurement
    onéreux qui serait un crédit à la consommation (C. consom. L312-1).

    >>> from contentieux.exemples import dossier_exemple
    >>> d = dossier_exemple("consommateur")
    >>> est_relation_de_consommation(d.creancier, d.debiteur)
    True
    >>> b2b = dossier_exemple("b2b")
    >>> est_relation_de_consommation(b2b.creancier, b2b.debiteur)
    False
    """
    return est_professionnel_consommation(creancier) and est_consommateur(debiteur)
