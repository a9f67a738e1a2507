"""Given names and what people are called for short: agencies record both, so a search
and record linkage compare names through this table, both ways."""

from __future__ import annotations

__all__ = ["NICKNAMES", "known_as"]

NICKNAMES: dict[str, tuple[str, ...]] = {
    "William": ("Bill", "Will", "Billy"),
    "Thomas": ("Tom", "Tommy"),
    "James": ("Jim", "Jamie"),
    "Alexander": ("Alex", "Sandy"),
    "Joseph": ("Joe", "Joey"),
    "Edward": ("Ed", "Ted", "Eddie"),
    "Samuel": ("Sam", "Sammy"),
    "Daniel": ("Dan", "Danny"),
    "Benjamin": ("Ben", "Benji"),
    "Matthew": ("Matt",),
    "Jonathan": ("Jon", "Jonny"),
    "Michael": ("Mike", "Mick"),
    "Stephen": ("Steve",),
    "Richard": ("Rick", "Dick", "Richie"),
    "Robert": ("Bob", "Rob", "Bobby"),
    "Christopher": ("Chris",),
    "Anthony": ("Tony",),
    "Kenneth": ("Ken", "Kenny"),
    "Raymond": ("Ray",),
    "Ronald": ("Ron", "Ronnie"),
    "Andrew": ("Andy", "Drew"),
    "Henry": ("Harry", "Hal"),
    "Frederick": ("Freddie", "Fred"),
    "Theodore": ("Theo", "Ted"),
    "David": ("Dave", "Davey"),
    "Peter": ("Pete",),
    "Isabella": ("Bella", "Izzy"),
    "Charlotte": ("Lottie", "Charlie"),
    "Jessica": ("Jess",),
    "Rebecca": ("Becky", "Becca"),
    "Olivia": ("Liv", "Livvy"),
    "Elizabeth": ("Liz", "Beth"),
    "Margaret": ("Maggie", "Peggy", "Meg"),
    "Patricia": ("Pat", "Trish"),
    "Susan": ("Sue", "Suzy"),
    "Deborah": ("Debbie", "Deb"),
    "Jacqueline": ("Jackie",),
    "Christine": ("Chris", "Chrissie"),
    "Katarzyna": ("Kasia",),
    "Agnieszka": ("Aga",),
    "Nicola": ("Nicky",),
    "Pauline": ("Pauly",),
    "Barbara": ("Babs",),
    "Amelia": ("Millie",),
    "Florence": ("Flo",),
    "Hannah": ("Annie",),
}


def _both_ways() -> dict[str, frozenset[str]]:
    names: dict[str, set[str]] = {}
    for full, short in NICKNAMES.items():
        group = {full.lower(), *(s.lower() for s in short)}
        for name in group:
            names.setdefault(name, set()).update(group - {name})
    return {name: frozenset(others) for name, others in names.items()}


_KNOWN_AS = _both_ways()


def known_as(word: str) -> frozenset[str]:
    """The other names (lower case) one given name is also recorded as: for "bill",
    william, will and billy; none for a name not in the table."""
    return _KNOWN_AS.get(word.lower(), frozenset())
