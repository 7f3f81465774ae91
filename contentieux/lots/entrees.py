"""Lecteurs des entrées d'un lot : JSON lines, CSV (une facture par ligne) ou dossier de fichiers.

Chaque lecteur **diffuse** ses dossiers un par un (jamais l'entrée entière en mémoire) et valide
chacun à part : un dossier invalide devient un :class:`ElementLot` portant ses erreurs (ligne,
champ, raison, en français), et la lecture continue avec le suivant.

- **JSON lines** (``.jsonl``, ``.ndjson``) : un dossier par ligne, au format JSON du projet (celui
  de ``contentieux schema``) ; les nombres sont lus exactement (``Decimal``).
- **CSV** (``.csv``) : une facture par ligne, regroupées en dossiers par la colonne ``dossier`` ;
  les lignes d'un même dossier doivent être **consécutives** (une référence qui réapparaît plus
  loin est signalée en erreur, sans charger le fichier entier). Colonnes : ``docs/lots.md``.
- **Dossier** : les fichiers ``.yaml``, ``.yml`` et ``.json`` qu'il contient (un dossier par
  fichier), dans l'ordre alphabétique ; la « ligne » d'un fichier est son rang.

>>> from contentieux.exemples import dossier_donnees
>>> elements = list(lire_entree(dossier_donnees("exemples") / "lots" / "dossiers.jsonl"))
>>> [(e.ligne, e.reference, e.est_valide) for e in elements][:2]
[(1, 'LOT-0001', True), (2, 'LOT-0002', True)]
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from contentieux.erreurs import DonneesInvalides, EntreeLotIllisible
from contentieux.lecture import analyser_texte, lire_donnees, traduire_erreurs
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.limites import LIMITES_PAR_DEFAUT, Limites

SUFFIXES_JSONL = frozenset({".jsonl", ".ndjson"})
SUFFIXES_DOSSIER = frozenset({".yaml", ".yml", ".json"})


@dataclass(frozen=True)
class ElementLot:
    """Un dossier lu dans l'entrée d'un lot, validé ou accompagné de ses erreurs.

    ``ligne`` : numéro de ligne dans l'entrée (JSON lines : la ligne ; CSV : la première ligne du
    dossier ; dossier de fichiers : le rang du fichier) ; ``source`` : où le retrouver
    (« fichier:ligne ») ; ``empreinte`` : SHA-256 des données lues (forme canonique), qui change
    dès qu'un champ du dossier change ; ``erreurs`` : vide si le dossier est valide.
    """

    ligne: int
    source: str
    reference: str | None
    empreinte: str
    dossier: Dossier | None = None
    erreurs: tuple[str, ...] = field(default=())
    doublon: bool = False
    cle_attribuee: str | None = None

    @property
    def est_valide(self) -> bool:
        """Vrai si le dossier a été validé."""
        return self.dossier is not None and not self.erreurs

    @property
    def cle(self) -> str:
        """Identité du dossier dans le lot : sa référence, sinon « ligne N » ; pour une
        référence déjà vue plus haut, « référence (ligne N) », pour que chaque dossier de
        l'entrée garde sa propre ligne au manifeste. :func:`lire_entree` garantit qu'aucune clé
        n'est prise deux fois (une référence écrite littéralement « ligne 3 » ne prend pas la
        clé de la ligne 3 sans référence : ``cle_attribuee`` les départage)."""
        if self.cle_attribuee is not None:
            return self.cle_attribuee
        if not self.reference:
            return f"ligne {self.ligne}"
        return f"{self.reference} (ligne {self.ligne})" if self.doublon else self.reference


def empreinte_donnees(donnees: Any) -> str:
    """SHA-256 d'une forme JSON canonique (clés triées, nombres et dates en texte).

    >>> empreinte_donnees({"b": 1, "a": "x"}) == empreinte_donnees({"a": "x", "b": 1})
    True
    """
    texte = json.dumps(donnees, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(texte.encode("utf-8")).hexdigest()


def _reference(donnees: Any) -> str | None:
    if isinstance(donnees, dict):
        ref = donnees.get("reference")
        if isinstance(ref, str) and ref.strip():
            return ref.strip()
    return None


def valider_element(
    donnees: Any, *, ligne: int, source: str, limites: Limites | None = None
) -> ElementLot:
    """Valide un dossier lu ; ses erreurs (françaises, champ par champ) restent dans l'élément.

    Aucune erreur de validation n'en sort : limite dépassée, valeur impossible, tout devient une
    erreur de l'élément, pour qu'un mauvais dossier ne soit jamais qu'une ligne « erreur »."""
    reference = _reference(donnees)
    empreinte = empreinte_donnees(donnees)
    if not isinstance(donnees, dict):
        return ElementLot(
            ligne,
            source,
            None,
            empreinte,
            erreurs=("(racine) : objet JSON attendu ({...}) : un dossier par ligne",),
        )
    try:
        dossier = Dossier.model_validate(
            donnees, context={"limites": limites or LIMITES_PAR_DEFAUT}
        )
    except ValidationError as exc:
        return ElementLot(ligne, source, reference, empreinte, erreurs=tuple(traduire_erreurs(exc)))
    except DonneesInvalides as exc:
        return ElementLot(ligne, source, reference, empreinte, erreurs=(exc.message,))
    except (ValueError, ArithmeticError, RecursionError) as exc:
        return ElementLot(
            ligne,
            source,
            reference,
            empreinte,
            erreurs=(
                f"(racine) : dossier illisible ({type(exc).__name__}) ; vérifiez-le avec "
                "« contentieux valider »",
            ),
        )
    return ElementLot(ligne, source, dossier.reference, empreinte, dossier=dossier)


