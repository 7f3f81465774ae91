"""Juridiction compétente pour l'injonction de payer (CPC 1406) : nature et règle de lieu.

- Nature : juge des contentieux de la protection pour les loyers d'habitation et le crédit à la
  consommation ; président du tribunal de commerce quand le débiteur est commerçant ou société
  commerciale ; président du tribunal judiciaire sinon (débiteur consommateur, non-commerçant).
- Artisans (C. com. L721-3 1°, depuis le 1er janvier 2022) : les engagements entre artisans, ou
  entre un artisan et un commerçant, relèvent aussi du tribunal de commerce (docs/droit.md k.6).
- Tribunal des activités économiques : du 1er janvier 2025 au 31 décembre 2028, douze tribunaux
  de commerce sont remplacés par des TAE (liste datée dans les règles,
  ``juridictions.tribunaux_activites_economiques``), **dans leur ressort** (docs/droit.md k.9) : le
  ressort transcrit dans ``juridictions.ressorts_tae`` (un département ou des communes, sourcés :
  Boulogne-Billancourt → TAE de Nanterre), sinon celui du tribunal de commerce que l'annuaire
  livré rattache à l'adresse, sinon la seule commune du siège ; le résultat dit comment il a été
  décidé (``determination``). Devant un TAE, la
  contribution pour la justice économique (demande de plus de 50 000 €) est toujours signalée.
- Outre-mer (Guadeloupe, Martinique, Guyane, La Réunion, Mayotte) : tribunaux mixtes de commerce
  (C. com. L731-1 et s. ; sièges de l'annexe 7-4, liste non vérifiée par la référence : signalé).
- Alsace-Moselle (57, 67, 68) : pas de tribunal de commerce ; la chambre commerciale du tribunal
  judiciaire en tient lieu (C. com. annexe 7-4) — règles locales non étudiées par la référence
  (a.3) : à confirmer.
- Charges de copropriété : tribunal du lieu de l'immeuble (décret 67-223 art. 62), appliqué
  aussi à l'injonction de payer par la pratique (docs/droit.md k.4) ; adresse de l'immeuble
  (``Creance.adresse_immeuble``), à défaut celle du syndicat créancier.
- Acheteur public : contrat administratif (``Creance.contrat_administratif``) → juridiction
  administrative, sans CPC 1406 ni vocabulaire civil, à confirmer ; contrat de droit privé →
  règles ordinaires ; inconnu → juridiction administrative présumée, signalée indéterminée.
- Voie des petites créances : la procédure est menée par un commissaire de justice (CPCE L125-1),
  sans juge ; la juridiction indiquée n'est que le recours en cas d'échec (injonction de payer).
- Lieu : domicile du débiteur ou de l'un d'eux, siège pour une personne morale (CPC 1406), règle
  d'ordre public.
- Nom (CPC 54 1°, à peine de nullité) : d'abord l'annuaire passé par l'utilisateur
  (``annuaire`` : code postal ou commune → nom ; une clé peut être préfixée par la nature,
  « president_tribunal_commerce:69002 ») ; puis l'annuaire livré (``regles/annuaire/``,
  :mod:`contentieux.droit.annuaire`) : tribunal judiciaire et chambre de proximité (COJ tableau
  IV), tribunal de commerce par le ressort du tribunal judiciaire (C. com. annexe 7-1), tribunal
  des activités économiques qui le remplace, tribunal mixte de commerce ; quand plusieurs
  tribunaux sont possibles, le dossier en nomme un (``actes.juridiction``), qui doit être l'un des
  candidats. La bibliothèque n'invente jamais un nom : sans nom, ``candidats`` et ``a_completer``
  disent quoi ajouter, et les actes qui saisissent un juge sont refusés.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from contentieux.droit.annuaire import (
    charger_annuaire,
    de_lieu,
    rattacher_tribunal_commerce,
    rattacher_tribunal_judiciaire,
)
from contentieux.droit.qualites import est_artisan, est_commercant, est_justiciable_commercial
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
REGLE_RESSORTS_TAE = "juridictions.ressorts_tae"
REGLE_TMC = "juridictions.tribunaux_mixtes_commerce"
REGLE_TERRITORIALE_COPROPRIETE = (
    "Tribunal du lieu de situation de l'immeuble pour les litiges nés de la loi du 10 juillet "
    "1965 (décret 67-223 art. 62), appliqué par la pratique à la requête en injonction de payer "
    "des charges de copropriété, de préférence au domicile du débiteur (CPC 1406)."
)
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
    NatureJuridiction.PRESIDENT_TRIBUNAL_MIXTE_COMMERCE: (
        "Président du tribunal mixte de commerce (outre-mer)"
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


def _liste(regles: Regles, identifiant: str, *, au: dt.date) -> tuple[str, ...]:
    try:
        valeur = regles.valeur(identifiant, au=au).valeur
    except RegleNonCouverte:
        return ()
    return valeur if isinstance(valeur, tuple) else ()


def _paires(entrees: tuple[str, ...]) -> list[tuple[str, str]]:
    """« A = B » → (A, B), espaces retirés."""
    paires = []
    for entree in entrees:
        gauche, _, droite = entree.partition("=")
        paires.append((gauche.strip(), droite.strip()))
    return paires


def _est_departement(code: str) -> bool:
    return code.isdigit() or code in {"2A", "2B"}


def tae_competent(adresse: Adresse, *, au: dt.date, regles: Regles) -> tuple[str, str] | None:
    """Le TAE dont relève l'adresse au jour ``au`` : (siège, comment c'est décidé), ou ``None``.

    D'abord le ressort transcrit dans les règles (``juridictions.ressorts_tae`` : département ou
    commune), puis le tribunal de commerce que l'annuaire livré rattache à l'adresse (le TAE
    remplace ce tribunal dans son ressort, point k.9 de docs/droit.md), enfin la commune du siège.

    >>> import datetime as dt
    >>> from contentieux.modeles.parties import Adresse
    >>> from contentieux.regles import charger_regles
    >>> boulogne = Adresse(ligne1="1 rue A", code_postal="92100", ville="Boulogne-Billancourt")
    >>> tae_competent(boulogne, au=dt.date(2026, 3, 1), regles=charger_regles())[0]
    'Nanterre'
    """
    sieges = _liste(regles, REGLE_TAE, au=au)
    if not sieges:
        return None
    par_siege = {commune_siege(v): v for v in sieges}
    commune = commune_siege(adresse.ville)
    for siege, zone in _paires(_liste(regles, REGLE_RESSORTS_TAE, au=au)):
        if commune_siege(siege) not in par_siege:
            continue
        if _est_departement(zone) and adresse.departement == zone:
            return siege, (
                f"ressort du tribunal des activités économiques de {siege} : le département "
                f"{zone} entier (règles {REGLE_RESSORTS_TAE})"
            )
        if not _est_departement(zone) and commune_siege(zone) == commune:
            return siege, (
                f"ressort du tribunal des activités économiques de {siege} : la commune de "
                f"{zone} (règles {REGLE_RESSORTS_TAE})"
            )
    tc = rattacher_tribunal_commerce(
        charger_annuaire(), adresse, rattacher_tribunal_judiciaire(charger_annuaire(), adresse)
    )
    if tc.siege is not None and commune_siege(tc.siege) in par_siege:
        siege = par_siege[commune_siege(tc.siege)]
        return siege, (
            f"{tc.motif} ; ce tribunal est, du 1er janvier 2025 au 31 décembre 2028, le tribunal "
            f"des activités économiques {de_lieu(siege)} (loi 2023-1059 art. 26)"
        )
    if commune in par_siege:
        return par_siege[commune], (
            f"commune du siège du tribunal des activités économiques {de_lieu(par_siege[commune])} "
            "(loi 2023-1059 art. 26 ; le siège est dans le ressort)"
        )
    return None


def sieges_mixtes(departement: str | None, *, au: dt.date, regles: Regles) -> tuple[str, ...]:
    """Sièges des tribunaux mixtes de commerce du département d'outre-mer (vide ailleurs)."""
    if departement is None:
        return ()
    return tuple(
        siege for dep, siege in _paires(_liste(regles, REGLE_TMC, au=au)) if dep == departement
    )


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
    principal: Decimal | None = None,
    juridiction: str | None = None,
) -> Juridiction:
    """Nature de la juridiction, règle de lieu, comment elle a été décidée et son nom, s'il est
    établi (annuaire fourni, annuaire livré, ou ``juridiction`` choisie par le dossier — à défaut
    ``dossier.actes.juridiction`` — parmi les candidats)."""
    debiteur = dossier.debiteur
    adresse = debiteur.adresse_principale
    natures = {c.nature for c in dossier.creances}
    avertissements: list[str] = []
    fondements = ["CPC 1406"]
    regle_territoriale = REGLE_TERRITORIALE
    determination: str | None = None
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
    lieux = [
        f"{a.code_postal} {a.ville}" for a in (d.adresse_principale for d in dossier.debiteurs)
    ]
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
    elif NatureCreance.CHARGES_COPROPRIETE in natures:
        nature = NatureJuridiction.PRESIDENT_TRIBUNAL_JUDICIAIRE
        fondements = ["Décret 67-223 art. 62", "CPC 1406"]
        regle_territoriale = REGLE_TERRITORIALE_COPROPRIETE
        adresse, origine = _adresse_immeuble(dossier)
        lieux = [f"{adresse.code_postal} {adresse.ville}"]
        determination = f"lieu de l'immeuble ({origine}), décret 67-223 art. 62"
        if len(natures) > 1:
            avertissements.append(
                "dossier mêlant des charges de copropriété et d'autres créances : la règle du "
                "lieu de l'immeuble ne vaut que pour les charges (décret 67-223 art. 62) ; "
                "présentez les autres au juge du domicile du débiteur (CPC 1406)"
            )
        avertissements.append(
            "charges de copropriété : le tribunal du lieu de l'immeuble (décret 67-223 art. 62) "
            "est retenu aussi pour l'injonction de payer, comme le fait la pratique (une source "
            "le confirme, docs/droit.md k.4) ; si le débiteur demeure ailleurs, vérifiez"
        )
    elif natures & {NatureCreance.LOYER_HABITATION, NatureCreance.CREDIT_CONSOMMATION}:
        nature = NatureJuridiction.JUGE_CONTENTIEUX_PROTECTION
    elif _commerciale(dossier):
        nature, determination = _juridiction_commerciale(
            dossier,
            adresse,
            au=au,
            regles=regles,
            fondements=fondements,
            avertissements=avertissements,
        )
    else:
        nature = NatureJuridiction.PRESIDENT_TRIBUNAL_JUDICIAIRE
        if est_artisan(debiteur):
            fondements.append("C. com. L721-3")
            avertissements.append(
                "débiteur artisan face à un créancier ni commerçant ni artisan : tribunal "
                "judiciaire (C. com. L721-3 1° ne vise que les engagements entre commerçants et "
                "artisans)"
            )
        elif isinstance(debiteur, PersonnePhysique) and debiteur.qualite is Qualite.PROFESSIONNEL:
            avertissements.append(
                "débiteur professionnel non commerçant (profession libérale…) : s'il est "
                "artisan, indiquez la qualité « artisan » — entre artisans et commerçants, le "
                "tribunal de commerce est compétent (C. com. L721-3 1°)"
            )
    choix = (
        juridiction
        if juridiction is not None
        else (dossier.actes.juridiction if dossier.actes is not None else None)
    )
    nommage = _nommer(nature, adresse, au=au, regles=regles, annuaire=annuaire, choix=choix)
    avertissements.extend(nommage.avertissements)
    nom = nommage.nom
    if (
        nom is not None
        and "activites economiques" in normaliser_commune(nom)
        and (nature is NatureJuridiction.PRESIDENT_TRIBUNAL_COMMERCE)
    ):
        nature = NatureJuridiction.PRESIDENT_TRIBUNAL_ACTIVITES_ECONOMIQUES
        determination = (
            f"{nommage.determination} : il désigne un tribunal des activités économiques"
        )
        avertissements.append("le nom retenu désigne un tribunal des activités économiques")
        fondements.extend(("Loi 2023-1059 art. 26", "Loi 2023-1059 art. 27"))
        avertissements.extend(
            _contribution(
                dossier, au=au, regles=regles, prescriptions=prescriptions, principal=principal
            )
        )
    elif nature is NatureJuridiction.PRESIDENT_TRIBUNAL_ACTIVITES_ECONOMIQUES:
        avertissements.extend(
            _contribution(
                dossier, au=au, regles=regles, prescriptions=prescriptions, principal=principal
            )
        )
    if nom is not None:
        fondements.extend(nommage.fondements)
        determination = (
            f"{determination} ; nom : {nommage.determination}"
            if determination and determination != nommage.determination
            else nommage.determination
        )
    return Juridiction(
        nature=nature,
        intitule=_INTITULES[nature],
        regle_territoriale=regle_territoriale,
        lieu=" ou ".join(dict.fromkeys(lieux)),
        nom=nom,
        designation=designer(nature, nom, chambre=nommage.chambre) if nom else None,
        candidats=nommage.candidats,
        a_completer=nommage.a_completer,
        fondements=tuple(dict.fromkeys(fondements)),
        avertissements=tuple(dict.fromkeys(avertissements)),
        determination=determination,
    )


