"""Indicateurs du poste clients : balance âgée, DSO, ADD, CEI, recouvrement, plans, étapes.

Chaque définition est écrite, avec un exemple calculé à la main, dans ``docs/pilotage.md``.
Les montants sont exacts (``Decimal``) et au centime ; les jours et pourcentages sont arrondis
**au dixième, demi-supérieur** (:func:`arrondir_dixieme`), une seule fois, à la fin du calcul.
Un indicateur impossible à calculer (aucune vente dans la fenêtre, dénominateur nul) vaut
``None`` et son ``motif`` dit pourquoi : jamais un zéro trompeur.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from pydantic import Field

from contentieux.droit.exigibilite import est_exigible
from contentieux.erreurs import ArgumentInvalide
from contentieux.modeles.base import Modele
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import (
    DemandeEnJustice,
    MiseEnDemeure,
    NatureDemande,
    ProcedureCollective,
)
from contentieux.modeles.parties import NatureMandataire
from contentieux.modeles.recevabilite import CodeVoie, Recevabilite
from contentieux.pilotage.grand_livre import ZERO, GrandLivre

DIXIEME = Decimal("0.1")
CENT = Decimal("100")
JOURS_DSO = 90
"""Fenêtre par défaut de la méthode du ratio (jours)."""
TRANCHES = ("non_echu", "j1_30", "j31_60", "j61_90", "j91_180", "plus_180")
LIBELLES_TRANCHES = {
    "non_echu": "Non échu",
    "j1_30": "1 à 30 j",
    "j31_60": "31 à 60 j",
    "j61_90": "61 à 90 j",
    "j91_180": "91 à 180 j",
    "plus_180": "Plus de 180 j",
    "non_affecte": "Crédits non affectés",
}
ETAPES = (
    "a_echoir",
    "relance",
    "mise_en_demeure",
    "agence",
    "injonction",
    "declaration",
    "prescrit",
)
LIBELLES_ETAPES = {
    "a_echoir": "Encours non échu",
    "relance": "Relance amiable",
    "mise_en_demeure": "Mise en demeure",
    "agence": "Mandat à une agence ou un commissaire de justice",
    "injonction": "Injonction de payer ou action en justice",
    "declaration": "Déclaration de créance (procédure collective)",
    "prescrit": "Prescrit",
}


def arrondir_dixieme(valeur: Decimal) -> Decimal:
    """Arrondi au dixième, demi-supérieur (jours et pourcentages).

    >>> arrondir_dixieme(Decimal("45.25")), arrondir_dixieme(Decimal("-0.05"))
    (Decimal('45.3'), Decimal('-0.1'))
    """
    return valeur.quantize(DIXIEME, rounding=ROUND_HALF_UP)


def tranche(jours_de_retard: int) -> str:
    """La tranche d'âge d'un solde selon ses jours de retard (``au − échéance``).

    >>> [tranche(j) for j in (0, 1, 30, 31, 90, 91, 180, 181)]
    ['non_echu', 'j1_30', 'j1_30', 'j31_60', 'j61_90', 'j91_180', 'j91_180', 'plus_180']
    """
    if jours_de_retard <= 0:
        return "non_echu"
    if jours_de_retard <= 30:
        return "j1_30"
    if jours_de_retard <= 60:
        return "j31_60"
    if jours_de_retard <= 90:
        return "j61_90"
    if jours_de_retard <= 180:
        return "j91_180"
    return "plus_180"


class Tranches(Modele):
    """Encours par ancienneté du retard ; ``non_affecte`` (négatif ou nul) : crédits à lettrer."""

    non_echu: Decimal = ZERO
    j1_30: Decimal = ZERO
    j31_60: Decimal = ZERO
    j61_90: Decimal = ZERO
    j91_180: Decimal = ZERO
    plus_180: Decimal = ZERO
    non_affecte: Decimal = ZERO
    total: Decimal = ZERO


class LigneBalance(Modele):
    """Balance âgée d'un débiteur."""

    debiteur: str
    dossiers: tuple[str, ...]
    tranches: Tranches


class BalanceAgee(Modele):
    """Balance âgée au jour ``au`` : une ligne par débiteur et le total."""

    au: dt.date
    lignes: tuple[LigneBalance, ...]
    total: Tranches


