"""Signer un acte en PAdES (ETSI EN 319 142-1) avec pyHanko : niveaux, champs, tampon, cosignature.

Un acte signé par deux parties (mandat, convention, échéancier, reconnaissance de dette) suit
toujours le même chemin :

1. le premier signataire (créancier, agence) **certifie** le document (DocMDP, permission
   « remplissage de formulaire et signatures ») ; dans la même révision sont créés **tous** les
   champs de signature et de mention : créer le champ du débiteur après une certification serait
   une modification interdite ;
2. le débiteur remplit, s'il y a lieu, la mention de la somme en lettres et en chiffres
   (C. civ. 1376 ; forme électronique : 1174) et signe : son champ verrouille la mention
   (verrou de champ, ``/Lock``), et les deux signatures restent valides.

L'instant de signature est l'heure de l'horloge au moment où la signature est faite (pyHanko
l'écrit dans la signature ; au niveau B-T et au-delà, l'autorité d'horodatage l'atteste) : ce n'est
pas une date d'évaluation juridique, il n'y a donc pas de paramètre ``au=`` ici.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contentieux.erreurs import (
    CertificatRevoque,
    ChampSignatureInvalide,
    ErreurSignature,
    HorodatageInjoignable,
    RevocationInjoignable,
)
from contentieux.signature.signataire import Signataire

if TYPE_CHECKING:  # pragma: no cover
    from asn1crypto import x509  # type: ignore[import-untyped]
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

Boite = Any
"""Un emplacement : tuple ``(page, x1, y1, x2, y2)`` ou objet ayant ces attributs (l'``Emplacement``
des actes), page numérotée **à partir de 0** comme dans les actes, coordonnées en points PDF depuis
le coin inférieur gauche."""

CHAMP_CREANCIER = "signature-creancier"
CHAMP_DEBITEUR = "signature-debiteur"
CHAMP_MENTION = "mention-manuscrite"

MENTION_TEST = "TEST — sans valeur juridique"
"""Marque des documents signés avec une PKI de démonstration."""


class Niveau(enum.StrEnum):
    """Niveaux de base PAdES (ETSI EN 319 142-1 §6)."""

    B_B = "B-B"
    """Signature de base : l'heure est celle que déclare le signataire."""
    B_T = "B-T"
    """Plus un jeton d'horodatage RFC 3161 d'une autorité : l'heure est prouvée."""
    B_LT = "B-LT"
    """Plus les données de validation (chaîne, OCSP, CRL) dans le DSS : vérifiable hors ligne."""
    B_LTA = "B-LTA"
    """Plus un horodatage du document qui scelle ces données : prolongeable dans le temps."""


def chemin_police() -> Path:
    """La police du tampon : Liberation Sans réduite au latin, à 1000 unités par cadratin."""
    from contentieux.polices import POLICE_TAMPON
    from contentieux.polices import chemin_police as chemin_livre

    return chemin_livre(POLICE_TAMPON)


def _boite_pdf(boite: Boite) -> tuple[int, tuple[int, int, int, int]]:
    if hasattr(boite, "page"):
        page, x1, y1, x2, y2 = boite.page, boite.x1, boite.y1, boite.x2, boite.y2
    else:
        page, x1, y1, x2, y2 = boite
    if page < 0:
        raise ChampSignatureInvalide(
            f"Emplacement {boite} : les pages sont numérotées à partir de 0."
        )
    if x2 <= x1 or y2 <= y1:
        raise ChampSignatureInvalide(
            f"Emplacement {boite} : il faut x1 < x2 et y1 < y2 (points PDF, origine en bas à "
            "gauche)."
        )
    return int(page), (round(x1), round(y1), round(x2), round(y2))


@dataclass(frozen=True)
class Champ:
    """Un champ à créer avant la première signature."""

    nom: str
    boite: Boite | None = None
    """``None`` : champ de signature invisible (première page)."""
    texte: bool = False
    """Champ de texte (mention manuscrite) plutôt que de signature."""
    verrouille: tuple[str, ...] = ()
    """Champs que la signature de ce champ verrouillera (``/Lock``)."""