_JUGES = {
    NatureJuridiction.PRESIDENT_TRIBUNAL_JUDICIAIRE: "président",
    NatureJuridiction.JUGE_CONTENTIEUX_PROTECTION: "juge des contentieux de la protection",
    NatureJuridiction.PRESIDENT_TRIBUNAL_COMMERCE: "président",
    NatureJuridiction.PRESIDENT_TRIBUNAL_ACTIVITES_ECONOMIQUES: "président",
    NatureJuridiction.CHAMBRE_COMMERCIALE_TRIBUNAL_JUDICIAIRE: (
        "président de la chambre commerciale"
    ),
    NatureJuridiction.PRESIDENT_TRIBUNAL_MIXTE_COMMERCE: "président",
    NatureJuridiction.JURIDICTION_ADMINISTRATIVE: "juge des référés",
}


def juge_saisi(nature: NatureJuridiction) -> str:
    """Le juge que la requête saisit (« président », « juge des contentieux de la protection »).

    >>> juge_saisi(NatureJuridiction.PRESIDENT_TRIBUNAL_COMMERCE)
    'président'
    """
    return _JUGES[nature]


def designer(nature: NatureJuridiction, nom: str, *, chambre: str | None = None) -> str:
    """Le juge saisi et son tribunal, tel que la requête l'écrit en tête et dans sa demande.

    >>> designer(NatureJuridiction.JUGE_CONTENTIEUX_PROTECTION, "tribunal judiciaire de Bordeaux")
    'juge des contentieux de la protection du tribunal judiciaire de Bordeaux'
    >>> designer(NatureJuridiction.PRESIDENT_TRIBUNAL_ACTIVITES_ECONOMIQUES,
    ...          "Tribunal des activités économiques de Lyon")
    'président du tribunal des activités économiques de Lyon'
    """
    juge = _JUGES[nature]
    if normaliser_commune(nom).startswith("tribunal "):
        texte = f"{juge} du {nom[:1].lower()}{nom[1:]}"
    else:
        texte = f"{juge} — {nom}"
    return f"{texte} ({chambre})" if chambre else texte


