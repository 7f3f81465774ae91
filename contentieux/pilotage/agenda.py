"""Agenda de relance : pour chaque dossier, l'étape due au jour ``au``, la suivante, et pourquoi.

Les garde-fous du droit passent **avant** le scénario, dans cet ordre (le premier qui joue
décide) ; chacun est expliqué dans les ``motifs`` avec ses articles :

1. **Procédure collective** ouverte : plus de relance ni de poursuite individuelle
   (C. com. L622-21) ; l'étape devient la **déclaration de créance** avec sa date limite
   (L622-24, R622-24).
2. **Prescription acquise** : le scénario s'arrête (réclamer une dette prescrite expose à une
   pratique commerciale trompeuse, C. consom. L121-2 ; C. civ. 2249).
3. **Prescription proche** (moins de ``marge_prescription_jours``) : saut à l'**acte
   interruptif** (assignation, référé-provision, reconnaissance de dette : C. civ. 2240, 2241),
   car ni une relance ni une mise en demeure n'interrompent.
4. **Contestation** du débiteur : le scénario s'arrête ; il faut traiter la contestation
   (CPC 1409 : une contestation sérieuse fait rejeter l'injonction de payer).
5. **Plan d'apurement respecté** : le scénario est suspendu jusqu'à la dernière échéance ; une
   défaillance le fait reprendre.
6. Sinon, le **scénario** : l'étape dont la date est passée la dernière, et la suivante.

Puis, sur l'étape retenue : pas de **frais** si l'indemnité forfaitaire n'est pas due (CPCE L111-8
al. 2 ; l'indemnité de 40 € n'est due qu'entre professionnels, C. com. L441-10 II et D441-5, ou
par un acheteur public au titulaire du marché, CCP D2192-35 :
:func:`contentieux.droit.qualites.est_indemnite_forfaitaire_due`) ; **SMS et téléphone**
seulement dans la fenêtre de contact du scénario (jours ouvrés, heures) et pas plus souvent que
son intervalle.

La prescription, la procédure collective et la voie viennent de
:func:`contentieux.recevabilite.verifier_recevabilite` (une seule maison par règle).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Literal

from pydantic import Field

from contentieux.delais import est_jour_ouvrable
from contentieux.droit.exigibilite import est_exigible
from contentieux.droit.qualites import (
    est_consommateur,
    est_debiteur_indemnite_forfaitaire,
    est_indemnite_forfaitaire_due,
)
from contentieux.erreurs import ArgumentInvalide
from contentieux.modeles.base import Modele
from contentieux.modeles.creances import StatutFactureElectronique
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import MiseEnDemeure, PlanApurement
from contentieux.modeles.recevabilite import CodeVoie, OptionsRecevabilite, Recevabilite
from contentieux.pilotage.grand_livre import ZERO, GrandLivre, construire_grand_livre
from contentieux.pilotage.scenario import (
    CANAUX_DIRECTS,
    ActeScenario,
    Canal,
    EtapeScenario,
    Scenario,
    lire_scenario,
)
from contentieux.regles import Regles

Statut = Literal["a_venir", "actif", "suspendu", "arrete", "urgence", "declaration", "solde"]

LIBELLES_STATUTS = {
    "a_venir": "Première étape à venir",
    "actif": "Scénario en cours",
    "suspendu": "Suspendu (plan respecté)",
    "arrete": "Arrêté",
    "urgence": "Urgence : interrompre la prescription",
    "declaration": "Déclaration de créance",
    "solde": "Soldé",
}

STATUTS_DECISION = frozenset({"arrete", "urgence", "declaration"})
"""Statuts qui demandent une décision humaine (rapport : « dossiers à décider »)."""

_ACTES_VOIE = {
    CodeVoie.INJONCTION_DE_PAYER: ActeScenario.REQUETE_INJONCTION_PAYER,
    CodeVoie.PETITES_CREANCES: ActeScenario.MANDAT_COMMISSAIRE_JUSTICE,
    CodeVoie.MISE_EN_DEMEURE: ActeScenario.MISE_EN_DEMEURE,
}


INTITULES_COURTS = {
    CodeVoie.INJONCTION_DE_PAYER: "Requête en injonction de payer",
    CodeVoie.PETITES_CREANCES: "Petites créances (mandat au commissaire de justice)",
    CodeVoie.MISE_EN_DEMEURE: "Mise en demeure (préalable à l'action)",
    CodeVoie.RELANCE_AMIABLE: "Relance amiable, puis action au fond",
    CodeVoie.EXECUTION_TITRE: "Exécution du titre (commissaire de justice)",
}
"""Intitulé de l'étape « voie recommandée » selon la voie que la recevabilité retient."""


