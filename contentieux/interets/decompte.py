"""Orchestration du décompte : ce qui est dû sur un dossier à une date, ligne par ligne.

Les paiements sont rejoués dans l'ordre chronologique : à chaque paiement, les intérêts de toutes
les factures courent jusqu'au jour du paiement inclus, puis le paiement est imputé
(:mod:`contentieux.interets.imputation`). Les intérêts courent ensuite jusqu'à la date ``au``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from contentieux.delais import ajouter_mois
from contentieux.interets.arrondi import arrondir
from contentieux.interets.clause_penale import FONDEMENT as FONDEMENT_CLAUSE
from contentieux.interets.clause_penale import ligne_clause_penale
from contentieux.interets.construction import construire
from contentieux.interets.etat import ZERO, Cours, Dette
from contentieux.interets.imputation import FONDEMENT_PUBLIC as FONDEMENT_IMPUTATION_PUBLIQUE
from contentieux.interets.imputation import FONDEMENTS as FONDEMENTS_IMPUTATION
from contentieux.interets.imputation import imputer
from contentieux.interets.indemnite import (
    FONDEMENT_B2B,
    FONDEMENT_PUBLIC,
    montant_indemnite,
    verifier_frais_demandes,
)
from contentieux.interets.memoire import ranger
from contentieux.interets.taux import (
    Calendrier,
    Categorie,
    RegimeDette,
    TauxPeriode,
    a_un_calendrier,
    calendrier,
)
from contentieux.modeles.creances import Creance, NatureCreance
from contentieux.modeles.decompte import (
    ApresJugement,
    Capitalisation,
    ClausePenaleLigne,
    Decompte,
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
    Paiement,
)
from contentieux.modeles.parties import Qualite, est_professionnel
from contentieux.regles import Regles, ValeurRegle

UN_JOUR: Final = dt.timedelta(days=1)

ARTICLES: Final[dict[RegimeLigne, tuple[str, ...]]] = {
    "taux_legal": ("C. civ. 1231-6", "C. civ. 1344-1", "CMF L313-2"),
    "penalites_b2b": ("C. com. L441-10 II",),
    "commande_publique": ("CCP R2192-31",),
    "jugement": ("C. civ. 1231-7", "CMF L313-2"),
}


def regime_applicable(dossier: Dossier, creance: Creance) -> RegimeLigne | None:
    """Régime d'intérêts d'une créance ; « automatique » est déduit des qualités des parties.

    Débiteur acheteur public : commande publique ; créancier et débiteur professionnels :
    pénalités L441-10 ; sinon taux légal (à compter de la mise en demeure). None : « aucun ».
    """
    choisi = creance.regime_interets
    if choisi == "aucun":
        return None
    if choisi != "automatique":
        return choisi
    debiteur = dossier.debiteur
    if debiteur.qualite is Qualite.ACHETEUR_PUBLIC:
        return "commande_publique"
    if est_professionnel(dossier.creancier) and est_professionnel(debiteur):
        return "penalites_b2b"
    return "taux_legal"


def categorie_creancier(dossier: Dossier) -> Categorie:
    """« particuliers » si le créancier est une personne physique hors besoins professionnels."""
    return "particuliers" if dossier.creancier.est_particulier else "autres"


def _bascule(nom: RegimeLigne | None, apres_jugement: ApresJugement) -> bool:
    """Vrai si, après un jugement, la dette passe aux intérêts 1231-7 (majorables, L313-3).

    Le taux légal (ou une créance sans intérêts) bascule toujours ; les pénalités L441-10 et les
    intérêts moratoires de la commande publique continuent à leur taux, sauf si le jugement a
    alloué le taux légal (``apres_jugement="taux_legal"``).
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
        self.professionnel = est_professionnel(debiteur)
        # Indemnité de 40 € : entre professionnels (C. com. L441-10 II, D441-5), ou due par un
        # acheteur public au titulaire du marché (CCP D2192-35) : le créancier doit être un
        # professionnel agissant comme tel.
        creancier = dossier.creancier
        self._creancier_pro = est_professionnel(creancier)
        self.creancier_professionnel = self._creancier_pro and not creancier.est_particulier
        self.public = debiteur.qualite is Qualite.ACHETEUR_PUBLIC
        self._valeur_indemnite: ValeurRegle | None = None
        self.paiements = dossier.evenements_de_type(Paiement)
        self._a_jugement = any(isinstance(e, Jugement) for e in dossier.evenements)

    def avertir(self, message: str) -> None:
        self.avertissements.setdefault(message, None)

    def fonder(self, *articles: str) -> None:
        for a in articles:
            self.fondements.setdefault(a, None)

    def utiliser(self, v: ValeurRegle) -> None:
        self.utilisees.setdefault((v.identifiant, v.du), v)

    # --- préparation ---------------------------------------------------------------------------

    def _depart_taux_legal(self, creance: Creance) -> dt.date | None:
        """Point de départ (non compté) du taux légal : la mise en demeure ou, si elle est plus
        ancienne ou absente, la demande en justice qui en tient lieu (C. civ. 1344, 1231-6)."""
        if creance.mise_en_demeure_par_echeance:
            return dt.date.min
        ref = creance.reference
        depart_med: dt.date | None = None
        avertissement_med: str | None = None
        meds = [
            m
            for m in self.dossier.evenements_de_type(MiseEnDemeure, ref)
            if m.date_envoi <= self.au
        ]
        if meds:
            med = meds[0]
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

    def preparer(self) -> None:
        categorie = categorie_creancier(self.dossier)
        deux_bornes = self.options.compte_jours == "deux_bornes"
        for creance in self.dossier.creances:
            nom = regime_applicable(self.dossier, creance)
            jugement = self._jugement(creance)
            depart: dt.date | None = None
            if nom == "taux_legal":
                depart = self._depart_taux_legal(creance)
            elif nom is not None:
                depart = dt.date.min
            bascule = jugement is not None and _bascule(nom, self.options.apres_jugement)
            regime: RegimeDette | None = None
            cal: Calendrier | None = None
            if nom is not None or jugement is not None:
                regime, cal = _regime_dette(
                    self.regles,
                    nom or "taux_legal",
                    categorie,
                    creance.taux_contractuel if nom == "penalites_b2b" else None,
                    jugement.date if jugement and bascule else None,
                    self._date_majoration(jugement) if jugement and bascule else None,
                    self.options.plancher_contrat_muet and nom == "penalites_b2b",
                )
            if nom is not None and nom != "penalites_b2b" and creance.taux_contractuel:
                self.avertir(
                    f"Créance {creance.reference} : le taux contractuel ne s'applique qu'aux "
                    f"pénalités entre professionnels ; régime retenu : {nom}."
                )
            capitalisation, depart_capitalisation = self._capitalisation(creance, jugement)
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
                    cal,
                    capitalisation,
                    deux_bornes,
                )
                if capitalisation and depart_capitalisation is not None and dette.depart:
                    dette.depart_capitalisation = max(depart_capitalisation, dette.depart)
                self.dettes.append(dette)
            if jugement is not None:
                self._verifier_jugement(creance, jugement, nom, bascule)

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
        v = self.regles.valeur("interet_legal.majoration_delai_mois", au=jugement.date)
        self.utiliser(v)
        assert isinstance(v.valeur, Decimal)
        return ajouter_mois(jugement.date_caractere_executoire, int(v.valeur))

    def _verifier_jugement(
        self, creance: Creance, jugement: Jugement, nom: RegimeLigne | None, bascule: bool
    ) -> None:
        if bascule:
            self.fonder("C. civ. 1231-7")
        else:
            quoi = (
                "les pénalités L441-10 (intérêts moratoires : avis CEPC n° 23-8)"
                if nom == "penalites_b2b"
                else "les intérêts moratoires de la commande publique (CCP R2192-31)"
            )
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
        """Factures échues avant ``jour`` : en retard si leur principal n'est pas soldé."""
        for d in self.dettes:
            if d.en_retard is None and d.date_echeance < jour:
                d.en_retard = d.principal > ZERO
                if d.en_retard:
                    self._indemnite(d)

    def _indemnite(self, dette: Dette) -> None:
        if not self.professionnel or self.indemnite_refusee:
            return
        if not self.creancier_professionnel:
            self.avertir(
                "Pas d'indemnité forfaitaire de 40 € : le créancier n'est pas un professionnel "
                "agissant comme tel ; elle n'est due qu'entre professionnels (C. com. L441-10 II "
                "et D441-5) ou par un acheteur public au titulaire du marché (CCP D2192-35)."
            )
            return
        emission = dette.date_emission
        cle = (self.version, self.public)
        trouvee = _INDEMNITES.get(cle)
        if trouvee is None or not (
            trouvee[2] <= emission and (trouvee[3] is None or emission <= trouvee[3])
        ):
            v, _, raison = montant_indemnite(self.regles, self.dossier.debiteur, emission)
            if v is None:
                self.avertir(f"Facture {dette.facture} : pas d'indemnité forfaitaire ({raison}).")
                return
            assert isinstance(v.valeur, Decimal)
            trouvee = _INDEMNITES[cle] = (v, arrondir(v.valeur), v.du, v.jusqu_au)
        v = trouvee[0]
        dette.indemnite = trouvee[1]
        if self._valeur_indemnite is not v:
            self._valeur_indemnite = v
            self.utiliser(v)

    def derouler(self) -> list[Imputation]:
        imputations: list[Imputation] = []
        for p in self.paiements:
            if p.date > self.au:
                self.avertir(
                    f"Paiement du {p.date:%d/%m/%Y} postérieur à la date du décompte : ignoré."
                )
                continue
            self.decider_retards(p.date)
            imputation = imputer(p, self.dettes, principal_d_abord=self.public)
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

    def resultat(self, imputations: list[Imputation]) -> Decompte:
        lignes: list[LigneInterets] = []
        capitalisations: list[Capitalisation] = []
        indemnites: list[Indemnite] = []
        en_retard: set[str] = set()
        public = self.public
        fondement_indemnite = FONDEMENT_PUBLIC if public else FONDEMENT_B2B
        total_principal = principal_restant = regles_payes = ZERO
        for d in self.dettes:
            lignes += d.lignes
            capitalisations += d.capitalisations
            total_principal += d.principal_initial
            principal_restant += d.principal
            regles_payes += d.interets_payes + d.indemnite_payee
            if d.en_retard:
                en_retard.add(d.creance)
            if d.indemnite > ZERO:
                indemnites.append(_ligne_indemnite(d, fondement_indemnite))
        if indemnites:
            self.fonder("CCP D2192-35" if public else "C. com. D441-5")
        if self.options.frais_recouvrement:
            self.fonder("C. com. L441-10 II")
            indemnites.append(
                construire(
                    Indemnite,
                    {
                        "creance": self.dossier.creances[0].reference,
                        "facture": None,
                        "nature": "complementaire",
                        "montant": self.options.frais_recouvrement,
                        "date_exigibilite": None,
                        "fondement": (
                            "C. com. L441-10 II (indemnisation complémentaire sur justification)"
                        ),
                        "motif": (
                            "frais de recouvrement exposés supérieurs à l'indemnité forfaitaire"
                        ),
                    },
                )
            )
        clauses: list[ClausePenaleLigne] = []
        for creance in self.dossier.creances:
            if creance.reference not in en_retard:
                continue
            ligne = ligne_clause_penale(creance, self.professionnel)
            if ligne is not None:
                clauses.append(ligne)
                self.fonder(FONDEMENT_CLAUSE)
        regimes: dict[RegimeLigne, None] = {}
        total_penalites = total_interets = ZERO
        for d in self.dettes:
            total_penalites += d.penalites_fermees
            total_interets += d.interets_fermes - d.penalites_fermees
            for taux in d.taux_lignes.values():
                regime = taux.regime
                regimes[regime] = None
                if taux.note is not None:
                    if regime == "jugement":
                        self.fonder("CMF L313-3")
                    elif regime == "penalites_b2b":
                        self.avertir(f"Facture {d.facture} : {taux.note}.")
        for regime in regimes:
            self.fonder(*ARTICLES[regime])
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
        valeurs = _valeurs_utilisees(self.version, self.cours.utilises, self.utilisees)
        return construire(
            Decompte,
            {
                "dossier": self.dossier.reference,
                "au": self.au,
                "options": self.options,
                "lignes": tuple(lignes),
                "indemnites": tuple(indemnites),
                "clauses_penales": tuple(clauses),
                "capitalisations": tuple(capitalisations),
                "imputations": tuple(imputations),
                "total_principal": total_principal,
                "total_paiements": total_paiements,
                "total_principal_restant": principal_restant,
                "total_interets": total_interets,
                "total_penalites": total_penalites,
                "total_indemnites": total_indemnites,
                "total_clauses_penales": total_clauses,
                "total_accessoires_regles": regles_payes,
                "trop_percu": trop_percu,
                "total": total,
                "fondements": tuple(self.fondements),
                "avertissements": tuple(self.avertissements),
                "valeurs_utilisees": valeurs,
                "regles_version": self.version,
            },
        )


