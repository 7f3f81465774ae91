"""Tenir les taux à jour : état des paramètres datés, ajout d'une valeur, relevé BCE.

Rien n'est deviné : une date que les règles ne couvrent pas lève ``RegleNonCouverte``, dont le
message donne la commande qui ajoute la valeur. Les ajouts vont dans une **surcouche** (par défaut
le dossier personnel, ``dossier_surcouche_utilisateur()``), jamais dans le paquet ; ils sont
validés comme les règles du paquet avant d'être écrits, et chaque fichier est remplacé d'un coup
(écriture dans un fichier temporaire puis ``os.replace``).

- Taux de l'intérêt légal (CMF L313-2, D313-1-A) : un arrêté du ministre de l'économie, publié au
  Journal officiel fin juin et fin décembre, fixe les deux taux du semestre suivant. Il n'existe
  pas d'API ouverte : ``ajouter_interet_legal`` prend les deux taux et la référence de l'arrêté.
- Taux de la BCE (opérations principales de refinancement) : ``actualiser_bce`` relève la série
  ``FM.B.U2.EUR.4F.KR.MRR_FR.LEV`` du portail de données de la BCE (SDMX REST, CSV) ;
  ``ajouter_bce`` et ``verifier_bce_jusqu_au`` font la même chose à la main.

>>> import datetime as dt
>>> from contentieux.regles import charger_regles
>>> etat = {e.identifiant: e for e in etat_regles(charger_regles(), au=dt.date(2026, 9, 1))}
>>> etat["interet_legal.autres"].couvert, etat["interet_legal.autres"].couvert_jusqu_au
(False, datetime.date(2026, 6, 30))
>>> print(etat["interet_legal.autres"].commande)  # doctest: +ELLIPSIS
contentieux regles ajouter interet_legal --semestre 2026-S2 --particuliers TAUX --autres TAUX ...
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final

import yaml

from contentieux.ecriture import ecrire_atomique
from contentieux.erreurs import ArgumentInvalide, ErreurActualisation, RegleMalFormee
from contentieux.regles import (
    _IDENTIFIANT_BCE,
    FICHIER_SOURCES,
    Parametre,
    Regles,
    ValeurDatee,
    _charger,
    _lire,
    charger_regles,
    commande_ajout,
    comment_ajouter,
    debut_semestre,
    dossier_regles_paquet,
    dossier_surcouche_utilisateur,
    fin_semestre,
    semestre,
    surcouche_active,
)

SERIE_BCE: Final = "FM.B.U2.EUR.4F.KR.MRR_FR.LEV"
"""Série SDMX du taux fixe des opérations principales de refinancement de la BCE."""

URL_BCE: Final = "https://data-api.ecb.europa.eu/service/data/FM/B.U2.EUR.4F.KR.MRR_FR.LEV"
"""Point d'accès SDMX REST du portail de données de la BCE (sans clé)."""

PAGE_BCE: Final = "https://www.ecb.europa.eu/press/govcdec/mopo/html/index.fr.html"
"""Décisions de politique monétaire (communiqués de presse de la BCE)."""

PUBLICATION_INTERET_LEGAL: Final = (
    "arrêté du ministre de l'économie publié au Journal officiel fin juin (pour le second "
    "semestre) et fin décembre (pour le premier), sur https://www.legifrance.gouv.fr"
)


# --- état ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EtatParametre:
    """Où en est un paramètre daté : jusqu'où il est couvert, ce qui manque, comment l'ajouter."""

    identifiant: str
    libelle: str
    periodicite: str
    couvert_jusqu_au: dt.date | None
    """Dernier jour couvert ; ``None`` : sans terme (valeur permanente en vigueur)."""
    couvert: bool | None
    """La date demandée est-elle couverte ? (``None`` sans date demandée)"""
    manque: str | None = None
    """Ce qui manque pour la date demandée."""
    commande: str | None = None
    """La commande exacte qui ajoute ce qui manque."""
    publication: str | None = None
    """Où la valeur officielle est publiée."""
    surcouche: tuple[str, ...] = ()
    """Les valeurs de ce paramètre venues de la surcouche : date, valeur, référence, fichier."""


def _dernier_jour(parametre: Parametre) -> dt.date | None:
    derniere = parametre.valeurs[-1]
    if derniere.valeur is None:
        return derniere.du - dt.timedelta(days=1)
    if parametre.periodicite == "semestrielle":
        return fin_semestre(derniere.du)
    if parametre.periodicite == "evenementielle":
        return parametre.verifie_jusqu_au
    return None


def etat_regles(regles: Regles, *, au: dt.date | None = None) -> list[EtatParametre]:
    """L'état de chaque paramètre : dernier jour couvert ; au jour ``au``, ce qui manque et la
    commande qui l'ajoute. Sans ``au``, la commande qui prolonge chaque paramètre daté."""
    from contentieux.erreurs import RegleNonCouverte

    etats = []
    for identifiant in regles.identifiants():
        parametre = regles.parametre(identifiant)
        dernier = _dernier_jour(parametre)
        manque: str | None = None
        couvert: bool | None = None
        commande: str | None = None
        if au is not None:
            try:
                regles.valeur(identifiant, au=au)
                couvert = True
            except RegleNonCouverte as erreur:
                couvert = False
                manque = erreur.raison if erreur.raison is not None else str(erreur)
                commande = commande_ajout(regles, parametre, au)
        elif dernier is not None and parametre.periodicite != "permanente":
            commande = commande_ajout(regles, parametre, dernier + dt.timedelta(days=1))
        publication = None
        if identifiant.startswith("interet_legal.") and parametre.periodicite == "semestrielle":
            publication = PUBLICATION_INTERET_LEGAL
        elif identifiant == _IDENTIFIANT_BCE:
            publication = f"portail de données de la BCE (série {SERIE_BCE}) ; {PAGE_BCE}"
        de_la_surcouche = [
            f"{v.du.isoformat()} : {v.valeur} (référence {v.reference}, fichier "
            f"{regles.de_la_surcouche(v.fichier)})"
            for v in regles.valeurs_surcouche(identifiant)
        ]
        if regles.de_la_surcouche(parametre.fichier_verification) is not None:
            de_la_surcouche.append(
                f"vérifié jusqu'au {parametre.verifie_jusqu_au} (référence "
                f"{parametre.verifie_reference}, fichier {parametre.fichier_verification})"
            )
        etats.append(
            EtatParametre(
                surcouche=tuple(de_la_surcouche),
                identifiant=identifiant,
                libelle=parametre.libelle,
                periodicite=parametre.periodicite,
                couvert_jusqu_au=dernier,
                couvert=couvert,
                manque=manque,
                commande=commande,
                publication=publication,
            )
        )
    return etats


