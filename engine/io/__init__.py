"""Readers and writers for every source layer, schemas and validation."""
from .gazetteer import Gazetteer
from .gpkg import read_layer, write_layers
from .report import Report
from .schemas import KINDS, validate
from .tables import read_table
from .validation import read_source, validate_file

__all__ = ["KINDS", "Gazetteer", "Report", "read_layer", "read_source", "read_table", "validate", "validate_file",
           "write_layers"]