def champs_depuis_emplacements(
    emplacements: Mapping[str, Boite], *, verrous: Mapping[str, Sequence[str]] | None = None
) -> list[Champ]:
    """Les champs d'un acte : un nom commençant par ``mention`` est un champ de texte, les autres
    des champs de signature. Par défaut, la signature du débiteur verrouille la mention.

    >>> [c.nom for c in champs_depuis_emplacements({
    ...     "signature-creancier": (0, 50, 50, 250, 110),
    ...     "mention-manuscrite": (0, 300, 120, 550, 150),
    ...     "signature-debiteur": (0, 300, 50, 550, 110)})]
    ['signature-creancier', 'mention-manuscrite', 'signature-debiteur']
    """
    mentions = [nom for nom in emplacements if nom.startswith("mention")]
    if verrous is None:
        verrous = {CHAMP_DEBITEUR: mentions} if CHAMP_DEBITEUR in emplacements else {}
    return [
        Champ(
            nom,
            boite,
            texte=nom.startswith("mention"),
            verrouille=tuple(verrous.get(nom, ())),
        )
        for nom, boite in emplacements.items()
    ]


def fabrique_police() -> Any:
    """Le moteur de police du tampon, qui embarque la police **entière** (déjà réduite au latin,
    17 Kio) au lieu de la sous-ensembler à chaque signature.

    pyHanko sous-ensemble la police avec fontTools puis la réécrit pour chaque tampon : c'est
    l'essentiel du surcoût d'une signature visible. Ici le fichier est lu et compressé une fois
    (par ``Signeur``) ; les numéros de glyphes sont ceux de la police, l'embarquement reste
    complet (PDF/A).
    """
    import zlib

    from pyhanko.pdf_utils import generic as _generic
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

    generic: Any = _generic
    octets = chemin_police().read_bytes()
    compresse = zlib.compress(octets, 6)

    class _Accumulateur(GlyphAccumulator):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._subset_created = True  # pas de sous-ensemble : police entière
            cidfont = self.cidfont_obj

            def embarquer(writer: Any) -> Any:
                flux = generic.StreamObject(
                    {
                        generic.pdf_name("/Filter"): generic.pdf_name("/FlateDecode"),
                        generic.pdf_name("/Length1"): generic.NumberObject(len(octets)),
                    },
                    encoded_data=compresse,
                )
                ref = writer.add_object(flux)
                cidfont._font_descriptor[generic.pdf_name("/FontFile2")] = ref
                return ref

            cidfont.set_font_file = embarquer  # type: ignore[method-assign]

    class _Fabrique(GlyphAccumulatorFactory):
        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
            if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
                obj_stream = writer.prepare_object_stream()
            return _Accumulateur(
                writer=writer,
                font_handle=io.BytesIO(octets),
                font_size=self.font_size,
                obj_stream=obj_stream,
            )

    return _Fabrique(str(chemin_police()))


def _style_tampon(mention_test: bool, police: Any) -> Any:
    from pyhanko import stamp
    from pyhanko.pdf_utils.text import TextBoxStyle

    lignes = ["Signé électroniquement par", "%(signer)s", "le %(ts)s"]
    if mention_test:
        lignes.append(MENTION_TEST)
    return stamp.TextStampStyle(
        stamp_text="\n".join(lignes),
        text_box_style=TextBoxStyle(font=police, font_size=8, leading=10),
        timestamp_format="%d/%m/%Y %H:%M:%S %Z",
        border_width=1,
        background=None,
    )


def _style_mention(police: Any) -> Any:
    """Texte de la mention : réduit pour tenir dans sa boîte, centré verticalement."""
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.text import TextBoxStyle

    return TextBoxStyle(
        font=police,
        font_size=10,
        box_layout_rule=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(left=3, right=3, top=3, bottom=3),
            inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
        ),
    )


