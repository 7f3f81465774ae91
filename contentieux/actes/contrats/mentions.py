"""Mentions que plusieurs actes partagent, celles qu'un praticien relit d'abord (issue 18).

- **Un seul principal, les paiements visibles** (CPC 1407 : le montant « avec le décompte des
  différents éléments ») : :func:`tableau_principal` liste les factures, puis **chaque paiement
  sur sa ligne**, sa date et son imputation (C. civ. 1342-10, 1343-1), et finit sur le principal
  restant dû, le même chiffre que le récapitulatif ; :func:`interets_posterieurs` réclame les
  intérêts à venir avec leur taux, leur base et leur point de départ.
- **La forme** : la formule d'appel et la formule de politesse tirées de la civilité du
  destinataire (:func:`appel`, :func:`politesse`) ; le nom de ce qui est dû (« factures »,
  « loyers et charges », « échéances » : :func:`sommes_dues`) ; jamais « (s) » ni « (e) ».
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from contentieux.actes.contenu import Tableau
from contentieux.actes.contrats.commun import (
    MANQUE_DATE_MANDAT,
    MANQUE_REFERENCE_MANDAT,
    Faits,
    d,
    m,
)
from contentieux.francais import de, formater_taux, formule_appel, formule_politesse
from contentieux.modeles.creances import Creance, NatureCreance
from contentieux.modeles.decompte import Decompte, LigneInterets
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import MiseEnDemeure
from contentieux.modeles.parties import NatureMandataire, PersonneMorale, PersonnePhysique

INDEMNITE_LEGALE = (
    "L'indemnité forfaitaire pour frais de recouvrement de 40 € par facture payée en retard est "
    "due au créancier de plein droit, par la loi (C. com. L441-10 II et D441-5) ; ce n'est pas "
    "un frais de recouvrement au sens de l'article L111-8 du code des procédures civiles "
    "d'exécution (les frais des démarches amiables, qui restent à la charge du créancier)."
)
"""Entre professionnels, quand les 40 € sont réclamés (points g et l.4 de docs/droit.md)."""

POSTES_IMPUTES = {"interets": "intérêts", "indemnite": "indemnité", "principal": "principal"}
"""Libellés des postes d'imputation d'un paiement."""


def _civilite(faits: Faits) -> str | None:
    debiteur = faits.dossier.debiteur
    return debiteur.civilite if isinstance(debiteur, PersonnePhysique) else None


def appel(faits: Faits) -> str:
    """« Monsieur, », « Madame, » d'après la civilité du débiteur ; « Madame, Monsieur, » pour
    une société ou une civilité inconnue."""
    return formule_appel(_civilite(faits))


def politesse(faits: Faits) -> str:
    """La formule de politesse qui reprend la formule d'appel."""
    return formule_politesse(_civilite(faits))


def mise_en_demeure_envoyee(faits: Faits) -> bool:
    """Une mise en demeure a-t-elle déjà été envoyée (plus de « simple oubli » après elle) ?"""
    return any(e.date_envoi <= faits.au for e in faits.dossier.evenements_de_type(MiseEnDemeure))


_NOMS: dict[NatureCreance, tuple[str, str]] = {
    NatureCreance.LOYER_HABITATION: ("loyers et charges", "échéance de loyers et charges"),
    NatureCreance.CREDIT_CONSOMMATION: ("échéances", "échéance"),
    NatureCreance.CHARGES_COPROPRIETE: ("appels de charges", "appel de charges"),
}


def sommes_dues(creance: Creance) -> str:
    """Le nom de ce que réclame une créance, au pluriel : « factures », « loyers et charges »."""
    return _NOMS.get(creance.nature, ("factures", "facture"))[0]


def sommes_du_dossier(dossier: Dossier) -> str:
    """Le nom de ce que réclame le dossier (« factures » si ses créances diffèrent)."""
    noms = {sommes_dues(c) for c in dossier.creances}
    return noms.pop() if len(noms) == 1 else "factures et échéances"


def objet_principal(dossier: Dossier) -> str:
    """Ce qui fonde le principal, pour le récapitulatif : « factures impayées », « loyers et
    charges impayés »."""
    sommes = sommes_du_dossier(dossier)
    return f"{sommes} {impayees(sommes)}"


