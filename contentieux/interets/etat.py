"""État d'une dette pendant le décompte : principal restant, intérêts courus, lignes.

Une dette est une facture (ou une échéance) d'une créance. Le décompte avance chaque dette dans le
temps (``avancer``) : les jours portent le taux de leur période, une ligne s'allonge tant que le
taux, la base et le diviseur ne changent pas, et se ferme (arrondie au centime) sinon.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from contentieux.erreurs import RegleNonCouverte
from contentieux.interets.arrondi import arrondir
from contentieux.interets.construction import construire
from contentieux.interets.jours import decouper_par_annee, interet_exact
from contentieux.interets.taux import (
    Calendrier,
    Periode,
    RegimeDette,
    TauxPeriode,
    a_un_calendrier,
    calendrier,
    meme_taux,
    periodes,
    taux_commande_publique,
    taux_du_jour,
)
from contentieux.modeles.decompte import Capitalisation, Diviseur, LigneInterets
from contentieux.regles import Regles

ZERO: Final = Decimal("0.00")
"""Zéro monétaire, au centime (sérialisé « 0.00 »)."""
UN_JOUR: Final = dt.timedelta(days=1)


@dataclass(slots=True, eq=False, init=False)
class Cours:
    """Ce que partagent les dettes d'un décompte : les règles, le diviseur et les taux employés
    (indexés par ``id``, pour la liste des valeurs de règles du décompte)."""

    regles: Regles
    diviseur: Diviseur
    utilises: dict[int, TauxPeriode]

    def __init__(self, regles: Regles, diviseur: Diviseur = "365") -> None:
        self.regles = regles
        self.diviseur = diviseur
        self.utilises = {}


@dataclass(slots=True, eq=False, init=False)
class Dette:
    """Une facture en cours de décompte."""

    creance: str
    facture: str
    date_emission: dt.date
    date_echeance: dt.date
    principal_initial: Decimal
    regime: RegimeDette | None
    debut_interets: dt.date | None
    cours: Cours
    calendrier: Calendrier | None
    """Semestres du régime (taux légal ou pénalités sans jugement) ; None : autre régime."""
    taux_unique: TauxPeriode | None
    """Commande publique : le taux de tout le retard, une fois lu (``_taux_unique``)."""
    capitalisation: bool
    jour_de_depart_compte: bool
    """Convention « deux_bornes » : le jour de départ des intérêts compte aussi."""
    depart: dt.date | None
    """Point de départ effectif des intérêts (non compté), jugement compris ; None : aucun."""
    depart_capitalisation: dt.date | None
    """Point de départ des anniversaires de capitalisation (demande en justice, capitalisation
    judiciaire) ; None : le point de départ des intérêts (capitalisation stipulée)."""
    principal: Decimal
    curseur: dt.date
    """Jour jusqu'auquel (inclus) les intérêts ont couru."""
    lignes: list[LigneInterets]
    # Ligne en cours, prolongée tant que sa clé (taux, base, diviseur…) ne change pas ;
    # ``ligne_taux`` None : aucune ligne ouverte.
    ligne_taux: TauxPeriode | None
    ligne_base: Decimal
    ligne_capitalise: Decimal
    ligne_diviseur: int
    ligne_du: dt.date
    ligne_au: dt.date
    ligne_jours: int
    interets_fermes: Decimal
    """Somme des lignes entrées au décompte (arrondies)."""
    penalites_fermees: Decimal
    """Dont pénalités L441-10 (le reste : intérêts)."""
    taux_lignes: dict[int, TauxPeriode]
    """Taux des lignes entrées, dans l'ordre de leur première ligne (régimes, notes)."""
    interets_payes: Decimal
    capitalise: Decimal
    capitalisations: list[Capitalisation]
    rang_capitalisation: int
    indemnite: Decimal
    indemnite_payee: Decimal
    en_retard: bool | None

    def __init__(
        self,
        creance: str,
        facture: str,
        date_emission: dt.date,
        date_echeance: dt.date,
        principal_initial: Decimal,
        regime: RegimeDette | None,
        debut_interets: dt.date | None,
        cours: Cours,
        calendrier: Calendrier | None = None,
        capitalisation: bool = False,
        jour_de_depart_compte: bool = False,
    ) -> None:
        self.creance = creance
        self.facture = facture
        self.date_emission = date_emission
        self.date_echeance = date_echeance
        self.principal_initial = self.principal = principal_initial
        self.regime = regime
        self.debut_interets = debut_interets
        self.cours = cours
        self.calendrier = calendrier
        self.taux_unique = None
        self.capitalisation = capitalisation
        self.jour_de_depart_compte = jour_de_depart_compte
        self.depart = depart = self.depart_effectif()
        self.depart_capitalisation = None
        # « deux_bornes » : le départ peut précéder l'émission d'un jour (échéance = émission).
        self.curseur = date_emission if depart is None or date_emission < depart else depart
        self.lignes = []
        self.ligne_taux = None
        self.ligne_base = self.ligne_capitalise = ZERO
        self.ligne_diviseur = 365
        self.ligne_du = self.ligne_au = dt.date.min
        self.ligne_jours = 0
        self.interets_fermes = self.penalites_fermees = ZERO
        self.interets_payes = self.capitalise = ZERO
        self.taux_lignes = {}
        self.capitalisations = []
        self.rang_capitalisation = 1
        self.indemnite = self.indemnite_payee = ZERO
        self.en_retard = None

    # --- soldes --------------------------------------------------------------------------------

    def interets_dus(self) -> Decimal:
        """Intérêts courus (lignes arrondies, ligne en cours comprise) non encore payés."""
        courus = self.interets_fermes
        taux = self.ligne_taux
        if taux is not None:
            courus += arrondir(
                interet_exact(self.ligne_base, taux.taux, self.ligne_jours, self.ligne_diviseur)
            )
        return courus - self.interets_payes

    def indemnite_due(self) -> Decimal:
        return self.indemnite - self.indemnite_payee

    def solde(self) -> Decimal:
        return self.interets_dus() + self.indemnite_due() + self.principal

    # --- lignes --------------------------------------------------------------------------------

    def fermer(self) -> None:
        """Ferme la ligne en cours : elle est arrondie au centime et entre au décompte."""
        taux = self.ligne_taux
        if taux is None:
            return
        self.ligne_taux = None
        if self.ligne_jours:
            self._ligne(
                taux,
                self.ligne_base,
                self.ligne_capitalise,
                self.ligne_diviseur,
                self.ligne_du,
                self.ligne_au,
                self.ligne_jours,
            )

    def _ligne(
        self,
        taux: TauxPeriode,
        base: Decimal,
        capitalise: Decimal,
        diviseur: int,
        du: dt.date,
        au: dt.date,
        jours: int,
    ) -> None:
        """Ajoute au décompte la ligne ``(du, au]``, arrondie au centime."""
        montant = arrondir(interet_exact(base, taux.taux, jours, diviseur))
        self.interets_fermes += montant
        if taux.regime == "penalites_b2b":
            self.penalites_fermees += montant
        self.taux_lignes.setdefault(id(taux), taux)
        self.lignes.append(
            construire(
                LigneInterets,
                {
                    "creance": self.creance,
                    "facture": self.facture,
                    "regime": taux.regime,
                    "du": du,
                    "au": au,
                    "jours": jours,
                    "base": base,
                    "dont_interets_capitalises": capitalise,
                    "taux": taux.taux,
                    "diviseur": diviseur,
                    "montant": montant,
                    "fondement": taux.fondement,
                    "note": taux.note,
                },
            )
        )

    def _prolonge(
        self, du: dt.date, diviseur: int, base: Decimal, capitalise: Decimal, taux: TauxPeriode
    ) -> bool:
        """Vrai si la ligne en cours se prolonge par une période qui commence après ``du`` : même
        jour de raccord, diviseur, base et taux lu de la même façon."""
        ouverte = self.ligne_taux
        return (
            ouverte is not None
            and self.ligne_au == du
            and self.ligne_diviseur == diviseur
            and self.ligne_base == base
            and self.ligne_capitalise == capitalise
            and (ouverte is taux or meme_taux(ouverte, taux))
        )

    def _ajouter(self, du: dt.date, au: dt.date, diviseur: int, taux: TauxPeriode) -> None:
        capitalise = self.capitalise
        base = self.principal + capitalise
        if base <= ZERO:
            self.fermer()
        elif self._prolonge(du, diviseur, base, capitalise, taux):
            self.ligne_au = au
            self.ligne_jours += (au - du).days
        else:
            self.fermer()
            self._ouvrir(taux, base, diviseur, du, au)

    def _ouvrir(
        self, taux: TauxPeriode, base: Decimal, diviseur: int, du: dt.date, au: dt.date
    ) -> None:
        """Ouvre une ligne ``(du, au]`` (la précédente est fermée)."""
        self.ligne_taux = taux
        self.ligne_base = base
        self.ligne_capitalise = self.capitalise
        self.ligne_diviseur = diviseur
        self.ligne_du = du
        self.ligne_au = au
        self.ligne_jours = (au - du).days

    def _courir_troncons(
        self, debut: dt.date, troncons: tuple[tuple[dt.date, TauxPeriode], ...], clore: bool
    ) -> None:
        """Fait courir ``(debut, bout]`` tronçon par tronçon (diviseur 365, base constante).

        Même effet que ``_ajouter`` sur chaque tronçon : le premier prolonge la ligne en cours
        si son taux se lit de la même façon (CMF L313-2, C. com. L441-10 II) ; deux tronçons
        successifs ont des taux différents, donc chacun des suivants fait sa ligne ; le dernier
        reste ouvert, sauf si ``clore`` (fin du décompte) : il entre alors directement.
        """
        capitalise = self.capitalise
        base = self.principal + capitalise
        if base <= ZERO:
            self.fermer()
            return
        bout, taux = troncons[0]
        if self._prolonge(debut, 365, base, capitalise, taux):
            self.ligne_au = bout
            self.ligne_jours += (bout - debut).days
            if len(troncons) == 1:
                return
            self.fermer()
        else:
            self.fermer()
            if len(troncons) == 1:
                if clore:
                    self._ligne(taux, base, capitalise, 365, debut, bout, (bout - debut).days)
                else:
                    self._ouvrir(taux, base, 365, debut, bout)
                return
            self._ligne(taux, base, capitalise, 365, debut, bout, (bout - debut).days)
        courant = bout
        for bout, taux in troncons[1:-1]:
            self._ligne(taux, base, capitalise, 365, courant, bout, (bout - courant).days)
            courant = bout
        bout, taux = troncons[-1]
        if clore:
            self._ligne(taux, base, capitalise, 365, courant, bout, (bout - courant).days)
        else:
            self._ouvrir(taux, base, 365, courant, bout)

    # --- avancer dans le temps -----------------------------------------------------------------

    def depart_effectif(self) -> dt.date | None:
        """Point de départ des intérêts (non compté), jugement compris ; None : aucun intérêt."""
        if self.regime is None:
            return None
        debut, jugement = self.debut_interets, self.regime.date_jugement
        if jugement is not None and (debut is None or debut > jugement):
            debut = jugement
        if debut is not None and self.jour_de_depart_compte:
            # « deux_bornes » : le jour de départ compte ; la période (debut − 1, …] le contient.
            debut -= UN_JOUR
        return debut

    def taux_au(self, jour: dt.date) -> Decimal:
        """Taux que la dette porte le jour ``jour`` (0 si elle ne porte pas intérêt ce jour-là)."""
        depart = self.depart
        if depart is None or depart >= jour or self.principal + self.capitalise <= ZERO:
            return ZERO
        cal = self.calendrier
        if cal is not None:
            try:
                return cal.semestre(jour)[1].taux
            except RegleNonCouverte:
                pass
        regime = self.regime
        assert regime is not None
        regles = self.cours.regles
        try:
            cal = self._calendrier()
            if cal is not None:
                return cal.semestre(jour)[1].taux
            premier = (self.debut_interets or jour - UN_JOUR) + UN_JOUR
            return taux_du_jour(regles, regime, jour, premier).taux
        except RegleNonCouverte:
            return self._periodes(jour - UN_JOUR, jour)[0].taux.taux  # message précis

    def avancer(self, jusqu_a: dt.date, *, clore: bool = False) -> None:
        """Fait courir les intérêts jusqu'au jour ``jusqu_a`` inclus ; ``clore`` : puis ferme la
        ligne en cours (fin du décompte)."""
        depart = self.depart
        if jusqu_a > self.curseur and depart is not None and depart < jusqu_a:
            debut = self.curseur if self.curseur > depart else depart
            cal = self.calendrier
            if cal is not None and not self.capitalisation and self.cours.diviseur == "365":
                # Chemin rapide (le plus fréquent) : semestres mémorisés (CMF L313-2), diviseur
                # 365.
                self._courir_calendrier(cal, debut, jusqu_a, clore)
            elif not self.capitalisation:
                self._courir(debut, jusqu_a)
            else:
                while debut < jusqu_a:
                    bout = jusqu_a
                    anniversaire = self._anniversaire(self.depart_capitalisation or depart)
                    if debut < anniversaire < bout:
                        bout = anniversaire
                    self._courir(debut, bout)
                    if bout == anniversaire:
                        self._capitaliser(anniversaire)
                    debut = bout
        if jusqu_a > self.curseur:
            self.curseur = jusqu_a
        if clore:
            self.fermer()

    def _courir_calendrier(
        self, cal: Calendrier, debut: dt.date, fin: dt.date, clore: bool = False
    ) -> None:
        """Fait courir ``(debut, fin]`` sur les tronçons mémorisés d'un calendrier semestriel."""
        try:
            troncons, rencontres = cal.troncons(debut, fin)
        except RegleNonCouverte:
            self._periodes(debut, fin)  # lève l'erreur avec son contexte
            raise
        self.cours.utilises.update(rencontres)
        self._courir_troncons(debut, troncons, clore)

    def _courir(self, debut: dt.date, fin: dt.date) -> None:
        diviseur = self.cours.diviseur
        utilises = self.cours.utilises
        if diviseur == "365":
            cal = self._calendrier()
            if cal is not None:
                self._courir_calendrier(cal, debut, fin)
                return
            taux = self._taux_unique()
            if taux is not None:
                utilises[id(taux)] = taux
                self._ajouter(debut, fin, 365, taux)
                return
        for p in self._periodes(debut, fin):
            utilises[id(p.taux)] = p.taux
            if diviseur == "365":
                self._ajouter(p.debut, p.fin, 365, p.taux)
            else:
                for du, au, div in decouper_par_annee(p.debut, p.fin, diviseur):
                    self._ajouter(du, au, div, p.taux)

    def _taux_unique(self) -> TauxPeriode | None:
        """Commande publique sans jugement : le taux unique de tout le retard (CCP R2192-31),
        mémorisé sur la dette ; None pour un autre régime, ou si la règle manque (le découpage
        général lève alors l'erreur avec son contexte)."""
        taux = self.taux_unique
        regime = self.regime
        if (
            taux is None
            and regime is not None
            and regime.nom == "commande_publique"
            and regime.date_jugement is None
            and self.debut_interets is not None
        ):
            try:
                taux = taux_commande_publique(self.cours.regles, self.debut_interets + UN_JOUR)
            except RegleNonCouverte:
                return None
            self.taux_unique = taux
        return taux

    def _calendrier(self) -> Calendrier | None:
        """Calendrier semestriel du régime (taux légal ou pénalités sans jugement), sinon None."""
        cal = self.calendrier
        if cal is None:
            if self.regime is None or not a_un_calendrier(self.regime):
                return None
            cal = self.calendrier = calendrier(self.cours.regles, self.regime)
        return cal

    def _periodes(self, debut: dt.date, fin: dt.date) -> list[Periode]:
        assert self.regime is not None
        premier = (self.debut_interets or debut) + UN_JOUR
        return periodes(
            self.cours.regles,
            self.regime,
            debut,
            fin,
            premier_jour_interets=premier,
            quoi=self._quoi,
        )

    def _quoi(self) -> str:
        return f"créance {self.creance}, facture {self.facture}"

    def _anniversaire(self, depart: dt.date) -> dt.date:
        from contentieux.interets.capitalisation import anniversaire

        return anniversaire(depart, self.rang_capitalisation)

    def _capitaliser(self, date: dt.date) -> None:
        from contentieux.interets.capitalisation import capitaliser

        capitaliser(self, date)
