"""Country names (English, French, ISO 3166 alpha-2) to ISO 3166 alpha-3, for the hub's region and
the countries its migrants come from or go to. Keys are matched accent- and case-insensitively."""
import re
import unicodedata

# ISO3: (English name, French name, alpha-2, other spellings...)
_COUNTRIES = {
    "BEN": ("Benin", "Bénin", "BJ"), "BFA": ("Burkina Faso", "Burkina", "BF"),
    "CAF": ("Central African Republic", "République centrafricaine", "CF", "Central African Rep.", "Centrafrique", "RCA"),
    "CIV": ("Côte d'Ivoire", "Cote d'Ivoire", "CI", "Ivory Coast"),
    "CMR": ("Cameroon", "Cameroun", "CM"), "COD": ("Democratic Republic of the Congo", "République démocratique du Congo", "CD", "DRC", "RDC", "Dem. Rep. Congo"),
    "COG": ("Republic of the Congo", "République du Congo", "CG", "Congo", "Congo-Brazzaville"),
    "CPV": ("Cabo Verde", "Cap-Vert", "CV", "Cape Verde"), "DZA": ("Algeria", "Algérie", "DZ"),
    "EGY": ("Egypt", "Égypte", "EG"), "ESH": ("Western Sahara", "Sahara occidental", "EH"),
    "GAB": ("Gabon", "Gabon", "GA"), "GHA": ("Ghana", "Ghana", "GH"), "GIN": ("Guinea", "Guinée", "GN", "Guinée Conakry"),
    "GMB": ("Gambia", "Gambie", "GM", "The Gambia"), "GNB": ("Guinea-Bissau", "Guinée-Bissau", "GW"),
    "GNQ": ("Equatorial Guinea", "Guinée équatoriale", "GQ"), "LBR": ("Liberia", "Libéria", "LR"),
    "LBY": ("Libya", "Libye", "LY"), "MAR": ("Morocco", "Maroc", "MA"), "MLI": ("Mali", "Mali", "ML"),
    "MRT": ("Mauritania", "Mauritanie", "MR"), "NER": ("Niger", "Niger", "NE"), "NGA": ("Nigeria", "Nigéria", "NG"),
    "SDN": ("Sudan", "Soudan", "SD"), "SEN": ("Senegal", "Sénégal", "SN"), "SLE": ("Sierra Leone", "Sierra Leone", "SL"),
    "STP": ("Sao Tome and Principe", "Sao Tomé-et-Principe", "ST"), "TCD": ("Chad", "Tchad", "TD"),
    "TGO": ("Togo", "Togo", "TG"), "TUN": ("Tunisia", "Tunisie", "TN"), "ESP": ("Spain", "Espagne", "ES"),
    "ITA": ("Italy", "Italie", "IT"), "FRA": ("France", "France", "FR"), "SSD": ("South Sudan", "Soudan du Sud", "SS"),
    "ETH": ("Ethiopia", "Éthiopie", "ET"), "ERI": ("Eritrea", "Érythrée", "ER"), "SOM": ("Somalia", "Somalie", "SO"),
    "BGD": ("Bangladesh", "Bangladesh", "BD"), "PAK": ("Pakistan", "Pakistan", "PK"), "SYR": ("Syria", "Syrie", "SY"),
}


def fold(text):
    """Accent- and case-insensitive key: 'Côte d’Ivoire' -> 'cote d ivoire'."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


NAME_TO_ISO3 = {fold(name): iso3 for iso3, names in _COUNTRIES.items() for name in (iso3, *names)}


def to_iso3(value):
    """ISO3 for a country code or name (English/French/alpha-2), or None when unknown."""
    return NAME_TO_ISO3.get(fold(value))
