"""Le travail fait sur chaque dossier d'un lot : une tâche picklable, exécutée par les workers.

Une tâche est un objet léger (quelques champs : actes, formats, options) que l'exécuteur envoie
aux processus de travail — processus locaux ou workers Dask. Elle vit dans ce module importable
(jamais dans ``__main__``), sans quoi le pickling entraînerait les objets internes de WeasyPrint.

Ce qui coûte cher (moteur de rendu avec ses polices et sa CSS analysée, clé de signature chargée)
est créé **une fois par processus de travail** (et par fil d'exécution) par
:func:`outil_du_worker`, puis réutilisé pour chaque dossier : c'est un outil, pas un cache de
résultats — le résultat d'un dossier ne dépend jamais des dossiers traités avant lui.

>>> import datetime as dt
>>> from contentieux.exemples import dossier_exemple
>>> tache = TacheDecompte()
>>> sorties = tache.produire(dossier_exemple("b2b"), au=dt.date(2026, 6, 30))
>>> [nom for nom, _ in sorties]
['decompte.json']
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from pydantic import ValidationError

from contentieux.erreurs import ArgumentInvalide, ErreurContentieux
from contentieux.modeles.dossier import Dossier

T = TypeVar("T")

_LOCAL = threading.local()


def outil_du_worker(cle: str, fabrique: Callable[[], T]) -> T:
    """L'outil coûteux ``cle`` de ce processus (et de ce fil), créé au premier appel.

    Réservé aux objets qui ne changent pas les résultats (moteur de rendu, clé chargée) : il
    évite de recharger polices, CSS et clés pour chaque dossier.
    """
    outils: dict[str, Any] | None = getattr(_LOCAL, "outils", None)
    if outils is None:
        outils = _LOCAL.outils = {}
    if cle not in outils:
        outils[cle] = fabrique()
    outil: T = outils[cle]
    return outil


class Tache(Protocol):
    """Ce qu'un lot fait sur chaque dossier valide."""

    def description(self) -> dict[str, Any]:
        """Description JSON de la tâche (actes, formats, versions des gabarits, options) : son
        empreinte entre dans celle du travail, si bien qu'un changement refait les dossiers."""
        ...

    def preparer(self) -> None:
        """Prépare le processus courant (gabarits, polices, clés) ; idempotent."""
        ...

    def produire(self, dossier: Dossier, *, au: dt.date) -> list[tuple[str, bytes]]:
        """Les fichiers du dossier : (nom de fichier, contenu)."""
        ...


@dataclass(frozen=True)
class TacheDecompte:
    """Le décompte du dossier en JSON (``contentieux.interets.etablir_decompte``).

    ``regles`` : dossier de surcouche des règles (sinon la variable ``CONTENTIEUX_REGLES``).
    """

    regles: str | None = None

    def description(self) -> dict[str, Any]:
        from contentieux._version import __version__

        return {"tache": "decompte", "format": "json", "version": __version__}

    def preparer(self) -> None:
        from contentieux.regles import charger_regles

        charger_regles(self.regles)

    def produire(self, dossier: Dossier, *, au: dt.date) -> list[tuple[str, bytes]]:
        from contentieux.interets import etablir_decompte
        from contentieux.regles import charger_regles

        decompte = etablir_decompte(dossier, au=au, regles=charger_regles(self.regles))
        return [("decompte.json", decompte.model_dump_json(indent=2).encode("utf-8"))]


@dataclass(frozen=True)
class Travail:
    """Un dossier à traiter : sa clé dans le lot, le dossier validé, la date d'évaluation."""

    cle: str
    dossier: Dossier
    au: dt.date


@dataclass(frozen=True)
class ResultatTravail:
    """Ce que le worker renvoie : les fichiers produits, ou le motif de l'échec."""

    cle: str
    sorties: list[tuple[str, bytes]] = field(default_factory=list)
    motif: str | None = None
    erreurs: tuple[str, ...] = ()
    duree: float = 0.0

    @property
    def est_ok(self) -> bool:
        """Vrai si le travail a réussi."""
        return self.motif is None


def preparer_worker(tache: Tache) -> None:
    """Initialiseur des processus de travail : charge gabarits, polices et clés une fois.

    Une erreur ici n'arrête pas le worker (un initialiseur qui lève casse tout l'exécuteur) :
    elle se reproduira, dossier par dossier, dans :func:`traiter`, qui la consigne au manifeste.

    Le worker chaud, ses objets durables (polices, feuille de style analysée, gabarits compilés,
    règles, clé) passent dans la génération permanente du ramasse-miettes (:func:`gc.freeze`) :
    ils vivent autant que le processus, et le ramasse-miettes cesse de les reparcourir à chaque
    collecte (≈ 6 % du temps d'un acte PDF, ``benchmarks/bench_actes.py``). Rien n'est gardé
    d'un dossier à l'autre : seule la mémoire du worker, qui n'appartient qu'au lot, est touchée.

    Un processus de travail ignore Ctrl-C (SIGINT, envoyé à tout le groupe du terminal) : c'est
    le processus principal qui l'attrape, arrête d'envoyer des dossiers, laisse finir ceux en
    cours et met le manifeste à jour, sans traces Python des workers.
    """
    ignorer_interruption()
    with contextlib.suppress(Exception):
        tache.preparer()
    figer_objets_chauds()