# --- écriture d'une surcouche -------------------------------------------------------------------


class _Ecrivain(yaml.SafeDumper):
    """YAML lisible : accents en clair, ``Decimal`` écrits comme publiés (« 2.15 »), sans ancre."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _decimal(ecrivain: yaml.SafeDumper, valeur: Decimal) -> yaml.Node:
    texte = format(valeur, "f")
    balise = "tag:yaml.org,2002:float" if "." in texte else "tag:yaml.org,2002:int"
    return ecrivain.represent_scalar(balise, texte)


_Ecrivain.add_representer(Decimal, _decimal)


def _vers_yaml(contenu: dict[str, Any]) -> str:
    return yaml.dump(contenu, Dumper=_Ecrivain, allow_unicode=True, sort_keys=False, width=100)


@dataclass(frozen=True, slots=True)
class Ajout:
    """Ce qu'un ajout a écrit : les fichiers, les valeurs datées, la vérification."""

    dossier: Path
    fichiers: tuple[Path, ...]
    valeurs: tuple[tuple[str, dt.date, Decimal], ...] = ()
    verifie_jusqu_au: dt.date | None = None
    notes: tuple[str, ...] = field(default=())


def dossier_cible(surcouche: str | Path | None = None) -> Path:
    """Le dossier de surcouche où écrire : ``--regles``, ``CONTENTIEUX_REGLES`` ou le dossier
    personnel (créé s'il n'existe pas). Jamais le dossier du paquet."""
    dossier, _ = surcouche_active(surcouche)
    dossier = (dossier or dossier_surcouche_utilisateur()).resolve()
    paquet = dossier_regles_paquet().resolve()
    if dossier == paquet or paquet in dossier.parents:
        raise RegleMalFormee(
            f"{dossier} est le dossier des règles du paquet : il n'est jamais modifié ; "
            "indiquez un dossier de surcouche (option --regles) ou laissez le dossier personnel"
        )
    return dossier


def _ecrire(
    dossier: Path,
    fichier: str,
    parametres: dict[str, dict[str, Any]],
    sources: dict[str, dict[str, Any]],
) -> tuple[Path, ...]:
    """Fusionne les ajouts dans la surcouche, puis la remplace (:func:`_remplacer`)."""
    chemin = dossier / fichier
    contenu = _lire(chemin) if chemin.exists() else {}
    for cle, ajout in parametres.items():
        existant = contenu.get(cle)
        if not isinstance(existant, dict):
            existant = {}
        valeurs = existant.get("valeurs")
        valeurs = dict(valeurs) if isinstance(valeurs, dict) else {}
        valeurs.update(ajout.pop("valeurs", {}))
        existant = {**existant, **ajout}
        if valeurs:
            existant["valeurs"] = dict(sorted(valeurs.items(), key=lambda kv: str(kv[0])))
        contenu[cle] = existant
    chemin_sources = dossier / FICHIER_SOURCES
    contenu_sources = _lire(chemin_sources) if chemin_sources.exists() else {}
    contenu_sources.update(sources)
    return _remplacer(dossier, {fichier: contenu, FICHIER_SOURCES: contenu_sources})


def _remplacer(dossier: Path, contenus: dict[str, dict[str, Any]]) -> tuple[Path, ...]:
    """Valide la surcouche modifiée sur une copie (comme les règles du paquet), puis remplace
    ses fichiers d'un coup ; un fichier au contenu vide est supprimé. Rien n'est écrit si la
    validation échoue."""
    dossier.mkdir(parents=True, exist_ok=True)
    nouveaux = {nom: _vers_yaml(contenu) for nom, contenu in contenus.items() if contenu}
    vides = [nom for nom, contenu in contenus.items() if not contenu]
    essai = Path(tempfile.mkdtemp(prefix=".essai-", dir=dossier.parent))
    try:
        for existant_ in dossier.glob("*.yaml"):
            if existant_.name not in vides:
                shutil.copy2(existant_, essai / existant_.name)
        for nom, texte in nouveaux.items():
            (essai / nom).write_text(texte, encoding="utf-8")
        try:
            _charger((dossier_regles_paquet(), essai), "essai")
        except RegleMalFormee as erreur:
            message = str(erreur).replace(str(essai), str(dossier))
            raise RegleMalFormee(f"modification refusée, surcouche inchangée : {message}") from None
    finally:
        shutil.rmtree(essai, ignore_errors=True)
    ecrits = []
    # Les sources d'abord : une référence résout toujours.
    for nom in sorted(nouveaux, key=lambda n: n != FICHIER_SOURCES):
        cible = dossier / nom
        ecrire_atomique(cible, nouveaux[nom].encode("utf-8"))
        ecrits.append(cible)
    for nom in vides:
        (dossier / nom).unlink(missing_ok=True)
        ecrits.append(dossier / nom)
    return tuple(ecrits)