_REGIMES: Final[dict[tuple[object, ...], tuple[RegimeDette, Calendrier | None]]] = {}


def _regime_dette(
    regles: Regles,
    nom: RegimeLigne,
    categorie: Categorie,
    taux_contractuel: Decimal | None,
    date_jugement: dt.date | None,
    date_majoration: dt.date | None,
    plancher_contrat_muet: bool,
) -> tuple[RegimeDette, Calendrier | None]:
    """Le régime d'une créance et son calendrier semestriel (taux légal ou pénalités sans
    jugement, CMF L313-2, C. com. L441-10 II), partagés par toutes ses factures.

    Mémorisés par jeu de règles : un même régime revient d'un dossier à l'autre. Le texte du taux
    stipulé (« 12 » ou « 12.0 ») figure dans les notes des lignes : il entre dans la clé.
    """
    cle = (
        regles.version,
        nom,
        categorie,
        None if taux_contractuel is None else str(taux_contractuel),
        date_jugement,
        date_majoration,
        plancher_contrat_muet,
    )
    trouve = _REGIMES.get(cle)
    if trouve is None:
        regime = RegimeDette(
            nom=nom,
            categorie=categorie,
            taux_contractuel=taux_contractuel,
            date_jugement=date_jugement,
            date_majoration=date_majoration,
            plancher_contrat_muet=plancher_contrat_muet,
        )
        cal = calendrier(regles, regime) if a_un_calendrier(regime) else None
        trouve = ranger(_REGIMES, cle, (regime, cal))
    return trouve


