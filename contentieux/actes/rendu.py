"""Rendu des actes : une seule environnement Jinja, HTML → PDF/A-3b (WeasyPrint), DOCX (docxtpl).

Un :class:`Atelier` garde ce qui coûte : la configuration des polices WeasyPrint, la feuille de
style analysée, les gabarits Jinja compilés et les modèles DOCX lus. L'appelant le garde et le
réutilise (pas de cache au niveau du module : deux ateliers ne partagent rien, et un résultat ne
dépend jamais d'un appel précédent). :func:`generer_acte` en crée un pour un seul acte.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator, Mapping
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from contentieux.actes.bornes import verifier_volume, verifier_volume_du_dossier
from contentieux.actes.contenu import Emplacement
from contentieux.actes.contrats import CONSTRUCTEURS, ContratActe, Faits
from contentieux.actes.manifeste import (
    Manifeste,
    exiger_mentions,
    lire_manifeste,
    mentions_attendues,
    texte_docx,
    texte_pdf,
)
from contentieux.actes.parametres import ParametresActes, lire_parametres
from contentieux.ecriture import nom_sur
from contentieux.erreurs import ArgumentInvalide, GabaritIntrouvable
from contentieux.modeles.base import Modele
from contentieux.modeles.decompte import Decompte
from contentieux.modeles.dossier import Dossier
from contentieux.modeles.evenements import ProcedureCollective
from contentieux.modeles.limites import Limites
from contentieux.modeles.recevabilite import OptionsRecevabilite, Recevabilite
from contentieux.regles import Regles

if TYPE_CHECKING:
    import jinja2

ACTES: tuple[str, ...] = tuple(CONSTRUCTEURS)
"""Les identifiants d'actes, dans l'ordre du parcours de recouvrement."""

FormatActe = Literal["pdf", "docx"]
NOM_PIECE_JOINTE = "contentieux-acte.json"
FORMAT_DONNEES = "contentieux-acte/1"
PX_EN_POINTS = 0.75
"""Un pixel CSS (1/96 pouce) vaut 0,75 point PDF (1/72 pouce)."""


class ActeGenere(Modele):
    """Un acte produit : ses octets, ce qu'il embarque et où signer."""

    identifiant: str
    format: FormatActe
    contenu: bytes = Field(repr=False)
    nom_fichier: str
    contrat: ContratActe
    donnees: dict[str, Any] = Field(
        repr=False, description="Données embarquées (PDF) : dossier, décompte, version des règles."
    )
    emplacements: dict[str, Emplacement] = Field(
        default_factory=dict, description="Boîtes de signature et de mention, en points PDF."
    )
    pages: int | None = None


def dossier_gabarits_paquet() -> Path:
    """Le dossier ``gabarits`` livré avec la bibliothèque."""
    from contentieux.donnees import dossier_donnees

    return dossier_donnees("gabarits")


def _filtres() -> dict[str, Any]:
    from contentieux.francais import formater_date, formater_montant, montant_en_lettres

    return {
        "montant": formater_montant,
        "date_longue": formater_date,
        "en_lettres": montant_en_lettres,
    }


