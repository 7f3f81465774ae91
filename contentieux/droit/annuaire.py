"""Annuaire des juridictions : quel tribunal, nommé, pour une adresse (CPC 54 1°, CPC 1406).

La requête désigne la juridiction devant laquelle la demande est portée, à peine de nullité
(CPC 54 1°). Ce module lit l'annuaire livré dans ``regles/annuaire/`` et rattache une adresse :

- à une **commune** par son code postal (fichier des codes postaux de la Base Adresse Nationale) ;
- à un **tribunal judiciaire** (COJ D211-1, tableau IV) et, le cas échéant, à la **chambre de
  proximité** (« tribunal de proximité », COJ L212-8, D212-19) dont la commune est le siège ;
- à un **tribunal de commerce** (C. com. R721-1, annexe 7-1) par le ressort du tribunal judiciaire.

Ce que les sources établissent, et rien d'autre :

- un département qui n'a qu'un tribunal judiciaire (et dont aucune commune ne relève d'une chambre
  rattachée à un tribunal d'un autre département) lui est rattaché en entier ;
- la commune siège d'un tribunal ou d'une chambre relève de ce tribunal ou de cette chambre ;
- un tribunal de commerce dont le ressort est celui d'un tribunal judiciaire entier couvre toutes
  les communes de ce tribunal ;
- ailleurs, l'annuaire rend la **liste des candidats** (``Rattachement.candidats``) et aucun nom :
  le ressort des tribunaux y est défini par des cantons qui ne sont pas transcrits.

La bibliothèque ne devine jamais un nom : un rattachement sans tribunal dit pourquoi (``motif``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from contentieux._yaml import charger_yaml_exact
from contentieux.droit.qualites import normaliser
from contentieux.erreurs import RegleMalFormee
from contentieux.modeles.parties import Adresse

FICHIER_JURIDICTIONS = "juridictions.yaml"
FICHIER_CODES_POSTAUX = "codes_postaux.tsv"
_VOYELLES = frozenset("aeiouy")
_VERSIONS = {
    "c-com-annexe-7-1-2014": "version 2014",
    "c-com-annexe-7-1-2013": "version 2013, à vérifier",
}


def de_lieu(siege: str) -> str:
    """« de » devant un nom de lieu, élidé ou contracté : « d'Auch », « du Mans », « de Lyon ».

    >>> [de_lieu(s) for s in ("Auch", "Le Mans", "Les Sables-d'Olonne", "La Rochelle", "Évry")]
    ["d'Auch", 'du Mans', "des Sables-d'Olonne", 'de La Rochelle', "d'Évry"]
    """
    if siege.startswith("Le "):
        return "du " + siege[3:]
    if siege.startswith("Les "):
        return "des " + siege[4:]
    if normaliser(siege[:1]) in _VOYELLES:
        return "d'" + siege
    return "de " + siege


def commune_simple(nom: str) -> str:
    """Nom de commune comparable, arrondissement retiré (« Paris 11e Arrondissement » → « paris »).

    >>> commune_simple("Lyon 2e Arrondissement"), commune_simple("Saint-Étienne")
    ('lyon', 'saint etienne')
    """
    simple = normaliser(nom)
    for grande in ("paris", "lyon", "marseille"):
        if simple == grande or simple.startswith(grande + " "):
            return grande
    return simple


@dataclass(frozen=True)
class Commune:
    """Une commune de la Base Adresse Nationale : code INSEE et nom."""

    code_insee: str
    nom: str

    @property
    def departement(self) -> str:
        """Département du code INSEE (« 33 », « 2A », « 971 »)."""
        return self.code_insee[:3] if self.code_insee.startswith("97") else self.code_insee[:2]


@dataclass(frozen=True)
class ChambreProximite:
    """Chambre de proximité d'un tribunal judiciaire, dénommée « tribunal de proximité »."""

    siege: str
    departement: str
    commune: str | None = None

    @property
    def nom(self) -> str:
        return f"tribunal de proximité {de_lieu(self.siege)}"


