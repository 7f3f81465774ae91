"""Le grand livre clients vu par le credit manager : factures, avoirs, règlements affectés.

Vue **comptable** (lettrage), distincte de l'imputation **légale** du décompte
(C. civ. 1342-10, 1343-1, dans :mod:`contentieux.interets.imputation`) : ici un règlement
solde d'abord les factures qu'il désigne, puis les factures ouvertes **les plus anciennes**
(échéance la plus ancienne, puis émission, puis numéro), sans intérêts ni frais. C'est la
lecture d'un service comptable pour mesurer l'encours ; elle ne dit pas ce que le débiteur doit
en droit (le décompte le dit).

- Une facture est une **vente** à sa date d'émission, payée ou non.
- Un **avoir** (:class:`Avoir`) est une vente négative à sa date : il réduit le chiffre
  d'affaires et s'affecte comme un règlement (à la facture qu'il désigne, sinon aux plus
  anciennes), sans être un encaissement. Le modèle ``Facture`` n'accepte que des montants
  strictement positifs (le décompte en dépend) : les avoirs sont donc une pièce du pilotage,
  rattachée à un dossier par sa référence.
- Un règlement plus grand que ce qu'il peut solder laisse un **crédit non affecté** (trop-perçu
  ou avoir non imputé) : il diminue l'encours net du débiteur et apparaît dans sa colonne.
- Un règlement ne s'affecte qu'aux factures émises au plus tard à sa date (sauf désignation
  expresse) ; le reste demeure non affecté.
"""

from __future__ import annotations

import datetime as dt
import json
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from contentieux.droit.exigibilite import est_exigible
from contentieux.erreurs import DonneesInvalides, ErreurChamp
from contentieux.modeles.base import Modele, MontantStrict
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import Paiement, PlanApurement

ZERO = Decimal("0.00")


class Avoir(Modele):
    """Avoir (facture d'avoir) rattaché à un dossier : une vente négative.

    >>> Avoir(dossier="D1", numero="AV-1", date_emission="2026-03-02", montant="120.00").montant
    Decimal('120.00')
    """

    type: Literal["avoir"] = "avoir"
    dossier: str = Field(min_length=1, description="Référence du dossier du débiteur.")
    numero: str = Field(min_length=1)
    date_emission: dt.date
    montant: MontantStrict = Field(description="Montant TTC de l'avoir, en positif.")
    facture: str | None = Field(
        default=None, description="Numéro de la facture qu'il corrige ; vide : la plus ancienne."
    )


@dataclass(frozen=True, slots=True)
class Reglement:
    """Part d'un règlement affectée à une facture : ``encaissement`` faux pour un avoir."""

    date: dt.date
    montant: Decimal
    encaissement: bool


@dataclass(slots=True)
class LigneFacture:
    """Une facture du grand livre et les règlements qui lui sont affectés."""

    dossier: str
    debiteur: str
    creance: str
    numero: str
    date_emission: dt.date
    date_echeance: dt.date
    montant: Decimal
    reglements: list[Reglement] = field(default_factory=list)
    regle: Decimal = ZERO
    """Total des règlements affectés (toutes dates)."""
    dernier_reglement: dt.date | None = None

    def ajouter(self, reglement: Reglement) -> None:
        """Affecte un règlement à la facture."""
        self.reglements.append(reglement)
        self.regle += reglement.montant
        if self.dernier_reglement is None or reglement.date > self.dernier_reglement:
            self.dernier_reglement = reglement.date

    def solde(self, au: dt.date) -> Decimal:
        """Reste à payer à la fin du jour ``au`` (zéro si la facture n'est pas encore émise)."""
        if self.date_emission > au:
            return ZERO
        if self.dernier_reglement is None or self.dernier_reglement <= au:
            return self.montant - self.regle  # cas courant : tous les règlements sont passés
        reste = self.montant
        for r in self.reglements:
            if r.date <= au:
                reste -= r.montant
        return reste

    def date_solde(self) -> dt.date | None:
        """Jour où la facture a été entièrement soldée, ``None`` si elle ne l'est pas."""
        reste = self.montant
        for r in self.reglements:
            reste -= r.montant
            if reste <= 0:
                return r.date
        return None


@dataclass(frozen=True, slots=True)
class Credit:
    """Crédit non affecté (trop-perçu, avoir sans facture ouverte) d'un débiteur."""

    dossier: str
    debiteur: str
    date: dt.date
    montant: Decimal


@dataclass(frozen=True, slots=True)
class PlanSuivi:
    """Plan d'apurement d'un dossier (taux de réussite des plans)."""

    dossier: str
    plan: PlanApurement