class EtapePlanifiee(Modele):
    """Une étape datée pour un dossier."""

    code: str
    intitule: str
    canal: Canal | None
    acte: str | None
    date: dt.date | None
    frais: bool = False
    fenetre: str | None = Field(default=None, description="Fenêtre de contact (SMS, téléphone).")
    faite_le: dt.date | None = Field(default=None, description="Déjà accomplie (événement).")


class DecisionAgenda(Modele):
    """Ce que l'agenda décide pour un dossier au jour ``au``."""

    dossier: str
    debiteur: str
    au: dt.date
    statut: Statut
    montant_du: Decimal
    montant_echu: Decimal
    echeance_reference: dt.date | None = Field(
        description="Échéance de la plus ancienne facture impayée : origine du scénario."
    )
    etape: EtapePlanifiee | None = Field(description="L'étape due au jour ``au``.")
    prochaine: EtapePlanifiee | None
    motifs: tuple[str, ...]
    fondements: tuple[str, ...] = ()
    garde_fous: tuple[str, ...] = Field(default=(), description="Garde-fous qui ont joué.")

    @property
    def a_decider(self) -> bool:
        """Vrai si le dossier demande une décision humaine."""
        return self.statut in STATUTS_DECISION


class Agenda(Modele):
    """L'agenda d'un portefeuille."""

    au: dt.date
    scenario: str
    decisions: tuple[DecisionAgenda, ...]

    def actes_dus(self) -> list[DecisionAgenda]:
        """Décisions dont l'étape du jour produit un acte pas encore accompli."""
        return [
            d
            for d in self.decisions
            if d.etape is not None
            and d.etape.acte is not None
            and d.etape.faite_le is None
            and d.etape.date is not None
            and d.etape.date <= self.au
            and d.statut in {"actif", "declaration"}
        ]


def _francais(date: dt.date) -> str:
    from contentieux.francais import formater_date

    return formater_date(date)


def _jour_ouvre_suivant(date: dt.date, departement: str | None) -> dt.date:
    jour = date
    for _ in range(15):
        if est_jour_ouvrable(jour, departement):
            return jour
        jour += dt.timedelta(days=1)
    return jour


def planifier(
    scenario: Scenario, echeance: dt.date, *, departement: str | None = None
) -> list[tuple[EtapeScenario, dt.date]]:
    """Les dates des étapes depuis l'échéance : SMS et appels décalés au jour ouvré suivant (si
    la fenêtre l'exige) et espacés d'au moins ``intervalle_minimal_jours``.

    >>> from contentieux.pilotage.scenario import lire_scenario
    >>> [(e.code, d.isoformat()) for e, d in planifier(lire_scenario(), dt.date(2026, 3, 2))][2:5]
    [('appel', '2026-03-12'), ('seconde_relance', '2026-03-17'), ('sms', '2026-03-23')]
    """
    contact = scenario.contact
    dates: list[tuple[EtapeScenario, dt.date]] = []
    dernier_direct: dt.date | None = None
    for etape in scenario.etapes:
        date = echeance + dt.timedelta(days=etape.jour)
        if etape.canal in CANAUX_DIRECTS:
            if dernier_direct is not None:
                date = max(
                    date, dernier_direct + dt.timedelta(days=contact.intervalle_minimal_jours)
                )
            if contact.jours_ouvres:
                date = _jour_ouvre_suivant(date, departement)
            dernier_direct = date
        dates.append((etape, date))
    return dates


def _departement(dossier: Dossier) -> str | None:
    try:
        return dossier.debiteur.adresse_principale.departement
    except (AttributeError, ValueError):
        return None


def _date_declaration(recevabilite: Recevabilite) -> dt.date | None:
    for etape in recevabilite.calendrier:
        if etape.intitule.lower().startswith("déclaration de créance"):
            return etape.date
    return None


def _soldes(livre: GrandLivre, au: dt.date) -> dict[str, tuple[Decimal, Decimal, dt.date | None]]:
    """Par dossier : montant dû net, montant échu, plus ancienne échéance impayée."""
    resultat: dict[str, tuple[Decimal, Decimal, dt.date | None]] = {}
    for f in livre.factures:
        du, echu, plus_ancienne = resultat.get(f.dossier, (ZERO, ZERO, None))
        solde = f.solde(au)
        if solde > 0:
            du += solde
            if est_exigible(f, au):
                echu += solde
            if plus_ancienne is None or f.date_echeance < plus_ancienne:
                plus_ancienne = f.date_echeance
        resultat[f.dossier] = (du, echu, plus_ancienne)
    for c in livre.non_affectes:
        if c.date <= au:
            du, echu, plus_ancienne = resultat.get(c.dossier, (ZERO, ZERO, None))
            resultat[c.dossier] = (du - c.montant, echu, plus_ancienne)
    return resultat