class Atelier:
    """Produit des actes en réutilisant polices, feuille de style et gabarits.

    ``gabarits`` : un dossier utilisateur dont les sous-dossiers remplacent, par identifiant, les
    actes du paquet (et ``_commun/`` la feuille de style et la mise en page) ; ils sont vérifiés de
    la même manière.

    ``controle_pdf`` : les mentions obligatoires d'un PDF sont cherchées dans le texte que pypdf
    relit du fichier produit (« pypdf », par défaut), ou dans les boîtes de texte de la mise en
    page WeasyPrint qui est dessinée dans ce fichier (« mise_en_page » : même texte, sans relire
    le PDF, pour les lots).

    ``limites`` : bornes (``Limites``) ; ``lignes_acte`` borne les lignes de décompte qu'un acte
    reproduit, vérifiée avant le rendu (:mod:`contentieux.actes.bornes`).
    """

    def __init__(
        self,
        gabarits: str | Path | None = None,
        *,
        regles: Regles | None = None,
        controle_pdf: Literal["pypdf", "mise_en_page"] = "pypdf",
        limites: Limites | None = None,
    ) -> None:
        if controle_pdf not in ("pypdf", "mise_en_page"):
            raise ArgumentInvalide(
                f"controle_pdf : {controle_pdf!r} inconnu ; choisissez « pypdf » ou "
                "« mise_en_page »",
                champ="controle_pdf",
                admis=("pypdf", "mise_en_page"),
            )
        self.controle_pdf = controle_pdf
        self.limites = limites

        self.paquet = dossier_gabarits_paquet()
        self.utilisateur = Path(gabarits) if gabarits is not None else None
        if self.utilisateur is not None and not self.utilisateur.is_dir():
            raise GabaritIntrouvable(
                f"dossier de gabarits introuvable : {self.utilisateur} ; donnez un dossier qui "
                "contient un sous-dossier par acte remplacé (par exemple relance/gabarit.html)"
            )
        self._env: jinja2.Environment | None = None
        self.regles = regles
        self._polices: Any = None
        self._css: Any = None
        self._couverture: frozenset[int] = frozenset()
        self._docx: dict[str, bytes] = {}
        self._manifestes: dict[str, Manifeste] = {}
        self._dernier_texte = ""
        self._articles: dict[str, Any] | None = None

    @property
    def env(self) -> jinja2.Environment:
        """L'environnement Jinja unique (HTML et DOCX), créé au premier rendu : un acte PDF
        importe d'abord WeasyPrint, un DOCX docxtpl (voir :meth:`generer`), pour qu'une
        installation incomplète nomme l'extra du format demandé plutôt que celui de Jinja."""
        if self._env is None:
            import jinja2

            racines = [str(p) for p in (self.utilisateur, self.paquet) if p is not None]
            self._env = jinja2.Environment(
                loader=jinja2.FileSystemLoader(racines),
                autoescape=True,
                undefined=jinja2.StrictUndefined,
                trim_blocks=True,
                lstrip_blocks=True,
            )
            self._env.filters.update(_filtres())
        return self._env

    # --- fichiers ---

    def chemin(self, acte: str, nom: str) -> Path:
        """Le fichier d'un acte : celui du dossier utilisateur s'il existe, sinon du paquet."""
        if acte not in ACTES and not acte.startswith("_"):
            raise GabaritIntrouvable(
                f"acte inconnu : « {acte} » ; actes disponibles : {', '.join(ACTES)}"
            )
        for racine in (self.utilisateur, self.paquet):
            if racine is not None and (racine / acte / nom).is_file():
                return racine / acte / nom
        raise GabaritIntrouvable(f"gabarit introuvable : {acte}/{nom}")

    def manifeste(self, acte: str) -> Manifeste:
        if acte not in self._manifestes:
            self._manifestes[acte] = lire_manifeste(self.chemin(acte, "manifeste.yaml"))
        return self._manifestes[acte]

    def articles(self) -> dict[str, Any]:
        """Les textes reproduits (``_commun/articles.yaml``), lus une fois par atelier."""
        if self._articles is None:
            from contentieux._yaml import charger_yaml_exact

            self._articles = charger_yaml_exact(
                self.chemin("_commun", "articles.yaml").read_text(encoding="utf-8")
            )
        return self._articles

    def _feuille(self) -> tuple[Any, Any]:
        """Une feuille analysée : les polices livrées (``@font-face``, :mod:`contentieux.polices`)
        puis ``_commun/style.css`` ; et la couverture de ces polices. Une fois par atelier, au
        premier PDF (ou à la préparation d'un worker)."""
        if self._css is None:
            from weasyprint import CSS  # type: ignore[import-untyped,unused-ignore]
            from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped,unused-ignore]

            from contentieux.polices import couverture, feuille_polices

            self._polices = FontConfiguration()
            self._couverture = couverture()
            style = self.chemin("_commun", "style.css")
            self._css = CSS(
                string=feuille_polices() + style.read_text(encoding="utf-8"),
                base_url=str(style),
                font_config=self._polices,
            )
        return self._polices, self._css

    # --- préparation ---

    def preparer(
        self,
        identifiant: str,
        dossier: Dossier,
        *,
        au: dt.date,
        parametres: Mapping[str, Any] | ParametresActes | None = None,
    ) -> tuple[ContratActe, Faits]:
        """Construit le contrat d'un acte (sans rendu) : refus et données manquantes d'abord."""
        from contentieux.interets import etablir_decompte
        from contentieux.recevabilite import verifier_recevabilite

        if identifiant not in CONSTRUCTEURS:
            raise GabaritIntrouvable(
                f"acte inconnu : « {identifiant} » ; actes disponibles : {', '.join(ACTES)}"
            )
        from contentieux.regles import charger_regles

        params = lire_parametres(dossier.actes, parametres)
        jeu = self.regles if self.regles is not None else charger_regles()
        kwargs: dict[str, Any] = {"au": au, "regles": jeu}
        decompte: Decompte = etablir_decompte(dossier, **kwargs)
        choisie = params.juridiction or params.requete.juridiction_nom
        recevabilite: Recevabilite = verifier_recevabilite(
            dossier, **kwargs, options=OptionsRecevabilite(juridiction=choisie)
        )
        ouverture = None
        procedures = [
            p
            for p in dossier.evenements_de_type(ProcedureCollective)
            if p.date_jugement_ouverture <= au
        ]
        if procedures:
            ouverture = etablir_decompte(
                dossier, **{**kwargs, "au": procedures[-1].date_jugement_ouverture}
            )
        faits = Faits(
            dossier=dossier,
            au=au,
            decompte=decompte,
            recevabilite=recevabilite,
            parametres=params,
            articles=self.articles(),
            decompte_ouverture=ouverture,
            regles=jeu,
        )
        return CONSTRUCTEURS[identifiant](faits), faits

    # --- rendu ---

    def html(self, contrat: ContratActe) -> str:
        """Le HTML d'un acte (gabarit Jinja, valeurs échappées)."""
        gabarit = self.env.get_template(f"{contrat.identifiant}/gabarit.html")
        return gabarit.render(
            c=contrat, contenu=contrat.contenu, manifeste=self.manifeste(contrat.identifiant)
        )

    def pdf(
        self, contrat: ContratActe, donnees: dict[str, Any]
    ) -> tuple[bytes, dict[str, Emplacement], int]:
        """Le PDF/A-3b, avec les données en pièce jointe associée (AFRelationship /Data)."""
        from weasyprint import HTML, Attachment  # type: ignore[import-untyped,unused-ignore]

        polices, css = self._feuille()
        exiger_glyphes(contrat, donnees, self._couverture)
        base = self.chemin(contrat.identifiant, "gabarit.html").parent
        document = HTML(string=self.html(contrat), base_url=str(base)).render(
            font_config=polices, stylesheets=[css]
        )
        jointe = Attachment(
            string=json.dumps(donnees, ensure_ascii=False, sort_keys=True),
            name=NOM_PIECE_JOINTE,
            description="Dossier, décompte et version des règles dont l'acte est issu",
            relationship="Data",
        )
        contenu = document.write_pdf(
            pdf_variant="pdf/a-3b", attachments=[jointe], finisher=_af_sans_doublon
        )
        self._dernier_texte = texte_mise_en_page(document)
        return bytes(contenu), emplacements(document), len(document.pages)

    def docx(self, contrat: ContratActe) -> bytes:
        """Le DOCX (docxtpl, même environnement Jinja, échappement automatique)."""
        from docxtpl import DocxTemplate  # type: ignore[import-untyped,unused-ignore]

        cle = contrat.identifiant
        if cle not in self._docx:
            self._docx[cle] = self.chemin(cle, "gabarit.docx").read_bytes()
        modele = DocxTemplate(io.BytesIO(self._docx[cle]))
        modele.render(
            {
                "c": contrat,
                "contenu": contrat.contenu,
                "manifeste": self.manifeste(cle),
                "logo": _logo_docx(modele, contrat.contenu.en_tete.logo),
            },
            jinja_env=self.env,
            autoescape=True,
        )
        sortie = io.BytesIO()
        modele.save(sortie)
        return sortie.getvalue()

    def generer(
        self,
        identifiant: str,
        dossier: Dossier,
        *,
        au: dt.date,
        format: FormatActe = "pdf",
        parametres: Mapping[str, Any] | ParametresActes | None = None,
    ) -> ActeGenere:
        """Produit un acte vérifié : toutes ses mentions obligatoires sont dans le document."""
        if format not in ("pdf", "docx"):
            raise ArgumentInvalide(
                f"format « {format} » inconnu : « pdf » ou « docx »",
                champ="format",
                admis=("pdf", "docx"),
            )
        # Le moteur du format d'abord : s'il manque, l'erreur nomme son extra (pdf ou docx).
        import_module("weasyprint" if format == "pdf" else "docxtpl")
        verifier_volume_du_dossier(identifiant, dossier, self.limites)
        contrat, faits = self.preparer(identifiant, dossier, au=au, parametres=parametres)
        verifier_volume(identifiant, faits, self.limites)
        manifeste = self.manifeste(identifiant)
        donnees = donnees_embarquees(contrat, faits, manifeste)
        attendues = mentions_attendues(
            manifeste, contrat.drapeaux, contrat.chiffres, contrat.mentions_requises
        )
        place: dict[str, Emplacement] = {}
        pages: int | None = None
        if format == "pdf":
            contenu, place, pages = self.pdf(contrat, donnees)
            texte = texte_pdf(contenu) if self.controle_pdf == "pypdf" else self._dernier_texte
            exiger_mentions(identifiant, "PDF", texte, attendues)
        else:
            contenu = self.docx(contrat)
            exiger_mentions(identifiant, "DOCX", texte_docx(contenu), attendues)
        return ActeGenere(
            identifiant=identifiant,
            format=format,
            contenu=contenu,
            nom_fichier=f"{nom_sur(dossier.reference)}_{identifiant}.{format}",
            contrat=contrat,
            donnees=donnees,
            emplacements=place,
            pages=pages,
        )


