"""La requête et ``verifier`` nomment le même tribunal (une seule maison :
``recevabilite.juridiction``), pour chaque scénario ``tests/cas/actes/juridiction_*.yaml``.

La requête nomme le même juge en tête et dans la demande finale (CPC 54 1°) ; sans tribunal
établi, elle est refusée et ``verifier`` dit la même chose (candidats, quoi compléter).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from contentieux.actes import Atelier
from contentieux.erreurs import ActeInadapte
from contentieux.recevabilite import verifier_recevabilite
from tests.test_actes_cas import construire_dossier, lire_cas

CAS = sorted((Path(__file__).parent / "cas" / "actes").glob("juridiction_*.yaml"))


@pytest.fixture(scope="module")
def atelier() -> Atelier:
    return Atelier()


def test_scenarios_presents() -> None:
    noms = {c.stem for c in CAS}
    for attendu in (
        "juridiction_tj_bordeaux_jcp",
        "juridiction_tae_lyon",
        "juridiction_tc_bordeaux",
        "juridiction_chambre_de_proximite",
        "juridiction_plusieurs_ressorts_refus",
        "juridiction_plusieurs_ressorts_choisi",
        "juridiction_outre_mer_tribunal_mixte",
        "juridiction_tae_nanterre_boulogne",
        "juridiction_copropriete_lieu_immeuble",
        "juridiction_sans_donnee_refus",
        "juridiction_sans_donnee_nomme_par_le_dossier",
    ):
        assert attendu in noms


@pytest.mark.parametrize(
    "chemin",
    [c for c in CAS if lire_cas(c)["acte"] == "requete_injonction_payer"],
    ids=lambda c: c.stem,
)
def test_verifier_et_requete_nomment_le_meme_tribunal(chemin: Path, atelier: Atelier) -> None:
    cas = lire_cas(chemin)
    dossier = construire_dossier(cas)
    rapport = verifier_recevabilite(dossier, au=cas["au"])
    assert rapport.juridiction is not None
    designation = rapport.juridiction.designation
    if "erreur" in cas:
        assert designation is None
        with pytest.raises(ActeInadapte) as info:
            atelier.preparer(cas["acte"], dossier, au=cas["au"])
        assert rapport.juridiction.a_completer is not None
        assert rapport.juridiction.a_completer in str(info.value)
        return
    contrat, _ = atelier.preparer(cas["acte"], dossier, au=cas["au"])
    assert designation is not None
    assert contrat.juridiction == designation  # type: ignore[attr-defined]
    sections = contrat.contenu.sections
    demande = next(s for s in sections if s.titre == "Par ces motifs")
    assert f"Madame ou Monsieur le {designation} de rendre" in demande.paragraphes[0].texte
    destinataire = contrat.contenu.destinataire
    assert destinataire is not None
    tete = destinataire.nom.removeprefix("À Madame ou Monsieur le ") + " " + destinataire.adresse[0]
    assert tete == designation
