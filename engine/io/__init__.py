"""Readers and writers for every source layer, schemas and validation."""
from .gpkg import read_layer, write_layers
from .schemas import KINDS, validate
from .tables import read_table

__all__ = ["KINDS", "read_layer", "read_table", "validate", "write_layers"]
