"""Migration corridors from flow-monitoring counts."""
