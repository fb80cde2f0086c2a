"""Word lists of general English news prose that the rules read: titles, openers that
are no names, function words, abbreviations, and words used for the same thing."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that end with a full stop without ending the sentence.
ABBREVIATIONS = _words(
    """mr mrs ms dr prof gen lt col maj capt sgt adm sen rep gov st jr sr inc corp co ltd no
    vs etc approx dept est fig jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n
    e.u d.c e.g i.e a.m p.m"""
)

# Words of a title rather than a name ("Foreign Minister Sergei Lavrov").
TITLES = _words(
    """president vice prime minister foreign secretary deputy spokesman spokeswoman
    spokesperson ambassador chancellor general gen gen. defense defence interior state chief
    commander director senator sen. representative rep. governor mayor press security adviser
    advisor national supreme leader ayatollah king queen prince sheikh pope assistant
    under-secretary principal affairs ministry office department council treasury justice
    health finance economy trade energy army navy air force mr. mrs. ms. dr. high political
    diaspora military intelligence agency head chairman chairwoman envoy official officials
    aide lawmaker member speaker attorney judge admiral colonel col. lt. major minister's
    permanent special first second senior former acting top economic counselor presidential
    general's police court party opposition"""
)

# The head nouns that say what kind of body a name is ("Aam Aadmi Party", "Moscow City
# Court"): "the company" refers back to no party, "the party" to no company.
INSTITUTION_HEADS = _words(
    """party union organization organisation agency council commission court committee
    ministry department fund league alliance assembly parliament congress movement front
    office bank"""
)

# Capitalised words that open a sentence or a clause without naming anyone.
NOT_NAMES = _words(
    """the a an in on at this that these those however also but and meanwhile according
    earlier back last prior when after before during since while as if his her their its he
    she they we it our my your i there here such both neither nor monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august
    september october november december today yesterday speaking asked following western
    eastern northern southern european arab"""
)

# Words that carry no proposition. Dates too: "in April 2025" scopes a claim in time,
# which the statement's own date says.
STOPWORDS = _words(
    """january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday week month year"""
) | _words(
    """a an the of to in on for with by from at as and or but is are was were be been being
    has have had it its this that these those which who whom whose there their they them he
    she his her we our you your i me my not no nor so than then also just only very more most
    such can could would should will may might must do does did done said says say told
    about over into out up down after before during while because if whether any all some
    other others own same both either neither each every one two"""
)

# Words English uses for the same thing, each group under one word.
_SAME = {
    # Goods changing hands, from either side: "Iran supplied", "Russia received".
    "supply": """supply supplied supplies supplying supplier suppliers send sent sending provide
        provided provides providing deliver delivered delivering delivery deliveries transfer
        transferred
        transfers ship shipped shipment shipments give gave given giving sell sold sale sales
        export exported exports receive received receives receiving acquire acquired
        acquiring buy bought buys buying purchase purchased purchases obtain obtained import
        imported""",
    "military": "military army forces force troops soldiers armed",
    "seek": "seek sought seeking request requested requests ask asked asking want wanted",
    "train": "train trained training trains instructor instructors",
    "drone": "drone drones uav uavs unmanned",
    "missile": "missile missiles rocket rockets",
    "weapon": "weapon weapons arms armaments munitions ammunition",
    "build": "build building built construct constructing construction",
    "plant": "plant factory facility factories plants facilities",
    "kill": "kill killed killing",
    "attack": "attack attacked attacks attacking strike struck strikes",
    "win": "win won wins winning victory",
    "elect": "elect elected election elections vote votes voted ballot",
    "negotiate": """negotiate negotiated negotiating negotiation negotiations talks talk
        discussion discussions conversation conversations consultation consultations deal
        deals""",
    "speak": "speak spoke spoken speaking talked phoned",
}
SYNONYMS = {word: group for group, words in _SAME.items() for word in words.split()}
# The groups that are actions: the verb of a proposition.
PREDICATES = _words("supply seek train build win elect negotiate speak")
