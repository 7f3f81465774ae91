"""Orchestration du décompte : ce qui est dû sur un dossier à une date, ligne par ligne.

Le régime de chaque créance vient de :func:`contentieux.droit.regime.regime_interets`, la mise en
demeure effective de :func:`contentieux.droit.mise_en_demeure.mise_en_demeure_effective`. Les
paiements sont rejoués dans l'ordre chronologique : les intérêts des factures qu'un paiement
atteint courent jusqu'au jour du paiement inclus, puis le paiement est imputé
(:mod:`contentieux.interets.imputation`). Les intérêts courent ensuite jusqu'à la date ``au``,
ou jusqu'au jugement d'ouverture d'une procédure collective (C. com. L622-28).

Tout est calculé pour ce seul décompte : aucun état ne survit d'un appel à l'autre.
"""

from __future__ import annotations

import datetime as dt
import weakref
from decimal import Decimal
from typing import Final

from contentieux.droit.exigibilite import exigible_le
from contentieux.droit.majoration import fin_delai_majoration
from contentieux.droit.mise_en_demeure import mise_en_demeure_effective
from contentieux.droit.qualites import (
    est_debiteur_indemnite_forfaitaire,
    est_indemnite_forfaitaire_due,
    est_relation_de_consommation,
)
from contentieux.droit.regime import FONDEMENTS as FONDEMENTS_REGIME
from contentieux.droit.regime import RegimeRetenu, regime_interets
from contentieux.interets.arrondi import arrondir
from contentieux.interets.clause_penale import FONDEMENT as FONDEMENT_CLAUSE
from contentieux.interets.clause_penale import ligne_clause_penale
from contentieux.interets.etat import ZERO, Cours, Dette
from contentieux.interets.imputation import FONDEMENT_PUBLIC as FONDEMENT_IMPUTATION_PUBLIQUE
from contentieux.interets.imputation import FONDEMENTS as FONDEMENTS_IMPUTATION
from contentieux.interets.imputation import Imputeur
from contentieux.interets.indemnite import (
    FONDEMENT_B2B,
    FONDEMENT_PUBLIC,
    PRECISION_B2B,
    montant_indemnite,
    verifier_frais_demandes,
)
from contentieux.interets.taux import Categorie, RegimeDette, TauxPeriode
from contentieux.modeles.creances import Creance, NatureCreance, OrdrePostes
from contentieux.modeles.decompte import (
    ApresJugement,
    Capitalisation,
    ClausePenaleLigne,
    Decompte,
    FactureExclue,
    Imputation,
    Indemnite,
    LigneInterets,
    OptionsDecompte,
    RegimeLigne,
    ValeurUtilisee,
)
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import (
    DemandeEnJustice,
    Jugement,
    MiseEnDemeure,
    NatureDemande,
    NatureProcedureCollective,
    Paiement,
    ProcedureCollective,
)
from contentieux.modeles.parties import Qualite
from contentieux.regles import Regles, ValeurRegle

ARTICLES_PROCEDURE: Final[dict[NatureProcedureCollective, tuple[str, ...]]] = {
    NatureProcedureCollective.SAUVEGARDE: ("C. com. L622-28",),
    NatureProcedureCollective.REDRESSEMENT_JUDICIAIRE: ("C. com. L622-28", "C. com. L631-14"),
    NatureProcedureCollective.LIQUIDATION_JUDICIAIRE: ("C. com. L622-28", "C. com. L641-3"),
}
"""L'arrêt du cours des intérêts (L622-28), appliqué au redressement et à la liquidation."""


def categorie_creancier(dossier: Dossier) -> Categorie:
    """« particuliers » si le créancier est une personne physique hors besoins professionnels."""
    return "particuliers" if dossier.creancier.est_particulier else "autres"


def _bascule(nom: RegimeLigne | None, apres_jugement: ApresJugement) -> bool:
    """Vrai si, après un jugement, la dette passe aux intérêts 1231-7 (majorables, L313-3).

    Le taux légal (ou une créance sans intérêts) bascule toujours ; les pénalités L441-10, le
    taux conventionnel et les intérêts moratoires de la commande publique continuent à leur taux,
    sauf si le jugement a alloué le taux légal (``apres_jugement="taux_legal"``).
    """
    return nom in (None, "taux_legal") or apres_jugement == "taux_legal"