def ignorer_interruption() -> bool:
    """Dans un processus de travail lancé par ``multiprocessing`` (fil principal), ignore SIGINT ;
    vrai si c'est fait (jamais dans le processus de l'utilisateur ni dans un fil Dask)."""
    import multiprocessing
    import signal

    if multiprocessing.parent_process() is None:
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return True


def figer_objets_chauds() -> bool:
    """Range les objets vivants du processus dans la génération permanente (:func:`gc.freeze`) ;
    vrai si c'est fait.

    Réservé aux processus de travail, qui n'appartiennent qu'au lot : rien n'est fait dans un
    processus qui n'a pas été lancé par ``multiprocessing`` (le programme de l'utilisateur, un
    ``LocalCluster(processes=False)``, un ``ThreadPoolExecutor``). Les objets déjà créés (l'outil
    chaud) ne seront plus parcourus par le ramasse-miettes ; les objets créés ensuite, dossier par
    dossier, sont ramassés comme d'habitude.
    """
    import gc
    import multiprocessing

    if multiprocessing.parent_process() is None:
        return False
    gc.collect()
    gc.freeze()
    return True


def traiter(tache: Tache, travail: Travail) -> ResultatTravail:
    """Exécute la tâche sur un dossier ; toute erreur devient un motif (le lot continue)."""
    debut = time.perf_counter()
    try:
        tache.preparer()
        sorties = tache.produire(travail.dossier, au=travail.au)
    except ErreurContentieux as exc:
        erreurs = tuple(str(e) for e in exc.erreurs)
        return ResultatTravail(
            travail.cle,
            motif=f"{exc.code} : {exc.message}",
            erreurs=erreurs,
            duree=time.perf_counter() - debut,
        )
    except ValidationError as exc:
        from contentieux.lecture import traduire_erreurs

        lignes = tuple(traduire_erreurs(exc))
        return ResultatTravail(
            travail.cle,
            motif="données invalides : " + " ; ".join(lignes),
            erreurs=lignes,
            duree=time.perf_counter() - debut,
        )
    except Exception as exc:  # un dossier ne doit jamais arrêter le lot
        lieu = traceback.extract_tb(exc.__traceback__)[-1]
        return ResultatTravail(
            travail.cle,
            motif=(
                f"erreur inattendue {type(exc).__name__} : {exc} ({lieu.filename}:{lieu.lineno}) ; "
                "signalez-la avec ce dossier"
            ),
            duree=time.perf_counter() - debut,
        )
    return ResultatTravail(travail.cle, sorties=sorties, duree=time.perf_counter() - debut)


@dataclass(frozen=True)
class OptionsSignature:
    """Signature PAdES des PDF d'un lot (``contentieux.signature``).

    La phrase de passe n'apparaît ni dans ``repr``, ni dans la description de la tâche, ni dans le
    manifeste ; elle voyage jusqu'aux workers dans l'objet picklé (comme la clé elle-même).
    """

    p12: str
    niveau: str = "B-B"
    horodatage: str | None = None
    phrase: str | None = field(default=None, repr=False)

    def description(self) -> dict[str, Any]:
        """Ce qui, dans la signature, change les fichiers produits (sans secret)."""
        import hashlib
        from pathlib import Path

        return {
            "p12": self.p12,
            "empreinte_p12": hashlib.sha256(Path(self.p12).read_bytes()).hexdigest(),
            "niveau": self.niveau,
            "horodatage": self.horodatage,
        }


FORMATS_ACTES = ("pdf", "docx")