def decider(
    dossier: Dossier,
    *,
    au: dt.date,
    scenario: Scenario,
    recevabilite: Recevabilite | None,
    montant_du: Decimal,
    montant_echu: Decimal,
    echeance: dt.date | None,
) -> DecisionAgenda:
    """La décision pour un dossier (voir l'ordre des garde-fous en tête du module)."""
    debiteur = dossier.debiteur.nom_complet
    base = {
        "dossier": dossier.reference,
        "debiteur": debiteur,
        "au": au,
        "montant_du": montant_du,
        "montant_echu": montant_echu,
        "echeance_reference": echeance,
    }
    if montant_du <= 0 or echeance is None:
        return DecisionAgenda(
            **base,
            statut="solde",
            etape=None,
            prochaine=None,
            motifs=("Rien à recouvrer au grand livre (factures soldées).",),
        )
    if recevabilite is None:
        raise ArgumentInvalide(
            f"recevabilite : le dossier {dossier.reference} doit {montant_du} € ; passez son "
            "rapport de recevabilité (verifier_recevabilite) pour appliquer les garde-fous",
            champ="recevabilite",
        )
    voie = recevabilite.voie
    # 1. Procédure collective.
    if voie.code is CodeVoie.DECLARATION_CREANCE:
        limite = _date_declaration(recevabilite)
        quand = (
            f"avant le {_francais(limite)}"
            if limite
            else "dans le délai de deux mois de la publication au BODACC (date de publication "
            "inconnue : renseignez date_publication_bodacc)"
        )
        return DecisionAgenda(
            **base,
            statut="declaration",
            etape=EtapePlanifiee(
                code="declaration_creance",
                intitule="Déclaration de créance au mandataire judiciaire",
                canal=Canal.LETTRE,
                acte="declaration_creance",
                date=limite,
            ),
            prochaine=None,
            motifs=(
                f"Procédure collective ouverte : le scénario de relance cède la place à la "
                f"déclaration de créance, à faire {quand}.",
                *voie.motifs,
            ),
            fondements=voie.fondements,
            garde_fous=("procedure_collective",),
        )
    # 2. Prescription acquise.
    if voie.code is CodeVoie.AUCUNE:
        return DecisionAgenda(
            **base,
            statut="arrete",
            etape=None,
            prochaine=None,
            motifs=(
                "Créance prescrite : le scénario s'arrête ; ne réclamez plus la dette (seul un "
                "paiement volontaire reste acquis, C. civ. 2249).",
                *voie.motifs,
                *voie.avertissements,
            ),
            fondements=voie.fondements,
            garde_fous=("prescription_acquise",),
        )
    # 3. Prescription proche : acte interruptif.
    if voie.code is CodeVoie.INTERRUPTION_PRESCRIPTION:
        return DecisionAgenda(
            **base,
            statut="urgence",
            etape=EtapePlanifiee(
                code="acte_interruptif",
                intitule=voie.intitule,
                canal=None,
                acte=None,
                date=au,
            ),
            prochaine=None,
            motifs=(
                "Prescription proche : le scénario saute à l'acte qui l'interrompt ; une relance "
                "ou une mise en demeure ne l'interrompraient pas.",
                *voie.motifs,
            ),
            fondements=voie.fondements,
            garde_fous=("prescription_proche",),
        )
    # 4. Contestation.
    contestations = [
        (c.reference, c.contestation) for c in dossier.creances if c.contestation is not None
    ]
    en_litige = [
        f.numero
        for _, f in dossier.factures()
        if f.statut_facture_electronique
        in {StatutFactureElectronique.EN_LITIGE, StatutFactureElectronique.REFUSEE}
    ]
    if contestations or en_litige:
        motifs = [
            f"{ref} : contestation du {_francais(c.date)} ({c.motif})" for ref, c in contestations
        ]
        if en_litige:
            motifs.append(
                "facture(s) en litige ou refusée(s) sur la plateforme : " + ", ".join(en_litige)
            )
        return DecisionAgenda(
            **base,
            statut="arrete",
            etape=None,
            prochaine=None,
            motifs=(
                "Contestation : le scénario s'arrête ; traitez la contestation (réponse, "
                "avoir, médiation ou action au fond) avant toute relance.",
                *motifs,
            ),
            fondements=("CPC 1409", "C. civ. 2238"),
            garde_fous=("contestation",),
        )
    garde_fous: list[str] = []
    motifs_plan: list[str] = []
    # 5. Plan d'apurement.
    for plan in dossier.evenements_de_type(PlanApurement):
        if plan.date > au:
            continue
        if plan.date_defaillance is not None and plan.date_defaillance <= au:
            motifs_plan.append(
                f"Plan d'apurement du {_francais(plan.date)} défaillant le "
                f"{_francais(plan.date_defaillance)} : le scénario reprend."
            )
            garde_fous.append("plan_defaillant")
            continue
        if plan.date_derniere_echeance >= au:
            reprise = plan.date_derniere_echeance + dt.timedelta(days=1)
            return DecisionAgenda(
                **base,
                statut="suspendu",
                etape=None,
                prochaine=EtapePlanifiee(
                    code="fin_du_plan",
                    intitule="Vérifier le solde à la fin du plan",
                    canal=None,
                    acte=None,
                    date=reprise,
                ),
                motifs=(
                    f"Plan d'apurement du {_francais(plan.date)} respecté (dernière échéance le "
                    f"{_francais(plan.date_derniere_echeance)}) : le scénario est suspendu ; "
                    "une échéance manquée (date_defaillance) le fait reprendre.",
                ),
                fondements=("C. civ. 1343-5", "C. civ. 2240"),
                garde_fous=("plan_respecte",),
            )
    # 6. Le scénario.
    return _scenario(
        dossier,
        base=base,
        au=au,
        scenario=scenario,
        recevabilite=recevabilite,
        echeance=echeance,
        motifs=motifs_plan,
        garde_fous=garde_fous,
    )