# --- JSON lines ---------------------------------------------------------------------------------


def _lignes_bornees(flux: Iterable[str], limite: int) -> Iterator[tuple[str, bool]]:
    """Les lignes du flux, chacune lue au plus sur ``limite`` caractères : (texte, trop_longue).

    Une ligne plus longue que ``limite`` n'est jamais gardée en mémoire en entier : son début est
    rendu avec ``trop_longue`` vrai, et la suite est sautée jusqu'au saut de ligne."""
    lire = getattr(flux, "readline", None)
    if lire is None:
        for texte in flux:
            yield texte, len(texte.rstrip("\r\n")) > limite
        return
    while True:
        texte = lire(limite + 1)
        if not texte:
            return
        if len(texte) <= limite or texte.endswith("\n"):
            yield texte, len(texte.rstrip("\r\n")) > limite
            continue
        yield texte[:80], True
        while texte and not texte.endswith("\n"):
            texte = lire(1 << 20)


def lire_jsonl(
    flux: Iterable[str], *, nom: str = "entrée", limites: Limites | None = None
) -> Iterator[ElementLot]:
    """Un dossier par ligne non vide ; une ligne illisible est un élément en erreur.

    Chaque ligne est lue comme un fichier seul (:func:`contentieux.lecture.analyser_texte`) :
    mêmes refus (clés en double, imbrication trop profonde, entier démesuré, constantes
    ``NaN``…), chacun limité à sa ligne, qui devient un élément en erreur avec son motif ; les
    autres lignes du lot sont lues et produites. Une ligne de plus de ``limites.taille_fichier``
    caractères est refusée sans être gardée en mémoire.
    """
    limites = limites or LIMITES_PAR_DEFAUT
    for numero, (texte, trop_longue) in enumerate(
        _lignes_bornees(flux, limites.taille_fichier), start=1
    ):
        if not texte.strip():
            continue
        source = f"{nom}:{numero}"
        if trop_longue:
            yield ElementLot(
                numero,
                source,
                None,
                empreinte_donnees(f"{numero}:{texte}"),
                erreurs=(
                    f"(ligne) : ligne de plus de {limites.taille_fichier} caractères ; scindez "
                    "le dossier (ou relevez Limites.taille_fichier)",
                ),
            )
            continue
        try:
            donnees = analyser_texte(
                texte.rstrip("\r\n"), format="json", limites=limites, origine="(ligne)"
            )
        except DonneesInvalides as exc:
            yield ElementLot(
                numero,
                source,
                None,
                empreinte_donnees(texte),
                erreurs=(
                    exc.message.replace("JSON invalide ligne 1, colonne", "JSON invalide colonne")
                    + (
                        ""
                        if "JSON invalide" not in exc.message
                        else ", un dossier complet par ligne"
                    ),
                ),
            )
            continue
        yield valider_element(donnees, ligne=numero, source=source, limites=limites)


