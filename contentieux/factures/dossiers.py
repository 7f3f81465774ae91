"""Des factures lues aux dossiers : un dossier par couple (créancier, débiteur).

- vendeur (BG-4) → créancier, acheteur (BG-7) → débiteur ; un acheteur identifié par un SIREN
  (BT-47, schéma 0002), un SIRET (0009) ou un numéro de TVA (BT-48) est un professionnel : la
  relation est B2B (pénalités C. com. L441-10, indemnité de 40 €) ; sans aucun des trois, il est
  traité en non-professionnel, avec un avertissement ;
- une créance par facture (référence = numéro BT-1), montant réclamé = montant dû BT-115 ;
- échéance BT-9 ; sinon le délai écrit dans les conditions de paiement (BT-20), avec un
  avertissement ; sinon, entre professionnels, le délai supplétif de C. com. L441-10 I
  (``delais_paiement.defaut_jours`` des règles) compté de la livraison (BT-72) ou, à défaut, de
  l'émission, avec un avertissement ;
- un taux de pénalités écrit dans BT-20 est signalé pour confirmation, jamais appliqué d'office ;
- un avoir (BT-3 = 381) réduit la facture qu'il cite (BT-25) ;
- les statuts (CDAR, CSV) deviennent les faits du dossier : ``statut_facture_electronique`` de la
  facture (le dernier en date qui dit la position du débiteur : approuvée, en litige, refusée…,
  sinon le dernier reçu), un ``Paiement`` pour « encaissée » (avec son montant), la seule
  part approuvée pour « approuvée partiellement » ; chaque fait garde sa source (fichier, message)
  comme pièce du dossier ;
- référence du dossier stable, tirée du couple : ``FE-<SIREN créancier>-<SIREN débiteur>`` (à
  défaut de SIREN, le numéro de TVA, sinon une empreinte du nom).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from contentieux.erreurs import FactureIllisible
from contentieux.factures.lecture import FactureLue, PartieLue
from contentieux.factures.statuts import StatutLu
from contentieux.lecture import traduire_erreurs
from contentieux.modeles.creances import StatutFactureElectronique as Statut
from contentieux.modeles.dossier import Dossier
from contentieux.regles import Regles

STATUTS_DECISION = frozenset(
    {
        Statut.APPROUVEE,
        Statut.APPROUVEE_PARTIELLEMENT,
        Statut.EN_LITIGE,
        Statut.SUSPENDUE,
        Statut.COMPLETEE,
        Statut.REFUSEE,
        Statut.REJETEE,
    }
)
"""Statuts qui disent la position du débiteur (ou de la plateforme) sur la facture : le dernier
d'entre eux reste le statut de la facture même si un statut de paiement (211, 212) le suit, car
le paiement devient un événement à part ; sans eux, le dernier statut reçu."""

_DELAI = re.compile(r"(\d{1,3})\s*jours?", re.IGNORECASE)
_TAUX = re.compile(r"(\d{1,2}(?:[.,]\d{1,4})?)\s*%")
_PENALITES = re.compile(r"p[ée]nalit|int[ée]r[êe]ts?\s+de\s+retard|retard", re.IGNORECASE)


@dataclass
class Rejet:
    """Un fichier (ou une facture) non importé, et pourquoi, en français."""

    fichier: str
    raison: str

    def __post_init__(self) -> None:
        # La raison ne répète pas le nom du fichier, déjà dans ``fichier``.
        prefixe = f"{self.fichier} : "
        if self.raison.startswith(prefixe):
            self.raison = self.raison[len(prefixe) :]


@dataclass
class ResultatImport:
    """Ce qu'une importation a produit : les dossiers, les rejets, les avertissements."""

    dossiers: list[Dossier] = field(default_factory=list)
    rejets: list[Rejet] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)
    factures: int = 0


def cle_partie(partie: PartieLue) -> str:
    """Clé stable d'une partie : SIREN (ou celui du SIRET), sinon TVA, sinon empreinte du nom."""
    if partie.siren:
        return partie.siren
    if partie.siret:
        return partie.siret[:9]
    if partie.numero_tva:
        return "".join(partie.numero_tva.split()).upper()
    nom = " ".join((partie.nom or "").casefold().split())
    return "N" + hashlib.sha256(nom.encode()).hexdigest()[:10].upper()