class Indicateur(Modele):
    """Un indicateur : sa valeur (``None`` si incalculable), son unité et comment il est obtenu."""

    code: str
    intitule: str
    valeur: Decimal | None
    unite: str = Field(description="« jours » ou « pourcent ».")
    motif: str = Field(description="Le calcul détaillé, ou pourquoi il est impossible.")


class PointDso(Modele):
    """DSO (méthode du ratio) à une fin de mois."""

    au: dt.date
    dso: Decimal | None


class Indicateurs(Modele):
    """Tous les indicateurs d'un grand livre au jour ``au``."""

    au: dt.date
    periode_debut: dt.date
    periode_fin: dt.date
    jours: int
    encours: Decimal
    encours_echu: Decimal
    balance: BalanceAgee
    dso: Indicateur
    dso_epuisement: Indicateur
    meilleur_dso: Indicateur
    add: Indicateur
    cei: Indicateur
    taux_recouvrement: Indicateur
    delai_moyen_recouvrement: Indicateur
    taux_reussite_plans: Indicateur
    dossiers_par_etape: dict[str, int]
    etapes_prescription_examinee: bool
    dso_mensuel: tuple[PointDso, ...]


def _cle_tri(nom: str) -> tuple[str, str]:
    """Tri alphabétique à la française : « Élec » entre « Bâti » et « Forêt »."""
    import unicodedata

    sans_accents = "".join(
        c for c in unicodedata.normalize("NFD", nom) if unicodedata.category(c) != "Mn"
    )
    return sans_accents.casefold(), nom


# --- balance âgée --------------------------------------------------------------------------------


def balance_agee(livre: GrandLivre, *, au: dt.date) -> BalanceAgee:
    """Balance âgée à la fin du jour ``au``, par débiteur (ordre alphabétique) et au total."""
    par_debiteur: dict[str, dict[str, Decimal]] = {}
    dossiers: dict[str, set[str]] = {}
    for f in livre.factures:
        if f.date_emission > au:
            continue
        solde = f.solde(au)
        if solde == 0:
            continue
        ligne = par_debiteur.setdefault(f.debiteur, {})
        cle = tranche((au - f.date_echeance).days)
        ligne[cle] = ligne.get(cle, ZERO) + solde
        dossiers.setdefault(f.debiteur, set()).add(f.dossier)
    for c in livre.non_affectes:
        if c.date <= au:
            ligne = par_debiteur.setdefault(c.debiteur, {})
            ligne["non_affecte"] = ligne.get("non_affecte", ZERO) - c.montant
            dossiers.setdefault(c.debiteur, set()).add(c.dossier)
    lignes = []
    total: dict[str, Decimal] = {}
    for debiteur in sorted(par_debiteur, key=_cle_tri):
        valeurs = par_debiteur[debiteur]
        for cle, montant in valeurs.items():
            total[cle] = total.get(cle, ZERO) + montant
        lignes.append(
            LigneBalance(
                debiteur=debiteur,
                dossiers=tuple(sorted(dossiers[debiteur])),
                tranches=Tranches(**valeurs, total=sum(valeurs.values(), ZERO)),
            )
        )
    return BalanceAgee(
        au=au, lignes=tuple(lignes), total=Tranches(**total, total=sum(total.values(), ZERO))
    )


# --- DSO -----------------------------------------------------------------------------------------


def _jours(valeur: Decimal | None) -> str:
    return "—" if valeur is None else f"{str(valeur).replace('.', ',')} j"


def _e(montant: Decimal) -> str:
    """Montant à la française dans les motifs (« 3 950,00 € »)."""
    from contentieux.francais import formater_montant

    return formater_montant(montant)


def _d(date: dt.date) -> str:
    """Date courte à la française dans les motifs (« 31/03/2026 »)."""
    return f"{date:%d/%m/%Y}"


