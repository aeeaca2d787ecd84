"""AlgorithmTask: a Processing algorithm in a background QgsTask, outputs added to a layer group."""
import pytest
from qgis.core import Qgis, QgsLayerTreeGroup, QgsTask

from rdh_qgis_plugin.tasks import AlgorithmTask

from .plugin_helpers import clean_project, rdh_provider, run_task, wait_until  # noqa: F401  (fixtures)

DEMO_LAYERS = ["roads", "admin0", "admin1", "places", "mmp_incidents"]


def test_demo_task_adds_styled_layers_to_a_group(rdh_provider, clean_project, sample_data, tmp_path):
    progress = []
    task = AlgorithmTask("rdh:demo", {"DATA": str(sample_data), "OUTPUT": str(tmp_path / "out"),
                                       "STEPS": "sources"},
                         group_name="Demo run")
    task.progressChanged.connect(progress.append)
    assert run_task(task), task.error
    assert task.status() == QgsTask.TaskStatus.Complete
    assert (tmp_path / "out" / "rdh_sources.gpkg").is_file()
    group = clean_project.layerTreeRoot().children()[0]
    assert isinstance(group, QgsLayerTreeGroup) and group.name() == "Demo run"
    assert [node.layer().name() for node in group.findLayers()] == DEMO_LAYERS
    roads = clean_project.mapLayersByName("roads")[0]
    assert roads.featureCount() == 1987
    assert roads.renderer().type() == "categorizedSymbol"  # the house style embedded by the engine
    assert "Road" in [c.label() for c in roads.renderer().categories()]   # the UI's language (English here)
    assert max(progress) == 100


def test_failed_algorithm_reports_the_engine_error_and_adds_nothing(rdh_provider, clean_project, tmp_path):
    (tmp_path / "real").mkdir()  # looks like sample data, holds nothing
    task = AlgorithmTask("rdh:demo", {"DATA": str(tmp_path), "OUTPUT": str(tmp_path / "out")})
    assert not run_task(task)
    assert "no such file" in task.error.lower()
    assert task.status() == QgsTask.TaskStatus.Terminated
    assert clean_project.layerTreeRoot().children() == []


def test_cancel_stops_the_engine(rdh_provider, clean_project, sample_data, tmp_path):
    task = AlgorithmTask("rdh:demo", {"DATA": str(sample_data), "OUTPUT": str(tmp_path / "out"),
                                       "STEPS": "sources"})
    outcome = []
    task.done.connect(outcome.append)
    from qgis.core import QgsApplication

    QgsApplication.taskManager().addTask(task)
    wait_until(lambda: task.status() == QgsTask.TaskStatus.Running)
    task.cancel()
    wait_until(lambda: outcome)
    assert outcome == [False]
    assert task.error == "Cancelled"
    assert not (tmp_path / "out" / "rdh_sources.gpkg").exists()  # the engine was stopped before writing
    assert clean_project.layerTreeRoot().children() == []


def test_unknown_algorithm_is_refused(rdh_provider):
    with pytest.raises(KeyError, match="rdh:nope"):
        AlgorithmTask("rdh:nope", {})


@pytest.mark.parametrize("no_threading", [False, True])
def test_worker_thread_unless_the_algorithm_says_no_threading(no_threading, qgis_processing, clean_project,
                                                              sample_data, tmp_path):
    from qgis.core import QgsApplication, QgsProcessingProvider
    from qgis.PyQt.QtCore import QCoreApplication, QThread

    from rdh_qgis_plugin.processing.job_algorithm import JobAlgorithm
    from rdh_qgis_plugin.processing.spec import load_spec

    on_main_thread = []

    class ProbedDemo(JobAlgorithm):
        def flags(self):
            flags = super().flags()
            return flags | Qgis.ProcessingAlgorithmFlag.NoThreading if no_threading else flags

        def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
            on_main_thread.append(QThread.currentThread() == QCoreApplication.instance().thread())
            return super().processAlgorithm(parameters, context, feedback)

    class Provider(QgsProcessingProvider):
        def id(self):
            return "rdhtest"

        def name(self):
            return "RDH test"

        def loadAlgorithms(self):  # noqa: N802
            self.addAlgorithm(ProbedDemo("demo", load_spec()["jobs"]["demo"]))

    provider = Provider()
    QgsApplication.processingRegistry().addProvider(provider)
    try:
        task = AlgorithmTask("rdhtest:demo", {"DATA": str(sample_data), "OUTPUT": str(tmp_path / "out"),
                                       "STEPS": "sources"})
        assert task.main_thread_only == no_threading
        assert run_task(task), task.error
        assert on_main_thread == [no_threading] and len(task.layers) == 5
    finally:
        QgsApplication.processingRegistry().removeProvider(provider)
