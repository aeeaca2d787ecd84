"""Publishing: the QGIS side of publication bundles (project, thumbnail, QGIS Server project) and
the `rdh publish` command."""