def _planifiee(
    etape: EtapeScenario,
    date: dt.date,
    *,
    dossier: Dossier,
    scenario: Scenario,
    recevabilite: Recevabilite,
    au: dt.date,
    motifs: list[str],
    garde_fous: list[str],
    fondements: list[str],
) -> EtapePlanifiee:
    acte: str | None = etape.acte.value if etape.acte is not None else None
    intitule = etape.intitule
    faite_le: dt.date | None = None
    if etape.acte is ActeScenario.VOIE_RECOMMANDEE:
        voie = recevabilite.voie
        choisi = _ACTES_VOIE.get(voie.code)
        acte = choisi.value if choisi else None
        intitule = INTITULES_COURTS.get(voie.code, voie.intitule)
        if date <= au:
            motifs.append(f"Voie recommandée par la recevabilité : {voie.intitule}.")
            motifs.extend(voie.motifs[:2])
            fondements.extend(voie.fondements)
    if acte == ActeScenario.MISE_EN_DEMEURE.value:
        envoyees = [m for m in dossier.evenements_de_type(MiseEnDemeure) if m.date_envoi <= au]
        if envoyees:
            faite_le = envoyees[-1].date_envoi
    frais = etape.frais
    # Une étape « frais » réclame l'indemnité forfaitaire : due entre professionnels (C. com.
    # L441-10 II, D441-5) et par un acheteur public au titulaire du marché (CCP D2192-35).
    if frais and not est_indemnite_forfaitaire_due(dossier.creancier, dossier.debiteur):
        frais = False
        if date <= au and "sans_frais" not in garde_fous:
            garde_fous.append("sans_frais")
            if est_consommateur(dossier.debiteur):
                motifs.append(
                    "Débiteur consommateur : la lettre ne réclame aucuns frais de recouvrement "
                    "(CPCE L111-8 al. 2 ; les réclamer est une infraction, C. consom.)."
                )
            elif not est_debiteur_indemnite_forfaitaire(dossier.debiteur):
                motifs.append(
                    "Débiteur non professionnel : pas d'indemnité forfaitaire (C. com. D441-5, "
                    "entre professionnels seulement) ni de frais de recouvrement (CPCE L111-8 "
                    "al. 2)."
                )
            else:
                motifs.append(
                    "Créancier qui n'est pas un professionnel agissant comme tel : pas "
                    "d'indemnité forfaitaire (C. com. L441-10 II et D441-5 ; CCP D2192-35 : due "
                    "à l'entreprise créancière) ; ses frais de recouvrement restent à sa charge "
                    "(CPCE L111-8 al. 2)."
                )
            fondements.append("CPCE L111-8")
    fenetre = scenario.contact.decrire() if etape.canal in CANAUX_DIRECTS else None
    return EtapePlanifiee(
        code=etape.code,
        intitule=intitule,
        canal=etape.canal,
        acte=acte,
        date=date,
        frais=frais,
        fenetre=fenetre,
        faite_le=faite_le,
    )


