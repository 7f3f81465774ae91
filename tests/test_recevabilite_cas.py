"""Scénarios de recevabilité lisibles par un juriste (``tests/cas/recevabilite/*.yaml``).

Chaque fichier donne les faits (un dossier), la date d'évaluation, les verdicts attendus par
condition, la voie, la nature de la juridiction, les dates clés et un commentaire qui explique le
raisonnement ; les dates attendues ont été calculées à la main à partir des textes.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from contentieux._yaml import charger_yaml_exact
from contentieux.lecture import valider_dossier
from contentieux.modeles.recevabilite import OptionsRecevabilite, Recevabilite
from contentieux.recevabilite import verifier_recevabilite
from contentieux.regles import charger_regles

DOSSIER_CAS = Path(__file__).parent / "cas" / "recevabilite"
CAS = sorted(DOSSIER_CAS.glob("*.yaml"))


def _lire(chemin: Path) -> dict[str, Any]:
    contenu = charger_yaml_exact(chemin.read_text(encoding="utf-8"))
    assert isinstance(contenu, dict)
    return contenu


def _rapport(cas: dict[str, Any], tmp_path: Path) -> Recevabilite:
    regles = None
    if cas.get("regles_surcouche"):
        for nom, texte in cas["regles_surcouche"].items():
            (tmp_path / nom).write_text(texte, encoding="utf-8")
        regles = charger_regles(tmp_path)
    return verifier_recevabilite(
        valider_dossier(cas["dossier"]),
        au=cas["au"],
        regles=regles,
        options=OptionsRecevabilite(annuaire=cas.get("annuaire")),
    )


def fondements_du_rapport(rapport: Recevabilite) -> set[str]:
    """Tous les fondements qu'émet un rapport : constats, voie, juridiction, prescription,
    calendrier."""
    cites = {f for c in rapport.constats for f in c.fondements}
    cites.update(rapport.voie.fondements)
    if rapport.juridiction is not None:
        cites.update(rapport.juridiction.fondements)
    cites.update(f for d in rapport.prescription for f in d.fondements)
    cites.update(e.fondement for e in rapport.calendrier)
    return cites


def test_au_moins_quarante_scenarios() -> None:
    assert len(CAS) >= 40


_ENONCE_PRESCRIPTION = re.compile(r"prescri|forclu", re.IGNORECASE)


def test_la_prescription_enoncee_est_affirmee() -> None:
    """Un scénario dont le titre ou le commentaire parle de prescription (ou de forclusion)
    affirme la date qu'il en déduit : ``attendu.date_prescription`` (la prochaine date de la
    créance, ``null`` si aucune ne court) ou ``attendu.prescription_factures`` (par facture, pour
    une créance déjà prescrite : le rapport ne donne alors de date que par facture). La date est
    calculée à la main, le calcul écrit dans le commentaire ou en commentaire YAML."""
    concernes, sans_date = [], []
    for chemin in CAS:
        cas = _lire(chemin)
        if _ENONCE_PRESCRIPTION.search(f"{cas['titre']} {cas['commentaire']}"):
            concernes.append(chemin.stem)
            if not {"date_prescription", "prescription_factures"} & set(cas["attendu"]):
                sans_date.append(chemin.stem)
    assert len(concernes) >= 40  # la règle s'applique bien à la plupart des scénarios
    assert sans_date == []


@pytest.mark.parametrize("chemin", CAS, ids=[c.stem for c in CAS])
def test_scenario(chemin: Path, tmp_path: Path) -> None:
    cas = _lire(chemin)
    assert cas["titre"] and cas["commentaire"] and cas["fondements"], "scénario incomplet"
    assert isinstance(cas["au"], dt.date)
    rapport = _rapport(cas, tmp_path)
    attendu = cas["attendu"]
    contexte = rapport.model_dump_json(indent=1)
    if "recevable" in attendu:
        assert rapport.recevable is attendu["recevable"], contexte
    for condition, verdict in attendu.get("constats", {}).items():
        assert rapport.constat(condition).satisfaite is verdict, (condition, contexte)
    if "voie" in attendu:
        assert rapport.voie.code.value == attendu["voie"], contexte
    if "juridiction" in attendu:
        nature = rapport.juridiction.nature.value if rapport.juridiction else None
        assert nature == attendu["juridiction"], contexte
    if "nom_juridiction" in attendu:
        assert rapport.juridiction is not None
        assert rapport.juridiction.nom == attendu["nom_juridiction"]
    if "designation_juridiction" in attendu:
        assert rapport.juridiction is not None
        assert rapport.juridiction.designation == attendu["designation_juridiction"], contexte
    if "candidats_juridiction" in attendu:
        assert rapport.juridiction is not None
        assert list(rapport.juridiction.candidats) == attendu["candidats_juridiction"], contexte
    if "a_completer_juridiction" in attendu:
        assert rapport.juridiction is not None and rapport.juridiction.a_completer
        assert attendu["a_completer_juridiction"] in rapport.juridiction.a_completer, contexte
    if "lieu_juridiction" in attendu:
        assert rapport.juridiction is not None
        assert rapport.juridiction.lieu == attendu["lieu_juridiction"], contexte
    if "determination" in attendu:
        assert rapport.juridiction is not None and rapport.juridiction.determination
        assert attendu["determination"] in rapport.juridiction.determination, contexte
    for fondement in attendu.get("fondements_juridiction", ()):
        assert rapport.juridiction is not None
        assert fondement in rapport.juridiction.fondements, (fondement, contexte)
    detail = rapport.prescription[0]
    if "date_prescription" in attendu:
        assert detail.date_prescription == attendu["date_prescription"], contexte
    if detail.date_prescription is not None:
        assert detail.jours_restants == (detail.date_prescription - rapport.au).days
    if "jours_restants" in attendu:
        assert detail.jours_restants == attendu["jours_restants"]
    if "regime" in attendu:
        assert detail.regime == attendu["regime"]
    for texte in attendu.get("evenements", ()):
        assert any(texte in e for e in detail.evenements), (texte, detail.evenements)
    for fait in attendu.get("faits_manquants", ()):
        assert fait in rapport.faits_manquants, (fait, rapport.faits_manquants)
    for etape in attendu.get("calendrier", ()):
        trouvees = [
            e for e in rapport.calendrier if etape["intitule"].lower() in e.intitule.lower()
        ]
        assert trouvees, (etape, rapport.calendrier)
        assert trouvees[0].date == etape["date"], (etape, trouvees)
    for cle, condition in (
        ("avertissements_prescription", "prescription"),
        ("avertissements_exigibilite", "exigibilite"),
    ):
        for texte in attendu.get(cle, ()):
            avertissements = rapport.constat(condition).avertissements
            assert any(texte in a for a in avertissements), (texte, avertissements)
    for texte in attendu.get("avertissements_voie", ()):
        assert any(texte in a for a in rapport.voie.avertissements), (
            texte,
            rapport.voie.avertissements,
        )
    for texte in attendu.get("avertissements_rapport", ()):
        assert any(texte in a for a in rapport.avertissements), (texte, rapport.avertissements)
    for texte in attendu.get("avertissements_juridiction", ()):
        assert rapport.juridiction is not None
        assert any(texte in a for a in rapport.juridiction.avertissements), (
            texte,
            rapport.juridiction.avertissements,
        )
    for condition, textes in attendu.get("motifs_constats", {}).items():
        for texte in textes:
            assert texte in rapport.constat(condition).motif, (texte, rapport.constat(condition))
    lignes = {f.numero: f for d in rapport.prescription for f in d.par_facture}
    for numero, date in attendu.get("prescription_factures", {}).items():
        assert lignes[numero].date_prescription == date, (numero, lignes[numero])
    motifs = " ".join(rapport.voie.motifs)
    for texte in attendu.get("motifs_voie", ()):
        assert texte in motifs
    for texte in attendu.get("motifs_voie_absents", ()):
        assert texte not in motifs
    # Les fondements que cite le scénario figurent dans le rapport qu'il décrit.
    cites = fondements_du_rapport(rapport)
    for fondement in cas["fondements"]:
        assert fondement in cites, (fondement, sorted(cites))
    # Le rapport est sérialisable et relu à l'identique.
    assert Recevabilite.model_validate_json(rapport.model_dump_json()) == rapport
    # Un verdict indéterminé nomme toujours les faits manquants.
    for constat in rapport.constats:
        if constat.satisfaite is None:
            assert constat.faits_manquants, constat