@dataclass(frozen=True)
class TribunalJudiciaire:
    """Tribunal judiciaire : siège, département, chambres de proximité (COJ tableau IV)."""

    siege: str
    departement: str
    chambres: tuple[ChambreProximite, ...]

    @property
    def nom(self) -> str:
        return f"tribunal judiciaire {de_lieu(self.siege)}"

    @property
    def departements(self) -> frozenset[str]:
        """Départements où le tribunal ou l'une de ses chambres a des communes."""
        return frozenset({self.departement, *(c.departement for c in self.chambres)})


@dataclass(frozen=True)
class TribunalCommerce:
    """Tribunal de commerce : siège et ressort, en tribunaux judiciaires (C. com. annexe 7-1)."""

    siege: str
    departement: str
    ressort_tj: tuple[str, ...]
    ressort_partiel_tj: tuple[str, ...]
    texte: str
    commune: str | None = None
    source: str = "c-com-annexe-7-1-2014"


@dataclass(frozen=True)
class Rattachement:
    """Le tribunal retenu (siège), ou les candidats, et comment c'est décidé."""

    siege: str | None
    motif: str
    candidats: tuple[str, ...] = ()
    chambre: ChambreProximite | None = None
    commune: Commune | None = None


@dataclass(frozen=True)
class Annuaire:
    """Les tribunaux et les communes de l'annuaire livré (``regles/annuaire/``)."""

    tribunaux_judiciaires: tuple[TribunalJudiciaire, ...]
    tribunaux_commerce: tuple[TribunalCommerce, ...]
    communes_par_code_postal: dict[str, tuple[tuple[str, str], ...]]
    """Code postal → (code INSEE, nom) de chaque commune desservie."""
    empreinte: str

    def communes(self, code_postal: str) -> tuple[Commune, ...]:
        """Communes desservies par un code postal (vide s'il est inconnu)."""
        return tuple(
            Commune(code_insee=code, nom=nom)
            for code, nom in self.communes_par_code_postal.get(code_postal, ())
        )

    def commune(self, adresse: Adresse) -> Commune | None:
        """La commune de l'adresse : la seule du code postal, ou celle dont le nom est la ville."""
        communes = self.communes(adresse.code_postal)
        if len(communes) == 1:
            return communes[0]
        ville = commune_simple(adresse.ville)
        trouvees = [c for c in communes if commune_simple(c.nom) == ville]
        return trouvees[0] if len(trouvees) == 1 else None

    def tribunal_judiciaire(self, siege: str) -> TribunalJudiciaire | None:
        for tj in self.tribunaux_judiciaires:
            if tj.siege == siege:
                return tj
        return None


def _meme_lieu(siege: str, departement: str, commune: Commune) -> bool:
    """Vrai si ``commune`` est celle du siège (nom du texte, ou nom actuel de la commune)."""
    return departement == commune.departement and commune_simple(siege) == commune_simple(
        commune.nom
    )


