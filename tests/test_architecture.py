"""Le graphe des imports du paquet : pas de boucle, et les imports ne descendent que d'une couche
vers une couche plus basse (CONCEPTION §3, ``docs/conception.md`` « Couches »).

Le graphe est lu dans le source de chaque module (``ast``), pas seulement dans ``sys.modules`` :
il compte **tous** les imports d'un module vers un autre module du paquet, ceux du niveau module,
ceux des blocs ``if TYPE_CHECKING:`` (une annotation qui nomme une couche haute est une dépendance
vers elle) et les imports paresseux à l'intérieur des fonctions (ils évitent de charger
WeasyPrint ou pyHanko trop tôt, mais un import paresseux vers le haut reste une dépendance vers le
haut, et un import paresseux qui referme une boucle reste une boucle). Les chargements par nom
(``import_module("contentieux.lecture")`` dans ``contentieux/__init__.py``, les points d'entrée)
ne sont pas des imports : la racine du paquet n'est importée par aucun module.

Les modules de la racine du paquet sont rangés explicitement dans la couche où ils vivent
(``COUCHES``) ; un module ajouté à la racine sans y être rangé fait échouer le test.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import contentieux

PAQUET = Path(contentieux.__file__).resolve().parent

# Du bas vers le haut. Chaque entrée : nom de la couche, puis ce qu'elle contient (un sous-paquet
# ou un module de la racine, nommé sans le préfixe ``contentieux.``).
COUCHES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Socle : ce qui n'a besoin d'aucune notion du domaine. Les erreurs, la version, la lecture
    # YAML exacte, la typographie française (montants, dates, nombres en lettres), les extras
    # déclarés, les polices et les dossiers de données embarqués.
    (
        "socle",
        ("erreurs", "_version", "_yaml", "donnees", "ecriture", "francais", "extras", "polices"),
    ),
    # Modèles : les modèles pydantic, et ce qui lit un dossier pour en faire un modèle.
    ("modeles", ("modeles", "lecture")),
    ("regles", ("regles", "regles_surcouche")),
    ("delais", ("delais",)),
    ("droit", ("droit",)),
    # Le texte français des résultats pour la commande (décompte, recevabilité, dossier,
    # règles) : il lit les modèles et les règles. Les outils et le texte d'un résultat, dont
    # ``str()`` se sert, sont dans la couche des modèles (``modeles/texte.py``).
    ("presentation", ("presentation",)),
    ("interets", ("interets",)),
    ("recevabilite", ("recevabilite",)),
    ("actes", ("actes",)),
    ("signature", ("signature",)),
    # Les dossiers d'exemple embarqués : une commodité pour l'essai (``dossier_exemple``), la
    # commande et la chauffe des lots ; aucune couche de calcul ne s'en sert (les dossiers de
    # données livrés se trouvent par ``donnees.dossier_donnees``, dans le socle).
    ("exemples", ("exemples",)),
    ("lots", ("lots",)),
    ("factures", ("factures",)),
    ("pilotage", ("pilotage",)),
    # Les interfaces, minces au-dessus de la bibliothèque : la commande et le service HTTP,
    # qui rend les erreurs comme elle (mêmes codes, même description : ``cli.commun``).
    ("interfaces", ("service", "cli", "__main__")),
)

# Arêtes vers le haut qui restent, chacune avec sa raison : la liste ne peut que raccourcir (une
# arête listée qui disparaît fait échouer le test, pour qu'on la retire d'ici).
ARETES_TOLEREES: dict[tuple[str, str], str] = {}


def _couche_de(module: str) -> int:
    """Le rang de la couche d'un module (``contentieux.droit.qualites`` → rang de ``droit``)."""
    relatif = module.removeprefix("contentieux.").split(".")[0]
    for rang, (_, contenu) in enumerate(COUCHES):
        if relatif in contenu:
            return rang
    raise AssertionError(f"{module} n'est rangé dans aucune couche de COUCHES : rangez-le")


def _modules() -> dict[str, Path]:
    """Nom → fichier de chaque module du paquet."""
    modules = {"contentieux": PAQUET / "__init__.py"}
    for info in pkgutil.walk_packages([str(PAQUET)], prefix="contentieux."):
        fichier = PAQUET.joinpath(*info.name.split(".")[1:])
        modules[info.name] = (
            fichier / "__init__.py" if info.ispkg else fichier.with_suffix(".py")
        )
    return modules


