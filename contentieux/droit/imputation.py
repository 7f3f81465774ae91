"""Imputation des paiements : l'ordre de l'article 1342-10 et, sur une dette, l'article 1343-1.

**Le texte.** C. civ. 1342-10 : « Le débiteur de plusieurs dettes peut indiquer, lorsqu'il paie,
celle qu'il entend acquitter. À défaut d'indication par le débiteur, l'imputation a lieu comme
suit : d'abord sur les dettes échues ; parmi celles-ci, sur les dettes que le débiteur avait le
plus d'intérêt d'acquitter. À égalité d'intérêt, l'imputation se fait sur la plus ancienne ; toutes
choses égales, elle se fait proportionnellement. » C. civ. 1343-1 : le paiement partiel d'une
dette qui porte intérêt s'impute d'abord sur les intérêts.

**La doctrine retenue** (docs/droit.md c.7) :

1. les dettes que le débiteur a désignées, dans l'ordre donné ;
2. puis les dettes **échues** au jour du paiement (échéance au plus tard ce jour-là) avant les
   autres ;
3. parmi elles, celle que le débiteur avait **le plus d'intérêt** à acquitter : **décision de la
   bibliothèque**, celle qui porte le taux d'intérêt le plus élevé au jour du paiement (c'est
   elle qui lui coûte le plus ; la doctrine cite aussi la dette garantie par une sûreté ou
   assortie d'une clause pénale, que le dossier ne décrit pas) ;
4. à intérêt égal, **la plus ancienne** (l'échéance la plus ancienne ; à échéance égale, l'ordre
   du dossier) — c'est aussi la règle d'un crédit à la consommation, dont les échéances portent
   le même taux : les paiements soldent les plus anciennes d'abord (forclusion, C. consom.
   R312-35 ; docs/droit.md k.1) ;
5. **toutes choses égales** (même taux, même échéance), **proportionnellement** au solde de
   chacune (:func:`repartir`).

**Sur une même dette** (:func:`postes_imputes`, puis :func:`ventiler`) : C. civ. 1343-1 met les
**intérêts** avant le capital ; l'indemnité forfaitaire de 40 € (C. com. L441-10, D441-5) et les
frais **ne sont pas des intérêts**. Le point n'est pas tranché (points c.7 et l.7 de docs/droit.md :
une pratique impute les « frais » avant le capital par analogie, Cass. 1re civ. 7 févr. 1995, n°
92-14.216 ; la lecture favorable au débiteur met le principal avant l'indemnité). **Décision : un
paramètre documenté** (:data:`ORDRE_PAR_DEFAUT`) : par défaut **intérêts, puis principal, puis
indemnité et frais** ; l'ordre « intérêts, indemnité, principal » seulement si le contrat le stipule
(``Creance.ordre_imputation``, validé : il exige la pièce qui le porte). L'ordre retenu est imprimé
dans le décompte (:func:`libeller_ordre`). Exception (CCP R2192-36) : un paiement d'un acheteur
public va d'abord au principal, ses intérêts moratoires étant payés ensuite.

**Le coût.** :class:`OrdreImputation` range les dettes une fois (tri en O(n log n)), par groupe
de dettes qui portent le même taux le même jour (une créance, un régime) ; à chaque paiement, il ne
lit qu'un taux par groupe et fusionne les groupes paresseusement : un paiement ne coûte que les
dettes qu'il éteint, sans retrier toutes les factures.

>>> import datetime as dt
>>> from decimal import Decimal
>>> echeances = [(dt.date(2025, 1, 5), Decimal("100")), (dt.date(2025, 2, 5), Decimal("100")),
...              (dt.date(2025, 3, 5), Decimal("100"))]
>>> imputer_sur_echeances(echeances, [(dt.date(2025, 3, 10), Decimal("150"))])
[Decimal('0'), Decimal('50'), Decimal('100')]
>>> ventiler(Decimal("30"), [Decimal("12.50"), Decimal("100"), Decimal("40")])
([Decimal('12.50'), Decimal('17.50'), Decimal('0')], Decimal('0.00'))
>>> postes_imputes(None), postes_imputes("interets_indemnite_principal")
(('interets', 'principal', 'indemnite'), ('interets', 'indemnite', 'principal'))
>>> libeller_ordre(None)
'intérêts, puis principal, puis indemnité forfaitaire et frais (C. civ. 1343-1 ; ordre par défaut)'
"""

