"""Deterministic synthetic wire-style articles for benchmarks.

    from synth import make_articles
    articles = make_articles(300)  # [{"id": ..., "text": ..., "date": "YYYY-MM-DD"}, ...]

Every article is 8-20 sentences built from templates with slots (actors, verbs,
places, time expressions), mixed with filler sentences that hold no event
(weather, markets) and, now and then, a heading line. The same ``n`` and
``seed`` always give the same corpus; about 250 words per article on average.
The text is plausible enough to exercise the parser and the coder, not to be read.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

# --- slot fillers -------------------------------------------------------------------------

COUNTRIES = [
    # (adjective, capital, other places, currency, people)
    ("Kenyan", "Nairobi", ["Mombasa", "Kisumu", "Garissa"], "shilling", "Kenyans"),
    ("Chinese", "Beijing", ["Shanghai", "Guangzhou", "Xinjiang"], "yuan", "Chinese citizens"),
    ("Russian", "Moscow", ["Belgorod", "Kursk", "St Petersburg"], "rouble", "Russians"),
    ("Ukrainian", "Kyiv", ["Kharkiv", "Odesa", "Zaporizhzhia"], "hryvnia", "Ukrainians"),
    ("Nigerian", "Abuja", ["Lagos", "Maiduguri", "Kano"], "naira", "Nigerians"),
    ("Ethiopian", "Addis Ababa", ["Mekelle", "Gondar", "Bahir Dar"], "birr", "Ethiopians"),
    ("Venezuelan", "Caracas", ["Maracaibo", "Valencia", "San Cristobal"], "bolivar",
     "Venezuelans"),
    ("Turkish", "Ankara", ["Istanbul", "Diyarbakir", "Izmir"], "lira", "Turks"),
    ("Pakistani", "Islamabad", ["Karachi", "Lahore", "Peshawar"], "rupee", "Pakistanis"),
    ("Colombian", "Bogota", ["Medellin", "Cali", "Cucuta"], "peso", "Colombians"),
    ("Iranian", "Tehran", ["Isfahan", "Mashhad", "Tabriz"], "rial", "Iranians"),
    ("Philippine", "Manila", ["Davao", "Cebu", "Zamboanga"], "peso", "Filipinos"),
]

# actors built from a country adjective: "{adj} police", "the {adj} foreign ministry"
STATE_ACTORS = [
    "{adj} police", "the {adj} foreign ministry", "{adj} troops", "{adj} officials",
    "the {adj} army", "the {adj} government", "{adj} security forces",
    "the {adj} interior ministry", "{adj} riot police", "the {adj} defence ministry",
    "{adj} border guards", "{adj} prosecutors", "a {adj} court", "{adj} lawmakers",
]
OTHER_ACTORS = [
    "rights groups", "opposition activists", "local residents", "student protesters",
    "the United Nations", "the European Union", "the African Union", "aid agencies",
    "a coalition of trade unions", "armed men", "rebel fighters", "Amnesty International",
    "the International Committee of the Red Cross", "journalists", "church leaders",
]
TITLES = [
    "{adj} President", "{adj} Foreign Minister", "{adj} Interior Minister", "opposition leader",
    "{adj} Defence Minister", "police spokesman", "army spokeswoman", "{adj} Prime Minister",
    "rights activist", "Governor", "human rights lawyer", "{adj} ambassador",
]
FIRST_NAMES = [
    "Amina", "Tomas", "Wanjiru", "Oleksandr", "Li", "Dmitri", "Chidi", "Selam", "Mariela",
    "Kemal", "Farah", "Rodrigo", "Nadia", "Yusuf", "Halyna", "Joaquin", "Imani", "Arash",
    "Teodora", "Bayo",
]
LAST_NAMES = [
    "Odhiambo", "Vereshchak", "Kamau", "Bondarenko", "Wenjun", "Sorokin", "Okafor", "Tesfaye",
    "Quintero", "Aksoy", "Rahimi", "Salcedo", "Petrenko", "Abubakar", "Moroz", "Villanueva",
    "Mwangi", "Karimi", "Stoica", "Adeyemi",
]
THINGS_TO_DO = [
    "release detained protesters", "allow aid convoys into the region",
    "hold talks without preconditions", "withdraw its troops from the border",
    "investigate the killings", "lift restrictions on the media", "respect the ceasefire",
    "reopen the border crossing", "free all political prisoners", "hold early elections",
]
ACCUSATIONS = [
    "war crimes", "torturing detainees", "rigging the vote", "violating the ceasefire",
    "spying", "stoking ethnic tensions", "embezzling public funds", "harbouring militants",
]
TOPICS = [
    "border security", "trade", "energy supplies", "a prisoner exchange", "grain exports",
    "the refugee crisis", "debt relief", "counter-terrorism cooperation", "water sharing",
]
GRIEVANCES = [
    "rising fuel prices", "the new tax law", "police brutality", "the election results",
    "power cuts", "the arrest of opposition leaders", "food shortages", "corruption",
]
DENIALS = [
    "any involvement in the attack", "the allegations", "targeting civilians",
    "holding journalists", "that troops had crossed the border", "the reports",
]
SITES = [
    "a village", "residential areas", "a market", "a power station", "the railway station",
    "positions", "a fuel depot", "a school",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
TAILS = [
    ", the latest in a series of incidents in the region this year",
    ", in a move that drew sharp criticism from {B}",
    ", according to a statement seen by reporters",
    ", although details of the arrangement were not made public",
    ", amid growing tension between the two sides since {yr}",
    ", as diplomats in {city} pressed for a negotiated settlement",
    ", a claim that could not be independently verified",
]
SOURCES = [
    "officials said", "witnesses said", "a spokesman said", "local media reported",
    "the ministry said in a statement", "according to a statement", "two sources said",
]

# --- templates ----------------------------------------------------------------------------
# {A}/{B}: actors; {P}: a person with a title; {PL}: a place phrase; {T}: a time phrase;
# {SRC}: an attribution; the rest are filled from the lists above.

EVENT_TEMPLATES = [
    "{A} detained {n} protesters{PL}{T}, {SRC}.",
    "{A} arrested {P}{PL}{T} on charges of {crime}.",
    "{A} urged {B} to {todo}.",
    "{P} urged {B} to {todo}{T}.",
    "{P} met with {Q}{PL}{T} to discuss {topic}.",
    "{A} held talks with {B} on {topic}{PL}{T}.",
    "{A} accused {B} of {crime}{T}.",
    "{P} accused {B} of {crime}, saying the evidence was overwhelming.",
    "{A} imposed sanctions on {B}{T} over {grievance}.",
    "{A} shelled {site} near {town}{T}, killing at least {n} people, {SRC}.",
    "{A} protested against {grievance}{PL}{T}.",
    "Hundreds of {people} protested against {grievance}{PL}{T}, {SRC}.",
    "{A} signed an agreement with {B} on {topic}{PL}{T}.",
    "{A} denied {denial}{T}.",
    "{P} denied {denial}, calling them politically motivated.",
    "{P} said that {A} had detained {n} people{PL}{T}.",
    "{P} said that {A} would hold talks with {B} on {topic}.",
    "{A} said that {B} had shelled {site} near {town}{T}.",
    "{A} expelled {n} diplomats from {B}{T}, {SRC}.",
    "{A} threatened to impose sanctions on {B} if it refused to {todo}.",
    "{A} released {n} detainees{PL}{T} after talks mediated by {B}.",
    "{A} condemned the attack{PL} and called on {B} to {todo}.",
    "\"We will not accept this,\" {P} told reporters{PL}{T}.",
]
FILLER_TEMPLATES = [
    "Temperatures in {city} reached {deg} degrees Celsius {T2}, the weather service said.",
    "Heavy rain is forecast for much of the country over the coming days.",
    "The {currency} traded at {price} to the dollar in early trading {T2}.",
    "Inflation stood at {pct} percent in {month}, down from {pct2} percent a year earlier.",
    "The central bank left its benchmark interest rate unchanged at {pct} percent.",
    "Exports of coffee and tea rose by {pct} percent in the first quarter.",
    "The region has a population of about {mn} million people.",
    "Traffic was heavy on the main roads into {city} as schools reopened after the holiday.",
    "The stock market closed {pct} percent higher, led by banking and telecoms shares.",
    "Fuel prices have risen for the third month in a row.",
    "The dry season usually lasts until the end of {month}.",
    "Tourist arrivals have recovered to near pre-pandemic levels.",
]
HEADINGS = [
    "{Adj} police detain protesters in {city}",
    "Talks on {topic} resume",
    "Sanctions tightened",
    "Shelling near {town}",
    "Background",
    "Economy",
    "Reaction",
    "Rights groups condemn arrests",
]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class _Writer:
    """Fills templates for one article, with the article's main country as context."""

    def __init__(self, rng: random.Random, published: date) -> None:
        self.rng = rng
        self.published = published
        self.home = rng.choice(COUNTRIES)
        self.other = rng.choice([c for c in COUNTRIES if c is not self.home])
        self.people = [self._new_person() for _ in range(3)]

    def _new_person(self) -> str:
        rng = self.rng
        adj = rng.choice([self.home, self.other])[0]
        title = rng.choice(TITLES).format(adj=adj)
        return f"{title} {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"

    def actor(self) -> str:
        rng = self.rng
        if rng.random() < 0.7:
            adj = self.home[0] if rng.random() < 0.6 else self.other[0]
            return rng.choice(STATE_ACTORS).format(adj=adj)
        return rng.choice(OTHER_ACTORS)

    def person(self) -> str:
        return self.rng.choice(self.people)

    def place(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.35:
            return ""
        country = self.home if rng.random() < 0.75 else self.other
        city = rng.choice([country[1], *country[2]])
        prep = rng.choice(["in", "in", "in", "near", "outside"])
        return f" {prep} {city}"

    def time(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            return ""
        if r < 0.6:
            return f" on {rng.choice(WEEKDAYS)}"
        if r < 0.7:
            return f" in {rng.randint(2015, self.published.year)}"
        if r < 0.8:
            return f" on {rng.choice(MONTHS)} {rng.randint(1, 28)}"
        return " " + rng.choice(["last month", "last week", "earlier this week", "last year",
                                 "on Tuesday night", "earlier this month"])

    def fill(self, template: str) -> str:
        rng = self.rng
        a = self.actor()
        b = self.actor()
        while b == a:
            b = self.actor()
        p = self.person()
        q = self.person()
        if q == p:
            q = self._new_person()
        country = rng.choice([self.home, self.other])
        values = {
            "A": a, "B": b, "P": p, "Q": q, "PL": self.place(), "T": self.time(),
            "T2": rng.choice(["on Monday", "on Friday", "this week", "on Sunday"]),
            "SRC": rng.choice(SOURCES), "n": str(rng.choice([2, 3, 5, 12, 17, 24, 40, 150])),
            "crime": rng.choice(ACCUSATIONS), "todo": rng.choice(THINGS_TO_DO),
            "topic": rng.choice(TOPICS), "grievance": rng.choice(GRIEVANCES),
            "denial": rng.choice(DENIALS), "site": rng.choice(SITES),
            "town": rng.choice(country[2]), "city": country[1], "people": country[4],
            "Adj": self.home[0], "currency": self.home[3],
            "price": f"{rng.uniform(1, 150):.2f}", "deg": str(rng.randint(12, 41)),
            "pct": f"{rng.uniform(0.5, 12):.1f}", "pct2": f"{rng.uniform(0.5, 12):.1f}",
            "month": rng.choice(MONTHS), "mn": str(rng.randint(2, 40)),
            "yr": str(rng.randint(2010, self.published.year)),
        }
        return _cap(template.format(**values))


def make_article(rng: random.Random, index: int, seed: int) -> dict[str, str]:
    published = date(2018, 1, 1) + timedelta(days=rng.randrange(7 * 365))
    w = _Writer(rng, published)
    n_sentences = rng.randint(8, 20)
    sentences: list[str] = []
    for _ in range(n_sentences):
        if rng.random() < 0.25:
            sentences.append(w.fill(rng.choice(FILLER_TEMPLATES)))
        else:
            template = rng.choice(EVENT_TEMPLATES)
            if template.endswith(".") and rng.random() < 0.5:
                template = template[:-1] + rng.choice(TAILS) + "."
            sentences.append(w.fill(template))
    # paragraphs of 1-3 sentences, blank line between them; sometimes a heading line
    paragraphs: list[str] = []
    if rng.random() < 0.3:
        paragraphs.append(w.fill(rng.choice(HEADINGS)))
    i = 0
    while i < len(sentences):
        k = rng.randint(1, 3)
        if i > 0 and rng.random() < 0.08:
            paragraphs.append(w.fill(rng.choice(HEADINGS)))
        paragraphs.append(" ".join(sentences[i:i + k]))
        i += k
    return {
        "id": f"synth-{seed}-{index:05d}",
        "text": "\n\n".join(paragraphs) + "\n",
        "date": published.isoformat(),
    }


def make_articles(n: int, seed: int = 7) -> list[dict[str, str]]:
    """``n`` synthetic articles: ``{"id", "text", "date"}`` dicts, the same for the same seed."""
    rng = random.Random(seed)
    return [make_article(rng, i, seed) for i in range(n)]


if __name__ == "__main__":  # show a sample: python bench/synth.py [n]
    import sys

    arts = make_articles(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
    for art in arts:
        print(f"--- {art['id']} {art['date']}\n{art['text']}")
    words = sum(len(a["text"].split()) for a in arts)
    print(f"{len(arts)} articles, {words} words, {words / len(arts):.0f} words/article",
          file=sys.stderr)
