"""Lecture des dossiers YAML et JSON : nombres exacts, erreurs en français, champ par champ."""

from __future__ import annotations

import json
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from contentieux.erreurs import DonneesInvalides, ErreurChamp, ErreurContentieux
from contentieux.exemples import chemin_exemple, dossier_exemple, noms_exemples
from contentieux.lecture import lire_donnees, lire_dossier, traduire_erreurs, valider_dossier
from contentieux.modeles import Dossier, Paiement

DOSSIER_YAML = """\
reference: D-2025-01
creancier:
  type: personne_morale
  denomination: Ateliers Durand
  siren: "812345676"
  siege: {ligne1: 12 rue des Tanneurs, code_postal: "75011", ville: Paris}
debiteurs:
  - type: personne_physique
    nom: Roux
    prenoms: Thomas
    adresse: {ligne1: 17 cours Victor-Hugo, code_postal: "33000", ville: Bordeaux}
creances:
  - reference: C1
    nature: vente_biens
    taux_contractuel: 12.15
    factures:
      - {numero: F1, date_emission: 2025-01-10, date_echeance: 2025-02-09, montant_ttc: 1234.56}
      - {numero: F2, date_emission: 2025-01-20, date_echeance: 2025-02-19, montant_ttc: "0.10"}
      - {numero: F3, date_emission: 2025-01-20, date_echeance: 2025-02-19, montant_ttc: 700}
evenements:
  - {type: paiement, date: 2025-03-01, montant: 0.3}
"""


def ecrire(dossier: Path, nom: str, texte: str) -> Path:
    chemin = dossier / nom
    chemin.write_text(textwrap.dedent(texte), encoding="utf-8")
    return chemin


def message_de(exc: pytest.ExceptionInfo[DonneesInvalides]) -> str:
    return str(exc.value)


# --- Lecture réussie, nombres exacts --------------------------------------------------------------


def test_lire_un_dossier_yaml_avec_nombres_exacts(tmp_path: Path) -> None:
    d = lire_dossier(ecrire(tmp_path, "d.yaml", DOSSIER_YAML))
    montants = [f.montant_ttc for f in d.creances[0].factures]
    assert montants == [Decimal("1234.56"), Decimal("0.10"), Decimal("700")]
    assert str(montants[0]) == "1234.56"  # construit depuis le texte, jamais via float
    assert d.creances[0].taux_contractuel == Decimal("12.15")
    (paiement,) = d.evenements
    assert isinstance(paiement, Paiement)
    # 0.3 lu par float serait 0.299999999999999988897769753748… : ici, exactement 0.3.
    assert paiement.montant == Decimal("0.3")
    assert d.creances[0].principal == Decimal("1934.66")  # 1 234,56 + 0,10 + 700


def test_un_nombre_a_virgule_en_yaml_est_accepte_exactement(tmp_path: Path) -> None:
    """Dans un fichier, 4800.00 n'est pas un float : la lecture garde le texte du nombre."""
    donnees = lire_donnees(ecrire(tmp_path, "d.yml", "a: 4800.00\nb: 0.1\nc: 1_000.5\nd: 7\n"))
    assert donnees == {"a": Decimal("4800.00"), "b": Decimal("0.1"), "c": Decimal("1000.5"),
                       "d": 7}
    assert isinstance(donnees["a"], Decimal) and str(donnees["a"]) == "4800.00"
    assert isinstance(donnees["d"], int)


def test_lire_un_dossier_json_avec_nombres_exacts(tmp_path: Path) -> None:
    donnees = json.loads(json.dumps(dossier_exemple("b2b").model_dump(mode="json")))
    donnees["creances"][0]["factures"][0]["montant_ttc"] = "1234.56"  # texte
    texte = json.dumps(donnees)
    # Nombres JSON à virgule : lus comme Decimal depuis leur texte, pas comme float.
    texte = texte.replace('"montant_ttc": "2460.00"', '"montant_ttc": 2460.10')
    texte = texte.replace('"montant_ttc": "1320.50"', '"montant_ttc": 1320')
    assert "2460.10" in texte and '"montant_ttc": 1320,' in texte
    d = lire_dossier(ecrire(tmp_path, "d.json", texte))
    montants = [f.montant_ttc for f in d.creances[0].factures]
    assert montants == [Decimal("1234.56"), Decimal("2460.10"), Decimal("1320")]
    assert str(montants[1]) == "2460.10"


