"""Relire un acte PDF : les données embarquées, un nouveau calcul, les chiffres imprimés.

``contentieux verifier-acte FICHIER.pdf`` lit la pièce jointe associée (dossier, paramètres,
décompte, version des règles), refait le décompte et le contrat avec les règles d'aujourd'hui, et
dit si les chiffres imprimés tiennent toujours : mêmes valeurs, et toujours présents dans le texte
du PDF. Il dit aussi si le PDF a été modifié après sa production autrement que par des
signatures et des données de validation (:mod:`contentieux.actes.revisions`) : ce que le lecteur
voit est alors ce qui a été produit. Qui a signé, et si les signatures sont valides, seule la
vérification des signatures le dit (``contentieux verifier-signature``).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from pydantic import Field, ValidationError

from contentieux.actes.revisions import Revision, analyser_revisions
from contentieux.erreurs import ActeIllisible
from contentieux.modeles.base import Modele
from contentieux.regles import Regles


class Ecart(Modele):
    """Un chiffre imprimé qui ne tient plus."""

    chiffre: str
    imprime: str
    recalcule: str | None


class RapportActe(Modele):
    """Résultat de la relecture d'un acte."""

    acte: str
    dossier: str
    au: dt.date
    regles_version_acte: str
    regles_version_actuelle: str
    chiffres_verifies: dict[str, str]
    ecarts: tuple[Ecart, ...]
    absents_du_texte: tuple[str, ...] = Field(description="Chiffres embarqués absents du texte.")
    decompte_identique: bool
    revisions: tuple[Revision, ...] = Field(
        default=(), description="Révisions du PDF : production, signatures, validation, autres."
    )

    @property
    def revisions_suspectes(self) -> tuple[Revision, ...]:
        """Les révisions postérieures à la production qui ne sont ni des signatures ni des
        données de validation."""
        return tuple(r for r in self.revisions if r.nature == "autre")

    @property
    def tient(self) -> bool:
        """Vrai si les chiffres imprimés tiennent toujours et si le PDF n'a été modifié depuis sa
        production que par des signatures et des données de validation."""
        return not self.ecarts and not self.absents_du_texte and not self.revisions_suspectes


