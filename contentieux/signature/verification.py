"""Vérifier les signatures d'un PDF : un rapport que l'on peut refaire et montrer.

Les verdicts parlent le langage de la norme européenne de validation (ETSI EN 319 102-1), comme le
validateur de référence de l'Union (DSS) : indication ``TOTAL-PASSED``, ``INDETERMINATE`` ou
``TOTAL-FAILED`` et sous-indication (``HASH_FAILURE``, ``REVOKED_NO_POE``,
``NO_CERTIFICATE_CHAIN_FOUND``…), calculées par la validation AdES de pyHanko
(``pyhanko.sign.validation.ades``) : processus de base (§5.3) pour B-B, « avec horodatage »
(§5.5) pour B-T et B-LT,
processus d'archivage (§5.6.3) pour B-LTA. Chaque indication est expliquée en français.

La vérification travaille hors ligne par défaut : seules les données de validation contenues dans
le document (DSS) sont utilisées ; une signature B-B ou B-T sans ces données reste donc
``INDETERMINATE`` (on ne sait pas si le certificat est révoqué) sauf si l'on autorise la
consultation en ligne (``en_ligne=True``) des répondeurs OCSP et des CRL.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from contentieux.actes.revisions import analyser_revisions
from contentieux.erreurs import ErreurSignature
from contentieux.signature.mention import (
    ControleMention,
    controler_mention,
    lire_montant_en_chiffres,
)
from contentieux.signature.pades import CHAMP_DEBITEUR, CHAMP_MENTION

Indication = Literal["TOTAL-PASSED", "INDETERMINATE", "TOTAL-FAILED"]
Modifications = Literal["aucune", "remplissage", "signatures", "autres"]
Verdict = Literal["valide", "indetermine", "invalide"]

EXPLICATIONS: dict[str, str] = {
    "OK": "La signature est valide : document intact, certificat de confiance, non révoqué.",
    "FORMAT_FAILURE": "La signature est mal formée : elle ne respecte pas le format PAdES/CMS.",
    "HASH_FAILURE": "Le document a été modifié après la signature : l'empreinte ne correspond "
    "plus (un octet changé suffit).",
    "SIG_CRYPTO_FAILURE": "La valeur de signature ne se vérifie pas avec la clé publique du "
    "certificat.",
    "REVOKED": "Le certificat du signataire était révoqué au moment de la signature.",
    "NOT_YET_VALID": "La signature est antérieure au début de validité du certificat.",
    "SIG_CONSTRAINTS_FAILURE": "Une contrainte de la signature n'est pas remplie : le document "
    "a été modifié après la signature d'une façon qu'elle n'autorise pas (ISO 32000-2 §12.8).",
    "CHAIN_CONSTRAINTS_FAILURE": "Une contrainte sur la chaîne de certification n'est pas remplie.",
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": "La chaîne de certification n'a pas pu être validée, le "
    "plus souvent faute de données de révocation (OCSP, CRL) : signez en B-LT ou vérifiez en "
    "ligne.",
    "CRYPTO_CONSTRAINTS_FAILURE": "Un algorithme utilisé n'est plus jugé sûr.",
    "EXPIRED": "Le certificat a expiré avant l'heure prouvée de la signature.",
    "POLICY_PROCESSING_ERROR": "La politique de signature n'a pas pu être appliquée.",
    "SIGNATURE_POLICY_NOT_AVAILABLE": "La politique de signature citée est introuvable.",
    "TIMESTAMP_ORDER_FAILURE": "Les horodatages du document ne sont pas dans un ordre cohérent.",
    "NO_SIGNING_CERTIFICATE_FOUND": "Le certificat du signataire est absent de la signature.",
    "NO_CERTIFICATE_CHAIN_FOUND": "Le certificat ne remonte à aucune racine de confiance donnée "
    "(--confiance).",
    "REVOKED_NO_POE": "Le certificat du signataire est révoqué et rien ne prouve que la "
    "signature existait avant la révocation.",
    "REVOKED_CA_NO_POE": "Un certificat d'autorité de la chaîne est révoqué et rien ne prouve que "
    "la signature existait avant.",
    "OUT_OF_BOUNDS_NO_POE": "Le certificat est expiré ou pas encore valide et rien ne prouve "
    "l'existence de la signature pendant sa validité.",
    "REVOCATION_OUT_OF_BOUNDS_NO_POE": "Les données de révocation sont hors de la période utile "
    "et rien ne prouve l'existence de la signature à temps.",
    "OUT_OF_BOUNDS_NOT_REVOKED": "Le certificat a expiré mais n'était pas révoqué ; il manque une "
    "preuve d'existence de la signature pendant sa validité.",
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": "Un algorithme n'est plus sûr et rien ne prouve "
    "l'existence de la signature quand il l'était.",
    "NO_POE": "Il manque une preuve d'existence (horodatage) pour conclure.",
    "TRY_LATER": "Les données de révocation ne sont pas encore assez récentes : réessayez plus "
    "tard.",
    "SIGNED_DATA_NOT_FOUND": "Les données signées sont introuvables.",
    "GENERIC": "La validation n'a pas pu conclure.",
}

SOUS_INDICATION_MODIFICATION = "SIG_CONSTRAINTS_FAILURE"
"""Sous-indication ETSI d'une signature intacte suivie de modifications qu'elle n'autorise pas
(pages ajoutées, contenu, ``/Info``, champ verrouillé) : la norme n'a pas de sous-indication
propre au PDF ; le contrôle d'acceptation de la signature (EN 319 102-1 §5.2.8) échoue."""