def test_lire_donnees_json_garde_les_decimales(tmp_path: Path) -> None:
    donnees = lire_donnees(ecrire(tmp_path, "x.JSON", '{"a": 0.1, "b": 2, "c": "3.50"}'))
    assert donnees == {"a": Decimal("0.1"), "b": 2, "c": "3.50"}
    assert isinstance(donnees["a"], Decimal)


@pytest.mark.parametrize("nom", noms_exemples())
def test_chaque_exemple_se_lit_en_yaml_et_en_json(nom: str, tmp_path: Path) -> None:
    d = lire_dossier(chemin_exemple(nom))
    assert isinstance(d, Dossier)
    en_json = ecrire(tmp_path, f"{nom}.json", d.model_dump_json(indent=2))
    assert lire_dossier(en_json) == d


def test_lire_dossier_accepte_un_chemin_texte(tmp_path: Path) -> None:
    chemin = ecrire(tmp_path, "d.yaml", DOSSIER_YAML)
    assert lire_dossier(str(chemin)) == lire_dossier(chemin)


# --- Fichiers illisibles --------------------------------------------------------------------------


def test_fichier_introuvable(tmp_path: Path) -> None:
    absent = tmp_path / "absent.yaml"
    with pytest.raises(DonneesInvalides) as exc:
        lire_dossier(absent)
    message = message_de(exc)
    assert message.startswith("fichier introuvable")
    assert str(absent) in message and "vérifiez le chemin" in message
    assert exc.value.code == "donnees_invalides"
    assert isinstance(exc.value, ErreurContentieux)


def test_un_repertoire_n_est_pas_un_dossier(tmp_path: Path) -> None:
    with pytest.raises(DonneesInvalides, match="est un dossier, pas un fichier"):
        lire_dossier(tmp_path)


def test_yaml_invalide(tmp_path: Path) -> None:
    chemin = ecrire(tmp_path, "d.yaml", "reference: D1\ncreancier: [1, 2\ndebiteurs: x\n")
    with pytest.raises(DonneesInvalides) as exc:
        lire_dossier(chemin)
    message = message_de(exc)
    assert "YAML invalide ligne" in message and "colonne" in message
    assert "corrigez" in message
    assert exc.value.__cause__ is None and exc.value.__suppress_context__


def test_yaml_mal_indente(tmp_path: Path) -> None:
    chemin = ecrire(tmp_path, "d.yaml", "reference: D1\n  creancier: x\n")
    with pytest.raises(DonneesInvalides, match="YAML invalide ligne 2"):
        lire_dossier(chemin)


def test_json_invalide(tmp_path: Path) -> None:
    chemin = ecrire(tmp_path, "d.json", '{"reference": "D1",\n "creancier": }')
    with pytest.raises(DonneesInvalides) as exc:
        lire_dossier(chemin)
    message = message_de(exc)
    assert "JSON invalide ligne 2, colonne" in message
    assert "corrigez la syntaxe" in message


@pytest.mark.parametrize(
    ("texte", "explication"),
    [
        ("date: 2025-13-01\n", "mois hors de 1 à 12"),
        ("date: 2025-02-30\n", "jour inexistant dans ce mois"),
        ("montant: .inf\n", "nombre non décimal"),
    ],
)
def test_valeur_yaml_impossible(tmp_path: Path, texte: str, explication: str) -> None:
    """PyYAML construit lui-même dates et nombres : leurs erreurs deviennent françaises aussi."""
    with pytest.raises(DonneesInvalides) as exc:
        lire_dossier(ecrire(tmp_path, "d.yaml", texte))
    message = message_de(exc)
    assert explication in message and "vérifiez les dates" in message


def test_fichier_non_utf8(tmp_path: Path) -> None:
    chemin = tmp_path / "d.yaml"
    chemin.write_bytes("reference: Dénomination\n".encode("latin-1"))
    with pytest.raises(DonneesInvalides, match="UTF-8"):
        lire_dossier(chemin)


@pytest.mark.parametrize("texte", ["- 1\n- 2\n", "bonjour\n"])
def test_document_qui_n_est_pas_un_dossier(tmp_path: Path, texte: str) -> None:
    with pytest.raises(DonneesInvalides) as exc:
        lire_dossier(ecrire(tmp_path, "d.yaml", texte))
    assert "(racine) : objet (dictionnaire de champs) attendu" in message_de(exc)