from __future__ import annotations

import datetime as dt
import heapq
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from decimal import ROUND_DOWN, Decimal
from typing import Final, Generic, TypeVar

from contentieux.modeles.creances import OrdrePostes
from contentieux.modeles.decompte import NaturePart

T = TypeVar("T")

FONDEMENTS: Final = ("C. civ. 1342-10", "C. civ. 1343-1")
FONDEMENT_STIPULATION: Final = "C. civ. 1103"
"""Force obligatoire du contrat : l'ordre d'imputation qu'il stipule."""
ORDRE_PAR_DEFAUT: Final[OrdrePostes] = "interets_principal_indemnite"
"""Ordre des postes d'une dette à défaut de stipulation : intérêts, principal, indemnité (1343-1 ;
l'indemnité de 40 € et les frais ne sont pas des intérêts — point l.7 de docs/droit.md)."""

_POSTES: Final[dict[OrdrePostes, tuple[NaturePart, NaturePart, NaturePart]]] = {
    "interets_principal_indemnite": ("interets", "principal", "indemnite"),
    "interets_indemnite_principal": ("interets", "indemnite", "principal"),
}
_LIBELLES: Final[dict[OrdrePostes, str]] = {
    "interets_principal_indemnite": "intérêts, puis principal, puis indemnité forfaitaire et frais",
    "interets_indemnite_principal": "intérêts, puis indemnité forfaitaire et frais, puis principal",
}


def postes_imputes(stipule: OrdrePostes | None) -> tuple[NaturePart, NaturePart, NaturePart]:
    """Les postes d'une dette dans l'ordre où un paiement partiel les éteint : l'ordre stipulé
    par le contrat, sinon :data:`ORDRE_PAR_DEFAUT`."""
    return _POSTES[stipule or ORDRE_PAR_DEFAUT]


def libeller_ordre(stipule: OrdrePostes | None) -> str:
    """L'ordre des postes tel que le décompte l'imprime, avec sa source (la loi ou le contrat)."""
    if stipule is None:
        return f"{_LIBELLES[ORDRE_PAR_DEFAUT]} (C. civ. 1343-1 ; ordre par défaut)"
    return f"{_LIBELLES[stipule]} (stipulation du contrat, {FONDEMENT_STIPULATION})"
FONDEMENT_PUBLIC: Final = "CCP R2192-36"
CENTIME: Final = Decimal("0.01")
ZERO: Final = Decimal("0")


def ventiler(montant: Decimal, dus: Sequence[Decimal]) -> tuple[list[Decimal], Decimal]:
    """Répartit ``montant`` sur des postes pris dans l'ordre donné (celui de
    :func:`postes_imputes` : C. civ. 1343-1) ; rend ce que reçoit chaque poste et le reste non
    imputé."""
    parts: list[Decimal] = []
    for du in dus:
        paye = min(du, montant) if montant > 0 and du > 0 else ZERO
        parts.append(paye)
        montant -= paye
    return parts, montant


def repartir(montant: Decimal, soldes: Sequence[Decimal]) -> list[Decimal]:
    """Répartit ``montant`` entre des dettes égales en tout, au prorata de leur solde, au centime
    (1342-10 in fine) : parts tronquées, puis les centimes restants un à un dans l'ordre."""
    total = sum(soldes, start=ZERO)
    if montant >= total or total <= 0:
        return list(soldes)
    parts = [(montant * s / total).quantize(CENTIME, ROUND_DOWN) for s in soldes]
    reste = montant - sum(parts, start=ZERO)
    i = 0
    while reste > 0 and i < 10 * len(parts) + 100:
        j = i % len(parts)
        if parts[j] < soldes[j]:
            parts[j] += CENTIME
            reste -= CENTIME
        i += 1
    return parts