# --- CSV ----------------------------------------------------------------------------------------

_CHAMPS_PARTIE = (
    "type",
    "denomination",
    "forme_juridique",
    "siren",
    "siret",
    "rcs",
    "qualite",
    "civilite",
    "nom",
    "prenoms",
    "date_naissance",
    "lieu_naissance",
    "nationalite",
    "profession",
)
_CHAMPS_ADRESSE = ("adresse_ligne1", "adresse_ligne2", "code_postal", "ville")
_CHAMPS_REPRESENTANT = ("representant_nom", "representant_fonction")
_CHAMPS_CREANCE = ("creance", "nature", "origine", "description")
_CHAMPS_FACTURE = (
    "facture",
    "libelle",
    "date_emission",
    "date_echeance",
    "date_execution",
    "montant_ttc",
)
_CHAMPS_MISE_EN_DEMEURE = (
    "mise_en_demeure_envoi",
    "mise_en_demeure_reception",
    "mise_en_demeure_moyen",
    "mise_en_demeure_delai_jours",
)
COLONNES_CSV: tuple[str, ...] = (
    "dossier",
    *(
        f"{p}_{c}"
        for p in ("creancier", "debiteur")
        for c in (*_CHAMPS_PARTIE, *_CHAMPS_ADRESSE, *_CHAMPS_REPRESENTANT)
    ),
    *_CHAMPS_CREANCE,
    *_CHAMPS_FACTURE,
    *_CHAMPS_MISE_EN_DEMEURE,
)
"""Colonnes reconnues d'un CSV de lot (l'ordre est libre, seule ``dossier`` est obligatoire)."""

_COLONNES_FACTURE = frozenset(_CHAMPS_FACTURE)
_MONTANT_FRANCAIS = re.compile(r"^-?[\d\s\u202f\xa0]+,\d+$")


def _partie(ligne: dict[str, str], prefixe: str) -> dict[str, Any]:
    partie: dict[str, Any] = {}
    for champ in _CHAMPS_PARTIE:
        valeur = ligne.get(f"{prefixe}_{champ}")
        if valeur:
            partie[champ] = valeur
    partie.setdefault("type", "personne_morale")
    adresse = {
        cle: ligne[f"{prefixe}_{col}"]
        for cle, col in (
            ("ligne1", "adresse_ligne1"),
            ("ligne2", "adresse_ligne2"),
            ("code_postal", "code_postal"),
            ("ville", "ville"),
        )
        if ligne.get(f"{prefixe}_{col}")
    }
    if adresse:
        partie["siege" if partie["type"] == "personne_morale" else "adresse"] = adresse
    representant = {
        cle: ligne[f"{prefixe}_representant_{cle}"]
        for cle in ("nom", "fonction")
        if ligne.get(f"{prefixe}_representant_{cle}")
    }
    if representant:
        partie["representant"] = representant
    return partie


def _montant(texte: str) -> str:
    """« 1 234,56 » (écriture française) devient « 1234.56 » ; le reste passe tel quel."""
    if _MONTANT_FRANCAIS.match(texte):
        return re.sub(r"[\s\u202f\xa0]", "", texte).replace(",", ".")
    return texte


