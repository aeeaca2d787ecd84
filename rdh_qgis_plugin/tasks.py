"""A Processing algorithm as a background QgsTask: prepare, work, publish.

QGIS crashes when a worker thread touches the project or a widget, so the task follows Processing's
own three-step split:
- constructor (main thread): create the algorithm and a context bound to the project, then
  `prepare()` it (the step that may read layers and parameters);
- `run()` (worker thread): `runPrepared()` only; RDH algorithms spend this time waiting for the
  engine process (engine_runner.py), so QGIS stays responsive;
- `finished()` (main thread again): `postProcess()`, then load the output layers with their
  embedded default styles into a new layer group at the top of the layer tree.
Progress goes to the task manager's bar; cancelling the task cancels the Processing feedback,
which the engine runner turns into terminating the worker process.
"""
from pathlib import Path

from qgis.core import (
    Qgis, QgsApplication, QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback,
    QgsProcessingOutputMultipleLayers, QgsProcessingOutputRasterLayer, QgsProcessingOutputVectorLayer,
    QgsProcessingOutputMapLayer, QgsProject, QgsRasterLayer, QgsTask, QgsVectorLayer,
)
from qgis.PyQt.QtCore import pyqtSignal

from .i18n import map_language, tr
from .layouts.localize import localize_layer

LAYER_OUTPUTS = (QgsProcessingOutputVectorLayer, QgsProcessingOutputRasterLayer, QgsProcessingOutputMapLayer,
                 QgsProcessingOutputMultipleLayers)


class AlgorithmTask(QgsTask):
    """Runs one Processing algorithm in the background; `done` fires on the main thread at the end."""

    done = pyqtSignal(bool)

    def __init__(self, algorithm_id, parameters, *, group_name=None, project=None):
        algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
        if algorithm is None:
            raise KeyError(tr("No Processing algorithm {id}").format(id=algorithm_id))
        super().__init__(algorithm.displayName(), QgsTask.Flag.CanCancel)
        self.algorithm = algorithm
        self.parameters = dict(parameters)
        self.project = project or QgsProject.instance()
        self.group_name = group_name or algorithm.displayName()
        self.context = QgsProcessingContext()
        self.context.setProject(self.project)
        self.feedback = QgsProcessingFeedback()
        self.feedback.progressChanged.connect(self.setProgress)
        self.results = {}
        self.layers = []
        self.error = ""
        # Algorithms flagged FlagNoThreading (they touch the project or widgets) run on the main thread,
        # in finished(), as Processing's own dialog runs them; QGIS is busy meanwhile.
        self.main_thread_only = bool(algorithm.flags() & Qgis.ProcessingAlgorithmFlag.NoThreading)
        self.prepared = self.algorithm.prepare(self.parameters, self.context, self.feedback)
        if not self.prepared:
            self.error = self._last_error() or tr("The algorithm could not start with these parameters.")

    def run(self):
        """Worker thread: no project, layer tree or widget access here."""
        if not self.prepared:
            return False
        return True if self.main_thread_only else self._execute()

    def _execute(self):
        try:
            self.results = self.algorithm.runPrepared(self.parameters, self.context, self.feedback)
        except QgsProcessingException as exc:
            self.error = str(exc)
            return False
        return not self.feedback.isCanceled()

    def cancel(self):
        self.feedback.cancel()
        super().cancel()

    def finished(self, result):
        """Main thread: load the outputs into the project, then tell the listeners."""
        if result and self.main_thread_only:
            result = self._execute()
        if result:
            self.results = self.algorithm.postProcess(self.context, self.feedback) or self.results
            self.layers = add_layers_to_group(layers_to_load(self.algorithm, self.context, self.results),
                                              self.group_name, self.project)
        elif self.feedback.isCanceled():
            self.error = tr("Cancelled")
        self.done.emit(bool(result))

    def log(self):
        """Everything the algorithm reported (progress steps, engine messages, errors)."""
        return self.feedback.textLog()

    def _last_error(self):
        lines = [line for line in self.feedback.textLog().splitlines() if line.strip()]
        return lines[-1] if lines else ""


def layers_to_load(algorithm, context, results):
    """(source, name) of the layers to add: those the algorithm registered to load on completion
    (RDH job algorithms register their manifest's layers, with titles), else the layer outputs among
    its results, in the order its outputs are declared."""
    registered = context.layersToLoadOnCompletion()
    if registered:
        ordered = sorted(registered.items(), key=lambda item: item[1].layerSortKey)
        return [(uri, details.name) for uri, details in ordered]
    uris = []
    for output in algorithm.outputDefinitions():
        if not isinstance(output, LAYER_OUTPUTS) or output.name() not in results:
            continue
        value = results[output.name()]
        uris.extend(value if isinstance(value, (list, tuple)) else [value])
    return [(uri, None) for uri in dict.fromkeys(uri for uri in uris if isinstance(uri, str) and uri)]


def load_styled_layer(uri, name=None):
    """A vector (else raster) layer for `uri` with its default style (GeoPackage layer_styles, .qml)."""
    name = name or (uri.split("layername=", 1)[1].split("|")[0] if "layername=" in uri else Path(uri).stem)
    layer = QgsVectorLayer(uri, name, "ogr")
    if not layer.isValid():
        layer = QgsRasterLayer(uri, name)
    if not layer.isValid():
        return None
    layer.loadDefaultStyle()
    return localize_layer(layer, map_language())   # legend classes in QGIS's language


def add_layers_to_group(sources, group_name, project):
    """Add the layers ((source, name) pairs) to a new group at the top of the layer tree; returns the
    layers added."""
    layers = [layer for layer in (load_styled_layer(uri, name) for uri, name in sources) if layer is not None]
    if not layers:
        return []
    group = project.layerTreeRoot().insertGroup(0, group_name)
    for layer in layers:
        project.addMapLayer(layer, False)
        group.addLayer(layer)
    return layers