# --- Dossiers invalides : chaque champ fautif, par son chemin, en français -----------------------

DOSSIER_FAUTIF = """\
reference: D-2025-02
creancier:
  type: personne_morale
  denomination: Ateliers Durand
  siren: "812345677"
  siege: {ligne1: 12 rue des Tanneurs, code_postal: 75011, ville: Paris}
debiteurs:
  - type: personne_physique
    nom: Roux
    prenoms: Thomas
    age: 42
    adresse: {ligne1: 17 cours Victor-Hugo, code_postal: "3300", ville: Bordeaux}
creances:
  - reference: C1
    nature: vente
    devise: USD
    factures:
      - {numero: F1, date_emission: 2025-01-10, date_echeance: 2025-02-09, montant_ttc: 10.00}
      - {numero: F2, date_emission: 2025-01-10, date_echeance: 2025-02-09, montant_ttc: 12.345}
      - {numero: F3, date_emission: 2025-01-10, date_echeance: 2025-02-09, montant_ttc: -4}
      - {numero: F4, date_emission: 10/01/2025, date_echeance: 2025-02-09, montant_ttc: abc}
      - {numero: F5, date_emission: 2025-01-10, montant_ttc: "5"}
evenements:
  - {type: virement, date: 2025-03-01, montant: 1}
  - {type: mise_en_demeure, date_envoi: 2025-03-01, moyen: pigeon}
"""

ATTENDUES = {
    "creancier.siren": "SIREN « 812345677 » invalide (clé de contrôle fausse)",
    "creancier.siege.code_postal": "texte attendu : mettez la valeur entre guillemets",
    "debiteurs[0].age": "champ inconnu : supprimez-le ou corrigez son orthographe",
    "debiteurs[0].adresse.code_postal": "code postal « 3300 » invalide : cinq chiffres attendus",
    "creances[0].nature": "valeur non permise : valeurs possibles 'vente_biens'",
    "creances[0].devise": "valeur non permise : valeurs possibles 'EUR'",
    "creances[0].factures[1].montant_ttc": "au plus 2 décimales (montants au centime)",
    "creances[0].factures[2].montant_ttc": "doit être strictement supérieur à 0",
    "creances[0].factures[3].date_emission": "date attendue au format AAAA-MM-JJ",
    "creances[0].factures[3].montant_ttc": 'nombre attendu, par exemple "1234.56"',
    "creances[0].factures[4].date_echeance": "champ obligatoire absent : ajoutez-le",
    "evenements[0]": "« type » inconnu (virement) : valeurs possibles 'paiement'",
    "evenements[1].moyen": "valeur non permise : valeurs possibles 'lettre_recommandee_ar'",
}


def test_toutes_les_erreurs_sont_signalees_d_un_coup(tmp_path: Path) -> None:
    chemin = ecrire(tmp_path, "fautif.yaml", DOSSIER_FAUTIF)
    with pytest.raises(DonneesInvalides) as exc:
        lire_dossier(chemin)
    lignes = [str(e) for e in exc.value.erreurs]
    par_chemin = {e.champ: e.message for e in exc.value.erreurs}
    assert set(par_chemin) == set(ATTENDUES), lignes
    for champ, debut in ATTENDUES.items():
        assert par_chemin[champ].startswith(debut), (champ, par_chemin[champ])
    message = message_de(exc)
    assert message.startswith(f"{chemin} : {len(ATTENDUES)} erreur(s) de saisie")
    for ligne in lignes:
        assert f"\n  - {ligne}" in message


def test_les_messages_sont_en_francais_et_disent_quoi_faire(tmp_path: Path) -> None:
    with pytest.raises(DonneesInvalides) as exc:
        lire_dossier(ecrire(tmp_path, "fautif.yaml", DOSSIER_FAUTIF))
    message = message_de(exc)
    for anglais in ("Input should", "Field required", "Value error", " or '", "Extra inputs"):
        assert anglais not in message
    # Les étiquettes internes des unions discriminées ne paraissent pas dans les chemins.
    assert "personne_morale" not in message.split(" : ")[0]
    assert ".personne_physique." not in message and ".mise_en_demeure." not in message


