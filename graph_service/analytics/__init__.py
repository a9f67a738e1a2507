"""Explainable rules over the case-network graph: every flag lists the facts behind it."""