class _Nommage:
    """Le nom retenu, ou les candidats et ce qu'il faut compléter."""

    def __init__(
        self,
        *,
        nom: str | None = None,
        determination: str | None = None,
        candidats: tuple[str, ...] = (),
        a_completer: str | None = None,
        chambre: str | None = None,
        fondements: tuple[str, ...] = (),
        avertissements: tuple[str, ...] = (),
    ) -> None:
        self.nom = nom
        self.determination = determination
        self.candidats = candidats
        self.a_completer = a_completer
        self.chambre = chambre
        self.fondements = fondements
        self.avertissements = avertissements


def _nommer(
    nature: NatureJuridiction,
    adresse: Adresse,
    *,
    au: dt.date,
    regles: Regles,
    annuaire: Mapping[str, str] | None,
    choix: str | None,
) -> _Nommage:
    """Nom du tribunal : annuaire de l'utilisateur, puis annuaire livré, puis choix du dossier
    (``actes.juridiction``) parmi les candidats ; jamais deviné."""
    fourni = chercher_dans_annuaire(annuaire, nature, adresse)
    if fourni is not None:
        return _Nommage(nom=fourni, determination="annuaire fourni (--annuaire)")
    trouve = _nom_selon_annuaire_livre(nature, adresse, au=au, regles=regles)
    if choix is None:
        return trouve
    choisi = " ".join(choix.split())
    if trouve.nom is not None:
        if normaliser_commune(choisi) == normaliser_commune(trouve.nom):
            return trouve
        return _Nommage(
            nom=choisi,
            determination="nommé par le dossier (actes.juridiction)",
            avertissements=(
                f"actes.juridiction « {choisi} » remplace le tribunal que donne l'annuaire "
                f"({trouve.nom} : {trouve.determination}) : vérifiez",
            ),
        )
    if trouve.candidats:
        for candidat in trouve.candidats:
            if normaliser_commune(candidat) == normaliser_commune(choisi):
                return _Nommage(
                    nom=candidat,
                    determination=(
                        "nommé par le dossier (actes.juridiction) parmi les candidats de l'annuaire"
                    ),
                )
        return _Nommage(
            candidats=trouve.candidats,
            a_completer=(
                f"actes.juridiction « {choisi} » n'est pas l'un des tribunaux possibles pour "
                f"{adresse.code_postal} {adresse.ville} : {', '.join(trouve.candidats)} ; "
                "corrigez actes.juridiction"
            ),
        )
    return _Nommage(
        nom=choisi,
        determination=(
            "nommé par le dossier (actes.juridiction) ; l'annuaire livré n'a pas de donnée pour "
            "le vérifier"
        ),
    )


