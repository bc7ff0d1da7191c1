"""The realistic values the strategies draw: short lists, so that records read like reports.

Each list is drawn with `hypothesis.strategies.sampled_from` (or a few entries at a time)
and shrinks to its first entry, so a failing example reads like the news: a summit of
China and South Korea, the Ministry of Foreign Affairs, Seoul at its own coordinates.
Closed vocabularies (statuses, kinds of meeting, measures) are not listed here: they are
drawn from the shapes of the fields that hold them.

>>> len(PLACES) == len({name for name, *_ in PLACES})
True
"""

from __future__ import annotations

from diplomev.actors import OrganizationKind
from diplomev.places import LocationKind

# Countries that news about diplomacy names most; drawn half the time, and what codes
# shrink to. Every other known code is drawn the other half.
COMMON_CODES = (
    "CHN", "KOR", "USA", "JPN", "PRK", "RUS", "GBR", "FRA", "DEU", "IND", "TWN", "UKR",
    "VNM", "PHL", "AUS", "CAN", "BRA", "ZAF", "TUR", "IRN", "ISR", "SAU", "EGY",
)  # fmt: skip

GIVEN_NAMES = (
    "Jae-myung", "Jinping", "Qiang", "Leji", "Seung-chan", "Min-jun", "Shigeru", "Yuki",
    "Joe", "Mary", "Emmanuel", "Olaf", "Narendra", "Vladimir", "Olga", "Lucía", "Thanh",
    "Priya", "Chinedu", "Layla", "Recep", "Seán", "Zoë",
)  # fmt: skip
FAMILY_NAMES = (
    "Lee", "Xi", "Li", "Zhao", "Park", "Kim", "Ishiba", "Tanaka", "Biden", "Smith",
    "Macron", "Scholz", "Modi", "Putin", "Ivanova", "García", "Nguyen", "Sharma", "Okafor",
    "Haddad", "Erdoğan", "O\u2019Brien", "Müller",
)  # fmt: skip
# Names written in their own script, as some sources print them.
NATIVE_NAMES = ("李在明", "习近平", "石破茂", "Владимир Путин")

OFFICES = (
    "President", "Prime Minister", "Foreign Minister", "Premier", "Chancellor",
    "Vice President", "Defense Minister", "Trade Minister", "Secretary of State",
    "Ambassador", "King", "Speaker of the National Assembly",
    "Chairman of the National People's Congress", "Secretary-General", "Spokesperson",
    "Chief of Staff", "Professor",
)  # fmt: skip

# Bodies every country has: named generically, so any country code fits them.
NATIONAL_BODIES = (
    ("Ministry of Foreign Affairs", OrganizationKind.GOVERNMENT),
    ("Ministry of Commerce", OrganizationKind.GOVERNMENT),
    ("National Assembly", OrganizationKind.LEGISLATURE),
    ("Armed Forces", OrganizationKind.MILITARY),
    ("Coast Guard", OrganizationKind.MILITARY),
    ("Ruling Party", OrganizationKind.PARTY),
    ("Constitutional Court", OrganizationKind.COURT),
    ("National University", OrganizationKind.UNIVERSITY),
    ("State Broadcaster", OrganizationKind.MEDIA),
    ("Steel Corporation", OrganizationKind.COMPANY),
    ("Chamber of Commerce", OrganizationKind.OTHER),
    ("Residents' Association", OrganizationKind.COMMUNITY),
)
# International bodies, which have no country.
INTERNATIONAL_BODIES = (
    ("United Nations", OrganizationKind.IGO),
    ("G20", OrganizationKind.IGO),
    ("APEC", OrganizationKind.IGO),
    ("ASEAN", OrganizationKind.IGO),
    ("European Union", OrganizationKind.IGO),
    ("World Trade Organization", OrganizationKind.IGO),
    ("International Court of Justice", OrganizationKind.COURT),
    ("Permanent Court of Arbitration", OrganizationKind.COURT),
    ("International Committee of the Red Cross", OrganizationKind.NGO),
    ("Amnesty International", OrganizationKind.NGO),
)
FORUMS = ("G20", "APEC", "ASEAN", "G7", "BRICS", "Shanghai Cooperation Organisation")