@dataclass(slots=True)
class GrandLivre:
    """Factures, avoirs (ventes négatives), crédits non affectés et plans d'un portefeuille."""

    factures: list[LigneFacture] = field(default_factory=list)
    avoirs: list[tuple[str, dt.date, Decimal]] = field(default_factory=list)
    non_affectes: list[Credit] = field(default_factory=list)
    plans: list[PlanSuivi] = field(default_factory=list)
    debiteurs: dict[str, str] = field(default_factory=dict)
    """Référence du dossier → nom du débiteur."""
    _chronologie: Chronologie | None = field(default=None, repr=False)

    def chronologie(self) -> Chronologie:
        """Cumuls jour par jour des ventes et de l'encours, construits une fois par grand livre
        (et refaits si un dossier est ajouté) : chaque date interrogée coûte une recherche
        dichotomique au lieu d'un parcours des factures."""
        if self._chronologie is None:
            self._chronologie = Chronologie.construire(self)
        return self._chronologie

    def ventes(self, debut: dt.date, fin: dt.date) -> Decimal:
        """Chiffre d'affaires TTC émis du ``debut`` au ``fin`` inclus, avoirs déduits."""
        chrono = self.chronologie()
        return chrono.ventes_cumulees(fin) - chrono.ventes_cumulees(debut - dt.timedelta(days=1))

    def encours(self, au: dt.date) -> Decimal:
        """Encours net à la fin du jour ``au`` : soldes des factures moins crédits non affectés."""
        return self.chronologie().encours(au)

    def encours_non_echu(self, au: dt.date) -> Decimal:
        """Part de l'encours non échu : les factures émises qui ne sont pas encore exigibles le
        jour ``au``, jour de leur échéance compris (la négation de
        :func:`contentieux.droit.exigibilite.est_exigible`)."""
        total = ZERO
        for f in self.factures:
            if f.date_emission <= au and not est_exigible(f, au):
                total += f.solde(au)
        return total

    def premiere_date(self) -> dt.date | None:
        """Première date d'émission du grand livre."""
        dates = [f.date_emission for f in self.factures] + [d for _, d, _ in self.avoirs]
        return min(dates) if dates else None


def _cumuler(mouvements: dict[dt.date, Decimal]) -> tuple[list[dt.date], list[Decimal]]:
    dates = sorted(mouvements)
    cumuls: list[Decimal] = []
    total = ZERO
    for date in dates:
        total += mouvements[date]
        cumuls.append(total)
    return dates, cumuls


def _lire_cumul(dates: list[dt.date], cumuls: list[Decimal], au: dt.date) -> Decimal:
    rang = bisect_right(dates, au)
    return cumuls[rang - 1] if rang else ZERO


@dataclass(frozen=True, slots=True)
class Chronologie:
    """Mouvements du grand livre cumulés par jour (ventes ; encours = factures émises −
    règlements − crédits non affectés). Un règlement antérieur à l'émission de sa facture (par
    désignation) compte au jour de l'émission, comme :meth:`LigneFacture.solde`."""

    dates_ventes: list[dt.date]
    ventes: list[Decimal]
    dates_encours: list[dt.date]
    encours_cumule: list[Decimal]

    @classmethod
    def construire(cls, livre: GrandLivre) -> Chronologie:
        """Un parcours des factures, des avoirs et des crédits."""
        ventes: dict[dt.date, Decimal] = {}
        flux: dict[dt.date, Decimal] = {}
        for f in livre.factures:
            ventes[f.date_emission] = ventes.get(f.date_emission, ZERO) + f.montant
            flux[f.date_emission] = flux.get(f.date_emission, ZERO) + f.montant
            for r in f.reglements:
                jour = r.date if r.date >= f.date_emission else f.date_emission
                flux[jour] = flux.get(jour, ZERO) - r.montant
        for _, date, montant in livre.avoirs:
            ventes[date] = ventes.get(date, ZERO) - montant
        for c in livre.non_affectes:
            flux[c.date] = flux.get(c.date, ZERO) - c.montant
        dates_ventes, cumul_ventes = _cumuler(ventes)
        dates_encours, cumul_encours = _cumuler(flux)
        return cls(dates_ventes, cumul_ventes, dates_encours, cumul_encours)

    def ventes_cumulees(self, au: dt.date) -> Decimal:
        """Ventes nettes émises jusqu'au jour ``au`` inclus."""
        return _lire_cumul(self.dates_ventes, self.ventes, au)

    def encours(self, au: dt.date) -> Decimal:
        """Encours net à la fin du jour ``au``."""
        return _lire_cumul(self.dates_encours, self.encours_cumule, au)


def _cle_anciennete(ligne: LigneFacture) -> tuple[dt.date, dt.date, str]:
    return (ligne.date_echeance, ligne.date_emission, ligne.numero)


