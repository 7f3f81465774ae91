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
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final

import yaml

from contentieux.ecriture import ecrire_atomique
from contentieux.erreurs import ErreurActualisation, RegleMalFormee
from contentieux.regles import (
    FICHIER_SOURCES,
    Parametre,
    Regles,
    _charger,
    _lire,
    charger_regles,
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

_IDENTIFIANT_BCE: Final = "bce.taux_refinancement"
_REFERENCE_TYPE_IL: Final = (
    "Arrêté du JJ mois AAAA relatif à la fixation du taux de l'intérêt légal (JORF n° …, NOR …)"
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


def _option_regles(regles: Regles) -> str:
    if regles.origine_surcouche == "option --regles" and regles.surcouche is not None:
        return f" --regles {_guillemets(str(regles.surcouche))}"
    return ""


def _guillemets(texte: str) -> str:
    if re.fullmatch(r"[\w./:@%+=,-]+", texte):
        return texte
    return '"' + texte.replace('"', '\\"') + '"'


def _commande(regles: Regles, parametre: Parametre, au: dt.date) -> str | None:
    option = _option_regles(regles)
    if parametre.identifiant.startswith("interet_legal.") and parametre.periodicite == (
        "semestrielle"
    ):
        return (
            f"contentieux regles ajouter interet_legal --semestre {semestre(au)} "
            f"--particuliers TAUX --autres TAUX --reference "
            f'"{_REFERENCE_TYPE_IL}" --url "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT…"'
            f"{option}"
        )
    if parametre.identifiant == _IDENTIFIANT_BCE:
        return f"contentieux regles actualiser --bce{option}"
    return None


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
                manque = str(erreur.details.get("raison", erreur))
                commande = _commande(regles, parametre, au)
        elif dernier is not None and parametre.periodicite != "permanente":
            commande = _commande(regles, parametre, dernier + dt.timedelta(days=1))
        publication = None
        if identifiant.startswith("interet_legal.") and parametre.periodicite == "semestrielle":
            publication = PUBLICATION_INTERET_LEGAL
        elif identifiant == _IDENTIFIANT_BCE:
            publication = f"portail de données de la BCE (série {SERIE_BCE}) ; {PAGE_BCE}"
        etats.append(
            EtatParametre(
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


def comment_ajouter(regles: Regles, parametre: Parametre, au: dt.date) -> str:
    """Le texte « comment ajouter la valeur manquante » des messages ``RegleNonCouverte`` : la
    commande, puis un extrait de surcouche complet (fichier de règles et ``sources.yaml``)."""
    dossier = regles.surcouche or dossier_surcouche_utilisateur()
    fichier, cle = parametre.identifiant.split(".", 1)
    commande = _commande(regles, parametre, au)
    lignes = []
    if commande:
        lignes.append(f"Pour l'ajouter : {commande}")
        if parametre.identifiant == _IDENTIFIANT_BCE:
            lignes.append(
                "  (ou, à la main : contentieux regles ajouter bce --date AAAA-MM-JJ --taux TAUX "
                '--reference "Communiqué de la BCE du …" ; puis contentieux regles ajouter bce '
                f'--verifie-jusqu-au {au.isoformat()} --reference "Vérification du …")'
            )
    debut = debut_semestre(au) if parametre.periodicite == "semestrielle" else au
    cle_source = f"ma-source-{fichier}-{debut.isoformat()}"
    extrait = [f"{dossier}/{fichier}.yaml :", f"  {cle}:"]
    if parametre.periodicite == "evenementielle":
        extrait.append(f"    verifie_jusqu_au: {au.isoformat()}")
        extrait.append(f"    verifie_reference: {cle_source}")
    extrait.append("    valeurs:")
    extrait.append(f"      {debut.isoformat()}: {{valeur: VALEUR, reference: {cle_source}}}")
    extrait.append(f"{dossier}/{FICHIER_SOURCES} :")
    extrait.append(f'  {cle_source}: {{titre: "TEXTE OFFICIEL", url: "https://…"}}')
    lignes.append(
        ("Ou écrivez" if commande else "Pour l'ajouter, écrivez")
        + " dans la surcouche (remplacez VALEUR et TEXTE OFFICIEL) :\n"
        + "\n".join(extrait)
    )
    return "\n".join(lignes)


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
    """Fusionne, valide sur une copie, puis remplace les fichiers de la surcouche d'un coup."""
    dossier.mkdir(parents=True, exist_ok=True)
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
    nouveaux = {fichier: _vers_yaml(contenu), FICHIER_SOURCES: _vers_yaml(contenu_sources)}
    essai = Path(tempfile.mkdtemp(prefix=".essai-", dir=dossier.parent))
    try:
        for existant_ in dossier.glob("*.yaml"):
            shutil.copy2(existant_, essai / existant_.name)
        for nom, texte in nouveaux.items():
            (essai / nom).write_text(texte, encoding="utf-8")
        try:
            _charger((dossier_regles_paquet(), essai), "essai")
        except RegleMalFormee as erreur:
            message = str(erreur).replace(str(essai), str(dossier))
            raise RegleMalFormee(f"ajout refusé, surcouche inchangée : {message}") from None
    finally:
        shutil.rmtree(essai, ignore_errors=True)
    ecrits = []
    for nom in (FICHIER_SOURCES, fichier):  # les sources d'abord : une référence résout toujours
        cible = dossier / nom
        ecrire_atomique(cible, nouveaux[nom].encode("utf-8"))
        ecrits.append(cible)
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
    )


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
    cle = f"surcouche-bce-verifie-{date.isoformat()}"
    fichiers = _ecrire(
        dossier,
        "bce.yaml",
        {"taux_refinancement": {"verifie_jusqu_au": date, "verifie_reference": cle}},
        {cle: _source(reference, url)},
    )
    return Ajout(dossier, fichiers, verifie_jusqu_au=date)


# --- relevé BCE ---------------------------------------------------------------------------------


def _telecharger(url: str, delai: float) -> str:
    import urllib.error
    import urllib.request

    if not re.match(r"https?://", url):
        raise ErreurActualisation(f"adresse « {url} » invalide : elle commence par https://")
    requete = urllib.request.Request(url, headers={"Accept": "text/csv"})
    try:
        with urllib.request.urlopen(requete, timeout=delai) as reponse:
            octets: bytes = reponse.read(5 * 1024 * 1024 + 1)
    except urllib.error.HTTPError as exc:
        raise ErreurActualisation(
            f"le portail de la BCE a répondu {exc.code} ({exc.reason}) pour {url} ; réessayez "
            "plus tard ou ajoutez la valeur à la main (contentieux regles ajouter bce)"
        ) from None
    except TimeoutError:
        raise ErreurActualisation(
            f"délai de {delai:g} s dépassé en interrogeant {url} ; réessayez plus tard ou "
            "ajoutez la valeur à la main (contentieux regles ajouter bce)"
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        raison = getattr(exc, "reason", exc)
        raise ErreurActualisation(
            f"portail de la BCE injoignable ({raison}) : {url} ; vérifiez la connexion, ou "
            "ajoutez la valeur à la main (contentieux regles ajouter bce)"
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


__all__ = [
    "Actualisation",
    "Ajout",
    "EtatParametre",
    "actualiser_bce",
    "ajouter_bce",
    "ajouter_interet_legal",
    "comment_ajouter",
    "dossier_cible",
    "etat_regles",
    "lire_csv_bce",
    "lire_semestre",
    "lire_taux",
    "verifier_bce_jusqu_au",
]
