"""Parties : personnes physiques et morales, leur qualité et leur adresse.

La qualité commande le droit applicable : un débiteur consommateur ne doit jamais de frais de
recouvrement (CPCE L111-8 al. 2) ni l'indemnité de 40 € (C. com. D441-5) et bénéficie de la
prescription de deux ans (C. consom. L218-2) ; la catégorie du taux de l'intérêt légal dépend du
**créancier** (CMF L313-2 : personne physique n'agissant pas pour des besoins professionnels, ou
tous les autres cas).
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from contentieux.modeles.base import Modele

DEPARTEMENTS_ALSACE_MOSELLE = frozenset({"57", "67", "68"})
"""Départements de droit local (Bas-Rhin, Haut-Rhin, Moselle)."""


class Qualite(StrEnum):
    """Qualité juridique d'une partie (C. consom. article liminaire ; C. com. L121-1)."""

    CONSOMMATEUR = "consommateur"
    NON_PROFESSIONNEL = "non_professionnel"
    PROFESSIONNEL = "professionnel"
    COMMERCANT = "commercant"
    ACHETEUR_PUBLIC = "acheteur_public"


def departement_depuis_code_postal(code_postal: str) -> str:
    """Département d'un code postal français.

    >>> departement_depuis_code_postal("75008")
    '75'
    >>> departement_depuis_code_postal("20090"), departement_depuis_code_postal("20200")
    ('2A', '2B')
    >>> departement_depuis_code_postal("97110")
    '971'
    """
    if not re.fullmatch(r"\d{5}", code_postal):
        raise ValueError(
            f"code postal « {code_postal} » invalide : cinq chiffres attendus, par exemple 75008"
        )
    if code_postal.startswith("20"):
        return "2A" if code_postal < "20200" else "2B"
    if code_postal[:2] in {"97", "98"}:
        return code_postal[:3]
    return code_postal[:2]


class Adresse(Modele):
    """Adresse postale ; le code postal donne le département (jours fériés, droit local)."""

    ligne1: str = Field(min_length=1, description="Numéro et voie.")
    ligne2: str | None = Field(default=None, description="Complément d'adresse.")
    code_postal: str = Field(description="Cinq chiffres, par exemple 75008.")
    ville: str = Field(min_length=1)
    pays: Literal["France"] = "France"

    @field_validator("code_postal")
    @classmethod
    def _code_postal(cls, valeur: str) -> str:
        valeur = valeur.replace(" ", "")
        departement_depuis_code_postal(valeur)
        return valeur

    @property
    def departement(self) -> str:
        """Code du département (« 75 », « 2A », « 971 »)."""
        return departement_depuis_code_postal(self.code_postal)

    @property
    def est_alsace_moselle(self) -> bool:
        """Vrai en Bas-Rhin, Haut-Rhin et Moselle (droit local, pas de tribunal de commerce)."""
        return self.departement in DEPARTEMENTS_ALSACE_MOSELLE

    def en_lignes(self) -> tuple[str, ...]:
        """Les lignes de l'adresse telles qu'on les imprime."""
        lignes = [self.ligne1]
        if self.ligne2:
            lignes.append(self.ligne2)
        lignes.append(f"{self.code_postal} {self.ville}")
        return tuple(lignes)


class PersonnePhysique(Modele):
    """Personne physique (CPC art. 54 : nom, prénoms, profession, domicile, naissance)."""

    type: Literal["personne_physique"] = "personne_physique"
    civilite: Literal["M.", "Mme"] | None = None
    nom: str = Field(min_length=1)
    prenoms: str = Field(min_length=1)
    adresse: Adresse
    date_naissance: dt.date | None = None
    lieu_naissance: str | None = None
    nationalite: str | None = None
    profession: str | None = None
    qualite: Qualite = Qualite.CONSOMMATEUR
    agit_pour_besoins_professionnels: bool | None = Field(
        default=None,
        description=(
            "Pour un créancier : agit-il pour des besoins professionnels ? Par défaut déduit de la "
            "qualité (consommateur ou non professionnel : non). Décide la catégorie du taux légal."
        ),
    )

    @model_validator(mode="after")
    def _qualite_possible(self) -> PersonnePhysique:
        if self.qualite is Qualite.ACHETEUR_PUBLIC:
            raise ValueError(
                "qualite : une personne physique ne peut pas être « acheteur_public » ; "
                "décrivez l'acheteur public comme une personne morale"
            )
        if self.qualite is Qualite.CONSOMMATEUR and self.agit_pour_besoins_professionnels:
            raise ValueError(
                "agit_pour_besoins_professionnels : un consommateur agit, par définition, hors "
                "de ses besoins professionnels (C. consom., article liminaire) ; choisissez la "
                "qualité « professionnel » ou retirez ce champ"
            )
        return self

    @property
    def nom_complet(self) -> str:
        """Civilité, prénoms et nom."""
        debut = f"{self.civilite} " if self.civilite else ""
        return f"{debut}{self.prenoms} {self.nom}"

    @property
    def adresse_principale(self) -> Adresse:
        """Domicile."""
        return self.adresse

    @property
    def est_particulier(self) -> bool:
        """Personne physique n'agissant pas pour des besoins professionnels (CMF L313-2)."""
        if self.agit_pour_besoins_professionnels is not None:
            return not self.agit_pour_besoins_professionnels
        return self.qualite in {Qualite.CONSOMMATEUR, Qualite.NON_PROFESSIONNEL}