def _nom_selon_annuaire_livre(
    nature: NatureJuridiction, adresse: Adresse, *, au: dt.date, regles: Regles
) -> _Nommage:
    """Le tribunal que l'annuaire livré (``regles/annuaire/``) rattache à l'adresse."""
    lieu = f"{adresse.code_postal} {adresse.ville}"
    if nature is NatureJuridiction.JURIDICTION_ADMINISTRATIVE:
        return _Nommage(
            a_completer=(
                "tribunal administratif : l'annuaire livré ne couvre pas la juridiction "
                "administrative ; passez son nom par --annuaire"
            )
        )
    annuaire = charger_annuaire()
    tj = rattacher_tribunal_judiciaire(annuaire, adresse)
    if nature is NatureJuridiction.PRESIDENT_TRIBUNAL_MIXTE_COMMERCE:
        sieges = sieges_mixtes(adresse.departement, au=au, regles=regles)
        commune = tj.commune
        retenus = [
            s
            for s in sieges
            if len(sieges) == 1
            or (commune is not None and commune_siege(s) == commune_siege(commune.nom))
        ]
        noms = tuple(f"tribunal mixte de commerce {de_lieu(s)}" for s in sieges)
        if len(retenus) == 1:
            return _Nommage(
                nom=f"tribunal mixte de commerce {de_lieu(retenus[0])}",
                determination=(
                    f"seul tribunal mixte de commerce du département {adresse.departement}"
                    if len(sieges) == 1
                    else f"{commune.nom if commune else adresse.ville} en est le siège"
                )
                + f" (C. com. annexe 7-4, règles {REGLE_TMC})",
                fondements=("C. com. Annexe 7-4",),
            )
        return _sans_nom(lieu, noms, "sièges des tribunaux mixtes de commerce (annexe 7-4)")
    if nature in {
        NatureJuridiction.PRESIDENT_TRIBUNAL_COMMERCE,
        NatureJuridiction.PRESIDENT_TRIBUNAL_ACTIVITES_ECONOMIQUES,
    }:
        tc = rattacher_tribunal_commerce(annuaire, adresse, tj)
        sieges_tae = {commune_siege(v): v for v in _liste(regles, REGLE_TAE, au=au)}
        if nature is NatureJuridiction.PRESIDENT_TRIBUNAL_ACTIVITES_ECONOMIQUES:
            tae = tae_competent(adresse, au=au, regles=regles)
            if tae is not None:
                return _Nommage(
                    nom=f"tribunal des activités économiques {de_lieu(tae[0])}",
                    determination=tae[1],
                    fondements=("C. com. Annexe 7-1",),
                )
        if tc.siege is not None:
            return _Nommage(
                nom=_nom_commercial(tc.siege, sieges_tae),
                determination=tc.motif,
                fondements=("C. com. Annexe 7-1",),
            )
        return _sans_nom(
            lieu, tuple(_nom_commercial(s, sieges_tae) for s in tc.candidats), tc.motif
        )
    # Tribunal judiciaire : président, juge des contentieux de la protection, chambre commerciale
    if tj.siege is None:
        return _sans_nom(lieu, tj.candidats, tj.motif)
    chambre = (
        tj.chambre.nom
        if tj.chambre is not None and nature is NatureJuridiction.JUGE_CONTENTIEUX_PROTECTION
        else None
    )
    return _Nommage(
        nom=f"tribunal judiciaire {de_lieu(tj.siege)}",
        determination=tj.motif,
        chambre=chambre,
        fondements=("COJ D211-1",) + (("COJ D212-19",) if chambre else ()),
    )


