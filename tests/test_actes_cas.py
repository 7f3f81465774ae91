"""Rejoue les scénarios d'actes de ``tests/cas/actes`` (écrits à la main par un juriste).

Chaque scénario construit un dossier (en ligne, ou un exemple embarqué modifié), produit l'acte
demandé à la date ``au`` en PDF **et** en DOCX, relit le texte des deux fichiers (pypdf,
python-docx) et vérifie les phrases attendues, les phrases interdites et les chiffres ; ou bien
il attend un refus (classe d'erreur et fragments du message). Le format est décrit dans
``tests/cas/actes/README.md``.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from contentieux import erreurs
from contentieux._yaml import charger_yaml_exact
from contentieux.actes import ACTES, Atelier
from contentieux.actes.manifeste import texte_docx, texte_pdf
from contentieux.exemples import chemin_exemple
from contentieux.lecture import lire_donnees, valider_dossier
from contentieux.modeles import Dossier

DOSSIER_CAS = Path(__file__).parent / "cas" / "actes"
CAS = sorted(DOSSIER_CAS.glob("*.yaml"))
CLES = {
    "titre",
    "commentaire",
    "exemple",
    "dossier",
    "modifications",
    "acte",
    "au",
    "parametres",
    "attendu",
    "erreur",
}
FORMATS = ("pdf", "docx")


def lire_cas(chemin: Path) -> dict[str, Any]:
    donnees = charger_yaml_exact(chemin.read_text(encoding="utf-8"))
    assert isinstance(donnees, dict), f"{chemin.name} : un scénario est un dictionnaire"
    inconnues = set(donnees) - CLES
    assert not inconnues, f"{chemin.name} : clés inconnues {sorted(inconnues)} (voir README.md)"
    return donnees


def normaliser(texte: str) -> str:
    """Texte comparable : NFKC (espaces insécables et fines → espace), apostrophe droite, tous
    les blancs (retours à la ligne du PDF compris) réduits à une espace."""
    texte = unicodedata.normalize("NFKC", texte).replace("’", "'")
    texte = texte.replace("\u00ad", "")  # césure conditionnelle
    return " ".join(texte.split())


def compacter(texte: str) -> str:
    """Sans aucun blanc : une phrase coupée en fin de ligne ou de cellule reste reconnue."""
    return "".join(normaliser(texte).split())


def sans_pied(compact: str, pied: str) -> str:
    """Le texte compacté sans le pied de page courant (« Réf. … Page 1 / 2 ») : le PDF le dessine
    au bas de chaque page, au milieu d'une phrase coupée par un saut de page."""
    return re.sub(re.escape(compacter(pied)) + r"Page\d+/\d+", "", compact)


def appliquer(donnees: Any, chemin: str, valeur: Any) -> None:
    """Remplace (ou ajoute, avec ``+`` pour une liste) la valeur à un chemin pointé :
    ``debiteurs.0.qualite``, ``creances.0.contrat_administratif``, ``evenements.+``."""
    morceaux = chemin.split(".")
    courant = donnees
    for morceau in morceaux[:-1]:
        courant = (
            courant[int(morceau)] if isinstance(courant, list) else courant.setdefault(morceau, {})
        )
    dernier = morceaux[-1]
    if isinstance(courant, list):
        if dernier == "+":
            courant.append(valeur)
        else:
            courant[int(dernier)] = valeur
    elif valeur is None:
        courant.pop(dernier, None)
    else:
        courant[dernier] = valeur


def construire_dossier(cas: dict[str, Any]) -> Dossier:
    """Le dossier du scénario : ``dossier`` en ligne, ou ``exemple`` embarqué, puis
    ``modifications`` appliquées dans l'ordre."""
    assert ("dossier" in cas) != ("exemple" in cas), "donnez « dossier » ou « exemple »"
    if "exemple" in cas:
        donnees = lire_donnees(chemin_exemple(cas["exemple"]))
    else:
        donnees = copy.deepcopy(cas["dossier"])
    for chemin, valeur in (cas.get("modifications") or {}).items():
        appliquer(donnees, chemin, valeur)
    return valider_dossier(donnees, origine="scénario")