def _ajouter_champ_texte(w: Any, nom: str, boite: Boite) -> None:
    """Crée un champ de texte vide (widget avec apparence, comme l'exige PDF/A)."""
    from pyhanko.pdf_utils import generic as _generic

    generic: Any = _generic
    from pyhanko.pdf_utils.content import RawContent
    from pyhanko.pdf_utils.generic import pdf_name, pdf_string
    from pyhanko.pdf_utils.layout import BoxConstraints

    page_ix, (x1, y1, x2, y2) = _boite_pdf(boite)
    racine = w.root
    if "/AcroForm" not in racine:
        racine[pdf_name("/AcroForm")] = w.add_object(
            generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject()})
        )
        w.update_root()
    formulaire = racine["/AcroForm"]
    page_ref = w.find_page_for_modification(page_ix)[0]
    apparence = RawContent(b"", box=BoxConstraints(width=x2 - x1, height=y2 - y1))
    champ = generic.DictionaryObject(
        {
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): pdf_string(nom),
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/Rect"): generic.ArrayObject(
                [generic.FloatObject(v) for v in (x1, y1, x2, y2)]
            ),
            pdf_name("/F"): generic.NumberObject(4),
            pdf_name("/P"): page_ref,
            pdf_name("/AP"): generic.DictionaryObject(
                {pdf_name("/N"): w.add_object(apparence.as_form_xobject())}
            ),
        }
    )
    ref = w.add_object(champ)
    champs = formulaire["/Fields"]
    champs.append(ref)
    w.update_container(champs)
    page = page_ref.get_object()
    if "/Annots" in page:
        annotations = page["/Annots"]
        annotations.append(ref)
        w.update_container(annotations)
    else:
        page[pdf_name("/Annots")] = generic.ArrayObject([ref])
        w.update_container(page)


def _noms_champs_racine(racine: Any) -> set[str]:
    """Noms complets (``parent.enfant``) des champs de formulaire du document."""
    noms: set[str] = set()

    def parcourir(liste: Any, prefixe: str, profondeur: int) -> None:
        if profondeur > 20:
            return
        for ref in liste:
            champ = ref.get_object()
            if "/T" not in champ:
                continue
            nom = f"{prefixe}{champ['/T']}"
            noms.add(nom)
            if "/Kids" in champ:
                parcourir(champ["/Kids"], nom + ".", profondeur + 1)

    try:
        champs = racine["/AcroForm"]["/Fields"]
    except KeyError:
        return noms
    parcourir(champs, "", 0)
    return noms


def _noms_champs(w: IncrementalPdfFileWriter) -> set[str]:
    return _noms_champs_racine(w.root)


def _creer_champs(w: IncrementalPdfFileWriter, champs: Iterable[Champ]) -> None:
    from pyhanko.sign import fields

    existants = _noms_champs(w)
    for champ in champs:
        if champ.nom in existants:
            raise ChampSignatureInvalide(
                f"Le champ « {champ.nom} » existe déjà dans le document : ne le recréez pas."
            )
    for champ in champs:
        if champ.texte:
            if champ.boite is None:
                raise ChampSignatureInvalide(
                    f"Le champ de mention « {champ.nom} » a besoin d'un emplacement visible."
                )
            _ajouter_champ_texte(w, champ.nom, champ.boite)
            continue
        page_ix, boite = (0, None) if champ.boite is None else _boite_pdf(champ.boite)
        verrou = (
            fields.FieldMDPSpec(fields.FieldMDPAction.INCLUDE, list(champ.verrouille))
            if champ.verrouille
            else None
        )
        fields.append_signature_field(
            w,
            fields.SigFieldSpec(champ.nom, on_page=page_ix, box=boite, field_mdp_spec=verrou),
        )


def remplir_mention(
    w: IncrementalPdfFileWriter, texte: str, champ: str = CHAMP_MENTION, police: Any = None
) -> None:
    """Écrit la mention (« Bon pour … ») dans le champ de texte vide ``champ``, en lecture seule.

    Le remplissage se fait dans la même révision que la signature du débiteur, qui le couvre.
    """
    from pyhanko.pdf_utils.form_tools import populate_static_text_field
    from pyhanko.pdf_utils.misc import FormFillingError, PdfError

    if not texte.strip():
        raise ChampSignatureInvalide(
            "La mention est vide : écrivez la somme en lettres et en chiffres (C. civ. 1376)."
        )
    try:
        populate_static_text_field(w, champ, _style_mention(police or fabrique_police()), texte)
    except (PdfError, FormFillingError):
        raise ChampSignatureInvalide(
            f"Pas de champ de mention vide nommé « {champ} » : le document doit être préparé "
            "(champs créés à la première signature) et la mention ne peut être écrite qu'une fois."
        ) from None