def _nom_commercial(siege: str, sieges_tae: Mapping[str, str]) -> str:
    if commune_siege(siege) in sieges_tae:
        return f"tribunal des activités économiques {de_lieu(sieges_tae[commune_siege(siege)])}"
    return f"tribunal de commerce {de_lieu(siege)}"


def _sans_nom(lieu: str, candidats: tuple[str, ...], motif: str) -> _Nommage:
    if candidats:
        return _Nommage(
            candidats=candidats,
            a_completer=(
                f"{lieu} : {motif} ; tribunaux possibles : {', '.join(candidats)} ; nommez "
                f"celui du débiteur dans actes.juridiction (par exemple « {candidats[0]} »), "
                "ou passez un annuaire (--annuaire)"
            ),
        )
    return _Nommage(
        a_completer=(
            f"{lieu} : {motif} ; nommez le tribunal dans actes.juridiction, ou passez un "
            "annuaire (--annuaire : code postal → nom du tribunal)"
        )
    )


def _adresse_immeuble(dossier: Dossier) -> tuple[Adresse, str]:
    """Adresse de l'immeuble des charges (champ de la créance), à défaut celle du syndicat."""
    for creance in dossier.creances:
        if creance.nature is NatureCreance.CHARGES_COPROPRIETE and creance.adresse_immeuble:
            return creance.adresse_immeuble, "adresse de l'immeuble donnée par la créance"
    return (
        dossier.creancier.adresse_principale,
        "adresse du syndicat créancier, à défaut de l'adresse de l'immeuble (adresse_immeuble)",
    )