def designer_pieces(creance: Creance) -> str:
    """« facture 2025-118 », « factures F1, F2 », « loyers et charges LOYER-09, LOYER-10 » :
    le nom accordé au nombre, puis les numéros."""
    numeros = ", ".join(f.numero for f in creance.factures)
    if len(creance.factures) == 1:
        return f"{_NOMS.get(creance.nature, ('factures', 'facture'))[1]} {numeros}"
    return f"{sommes_dues(creance)} {numeros}"


def impayees(sommes: str) -> str:
    """« impayées » (factures, échéances) ou « impayés » (loyers et charges, appels de charges)."""
    return "impayés" if sommes.split(" ")[0] in ("loyers", "appels") else "impayées"


def nommer_piece(creance: Creance, nombre: int) -> str:
    """« 1 facture », « 3 échéances de loyers et charges » : accordé, jamais « facture(s) »."""
    singulier = _NOMS.get(creance.nature, ("factures", "facture"))[1]
    if nombre <= 1:
        return f"{nombre} {singulier}"
    premier, _, reste = singulier.partition(" ")
    return f"{nombre} {premier}s" + (f" {reste}" if reste else "")


def tableau_principal(faits: Faits, dec: Decompte | None = None) -> Tableau:
    """Les factures, puis chaque paiement sur sa ligne (date, montant, imputation), et le principal
    restant dû (CPC 1407) : la colonne « Principal » se lit comme une soustraction.

    Le principal restant dû est celui du décompte (``total_principal_restant``), le seul chiffre de
    principal des actes ; la part de chaque paiement imputée sur les intérêts, les pénalités ou
    l'indemnité est écrite dans la colonne « Imputation » et retranchée au récapitulatif
    (« Paiements déjà imputés sur ces accessoires »).
    """
    dec = dec or faits.decompte
    dossier = faits.dossier
    lignes: list[tuple[str, ...]] = [
        (f.numero, f"émise le {d(f.date_emission)}, échue le {d(f.date_echeance)}", "",
         m(f.montant_ttc))
        for _, f in dossier.factures()
    ]
    total_factures = sum((f.montant_ttc for _, f in dossier.factures()), start=Decimal("0"))
    nom = sommes_du_dossier(dossier)
    if not dec.imputations:
        return Tableau(
            colonnes=("Pièce", "Dates", "Principal"),
            montants=(2,),
            largeurs=(30, 50, 20),
            lignes=tuple((ligne[0], ligne[1], ligne[3]) for ligne in lignes),
            total=(f"Total des {nom}", "", m(total_factures)),
        )
    lignes.append((f"Total des {nom}", "", "", m(total_factures)))
    for imputation in dec.imputations:
        principal = sum(
            (p.montant for p in imputation.parts if p.nature == "principal"), start=Decimal("0")
        )
        detail = " ; ".join(
            f"{POSTES_IMPUTES[p.nature]} {p.facture or p.creance} : {m(p.montant)}"
            for p in imputation.parts
        )
        if imputation.non_impute:
            detail += f" ; non imputé : {m(imputation.non_impute)}"
        lignes.append(
            (
                f"Paiement de {m(imputation.montant)}",
                f"reçu le {d(imputation.date)}",
                detail,
                "− " + m(principal),
            )
        )
    return Tableau(
        colonnes=("Pièce", "Dates", "Imputation", "Principal"),
        montants=(3,),
        largeurs=(17, 24, 39, 20),
        lignes=tuple(lignes),
        total=("Principal restant dû", "", "", m(dec.total_principal_restant)),
    )


_REGIMES = {
    "taux_legal": "les intérêts au taux légal",
    "penalites_b2b": "les pénalités de retard de l'article L441-10 du Code de commerce",
    "commande_publique": "les intérêts moratoires de l'article L2192-13 du code de la commande "
    "publique",
    "taux_conventionnel": "les intérêts au taux convenu",
    "jugement": "les intérêts au taux légal",
}
_PRECISIONS = {
    "taux_legal": "taux en vigueur au {jour}, révisé chaque semestre",
    "penalites_b2b": "taux de la BCE majoré de 10 points, en vigueur au {jour} et révisé chaque "
    "semestre",
    "commande_publique": "taux de la BCE majoré de 8 points, fixe pour tout le retard",
    "taux_conventionnel": "taux stipulé",
    "jugement": "taux en vigueur au {jour}",
}


