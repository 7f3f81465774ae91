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
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

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


class ChargeurExact(yaml.SafeLoader):
    """``SafeLoader`` dont les nombres à virgule sont des ``Decimal`` exacts, et qui refuse clés
    en double, balises exotiques, imbrication excessive et alias démesurés."""

    def __init__(
        self,
        flux: str,
        *,
        profondeur: int = PROFONDEUR_MAX,
        expansion_alias: int = EXPANSION_ALIAS_MAX,
    ) -> None:
        super().__init__(flux)
        self._profondeur_max = profondeur
        self._expansion_max = expansion_alias
        self._profondeur = 0
        self._expansion = 0
        self._tailles: dict[int, int] = {}

    # --- composition : profondeur, alias, balises -------------------------------------------

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            evenement = self.peek_event()  # type: ignore[no-untyped-call]
            noeud = self.anchors.get(evenement.anchor)
            if noeud is not None:
                taille = self._tailles.get(id(noeud))
                if taille is None:
                    raise YamlRefuse(
                        f"alias « *{evenement.anchor} » récursif ligne "
                        f"{evenement.start_mark.line + 1} : une ancre ne peut pas se contenir "
                        "elle-même ; recopiez les données au lieu d'un alias"
                    )
                self._expansion += taille
                if self._expansion > self._expansion_max:
                    raise YamlRefuse(
                        f"alias YAML trop nombreux ou trop gros (ligne "
                        f"{evenement.start_mark.line + 1}) : leur expansion dépasse "
                        f"{self._expansion_max} éléments ; recopiez les données plutôt que de "
                        "les répéter par des alias (*ancre)"
                    )
            return super().compose_node(parent, index)
        self._profondeur += 1
        if self._profondeur > self._profondeur_max:
            marque = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise YamlRefuse(
                f"imbrication trop profonde ligne {marque.line + 1} : plus de "
                f"{self._profondeur_max} niveaux de listes ou de dictionnaires emboîtés ; un "
                "dossier en compte moins de dix, vérifiez la structure du fichier"
            )
        try:
            noeud = super().compose_node(parent, index)
        finally:
            self._profondeur -= 1
        if noeud is not None:
            self._verifier_balise(noeud)
            self._tailles[id(noeud)] = _taille(noeud, self._tailles)
        return noeud

    def _verifier_balise(self, noeud: Node) -> None:
        balise = str(noeud.tag)
        if balise in _BALISES_PERMISES:
            return
        ligne = _ligne(noeud)
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
        nom = "!!" + balise.removeprefix("tag:yaml.org,2002:") if balise.startswith("tag:") else (
            balise
        )
        raise YamlRefuse(
            f"balise « {nom} » refusée ligne {ligne} : seuls textes, nombres, dates, listes et "
            "dictionnaires sont permis ; retirez la balise"
        )

    def get_single_node(self) -> Node | None:
        self.get_event()  # type: ignore[no-untyped-call]
        noeud = None
        if not self.check_event(yaml.StreamEndEvent):
            noeud = self.compose_document()
        if not self.check_event(yaml.StreamEndEvent):
            evenement = self.get_event()  # type: ignore[no-untyped-call]
            raise YamlRefuse(
                f"plusieurs documents YAML dans un même fichier (nouveau document ligne "
                f"{evenement.start_mark.line + 1}, après un séparateur « --- » ou « ... ») ; "
                "un fichier ne contient qu'un seul document : séparez-les en plusieurs fichiers"
            )
        self.get_event()  # type: ignore[no-untyped-call]
        return noeud

    # --- construction : clés en double --------------------------------------------------------

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
        return super().construct_mapping(node, deep=deep)


def _taille(noeud: Node, tailles: dict[int, int]) -> int:
    """Nombre de nœuds de l'arbre déployé (les enfants sont déjà mesurés)."""
    if isinstance(noeud, SequenceNode):
        return 1 + sum(tailles.get(id(n), 1) for n in noeud.value)
    if isinstance(noeud, MappingNode):
        return 1 + sum(tailles.get(id(k), 1) + tailles.get(id(v), 1) for k, v in noeud.value)
    return 1


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
    chargeur = ChargeurExact(texte, profondeur=profondeur, expansion_alias=expansion_alias)
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
