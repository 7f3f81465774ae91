"""Frontière d'entrée : lire un dossier depuis un fichier YAML ou JSON, erreurs en français.

Les nombres sont lus exactement (``Decimal`` depuis leur texte, jamais via ``float``). Une erreur
de validation devient ``DonneesInvalides`` dont chaque ligne dit quel champ, ce qui ne va pas et
comment corriger. L'API Python, elle, laisse passer ``pydantic.ValidationError`` telle quelle ;
``traduire_erreurs`` la rend lisible.
"""

from __future__ import annotations

import json
import os
import re
import stat
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import ValidationError

from contentieux._yaml import YamlRefuse, charger_yaml_exact, message_yaml
from contentieux.erreurs import DonneesInvalides, ErreurChamp, LimiteDepassee
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import Evenement
from contentieux.modeles.limites import LIMITES_PAR_DEFAUT, Limites
from contentieux.modeles.parties import Partie


def _etiquettes(union: Any) -> frozenset[str]:
    """Valeurs du champ ``type`` d'une union discriminée ``Annotated[A | B, Field(...)]``."""
    return frozenset(str(m.model_fields["type"].default) for m in get_args(get_args(union)[0]))


# pydantic insère l'étiquette de l'union discriminée dans le chemin : on la retire.
_ETIQUETTES = _etiquettes(Partie) | _etiquettes(Evenement)
_PREFIXE_CHAMP = re.compile(r"([a-z_][a-z0-9_]*(?:\[\d+\])*(?:\.[a-z_][a-z0-9_]*(?:\[\d+\])*)*) : ")

_MESSAGES: dict[str, str] = {
    "missing": "champ obligatoire absent : ajoutez-le",
    "extra_forbidden": "champ inconnu : supprimez-le ou corrigez son orthographe",
    "decimal_parsing": 'nombre attendu, par exemple "1234.56"',
    "decimal_type": 'nombre attendu, par exemple "1234.56"',
    "finite_number": 'nombre fini attendu, par exemple "1234.56"',
    "decimal_max_places": "au plus {decimal_places} décimales (montants au centime)",
    "date_parsing": "date attendue au format AAAA-MM-JJ, par exemple 2026-01-31",
    "date_from_datetime_parsing": "date attendue au format AAAA-MM-JJ, par exemple 2026-01-31",
    "date_type": "date attendue au format AAAA-MM-JJ, par exemple 2026-01-31",
    "date_from_datetime_inexact": "date sans heure attendue (AAAA-MM-JJ)",
    "string_type": 'texte attendu : mettez la valeur entre guillemets, par exemple "75008"',
    "string_too_short": "texte vide : renseignez une valeur",
    "bool_type": "vrai ou faux attendu (true / false)",
    "bool_parsing": "vrai ou faux attendu (true / false)",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "greater_than": "doit être strictement supérieur à {gt}",
    "greater_than_equal": "doit être supérieur ou égal à {ge}",
    "less_than_equal": "doit être inférieur ou égal à {le}",
    "too_short": "au moins {min_length} élément(s) attendu(s)",
    "tuple_type": "liste attendue",
    "list_type": "liste attendue",
    "model_type": "objet (dictionnaire de champs) attendu",
    "model_attributes_type": "objet (dictionnaire de champs) attendu",
    "dict_type": "objet (dictionnaire de champs) attendu",
    "union_tag_not_found": (
        "champ « type » absent : indiquez-le (« personne_morale » ou « personne_physique » pour "
        "une partie ; « paiement », « mise_en_demeure »… pour un événement)"
    ),
    "union_tag_invalid": "« type » inconnu ({tag}) : valeurs possibles {expected_tags}",
    "literal_error": "valeur non permise : valeurs possibles {expected}",
    "enum": "valeur non permise : valeurs possibles {expected}",
}


def _chemin(loc: tuple[int | str, ...]) -> str:
    texte = ""
    for i, partie in enumerate(loc):
        if isinstance(partie, int):
            texte += f"[{partie}]"
        elif (i > 0 and partie in _ETIQUETTES) or "[" in str(partie):
            continue  # étiquettes internes des unions discriminées
        else:
            texte += f".{partie}" if texte else str(partie)
    return texte or "(racine)"


def _message(erreur: Any) -> str:
    type_ = erreur["type"]
    if type_ == "value_error":
        message = str(erreur["msg"]).removeprefix("Value error, ")
        return message
    modele = _MESSAGES.get(type_)
    if modele is None:
        return f"valeur invalide ({erreur['msg']})"
    # pydantic énumère les valeurs possibles en anglais (« 'a' or 'b' »).
    contexte = {
        k: v.replace("' or '", "' ou '") if isinstance(v, str) else v
        for k, v in (erreur.get("ctx") or {}).items()
    }
    try:
        return modele.format(**contexte)
    except (KeyError, IndexError):
        return modele.split(":")[0]


