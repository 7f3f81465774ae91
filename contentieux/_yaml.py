"""Lecture YAML exacte et bornée : nombres ``Decimal``, clés uniques, ni balise ni bombe d'alias.

``4.06`` lu par PyYAML deviendrait le flottant 4.0599999…; ici il devient ``Decimal("4.06")``.
Les entiers restent des ``int`` (exacts) ; les dates ISO restent des ``datetime.date``.

Un fichier de dossier ou de règles vient souvent d'ailleurs : la lecture refuse, avant toute
validation, ce qui ne peut être que piège ou erreur :

- une clé en double dans un même dictionnaire (PyYAML garderait la dernière en silence) ;
- une balise explicite autre que les types de données YAML de base (``!!python/…``, ``!!binary``,
  ``!!set``, ``!perso``…) : un dossier ne contient que des données ;
- plusieurs documents dans un même fichier (séparateur ``---``) ;
- une imbrication plus profonde que ``profondeur`` niveaux (défaut 64 ; un dossier en compte moins
  de dix) : jamais de ``RecursionError`` ;

Ces contrôles se font sur le flux d'événements de l'analyseur (non récursif), avant la
composition et la construction. L'analyseur est celui de libyaml quand PyYAML l'embarque (cas des
roues publiées), sinon celui de PyYAML en pur Python ; les contrôles sont les mêmes.
- des alias (``*ancre``) dont l'expansion dépasse ``expansion_alias`` nœuds (défaut 10 000) :
  une « bombe » de quelques kilo-octets ne devient pas des millions de créances.

>>> charger_yaml_exact("taux: 4.06")
{'taux': Decimal('4.06')}
>>> charger_yaml_exact("a: 1\\na: 2")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
contentieux._yaml.YamlRefuse: clé « a » en double ligne 2 (déjà présente ligne 1) ; ne gardez ...
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

PROFONDEUR_MAX: Final = 64
"""Imbrication maximale par défaut (dictionnaires et listes emboîtés)."""

EXPANSION_ALIAS_MAX: Final = 10_000
"""Nombre maximal par défaut de nœuds ajoutés par l'expansion des alias YAML."""

_BALISES_PERMISES: Final = frozenset(
    f"tag:yaml.org,2002:{nom}"
    for nom in ("null", "bool", "int", "float", "str", "seq", "map", "timestamp", "merge")
)


class YamlRefuse(ValueError):
    """Contenu YAML refusé avant construction (message français, ligne comprise)."""


def _ligne(noeud: Node) -> int:
    return int(noeud.start_mark.line) + 1


_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""Analyseur libyaml de PyYAML s'il est présent (quatre fois plus rapide), sinon pur Python : les
contrôles, faits sur le flux d'événements avant toute construction, sont les mêmes."""


def _ligne_evenement(evenement: Any) -> int:
    marque = evenement.start_mark
    return int(marque.line) + 1 if marque is not None else 0


