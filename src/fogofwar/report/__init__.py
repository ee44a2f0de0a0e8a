"""Exports researchers load elsewhere: GeoJSON, flat CSV per part, ACLED-style CSV, JSON Lines."""

from fogofwar.report.exports import FORMATS, export

__all__ = ["FORMATS", "export"]
