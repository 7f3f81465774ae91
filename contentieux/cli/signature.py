"""Commandes ``signer``, ``cosigner``, ``verifier-signature`` et l'étape de démonstration.

Le mot de passe PKCS#12 (ou le PIN PKCS#11) n'est jamais une option de la ligne de commande (il
resterait dans l'historique du shell) : il vient de la variable ``CONTENTIEUX_P12_MOT_DE_PASSE``
(``CONTENTIEUX_PKCS11_PIN``) ou d'une invite masquée.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from contentieux.cli.commun import (
    ETAPES_DEMO,
    OptionJson,
    afficher_json,
    app,
    console,
    echouer,
    executer,
)

LARGEUR_TAMPON = 220
HAUTEUR_TAMPON = 60

ArgumentPdf = Annotated[Path, typer.Argument(help="Le PDF à signer ou à vérifier.")]
OptionP12 = Annotated[
    Path | None,
    typer.Option(
        "--p12",
        help="Fichier PKCS#12 (.p12/.pfx) ; mot de passe : variable "
        "CONTENTIEUX_P12_MOT_DE_PASSE ou invite.",
    ),
]
OptionPkcs11 = Annotated[
    Path | None, typer.Option("--pkcs11", help="Module PKCS#11 (bibliothèque .so du jeton).")
]
OptionJeton = Annotated[
    str | None, typer.Option("--jeton", help="Libellé du jeton PKCS#11 (avec --pkcs11).")
]
OptionCle = Annotated[
    str | None, typer.Option("--cle", help="Libellé de la clé et du certificat sur le jeton.")
]
OptionNiveau = Annotated[
    str, typer.Option("--niveau", help="Niveau PAdES : B-B, B-T, B-LT ou B-LTA.")
]
OptionHorodatage = Annotated[
    str | None,
    typer.Option("--horodatage", help="Adresse de l'autorité d'horodatage RFC 3161 (B-T et plus)."),
]
OptionSortie = Annotated[
    Path | None, typer.Option("-o", "--sortie", help="PDF signé (défaut : FICHIER-signe.pdf).")
]
OptionConfiance = Annotated[
    list[Path] | None,
    typer.Option("--confiance", help="Certificat racine de confiance (PEM ou DER), répétable."),
]


def _signataire(p12: Path | None, pkcs11: Path | None, jeton: str | None, cle: str | None) -> Any:
    from contentieux.signature import Signataire

    if (p12 is None) == (pkcs11 is None):
        echouer("Donnez soit --p12 FICHIER, soit --pkcs11 MODULE --jeton LIBELLE.")
    if p12 is not None:
        return executer(
            lambda: Signataire.depuis_pkcs12(
                p12, demander=lambda: typer.prompt("Mot de passe PKCS#12", hide_input=True)
            )
        )
    if not jeton:
        echouer("--pkcs11 demande aussi --jeton LIBELLE (le libellé du jeton).")
    assert pkcs11 is not None
    return executer(
        lambda: Signataire.depuis_pkcs11(
            pkcs11,
            jeton=jeton,
            cle=cle,
            certificat=cle,
            demander=lambda: typer.prompt("Code PIN", hide_input=True),
        )
    )


def _lire_visible(texte: str | None) -> tuple[int, float, float, float, float] | None:
    """``PAGE,X,Y`` (page à partir de 1, coin inférieur gauche en points) → boîte à 0."""
    if texte is None:
        return None
    morceaux = texte.split(",")
    try:
        page, x, y = int(morceaux[0]), float(morceaux[1]), float(morceaux[2])
        if len(morceaux) != 3 or page < 1:
            raise ValueError
    except (ValueError, IndexError):
        echouer(
            f"--visible « {texte} » : écrivez PAGE,X,Y (page à partir de 1, coin "
            "inférieur gauche du tampon en points PDF), par exemple 1,50,60."
        )
    return (page - 1, x, y, x + LARGEUR_TAMPON, y + HAUTEUR_TAMPON)


def _lire_emplacements(chemin: Path) -> dict[str, tuple[int, float, float, float, float]]:
    try:
        brut = json.loads(chemin.read_text(encoding="utf-8"))
        return {str(k): tuple(v) for k, v in brut.items()}
    except (OSError, ValueError, AttributeError, TypeError):
        echouer(
            f"--emplacements « {chemin} » : il faut un JSON "
            '{"signature-creancier": [page, x1, y1, x2, y2], …} (page à partir de 0).'
        )


def _ecrire(sortie: Path | None, fichier: Path, donnees: bytes, suffixe: str) -> Path:
    from contentieux.ecriture import ecrire_atomique

    cible = sortie or fichier.with_name(f"{fichier.stem}-{suffixe}.pdf")
    executer(lambda: ecrire_atomique(cible, donnees))
    return cible


def _lire_pdf(fichier: Path) -> bytes:
    return executer(fichier.read_bytes)


def _preparer(
    fichier: Path,
    p12: Path | None,
    pkcs11: Path | None,
    jeton: str | None,
    cle: str | None,
    niveau: str,
    horodatage: str | None,
    confiance: list[Path] | None,
) -> tuple[bytes, Any, Any]:
    """Le PDF lu, le signataire ouvert et son signeur (niveau, horodatage, racines de confiance)."""
    from contentieux.signature import Signeur
    from contentieux.signature.verification import _lire_racines

    donnees = _lire_pdf(fichier)
    signataire = _signataire(p12, pkcs11, jeton, cle)
    racines = executer(lambda: _lire_racines(confiance)) if confiance else None
    signeur = executer(
        lambda: Signeur(signataire, niveau=niveau, horodatage=horodatage, confiance=racines)
    )
    return donnees, signataire, signeur


@app.command("signer")
def commande_signer(
    fichier: ArgumentPdf,
    p12: OptionP12 = None,
    pkcs11: OptionPkcs11 = None,
    jeton: OptionJeton = None,
    cle: OptionCle = None,
    niveau: OptionNiveau = "B-B",
    horodatage: OptionHorodatage = None,
    visible: Annotated[
        str | None,
        typer.Option("--visible", help="Tampon visible : PAGE,X,Y (page à partir de 1, points)."),
    ] = None,
    champ: Annotated[str, typer.Option("--champ", help="Champ de signature.")] = (
        "signature-creancier"
    ),
    emplacements: Annotated[
        Path | None,
        typer.Option(
            "--emplacements",
            help="JSON des champs de l'acte à créer avant la première signature ; certifie.",
        ),
    ] = None,
    certifier: Annotated[
        bool, typer.Option("--certifier", help="Signature de certification (DocMDP).")
    ] = False,
    confiance: OptionConfiance = None,
    sortie: OptionSortie = None,
) -> None:
    """Signe un PDF en PAdES (B-B, B-T, B-LT, B-LTA)."""
    from contentieux.signature import Niveau, signer_acte

    if niveau not in [n.value for n in Niveau]:
        echouer(f"--niveau « {niveau} » inconnu : B-B, B-T, B-LT ou B-LTA.")
    boite = _lire_visible(visible)
    donnees, signataire, signeur = _preparer(
        fichier, p12, pkcs11, jeton, cle, niveau, horodatage, confiance
    )
    if emplacements is not None:
        places = _lire_emplacements(emplacements)
        signe = executer(lambda: signer_acte(donnees, signeur, places, champ=champ))
    else:
        signe = executer(
            lambda: signeur.signer(donnees, champ=champ, visible=boite, certifier=certifier)
        )
    signataire.fermer()
    cible = _ecrire(sortie, fichier, signe, "signe")
    console.print(f"Signé par [bold]{escape(signataire.nom)}[/] ({niveau}) : {escape(str(cible))}")


@app.command("cosigner")
def commande_cosigner(
    fichier: ArgumentPdf,
    p12: OptionP12 = None,
    pkcs11: OptionPkcs11 = None,
    jeton: OptionJeton = None,
    cle: OptionCle = None,
    niveau: OptionNiveau = "B-B",
    horodatage: OptionHorodatage = None,
    champ: Annotated[str, typer.Option("--champ", help="Champ du débiteur.")] = (
        "signature-debiteur"
    ),
    mention: Annotated[
        str | None,
        typer.Option(
            "--mention",
            help="Mention écrite par le débiteur : somme en lettres et en chiffres (C. civ. 1376).",
        ),
    ] = None,
    confiance: OptionConfiance = None,
    sortie: OptionSortie = None,
) -> None:
    """Signature du débiteur dans le champ préparé à la première signature."""
    from contentieux.signature import cosigner

    donnees, signataire, signeur = _preparer(
        fichier, p12, pkcs11, jeton, cle, niveau, horodatage, confiance
    )
    signe = executer(lambda: cosigner(donnees, signeur, champ=champ, mention=mention))
    signataire.fermer()
    cible = _ecrire(sortie, fichier, signe, "cosigne")
    console.print(
        f"Cosigné par [bold]{escape(signataire.nom)}[/] ({niveau}) : {escape(str(cible))}"
    )


COULEURS = {"valide": "green", "indetermine": "yellow", "invalide": "red"}
LIBELLES = {"valide": "VALIDE", "indetermine": "INDÉTERMINÉ", "invalide": "INVALIDE"}


def afficher_rapport(rapport: Any) -> None:
    """Le rapport de vérification : une fiche par signature (libellé, valeur repliée ; rien n'est
    coupé à 80 colonnes), puis l'explication de chacune (données échappées)."""
    from rich.text import Text

    console.print(f"Signatures de {escape(rapport.document)}", highlight=False)
    for s in rapport.signatures:
        heure = s.heure.strftime("%d/%m/%Y %H:%M:%S %Z") if s.heure else "inconnue"
        source = "déclarée"
        if s.source_heure == "horodatage":
            source = "horodatée" if s.horodatage_verifie else "horodatée, jeton non vérifié"
        etsi = s.indication + (f" / {s.sous_indication}" if s.sous_indication else "")
        couleur = COULEURS[s.verdict]
        fiche = Table(show_header=False, title=f"Champ {escape(s.champ)}", title_justify="left")
        fiche.add_column("", style="cyan", no_wrap=True)
        fiche.add_column("", overflow="fold")
        for libelle, valeur in (
            ("Signataire", s.signataire + (" (certification)" if s.certification else "")),
            ("Heure (source)", f"{heure} ({source})"),
            ("Niveau", s.niveau),
            ("ETSI EN 319 102-1", etsi),
            (
                "Modifications après",
                s.modifications + ("" if s.modifications_permises else " (interdites)"),
            ),
        ):
            fiche.add_row(libelle, Text(valeur))
        fiche.add_row("Verdict", Text(LIBELLES[s.verdict], style=couleur))
        console.print(fiche)
    for s in rapport.signatures:
        nature = " (certification)" if s.certification else ""
        console.print(f"  [cyan]{escape(s.champ)}[/]{nature} : {escape(s.explication)}")
    if rapport.mention is not None:
        m = rapport.mention
        etat = "[green]concordante[/]" if m.concordante else "[red]discordante[/]"
        if m.signee:
            etat += f", [green]signée par {escape(m.signataire or '')}[/]"
        elif m.signee is False:
            etat += ", [red]mention non signée[/]"
        console.print(
            f"Mention (C. civ. 1376) : « {escape(m.texte)} » — {etat} ; somme retenue : "
            f"{m.montant_retenu if m.montant_retenu is not None else 'illisible'} €"
        )
        for anomalie in m.anomalies:
            console.print(f"  [red]•[/] {escape(anomalie)}")
    couleur = COULEURS[rapport.verdict]
    console.print(f"[bold {couleur}]{LIBELLES[rapport.verdict]}[/] : {escape(rapport.explication)}")