def rattacher_tribunal_judiciaire(annuaire: Annuaire, adresse: Adresse) -> Rattachement:
    """Le tribunal judiciaire de l'adresse (COJ D211-1, tableau IV), ou ses candidats.

    >>> from contentieux.modeles.parties import Adresse
    >>> a = charger_annuaire()
    >>> r = rattacher_tribunal_judiciaire(a, Adresse(ligne1="1 rue A", code_postal="33120",
    ...     ville="Arcachon"))
    >>> r.siege, r.chambre.nom
    ('Bordeaux', "tribunal de proximité d'Arcachon")
    >>> r = rattacher_tribunal_judiciaire(a, Adresse(ligne1="1 rue A", code_postal="33500",
    ...     ville="Libourne"))
    >>> r.siege
    'Libourne'
    """
    communes = annuaire.communes(adresse.code_postal)
    if not communes:
        return Rattachement(
            siege=None,
            motif=(
                f"code postal {adresse.code_postal} absent du fichier des codes postaux de "
                "l'annuaire (regles/annuaire/codes_postaux.tsv)"
            ),
        )
    commune = annuaire.commune(adresse)
    if commune is not None:
        for tj in annuaire.tribunaux_judiciaires:
            if _meme_lieu(tj.siege, tj.departement, commune):
                return Rattachement(
                    siege=tj.siege,
                    motif=f"{commune.nom} est le siège du {tj.nom} (COJ tableau IV)",
                    commune=commune,
                )
            for chambre in tj.chambres:
                if _meme_lieu(chambre.commune or chambre.siege, chambre.departement, commune):
                    return Rattachement(
                        siege=tj.siege,
                        chambre=chambre,
                        motif=(
                            f"{commune.nom} est le siège du {chambre.nom}, chambre de proximité "
                            f"du {tj.nom} (COJ tableau IV)"
                        ),
                        commune=commune,
                    )
    departements = {commune.departement} if commune else {c.departement for c in communes}
    candidats = tuple(tj for tj in annuaire.tribunaux_judiciaires if tj.departements & departements)
    lieu = commune.nom if commune else f"code postal {adresse.code_postal}"
    if len(candidats) == 1:
        tj = candidats[0]
        return Rattachement(
            siege=tj.siege,
            motif=(
                f"{lieu} : département {', '.join(sorted(departements))}, dont le {tj.nom} est "
                "le seul tribunal judiciaire (COJ tableau IV)"
            ),
            commune=commune,
        )
    if not candidats:
        return Rattachement(
            siege=None,
            motif=f"{lieu} : aucun tribunal judiciaire de l'annuaire pour ce département",
            commune=commune,
        )
    return Rattachement(
        siege=None,
        candidats=tuple(tj.nom for tj in candidats),
        motif=(
            f"{lieu} : le département compte plusieurs tribunaux judiciaires et l'annuaire ne "
            "transcrit pas leur ressort commune par commune"
        ),
        commune=commune,
    )


def rattacher_tribunal_commerce(
    annuaire: Annuaire, adresse: Adresse, tj: Rattachement
) -> Rattachement:
    """Le tribunal de commerce de l'adresse (C. com. annexe 7-1), ou ses candidats.

    D'abord la commune siège d'un tribunal de commerce ; puis le ressort du tribunal judiciaire
    de l'adresse : un seul tribunal de commerce couvre ce tribunal en entier → il est nommé ;
    plusieurs, ou une partie seulement → candidats ; aucun → pas de donnée.
    """
    commune = tj.commune or annuaire.commune(adresse)
    if commune is not None:
        for tc in annuaire.tribunaux_commerce:
            if _meme_lieu(tc.commune or tc.siege, tc.departement, commune):
                return Rattachement(
                    siege=tc.siege,
                    motif=(
                        f"{commune.nom} est le siège du tribunal de commerce "
                        f"{de_lieu(tc.siege)} (C. com. annexe 7-1)"
                    ),
                    commune=commune,
                )
    sieges_tj = (tj.siege,) if tj.siege else tuple(_sieges_des_candidats(annuaire, tj))
    entiers = [tc for tc in annuaire.tribunaux_commerce if set(tc.ressort_tj) & set(sieges_tj)]
    partiels = [
        tc for tc in annuaire.tribunaux_commerce if set(tc.ressort_partiel_tj) & set(sieges_tj)
    ]
    if tj.siege and len(entiers) == 1 and not partiels:
        tc = entiers[0]
        return Rattachement(
            siege=tc.siege,
            motif=(
                f"ressort du tribunal judiciaire {de_lieu(tj.siege)} : tribunal de commerce "
                f"{de_lieu(tc.siege)} (C. com. annexe 7-1, {_VERSIONS[tc.source]} : "
                f"« {tc.texte} »)"
            ),
            commune=commune,
        )
    candidats = tuple(dict.fromkeys(tc.siege for tc in (*entiers, *partiels)))
    if candidats:
        return Rattachement(
            siege=None,
            candidats=candidats,
            motif=(
                f"le ressort du tribunal judiciaire {de_lieu(tj.siege)} est partagé entre "
                "plusieurs tribunaux de commerce, par cantons que l'annuaire ne transcrit pas "
                "(C. com. annexe 7-1)"
                if tj.siege
                else "le tribunal judiciaire de l'adresse n'est pas établi (plusieurs dans le "
                "département), ni donc son tribunal de commerce"
            ),
            commune=commune,
        )
    return Rattachement(
        siege=None,
        motif=(
            "l'annuaire (C. com. annexe 7-1, version 2014 incomplète) n'a pas de tribunal de "
            "commerce pour "
            + (
                f"le ressort du tribunal judiciaire {de_lieu(tj.siege)}"
                if tj.siege
                else "cette adresse"
            )
        ),
        commune=commune,
    )