def _accorder_producteur(w: IncrementalPdfFileWriter) -> None:
    """PDF/A : le producteur du dictionnaire /Info doit être celui des métadonnées XMP.

    pyHanko écrit ``pdf:Producer`` = « pyHanko x.y » dans le XMP mais *ajoute* « ; pyHanko x.y »
    au /Producer existant (« WeasyPrint 70.0; pyHanko… ») : les deux divergeraient. On aligne
    /Info sur la valeur que pyHanko écrira dans le XMP.
    """
    from pyhanko.pdf_utils.generic import TextStringObject
    from pyhanko.pdf_utils.metadata.model import VENDOR

    info = getattr(w, "_info", None)
    if info is not None:
        info.get_object()["/Producer"] = TextStringObject(VENDOR)
        w.mark_update(info)


def _taille_reservee(signataire: Signataire, niveau: Niveau) -> int:
    """Place réservée à la signature CMS (en chiffres hexadécimaux, deux par octet) : évite la
    signature à blanc par laquelle pyHanko mesure sa taille."""
    chaine = sum(len(c.dump()) for c in [signataire.certificat, *signataire.autres_certificats()])
    taille = 4096 + chaine
    if niveau is not Niveau.B_B:
        taille += 8192  # jeton d'horodatage et certificat de l'autorité
    return 2 * taille


def _traduire_erreur(exc: BaseException, *, horodatage: str | None) -> ErreurSignature:
    """Une erreur de pyHanko ou de certvalidator, dite en français."""
    from pyhanko.sign.timestamps import TimestampRequestError
    from pyhanko_certvalidator.errors import (
        InsufficientRevinfoError,
        PathValidationError,
        RevokedError,
    )

    chaine: list[BaseException] = []
    courant: BaseException | None = exc
    while courant is not None and len(chaine) < 10:
        chaine.append(courant)
        courant = courant.__cause__ or courant.__context__
    for e in chaine:
        if isinstance(e, RevokedError):
            return CertificatRevoque(
                "Le certificat du signataire (ou d'une autorité de sa chaîne) est révoqué : "
                "la signature est refusée. Faites délivrer un nouveau certificat."
            )
    for e in chaine:
        if isinstance(e, TimestampRequestError):
            return HorodatageInjoignable(
                f"L'autorité d'horodatage {horodatage or ''} ne répond pas ou a répondu une "
                "erreur : vérifiez l'adresse (--horodatage) et le réseau, ou signez en B-B."
            )
    for e in chaine:
        if isinstance(e, InsufficientRevinfoError):
            return RevocationInjoignable(
                "Impossible d'obtenir les données de révocation (OCSP, CRL) du certificat : le "
                "niveau B-LT/B-LTA les exige. Vérifiez l'accès au répondeur OCSP ou à la CRL, "
                "ou signez en B-T."
            )
        if isinstance(e, PathValidationError):
            return RevocationInjoignable(
                "La chaîne du certificat n'a pas pu être validée pour B-LT/B-LTA "
                f"({type(e).__name__}) : donnez la racine de confiance et vérifiez l'accès aux "
                "données de révocation."
            )
    return ErreurSignature(
        f"La signature a échoué ({type(exc).__name__}) : le document est-il un PDF valide, le "
        "champ existe-t-il et n'est-il pas déjà signé ?"
    )


