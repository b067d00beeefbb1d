"""Extraction of topics, definitions and quotes with provenance from Driving K-12 Innovation releases."""

__version__ = "0.3.0"