def _ligne_indemnite(dette: Dette, fondement: str) -> Indemnite:
    """L'indemnité forfaitaire d'une facture payée en retard ou impayée (exigible le lendemain de
    l'échéance)."""
    e = dette.date_echeance
    payee = dette.principal == ZERO
    motif = _MOTIFS_INDEMNITE.get((e, payee))
    if motif is None:
        motif = ranger(
            _MOTIFS_INDEMNITE,
            (e, payee),
            f"facture échue le {e.day:02d}/{e.month:02d}/{e.year}, "
            + ("payée après l'échéance" if payee else "impayée à l'échéance"),
        )
    return construire(
        Indemnite,
        {
            "creance": dette.creance,
            "facture": dette.facture,
            "nature": "forfaitaire",
            "montant": dette.indemnite,
            "date_exigibilite": e + UN_JOUR,
            "fondement": fondement,
            "motif": motif,
        },
    )


_INDEMNITES: Final[
    dict[tuple[str, bool], tuple[ValeurRegle, Decimal, dt.date, dt.date | None]]
] = {}
"""Dernière valeur de l'indemnité forfaitaire consultée (son montant, sa période), par jeu de
règles et selon que le débiteur est un acheteur public ; reprise tant que l'émission est dans sa
période."""
_MOTIFS_INDEMNITE: Final[dict[tuple[dt.date, bool], str]] = {}
"""Motifs des indemnités forfaitaires, par (échéance, facture soldée) : le texte est partagé."""


