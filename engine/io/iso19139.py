"""ISO 19139 (ISO 19115 in XML) metadata for one published layer: what GeoNode, GeoNetwork and
pycsw harvest. Kept to the elements catalogues read (title, abstract, keywords, constraints,
contact, extents, lineage)."""
import xml.etree.ElementTree as ET

GMD = "http://www.isotc211.org/2005/gmd"
GCO = "http://www.isotc211.org/2005/gco"
GML = "http://www.opengis.net/gml"
NAMESPACES = {"gmd": GMD, "gco": GCO, "gml": GML, "xlink": "http://www.w3.org/1999/xlink",
              "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
SCHEMA_LOCATION = "http://www.isotc211.org/2005/gmd http://schemas.opengis.net/iso/19139/20070417/gmd/gmd.xsd"
CODELISTS = "http://standards.iso.org/iso/19139/resources/gmxCodelists.xml"


def _el(parent, tag, text=None, **attrs):
    prefix, name = tag.split(":")
    el = ET.SubElement(parent, f"{{{NAMESPACES[prefix]}}}{name}", {k: v for k, v in attrs.items()})
    if text is not None:
        el.text = str(text)
    return el


def _string(parent, tag, text):
    _el(_el(parent, tag), "gco:CharacterString", text)


def _code(parent, tag, codelist, value):
    wrapper = _el(parent, tag)
    _el(wrapper, f"gmd:{codelist}", value, codeList=f"{CODELISTS}#{codelist}", codeListValue=value)


def _date(parent, iso_date, kind):
    date = _el(_el(parent, "gmd:date"), "gmd:CI_Date")
    _el(_el(date, "gmd:date"), "gco:Date", iso_date[:10])
    _code(date, "gmd:dateType", "CI_DateTypeCode", kind)


def _contact(parent, tag, contact):
    party = _el(_el(parent, tag), "gmd:CI_ResponsibleParty")
    _string(party, "gmd:organisationName", contact["organisation"])
    if contact.get("email") or contact.get("url"):
        info = _el(_el(party, "gmd:contactInfo"), "gmd:CI_Contact")
        if contact.get("email"):
            address = _el(_el(info, "gmd:address"), "gmd:CI_Address")
            _string(address, "gmd:electronicMailAddress", contact["email"])
        if contact.get("url"):
            online = _el(_el(info, "gmd:onlineResource"), "gmd:CI_OnlineResource")
            _el(_el(online, "gmd:linkage"), "gmd:URL", contact["url"])
    _code(party, "gmd:role", "CI_RoleCode", "pointOfContact")


def iso19139_xml(*, identifier, title, abstract, keywords, licence, attribution, contact, created,
                 bbox, temporal=None, lineage="", topic="society", layer_name="", distribution_format="GeoPackage",
                 language="eng"):
    """The metadata record as a UTF-8 XML string. ``bbox`` = (west, south, east, north) in degrees;
    ``temporal`` = (begin, end) ISO dates or None; ``contact`` = {organisation, email, url}."""
    for prefix, uri in NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    root = ET.Element(f"{{{GMD}}}MD_Metadata", {f"{{{NAMESPACES['xsi']}}}schemaLocation": SCHEMA_LOCATION})
    _string(root, "gmd:fileIdentifier", identifier)
    _code(root, "gmd:language", "LanguageCode", language)
    _code(root, "gmd:characterSet", "MD_CharacterSetCode", "utf8")
    _code(root, "gmd:hierarchyLevel", "MD_ScopeCode", "dataset")
    _contact(root, "gmd:contact", contact)
    _el(_el(root, "gmd:dateStamp"), "gco:DateTime", created)
    _string(root, "gmd:metadataStandardName", "ISO 19115:2003/19139")
    _string(root, "gmd:metadataStandardVersion", "1.0")
    crs = _el(_el(_el(root, "gmd:referenceSystemInfo"), "gmd:MD_ReferenceSystem"), "gmd:referenceSystemIdentifier")
    crs_id = _el(crs, "gmd:RS_Identifier")
    _string(crs_id, "gmd:code", "4326")
    _string(crs_id, "gmd:codeSpace", "EPSG")

    ident = _el(_el(root, "gmd:identificationInfo"), "gmd:MD_DataIdentification")
    citation = _el(_el(ident, "gmd:citation"), "gmd:CI_Citation")
    _string(citation, "gmd:title", title)
    if layer_name:
        _string(citation, "gmd:alternateTitle", layer_name)
    _date(citation, created, "publication")
    _string(ident, "gmd:abstract", abstract)
    _contact(ident, "gmd:pointOfContact", contact)
    kw = _el(_el(ident, "gmd:descriptiveKeywords"), "gmd:MD_Keywords")
    for word in keywords:
        _string(kw, "gmd:keyword", word)
    _code(kw, "gmd:type", "MD_KeywordTypeCode", "theme")
    legal = _el(_el(ident, "gmd:resourceConstraints"), "gmd:MD_LegalConstraints")
    _string(legal, "gmd:useLimitation", f"Licence: {licence}. Attribution: {attribution}")
    _code(legal, "gmd:accessConstraints", "MD_RestrictionCode", "license")
    _code(legal, "gmd:useConstraints", "MD_RestrictionCode", "license")
    _string(legal, "gmd:otherConstraints", licence)
    _code(ident, "gmd:spatialRepresentationType", "MD_SpatialRepresentationTypeCode", "vector")
    _code(ident, "gmd:language", "LanguageCode", language)
    _code(ident, "gmd:characterSet", "MD_CharacterSetCode", "utf8")
    _el(_el(ident, "gmd:topicCategory"), "gmd:MD_TopicCategoryCode", topic)
    extent = _el(_el(ident, "gmd:extent"), "gmd:EX_Extent")
    box = _el(_el(extent, "gmd:geographicElement"), "gmd:EX_GeographicBoundingBox")
    for tag, value in zip(("west", "east", "south", "north"), (bbox[0], bbox[2], bbox[1], bbox[3])):
        _el(_el(box, f"gmd:{tag}BoundLongitude" if tag in ("west", "east") else f"gmd:{tag}BoundLatitude"),
            "gco:Decimal", f"{value:.6f}")
    if temporal:
        period = _el(_el(_el(_el(extent, "gmd:temporalElement"), "gmd:EX_TemporalExtent"), "gmd:extent"),
                     "gml:TimePeriod", **{f"{{{GML}}}id": f"tp_{identifier[:8]}"})
        _el(period, "gml:beginPosition", temporal[0])
        _el(period, "gml:endPosition", temporal[1])

    dist = _el(_el(root, "gmd:distributionInfo"), "gmd:MD_Distribution")
    fmt = _el(_el(dist, "gmd:distributionFormat"), "gmd:MD_Format")
    _string(fmt, "gmd:name", distribution_format)
    _string(fmt, "gmd:version", "1.2")

    quality = _el(_el(root, "gmd:dataQualityInfo"), "gmd:DQ_DataQuality")
    scope = _el(_el(quality, "gmd:scope"), "gmd:DQ_Scope")
    _code(scope, "gmd:level", "MD_ScopeCode", "dataset")
    _string(_el(_el(quality, "gmd:lineage"), "gmd:LI_Lineage"), "gmd:statement", lineage)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


__all__ = ["iso19139_xml"]
