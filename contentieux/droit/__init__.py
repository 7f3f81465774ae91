"""Décisions juridiques partagées par les couches supérieures (décompte, recevabilité) : qualités
des parties, exigibilité, prescription et forclusion par facture."""
