"""Convention d'erreurs (issue « Une maison par règle v2 ») : les points d'entrée publics lèvent
les erreurs de la bibliothèque (``ArgumentInvalide``…), jamais un ``ValueError``/``TypeError``
nu ; les erreurs portent des attributs typés, que la commande et le service lisent."""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import contentieux
from contentieux.cli.commun import code_sortie, decrire_erreur
from contentieux.erreurs import (
    ArgumentInvalide,
    DonneesInvalides,
    DureeInvalide,
    ErreurChamp,
    ErreurContentieux,
    ErreurUtilisation,
    RegleNonCouverte,
    ScenarioInvalide,
    ValeurManquante,
)

PAQUET = Path(contentieux.__file__).parent

VALIDATEURS_PYDANTIC = {"field_validator", "model_validator"}
"""Décorateurs dont pydantic exige un ``ValueError`` (il le traduit en ``ValidationError``)."""

ANNOTATIONS_PYDANTIC = {"BeforeValidator", "AfterValidator", "PlainValidator", "WrapValidator"}
"""Fonctions passées à ces annotations : validateurs pydantic, même exigence."""

EXCEPTIONS_JUSTIFIEES = {
    ("modeles/parties.py", "_pays_iso"): (
        "privée, appelée seulement par le validateur Adresse._pays (field_validator) : pydantic "
        "exige ValueError et la traduit en ValidationError"
    ),
    ("cli/signature.py", "_lire_visible"): (
        "ValueError levée et rattrapée à la ligne suivante (flux de contrôle interne) : "
        "l'utilisateur reçoit ErreurUtilisation (echouer) pour --visible"
    ),
}
"""Les seuls ``raise ValueError``/``TypeError`` admis hors des validateurs pydantic, chacun
avec sa raison."""


def _nom(noeud: ast.expr) -> str | None:
    if isinstance(noeud, ast.Call):
        noeud = noeud.func
    if isinstance(noeud, ast.Name):
        return noeud.id
    if isinstance(noeud, ast.Attribute):
        return noeud.attr
    return None


def _levees_dans(source: str, module: str) -> list[tuple[str, str, int]]:
    """(module, fonction englobante, ligne) de chaque ``raise ValueError/TypeError`` de
    ``source`` hors validateur pydantic (décoré, ou passé à une annotation ``…Validator``)."""
    arbre = ast.parse(source)
    annotees = {
        _nom(arg)
        for appel in ast.walk(arbre)
        if isinstance(appel, ast.Call) and _nom(appel.func) in ANNOTATIONS_PYDANTIC
        for arg in appel.args
    }
    trouvees = []

    def visiter(noeud: ast.AST, fonction: str, validateur: bool) -> None:
        for enfant in ast.iter_child_nodes(noeud):
            if isinstance(enfant, ast.FunctionDef | ast.AsyncFunctionDef):
                decorateurs = {_nom(d) for d in enfant.decorator_list}
                dans_validateur = (
                    validateur
                    or bool(decorateurs & VALIDATEURS_PYDANTIC)
                    or enfant.name in annotees
                )
                visiter(enfant, enfant.name, dans_validateur)
                continue
            if (
                isinstance(enfant, ast.Raise)
                and enfant.exc is not None
                and _nom(enfant.exc) in {"ValueError", "TypeError"}
                and not validateur
            ):
                trouvees.append((module, fonction, enfant.lineno))
            visiter(enfant, fonction, validateur)

    visiter(arbre, "<module>", False)
    return trouvees


def _levees_nues() -> list[tuple[str, str, int]]:
    trouvees = []
    for fichier in sorted(PAQUET.rglob("*.py")):
        module = fichier.relative_to(PAQUET).as_posix()
        trouvees += _levees_dans(fichier.read_text(encoding="utf-8"), module)
    return trouvees


def test_aucun_value_error_ni_type_error_nu_hors_validateurs_pydantic() -> None:
    levees = _levees_nues()
    interdites = [
        f"{module}:{ligne} ({fonction})"
        for module, fonction, ligne in levees
        if (module, fonction) not in EXCEPTIONS_JUSTIFIEES
    ]
    assert not interdites, (
        "ValueError/TypeError nus : levez ArgumentInvalide(message, champ=...) (ou une autre "
        f"erreur de contentieux.erreurs) : {interdites}"
    )
    # La liste d'exceptions reste exacte : chaque entrée correspond encore à une levée.
    assert {(m, f) for m, f, _ in levees} == set(EXCEPTIONS_JUSTIFIEES)