def test_chemin_d_un_montant_de_facture(tmp_path: Path) -> None:
    texte = DOSSIER_YAML.replace('montant_ttc: "0.10"', "montant_ttc: 0.105")
    with pytest.raises(DonneesInvalides) as exc:
        lire_dossier(ecrire(tmp_path, "d.yaml", texte))
    assert exc.value.erreurs == (
        ErreurChamp(
            "creances[0].factures[1].montant_ttc", "au plus 2 décimales (montants au centime)"
        ),
    )


def test_erreurs_de_coherence_du_dossier_rattachees_a_leur_champ(tmp_path: Path) -> None:
    texte = DOSSIER_YAML + "  - {type: paiement, date: 2025-04-01, montant: 5, creances: [C9]}\n"
    with pytest.raises(DonneesInvalides) as exc:
        lire_dossier(ecrire(tmp_path, "d.yaml", texte))
    (erreur,) = exc.value.erreurs
    assert erreur.champ == "evenements[1].creances"
    assert str(erreur) == (
        "evenements[1].creances : créance(s) inconnue(s) C9 ; références connues : C1"
    )


def test_erreur_d_un_validateur_de_modele_imbrique(tmp_path: Path) -> None:
    texte = DOSSIER_YAML.replace("date_echeance: 2025-02-09", "date_echeance: 2025-01-01")
    with pytest.raises(DonneesInvalides) as exc:
        lire_dossier(ecrire(tmp_path, "d.yaml", texte))
    (erreur,) = exc.value.erreurs
    ligne = str(erreur)
    assert ligne.startswith("creances[0].factures[0].date_echeance : la facture F1 échoit")
    assert "corrigez" in ligne


def test_json_invalide_comme_dossier(tmp_path: Path) -> None:
    donnees = dossier_exemple("loyer").model_dump(mode="json")
    donnees["creances"][0]["factures"][2]["montant_ttc"] = "780,00"
    del donnees["debiteurs"][0]["nom"]
    with pytest.raises(DonneesInvalides) as exc:
        lire_dossier(ecrire(tmp_path, "d.json", json.dumps(donnees)))
    assert [str(e) for e in exc.value.erreurs] == [
        "debiteurs[0].nom : champ obligatoire absent : ajoutez-le",
        'creances[0].factures[2].montant_ttc : nombre attendu, par exemple "1234.56"',
    ]


def test_float_python_refuse_avec_sa_consigne() -> None:
    """Un float passé par programme (pas depuis un fichier) garde le message de la consigne."""
    donnees = dossier_exemple("loyer").model_dump()
    donnees["evenements"] = [{"type": "paiement", "date": "2025-12-01", "montant": 780.0}]
    with pytest.raises(DonneesInvalides) as exc:
        valider_dossier(donnees, origine="ERP")
    (erreur,) = exc.value.erreurs
    ligne = str(erreur)
    assert ligne.startswith("evenements[0].montant : nombre à virgule flottante refusé")
    assert "Decimal" in ligne
    assert message_de(exc).startswith("ERP : 1 erreur(s) de saisie")


def test_traduire_erreurs_sur_une_validation_error() -> None:
    """L'API Python laisse passer ValidationError ; traduire_erreurs la rend lisible."""
    with pytest.raises(ValidationError) as exc:
        Dossier.model_validate({"reference": "D", "debiteurs": [], "creances": []})
    lignes = traduire_erreurs(exc.value)
    assert "creancier : champ obligatoire absent : ajoutez-le" in lignes
    assert "debiteurs : au moins 1 élément(s) attendu(s)" in lignes
    assert "creances : au moins 1 élément(s) attendu(s)" in lignes


# --- Entrées hostiles : refus clair, en temps et mémoire bornés (issue 13) ----------------------


def _refus(tmp_path: Path, nom: str, texte: str) -> str:
    with pytest.raises(DonneesInvalides) as exc:
        lire_dossier(ecrire(tmp_path, nom, texte))
    return message_de(exc)


def test_bombe_d_alias_yaml_refusee_avant_validation(tmp_path: Path) -> None:
    import time

    lignes = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for precedent, nom in zip("abcdefg", "bcdefgh", strict=False):
        lignes.append(f"{nom}: &{nom} [" + ", ".join([f"*{precedent}"] * 10) + "]")
    debut = time.perf_counter()
    message = _refus(tmp_path, "bombe.yaml", "\n".join(lignes) + "\n")
    assert time.perf_counter() - debut < 5
    assert "alias YAML trop nombreux ou trop gros" in message
    assert "10000" in message


