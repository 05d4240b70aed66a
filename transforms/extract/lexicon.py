"""Every word list the extractor reads: numbers, scales, units, cues, time words and places.

Everything here is general English (and Chinese-statistics English) vocabulary; nothing is keyed
to one article. Lists are lower case unless a comment says otherwise. The gazetteer of regions is
not here: it is `warehouse/seeds/dim_region.csv` (read by gazetteer.py), shared with the gates
and the model.
"""

UNITS_VOCAB = (
    "CNY", "USD", "EUR", "percent", "percentage_point", "count", "rank", "multiple",
    "mu", "hectare", "km", "km2", "m", "ton", "kwh", "other",
)
ROLES = ("level", "growth", "difference", "benchmark", "share", "rank")
APPROX = ("exact", "over", "under", "about")

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
SPELLED_AMOUNTS = {
    "a hundred": 100, "one hundred": 100, "a thousand": 1000, "one thousand": 1000, "a dozen": 12,
    "a million": 1_000_000, "a billion": 1_000_000_000,
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
# "one in four" (of residents ...): a share of 100 / N percent
ONE_IN = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10}
MULTIPLE_WORDS = {
    "doubled": 2, "double": 2, "doubling": 2, "doubles": 2,
    "tripled": 3, "triple": 3, "tripling": 3, "triples": 3, "trebled": 3,
    "quadrupled": 4, "quadruple": 4, "quadrupling": 4,
    "twice": 2, "thrice": 3,  # a multiple only before a comparison ("twice as many as", "twice that of")
    "twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "sixfold": 6, "sevenfold": 7, "eightfold": 8,
    "ninefold": 9, "tenfold": 10,
}
# adverbs of multiples: "twice as many as in 2023" compares, "visited twice" counts occurrences
MULTIPLE_ADVERBS = {"twice", "thrice"}
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "hundred million": 1e8, "ten thousand": 1e4, "10,000": 1e4, "100 million": 1e8,
    "bn": 1e9, "bln": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "trn": 1e12, "k": 1e3, "m": 1e6, "b": 1e9,
    "亿": 1e8, "万": 1e4,  # Chinese figures copied into an English page: "2067亿元", "3.5万元"
}
# scale abbreviations that need a currency sign or no space to count ("5m" but not "5 m" for metres)
WEAK_SCALES = {"k", "m", "b"}

# --- units -----------------------------------------------------------------------------

# surface (lower case) -> unit code; the regex is built longest first
UNIT_WORDS = {
    "percentage points": "percentage_point", "percentage point": "percentage_point",
    "percent points": "percentage_point", "per cent points": "percentage_point",
    "pct points": "percentage_point", "ppts": "percentage_point", "ppt": "percentage_point",
    "pp": "percentage_point", "p.p.": "percentage_point",
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent",
    "yuan": "CNY", "rmb": "CNY", "renminbi": "CNY", "cny": "CNY", "chinese yuan": "CNY", "元": "CNY",
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
    "per thousand": "other", "per mille": "other", "‰": "other",
    "hong kong dollars": "other", "hk dollars": "other", "new taiwan dollars": "other",
    "jin": "other", "liang": "other", "catty": "other", "catties": "other", "ounces": "other", "ounce": "other",
    "barrels": "other", "barrel": "other", "gallons": "other", "carats": "other",
    "acres": "other", "acre": "other", "square meters": "other",
    "square metres": "other", "sq m": "other", "cubic meters": "other", "cubic metres": "other",
    "kilograms": "other", "kilogram": "other", "kg": "other", "gigawatts": "other", "megawatts": "other",
    "kilowatts": "other", "gw": "other", "mw": "other", "kw": "other", "teu": "other",
    "teus": "other", "liters": "other", "litres": "other", "liter": "other", "litre": "other",
    "grams": "other", "gram": "other", "cubic meter": "other", "cubic metre": "other",
    "square meter": "other", "square metre": "other", "square-meter": "other", "square-metre": "other",
    "square-meters": "other", "square-metres": "other", "square-kilometer": "km2", "square-kilometre": "km2", "gigawatt-hours": "other", "megawatt-hours": "other",
    "person-times": "count", "person times": "count", "man-times": "count",
}
# a bare "points" is percentage points when a comparison follows it ("0.2 points faster than") or a
# change of level comes before it ("up 0.3 points", "narrowed by 0.8 points")
GAP_COMPARATIVES = ("higher", "lower", "faster", "slower", "above", "below", "more", "less", "ahead", "behind")
GAP_VERBS = ("up", "down", "rose", "fell", "dropped", "declined", "increased", "decreased", "narrowed", "widened",
             "gained", "lost", "climbed", "slipped", "edged up", "edged down", "picked up")