def test_le_parcours_distingue_validateurs_et_fonctions_publiques() -> None:
    source = """
from typing import Annotated
from pydantic import AfterValidator, field_validator

def publique(x):
    if x:
        raise ValueError("nu")
    raise TypeError

def _annotee(v):
    raise ValueError("validateur d'annotation")

Champ = Annotated[int, AfterValidator(_annotee)]

class M:
    @field_validator("x")
    @classmethod
    def _x(cls, v):
        def interne():
            raise ValueError("dans un validateur")
        raise ValueError("validateur")

    def methode(self):
        raise ArgumentInvalide("bien", champ="x")
"""
    assert _levees_dans(source, "m.py") == [("m.py", "publique", 7), ("m.py", "publique", 8)]


# --- points d'entrée publics : ArgumentInvalide et son champ -----------------------------------


def _appels() -> list[tuple[str, Callable[[], object], str]]:
    from contentieux.actes import Atelier
    from contentieux.exemples import dossier_exemple
    from contentieux.francais import montant_en_lettres, nombre_en_lettres
    from contentieux.interets import calculer_interets, etablir_decompte
    from contentieux.modeles import departement_depuis_code_postal
    from contentieux.modeles.recevabilite import OptionsRecevabilite
    from contentieux.pilotage import calculer_indicateurs, construire_grand_livre
    from contentieux.pilotage.agenda import etablir_agenda
    from contentieux.recevabilite import verifier_recevabilite

    au = dt.date(2026, 6, 30)
    b2b = dossier_exemple("b2b")
    mauvaise_date: Any = "2026-06-30"
    return [
        ("montant_en_lettres", lambda: montant_en_lettres(Decimal("1.234")), "montant"),
        ("nombre_en_lettres", lambda: nombre_en_lettres(-1), "nombre"),
        (
            "departement_depuis_code_postal",
            lambda: departement_depuis_code_postal("7500"),
            "code_postal",
        ),
        ("verifier_recevabilite/au", lambda: verifier_recevabilite(b2b, au=mauvaise_date), "au"),
        (
            "verifier_recevabilite/marge",
            lambda: verifier_recevabilite(
                b2b, au=au, options=OptionsRecevabilite(marge_prescription_jours=-1)
            ),
            "marge_prescription_jours",
        ),
        ("etablir_decompte", lambda: etablir_decompte(b2b, au=mauvaise_date), "au"),
        (
            "calculer_interets",
            lambda: calculer_interets(
                Decimal("100"),
                dt.date(2026, 1, 1),
                au,
                regime="penalite_b2b",  # type: ignore[arg-type]
            ),
            "regime",
        ),
        ("Atelier", lambda: Atelier(controle_pdf="acrobat"), "controle_pdf"),  # type: ignore[arg-type]
        (
            "calculer_indicateurs",
            lambda: calculer_indicateurs([b2b], construire_grand_livre([b2b]), au=au, jours=0),
            "jours",
        ),
        ("etablir_agenda", lambda: etablir_agenda([b2b], au=mauvaise_date), "au"),
    ]


APPELS = (
    "montant_en_lettres",
    "nombre_en_lettres",
    "departement_depuis_code_postal",
    "verifier_recevabilite/au",
    "verifier_recevabilite/marge",
    "etablir_decompte",
    "calculer_interets",
    "Atelier",
    "calculer_indicateurs",
    "etablir_agenda",
)


@pytest.mark.parametrize("nom", APPELS)
def test_point_d_entree_public_leve_argument_invalide_avec_son_champ(nom: str) -> None:
    appel, champ = {n: (a, c) for n, a, c in _appels()}[nom]
    with pytest.raises(ArgumentInvalide) as exc:
        appel()
    assert exc.value.champ == champ, nom
    assert champ.replace("_", " ") in exc.value.message.replace("_", " "), nom
    # Compatibilité : ce que levaient ces fonctions avant reste attrapable.
    assert isinstance(exc.value, ValueError) and isinstance(exc.value, TypeError)
    # La commande et le service le disent : code, champ, code de sortie d'utilisation (2).
    description = decrire_erreur(exc.value)
    assert description["code"] == "argument_invalide" and description["champ"] == champ
    assert description["sortie"] == 2


def test_le_parametrage_couvre_tous_les_appels() -> None:
    assert tuple(n for n, _, _ in _appels()) == APPELS


def test_generer_un_format_inconnu() -> None:
    from contentieux.actes import Atelier
    from contentieux.exemples import dossier_exemple

    with pytest.raises(ArgumentInvalide) as exc:
        Atelier().generer(
            "mise_en_demeure",
            dossier_exemple("b2b"),
            au=dt.date(2026, 6, 30),
            format="odt",  # type: ignore[arg-type]
        )
    assert exc.value.champ == "format" and exc.value.admis == ("pdf", "docx")


