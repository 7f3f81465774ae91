"""``OptionsRecevabilite`` : le seul objet d'options de ``verifier_recevabilite``, validé une fois.

Une valeur invalide lève ``ArgumentInvalide`` (erreur de la bibliothèque) dont le message nomme
le champ, dit ce qui ne va pas et comment l'écrire ; ``champ`` nomme le champ.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from contentieux.erreurs import ArgumentInvalide, CreanceIrrecevable
from contentieux.exemples import dossier_exemple
from contentieux.modeles.recevabilite import MARGE_PRESCRIPTION_JOURS, OptionsRecevabilite
from contentieux.recevabilite import exiger_recevabilite, verifier_recevabilite

AU = dt.date(2026, 6, 30)


@pytest.mark.parametrize(
    ("choix", "champ", "extrait"),
    [
        ({"marge_prescription_jours": -1}, "marge_prescription_jours", "« -1 » n'est pas admis"),
        ({"marge_prescription_jours": "30"}, "marge_prescription_jours", "pas un texte"),
        ({"marge_prescription_jours": True}, "marge_prescription_jours", "« True »"),
        ({"marge_prescription_jours": 1.5}, "marge_prescription_jours", "nombre entier"),
        ({"annuaire": {"69002": ""}}, "annuaire", "textes non vides"),
        ({"annuaire": ["69002"]}, "annuaire", "dictionnaire"),
        ({"annuaire": {69002: "Tribunal de Lyon"}}, "annuaire", "par exemple"),
        ({"juridiction": "  "}, "juridiction", "n'est pas un nom de tribunal"),
        ({"juridiction": 3}, "juridiction", "« 3 »"),
        ({"marge": 30}, "marge", "option inconnue de la recevabilité"),
    ],
)
def test_une_valeur_invalide_leve_argument_invalide_qui_nomme_le_champ(
    choix: dict[str, Any], champ: str, extrait: str
) -> None:
    with pytest.raises(ArgumentInvalide) as info:
        OptionsRecevabilite(**choix)
    assert info.value.message.startswith(f"{champ} : ")
    assert extrait in info.value.message
    assert info.value.champ == champ
    assert info.value.code == "argument_invalide"


def test_valeurs_par_defaut_et_valeurs_admises() -> None:
    defaut = OptionsRecevabilite()
    assert defaut.marge_prescription_jours == MARGE_PRESCRIPTION_JOURS == 60
    assert defaut.annuaire is None and defaut.juridiction is None
    choisies = OptionsRecevabilite(
        marge_prescription_jours=0,
        annuaire={"33000": "Tribunal judiciaire de Libourne"},
        juridiction="tribunal de commerce de Libourne",
    )
    assert choisies.marge_prescription_jours == 0
    assert choisies.annuaire == {"33000": "Tribunal judiciaire de Libourne"}
    # figé : un même objet sert à plusieurs dossiers
    with pytest.raises(ValueError, match="frozen"):
        choisies.marge_prescription_jours = 5  # type: ignore[misc]


def test_l_entree_n_accepte_qu_un_objet_d_options() -> None:
    with pytest.raises(
        ArgumentInvalide, match="options : un OptionsRecevabilite est attendu, pas dict"
    ):
        verifier_recevabilite(
            dossier_exemple("b2b"),
            au=AU,
            options={"marge_prescription_jours": 30},  # type: ignore[arg-type]
        )
    with pytest.raises(TypeError, match="unexpected keyword argument 'marge_prescription_jours'"):
        verifier_recevabilite(dossier_exemple("b2b"), au=AU, marge_prescription_jours=30)  # type: ignore[call-arg]


def test_la_marge_change_la_voie() -> None:
    """Consommateur au 1er mai 2027 : prescription dans 45 jours, urgente sous la marge par
    défaut (60), pas sous une marge de 30."""
    dossier = dossier_exemple("consommateur")
    au = dt.date(2027, 5, 1)
    defaut = verifier_recevabilite(dossier, au=au)
    assert defaut.prescription[0].jours_restants == 45
    assert defaut.voie.code.value == "interruption_prescription"
    etroite = verifier_recevabilite(
        dossier, au=au, options=OptionsRecevabilite(marge_prescription_jours=30)
    )
    assert etroite.voie.code.value == "injonction_de_payer"
    large = verifier_recevabilite(
        dossier, au=au, options=OptionsRecevabilite(marge_prescription_jours=46)
    )
    assert large.voie.code.value == "interruption_prescription"


def test_l_annuaire_fourni_passe_par_les_options() -> None:
    """L'annuaire de l'utilisateur l'emporte sur l'annuaire livré, même contraire."""
    options = OptionsRecevabilite(annuaire={"33000": "Tribunal judiciaire de Libourne"})
    loyer = verifier_recevabilite(dossier_exemple("loyer"), au=AU, options=options)
    assert loyer.juridiction is not None
    assert loyer.juridiction.nom == "Tribunal judiciaire de Libourne"
    sans = verifier_recevabilite(dossier_exemple("loyer"), au=AU)
    assert sans.juridiction is not None and sans.juridiction.nom != loyer.juridiction.nom


def test_exiger_recevabilite_prend_les_memes_options() -> None:
    options = OptionsRecevabilite(marge_prescription_jours=30)
    assert exiger_recevabilite(dossier_exemple("b2b"), au=AU, options=options).recevable is True
    with pytest.raises(CreanceIrrecevable):
        exiger_recevabilite(
            dossier_exemple("consommateur"), au=dt.date(2028, 1, 1), options=options
        )
    with pytest.raises(ArgumentInvalide, match="options"):
        exiger_recevabilite(dossier_exemple("b2b"), au=AU, options=60)  # type: ignore[arg-type]
