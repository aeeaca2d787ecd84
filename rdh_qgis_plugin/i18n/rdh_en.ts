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
      <source>No analysis is installed in this version of the RDH Toolkit yet. Corridors, transhumance and border-closure impact will appear here when their Processing algorithms are added.</source>
      <translation>No analysis is installed in this version of the RDH Toolkit yet. Corridors, transhumance and border-closure impact will appear here when their Processing algorithms are added.</translation>
    </message>
    <message>
      <source>RDH Publish</source>
      <translation>RDH Publish</translation>
    </message>
    <message>
      <source>No export, publish or atlas algorithm is installed in this version of the RDH Toolkit yet.</source>
      <translation>No export, publish or atlas algorithm is installed in this version of the RDH Toolkit yet.</translation>
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
      <source>Not found: install the toolkit (make setup) and select its .venv/bin/rdh.</source>
      <translation>Not found: install the toolkit (make setup) and select its .venv/bin/rdh.</translation>
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
      <source>RDH Toolkit cannot run its analyses yet: the RDH engine (the rdh command) was not found. Install the toolkit (make setup in its folder), then select its .venv/bin/rdh in the RDH Sources panel (or set RDH_EXECUTABLE, or the QGIS setting {setting}).</source>
      <translation>RDH Toolkit cannot run its analyses yet: the RDH engine (the rdh command) was not found. Install the toolkit (make setup in its folder), then select its .venv/bin/rdh in the RDH Sources panel (or set RDH_EXECUTABLE, or the QGIS setting {setting}).</translation>
    </message>
    <message>
      <source>Sample-data demo: styled source layers</source>
      <translation>Sample-data demo: styled source layers</translation>
    </message>
    <message>
      <source>Getting started</source>
      <translation>Getting started</translation>
    </message>
    <message>
      <source>Loads and validates the hub's sample source layers (roads, admin boundaries, places, Missing Migrants incidents) and writes them to one GeoPackage with the house styles embedded and provenance metadata. Same as `rdh demo` on the command line.</source>
      <translation>Loads and validates the hub's sample source layers (roads, admin boundaries, places, Missing Migrants incidents) and writes them to one GeoPackage with the house styles embedded and provenance metadata. Same as `rdh demo` on the command line.</translation>
    </message>
    <message>
      <source>Sample data folder</source>
      <translation>Sample data folder</translation>
    </message>
    <message>
      <source>Output folder</source>
      <translation>Output folder</translation>
    </message>
    <message>
      <source>Styled GeoPackage</source>
      <translation>Styled GeoPackage</translation>
    </message>
    <message>
      <source>Layers written</source>
      <translation>Layers written</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>Cancelled</translation>
    </message>
    <message>
      <source>RDH Toolkit (Regional Data Hub, West and Central Africa)</source>
      <translation>RDH Toolkit (Regional Data Hub, West and Central Africa)</translation>
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