MODIFICATIONS_EXPLIQUEES: dict[str, str] = {
    "aucune": "rien n'a changé depuis (hors données de validation et horodatages)",
    "remplissage": "des champs de formulaire ont été remplis depuis, comme la certification le "
    "permet",
    "signatures": "d'autres signatures ont été ajoutées depuis",
    "autres": "le document a été modifié depuis d'une façon que la signature n'autorise pas",
}


class SignatureVerifiee(BaseModel):
    """Le constat sur une signature du document."""

    model_config = ConfigDict(frozen=True)

    champ: str
    signataire: str
    certificat_emetteur: str
    heure: dt.datetime | None
    source_heure: Literal["horodatage", "declaree"]
    """``horodatage`` : jeton RFC 3161 d'une autorité ; ``declaree`` : heure donnée par le
    signataire lui-même (non prouvée)."""
    autorite_horodatage: str | None
    horodatage_verifie: bool | None
    """Le jeton d'horodatage est intact et son autorité de confiance (``None`` : pas de jeton)."""
    niveau: Literal["B-B", "B-T", "B-LT", "B-LTA"]
    certification: bool
    """Signature de certification (DocMDP) : le premier signataire fixe ce qui reste permis."""
    intacte: bool
    de_confiance: bool
    """Le certificat remonte à une racine de confiance donnée."""
    revoquee: bool | None
    """``None`` : inconnu, faute de données de révocation."""
    modifications: Modifications
    modifications_permises: bool
    indication: Indication
    sous_indication: str | None
    explication: str
    verdict: Verdict


class RapportSignature(BaseModel):
    """Rapport de vérification d'un PDF signé ; sérialisable en JSON (``model_dump_json``)."""

    model_config = ConfigDict(frozen=True)

    document: str
    verifie_le: dt.datetime
    en_ligne: bool
    signatures: list[SignatureVerifiee]
    horodatages_document: int
    """Nombre d'horodatages de document (B-LTA)."""
    mention: ControleMention | None = None
    """Contrôle de la mention de la somme (reconnaissance de dette, C. civ. 1376)."""
    verdict: Verdict
    explication: str


def _nom(nom: Any) -> str:
    natif = nom.native
    return str(natif.get("common_name") or nom.human_friendly)


