"""Prescription (et forclusion) de l'action en paiement, facture par facture.

Décision partagée : la recevabilité en fait un constat, le décompte en retire les factures
prescrites ou forcloses de ce qui peut être réclamé en justice (C. civ. 2249 ; k.8). Point
d'entrée : :func:`analyser_prescriptions`.

Délais lus dans les règles (``prescription.*``), jamais écrits ici :

- droit commun 5 ans (C. civ. 2224) ; entre commerçants ou avec un commerçant 5 ans (C. com.
  L110-4) ; professionnel contre consommateur 2 ans à compter de l'exécution de la prestation
  (C. consom. L218-2 ; Cass. com. 26 févr. 2020, n° 18-25.036) ; transport 1 an à compter de la
  livraison (C. com. L133-6) ; loyers d'habitation 3 ans (loi 89-462 art. 7-1) ; charges de
  copropriété 5 ans (loi 65-557 art. 42) ; communications électroniques 1 an (CPCE postes
  L34-2) ; titre exécutoire 10 ans (CPCE L111-4) ;
- crédit à la consommation : **forclusion** de 2 ans à compter du premier incident de paiement non
  régularisé (C. consom. R312-35) — ni suspendue ni interrompue, sauf par une action en justice ;
  après un rééchelonnement, elle court du premier incident qui le suit. Les paiements s'imputent
  sur les échéances les plus anciennes (C. civ. 1342-10 ; Cass. 1re civ. 28 oct. 2015,
  n° 14-23.267) : un paiement qui régularise la première échéance impayée reporte le point de
  départ à la suivante restée impayée. Une échéance régularisée après l'expiration du délai ne
  le fait pas renaître : la forclusion était acquise.

Chaque facture ou échéance prescrit à compter de sa propre date d'exigibilité (Cass. 1re civ.
11 févr. 2016) ; le capital restant dû à compter de la déchéance du terme. Interrompent et font
courir un nouveau délai de même durée (C. civ. 2231) : la reconnaissance du débiteur — un paiement
partiel, un plan d'apurement signé — (2240), la demande en justice jusqu'à l'extinction de
l'instance (2241, 2242), sauf désistement, péremption ou rejet définitif (2243), et l'acte
d'exécution forcée ou la mesure conservatoire (2244). La médiation ou la conciliation suspend
(2238) : le délai reprend pour ce qui restait, et au moins six mois. Délai butoir
(``prescription.delai_butoir``) à compter de la naissance du droit (2232), qui ne joue ni pour
2241 al. 1 ni pour 2244, ni pour le titre exécutoire (exceptions de 2232 al. 2 : à confirmer).
Une mise en demeure n'interrompt pas la prescription.

Un paiement partiel n'interrompt que pour les factures qu'il paie (C. civ. 2240 : il reconnaît la
dette payée) : celles que le débiteur a désignées ou, à défaut, les factures échues au jour du
paiement, la plus ancienne d'abord (1342-10), à hauteur du montant payé. Un plan d'apurement ou
une reconnaissance de dette signés interrompent pour tout ce qu'ils couvrent.

Débiteur acheteur public : la déchéance quadriennale (loi 68-1250 du 31 décembre 1968, art. 1 ;
``prescription.decheance_quadriennale``) éteint la créance sur une personne publique quatre ans
après le 1er janvier de l'année qui suit celle où les droits ont été acquis ; une réclamation
écrite à l'administration, un recours juridictionnel ou un paiement même partiel l'interrompent
(art. 2) et un nouveau délai court du 1er janvier suivant. La date la plus proche est retenue,
signalée « à confirmer » (qualité de personne publique, année d'acquisition des droits).

La date rendue est le dernier jour pour agir (CPC 641, sans la prorogation de l'art. 642 :
choix prudent, agissez au plus tard la veille d'un samedi, dimanche ou jour férié).
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from contentieux.delais import ajouter_annees, ajouter_jours, ajouter_mois
from contentieux.droit.citations import articles
from contentieux.droit.durees import duree
from contentieux.droit.exigibilite import date_exigibilite, est_exigible
from contentieux.droit.faits import chemin_evenement, chemin_facture, evenements
from contentieux.droit.faits import date_longue as formater
from contentieux.droit.imputation_factures import Cle, imputer_paiements
from contentieux.droit.qualites import est_commercant, est_relation_de_consommation
from contentieux.erreurs import RegleNonCouverte
from contentieux.francais import formater_montant as euros
from contentieux.modeles.creances import Creance, Facture, NatureCreance
from contentieux.modeles.dossier import Dossier, _date_evenement
from contentieux.modeles.evenements import (
    DemandeEnJustice,
    IssueDemande,
    Jugement,
    Mediation,
    MesureExecution,
    MiseEnDemeure,
    NatureDemande,
    Paiement,
    PlanApurement,
    ReconnaissanceDette,
)
from contentieux.modeles.parties import Qualite
from contentieux.modeles.recevabilite import DetailPrescription, PrescriptionFacture
from contentieux.regles import Regles, ValeurRegle

_ISSUES_NON_AVENUES = {
    IssueDemande.REJETEE_DEFINITIVEMENT: "rejetée définitivement",
    IssueDemande.DESISTEMENT: "suivie d'un désistement",
    IssueDemande.PEREMPTION: "périmée",
    IssueDemande.NON_AVENUE: "non avenue",
}

AVERTISSEMENT_QUADRIENNALE = (
    "débiteur public : déchéance quadriennale (loi 68-1250 du 31 décembre 1968) appliquée "
    "— à confirmer : elle ne vise que l'État, les collectivités territoriales et les "
    "établissements publics dotés d'un comptable public, et l'année d'acquisition des "
    "droits retenue (exécution, sinon émission) est une approximation prudente ; une "
    "réclamation écrite adressée à l'administration l'interrompt (art. 2)"
)

NOMBRE_FACTURES_CITEES = 5
"""Au-delà, une note d'imputation résume les factures payées (« et 12 autres »)."""