def dso_ratio(livre: GrandLivre, *, au: dt.date, jours: int = JOURS_DSO) -> Indicateur:
    """DSO par la méthode du ratio : encours à ``au`` / ventes TTC des ``jours`` jours finissant
    à ``au`` (du ``au − jours + 1`` au ``au``) × ``jours``."""
    _verifier_jours(jours)
    encours = livre.encours(au)
    debut = au - dt.timedelta(days=jours - 1)
    ventes = livre.ventes(debut, au)
    if ventes <= 0:
        return Indicateur(
            code="dso",
            intitule=f"DSO (méthode du ratio, {jours} jours)",
            valeur=None,
            unite="jours",
            motif=f"aucune vente nette du {_d(debut)} au {_d(au)} "
            f"({_e(ventes)}) : le ratio n'a pas de sens",
        )
    valeur = arrondir_dixieme(encours / ventes * jours)
    return Indicateur(
        code="dso",
        intitule=f"DSO (méthode du ratio, {jours} jours)",
        valeur=valeur,
        unite="jours",
        motif=f"encours {_e(encours)} / ventes {_e(ventes)} (du {_d(debut)} au {_d(au)}) × {jours}",
    )


def meilleur_dso(livre: GrandLivre, *, au: dt.date, jours: int = JOURS_DSO) -> Indicateur:
    """Meilleur DSO possible : encours **non échu** à ``au`` / ventes des ``jours`` jours ×
    ``jours``."""
    _verifier_jours(jours)
    courant = livre.encours_non_echu(au)
    debut = au - dt.timedelta(days=jours - 1)
    ventes = livre.ventes(debut, au)
    intitule = f"Meilleur DSO possible (ratio, {jours} jours)"
    if ventes <= 0:
        return Indicateur(
            code="meilleur_dso",
            intitule=intitule,
            valeur=None,
            unite="jours",
            motif=f"aucune vente nette du {_d(debut)} au {_d(au)}",
        )
    return Indicateur(
        code="meilleur_dso",
        intitule=intitule,
        valeur=arrondir_dixieme(courant / ventes * jours),
        unite="jours",
        motif=f"encours non échu {_e(courant)} / ventes {_e(ventes)} × {jours}",
    )


def _add(
    dso: Indicateur, meilleur: Indicateur, livre: GrandLivre, au: dt.date, jours: int
) -> Indicateur:
    intitule = "ADD, retard moyen de paiement (DSO − meilleur DSO)"
    if dso.valeur is None or meilleur.valeur is None:
        return Indicateur(
            code="add", intitule=intitule, valeur=None, unite="jours", motif=dso.motif
        )
    debut = au - dt.timedelta(days=jours - 1)
    ventes = livre.ventes(debut, au)
    echu = livre.encours(au) - livre.encours_non_echu(au)
    # Calculé sur les valeurs exactes, puis arrondi une fois (pas la différence des arrondis).
    valeur = arrondir_dixieme(echu / ventes * jours)
    return Indicateur(
        code="add",
        intitule=intitule,
        valeur=valeur,
        unite="jours",
        motif=f"encours échu net {_e(echu)} / ventes {_e(ventes)} × {jours} "
        f"(DSO {_jours(dso.valeur)} − meilleur DSO {_jours(meilleur.valeur)}, à l'arrondi près)",
    )


def _fin_mois_precedent(jour: dt.date) -> dt.date:
    return jour.replace(day=1) - dt.timedelta(days=1)