# (name, country or None where it is disputed or international, kind, lat, lon)
PLACES: tuple[tuple[str, str | None, LocationKind, float, float], ...] = (
    ("Beijing", "CHN", LocationKind.CITY, 39.9042, 116.4074),
    ("Seoul", "KOR", LocationKind.CITY, 37.5665, 126.978),
    ("Tokyo", "JPN", LocationKind.CITY, 35.6762, 139.6503),
    ("Washington", "USA", LocationKind.CITY, 38.9072, -77.0369),
    ("Moscow", "RUS", LocationKind.CITY, 55.7558, 37.6173),
    ("Pyongyang", "PRK", LocationKind.CITY, 39.0392, 125.7625),
    ("New Delhi", "IND", LocationKind.CITY, 28.6139, 77.209),
    ("Kyiv", "UKR", LocationKind.CITY, 50.4501, 30.5234),
    ("Brussels", "BEL", LocationKind.CITY, 50.8503, 4.3517),
    ("Geneva", "CHE", LocationKind.CITY, 46.2044, 6.1432),
    ("São Paulo", "BRA", LocationKind.CITY, -23.5505, -46.6333),
    ("Canberra", "AUS", LocationKind.CITY, -35.2809, 149.13),
    ("Singapore", "SGP", LocationKind.CITY, 1.3521, 103.8198),
    ("Gyeongju", "KOR", LocationKind.CITY, 35.8562, 129.2247),
    ("Hokkaido", "JPN", LocationKind.REGION, 43.2203, 142.8635),
    ("Camp David", "USA", LocationKind.SITE, 39.6483, -77.465),
    ("Panmunjom", None, LocationKind.SITE, 37.9558, 126.6772),
    ("Yellow Sea", None, LocationKind.SEA, 35.0, 123.0),
    ("South China Sea", None, LocationKind.SEA, 12.0, 113.0),
    ("Taiwan Strait", None, LocationKind.SEA, 24.0, 119.5),
    ("Dokdo", None, LocationKind.ISLAND, 37.2417, 131.8647),
    ("Scarborough Shoal", None, LocationKind.ISLAND, 15.15, 117.7625),
)

TOPICS = (
    "regional security", "economic cooperation", "Korean Peninsula denuclearization",
    "supply chains", "climate change", "Taiwan", "semiconductors", "fisheries", "tourism",
    "cultural exchange", "maritime boundaries", "energy security", "humanitarian aid",
)  # fmt: skip
OUTCOMES = (
    "joint statement", "memorandum of understanding on supply chains",
    "agreement to resume the hotline", "currency swap agreement", "visa waiver extension",
    "declaration on climate cooperation",
)  # fmt: skip
SUBJECTS = (
    "Taiwan", "sovereignty over the islands", "maritime construction in disputed waters",
    "deployment of a missile defense system", "fishing rights", "expulsion of diplomats",
    "wartime forced labour", "the maritime boundary",
)  # fmt: skip
POSITIONS = (
    "fish-farming equipment", "security threat", "inherent territory",
    "a violation of sovereignty", "an internal affair", "purely defensive",
    "“a matter of principle”", "calls for dialogue",
)  # fmt: skip
SECTORS = (
    "steel", "semiconductors", "entertainment", "cultural content", "agriculture",
    "automobiles", "rare earths", "solar panels", "shipbuilding", "tourism",
)  # fmt: skip
PRODUCTS = (
    "electric vehicles", "soybeans", "lithium batteries", "beef", "memory chips", "wine",
    "gallium", "K-pop concerts", "canola oil", "drones",
)  # fmt: skip
RATES = (25.0, 10.0, 5.0, 7.5, 34.0, 100.0, 145.0, 15.0)
NOTES = (
    "believed to be retaliation", "second meeting since November", "as reported",
    "announced the same day", "context given by the article",
)  # fmt: skip
SLUG_WORDS = (
    "lee", "xi", "china", "korea", "japan", "us", "visit", "summit", "talks", "tariffs",
    "steel", "thaad", "yellow-sea", "dispute", "apec", "g20", "2019", "2025", "2026",
)  # fmt: skip
QUOTES = (
    "a new starting point to fill in the gaps in Korea-China relations",
    "The talks were frank and constructive.",
    "We will never accept any attempt to change the status quo by force.",
    "fish-farming equipment",
    "Both sides agreed to resume the dialogue “at an early date.”",
    'The ministry called the tariffs "unjustified and discriminatory".',
    "The Monday summit—their second since November—addressed critical issues.",
    "China\u2019s unofficial restrictions on Korean cultural exports",
    "这是两国关系的新起点",
    "한중 관계의 새로운 출발점",
    "Great meeting with President Lee today 🇰🇷🇺🇸",
)
PUBLISHERS = (
    "The Korea Herald", "Reuters", "Xinhua", "Associated Press", "Yonhap",
    "South China Morning Post", "NHK World", "BBC News", "Le Monde", "Al Jazeera",
)  # fmt: skip
DOMAINS = (
    "www.koreaherald.com", "www.reuters.com", "english.news.cn", "apnews.com",
    "en.yna.co.kr", "www.scmp.com", "www3.nhk.or.jp", "www.bbc.com",
)  # fmt: skip
SECTIONS = ("world", "politics", "diplomacy", "business", "asia-pacific")
EXTENSION_KEYS = (
    "x_coder", "x_confidence", "x_pipeline", "x_model", "x_cameo", "x_plover", "x_reviewed",
    "x_tags", "x_notes", "x_article_id", "x_geo",
)  # fmt: skip
JSON_KEYS = ("label", "score", "source", "version", "model", "spans", "by", "lang")
JSON_WORDS = ("hand", "rule-based", "llm", "reviewed", "042", "Beijing", "0.9", "")