# abbreviations that only count as a unit right after the number ("5 ha", not "5 - ha")
SHORT_UNITS = {"ha", "pp", "eur", "usd", "cny", "kw", "mw", "gw", "kg", "sq m", "t"}
# currency written before the number
# currency codes that may be written onto their number ("RMB3.12 billion")
GLUED_CURRENCY_CODES = ("rmb", "cny", "usd")
PREFIX_CURRENCY = {
    "us$": "USD", "$": "USD", "usd": "USD", "¥": "CNY", "￥": "CNY", "rmb": "CNY",
    "cny": "CNY", "€": "EUR", "eur": "EUR", "hk$": "other",
}
# counted noun for units recorded as count (person-times)
UNIT_COUNTED = {"person-times": "person-time", "person times": "person-time", "man-times": "person-time"}
# "9,260 ions per cubic centimeter": a count per physical measure is a concentration (unit other)
PHYSICAL_DENOMINATORS = {
    "cubic centimeter", "cubic centimetre", "cubic meter", "cubic metre", "liter", "litre",
    "square meter", "square metre", "square kilometer", "square kilometre", "kilogram", "gram", "ton",
}

# --- what is not a figure ---------------------------------------------------------------

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# common Chinese surnames: a month's abbreviation right after one is a given name ("Ye Jun:", "Director Li Jun said")
SURNAMES = frozenset({
    "bai", "cai", "cao", "chen", "cheng", "dai", "deng", "ding", "dong", "du", "fan", "fang", "feng", "fu", "gao", "guo",
    "han", "he", "hu", "huang", "jia", "jiang", "jin", "kong", "lan", "lei", "li", "liang", "liao", "lin", "liu", "lu",
    "luo", "ma", "mao", "meng", "pan", "peng", "qian", "qin", "qiu", "ren", "shen", "shi", "song", "su", "sun", "tan",
    "tang", "tian", "wang", "wei", "wu", "xia", "xiao", "xie", "xiong", "xu", "xue", "yan", "yang", "yao", "ye", "yu",
    "yuan", "zeng", "zhang", "zhao", "zheng", "zhong", "zhou", "zhu", "zou"})
# "Double 11", "Double Twelve": named days (shopping festivals, holidays), not a multiple and a count
NAMED_DAY_NUMBERS = ("11", "12", "eleven", "twelve", "ninth", "seventh", "fifth", "third")
# an ordinal followed by these is a sequence label, not a rank
ORDINAL_NOT_RANK_NEXT = {
    "batch", "batches", "half", "time", "times", "phase", "stage", "round", "session",
    "meeting", "quarter", "quarters", "tier", "anniversary", "plenary", "edition",
    "generation", "step", "part", "line", "group", "term", "day", "week", "month", "year",
    "season", "of", "to", "and", "or", "class", "grade", "level", "largest", "lot", "wave",
    "congress", "five-year", "pilot", "prize", "ever", "floor", "person",
    "people", "lady", "hand", "thing", "things", "steps", "place-holder", "one",
    "ones", "new", "national", "provincial", "major", "key", "international", "global",
    "export", "order", "sample", "shipment", "factory", "product", "products", "case",
}
# capitalised words after a number that make it part of a name ("Route 3", "Class 100" come before)
LABEL_WORDS_BEFORE = (
    "Class", "Grade", "Level", "Phase", "No.", "No", "Nos.", "Number", "Line", "Route", "Type",
    "Article", "Section", "Chapter", "Version", "Model", "Room", "Gate", "Exit", "Block",
    "Building", "Plan", "Item", "Vol.", "Lot", "Zone", "Station", "Terminal", "Platform",
    "Category", "Tier", "Star", "Expo", "Summit", "Team", "Road", "Street", "Avenue", "Highway",
    "Expressway", "Berth", "Pier", "Wharf", "Unit", "Batch", "Program", "Programme", "Project",
    "Initiative", "Action", "Strategy", "Policy", "Forum", "Award", "Prize", "Cup", "Games",
    "Index", "Fortune", "Industry",
)
# the counted noun of a scaled number without a unit that says it is money ("the 10 billion mark")
MONEY_CLASS_NOUNS = {"level", "mark", "step", "class", "threshold", "scale", "tier", "category", "yuan",
                     "grade", "line", "milestone", "size"}