def traduire_erreurs(exc: ValidationError) -> list[str]:
    """Une ligne française par erreur : « champ : ce qui ne va pas et comment corriger »."""
    return [str(e) for e in erreurs_de_saisie(exc)]


def erreurs_de_saisie(exc: ValidationError) -> list[ErreurChamp]:
    """Une :class:`ErreurChamp` par erreur : le champ, ce qui ne va pas et comment corriger."""
    erreurs = exc.errors(include_url=False)
    lignes: list[ErreurChamp] = []
    for erreur in erreurs:
        loc = tuple(erreur["loc"])
        # pydantic signale aussi « liste trop courte » quand un élément est invalide : bruit.
        if erreur["type"] == "too_short" and any(
            len(e["loc"]) > len(loc) and tuple(e["loc"][: len(loc)]) == loc for e in erreurs
        ):
            continue
        chemin, message = _chemin(loc), _message(erreur)
        # « champ : explication » venu d'un validateur de modèle : le champ rejoint le chemin
        # (sauf s'il y est déjà : validateur du champ lui-même).
        prefixe = _PREFIXE_CHAMP.match(message) if erreur["type"] == "value_error" else None
        if prefixe:
            champ = prefixe.group(1)
            if chemin == "(racine)":
                chemin = champ
            elif not (chemin == champ or chemin.endswith(f".{champ}")):
                chemin = f"{chemin}.{champ}"
            message = message[prefixe.end() :]
        lignes.append(ErreurChamp(chemin, message))
    return lignes


def valider_dossier(
    donnees: Any, *, origine: str = "dossier", limites: Limites | None = None
) -> Dossier:
    """Valide des données déjà lues ; lève ``DonneesInvalides`` avec des messages français.

    ``limites`` : bornes de taille (``Limites``) ; par défaut ``LIMITES_PAR_DEFAUT``.
    """
    try:
        return Dossier.model_validate(donnees, context={"limites": limites or LIMITES_PAR_DEFAUT})
    except ValidationError as exc:
        raise erreur_de_saisie(exc, origine) from None


def message_de_saisie(origine: str, erreurs: list[ErreurChamp], quoi: str) -> str:
    """« origine : N quoi », puis une ligne « champ : ce qui ne va pas » par erreur."""
    return f"{origine} : {len(erreurs)} {quoi}\n  - " + "\n  - ".join(str(e) for e in erreurs)


def erreur_de_saisie(exc: ValidationError, origine: str) -> DonneesInvalides:
    """La ``DonneesInvalides`` d'une validation refusée : « origine : N erreur(s) de saisie »,
    puis une ligne « champ : ce qui ne va pas » par erreur, aussi dans ``erreurs``."""
    erreurs = erreurs_de_saisie(exc)
    return DonneesInvalides(
        message_de_saisie(origine, erreurs, "erreur(s) de saisie"), erreurs=erreurs
    )


def _refuser_chemin_impossible(fichier: Path) -> None:
    """Un chemin qu'aucun système de fichiers ne peut nommer (caractère nul, demi-codet UTF-16
    isolé comme U+D800, venus d'un ERP ou d'un service) est refusé en français ; sans cela
    ``os.stat`` lèverait ``ValueError`` ou ``UnicodeEncodeError``. Le chemin est cité avec ses
    caractères impossibles écrits comme leur code."""
    texte = str(fichier)
    fautifs = [c for c in texte if c == "\x00" or "\ud800" <= c <= "\udfff"]
    if not fautifs:
        return
    # Sous POSIX, un octet non UTF-8 d'un nom de fichier se lit U+DC80 à U+DCFF
    # (« surrogateescape ») : ce chemin-là existe et s'encode ; seul le reste est impossible.
    try:
        os.fsencode(texte)
        if "\x00" not in texte:
            return
    except UnicodeEncodeError:
        pass
    visible = "".join(
        f"\\u{ord(c):04x}" if c == "\x00" or "\ud800" <= c <= "\udfff" else c for c in texte
    )
    quoi = (
        "un caractère nul (U+0000)"
        if "\x00" in texte
        else f"un caractère non encodable (U+{ord(fautifs[0]):04X}, demi-codet UTF-16 isolé)"
    )
    raise DonneesInvalides(
        f"chemin de fichier impossible : {visible} contient {quoi} ; donnez le chemin d'un "
        "fichier .yaml, .yml ou .json existant"
    )