def lire_taux(texte: str | Decimal, nom: str = "taux") -> Decimal:
    """Un taux saisi (« 2.15 », « 2,15 », « 2,15 % ») en ``Decimal`` exact."""
    if isinstance(texte, Decimal):
        valeur = texte
    else:
        propre = texte.strip().removesuffix("%").strip().replace(",", ".").replace(" ", "")
        try:
            valeur = Decimal(propre)
        except InvalidOperation:
            raise RegleMalFormee(
                f"{nom} « {texte} » illisible : écrivez un taux en pourcent, par exemple 2.15"
            ) from None
    if not valeur.is_finite() or not Decimal(0) <= valeur <= Decimal(100):
        raise RegleMalFormee(f"{nom} « {texte} » hors de 0 à 100 % : vérifiez la saisie")
    return valeur


def lire_semestre(texte: str) -> dt.date:
    """« 2026-S2 » → 2026-07-01 (premier jour du semestre)."""
    trouve = re.fullmatch(r"\s*(\d{4})-?S([12])\s*", texte, flags=re.IGNORECASE)
    if not trouve:
        raise RegleMalFormee(f"semestre « {texte} » illisible : écrivez AAAA-S1 ou AAAA-S2")
    return dt.date(int(trouve.group(1)), 1 if trouve.group(2) == "1" else 7, 1)


def _source(titre: str, url: str | None) -> dict[str, Any]:
    titre = titre.strip()
    if not titre:
        raise RegleMalFormee("référence vide : donnez le texte officiel (arrêté, communiqué)")
    source: dict[str, Any] = {"titre": titre}
    if url:
        if not re.fullmatch(r"https?://\S+", url.strip()):
            raise RegleMalFormee(f"adresse « {url} » invalide : elle commence par https://")
        source["url"] = url.strip()
    return source


def ajouter_interet_legal(
    semestre_: str | dt.date,
    *,
    particuliers: str | Decimal,
    autres: str | Decimal,
    reference: str,
    url: str | None = None,
    surcouche: str | Path | None = None,
) -> Ajout:
    """Ajoute les deux taux de l'intérêt légal d'un semestre (arrêté au JO) dans la surcouche."""
    debut = semestre_ if isinstance(semestre_, dt.date) else lire_semestre(semestre_)
    if debut != debut_semestre(debut):
        raise RegleMalFormee(f"{debut} n'est pas un début de semestre (1er janvier ou 1er juillet)")
    taux = {"particuliers": lire_taux(particuliers, "particuliers"), "autres": lire_taux(autres)}
    dossier = dossier_cible(surcouche)
    regles = charger_regles(dossier) if dossier.is_dir() else charger_regles()
    connues = {
        c: next(
            (v for v in regles.parametre(f"interet_legal.{c}").valeurs if v.du == debut), None
        )
        for c in taux
    }
    if all(connues[c] is not None and connues[c].valeur == taux[c] for c in taux):  # type: ignore[union-attr]
        return Ajout(
            dossier,
            (),
            notes=(
                f"{semestre(debut)} : ces taux sont déjà en vigueur à l'identique ("
                + _origine(regles, connues["autres"])  # type: ignore[arg-type]
                + ") : rien n'est écrit",
            ),
        )
    notes = tuple(
        f"interet_legal.{c} {semestre(debut)} : remplace la valeur {v.valeur} "
        f"({_origine(regles, v)})"
        for c, v in connues.items()
        if v is not None and v.valeur != taux[c]
    )
    cle = f"surcouche-interet-legal-{semestre(debut)}"
    fichiers = _ecrire(
        dossier,
        "interet_legal.yaml",
        {c: {"valeurs": {debut: {"valeur": v, "reference": cle}}} for c, v in taux.items()},
        {cle: {**_source(reference, url), "articles": "CMF L313-2 et D313-1-A"}},
    )
    return Ajout(
        dossier,
        fichiers,
        tuple((f"interet_legal.{c}", debut, v) for c, v in taux.items()),
        notes=notes,
    )


def _origine(regles: Regles, valeur: ValeurDatee) -> str:
    """« référence X, règles du paquet » ou « référence X, surcouche FICHIER »."""
    fichier = regles.de_la_surcouche(valeur.fichier)
    ou = f"surcouche {fichier}" if fichier is not None else "règles du paquet"
    return f"référence {valeur.reference}, {ou}"


def ajouter_bce(
    date: dt.date,
    *,
    taux: str | Decimal,
    reference: str,
    url: str | None = None,
    surcouche: str | Path | None = None,
) -> Ajout:
    """Ajoute une décision de la BCE (taux des opérations principales, en vigueur le ``date``)."""
    valeur = lire_taux(taux)
    dossier = dossier_cible(surcouche)
    avant = charger_regles(dossier) if dossier.is_dir() else charger_regles()
    en_vigueur = [v for v in avant.parametre(_IDENTIFIANT_BCE).valeurs if v.du <= date]
    if en_vigueur and en_vigueur[-1].valeur == valeur:
        precedente = en_vigueur[-1]
        depuis = "" if precedente.du == date else f" depuis le {precedente.du.isoformat()}"
        return Ajout(
            dossier,
            (),
            notes=(
                f"le taux de la BCE est déjà de {valeur} %{depuis} ({_origine(avant, precedente)})"
                " : rien n'est écrit ; pour confirmer qu'il n'a pas changé, contentieux regles "
                f"ajouter bce --verifie-jusqu-au {date.isoformat()} --reference …",
            ),
        )
    cle = f"surcouche-bce-{date.isoformat()}"
    fichiers = _ecrire(
        dossier,
        "bce.yaml",
        {"taux_refinancement": {"valeurs": {date: {"valeur": valeur, "reference": cle}}}},
        {cle: _source(reference, url)},
    )
    regles = charger_regles(dossier)
    verifie = regles.parametre(_IDENTIFIANT_BCE).verifie_jusqu_au
    notes: tuple[str, ...] = ()
    if verifie is not None and verifie < date:
        notes = (
            f"la valeur n'est utilisée qu'après vérification jusqu'à cette date (vérifiée "
            f"jusqu'au {verifie.isoformat()}) : contentieux regles ajouter bce "
            f"--verifie-jusqu-au {date.isoformat()} --reference …",
        )
    return Ajout(dossier, fichiers, ((_IDENTIFIANT_BCE, date, valeur),), notes=notes)


