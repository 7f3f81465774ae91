"""Dossier de recouvrement : le créancier, le ou les débiteurs, le mandataire, les créances et
les événements. C'est l'entrée de toutes les fonctions de la bibliothèque."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import Field, ValidationInfo, model_validator

from contentieux.modeles.actes import ParametresActes
from contentieux.modeles.base import Modele
from contentieux.modeles.creances import Creance, Facture, _doublons
from contentieux.modeles.evenements import Evenement, Paiement
from contentieux.modeles.parties import Mandataire, Partie

E = TypeVar("E")


class Dossier(Modele):
    """Un dossier de recouvrement complet.

    >>> from contentieux.exemples import dossier_exemple
    >>> d = dossier_exemple("b2b")
    >>> d.creancier.est_particulier, len(d.creances) >= 1
    (False, True)
    """

    reference: str = Field(min_length=1)
    creancier: Partie
    debiteurs: tuple[Partie, ...] = Field(min_length=1)
    mandataire: Mandataire | None = None
    creances: tuple[Creance, ...] = Field(min_length=1)
    evenements: tuple[Evenement, ...] = ()
    actes: ParametresActes | None = Field(
        default=None,
        description=(
            "Paramètres des actes (lieu, en-tête, plan, agence, commissaire de justice…) ; "
            "ce qu'un acte exige et qui manque est listé avant de le produire."
        ),
    )

    @model_validator(mode="before")
    @classmethod
    def _limites(cls, donnees: Any, info: ValidationInfo) -> Any:
        """Limites de taille (``Limites``, passée par ``context={"limites": …}``), avant tout."""
        from contentieux.modeles.limites import LIMITES_PAR_DEFAUT, verifier_limites

        contexte = info.context if isinstance(info.context, dict) else {}
        verifier_limites(donnees, contexte.get("limites") or LIMITES_PAR_DEFAUT)
        return donnees

    @model_validator(mode="after")
    def _references(self) -> Dossier:
        refs = [c.reference for c in self.creances]
        connues = set(refs)
        doublons = _doublons(refs)
        if doublons:
            raise ValueError(
                f"creances : référence(s) en double : {', '.join(doublons)} ; "
                "donnez à chaque créance une référence unique"
            )
        numeros = {f.numero for c in self.creances for f in c.factures}
        for i, ev in enumerate(self.evenements):
            inconnues = [r for r in ev.creances if r not in connues]
            if inconnues:
                raise ValueError(
                    f"evenements[{i}].creances : créance(s) inconnue(s) {', '.join(inconnues)} ; "
                    f"références connues : {_liste_courte(connues)}"
                )
            if isinstance(ev, Paiement):
                absentes = [n for n in ev.factures_designees if n not in numeros]
                if absentes:
                    raise ValueError(
                        f"evenements[{i}].factures_designees : facture(s) inconnue(s) "
                        f"{', '.join(absentes)} ; numéros connus : {_liste_courte(numeros)}"
                    )
        return self

    @property
    def debiteur(self) -> Partie:
        """Le premier débiteur."""
        return self.debiteurs[0]

    def creance(self, reference: str) -> Creance:
        """La créance de cette référence."""
        for c in self.creances:
            if c.reference == reference:
                return c
        raise KeyError(reference)

    def factures(self) -> Iterator[tuple[Creance, Facture]]:
        """Toutes les factures, avec leur créance."""
        for c in self.creances:
            for f in c.factures:
                yield c, f

    def evenements_de_type(self, type_: type[E], reference_creance: str | None = None) -> list[E]:
        """Les événements d'un type, triés par date, restreints à une créance si demandé."""
        trouves: list[E] = [
            e
            for e in self.evenements
            if isinstance(e, type_)
            and (reference_creance is None or e.concerne(reference_creance))
        ]
        if len(trouves) > 1:
            trouves.sort(key=_date_evenement)
        return trouves


def _date_evenement(ev: object) -> dt.date:
    for attribut in ("date", "date_envoi", "date_debut", "date_jugement_ouverture"):
        valeur = getattr(ev, attribut, None)
        if isinstance(valeur, dt.date):
            return valeur
    raise AttributeError(f"événement sans date : {ev!r}")


def _liste_courte(valeurs: set[str], nombre: int = 20) -> str:
    """Les premières valeurs triées, et combien d'autres (un message reste lisible)."""
    triees = sorted(valeurs)
    texte = ", ".join(triees[:nombre])
    return texte + (f"… (et {len(triees) - nombre} autres)" if len(triees) > nombre else "")
