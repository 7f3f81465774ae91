"""Réglages du service HTTP, validés une fois (hôte, jeton, workers, limites, dossier des lots)."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

from contentieux.erreurs import ErreurUtilisation

HOTES_LOCAUX = frozenset({"127.0.0.1", "localhost", "::1"})
"""Adresses de boucle locale : seules adresses où le service peut écouter sans jeton."""

VARIABLE_JETON = "CONTENTIEUX_JETON"
VARIABLE_JETON_FICHIER = "CONTENTIEUX_JETON_FICHIER"

MEGAOCTET = 1024 * 1024


class Configuration(BaseModel):
    """Les réglages du service.

    >>> Configuration(hote="0.0.0.0", dossier_lots=Path("lots"))
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Configuration
      Value error, --hote 0.0.0.0 : écouter ailleurs que sur 127.0.0.1 exige un jeton ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    hote: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    workers: int = Field(2, ge=1, le=64, description="Processus de travail (actes, décomptes).")
    jeton: SecretStr | None = Field(None, description="Jeton Bearer exigé sur /v1/… (sinon aucun).")
    limite_corps: int = Field(10 * MEGAOCTET, ge=1024, description="Taille maximale d'un corps.")
    delai_requete: float = Field(120.0, gt=0, description="Limite de temps d'une requête (s).")
    en_vol_max: int = Field(
        0, ge=0, description="Travaux en cours au plus (0 : 8 par worker, au moins 32)."
    )
    lots_max: int = Field(4, ge=1, description="Lots en attente ou en cours au plus.")
    seuil_pool: int = Field(
        16 * 1024, ge=0, description="Corps (octets) au-delà duquel un décompte va au pool."
    )
    dossier_lots: Path = Field(description="Dossier où vivent les lots (demande et manifeste).")
    grace: float = Field(30.0, ge=0, description="Délai de grâce à l'arrêt (SIGTERM), en s.")

    @model_validator(mode="after")
    def _jeton_hors_boucle_locale(self) -> Configuration:
        if self.hote not in HOTES_LOCAUX and self.jeton is None:
            raise ValueError(
                f"--hote {self.hote} : écouter ailleurs que sur 127.0.0.1 exige un jeton ; "
                f"définissez {VARIABLE_JETON} (ou {VARIABLE_JETON_FICHIER})"
            )
        return self

    @property
    def travaux_max(self) -> int:
        """Travaux acceptés en même temps (en cours ou en file du pool) avant de répondre 503."""
        return self.en_vol_max or max(32, 8 * self.workers)


def jeton_depuis_environnement(environ: dict[str, str] | None = None) -> SecretStr | None:
    """Le jeton de ``CONTENTIEUX_JETON``, sinon du fichier nommé par ``CONTENTIEUX_JETON_FICHIER``
    (espaces et fin de ligne retirés) ; ``None`` si aucune des deux n'est définie.

    >>> env = {"CONTENTIEUX_JETON": "  jeton-de-seize-caracteres  "}
    >>> jeton_depuis_environnement(env).get_secret_value()
    'jeton-de-seize-caracteres'
    >>> jeton_depuis_environnement({}) is None
    True
    """
    env = os.environ if environ is None else environ
    texte = env.get(VARIABLE_JETON)
    origine = VARIABLE_JETON
    if texte is None and env.get(VARIABLE_JETON_FICHIER):
        chemin = Path(env[VARIABLE_JETON_FICHIER])
        origine = f"{VARIABLE_JETON_FICHIER} ({chemin})"
        try:
            texte = chemin.read_text(encoding="utf-8")
        except OSError as exc:
            raise ErreurUtilisation(
                f"{origine} : fichier du jeton illisible ({exc.strerror}) ; vérifiez le chemin",
                champ=VARIABLE_JETON_FICHIER,
                sortie=5,
            ) from None
    if texte is None:
        return None
    texte = texte.strip()
    if len(texte) < 16:
        raise ErreurUtilisation(
            f"{origine} : jeton trop court ({len(texte)} caractères) ; utilisez au moins 16 "
            "caractères aléatoires, par exemple : python -c 'import secrets; "
            "print(secrets.token_urlsafe(32))'",
            champ=VARIABLE_JETON,
        )
    return SecretStr(texte)
