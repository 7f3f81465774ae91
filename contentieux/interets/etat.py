"""État d'une dette pendant le décompte : principal restant, intérêts courus, lignes.

Une dette est une facture (ou une échéance) d'une créance. Le décompte avance chaque dette dans le
temps (``avancer``) : les jours portent le taux de leur période, une ligne s'allonge tant que le
taux, la base et le diviseur ne changent pas, et se ferme (arrondie au centime) sinon.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from contentieux.erreurs import RegleNonCouverte
from contentieux.interets.arrondi import arrondir
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
    taux_du_jour,
)
from contentieux.modeles.decompte import Capitalisation, Diviseur, LigneInterets, constructeur
from contentieux.regles import Regles

ZERO = Decimal("0.00")
"""Zéro monétaire, au centime (sérialisé « 0.00 »)."""
UN_JOUR = dt.timedelta(days=1)
_ligne_interets = constructeur(LigneInterets)


@dataclass(slots=True, eq=False)
class Dette:
    """Une facture en cours de décompte."""

    creance: str
    facture: str
    date_emission: dt.date
    date_echeance: dt.date
    principal_initial: Decimal
    regime: RegimeDette | None
    debut_interets: dt.date | None
    principal: Decimal = ZERO
    curseur: dt.date = dt.date.min
    lignes: list[LigneInterets] = field(default_factory=list)
    # Ligne en cours, prolongée tant que sa clé (taux, base, diviseur…) ne change pas ;
    # ``ligne_taux`` None : aucune ligne ouverte.
    ligne_taux: TauxPeriode | None = None
    ligne_base: Decimal = ZERO
    ligne_capitalise: Decimal = ZERO
    ligne_diviseur: int = 365
    ligne_du: dt.date = dt.date.min
    ligne_au: dt.date = dt.date.min
    ligne_jours: int = 0
    interets_fermes: Decimal = ZERO
    interets_payes: Decimal = ZERO
    capitalise: Decimal = ZERO
    capitalisations: list[Capitalisation] = field(default_factory=list)
    capitalisation: bool = False
    rang_capitalisation: int = 1
    indemnite: Decimal = ZERO
    indemnite_payee: Decimal = ZERO
    en_retard: bool | None = None

    depart: dt.date | None = None
    calendrier: Calendrier | None = None
    """Semestres du régime (taux légal ou pénalités sans jugement) ; None : autre régime."""
    depart_capitalisation: dt.date | None = None
    """Point de départ des anniversaires de capitalisation (demande en justice, capitalisation
    judiciaire) ; None : le point de départ des intérêts (capitalisation stipulée)."""
    jour_de_depart_compte: bool = False
    """Convention « deux_bornes » : le jour de départ des intérêts compte aussi."""

    def __post_init__(self) -> None:
        self.principal = self.principal_initial
        self.depart = depart = self.depart_effectif()
        # « deux_bornes » : le départ peut précéder l'émission d'un jour (échéance = émission).
        self.curseur = self.date_emission if depart is None else min(self.date_emission, depart)

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
        jours = self.ligne_jours
        if jours == 0:
            return
        base, diviseur = self.ligne_base, self.ligne_diviseur
        montant = arrondir(interet_exact(base, taux.taux, jours, diviseur))
        self.interets_fermes += montant
        self.lignes.append(
            _ligne_interets(
                creance=self.creance,
                facture=self.facture,
                regime=taux.regime,
                du=self.ligne_du,
                au=self.ligne_au,
                jours=jours,
                base=base,
                dont_interets_capitalises=self.ligne_capitalise,
                taux=taux.taux,
                diviseur=diviseur,
                montant=montant,
                fondement=taux.fondement,
                note=taux.note,
            )
        )

    def _ajouter(self, du: dt.date, au: dt.date, diviseur: int, taux: TauxPeriode) -> None:
        base = self.principal + self.capitalise
        if base <= 0:
            self.fermer()
            return
        ouverte = self.ligne_taux
        if ouverte is not None:
            if (
                self.ligne_au == du
                and self.ligne_diviseur == diviseur
                and self.ligne_base == base
                and self.ligne_capitalise == self.capitalise
                and meme_taux(ouverte, taux)
            ):
                self.ligne_au = au
                self.ligne_jours += (au - du).days
                return
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
        self, debut: dt.date, troncons: tuple[tuple[dt.date, TauxPeriode], ...]
    ) -> None:
        """Fait courir ``(debut, bout]`` tronçon par tronçon (diviseur 365, base constante).

        Même effet que ``_ajouter`` sur chaque tronçon : la ligne en cours s'allonge tant que le
        taux se lit de la même façon (CMF L313-2, C. com. L441-10 II), sinon elle est fermée.
        """
        capitalise = self.capitalise
        base = self.principal + capitalise
        if base <= 0:
            self.fermer()
            return
        ouverte = self.ligne_taux
        courant = debut
        for bout, taux in troncons:
            if (
                ouverte is not None
                and self.ligne_au == courant
                and self.ligne_diviseur == 365
                and self.ligne_base == base
                and self.ligne_capitalise == capitalise
                and (ouverte is taux or meme_taux(ouverte, taux))
            ):
                self.ligne_au = bout
                self.ligne_jours += (bout - courant).days
            else:
                if ouverte is not None:
                    self.fermer()
                self._ouvrir(taux, base, 365, courant, bout)
                ouverte = taux
            courant = bout

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

    def taux_au(self, regles: Regles, jour: dt.date) -> Decimal:
        """Taux que la dette porte le jour ``jour`` (0 si elle ne porte pas intérêt ce jour-là)."""
        depart = self.depart
        if depart is None or depart >= jour or self.principal + self.capitalise <= 0:
            return ZERO
        cal = self.calendrier
        if cal is not None:
            try:
                return cal.semestre(jour)[1].taux
            except RegleNonCouverte:
                pass
        regime = self.regime
        assert regime is not None
        try:
            cal = self._calendrier(regles)
            if cal is not None:
                return cal.semestre(jour)[1].taux
            premier = (self.debut_interets or jour - UN_JOUR) + UN_JOUR
            return taux_du_jour(regles, regime, jour, premier).taux
        except RegleNonCouverte:
            return self._periodes(regles, jour - UN_JOUR, jour)[0].taux.taux  # message précis

    def avancer(
        self,
        regles: Regles,
        jusqu_a: dt.date,
        diviseur: Diviseur,
        utilises: dict[int, TauxPeriode],
    ) -> None:
        """Fait courir les intérêts jusqu'au jour ``jusqu_a`` inclus.

        ``utilises`` reçoit les taux employés (pour la liste des valeurs de règles du décompte).
        """
        if jusqu_a <= self.curseur:
            return
        depart = self.depart
        if depart is None or depart >= jusqu_a:
            self.curseur = jusqu_a
            return
        debut = max(self.curseur, depart)
        cal = self.calendrier
        if cal is not None and diviseur == "365" and not self.capitalisation:
            # Chemin rapide (le plus fréquent) : semestres mémorisés (CMF L313-2), diviseur 365.
            try:
                troncons, rencontres = cal.troncons(debut, jusqu_a)
            except RegleNonCouverte:
                self._periodes(regles, debut, jusqu_a)  # lève l'erreur avec son contexte
                raise
            utilises.update(rencontres)
            self._courir_troncons(debut, troncons)
        elif not self.capitalisation:
            self._courir(regles, debut, jusqu_a, diviseur, utilises)
        else:
            while debut < jusqu_a:
                bout = jusqu_a
                anniversaire = self._anniversaire(self.depart_capitalisation or depart)
                if debut < anniversaire < bout:
                    bout = anniversaire
                self._courir(regles, debut, bout, diviseur, utilises)
                if bout == anniversaire:
                    self._capitaliser(anniversaire)
                debut = bout
        self.curseur = jusqu_a

    def _courir(
        self,
        regles: Regles,
        debut: dt.date,
        fin: dt.date,
        diviseur: Diviseur,
        utilises: dict[int, TauxPeriode],
    ) -> None:
        cal = self._calendrier(regles) if diviseur == "365" else None
        if cal is not None:
            # Chemin rapide (le plus fréquent) : tronçons de taux constant mémorisés, diviseur 365.
            try:
                troncons, rencontres = cal.troncons(debut, fin)
            except RegleNonCouverte:
                self._periodes(regles, debut, fin)  # lève l'erreur avec son contexte
                raise
            utilises.update(rencontres)
            self._courir_troncons(debut, troncons)
            return
        for p in self._periodes(regles, debut, fin):
            utilises[id(p.taux)] = p.taux
            if diviseur == "365":
                self._ajouter(p.debut, p.fin, 365, p.taux)
            else:
                for du, au, div in decouper_par_annee(p.debut, p.fin, diviseur):
                    self._ajouter(du, au, div, p.taux)

    def _calendrier(self, regles: Regles) -> Calendrier | None:
        """Calendrier semestriel du régime (taux légal ou pénalités sans jugement), sinon None."""
        cal = self.calendrier
        if cal is None:
            if self.regime is None or not a_un_calendrier(self.regime):
                return None
            cal = self.calendrier = calendrier(regles, self.regime)
        return cal

    def _periodes(self, regles: Regles, debut: dt.date, fin: dt.date) -> list[Periode]:
        assert self.regime is not None
        premier = (self.debut_interets or debut) + UN_JOUR
        return periodes(
            regles,
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