@dataclass(frozen=True)
class Regime:
    """Régime de prescription d'une créance."""

    identifiant: str
    intitule: str
    depart: str  # « exigibilite », « execution », « titre », « incident »
    forclusion: bool = False
    butoir: bool = True


_REGIMES = {
    "droit_commun": Regime("droit_commun", "prescription de droit commun", "exigibilite"),
    "commerciale": Regime("commerciale", "prescription commerciale", "exigibilite"),
    "consommateur": Regime(
        "consommateur", "prescription biennale contre un consommateur", "execution"
    ),
    "transport": Regime("transport", "prescription annale du contrat de transport", "execution"),
    "bail_habitation": Regime(
        "bail_habitation", "prescription triennale des loyers d'habitation", "exigibilite"
    ),
    "copropriete": Regime("copropriete", "prescription des charges de copropriété", "exigibilite"),
    "communications_electroniques": Regime(
        "communications_electroniques",
        "prescription annale des communications électroniques",
        "exigibilite",
    ),
    "titre_executoire": Regime(
        "titre_executoire", "délai d'exécution du titre exécutoire", "titre", butoir=False
    ),
    "credit_consommation_forclusion": Regime(
        "credit_consommation_forclusion",
        "forclusion du crédit à la consommation",
        "incident",
        forclusion=True,
        butoir=False,
    ),
}

_RANG = {
    ReconnaissanceDette: 0,
    Paiement: 1,
    PlanApurement: 2,
    DemandeEnJustice: 3,
    MesureExecution: 4,
    Mediation: 5,
}
"""Ordre des événements de même date (celui, historique, de leur examen)."""


@dataclass(frozen=True)
class AnalysePrescription:
    """Le détail de la prescription de chaque créance, facture par facture, au jour ``au``."""

    au: dt.date
    details: tuple[DetailPrescription, ...]
    faits_manquants: tuple[str, ...] = ()
    avertissements: tuple[str, ...] = ()
    imputations: dict[Cle, list[tuple[Paiement, Decimal]]] = field(default_factory=dict)
    """L'imputation du principal des paiements (C. civ. 1342-10) sur laquelle l'analyse repose,
    réutilisable (:func:`contentieux.recevabilite.montant.principal_utile`)."""

    def prescrites(self) -> frozenset[Cle]:
        """Couples (référence de la créance, numéro de facture) prescrits ou forclos."""
        return frozenset(
            (f.creance, f.numero) for d in self.details for f in d.par_facture if f.prescrite
        )

    def statut(self, creance: str, numero: str) -> bool | None:
        """Vrai si la facture est prescrite (ou forclose), faux si non, ``None`` si indéterminé."""
        for detail in self.details:
            if detail.creance == creance:
                for ligne in detail.par_facture:
                    if ligne.numero == numero:
                        return ligne.prescrite
        raise KeyError((creance, numero))


def determiner_regime(dossier: Dossier, creance: Creance, *, au: dt.date) -> Regime:
    """Le régime de prescription d'une créance, d'après sa nature et la qualité des parties."""
    if evenements(dossier, Jugement, creance, au=au):
        return _REGIMES["titre_executoire"]
    par_nature = {
        NatureCreance.CREDIT_CONSOMMATION: "credit_consommation_forclusion",
        NatureCreance.LOYER_HABITATION: "bail_habitation",
        NatureCreance.CHARGES_COPROPRIETE: "copropriete",
        NatureCreance.TRANSPORT: "transport",
        NatureCreance.COMMUNICATIONS_ELECTRONIQUES: "communications_electroniques",
    }
    if creance.nature in par_nature:
        return _REGIMES[par_nature[creance.nature]]
    if (
        est_relation_de_consommation(dossier.creancier, dossier.debiteur)
        and creance.nature
        in {
            NatureCreance.VENTE_BIENS,
            NatureCreance.PRESTATION_SERVICES,
            NatureCreance.TRAVAUX,
            NatureCreance.AUTRE,
        }
    ):
        return _REGIMES["consommateur"]
    if est_commercant(dossier.creancier) or est_commercant(dossier.debiteur):
        return _REGIMES["commerciale"]
    return _REGIMES["droit_commun"]


def date_prescription_au_plus_tot(
    dossier: Dossier, creance: Creance, *, au: dt.date, regles: Regles
) -> dt.date | None:
    """Le dernier jour pour agir le plus précoce que l'analyse pourrait trouver pour une facture
    de ``creance`` : tant que ``au`` ne le dépasse pas, aucune n'est prescrite, forclose ou
    déchue, et :func:`analyser_prescriptions` est inutile. ``None`` si une durée manque aux
    règles (ou n'est pas en années) : seule l'analyse complète peut alors décider.

    Borne sans examen des événements, tirée des règles de l'analyse : aucun délai ne court avant
    la plus ancienne date connue d'une facture (émission, exécution, ou déchéance du terme
    prononcée) — le point de départ est l'exigibilité, l'exécution, le titre ou un incident de
    paiement, tous postérieurs —, et aucun événement ne raccourcit un délai (C. civ. 2231, 2238,
    2240 à 2244 l'allongent ; le délai butoir de 2232 est plus long que chacun). La durée est
    celle du régime (:func:`determiner_regime`) lue au jour ``au`` ; envers un acheteur public
    hors titre exécutoire, la déchéance quadriennale (loi 68-1250 art. 1) si elle est plus
    courte, son terme (31 décembre de la quatrième année qui suit) n'étant jamais avant
    l'anniversaire.
    """
    regime = determiner_regime(dossier, creance, au=au)
    identifiants = [f"prescription.{regime.identifiant}"]
    if (
        dossier.debiteur.qualite is Qualite.ACHETEUR_PUBLIC
        and regime.identifiant != "titre_executoire"
    ):
        identifiants.append("prescription.decheance_quadriennale")
    durees: list[int] = []
    for identifiant in identifiants:
        try:
            valeur = regles.valeur(identifiant, au=au)
        except RegleNonCouverte:
            return None
        if valeur.unite != "annees" or not isinstance(valeur.valeur, Decimal):
            return None
        durees.append(int(valeur.valeur))
    dates = [d for f in creance.factures for d in (f.date_emission, f.date_execution) if d]
    if creance.date_decheance_terme is not None:
        dates.append(creance.date_decheance_terme)
    return ajouter_annees(min(dates), min(durees))