def _affecter(
    lignes: Sequence[LigneFacture],
    ouvert: dict[str, Decimal],
    *,
    date: dt.date,
    montant: Decimal,
    designees: Sequence[str],
    creances: Sequence[str],
    encaissement: bool,
) -> Decimal:
    """Affecte un règlement ; rend la part qui reste non affectée."""
    reste = montant
    candidates: list[LigneFacture] = []
    if designees:
        par_numero = {ligne.numero: ligne for ligne in lignes}
        candidates = [par_numero[n] for n in designees if n in par_numero]
    candidates += [
        ligne
        for ligne in lignes  # déjà triées par ancienneté
        if ligne.date_emission <= date
        and (not creances or ligne.creance in creances)
        and ligne.numero not in designees
    ]
    for ligne in candidates:
        if reste <= 0:
            break
        disponible = ouvert[ligne.numero]
        if disponible <= 0:
            continue
        part = min(disponible, reste)
        ligne.ajouter(Reglement(date, part, encaissement))
        ouvert[ligne.numero] = disponible - part
        reste -= part
    return reste


def ajouter_dossier(livre: GrandLivre, dossier: Dossier, avoirs: Iterable[Avoir] = ()) -> None:
    """Porte au grand livre les factures d'un dossier, ses paiements, ses avoirs et ses plans."""
    debiteur = dossier.debiteur.nom_complet
    livre.debiteurs[dossier.reference] = debiteur
    livre._chronologie = None
    lignes = sorted(
        (
            LigneFacture(
                dossier=dossier.reference,
                debiteur=debiteur,
                creance=c.reference,
                numero=f.numero,
                date_emission=f.date_emission,
                date_echeance=f.date_echeance,
                montant=f.montant_ttc,
            )
            for c, f in dossier.factures()
        ),
        key=_cle_anciennete,
    )
    ouvert = {ligne.numero: ligne.montant for ligne in lignes}
    # (date, rang, montant, désignées, créances, encaissement) : avoirs puis paiements d'un jour.
    credits: list[tuple[dt.date, int, Decimal, tuple[str, ...], tuple[str, ...], bool]] = []
    for avoir in avoirs:
        if avoir.facture is not None and avoir.facture not in ouvert:
            raise DonneesInvalides(
                f"avoir {avoir.numero} : facture « {avoir.facture} » inconnue dans le dossier "
                f"{dossier.reference} ; numéros connus : {', '.join(sorted(ouvert))}"
            )
        livre.avoirs.append((dossier.reference, avoir.date_emission, avoir.montant))
        designees: tuple[str, ...] = (avoir.facture,) if avoir.facture else ()
        credits.append((avoir.date_emission, 0, avoir.montant, designees, (), False))
    for ev in dossier.evenements:
        if isinstance(ev, Paiement):
            credits.append((ev.date, 1, ev.montant, ev.factures_designees, ev.creances, True))
        elif isinstance(ev, PlanApurement):
            livre.plans.append(PlanSuivi(dossier.reference, ev))
    credits.sort(key=lambda c: (c[0], c[1]))
    for date, _, montant, designees, creances, encaissement in credits:
        reste = _affecter(
            lignes,
            ouvert,
            date=date,
            montant=montant,
            designees=designees,
            creances=creances,
            encaissement=encaissement,
        )
        if reste > 0:
            livre.non_affectes.append(Credit(dossier.reference, debiteur, date, reste))
    livre.factures.extend(lignes)


def construire_grand_livre(dossiers: Iterable[Dossier], avoirs: Iterable[Avoir] = ()) -> GrandLivre:
    """Le grand livre d'un portefeuille de dossiers (et de leurs avoirs).

    >>> from contentieux.exemples import dossier_exemple
    >>> livre = construire_grand_livre([dossier_exemple("b2b")])
    >>> livre.encours(dt.date(2025, 6, 30))  # 4800 + 2460 + 1320,50 − 3000
    Decimal('5580.50')
    """
    par_dossier: dict[str, list[Avoir]] = {}
    for a in avoirs:
        par_dossier.setdefault(a.dossier, []).append(a)
    livre = GrandLivre()
    vus: set[str] = set()
    for dossier in dossiers:
        if dossier.reference in vus:
            raise DonneesInvalides(
                f"dossier {dossier.reference} : référence présente deux fois dans le grand livre ; "
                "chaque dossier doit avoir une référence unique"
            )
        vus.add(dossier.reference)
        ajouter_dossier(livre, dossier, par_dossier.pop(dossier.reference, ()))
    if par_dossier:
        raise DonneesInvalides(
            f"avoir(s) rattaché(s) à un dossier inconnu : {', '.join(sorted(par_dossier))} ; "
            "indiquez dans « dossier » la référence d'un dossier du grand livre"
        )
    return livre