def _imports(nom: str, fichier: Path, modules: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """Les modules du paquet qu'importe ``nom`` (à tout niveau du fichier), avec la ligne."""
    paquet = nom if fichier.name == "__init__.py" else nom.rpartition(".")[0]
    for noeud in ast.walk(ast.parse(fichier.read_text(encoding="utf-8"))):
        cibles: list[str] = []
        if isinstance(noeud, ast.Import):
            cibles = [alias.name for alias in noeud.names]
        elif isinstance(noeud, ast.ImportFrom):
            if noeud.level:
                base = paquet.split(".")[: len(paquet.split(".")) - noeud.level + 1]
                module = ".".join([*base, *([noeud.module] if noeud.module else [])])
            else:
                module = noeud.module or ""
            # ``from contentieux.interets import etat`` importe le sous-module ``etat``.
            cibles = [
                f"{module}.{a.name}" if f"{module}.{a.name}" in modules else module
                for a in noeud.names
            ]
        for cible in cibles:
            if cible == "contentieux" or cible.startswith("contentieux."):
                while cible not in modules:
                    cible = cible.rpartition(".")[0]
                if cible != nom:
                    yield cible, noeud.lineno


def graphe() -> dict[str, dict[str, int]]:
    """Module → {module importé : première ligne de l'import}."""
    modules = _modules()
    aretes: dict[str, dict[str, int]] = {}
    for nom, fichier in modules.items():
        aretes[nom] = {}
        for cible, ligne in _imports(nom, fichier, modules):
            aretes[nom].setdefault(cible, ligne)
    return aretes


def _boucles(aretes: dict[str, dict[str, int]]) -> list[list[str]]:
    """Les composantes fortement connexes de plus d'un module (Tarjan, itératif)."""
    index: dict[str, int] = {}
    bas: dict[str, int] = {}
    pile: list[str] = []
    sur_pile: set[str] = set()
    composantes: list[list[str]] = []
    compteur = 0
    for depart in sorted(aretes):
        if depart in index:
            continue
        travail = [(depart, iter(sorted(aretes[depart])))]
        index[depart] = bas[depart] = compteur
        compteur += 1
        pile.append(depart)
        sur_pile.add(depart)
        while travail:
            noeud, suivants = travail[-1]
            for suivant in suivants:
                if suivant not in index:
                    index[suivant] = bas[suivant] = compteur
                    compteur += 1
                    pile.append(suivant)
                    sur_pile.add(suivant)
                    travail.append((suivant, iter(sorted(aretes[suivant]))))
                    break
                if suivant in sur_pile:
                    bas[noeud] = min(bas[noeud], index[suivant])
            else:
                travail.pop()
                if travail:
                    parent = travail[-1][0]
                    bas[parent] = min(bas[parent], bas[noeud])
                if bas[noeud] == index[noeud]:
                    composante = []
                    while True:
                        membre = pile.pop()
                        sur_pile.discard(membre)
                        composante.append(membre)
                        if membre == noeud:
                            break
                    if len(composante) > 1:
                        composantes.append(sorted(composante))
    return composantes


def test_le_paquet_et_chaque_module_s_importent() -> None:
    """Le graphe lu dans le source est celui de modules qui existent et s'importent (les extras
    de rendu sont installés pour les tests)."""
    for nom in _modules():
        if not nom.endswith("__main__"):  # ``python -m`` : lancerait la commande
            importlib.import_module(nom)


def test_chaque_module_est_range_dans_une_couche() -> None:
    for nom in _modules():
        if nom != "contentieux":
            _couche_de(nom)


def test_aucune_boucle_entre_modules() -> None:
    boucles = _boucles(graphe())
    assert boucles == [], "modules qui s'importent en boucle :\n" + "\n".join(
        " ↔ ".join(b) for b in boucles
    )


def test_les_imports_descendent_les_couches() -> None:
    aretes = graphe()
    montantes = {
        (source, cible): ligne
        for source, cibles in aretes.items()
        for cible, ligne in cibles.items()
        if source != "contentieux"
        and (cible == "contentieux" or _couche_de(cible) > _couche_de(source))
    }
    inattendues = sorted(
        f"{s} (ligne {ligne}) → {c}"
        for (s, c), ligne in montantes.items()
        if (s, c) not in ARETES_TOLEREES
    )
    assert inattendues == [], "imports d'une couche basse vers une couche haute :\n" + "\n".join(
        inattendues
    )
    disparues = sorted(f"{s} → {c}" for s, c in ARETES_TOLEREES if (s, c) not in montantes)
    assert disparues == [], "arêtes tolérées qui n'existent plus (retirez-les) :\n" + "\n".join(
        disparues
    )


def test_le_detecteur_voit_une_boucle_et_un_import_paresseux() -> None:
    """Le test sait échouer : une boucle fabriquée est trouvée, et un import dans une fonction
    compte (``regles.py`` importait ``regles_surcouche`` dans une fonction)."""
    assert _boucles({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}) == [
        ["a", "b", "c"]
    ]
    modules = _modules()
    source = PAQUET / "exemples.py"
    importes = dict(_imports("contentieux.exemples", source, modules))
    assert "contentieux.lecture" in importes  # import paresseux dans dossier_exemple()


# --- API publiques des bibliothèques de rendu --------------------------------------------------


def test_un_seul_acces_prive_a_weasyprint() -> None:
    """``Page._page_box`` (privé) n'est lu qu'à un endroit : la fonction ``actes.rendu._boites``
    (le texte mis en page, que l'API publique ne donne pas) ; les emplacements de signature et de
    mention passent par ``Page.anchors``."""
    acces = []
    for fichier in sorted(PAQUET.rglob("*.py")):
        arbre = ast.parse(fichier.read_text(encoding="utf-8"))
        for fonction in ast.walk(arbre):
            if isinstance(fonction, ast.FunctionDef | ast.AsyncFunctionDef):
                acces += [
                    f"{fichier.relative_to(PAQUET)}:{fonction.name}"
                    for noeud in ast.walk(fonction)
                    if isinstance(noeud, ast.Attribute) and noeud.attr == "_page_box"
                ]
    assert acces == ["actes/rendu.py:_boites"]


def test_emplacements_lus_par_les_ancres_publiques() -> None:
    """Les emplacements de signature se lisent sur ``Page.anchors`` et ``Page.height`` seuls : une
    page sans boîte privée suffit (rectangle en px CSS depuis le haut, rendu en points PDF depuis
    le bas : 96 px = 72 pt)."""
    from types import SimpleNamespace

    from contentieux.actes.rendu import emplacements

    page = SimpleNamespace(
        height=1000.0,
        anchors={
            "titre": (0.0, 0.0, 100.0, 20.0),
            "signature-creancier": (100.0, 800.0, 300.0, 900.0),
            "mention-manuscrite": (400.0, 700.0, 600.0, 740.0),
        },
    )
    seconde = SimpleNamespace(height=1000.0, anchors={"signature-creancier": (0, 0, 1, 1)})
    places = emplacements(SimpleNamespace(pages=[page, seconde]))
    assert list(places) == ["signature-creancier", "mention-manuscrite"]
    creancier = places["signature-creancier"]
    # x : 100 px × 0,75 = 75 pt ; 300 px → 225 pt ; y depuis le bas : (1000 − 900) × 0,75 = 75,
    # (1000 − 800) × 0,75 = 150 ; la première page qui porte l'identifiant l'emporte.
    assert (creancier.page, creancier.x1, creancier.y1, creancier.x2, creancier.y2) == (
        0, 75.0, 75.0, 225.0, 150.0,
    )  # fmt: skip
    mention = places["mention-manuscrite"]
    assert (mention.x1, mention.y1, mention.x2, mention.y2) == (300.0, 195.0, 450.0, 225.0)


# --- longueur des fonctions du droit et de la recevabilité ---------------------------------------

LONGUEUR_MAXIMALE = 80
"""Au-delà, une fonction de ``droit/`` ou de ``recevabilite/`` se découpe selon les rubriques du
droit qu'elle applique (une décision par voie, par point de départ, par cause d'interruption…)."""

LONGUES_TOLEREES: dict[str, str] = {
    "recevabilite/calendrier.py:etablir_calendrier": "à découper par étape du calendrier",
    "recevabilite/certitude.py:verifier_certitude": "à découper par cause de contestation",
    "recevabilite/delais_paiement.py:verifier_delais_paiement": "à découper par délai",
    "recevabilite/exigibilite.py:verifier_exigibilite": "à découper par cause d'exigibilité",
    "recevabilite/injonction.py:verifier_injonction": "à découper par condition de CPC 1405",
    "recevabilite/juridiction.py:determiner_juridiction": "à découper par nature de juridiction",
    "recevabilite/mise_en_demeure.py:verifier_mise_en_demeure": "à découper par exigence",
}
"""Fonctions plus longues que :data:`LONGUEUR_MAXIMALE` qui restent, chacune avec ce qui reste à
faire : la liste ne peut que raccourcir (une fonction listée revenue sous la borne fait échouer le
test, pour qu'on la retire d'ici)."""


def _longueurs() -> dict[str, int]:
    """``sous-paquet/module.py:fonction`` → nombre de lignes (docstring comprise), pour chaque
    fonction (et méthode, et fonction imbriquée) de ``droit/`` et de ``recevabilite/``."""
    longueurs: dict[str, int] = {}
    for sous_paquet in ("droit", "recevabilite"):
        for fichier in sorted((PAQUET / sous_paquet).rglob("*.py")):
            arbre = ast.parse(fichier.read_text(encoding="utf-8"))
            for noeud in ast.walk(arbre):
                if isinstance(noeud, ast.FunctionDef | ast.AsyncFunctionDef):
                    assert noeud.end_lineno is not None
                    nom = f"{fichier.relative_to(PAQUET).as_posix()}:{noeud.name}"
                    longueurs[nom] = max(longueurs.get(nom, 0), noeud.end_lineno - noeud.lineno + 1)
    return longueurs


def test_les_fonctions_du_droit_et_de_la_recevabilite_restent_courtes() -> None:
    longueurs = _longueurs()
    assert "recevabilite/voie.py:recommander_voie" in longueurs  # le détecteur voit les modules
    trop_longues = {
        nom: n
        for nom, n in longueurs.items()
        if n > LONGUEUR_MAXIMALE and nom not in LONGUES_TOLEREES
    }
    assert not trop_longues, (
        f"fonctions de plus de {LONGUEUR_MAXIMALE} lignes : découpez-les selon les rubriques du "
        f"droit : {trop_longues}"
    )
    revenues = sorted(n for n in LONGUES_TOLEREES if longueurs.get(n, 0) <= LONGUEUR_MAXIMALE)
    assert not revenues, (
        f"sous la borne (ou disparues) : retirez-les de LONGUES_TOLEREES : {revenues}"
    )
