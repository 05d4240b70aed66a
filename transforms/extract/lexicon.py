"""Word lists the extractor reads: numbers, scales, units, cues and the gazetteer.

Everything here is general English (and Chinese-statistics English) vocabulary; nothing is
keyed to one article. Keep lists lower case unless a comment says otherwise.
"""

UNITS_VOCAB = (
    "CNY", "USD", "EUR", "percent", "percentage_point", "count", "rank", "multiple",
    "mu", "hectare", "km", "km2", "m", "ton", "kwh", "other",
)
ROLES = ("level", "growth", "difference", "benchmark", "share", "rank")
APPROX = ("exact", "over", "under", "about")
REGIONS = (
    "Lishui", "Liandu", "Longquan", "Qingtian", "Yunhe", "Qingyuan", "Jinyun", "Suichang",
    "Songyang", "Jingning", "Zhejiang", "China", "Nanjing-Lishui", "Other",
)

# --- numbers ---------------------------------------------------------------------------

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100,
}
# fraction words -> percent of a whole (role share)
FRACTIONS = {
    "half": 50.0, "one-half": 50.0, "one half": 50.0, "a half": 50.0,
    "one-third": 100 / 3, "one third": 100 / 3, "a third": 100 / 3,
    "two-thirds": 200 / 3, "two thirds": 200 / 3,
    "one-quarter": 25.0, "one quarter": 25.0, "a quarter": 25.0, "one-fourth": 25.0,
    "three-quarters": 75.0, "three quarters": 75.0, "three-fourths": 75.0,
    "one-fifth": 20.0, "one fifth": 20.0, "a fifth": 20.0, "two-fifths": 40.0,
    "three-fifths": 60.0, "four-fifths": 80.0,
    "one-sixth": 100 / 6, "one-eighth": 12.5, "one-tenth": 10.0, "one tenth": 10.0,
    "a tenth": 10.0,
}
MULTIPLE_WORDS = {
    "doubled": 2, "double": 2, "doubling": 2, "doubles": 2,
    "tripled": 3, "triple": 3, "tripling": 3, "triples": 3, "trebled": 3,
    "quadrupled": 4, "quadruple": 4, "quadrupling": 4,
}
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "hundred million": 1e8, "ten thousand": 1e4, "10,000": 1e4, "100 million": 1e8,
    "bn": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "trn": 1e12, "k": 1e3, "m": 1e6, "b": 1e9,
}

# --- units -----------------------------------------------------------------------------

# surface (lower case) -> unit code; the regex is built longest first
UNIT_WORDS = {
    "percentage points": "percentage_point", "percentage point": "percentage_point",
    "percent points": "percentage_point", "per cent points": "percentage_point",
    "pct points": "percentage_point", "ppts": "percentage_point", "ppt": "percentage_point",
    "pp": "percentage_point", "p.p.": "percentage_point",
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent",
    "yuan": "CNY", "rmb": "CNY", "renminbi": "CNY", "cny": "CNY", "chinese yuan": "CNY",
    "yuan (rmb)": "CNY", "yuan rmb": "CNY",
    "us dollars": "USD", "u.s. dollars": "USD", "us dollar": "USD", "dollars": "USD",
    "dollar": "USD", "usd": "USD", "american dollars": "USD",
    "euros": "EUR", "euro": "EUR", "eur": "EUR",
    "mu": "mu",
    "hectares": "hectare", "hectare": "hectare", "ha": "hectare",
    "square kilometers": "km2", "square kilometres": "km2", "square kilometer": "km2",
    "square kilometre": "km2", "sq km": "km2", "sq. km": "km2", "km2": "km2", "km²": "km2",
    "kilometers": "km", "kilometres": "km", "kilometer": "km", "kilometre": "km", "km": "km",
    "meters": "m", "metres": "m", "meter": "m", "metre": "m",
    "tons": "ton", "tonnes": "ton", "ton": "ton", "tonne": "ton", "metric tons": "ton",
    "kwh": "kwh", "kilowatt-hours": "kwh", "kilowatt hours": "kwh", "kilowatt-hour": "kwh",
    "kilowatt hour": "kwh", "kw·h": "kwh", "kw-h": "kwh",
    # measured, but outside the vocabulary
    "jin": "other", "acres": "other", "acre": "other", "square meters": "other",
    "square metres": "other", "sq m": "other", "cubic meters": "other", "cubic metres": "other",
    "kilograms": "other", "kg": "other", "gigawatts": "other", "megawatts": "other",
    "kilowatts": "other", "gw": "other", "mw": "other", "kw": "other", "teu": "other",
    "teus": "other", "person-times": "count", "person times": "count", "man-times": "count",
}
# currency written before the number
PREFIX_CURRENCY = {
    "us$": "USD", "$": "USD", "usd": "USD", "¥": "CNY", "￥": "CNY", "rmb": "CNY",
    "cny": "CNY", "€": "EUR", "eur": "EUR", "hk$": "other",
}
# counted noun for units recorded as count (person-times)
UNIT_COUNTED = {"person-times": "person-time", "person times": "person-time", "man-times": "person-time"}