def _lire_racines(confiance: Iterable[Any] | Any | None) -> list[Any]:
    from asn1crypto import pem, x509  # type: ignore[import-untyped]

    if confiance is None:
        return []
    if isinstance(confiance, (str, Path, x509.Certificate)):
        confiance = [confiance]
    racines: list[Any] = []
    for element in confiance:
        if isinstance(element, x509.Certificate):
            racines.append(element)
            continue
        chemin = Path(element)
        try:
            donnees = chemin.read_bytes()
        except OSError as exc:
            raise ErreurSignature(
                f"Racine de confiance « {chemin} » illisible ({exc.strerror or exc})."
            ) from None
        try:
            if pem.detect(donnees):
                racines.extend(
                    x509.Certificate.load(der) for _t, _h, der in pem.unarmor(donnees, True)
                )
            else:
                racines.append(x509.Certificate.load(donnees))
        except ValueError:
            raise ErreurSignature(
                f"« {chemin.name} » n'est pas un certificat PEM ou DER : donnez le certificat "
                "de l'autorité racine."
            ) from None
    return racines


def _jeton_horodatage(signer_info: Any) -> tuple[dt.datetime, str | None] | None:
    from pyhanko.sign.validation.generic_cms import extract_tst_data_iter

    for donnees in extract_tst_data_iter(signer_info, signed=False):
        info = donnees["encap_content_info"]["content"].parsed
        autorite = None
        for cert in donnees["certificates"]:
            c = cert.chosen
            eku = c.extended_key_usage_value
            if eku is not None and "time_stamping" in eku.native:
                autorite = _nom(c.subject)
        return info["gen_time"].native, autorite
    return None


def _montant_imprime(lecteur: Any) -> Decimal | None:
    """Le montant de l'acte lu dans les données JSON jointes au PDF/A-3 (fichiers associés)."""
    try:
        noms = lecteur.root["/Names"]["/EmbeddedFiles"]["/Names"]
    except KeyError:
        return None
    for i in range(1, len(noms), 2):
        spec = noms[i].get_object()
        try:
            contenu = spec["/EF"]["/F"].get_object().data
            donnees = json.loads(contenu)
        except (KeyError, ValueError, AttributeError):
            continue
        trouve = _chercher_montant(donnees)
        if trouve is not None:
            return trouve
    return None