@dataclass
class _Calcul:
    fin: dt.date | None
    butoir: dt.date | None
    notes: list[str]
    manquants: list[str]
    ne_court_pas: str | None = None
    butoir_annees: int = 0
    fondements: list[str] = field(default_factory=list)
    """Articles appliqués par les événements examinés (2242, 2243, 2250…)."""


@dataclass
class _Contexte:
    """Ce qui se calcule une fois par créance (événements triés, titre, incident)."""

    autres: list[tuple[dt.date, int, object]]
    jugement: Jugement | None
    decheance: dt.date | None
    incident: dt.date | None = None
    incident_connu: bool = False
    notes_incident: list[str] = field(default_factory=list)
    couvertes: dict[int, frozenset[str]] = field(default_factory=dict)
    """Par reconnaissance chiffrée (id), les factures qu'elle couvre (C. civ. 2240)."""
    avertissements: list[str] = field(default_factory=list)


def _date(ev: object) -> dt.date:
    return ev.date_debut if isinstance(ev, Mediation) else _date_evenement(ev)


def _contexte(dossier: Dossier, creance: Creance, *, au: dt.date) -> _Contexte:
    autres: list[tuple[dt.date, int, object]] = []
    for type_ in (ReconnaissanceDette, PlanApurement, DemandeEnJustice, MesureExecution, Mediation):
        for ev in evenements(dossier, type_, creance, au=au):
            autres.append((_date(ev), _RANG[type_], ev))
    autres.sort(key=lambda t: (t[0], t[1]))
    jugements = evenements(dossier, Jugement, creance, au=au)
    decheance = creance.date_decheance_terme
    if decheance is not None and decheance > au:
        decheance = None
    contexte = _Contexte(
        autres=autres, jugement=jugements[-1] if jugements else None, decheance=decheance
    )
    for reconnaissance in evenements(dossier, ReconnaissanceDette, creance, au=au):
        _couverture(creance, reconnaissance, contexte)
    return contexte


def _couverture(creance: Creance, ev: ReconnaissanceDette, contexte: _Contexte) -> None:
    """Factures couvertes par une reconnaissance chiffrée (docs/droit.md k.10).

    Lecture prudente, facture par facture : le montant reconnu couvre les factures nommées (ou,
    à défaut, toutes celles de la créance) dans l'ordre de leur exigibilité, la plus ancienne
    d'abord ; les suivantes, au-delà du montant, peuvent ne pas être couvertes et ne sont pas
    tenues pour interrompues (C. civ. 2240 : la reconnaissance n'interrompt que pour ce qu'elle
    reconnaît). Une reconnaissance qui en paie un compte courant entier peut être lue autrement
    (Cass. 1re civ. 25 févr. 2016) : le résultat le signale."""
    if ev.montant is None:
        return
    nommees = set(ev.factures)
    visees = sorted(
        (
            (date_exigibilite(f.date_echeance, contexte.decheance), i, f)
            for i, f in enumerate(creance.factures)
            if not nommees or f.numero in nommees
        ),
    )
    total = sum((f.montant_ttc for _d, _i, f in visees), start=Decimal("0"))
    if ev.montant >= total:
        return
    reste = ev.montant
    couvertes: list[str] = []
    hors: list[str] = []
    for _d, _i, facture in visees:
        if reste > 0:
            couvertes.append(facture.numero)
            reste -= facture.montant_ttc
        else:
            hors.append(facture.numero)
    contexte.couvertes[id(ev)] = frozenset(couvertes)
    contexte.avertissements.append(
        f"reconnaissance de dette du {formater(ev.date)} pour {euros(ev.montant)}, inférieure "
        f"aux factures qu'elle vise ({euros(total)}) : elle n'interrompt que pour ce qu'elle "
        f"reconnaît (C. civ. 2240) ; peuvent ne pas être couvertes : {_enumerer(hors) or 'aucune'} "
        "(lecture prudente, facture par facture, la plus ancienne d'abord ; une reconnaissance "
        "du compte entier peut être plaidée : Cass. 1re civ. 25 févr. 2016)"
    )


def _calculer(
    dossier: Dossier,
    facture: Facture,
    regime: Regime,
    depart: dt.date,
    annees: int,
    reprise_mois: int,
    *,
    au: dt.date,
    butoir_annees: int | None,
    contexte: _Contexte,
    payes: Iterable[Paiement],
) -> _Calcul:
    """Le délai d'une facture depuis son point de départ, déplacé par chaque événement dans
    l'ordre des dates : interruption par reconnaissance ou paiement (C. civ. 2240), par la
    demande en justice (2241 à 2243) ou l'acte d'exécution (2244), suspension par la médiation
    (2238), sous le délai butoir (2232) ; un nouveau délai de même durée court (2231)."""
    fin: dt.date | None = ajouter_annees(depart, annees)
    butoir = ajouter_annees(depart, butoir_annees) if regime.butoir and butoir_annees else None
    calcul = _Calcul(
        fin=fin, butoir=butoir, notes=[], manquants=[], butoir_annees=butoir_annees or 0
    )
    paiements = ((p.date, _RANG[Paiement], p) for p in payes)
    for date, _rang, ev in heapq.merge(contexte.autres, paiements, key=lambda t: (t[0], t[1])):
        if calcul.fin is None:
            break
        if date < depart or _sans_effet(ev, date, facture, regime, contexte, calcul):
            continue
        libelle = _libelle(ev)
        if isinstance(ev, ReconnaissanceDette | Paiement | PlanApurement):
            _reconnaissance(ev, date, libelle, facture, annees, calcul)
        elif isinstance(ev, MesureExecution):
            calcul.fin = max(calcul.fin, ajouter_annees(date, annees))
            calcul.notes.append(
                f"{libelle} : interruption (C. civ. 2244) ; nouveau délai jusqu'au "
                f"{formater(calcul.fin)}"
            )
        elif isinstance(ev, DemandeEnJustice):
            _demande(dossier, ev, libelle, annees, calcul)
        elif isinstance(ev, Mediation):
            _mediation(ev, libelle, facture, reprise_mois, calcul, au=au)
    return calcul


