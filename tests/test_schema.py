"""Le schéma JSON d'un dossier, pour les développeurs d'ERP : valide, cohérent avec les exemples,
décrit en français."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from contentieux.exemples import dossier_exemple, noms_exemples
from contentieux.modeles import Dossier

SCHEMA = Dossier.model_json_schema()


def _validateur() -> Any:
    classe = jsonschema.validators.validator_for(SCHEMA, default=jsonschema.Draft202012Validator)
    classe.check_schema(SCHEMA)
    return classe(SCHEMA, format_checker=classe.FORMAT_CHECKER)


def _erreurs(donnees: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))} : {e.message}"
        for e in _validateur().iter_errors(donnees)
    ]


def _descriptions(noeud: Any, chemin: str = "#") -> Iterator[tuple[str, str]]:
    if isinstance(noeud, dict):
        for cle, valeur in noeud.items():
            if cle == "description" and isinstance(valeur, str):
                yield chemin, valeur
            else:
                yield from _descriptions(valeur, f"{chemin}/{cle}")
    elif isinstance(noeud, list):
        for i, valeur in enumerate(noeud):
            yield from _descriptions(valeur, f"{chemin}/{i}")


def test_le_schema_est_un_schema_json_valide() -> None:
    _validateur()  # check_schema lève si le schéma est mal formé
    assert SCHEMA["title"] == "Dossier"
    assert SCHEMA["type"] == "object"
    assert SCHEMA["additionalProperties"] is False
    assert {"reference", "creancier", "debiteurs", "creances"} <= set(SCHEMA["required"])
    # Toutes les références internes se résolvent.
    texte = json.dumps(SCHEMA)
    for ref in set(re.findall(r'"\$ref": "#/\$defs/([^"]+)"', texte)):
        assert ref in SCHEMA["$defs"], ref


def test_les_modeles_refusent_les_champs_inconnus_dans_le_schema() -> None:
    for nom, definition in SCHEMA["$defs"].items():
        if definition.get("type") == "object":
            assert definition.get("additionalProperties") is False, nom


@pytest.mark.parametrize("nom", noms_exemples())
def test_chaque_exemple_valide_contre_le_schema(nom: str) -> None:
    """Un exemple sérialisé en JSON (montants en texte) respecte le schéma publié."""
    donnees = json.loads(dossier_exemple(nom).model_dump_json())
    assert isinstance(donnees["creances"][0]["factures"][0]["montant_ttc"], str)
    assert _erreurs(donnees) == []


def test_le_schema_refuse_ce_que_les_modeles_refusent() -> None:
    base = json.loads(dossier_exemple("b2b").model_dump_json())

    def avec(modif: Any) -> list[str]:
        donnees = json.loads(json.dumps(base))
        modif(donnees)
        return _erreurs(donnees)

    facture = ("creances", 0, "factures", 0)

    def montant(valeur: Any) -> Any:
        def modif(d: Any) -> None:
            d[facture[0]][facture[1]][facture[2]][facture[3]]["montant_ttc"] = valeur

        return modif

    assert avec(montant("12.345"))  # trois décimales
    assert avec(montant(0))  # strictement positif
    assert avec(montant("douze"))
    assert not avec(montant("12.30"))
    assert avec(lambda d: d.update(commentaire="x"))  # champ inconnu
    assert avec(lambda d: d["creances"][0].update(devise="USD"))
    assert avec(lambda d: d["creancier"].update(type="societe"))
    assert avec(lambda d: d.update(debiteurs=[]))
    assert avec(lambda d: d["evenements"][0].update(type="virement"))


def test_les_montants_et_taux_ont_des_contraintes_standard() -> None:
    """Les bornes sont des mots-clés JSON Schema (exclusiveMinimum, maximum), pas des clés
    propres à pydantic (gt, le, decimal_places) qu'un validateur ignorerait."""
    defs = SCHEMA["$defs"]
    montant_ttc = defs["Facture"]["properties"]["montant_ttc"]
    assert not {"gt", "ge", "le", "decimal_places"} & set(montant_ttc)
    nombre, texte = montant_ttc["anyOf"]
    assert nombre == {"type": "number", "exclusiveMinimum": 0, "maximum": 10**15}
    assert texte["type"] == "string"
    assert re.fullmatch(texte["pattern"], "1234.56")
    assert not re.fullmatch(texte["pattern"], "1234.567")
    assert "description" in montant_ttc
    taux = json.dumps(defs["Creance"]["properties"]["taux_contractuel"])
    assert '"maximum": 100' in taux and '"minimum": 0' in taux
    assert '"gt"' not in json.dumps(SCHEMA) and '"decimal_places"' not in json.dumps(SCHEMA)


def test_chaque_modele_et_enumeration_a_une_description() -> None:
    sans = [nom for nom, d in SCHEMA["$defs"].items() if not d.get("description")]
    assert sans == []
    assert SCHEMA.get("description")


MOTS_ANGLAIS = re.compile(
    r"\b(the|and|should|must|input|value|amount|date of|rate|which|with|field)\b", re.I
)
MOTS_FRANCAIS = re.compile(
    r"\b(le|la|les|de|du|des|un|une|en|à|au|et|ou|par|pour|est|sans|si|sinon|contrat|"
    r"commande|facture|montant|taux|jours|civ|com|consom|art|CPC|CMF)\b|[éèêàçûô]",
    re.I,
)


def test_les_descriptions_sont_en_francais() -> None:
    descriptions = list(_descriptions(SCHEMA))
    assert len(descriptions) >= 40
    for chemin, texte in descriptions:
        # Les exemples de code (doctests) des docstrings ne sont pas de la prose.
        prose = texte.split(">>>")[0]
        assert not MOTS_ANGLAIS.search(prose), (chemin, prose)
        if len(prose.split()) >= 5:  # « SAS, SARL, SA, EURL… » : pas de phrase
            assert MOTS_FRANCAIS.search(prose), (chemin, prose)


def test_descriptions_utiles_aux_developpeurs() -> None:
    defs = SCHEMA["$defs"]
    assert "pourcent" in defs["Creance"]["properties"]["taux_contractuel"]["description"]
    assert "euro" in defs["Creance"]["properties"]["devise"]["description"]
    besoins = defs["PersonnePhysique"]["properties"]["agit_pour_besoins_professionnels"]
    assert "taux légal" in besoins["description"]
    # Les unions sont discriminées par « type » : un ERP sait quel objet construire.
    debiteurs = SCHEMA["properties"]["debiteurs"]["items"]
    assert debiteurs["discriminator"]["propertyName"] == "type"
    assert set(debiteurs["discriminator"]["mapping"]) == {"personne_physique", "personne_morale"}
