"""Prescription (et forclusion) de l'action en paiement.

Délais lus dans les règles (``prescription.*``), jamais écrits ici :

- droit commun 5 ans (C. civ. 2224) ; entre commerçants ou avec un commerçant 5 ans (C. com.
  L110-4) ; professionnel contre consommateur 2 ans à compter de l'exécution de la prestation
  (C. consom. L218-2 ; Cass. com. 26 févr. 2020, n° 18-25.036) ; transport 1 an à compter de la
  livraison (C. com. L133-6) ; loyers d'habitation 3 ans (loi 89-462 art. 7-1) ; charges de
  copropriété 5 ans (loi 65-557 art. 42) ; communications électroniques 1 an (CPCE postes
  L34-2) ; titre exécutoire 10 ans (CPCE L111-4) ;
- crédit à la consommation : **forclusion** de 2 ans à compter du premier incident de paiement non
  régularisé (C. consom. R312-35) — ni suspendue ni interrompue, sauf par une action en justice ;
  après un rééchelonnement, elle court du premier incident qui le suit.

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

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from contentieux.delais import ajouter_annees, ajouter_jours, ajouter_mois
from contentieux.erreurs import RegleNonCouverte
from contentieux.modeles.creances import Creance, Facture, NatureCreance
from contentieux.modeles.dossier import Dossier
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
from contentieux.modeles.parties import Qualite, est_professionnel
from contentieux.modeles.recevabilite import DetailPrescription, PrescriptionFacture
from contentieux.modeles.resultats import Constat
from contentieux.recevabilite._commun import (
    chemin_evenement,
    chemin_facture,
    duree,
    est_commercant,
    est_consommateur,
    evenements,
    formater,
    imputer_paiements,
)
from contentieux.recevabilite.exigibilite import date_exigibilite
from contentieux.regles import Regles

CONDITION = "prescription"
INTITULE = "Action non prescrite"
RAPPEL_MISE_EN_DEMEURE = (
    "Une mise en demeure, même par lettre recommandée, n'interrompt pas la prescription "
    "(Cass. com. 13 oct. 1992, n° 91-10.066 ; liste limitative de C. civ. 2240 à 2244)."
)
_ISSUES_NON_AVENUES = {
    IssueDemande.REJETEE_DEFINITIVEMENT: "rejetée définitivement",
    IssueDemande.DESISTEMENT: "suivie d'un désistement",
    IssueDemande.PEREMPTION: "périmée",
    IssueDemande.NON_AVENUE: "non avenue",
}


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


_constat = partial(Constat, condition=CONDITION, intitule=INTITULE)
"""Constat de cette condition (identifiant et intitulé fixés)."""


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
        est_consommateur(dossier.debiteur)
        and est_professionnel(dossier.creancier)
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


@dataclass
class _Calcul:
    fin: dt.date | None
    butoir: dt.date | None
    notes: list[str]
    manquants: list[str]
    ne_court_pas: str | None = None
    butoir_annees: int = 0


def _evenements_pertinents(dossier: Dossier, creance: Creance, *, au: dt.date) -> list[object]:
    types: tuple[type, ...] = (
        ReconnaissanceDette,
        Paiement,
        PlanApurement,
        DemandeEnJustice,
        MesureExecution,
        Mediation,
    )
    trouves: list[object] = []
    for type_ in types:
        trouves.extend(evenements(dossier, type_, creance, au=au))
    from contentieux.modeles.dossier import _date_evenement

    return sorted(trouves, key=_date_evenement)


def _calculer(
    dossier: Dossier,
    creance: Creance,
    facture: Facture,
    regime: Regime,
    depart: dt.date,
    annees: int,
    reprise_mois: int,
    *,
    au: dt.date,
    butoir_annees: int | None,
    imputations: dict[tuple[str, str], list[tuple[Paiement, Decimal]]],
) -> _Calcul:
    fin: dt.date | None = ajouter_annees(depart, annees)
    butoir = ajouter_annees(depart, butoir_annees) if regime.butoir and butoir_annees else None
    calcul = _Calcul(
        fin=fin, butoir=butoir, notes=[], manquants=[], butoir_annees=butoir_annees or 0
    )
    payes = {id(p) for p, _part in imputations.get((creance.reference, facture.numero), [])}
    for ev in _evenements_pertinents(dossier, creance, au=au):
        if calcul.fin is None:
            break
        fin = calcul.fin
        date = ev.date_debut if isinstance(ev, Mediation) else ev.date  # type: ignore[attr-defined]
        if date < depart:
            continue
        libelle = _libelle(ev)
        if isinstance(ev, Paiement) and id(ev) not in payes:
            if not regime.forclusion:
                calcul.notes.append(
                    f"{libelle} : imputé sur d'autres factures (désignation du débiteur, sinon "
                    f"C. civ. 1342-10) ; sans effet interruptif pour {facture.numero}"
                )
            continue
        if regime.forclusion and not isinstance(ev, DemandeEnJustice):
            calcul.notes.append(
                f"{libelle} : sans effet sur un délai de forclusion, que seule une action en "
                "justice interrompt (C. consom. R312-35)"
            )
            continue
        if date > fin:
            effet = "sans effet : le délai était déjà expiré"
            if isinstance(ev, ReconnaissanceDette | Paiement | PlanApurement):
                effet += (
                    " (une reconnaissance postérieure peut valoir renonciation à la prescription "
                    "acquise, C. civ. 2250 et 2251)"
                )
            calcul.notes.append(f"{libelle} : {effet}")
            continue
        if isinstance(ev, ReconnaissanceDette | Paiement | PlanApurement):
            brute = ajouter_annees(date, annees)
            nouvelle = _plafonner(brute, butoir)
            calcul.fin = max(fin, nouvelle)
            objet = (
                f"reconnaissance de la dette qu'il paie ({facture.numero})"
                if isinstance(ev, Paiement)
                else "reconnaissance du droit du créancier"
            )
            calcul.notes.append(
                f"{libelle} : {objet}, interruption (C. civ. 2240) ; "
                f"nouveau délai jusqu'au {formater(calcul.fin)}"
                + _note_butoir(brute, butoir, calcul.butoir_annees, facture.numero)
            )
        elif isinstance(ev, MesureExecution):
            calcul.fin = max(fin, ajouter_annees(date, annees))
            calcul.notes.append(
                f"{libelle} : interruption (C. civ. 2244) ; nouveau délai jusqu'au "
                f"{formater(calcul.fin)}"
            )
        elif isinstance(ev, DemandeEnJustice):
            _demande(dossier, ev, libelle, annees, calcul)
        elif isinstance(ev, Mediation):
            if ev.date_fin is None or ev.date_fin > au:
                calcul.fin = None
                calcul.ne_court_pas = (
                    f"suspendue depuis le {formater(ev.date_debut)} par une "
                    f"{ev.nature.value.replace('_', ' ')} en cours (C. civ. 2238)"
                )
                calcul.notes.append(f"{libelle} : suspension en cours (C. civ. 2238)")
                continue
            restant = (fin - ev.date_debut).days
            reprise = max(
                ajouter_jours(ev.date_fin, restant), ajouter_mois(ev.date_fin, reprise_mois)
            )
            calcul.fin = max(fin, _plafonner(reprise, butoir))
            calcul.notes.append(
                f"{libelle}, terminée le {formater(ev.date_fin)} : suspension (C. civ. 2238), "
                f"il restait {restant} jours, au moins {reprise_mois} mois après la fin ; "
                f"nouveau délai jusqu'au {formater(calcul.fin)}"
                + _note_butoir(reprise, butoir, calcul.butoir_annees, facture.numero)
            )
    return calcul


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
        calcul.notes.append(
            f"{libelle} {_ISSUES_NON_AVENUES[ev.issue]} : interruption non avenue (C. civ. 2243)"
        )
        return
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


def _quadriennale(
    dossier: Dossier, creance: Creance, facture: Facture, annees: int, *, au: dt.date
) -> tuple[dt.date, list[str]]:
    """Dernier jour avant la déchéance quadriennale (loi 68-1250, art. 1 et 2) : à confirmer.

    Droits réputés acquis l'année de l'exécution (ou, à défaut, de l'émission de la facture) :
    la plus ancienne des deux dates connues, choix prudent. Le délai court du 1er janvier suivant
    et expire le 31 décembre de la quatrième année ; une réclamation écrite (mise en demeure), un
    recours juridictionnel ou un paiement même partiel l'interrompent (art. 2) et un nouveau délai
    court du 1er janvier qui suit l'interruption.
    """
    connues = [d for d in (facture.date_execution, facture.date_emission) if d is not None]
    acquis = min(connues)
    fin = _fin_annee(acquis.year + annees)
    notes: list[str] = []
    faits: list[tuple[dt.date, str]] = []
    for med in evenements(dossier, MiseEnDemeure, creance, au=au):
        faits.append((med.date_envoi, f"réclamation écrite du {formater(med.date_envoi)}"))
    for paiement in evenements(dossier, Paiement, creance, au=au):
        faits.append((paiement.date, f"paiement du {formater(paiement.date)}"))
    for demande in evenements(dossier, DemandeEnJustice, creance, au=au):
        faits.append((demande.date, f"recours juridictionnel du {formater(demande.date)}"))
    for date, libelle in sorted(faits):
        if date < acquis or date > fin:
            continue
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


def _depart(
    dossier: Dossier, creance: Creance, facture: Facture, regime: Regime, *, au: dt.date
) -> tuple[dt.date | None, str | None]:
    """Point de départ et, s'il manque, le chemin du fait à fournir."""
    if regime.depart == "titre":
        jugement = evenements(dossier, Jugement, creance, au=au)[-1]
        if jugement.date_caractere_executoire is None:
            return None, f"{chemin_evenement(dossier, jugement)}.date_caractere_executoire"
        return jugement.date_caractere_executoire, None
    if regime.depart == "execution":
        if facture.date_execution is None:
            return None, f"{chemin_facture(dossier, creance, facture)}.date_execution"
        return facture.date_execution, None
    decheance = creance.date_decheance_terme
    if decheance is not None and decheance > au:
        decheance = None
    if regime.depart == "incident":
        plans = evenements(dossier, PlanApurement, creance, au=au)
        if plans:
            return plans[-1].date_defaillance, None  # None : rééchelonnement respecté
        premier = min(date_exigibilite(f.date_echeance, decheance) for f in creance.factures)
        return premier, None
    return date_exigibilite(facture.date_echeance, decheance), None


def analyser_prescription(
    dossier: Dossier, *, au: dt.date, regles: Regles
) -> tuple[Constat, tuple[DetailPrescription, ...]]:
    """Constat de prescription et détail du calcul, créance par créance, facture par facture."""
    details: list[DetailPrescription] = []
    manquants: list[str] = []
    avertissements: list[str] = []
    fondements: list[str] = []
    for creance in dossier.creances:
        detail = _analyser_creance(dossier, creance, au, regles, manquants, avertissements)
        details.append(detail)
        fondements.extend(f for f in detail.fondements if f not in fondements)
    if evenements(dossier, MiseEnDemeure, au=au):
        avertissements.append(RAPPEL_MISE_EN_DEMEURE)
    if dossier.debiteur.qualite is Qualite.ACHETEUR_PUBLIC:
        avertissements.append(
            "débiteur public : déchéance quadriennale (loi 68-1250 du 31 décembre 1968) appliquée "
            "— à confirmer : elle ne vise que l'État, les collectivités territoriales et les "
            "établissements publics dotés d'un comptable public, et l'année d'acquisition des "
            "droits retenue (exécution, sinon émission) est une approximation prudente ; une "
            "réclamation écrite adressée à l'administration l'interrompt (art. 2)"
        )
    etats = [f.prescrite for d in details for f in d.par_facture]
    prescrites = [f for d in details for f in d.par_facture if f.prescrite]
    resume = " ; ".join(_resume(d, au) for d in details)
    if etats and all(e is True for e in etats):
        satisfaite: bool | None = False
        motif = "Action prescrite : " + resume + "."
    elif any(e is None for e in etats):
        satisfaite = None
        motif = "Prescription indéterminée : " + resume + "."
    else:
        satisfaite = True
        motif = "Action non prescrite : " + resume + "."
        if prescrites:
            avertissements.insert(
                0,
                "prescription acquise pour "
                + ", ".join(
                    f"{f.numero} (le {formater(f.date_prescription)})"
                    for f in prescrites
                    if f.date_prescription
                )
                + " : à retirer de la demande",
            )
    constat = _constat(
        satisfaite=satisfaite,
        motif=motif,
        fondements=tuple(fondements),
        faits_manquants=tuple(dict.fromkeys(manquants)),
        avertissements=tuple(avertissements),
    )
    return constat, tuple(details)


def verifier_prescription(dossier: Dossier, *, au: dt.date, regles: Regles) -> Constat:
    """Le constat de prescription seul (voir :func:`analyser_prescription`)."""
    return analyser_prescription(dossier, au=au, regles=regles)[0]


def _resume(detail: DetailPrescription, au: dt.date) -> str:
    texte = f"{detail.creance}, {detail.intitule} ({detail.duree})"
    if detail.date_prescription is not None and detail.jours_restants is not None:
        texte += (
            f", à agir au plus tard le {formater(detail.date_prescription)} "
            f"({detail.jours_restants} jours restants)"
        )
        if detail.decheance_quadriennale:
            texte += " — date de la déchéance quadriennale (loi 68-1250), à confirmer"
    elif all(f.prescrite for f in detail.par_facture):
        dates = [f.date_prescription for f in detail.par_facture if f.date_prescription]
        if dates:
            texte += f", acquise le {formater(max(dates))}"
    return texte


def _analyser_creance(
    dossier: Dossier,
    creance: Creance,
    au: dt.date,
    regles: Regles,
    manquants: list[str],
    avertissements: list[str],
) -> DetailPrescription:
    regime = determiner_regime(dossier, creance, au=au)
    identifiant = f"prescription.{regime.identifiant}"
    lignes: list[PrescriptionFacture] = []
    notes: list[str] = []
    fondement = ""
    duree_texte = ""
    neutres: list[str] = []
    imputations = imputer_paiements(dossier, au=au)
    quadriennale = (
        dossier.debiteur.qualite is Qualite.ACHETEUR_PUBLIC
        and regime.identifiant != "titre_executoire"
    )
    par_quadriennale = False
    for facture in creance.factures:
        depart, manque = _depart(dossier, creance, facture, regime, au=au)
        if manque:
            manquants.append(manque)
        if depart is None:
            prescrite = None if manque else False
            if not manque:
                neutres.append(
                    "rééchelonnement respecté : aucun incident de paiement, la forclusion ne "
                    "court pas (C. consom. R312-35)"
                )
            lignes.append(
                PrescriptionFacture(
                    creance=creance.reference,
                    numero=facture.numero,
                    point_de_depart=None,
                    date_prescription=None,
                    prescrite=prescrite,
                )
            )
            continue
        try:
            annees, valeur = duree(regles, identifiant, au=depart)
            reprise, _ = duree(regles, "prescription.reprise_suspension_mois", au=depart)
            butoir_annees = (
                duree(regles, "prescription.delai_butoir", au=depart)[0] if regime.butoir else None
            )
            annees_q = (
                duree(regles, "prescription.decheance_quadriennale", au=depart)[0]
                if quadriennale
                else None
            )
        except RegleNonCouverte as erreur:
            avertissements.append(erreur.message)
            lignes.append(
                PrescriptionFacture(
                    creance=creance.reference,
                    numero=facture.numero,
                    point_de_depart=depart,
                    date_prescription=None,
                    prescrite=None,
                )
            )
            continue
        fondement = valeur.fondement
        duree_texte = f"{annees} an{'s' if annees > 1 else ''}"
        calcul = _calculer(
            dossier,
            creance,
            facture,
            regime,
            depart,
            annees,
            reprise,
            au=au,
            butoir_annees=butoir_annees,
            imputations=imputations,
        )
        date_q: dt.date | None = None
        if annees_q is not None:
            date_q, notes_q = _quadriennale(dossier, creance, facture, annees_q, au=au)
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
                par_quadriennale = True
        manquants.extend(calcul.manquants)
        for note in calcul.notes:
            if note not in notes:
                notes.append(note)
        if calcul.fin is None:
            prescrite = None if calcul.manquants else False
            if calcul.ne_court_pas and calcul.ne_court_pas not in neutres:
                neutres.append(calcul.ne_court_pas)
        else:
            prescrite = au > calcul.fin
        lignes.append(
            PrescriptionFacture(
                creance=creance.reference,
                numero=facture.numero,
                point_de_depart=depart,
                date_prescription=calcul.fin,
                date_butoir=calcul.butoir,
                date_decheance_quadriennale=date_q,
                prescrite=prescrite,
            )
        )
    a_venir = [
        ligne.date_prescription
        for ligne in lignes
        if ligne.prescrite is False and ligne.date_prescription is not None
    ]
    prochaine = min(a_venir) if a_venir else None
    fondements = tuple(
        f
        for f in (
            fondement,
            "C. civ. 2231",
            "C. civ. 2232" if regime.butoir else "",
            "C. civ. 2238" if not regime.forclusion else "",
            "C. civ. 2240" if not regime.forclusion else "",
            "C. civ. 2241",
            "C. civ. 2244" if not regime.forclusion else "",
            "Loi 68-1250 art. 1 et 2 (à confirmer)" if quadriennale else "",
        )
        if f
    )
    return DetailPrescription(
        creance=creance.reference,
        regime=regime.identifiant,
        intitule=regime.intitule,
        duree=duree_texte or "inconnue",
        date_prescription=prochaine,
        jours_restants=(prochaine - au).days if prochaine else None,
        evenements=tuple([*notes, *neutres]),
        par_facture=tuple(lignes),
        fondements=fondements,
        decheance_quadriennale=par_quadriennale
        and any(
            ligne.date_prescription == prochaine and ligne.date_decheance_quadriennale == prochaine
            for ligne in lignes
        ),
    )