def _verifier_evenements(texte: str, profondeur_max: int, expansion_max: int) -> None:
    """Un passage sur les événements YAML (analyse non récursive) : profondeur, alias, balises,
    documents multiples — avant que la composition, récursive, ne commence."""
    profondeur = 0
    expansion = 0
    documents = 0
    tailles: dict[str, int] = {}
    # pile de [taille accumulée, ancre] des collections ouvertes
    pile: list[list[Any]] = [[0, None]]
    try:
        for evenement in yaml.parse(texte, Loader=_Base):
            if isinstance(evenement, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlRefuse(
                        f"plusieurs documents YAML dans un même fichier (nouveau document ligne "
                        f"{_ligne_evenement(evenement)}, après un séparateur « --- » ou « ... ») ; "
                        "un fichier ne contient qu'un seul document : séparez-les en plusieurs "
                        "fichiers"
                    )
            elif isinstance(evenement, yaml.AliasEvent):
                taille = tailles.get(str(evenement.anchor))
                if taille is None:
                    if any(cadre[1] == evenement.anchor for cadre in pile):
                        raise YamlRefuse(
                            f"alias « *{evenement.anchor} » récursif ligne "
                            f"{_ligne_evenement(evenement)} : une ancre ne peut pas se contenir "
                            "elle-même ; recopiez les données au lieu d'un alias"
                        )
                    continue  # ancre inconnue : l'analyseur le signalera
                expansion += taille
                if expansion > expansion_max:
                    raise YamlRefuse(
                        f"alias YAML trop nombreux ou trop gros (ligne "
                        f"{_ligne_evenement(evenement)}) : leur expansion dépasse {expansion_max} "
                        "éléments ; recopiez les données plutôt que de les répéter par des alias "
                        "(*ancre)"
                    )
                pile[-1][0] += taille
            elif isinstance(evenement, yaml.ScalarEvent | yaml.CollectionStartEvent):
                _verifier_balise(evenement)
                if isinstance(evenement, yaml.ScalarEvent):
                    pile[-1][0] += 1
                    if evenement.anchor is not None:
                        tailles[evenement.anchor] = 1
                else:
                    profondeur += 1
                    if profondeur > profondeur_max:
                        raise YamlRefuse(
                            f"imbrication trop profonde ligne {_ligne_evenement(evenement)} : "
                            f"plus de {profondeur_max} niveaux de listes ou de dictionnaires "
                            "emboîtés ; un dossier en compte moins de dix, vérifiez la structure "
                            "du fichier"
                        )
                    pile.append([1, evenement.anchor])
            elif isinstance(evenement, yaml.CollectionEndEvent):
                profondeur -= 1
                taille, ancre = pile.pop()
                if ancre is not None:
                    tailles[ancre] = taille
                pile[-1][0] += taille

    except yaml.YAMLError as exc:
        if "maximum nesting depth" in str(getattr(exc, "problem", "")):
            raise YamlRefuse(
                f"imbrication trop profonde : plus de {profondeur_max} niveaux de listes ou de "
                "dictionnaires emboîtés ; un dossier en compte moins de dix, vérifiez la "
                "structure du fichier"
            ) from None
        raise

def _verifier_balise(evenement: Any) -> None:
    balise = evenement.tag
    if balise is None or balise == "!" or balise in _BALISES_PERMISES:
        return
    ligne = _ligne_evenement(evenement)
    balise = str(balise)
    if balise.startswith("tag:yaml.org,2002:python/"):
        nom = "!!" + balise.removeprefix("tag:yaml.org,2002:")
        raise YamlRefuse(
            f"balise « {nom} » refusée ligne {ligne} : un fichier de données ne peut pas "
            "créer d'objet Python ; retirez la balise et écrivez la valeur en clair"
        )
    if balise == "tag:yaml.org,2002:binary":
        raise YamlRefuse(
            f"balise « !!binary » refusée ligne {ligne} : un champ de texte attend du texte, "
            "pas des octets encodés en base64 ; écrivez le texte en clair"
        )
    nom = "!!" + balise.removeprefix("tag:yaml.org,2002:") if balise.startswith("tag:") else balise
    raise YamlRefuse(
        f"balise « {nom} » refusée ligne {ligne} : seuls textes, nombres, dates, listes et "
        "dictionnaires sont permis ; retirez la balise"
    )


class ChargeurExact(_Base):  # type: ignore[valid-type,misc]
    """``SafeLoader`` dont les nombres à virgule sont des ``Decimal`` exacts, et qui refuse les
    clés en double (avec leur ligne)."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        vues: dict[Any, int] = {}
        for noeud_cle, _ in node.value:
            if not isinstance(noeud_cle, ScalarNode) or noeud_cle.tag == "tag:yaml.org,2002:merge":
                continue
            cle = self.construct_object(noeud_cle)
            try:
                premiere = vues.get(cle)
            except TypeError:
                continue
            if premiere is not None:
                raise YamlRefuse(
                    f"clé « {cle} » en double ligne {_ligne(noeud_cle)} (déjà présente ligne "
                    f"{premiere}) ; ne gardez qu'une des deux"
                )
            vues[cle] = _ligne(noeud_cle)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


def _decimal(chargeur: yaml.SafeLoader, noeud: yaml.Node) -> Decimal:
    texte = str(chargeur.construct_scalar(noeud)).replace("_", "")  # type: ignore[arg-type]
    return Decimal(texte)


ChargeurExact.add_constructor("tag:yaml.org,2002:float", _decimal)


def charger_yaml_exact(
    texte: str, *, profondeur: int = PROFONDEUR_MAX, expansion_alias: int = EXPANSION_ALIAS_MAX
) -> Any:
    """Analyse un document YAML en gardant les nombres décimaux exacts.

    Lève ``YamlRefuse`` (contenu refusé, message français) ou ``yaml.YAMLError`` (syntaxe) ; les
    dates impossibles lèvent ``ValueError``, les nombres inexprimables ``ArithmeticError``.

    >>> charger_yaml_exact("taux: 4.06")
    {'taux': Decimal('4.06')}
    """
    _verifier_evenements(texte, profondeur, expansion_alias)
    chargeur = ChargeurExact(texte)
    try:
        return chargeur.get_single_data()
    finally:
        chargeur.dispose()


def message_yaml(exc: yaml.YAMLError) -> str:
    """Explication française d'une erreur de syntaxe YAML, avec sa position."""
    position = getattr(exc, "problem_mark", None)
    ou = f" ligne {position.line + 1}, colonne {position.column + 1}" if position else ""
    probleme = str(getattr(exc, "problem", "") or "")
    if "found character '\\t'" in probleme or "\\t" in probleme:
        conseil = "tabulation interdite en YAML : indentez avec des espaces"
    elif "could not find expected ':'" in probleme or "mapping values are not allowed" in probleme:
        conseil = "deux-points mal placé ou manquant : écrivez « clé: valeur », une par ligne"
    elif "found undefined alias" in probleme:
        conseil = "alias (*nom) sans ancre (&nom) correspondante"
    elif "unacceptable character" in probleme or "special characters are not allowed" in probleme:
        conseil = "caractère de contrôle interdit dans le fichier"
    elif "found unhashable key" in probleme:
        conseil = "une clé doit être un texte, pas une liste ni un dictionnaire"
    else:
        conseil = "corrigez l'indentation ou la syntaxe (deux-points, tirets, guillemets)"
    return f"YAML invalide{ou} : {conseil}"