def _cle(t: tuple[Decimal, dt.date, int, object]) -> tuple[Decimal, dt.date, int]:
    """Clé de 1342-10 d'une dette rangée : (-taux, échéance, rang)."""
    return t[0], t[1], t[2]


class _Groupe(Generic[T]):
    """Dettes d'un même groupe, triées par (échéance, rang) ; ``debut`` : première non soldée."""

    __slots__ = ("debut", "dettes", "echeances", "rangs")

    def __init__(self) -> None:
        self.dettes: list[T] = []
        self.echeances: list[dt.date] = []
        self.rangs: list[int] = []
        self.debut = 0


class OrdreImputation(Generic[T]):
    """Les dettes d'un dossier rangées pour l'ordre de 1342-10 (voir le module).

    ``echeance(d)`` : date d'échéance ; ``groupe(d)`` : clé d'un groupe de dettes qui, échues et
    portant intérêt, ont le même taux le même jour (le décompte groupe par créance et par régime).
    Le rang d'une dette est sa position dans ``dettes`` (l'ordre du dossier).
    """

    def __init__(
        self,
        dettes: Iterable[T],
        *,
        echeance: Callable[[T], dt.date],
        groupe: Callable[[T], Hashable],
    ) -> None:
        ranges = sorted(
            ((echeance(d), rang, groupe(d), d) for rang, d in enumerate(dettes)),
            key=lambda t: (t[0], t[1]),
        )
        self._groupes: dict[Hashable, _Groupe[T]] = {}
        self._rangs: dict[int, int] = {}
        self._echeances: dict[int, dt.date] = {}
        for ech, rang, cle, d in ranges:
            g = self._groupes.get(cle)
            if g is None:
                g = self._groupes[cle] = _Groupe()
            g.dettes.append(d)
            g.echeances.append(ech)
            g.rangs.append(rang)
            self._rangs[id(d)] = rang
            self._echeances[id(d)] = ech
        self._a_part: dict[int, T] = {}
        """Dettes sorties de leur groupe (elles ne portent plus intérêt : base nulle)."""

    def sans_interet(self, dette: T) -> None:
        """Signale une dette qui ne porte plus intérêt mais reste due (son principal est soldé,
        ses intérêts ne le sont pas) : elle quitte son groupe, son taux est désormais nul."""
        self._a_part[self._rangs[id(dette)]] = dette

    def ordre(
        self,
        jour: dt.date,
        *,
        taux: Callable[[T], Decimal],
        ouverte: Callable[[T], bool],
        concerne: Callable[[T], bool] | None = None,
        designees: Sequence[T] = (),
    ) -> Iterator[list[T]]:
        """Les dettes ouvertes dans l'ordre d'imputation d'un paiement du jour ``jour``, par
        groupes d'égales (un groupe de plusieurs dettes se partage le paiement au prorata).

        ``taux(d)`` : taux que porte la dette ``d`` ce jour-là ; ``ouverte(d)`` : elle reste due
        (une dette soldée l'est pour de bon) ; ``concerne(d)`` : le paiement la vise (les dettes
        d'un même groupe doivent s'accorder) ; ``designees`` : dettes désignées par le débiteur,
        imputées d'abord dans cet ordre. Paresseux : seules les dettes atteintes sont lues.
        """
        vues: set[int] = set()
        for d in designees:
            rang = self._rangs[id(d)]
            if rang not in vues and ouverte(d):
                vues.add(rang)
                yield [d]
        a_part = self._a_part
        echues: list[Iterator[tuple[Decimal, dt.date, int, T]]] = []
        a_venir: list[Iterator[tuple[Decimal, dt.date, int, T]]] = []
        isolees: list[tuple[Decimal, dt.date, int, T]] = []
        for g in self._groupes.values():
            # Les dettes soldées en tête du groupe le quittent pour de bon.
            while g.debut < len(g.dettes) and (
                g.rangs[g.debut] in a_part or not ouverte(g.dettes[g.debut])
            ):
                g.debut += 1
            if g.debut == len(g.dettes):
                continue
            if concerne is not None and not concerne(g.dettes[g.debut]):
                continue
            veille = bisect_right(g.echeances, jour - dt.timedelta(days=1), g.debut)
            fin_jour = bisect_right(g.echeances, jour, veille)
            # Taux du groupe : celui de sa première dette échue avant ce jour et ouverte.
            taux_groupe: Decimal | None = None
            for i in range(g.debut, veille):
                if g.rangs[i] not in a_part and g.rangs[i] not in vues and ouverte(g.dettes[i]):
                    taux_groupe = taux(g.dettes[i])
                    break
            if taux_groupe is not None:
                echues.append(self._suite(g, g.debut, veille, -taux_groupe, vues, ouverte))
            # Échues le jour même : taux lu dette par dette (le jour de départ peut compter).
            for i in range(veille, fin_jour):
                d = g.dettes[i]
                if g.rangs[i] not in a_part and g.rangs[i] not in vues and ouverte(d):
                    isolees.append((-taux(d), g.echeances[i], g.rangs[i], d))
            a_venir.append(self._suite(g, fin_jour, len(g.dettes), ZERO, vues, ouverte))
        for rang, d in a_part.items():
            if rang in vues or not ouverte(d) or (concerne is not None and not concerne(d)):
                continue
            ech = self._echeances[id(d)]
            if ech <= jour:
                isolees.append((ZERO, ech, rang, d))
            else:
                a_venir.append(iter([(ZERO, ech, rang, d)]))
        if isolees:
            isolees.sort(key=lambda t: (t[0], t[1], t[2]))
            echues.append(iter(isolees))
        for tier in (echues, a_venir):
            groupe: list[T] = []
            cle: tuple[Decimal, dt.date] | None = None
            # Une seule suite (une créance) : déjà dans l'ordre, pas de fusion.
            suite = tier[0] if len(tier) == 1 else heapq.merge(*tier, key=_cle)
            for neg_taux, ech, _, d in suite:
                if (neg_taux, ech) != cle:
                    if groupe:
                        yield groupe
                    groupe, cle = [], (neg_taux, ech)
                groupe.append(d)
            if groupe:
                yield groupe

    @staticmethod
    def _suite(
        g: _Groupe[T],
        debut: int,
        fin: int,
        neg_taux: Decimal,
        vues: set[int],
        ouverte: Callable[[T], bool],
    ) -> Iterator[tuple[Decimal, dt.date, int, T]]:
        """Les dettes ouvertes ``debut:fin`` d'un groupe, avec leur clé (-taux, échéance, rang)."""
        for i in range(debut, fin):
            rang = g.rangs[i]
            if rang in vues:
                continue
            d = g.dettes[i]
            if ouverte(d):
                yield neg_taux, g.echeances[i], rang, d