class Representant(Modele):
    """Organe représentant une personne morale (CPC art. 54)."""

    nom: str = Field(min_length=1, description="Prénom et nom.")
    fonction: str = Field(min_length=1, description="Par exemple « Président », « Gérant ».")


class PersonneMorale(Modele):
    """Personne morale (CPC art. 54 : forme, dénomination, siège social, organe représentant)."""

    type: Literal["personne_morale"] = "personne_morale"
    denomination: str = Field(min_length=1)
    forme_juridique: str | None = Field(default=None, description="SAS, SARL, SA, EURL…")
    siren: str | None = Field(default=None, description="Neuf chiffres, clé de Luhn vérifiée.")
    siret: str | None = Field(default=None, description="Quatorze chiffres, clé vérifiée.")
    rcs: str | None = Field(default=None, description="Ville du registre du commerce.")
    siege: Adresse
    representant: Representant | None = None
    qualite: Qualite = Qualite.PROFESSIONNEL

    @field_validator("siren")
    @classmethod
    def _siren(cls, valeur: str | None) -> str | None:
        if valeur is None:
            return None
        from stdnum.exceptions import ValidationError as ErreurStdnum
        from stdnum.fr import siren

        try:
            return str(siren.validate(valeur))
        except ErreurStdnum as exc:
            raise ValueError(
                f"SIREN « {valeur} » invalide ({_raison_stdnum(exc)}) : neuf chiffres dont le "
                "dernier est une clé de contrôle ; recopiez-le depuis l'extrait Kbis ou l'INSEE"
            ) from None

    @field_validator("siret")
    @classmethod
    def _siret(cls, valeur: str | None) -> str | None:
        if valeur is None:
            return None
        from stdnum.exceptions import ValidationError as ErreurStdnum
        from stdnum.fr import siret

        try:
            return str(siret.validate(valeur))
        except ErreurStdnum as exc:
            raise ValueError(
                f"SIRET « {valeur} » invalide ({_raison_stdnum(exc)}) : quatorze chiffres "
                "(SIREN puis NIC) ; recopiez-le depuis l'extrait Kbis ou l'avis de situation INSEE"
            ) from None

    @model_validator(mode="after")
    def _coherence(self) -> PersonneMorale:
        if self.siren and self.siret and not self.siret.startswith(self.siren):
            raise ValueError(
                f"siret : le SIRET {self.siret} ne commence pas par le SIREN {self.siren} ; "
                "les neuf premiers chiffres du SIRET sont le SIREN"
            )
        if self.qualite is Qualite.CONSOMMATEUR:
            raise ValueError(
                "qualite : une personne morale n'est jamais « consommateur » (C. consom., article "
                "liminaire) ; utilisez « non_professionnel » si elle n'agit pas à des fins "
                "professionnelles"
            )
        return self

    @property
    def nom_complet(self) -> str:
        """Dénomination suivie de la forme juridique."""
        return (
            f"{self.denomination} ({self.forme_juridique})"
            if self.forme_juridique
            else (self.denomination)
        )

    @property
    def adresse_principale(self) -> Adresse:
        """Siège social."""
        return self.siege

    @property
    def numero_siren(self) -> str | None:
        """SIREN, déduit du SIRET s'il n'est pas donné."""
        return self.siren or (self.siret[:9] if self.siret else None)

    @property
    def est_particulier(self) -> bool:
        """Une personne morale relève toujours de la catégorie « autres cas » (CMF L313-2)."""
        return False


def _raison_stdnum(exc: Exception) -> str:
    nom = type(exc).__name__
    return {
        "InvalidChecksum": "clé de contrôle fausse",
        "InvalidLength": "mauvaise longueur",
        "InvalidFormat": "caractères non numériques",
    }.get(nom, "format invalide")


Partie = Annotated[PersonnePhysique | PersonneMorale, Field(discriminator="type")]
"""Une partie : ``type`` vaut ``personne_physique`` ou ``personne_morale``."""


def est_professionnel(partie: PersonnePhysique | PersonneMorale) -> bool:
    """Professionnel, commerçant ou acheteur public : débiteur de l'indemnité de 40 €."""
    return partie.qualite in _PROFESSIONNELS


_PROFESSIONNELS = frozenset({Qualite.PROFESSIONNEL, Qualite.COMMERCANT, Qualite.ACHETEUR_PUBLIC})


class NatureMandataire(StrEnum):
    """Qui agit pour le créancier."""

    AGENCE_RECOUVREMENT = "agence_recouvrement"
    COMMISSAIRE_DE_JUSTICE = "commissaire_de_justice"
    AVOCAT = "avocat"


class Mandataire(Modele):
    """Représentant du créancier : agence (CPCE R124-3), commissaire de justice ou avocat."""

    nature: NatureMandataire
    identite: Partie
    reference_mandat: str | None = None
    date_mandat: dt.date | None = None