def verifier_bce_jusqu_au(
    date: dt.date,
    *,
    reference: str,
    url: str | None = None,
    surcouche: str | Path | None = None,
) -> Ajout:
    """Déclare le taux BCE vérifié (aucune décision nouvelle) jusqu'au ``date`` compris."""
    dossier = dossier_cible(surcouche)
    avant = charger_regles(dossier) if dossier.is_dir() else charger_regles()
    deja = avant.parametre(_IDENTIFIANT_BCE).verifie_jusqu_au
    if deja is not None and deja >= date:
        return Ajout(
            dossier,
            (),
            notes=(
                f"le taux de la BCE est déjà vérifié jusqu'au {deja.isoformat()} : rien n'est "
                "écrit",
            ),
        )
    cle = f"surcouche-bce-verifie-{date.isoformat()}"
    fichiers = _ecrire(
        dossier,
        "bce.yaml",
        {"taux_refinancement": {"verifie_jusqu_au": date, "verifie_reference": cle}},
        {cle: _source(reference, url)},
    )
    return Ajout(dossier, fichiers, verifie_jusqu_au=date)


# --- retrait d'une valeur de la surcouche ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Retrait:
    """Ce qu'un retrait a ôté de la surcouche, et les fichiers réécrits (ou supprimés)."""

    dossier: Path
    retires: tuple[str, ...]
    fichiers: tuple[Path, ...]


def _meme_date(cle: object, date: dt.date) -> bool:
    return str(cle) == date.isoformat()


def _retirer(
    dossier: Path,
    fichier: str,
    cles: tuple[str, ...],
    date: dt.date | None,
    verification: bool,
    quoi: str,
) -> Retrait:
    """Ôte de ``fichier`` les valeurs datées ``date`` des ``cles`` (et la vérification si
    ``verification``), puis les sources que plus rien ne cite ; valide et remplace."""
    chemin = dossier / fichier
    contenu = _lire(chemin) if chemin.exists() else {}
    retires: list[str] = []
    references: set[str] = set()
    for cle in cles:
        definition = contenu.get(cle)
        if not isinstance(definition, dict):
            continue
        definition = dict(definition)
        valeurs = definition.get("valeurs")
        if date is not None and isinstance(valeurs, dict):
            for jour in [j for j in valeurs if _meme_date(j, date)]:
                ligne = valeurs[jour]
                if isinstance(ligne, dict) and isinstance(ligne.get("reference"), str):
                    references.add(ligne["reference"])
                valeurs = {j: v for j, v in valeurs.items() if j != jour}
                retires.append(f"{fichier.removesuffix('.yaml')}.{cle} du {date.isoformat()}")
            if valeurs:
                definition["valeurs"] = valeurs
            else:
                definition.pop("valeurs", None)
        if verification and "verifie_jusqu_au" in definition:
            reference = definition.pop("verifie_reference", None)
            if isinstance(reference, str):
                references.add(reference)
            retires.append(
                f"{fichier.removesuffix('.yaml')}.{cle} vérifié jusqu'au "
                f"{definition.pop('verifie_jusqu_au')}"
            )
        if definition:
            contenu[cle] = definition
        else:
            del contenu[cle]
    if not retires:
        raise ArgumentInvalide(
            f"{quoi} : aucune valeur de ce genre dans la surcouche {dossier} ; seules les valeurs "
            "de la surcouche se retirent (les règles du paquet ne changent jamais) : voyez "
            "« contentieux regles etat » pour la liste de ses valeurs",
            champ="surcouche",
        )
    contenus: dict[str, dict[str, Any]] = {fichier: contenu}
    chemin_sources = dossier / FICHIER_SOURCES
    if chemin_sources.exists():
        sources = _lire(chemin_sources)
        citees: set[str] = set()
        for autre in dossier.glob("*.yaml"):
            if autre.name in (FICHIER_SOURCES, fichier):
                continue
            citees |= set(re.findall(r"reference: *([^\s,}]+)", autre.read_text("utf-8")))
        citees |= set(re.findall(r"reference: *([^\s,}]+)", _vers_yaml(contenu)))
        contenus[FICHIER_SOURCES] = {
            k: v for k, v in sources.items() if k not in references or k in citees
        }
    fichiers = _remplacer(dossier, contenus)
    return Retrait(dossier, tuple(retires), fichiers)