@app.command("verifier-signature")
def commande_verifier_signature(
    fichier: ArgumentPdf,
    confiance: OptionConfiance = None,
    en_ligne: Annotated[
        bool, typer.Option("--en-ligne", help="Consulter OCSP et CRL (sinon : hors ligne).")
    ] = False,
    revocation: Annotated[
        list[Path] | None,
        typer.Option("--revocation", help="CRL ou réponse OCSP (DER) fournie à part, répétable."),
    ] = None,
    json_: OptionJson = False,
) -> None:
    """Vérifie les signatures d'un PDF (rapport ETSI EN 319 102-1) ; code 0 si toutes valides."""
    from contentieux.signature.verification import verifier_signature

    donnees = [executer(chemin.read_bytes) for chemin in revocation or []]
    rapport = executer(
        lambda: verifier_signature(
            fichier, confiance=confiance or [], en_ligne=en_ligne, donnees_revocation=donnees
        )
    )
    if json_:
        afficher_json(json.loads(rapport.model_dump_json()))
    else:
        afficher_rapport(rapport)
    if rapport.verdict != "valide":
        raise typer.Exit(1)


# --- démonstration ------------------------------------------------------------------------------


def _actes_a_signer(dossier: Any, date: dt.date) -> list[tuple[str, str, bytes, dict[str, Any]]]:
    """Les actes signés en pratique (si la couche actes est là), sinon un PDF de démonstration :
    ``(identifiant, nom du fichier signé, PDF, emplacements)``."""
    import importlib

    from contentieux.erreurs import ErreurContentieux

    try:
        generer_acte: Any = importlib.import_module("contentieux.actes").generer_acte
    except (ImportError, AttributeError):
        generer_acte = None
    actes: list[tuple[str, str, bytes, dict[str, Any]]] = []
    if generer_acte is not None:
        for identifiant in (
            "mandat_commissaire_justice",
            "convention_recouvrement",
            "echeancier",
            "reconnaissance_dette",
        ):
            try:
                acte = generer_acte(identifiant, dossier, au=date)
            except ErreurContentieux:  # un acte que ce dossier ne permet pas : on passe
                continue
            nom = f"{Path(acte.nom_fichier).stem}-signe.pdf"
            actes.append((identifiant, nom, acte.contenu, dict(acte.emplacements)))
    if not actes:
        import weasyprint  # type: ignore[import-untyped]

        html = (
            "<html lang='fr'><head><title>Démonstration</title><style>body{font-family:"
            "'Liberation Serif'}</style></head><body><h1>Document de démonstration</h1>"
            "<p>TEST — sans valeur juridique.</p></body></html>"
        )
        pdf = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/a-3b")
        actes.append(
            (
                "demonstration",
                "demonstration-signe.pdf",
                bytes(pdf),
                {"signature-creancier": (0, 50, 60, 270, 120)},
            )
        )
    return actes