def imputer_sur_echeances(
    echeances: Sequence[tuple[dt.date, Decimal]],
    paiements: Iterable[tuple[dt.date, Decimal]],
) -> list[Decimal]:
    """Restes dus de dettes de même taux (les échéances d'un prêt) après des paiements non
    désignés, imputés selon 1342-10 : les échues d'abord, la plus ancienne d'abord ; le surplus
    va aux échéances à venir, la plus proche d'abord. ``paiements`` : (date, montant), dans
    l'ordre chronologique. Sert à la forclusion du crédit à la consommation (R312-35 : le premier
    incident non régularisé) ; les intérêts ne sont pas comptés ici."""
    restes = [montant for _, montant in echeances]
    indices = list(range(len(echeances)))
    ordre = OrdreImputation(indices, echeance=lambda i: echeances[i][0], groupe=lambda i: 0)
    for jour, montant in paiements:
        for groupe in ordre.ordre(jour, taux=lambda i: ZERO, ouverte=lambda i: restes[i] > 0):
            if montant <= 0:
                break
            dus = [restes[i] for i in groupe]
            parts = [min(montant, dus[0])] if len(groupe) == 1 else repartir(montant, dus)
            for i, part in zip(groupe, parts, strict=True):
                restes[i] -= part
                montant -= part
    return restes