# Summaries by kind of event; each kind's own fields name the placeholders (see
# `diplomev.strategies.realistic`), and every kind knows ``{kind}``.
SUMMIT_SUMMARIES = (
    "{a} and {b} hold a summit",
    "{a} meets {b}",
    "Talks between {a} and {b}",
    "{a} and {b} agree to deepen cooperation",
)
VISIT_SUMMARIES = (
    "{visitor}'s visit to {host}",
    "{visitor} travels to {host} for talks",
    "{visitor} arrives in {host}, the first such visit since 2019",
)
DISPUTE_SUMMARIES = (
    "Tensions between {a} and {b}",
    "{a} protests against {b}",
    "{a} and {b} trade accusations over {subject}",
)
TRADE_SUMMARIES = (
    "{imposer} imposes {measure} on {target}",
    "{target} hit by {imposer}'s {measure}",
    "{imposer} announces {measure} against {target}",
)
AGREEMENT_SUMMARIES = (
    "{a} and {b} sign a {instrument}",
    "{a} and {b} agree on {title}",
    "{a} joins {title}",
)
STATEMENT_SUMMARIES = (
    "{speaker} issues a statement",
    "{speaker} sends a message of {purpose} to {addressee}",
    "{speaker}'s {purpose} over {subject}",
)
ACTION_SUMMARIES = (
    "{actor} moves to {action} of {target}",
    "{actor}: {action}, in a row with {target}",
)
VOTE_SUMMARIES = (
    "{body} votes on {motion}",
    "{motion} {result} by the {body}",
)
# A kind of a user's: its name is all a summary knows of it.
OTHER_SUMMARIES = ("A {kind} reported in the news",)
HEADLINES = (
    "{a} and {b} hold talks",
    "{a} says ties with {b} at a “new starting point”",
    "{a} slaps tariffs on {b} steel",
    "{a} protests {b}'s maritime structures",
)
# Text for a text field of a user's kind that no name above fits.
OTHER_TEXTS = TOPICS + SUBJECTS + OUTCOMES

# Currencies agreements are valued in, most reported first.
CURRENCIES = ("USD", "EUR", "CNY", "JPY", "KRW", "GBP", "INR", "RUB", "SAR", "XDR")

AGREEMENT_TITLES = (
    "Memorandum of Understanding on Cultural Exchange",
    "Comprehensive Strategic Partnership",
    "Joint Statement on Supply-Chain Cooperation",
    "Treaty of Friendship and Cooperation",
    "Agreement on the Cessation of Hostilities",
    "Protocol on Fisheries",
    "Free Trade Agreement",
)
TERMS = (
    "a joint working group meets twice a year",
    "tariffs on steel are phased out by 2030",
    "both sides refrain from the use of force",
    "fishing boats keep ten nautical miles from the line",
    "a hotline between the defence ministries",
)
MOTIONS = (
    "Resolution 1973",
    "Resolution 2231",
    "a draft resolution on a ceasefire",
    "a motion of no confidence",
    "the ratification of the treaty",
    "a resolution condemning the missile launch",
)
# Bodies that decide by vote: (name, kind, country or None for an international one).
VOTING_BODIES = (
    ("UN Security Council", "igo", None),
    ("UN General Assembly", "igo", None),
    ("UN Human Rights Council", "igo", None),
    ("National Assembly", "legislature", "KOR"),
    ("European Parliament", "igo", None),
    ("House of Representatives", "legislature", "USA"),
)