# --- lecture ------------------------------------------------------------------------------------


def _traduire(exc: ValidationError, origine: str) -> DonneesInvalides:
    from contentieux.lecture import erreur_de_saisie

    return erreur_de_saisie(exc, origine)


def _enregistrement(donnees: Any, origine: str) -> Dossier | Avoir:
    if not isinstance(donnees, dict):
        raise DonneesInvalides(f"{origine} : objet JSON attendu (un dossier ou un avoir)")
    try:
        if donnees.get("type") == "avoir":
            return Avoir.model_validate(donnees)
        return Dossier.model_validate(donnees)
    except ValidationError as exc:
        raise _traduire(exc, origine) from None


def lire_lignes_json(chemin: Path) -> Iterator[Dossier | Avoir]:
    """Un dossier (ou un avoir, ``"type": "avoir"``) par ligne JSON ; nombres exacts."""
    with chemin.open(encoding="utf-8") as flux:
        for numero, ligne in enumerate(flux, start=1):
            if not ligne.strip():
                continue
            origine = f"{chemin.name}, ligne {numero}"
            try:
                donnees = json.loads(ligne, parse_float=Decimal)
            except json.JSONDecodeError as exc:
                raise DonneesInvalides(
                    f"{origine} : JSON invalide ({exc.msg}, colonne {exc.colno}) ; chaque ligne "
                    "doit être un objet JSON complet"
                ) from None
            yield _enregistrement(donnees, origine)


def _lire_fichier(chemin: Path) -> list[Dossier | Avoir]:
    suffixe = chemin.suffix.lower()
    if suffixe in {".jsonl", ".ndjson"}:
        return list(lire_lignes_json(chemin))
    if suffixe in {".yaml", ".yml", ".json"}:
        from contentieux.lecture import lire_donnees

        return [_enregistrement(lire_donnees(chemin), chemin.name)]
    if suffixe == ".csv":
        return list(_lire_csv(chemin))
    raise DonneesInvalides(
        f"{chemin} : format non reconnu ; attendu un fichier .jsonl (un dossier par ligne), "
        ".yaml, .json, .csv (factures) ou un dossier qui en contient"
    )


def _lire_csv(chemin: Path) -> Iterable[Dossier]:
    """Factures CSV (une facture par ligne) : lues par le lecteur de la couche des lots ; une
    ligne invalide arrête la lecture (un indicateur calculé sans elle serait faux)."""
    import importlib

    try:
        entrees: Any = importlib.import_module("contentieux.lots.entrees")
    except ImportError:
        raise DonneesInvalides(
            f"{chemin} : la lecture des factures CSV relève de la couche des lots "
            "(contentieux.lots), absente de cette installation ; fournissez des dossiers en "
            "JSON lines"
        ) from None
    erreurs: list[ErreurChamp] = []
    dossiers: list[Dossier] = []
    for element in entrees.lire_entree(chemin):
        if element.est_valide:
            dossiers.append(element.dossier)
        else:
            erreurs += [ErreurChamp(element.source, e) for e in element.erreurs]
    if erreurs:
        raise DonneesInvalides(
            f"{chemin.name} : {len(erreurs)} erreur(s) ; corrigez-les, car un indicateur "
            "calculé sans ces factures serait faux\n  - "
            + "\n  - ".join(str(e) for e in erreurs[:20]),
            erreurs=erreurs,
        )
    return dossiers


def lire_grand_livre(chemin: str | Path) -> tuple[list[Dossier], list[Avoir]]:
    """Lit l'entrée du pilotage : JSON lines, CSV de factures, dossier YAML/JSON ou répertoire.

    Un répertoire est lu fichier par fichier (ordre alphabétique, fichiers cachés ignorés).
    """
    racine = Path(chemin)
    if not racine.exists():
        raise DonneesInvalides(
            f"{racine} : entrée introuvable ; indiquez un fichier .jsonl, .csv, .yaml ou un "
            "répertoire de dossiers"
        )
    fichiers = (
        sorted(
            p
            for p in racine.iterdir()
            if p.is_file()
            and not p.name.startswith(".")
            and p.suffix.lower() in {".jsonl", ".ndjson", ".yaml", ".yml", ".json", ".csv"}
        )
        if racine.is_dir()
        else [racine]
    )
    dossiers: list[Dossier] = []
    avoirs: list[Avoir] = []
    for fichier in fichiers:
        for element in _lire_fichier(fichier):
            (avoirs if isinstance(element, Avoir) else dossiers).append(element)  # type: ignore[arg-type]
    return dossiers, avoirs