def _lire_octets(fichier: Path, limites: Limites) -> bytes:
    """Octets d'un fichier **ordinaire** (ni dossier, ni tube, ni périphérique), taille bornée.

    Un lien symbolique vers un fichier **hors de son propre dossier** (``dossier.yaml →
    /etc/passwd``) n'est pas lu : le contenu d'un fichier système finirait dans les messages
    (clés inconnues, valeurs refusées citées) ; ni la cible ni le contenu ne sont cités, le
    message demande le chemin du fichier lui-même (comme pour un lot lu depuis un dossier)."""
    _refuser_chemin_impossible(fichier)
    try:
        etat = fichier.stat()  # suit les liens symboliques : on juge la cible
    except FileNotFoundError:
        raise DonneesInvalides(
            f"fichier introuvable : {fichier} ; vérifiez le chemin (fichier .yaml, .yml ou .json)"
        ) from None
    except OSError as exc:
        raise DonneesInvalides(f"{fichier} : illisible ({exc.strerror or exc})") from None
    if stat.S_ISDIR(etat.st_mode):
        raise DonneesInvalides(
            f"{fichier} est un dossier, pas un fichier ; donnez le chemin d'un fichier de dossier "
            "(.yaml, .yml ou .json) qui s'y trouve"
        )
    if not stat.S_ISREG(etat.st_mode):
        raise DonneesInvalides(
            f"{fichier} n'est pas un fichier ordinaire (tube, périphérique ou socket) ; "
            "seuls les fichiers .yaml, .yml ou .json enregistrés sur disque sont lus"
        )
    if fichier.is_symlink():
        lien = fichier.absolute()
        if lien.parent not in lien.resolve().parents:
            raise DonneesInvalides(
                f"{fichier} : lien symbolique vers un fichier hors de son dossier, non lu ; "
                "donnez le chemin du fichier lui-même"
            )
    if etat.st_size > limites.taille_fichier:
        raise LimiteDepassee(
            f"{fichier} : fichier de {etat.st_size} octets, plus que la limite de "
            f"{limites.taille_fichier} ; scindez le dossier (ou relevez Limites.taille_fichier)",
            champ=None,
        )
    try:
        with fichier.open("rb") as flux:
            octets = flux.read(limites.taille_fichier + 1)
    except OSError as exc:
        raise DonneesInvalides(f"{fichier} : illisible ({exc.strerror or exc})") from None
    if len(octets) > limites.taille_fichier:
        raise LimiteDepassee(
            f"{fichier} : fichier de plus de {limites.taille_fichier} octets ; scindez le "
            "dossier (ou relevez Limites.taille_fichier)",
            champ=None,
        )
    return octets


def lire_donnees(chemin: str | Path, *, limites: Limites | None = None) -> Any:
    """Lit un fichier YAML ou JSON (nombres exacts) ; ``DonneesInvalides`` s'il est illisible.

    Refusés avant toute validation, avec un message qui dit ce qui ne va pas : fichier vide,
    dossier au lieu d'un fichier, fichier non ordinaire (tube, ``/dev/zero``), fichier trop gros,
    encodage autre que UTF-8, clés en double (YAML et JSON, avec la ligne), balises YAML
    (``!!python/…``, ``!!binary``), plusieurs documents YAML, imbrication trop profonde, alias
    YAML démesurés. Une marque d'ordre d'octets UTF-8 (BOM) en tête est acceptée.
    """
    limites = limites or LIMITES_PAR_DEFAUT
    fichier = Path(chemin)
    octets = _lire_octets(fichier, limites)
    try:
        texte = octets.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DonneesInvalides(
            f"{fichier} : le fichier n'est pas encodé en UTF-8 ; enregistrez-le en UTF-8"
        ) from None
    if not texte.strip():
        raise DonneesInvalides(
            f"{fichier} : le fichier est vide ; écrivez-y un dossier (voir « contentieux exemple »)"
        )
    donnees = analyser_texte(
        texte,
        format="json" if fichier.suffix.lower() == ".json" else "yaml",
        limites=limites,
        origine=str(fichier),
    )
    if donnees is None:
        raise DonneesInvalides(
            f"{fichier} : le fichier ne contient aucune donnée (seulement des commentaires) ; "
            "écrivez-y un dossier (voir « contentieux exemple »)"
        )
    return donnees


