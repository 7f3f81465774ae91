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

from pydantic import Field, ValidationInfo, field_validator, model_validator

from contentieux.erreurs import ArgumentInvalide
from contentieux.modeles.base import Modele

DEPARTEMENTS_ALSACE_MOSELLE = frozenset({"57", "67", "68"})
"""Départements de droit local (Bas-Rhin, Haut-Rhin, Moselle)."""


class Qualite(StrEnum):
    """Qualité juridique d'une partie (C. consom. article liminaire ; C. com. L121-1)."""

    CONSOMMATEUR = "consommateur"
    NON_PROFESSIONNEL = "non_professionnel"
    PROFESSIONNEL = "professionnel"
    COMMERCANT = "commercant"
    ARTISAN = "artisan"
    """Artisan immatriculé au registre national des entreprises (C. com. L721-3 1° depuis le
    1er janvier 2022 : compétence du tribunal de commerce entre artisans et commerçants)."""
    ACHETEUR_PUBLIC = "acheteur_public"


def departement_depuis_code_postal(code_postal: str) -> str:
    """Département (ou collectivité) d'un code postal français ; refuse un code qui n'existe pas.

    Le contrôle porte sur le **préfixe** du code, qui désigne le département : 01 à 95 (la Corse,
    20, se partage entre Corse-du-Sud ``2A`` jusqu'à 20199 et Haute-Corse ``2B`` au-delà), 971 à
    976 pour les départements et collectivités d'outre-mer, 97133 (Saint-Barthélemy, ``977``),
    97150 (Saint-Martin, ``978``), 984 (TAAF), 986 à 988 (Wallis-et-Futuna, Polynésie française,
    Nouvelle-Calédonie). Les préfixes 00, 96, 99, 970, 977 à 979, 980 (Monaco, pays étranger),
    981 à 983, 985 et 989 ne sont attribués à aucun département français. La liste des codes
    postaux de La Poste n'est pas embarquée : un code au préfixe valable mais non distribué
    (75999) est accepté.

    >>> departement_depuis_code_postal("75008")
    '75'
    >>> departement_depuis_code_postal("20090"), departement_depuis_code_postal("20200")
    ('2A', '2B')
    >>> departement_depuis_code_postal("97110"), departement_depuis_code_postal("97133")
    ('971', '977')
    """
    if not re.fullmatch(r"\d{5}", code_postal):
        raise ArgumentInvalide(
            f"code postal « {code_postal} » invalide : cinq chiffres attendus, par exemple 75008",
            champ="code_postal",
        )
    prefixe = code_postal[:2]
    if prefixe == "20":
        return "2A" if code_postal < "20200" else "2B"
    if prefixe in {"97", "98"}:
        if code_postal in _COLLECTIVITES_97:
            return _COLLECTIVITES_97[code_postal]
        if code_postal[:3] in _OUTRE_MER:
            return code_postal[:3]
        if code_postal[:3] == "980":
            raise ArgumentInvalide(
                f"code postal « {code_postal} » : les codes 980xx sont ceux de Monaco, qui n'est "
                "pas la France ; indiquez pays: MC dans l'adresse",
                champ="code_postal",
            )
    elif "01" <= prefixe <= "95":
        return prefixe
    raise ArgumentInvalide(
        f"code postal « {code_postal} » inexistant en France : ses premiers chiffres ne "
        "désignent aucun département (01 à 95, 971 à 976, 984, 986 à 988) ; vérifiez le code, "
        "ou indiquez le pays de l'adresse (pays: BE, CH, MC…) si elle est à l'étranger",
        champ="code_postal",
    )


_OUTRE_MER = frozenset({"971", "972", "973", "974", "975", "976", "984", "986", "987", "988"})
"""Préfixes à trois chiffres des départements et collectivités d'outre-mer."""

_COLLECTIVITES_97 = {"97133": "977", "97150": "978"}
"""Saint-Barthélemy et Saint-Martin gardent un code postal de la Guadeloupe (971)."""