def lire_montant_imprime(pdf: bytes) -> Decimal | None:
    """Le montant imprimé de l'acte, lu dans ses données jointes (``None`` s'il n'y en a pas)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    return _montant_imprime(PdfFileReader(io.BytesIO(pdf), strict=False))


CHEMINS_MONTANT = (("chiffres", "montant"), ("contrat", "montant"), ("montant",))
"""Où chercher, dans cet ordre, le montant imprimé dans les données jointes à l'acte (la pièce
``contentieux-acte.json`` des actes range les montants imprimés sous ``chiffres``)."""


def _chercher_montant(donnees: Any) -> Decimal | None:
    for chemin in CHEMINS_MONTANT:
        valeur = donnees
        for cle in chemin:
            valeur = valeur.get(cle) if isinstance(valeur, dict) else None
        if isinstance(valeur, (str, int)):
            try:
                return Decimal(str(valeur)).quantize(Decimal("0.01"))
            except InvalidOperation:
                lu = lire_montant_en_chiffres(str(valeur))
                if lu is not None:
                    return lu
    return None


def _valeur_mention(lecteur: Any, champ: str, revision: int | None = None) -> str | None:
    """La valeur du champ de mention dans ``revision`` (par défaut la dernière) ; les références
    sont suivies dans cette révision-là, pas dans la dernière."""
    numero = lecteur.xrefs.total_revisions - 1 if revision is None else revision
    resolveur = lecteur.get_historical_resolver(numero)

    def resoudre(objet: Any) -> Any:
        return resolveur.get_object(objet.reference) if hasattr(objet, "reference") else objet

    try:
        formulaire = resoudre(resolveur.root.raw_get("/AcroForm"))
        champs = resoudre(formulaire.raw_get("/Fields"))
        for ref in champs:
            objet = resoudre(ref)
            if "/T" in objet and str(resoudre(objet.raw_get("/T"))) == champ and "/V" in objet:
                return str(resoudre(objet.raw_get("/V")))
    except (KeyError, TypeError, AttributeError):
        return None
    return None


def _specification(racines: list[Any], en_ligne: bool) -> Any:
    from pyhanko.sign.validation.policy_decl import (
        PdfSignatureValidationSpec,
        RevinfoOnlineFetchingRule,
        RevocationInfoGatheringSpec,
        SignatureValidationSpec,
    )
    from pyhanko_certvalidator.context import CertValidationPolicySpec
    from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
    from pyhanko_certvalidator.registry import SimpleTrustManager

    regle = (
        RevinfoOnlineFetchingRule.ALWAYS_FETCH if en_ligne else RevinfoOnlineFetchingRule.LOCAL_ONLY
    )
    return PdfSignatureValidationSpec(
        SignatureValidationSpec(
            cert_validation_policy=CertValidationPolicySpec(
                trust_manager=SimpleTrustManager.build(trust_roots=racines),
                revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO),
            ),
            revinfo_gathering_policy=RevocationInfoGatheringSpec(online_fetching_rule=regle),
        )
    )


def _modifications(
    integrite: dict[str, Any], champs_signature: set[str]
) -> tuple[Modifications, bool]:
    """Ce qui a changé après la signature, d'après l'analyse des révisions de pyHanko."""
    from pyhanko.sign.diff_analysis import ModificationLevel, SuspiciousModification
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if integrite.get("coverage") == SignatureCoverageLevel.ENTIRE_FILE:
        return "aucune", True
    diff = integrite.get("diff_result")
    if diff is None or isinstance(diff, SuspiciousModification):
        return "autres", False
    niveau = diff.modification_level
    docmdp = integrite.get("docmdp_ok")
    permis = bool(docmdp) if docmdp is not None else True
    if niveau <= ModificationLevel.LTA_UPDATES:
        return "aucune", permis
    if niveau == ModificationLevel.FORM_FILLING:
        changes = set(diff.changed_form_fields)
        if changes and changes <= champs_signature:
            return "signatures", permis
        return "remplissage", permis
    return "autres", False


async def _valider(signature: Any, spec: Any, niveau: str, dss: Any) -> Any:
    """Le processus de l'ETSI EN 319 102-1 qui convient au niveau : signature de base (§5.3),
    avec horodatage (§5.5), avec données d'archivage (§5.6.3)."""
    from pyhanko.sign.validation import ades
    from pyhanko.sign.validation.status import PdfSignatureStatus

    if niveau == "B-LTA":
        return await ades.ades_lta_validation(signature, spec)
    sig_spec = dataclasses.replace(spec.signature_validation_spec, local_knowledge=dss)
    if niveau == "B-B":
        return await ades.ades_basic_validation(
            signature.signed_data, sig_spec, raw_digest=signature.compute_digest()
        )
    return await ades.ades_with_time_validation(
        signature.signed_data,
        sig_spec,
        raw_digest=signature.compute_digest(),
        extra_status_kwargs=signature.summarise_integrity_info(),
        status_cls=PdfSignatureStatus,
    )