def lire_json(octets: bytes, *, origine: str = "corps", limites: Limites | None = None) -> Any:
    """Lit un document JSON reçu en mémoire (corps d'une requête HTTP) comme :func:`lire_donnees`
    lit un fichier : nombres exacts, clés en double et imbrication excessive refusées,
    ``DonneesInvalides`` en français (``origine`` nomme la source dans le message).

    >>> lire_json(b'{"montant": 1234.56}')
    {'montant': Decimal('1234.56')}
    >>> lire_json(b'{"montant": ')
    Traceback (most recent call last):
    ...
    contentieux.erreurs.DonneesInvalides: corps : JSON invalide ligne 1, colonne 13 ...
    """
    limites = limites or LIMITES_PAR_DEFAUT
    try:
        texte = octets.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DonneesInvalides(f"{origine} : le JSON n'est pas encodé en UTF-8") from None
    if not texte.strip():
        raise DonneesInvalides(f"{origine} : corps vide ; envoyez un document JSON")
    return analyser_texte(texte, format="json", limites=limites, origine=origine)


def analyser_texte(
    texte: str,
    *,
    format: str = "yaml",
    limites: Limites | None = None,
    origine: str = "dossier",
) -> Any:
    """Analyse un texte JSON (``format="json"``) ou YAML déjà décodé, avec les mêmes refus que
    :func:`lire_donnees` (clés en double, constantes JSON, imbrication, alias, balises, entiers
    démesurés) ; ``DonneesInvalides`` dont le message commence par ``origine``.

    C'est la seule analyse des entrées : un fichier seul, une ligne de lot JSON lines et un
    fichier d'un dossier de lot passent par elle. Linéaire en la taille du texte.

    >>> analyser_texte('{"a": 1, "a": 2}', format="json", origine="ligne 3")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    contentieux.erreurs.DonneesInvalides: ligne 3 : clé « a » en double dans un même objet JSON ...
    """
    limites = limites or LIMITES_PAR_DEFAUT
    try:
        if format == "json":
            return _lire_json(texte, limites)
        return charger_yaml_exact(
            texte, profondeur=limites.profondeur, expansion_alias=limites.expansion_alias
        )
    except YamlRefuse as exc:
        raise DonneesInvalides(f"{origine} : {exc}") from None
    except json.JSONDecodeError as exc:
        raise DonneesInvalides(
            f"{origine} : JSON invalide ligne {exc.lineno}, colonne {exc.colno} ({exc.msg}) ; "
            "corrigez la syntaxe (virgules, guillemets, accolades)"
        ) from None
    except yaml.YAMLError as exc:
        raise DonneesInvalides(f"{origine} : {message_yaml(exc)}") from None
    except RecursionError:
        raise DonneesInvalides(
            f"{origine} : imbrication trop profonde ; vérifiez la structure du fichier"
        ) from None
    except (ValueError, ArithmeticError) as exc:
        # PyYAML construit lui-même les dates (2025-13-01 lève ValueError) ; un nombre YAML
        # inexprimable en Decimal (.inf, 1:30.5) lève decimal.InvalidOperation ; un entier de
        # plus de 4 300 chiffres lève ValueError (limite de conversion de Python).
        raise DonneesInvalides(
            f"{origine} : valeur illisible ({_valeur_illisible(exc)}) ; vérifiez les dates "
            "(AAAA-MM-JJ, date existante) et les nombres (par exemple 1234.56)"
        ) from None


class _CleEnDouble(ValueError):
    def __init__(self, cle: str) -> None:
        super().__init__(cle)
        self.cle = cle


def _sans_doublon(paires: list[tuple[str, Any]]) -> dict[str, Any]:
    resultat: dict[str, Any] = {}
    for cle, valeur in paires:
        if cle in resultat:
            raise _CleEnDouble(cle)
        resultat[cle] = valeur
    return resultat


# Les seuls caractères qui comptent pour la profondeur : une paire « \\x » (échappement, sautée),
# un guillemet (entrée ou sortie de chaîne), un crochet ou une accolade. Chaque jeton fait un ou
# deux caractères et la recherche ne revient jamais en arrière : un seul passage, linéaire. (Avant,
# une expression « chaîne entière » était retentée depuis chaque guillemet d'une chaîne non
# terminée : « "\\"\\"\\"… » de 40 Ko prenait 149 s.)
_JETON_JSON = re.compile(r'\\.|["\[\]{}]', re.DOTALL)