def retirer_interet_legal(
    semestre_: str | dt.date, *, surcouche: str | Path | None = None
) -> Retrait:
    """Retire de la surcouche les deux taux de l'intérêt légal d'un semestre (et leur source si
    plus rien ne la cite). Les règles du paquet ne se retirent pas : ``ArgumentInvalide``."""
    debut = semestre_ if isinstance(semestre_, dt.date) else lire_semestre(semestre_)
    dossier = dossier_cible(surcouche)
    return _retirer(
        dossier,
        "interet_legal.yaml",
        ("particuliers", "autres"),
        debut,
        False,
        f"interet_legal, semestre {semestre(debut)}",
    )


def retirer_bce(
    date: dt.date | None = None,
    *,
    verification: bool = False,
    surcouche: str | Path | None = None,
) -> Retrait:
    """Retire de la surcouche une décision de la BCE (``date``) ou sa vérification
    (``verification``) ; les règles du paquet ne se retirent pas."""
    if date is None and not verification:
        raise ArgumentInvalide(
            "indiquez la décision à retirer (date) ou la vérification", champ="date"
        )
    dossier = dossier_cible(surcouche)
    quoi = f"bce, décision du {date.isoformat()}" if date else "bce, vérification"
    return _retirer(dossier, "bce.yaml", ("taux_refinancement",), date, verification, quoi)


# --- relevé BCE ---------------------------------------------------------------------------------