class _Calcul:
    """État d'un décompte en cours (dettes, avertissements, valeurs utilisées)."""

    def __init__(
        self,
        dossier: Dossier,
        au: dt.date,
        regles: Regles,
        options: OptionsDecompte,
    ) -> None:
        self.dossier = dossier
        self.au = au
        self.regles = regles
        self.version = regles.version
        self.options = options
        self.indemnite_refusee = options.indemnite_forfaitaire is False
        self.avertissements: dict[str, None] = {}
        self.fondements: dict[str, None] = {}
        self.utilisees: dict[tuple[str, dt.date], ValeurRegle] = {}
        self.cours = Cours(regles, options.diviseur)
        self.dettes: list[Dette] = []
        debiteur = dossier.debiteur
        self.debiteur_professionnel = est_debiteur_indemnite_forfaitaire(debiteur)
        # Indemnité de 40 € : entre professionnels (C. com. L441-10 II, D441-5), ou due par un
        # acheteur public au titulaire du marché (CCP D2192-35) : droit.qualites le décide.
        self.indemnite_due = est_indemnite_forfaitaire_due(dossier.creancier, debiteur)
        self.public = debiteur.qualite is Qualite.ACHETEUR_PUBLIC
        self._valeur_indemnite: ValeurRegle | None = None
        self.paiements = dossier.evenements_de_type(Paiement)
        self._a_jugement = any(isinstance(e, Jugement) for e in dossier.evenements)
        self.fondements_regime: dict[str, tuple[str, ...]] = {}
        """Fondements du régime retenu pour chaque créance (écrits si elle a des lignes)."""
        self._a_decider: list[tuple[dt.date, int, Dette]] = []
        self._decidees = 0
        self.prescrites: dict[tuple[str, str | None], dt.date | None] = {}
        """Factures prescrites ou forcloses au jour ``au`` et leur dernier jour pour agir."""

    def avertir(self, message: str) -> None:
        self.avertissements.setdefault(message, None)

    def fonder(self, *articles: str) -> None:
        for a in articles:
            self.fondements.setdefault(a, None)

    def utiliser(self, v: ValeurRegle) -> None:
        self.utilisees.setdefault((v.identifiant, v.du), v)

    # --- préparation ---------------------------------------------------------------------------

    def _depart_taux_legal(self, creance: Creance) -> dt.date | None:
        """Point de départ (non compté) des intérêts moratoires (taux légal ou conventionnel) :
        la mise en demeure effective (la première à produire effet) ou, si elle est plus ancienne
        ou absente, la demande en justice qui en tient lieu (C. civ. 1344, 1344-1, 1231-6)."""
        if creance.mise_en_demeure_par_echeance:
            return dt.date.min
        ref = creance.reference
        depart_med: dt.date | None = None
        avertissement_med: str | None = None
        med = mise_en_demeure_effective(
            self.dossier.evenements_de_type(MiseEnDemeure, ref),
            au=self.au,
            convention=self.options.depart_taux_legal,
        )
        if med is not None:
            if self.options.depart_taux_legal == "envoi":
                depart_med = med.date_envoi
                if med.date_effet is not None and med.date_effet != med.date_envoi:
                    avertissement_med = (
                        f"Créance {ref} : option « envoi » : la date d'envoi de la mise en "
                        f"demeure ({med.date_envoi:%d/%m/%Y}) est retenue, sa date d'effet "
                        f"({med.date_effet:%d/%m/%Y}) est ignorée."
                    )
            elif med.date_point_de_depart is not None:
                depart_med = med.date_point_de_depart
            else:
                depart_med = med.date_envoi
                avertissement_med = (
                    f"Créance {ref} : date de réception de la mise en demeure inconnue ; "
                    f"la date d'envoi ({med.date_envoi:%d/%m/%Y}) est retenue comme point de "
                    "départ."
                )
        # Une demande en justice portée à la connaissance du débiteur vaut mise en demeure ; la
        # requête en injonction de payer, non communiquée au débiteur, n'en est pas une (c'est la
        # signification de l'ordonnance qui l'interpelle).
        demandes = [
            d
            for d in self.dossier.evenements_de_type(DemandeEnJustice, ref)
            if d.date <= self.au and d.nature is not NatureDemande.REQUETE_INJONCTION
        ]
        depart_demande = demandes[0].date if demandes else None
        if depart_med is None and depart_demande is None:
            self.avertir(
                f"Créance {ref} : aucune mise en demeure ni demande en justice ; les intérêts au "
                "taux légal ne courent qu'à compter d'une mise en demeure ou d'un acte qui en "
                "tient lieu, telle une assignation (C. civ. 1231-6, 1344, 1344-1) : aucune ligne "
                "d'intérêts avant elle."
            )
            return None
        if depart_demande is not None and (depart_med is None or depart_demande < depart_med):
            self.avertir(
                f"Créance {ref} : la demande en justice du {depart_demande:%d/%m/%Y} vaut mise "
                "en demeure (C. civ. 1344, 1231-6) ; les intérêts au taux légal courent à "
                "compter de cette date."
            )
            return depart_demande
        if avertissement_med is not None:
            self.avertir(avertissement_med)
        return depart_med

    def _jugement(self, creance: Creance) -> Jugement | None:
        if not self._a_jugement:
            return None
        jugements = [
            j
            for j in self.dossier.evenements_de_type(Jugement, creance.reference)
            if j.date <= self.au
        ]
        return jugements[0] if jugements else None

    def _arret(self, creance: Creance) -> dt.date | None:
        """Dernier jour d'intérêts d'une créance si une procédure collective a été ouverte au plus
        tard ``au`` (C. com. L622-28, L631-14, L641-3) : la veille du jugement d'ouverture, qui
        prend effet dès le début du jour où il est rendu (ce jour-là ne porte pas intérêt,
        point l.2 de docs/droit.md) ; None sinon, ou si la créance relève de l'exception (prêt
        d'un an ou plus, paiement différé d'un an ou plus)."""
        ref = creance.reference
        procedures = [
            p
            for p in self.dossier.evenements_de_type(ProcedureCollective, ref)
            if p.date_jugement_ouverture <= self.au
        ]
        if not procedures:
            return None
        p = procedures[0]
        ouverture = p.date_jugement_ouverture
        articles = ARTICLES_PROCEDURE[p.nature]
        nature = p.nature.value.replace("_", " ")
        self.fonder(*articles)
        if creance.pret_ou_paiement_differe_un_an:
            self.avertir(
                f"Créance {ref} : {nature} ouverte le {ouverture:%d/%m/%Y} ; prêt conclu pour un "
                "an ou plus ou paiement différé d'un an ou plus : les intérêts continuent de "
                "courir après le jugement d'ouverture (C. com. L622-28 al. 1) ; déclarez leurs "
                "modalités de calcul (C. com. R622-23)."
            )
            return None
        veille = ouverture - dt.timedelta(days=1)
        self.avertir(
            f"Créance {ref} : {nature} ouverte le {ouverture:%d/%m/%Y} : le jugement d'ouverture "
            "arrête le cours des intérêts légaux et conventionnels, des intérêts de retard et des "
            f"majorations ({', '.join(articles)}) ; il prend effet dès le début du jour où il "
            f"est rendu, qui ne porte pas intérêt : les intérêts sont arrêtés au "
            f"{veille:%d/%m/%Y} inclus ; le décompte au {ouverture:%d/%m/%Y} est le montant à "
            "déclarer au mandataire judiciaire (C. com. L622-24, R622-23)."
        )
        return veille

    def preparer(self) -> None:
        categorie = categorie_creancier(self.dossier)
        deux_bornes = self.options.compte_jours == "deux_bornes"
        creancier, debiteur = self.dossier.creancier, self.dossier.debiteur
        for creance in self.dossier.creances:
            retenu = regime_interets(creancier, debiteur, creance)
            if retenu.avertissement is not None:
                self.avertir(retenu.avertissement)
            nom = retenu.nom
            self.fondements_regime[creance.reference] = retenu.fondements
            jugement = self._jugement(creance)
            depart: dt.date | None = None
            if retenu.court_des_mise_en_demeure:
                depart = self._depart_taux_legal(creance)
            elif nom is not None:
                depart = dt.date.min
            bascule = jugement is not None and _bascule(nom, self.options.apres_jugement)
            regime: RegimeDette | None = None
            if nom is not None or jugement is not None:
                regime = _regime_dette(
                    retenu,
                    categorie,
                    jugement.date if jugement and bascule else None,
                    self._date_majoration(jugement) if jugement and bascule else None,
                    self.options.plancher_contrat_muet and nom == "penalites_b2b",
                )
            capitalisation, depart_capitalisation = self._capitalisation(creance, jugement)
            arret = self._arret(creance) if regime is not None else None
            reference = creance.reference
            for facture in creance.factures:
                echeance = facture.date_echeance
                debut = None if depart is None else max(depart, echeance)
                dette = Dette(
                    reference,
                    facture.numero,
                    facture.date_emission,
                    echeance,
                    facture.montant_ttc,
                    regime,
                    debut,
                    self.cours,
                    capitalisation,
                    deux_bornes,
                    arret,
                )
                if capitalisation and depart_capitalisation is not None and dette.depart:
                    dette.depart_capitalisation = max(depart_capitalisation, dette.depart)
                self._a_decider.append((echeance, len(self.dettes), dette))
                self.dettes.append(dette)
            if jugement is not None:
                self._verifier_jugement(creance, jugement, nom, bascule)
        self._a_decider.sort(key=lambda t: (t[0], t[1]))

    def _capitalisation(
        self, creance: Creance, jugement: Jugement | None
    ) -> tuple[bool, dt.date | None]:
        """(capitalisation ?, point de départ des anniversaires s'il n'est pas celui des intérêts).

        Stipulée : anniversaires du point de départ des intérêts. Ordonnée par le juge : à compter
        de la demande en justice (la plus ancienne concernant la créance), sinon du jugement.
        Jamais en crédit à la consommation.
        """
        ordonnee = bool(jugement and jugement.capitalisation_ordonnee)
        if not (creance.capitalisation_stipulee or ordonnee):
            return False, None
        if creance.nature is NatureCreance.CREDIT_CONSOMMATION:
            self.avertir(
                f"Créance {creance.reference} : crédit à la consommation : pas de capitalisation "
                "des intérêts (C. civ. 1343-2 écarté : Cass. 1re civ. 9 févr. 2012, "
                "n° 11-14.605 ; 1re civ. 20 avr. 2022, n° 20-23.617), malgré la stipulation ou "
                "la décision."
            )
            return False, None
        if creance.capitalisation_stipulee:
            return True, None
        assert jugement is not None
        demandes = [
            d
            for d in self.dossier.evenements_de_type(DemandeEnJustice, creance.reference)
            if d.date <= jugement.date
        ]
        return True, demandes[0].date if demandes else jugement.date

    def _date_majoration(self, jugement: Jugement) -> dt.date | None:
        if jugement.date_caractere_executoire is None:
            self.avertir(
                f"Jugement du {jugement.date:%d/%m/%Y} : date à laquelle il est devenu exécutoire "
                "inconnue ; la majoration de 5 points (CMF L313-3) n'est pas appliquée."
            )
            return None
        fin, v = fin_delai_majoration(
            jugement.date_caractere_executoire, regles=self.regles, au=jugement.date
        )
        self.utiliser(v)
        return fin

    def _verifier_jugement(
        self, creance: Creance, jugement: Jugement, nom: RegimeLigne | None, bascule: bool
    ) -> None:
        if bascule:
            self.fonder("C. civ. 1231-7")
        else:
            quoi = {
                "penalites_b2b": "les pénalités L441-10 (intérêts moratoires : avis CEPC n° 23-8)",
                "taux_conventionnel": "les intérêts au taux conventionnel",
            }.get(nom or "", "les intérêts moratoires de la commande publique (CCP R2192-31)")
            self.avertir(
                f"Créance {creance.reference} : jugement du {jugement.date:%d/%m/%Y} ; {quoi} "
                "continuent de courir à leur taux après le jugement, sans la majoration de "
                "5 points (CMF L313-3 ne vise que le taux légal). Si le jugement a alloué le "
                'taux légal, choisissez apres_jugement="taux_legal".'
            )
        if jugement.montant_principal is not None and jugement.montant_principal != (
            creance.principal
        ):
            self.avertir(
                f"Créance {creance.reference} : le jugement alloue {jugement.montant_principal} € "
                f"de principal, les factures totalisent {creance.principal} € ; le décompte suit "
                "les factures et les paiements : vérifiez l'accord avec le dispositif."
            )

    # --- déroulement ---------------------------------------------------------------------------

    def decider_retards(self, jour: dt.date) -> None:
        """Factures échues avant ``jour`` : en retard si leur principal n'est pas soldé.

        Les factures sont parcourues une fois, par échéance (``_a_decider``) ; celles décidées
        ensemble le sont dans l'ordre du dossier.
        """
        a_decider, i = self._a_decider, self._decidees
        fin = i
        while fin < len(a_decider) and a_decider[fin][0] < jour:
            fin += 1
        if fin == i:
            return
        self._decidees = fin
        for _, _, d in sorted(a_decider[i:fin], key=lambda t: t[1]):
            d.en_retard = d.principal > ZERO
            if d.en_retard:
                self._indemnite(d)

    def _indemnite(self, dette: Dette) -> None:
        if not self.debiteur_professionnel or self.indemnite_refusee:
            return
        if dette.arret is not None and dette.date_echeance > dette.arret:
            # Le jugement d'ouverture interdit de payer la créance antérieure à son échéance
            # (C. com. L622-7) : le retard ne peut être reproché, pas d'indemnité.
            self.avertir(
                f"Facture {dette.facture} : échue après le jugement d'ouverture de la procédure "
                "collective, qui interdit de la payer (C. com. L622-7) : pas d'indemnité "
                "forfaitaire de 40 €."
            )
            return
        if not self.indemnite_due:
            self.avertir(
                "Pas d'indemnité forfaitaire de 40 € : le créancier n'est pas un professionnel "
                "agissant comme tel ; elle n'est due qu'entre professionnels (C. com. L441-10 II "
                "et D441-5) ou par un acheteur public au titulaire du marché (CCP D2192-35)."
            )
            return
        v, _, raison = montant_indemnite(self.regles, self.dossier.debiteur, dette.date_emission)
        if v is None:
            self.avertir(f"Facture {dette.facture} : pas d'indemnité forfaitaire ({raison}).")
            return
        assert isinstance(v.valeur, Decimal)
        dette.indemnite = arrondir(v.valeur)
        if self._valeur_indemnite is not v:
            self._valeur_indemnite = v
            self.utiliser(v)

    def _ordres_stipules(self) -> dict[str, OrdrePostes]:
        """L'ordre d'imputation stipulé par le contrat de chaque créance qui en prévoit un (C. civ.
        1343-1 ; les autres suivent l'ordre par défaut) ; un acheteur public paie d'abord le
        principal quoi que dise le contrat (CCP R2192-36)."""
        ordres = {
            c.reference: c.ordre_imputation
            for c in self.dossier.creances
            if c.ordre_imputation is not None
        }
        if ordres and self.public:
            self.avertir(
                "Ordre d'imputation stipulé ignoré : un paiement d'un acheteur public s'impute "
                "d'abord sur le principal, les intérêts moratoires et l'indemnité étant payés "
                "ensuite (CCP R2192-36)."
            )
            return {}
        return ordres

    def derouler(self) -> list[Imputation]:
        imputations: list[Imputation] = []
        imputeur: Imputeur | None = None  # rangé au premier paiement seulement
        for p in self.paiements:
            if p.date > self.au:
                self.avertir(
                    f"Paiement du {p.date:%d/%m/%Y} postérieur à la date du décompte : ignoré."
                )
                continue
            self.decider_retards(p.date)
            if imputeur is None:
                imputeur = Imputeur(
                    self.dettes, principal_d_abord=self.public, ordres=self._ordres_stipules()
                )
            imputation = imputeur.imputer(p)
            if imputation.non_impute > ZERO:
                self.avertir(
                    f"Paiement du {p.date:%d/%m/%Y} : {imputation.non_impute} € excèdent ce qui "
                    "était dû (trop-perçu à restituer ou à affecter)."
                )
            imputations.append(imputation)
        au = self.au
        for d in self.dettes:
            d.avancer(au, clore=True)
        self.decider_retards(au)
        return imputations

    # --- résultat ------------------------------------------------------------------------------

    def prescription(self) -> None:
        """Les factures prescrites ou forcloses au jour ``au``, décidées par
        :mod:`contentieux.droit.prescription` (la même règle que la recevabilité).

        Raccourci sans règle propre : si ``au`` ne dépasse, pour aucune créance,
        :func:`~contentieux.droit.prescription.date_prescription_au_plus_tot` (le plus précoce
        dernier jour pour agir possible), rien n'est prescrit et l'analyse est inutile.
        """
        from contentieux.droit.prescription import (
            analyser_prescriptions,
            date_prescription_au_plus_tot,
        )

        for creance in self.dossier.creances:
            borne = date_prescription_au_plus_tot(
                self.dossier, creance, au=self.au, regles=self.regles
            )
            if borne is None or self.au > borne:
                break
        else:
            return
        analyse = analyser_prescriptions(self.dossier, au=self.au, regles=self.regles)
        for detail in analyse.details:
            for f in detail.par_facture:
                if f.prescrite:
                    self.prescrites[(f.creance, f.numero)] = f.date_prescription

    def _exclure(self) -> tuple[list[Dette], list[FactureExclue]]:
        """Sépare les dettes retenues des factures prescrites (k.8), et le dit."""
        if not self.prescrites:
            return self.dettes, []
        inclure = self.options.factures_prescrites == "inclure"
        consommateur = est_relation_de_consommation(self.dossier.creancier, self.dossier.debiteur)
        retenues: list[Dette] = []
        exclues: list[FactureExclue] = []
        for d in self.dettes:
            cle = (d.creance, d.facture)
            if cle not in self.prescrites or d.solde() <= ZERO:
                retenues.append(d)  # non prescrite, ou soldée : rien à retirer
                continue
            date = self.prescrites[cle]
            quand = f" (dernier jour pour agir : {date:%d/%m/%Y})" if date else ""
            accessoires = d.interets_dus() + d.indemnite_due()
            self.fonder("C. civ. 2219", "C. civ. 2249")
            if inclure:
                retenues.append(d)
                self.avertir(
                    f"Facture {d.facture} (créance {d.creance}) prescrite ou forclose{quand} : "
                    "gardée au total à votre demande (factures_prescrites « inclure ») ; le "
                    "débiteur peut opposer la prescription (C. civ. 2219, 2247) : ne la réclamez "
                    "pas en justice comme si elle était due (C. civ. 2249)"
                    + (
                        " ; envers un consommateur, la réclamer sans le dire peut être une "
                        "pratique commerciale trompeuse (C. consom. L121-2)."
                        if consommateur
                        else "."
                    )
                )
                if consommateur:
                    self.fonder("C. consom. L121-2")
                continue
            motif = (
                f"prescrite ou forclose{quand} : hors de ce qui peut être réclamé en justice "
                "(C. civ. 2219) ; les paiements reçus restent acquis (C. civ. 2249)"
            )
            exclues.append(
                FactureExclue.model_construct(
                    creance=d.creance,
                    facture=d.facture or "",
                    date_prescription=date,
                    paiements_recus=d.principal_initial
                    - d.principal
                    + d.interets_payes
                    + d.indemnite_payee,
                    principal_restant=d.principal,
                    accessoires_restants=accessoires,
                    motif=motif,
                )
            )
            self.avertir(
                f"Facture {d.facture} (créance {d.creance}) {motif} : {d.principal} € de "
                f"principal et {accessoires} € d'accessoires laissés hors du total ; option "
                "factures_prescrites « inclure » pour les y garder."
            )
        return retenues, exclues

    def resultat(self, imputations: list[Imputation]) -> Decompte:
        retenues, exclues = self._exclure()
        lignes: list[LigneInterets] = []
        capitalisations: list[Capitalisation] = []
        indemnites: list[Indemnite] = []
        en_retard: set[str] = set()
        public = self.public
        fondement_indemnite = FONDEMENT_PUBLIC if public else FONDEMENT_B2B
        precision_indemnite = None if public else PRECISION_B2B
        total_principal = principal_restant = regles_payes = ZERO
        for d in retenues:
            lignes += d.lignes
            capitalisations += d.capitalisations
            total_principal += d.principal_initial
            principal_restant += d.principal
            regles_payes += d.interets_payes + d.indemnite_payee
            if d.en_retard:
                en_retard.add(d.creance)
            if d.indemnite > ZERO:
                indemnites.append(_ligne_indemnite(d, fondement_indemnite, precision_indemnite))
        if indemnites:
            self.fonder(*(("CCP D2192-35",) if public else ("C. com. D441-5", "CJUE C-78/22")))
        if self.options.frais_recouvrement:
            self.fonder("C. com. L441-10")
            indemnites.append(
                Indemnite.model_construct(
                    creance=self.dossier.creances[0].reference,
                    facture=None,
                    nature="complementaire",
                    montant=self.options.frais_recouvrement,
                    date_exigibilite=None,
                    fondement="C. com. L441-10",
                    motif=(
                        "frais de recouvrement exposés supérieurs à l'indemnité forfaitaire ; "
                        "L441-10 II : indemnisation complémentaire sur justification"
                    ),
                )
            )
        clauses: list[ClausePenaleLigne] = []
        for creance in self.dossier.creances:
            if creance.reference not in en_retard:
                continue
            ligne = ligne_clause_penale(creance, self.debiteur_professionnel)
            if ligne is not None:
                clauses.append(ligne)
                self.fonder(FONDEMENT_CLAUSE)
        regimes: dict[RegimeLigne, None] = {}
        total_penalites = total_interets = ZERO
        for d in retenues:
            total_penalites += d.penalites_fermees
            total_interets += d.interets_fermes - d.penalites_fermees
            if d.lignes and d.regime is not None and d.regime.nom == "taux_conventionnel":
                self.fonder(*self.fondements_regime[d.creance])
            for taux in d.taux_lignes.values():
                regime = taux.regime
                regimes[regime] = None
                if taux.remarque is not None:
                    if regime == "jugement":
                        self.fonder("CMF L313-3")
                    elif regime == "penalites_b2b":
                        self.avertir(f"Facture {d.facture} : {taux.remarque}.")
        for regime in regimes:  # taux conventionnel : ses fondements propres, ci-dessus
            if regime != "taux_conventionnel":
                self.fonder(*FONDEMENTS_REGIME[regime])
        if capitalisations:
            self.fonder("C. civ. 1343-2")
        total_paiements = trop_percu = ZERO
        if imputations:
            self.fonder(*FONDEMENTS_IMPUTATION)
            if public:
                self.fonder(FONDEMENT_IMPUTATION_PUBLIQUE)
            for imputation in imputations:
                total_paiements += imputation.montant
                trop_percu += imputation.non_impute
        total_indemnites = ZERO
        for indemnite in indemnites:
            total_indemnites += indemnite.montant
        total_clauses = ZERO
        for clause in clauses:
            total_clauses += clause.montant
        total = (
            principal_restant
            + total_interets
            + total_penalites
            + total_indemnites
            + total_clauses
            - regles_payes
        )
        valeurs = _valeurs_utilisees(self.regles, self.cours.utilises, self.utilisees)
        return Decompte.model_construct(
            dossier=self.dossier.reference,
            au=self.au,
            options=self.options,
            lignes=tuple(lignes),
            indemnites=tuple(indemnites),
            clauses_penales=tuple(clauses),
            capitalisations=tuple(capitalisations),
            imputations=tuple(imputations),
            total_principal=total_principal,
            total_paiements=total_paiements,
            total_principal_restant=principal_restant,
            total_interets=total_interets,
            total_penalites=total_penalites,
            total_indemnites=total_indemnites,
            total_clauses_penales=total_clauses,
            total_accessoires_regles=regles_payes,
            trop_percu=trop_percu,
            factures_exclues=tuple(exclues),
            total=total,
            fondements=tuple(self.fondements),
            avertissements=tuple(self.avertissements),
            valeurs_utilisees=valeurs,
            regles_version=self.version,
        )