def dso_epuisement(livre: GrandLivre, *, au: dt.date) -> Indicateur:
    """DSO par épuisement du chiffre d'affaires (*countback*).

    L'encours à ``au`` est épuisé par les ventes de chaque mois en remontant : le mois en cours
    compte du 1er au ``au`` ; un mois entièrement épuisé ajoute ses jours ; le dernier mois ajoute
    ses jours au prorata de l'encours restant sur ses ventes.
    """
    intitule = "DSO (méthode par épuisement du chiffre d'affaires)"
    reste = livre.encours(au)
    premiere = livre.premiere_date()
    if reste <= 0:
        return Indicateur(
            code="dso_epuisement",
            intitule=intitule,
            valeur=Decimal("0.0"),
            unite="jours",
            motif=f"encours net nul ou créditeur ({_e(reste)})",
        )
    total = ZERO
    fin = au
    etapes: list[str] = []
    debut_epuise = au
    while premiere is not None and fin >= premiere.replace(day=1):
        debut = fin.replace(day=1)
        jours_mois = (fin - debut).days + 1
        ventes = livre.ventes(debut, fin)
        if ventes > 0 and reste <= ventes:
            part = reste / ventes * jours_mois
            entiers = (
                f"{len(etapes)} mois épuisé(s) ({int(total)} j, depuis le {_d(debut_epuise)}) puis "
                if etapes
                else ""
            )
            total += part
            return Indicateur(
                code="dso_epuisement",
                intitule=intitule,
                valeur=arrondir_dixieme(total),
                unite="jours",
                motif=f"encours {_e(livre.encours(au))} : {entiers}{_e(reste)} / "
                f"{_e(ventes)} de ventes de {debut:%m/%Y} × {jours_mois} j",
            )
        total += jours_mois
        reste -= max(ventes, ZERO)
        etapes.append(debut.isoformat())
        debut_epuise = debut
        fin = _fin_mois_precedent(fin)
    return Indicateur(
        code="dso_epuisement",
        intitule=intitule,
        valeur=None,
        unite="jours",
        motif=f"les ventes connues n'épuisent pas l'encours (reste {_e(reste)} après "
        f"{total} jours) : historique des ventes insuffisant",
    )


# --- CEI, recouvrement, plans --------------------------------------------------------------------


def cei(livre: GrandLivre, *, debut: dt.date, fin: dt.date) -> Indicateur:
    """CEI (*collection effectiveness index*) sur la période du ``debut`` au ``fin`` inclus.

    (encours au début + ventes − encours à la fin) / (encours au début + ventes − encours non
    échu à la fin) × 100 ; « encours au début » : à la fin de la veille du ``debut``.
    """
    veille = debut - dt.timedelta(days=1)
    initial = livre.encours(veille)
    ventes = livre.ventes(debut, fin)
    final = livre.encours(fin)
    courant = livre.encours_non_echu(fin)
    numerateur = initial + ventes - final
    denominateur = initial + ventes - courant
    detail = (
        f"({_e(initial)} + {_e(ventes)} − {_e(final)}) / ({_e(initial)} + {_e(ventes)} − "
        f"{_e(courant)}) × 100"
    )
    if denominateur <= 0:
        return Indicateur(
            code="cei",
            intitule="CEI, efficacité du recouvrement",
            valeur=None,
            unite="pourcent",
            motif=f"rien à recouvrer sur la période : {detail}",
        )
    return Indicateur(
        code="cei",
        intitule="CEI, efficacité du recouvrement",
        valeur=arrondir_dixieme(numerateur / denominateur * CENT),
        unite="pourcent",
        motif=detail,
    )


def recouvrement(
    livre: GrandLivre, *, debut: dt.date, fin: dt.date
) -> tuple[Indicateur, Indicateur]:
    """Taux de recouvrement et délai moyen de recouvrement sur la période.

    - Base : pour chaque facture échue au plus tard la veille de ``fin``, son solde au moment
      où elle est échue dans la période (fin de la veille du ``debut`` si elle l'était déjà,
      sinon fin de son jour d'échéance).
    - Recouvré : les encaissements (pas les avoirs) de la période affectés à ces factures après
      leur échéance. Taux = recouvré / base × 100.
    - Délai : moyenne simple, sur les factures soldées dans la période après leur échéance, des
      jours entre l'échéance et le jour du solde.
    """
    veille = debut - dt.timedelta(days=1)
    base = ZERO
    recouvre = ZERO
    delais: list[int] = []
    for f in livre.factures:
        if not est_exigible(f, fin) or f.date_emission > fin:
            continue
        depart = max(veille, f.date_echeance)
        base += f.solde(depart)
        for r in f.reglements:
            if r.encaissement and debut <= r.date <= fin and est_exigible(f, r.date):
                recouvre += r.montant
        solde_le = f.date_solde()
        if solde_le is not None and debut <= solde_le <= fin and est_exigible(f, solde_le):
            delais.append((solde_le - f.date_echeance).days)
    if base <= 0:
        taux = Indicateur(
            code="taux_recouvrement",
            intitule="Taux de recouvrement des impayés",
            valeur=None,
            unite="pourcent",
            motif="aucun montant échu impayé sur la période",
        )
    else:
        taux = Indicateur(
            code="taux_recouvrement",
            intitule="Taux de recouvrement des impayés",
            valeur=arrondir_dixieme(recouvre / base * CENT),
            unite="pourcent",
            motif=f"encaissé après échéance {_e(recouvre)} / échu impayé {_e(base)} × 100",
        )
    if not delais:
        delai = Indicateur(
            code="delai_moyen_recouvrement",
            intitule="Délai moyen de recouvrement",
            valeur=None,
            unite="jours",
            motif="aucune facture soldée en retard sur la période",
        )
    else:
        delai = Indicateur(
            code="delai_moyen_recouvrement",
            intitule="Délai moyen de recouvrement",
            valeur=arrondir_dixieme(Decimal(sum(delais)) / len(delais)),
            unite="jours",
            motif=f"{sum(delais)} jours de retard / {len(delais)} facture(s) soldée(s) en retard",
        )
    return taux, delai