def _commerciale(dossier: Dossier) -> bool:
    """Compétence commerciale : débiteur commerçant (ou société commerciale), ou engagement
    entre artisans et commerçants (C. com. L721-3 1°)."""
    debiteur = dossier.debiteur
    if est_commercant(debiteur):
        return True
    return est_artisan(debiteur) and est_justiciable_commercial(dossier.creancier)


def _juridiction_commerciale(
    dossier: Dossier,
    adresse: Adresse,
    *,
    au: dt.date,
    regles: Regles,
    fondements: list[str],
    avertissements: list[str],
) -> tuple[NatureJuridiction, str | None]:
    """Tribunal de commerce, TAE, tribunal mixte de commerce ou chambre commerciale du TJ."""
    if est_artisan(dossier.debiteur) or est_artisan(dossier.creancier):
        fondements.append("C. com. L721-3")
        avertissements.append(
            "engagement entre artisan et commerçant (ou entre artisans) : tribunal de commerce "
            "depuis le 1er janvier 2022 (C. com. L721-3 1°, loi 2021-1729)"
        )
    if adresse.est_alsace_moselle:
        fondements.append("C. com. Annexe 7-4")
        avertissements.append(
            "Alsace-Moselle : pas de tribunal de commerce ; la chambre commerciale du "
            "tribunal judiciaire connaît des affaires commerciales — règles locales non "
            "étudiées par la référence de la bibliothèque (a.3) : à confirmer"
        )
        return (
            NatureJuridiction.CHAMBRE_COMMERCIALE_TRIBUNAL_JUDICIAIRE,
            f"département {adresse.departement} (Alsace-Moselle)",
        )
    mixtes = sieges_mixtes(adresse.departement, au=au, regles=regles)
    if mixtes:
        fondements.extend(("C. com. L731-1", "C. com. Annexe 7-4"))
        avertissements.append(
            "outre-mer : les affaires commerciales relèvent du tribunal mixte de commerce "
            f"(C. com. L731-1 et s.) ; siège(s) dans ce département : {', '.join(mixtes)} — "
            "liste des sièges lue dans l'annexe 7-4 du code de commerce mais non vérifiée par "
            "la référence de la bibliothèque (docs/droit.md k.7), et ressort de chaque siège non "
            "transcrit : à vérifier"
        )
        return (
            NatureJuridiction.PRESIDENT_TRIBUNAL_MIXTE_COMMERCE,
            f"département d'outre-mer {adresse.departement} (règles {REGLE_TMC}, non vérifiées)",
        )
    tae = tae_competent(adresse, au=au, regles=regles)
    if tae is not None:
        siege, comment = tae
        fondements.extend(("Loi 2023-1059 art. 26", "Loi 2023-1059 art. 27"))
        avertissements.append(
            f"{adresse.ville} relève du tribunal des activités économiques de {siege} "
            f"(expérimentation 2025-2028) : {comment}"
        )
        return NatureJuridiction.PRESIDENT_TRIBUNAL_ACTIVITES_ECONOMIQUES, comment
    annuaire = charger_annuaire()
    tc = rattacher_tribunal_commerce(
        annuaire, adresse, rattacher_tribunal_judiciaire(annuaire, adresse)
    )
    if tc.siege is None and not tc.candidats:
        avertissements.append(
            "ressort des tribunaux des activités économiques (2025-2028) : le tribunal de "
            "commerce de l'adresse n'est pas établi par l'annuaire ; s'il est l'un des douze "
            "devenus tribunaux des activités économiques, c'est ce tribunal qui est compétent : "
            "vérifiez le ressort"
        )
    return NatureJuridiction.PRESIDENT_TRIBUNAL_COMMERCE, None


def _contribution(
    dossier: Dossier,
    *,
    au: dt.date,
    regles: Regles,
    prescriptions: tuple[DetailPrescription, ...] = (),
    principal: Decimal | None = None,
) -> list[str]:
    try:
        seuil = regles.decimal("seuils.contribution_justice_economique", au=au)
    except RegleNonCouverte:
        return []
    montant = (
        principal
        if principal is not None
        else principal_utile(dossier, au=au, prescrites=prescrites(prescriptions))
    )
    if montant <= seuil:
        return []
    return [
        f"demande de {euros(montant)} supérieure à {euros(seuil)} : contribution pour la "
        "justice économique due dès la requête, sauf demandeur de moins de 250 salariés "
        "(décret 2024-1225)"
    ]