def _regime_dette(
    retenu: RegimeRetenu,
    categorie: Categorie,
    date_jugement: dt.date | None,
    date_majoration: dt.date | None,
    plancher_contrat_muet: bool,
) -> RegimeDette:
    """Le régime d'une créance tel que ses dettes l'appliquent (partagé par ses factures)."""
    nom = retenu.nom or "taux_legal"
    fondement = note = None
    if nom == "taux_conventionnel" and "C. consom. L312-39" in retenu.fondements:
        fondement, note = "C. consom. L312-39", "taux du prêt après défaillance"
    return RegimeDette(
        nom=nom,
        categorie=categorie,
        taux_contractuel=retenu.taux_stipule,
        date_jugement=date_jugement,
        date_majoration=date_majoration,
        plancher_contrat_muet=plancher_contrat_muet,
        fondement=fondement,
        note=note,
    )


def _ligne_indemnite(dette: Dette, fondement: str, precision: str | None) -> Indemnite:
    """L'indemnité forfaitaire d'une facture payée en retard ou impayée (exigible le lendemain de
    l'échéance) ; ``precision`` : ce que le motif ajoute au fondement."""
    e = dette.date_echeance
    payee = dette.principal == ZERO
    motif = f"facture échue le {e.day:02d}/{e.month:02d}/{e.year}, " + (
        "payée après l'échéance" if payee else "impayée à l'échéance"
    )
    if precision is not None:
        motif += f" ; {precision}"
    return Indemnite.model_construct(
        creance=dette.creance,
        facture=dette.facture,
        nature="forfaitaire",
        montant=dette.indemnite,
        date_exigibilite=exigible_le(dette),
        fondement=fondement,
        motif=motif,
    )