# --- what is not a figure ---------------------------------------------------------------

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# an ordinal followed by these is a sequence label, not a rank
ORDINAL_NOT_RANK_NEXT = {
    "batch", "batches", "half", "time", "times", "phase", "stage", "round", "session",
    "meeting", "quarter", "quarters", "tier", "anniversary", "plenary", "edition",
    "generation", "step", "part", "line", "group", "term", "day", "week", "month", "year",
    "season", "of", "to", "and", "or", "class", "grade", "level", "largest", "lot", "wave",
    "session", "congress", "five-year", "pilot", "prize", "ever", "floor", "person",
    "people", "lady", "hand", "thing", "things", "step", "steps", "place-holder", "one",
    "ones", "new", "national", "provincial", "major", "key", "international", "global",
}

# --- context cues -----------------------------------------------------------------------

QUAL_OVER = (
    "more than", "over", "exceeding", "exceeded", "exceeds", "exceed", "above", "surpassing",
    "surpassed", "surpasses", "surpass", "at least", "upwards of", "in excess of", "beyond",
    "no less than", "not less than", "no fewer than", "not fewer than", "topping", "topped",
    "tops", "top", "greater than", "higher than", "broke through", "break through",
    "breaking through", "breaks through", "passed", "passing", "crossed", "over the",
    "exceeding the", "surpassing the", "surpassed the", "exceeds the", "exceeded the",
    "broke through the", "break through the", "passed the", "crossed the", "well over",
    "a threshold of", "the threshold of", "threshold of", "a revenue threshold of",
)
QUAL_UNDER = (
    "nearly", "almost", "less than", "below", "under", "up to", "nearing", "near",
    "no more than", "not more than", "fewer than", "close to", "approaching", "just under",
    "short of", "within", "at most", "as many as", "as much as", "maximum of",
)
QUAL_ABOUT = (
    "about", "around", "approximately", "some", "roughly", "approx.", "approx", "an estimated",
    "estimated", "circa", "or so", "nearly about", "in the region of",
)


# a plan, goal or forecast: these make a figure after them (in the sentence) a target
TARGET_STRONG = (
    "will", "shall", "should", "strive", "strives", "striving", "strived", "aim", "aims",
    "aiming", "aimed at", "target", "targets", "goal", "goals", "plan to", "plans to",
    "planned to", "planning to", "plans for", "expected to", "is expected", "are expected",
    "was expected", "expects", "expecting", "projected", "forecast", "forecasts",
    "forecasted", "is set to", "are set to", "seek to", "seeks to", "seeking to",
    "endeavor to", "endeavour to", "in the next", "over the next", "in the coming",
    "long-term goal", "intends to", "intend to", "anticipated", "anticipates",
    "estimated to", "would", "going to", "objective", "objectives", "envisaged", "envisions",
    "pledged to", "pledges to", "vows to", "vowed to", "is due to", "are due to",
    "is scheduled to", "are scheduled to", "scheduled to",
)
# an infinitive of purpose reads as a plan unless the sentence is about the past
TARGET_WEAK = (
    "to ensure", "ensure", "ensuring", "to reach", "to achieve", "to build", "to add", "to create",
    "to introduce", "to promote", "to cultivate", "to establish", "to complete", "to realize",
    "to attract", "to increase", "to raise", "to train", "to deliver", "to implement",
    "to construct", "to develop", "to form", "to plant", "to launch", "to provide",
    "to exceed", "to invest", "to expand", "to grow", "to double", "to cut", "to reduce",
    "to open", "to host", "to sign", "to start", "by the end of", "is to", "are to",
)
# nouns that announce a list of goals in the next sentence
GOAL_NOUNS = ("goal", "goals", "target", "targets", "objective", "objectives", "tasks for")
# an imperative opening a sentence reads as a plan ("Add four new schools, ...")
IMPERATIVE_VERBS = {
    "add", "build", "create", "increase", "promote", "implement", "accelerate", "complete",
    "achieve", "realize", "realise", "ensure", "strengthen", "cultivate", "establish",
    "expand", "improve", "introduce", "launch", "deepen", "develop", "construct", "carry",
    "strive", "focus", "support", "upgrade", "optimize", "optimise", "attract", "deliver",
    "plant", "renovate", "train", "provide", "foster", "advance", "boost", "raise", "reduce",
    "cut", "speed", "push", "make", "set", "form", "open", "start", "adhere", "continue",
    "enhance", "grasp", "step", "organize", "organise", "host", "hold",
}

# --- time -------------------------------------------------------------------------------