def _telecharger(
    url: str,
    delai: float,
    *,
    portail: str = "le portail de la BCE",
    repli: str = "contentieux regles ajouter bce",
    entetes: dict[str, str] | None = None,
) -> str:
    """Le texte d'une réponse HTTP (5 Mo au plus, UTF-8) ; ``ErreurActualisation`` qui nomme le
    ``portail`` et la commande de ``repli`` (saisie à la main) sur toute panne."""
    import urllib.error
    import urllib.request

    if not re.match(r"https?://", url):
        raise ErreurActualisation(f"adresse « {url} » invalide : elle commence par https://")
    requete = urllib.request.Request(url, headers={"Accept": "text/csv", **(entetes or {})})
    try:
        with urllib.request.urlopen(requete, timeout=delai) as reponse:
            octets: bytes = reponse.read(5 * 1024 * 1024 + 1)
    except urllib.error.HTTPError as exc:
        raise ErreurActualisation(
            f"{portail} a répondu {exc.code} ({exc.reason}) pour {url} ; réessayez plus tard ou "
            f"ajoutez la valeur à la main ({repli})"
        ) from None
    except TimeoutError:
        raise ErreurActualisation(
            f"délai de {delai:g} s dépassé en interrogeant {url} ; réessayez plus tard ou "
            f"ajoutez la valeur à la main ({repli})"
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        raison = getattr(exc, "reason", exc)
        if isinstance(raison, TimeoutError):
            raise ErreurActualisation(
                f"délai de {delai:g} s dépassé en interrogeant {url} ; réessayez plus tard ou "
                f"ajoutez la valeur à la main ({repli})"
            ) from None
        raise ErreurActualisation(
            f"{portail} injoignable ({raison}) : {url} ; vérifiez la connexion, ou ajoutez la "
            f"valeur à la main ({repli})"
        ) from None
    if len(octets) > 5 * 1024 * 1024:
        raise ErreurActualisation(f"réponse de {url} démesurée (plus de 5 Mo) : format inattendu")
    try:
        return octets.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ErreurActualisation(f"réponse de {url} illisible (pas du texte UTF-8)") from None


def lire_csv_bce(texte: str, origine: str = "réponse") -> list[tuple[dt.date, Decimal]]:
    """Les observations (date, taux) d'un CSV SDMX de la BCE ; colonnes trouvées par leur nom
    (``TIME_PERIOD``, ``OBS_VALUE``), jamais par leur position.

    >>> lire_csv_bce("KEY,FREQ,TIME_PERIOD,OBS_VALUE\\nx,B,2025-06-11,2.15\\n")
    [(datetime.date(2025, 6, 11), Decimal('2.15'))]
    """
    lecteur = csv.DictReader(io.StringIO(texte))
    colonnes = lecteur.fieldnames or []
    if "TIME_PERIOD" not in colonnes or "OBS_VALUE" not in colonnes:
        raise ErreurActualisation(
            f"{origine} : format inattendu, colonnes TIME_PERIOD et OBS_VALUE absentes (colonnes "
            f"lues : {', '.join(colonnes[:8]) or 'aucune'}) ; est-ce bien un CSV SDMX de la BCE ?"
        )
    observations: dict[dt.date, Decimal] = {}
    for numero, ligne in enumerate(lecteur, start=2):
        periode, valeur = (ligne.get("TIME_PERIOD") or "").strip(), (ligne.get("OBS_VALUE") or "")
        if not valeur.strip() or valeur.strip().lower() == "nan":
            continue
        try:
            jour = dt.date.fromisoformat(periode)
            taux = Decimal(valeur.strip())
        except (ValueError, InvalidOperation):
            raise ErreurActualisation(
                f"{origine}, ligne {numero} : date « {periode} » ou taux « {valeur} » illisible"
            ) from None
        if not taux.is_finite() or not Decimal(-100) <= taux <= Decimal(100):
            raise ErreurActualisation(f"{origine}, ligne {numero} : taux « {valeur} » aberrant")
        observations[jour] = taux
    if not observations:
        raise ErreurActualisation(f"{origine} : aucune observation dans la réponse")
    return sorted(observations.items())


@dataclass(frozen=True, slots=True)
class Actualisation:
    """Résultat d'un relevé BCE : décisions nouvelles, vérification, fichiers écrits."""

    url: str
    decisions: tuple[tuple[dt.date, Decimal], ...]
    verifie_jusqu_au: dt.date
    fichiers: tuple[Path, ...]


def actualiser_bce(
    *,
    source: str | None = None,
    surcouche: str | Path | None = None,
    delai: float = 20.0,
) -> Actualisation:
    """Relève le taux des opérations principales de refinancement sur le portail de la BCE.

    Chaque jour où le taux change devient une décision en vigueur ce jour-là ; la dernière date
    publiée devient ``verifie_jusqu_au``. Source : ``URL_BCE`` (ou ``source``, par exemple un
    miroir). Erreur réseau, délai dépassé ou format inattendu : ``ErreurActualisation``, et la
    surcouche n'est pas touchée.
    """
    dossier = dossier_cible(surcouche)
    regles = charger_regles(dossier) if dossier.is_dir() else charger_regles()
    parametre = regles.parametre(_IDENTIFIANT_BCE)
    connues = [v for v in parametre.valeurs if v.valeur is not None]
    depart = connues[-1].du
    url = source or URL_BCE
    separateur = "&" if "?" in url else "?"
    if "format=" not in url:
        url += f"{separateur}format=csvdata"
        separateur = "&"
    if "startPeriod=" not in url:
        url += f"{separateur}startPeriod={depart.isoformat()}"
    observations = lire_csv_bce(_telecharger(url, delai), origine=url)
    decisions: list[tuple[dt.date, Decimal]] = []
    for jour, taux in observations:
        precedent: object
        if decisions:
            precedent = decisions[-1][1]
        else:
            en_vigueur = [v for v in parametre.valeurs if v.du <= jour]
            precedent = en_vigueur[-1].valeur if en_vigueur else None
        if taux != precedent:
            decisions.append((jour, taux))
    dernier = observations[-1][0]
    verifie = max(dernier, parametre.verifie_jusqu_au or dernier)
    cle_serie = f"bce-sdmx-{dernier.isoformat()}"
    titre = (
        f"Banque centrale européenne, portail de données (ECB Data Portal), série {SERIE_BCE} : "
        f"taux fixe des opérations principales de refinancement, observations jusqu'au "
        f"{dernier.isoformat()}"
    )
    valeurs = {
        jour: {"valeur": taux, "reference": cle_serie, "note": "relevé du portail de la BCE"}
        for jour, taux in decisions
    }
    ajout: dict[str, Any] = {"verifie_jusqu_au": verifie, "verifie_reference": cle_serie}
    if valeurs:
        ajout["valeurs"] = valeurs
    fichiers = _ecrire(
        dossier,
        "bce.yaml",
        {"taux_refinancement": ajout},
        {cle_serie: {"titre": titre, "url": url, "note": f"Décisions : {PAGE_BCE}"}},
    )
    return Actualisation(url, tuple(decisions), verifie, fichiers)



# --- relevé du taux de l'intérêt légal (Webstat, Banque de France) -------------------------------

URL_WEBSTAT: Final = (
    "https://webstat.banque-france.fr/api/explore/v2.1/catalog/datasets/observations/records"
)
"""Point d'accès de l'API Webstat de la Banque de France (Opendatasoft Explore v2.1) : toutes les
observations de toutes les séries sont dans le jeu ``observations``, une par enregistrement
(``series_key``, ``time_period``, ``obs_value``) ; on filtre par ``where=series_key=…``."""

PAGE_WEBSTAT: Final = "https://webstat.banque-france.fr"
"""Portail Webstat : « Se connecter », puis l'espace API pour créer une clé gratuite."""

VARIABLE_CLE_WEBSTAT: Final = "CONTENTIEUX_WEBSTAT_CLE"
"""Variable d'environnement de la clé d'API Webstat (envoyée en ``Authorization: Apikey``)."""

SERIES_WEBSTAT: Final = {
    "particuliers": "FM.S.FR.EUR.FR2.LIR.TIL_PART.HSTA",
    "autres": "FM.S.FR.EUR.FR2.LIR.TIL_AUTR.HSTA",
}
"""Clés des deux séries du taux de l'intérêt légal sur Webstat (jeu FM, instrument LIR).
NON VÉRIFIÉES contre l'API réelle (aucun accès depuis l'environnement de développement) : une clé
qui ne rend aucune observation lève ``ErreurActualisation`` qui le dit ; les options
``--serie-particuliers`` et ``--serie-autres`` (argument ``series``) les remplacent."""

_PAGES_WEBSTAT_MAX: Final = 20
_PAR_PAGE_WEBSTAT: Final = 100


class CleWebstatAbsente(ErreurActualisation):
    """La clé d'API Webstat n'est pas dans l'environnement."""

    code = "cle_webstat_absente"


def cle_webstat(cle: str | None = None) -> str:
    """La clé d'API Webstat : ``cle``, sinon la variable ``CONTENTIEUX_WEBSTAT_CLE`` ; sinon
    ``CleWebstatAbsente`` qui dit comment en obtenir une."""
    valeur = (cle if cle is not None else os.environ.get(VARIABLE_CLE_WEBSTAT, "")).strip()
    if not valeur:
        raise CleWebstatAbsente(
            f"clé d'API Webstat absente (variable {VARIABLE_CLE_WEBSTAT}) : la Banque de France "
            f"la délivre gratuitement. Créez un compte sur {PAGE_WEBSTAT} (« Se connecter »), "
            "générez une clé d'API dans votre espace, puis : "
            f"export {VARIABLE_CLE_WEBSTAT}=VOTRE_CLE ; ou ajoutez le taux à la main : "
            "contentieux regles ajouter interet_legal --semestre AAAA-SN --particuliers TAUX "
            '--autres TAUX --reference "Arrêté du …"',
            champ=VARIABLE_CLE_WEBSTAT,
        )
    return valeur


def _periode_webstat(texte: object) -> dt.date | None:
    """« 2026-07-01 », « 2026-07-01T00:00:00+00:00 », « 2026-07 » ou « 2026-S2 » → date."""
    brut = str(texte or "").strip()
    semestre_ = re.fullmatch(r"(\d{4})-?S([12])", brut)
    if semestre_:
        return dt.date(int(semestre_.group(1)), 1 if semestre_.group(2) == "1" else 7, 1)
    trouve = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ].*)?", brut)
    if not trouve:
        return None
    try:
        return dt.date(int(trouve.group(1)), int(trouve.group(2)), int(trouve.group(3) or 1))
    except ValueError:
        return None


