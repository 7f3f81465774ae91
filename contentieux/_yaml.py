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

Le document est construit en un seul passage sur le flux d'événements de l'analyseur, sans
composition récursive : mêmes valeurs que ``yaml.SafeLoader`` (clés de fusion ``<<`` comprises),
contrôles faits au fil de l'eau. L'analyseur est celui de libyaml quand PyYAML l'embarque (cas des
roues publiées), sinon celui de PyYAML en pur Python ; le résultat est le même.
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


_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""Analyseur libyaml de PyYAML s'il est présent (bien plus rapide), sinon pur Python : la
construction et les contrôles, faits sur le flux d'événements, sont les mêmes."""


def _ligne_evenement(evenement: Any) -> int:
    marque = evenement.start_mark
    return int(marque.line) + 1 if marque is not None else 0


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


def _decimal(chargeur: yaml.constructor.SafeConstructor, noeud: yaml.Node) -> Decimal:
    texte = str(chargeur.construct_scalar(noeud)).replace("_", "")  # type: ignore[arg-type]
    return Decimal(texte)


_STR: Final = "tag:yaml.org,2002:str"
_SEQ: Final = "tag:yaml.org,2002:seq"
_MAP: Final = "tag:yaml.org,2002:map"
_MERGE: Final = "tag:yaml.org,2002:merge"
_ABSENTE: Final = object()


class _Constructeur(yaml.constructor.SafeConstructor):
    """Constructeurs des scalaires de ``SafeLoader`` (entiers, dates, booléens, nul), les nombres à
    virgule en ``Decimal``."""


_Constructeur.add_constructor("tag:yaml.org,2002:float", _decimal)  # type: ignore[type-var]


class _Cadre:
    """Une collection en cours de construction."""

    __slots__ = ("ancre", "cle", "cles", "fusions", "ligne_cle", "taille", "valeur")

    def __init__(self, valeur: list[Any] | dict[Any, Any], ancre: str | None) -> None:
        self.valeur = valeur
        self.ancre = ancre
        self.taille = 1
        self.cle: Any = _ABSENTE
        self.ligne_cle = 0
        self.cles: dict[Any, int] = {}
        self.fusions: list[Any] = []