def verifier_signature(
    pdf: bytes | Path,
    *,
    confiance: Iterable[Any] | Any | None = None,
    en_ligne: bool = False,
    champ_mention: str = CHAMP_MENTION,
    champ_debiteur: str = CHAMP_DEBITEUR,
    montant_imprime: Decimal | None = None,
    donnees_revocation: Iterable[bytes] = (),
) -> RapportSignature:
    """Vérifie toutes les signatures de ``pdf`` et rend un :class:`RapportSignature`.

    - ``confiance`` : certificats (ou fichiers PEM/DER) des racines de confiance ;
    - ``en_ligne`` : consulter OCSP et CRL (sinon seules les données du document servent) ;
    - ``montant_imprime`` : montant de l'acte pour contrôler la mention (C. civ. 1376) ; à défaut,
      il est lu dans les données JSON jointes à l'acte ;
    - ``champ_debiteur`` : le champ dont la signature doit couvrir et verrouiller la mention ;
      une mention sans cette signature est « non signée » et le verdict n'est pas valide ;
    - ``donnees_revocation`` : CRL ou réponses OCSP (DER) fournies à part, utilisées comme celles
      du document.

    La validation de pyHanko est asynchrone : hors de toute boucle d'événements, elle tourne dans
    une boucle à elle ; appelée depuis une boucle en cours (un serveur, un carnet Jupyter), elle
    tourne dans un fil à part, et la boucle appelante attend. Dans du code asynchrone, préférez
    ``await`` :func:`verifier_signature_async`, qui ne bloque pas la boucle pendant les
    consultations en ligne.
    """
    verification = verifier_signature_async(
        pdf,
        confiance=confiance,
        en_ligne=en_ligne,
        champ_mention=champ_mention,
        champ_debiteur=champ_debiteur,
        montant_imprime=montant_imprime,
        donnees_revocation=donnees_revocation,
    )
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # aucune boucle en cours dans ce fil
        return asyncio.run(verification)
    with ThreadPoolExecutor(max_workers=1) as fil:
        return fil.submit(asyncio.run, verification).result()