def test_alias_raisonnables_acceptes(tmp_path: Path) -> None:
    texte = DOSSIER_YAML.replace(
        "  siege: {ligne1: 12 rue des Tanneurs", "  siege: &siege {ligne1: 12 rue des Tanneurs"
    )
    texte = texte.replace(
        '    adresse: {ligne1: 17 cours Victor-Hugo, code_postal: "33000", ville: Bordeaux}',
        "    adresse: *siege",
    )
    dossier = lire_dossier(ecrire(tmp_path, "d.yaml", texte))
    assert dossier.debiteur.adresse_principale.code_postal == "75011"


def test_alias_recursif_refuse(tmp_path: Path) -> None:
    assert "récursif" in _refus(tmp_path, "d.yaml", "reference: &r [*r]\n")


@pytest.mark.parametrize("niveaux", [500, 5000])
def test_imbrication_profonde_yaml_refusee(tmp_path: Path, niveaux: int) -> None:
    message = _refus(tmp_path, "d.yaml", "reference: " + "[" * niveaux + "]" * niveaux + "\n")
    assert "imbrication trop profonde" in message
    bloc = "".join("  " * i + f"k{i}:\n" for i in range(niveaux // 5))
    assert "imbrication trop profonde" in _refus(tmp_path, "e.yaml", bloc)


@pytest.mark.parametrize("niveaux", [1000, 100_000])
def test_imbrication_profonde_json_refusee(tmp_path: Path, niveaux: int) -> None:
    texte = '{"reference": ' + "[" * niveaux + "]" * niveaux + "}"
    message = _refus(tmp_path, "d.json", texte)
    assert "imbrication trop profonde ligne 1" in message
    assert "d.json" in message


def test_imbrication_profonde_passee_par_python_refusee() -> None:
    profond: list[object] = []
    for _ in range(2000):
        profond = [profond]
    with pytest.raises(DonneesInvalides) as exc:
        valider_dossier({"reference": profond})
    assert "imbrication de plus de 64 niveaux" in str(exc.value)


def test_cle_en_double_yaml_refusee_avec_sa_ligne(tmp_path: Path) -> None:
    texte = DOSSIER_YAML.replace(
        "  - {type: paiement, date: 2025-03-01, montant: 0.3}",
        "  - type: paiement\n    date: 2025-03-01\n    montant: 3000.00\n    montant: 30.00",
    )
    message = _refus(tmp_path, "d.yaml", texte)
    premiere = texte.splitlines().index("    montant: 3000.00") + 1
    attendu = f"clé « montant » en double ligne {premiere + 1} (déjà présente ligne {premiere})"
    assert attendu in message


def test_cle_en_double_json_refusee_avec_ses_lignes(tmp_path: Path) -> None:
    donnees = json.loads(json.dumps(dossier_exemple("b2b").model_dump(mode="json"), indent=1))
    texte = json.dumps(donnees, indent=1).replace(
        '"reference": "EX-B2B-2025-001"', '"reference": "A",\n "reference": "B"', 1
    )
    message = _refus(tmp_path, "d.json", texte)
    assert "clé « reference » en double dans un même objet JSON lignes 2, 3" in message


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("reference: !!python/object/apply:os.system [echo]\n", "!!python/object/apply:os.system"),
        ("reference: !!python/name:os.system\n", "ne peut pas créer d'objet Python"),
        ("reference: !!binary aGVsbG8=\n", "!!binary"),
        ("reference: D1\n---\nreference: D2\n", "plusieurs documents YAML"),
        ("reference: !!set {a, b}\n", "balise « !!set » refusée"),
    ],
)
def test_balises_et_documents_multiples_refuses_en_le_disant(
    tmp_path: Path, texte: str, attendu: str
) -> None:
    message = _refus(tmp_path, "d.yaml", texte)
    assert attendu in message
    assert "indentation" not in message