def _af_sans_doublon(_document: Any, pdf: Any) -> None:
    """Chaque fichier associé une seule fois dans le tableau ``/AF`` du catalogue (ISO 19005-3
    §6.8) : WeasyPrint 70 y ajoute la pièce jointe deux fois (arbre ``EmbeddedFiles`` puis objet
    ``Filespec``). Appelé par ``write_pdf`` avant l'écriture du fichier."""
    af = pdf.catalog.get("AF")
    if af is not None:
        uniques = list(dict.fromkeys(af))
        af.clear()
        af.extend(uniques)


def _chaines(valeur: Any, chemin: str = "") -> Iterator[tuple[str, str]]:
    """Les chaînes d'une structure JSON, avec leur chemin (``debiteur.nom``,
    ``factures[2].numero``).
    """
    if isinstance(valeur, str):
        yield chemin, valeur
    elif isinstance(valeur, Mapping):
        for cle, sous in valeur.items():
            yield from _chaines(sous, f"{chemin}.{cle}" if chemin else str(cle))
    elif isinstance(valeur, list | tuple):
        for rang, sous in enumerate(valeur):
            yield from _chaines(sous, f"{chemin}[{rang}]")


def exiger_glyphes(
    contrat: ContratActe, donnees: Mapping[str, Any], couverts: frozenset[int]
) -> None:
    """Refuse, avant le rendu, un acte dont le texte imprimé contient un caractère qu'aucune
    police livrée ne dessine (ISO 19005-3 §6.2.11.8 : pas de glyphe .notdef dans un PDF/A).

    Le texte examiné est celui du contrat (tout ce que le gabarit imprime) ; le message nomme le
    champ du dossier (ou des paramètres des actes) d'où vient le caractère.
    """
    from contentieux.erreurs import CaractereSansGlyphe
    from contentieux.polices import FAMILLE_SANS, FAMILLE_SERIF, caracteres_sans_glyphe

    # Chemin rapide : les caractères distincts du contrat entier (JSON, une passe).
    manquants = set(caracteres_sans_glyphe("".join(set(contrat.model_dump_json())), couverts))
    if not manquants:
        return

    def _releve(racine: Any, prefixe: str) -> dict[str, list[str]]:
        """Champ → ses caractères sans glyphe, dans l'ordre où ils y apparaissent."""
        releve = {}
        for chemin, texte in _chaines(racine):
            trouves = [c for c in caracteres_sans_glyphe(texte, couverts) if c in manquants]
            if trouves:
                releve[prefixe + chemin] = trouves
        return releve

    champs = {
        **_releve(donnees.get("dossier", {}), ""),
        **_releve(donnees.get("parametres", {}), "actes."),
    }
    if not champs:  # caractère venu d'ailleurs (gabarit utilisateur, texte calculé)
        champs = _releve(contrat.model_dump(mode="json"), f"acte {contrat.identifiant} : ")

    def _liste(caracteres: list[str]) -> str:
        texte = ", ".join(f"« {c} » (U+{ord(c):04X})" for c in caracteres[:5])
        return texte + (f"… ({len(caracteres)} caractères)" if len(caracteres) > 5 else "")

    details = "; ".join(f"{champ} : {_liste(cs)}" for champ, cs in champs.items())
    raise CaractereSansGlyphe(
        f"caractère impossible à imprimer dans l'acte {contrat.identifiant} (PDF/A) : {details} ; "
        f"les polices des actes ({FAMILLE_SERIF.removeprefix('Contentieux ')}, "
        f"{FAMILLE_SANS.removeprefix('Contentieux ')} : latin, grec, cyrillique) n'ont pas ce "
        "glyphe et un PDF/A ne peut pas imprimer de boîte vide ; écrivez ce champ en caractères "
        "latins (translittération) ou produisez l'acte en DOCX",
        champs={champ: [f"U+{ord(c):04X}" for c in cs] for champ, cs in champs.items()},
    )