_VALEURS_PAR_REGLES: Final[
    weakref.WeakKeyDictionary[Regles, dict[tuple[str, dt.date], ValeurUtilisee]]
] = weakref.WeakKeyDictionary()
"""Les ``ValeurUtilisee`` d'un jeu de règles (immuable), construites une fois : la mémoire vit et
meurt avec lui, et chaque entrée ne dépend que de sa valeur de règle."""


def _valeurs_utilisees(
    regles: Regles,
    taux_utilises: dict[int, TauxPeriode],
    autres: dict[tuple[str, dt.date], ValeurRegle],
) -> tuple[ValeurUtilisee, ...]:
    """Valeurs de règles utilisées (taux et autres), triées par identifiant puis date d'effet."""
    memoire = _VALEURS_PAR_REGLES.get(regles)
    if memoire is None:
        memoire = _VALEURS_PAR_REGLES[regles] = {}
    toutes = dict(autres)
    toutes.update({(v.identifiant, v.du): v for t in taux_utilises.values() for v in t.valeurs})
    resultat = []
    for cle, v in sorted(toutes.items()):
        trouvee = memoire.get(cle)
        if trouvee is None:
            trouvee = memoire[cle] = ValeurUtilisee.model_construct(
                identifiant=v.identifiant,
                valeur=v.valeur if isinstance(v.valeur, Decimal) else ZERO,
                unite=v.unite,
                du=v.du,
                jusqu_au=v.jusqu_au,
                reference=v.reference,
                source=v.source.titre,
                fondement=v.fondement,
            )
        resultat.append(trouvee)
    return tuple(resultat)


def decompter(dossier: Dossier, au: dt.date, regles: Regles, options: OptionsDecompte) -> Decompte:
    """Le moteur de :func:`contentieux.interets.etablir_decompte`, options déjà validées."""
    verifier_frais_demandes(
        dossier.debiteur, options.indemnite_forfaitaire, options.frais_recouvrement
    )
    calcul = _Calcul(dossier, au, regles, options)
    calcul.prescription()
    calcul.preparer()
    imputations = calcul.derouler()
    calcul.cours.bareme.exiger()  # toutes les valeurs manquantes d'un coup
    return calcul.resultat(imputations)