def _dernieres_lignes(dec: Decompte) -> list[LigneInterets]:
    return [ligne for ligne in dec.lignes if ligne.au == dec.au and ligne.base > 0]


def interets_posterieurs(dec: Decompte) -> str:
    """Les intérêts à venir après le décompte, avec leur taux, leur base et leur point de départ :
    « les intérêts au taux légal (3,15 %, taux en vigueur au 30 juin 2026, révisé chaque
    semestre) sur 5 580,50 € à compter du 1er juillet 2026 ». Vide si rien ne court plus."""
    groupes: dict[tuple[str, Decimal], Decimal] = {}
    for ligne in _dernieres_lignes(dec):
        cle = (ligne.regime, ligne.taux)
        groupes[cle] = groupes.get(cle, Decimal("0")) + ligne.base
    depart = d(dec.au + dt.timedelta(days=1))
    morceaux = [
        f"{_REGIMES[regime]} ({formater_taux(taux)} l'an, "
        f"{_PRECISIONS[regime].format(jour=d(dec.au))}) sur {m(base)} à compter du {depart}"
        for (regime, taux), base in groupes.items()
    ]
    return ", et ".join(morceaux)


def qualite_mandataire(faits: Faits) -> str:
    """La qualité du mandataire qui dépose un acte pour le créancier (CPC 416) : l'agence justifie
    de son pouvoir, produit au bordereau ; l'avocat et le commissaire de justice en sont
    dispensés. Jamais une clé interne (« agence_recouvrement »)."""
    mandat = faits.dossier.mandataire
    assert mandat is not None
    if mandat.nature is NatureMandataire.AGENCE_RECOUVREMENT:
        pouvoir = "convention de recouvrement et pouvoir spécial" + (
            f" du {d(mandat.date_mandat)}" if mandat.date_mandat else ""
        ) + (f" (réf. {mandat.reference_mandat})" if mandat.reference_mandat else "")
        return (
            "société de recouvrement amiable de créances, mandataire du requérant en vertu "
            f"d'une {pouvoir}, produit au bordereau des pièces (CPC 416)"
        )
    if mandat.nature is NatureMandataire.COMMISSAIRE_DE_JUSTICE:
        return "commissaire de justice, dispensé de justifier de son mandat (CPC 416 al. 2)"
    return "avocat, dispensé de justifier de son mandat (CPC 416 al. 2)"


def manquants_pouvoir(faits: Faits) -> list[str]:
    """Ce qui manque pour produire le pouvoir d'une agence (CPC 416 ; CPCE R124-3 : la convention
    précède toute action, sa date et sa référence sont imprimées)."""
    mandat = faits.dossier.mandataire
    if mandat is None or mandat.nature is not NatureMandataire.AGENCE_RECOUVREMENT:
        return []
    manque = []
    if mandat.date_mandat is None:
        manque.append(MANQUE_DATE_MANDAT)
    if not mandat.reference_mandat:
        manque.append(MANQUE_REFERENCE_MANDAT)
    return manque


def representant_legal(partie: PersonnePhysique | PersonneMorale) -> tuple[str, str]:
    """(nom, qualité) de qui signe pour une partie : son représentant légal nommé, avec sa
    fonction (« Hélène Morvan », « Gérante de Recouvrement Atlantique ») ; une personne
    physique signe elle-même. Une personne morale sans représentant est refusée (elle ne signe
    que par une personne nommée)."""
    if isinstance(partie, PersonnePhysique):
        return partie.nom_complet, partie.nom_complet
    if partie.representant is None:
        from contentieux.actes.parametres import exiger

        exiger(
            "signature",
            [
                f"representant de {partie.denomination} (une personne morale signe par une "
                "personne nommée, avec sa fonction)"
            ],
        )
    assert partie.representant is not None
    return partie.representant.nom, f"{partie.representant.fonction} {de(partie.denomination)}"