def _logo_docx(modele: Any, logo: str | None) -> Any:
    """Le logo de l'en-tête en image Word (PNG ou JPEG ; un SVG reste propre au PDF)."""
    if not logo or not logo.startswith(("data:image/png", "data:image/jpeg")):
        return None
    import base64

    from docx.shared import Mm
    from docxtpl import InlineImage  # type: ignore[import-untyped,unused-ignore]

    donnees = base64.b64decode(logo.split(",", 1)[1])
    return InlineImage(modele, io.BytesIO(donnees), height=Mm(15))


def donnees_embarquees(contrat: ContratActe, faits: Faits, manifeste: Manifeste) -> dict[str, Any]:
    """Ce que le PDF embarque : de quoi recompter et revérifier les chiffres imprimés."""
    from contentieux._version import __version__

    return {
        "format": FORMAT_DONNEES,
        "acte": contrat.identifiant,
        "manifeste_version": manifeste.version,
        "contentieux_version": __version__,
        "au": faits.au.isoformat(),
        "decompte_au": contrat.decompte_au.isoformat(),
        "regles_version": faits.decompte.regles_version,
        "dossier": json.loads(faits.dossier.model_dump_json()),
        "parametres": json.loads(faits.parametres.model_dump_json(exclude_defaults=True)),
        "decompte": json.loads(contrat.decompte_imprime(faits).model_dump_json()),
        "chiffres": contrat.chiffres,
    }