def _pays_iso(valeur: str) -> str:
    """Code pays ISO 3166-1 alpha-2 en majuscules, vérifié sur la liste des territoires de Babel."""
    code = valeur.strip()
    if code.casefold() == "france":
        return "FR"
    code = code.upper()
    if code == "FR":
        return code
    if re.fullmatch(r"[A-Z]{2}", code):
        from babel import Locale

        if code in Locale.parse("fr").territories and code not in {"EU", "EZ", "UN", "QO"}:
            return code
    raise ValueError(
        f"pays « {valeur} » inconnu : donnez le code ISO 3166-1 alpha-2 du pays en deux lettres "
        "(FR pour la France, BE, CH, MC, DE…)"
    )


class Adresse(Modele):
    """Adresse postale ; en France, le code postal donne le département (fériés, droit local)."""

    ligne1: str = Field(min_length=1, description="Numéro et voie.")
    ligne2: str | None = Field(default=None, description="Complément d'adresse.")
    pays: str = Field(
        default="FR",
        description="Code ISO 3166-1 alpha-2 du pays (FR par défaut ; MC pour Monaco, BE…).",
        json_schema_extra={"pattern": "^[A-Za-z]{2}$"},
    )
    code_postal: str = Field(
        description="En France : cinq chiffres, par exemple 75008 ; ailleurs, le code local."
    )
    ville: str = Field(min_length=1)

    @field_validator("pays")
    @classmethod
    def _pays(cls, valeur: str) -> str:
        return _pays_iso(valeur)

    @field_validator("code_postal")
    @classmethod
    def _code_postal(cls, valeur: str, info: ValidationInfo) -> str:
        pays = info.data.get("pays")
        if pays is None:  # pays invalide : son erreur est déjà signalée
            return valeur
        if pays != "FR":
            valeur = " ".join(valeur.split())
            if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 -]{0,11}", valeur):
                raise ValueError(
                    f"code postal « {valeur} » invalide pour le pays {pays} : lettres, chiffres, "
                    "espaces ou tirets, douze caractères au plus"
                )
            return valeur
        valeur = valeur.replace(" ", "")
        departement_depuis_code_postal(valeur)
        return valeur

    @property
    def departement(self) -> str | None:
        """Code du département (« 75 », « 2A », « 971 ») ; ``None`` hors de France."""
        if self.pays != "FR":
            return None
        return departement_depuis_code_postal(self.code_postal)

    @property
    def est_alsace_moselle(self) -> bool:
        """Vrai en Bas-Rhin, Haut-Rhin et Moselle (droit local, pas de tribunal de commerce)."""
        return self.departement in DEPARTEMENTS_ALSACE_MOSELLE

    def en_lignes(self) -> tuple[str, ...]:
        """Les lignes de l'adresse telles qu'on les imprime (le pays, hors de France)."""
        lignes = [self.ligne1]
        if self.ligne2:
            lignes.append(self.ligne2)
        lignes.append(f"{self.code_postal} {self.ville}")
        if self.pays != "FR":
            lignes.append(_nom_pays(self.pays))
        return tuple(lignes)


def _nom_pays(code: str) -> str:
    from babel import Locale

    return str(Locale.parse("fr").territories.get(code, code)).upper()


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
    numero_tva: str | None = Field(
        default=None,
        description="Numéro de TVA intracommunautaire (FR suivi de onze caractères en France).",
        json_schema_extra={"pattern": "^[A-Z]{2}[0-9A-Z+*.]{2,13}$"},
    )
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

    @field_validator("numero_tva")
    @classmethod
    def _numero_tva(cls, valeur: str | None) -> str | None:
        if valeur is None:
            return None
        numero = "".join(valeur.split()).upper()
        if not re.fullmatch(r"[A-Z]{2}[0-9A-Z+*.]{2,13}", numero):
            raise ValueError(
                f"numéro de TVA « {valeur} » invalide : deux lettres de pays puis deux à treize "
                "caractères, par exemple FR32123456789"
            )
        return numero

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