_VALEURS_UTILISEES: Final[dict[tuple[str, str, dt.date], ValeurUtilisee]] = {}
_ListeValeurs = tuple[tuple[TauxPeriode, ...], tuple[ValeurUtilisee, ...]]
_LISTES_VALEURS: Final[dict[tuple[object, ...], _ListeValeurs]] = {}


def _valeurs_utilisees(
    version: str,
    taux_utilises: dict[int, TauxPeriode],
    autres: dict[tuple[str, dt.date], ValeurRegle],
) -> tuple[ValeurUtilisee, ...]:
    """Valeurs de règles utilisées (taux et autres), triées par identifiant puis date d'effet.

    La liste ne dépend que des taux employés et des autres valeurs : elle est mémorisée. La clé
    contient l'``id`` des taux ; l'entrée garde les taux eux-mêmes, pour qu'aucun autre objet ne
    puisse recevoir le même ``id`` tant qu'elle existe.
    """
    cle = (version, frozenset(taux_utilises), frozenset(autres))
    trouvee = _LISTES_VALEURS.get(cle)
    if trouvee is None:
        toutes = dict(autres)
        toutes.update({(v.identifiant, v.du): v for t in taux_utilises.values() for v in t.valeurs})
        valeurs = tuple(_valeur_utilisee(version, v) for _, v in sorted(toutes.items()))
        trouvee = ranger(_LISTES_VALEURS, cle, (tuple(taux_utilises.values()), valeurs))
    return trouvee[1]


def _valeur_utilisee(version: str, v: ValeurRegle) -> ValeurUtilisee:
    """La ``ValeurUtilisee`` d'une valeur de règle, construite une fois par jeu de règles."""
    cle = (version, v.identifiant, v.du)
    trouvee = _VALEURS_UTILISEES.get(cle)
    if trouvee is None:
        trouvee = construire(
            ValeurUtilisee,
            {
                "identifiant": v.identifiant,
                "valeur": v.valeur if isinstance(v.valeur, Decimal) else ZERO,
                "unite": v.unite,
                "du": v.du,
                "jusqu_au": v.jusqu_au,
                "reference": v.reference,
                "source": v.source.titre,
                "fondement": v.fondement,
            },
        )
        _VALEURS_UTILISEES[cle] = trouvee
    return trouvee


def decompter(dossier: Dossier, au: dt.date, regles: Regles, options: OptionsDecompte) -> Decompte:
    """Le moteur de :func:`contentieux.interets.etablir_decompte`, options déjà validées."""
    verifier_frais_demandes(
        dossier.debiteur, options.indemnite_forfaitaire, options.frais_recouvrement
    )
    calcul = _Calcul(dossier, au, regles, options)
    calcul.preparer()
    return calcul.resultat(calcul.derouler())