def _construire(texte: str, profondeur_max: int, expansion_max: int) -> Any:
    """Construit le document en un seul passage sur les événements de l'analyseur (non récursif),
    avec tous les contrôles : balises, profondeur, alias, documents multiples, clés en double.

    Même résultat que ``SafeLoader`` (clés de fusion ``<<`` comprises), nombres à virgule en
    ``Decimal`` ; jamais de composition récursive, ce qui rend la lecture rapide et bornée."""
    resolveur = yaml.resolver.Resolver()
    constructeur = _Constructeur()
    fonctions = _Constructeur.yaml_constructors
    ancres: dict[str, tuple[Any, int]] = {}
    pile: list[_Cadre] = []
    racine: Any = None
    documents = 0
    expansion = 0

    def deposer(valeur: Any, taille: int, evenement: Any, balise: str | None = None) -> None:
        nonlocal racine
        if not pile:
            racine = valeur
            return
        cadre = pile[-1]
        cadre.taille += taille
        if isinstance(cadre.valeur, list):
            cadre.valeur.append(valeur)
        elif cadre.cle is _ABSENTE:
            if balise == _MERGE:
                cadre.cle = _MERGE
                return
            try:
                hash(valeur)
            except TypeError:
                raise YamlRefuse(
                    f"clé invalide ligne {_ligne_evenement(evenement)} : une clé doit être un "
                    "texte, pas une liste ni un dictionnaire"
                ) from None
            premiere = cadre.cles.get(valeur)
            if premiere is not None:
                raise YamlRefuse(
                    f"clé « {valeur} » en double ligne {_ligne_evenement(evenement)} (déjà "
                    f"présente ligne {premiere}) ; ne gardez qu'une des deux"
                )
            cadre.cles[valeur] = _ligne_evenement(evenement)
            cadre.cle = valeur
        else:
            if cadre.cle is _MERGE:
                fusions = valeur if isinstance(valeur, list) else [valeur]
                if not all(isinstance(f, dict) for f in fusions):
                    raise YamlRefuse(
                        f"clé de fusion « << » ligne {_ligne_evenement(evenement)} : un "
                        "dictionnaire (ou une liste de dictionnaires) est attendu"
                    )
                cadre.fusions.extend(fusions)
            else:
                cadre.valeur[cadre.cle] = valeur
            cadre.cle = _ABSENTE

    try:
        for evenement in yaml.parse(texte, Loader=_Base):
            if isinstance(evenement, yaml.ScalarEvent):
                _verifier_balise(evenement)
                balise = evenement.tag
                if balise is None or balise == "!":
                    balise = (
                        _STR
                        if balise == "!"
                        else resolveur.resolve(  # type: ignore[no-untyped-call]
                            yaml.ScalarNode, evenement.value, evenement.implicit
                        )
                    )
                if balise == _STR or balise not in fonctions:
                    # « = » se résout en !!value, que SafeLoader ne sait pas construire : texte.
                    valeur: Any = evenement.value
                elif balise == _MERGE:
                    valeur = None
                else:
                    noeud = yaml.ScalarNode(
                        balise,
                        evenement.value,
                        evenement.start_mark,  # type: ignore[arg-type]
                        evenement.end_mark,  # type: ignore[arg-type]
                    )
                    valeur = fonctions[balise](constructeur, noeud)
                if evenement.anchor is not None:
                    ancres[evenement.anchor] = (valeur, 1)
                deposer(valeur, 1, evenement, balise)
            elif isinstance(evenement, yaml.AliasEvent):
                trouvee = ancres.get(str(evenement.anchor))
                if trouvee is None:
                    if any(cadre.ancre == evenement.anchor for cadre in pile):
                        raise YamlRefuse(
                            f"alias « *{evenement.anchor} » récursif ligne "
                            f"{_ligne_evenement(evenement)} : une ancre ne peut pas se contenir "
                            "elle-même ; recopiez les données au lieu d'un alias"
                        )
                    raise YamlRefuse(
                        f"alias « *{evenement.anchor} » sans ancre « &{evenement.anchor} » "
                        f"ligne {_ligne_evenement(evenement)} : définissez l'ancre avant l'alias"
                    )
                valeur, taille = trouvee
                expansion += taille
                if expansion > expansion_max:
                    raise YamlRefuse(
                        f"alias YAML trop nombreux ou trop gros (ligne "
                        f"{_ligne_evenement(evenement)}) : leur expansion dépasse "
                        f"{expansion_max} éléments ; recopiez les données plutôt que de les "
                        "répéter par des alias (*ancre)"
                    )
                deposer(valeur, taille, evenement)
            elif isinstance(evenement, yaml.CollectionStartEvent):
                _verifier_balise(evenement)
                if len(pile) >= profondeur_max:
                    raise YamlRefuse(
                        f"imbrication trop profonde ligne {_ligne_evenement(evenement)} : "
                        f"plus de {profondeur_max} niveaux de listes ou de dictionnaires "
                        "emboîtés ; un dossier en compte moins de dix, vérifiez la structure "
                        "du fichier"
                    )
                contenant: list[Any] | dict[Any, Any] = (
                    [] if isinstance(evenement, yaml.SequenceStartEvent) else {}
                )
                pile.append(_Cadre(contenant, evenement.anchor))
            elif isinstance(evenement, yaml.CollectionEndEvent):
                cadre = pile.pop()
                valeur = cadre.valeur
                if isinstance(valeur, dict) and cadre.fusions:
                    fusion: dict[Any, Any] = {}
                    for source in reversed(cadre.fusions):
                        fusion.update(source)
                    fusion.update(valeur)
                    valeur = fusion
                if cadre.ancre is not None:
                    ancres[cadre.ancre] = (valeur, cadre.taille)
                deposer(valeur, cadre.taille, evenement)
            elif isinstance(evenement, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlRefuse(
                        f"plusieurs documents YAML dans un même fichier (nouveau document ligne "
                        f"{_ligne_evenement(evenement)}, après un séparateur « --- » ou « ... ») "
                        "; un fichier ne contient qu'un seul document : séparez-les en "
                        "plusieurs fichiers"
                    )
    except yaml.YAMLError as exc:
        if "maximum nesting depth" in str(getattr(exc, "problem", "")):
            raise YamlRefuse(
                f"imbrication trop profonde : plus de {profondeur_max} niveaux de listes ou de "
                "dictionnaires emboîtés ; un dossier en compte moins de dix, vérifiez la "
                "structure du fichier"
            ) from None
        raise
    return racine


def charger_yaml_exact(
    texte: str, *, profondeur: int = PROFONDEUR_MAX, expansion_alias: int = EXPANSION_ALIAS_MAX
) -> Any:
    """Analyse un document YAML en gardant les nombres décimaux exacts.

    Lève ``YamlRefuse`` (contenu refusé, message français) ou ``yaml.YAMLError`` (syntaxe) ; les
    dates impossibles lèvent ``ValueError``, les nombres inexprimables ``ArithmeticError``.

    >>> charger_yaml_exact("taux: 4.06")
    {'taux': Decimal('4.06')}
    """
    return _construire(texte, profondeur, expansion_alias)


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