class Signeur:
    """Tout ce qui coûte à préparer, préparé une fois : clé chargée, autorité d'horodatage,
    style du tampon (police), contexte de validation (B-LT, B-LTA).

    Un ``Signeur`` signe autant de documents qu'on veut ; il ne garde rien d'un document à
    l'autre, sauf, pour B-LT et B-LTA, les réponses OCSP et CRL déjà obtenues (c'est ce qui rend
    le contexte réutilisable plus rapide ; les réponses restent datées et vérifiées).
    """

    def __init__(
        self,
        signataire: Signataire,
        *,
        niveau: Niveau | str = Niveau.B_B,
        horodatage: str | None = None,
        confiance: Iterable[x509.Certificate] | None = None,
        mention_test: bool = False,
        delai: float = 10.0,
    ) -> None:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        self.signataire = signataire
        try:
            self.niveau = Niveau(niveau)
        except ValueError:
            raise ErreurSignature(
                f"Niveau « {niveau} » inconnu : B-B, B-T, B-LT ou B-LTA."
            ) from None
        if self.niveau is not Niveau.B_B and not horodatage:
            raise HorodatageInjoignable(
                f"Le niveau {self.niveau} exige une autorité d'horodatage : donnez son adresse "
                "(--horodatage URL, RFC 3161)."
            )
        self.horodatage = horodatage
        self.mention_test = mention_test
        self._horodateur = (
            HTTPTimeStamper(horodatage, timeout=int(delai))
            if horodatage and self.niveau is not Niveau.B_B
            else None
        )
        try:
            self._police: Any = fabrique_police()
            self._tampon: Any = _style_tampon(mention_test, self._police)
        except ImportError:  # uharfbuzz absent : signatures invisibles seulement
            self._police = self._tampon = None
        self._contexte: Any = None
        if self.niveau in (Niveau.B_LT, Niveau.B_LTA):
            from pyhanko_certvalidator import ValidationContext

            racines = (
                list(confiance)
                if confiance is not None
                else [
                    c
                    for c in signataire.autres_certificats()
                    if c.self_signed == "maybe" or c.self_signed == "yes"
                ]
            )
            self._contexte = ValidationContext(
                trust_roots=racines,
                other_certs=signataire.autres_certificats(),
                allow_fetching=True,
                revocation_mode="hard-fail",
            )
        self._reserve = _taille_reservee(signataire, self.niveau)

    def signer(
        self,
        pdf: bytes,
        *,
        champ: str = CHAMP_CREANCIER,
        visible: Boite | None = None,
        champs: Sequence[Champ] = (),
        certifier: bool = False,
        mention: str | None = None,
        champ_mention: str = CHAMP_MENTION,
        raison: str | None = None,
        lieu: str | None = None,
    ) -> bytes:
        """Signe ``pdf`` (octets) et renvoie le document signé (une révision incrémentale).

        - ``champ`` : champ à signer ; créé s'il n'existe pas (invisible, ou à ``visible``) ;
        - ``champs`` : champs à créer dans cette même révision (tous ceux de l'acte, avant la
          première signature) ;
        - ``certifier`` : signature de certification (DocMDP) qui permet encore le remplissage
          de formulaire et d'autres signatures ;
        - ``mention`` : texte écrit dans ``champ_mention`` avant de signer (reconnaissance de
          dette, C. civ. 1376).
        """
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.pdf_utils.misc import PdfReadError
        from pyhanko.sign import fields, signers

        self.signataire.verifier_certificat(dt.datetime.now(dt.UTC))
        try:
            w = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        except (PdfReadError, ValueError) as exc:
            raise ErreurSignature(
                f"Le fichier n'est pas un PDF lisible ({exc}) : donnez le PDF de l'acte."
            ) from None
        _accorder_producteur(w)
        if champs:
            _creer_champs(w, champs)
        existants = _noms_champs(w)
        nouveau = None
        if champ not in existants:
            page_ix, boite = (0, None) if visible is None else _boite_pdf(visible)
            nouveau = fields.SigFieldSpec(champ, on_page=page_ix, box=boite)
        if self._police is None and (mention is not None or visible is not None or champs):
            raise ErreurSignature(
                "Le tampon visible et la mention demandent la mise en page OpenType de pyHanko : "
                "pip install 'pyHanko[opentype]' (uharfbuzz)."
            )
        if mention is not None:
            remplir_mention(w, mention, champ_mention, self._police)
        lt = self.niveau in (Niveau.B_LT, Niveau.B_LTA)
        meta = signers.PdfSignatureMetadata(
            field_name=champ,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            certify=certifier,
            docmdp_permissions=fields.MDPPerm.FILL_FORMS,
            reason=raison or (MENTION_TEST if self.mention_test else None),
            location=lieu,
            name=self.signataire.nom,
            embed_validation_info=lt,
            validation_context=self._contexte,
            use_pades_lta=self.niveau is Niveau.B_LTA,
        )
        signeur = signers.PdfSigner(
            meta,
            self.signataire.signer,
            timestamper=self._horodateur,
            stamp_style=self._tampon,
            new_field_spec=nouveau,
        )
        sortie = io.BytesIO()
        try:
            signeur.sign_pdf(w, output=sortie, bytes_reserved=self._reserve)
        except ErreurSignature:
            raise
        except Exception as exc:  # traduit en une erreur française
            raise _traduire_erreur(exc, horodatage=self.horodatage) from exc
        return sortie.getvalue()