def _profondeur_json(texte: str) -> tuple[int, int]:
    """Profondeur maximale d'imbrication d'un texte JSON, et la position où elle est atteinte.

    Linéaire en la taille du texte (un seul passage ; ce qui est dans une chaîne ne compte pas).

    >>> _profondeur_json('{"a": [1, "[[", {"b": []}]}')
    (4, 22)
    >>> _profondeur_json('"' + '\\\\"' * 5)  # chaîne non terminée : rien n'est compté
    (0, 0)
    """
    profondeur = maximum = position = 0
    dans_chaine = False
    for trouve in _JETON_JSON.finditer(texte):
        debut = trouve.start()
        caractere = texte[debut]
        if caractere == "\\":
            continue
        if caractere == '"':
            dans_chaine = not dans_chaine
        elif dans_chaine:
            continue
        elif caractere in "[{":
            profondeur += 1
            if profondeur > maximum:
                maximum, position = profondeur, debut
        else:
            profondeur -= 1
    return maximum, position


def _ligne_de(texte: str, position: int) -> int:
    return texte.count("\n", 0, position) + 1


def _lire_json(texte: str, limites: Limites) -> Any:
    profondeur, position = _profondeur_json(texte)
    if profondeur > limites.profondeur:
        raise YamlRefuse(
            f"imbrication trop profonde ligne {_ligne_de(texte, position)} : plus de "
            f"{limites.profondeur} niveaux de listes ou d'objets emboîtés ; un dossier en compte "
            "moins de dix, vérifiez la structure du fichier"
        )
    try:
        return json.loads(
            texte,
            parse_float=Decimal,
            parse_constant=_constante_refusee,
            object_pairs_hook=_sans_doublon,
        )
    except _CleEnDouble as exc:
        raise YamlRefuse(_message_doublon_json(texte, exc.cle)) from None


def _constante_refusee(constante: str) -> Any:
    raise YamlRefuse(
        f"constante JSON « {constante} » refusée : un nombre doit être fini, par exemple 1234.56"
    )


def _message_doublon_json(texte: str, cle: str) -> str:
    """Retrouve l'objet et les lignes de la clé en double (relecture lente, seulement en cas
    d'erreur : l'analyseur JSON rapide ne donne pas les positions)."""
    from json import decoder, scanner

    trouve: list[tuple[int, int]] = []

    def objet(s_et_fin: tuple[str, int], *arguments: Any) -> tuple[Any, int]:
        debut = s_et_fin[1] - 1
        cles: list[str] = []

        def garder(paires: list[tuple[str, Any]]) -> dict[str, Any]:
            cles.extend(c for c, _ in paires)
            return dict(paires)

        strict, scan_once, object_hook, _, *reste = arguments
        resultat, fin = decoder.JSONObject(  # type: ignore[attr-defined]
            s_et_fin, strict, scan_once, object_hook, garder, *reste
        )
        if not trouve and cles.count(cle) > 1:
            trouve.append((debut, fin))
        return resultat, fin

    lecteur = json.JSONDecoder(parse_float=Decimal, parse_constant=_constante_refusee)
    lecteur.parse_object = objet  # type: ignore[attr-defined]
    lecteur.scan_once = scanner.py_make_scanner(lecteur)  # type: ignore[attr-defined]
    lecteur.decode(texte)
    ou = ""
    if trouve:
        debut, fin = trouve[0]
        motif = re.compile(r'"' + re.escape(json.dumps(cle)[1:-1]) + r'"\s*:')
        lignes = [_ligne_de(texte, debut + m.start()) for m in motif.finditer(texte[debut:fin])]
        ou = f" lignes {', '.join(map(str, lignes[:10]))} (objet commençant ligne " + (
            f"{_ligne_de(texte, debut)})"
        )
    return (
        f"clé « {cle} » en double dans un même objet JSON{ou} ; ne gardez qu'une des deux "
        "(sinon la dernière écraserait la première en silence)"
    )


def _valeur_illisible(exc: Exception) -> str:
    texte = str(exc)
    if "month must be in" in texte:
        return "mois hors de 1 à 12"
    if "day is out of range" in texte:
        return "jour inexistant dans ce mois"
    if "integer string conversion" in texte:
        return "nombre entier de plus de 4 300 chiffres"
    if isinstance(exc, ArithmeticError):
        return "nombre non décimal"
    return "date ou nombre impossible"


def lire_dossier(chemin: str | Path, *, limites: Limites | None = None) -> Dossier:
    """Lit et valide un dossier depuis un fichier YAML ou JSON, dans les ``limites`` données.

    >>> from contentieux.exemples import chemin_exemple
    >>> lire_dossier(chemin_exemple("b2b")).reference
    'EX-B2B-2025-001'
    """
    return valider_dossier(
        lire_donnees(chemin, limites=limites), origine=str(chemin), limites=limites
    )