SIZE_CLASS_NOUNS = {"project", "enterprise", "company", "cluster", "industry", "base", "platform",
                    "park", "chain", "group", "firm", "investment"}
# a line of page furniture: navigation, byline, share buttons (its numbers are not figures)
FURNITURE_WORDS = ("updated", "source:", "print", "share -", "wechat", "fonts:", "pub date", "editor:",
                   "copyright", "curpage", "home>", "home >", ">>", "【", "l m s", "font size", "share to:",
                   "release time:", "related news:", "浏览次数", "发布时间", "来源：", "点击率")

# --- context cues -----------------------------------------------------------------------

QUAL_OVER = (
    "more than", "over", "exceeding", "exceeded", "exceeds", "exceed", "above", "surpassing",
    "surpassed", "surpasses", "surpass", "at least", "upwards of", "in excess of", "beyond",
    "no less than", "not less than", "no fewer than", "not fewer than", "topping", "topped",
    "tops", "top", "greater than", "higher than", "broke through", "break through",
    "breaking through", "breaks through", "passed", "passing", "crossed", "over the",
    "exceeding the", "surpassing the", "surpassed the", "exceeds the", "exceeded the",
    "broke through the", "break through the", "passed the", "crossed the", "well over",
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
ARTICLES = {"the", "a", "an"}
# hedges written between a preposition and its number ("from about 12", "to more than 30")
HEDGES = ("about", "around", "approximately", "roughly", "some", "nearly", "almost", "over", "more than", "just", "only",
          "a mere")
HEDGE_WORDS = frozenset(w for hedge in HEDGES for w in hedge.split())  # the words of the hedges

# words of change: a figure near them is a growth (or, for DECLINE, a fall)
GROWTH_WORDS = {
    "up", "increase", "increased", "increases", "increasing", "growth", "grew", "grow", "grows", "growing",
    "rose", "rise", "rises", "risen", "rising", "surge", "surged", "surges", "surging", "jump", "jumped",
    "jumps", "climb", "climbed", "climbs", "expand", "expanded", "expands", "expansion", "gain", "gained",
    "gains", "boost", "boosted", "boosts", "boosting", "raise", "raised", "raises", "raising",
    "year-on-year", "yoy", "y-o-y", "increment", "accelerated", "accelerating", "advanced", "higher",
    "doubled", "doubling", "uptick", "upturn", "soared", "soar", "soars", "soaring",
    "rebounded", "rebound", "rebounds", "leapt", "leaped", "leap", "spiked", "skyrocketed", "swelled",
    "picked",  # "picked up"
}
DECLINE_WORDS = {
    "down", "decrease", "decreased", "decreases", "decreasing", "decline", "declined", "declines",
    "declining", "fell", "fall", "falls", "falling", "fallen", "drop", "dropped", "drops", "dropping",
    "shrank", "shrink", "shrinking", "shrunk", "contracted", "contraction", "reduced", "reduction",
    "reduces", "reduce", "reducing", "slipped", "slid", "slide", "narrowed", "narrowing", "lower", "less",
    "cut", "cuts", "cutting", "lowered", "lowering", "downturn",
    "dip", "dips", "dipped", "dipping", "eased", "eases", "easing", "slumped", "slump", "slumps",
    "plunged", "plunge", "plunges", "plummeted", "tumbled", "sank", "sinks", "retreated", "retreats",
}
# nouns of change written "a(n) <noun> of N": "an increase of", "a slide of", "an uptick of"
CHANGE_NOUNS = ("increase", "increment", "rise", "growth", "gain", "uptick", "upturn", "surge", "jump",
                "decrease", "decline", "drop", "fall", "reduction", "slide", "dip", "contraction", "cut")
DECLINE_NOUNS = ("decrease", "decline", "drop", "fall", "reduction", "slide", "dip", "contraction", "cut")
SHARE_WORDS = {"share", "shares", "proportion", "proportions", "ratio", "coverage", "penetration", "occupancy",
               "percentage", "completed", "completion", "accounting", "accounted", "accounts", "account",
               "making", "made", "makes", "rate", "margin", "margins"}

# a plan, goal or forecast: these make a figure after them (in the sentence) a target
TARGET_STRONG = (
    "will", "shall", "should", "strive", "strives", "striving", "strived", "aim", "aims",
    "aiming", "aimed at", "target", "targets", "goal", "goals", "plan to", "plans to",
    "planned to", "planning to", "plans for", "expected to", "is expected", "are expected",
    "was expected", "expects", "expecting", "projected", "forecast", "forecasts",
    "forecasted", "is set to", "are set to", "seek to", "seeks to", "seeking to",
    "endeavor to", "endeavour to", "in the next", "over the next", "for the next", "in the coming",
    "proposes to", "propose to", "proposed to",
    "long-term goal", "intends to", "intend to", "anticipated", "anticipates",
    "estimated to", "would", "is going to", "are going to", "am going to", "re going to", "m going to", "objective", "objectives", "envisaged", "envisions",
    "expect", "hope to", "hopes to", "requires", "calls for",
    "pledged to", "pledges to", "vows to", "vowed to", "is due to", "are due to",
    "is scheduled to", "are scheduled to", "scheduled to", "’ll", "'ll", "must",
)
# an infinitive of purpose reads as a plan unless the sentence is about the past
TARGET_WEAK = (
    "to ensure", "ensure", "ensuring", "to reach", "to achieve", "to build", "to add", "to create",
    "to introduce", "to promote", "to cultivate", "to establish", "to complete", "to realize",
    "to attract", "to increase", "to raise", "to train", "to deliver", "to implement",
    "to construct", "to develop", "to form", "to plant", "to launch", "to provide",
    "to exceed", "to invest", "to expand", "to grow", "to double", "to cut", "to reduce",
    "to open", "to host", "to sign", "to start", "by the end of", "is to", "are to",
    "to remain", "to stay", "to keep", "to maintain", "to narrow", "to be kept", "to be maintained",
)
# participles that open an aside about a subject's past: "Zhejiang, chosen in 2021 as China's pilot zone, ..."
ASIDE_PARTICIPLES = ("chosen", "named", "designated", "selected", "listed", "founded", "established", "set up", "built",
                     "completed", "launched", "started", "inaugurated", "renovated", "restored",
                     "opened", "known")
# what says a sentence is about the past (and so not a plan)
PAST_MARKERS = ("last year", "in the past", "so far", "to date", "previously", "has been", "have been",
                "had been", "was", "were")
# goals met: "completed the key goals and tasks" reports on goals, it does not set them
GOALS_MET_VERBS = ("completed", "achieved", "fulfilled", "accomplished", "met", "exceeded", "realized",
                   "overfulfilled", "attained", "beating", "beat", "exceeding", "surpassing", "surpassed",
                   "topping", "meeting", "missing", "missed")
# what a plan is called: announced in a sentence, the next one lists it; in a heading ("II. Main
# Targets for 2024"), the section does; in a headline with a year not yet past, the document does
GOAL_NOUNS = ("goal", "goals", "target", "targets", "objective", "objectives", "tasks for")
GOAL_HEADING_WORDS = GOAL_NOUNS + ("tasks", "plan", "plans")
HEADLINE_PLAN_WORDS = GOAL_NOUNS + ("aim", "aims", "plan", "plans", "blueprint")
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
# participles after a figure that make it a plan ("5 to 6 percent expected")
PLAN_PARTICIPLES = ("expected", "projected", "planned", "targeted", "forecast", "budgeted", "envisaged")
# before a plan word, what makes the plan a yardstick of a reported figure ("exceeding the target of")
AGAINST_A_TARGET_WORDS = ("exceeding", "exceeded", "exceeds", "surpassing", "surpassed", "beating", "beat",
                          "outpacing", "outpaced", "topping", "topped", "above", "below", "than", "against",
                          "compared with", "compared to", "short of", "meeting", "met", "hitting", "achieving",
                          "achieved", "completing", "completed", "fulfilling", "fulfilled", "percent of", "% of",
                          "on track to meet", "on course to meet", "on track for", "on course for", "in line with",
                          "towards", "toward", "closing in on")

# --- time -------------------------------------------------------------------------------

PERIOD_PHRASES = {
    "first half": "H1", "second half": "H2", "first quarter": "Q1", "second quarter": "Q2",
    "third quarter": "Q3", "fourth quarter": "Q4", "first three quarters": "M01-M09",
    # as adjectives: "first-quarter GDP", "first-half exports"
    "first-half": "H1", "second-half": "H2", "first-quarter": "Q1", "second-quarter": "Q2",
    "third-quarter": "Q3", "fourth-quarter": "Q4",
    "q1": "Q1", "q2": "Q2", "q3": "Q3", "q4": "Q4", "h1": "H1", "h2": "H2",
    "q1-q2": "H1", "q1-q3": "M01-M09", "q2-q3": "M04-M09", "q3-q4": "H2",
    "q1–q2": "H1", "q1–q3": "M01-M09", "q2–q3": "M04-M09", "q3–q4": "H2",
    "1st half": "H1", "2nd half": "H2", "1st quarter": "Q1", "2nd quarter": "Q2",
    "3rd quarter": "Q3", "4th quarter": "Q4", "last quarter": "Q4", "final quarter": "Q4",
    "first two months": "M01-M02", "first three months": "Q1",
    "first four months": "M01-M04", "first five months": "M01-M05",
    "first six months": "H1", "first seven months": "M01-M07",
    "first eight months": "M01-M08", "first nine months": "M01-M09",
    "first ten months": "M01-M10", "first eleven months": "M01-M11",
    "first 2 months": "M01-M02", "first 3 months": "Q1", "first 4 months": "M01-M04",
    "first 5 months": "M01-M05", "first 6 months": "H1", "first 7 months": "M01-M07",
    "first 8 months": "M01-M08", "first 9 months": "M01-M09", "first 10 months": "M01-M10",
    "first 11 months": "M01-M11", "six-month period": "H1", "three-month period": "Q1",
}
# the Five-Year Plan periods: their last year is a plan's horizon
FIVE_YEAR_PLANS = {"12th": 2015, "twelfth": 2015, "13th": 2020, "thirteenth": 2020, "14th": 2025,
                   "fourteenth": 2025, "15th": 2030, "fifteenth": 2030}

# the nouns of a year's level a plan starts from: "from the 2025 level of 6.2 billion yuan"
LEVEL_NOUNS = ("level", "base", "figure", "value", "total")
# what is measured over a period, not at a point: after "At the end of June, deposits were ...", a flow
# of a half-year release is of the half (when.time_earlier_in_paragraph)
FLOW_NOUNS = ("income", "incomes", "revenue", "revenues", "sales", "output", "investment", "gdp", "added value",
              "value added", "exports", "imports", "consumption", "spending", "arrivals", "visits", "profits")

# --- places -----------------------------------------------------------------------------

# of Lishui's nine, Longquan alone is a county-level city (an article about it calls it "the city")
COUNTY_LEVEL_CITIES = {"Longquan"}
# places outside the gazetteer (abroad, or Chinese places it does not list): their figures are Other
OTHER_PLACES = (
    "guangzhou", "shenzhen", "yiwu", "suzhou", "wuxi", "changzhou", "fuzhou", "xiamen", "quanzhou",
    "nanping", "nanchang", "shangrao", "hefei", "wuhan", "chengdu", "xi'an", "shenyang", "changchun",
    "shijiazhuang", "europe", "european", "european union", "eu", "germany", "japan", "korea",
    "south korea", "united states", "u.s.", "usa", "africa", "asia", "asean", "latin america",
    "spain", "italy", "france", "britain", "russia", "india", "yangtze river delta",
    # county-level cities that lead county rankings, and nearby prefecture-level cities
    "cixi", "yuyao", "yueqing", "ruian", "wenling", "zhuji", "haining", "tongxiang", "yongkang", "dongyang",
    "kunshan", "jiangyin", "zhangjiagang", "changshu", "jinjiang", "ganzhou", "jiujiang", "ningde", "zhangzhou",
    "putian", "qingdao", "dalian", "hangzhou bay", "huangshan", "xuancheng", "chizhou", "sanming", "longyan",
    "jingdezhen",
    # countries, regions and cities abroad that stories of trade and emigrants name
    "netherlands", "portugal", "austria", "belgium", "canada", "australia", "brazil", "mexico", "vietnam",
    "thailand", "malaysia", "indonesia", "north america", "middle east", "america", "milan", "rome", "madrid",
    "barcelona", "paris", "london", "berlin", "hamburg", "frankfurt", "munich", "rotterdam", "amsterdam",
    "chicago", "new york", "los angeles", "tokyo", "osaka", "seoul", "singapore", "dubai", "moscow",
    "central asia", "southeast asia", "south asia", "west asia", "east asia", "eastern europe", "western europe",
    "central europe", "north africa", "south america",
)
# capitalised words after a place name that keep it a place ("Lishui City", "Jinyun County Park")
PLACE_HEAD_WORDS = {
    "City", "County", "District", "Province", "Municipal", "Municipality", "Economic", "Development",
    "High-tech", "Zone", "Township", "Town", "Village", "Street", "Area", "Region", "Prefecture",
    "Autonomous", "She", "Statistics", "Bureau", "Party", "Government", "People's", "Nine",
    "Mountain", "Airport", "Port", "Station", "Lake", "River", "Park", "New", "Industrial",
    "National", "Provincial", "Valley", "Green", "Urban", "Rural", "Science", "High",
    "Customs",
}
# "the province", "the city" ...: references to a place named elsewhere
PLACE_REFS = {"the province", "the country", "the nation", "the city", "the whole city", "citywide", "city-wide",
              "the county", "the whole county", "the district", "countywide", "county-wide", "the county-level city"}
# a place right after one of these and "in" / "among" is a ranking's scope ("the lowest in the city")
SUPERLATIVES = ("lowest", "highest", "fastest", "slowest", "largest", "biggest", "smallest", "best", "most", "least",
                "first", "second", "third", "top", "only", "leading", "strongest", "richest", "poorest", "greatest")
# a place after one of these and "from" is where people come from, not the subject ("visitors from Wenzhou")
VISITOR_NOUNS = ("visitors", "tourists", "travelers", "travellers", "guests", "buyers", "investors", "students",
                 "trips", "visits", "tourist visits",
                 # people from a place who live or work elsewhere ("3,000 growers from Qingyuan" in Hubei)
                 "growers", "farmers", "workers", "migrants", "natives", "emigrants", "people")
# a sentence opening with one of these ("Nationwide, ...") is about the country or the province
NATIONAL_OPENERS = ("nationwide", "nationally", "across the country", "across china", "across the nation",
                    "throughout the country", "around the country", "all over the country",
                    "in the country as a whole", "for the country as a whole", "at the national level")
PROVINCIAL_OPENERS = ("provincewide", "province-wide", "provincially", "across the province", "throughout the province",
                      "in the province as a whole", "for the province as a whole", "at the provincial level")
# types of place below a county: "Dajun township in Jingning county" teaches the extractor Dajun
LOCAL_PLACE_TYPES = ("township", "town", "village", "street", "subdistrict", "community")
COMPASS_WORDS = ("east", "south", "north", "west", "central", "southwest", "southeast", "northwest", "northeast",
                 "eastern", "southern", "northern", "western")

# --- metrics ------------------------------------------------------------------------------

METRIC_HEADS = {
    "gdp", "gep", "value", "output", "investment", "investments", "revenue", "revenues", "sales",
    "income", "exports", "export", "imports", "import", "trade", "profit", "profits", "tax", "taxes",
    "expenditure", "expenditures", "spending", "funds", "fund", "bonds", "turnover", "volume", "production",
    "consumption", "savings", "deposits", "loans", "population", "earnings", "wages", "wage", "dividends",
    "settlements", "capacity", "area", "supply", "share", "proportion", "rate", "index", "scale", "yield",
    "budget", "subsidies", "financing", "capital", "assets", "price", "prices", "cost", "costs", "product",
    "cpi", "ppi",
}
METRIC_MODIFIERS = {
    "per", "capita", "average", "annual", "total", "urban", "rural", "regional", "industrial", "fixed-asset",
    "fixed", "asset", "foreign", "online", "retail", "tourism", "fiscal", "public", "budget", "digital",
    "economy", "core", "export", "import", "tax", "cumulative", "full-chain", "added", "disposable",
    "gross", "domestic", "ecosystem", "output", "production", "market", "growth", "sales", "general",
    "manufacturing", "land", "trade", "consumer", "goods", "residents", "resident", "electricity",
    "grain", "agricultural", "service", "services", "value-added",
}
METRIC_STOP = {
    "of", "in", "and", "the", "a", "an", "was", "were", "is", "are", "reached", "by", "to", "with",
    "from", "for", "at", "on", "its", "their", "this", "that", "which", "had", "has", "have",
    "grew", "rose", "fell", "increased", "decreased", "declined", "dropped", "surged", "jumped", "hit",
    "totaled", "totalled", "amounted", "stood", "exceeded", "reaching", "totaling", "will", "would",
    "should", "last", "this", "year", "up", "down", "as", "than", "or", "be", "been", "being",
}
DETERMINERS = {"the", "a", "an", "its", "their", "this", "that", "these", "those", "s", "city", "county",
               "her", "his", "our", "my", "your"}
# verbs that end a metric's noun phrase on its left ("keep GDP growth" measures GDP)
METRIC_VERBS = {"keep", "kept", "maintain", "maintained", "generate", "generated", "achieve", "achieved",
                "record", "recorded", "report", "reported", "post", "posted", "register", "registered", "saw",
                "see", "sees", "hit", "reach", "make", "made", "realize", "realized", "realise", "secure",
                "secured", "attract", "attracted", "complete", "completed", "total", "totaled"} - {"total"}
METRIC_VERBS_S = {"generates", "produces", "earns", "makes", "sees", "records", "reports", "posts", "achieves",
                  "attracts", "secures", "issues", "exports", "imports", "sells", "brings", "creates", "keeps"}
# nouns of sets whose money figures are of their members ("23 projects ... 10.62 billion yuan")
SET_NOUNS = {"project", "enterprise", "company", "firm", "base", "park", "fund"}

# --- words the rules test one by one ---------------------------------------------------------

# types of place whose name ends a metric's phrase ("the GDP of the city")
PLACE_TYPE_WORDS = {"city", "county", "province", "district", "country", "nation"}
# participles that stay inside a metric's noun phrase ("industries above designated size")
PARTICIPLE_MODIFIERS = {"designated", "registered", "planned", "expected", "combined", "accumulated", "listed",
                        "based", "funded", "owned", "specialized", "advanced", "integrated", "processed"}
# "per capita", "per worker": the denominator's name
PER_NAMES = {"capita": "person", "head": "person", "worker": "person", "employee": "person",
             "resident": "person", "square kilometre": "square kilometer"}
# the last word before a figure that can end a change phrase ("increased by", "an increase of", "up")
GROWTH_BY_LAST = {"by", "of", "another", "additional", "further", "up", "down"}
# verbs that make "up" part of a phrasal verb, not a change ("set up 13 towns")
PHRASAL_UP = {"set", "sets", "setting", "put", "puts", "build", "built", "builds", "make", "made", "makes", "take",
              "took", "takes", "pick", "picked", "open", "opened", "sum", "summed", "line", "lined", "step", "stepped"}
# present-tense verbs of a standing fact ("the county covers 1,950 square kilometers", "has 170,000 people")
PRESENT_FACT_VERBS = {"has", "have", "is", "are", "covers", "cover", "boasts", "boast", "hosts", "houses", "owns",
                      "employs", "runs", "lies", "counts", "includes", "contains", "possesses", "sells", "produces",
                      "irrigates", "supplies", "carries", "serves", "welcomes", "earns", "handles", "makes",
                      "rents", "leases", "farms", "manages", "operates", "tends", "raises", "keeps", "comes", "accounts",
                      "pays", "costs", "fetches", "supports", "sustains", "receives"}
# words every "not yet built" phrase holds ("commenced construction", "broke ground", "upon completion")
NOT_YET_BUILT_WORDS = ("construction", "ground", "complet", "operation", "production")
# time words that start a period ("first half", "final quarter") and relative years ("last year")
ORDINAL_TIME = {"first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th", "final", "six-month",
                "three-month"}
RELATIVE = {"this", "last", "next", "previous", "past"}

# --- counted nouns ----------------------------------------------------------------------

# irregular past tenses that follow a counted subject ("the 26 counties rose 6.8 percent"): they end its noun phrase
PAST_AFTER_A_COUNT = ("rose", "fell", "grew", "saw", "hit", "won", "made", "took", "became", "kept", "led", "drew",
                      "sold", "spent", "paid", "gave", "sent", "built", "began", "bought", "brought")
# words that may sit between a number and the noun it counts without ending the phrase
# (the phrase ends at a preposition, verb, conjunction or punctuation)
NP_STOP = {
    "nationwide", "provincewide", "province-wide", "citywide", "countywide", "worldwide", "globally",
    "of", "in", "with", "to", "for", "from", "on", "at", "by", "that", "which", "who", "whom",
    "whose", "were", "was", "had", "have", "has", "are", "is", "be", "been", "being", "and",
    "or", "but", "as", "than", "into", "through", "across", "over", "under", "above",
    "below", "per", "each", "every", "a", "an", "while", "including", "such", "already", "now",
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
    "again", "lower", "higher", "last", "next",
    "rank", "ranked",
    # verbs whose plural subject the count is ("1,200 enterprises operate in the city")
    "operate", "operated", "operating", "live", "lived", "employ", "employed", "remain", "remained", "exist",
    "existed", "own", "owned", "hold", "held", "contribute", "contributed", "generate", "generated",
    "run", "runs", "elsewhere",
} | set(PAST_AFTER_A_COUNT)
# a place's own firms and sites: a sentence that opens with one ("The market handles 10 percent of China's
# tea trade") is about the place written of, not about the wider whole it has a share of
LOCAL_ENTITY_NOUNS = ("market", "company", "firm", "enterprise", "park", "plant", "factory", "cooperative", "co-op",
                      "zone", "center", "centre", "port", "airport", "mine", "farm", "mill", "hub", "station")
# words before "from" that make the place after it someone's origin ("came home from Hangzhou"), not a subject
ORIGIN_WORDS = ("came", "come", "comes", "coming", "returned", "returns", "returning", "moved", "moves", "moving",
                "migrated", "relocated", "graduated", "back", "home", "away", "orders", "demand", "inquiries")
# words before "for" / "to" that make the place after it where someone went ("young people who left for
# Hangzhou"), not a subject
DEPARTURE_WORDS = ("left", "leave", "leaves", "leaving", "moved", "moving", "went", "gone", "headed", "heading",
                   "migrated", "relocated", "set off")
# what, right after a place, makes it the origin of the people or money in it ("Wenzhou investors run 146
# factories in Jinyun", "1,200 Wenzhou-owned enterprises", "Spain's Qingtian community numbers 90,000"), not
# where the figure is
ORIGIN_AFTER_PLACE = ("-owned", "-funded", "-invested", "-backed", " investors", " investor", " businessmen",
                      " businessman", " businesspeople", " merchants", " entrepreneurs", " traders",
                      " community", " diaspora", " natives", " emigrants", " migrants", " expatriates",
                      " visitors", " tourists", " travelers", " travellers", " holidaymakers", " shoppers")
# a place's office that reports a figure, not the figure's place ("Hangzhou customs said": its district is wider)
SOURCE_AFTER_PLACE = (" customs",)
# events a place is only the venue of ("sold for 1.8 million yuan at an auction in Hangzhou")
VENUE_NOUNS = ("auction", "fair", "expo", "exhibition", "trade show", "forum", "conference", "summit", "festival")
# irregular past tenses of a second predicate ("has 420 members and sold 38 million yuan last year")
IRREGULAR_PAST = PAST_AFTER_A_COUNT + ("had", "got", "ran", "shot")
# nouns ending in -ing that things can be counted in ("12 buildings" is plural; these are singular)
ING_NOUNS = {"building", "housing", "listing", "offering", "meeting", "training", "setting", "ring", "string",
             "spring", "wing", "thing", "king", "bing", "ping", "ming", "ding", "jing", "ling", "qing", "xing", "zing"}
# nouns whose count is not a figure (durations handled separately)
NOT_COUNT_NOUNS = {
    "of", "to", "and", "or", "in", "on", "at", "by", "percent", "per", "times", "%", "tens", "hundreds",
    "thousands", "millions", "hand", "hands", "way", "ways", "side", "sides",
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
    "cattle": "cattle", "fish": "fish", "workshops": "workshop", "subdistricts": "subdistrict",
}


# --- tables (table.py) and the metrics read from them (metric.py) ---------------------------

# a table's unit cell that counts things: "10,000 people" -> person
TABLE_COUNT_NOUNS = {"people": "person", "persons": "person", "person": "person", "households": "household",
                     "units": "unit", "sets": "set", "vehicles": "vehicle", "visits": "visit", "trips": "trip",
                     "enterprises": "enterprise", "projects": "project", "jobs": "job", "tourists": "tourist",
                     "person-times": "person-time"}
# words of a column header that name no metric ("Growth target 2024 (%)")
TABLE_HEADER_NOT_METRIC = {"growth", "yoy", "y-o-y", "year-on-year", "change", "increase", "target", "targets",
                           "plan", "goal", "for", "in", "of", "the", "rate", "%", "share", "proportion", "value",
                           "amount", "total"}
# the word before "economy" when it is a place's whole economy ("the economy", "its economy"), not a
# part of it ("the digital economy")
WHOLE_ECONOMY_BEFORE = {"the", "its", "their", "s", "whole", "overall", "local", "regional", "city", "county",
                        "provincial", "province", "national", "city-wide", "county-level"}
# words a line break may split with a hyphen that is not theirs ("per-\ncent"; a compound keeps it: "year-\non-year")
UNBROKEN_WORDS = {"percent", "percentage", "billion", "million", "thousand", "hundred", "trillion", "increase",
                  "decrease", "investment", "enterprises", "industries", "designated", "development", "residents",
                  "disposable", "consumption", "production", "respectively", "comparable"}
