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
      <source>RDH Publish</source>
      <translation>Publication RDH</translation>
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
      <source>Install the RDH engine…</source>
      <translation>Installer le moteur RDH…</translation>
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
      <source>Not found: install the RDH engine (button below), or select an existing rdh command.</source>
      <translation>Introuvable : installez le moteur RDH (bouton ci-dessous) ou choisissez une commande rdh existante.</translation>
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
      <source>Creating the Python environment</source>
      <translation>Création de l'environnement Python</translation>
    </message>
    <message>
      <source>Installing the RDH engine and its libraries (several minutes)</source>
      <translation>Installation du moteur RDH et de ses bibliothèques (plusieurs minutes)</translation>
    </message>
    <message>
      <source>Checking the engine (rdh --version)</source>
      <translation>Vérification du moteur (rdh --version)</translation>
    </message>
    <message>
      <source>Running a tiny job (rdh validate)</source>
      <translation>Exécution d'une petite tâche (rdh validate)</translation>
    </message>
    <message>
      <source>Installing the RDH engine</source>
      <translation>Installation du moteur RDH</translation>
    </message>
    <message>
      <source>Install the RDH engine</source>
      <translation>Installer le moteur RDH</translation>
    </message>
    <message>
      <source>Download the libraries from the Python package index (internet)</source>
      <translation>Télécharger les bibliothèques depuis l'index des paquets Python (internet)</translation>
    </message>
    <message>
      <source>Use a folder of wheels prepared for offline installs:</source>
      <translation>Utiliser un dossier de wheels préparé pour une installation hors ligne :</translation>
    </message>
    <message>
      <source>Folder with the .whl files</source>
      <translation>Dossier contenant les fichiers .whl</translation>
    </message>
    <message>
      <source>Browse…</source>
      <translation>Parcourir…</translation>
    </message>
    <message>
      <source>Install</source>
      <translation>Installer</translation>
    </message>
    <message>
      <source>Folder of wheels</source>
      <translation>Dossier de wheels</translation>
    </message>
    <message>
      <source>Installing…</source>
      <translation>Installation…</translation>
    </message>
    <message>
      <source>Cannot install here: no Python found to make the environment from, or no engine wheel in the plugin. See docs/install.md.</source>
      <translation>Installation impossible ici : aucun Python trouvé pour créer l'environnement, ou pas de wheel du moteur dans l'extension. Voir docs/install.fr.md.</translation>
    </message>
    <message>
      <source>Choose an existing folder of wheels.</source>
      <translation>Choisissez un dossier de wheels existant.</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>Annulé</translation>
    </message>
    <message>
      <source>The RDH analyses run in their own Python environment, which this installs into your QGIS profile (about 1 GB; nothing is changed in QGIS's Python).
Environment: {venv}
Python used: {python}
Engine package: {wheel}</source>
      <translation>Les analyses RDH tournent dans leur propre environnement Python, que cette fenêtre installe dans votre profil QGIS (environ 1 Go ; le Python de QGIS n'est pas modifié).
Environnement : {venv}
Python utilisé : {python}
Paquet du moteur : {wheel}</translation>
    </message>
    <message>
      <source>not found</source>
      <translation>introuvable</translation>
    </message>
    <message>
      <source>not found in the plugin</source>
      <translation>absent de l'extension</translation>
    </message>
    <message>
      <source>The RDH engine is installed and works ({version}): {path}</source>
      <translation>Le moteur RDH est installé et fonctionne ({version}) : {path}</translation>
    </message>
    <message>
      <source>The installation failed: {error}</source>
      <translation>L'installation a échoué : {error}</translation>
    </message>
    <message>
      <source>{step} failed (exit code {code}):
{output}</source>
      <translation>{step} a échoué (code de sortie {code}) :
{output}</translation>
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
      <source>RDH Toolkit cannot run its analyses yet: the RDH engine is not installed. Install it (Plugins &gt; RDH Toolkit &gt; Install the RDH engine…), or point the QGIS setting {setting} at an existing rdh command.</source>
      <translation>RDH Toolkit ne peut pas encore lancer ses analyses : le moteur RDH n'est pas installé. Installez-le (Extensions &gt; RDH Toolkit &gt; Installer le moteur RDH…), ou indiquez dans le paramètre QGIS {setting} une commande rdh existante.</translation>
    </message>
    <message>
      <source>{name}: the engine reads files; save this layer to a file first.</source>
      <translation>{name} : le moteur lit des fichiers ; enregistrez d’abord cette couche dans un fichier.</translation>
    </message>
    <message>
      <source>Layers written</source>
      <translation>Couches écrites</translation>
    </message>
    <message>
      <source>Same as `rdh {command}` on the command line.</source>
      <translation>Identique à `rdh {command}` en ligne de commande.</translation>
    </message>
    <message>
      <source>{name}: give {n} numbers</source>
      <translation>{name} : donnez {n} nombres</translation>
    </message>
    <message>
      <source>{name} must be {bound}</source>
      <translation>{name} doit être {bound}</translation>
    </message>
    <message>
      <source>{name}: {value} does not match {pattern}</source>
      <translation>{name} : {value} ne correspond pas à {pattern}</translation>
    </message>
    <message>
      <source>Loaded layer</source>
      <translation>Couche chargée</translation>
    </message>
    <message>
      <source>Validation report</source>
      <translation>Rapport de validation</translation>
    </message>
    <message>
      <source>Valid</source>
      <translation>Valide</translation>
    </message>
    <message>
      <source>{path} is not a valid {kind} source: {n} error(s)</source>
      <translation>{path} n'est pas une source {kind} valide : {n} erreur(s)</translation>
    </message>
    <message>
      <source>Choose the layers to show.</source>
      <translation>Choisissez les couches à afficher.</translation>
    </message>
    <message>
      <source>Layers to show (top first; GeoPackage layers)</source>
      <translation>Couches à afficher (la plus haute en premier ; couches GeoPackage)</translation>
    </message>
    <message>
      <source>{name}: maps are made from GeoPackage layers (the toolkit's outputs); save the layer to a GeoPackage first.</source>
      <translation>{name} : les cartes sont faites à partir de couches GeoPackage (les sorties de la boîte à outils) ; enregistrez d'abord la couche dans un GeoPackage.</translation>
    </message>
    <message>
      <source>The plugin's engine wheel (wheels/) is missing: reinstall the plugin.</source>
      <translation>La wheel du moteur fournie avec l'extension (wheels/) est absente : réinstallez l'extension.</translation>
    </message>
    <message>
      <source>'Selected features only' is on, but nothing is selected.</source>
      <translation>« Entités sélectionnées uniquement » est activé, mais rien n'est sélectionné.</translation>
    </message>
    <message>
      <source>Wrote {pages} page(s) in {files} file(s)</source>
      <translation>{pages} page(s) écrite(s) dans {files} fichier(s)</translation>
    </message>
    <message>
      <source>Wrote {path}</source>
      <translation>Écrit : {path}</translation>
    </message>
    <message>
      <source>Add the layer {name} to the layers shown.</source>
      <translation>Ajoutez la couche {name} aux couches affichées.</translation>
    </message>
    <message>
      <source>Getting started</source>
      <translation>Premiers pas</translation>
    </message>
    <message>
      <source>Sources</source>
      <translation>Sources de données</translation>
    </message>
    <message>
      <source>Analysis</source>
      <translation>Analyse</translation>
    </message>
    <message>
      <source>Transhumance</source>
      <translation>Transhumance pastorale</translation>
    </message>
    <message>
      <source>Border closures</source>
      <translation>Fermetures de frontières</translation>
    </message>
    <message>
      <source>Publish</source>
      <translation>Publication</translation>
    </message>
    <message>
      <source>Maps</source>
      <translation>Cartes</translation>
    </message>
    <message>
      <source>Other tools</source>
      <translation>Autres outils</translation>
    </message>
    <message>
      <source>RDH Toolkit (Regional Data Hub, West and Central Africa)</source>
      <translation>Boîte à outils RDH (Regional Data Hub, Afrique de l'Ouest et du Centre)</translation>
    </message>
    <message>
      <source>en</source>
      <translation>fr</translation>
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