def _sans_effet(
    ev: object,
    date: dt.date,
    facture: Facture,
    regime: Regime,
    contexte: _Contexte,
    calcul: _Calcul,
) -> bool:
    """Vrai si l'événement ne déplace pas le délai de cette facture, la note disant pourquoi :
    reconnaissance chiffrée qui ne la couvre pas (C. civ. 2240), forclusion que seule l'action
    en justice interrompt (C. consom. R312-35), délai déjà expiré (une reconnaissance peut alors
    valoir renonciation, C. civ. 2250 et 2251)."""
    assert calcul.fin is not None
    libelle = _libelle(ev)
    couvertes = contexte.couvertes.get(id(ev))
    if couvertes is not None and facture.numero not in couvertes:
        calcul.notes.append(
            f"{libelle} : son montant ne couvre pas {facture.numero} (C. civ. 2240, "
            "lecture prudente) ; sans effet interruptif pour cette facture"
        )
        return True
    if regime.forclusion and not isinstance(ev, DemandeEnJustice):
        calcul.notes.append(
            f"{libelle} : sans effet sur un délai de forclusion, que seule une action en "
            "justice interrompt (C. consom. R312-35)"
        )
        return True
    if date > calcul.fin:
        effet = "sans effet : le délai était déjà expiré"
        if isinstance(ev, ReconnaissanceDette | Paiement | PlanApurement):
            effet += (
                " (une reconnaissance postérieure peut valoir renonciation à la prescription "
                "acquise, C. civ. 2250 et 2251)"
            )
            calcul.fondements.extend(("C. civ. 2250", "C. civ. 2251"))
        calcul.notes.append(f"{libelle} : {effet}")
        return True
    return False


def _reconnaissance(
    ev: ReconnaissanceDette | Paiement | PlanApurement,
    date: dt.date,
    libelle: str,
    facture: Facture,
    annees: int,
    calcul: _Calcul,
) -> None:
    """Reconnaissance du débiteur — reconnaissance de dette, paiement de la facture, plan
    d'apurement — : interruption, nouveau délai de même durée (C. civ. 2240, 2231), plafonné au
    délai butoir (2232)."""
    assert calcul.fin is not None
    brute = ajouter_annees(date, annees)
    calcul.fin = max(calcul.fin, _plafonner(brute, calcul.butoir))
    objet = (
        f"reconnaissance de la dette qu'il paie ({facture.numero})"
        if isinstance(ev, Paiement)
        else "reconnaissance du droit du créancier"
    )
    calcul.notes.append(
        f"{libelle} : {objet}, interruption (C. civ. 2240) ; "
        f"nouveau délai jusqu'au {formater(calcul.fin)}"
        + _note_butoir(brute, calcul.butoir, calcul.butoir_annees, facture.numero)
    )


def _mediation(
    ev: Mediation,
    libelle: str,
    facture: Facture,
    reprise_mois: int,
    calcul: _Calcul,
    *,
    au: dt.date,
) -> None:
    """Médiation ou conciliation (C. civ. 2238) : en cours, le délai ne court pas ; terminée, il
    reprend pour ce qui restait, et au moins ``reprise_mois`` mois, sous le butoir (2232)."""
    assert calcul.fin is not None
    if ev.date_fin is None or ev.date_fin > au:
        calcul.fin = None
        calcul.ne_court_pas = (
            f"suspendue depuis le {formater(ev.date_debut)} par une "
            f"{ev.nature.value.replace('_', ' ')} en cours (C. civ. 2238)"
        )
        calcul.notes.append(f"{libelle} : suspension en cours (C. civ. 2238)")
        return
    restant = (calcul.fin - ev.date_debut).days
    reprise = max(ajouter_jours(ev.date_fin, restant), ajouter_mois(ev.date_fin, reprise_mois))
    calcul.fin = max(calcul.fin, _plafonner(reprise, calcul.butoir))
    calcul.notes.append(
        f"{libelle}, terminée le {formater(ev.date_fin)} : suspension (C. civ. 2238), "
        f"il restait {restant} jours, au moins {reprise_mois} mois après la fin ; "
        f"nouveau délai jusqu'au {formater(calcul.fin)}"
        + _note_butoir(reprise, calcul.butoir, calcul.butoir_annees, facture.numero)
    )


def _demande(
    dossier: Dossier, ev: DemandeEnJustice, libelle: str, annees: int, calcul: _Calcul
) -> None:
    assert calcul.fin is not None
    if ev.nature is NatureDemande.REQUETE_INJONCTION:
        calcul.notes.append(
            f"{libelle} : le dépôt de la requête n'interrompt pas ; seule la signification de "
            "l'ordonnance le fait (Cass. 10 juil. 1990, n° 89-13.345)"
        )
        return
    if ev.issue in _ISSUES_NON_AVENUES:
        calcul.fondements.append("C. civ. 2243")
        calcul.notes.append(
            f"{libelle} {_ISSUES_NON_AVENUES[ev.issue]} : interruption non avenue (C. civ. 2243)"
        )
        return
    calcul.fondements.append("C. civ. 2242")
    if ev.date_fin_instance is None:
        if ev.issue is IssueDemande.EN_COURS:
            calcul.ne_court_pas = (
                f"interrompue par la demande en justice du {formater(ev.date)} jusqu'à "
                "l'extinction de l'instance (C. civ. 2241, 2242)"
            )
            calcul.notes.append(f"{libelle} : interruption jusqu'à l'extinction de l'instance")
        else:
            calcul.manquants.append(f"{chemin_evenement(dossier, ev)}.date_fin_instance")
            calcul.notes.append(f"{libelle} : date de fin de l'instance inconnue")
        calcul.fin = None
        return
    calcul.fin = max(calcul.fin, ajouter_annees(ev.date_fin_instance, annees))
    calcul.notes.append(
        f"{libelle} : interruption jusqu'à la fin de l'instance le "
        f"{formater(ev.date_fin_instance)} (C. civ. 2241, 2242) ; nouveau délai jusqu'au "
        f"{formater(calcul.fin)}"
    )