def lire_json_webstat(
    texte: str, series: dict[str, str], origine: str = "réponse"
) -> tuple[dict[str, dict[dt.date, Decimal]], int]:
    """Les taux par catégorie et par semestre d'une réponse Webstat (enregistrements
    Opendatasoft : ``{"total_count": N, "results": [{"series_key", "time_period",
    "obs_value"}, …]}``), et ``total_count``. Champs trouvés par leur nom ; une série qui donne
    deux taux différents dans un même semestre est refusée.

    >>> taux, total = lire_json_webstat(
    ...     '{"total_count": 1, "results": [{"series_key": "K", "time_period": "2026-S2",'
    ...     ' "obs_value": 2.62}]}', {"autres": "K"})
    >>> taux, total
    ({'autres': {datetime.date(2026, 7, 1): Decimal('2.62')}}, 1)
    """
    import json

    try:
        donnees = json.loads(texte, parse_float=Decimal, parse_int=Decimal)
    except ValueError:
        raise ErreurActualisation(
            f"{origine} : format inattendu (pas du JSON) ; est-ce bien l'API Webstat ?"
        ) from None
    resultats = donnees.get("results") if isinstance(donnees, dict) else None
    if not isinstance(resultats, list):
        raise ErreurActualisation(
            f"{origine} : format inattendu, champ « results » absent (attendu : enregistrements "
            "Opendatasoft de l'API Webstat)"
        )
    total = donnees.get("total_count")
    categorie_de = {cle: categorie for categorie, cle in series.items()}
    taux: dict[str, dict[dt.date, Decimal]] = {c: {} for c in series}
    for rang, enregistrement in enumerate(resultats, start=1):
        if not isinstance(enregistrement, dict):
            raise ErreurActualisation(f"{origine}, enregistrement {rang} : format inattendu")
        champs = {str(k).lower(): v for k, v in enregistrement.items()}
        if not {"series_key", "time_period", "obs_value"} <= set(champs):
            raise ErreurActualisation(
                f"{origine}, enregistrement {rang} : format inattendu, champs series_key, "
                f"time_period et obs_value attendus (lus : {', '.join(list(champs)[:8])})"
            )
        categorie = categorie_de.get(str(champs["series_key"]))
        if categorie is None:
            continue
        jour = _periode_webstat(champs["time_period"])
        valeur = champs["obs_value"]
        if valeur is None or str(valeur).strip().lower() in {"", "nan"}:
            continue
        try:
            nombre = Decimal(str(valeur).strip())
        except InvalidOperation:
            nombre = Decimal("NaN")
        if jour is None or not nombre.is_finite():
            raise ErreurActualisation(
                f"{origine}, enregistrement {rang} : période « {champs['time_period']} » ou taux "
                f"« {valeur} » illisible"
            )
        if not Decimal(0) <= nombre <= Decimal(100):
            raise ErreurActualisation(
                f"{origine}, enregistrement {rang} : taux « {valeur} » aberrant"
            )
        debut = debut_semestre(jour)
        connu = taux[categorie].get(debut)
        if connu is not None and connu != nombre:
            raise ErreurActualisation(
                f"{origine} : série {series[categorie]}, deux taux différents pour "
                f"{semestre(debut)} ({connu} et {nombre}) : format inattendu"
            )
        taux[categorie][debut] = nombre
    return taux, int(total) if isinstance(total, int | Decimal) else len(resultats)


@dataclass(frozen=True, slots=True)
class ActualisationInteretLegal:
    """Résultat d'un relevé Webstat : semestres écrits, déjà connus, écarts avec le paquet."""

    url: str
    ecrits: tuple[tuple[dt.date, Decimal, Decimal], ...]
    """(début du semestre, taux « particuliers », taux « autres ») écrits dans la surcouche."""
    deja_connus: tuple[dt.date, ...]
    ecarts: tuple[str, ...]
    """Semestres où Webstat diffère des règles du paquet (non écrits : vérifiez l'arrêté)."""
    fichiers: tuple[Path, ...]