@dataclass(frozen=True)
class TacheActes:
    """Les actes demandés pour chaque dossier, dans chaque format ; les PDF signés sur demande.

    Fichiers produits : ``<acte>.<format>`` (et ``decompte.json`` pour l'acte ``decompte`` au
    format ``json``). Chaque worker crée une fois son moteur de rendu (polices, CSS analysée) et
    charge une fois la clé de signature (:func:`outil_du_worker`).
    """

    actes: tuple[str, ...]
    formats: tuple[str, ...] = ("pdf",)
    regles: str | None = None
    gabarits: str | None = None
    parametres: str | None = None
    signature: OptionsSignature | None = None

    def description(self) -> dict[str, Any]:
        from contentieux._version import __version__

        return {
            "tache": "actes",
            "actes": list(self.actes),
            "formats": list(self.formats),
            "versions_gabarits": versions_gabarits(self.actes, self.gabarits),
            "parametres": _empreinte_fichier(self.parametres),
            "signature": self.signature.description() if self.signature else None,
            "version": __version__,
        }

    def preparer(self) -> None:
        from contentieux.regles import charger_regles

        charger_regles(self.regles)
        if any(f in FORMATS_ACTES for f in self.formats):
            _moteur(self)
        if self.signature is not None:
            _signeur(self.signature)

    def produire(self, dossier: Dossier, *, au: dt.date) -> list[tuple[str, bytes]]:
        sorties: list[tuple[str, bytes]] = []
        for acte in self.actes:
            for format_ in self.formats:
                if format_ == "json":
                    sorties.extend(
                        TacheDecompte(self.regles).produire(dossier, au=au)
                        if acte == "decompte"
                        else []
                    )
                    continue
                produit = _generer(self, acte, dossier, au, format_)
                contenu: bytes = produit.contenu
                if format_ == "docx":
                    contenu = docx_reproductible(contenu)
                if format_ == "pdf" and self.signature is not None:
                    contenu = _signer(self.signature, produit)
                sorties.append((f"{acte}.{format_}", contenu))
        return sorties


DATE_ZIP_FIXE = (1980, 1, 1, 0, 0, 0)


def docx_reproductible(contenu: bytes) -> bytes:
    """Le même DOCX, dont les dates des entrées de l'archive ZIP sont fixées (1980-01-01).

    Un DOCX est une archive ZIP dont chaque entrée porte l'heure d'écriture : deux rendus
    identiques à une seconde d'écart n'ont pas le même SHA-256. Le contenu n'est pas touché ;
    avec des dates fixes, le même dossier donne le même fichier, quel que soit le worker ou le
    moment (le manifeste d'une reprise ou d'un cluster Dask se compare octet pour octet).

    >>> import io, zipfile
    >>> tampon = io.BytesIO()
    >>> with zipfile.ZipFile(tampon, "w") as z:
    ...     z.writestr("word/document.xml", "<w/>")
    >>> sortie = docx_reproductible(tampon.getvalue())
    >>> zipfile.ZipFile(io.BytesIO(sortie)).infolist()[0].date_time
    (1980, 1, 1, 0, 0, 0)
    >>> docx_reproductible(sortie) == sortie
    True
    """
    import io
    import struct
    import zipfile

    # Les dates sont réécrites en place (en-têtes locaux et répertoire central), sans
    # décompresser ni recompresser : le coût est négligeable devant le rendu.
    archive = zipfile.ZipFile(io.BytesIO(contenu))
    octets = bytearray(contenu)
    heure, jour = 0, (DATE_ZIP_FIXE[0] - 1980) << 9 | DATE_ZIP_FIXE[1] << 5 | DATE_ZIP_FIXE[2]
    position = archive.start_dir
    for info in archive.infolist():
        if octets[info.header_offset : info.header_offset + 4] != b"PK\x03\x04":
            raise ArgumentInvalide(
                "contenu : en-tête local de l'archive DOCX introuvable ; passez le DOCX tel que "
                "produit par l'atelier",
                champ="contenu",
            )
        struct.pack_into("<HH", octets, info.header_offset + 10, heure, jour)
        if octets[position : position + 4] != b"PK\x01\x02":
            raise ArgumentInvalide(
                "contenu : répertoire central de l'archive DOCX introuvable ; passez le DOCX tel "
                "que produit par l'atelier",
                champ="contenu",
            )
        struct.pack_into("<HH", octets, position + 12, heure, jour)
        nom, extra, commentaire = struct.unpack_from("<HHH", octets, position + 28)
        position += 46 + nom + extra + commentaire
    return bytes(octets)


def _empreinte_fichier(chemin: str | None) -> str | None:
    if chemin is None:
        return None
    import hashlib
    from pathlib import Path

    return hashlib.sha256(Path(chemin).read_bytes()).hexdigest()


