"""Citations d'articles : un seul format, des clés qui renvoient à ``regles/sources.yaml``.

Chaque ``fondement`` d'un résultat (constat, voie, juridiction, prescription, calendrier ; côté
décompte, ``Decompte.fondements`` et le ``fondement`` de chaque ligne d'intérêts, indemnité,
clause pénale, capitalisation, imputation, valeur de règle utilisée) est une **clé** de la
section « Articles cités » de ``regles/sources.yaml``, qui en donne l'intitulé et l'adresse
officielle. Format unique : le code abrégé puis le numéro, sans « art. » pour un code, sans
paragraphe ni alinéa (« II », « al. 2 ») et sans commentaire : la précision va dans la note ou le
motif de la ligne, qui se lit à côté du fondement :

``C. civ. 1231-6``, ``C. com. L441-10``, ``C. consom. R312-35``, ``CPC 1405``, ``CPCE L111-8``
(procédures civiles d'exécution), ``CMF L313-3``, ``CCP R2192-31``, ``CJA R541-1``,
``C. postes L34-2`` (postes et communications électroniques), ``CGPPP L2311-1`` (code général
de la propriété des personnes publiques), ``COJ D211-1`` (organisation judiciaire),
``C. com. Annexe 7-4`` ; pour un
texte hors code, son type, son numéro et l'article : ``Loi 65-557 art. 42``,
``Décret 67-223 art. 62``, ``Règlement 1896/2006 art. 2`` ; un texte entier :
``Décret 2024-1225`` ; une décision de justice, la juridiction et le numéro de l'affaire :
``CJUE C-78/22`` (la date et la portée de la décision sont dans l'intitulé de sa source).

Exemples : « C. com. L441-10 II » s'écrit ``C. com. L441-10`` et la ligne note « L441-10 II : taux
BCE au 1er janvier ou au 1er juillet + 10 points » ; « CPCE L111-8 al. 2 » s'écrit
``CPCE L111-8`` ; « CJUE 4 mai 2023, C-78/22 » s'écrit ``CJUE C-78/22``.

Un champ ``fondement`` (d'un paramètre des règles, d'une ligne du décompte) contient une ou
plusieurs citations séparées par « ; », que :func:`articles` sépare :

>>> articles("C. com. L441-10 ; C. com. D441-5 ; CJUE C-78/22")
('C. com. L441-10', 'C. com. D441-5', 'CJUE C-78/22')

>>> articles("CPCE L125-1 ; CPCE R125-1")
('CPCE L125-1', 'CPCE R125-1')
>>> est_citation("CPC 1405"), est_citation("CPC art. 1405"), est_citation("C. com. L110-4 I")
(True, False, False)
>>> est_citation("CJUE C-78/22"), est_citation("CJUE 4 mai 2023, C-78/22")
(True, False)
"""

from __future__ import annotations

import re

from contentieux.francais import fondement_et_note as fondement_et_note

_CODES = r"(?:C\. civ\.|C\. com\.|C\. consom\.|C\. postes|CPC|CPCE|CMF|CCP|CJA|CGPPP|COJ)"
_NUMERO = r"(?:[LRDA]?\d+(?:-\d+)*(?:-[A-Z])?|Annexe \d+(?:-\d+)*)"
_TEXTE = r"(?:Loi|Décret|Ordonnance|Règlement) \d{2,4}[-/]\d+"
_DECISION = r"CJUE C-\d+/\d{2}"
FORMAT = re.compile(rf"^(?:{_CODES} {_NUMERO}|{_TEXTE}(?: art\. \d+(?:-\d+)*)?|{_DECISION})$")
"""Expression régulière d'une citation au format unique."""


def articles(fondement: str) -> tuple[str, ...]:
    """Les citations d'un champ ``fondement`` des règles (séparées par « ; »)."""
    return tuple(a.strip() for a in fondement.split(";") if a.strip())


def est_citation(texte: str) -> bool:
    """Vrai si ``texte`` est une citation au format unique (voir le module)."""
    return FORMAT.fullmatch(texte) is not None