def emplacements(document: Any) -> dict[str, Emplacement]:
    """Les boîtes dont l'identifiant HTML commence par ``signature-`` ou ``mention-``, en points
    PDF (origine en bas à gauche), d'après la mise en page WeasyPrint (bordure comprise).

    Lues par l'API publique de WeasyPrint, ``Page.anchors`` : chaque élément qui a un ``id`` y
    est une ancre, le rectangle ``(x1, y1, x2, y2)`` de sa boîte bordure comprise, en pixels CSS
    depuis le coin haut gauche de la page ; un identifiant répété ne compte qu'à sa première
    occurrence (la première page qui le porte).
    """
    trouves: dict[str, Emplacement] = {}
    for numero, page in enumerate(document.pages):
        hauteur = page.height
        for ident, ancre in page.anchors.items():
            if not ident.startswith(("signature-", "mention-")) or ident in trouves:
                continue
            x1, y1, x2, y2 = ancre
            trouves[ident] = Emplacement(
                page=numero,
                x1=round(x1 * PX_EN_POINTS, 2),
                y1=round((hauteur - y1 - (y2 - y1)) * PX_EN_POINTS, 2),
                x2=round(x2 * PX_EN_POINTS, 2),
                y2=round((hauteur - y1) * PX_EN_POINTS, 2),
            )
    return trouves


def _boites(page: Any) -> Iterator[Any]:
    """Les boîtes de la mise en page d'une page WeasyPrint, dans l'ordre du dessin.

    Le seul accès à un attribut privé de WeasyPrint (``Page._page_box``) : son API publique ne
    donne pas le texte mis en page. Une version de WeasyPrint qui le change se voit ici seulement
    (la borne haute de ``pyproject.toml`` la fait tester avant de l'admettre).
    """
    yield from page._page_box.descendants()


def texte_mise_en_page(document: Any) -> str:
    """Le texte des boîtes de texte de chaque page (marges comprises), dans l'ordre du dessin."""
    morceaux: list[str] = []
    for page in document.pages:
        for boite in _boites(page):
            texte = getattr(boite, "text", None)
            if isinstance(texte, str):
                morceaux.append(texte)
            elif getattr(boite, "element_tag", None) in {"p", "div", "td", "th", "h1", "h2", "br"}:
                morceaux.append("\n")
        morceaux.append("\n")
    return " ".join(morceaux)


def generer_acte(
    identifiant: str,
    dossier: Dossier,
    *,
    au: dt.date,
    format: FormatActe = "pdf",
    parametres: Mapping[str, Any] | ParametresActes | None = None,
    gabarits: str | Path | None = None,
    regles: Regles | None = None,
    atelier: Atelier | None = None,
) -> ActeGenere:
    """Produit un acte (PDF/A-3b ou DOCX) ; passez un ``atelier`` pour en produire beaucoup."""
    outil = atelier or Atelier(gabarits, regles=regles)
    return outil.generer(identifiant, dossier, au=au, format=format, parametres=parametres)