def construire_dossiers(
    factures: Iterable[FactureLue], statuts: Iterable[StatutLu], regles: Regles
) -> ResultatImport:
    """Regroupe les factures par couple (créancier, débiteur) et en fait des dossiers validés."""
    resultat = ResultatImport()
    groupes: dict[tuple[str, str], dict[str, FactureLue]] = {}
    avoirs: list[FactureLue] = []
    for facture in factures:
        resultat.factures += 1
        if facture.est_avoir:
            avoirs.append(facture)
            continue
        if facture.numero is None:
            resultat.rejets.append(
                Rejet(facture.fichier, "numéro de facture (BT-1) absent ; facture écartée")
            )
            continue
        cle = (cle_partie(facture.vendeur), cle_partie(facture.acheteur))
        groupe = groupes.setdefault(cle, {})
        numero = facture.numero
        if numero in groupe:
            resultat.rejets.append(
                Rejet(
                    facture.fichier,
                    f"facture {numero} déjà lue dans {groupe[numero].fichier} pour le même couple "
                    "créancier-débiteur ; doublon ignoré",
                )
            )
            continue
        groupe[numero] = facture
    reductions = _avoirs(avoirs, groupes, resultat)
    par_numero: dict[str, list[StatutLu]] = {}
    for statut in statuts:
        par_numero.setdefault(statut.numero, []).append(statut)
    numeros_connus = {n for g in groupes.values() for n in g}
    for numero in sorted(set(par_numero) - numeros_connus):
        source = par_numero[numero][0].source
        resultat.avertissements.append(
            f"statut de la facture {numero} ({source}) : facture absente de l'importation, "
            "statut ignoré"
        )
    for (cle_c, cle_d), groupe in groupes.items():
        try:
            donnees = _dossier(cle_c, cle_d, groupe, reductions, par_numero, regles, resultat)
        except FactureIllisible as exc:
            resultat.rejets.extend(Rejet(f.fichier, exc.message) for f in groupe.values())
            continue
        if donnees is None:
            continue
        try:
            resultat.dossiers.append(Dossier.model_validate(donnees))
        except ValidationError as exc:
            fichiers = sorted({f.fichier for f in groupe.values()})
            lignes = traduire_erreurs(exc)
            for fichier in fichiers:
                resultat.rejets.append(Rejet(fichier, "dossier invalide : " + " ; ".join(lignes)))
    return resultat


def _avoirs(
    avoirs: list[FactureLue],
    groupes: dict[tuple[str, str], dict[str, FactureLue]],
    resultat: ResultatImport,
) -> dict[tuple[str, str, str], list[FactureLue]]:
    """Rattache chaque avoir (BT-3 = 381) à la facture qu'il cite (BT-25) du même couple."""
    reductions: dict[tuple[str, str, str], list[FactureLue]] = {}
    for avoir in avoirs:
        cle = (cle_partie(avoir.vendeur), cle_partie(avoir.acheteur))
        citee = avoir.facture_citee
        if citee is None or citee not in groupes.get(cle, {}):
            resultat.rejets.append(
                Rejet(
                    avoir.fichier,
                    f"avoir {avoir.numero} : la facture qu'il cite (BT-25 : "
                    f"{citee or 'absente'}) n'est pas dans l'importation ; importez-la avec lui",
                )
            )
            continue
        reductions.setdefault((*cle, citee), []).append(avoir)
    return reductions


def _dossier(
    cle_c: str,
    cle_d: str,
    groupe: dict[str, FactureLue],
    reductions: dict[tuple[str, str, str], list[FactureLue]],
    par_numero: dict[str, list[StatutLu]],
    regles: Regles,
    resultat: ResultatImport,
) -> dict[str, Any] | None:
    premiere = next(iter(groupe.values()))
    debiteur_pro = bool(
        premiere.acheteur.siren or premiere.acheteur.siret or premiere.acheteur.numero_tva
    )
    if not debiteur_pro:
        resultat.avertissements.append(
            f"{premiere.fichier} : acheteur « {premiere.acheteur.nom} » sans SIREN, SIRET ni TVA "
            "(BT-47, BT-48) : traité en non-professionnel (ni pénalités L441-10 ni indemnité de "
            "40 €) ; s'il est professionnel, ajoutez son SIREN"
        )
    creances: list[dict[str, Any]] = []
    evenements: list[dict[str, Any]] = []
    for numero, facture in groupe.items():
        try:
            creance, evts = _creance(
                facture,
                reductions.get((cle_c, cle_d, numero), []),
                sorted(par_numero.get(numero, []), key=lambda s: s.date),
                debiteur_pro,
                regles,
                resultat,
            )
        except FactureIllisible as exc:
            resultat.rejets.append(Rejet(facture.fichier, exc.message))
            continue
        if creance is not None:
            creances.append(creance)
            evenements.extend(evts)
    if not creances:
        return None
    return {
        "reference": f"FE-{cle_c}-{cle_d}",
        "creancier": _partie(premiere, "vendeur", professionnel=True),
        "debiteurs": [_partie(premiere, "acheteur", professionnel=debiteur_pro)],
        "creances": creances,
        "evenements": evenements,
    }