async def verifier_signature_async(
    pdf: bytes | Path,
    *,
    confiance: Iterable[Any] | Any | None = None,
    en_ligne: bool = False,
    champ_mention: str = CHAMP_MENTION,
    champ_debiteur: str = CHAMP_DEBITEUR,
    montant_imprime: Decimal | None = None,
    donnees_revocation: Iterable[bytes] = (),
) -> RapportSignature:
    """:func:`verifier_signature`, à attendre depuis une boucle d'événements en cours (mêmes
    paramètres, même rapport)."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.ades.report import AdESStatus
    from pyhanko.sign.validation import ades

    nom_document = pdf.name if isinstance(pdf, Path) else "document"
    donnees = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    try:
        lecteur = PdfFileReader(io.BytesIO(donnees), strict=False)
        signatures = list(lecteur.embedded_regular_signatures)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise ErreurSignature(f"« {nom_document} » n'est pas un PDF lisible ({exc}).") from None
    racines = _lire_racines(confiance)
    spec = _specification(racines, en_ligne)
    horodatages = list(lecteur.embedded_timestamp_signatures)
    try:
        dss = ades._dss_to_local_knowledge(reader=lecteur)
        a_dss = bool(dss.known_ocsps or dss.known_crls)
    except Exception:  # DSS illisible : on vérifie sans
        from pyhanko.sign.validation.policy_decl import LocalKnowledge

        dss, a_dss = LocalKnowledge(), False
    dss = _ajouter_revocation(dss, donnees_revocation)
    champs_signature = {s.field_name for s in signatures}
    suspectes = [
        r for r in analyser_revisions(donnees) if r.nature == "autre" and r.cause != "formulaire"
    ]
    constats: list[SignatureVerifiee] = []
    for signature in signatures:
        jeton = _jeton_horodatage(signature.signer_info)
        if jeton is None:
            niveau: Literal["B-B", "B-T", "B-LT", "B-LTA"] = "B-B"
        elif not a_dss:
            niveau = "B-T"
        elif any(h.signed_revision > signature.signed_revision for h in horodatages):
            niveau = "B-LTA"
        else:
            niveau = "B-LT"
        signature.compute_integrity_info(diff_policy=spec.diff_policy)
        integrite = signature.summarise_integrity_info()
        resultat = await _valider(signature, spec, niveau, dss)
        statut = resultat.api_status
        sous = resultat.ades_subindic
        etat = sous.status
        indications: dict[Any, Indication] = {
            AdESStatus.PASSED: "TOTAL-PASSED",
            AdESStatus.INDETERMINATE: "INDETERMINATE",
            AdESStatus.FAILED: "TOTAL-FAILED",
        }
        indication = indications[etat]
        nom_sous = None if etat == AdESStatus.PASSED else sous.standard_name
        intacte = bool(statut is not None and statut.intact and statut.valid)
        modifs, permises = _modifications(integrite, champs_signature - {signature.field_name})
        apres = [r for r in suspectes if r.numero > signature.signed_revision]
        if apres:  # ce que pyHanko ne regarde pas (``/Info``) ou qu'il a laissé passer
            modifs, permises = "autres", False
        if statut is None:
            de_confiance = False
            revoquee: bool | None = None
        else:
            de_confiance = statut.validation_path is not None
            revoquee = True if statut.revoked else (False if statut.trusted else None)
        if sous.standard_name in ("REVOKED", "REVOKED_NO_POE"):
            revoquee = True
        if not intacte and indication != "TOTAL-FAILED":
            indication, nom_sous = "TOTAL-FAILED", "HASH_FAILURE"
        elif not permises and indication != "TOTAL-FAILED":
            indication, nom_sous = "TOTAL-FAILED", SOUS_INDICATION_MODIFICATION
        verdicts: dict[Indication, Verdict] = {
            "TOTAL-PASSED": "valide",
            "INDETERMINATE": "indetermine",
            "TOTAL-FAILED": "invalide",
        }
        verdict = verdicts[indication]
        explication = EXPLICATIONS.get(nom_sous or sous.standard_name, resultat.failure_msg or "")
        explication += f" Modifications : {MODIFICATIONS_EXPLIQUEES[modifs]}"
        explication += "".join(f" ; révision {r.numero} : {r.detail}" for r in apres) + "."
        certificat = signature.signer_cert
        heure = (
            jeton[0]
            if jeton
            else (statut.signer_reported_dt if statut is not None else None)
            or signature.self_reported_timestamp
        )
        if heure is None:
            m = signature.sig_object.get("/M")
            heure = _date_pdf(str(m)) if m is not None else None
        constats.append(
            SignatureVerifiee(
                champ=signature.field_name,
                signataire=_nom(certificat.subject),
                certificat_emetteur=_nom(certificat.issuer),
                heure=heure,
                source_heure="horodatage" if jeton else "declaree",
                autorite_horodatage=jeton[1] if jeton else None,
                horodatage_verifie=_horodatage_verifie(statut) if jeton else None,
                niveau=niveau,
                certification=signature.docmdp_level is not None,
                intacte=intacte,
                de_confiance=de_confiance,
                revoquee=revoquee,
                modifications=modifs,
                modifications_permises=permises,
                indication=indication,
                sous_indication=nom_sous,
                explication=explication,
                verdict=verdict,
            )
        )
    texte_mention = _valeur_mention(lecteur, champ_mention)
    mention = None
    if texte_mention is not None:
        mention = controler_mention(
            texte_mention,
            montant_imprime if montant_imprime is not None else _montant_imprime(lecteur),
        )
        signee_par, raison = _signature_de_la_mention(
            lecteur, signatures, constats, champ_mention, champ_debiteur, texte_mention
        )
        mention = mention.model_copy(
            update={
                "signee": signee_par is not None,
                "signataire": signee_par,
                "anomalies": mention.anomalies + ([raison] if raison else []),
            }
        )
    return _rapport(nom_document, constats, len(horodatages), mention, en_ligne)


def _signature_de_la_mention(
    lecteur: Any,
    signatures: Sequence[Any],
    constats: Sequence[SignatureVerifiee],
    champ_mention: str,
    champ_debiteur: str,
    texte: str,
) -> tuple[str | None, str | None]:
    """Le signataire dont la signature couvre la mention, ou la raison pour laquelle aucune ne
    la couvre (C. civ. 1376 et 1174 : la mention doit être écrite par celui qui s'engage).

    Il faut une signature du champ du débiteur qui verrouille la mention (verrou de champ
    FieldMDP, signé avec elle), qui n'est pas invalide, et dont la révision signée porte déjà ce
    texte de mention.
    """
    raison = (
        f"mention non signée : aucune signature du champ « {champ_debiteur} » ne la couvre ; "
        "n'importe qui a pu l'écrire après la certification (C. civ. 1376, 1174)"
    )
    for signature, constat in zip(signatures, constats, strict=True):
        if signature.field_name != champ_debiteur:
            continue
        verrou = signature.fieldmdp
        if verrou is None or not verrou.is_locked(champ_mention):
            raison = (
                f"mention non signée : la signature du champ « {champ_debiteur} » ne verrouille "
                "pas la mention (verrou de champ absent)"
            )
            continue
        ecrite = _valeur_mention(lecteur, champ_mention, signature.signed_revision)
        if ecrite != texte:
            raison = (
                "mention non signée : elle a été écrite ou changée après la signature du "
                f"champ « {champ_debiteur} »"
            )
            continue
        if constat.verdict == "invalide":
            raison = (
                f"mention non signée : la signature du champ « {champ_debiteur} » qui la couvre "
                "est invalide"
            )
            continue
        return constat.signataire, None
    return None, raison


def _ajouter_revocation(connu: Any, donnees: Iterable[bytes]) -> Any:
    """Ajoute des CRL ou réponses OCSP (DER) aux connaissances locales de la validation."""
    from asn1crypto import crl, ocsp
    from pyhanko_certvalidator.revinfo.archival import CRLContainer, OCSPContainer

    crls, ocsps = list(connu.known_crls), list(connu.known_ocsps)
    for brut in donnees:
        try:
            liste = crl.CertificateList.load(brut)
            _ = liste.native  # analyse complète : lève ValueError si ce n'est pas une CRL
            crls.append(CRLContainer(liste))
            continue
        except ValueError:
            pass
        try:
            reponse = ocsp.OCSPResponse.load(brut)
            _ = reponse.native
            ocsps.extend(OCSPContainer.load_multi(reponse))
        except ValueError:
            raise ErreurSignature(
                "Donnée de révocation illisible : donnez une CRL ou une réponse OCSP en DER."
            ) from None
    return dataclasses.replace(connu, known_crls=crls, known_ocsps=ocsps)


def _horodatage_verifie(statut: Any) -> bool:
    jeton = getattr(statut, "timestamp_validity", None)
    return bool(jeton is not None and jeton.intact and jeton.valid and jeton.trusted)


def _date_pdf(texte: str) -> dt.datetime | None:
    from pyhanko.pdf_utils.generic import parse_pdf_date

    try:
        return parse_pdf_date(texte, strict=False)
    except ValueError:
        return None


def _rapport(
    document: str,
    constats: Sequence[SignatureVerifiee],
    horodatages: int,
    mention: ControleMention | None,
    en_ligne: bool,
) -> RapportSignature:
    if not constats:
        verdict: Verdict = "invalide"
        explication = "Le document ne porte aucune signature."
    elif any(c.verdict == "invalide" for c in constats):
        verdict = "invalide"
        explication = (
            "Au moins une signature est invalide : "
            + ", ".join(c.champ for c in constats if c.verdict == "invalide")
            + "."
        )
    elif all(c.verdict == "valide" for c in constats):
        verdict = "valide"
        explication = f"Les {len(constats)} signature(s) sont valides."
    else:
        verdict = "indetermine"
        explication = (
            "Aucune signature n'est invalide, mais au moins une ne peut être confirmée "
            "(données de révocation, racine de confiance ou preuve d'existence manquantes)."
        )
    if mention is not None and mention.anomalies:
        explication += " Mention de la somme : " + " ; ".join(mention.anomalies) + "."
        if verdict != "invalide":
            verdict = "invalide"
            explication = (
                "La mention de la somme ne vaut pas engagement du débiteur pour le montant de "
                "l'acte (C. civ. 1376). " + explication
            )
    return RapportSignature(
        document=document,
        verifie_le=dt.datetime.now(dt.UTC),
        en_ligne=en_ligne,
        signatures=list(constats),
        horodatages_document=horodatages,
        mention=mention,
        verdict=verdict,
        explication=explication,
    )