def taux_reussite_plans(livre: GrandLivre, *, au: dt.date) -> Indicateur:
    """Plans dont la dernière échéance est passée sans défaillance / plans dont la dernière
    échéance est passée (au jour ``au``)."""
    echus = [p for p in livre.plans if p.plan.date_derniere_echeance < au]
    reussis = [p for p in echus if p.plan.date_defaillance is None or p.plan.date_defaillance > au]
    intitule = "Taux de réussite des plans d'apurement"
    if not echus:
        return Indicateur(
            code="taux_reussite_plans",
            intitule=intitule,
            valeur=None,
            unite="pourcent",
            motif="aucun plan dont la dernière échéance est passée",
        )
    return Indicateur(
        code="taux_reussite_plans",
        intitule=intitule,
        valeur=arrondir_dixieme(Decimal(len(reussis)) / len(echus) * CENT),
        unite="pourcent",
        motif=f"{len(reussis)} plan(s) mené(s) à terme sans défaillance / {len(echus)} plan(s) "
        "arrivé(s) à terme",
    )


# --- étapes --------------------------------------------------------------------------------------


def etape_dossier(
    dossier: Dossier,
    *,
    au: dt.date,
    solde: Decimal,
    solde_echu: Decimal,
    recevabilite: Recevabilite | None = None,
) -> str | None:
    """L'étape de recouvrement d'un dossier au jour ``au`` (``None`` : rien à recouvrer).

    Ordre : procédure collective ouverte → « declaration » ; prescrit (d'après la recevabilité,
    si elle est fournie) → « prescrit » ; demande en justice → « injonction » ; mandataire →
    « agence » ; mise en demeure envoyée → « mise_en_demeure » ; encours échu → « relance » ;
    encours non échu → « a_echoir »."""
    if solde <= 0:
        return None
    for p in dossier.evenements_de_type(ProcedureCollective):
        if p.date_jugement_ouverture <= au and (p.date_cloture is None or p.date_cloture > au):
            return "declaration"
    if recevabilite is not None and recevabilite.voie.code is CodeVoie.AUCUNE:
        return "prescrit"
    demandes = [d for d in dossier.evenements_de_type(DemandeEnJustice) if d.date <= au]
    if demandes and any(d.nature is not NatureDemande.DECLARATION_CREANCE for d in demandes):
        return "injonction"
    if dossier.mandataire is not None and dossier.mandataire.nature in {
        NatureMandataire.AGENCE_RECOUVREMENT,
        NatureMandataire.COMMISSAIRE_DE_JUSTICE,
    }:
        return "agence"
    if any(m.date_envoi <= au for m in dossier.evenements_de_type(MiseEnDemeure)):
        return "mise_en_demeure"
    if solde_echu > 0:
        return "relance"
    return "a_echoir"


