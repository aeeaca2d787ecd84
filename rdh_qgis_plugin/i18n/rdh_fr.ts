<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
  <context>
    <name>RdhPlugin</name>
    <message>
      <source>Open the Processing dialog for: {names}</source>
      <translation>Ouvrez la boîte de dialogue Processing pour : {names}</translation>
    </message>
    <message>
      <source>Missing or invalid value: {names}</source>
      <translation>Valeur manquante ou invalide : {names}</translation>
    </message>
    <message>
      <source>No algorithm for this panel is installed in this version of the RDH Toolkit.</source>
      <translation>Aucun algorithme de ce panneau n'est installé dans cette version de la boîte à outils RDH.</translation>
    </message>
    <message>
      <source>RDH Sources</source>
      <translation>Sources RDH</translation>
    </message>
    <message>
      <source>RDH Analysis</source>
      <translation>Analyses RDH</translation>
    </message>
    <message>
      <source>No analysis is installed in this version of the RDH Toolkit yet. Corridors, transhumance and border-closure impact will appear here when their Processing algorithms are added.</source>
      <translation>Aucune analyse n'est encore installée dans cette version de la boîte à outils RDH. Les corridors, la transhumance et l'impact des fermetures de frontières apparaîtront ici lorsque leurs algorithmes Processing seront ajoutés.</translation>
    </message>
    <message>
      <source>RDH Publish</source>
      <translation>Publication RDH</translation>
    </message>
    <message>
      <source>No export, publish or atlas algorithm is installed in this version of the RDH Toolkit yet.</source>
      <translation>Aucun algorithme d'export, de publication ou d'atlas n'est encore installé dans cette version de la boîte à outils RDH.</translation>
    </message>
    <message>
      <source>Run</source>
      <translation>Exécuter</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <source>The rdh command of the toolkit's Python environment, e.g. /opt/rdh-toolkit/.venv/bin/rdh. Saved in the QGIS settings.</source>
      <translation>La commande rdh de l'environnement Python de la boîte à outils, par ex. /opt/rdh-toolkit/.venv/bin/rdh. Enregistrée dans les paramètres de QGIS.</translation>
    </message>
    <message>
      <source>Select the rdh command of the toolkit's environment</source>
      <translation>Sélectionnez la commande rdh de l'environnement de la boîte à outils</translation>
    </message>
    <message>
      <source>RDH Toolkit</source>
      <translation>Boîte à outils RDH</translation>
    </message>
    <message>
      <source>RDH engine (the rdh command):</source>
      <translation>Moteur RDH (la commande rdh) :</translation>
    </message>
    <message>
      <source>Engine found: {path}</source>
      <translation>Moteur trouvé : {path}</translation>
    </message>
    <message>
      <source>Running {name}…</source>
      <translation>Exécution de {name}…</translation>
    </message>
    <message>
      <source>Not found: install the toolkit (make setup) and select its .venv/bin/rdh.</source>
      <translation>Introuvable : installez la boîte à outils (make setup) et sélectionnez son .venv/bin/rdh.</translation>
    </message>
    <message>
      <source>RDH: {name}</source>
      <translation>RDH : {name}</translation>
    </message>
    <message>
      <source>{name}: {count} layers added to the group “{group}”.</source>
      <translation>{name} : {count} couches ajoutées au groupe « {group} ».</translation>
    </message>
    <message>
      <source>{name} failed: {error}</source>
      <translation>{name} a échoué : {error}</translation>
    </message>
    <message>
      <source>Not a working rdh command: {reason}</source>
      <translation>Cette commande rdh ne fonctionne pas : {reason}</translation>
    </message>
    <message>
      <source>exit code {code}</source>
      <translation>code de sortie {code}</translation>
    </message>
    <message>
      <source>&amp;RDH Toolkit</source>
      <translation>Boîte à outils &amp;RDH</translation>
    </message>
    <message>
      <source>Run the sample-data demo…</source>
      <translation>Lancer la démo sur les données d'exemple…</translation>
    </message>
    <message>
      <source>{panel} panel</source>
      <translation>Panneau {panel}</translation>
    </message>
    <message>
      <source>RDH Toolkit cannot run its analyses yet: the RDH engine (the rdh command) was not found. Install the toolkit (make setup in its folder), then select its .venv/bin/rdh in the RDH Sources panel (or set RDH_EXECUTABLE, or the QGIS setting {setting}).</source>
      <translation>La boîte à outils RDH ne peut pas encore lancer ses analyses : le moteur RDH (la commande rdh) est introuvable. Installez la boîte à outils (make setup dans son dossier), puis sélectionnez son .venv/bin/rdh dans le panneau Sources RDH (ou définissez RDH_EXECUTABLE, ou le paramètre QGIS {setting}).</translation>
    </message>
    <message>
      <source>Sample-data demo: styled source layers</source>
      <translation>Démo sur les données d'exemple : couches sources stylées</translation>
    </message>
    <message>
      <source>Getting started</source>
      <translation>Premiers pas</translation>
    </message>
    <message>
      <source>Loads and validates the hub's sample source layers (roads, admin boundaries, places, Missing Migrants incidents) and writes them to one GeoPackage with the house styles embedded and provenance metadata. Same as `rdh demo` on the command line.</source>
      <translation>Charge et valide les couches sources d'exemple du hub (routes, limites administratives, localités, incidents Missing Migrants) et les écrit dans un GeoPackage avec les styles maison intégrés et les métadonnées de provenance. Équivaut à `rdh demo` en ligne de commande.</translation>
    </message>
    <message>
      <source>Sample data folder</source>
      <translation>Dossier des données d'exemple</translation>
    </message>
    <message>
      <source>Output folder</source>
      <translation>Dossier de sortie</translation>
    </message>
    <message>
      <source>Styled GeoPackage</source>
      <translation>GeoPackage stylé</translation>
    </message>
    <message>
      <source>Layers written</source>
      <translation>Couches écrites</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>Annulé</translation>
    </message>
    <message>
      <source>RDH Toolkit (Regional Data Hub, West and Central Africa)</source>
      <translation>Boîte à outils RDH (Regional Data Hub, Afrique de l'Ouest et du Centre)</translation>
    </message>
    <message>
      <source>The algorithm could not start with these parameters.</source>
      <translation>L'algorithme n'a pas pu démarrer avec ces paramètres.</translation>
    </message>
    <message>
      <source>No Processing algorithm {id}</source>
      <translation>Aucun algorithme Processing {id}</translation>
    </message>
  </context>
</TS>