def _plafonner(date: dt.date, butoir: dt.date | None) -> dt.date:
    return min(date, butoir) if butoir is not None else date


def _note_butoir(brute: dt.date, butoir: dt.date | None, annees: int, numero: str) -> str:
    if butoir is None or brute <= butoir:
        return ""
    return (
        f" — plafonné pour {numero} au {formater(butoir)} par le délai butoir de {annees} ans "
        "à compter de la naissance du droit (C. civ. 2232)"
    )


def _fin_annee(annee: int) -> dt.date:
    """31 décembre de l'année : dernier jour d'un délai qui court du 1er janvier suivant."""
    return dt.date(annee, 12, 31)


def _faits_quadriennale(
    dossier: Dossier, creance: Creance, *, au: dt.date
) -> list[tuple[dt.date, str]]:
    """Faits qui interrompent la déchéance quadriennale (loi 68-1250 art. 2), triés par date :
    réclamation écrite, paiement même partiel, recours juridictionnel."""
    faits: list[tuple[dt.date, str]] = []
    for med in evenements(dossier, MiseEnDemeure, creance, au=au):
        faits.append((med.date_envoi, f"réclamation écrite du {formater(med.date_envoi)}"))
    for paiement in evenements(dossier, Paiement, creance, au=au):
        faits.append((paiement.date, f"paiement du {formater(paiement.date)}"))
    for demande in evenements(dossier, DemandeEnJustice, creance, au=au):
        faits.append((demande.date, f"recours juridictionnel du {formater(demande.date)}"))
    faits.sort()
    return faits


def _quadriennale(
    facture: Facture, annees: int, faits: list[tuple[dt.date, str]]
) -> tuple[dt.date, list[str]]:
    """Dernier jour avant la déchéance quadriennale (loi 68-1250, art. 1 et 2) : à confirmer.

    Droits réputés acquis l'année de l'exécution (ou, à défaut, de l'émission de la facture) :
    la plus ancienne des deux dates connues, choix prudent. Le délai court du 1er janvier suivant
    et expire le 31 décembre de la quatrième année ; une réclamation écrite (mise en demeure), un
    recours juridictionnel ou un paiement même partiel l'interrompent (art. 2) et un nouveau délai
    court du 1er janvier qui suit l'interruption. ``faits`` : triés par date.
    """
    connues = [d for d in (facture.date_execution, facture.date_emission) if d is not None]
    acquis = min(connues)
    fin = _fin_annee(acquis.year + annees)
    notes: list[str] = []
    for date, libelle in faits[bisect.bisect_left(faits, (acquis, "")) :]:
        if date > fin:
            break
        fin = max(fin, _fin_annee(date.year + annees))
        notes.append(
            f"{libelle} : interrompt la déchéance quadriennale (loi 68-1250 art. 2), nouveau "
            f"délai jusqu'au {formater(fin)} (à confirmer)"
        )
    return fin, notes


def _libelle(ev: object) -> str:
    if isinstance(ev, Paiement):
        return f"paiement partiel du {formater(ev.date)}"
    if isinstance(ev, ReconnaissanceDette):
        return f"reconnaissance de dette du {formater(ev.date)}"
    if isinstance(ev, PlanApurement):
        return f"plan d'apurement signé le {formater(ev.date)}"
    if isinstance(ev, MesureExecution):
        return f"{ev.nature} du {formater(ev.date)}"
    if isinstance(ev, DemandeEnJustice):
        return f"demande en justice ({ev.nature.value.replace('_', ' ')}) du {formater(ev.date)}"
    if isinstance(ev, Mediation):
        return f"{ev.nature.value.replace('_', ' ')} ouverte le {formater(ev.date_debut)}"
    return str(ev)