PERIOD_PHRASES = {
    "first half": "H1", "second half": "H2", "first quarter": "Q1", "second quarter": "Q2",
    "third quarter": "Q3", "fourth quarter": "Q4", "first three quarters": "M01-M09",
    "q1": "Q1", "q2": "Q2", "q3": "Q3", "q4": "Q4", "h1": "H1", "h2": "H2",
    "1st half": "H1", "2nd half": "H2", "1st quarter": "Q1", "2nd quarter": "Q2",
    "3rd quarter": "Q3", "4th quarter": "Q4", "last quarter": "Q4", "final quarter": "Q4",
    "first two months": "M01-M02", "first three months": "M01-M03",
    "first four months": "M01-M04", "first five months": "M01-M05",
    "first six months": "M01-M06", "first seven months": "M01-M07",
    "first eight months": "M01-M08", "first nine months": "M01-M09",
    "first ten months": "M01-M10", "first eleven months": "M01-M11",
    "first 2 months": "M01-M02", "first 3 months": "M01-M03", "first 4 months": "M01-M04",
    "first 5 months": "M01-M05", "first 6 months": "M01-M06", "first 7 months": "M01-M07",
    "first 8 months": "M01-M08", "first 9 months": "M01-M09", "first 10 months": "M01-M10",
    "first 11 months": "M01-M11",
}

# --- places -----------------------------------------------------------------------------

# surface -> region code; lower-case keys, matched on word boundaries
COUNTIES = {
    "liandu": "Liandu", "longquan": "Longquan", "qingtian": "Qingtian", "yunhe": "Yunhe",
    "qingyuan": "Qingyuan", "jinyun": "Jinyun", "suichang": "Suichang",
    "songyang": "Songyang", "jingning": "Jingning",
}
# of Lishui's nine, Longquan alone is a county-level city (an article about it calls it "the city");
# Liandu is a district and the others are counties
COUNTY_LEVEL_CITIES = {"Longquan"}
# other places of China and the world: a figure about them is region Other
OTHER_PLACES = (
    "jiangsu", "fujian", "anhui", "jiangxi", "shanghai", "beijing", "guangdong", "shandong",
    "hubei", "hunan", "henan", "hebei", "sichuan", "chongqing", "tianjin", "guangzhou",
    "shenzhen", "hangzhou", "ningbo", "wenzhou", "jinhua", "quzhou", "taizhou", "shaoxing",
    "huzhou", "jiaxing", "zhoushan", "yiwu", "suzhou", "wuxi", "changzhou", "fuzhou",
    "xiamen", "nanchang", "hefei", "europe", "european", "eu", "germany", "japan", "korea",
    "united states", "u.s.", "usa", "africa", "asia", "yangtze river delta",
)

# --- counted nouns ----------------------------------------------------------------------

# words that may sit between a number and the noun it counts without ending the phrase
# (the phrase ends at a preposition, verb, conjunction or punctuation)
NP_STOP = {
    "of", "in", "with", "to", "for", "from", "on", "at", "by", "that", "which", "who", "whom",
    "whose", "were", "was", "had", "have", "has", "are", "is", "be", "been", "being", "and",
    "or", "but", "as", "than", "into", "through", "across", "over", "under", "above",
    "below", "per", "each", "every", "while", "including", "such", "already", "now",
    "currently", "also", "still", "respectively", "totaling", "totalling", "involving",
    "covering", "worth", "valued", "amounting", "reaching", "accounting", "among", "within",
    "will", "would", "should", "can", "could", "may", "might", "must", "shall", "did", "do",
    "does", "got", "get", "received", "work", "worked", "working", "earn", "earning",
    "earned", "benefited", "benefiting", "benefit", "registered", "participated", "joined",
    "settled", "signed", "completed", "started", "launched", "opened", "gathered",
    "attended", "visited", "serve", "served", "serving", "provide", "provided", "providing",
    "went", "go", "came", "come", "stand", "stood", "here", "there", "this", "these",
    "those", "year", "years", "so", "far", "annually", "together", "altogether", "more",
    "less", "fewer", "plus", "out", "up", "down", "off", "along", "via", "after", "before",
    "during", "since", "until", "about", "around", "nearly", "only", "just", "all", "both",
    "respectively", "together", "again",
}
# nouns whose count is not a figure (durations handled separately)
NOT_COUNT_NOUNS = {
    "of", "to", "and", "or", "in", "on", "at", "by", "percent", "per", "times", "%",
}
# irregular singulars for counted nouns
SINGULAR = {
    "people": "person", "persons": "person", "children": "child", "men": "man",
    "women": "woman", "staff": "staff", "personnel": "personnel", "media": "medium",
    "enterprises": "enterprise", "companies": "company", "industries": "industry",
    "facilities": "facility", "communities": "community", "cities": "city",
    "counties": "county", "countries": "country", "properties": "property",
    "categories": "category", "policies": "policy", "universities": "university",
    "activities": "activity", "bodies": "body", "parties": "party", "businesses": "business",
    "classes": "class", "branches": "branch", "batches": "batch", "boxes": "box",
    "species": "species", "series": "series", "households": "household", "lives": "life",
    "technologies": "technology", "libraries": "library", "factories": "factory",
    "varieties": "variety", "centres": "centre", "centers": "center", "taxes": "tax",
    "matches": "match", "indices": "index", "indexes": "index", "sheep": "sheep",
    "cattle": "cattle", "fish": "fish", "workshops": "workshop",
}