def _creance(
    facture: FactureLue,
    avoirs: list[FactureLue],
    statuts: list[StatutLu],
    debiteur_pro: bool,
    regles: Regles,
    resultat: ResultatImport,
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    nom = facture.fichier
    manquants = [
        terme
        for terme, valeur in (
            ("BT-1 (numéro)", facture.numero),
            ("BT-2 (date d'émission)", facture.date_emission),
            ("BT-115 (montant dû)", facture.montant_du),
        )
        if valeur is None
    ]
    if manquants:
        raise FactureIllisible(f"{nom} : donnée(s) absente(s) : {', '.join(manquants)}")
    assert facture.numero and facture.date_emission and facture.montant_du is not None
    if (facture.devise or "EUR") != "EUR":
        raise FactureIllisible(
            f"{nom} : facture {facture.numero} en {facture.devise} (BT-5) ; seules les factures "
            "en euros sont recouvrées ici : convertissez-la au cours du jour de l'échéance et "
            "saisissez le dossier à la main"
        )
    numero = facture.numero
    montant = facture.montant_du
    pieces: list[dict[str, Any]] = [
        {
            "type": "facture",
            "reference": numero,
            "date": facture.date_emission,
            "description": f"Facture électronique {facture.format}"
            + (f" (profil {facture.profil})" if facture.profil else "")
            + f", fichier {nom}",
        }
    ]
    for avoir in avoirs:
        reduction = avoir.montant_du or Decimal("0")
        montant -= abs(reduction)
        pieces.append(
            {
                "type": "facture",
                "reference": avoir.numero or "avoir",
                "date": avoir.date_emission,
                "description": f"Avoir (BT-3 {avoir.type_document}) de {abs(reduction)} € sur la "
                f"facture {numero}, fichier {avoir.fichier}",
            }
        )
    echeance = _echeance(facture, debiteur_pro, regles, resultat)
    description = f"Facture {numero}"
    if facture.conditions_paiement:
        description += f" ; conditions de paiement (BT-20) : {facture.conditions_paiement}"
        _taux_stipule(facture, resultat)
    statut: Statut | None = None
    evenements: list[dict[str, Any]] = []
    for s in statuts:
        if s.statut in STATUTS_DECISION or statut not in STATUTS_DECISION:
            statut = s.statut
        pieces.append(
            {
                "type": "autre",
                "reference": s.message,
                "date": s.date,
                "description": f"Statut « {s.statut.value} » de la facture {numero}"
                + (f" ({s.montant} €)" if s.montant is not None else "")
                + f" ; source : {s.source}",
            }
        )
        if s.statut is Statut.ENCAISSEE:
            if s.montant is None:
                resultat.avertissements.append(
                    f"{s.source} : facture {numero} « encaissée » sans montant : aucun paiement "
                    "n'est déduit ; indiquez le montant encaissé"
                )
            elif s.montant > 0:
                evenements.append(
                    {
                        "type": "paiement",
                        "date": s.date,
                        "montant": s.montant,
                        "creances": [numero],
                        "factures_designees": [numero],
                        "reference": s.source,
                    }
                )
        elif s.statut is Statut.APPROUVEE_PARTIELLEMENT:
            if s.montant is None:
                resultat.avertissements.append(
                    f"{s.source} : facture {numero} « approuvée partiellement » sans montant : "
                    "le montant réclamé reste entier ; indiquez la part approuvée"
                )
            else:
                resultat.avertissements.append(
                    f"{s.source} : facture {numero} approuvée pour {s.montant} € sur {montant} € : "
                    "seule la part approuvée est réclamée"
                )
                montant = min(montant, s.montant)
    if montant <= 0:
        resultat.avertissements.append(
            f"{nom} : facture {numero} soldée par avoir(s) ou sans montant dû : rien à recouvrer"
        )
        return None, []
    facture_d: dict[str, Any] = {
        "numero": numero,
        "date_emission": facture.date_emission,
        "date_echeance": echeance,
        "montant_ttc": montant,
    }
    if facture.date_livraison is not None:
        facture_d["date_execution"] = facture.date_livraison
    if statut is not None:
        facture_d["statut_facture_electronique"] = statut.value
    return (
        {
            "reference": numero,
            "nature": "vente_biens",
            "description": description,
            "factures": [facture_d],
            "pieces": pieces,
        },
        evenements,
    )


def _echeance(
    facture: FactureLue, debiteur_pro: bool, regles: Regles, resultat: ResultatImport
) -> dt.date:
    """BT-9 ; sinon le délai écrit dans BT-20 ; sinon le délai supplétif L441-10 I (B2B)."""
    assert facture.date_emission is not None
    if facture.date_echeance is not None:
        return facture.date_echeance
    texte = facture.conditions_paiement or ""
    if trouve := _DELAI.search(texte):
        jours = int(trouve.group(1))
        resultat.avertissements.append(
            f"{facture.fichier} : facture {facture.numero} sans date d'échéance (BT-9) ; échéance "
            f"déduite des conditions de paiement (BT-20, « {trouve.group(0)} » après l'émission) : "
            "vérifiez-la"
        )
        return facture.date_emission + dt.timedelta(days=jours)
    if debiteur_pro:
        from contentieux.droit.durees import duree

        depart = facture.date_livraison or facture.date_emission
        jours, _ = duree(regles, "delais_paiement.defaut_jours", au=depart)
        compte = (
            "de la livraison (BT-72)"
            if facture.date_livraison
            else "de l'émission, faute de date de livraison (BT-72)"
        )
        resultat.avertissements.append(
            f"{facture.fichier} : facture {facture.numero} sans échéance (BT-9) ni délai écrit "
            f"(BT-20) : délai supplétif de {jours} jours (C. com. L441-10 I) compté {compte} ; "
            "vérifiez-le"
        )
        return depart + dt.timedelta(days=jours)
    raise FactureIllisible(
        f"{facture.fichier} : facture {facture.numero} sans date d'échéance (BT-9) ni délai de "
        "paiement écrit (BT-20) ; ajoutez l'échéance à la facture ou saisissez le dossier"
    )


def _taux_stipule(facture: FactureLue, resultat: ResultatImport) -> None:
    """Signale un taux de pénalités écrit dans BT-20 : à confirmer, jamais appliqué d'office."""
    texte = facture.conditions_paiement or ""
    if not _PENALITES.search(texte):
        return
    taux = _TAUX.search(texte)
    if taux is None:
        return
    valeur = taux.group(1).replace(",", ".")
    resultat.avertissements.append(
        f"{facture.fichier} : facture {facture.numero} : les conditions de paiement (BT-20) "
        f"stipulent un taux de pénalités de {valeur} % ; il n'est pas appliqué d'office : "
        f"après vérification, reportez-le dans taux_contractuel de la créance {facture.numero}"
    )


def _partie(facture: FactureLue, role: str, *, professionnel: bool) -> dict[str, Any]:
    """Personne morale du dossier ; l'adresse est obligatoire (BG-5 / BG-8)."""
    partie = facture.vendeur if role == "vendeur" else facture.acheteur
    fichier = facture.fichier
    termes = (
        ("BT-27", "BT-35", "BT-38", "BT-37")
        if role == "vendeur"
        else ("BT-44", "BT-50", "BT-53", "BT-52")
    )
    manquants = [
        terme
        for terme, valeur in zip(
            termes, (partie.nom, partie.ligne1, partie.code_postal, partie.ville), strict=True
        )
        if not valeur
    ]
    if manquants:
        conseil = (
            "le profil MINIMUM de Factur-X ne porte pas d'adresse : demandez la facture en "
            "profil BASIC, EN 16931 ou EXTENDED"
            if "minimum" in (facture.profil or "").lower()
            else "complétez la facture à la source"
        )
        raise FactureIllisible(
            f"{fichier} : {role} sans {', '.join(manquants)} (nom et adresse postale) ; {conseil}",
            fichier=fichier,
        )
    donnees: dict[str, Any] = {
        "type": "personne_morale",
        "denomination": partie.nom,
        "siege": {
            "ligne1": partie.ligne1,
            "code_postal": partie.code_postal,
            "ville": partie.ville,
            "pays": partie.pays or "FR",
        },
        "qualite": "professionnel" if professionnel else "non_professionnel",
    }
    if partie.ligne2:
        donnees["siege"]["ligne2"] = partie.ligne2
    if partie.siren:
        donnees["siren"] = partie.siren
    if partie.siret:
        donnees["siret"] = partie.siret
    if partie.numero_tva:
        donnees["numero_tva"] = partie.numero_tva
    return donnees