def _dossier_csv(lignes: list[tuple[int, dict[str, str]]]) -> tuple[dict[str, Any], list[str]]:
    """Construit les données d'un dossier depuis ses lignes CSV ; incohérences signalées."""
    premiere = lignes[0][1]
    incoherences = []
    communes = [c for c in COLONNES_CSV if c not in _COLONNES_FACTURE and c not in _CHAMPS_CREANCE]
    for numero, ligne in lignes[1:]:
        for colonne in communes:
            if ligne.get(colonne) and ligne.get(colonne) != premiere.get(colonne):
                incoherences.append(
                    f"ligne {numero}, colonne {colonne} : « {ligne[colonne]} » diffère de la "
                    f"première ligne du dossier (« {premiere.get(colonne) or ''} ») ; les colonnes "
                    "du dossier doivent être identiques sur toutes ses lignes (ou vides)"
                )
    creances: dict[str, dict[str, Any]] = {}
    for _numero, ligne in lignes:
        ref_creance = ligne.get("creance") or premiere["dossier"]
        creance = creances.setdefault(ref_creance, {"reference": ref_creance, "factures": []})
        for champ in ("nature", "origine", "description"):
            if ligne.get(champ) and champ not in creance:
                creance[champ] = ligne[champ]
        facture: dict[str, Any] = {}
        for colonne in _CHAMPS_FACTURE:
            valeur = ligne.get(colonne)
            if valeur:
                cle = "numero" if colonne == "facture" else colonne
                facture[cle] = _montant(valeur) if colonne == "montant_ttc" else valeur
        creance["factures"].append(facture)
    donnees: dict[str, Any] = {
        "reference": premiere["dossier"],
        "creancier": _partie(premiere, "creancier"),
        "debiteurs": [_partie(premiere, "debiteur")],
        "creances": list(creances.values()),
    }
    if premiere.get("mise_en_demeure_envoi"):
        mise: dict[str, Any] = {
            "type": "mise_en_demeure",
            "date_envoi": premiere["mise_en_demeure_envoi"],
            "moyen": premiere.get("mise_en_demeure_moyen") or "lettre_recommandee_ar",
        }
        if premiere.get("mise_en_demeure_reception"):
            mise["date_reception"] = premiere["mise_en_demeure_reception"]
        if premiere.get("mise_en_demeure_delai_jours"):
            mise["delai_jours"] = premiere["mise_en_demeure_delai_jours"]
        donnees["evenements"] = [mise]
    return donnees, incoherences


_CHEMIN_FACTURE = re.compile(r"^creances\[(\d+)\]\.factures\[(\d+)\]")


def _colonnes(entete: str, separateur: str) -> list[str]:
    cellules = next(csv.reader([entete], delimiter=separateur), [])
    return [c.strip().lstrip("\ufeff") for c in cellules]


def lire_csv(flux: TextIO, *, nom: str = "entrée") -> Iterator[ElementLot]:
    """Une facture par ligne, dossiers regroupés par la colonne ``dossier`` (lignes consécutives).

    Le séparateur (virgule, point-virgule ou tabulation) est reconnu sur la ligne d'en-tête. Une
    colonne inconnue arrête la lecture (``EntreeLotIllisible``) : mieux vaut corriger l'en-tête
    que perdre une colonne en silence.
    """
    entete = flux.readline()
    if not entete.strip():
        raise EntreeLotIllisible(
            f"{nom} : fichier CSV vide ; la première ligne doit être l'en-tête"
        )
    separateur = max((";", ",", "\t"), key=entete.count)
    colonnes = _colonnes(entete, separateur)
    inconnues = [c for c in colonnes if c not in COLONNES_CSV]
    if inconnues or "dossier" not in colonnes:
        detail = (
            f"colonne(s) inconnue(s) : {', '.join(inconnues)}"
            if inconnues
            else "colonne « dossier » absente"
        )
        raise EntreeLotIllisible(
            f"{nom}, ligne 1 : {detail} ; colonnes reconnues : {', '.join(COLONNES_CSV)} "
            "(voir docs/lots.md)"
        )
    lecteur = csv.reader(flux, delimiter=separateur)
    vues: dict[str, int] = {}
    groupe: list[tuple[int, dict[str, str]]] = []
    numero_fin = 1

    def emettre() -> ElementLot:
        return _element_csv(groupe, nom, vues)

    for cellules in lecteur:
        numero = numero_fin + 1
        numero_fin = lecteur.line_num + 1
        if not any(c.strip() for c in cellules):
            continue
        if len(cellules) != len(colonnes):
            if groupe:
                yield emettre()
                groupe = []
            yield ElementLot(
                numero,
                f"{nom}:{numero}",
                None,
                empreinte_donnees(cellules),
                erreurs=(
                    f"ligne {numero} : {len(cellules)} cellule(s) pour {len(colonnes)} "
                    f"colonne(s) ; vérifiez le séparateur « {separateur} » et les guillemets",
                ),
            )
            continue
        ligne = {c: v.strip() for c, v in zip(colonnes, cellules, strict=True)}
        if groupe and ligne["dossier"] != groupe[0][1]["dossier"]:
            yield emettre()
            groupe = []
        groupe.append((numero, ligne))
    if groupe:
        yield emettre()