def _premier_incident(
    dossier: Dossier,
    creance: Creance,
    contexte: _Contexte,
    imputations: dict[Cle, list[tuple[Paiement, Decimal]]],
    regles: Regles,
    *,
    au: dt.date,
) -> None:
    """Premier incident de paiement non régularisé (C. consom. R312-35 ; k.1).

    Les paiements reçus sont imputés sur les échéances les plus anciennes (imputation partagée,
    C. civ. 1342-10). Une échéance échue et soldée avant l'expiration du délai compté depuis son
    échéance est régularisée : le délai ne court pas d'elle. La première échéance échue restée
    impayée au jour ``au`` — ou soldée trop tard, la forclusion étant déjà acquise — fixe le
    point de départ. Aucune : pas d'incident, la forclusion ne court pas.
    """
    contexte.incident_connu = True
    plans = evenements(dossier, PlanApurement, creance, au=au)
    if plans:
        contexte.incident = plans[-1].date_defaillance  # None : rééchelonnement respecté
        if contexte.incident is None:
            contexte.notes_incident.append(
                "rééchelonnement respecté : aucun incident de paiement, la forclusion ne court "
                "pas (C. consom. R312-35)"
            )
        return
    identifiant = "prescription.credit_consommation_forclusion"
    echeances = sorted(
        (date_exigibilite(f.date_echeance, contexte.decheance), i, f)
        for i, f in enumerate(creance.factures)
    )
    regularisees: list[str] = []
    for exigible, _i, facture in echeances:
        if not est_exigible(facture, au, decheance=contexte.decheance):
            break
        parts = imputations.get((creance.reference, facture.numero), [])
        paye = sum((part for _p, part in parts), start=Decimal("0"))
        if paye < facture.montant_ttc:
            contexte.incident = exigible
            contexte.notes_incident.append(
                f"premier incident de paiement non régularisé : échéance {facture.numero} du "
                f"{formater(exigible)}"
                + (f", payée en partie ({paye} €)" if paye else "")
                + " ; les paiements sont imputés sur les échéances les plus anciennes "
                "(C. civ. 1342-10) ; point de départ de la forclusion (C. consom. R312-35)"
            )
            break
        soldee_le = parts[-1][0].date if parts else exigible
        if soldee_le > exigible:
            try:
                annees = duree(regles, identifiant, au=exigible)[0]
            except RegleNonCouverte:
                annees = 0
            if annees and soldee_le > ajouter_annees(exigible, annees):
                contexte.incident = exigible
                contexte.notes_incident.append(
                    f"échéance {facture.numero} du {formater(exigible)} régularisée le "
                    f"{formater(soldee_le)}, après l'expiration du délai de forclusion : "
                    "la forclusion était acquise (C. consom. R312-35)"
                )
                break
            regularisees.append(f"{facture.numero} (le {formater(soldee_le)})")
    if regularisees:
        contexte.notes_incident.insert(
            0,
            "échéances impayées puis régularisées par imputation des paiements sur les plus "
            "anciennes (C. civ. 1342-10) : "
            + _enumerer(regularisees)
            + " ; la forclusion ne court pas de ces incidents (C. consom. R312-35)",
        )
    if contexte.incident is None:
        contexte.notes_incident.append(
            "aucun incident de paiement non régularisé au jour de l'évaluation : la forclusion "
            "ne court pas (C. consom. R312-35)"
        )


def _enumerer(elements: list[str]) -> str:
    """Liste lisible, bornée à :data:`NOMBRE_FACTURES_CITEES` éléments (« … et 3 autres »)."""
    if len(elements) <= NOMBRE_FACTURES_CITEES:
        return ", ".join(elements)
    reste = len(elements) - NOMBRE_FACTURES_CITEES
    return ", ".join(elements[:NOMBRE_FACTURES_CITEES]) + f" et {reste} autre{'s' * (reste > 1)}"


def _depart(
    dossier: Dossier,
    creance: Creance,
    index: int,
    facture: Facture,
    regime: Regime,
    contexte: _Contexte,
) -> tuple[dt.date | None, str | None]:
    """Point de départ et, s'il manque, le chemin du fait à fournir."""
    if regime.depart == "titre":
        jugement = contexte.jugement
        assert jugement is not None
        if jugement.date_caractere_executoire is None:
            return None, f"{chemin_evenement(dossier, jugement)}.date_caractere_executoire"
        return jugement.date_caractere_executoire, None
    if regime.depart == "execution":
        if facture.date_execution is None:
            return None, f"{chemin_facture(dossier, creance, facture, index)}.date_execution"
        return facture.date_execution, None
    if regime.depart == "incident":
        return contexte.incident, None
    return date_exigibilite(facture.date_echeance, contexte.decheance), None


def analyser_prescriptions(dossier: Dossier, *, au: dt.date, regles: Regles) -> AnalysePrescription:
    """Prescription (ou forclusion) de chaque facture de chaque créance au jour ``au``.

    Rend le détail par créance (régime, durée, prochaine date, événements qui l'ont déplacée,
    lignes par facture), les faits manquants et les avertissements. Aucune exception pour un
    résultat défavorable ; une durée absente des règles est un avertissement et laisse la
    facture indéterminée.
    """
    details: list[DetailPrescription] = []
    manquants: list[str] = []
    avertissements: list[str] = []
    imputations = imputer_paiements(dossier, au=au)
    for creance in dossier.creances:
        details.append(
            _analyser_creance(dossier, creance, au, regles, manquants, avertissements, imputations)
        )
    if dossier.debiteur.qualite is Qualite.ACHETEUR_PUBLIC:
        avertissements.append(AVERTISSEMENT_QUADRIENNALE)
    return AnalysePrescription(
        au=au,
        details=tuple(details),
        faits_manquants=tuple(dict.fromkeys(manquants)),
        avertissements=tuple(dict.fromkeys(avertissements)),
        imputations=imputations,
    )


def _notes_paiements(
    dossier: Dossier,
    creance: Creance,
    imputations: dict[Cle, list[tuple[Paiement, Decimal]]],
    *,
    au: dt.date,
) -> list[str]:
    """Une note par paiement : les factures de la créance sur lesquelles il s'impute, pour
    lesquelles seules il interrompt (C. civ. 2240)."""
    par_paiement: dict[int, list[str]] = {}
    for facture in creance.factures:
        for paiement, _part in imputations.get((creance.reference, facture.numero), ()):
            par_paiement.setdefault(id(paiement), []).append(facture.numero)
    notes: list[str] = []
    for paiement in evenements(dossier, Paiement, creance, au=au):
        numeros = par_paiement.get(id(paiement))
        libelle = _libelle(paiement)
        if numeros is None:
            notes.append(
                f"{libelle} : imputé sur d'autres créances (désignation du débiteur, sinon "
                f"C. civ. 1342-10) ; sans effet interruptif pour {creance.reference}"
            )
        elif len(numeros) < len(creance.factures):
            autres = len(creance.factures) - len(numeros)
            if autres <= NOMBRE_FACTURES_CITEES:
                payees = set(numeros)
                sans_effet = ", ".join(f.numero for f in creance.factures if f.numero not in payees)
            else:
                sans_effet = f"les {autres} autres factures"
            notes.append(
                f"{libelle} : imputé sur {_enumerer(numeros)} (désignation du débiteur, sinon "
                f"C. civ. 1342-10) ; sans effet interruptif pour {sans_effet}"
            )
    return notes


