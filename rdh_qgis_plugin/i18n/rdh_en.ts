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
      <source>Migration corridors from flow-monitoring counts</source>
      <translation>Migration corridors from flow-monitoring counts</translation>
    </message>
    <message>
      <source>Analysis</source>
      <translation>Analysis</translation>
    </message>
    <message>
      <source>Routes the flows counted at flow monitoring points (origin → FMP → next stop → destination) on the road network, shares partly declared origins and destinations out by IPF with a gravity prior, and writes edge volumes (persons/day with a bootstrap 5–95% interval), named corridors, straight OD lines and the observed/assigned fit at each FMP. With k above 1, flow is shared over k alternative routes by a logit on travel time. Same as `rdh corridors`.</source>
      <translation>Routes the flows counted at flow monitoring points (origin → FMP → next stop → destination) on the road network, shares partly declared origins and destinations out by IPF with a gravity prior, and writes edge volumes (persons/day with a bootstrap 5–95% interval), named corridors, straight OD lines and the observed/assigned fit at each FMP. With k above 1, flow is shared over k alternative routes by a logit on travel time. Same as `rdh corridors`.</translation>
    </message>
    <message>
      <source>Road network</source>
      <translation>Road network</translation>
    </message>
    <message>
      <source>Gazetteer of places</source>
      <translation>Gazetteer of places</translation>
    </message>
    <message>
      <source>Flow monitoring points (catalogue)</source>
      <translation>Flow monitoring points (catalogue)</translation>
    </message>
    <message>
      <source>Flow monitoring counts</source>
      <translation>Flow monitoring counts</translation>
    </message>
    <message>
      <source>Point-of-entry status timeline (optional)</source>
      <translation>Point-of-entry status timeline (optional)</translation>
    </message>
    <message>
      <source>day</source>
      <translation>day</translation>
    </message>
    <message>
      <source>week</source>
      <translation>week</translation>
    </message>
    <message>
      <source>month</source>
      <translation>month</translation>
    </message>
    <message>
      <source>quarter</source>
      <translation>quarter</translation>
    </message>
    <message>
      <source>year</source>
      <translation>year</translation>
    </message>
    <message>
      <source>all</source>
      <translation>all</translation>
    </message>
    <message>
      <source>Period</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>Filters (COLUMN=VALUES; separated by ';'), e.g. flow_type=outgoing</source>
      <translation>Filters (COLUMN=VALUES; separated by ';'), e.g. flow_type=outgoing</translation>
    </message>
    <message>
      <source>Routes per stop pair (k)</source>
      <translation>Routes per stop pair (k)</translation>
    </message>
    <message>
      <source>Route choice sensitivity (per hour)</source>
      <translation>Route choice sensitivity (per hour)</translation>
    </message>
    <message>
      <source>Bootstrap resamples</source>
      <translation>Bootstrap resamples</translation>
    </message>
    <message>
      <source>Minimum share of flow for a corridor edge</source>
      <translation>Minimum share of flow for a corridor edge</translation>
    </message>
    <message>
      <source>Output GeoPackage</source>
      <translation>Output GeoPackage</translation>
    </message>
    <message>
      <source>Layers written</source>
      <translation>Layers written</translation>
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
      <source>Cancelled</source>
      <translation>Cancelled</translation>
    </message>
    <message>
      <source>Export for the geoportal</source>
      <translation>Export for the geoportal</translation>
    </message>
    <message>
      <source>Publish</source>
      <translation>Publish</translation>
    </message>
    <message>
      <source>Writes a publication bundle for the regional geoportal from an RDH GeoPackage: counts below the threshold withheld (or rounded), key-informant positions coarsened, then a GeoPackage with embedded styles and metadata, an SLD and ISO 19139 metadata per layer, a disclosure report, a styled QGIS project and a thumbnail. Same as `rdh export` on the command line.</source>
      <translation>Writes a publication bundle for the regional geoportal from an RDH GeoPackage: counts below the threshold withheld (or rounded), key-informant positions coarsened, then a GeoPackage with embedded styles and metadata, an SLD and ISO 19139 metadata per layer, a disclosure report, a styled QGIS project and a thumbnail. Same as `rdh export` on the command line.</translation>
    </message>
    <message>
      <source>RDH GeoPackage</source>
      <translation>RDH GeoPackage</translation>
    </message>
    <message>
      <source>Theme (bundle name)</source>
      <translation>Theme (bundle name)</translation>
    </message>
    <message>
      <source>Rasters to publish beside the layers (GeoTIFFs such as route_density.tif)</source>
      <translation>Rasters to publish beside the layers (GeoTIFFs such as route_density.tif)</translation>
    </message>
    <message>
      <source>Suppression threshold (counts below it are withheld)</source>
      <translation>Suppression threshold (counts below it are withheld)</translation>
    </message>
    <message>
      <source>Round counts to multiples of the threshold instead</source>
      <translation>Round counts to multiples of the threshold instead</translation>
    </message>
    <message>
      <source>Grid for key-informant positions (degrees)</source>
      <translation>Grid for key-informant positions (degrees)</translation>
    </message>
    <message>
      <source>Internal use only: skip data protection</source>
      <translation>Internal use only: skip data protection</translation>
    </message>
    <message>
      <source>Publication folder</source>
      <translation>Publication folder</translation>
    </message>
    <message>
      <source>Bundle folder</source>
      <translation>Bundle folder</translation>
    </message>
    <message>
      <source>Published GeoPackage</source>
      <translation>Published GeoPackage</translation>
    </message>
    <message>
      <source>QGIS project</source>
      <translation>QGIS project</translation>
    </message>
    <message>
      <source>Data protection skipped: this bundle is for internal use only.</source>
      <translation>Data protection skipped: this bundle is for internal use only.</translation>
    </message>
    <message>
      <source>Load and validate source</source>
      <translation>Load and validate source</translation>
    </message>
    <message>
      <source>Sources</source>
      <translation>Sources</translation>
    </message>
    <message>
      <source>Checks a hub source file (CSV, XLSX, GeoPackage, Shapefile, GeoJSON) against the schema of its kind — flow monitoring points and counts, points of entry and their status, transhumance reports, Missing Migrants incidents, IDPs, assisted movements, roads, places, OD flows, admin units — and, when it is valid, loads it with its house style. French and English column names are understood. Warnings (duplicates, jumps, swapped coordinates, points outside their country, future dates, unknown place names) are listed but do not stop the load. Same as `rdh validate FILE --to-gpkg OUT` on the command line.</source>
      <translation>Checks a hub source file (CSV, XLSX, GeoPackage, Shapefile, GeoJSON) against the schema of its kind — flow monitoring points and counts, points of entry and their status, transhumance reports, Missing Migrants incidents, IDPs, assisted movements, roads, places, OD flows, admin units — and, when it is valid, loads it with its house style. French and English column names are understood. Warnings (duplicates, jumps, swapped coordinates, points outside their country, future dates, unknown place names) are listed but do not stop the load. Same as `rdh validate FILE --to-gpkg OUT` on the command line.</translation>
    </message>
    <message>
      <source>Source file</source>
      <translation>Source file</translation>
    </message>
    <message>
      <source>Kind of source</source>
      <translation>Kind of source</translation>
    </message>
    <message>
      <source>Layer or sheet (default: the first)</source>
      <translation>Layer or sheet (default: the first)</translation>
    </message>
    <message>
      <source>Admin boundaries GeoPackage (adm0 layer, for point-in-country checks)</source>
      <translation>Admin boundaries GeoPackage (adm0 layer, for point-in-country checks)</translation>
    </message>
    <message>
      <source>Gazetteer (GeoNames places CSV, for place-name checks)</source>
      <translation>Gazetteer (GeoNames places CSV, for place-name checks)</translation>
    </message>
    <message>
      <source>Validated layer</source>
      <translation>Validated layer</translation>
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
      <source>(guess from the columns)</source>
      <translation>(guess from the columns)</translation>
    </message>
    <message>
      <source>Maps</source>
      <translation>Maps</translation>
    </message>
    <message>
      <source>Map (PDF/PNG) with the hub's layout</source>
      <translation>Map (PDF/PNG) with the hub's layout</translation>
    </message>
    <message>
      <source>One map of styled GeoPackage layers in the hub's layout (title, legend, scale bar, north arrow, locator, sources, disclaimer), framed on the features of a layer (optionally filtered), exported to PDF and/or PNG. Same as `rdh map`.</source>
      <translation>One map of styled GeoPackage layers in the hub's layout (title, legend, scale bar, north arrow, locator, sources, disclaimer), framed on the features of a layer (optionally filtered), exported to PDF and/or PNG. Same as `rdh map`.</translation>
    </message>
    <message>
      <source>Atlas (one page per feature)</source>
      <translation>Atlas (one page per feature)</translation>
    </message>
    <message>
      <source>An atlas series in the hub's layout: one page per feature of the coverage layer (countries, admin1, corridors, points of entry), with the page's name in the title, the map zoomed on it, the locator highlighting it and a legend of what the page shows. One PDF, or one PDF/PNG per page into a folder. 'Selected features only' and the filter export only some pages. Layers are GeoPackage layers with their embedded house styles. Same as `rdh atlas`.</source>
      <translation>An atlas series in the hub's layout: one page per feature of the coverage layer (countries, admin1, corridors, points of entry), with the page's name in the title, the map zoomed on it, the locator highlighting it and a legend of what the page shows. One PDF, or one PDF/PNG per page into a folder. 'Selected features only' and the filter export only some pages. Layers are GeoPackage layers with their embedded house styles. Same as `rdh atlas`.</translation>
    </message>
    <message>
      <source>A4 landscape</source>
      <translation>A4 landscape</translation>
    </message>
    <message>
      <source>A4 portrait</source>
      <translation>A4 portrait</translation>
    </message>
    <message>
      <source>A3 landscape</source>
      <translation>A3 landscape</translation>
    </message>
    <message>
      <source>A3 portrait</source>
      <translation>A3 portrait</translation>
    </message>
    <message>
      <source>Layers to show (top first; GeoPackage layers)</source>
      <translation>Layers to show (top first; GeoPackage layers)</translation>
    </message>
    <message>
      <source>Template</source>
      <translation>Template</translation>
    </message>
    <message>
      <source>Own layout template (.qpt), instead of the above</source>
      <translation>Own layout template (.qpt), instead of the above</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>Period (subtitle)</source>
      <translation>Period (subtitle)</translation>
    </message>
    <message>
      <source>Resolution of images (dpi)</source>
      <translation>Resolution of images (dpi)</translation>
    </message>
    <message>
      <source>Frame the map on this layer (one of the layers shown)</source>
      <translation>Frame the map on this layer (one of the layers shown)</translation>
    </message>
    <message>
      <source>…only its features matching</source>
      <translation>…only its features matching</translation>
    </message>
    <message>
      <source>Map PDF</source>
      <translation>Map PDF</translation>
    </message>
    <message>
      <source>Map PNG</source>
      <translation>Map PNG</translation>
    </message>
    <message>
      <source>Choose a PDF and/or a PNG file to write.</source>
      <translation>Choose a PDF and/or a PNG file to write.</translation>
    </message>
    <message>
      <source>Coverage layer (one page per feature)</source>
      <translation>Coverage layer (one page per feature)</translation>
    </message>
    <message>
      <source>Selected features only</source>
      <translation>Selected features only</translation>
    </message>
    <message>
      <source>Only features matching</source>
      <translation>Only features matching</translation>
    </message>
    <message>
      <source>One file per page (into the pages folder)</source>
      <translation>One file per page (into the pages folder)</translation>
    </message>
    <message>
      <source>Page files</source>
      <translation>Page files</translation>
    </message>
    <message>
      <source>Atlas PDF</source>
      <translation>Atlas PDF</translation>
    </message>
    <message>
      <source>Pages folder</source>
      <translation>Pages folder</translation>
    </message>
    <message>
      <source>Add the coverage layer to the layers shown, or leave them empty to show every layer of its GeoPackage.</source>
      <translation>Add the coverage layer to the layers shown, or leave them empty to show every layer of its GeoPackage.</translation>
    </message>
    <message>
      <source>Choose the atlas PDF to write.</source>
      <translation>Choose the atlas PDF to write.</translation>
    </message>
    <message>
      <source>{name}: maps are made from GeoPackage layers (the toolkit's outputs); save the layer to a GeoPackage first.</source>
      <translation>{name}: maps are made from GeoPackage layers (the toolkit's outputs); save the layer to a GeoPackage first.</translation>
    </message>
    <message>
      <source>'Selected features only' is on, but nothing is selected.</source>
      <translation>'Selected features only' is on, but nothing is selected.</translation>
    </message>
    <message>
      <source>Choose the folder that receives the pages.</source>
      <translation>Choose the folder that receives the pages.</translation>
    </message>
    <message>
      <source>Border-closure impact (points of entry)</source>
      <translation>Border-closure impact (points of entry)</translation>
    </message>
    <message>
      <source>Border closures</source>
      <translation>Border closures</translation>
    </message>
    <message>
      <source>Impact of closing points of entry on flows: for a date (status timeline) and/or a scenario file (poe_id, status), every OD flow's extra km and hours or whether it is stranded, flow lost and gained per PoE and volume change per road, against a baseline (all open or another date). Optional: criticality of every PoE (N-1, and N-2 for the top pairs) and the impact on every date a status changes, with a chart. Sweeps run on Dask: 'local' starts a cluster on this machine, or give tcp://host:port. Same as `rdh poe-impact` on the command line.</source>
      <translation>Impact of closing points of entry on flows: for a date (status timeline) and/or a scenario file (poe_id, status), every OD flow's extra km and hours or whether it is stranded, flow lost and gained per PoE and volume change per road, against a baseline (all open or another date). Optional: criticality of every PoE (N-1, and N-2 for the top pairs) and the impact on every date a status changes, with a chart. Sweeps run on Dask: 'local' starts a cluster on this machine, or give tcp://host:port. Same as `rdh poe-impact` on the command line.</translation>
    </message>
    <message>
      <source>Road network (GeoPackage with layer 'edges')</source>
      <translation>Road network (GeoPackage with layer 'edges')</translation>
    </message>
    <message>
      <source>Gazetteer (places)</source>
      <translation>Gazetteer (places)</translation>
    </message>
    <message>
      <source>PoE registry</source>
      <translation>PoE registry</translation>
    </message>
    <message>
      <source>PoE status timeline</source>
      <translation>PoE status timeline</translation>
    </message>
    <message>
      <source>OD flows (origin, destination, flow)</source>
      <translation>OD flows (origin, destination, flow)</translation>
    </message>
    <message>
      <source>Corridors output (layer od_flows), instead of OD flows</source>
      <translation>Corridors output (layer od_flows), instead of OD flows</translation>
    </message>
    <message>
      <source>Transhumance output (layer herd_routes), instead of OD flows</source>
      <translation>Transhumance output (layer herd_routes), instead of OD flows</translation>
    </message>
    <message>
      <source>Scenario file (poe_id, status)</source>
      <translation>Scenario file (poe_id, status)</translation>
    </message>
    <message>
      <source>Scenario date (YYYY-MM-DD)</source>
      <translation>Scenario date (YYYY-MM-DD)</translation>
    </message>
    <message>
      <source>Baseline date (YYYY-MM-DD; empty = every PoE open)</source>
      <translation>Baseline date (YYYY-MM-DD; empty = every PoE open)</translation>
    </message>
    <message>
      <source>Criticality (N-1, N-2)</source>
      <translation>Criticality (N-1, N-2)</translation>
    </message>
    <message>
      <source>Timeline over every status change</source>
      <translation>Timeline over every status change</translation>
    </message>
    <message>
      <source>Monte Carlo runs with uncertain statuses (0 = none)</source>
      <translation>Monte Carlo runs with uncertain statuses (0 = none)</translation>
    </message>
    <message>
      <source>Sweeps: 'local' (Dask on this machine), 'serial' or tcp://host:port</source>
      <translation>Sweeps: 'local' (Dask on this machine), 'serial' or tcp://host:port</translation>
    </message>
    <message>
      <source>Hours added at a partially open PoE</source>
      <translation>Hours added at a partially open PoE</translation>
    </message>
    <message>
      <source>Share of a flow that passes a partially open PoE</source>
      <translation>Share of a flow that passes a partially open PoE</translation>
    </message>
    <message>
      <source>Timeline chart (PNG)</source>
      <translation>Timeline chart (PNG)</translation>
    </message>
    <message>
      <source>RDH Toolkit (Regional Data Hub, West and Central Africa)</source>
      <translation>RDH Toolkit (Regional Data Hub, West and Central Africa)</translation>
    </message>
    <message>
      <source>Transhumance routes from key-informant reports</source>
      <translation>Transhumance routes from key-informant reports</translation>
    </message>
    <message>
      <source>Transhumance</source>
      <translation>Transhumance</translation>
    </message>
    <message>
      <source>Chains each herd's key-informant reports in time order and joins them by least-cost paths over a seasonal cost surface (built from land cover, or a ready cost raster). Writes herd routes, corridor lines with herd counts, border crossings with dates and alerts (herds predicted to reach a closed crossing or a conflict area) to a GeoPackage, and route_density.tif and corridor_band.tif beside it. Informant ids and exact report positions are not written. With surveyed OD flows between places instead of reports, routes each pair (od_routes) and the corridors they share. Same as `rdh transhumance` on the command line.</source>
      <translation>Chains each herd's key-informant reports in time order and joins them by least-cost paths over a seasonal cost surface (built from land cover, or a ready cost raster). Writes herd routes, corridor lines with herd counts, border crossings with dates and alerts (herds predicted to reach a closed crossing or a conflict area) to a GeoPackage, and route_density.tif and corridor_band.tif beside it. Informant ids and exact report positions are not written. With surveyed OD flows between places instead of reports, routes each pair (od_routes) and the corridors they share. Same as `rdh transhumance` on the command line.</translation>
    </message>
    <message>
      <source>Key-informant reports (CSV, XLSX or GeoPackage)</source>
      <translation>Key-informant reports (CSV, XLSX or GeoPackage)</translation>
    </message>
    <message>
      <source>Or: surveyed OD flows between places (origin, destination, flow)</source>
      <translation>Or: surveyed OD flows between places (origin, destination, flow)</translation>
    </message>
    <message>
      <source>Gazetteer of places (for OD flows)</source>
      <translation>Gazetteer of places (for OD flows)</translation>
    </message>
    <message>
      <source>Ready cost raster (instead of land cover)</source>
      <translation>Ready cost raster (instead of land cover)</translation>
    </message>
    <message>
      <source>Land cover raster (IGBP classes)</source>
      <translation>Land cover raster (IGBP classes)</translation>
    </message>
    <message>
      <source>Season</source>
      <translation>Season</translation>
    </message>
    <message>
      <source>Rivers and lakes (GeoPackage)</source>
      <translation>Rivers and lakes (GeoPackage)</translation>
    </message>
    <message>
      <source>Roads</source>
      <translation>Roads</translation>
    </message>
    <message>
      <source>Countries (admin GeoPackage)</source>
      <translation>Countries (admin GeoPackage)</translation>
    </message>
    <message>
      <source>Border crossings / points of entry</source>
      <translation>Border crossings / points of entry</translation>
    </message>
    <message>
      <source>Pastoral infrastructure (GeoPackage)</source>
      <translation>Pastoral infrastructure (GeoPackage)</translation>
    </message>
    <message>
      <source>Cell size of the built surface (m)</source>
      <translation>Cell size of the built surface (m)</translation>
    </message>
    <message>
      <source>Connectivity</source>
      <translation>Connectivity</translation>
    </message>
    <message>
      <source>Corridor band (% above the optimal cost)</source>
      <translation>Corridor band (% above the optimal cost)</translation>
    </message>
    <message>
      <source>Alert horizon (days)</source>
      <translation>Alert horizon (days)</translation>
    </message>
    <message>
      <source>Cost factor where the herd was seen in other years (1 = none)</source>
      <translation>Cost factor where the herd was seen in other years (1 = none)</translation>
    </message>
    <message>
      <source>Also compute a circuit-theory current map (current_density.tif)</source>
      <translation>Also compute a circuit-theory current map (current_density.tif)</translation>
    </message>
    <message>
      <source>Herd routes</source>
      <translation>Herd routes</translation>
    </message>
    <message>
      <source>Route density</source>
      <translation>Route density</translation>
    </message>
    <message>
      <source>Corridor band</source>
      <translation>Corridor band</translation>
    </message>
    <message>
      <source>Current map</source>
      <translation>Current map</translation>
    </message>
    <message>
      <source>Give either a ready cost raster or a land cover raster (not both).</source>
      <translation>Give either a ready cost raster or a land cover raster (not both).</translation>
    </message>
    <message>
      <source>Give either key-informant reports or OD flows (not both).</source>
      <translation>Give either key-informant reports or OD flows (not both).</translation>
    </message>
    <message>
      <source>OD flows need a gazetteer of places.</source>
      <translation>OD flows need a gazetteer of places.</translation>
    </message>
    <message>
      <source>dry</source>
      <translation>dry</translation>
    </message>
    <message>
      <source>wet</source>
      <translation>wet</translation>
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