def lire_donnees_acte(contenu: bytes) -> dict[str, Any]:
    """La pièce jointe ``contentieux-acte.json`` d'un PDF produit par la bibliothèque."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from contentieux.actes.rendu import FORMAT_DONNEES, NOM_PIECE_JOINTE

    try:
        lecteur = PdfReader(io.BytesIO(contenu))
        jointes = lecteur.attachments
    except (PdfReadError, ValueError, KeyError) as exc:
        raise ActeIllisible(
            f"fichier illisible comme PDF ({exc}) ; donnez un acte PDF produit par contentieux"
        ) from None
    if NOM_PIECE_JOINTE not in jointes:
        raise ActeIllisible(
            f"ce PDF n'embarque pas « {NOM_PIECE_JOINTE} » : il n'a pas été produit par "
            "contentieux generer (ou la pièce jointe a été retirée)"
        )
    try:
        donnees = json.loads(jointes[NOM_PIECE_JOINTE][0].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError, IndexError) as exc:
        raise ActeIllisible(
            f"la pièce jointe « {NOM_PIECE_JOINTE} » n'est pas un JSON lisible "
            f"({type(exc).__name__}) : elle a été abîmée ou remplacée ; régénérez l'acte avec "
            "contentieux generer"
        ) from None
    if not isinstance(donnees, dict) or donnees.get("format") != FORMAT_DONNEES:
        forme = donnees.get("format") if isinstance(donnees, dict) else type(donnees).__name__
        raise ActeIllisible(f"données embarquées d'un format inconnu : {forme!r}")
    manquantes = [c for c in CHAMPS_DONNEES if c not in donnees]
    if manquantes:
        raise ActeIllisible(
            f"la pièce jointe « {NOM_PIECE_JOINTE} » est incomplète : il manque "
            + ", ".join(manquantes)
            + " ; régénérez l'acte avec contentieux generer"
        )
    return donnees


CHAMPS_DONNEES = ("acte", "dossier", "au", "parametres", "chiffres", "decompte", "regles_version")
"""Les entrées de la pièce jointe que la relecture utilise."""


def _champ(donnees: dict[str, Any], cle: str, type_: type, description: str) -> Any:
    valeur = donnees[cle]
    if not isinstance(valeur, type_):
        raise ActeIllisible(
            f"pièce jointe, champ « {cle} » : {description} attendu ; régénérez l'acte avec "
            "contentieux generer"
        )
    return valeur


def verifier_acte(
    contenu: bytes, *, regles: Regles | None = None, atelier: Any = None
) -> RapportActe:
    """Relit un acte PDF, recalcule et compare les chiffres imprimés (``atelier`` : un
    :class:`~contentieux.actes.rendu.Atelier` à réutiliser pour en relire beaucoup)."""
    from contentieux.actes.manifeste import normaliser, texte_pdf
    from contentieux.actes.rendu import Atelier
    from contentieux.lecture import valider_dossier
    from contentieux.modeles.decompte import Decompte

    donnees = lire_donnees_acte(contenu)
    revisions = analyser_revisions(contenu)
    dossier = valider_dossier(donnees["dossier"], origine="dossier embarqué")
    try:
        au = dt.date.fromisoformat(_champ(donnees, "au", str, "une date AAAA-MM-JJ"))
    except ValueError:
        raise ActeIllisible(
            "pièce jointe, champ « au » : une date AAAA-MM-JJ attendue ; régénérez l'acte avec "
            "contentieux generer"
        ) from None
    _champ(donnees, "acte", str, "un identifiant d'acte")
    _champ(donnees, "regles_version", str, "une version de règles")
    chiffres = _champ(donnees, "chiffres", dict, "une table de chiffres")
    if not all(isinstance(v, str) for v in chiffres.values()):
        raise ActeIllisible("pièce jointe, champ « chiffres » : des textes attendus")
    outil = atelier if atelier is not None else Atelier(regles=regles)
    # L'en-tête (et son logo, un fichier local) ne change aucun chiffre : il n'est pas relu.
    parametres = {
        k: v
        for k, v in _champ(donnees, "parametres", dict, "une table de paramètres").items()
        if k != "en_tete"
    }
    if dossier.actes is not None and dossier.actes.en_tete is not None:
        dossier = dossier.model_copy(
            update={"actes": dossier.actes.model_copy(update={"en_tete": None})}
        )
    contrat, faits = outil.preparer(donnees["acte"], dossier, au=au, parametres=parametres)
    imprimes: dict[str, str] = donnees["chiffres"]
    ecarts = tuple(
        Ecart(chiffre=nom, imprime=valeur, recalcule=contrat.chiffres.get(nom))
        for nom, valeur in imprimes.items()
        if contrat.chiffres.get(nom) != valeur
    )
    texte = normaliser(texte_pdf(contenu))
    absents = tuple(v for v in imprimes.values() if normaliser(v) not in texte)
    try:
        ancien = Decompte.model_validate(donnees["decompte"])
    except ValidationError as exc:
        raise ActeIllisible(
            f"pièce jointe, champ « decompte » illisible ({exc.error_count()} erreur(s)) ; "
            "régénérez l'acte avec contentieux generer"
        ) from None
    nouveau = contrat.decompte_imprime(faits)
    return RapportActe(
        acte=donnees["acte"],
        dossier=dossier.reference,
        au=au,
        regles_version_acte=donnees["regles_version"],
        regles_version_actuelle=faits.decompte.regles_version,
        chiffres_verifies=imprimes,
        ecarts=ecarts,
        absents_du_texte=absents,
        decompte_identique=ancien.total == nouveau.total and ancien.lignes == nouveau.lignes,
        revisions=revisions,
    )