@dataclass
class _AnalyseCreance:
    """L'analyse d'une créance en cours, facture par facture : ce qui se calcule une fois (régime,
    contexte, déchéance quadriennale) et ce qui s'accumule (lignes, notes, articles appliqués)."""

    dossier: Dossier
    creance: Creance
    au: dt.date
    regles: Regles
    regime: Regime
    contexte: _Contexte
    imputations: dict[Cle, list[tuple[Paiement, Decimal]]]
    fondement: str
    """Le fondement de la durée (lu dans les règles), celui de la dernière facture datée."""
    quadriennale: bool
    faits_quadriennale: list[tuple[dt.date, str]]
    notes: dict[str, None]
    duree_texte: str = ""
    lignes: list[PrescriptionFacture] = field(default_factory=list)
    appliques: dict[str, None] = field(default_factory=dict)
    neutres: dict[str, None] = field(default_factory=dict)
    par_quadriennale: bool = False
    lues: dict[dt.date, _Durees] = field(default_factory=dict)

    @property
    def identifiant(self) -> str:
        """L'identifiant de la durée dans les règles (``prescription.<régime>``)."""
        return f"prescription.{self.regime.identifiant}"


@dataclass(frozen=True)
class _Durees:
    """Les durées en vigueur à un point de départ : le délai du régime (et sa valeur, pour son
    fondement), la reprise minimale après une suspension (C. civ. 2238), le délai butoir
    (C. civ. 2232, ``None`` si le régime y échappe) et la déchéance quadriennale (loi 68-1250,
    ``None`` hors débiteur public)."""

    annees: int
    valeur: ValeurRegle
    reprise_mois: int
    butoir: int | None
    quadriennale: int | None


def _analyser_creance(
    dossier: Dossier,
    creance: Creance,
    au: dt.date,
    regles: Regles,
    manquants: list[str],
    avertissements: list[str],
    imputations: dict[Cle, list[tuple[Paiement, Decimal]]],
) -> DetailPrescription:
    """Le détail de la prescription d'une créance : son régime, puis chaque facture (point de
    départ, durée, interruptions et suspensions, butoir, déchéance quadriennale), puis la
    prochaine date et les articles appliqués. ``manquants`` et ``avertissements`` s'allongent."""
    analyse = _ouvrir_analyse(dossier, creance, au, regles, imputations)
    avertissements.extend(analyse.contexte.avertissements)
    for index, facture in enumerate(creance.factures):
        _analyser_facture(analyse, index, facture, manquants, avertissements)
    return _conclure(analyse)


def _ouvrir_analyse(
    dossier: Dossier,
    creance: Creance,
    au: dt.date,
    regles: Regles,
    imputations: dict[Cle, list[tuple[Paiement, Decimal]]],
) -> _AnalyseCreance:
    """Ce qui vaut pour toutes les factures d'une créance : le régime selon la nature et la
    qualité des parties (:func:`determiner_regime`), le premier incident d'un crédit à la
    consommation (C. consom. R312-35), les paiements et ce qu'ils interrompent (C. civ. 2240),
    et, contre un acheteur public hors titre exécutoire, les faits qui interrompent la
    déchéance quadriennale (loi 68-1250, art. 2)."""
    regime = determiner_regime(dossier, creance, au=au)
    contexte = _contexte(dossier, creance, au=au)
    if regime.depart == "incident":
        _premier_incident(dossier, creance, contexte, imputations, regles, au=au)
    notes: dict[str, None] = dict.fromkeys(contexte.notes_incident)
    if not regime.forclusion:
        notes.update(dict.fromkeys(_notes_paiements(dossier, creance, imputations, au=au)))
    try:
        fondement = regles.parametre(f"prescription.{regime.identifiant}").fondement
    except RegleNonCouverte:
        fondement = ""
    quadriennale = (
        dossier.debiteur.qualite is Qualite.ACHETEUR_PUBLIC
        and regime.identifiant != "titre_executoire"
    )
    return _AnalyseCreance(
        dossier=dossier,
        creance=creance,
        au=au,
        regles=regles,
        regime=regime,
        contexte=contexte,
        imputations=imputations,
        fondement=fondement,
        quadriennale=quadriennale,
        faits_quadriennale=_faits_quadriennale(dossier, creance, au=au) if quadriennale else [],
        notes=notes,
    )


def _durees(analyse: _AnalyseCreance, depart: dt.date) -> _Durees:
    """Les durées en vigueur au point de départ, lues une fois par date dans l'analyse : délai du
    régime, reprise après suspension (C. civ. 2238), butoir (C. civ. 2232), déchéance
    quadriennale (loi 68-1250). Lève ``RegleNonCouverte`` si l'une manque à cette date."""
    if depart not in analyse.lues:
        regles = analyse.regles
        annees, valeur = duree(regles, analyse.identifiant, au=depart)
        reprise = duree(regles, "prescription.reprise_suspension_mois", au=depart)[0]
        butoir = (
            duree(regles, "prescription.delai_butoir", au=depart)[0]
            if analyse.regime.butoir
            else None
        )
        annees_q = (
            duree(regles, "prescription.decheance_quadriennale", au=depart)[0]
            if analyse.quadriennale
            else None
        )
        analyse.lues[depart] = _Durees(annees, valeur, reprise, butoir, annees_q)
    return analyse.lues[depart]


