"""Juridiction compétente pour l'injonction de payer (CPC 1406) : nature et règle de lieu.

- Nature : juge des contentieux de la protection pour les loyers d'habitation et le crédit à la
  consommation ; président du tribunal de commerce quand le débiteur est commerçant ou société
  commerciale ; président du tribunal judiciaire sinon (débiteur consommateur, non-commerçant).
- Tribunal des activités économiques : du 1er janvier 2025 au 31 décembre 2028, douze tribunaux
  de commerce sont remplacés par des TAE (liste datée dans les règles,
  ``juridictions.tribunaux_activites_economiques``). **Approximation** : la bibliothèque ne
  connaît pas le ressort de chaque tribunal ; elle compare la commune du domicile ou du siège du
  débiteur à la ville siège du TAE. Un débiteur établi dans une autre commune du ressort
  (Villeurbanne pour Lyon, Boulogne-Billancourt pour Nanterre…) n'est pas reconnu : un annuaire
  fourni par l'utilisateur lève le doute.
- Alsace-Moselle (57, 67, 68) : pas de tribunal de commerce ; la chambre commerciale du tribunal
  judiciaire en tient lieu — règles locales non étudiées par la référence (a.3) : à confirmer.
- Acheteur public : contrat administratif (``Creance.contrat_administratif``) → juridiction
  administrative, sans CPC 1406 ni vocabulaire civil, à confirmer ; contrat de droit privé →
  règles ordinaires ; inconnu → juridiction administrative présumée, signalée indéterminée.
- Voie des petites créances : la procédure est menée par un commissaire de justice (CPCE L125-1),
  sans juge ; la juridiction indiquée n'est que le recours en cas d'échec (injonction de payer).
- Lieu : domicile du débiteur ou de l'un d'eux, siège pour une personne morale (CPC 1406), règle
  d'ordre public.
- Nom exact : seulement depuis l'annuaire fourni (``annuaire`` : code postal ou commune → nom ;
  une clé peut être préfixée par la nature, « president_tribunal_commerce:69002 »). La
  bibliothèque n'invente jamais un nom de tribunal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from contentieux.droit.qualites import est_commercant
from contentieux.droit.qualites import normaliser as normaliser_commune
from contentieux.erreurs import RegleNonCouverte
from contentieux.francais import formater_montant as euros
from contentieux.modeles.creances import NatureCreance
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.parties import Adresse, PersonnePhysique, Qualite
from contentieux.modeles.recevabilite import (
    CodeVoie,
    DetailPrescription,
    Juridiction,
    NatureJuridiction,
)
from contentieux.recevabilite.montant import prescrites, principal_utile
from contentieux.regles import Regles

REGLE_TAE = "juridictions.tribunaux_activites_economiques"
REGLE_TERRITORIALE_ADMINISTRATIVE = (
    "Tribunal administratif territorialement compétent selon le code de justice administrative "
    "(en matière de contrats, en principe celui du lieu d'exécution) : règle hors de la "
    "référence vérifiée de la bibliothèque, à confirmer."
)
REGLE_TERRITORIALE = (
    "Juridiction du lieu où demeure le débiteur, ou l'un d'eux ; pour une personne morale, "
    "celle de son siège social (CPC 1406). Règle d'ordre public : toute clause contraire est "
    "réputée non écrite et le juge relève d'office son incompétence."
)
_INTITULES = {
    NatureJuridiction.PRESIDENT_TRIBUNAL_JUDICIAIRE: "Président du tribunal judiciaire",
    NatureJuridiction.JUGE_CONTENTIEUX_PROTECTION: (
        "Juge des contentieux de la protection du tribunal judiciaire"
    ),
    NatureJuridiction.PRESIDENT_TRIBUNAL_COMMERCE: "Président du tribunal de commerce",
    NatureJuridiction.PRESIDENT_TRIBUNAL_ACTIVITES_ECONOMIQUES: (
        "Président du tribunal des activités économiques"
    ),
    NatureJuridiction.CHAMBRE_COMMERCIALE_TRIBUNAL_JUDICIAIRE: (
        "Président de la chambre commerciale du tribunal judiciaire (Alsace-Moselle)"
    ),
    NatureJuridiction.JURIDICTION_ADMINISTRATIVE: (
        "Juge des référés du tribunal administratif (référé-provision)"
    ),
}


def commune_siege(ville: str) -> str:
    """Commune normalisée, arrondissement retiré (« Paris 11e » → « paris »).

    >>> commune_siege("Saint-Brieuc"), commune_siege("Lyon 2e Arrondissement")
    ('saint brieuc', 'lyon')
    """
    simple = normaliser_commune(ville)
    for grande in ("paris", "lyon", "marseille"):
        if simple == grande or simple.startswith(grande + " "):
            return grande
    return simple


def est_ville_tae(adresse: Adresse, *, au: dt.date, regles: Regles) -> bool:
    """La commune de l'adresse est-elle le siège d'un TAE au jour ``au`` ? (approximation)"""
    try:
        valeur = regles.valeur(REGLE_TAE, au=au).valeur
    except RegleNonCouverte:
        return False
    villes = valeur if isinstance(valeur, tuple) else ()
    return commune_siege(adresse.ville) in {commune_siege(v) for v in villes}


def chercher_dans_annuaire(
    annuaire: Mapping[str, str] | None, nature: NatureJuridiction, adresse: Adresse
) -> str | None:
    """Nom de la juridiction dans l'annuaire fourni : par nature puis code postal, puis commune."""
    if not annuaire:
        return None
    normalise = {normaliser_commune(k): v for k, v in annuaire.items()}
    commune = normaliser_commune(adresse.ville)
    for cle in (
        f"{nature.value}:{adresse.code_postal}",
        f"{nature.value}:{commune}",
        adresse.code_postal,
        commune,
    ):
        if cle in annuaire:
            return annuaire[cle]
        if normaliser_commune(cle) in normalise:
            return normalise[normaliser_commune(cle)]
    return None