def _sieges_des_candidats(annuaire: Annuaire, tj: Rattachement) -> list[str]:
    noms = set(tj.candidats)
    return [t.siege for t in annuaire.tribunaux_judiciaires if t.nom in noms]


def dossier_annuaire() -> Path:
    """Le dossier ``regles/annuaire/`` livré avec la bibliothèque."""
    from contentieux.regles import dossier_regles_paquet

    return dossier_regles_paquet() / "annuaire"


def charger_annuaire(dossier: Path | None = None) -> Annuaire:
    """Lit l'annuaire (``juridictions.yaml`` et ``codes_postaux.tsv``) ; relu s'il change."""
    racine = (dossier or dossier_annuaire()).resolve()
    etats = tuple(
        (str(p), p.stat().st_size, p.stat().st_mtime_ns)
        for p in (racine / FICHIER_JURIDICTIONS, racine / FICHIER_CODES_POSTAUX)
    )
    return _charger_en_cache(racine, etats)


@lru_cache(maxsize=4)
def _charger_en_cache(racine: Path, etats: tuple[tuple[str, int, int], ...]) -> Annuaire:
    """Cache indexé par taille et date des fichiers : un annuaire modifié est relu."""
    del etats
    brut_yaml = (racine / FICHIER_JURIDICTIONS).read_bytes()
    brut_tsv = (racine / FICHIER_CODES_POSTAUX).read_bytes()
    donnees = charger_yaml_exact(brut_yaml.decode("utf-8"))
    if not isinstance(donnees, dict):
        raise RegleMalFormee(f"{racine / FICHIER_JURIDICTIONS} : un mapping est attendu")
    tjs = tuple(_tribunal_judiciaire(e) for e in donnees["tribunaux_judiciaires"])
    tcs = tuple(_tribunal_commerce(e) for e in donnees["tribunaux_commerce"])
    communes: dict[str, list[tuple[str, str]]] = {}
    for ligne in brut_tsv.decode("utf-8").splitlines():
        if not ligne or ligne.startswith("#"):
            continue
        code_postal, code_insee, nom = ligne.split("\t")
        communes.setdefault(code_postal, []).append((code_insee, nom))
    empreinte = hashlib.sha256(brut_yaml + brut_tsv).hexdigest()[:12]
    return Annuaire(
        tribunaux_judiciaires=tjs,
        tribunaux_commerce=tcs,
        communes_par_code_postal={k: tuple(v) for k, v in communes.items()},
        empreinte=empreinte,
    )


def _tribunal_judiciaire(e: dict[str, Any]) -> TribunalJudiciaire:
    return TribunalJudiciaire(
        siege=str(e["siege"]),
        departement=str(e["departement"]),
        chambres=tuple(
            ChambreProximite(
                siege=str(c["siege"]),
                departement=str(c["departement"]),
                commune=str(c["commune"]) if c.get("commune") else None,
            )
            for c in e.get("chambres_proximite", ())
        ),
    )


def _tribunal_commerce(e: dict[str, Any]) -> TribunalCommerce:
    return TribunalCommerce(
        siege=str(e["siege"]),
        departement=str(e["departement"]),
        ressort_tj=tuple(str(x) for x in e.get("ressort_tj", ())),
        ressort_partiel_tj=tuple(str(x) for x in e.get("ressort_partiel_tj", ())),
        texte=str(e["texte"]),
        commune=str(e["commune"]) if e.get("commune") else None,
        source=str(e.get("source", "c-com-annexe-7-1-2014")),
    )
