"""A parameter form for any Processing algorithm, built from QGIS's own parameter widgets.

The docks never hand-code widgets per algorithm: the form asks Processing's GUI registry for the
widget of each parameter (layer combos, field pickers, enums, dates, ranges...), exactly as the
algorithm dialog does, so a new algorithm appears in a dock with the right widgets and no GUI code.
"""
from qgis.core import Qgis, QgsProcessingContext, QgsProject
from qgis.gui import QgsGui, QgsProcessingGui, QgsProcessingParameterWidgetContext
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtWidgets import QFormLayout, QLabel, QWidget

from ..i18n import tr

HIDDEN = Qgis.ProcessingParameterFlag.Hidden


class AlgorithmForm(QWidget):
    def __init__(self, algorithm, *, map_canvas=None, parent=None):
        super().__init__(parent)
        self.algorithm = algorithm
        self.context = QgsProcessingContext()
        self.context.setProject(QgsProject.instance())
        widget_context = QgsProcessingParameterWidgetContext()
        widget_context.setProject(QgsProject.instance())
        if map_canvas is not None:
            widget_context.setMapCanvas(map_canvas)
        self.wrappers = {}
        self.unsupported = []
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above widgets: docks are narrow
        registry = QgsGui.processingGuiRegistry()
        for parameter in algorithm.parameterDefinitions():
            if parameter.flags() & HIDDEN:
                continue
            wrapper = registry.createParameterWidgetWrapper(parameter, QgsProcessingGui.WidgetType.Standard)
            if wrapper is None:  # a Python-only parameter type: the algorithm dialog can still show it
                self.unsupported.append(parameter.description())
                continue
            wrapper.setWidgetContext(widget_context)
            widget = wrapper.createWrappedWidget(self.context)
            label = wrapper.createWrappedLabel()
            widget.setMinimumWidth(0)   # a narrow dock squeezes the widget, the scroll area never clips it
            if isinstance(label, QLabel):
                label.setWordWrap(True)
            if label is None:
                layout.addRow(widget)
            else:
                layout.addRow(label, widget)
            self.wrappers[parameter.name()] = wrapper
        for wrapper in self.wrappers.values():
            wrapper.postInitialize(list(self.wrappers.values()))
        if self.unsupported:
            note = QLabel(tr("Open the Processing dialog for: {names}").format(names=", ".join(self.unsupported)))
            note.setWordWrap(True)
            layout.addRow(note)

    def set_value(self, name, value):
        self.wrappers[name].setParameterValue(value, self.context)

    def value(self, name):
        return self.wrappers[name].parameterValue()

    def parameters(self):
        """Current values, None (unset optional parameters) left out."""
        values = {name: wrapper.parameterValue() for name, wrapper in self.wrappers.items()}
        return {name: value for name, value in values.items() if not _is_null(value)}

    def check(self):
        """(ok, message): each value against its parameter (named by its label), then the algorithm's check."""
        values = self.parameters()
        invalid = [wrapper.parameterDefinition().description() for name, wrapper in self.wrappers.items()
                   if not wrapper.parameterDefinition().checkValueIsAcceptable(values.get(name), self.context)]
        if invalid:
            return False, tr("Missing or invalid value: {names}").format(names=", ".join(invalid))
        return self.algorithm.checkParameterValues(values, self.context)


def _is_null(value):
    """Unset values come back as None or as a null QVariant (PyQGIS's NULL)."""
    return value is None or (isinstance(value, QVariant) and value.isNull())