def _element_csv(
    groupe: list[tuple[int, dict[str, str]]], nom: str, vues: dict[str, int]
) -> ElementLot:
    numero = groupe[0][0]
    reference = groupe[0][1]["dossier"] or None
    source = f"{nom}:{numero}"
    if reference is None:
        return ElementLot(
            numero,
            source,
            None,
            empreinte_donnees([ligne for _, ligne in groupe]),
            erreurs=(
                f"ligne {numero}, colonne dossier : référence du dossier vide ; renseignez-la",
            ),
        )
    donnees, incoherences = _dossier_csv(groupe)
    # ordre d'origine des lignes de chaque facture, pour situer les erreurs
    lignes_par_creance: dict[str, list[int]] = {}
    for n, ligne in groupe:
        lignes_par_creance.setdefault(ligne.get("creance") or reference, []).append(n)
    ordre = [n for c in donnees["creances"] for n in lignes_par_creance[c["reference"]]]
    empreinte = empreinte_donnees(donnees)
    if reference in vues:
        return ElementLot(
            numero,
            source,
            reference,
            empreinte,
            erreurs=(
                f"ligne {numero}, colonne dossier : le dossier {reference} a déjà des lignes plus "
                f"haut (ligne {vues[reference]}) ; regroupez toutes les lignes d'un même dossier "
                "les unes à la suite des autres (triez le fichier par la colonne dossier)",
            ),
            doublon=True,
        )
    vues[reference] = numero
    if incoherences:
        return ElementLot(numero, source, reference, empreinte, erreurs=tuple(incoherences))
    try:
        dossier = Dossier.model_validate(donnees)
    except ValidationError as exc:
        erreurs = []
        for erreur in traduire_erreurs(exc):
            m = _CHEMIN_FACTURE.match(erreur)
            if m:
                rang = sum(
                    len(c["factures"]) for c in donnees["creances"][: int(m.group(1))]
                ) + int(m.group(2))
                if rang < len(ordre):
                    erreur = f"ligne {ordre[rang]}, {erreur}"
            erreurs.append(erreur)
        return ElementLot(numero, source, reference, empreinte, erreurs=tuple(erreurs))
    return ElementLot(numero, source, reference, empreinte, dossier=dossier)


# --- dossier de fichiers ------------------------------------------------------------------------


def _est_fichier_dossier(chemin: Path) -> bool:
    """Fichier .yaml, .yml ou .json visible (les fichiers cachés, d'éditeurs ou de
    sauvegarde, « .nom.json », sont ignorés)."""
    return (
        chemin.suffix.lower() in SUFFIXES_DOSSIER
        and not chemin.name.startswith(".")
        and chemin.is_file()
    )


def lire_repertoire(repertoire: Path) -> Iterator[ElementLot]:
    """Un dossier par fichier ``.yaml``, ``.yml`` ou ``.json`` (fichiers cachés ignorés), par
    ordre alphabétique. Un lien symbolique qui mène hors du dossier n'est pas suivi : il devient
    un élément en erreur qui ne cite ni sa cible ni son contenu.

    Seuls les noms de fichiers sont gardés en mémoire (pas leur contenu).
    """
    fichiers = sorted(p.name for p in repertoire.iterdir() if _est_fichier_dossier(p))
    base = repertoire.resolve()
    for rang, nom_fichier in enumerate(fichiers, start=1):
        chemin = repertoire / nom_fichier
        if base not in chemin.resolve().parents:
            # un lien vers un fichier hors du dossier d'entrée (/etc/passwd…) n'est pas lu :
            # son contenu finirait dans les messages et le manifeste ; ni la cible ni le
            # contenu ne sont cités
            yield ElementLot(
                rang,
                nom_fichier,
                None,
                empreinte_donnees(nom_fichier),
                erreurs=(
                    f"{nom_fichier} : lien symbolique vers un fichier hors du dossier d'entrée, "
                    "non lu ; copiez le fichier dans le dossier du lot",
                ),
            )
            continue
        try:
            donnees = lire_donnees(chemin)
        except DonneesInvalides as exc:
            yield ElementLot(
                rang, nom_fichier, None, empreinte_donnees(nom_fichier), erreurs=(exc.message,)
            )
            continue
        yield valider_element(donnees, ligne=rang, source=nom_fichier)


# --- point d'entrée -----------------------------------------------------------------------------