def dossiers_par_etape(
    dossiers: Iterable[Dossier],
    livre: GrandLivre,
    *,
    au: dt.date,
    recevabilites: Mapping[str, Recevabilite] | None = None,
) -> dict[str, int]:
    """Nombre de dossiers par étape (dossiers soldés exclus)."""
    soldes: dict[str, Decimal] = {}
    echus: dict[str, Decimal] = {}
    for f in livre.factures:
        s = f.solde(au)
        if s:
            soldes[f.dossier] = soldes.get(f.dossier, ZERO) + s
            if est_exigible(f, au):
                echus[f.dossier] = echus.get(f.dossier, ZERO) + s
    for c in livre.non_affectes:
        if c.date <= au:
            soldes[c.dossier] = soldes.get(c.dossier, ZERO) - c.montant
    compte = dict.fromkeys(ETAPES, 0)
    for d in dossiers:
        etape = etape_dossier(
            d,
            au=au,
            solde=soldes.get(d.reference, ZERO),
            solde_echu=echus.get(d.reference, ZERO),
            recevabilite=(recevabilites or {}).get(d.reference),
        )
        if etape is not None:
            compte[etape] += 1
    return compte


# --- ensemble ------------------------------------------------------------------------------------


def _verifier_jours(jours: int) -> None:
    if isinstance(jours, bool) or not isinstance(jours, int) or jours < 1:
        raise ArgumentInvalide(
            f"jours : un nombre entier de jours positif est attendu (reçu {jours!r}), par "
            "exemple 90",
            champ="jours",
        )


def fins_de_mois(au: dt.date, nombre: int = 12) -> list[dt.date]:
    """Les ``nombre`` dernières fins de mois jusqu'à ``au`` (``au`` lui-même en dernier).

    >>> fins_de_mois(dt.date(2026, 3, 15), 3)
    [datetime.date(2026, 1, 31), datetime.date(2026, 2, 28), datetime.date(2026, 3, 15)]
    """
    dates = [au]
    jour = au
    while len(dates) < nombre:
        jour = _fin_mois_precedent(jour)
        dates.append(jour)
    return sorted(dates)


def periode_par_defaut(au: dt.date) -> tuple[dt.date, dt.date]:
    """Période par défaut : le mois civil de ``au``, du 1er à ``au``."""
    return au.replace(day=1), au


def calculer_indicateurs(
    dossiers: Iterable[Dossier],
    livre: GrandLivre,
    *,
    au: dt.date,
    periode: tuple[dt.date, dt.date] | None = None,
    jours: int = JOURS_DSO,
    recevabilites: Mapping[str, Recevabilite] | None = None,
) -> Indicateurs:
    """Tous les indicateurs au jour ``au`` ; ``periode`` (début, fin inclus) pour le CEI et le
    recouvrement, par défaut le mois de ``au``. Sans ``recevabilites``, l'étape « prescrit »
    n'est pas examinée (le dit ``etapes_prescription_examinee``)."""
    if not isinstance(au, dt.date) or isinstance(au, dt.datetime):
        raise ArgumentInvalide(
            "au : une date (datetime.date) est attendue, par exemple date(2026, 6, 30)",
            champ="au",
        )
    _verifier_jours(jours)
    debut, fin = periode or periode_par_defaut(au)
    if debut > fin:
        raise ArgumentInvalide(
            f"periode : le début ({_d(debut)}) suit la fin ({fin.isoformat()}) ; "
            "écrivez DEBUT:FIN dans l'ordre",
            champ="periode",
        )
    dso = dso_ratio(livre, au=au, jours=jours)
    meilleur = meilleur_dso(livre, au=au, jours=jours)
    taux, delai = recouvrement(livre, debut=debut, fin=fin)
    encours = livre.encours(au)
    return Indicateurs(
        au=au,
        periode_debut=debut,
        periode_fin=fin,
        jours=jours,
        encours=encours,
        encours_echu=encours - livre.encours_non_echu(au),
        balance=balance_agee(livre, au=au),
        dso=dso,
        dso_epuisement=dso_epuisement(livre, au=au),
        meilleur_dso=meilleur,
        add=_add(dso, meilleur, livre, au, jours),
        cei=cei(livre, debut=debut, fin=fin),
        taux_recouvrement=taux,
        delai_moyen_recouvrement=delai,
        taux_reussite_plans=taux_reussite_plans(livre, au=au),
        dossiers_par_etape=dossiers_par_etape(dossiers, livre, au=au, recevabilites=recevabilites),
        etapes_prescription_examinee=recevabilites is not None,
        dso_mensuel=tuple(
            PointDso(au=d, dso=dso_ratio(livre, au=d, jours=jours).valeur) for d in fins_de_mois(au)
        ),
    )
