"""Fixtures and helpers shared by the plugin's headless tests (tasks, docks, translations)."""
import time

import pytest
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication


@pytest.fixture
def rdh_provider(qgis_processing):
    """The plugin's Processing provider, registered for one test (as initProcessing() does)."""
    from rdh_qgis_plugin.processing.provider import RdhProvider

    registry = QgsApplication.processingRegistry()
    provider = RdhProvider()
    assert registry.addProvider(provider)
    yield provider
    registry.removeProvider(provider)


@pytest.fixture
def clean_project():
    project = QgsProject.instance()
    project.clear()
    yield project
    project.clear()


def wait_until(condition, timeout_s=120.0):
    """Spin the Qt event loop (tasks report back through it) until `condition()` or the timeout."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"still waiting after {timeout_s} s")
        QCoreApplication.processEvents()
        time.sleep(0.02)


def run_task(task, timeout_s=120.0):
    """Start a task in QGIS's task manager and wait until its finished() has run on this thread."""
    outcome = []
    task.done.connect(outcome.append)
    QgsApplication.taskManager().addTask(task)
    wait_until(lambda: outcome, timeout_s)
    return outcome[0]