def _scenario(
    dossier: Dossier,
    *,
    base: Mapping[str, object],
    au: dt.date,
    scenario: Scenario,
    recevabilite: Recevabilite,
    echeance: dt.date,
    motifs: list[str],
    garde_fous: list[str],
) -> DecisionAgenda:
    plan = planifier(scenario, echeance, departement=_departement(dossier))
    passees = [(e, d) for e, d in plan if d <= au]
    futures = [(e, d) for e, d in plan if d > au]
    fondements: list[str] = []
    commun = {
        "dossier": dossier,
        "scenario": scenario,
        "recevabilite": recevabilite,
        "au": au,
        "motifs": motifs,
        "garde_fous": garde_fous,
        "fondements": fondements,
    }
    etape = _planifiee(*passees[-1], **commun) if passees else None  # type: ignore[arg-type]
    prochaine = _planifiee(*futures[0], **commun) if futures else None  # type: ignore[arg-type]
    if etape is not None:
        retard = (au - echeance).days
        quand = (
            f"{retard} jour(s) après l'échéance du {_francais(echeance)}"
            if retard >= 0
            else f"{-retard} jour(s) avant l'échéance du {_francais(echeance)}"
        )
        motifs.insert(
            0,
            f"Étape « {etape.intitule} » (jour {passees[-1][0].jour:+d} du scénario), {quand}.",
        )
        if etape.faite_le is not None:
            motifs.append(f"Mise en demeure déjà envoyée le {_francais(etape.faite_le)}.")
        if etape.fenetre:
            motifs.append(f"Contact direct : {etape.fenetre}.")
    else:
        motifs.insert(0, f"Aucune étape due avant le {_francais(futures[0][1])}.")
    if prochaine is None:
        motifs.append("Dernière étape du scénario atteinte : décidez de la suite.")
    return DecisionAgenda(
        **base,
        statut="actif" if etape is not None else "a_venir",
        etape=etape,
        prochaine=prochaine,
        motifs=tuple(dict.fromkeys(motifs)),
        fondements=tuple(dict.fromkeys(fondements)),
        garde_fous=tuple(garde_fous),
    )


def etablir_agenda(
    dossiers: Iterable[Dossier],
    *,
    au: dt.date,
    scenario: Scenario | None = None,
    regles: Regles | None = None,
    livre: GrandLivre | None = None,
    recevabilites: dict[str, Recevabilite] | None = None,
) -> Agenda:
    """L'agenda du portefeuille au jour ``au`` (scénario par défaut si aucun n'est donné).

    ``recevabilites`` (facultatif) reçoit la recevabilité calculée de chaque dossier, pour que
    le rapport la réutilise sans la recalculer.
    """
    from contentieux.recevabilite import verifier_recevabilite
    from contentieux.regles import charger_regles

    if not isinstance(au, dt.date) or isinstance(au, dt.datetime):
        raise ArgumentInvalide(
            "au : une date (datetime.date) est attendue, par exemple date(2026, 6, 30)",
            champ="au",
        )
    choisi = scenario or lire_scenario()
    jeu = regles or charger_regles()
    liste = list(dossiers)
    options = OptionsRecevabilite(marge_prescription_jours=choisi.marge_prescription_jours)
    grand_livre = livre or construire_grand_livre(liste)
    soldes = _soldes(grand_livre, au)
    decisions = []
    for dossier in liste:
        du, echu, plus_ancienne = soldes.get(dossier.reference, (ZERO, ZERO, None))
        if du <= 0:
            decisions.append(
                decider(
                    dossier,
                    au=au,
                    scenario=choisi,
                    recevabilite=None,
                    montant_du=du,
                    montant_echu=echu,
                    echeance=None,
                )
            )
            continue
        rapport = verifier_recevabilite(dossier, au=au, regles=jeu, options=options)
        if recevabilites is not None:
            recevabilites[dossier.reference] = rapport
        decisions.append(
            decider(
                dossier,
                au=au,
                scenario=choisi,
                recevabilite=rapport,
                montant_du=du,
                montant_echu=echu,
                echeance=plus_ancienne,
            )
        )
    return Agenda(au=au, scenario=choisi.nom, decisions=tuple(decisions))