def test_duree_invalide_nomme_son_argument() -> None:
    from contentieux.delais import calculer_echeance

    with pytest.raises(DureeInvalide) as exc:
        calculer_echeance(dt.date(2026, 1, 1), jours=-3)
    assert (exc.value.champ, exc.value.valeur) == ("jours", -3)


def test_lire_dossier_traduit_la_validation_pydantic() -> None:
    """Frontière : les ValueError des validateurs pydantic deviennent ``DonneesInvalides``, une
    ``ErreurChamp`` par erreur (le code postal refusé par ``departement_depuis_code_postal``)."""
    from contentieux.exemples import dossier_exemple
    from contentieux.lecture import valider_dossier

    donnees = dossier_exemple("b2b").model_dump(mode="json")
    donnees["creancier"]["siege"]["code_postal"] = "98000"
    with pytest.raises(DonneesInvalides) as exc:
        valider_dossier(donnees)
    (erreur,) = exc.value.erreurs
    assert erreur.champ == "creancier.siege.code_postal"
    assert "Monaco" in erreur.message and not erreur.message.startswith("Value error")


# --- attributs typés lus par la commande et le service ------------------------------------------


def test_decrire_erreur_lit_les_attributs_sans_decouper_le_message() -> None:
    """Le champ vient de ``ErreurChamp.champ`` : un chemin qui contient « : » reste entier
    (découper « champ : message » le coupait)."""
    erreurs = (ErreurChamp("lignes[« a : b »]", "absent"), ErreurChamp("b", "invalide"))
    description = decrire_erreur(DonneesInvalides("2 erreurs", erreurs=erreurs))
    assert description == {
        "code": "donnees_invalides",
        "message": "2 erreurs",
        "champ": "lignes[« a : b »]",
        "erreurs": ["lignes[« a : b »] : absent", "b : invalide"],
        "sortie": 3,
    }
    # Un champ donné explicitement l'emporte sur celui de la première erreur.
    explicite = DonneesInvalides("x", champ="reference", erreurs=erreurs)
    assert decrire_erreur(explicite)["champ"] == "reference"
    scenario = ScenarioInvalide("s", erreurs=[ErreurChamp("etapes[0].jours", "négatif")])
    assert decrire_erreur(scenario)["erreurs"] == ["etapes[0].jours : négatif"]


def test_sortie_imposee_et_champ_d_une_erreur_d_utilisation() -> None:
    erreur = ErreurUtilisation("--sortie inaccessible", champ="--sortie", sortie=5)
    assert code_sortie(erreur) == 5
    assert decrire_erreur(erreur)["champ"] == "--sortie"
    assert code_sortie(ErreurUtilisation("option inconnue")) == 2


def test_manquantes_en_json_memes_cles() -> None:
    manquante = ValeurManquante(
        identifiant="interet_legal.autres",
        au="2026-07-01",
        semestre="2026-S2",
        periodicite="semestrielle",
        raison="non transcrit",
        commande="contentieux regles ajouter interet_legal --semestre 2026-S2",
    )
    erreur = RegleNonCouverte("manque", identifiant=manquante.identifiant, manquantes=[manquante])
    assert decrire_erreur(erreur)["manquantes"] == [
        {
            "identifiant": "interet_legal.autres",
            "au": "2026-07-01",
            "semestre": "2026-S2",
            "periodicite": "semestrielle",
            "raison": "non transcrit",
            "commande": "contentieux regles ajouter interet_legal --semestre 2026-S2",
        }
    ]
    precisee = erreur.precisee("autre", semestre_decompte="2026-S2")
    assert (precisee.message, precisee.identifiant, precisee.manquantes) == (
        "autre",
        "interet_legal.autres",
        (manquante,),
    )
    assert precisee.semestre_decompte == "2026-S2"


def test_plus_de_dictionnaire_details() -> None:
    """Les erreurs n'acceptent plus de mots-clés libres : chaque attribut est déclaré."""
    with pytest.raises(TypeError):
        ErreurContentieux("x", inconnu=1)  # type: ignore[call-arg]
    assert not hasattr(ErreurContentieux("x"), "details")


def test_attributs_gardes_d_un_processus_a_l_autre() -> None:
    """Les lots envoient les erreurs d'un worker au parent (pickle) : les attributs suivent."""
    import pickle

    erreur = DonneesInvalides("m", champ="reference", erreurs=[ErreurChamp("a", "b")])
    relue = pickle.loads(pickle.dumps(erreur))
    assert (relue.message, relue.champ, relue.erreurs) == ("m", "reference", erreur.erreurs)
    utilisation = pickle.loads(pickle.dumps(ErreurUtilisation("m", champ="--sortie", sortie=5)))
    assert (utilisation.champ, utilisation.sortie) == ("--sortie", 5)