def test_bom_utf8_accepte_en_json_comme_en_yaml(tmp_path: Path) -> None:
    donnees = dossier_exemple("b2b").model_dump(mode="json")
    (tmp_path / "d.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(donnees).encode())
    (tmp_path / "d.yaml").write_bytes(b"\xef\xbb\xbf" + DOSSIER_YAML.encode())
    assert lire_dossier(tmp_path / "d.json").reference == "EX-B2B-2025-001"
    assert lire_dossier(tmp_path / "d.yaml").reference == "D-2025-01"


@pytest.mark.parametrize("nom", ["d.yaml", "d.json"])
def test_fichier_vide_le_dit(tmp_path: Path, nom: str) -> None:
    assert "le fichier est vide" in _refus(tmp_path, nom, "  \n")


def test_fichier_de_commentaires_le_dit(tmp_path: Path) -> None:
    assert "aucune donnée" in _refus(tmp_path, "d.yaml", "# rien\n")


def test_fifo_et_peripherique_refuses_sur_le_champ(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "tube.yaml"
    os.mkfifo(fifo)
    with pytest.raises(DonneesInvalides, match="n'est pas un fichier ordinaire"):
        lire_dossier(fifo)  # ne doit pas bloquer
    lien = tmp_path / "zero.yaml"
    lien.symlink_to("/dev/zero")
    with pytest.raises(DonneesInvalides, match="n'est pas un fichier ordinaire"):
        lire_dossier(lien)


def test_constante_json_non_finie_refusee(tmp_path: Path) -> None:
    assert "constante JSON « NaN » refusée" in _refus(tmp_path, "d.json", '{"reference": NaN}')


# --- Limites de taille ----------------------------------------------------------------------------


def test_limites_configurables_et_validees() -> None:
    from contentieux.modeles.limites import Limites

    with pytest.raises(ValidationError):
        Limites(factures=0)
    with pytest.raises(ValidationError):
        Limites(profondeur=100_000)  # au-delà, la pile Python ne suivrait plus
    with pytest.raises(ValidationError):
        Limites(inconnue=1)  # type: ignore[call-arg]


def test_taille_de_fichier_limitee(tmp_path: Path) -> None:
    from contentieux.erreurs import LimiteDepassee
    from contentieux.modeles.limites import Limites

    chemin = ecrire(tmp_path, "d.yaml", DOSSIER_YAML)
    with pytest.raises(LimiteDepassee, match="plus que la limite de 100 ; scindez") as exc:
        lire_dossier(chemin, limites=Limites(taille_fichier=100))
    assert exc.value.code == "limite_depassee"
    assert lire_dossier(chemin).reference == "D-2025-01"


def _dossier_de(factures: int, paiements: int) -> dict[str, object]:
    donnees = dossier_exemple("b2b").model_dump(mode="json")
    modele = donnees["creances"][0]["factures"][0]
    donnees["creances"][0]["factures"] = [
        {**modele, "numero": f"F{i}", "montant_ttc": "10.00"} for i in range(factures)
    ]
    donnees["evenements"] = [
        {"type": "paiement", "date": "2025-06-01", "montant": "1.00"} for _ in range(paiements)
    ]
    return donnees


@pytest.mark.parametrize(
    ("limites", "factures", "paiements", "attendu"),
    [
        ({"factures": 5}, 6, 0, "creances : 6 factures dans le dossier, plus que la limite de 5"),
        ({"paiements": 3}, 1, 4, "evenements : 4 paiements dans le dossier, plus que la limite"),
        ({"evenements": 2}, 1, 3, "evenements : 3 événements"),
    ],
)
def test_nombre_de_factures_et_de_paiements_limite(
    limites: dict[str, int], factures: int, paiements: int, attendu: str
) -> None:
    from contentieux.modeles.limites import Limites

    donnees = _dossier_de(factures, paiements)
    with pytest.raises(DonneesInvalides) as exc:
        valider_dossier(donnees, limites=Limites(**limites))
    assert attendu in str(exc.value)
    with pytest.raises(ValidationError):  # la même limite, depuis l'API pydantic
        Dossier.model_validate(donnees, context={"limites": Limites(**limites)})
    assert valider_dossier(donnees).reference == "EX-B2B-2025-001"


def test_longueur_de_texte_limitee() -> None:
    from contentieux.modeles.limites import Limites

    donnees = dossier_exemple("b2b").model_dump(mode="json")
    donnees["creancier"]["denomination"] = "x" * 20_001
    with pytest.raises(DonneesInvalides) as exc:
        valider_dossier(donnees)
    assert "creancier.denomination : texte de 20001 caractères" in str(exc.value)
    donnees["creancier"]["denomination"] = "x" * 150
    with pytest.raises(DonneesInvalides, match=r"creancier\.denomination : texte de 150"):
        valider_dossier(donnees, limites=Limites(longueur_texte=140))


@pytest.mark.parametrize("montant", ["1e26", "1" + "0" * 30, "1000000000000000000.01", "Infinity"])
def test_montant_demesure_refuse_sans_invalid_operation(montant: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Paiement.model_validate({"date": "2025-01-01", "montant": montant})
    assert "montant" in str(exc.value)


def test_montant_maximal_accepte() -> None:
    from contentieux.modeles.base import MONTANT_MAX

    paiement = Paiement.model_validate({"date": "2025-01-01", "montant": str(MONTANT_MAX)})
    assert paiement.montant == MONTANT_MAX


def test_doublons_lineaires_sur_dix_mille_factures() -> None:
    import time

    donnees = _dossier_de(10_000, 0)
    debut = time.perf_counter()
    valider_dossier(donnees)
    assert time.perf_counter() - debut < 30  # quadratique : plusieurs minutes
    donnees["creances"][0]["factures"][-1]["numero"] = "F0"
    with pytest.raises(DonneesInvalides, match=r"numéro\(s\) en double dans la créance .* F0 "):
        valider_dossier(donnees)


def test_lecture_yaml_identique_a_safeloader() -> None:
    """La construction par événements donne exactement ce que donnerait ``yaml.SafeLoader``
    (nombres à virgule en ``Decimal``) : règles du paquet, exemples, cas, fusions et alias."""
    import yaml

    from contentieux._yaml import charger_yaml_exact
    from contentieux.regles import dossier_regles_paquet

    class Reference(yaml.SafeLoader):
        pass

    Reference.add_constructor(
        "tag:yaml.org,2002:float",
        lambda chargeur, noeud: Decimal(str(chargeur.construct_scalar(noeud)).replace("_", "")),
    )
    racine = Path(__file__).parent.parent
    textes = [p.read_text(encoding="utf-8") for p in dossier_regles_paquet().glob("*.yaml")]
    textes += [p.read_text(encoding="utf-8") for p in (racine / "tests" / "cas").rglob("*.yaml")]
    textes += [
        "base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  x: 3\n",
        "m:\n  <<: [{a: 1}, {a: 2, b: 3}]\n",
        "a: [1, 2.5, 'x', !!str 3, ~, yes, 0x1F, 1_000, 2026-01-01, 2026-01-01 10:00:00]\n",
        "a: &a {k: 1}\nb: [*a, *a]\n",
        "'1': 1\n1: 2\n? c\n: 3\n",
        "- 1\n- - 2\n  - 3\n",
        "",
    ]
    assert len(textes) > 20
    for texte in textes:
        assert charger_yaml_exact(texte) == yaml.load(texte, Loader=Reference), texte[:60]


def test_signe_egal_lu_comme_texte() -> None:
    """« = » se résout en !!value, que SafeLoader ne construit pas (erreur) : ici, du texte."""
    from contentieux._yaml import charger_yaml_exact

    assert charger_yaml_exact("=") == "="
    assert charger_yaml_exact("a: =\n") == {"a": "="}


def test_alias_sans_ancre_et_cle_liste_refuses(tmp_path: Path) -> None:
    assert "sans ancre" in _refus(tmp_path, "d.yaml", "reference: *x\n")
    assert "une clé doit être un texte" in _refus(tmp_path, "e.yaml", "? [a]\n: 1\n")


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("reference: " + "[" * 5000 + "]" * 5000 + "\n", "imbrication trop profonde"),
        ("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: [" + ", ".join(["*a"] * 2000) + "]\n",
         "alias YAML trop nombreux"),
        ("a: 1\na: 2\n", "clé « a » en double ligne 2"),
        ("a: !!binary aGVsbG8=\n", "!!binary"),
        ("a: 1\n---\nb: 2\n", "plusieurs documents"),
    ],
)
def test_memes_refus_avec_l_analyseur_pur_python(
    monkeypatch: pytest.MonkeyPatch, texte: str, attendu: str
) -> None:
    """Sans libyaml, l'analyseur pur Python de PyYAML donne les mêmes refus."""
    import yaml

    import contentieux._yaml as module

    monkeypatch.setattr(module, "_Base", yaml.SafeLoader)
    with pytest.raises(module.YamlRefuse, match=attendu):
        module.charger_yaml_exact(texte)
    assert module.charger_yaml_exact(DOSSIER_YAML)["reference"] == "D-2025-01"
