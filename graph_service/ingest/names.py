"""Name and place lists for the synthetic borough.

Names are common in England and Wales and are combined at random, so no record
describes a real person. Streets, areas and postcodes are invented ("NB" is not a
UK postcode area).
"""

from __future__ import annotations

__all__ = [
    "AREAS",
    "FAMILY_NAMES",
    "FEMALE_NAMES",
    "MALE_NAMES",
    "NAME_VARIANTS",
    "STREET_KINDS",
    "STREET_NAMES",
]

MALE_NAMES = (
    "Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Muhammad", "Thomas",
    "Oscar", "William", "James", "Leo", "Alfie", "Henry", "Joshua", "Freddie", "Archie",
    "Ethan", "Isaac", "Alexander", "Joseph", "Edward", "Samuel", "Max", "Daniel", "Arthur",
    "Lucas", "Mohammed", "Logan", "Theo", "Harrison", "Adam", "Benjamin", "Dylan", "Jake",
    "Matthew", "Ryan", "Liam", "Kyle", "Lewis", "Callum", "Connor", "Jordan", "Reece",
    "David", "John", "Paul", "Mark", "Andrew", "Michael", "Stephen", "Richard", "Peter",
    "Gary", "Kevin", "Darren", "Lee", "Craig", "Wayne", "Robert", "Christopher", "Anthony",
    "Kenneth", "Brian", "Raymond", "Roy", "Dennis", "Ronald", "Keith", "Tyrone", "Kwame",
    "Oluwaseun", "Tomasz", "Piotr", "Arjun", "Ravi", "Imran", "Bilal", "Yusuf", "Omar",
    "Declan", "Ciaran", "Rhys", "Owen", "Gareth", "Hamish", "Euan", "Jonathan", "Aaron",
)  # fmt: skip

FEMALE_NAMES = (
    "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Sophia", "Grace",
    "Freya", "Florence", "Willow", "Emily", "Ella", "Poppy", "Evie", "Charlotte", "Rosie",
    "Sophie", "Chloe", "Jessica", "Lucy", "Ellie", "Hannah", "Megan", "Holly", "Amy",
    "Laura", "Rebecca", "Sarah", "Emma", "Gemma", "Kelly", "Claire", "Nicola", "Lisa",
    "Michelle", "Joanne", "Rachel", "Donna", "Karen", "Tracey", "Julie", "Susan", "Helen",
    "Deborah", "Angela", "Jacqueline", "Margaret", "Patricia", "Barbara", "Jean", "Pauline",
    "Sandra", "Christine", "Linda", "Maureen", "Doreen", "Joan", "Aisha", "Fatima",
    "Maryam", "Zara", "Amira", "Priya", "Anjali", "Sunita", "Nadia", "Agnieszka", "Katarzyna",
    "Chiamaka", "Adaeze", "Abena", "Siobhan", "Niamh", "Catrin", "Bethan", "Eilidh",
    "Kirsty", "Leanne", "Stacey", "Jade", "Chantelle", "Shannon", "Courtney", "Natasha",
)  # fmt: skip

FAMILY_NAMES = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
    "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts",
    "Green", "Hall", "Thomas", "Clarke", "Jackson", "Wood", "Harris", "Edwards", "Turner",
    "Martin", "Cooper", "Hill", "Ward", "Hughes", "Moore", "Clark", "King", "Harrison",
    "Lewis", "Baker", "Lee", "Allen", "Morris", "Khan", "Scott", "Watson", "Davis",
    "Parker", "James", "Bennett", "Young", "Phillips", "Richardson", "Mitchell", "Bailey",
    "Carter", "Cook", "Singh", "Shaw", "Bell", "Collins", "Morgan", "Kelly", "Begum",
    "Miller", "Cox", "Hussain", "Marshall", "Simpson", "Price", "Anderson", "Adams",
    "Wilkinson", "Ali", "Ahmed", "Foster", "Ellis", "Murphy", "Chapman", "Mason", "Gray",
    "Richards", "Webb", "Griffiths", "Hunt", "Palmer", "Campbell", "Holmes", "Mills",
    "Rogers", "Barnes", "Knight", "Matthews", "Barker", "Powell", "Stevens", "Kaur",
    "Fletcher", "Dixon", "McDonald", "MacKenzie", "O'Brien", "Nowak", "Kowalski", "Okafor",
    "Mensah", "Adeyemi", "Osei", "Chaudhry", "Mahmood", "Rahman", "Sharma", "Gill",
    "Fitzgerald", "Doherty", "Reilly", "Lloyd", "Pritchard", "Armstrong", "Ferguson",
)  # fmt: skip

# Spellings another agency's system may hold for the same person.
NAME_VARIANTS: dict[str, tuple[str, ...]] = {
    "Muhammad": ("Mohammed", "Mohammad", "Muhammed"),
    "Mohammed": ("Muhammad", "Mohamed"),
    "Jon": ("John",),
    "John": ("Jon",),
    "Stephen": ("Steven",),
    "Jacqueline": ("Jaqueline", "Jackie"),
    "Katarzyna": ("Katarina", "Kasia"),
    "Siobhan": ("Shivaun", "Shevaun"),
    "Niamh": ("Neve", "Neeve"),
    "Aisha": ("Ayesha", "Aysha"),
    "Fatima": ("Fatimah",),
    "Zara": ("Zarah",),
    "Sophie": ("Sophia", "Sofie"),
    "Isla": ("Isla-Rose", "Islay"),
    "Rebecca": ("Rebekah", "Becky"),
    "Michael": ("Micheal", "Mike"),
    "Christopher": ("Chris", "Kristopher"),
    "Leanne": ("Lianne", "Leeanne"),
    "Chantelle": ("Shantelle",),
    "Thompson": ("Thomson",),
    "Davies": ("Davis",),
    "Clarke": ("Clark",),
    "McDonald": ("MacDonald", "Mcdonald"),
    "MacKenzie": ("McKenzie",),
    "O'Brien": ("OBrien", "O Brien"),
    "Hussain": ("Hussein", "Husain"),
    "Chaudhry": ("Choudhury", "Chaudry"),
    "Rahman": ("Rehman",),
    "Begum": ("Begam",),
    "Okafor": ("Okafo",),
    "Philips": ("Phillips",),
    "Phillips": ("Philips",),
}

AREAS = (
    ("Ashgrove", "North"), ("Bramley Park", "North"), ("Castlefield", "North"),
    ("Dunmore", "East"), ("Elmwood", "East"), ("Fairhaven", "East"),
    ("Greystones", "South"), ("Hollins", "South"), ("Kingsmead", "South"),
    ("Larkhill", "West"), ("Millbrook", "West"), ("Oakridge", "West"),
)  # fmt: skip

STREET_NAMES = (
    "Acacia", "Beech", "Chestnut", "Dovecote", "Foxglove", "Hawthorn", "Juniper", "Laburnum",
    "Magnolia", "Nightingale", "Orchard", "Primrose", "Quarry", "Rowan", "Sycamore",
    "Thistle", "Victoria", "Wellington", "Albert", "Station", "Mill", "Church", "Park",
    "Meadow", "Brook", "Canal", "Forge", "Kiln", "Weavers", "Tanners", "Cobblers", "Heron",
)  # fmt: skip

STREET_KINDS = ("Road", "Street", "Close", "Avenue", "Way", "Lane", "Court", "Gardens")
