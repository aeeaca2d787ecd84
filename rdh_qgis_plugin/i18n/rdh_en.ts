<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en">
  <context>
    <name>RdhPlugin</name>
    <message>
      <source>Open the Processing dialog for: {names}</source>
      <translation>Open the Processing dialog for: {names}</translation>
    </message>
    <message>
      <source>Missing or invalid value: {names}</source>
      <translation>Missing or invalid value: {names}</translation>
    </message>
    <message>
      <source>No algorithm for this panel is installed in this version of the RDH Toolkit.</source>
      <translation>No algorithm for this panel is installed in this version of the RDH Toolkit.</translation>
    </message>
    <message>
      <source>RDH Sources</source>
      <translation>RDH Sources</translation>
    </message>
    <message>
      <source>RDH Analysis</source>
      <translation>RDH Analysis</translation>
    </message>
    <message>
      <source>RDH Publish</source>
      <translation>RDH Publish</translation>
    </message>
    <message>
      <source>Run</source>
      <translation>Run</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>The rdh command of the toolkit's Python environment, e.g. /opt/rdh-toolkit/.venv/bin/rdh. Saved in the QGIS settings.</source>
      <translation>The rdh command of the toolkit's Python environment, e.g. /opt/rdh-toolkit/.venv/bin/rdh. Saved in the QGIS settings.</translation>
    </message>
    <message>
      <source>Select the rdh command of the toolkit's environment</source>
      <translation>Select the rdh command of the toolkit's environment</translation>
    </message>
    <message>
      <source>Install the RDH engine…</source>
      <translation>Install the RDH engine…</translation>
    </message>
    <message>
      <source>RDH Toolkit</source>
      <translation>RDH Toolkit</translation>
    </message>
    <message>
      <source>RDH engine (the rdh command):</source>
      <translation>RDH engine (the rdh command):</translation>
    </message>
    <message>
      <source>Engine found: {path}</source>
      <translation>Engine found: {path}</translation>
    </message>
    <message>
      <source>Running {name}…</source>
      <translation>Running {name}…</translation>
    </message>
    <message>
      <source>Not found: install the RDH engine (button below), or select an existing rdh command.</source>
      <translation>Not found: install the RDH engine (button below), or select an existing rdh command.</translation>
    </message>
    <message>
      <source>RDH: {name}</source>
      <translation>RDH: {name}</translation>
    </message>
    <message>
      <source>{name}: {count} layers added to the group “{group}”.</source>
      <translation>{name}: {count} layers added to the group “{group}”.</translation>
    </message>
    <message>
      <source>{name} failed: {error}</source>
      <translation>{name} failed: {error}</translation>
    </message>
    <message>
      <source>Not a working rdh command: {reason}</source>
      <translation>Not a working rdh command: {reason}</translation>
    </message>
    <message>
      <source>exit code {code}</source>
      <translation>exit code {code}</translation>
    </message>
    <message>
      <source>Creating the Python environment</source>
      <translation>Creating the Python environment</translation>
    </message>
    <message>
      <source>Installing the RDH engine and its libraries (several minutes)</source>
      <translation>Installing the RDH engine and its libraries (several minutes)</translation>
    </message>
    <message>
      <source>Checking the engine (rdh --version)</source>
      <translation>Checking the engine (rdh --version)</translation>
    </message>
    <message>
      <source>Running a tiny job (rdh validate)</source>
      <translation>Running a tiny job (rdh validate)</translation>
    </message>
    <message>
      <source>Installing the RDH engine</source>
      <translation>Installing the RDH engine</translation>
    </message>
    <message>
      <source>Install the RDH engine</source>
      <translation>Install the RDH engine</translation>
    </message>
    <message>
      <source>Download the libraries from the Python package index (internet)</source>
      <translation>Download the libraries from the Python package index (internet)</translation>
    </message>
    <message>
      <source>Use a folder of wheels prepared for offline installs:</source>
      <translation>Use a folder of wheels prepared for offline installs:</translation>
    </message>
    <message>
      <source>Folder with the .whl files</source>
      <translation>Folder with the .whl files</translation>
    </message>
    <message>
      <source>Browse…</source>
      <translation>Browse…</translation>
    </message>
    <message>
      <source>Install</source>
      <translation>Install</translation>
    </message>
    <message>
      <source>Folder of wheels</source>
      <translation>Folder of wheels</translation>
    </message>
    <message>
      <source>Installing…</source>
      <translation>Installing…</translation>
    </message>
    <message>
      <source>Cannot install here: no Python found to make the environment from, or no engine wheel in the plugin. See docs/install.md.</source>
      <translation>Cannot install here: no Python found to make the environment from, or no engine wheel in the plugin. See docs/install.md.</translation>
    </message>
    <message>
      <source>Choose an existing folder of wheels.</source>
      <translation>Choose an existing folder of wheels.</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>Cancelled</translation>
    </message>
    <message>
      <source>The RDH analyses run in their own Python environment, which this installs into your QGIS profile (about 1 GB; nothing is changed in QGIS's Python).
Environment: {venv}
Python used: {python}
Engine package: {wheel}</source>
      <translation>The RDH analyses run in their own Python environment, which this installs into your QGIS profile (about 1 GB; nothing is changed in QGIS's Python).
Environment: {venv}
Python used: {python}
Engine package: {wheel}</translation>
    </message>
    <message>
      <source>not found</source>
      <translation>not found</translation>
    </message>
    <message>
      <source>not found in the plugin</source>
      <translation>not found in the plugin</translation>
    </message>
    <message>
      <source>The RDH engine is installed and works ({version}): {path}</source>
      <translation>The RDH engine is installed and works ({version}): {path}</translation>
    </message>
    <message>
      <source>The installation failed: {error}</source>
      <translation>The installation failed: {error}</translation>
    </message>
    <message>
      <source>{step} failed (exit code {code}):
{output}</source>
      <translation>{step} failed (exit code {code}):
{output}</translation>
    </message>
    <message>
      <source>&amp;RDH Toolkit</source>
      <translation>&amp;RDH Toolkit</translation>
    </message>
    <message>
      <source>Run the sample-data demo…</source>
      <translation>Run the sample-data demo…</translation>
    </message>
    <message>
      <source>{panel} panel</source>
      <translation>{panel} panel</translation>
    </message>
    <message>
      <source>RDH Toolkit cannot run its analyses yet: the RDH engine is not installed. Install it (Plugins &gt; RDH Toolkit &gt; Install the RDH engine…), or point the QGIS setting {setting} at an existing rdh command.</source>
      <translation>RDH Toolkit cannot run its analyses yet: the RDH engine is not installed. Install it (Plugins &gt; RDH Toolkit &gt; Install the RDH engine…), or point the QGIS setting {setting} at an existing rdh command.</translation>
    </message>
    <message>
      <source>{name}: the engine reads files; save this layer to a file first.</source>
      <translation>{name}: the engine reads files; save this layer to a file first.</translation>
    </message>
    <message>
      <source>Layers written</source>
      <translation>Layers written</translation>
    </message>
    <message>
      <source>Same as `rdh {command}` on the command line.</source>
      <translation>Same as `rdh {command}` on the command line.</translation>
    </message>
    <message>
      <source>{name}: give {n} numbers</source>
      <translation>{name}: give {n} numbers</translation>
    </message>
    <message>
      <source>{name} must be {bound}</source>
      <translation>{name} must be {bound}</translation>
    </message>
    <message>
      <source>{name}: {value} does not match {pattern}</source>
      <translation>{name}: {value} does not match {pattern}</translation>
    </message>
    <message>
      <source>Loaded layer</source>
      <translation>Loaded layer</translation>
    </message>
    <message>
      <source>Validation report</source>
      <translation>Validation report</translation>
    </message>
    <message>
      <source>Valid</source>
      <translation>Valid</translation>
    </message>
    <message>
      <source>{path} is not a valid {kind} source: {n} error(s)</source>
      <translation>{path} is not a valid {kind} source: {n} error(s)</translation>
    </message>
    <message>
      <source>Choose the layers to show.</source>
      <translation>Choose the layers to show.</translation>
    </message>
    <message>
      <source>Layers to show (top first; GeoPackage layers)</source>
      <translation>Layers to show (top first; GeoPackage layers)</translation>
    </message>
    <message>
      <source>{name}: maps are made from GeoPackage layers (the toolkit's outputs); save the layer to a GeoPackage first.</source>
      <translation>{name}: maps are made from GeoPackage layers (the toolkit's outputs); save the layer to a GeoPackage first.</translation>
    </message>
    <message>
      <source>The plugin's engine wheel (wheels/) is missing: reinstall the plugin.</source>
      <translation>The plugin's engine wheel (wheels/) is missing: reinstall the plugin.</translation>
    </message>
    <message>
      <source>'Selected features only' is on, but nothing is selected.</source>
      <translation>'Selected features only' is on, but nothing is selected.</translation>
    </message>
    <message>
      <source>Wrote {pages} page(s) in {files} file(s)</source>
      <translation>Wrote {pages} page(s) in {files} file(s)</translation>
    </message>
    <message>
      <source>Wrote {path}</source>
      <translation>Wrote {path}</translation>
    </message>
    <message>
      <source>Add the layer {name} to the layers shown.</source>
      <translation>Add the layer {name} to the layers shown.</translation>
    </message>
    <message>
      <source>Getting started</source>
      <translation>Getting started</translation>
    </message>
    <message>
      <source>Sources</source>
      <translation>Sources</translation>
    </message>
    <message>
      <source>Analysis</source>
      <translation>Analysis</translation>
    </message>
    <message>
      <source>Transhumance</source>
      <translation>Transhumance</translation>
    </message>
    <message>
      <source>Border closures</source>
      <translation>Border closures</translation>
    </message>
    <message>
      <source>Publish</source>
      <translation>Publish</translation>
    </message>
    <message>
      <source>Maps</source>
      <translation>Maps</translation>
    </message>
    <message>
      <source>Other tools</source>
      <translation>Other tools</translation>
    </message>
    <message>
      <source>RDH Toolkit (Regional Data Hub, West and Central Africa)</source>
      <translation>RDH Toolkit (Regional Data Hub, West and Central Africa)</translation>
    </message>
    <message>
      <source>en</source>
      <translation>en</translation>
    </message>
    <message>
      <source>The algorithm could not start with these parameters.</source>
      <translation>The algorithm could not start with these parameters.</translation>
    </message>
    <message>
      <source>No Processing algorithm {id}</source>
      <translation>No Processing algorithm {id}</translation>
    </message>
  </context>
</TS>