def _demo_signature(dossier: Any, date: dt.date, sortie: Path | None = None) -> None:
    """Signe les actes avec une PKI jetable (« TEST — sans valeur juridique ») et les vérifie.

    La PKI est écrite à côté des actes (racine, CRL, PKCS#12 des signataires, mot de passe
    imprimé) et la CRL est jointe à chaque document signé : ``contentieux verifier-signature
    ACTE-signe.pdf --confiance DOSSIER/racine.pem`` conclut hors ligne, et ``contentieux signer``
    s'essaie aussitôt avec ``--p12 DOSSIER/agence.p12``.
    """
    from contentieux.erreurs import ErreurContentieux
    from contentieux.signature import MENTION_TEST, Signeur, cosigner, signer_acte
    from contentieux.signature.demo import MOT_DE_PASSE_DEMO, charger_ou_creer_pki
    from contentieux.signature.pades import ajouter_donnees_validation
    from contentieux.signature.verification import lire_montant_imprime, verifier_signature

    dossier_sortie = sortie or Path(tempfile.mkdtemp(prefix="contentieux-demo-"))
    dossier_sortie.mkdir(parents=True, exist_ok=True)
    pki, _cree = charger_ou_creer_pki(dossier_sortie, dt.datetime.now(dt.UTC))
    signeurs: dict[str, Any] = {}

    def signeur(champ: str) -> Any:
        if champ not in signeurs:
            signeurs[champ] = Signeur(pki.pour_champ(champ), mention_test=True)
        return signeurs[champ]

    console.rule(f"Signature électronique — {MENTION_TEST}")
    signes: list[Path] = []
    for identifiant, nom, pdf, emplacements in _actes_a_signer(dossier, date):
        try:
            # le créancier certifie (tous les champs créés), puis chaque autre partie signe
            signe = signer_acte(pdf, signeur("signature-creancier"), emplacements)
            for champ in emplacements:
                if not champ.startswith("signature-") or champ == "signature-creancier":
                    continue
                mention = None
                if champ == "signature-debiteur" and "mention-manuscrite" in emplacements:
                    mention = _mention_demo(lire_montant_imprime(pdf))
                signe = cosigner(signe, signeur(champ), champ=champ, mention=mention)
            # la CRL de la démonstration n'est pas en ligne : jointe au document (DSS)
            signe = ajouter_donnees_validation(signe, certificats=[pki.racine], crls=[pki.crl])
        except ErreurContentieux as exc:
            console.print(f"[red]{escape(identifiant)}[/] : {escape(exc.message)}")
            continue
        cible = dossier_sortie / nom
        from contentieux.ecriture import ecrire_atomique

        ecrire_atomique(cible, signe)
        signes.append(cible)
        rapport = verifier_signature(signe, confiance=pki.racine)
        console.print(f"[bold]{escape(identifiant)}[/] → {escape(str(cible))}")
        afficher_rapport(rapport)
    racine = dossier_sortie / "racine.pem"
    essai = signes[0] if signes else dossier_sortie / "ACTE-signe.pdf"
    console.print(
        f"PKI de démonstration ({MENTION_TEST}), écrite dans {escape(str(dossier_sortie))} : "
        "racine.pem (racine), racine.crl (CRL), agence.p12, creancier.p12, debiteur.p12, "
        "commissaire.p12 (signataires)."
    )
    console.print(f"Mot de passe des PKCS#12 : [bold]{MOT_DE_PASSE_DEMO}[/]")
    console.print("Essayez :")
    console.print(
        f"  contentieux verifier-signature {escape(str(essai))} --confiance {escape(str(racine))}",
        soft_wrap=True,
    )
    console.print(
        f"  CONTENTIEUX_P12_MOT_DE_PASSE={MOT_DE_PASSE_DEMO} contentieux signer ACTE.pdf "
        f"--p12 {escape(str(dossier_sortie / 'agence.p12'))}",
        soft_wrap=True,
    )


def _mention_demo(montant: Decimal | None) -> str:
    """« Bon pour … » : la somme en lettres et en chiffres que le débiteur écrirait (C. civ. 1376),
    écrite par :func:`contentieux.francais.montant_en_lettres`, la même que celle des actes."""
    from contentieux.francais import formater_montant, montant_en_lettres

    if montant is None:
        return "Bon pour la somme indiquée ci-dessus"
    return f"Bon pour {montant_en_lettres(montant)} ({formater_montant(montant)})"


ETAPES_DEMO.append(_demo_signature)