def versions_gabarits(actes: tuple[str, ...], gabarits: str | None) -> dict[str, str]:
    """Version de chaque acte (et de ``_commun``, feuille de style et mise en page partagées) :
    la ``version`` de son ``manifeste.yaml`` et l'empreinte de ses fichiers.

    L'atelier prend chaque fichier dans le dossier de gabarits de l'utilisateur s'il l'y trouve,
    sinon dans le paquet : l'empreinte couvre les deux. Modifier un gabarit, même sans changer
    son numéro de version, change l'empreinte, donc refait les dossiers concernés à la reprise.
    """
    import hashlib
    from pathlib import Path

    from contentieux._yaml import charger_yaml_exact
    from contentieux.donnees import dossier_donnees

    racines = [Path(gabarits)] if gabarits else []
    racines.append(dossier_donnees("gabarits"))
    versions: dict[str, str] = {}
    for acte in (*actes, "_commun"):
        empreinte = hashlib.sha256()
        numero = None
        for rang, racine in enumerate(racines):
            dossier = racine / acte
            if not dossier.is_dir():
                continue
            for fichier in sorted(p for p in dossier.rglob("*") if p.is_file()):
                empreinte.update(f"{rang}/{fichier.relative_to(dossier)}".encode() + b"\0")
                empreinte.update(fichier.read_bytes())
            manifeste = dossier / "manifeste.yaml"
            if numero is None and manifeste.is_file():
                with contextlib.suppress(Exception):
                    numero = charger_yaml_exact(manifeste.read_text(encoding="utf-8"))["version"]
        versions[acte] = f"{acte} {numero or '-'} {empreinte.hexdigest()[:16]}"
    return versions


def _module(nom: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(nom)
    except ModuleNotFoundError as exc:
        from contentieux.extras import conseil_installation

        raise ErreurContentieux(
            f"{nom} indisponible (module « {exc.name} » manquant) : "
            f"{conseil_installation(exc.name or extra)}"
        ) from None


def _parametres(tache: TacheActes) -> Any:
    """Le fichier ``--parametres`` lu une fois par worker (données, pas un résultat)."""
    chemin = tache.parametres
    if chemin is None:
        return None
    from contentieux.lecture import lire_donnees

    return outil_du_worker(f"parametres:{chemin}", lambda: lire_donnees(chemin))


def _atelier(tache: TacheActes) -> Any:
    """L'atelier de rendu de ce worker (polices, CSS analysée, gabarits compilés), créé une fois."""
    actes = _module("contentieux.actes", "pdf,docx")
    from contentieux.regles import charger_regles

    def fabriquer() -> Any:
        # mentions obligatoires contrôlées sur la mise en page dessinée dans le PDF (même texte,
        # sans relire le fichier) : le mode que la couche des actes prévoit pour les lots
        atelier = actes.Atelier(
            tache.gabarits, regles=charger_regles(tache.regles), controle_pdf="mise_en_page"
        )
        if "pdf" in tache.formats:
            atelier._feuille()  # polices et feuille de style analysée, une fois
        return atelier

    return outil_du_worker(f"atelier:{tache.gabarits}:{tache.regles}", fabriquer)


def _moteur(tache: TacheActes) -> Any:
    """Prépare l'atelier et rend une fois un acte d'exemple (chargement réel des polices)."""
    atelier = _atelier(tache)

    def chauffer() -> bool:
        """Un rendu de chaque acte demandé, dans chaque format : gabarits compilés, polices
        chargées, avant que :func:`preparer_worker` ne fige les objets chauds."""
        from contentieux.exemples import dossier_exemple

        exemple = dossier_exemple("b2b")
        chaud = False
        for acte in tache.actes:
            for format_ in tache.formats:
                if format_ in FORMATS_ACTES:
                    with contextlib.suppress(Exception):
                        atelier.generer(acte, exemple, au=dt.date(2026, 6, 30), format=format_)
                        chaud = True
        return chaud

    outil_du_worker(f"chauffe:{tache.gabarits}:{tache.regles}", chauffer)
    return atelier


def _generer(tache: TacheActes, acte: str, dossier: Dossier, au: dt.date, format_: str) -> Any:
    return _atelier(tache).generer(
        acte, dossier, au=au, format=format_, parametres=_parametres(tache)
    )


def _signeur(options: OptionsSignature) -> Any:
    """Le signeur de ce worker : clé PKCS#12 chargée, autorité d'horodatage, style du tampon."""
    signature = _module("contentieux.signature", "signature")

    def fabriquer() -> Any:
        signataire = signature.Signataire.depuis_pkcs12(options.p12, mot_de_passe=options.phrase)
        return signature.Signeur(signataire, niveau=options.niveau, horodatage=options.horodatage)

    return outil_du_worker(
        f"signeur:{options.p12}:{options.niveau}:{options.horodatage}", fabriquer
    )


def _signer(options: OptionsSignature, acte: Any) -> bytes:
    """Signe le PDF de l'acte : au champ du créancier de l'acte (tous les champs de l'acte créés
    dans la même révision, certification permettant la signature du débiteur), sinon par une
    signature invisible."""
    signature = _module("contentieux.signature", "signature")
    signeur = _signeur(options)
    if signature.CHAMP_CREANCIER in acte.emplacements:
        signe: bytes = signature.signer_acte(acte.contenu, signeur, acte.emplacements)
    else:
        signe = signeur.signer(acte.contenu)
    return signe