def actualiser_interet_legal(
    *,
    lu_le: dt.date,
    source: str | None = None,
    surcouche: str | Path | None = None,
    delai: float = 20.0,
    cle: str | None = None,
    series: dict[str, str] | None = None,
) -> ActualisationInteretLegal:
    """Relève le taux de l'intérêt légal (CMF L313-2, D313-1-A) publié par la Banque de France
    sur Webstat et écrit dans la surcouche chaque semestre qui manque aux règles.

    La clé d'API vient de ``cle`` ou de la variable ``CONTENTIEUX_WEBSTAT_CLE``
    (:func:`cle_webstat`) ; ``lu_le`` (date de lecture, donnée par l'appelant : la bibliothèque ne
    lit pas l'horloge) est écrit dans la source de chaque valeur. Seuls les semestres dont les
    deux taux sont publiés sont écrits ; un semestre déjà connu à l'identique n'est pas réécrit ;
    un semestre du paquet que Webstat donne autrement n'est pas écrit et figure dans ``ecarts``.
    Réseau, délai, format : ``ErreurActualisation`` et la surcouche n'est pas touchée.
    """
    from urllib.parse import quote

    series = dict(series or SERIES_WEBSTAT)
    for categorie in ("particuliers", "autres"):
        if not series.get(categorie, "").strip():
            raise ErreurActualisation(f"clé de série Webstat « {categorie} » absente")
    entetes = {"Authorization": f"Apikey {cle_webstat(cle)}", "Accept": "application/json"}
    dossier = dossier_cible(surcouche)
    regles = charger_regles(dossier) if dossier.is_dir() else charger_regles()
    base = source or URL_WEBSTAT
    filtre = quote(
        " or ".join(f"series_key='{series[c]}'" for c in ("particuliers", "autres")), safe=""
    )
    separateur = "&" if "?" in base else "?"
    taux: dict[str, dict[dt.date, Decimal]] = {"particuliers": {}, "autres": {}}
    url = base
    lus = 0
    for page in range(_PAGES_WEBSTAT_MAX):
        url = (
            f"{base}{separateur}where={filtre}&order_by=time_period"
            f"&limit={_PAR_PAGE_WEBSTAT}&offset={page * _PAR_PAGE_WEBSTAT}"
        )
        texte = _telecharger(
            url,
            delai,
            portail="l'API Webstat de la Banque de France",
            repli="contentieux regles ajouter interet_legal",
            entetes=entetes,
        )
        lu, total = lire_json_webstat(texte, series, origine=url.split("?", 1)[0])
        for categorie, valeurs in lu.items():
            for debut, nombre in valeurs.items():
                connu = taux[categorie].get(debut)
                if connu is not None and connu != nombre:
                    raise ErreurActualisation(
                        f"{base} : deux taux « {categorie} » pour {semestre(debut)} : format "
                        "inattendu"
                    )
                taux[categorie][debut] = nombre
        lus += _PAR_PAGE_WEBSTAT
        if lus >= total:
            break
    base_affichee = base.split("?", 1)[0]
    for categorie in ("particuliers", "autres"):
        if not taux[categorie]:
            raise ErreurActualisation(
                f"{base_affichee} : aucune observation pour la série « {categorie} » "
                f"({series[categorie]}) ; vérifiez sa clé dans le catalogue Webstat (jeu FM) et "
                f"passez-la avec --serie-{categorie}, ou ajoutez le taux à la main "
                "(contentieux regles ajouter interet_legal)"
            )
    ecrits: list[tuple[dt.date, Decimal, Decimal]] = []
    deja: list[dt.date] = []
    ecarts: list[str] = []
    parametres: dict[str, dict[str, Any]] = {
        "particuliers": {"valeurs": {}},
        "autres": {"valeurs": {}},
    }
    sources: dict[str, dict[str, Any]] = {}
    communs = sorted(set(taux["particuliers"]) & set(taux["autres"]))
    for debut in communs:
        nouveaux = {c: taux[c][debut] for c in ("particuliers", "autres")}
        connus: dict[str, ValeurDatee | None] = {}
        for categorie in nouveaux:
            parametre = regles.parametre(f"interet_legal.{categorie}")
            connus[categorie] = next((v for v in parametre.valeurs if v.du == debut), None)
        if all(
            connus[c] is not None and connus[c].valeur == nouveaux[c]  # type: ignore[union-attr]
            for c in nouveaux
        ):
            deja.append(debut)
            continue
        du_paquet = [
            c
            for c, v in connus.items()
            if v is not None and regles.de_la_surcouche(v.fichier) is None
        ]
        if du_paquet:
            ecarts.append(
                f"{semestre(debut)} : Webstat donne {nouveaux['particuliers']} et "
                f"{nouveaux['autres']}, les règles du paquet "
                + " et ".join(f"{connus[c].valeur}" for c in du_paquet)  # type: ignore[union-attr]
                + " ; non écrit, vérifiez l'arrêté au Journal officiel"
            )
            continue
        reference = f"webstat-interet-legal-{semestre(debut)}"
        for categorie, nombre in nouveaux.items():
            parametres[categorie]["valeurs"][debut] = {
                "valeur": nombre,
                "reference": reference,
                "note": "relevé sur Webstat (Banque de France)",
            }
        sources[reference] = {
            "titre": (
                f"Banque de France, Webstat, séries {series['particuliers']} et "
                f"{series['autres']} : taux de l'intérêt légal du semestre {semestre(debut)}, "
                f"lu le {lu_le.isoformat()}"
            ),
            "url": base_affichee,
            "articles": "CMF L313-2 et D313-1-A",
            "note": f"Arrêté publié au Journal officiel : {PUBLICATION_INTERET_LEGAL}",
        }
        ecrits.append((debut, nouveaux["particuliers"], nouveaux["autres"]))
    fichiers: tuple[Path, ...] = ()
    if ecrits:
        fichiers = _ecrire(dossier, "interet_legal.yaml", parametres, sources)
    return ActualisationInteretLegal(
        base_affichee, tuple(ecrits), tuple(deja), tuple(ecarts), fichiers
    )

__all__ = [
    "Actualisation",
    "ActualisationInteretLegal",
    "Ajout",
    "CleWebstatAbsente",
    "EtatParametre",
    "Retrait",
    "actualiser_bce",
    "actualiser_interet_legal",
    "ajouter_bce",
    "ajouter_interet_legal",
    "cle_webstat",
    "commande_ajout",
    "comment_ajouter",
    "dossier_cible",
    "etat_regles",
    "lire_csv_bce",
    "lire_json_webstat",
    "lire_semestre",
    "lire_taux",
    "retirer_bce",
    "retirer_interet_legal",
    "verifier_bce_jusqu_au",
]