@pytest.fixture(scope="module")
def atelier() -> Atelier:
    return Atelier()


def _produire(atelier: Atelier, cas: dict[str, Any], format_: str) -> tuple[str, Any]:
    dossier = construire_dossier(cas)
    au = cas["au"]
    assert isinstance(au, dt.date), "au : une date AAAA-MM-JJ"
    acte = atelier.generer(
        cas["acte"], dossier, au=au, format=format_, parametres=cas.get("parametres")
    )
    texte = texte_pdf(acte.contenu) if format_ == "pdf" else texte_docx(acte.contenu)
    return texte, acte


@pytest.mark.parametrize("format_", FORMATS)
@pytest.mark.parametrize("chemin", CAS, ids=[c.stem for c in CAS])
def test_cas(chemin: Path, format_: str, atelier: Atelier) -> None:
    cas = lire_cas(chemin)
    assert cas.get("titre"), "chaque scénario a un titre lisible"
    assert cas.get("acte") in ACTES, f"acte inconnu : {cas.get('acte')}"
    assert ("attendu" in cas) != ("erreur" in cas), "donnez « attendu » ou « erreur »"
    if "erreur" in cas:
        type_erreur = getattr(erreurs, cas["erreur"]["type"])
        with pytest.raises(type_erreur) as info:
            _produire(atelier, cas, format_)
        message = normaliser(str(info.value))
        contient = cas["erreur"].get("contient", [])
        for morceau in [contient] if isinstance(contient, str) else contient:
            assert normaliser(morceau) in message, f"« {morceau} » absent du refus : {message}"
        return
    texte, acte = _produire(atelier, cas, format_)
    plat, compact = normaliser(texte), sans_pied(compacter(texte), acte.contrat.contenu.pied)
    attendu = cas["attendu"]
    for phrase in attendu.get("contient", []):
        assert compacter(phrase) in compact, (
            f"{format_} : phrase attendue absente : « {phrase} »\n--- texte ---\n{plat}"
        )
    for phrase in attendu.get("pied", []):
        pied = compacter(acte.contrat.contenu.pied)
        assert compacter(phrase) in pied and pied in compacter(texte), (
            f"{format_} : « {phrase} » absent du pied de page imprimé"
        )
    for phrase in attendu.get("absent", []):
        assert compacter(phrase) not in compact, (
            f"{format_} : phrase interdite présente : « {phrase} »"
        )
    for nom, valeur in (attendu.get("chiffres") or {}).items():
        assert normaliser(acte.contrat.chiffres.get(nom, "")) == normaliser(str(valeur)), (
            f"chiffre « {nom} » : attendu {valeur}, contrat {acte.contrat.chiffres.get(nom)}"
        )
        assert compacter(str(valeur)) in compact, f"{format_} : chiffre {valeur} non imprimé"


def test_normalisation_des_espaces() -> None:
    """Une espace insécable ou fine (typographie française) vaut une espace ordinaire."""
    assert normaliser("5\u202f580,50\u00a0€ au\n30 juin") == "5 580,50 € au 30 juin"
    assert compacter("F2025-\n014") == "F2025-014"
    pied = "Réf. X — CPC 1407"
    assert sans_pied(compacter(f"somme\n{pied} Page 1 / 2\néchelonnée"), pied) == "sommeéchelonnée"


def test_modifications_d_un_exemple() -> None:
    """Un chemin pointé remplace une valeur ; ``+`` ajoute à une liste ; None retire une clé."""
    donnees: dict[str, Any] = {"a": [{"b": 1}], "c": 2}
    appliquer(donnees, "a.0.b", 3)
    appliquer(donnees, "a.+", {"b": 4})
    appliquer(donnees, "c", None)
    assert donnees == {"a": [{"b": 3}, {"b": 4}]}