def signer_pdf(
    pdf: bytes | Path,
    signataire: Signataire,
    *,
    niveau: Niveau | str = Niveau.B_B,
    horodatage: str | None = None,
    confiance: Iterable[x509.Certificate] | None = None,
    mention_test: bool = False,
    **options: Any,
) -> bytes:
    """Signe une fois (voir :meth:`Signeur.signer` pour les options). Pour signer beaucoup de
    documents, gardez un :class:`Signeur`."""
    donnees = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    signeur = Signeur(
        signataire,
        niveau=niveau,
        horodatage=horodatage,
        confiance=confiance,
        mention_test=mention_test,
    )
    return signeur.signer(donnees, **options)


def signer_acte(
    pdf: bytes,
    signeur: Signeur,
    emplacements: Mapping[str, Boite],
    *,
    champ: str = CHAMP_CREANCIER,
    certifier: bool = True,
) -> bytes:
    """Première signature d'un acte à plusieurs signataires : crée **tous** les champs de
    ``emplacements`` puis certifie (remplissage et signatures encore permis).

    Si l'acte n'a pas d'emplacement pour ``champ`` (une reconnaissance de dette, acte
    unilatéral, n'a que la case du débiteur), la certification est invisible : le créancier
    scelle l'acte tel qu'il l'a émis, le débiteur y écrit la mention et signe.
    """
    champs = champs_depuis_emplacements(emplacements)
    if champ not in emplacements:
        champs.insert(0, Champ(champ, None))
    return signeur.signer(pdf, champ=champ, champs=champs, certifier=certifier)


def cosigner(
    pdf: bytes,
    signeur: Signeur,
    *,
    champ: str = CHAMP_DEBITEUR,
    mention: str | None = None,
    champ_mention: str = CHAMP_MENTION,
) -> bytes:
    """Signature du débiteur dans son champ déjà créé, après avoir écrit la mention s'il y a lieu.

    Le champ doit exister (créé par :func:`signer_acte`) : l'ajouter après une certification
    invaliderait la première signature.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader

    noms = _noms_champs_racine(PdfFileReader(io.BytesIO(pdf), strict=False).root)
    if champ not in noms:
        raise ChampSignatureInvalide(
            f"Le document n'a pas de champ « {champ} » : il doit être créé à la première "
            "signature (signer_acte, ou « contentieux signer --champs »)."
        )
    return signeur.signer(pdf, champ=champ, mention=mention, champ_mention=champ_mention)


def ajouter_donnees_validation(
    pdf: bytes, *, certificats: Iterable[x509.Certificate] = (), crls: Iterable[bytes] = ()
) -> bytes:
    """Joint au document, dans une révision à part, des données de validation (DSS, ISO
    32000-2 §12.8.4.3) : certificats de la chaîne et CRL (DER) fournis par l'appelant.

    Utile quand l'autorité ne publie pas ses CRL en ligne (PKI de démonstration, PKI
    d'entreprise fermée) : la vérification hors ligne peut alors conclure sur la révocation.
    Ces données ne changent rien de visible : ``verifier-acte`` les admet après la production.
    """
    from asn1crypto import crl as asn1_crl
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    try:
        listes = [asn1_crl.CertificateList.load(brut) for brut in crls]
        for liste in listes:
            _ = liste.native  # analyse complète : ValueError si ce n'est pas une CRL
    except ValueError:
        raise ErreurSignature("Donnée de révocation illisible : donnez une CRL en DER.") from None
    w = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    DocumentSecurityStore.supply_dss_in_writer(
        w, None, certs=list(certificats), crls=listes, embed_roots=True
    )
    sortie = io.BytesIO()
    w.write(sortie)  # type: ignore[no-untyped-call]
    return sortie.getvalue()