def nature_entree(chemin: Path) -> str:
    """« jsonl », « csv » ou « repertoire » selon le chemin ; ``EntreeLotIllisible`` sinon."""
    if chemin.is_dir():
        return "repertoire"
    if not chemin.is_file():
        raise EntreeLotIllisible(
            f"entrée introuvable : {chemin} ; donnez un fichier .jsonl, .csv ou un dossier de "
            "fichiers .yaml/.json"
        )
    suffixe = chemin.suffix.lower()
    if suffixe in SUFFIXES_JSONL:
        return "jsonl"
    if suffixe == ".csv":
        return "csv"
    raise EntreeLotIllisible(
        f"{chemin} : extension « {suffixe} » non reconnue ; un lot se lit depuis un fichier "
        ".jsonl (un dossier JSON par ligne), .csv (une facture par ligne) ou un dossier"
    )


def lire_entree(chemin: str | Path) -> Iterator[ElementLot]:
    """Diffuse les dossiers d'une entrée de lot (JSON lines, CSV ou dossier de fichiers).

    Les références en double sont signalées (le second dossier est en erreur) ; seul l'ensemble
    des références déjà vues reste en mémoire.
    """
    entree = Path(chemin)
    nature = nature_entree(entree)
    vues: dict[str, str] = {}
    cles: set[str] = set()
    for element in _references_uniques(_lire(entree, nature), vues):
        cle = element.cle
        if cle in cles:
            # une référence littérale « ligne N » (ou « R (ligne N) ») qui rencontre la clé
            # d'une autre ligne : chaque dossier lu garde sa propre ligne au manifeste
            rang = 1
            cle = f"{element.cle} (ligne {element.ligne})"
            while cle in cles:
                rang += 1
                cle = f"{element.cle} (ligne {element.ligne}, {rang})"
            element = replace(element, cle_attribuee=cle)
        cles.add(cle)
        yield element


def _references_uniques(
    elements: Iterator[ElementLot], vues: dict[str, str]
) -> Iterator[ElementLot]:
    """Le second dossier d'une même référence est en erreur (doublon)."""
    for element in elements:
        if element.reference is None or element.doublon:
            yield element
            continue
        if element.reference in vues:
            yield ElementLot(
                element.ligne,
                element.source,
                element.reference,
                element.empreinte,
                erreurs=(
                    f"reference : le dossier {element.reference} figure déjà dans l'entrée "
                    f"({vues[element.reference]}) ; chaque dossier doit avoir une référence "
                    "unique",
                    *element.erreurs,
                ),
                doublon=True,
            )
            continue
        vues[element.reference] = element.source
        yield element


def _lire(entree: Path, nature: str) -> Iterator[ElementLot]:
    if nature == "repertoire":
        yield from lire_repertoire(entree)
        return
    try:
        with entree.open(encoding="utf-8", newline="") as flux:
            if nature == "jsonl":
                yield from lire_jsonl(flux, nom=entree.name)
            else:
                yield from lire_csv(flux, nom=entree.name)
    except UnicodeDecodeError:
        raise EntreeLotIllisible(
            f"{entree} : le fichier n'est pas encodé en UTF-8 ; enregistrez-le en UTF-8"
        ) from None


def compter_dossiers(chemin: str | Path) -> int:
    """Nombre de dossiers de l'entrée, lu en flux sans valider (pour la barre de progression)."""
    entree = Path(chemin)
    nature = nature_entree(entree)
    if nature == "repertoire":
        return sum(1 for p in entree.iterdir() if _est_fichier_dossier(p))
    with entree.open(encoding="utf-8", errors="replace", newline="") as flux:
        if nature == "jsonl":
            return sum(1 for texte in flux if texte.strip())
        entete = flux.readline()
        separateur = max((";", ",", "\t"), key=entete.count)
        colonnes = _colonnes(entete, separateur)
        if "dossier" not in colonnes:
            return 0
        rang = colonnes.index("dossier")
        total, precedente = 0, None
        for cellules in csv.reader(flux, delimiter=separateur):
            if not any(c.strip() for c in cellules):
                continue
            ref = cellules[rang].strip() if rang < len(cellules) else ""
            if ref != precedente or len(cellules) != len(colonnes):
                total += 1
            precedente = ref if len(cellules) == len(colonnes) else None
        return total