def determiner_juridiction(
    dossier: Dossier,
    *,
    au: dt.date,
    regles: Regles,
    annuaire: Mapping[str, str] | None = None,
    prescriptions: tuple[DetailPrescription, ...] = (),
    voie: CodeVoie | None = None,
) -> Juridiction:
    """Nature de la juridiction, règle de lieu et, si l'annuaire le donne, son nom."""
    debiteur = dossier.debiteur
    adresse = debiteur.adresse_principale
    natures = {c.nature for c in dossier.creances}
    avertissements: list[str] = []
    fondements = ["CPC art. 1406"]
    regle_territoriale = REGLE_TERRITORIALE
    contrats = {c.contrat_administratif for c in dossier.creances}
    if voie is CodeVoie.PETITES_CREANCES:
        avertissements.append(
            "petites créances : la procédure est menée par un commissaire de justice du ressort "
            "de la cour d'appel du domicile du débiteur (CPCE L125-1), sans juge ; la juridiction "
            "ci-dessous n'est que le recours en cas de refus ou de silence du débiteur, pour une "
            "requête en injonction de payer"
        )
    if voie is CodeVoie.INTERRUPTION_PRESCRIPTION:
        avertissements.append(
            "acte interruptif : pour une assignation au fond ou en référé, c'est le tribunal "
            "lui-même (et non son président statuant sur requête) qui est saisi, selon les règles "
            "de compétence de droit commun — hors référence vérifiée, à confirmer"
        )
    if debiteur.qualite is Qualite.ACHETEUR_PUBLIC and contrats != {False}:
        nature = NatureJuridiction.JURIDICTION_ADMINISTRATIVE
        fondements = ["CCP L6", "CJA R541-1"]
        regle_territoriale = REGLE_TERRITORIALE_ADMINISTRATIVE
        if True not in contrats:
            avertissements.append(
                "nature du contrat inconnue (contrat_administratif) : un acheteur public n'est pas "
                "toujours une personne publique et son contrat peut être de droit privé (juge "
                "judiciaire) ; juridiction administrative présumée, indéterminée"
            )
        avertissements.append(
            "contrat administratif : pas d'injonction de payer du CPC ; le tribunal "
            "administratif est saisi par requête, le cas échéant en référé-provision "
            "(CJA R541-1), après la réclamation préalable prévue par le contrat (mémoire en "
            "réclamation du CCAG applicable) — règles hors de la référence vérifiée de la "
            "bibliothèque : à confirmer"
        )
    elif natures & {NatureCreance.LOYER_HABITATION, NatureCreance.CREDIT_CONSOMMATION}:
        nature = NatureJuridiction.JUGE_CONTENTIEUX_PROTECTION
    elif est_commercant(debiteur):
        if adresse.est_alsace_moselle:
            nature = NatureJuridiction.CHAMBRE_COMMERCIALE_TRIBUNAL_JUDICIAIRE
            fondements.append("droit local d'Alsace-Moselle (à confirmer)")
            avertissements.append(
                "Alsace-Moselle : pas de tribunal de commerce ; la chambre commerciale du "
                "tribunal judiciaire connaît des affaires commerciales — règles locales non "
                "étudiées par la référence de la bibliothèque (a.3) : à confirmer"
            )
        elif est_ville_tae(adresse, au=au, regles=regles):
            nature = NatureJuridiction.PRESIDENT_TRIBUNAL_ACTIVITES_ECONOMIQUES
            fondements.append("Loi 2023-1059 art. 26 et 27")
            avertissements.append(
                f"{adresse.ville} est le siège d'un tribunal des activités économiques "
                "(expérimentation 2025-2028) ; rapprochement fait sur la seule commune du "
                "débiteur : vérifiez le ressort"
            )
            avertissements.extend(
                _contribution(dossier, au=au, regles=regles, prescriptions=prescriptions)
            )
        else:
            nature = NatureJuridiction.PRESIDENT_TRIBUNAL_COMMERCE
            avertissements.append(
                "si le débiteur relève du ressort de l'un des tribunaux des activités "
                "économiques (2025-2028) sans avoir son siège dans la ville du tribunal, "
                "c'est ce tribunal qui est compétent : vérifiez le ressort"
            )
    else:
        nature = NatureJuridiction.PRESIDENT_TRIBUNAL_JUDICIAIRE
        if isinstance(debiteur, PersonnePhysique) and debiteur.qualite is Qualite.PROFESSIONNEL:
            avertissements.append(
                "débiteur professionnel non commerçant (profession libérale, artisan…) : "
                "vérifiez si son activité relève du tribunal de commerce"
            )
    nom = chercher_dans_annuaire(annuaire, nature, adresse)
    if (
        nom is not None
        and "activites economiques" in normaliser_commune(nom)
        and (nature is NatureJuridiction.PRESIDENT_TRIBUNAL_COMMERCE)
    ):
        nature = NatureJuridiction.PRESIDENT_TRIBUNAL_ACTIVITES_ECONOMIQUES
        avertissements.append("l'annuaire désigne un tribunal des activités économiques")
    if nom is None:
        avertissements.append(
            "nom exact de la juridiction non fourni : la bibliothèque n'en invente aucun ; "
            "passez un annuaire (code postal ou commune → nom)"
        )
    lieux = [
        f"{a.code_postal} {a.ville}" for a in (d.adresse_principale for d in dossier.debiteurs)
    ]
    return Juridiction(
        nature=nature,
        intitule=_INTITULES[nature],
        regle_territoriale=regle_territoriale,
        lieu=" ou ".join(dict.fromkeys(lieux)),
        nom=nom,
        fondements=tuple(fondements),
        avertissements=tuple(avertissements),
    )


def _contribution(
    dossier: Dossier,
    *,
    au: dt.date,
    regles: Regles,
    prescriptions: tuple[DetailPrescription, ...] = (),
) -> list[str]:
    try:
        seuil = regles.decimal("seuils.contribution_justice_economique", au=au)
    except RegleNonCouverte:
        return []
    montant = principal_utile(dossier, au=au, prescrites=prescrites(prescriptions))
    if montant <= seuil:
        return []
    return [
        f"demande de {euros(montant)} supérieure à {euros(seuil)} : contribution pour la "
        "justice économique due dès la requête, sauf demandeur de moins de 250 salariés "
        "(décret 2024-1225)"
    ]
