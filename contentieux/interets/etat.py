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
from contentieux.interets.capitalisation import anniversaire as anniversaire_capitalisation
from contentieux.interets.capitalisation import nouvelle_capitalisation
from contentieux.interets.jours import decouper_par_annee, interet_exact
from contentieux.interets.taux import Bareme, Periode, RegimeDette, TauxPeriode, meme_taux, periodes
from contentieux.modeles.decompte import Capitalisation, Diviseur, LigneInterets
from contentieux.regles import Regles

ZERO: Final = Decimal("0.00")
"""Zéro monétaire, au centime (sérialisé « 0.00 »)."""
UN_JOUR: Final = dt.timedelta(days=1)


@dataclass(slots=True, eq=False, init=False)
class Cours:
    """Ce que partagent les dettes d'un seul décompte : les règles, leur barème (les taux lus
    pendant ce calcul), le diviseur et les taux employés (indexés par ``id``, pour la liste des
    valeurs de règles du décompte)."""

    regles: Regles
    bareme: Bareme
    diviseur: Diviseur
    utilises: dict[int, TauxPeriode]

    def __init__(self, regles: Regles, diviseur: Diviseur = "365") -> None:
        self.regles = regles
        self.bareme = Bareme(regles)
        self.diviseur = diviseur
        self.utilises = {}


@dataclass(slots=True, eq=False, init=False)
class Dette:
    """Une facture en cours de décompte."""

    creance: str
    facture: str | None
    date_emission: dt.date
    date_echeance: dt.date
    principal_initial: Decimal
    regime: RegimeDette | None
    debut_interets: dt.date | None
    cours: Cours
    arret: dt.date | None
    """Dernier jour d'intérêts (veille du jugement d'ouverture d'une procédure collective, C. com.
    L622-28) ; None : pas d'arrêt."""
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
        facture: str | None,
        date_emission: dt.date,
        date_echeance: dt.date,
        principal_initial: Decimal,
        regime: RegimeDette | None,
        debut_interets: dt.date | None,
        cours: Cours,
        capitalisation: bool = False,
        jour_de_depart_compte: bool = False,
        arret: dt.date | None = None,
    ) -> None:
        self.creance = creance
        self.facture = facture
        self.date_emission = date_emission
        self.date_echeance = date_echeance
        self.principal_initial = self.principal = principal_initial
        self.regime = regime
        self.debut_interets = debut_interets
        self.cours = cours
        self.arret = arret
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
            LigneInterets.model_construct(
                creance=self.creance,
                facture=self.facture,
                regime=taux.regime,
                du=du,
                au=au,
                jours=jours,
                base=base,
                dont_interets_capitalises=capitalise,
                taux=taux.taux,
                diviseur=diviseur,
                montant=montant,
                fondement=taux.fondement,
                note=taux.note,
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
        if self.arret is not None and jour > self.arret:
            return ZERO
        regime = self.regime
        assert regime is not None
        premier = (self.debut_interets or jour - UN_JOUR) + UN_JOUR
        try:
            return self.cours.bareme.taux(regime, jour, premier)[0].taux
        except RegleNonCouverte:
            return self._periodes(jour - UN_JOUR, jour)[0].taux.taux  # message précis

    def avancer(self, jusqu_a: dt.date, *, clore: bool = False) -> None:
        """Fait courir les intérêts jusqu'au jour ``jusqu_a`` inclus (au plus jusqu'à l'arrêt
        des intérêts) ; ``clore`` : puis ferme la ligne en cours (fin du décompte)."""
        depart = self.depart
        fin = jusqu_a if self.arret is None or jusqu_a <= self.arret else self.arret
        if fin > self.curseur and depart is not None and depart < fin:
            debut = self.curseur if self.curseur > depart else depart
            if not self.capitalisation:
                self._courir(debut, fin)
            else:
                while debut < fin:
                    bout = fin
                    anniversaire = self._anniversaire(self.depart_capitalisation or depart)
                    if debut < anniversaire < bout:
                        bout = anniversaire
                    self._courir(debut, bout)
                    if bout == anniversaire:
                        self._capitaliser(anniversaire)
                    debut = bout
        if fin > self.curseur:
            self.curseur = fin
        if clore:
            self.fermer()

    def _courir(self, debut: dt.date, fin: dt.date) -> None:
        """Fait courir ``(debut, fin]`` période par période (et année par année en diviseur
        « exact »)."""
        diviseur = self.cours.diviseur
        utilises = self.cours.utilises
        for p in self._periodes(debut, fin):
            utilises[id(p.taux)] = p.taux
            if diviseur == "365":
                self._ajouter(p.debut, p.fin, 365, p.taux)
            else:
                for du, au, div in decouper_par_annee(p.debut, p.fin, diviseur):
                    self._ajouter(du, au, div, p.taux)

    def _periodes(self, debut: dt.date, fin: dt.date) -> list[Periode]:
        assert self.regime is not None
        premier = (self.debut_interets or debut) + UN_JOUR
        return periodes(
            self.cours.bareme,
            self.regime,
            debut,
            fin,
            premier_jour_interets=premier,
            quoi=self._quoi,
        )

    def _quoi(self) -> str:
        return f"créance {self.creance}, facture {self.facture}"

    def _anniversaire(self, depart: dt.date) -> dt.date:
        return anniversaire_capitalisation(depart, self.rang_capitalisation)

    def _capitaliser(self, date: dt.date) -> None:
        """Ajoute à la base les intérêts échus et impayés (une année entière, C. civ. 1343-2)."""
        self.fermer()
        dus = self.interets_dus()
        nouvelle = nouvelle_capitalisation(
            creance=self.creance,
            facture=self.facture,
            date=date,
            interets_dus=dus,
            deja_capitalises=self.capitalise,
        )
        self.rang_capitalisation += 1
        if nouvelle is None:
            return
        self.capitalise = dus
        self.capitalisations.append(nouvelle)
