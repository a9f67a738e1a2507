"""Agencies' extracts as they arrive: files read row by row, and what an import reports."""