def _analyser_facture(
    analyse: _AnalyseCreance,
    index: int,
    facture: Facture,
    manquants: list[str],
    avertissements: list[str],
) -> None:
    """Une facture : son point de départ (exigibilité, exécution, titre ou incident), la durée
    en vigueur à cette date, les interruptions et suspensions (C. civ. 2231 à 2244), la
    déchéance quadriennale si elle vient avant ; une ligne indéterminée si un fait ou une durée
    manque."""
    creance, regime = analyse.creance, analyse.regime
    depart, manque = _depart(analyse.dossier, creance, index, facture, regime, analyse.contexte)
    if manque:
        manquants.append(manque)
    if depart is None:
        analyse.lignes.append(_ligne(creance, facture, None, prescrite=None if manque else False))
        return
    try:
        durees = _durees(analyse, depart)
    except RegleNonCouverte as erreur:
        avertissements.append(erreur.message)
        analyse.lignes.append(_ligne(creance, facture, depart, prescrite=None))
        return
    analyse.fondement = durees.valeur.fondement or analyse.fondement
    analyse.duree_texte = f"{durees.annees} an{'s' if durees.annees > 1 else ''}"
    calcul = _calculer(
        analyse.dossier,
        facture,
        regime,
        depart,
        durees.annees,
        durees.reprise_mois,
        au=analyse.au,
        butoir_annees=durees.butoir,
        contexte=analyse.contexte,
        payes=(p for p, _part in analyse.imputations.get((creance.reference, facture.numero), ())),
    )
    date_q = (
        _appliquer_quadriennale(analyse, facture, calcul, durees.quadriennale)
        if durees.quadriennale is not None
        else None
    )
    manquants.extend(calcul.manquants)
    analyse.notes.update(dict.fromkeys(calcul.notes))
    analyse.appliques.update(dict.fromkeys(calcul.fondements))
    if calcul.fin is None:
        prescrite = None if calcul.manquants else False
        if calcul.ne_court_pas:
            analyse.neutres[calcul.ne_court_pas] = None
    else:
        prescrite = analyse.au > calcul.fin
    analyse.lignes.append(
        _ligne(
            creance,
            facture,
            depart,
            prescrite=prescrite,
            date_prescription=calcul.fin,
            date_butoir=calcul.butoir,
            date_decheance_quadriennale=date_q,
        )
    )


def _ligne(
    creance: Creance,
    facture: Facture,
    depart: dt.date | None,
    *,
    prescrite: bool | None,
    date_prescription: dt.date | None = None,
    date_butoir: dt.date | None = None,
    date_decheance_quadriennale: dt.date | None = None,
) -> PrescriptionFacture:
    """La ligne d'une facture dans le détail de sa créance."""
    return PrescriptionFacture(
        creance=creance.reference,
        numero=facture.numero,
        point_de_depart=depart,
        date_prescription=date_prescription,
        date_butoir=date_butoir,
        date_decheance_quadriennale=date_decheance_quadriennale,
        prescrite=prescrite,
    )


def _appliquer_quadriennale(
    analyse: _AnalyseCreance, facture: Facture, calcul: _Calcul, annees: int
) -> dt.date:
    """Déchéance quadriennale contre un débiteur public (loi 68-1250, art. 1 et 2) : retenue à
    la place de la prescription civile quand elle vient avant (à confirmer) ; non recalculée
    pendant une suspension ou une instance en cours. Rend sa date."""
    date_q, notes_q = _quadriennale(facture, annees, analyse.faits_quadriennale)
    calcul.notes.extend(notes_q)
    if calcul.fin is None:
        calcul.notes.append(
            f"{facture.numero} : déchéance quadriennale (loi 68-1250) non recalculée "
            "pendant la suspension ou l'instance en cours — à confirmer"
        )
    elif date_q < calcul.fin:
        calcul.notes.append(
            f"{facture.numero} : déchéance quadriennale (loi 68-1250 art. 1) le "
            f"{formater(date_q)}, avant la prescription civile : date retenue, à "
            "confirmer"
        )
        calcul.fin = date_q
        analyse.par_quadriennale = True
    return date_q


def _fondements(analyse: _AnalyseCreance) -> tuple[str, ...]:
    """Les articles du détail d'une créance : la durée du régime, le nouveau délai
    (C. civ. 2231), le butoir (2232) s'il joue, la suspension et les interruptions (2238, 2240,
    2241, 2244 ; la forclusion ne cède qu'à l'action, C. consom. R312-35), l'imputation des
    paiements (1342-10), les articles appliqués par les événements et la loi 68-1250."""
    regime, creance = analyse.regime, analyse.creance
    a_des_paiements = any(
        analyse.imputations.get((creance.reference, f.numero)) for f in creance.factures
    )
    return tuple(
        f
        for f in (
            *articles(analyse.fondement),
            "C. civ. 2231",
            "C. civ. 2232" if regime.butoir else "",
            "C. civ. 2238" if not regime.forclusion else "",
            "C. civ. 2240" if not regime.forclusion else "",
            "C. civ. 2241",
            "C. civ. 2244" if not regime.forclusion else "",
            "C. civ. 1342-10" if regime.forclusion or a_des_paiements else "",
            *analyse.appliques,
            "Loi 68-1250 art. 1" if analyse.quadriennale else "",
            "Loi 68-1250 art. 2" if analyse.quadriennale else "",
        )
        if f
    )


def _conclure(analyse: _AnalyseCreance) -> DetailPrescription:
    """Le détail d'une créance : la prochaine date parmi les factures non prescrites, les jours
    qui restent, les événements (notes, puis ce qui empêche le délai de courir) et, si cette
    date est celle de la déchéance quadriennale, l'indication qu'elle est à confirmer."""
    lignes = analyse.lignes
    a_venir = [
        ligne.date_prescription
        for ligne in lignes
        if ligne.prescrite is False and ligne.date_prescription is not None
    ]
    prochaine = min(a_venir) if a_venir else None
    notes = analyse.notes
    return DetailPrescription(
        creance=analyse.creance.reference,
        regime=analyse.regime.identifiant,
        intitule=analyse.regime.intitule,
        duree=analyse.duree_texte or "inconnue",
        date_prescription=prochaine,
        jours_restants=(prochaine - analyse.au).days if prochaine else None,
        evenements=tuple([*notes, *(n for n in analyse.neutres if n not in notes)]),
        par_facture=tuple(lignes),
        fondements=_fondements(analyse),
        decheance_quadriennale=analyse.par_quadriennale
        and any(
            ligne.date_prescription == prochaine and ligne.date_decheance_quadriennale == prochaine
            for ligne in lignes
        ),
    )
