"""Round 43, sectors: words that name no field of the event. A border as where a place lies ("on the
border with X", "their common border") or what a thing ignores ("knows no borders"); an environment as a
mood or a setting ("a calm environment", "the business environment"); a think tank or a scholar's title
("the Strategic Research Center", "a research scholar"); the World Bank named in passing and a central
bank's governor; an oil tanker attacked at sea; culture shared as the ground of ties ("historical and
cultural commonalities", "a common culture") and a cultural attaché; economic and political pressure; the
medical uses a nuclear programme claims. Made-up sentences."""

import pytest

from libs.extraction.sectors import SectorMatcher
from tests.extraction.helpers import sectors_in


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("The new railway ends in the town of Velm, on the border with Dorsk.", "defense_security"),
        ("Orvia and Dorsk share a common border of 300 kilometres.", "defense_security"),
        ("The market will open on the border between Orvia and Dorsk.", "defense_security"),
        ("A virus knows no borders, the health minister said.", "defense_security"),
        ("Students of both nations will no longer pay fees for crossing borders.", "defense_security"),
        ("The scheme protects patents across borders.", "defense_security"),
        ("Firms from Orvia took part in projects beyond the borders of Dorsk.", "defense_security"),
        ("The envoy will arrive in Velm in keeping with this calm environment.", "environment"),
        ("He called for an improved business environment so that more firms can invest.", "environment"),
        ("The talks were held in a tense environment.", "environment"),
        ("Ties stayed firm despite the changing international environment.", "environment"),
        ("He met the head of the Center for Strategic Research in Velm.", "science_research"),
        (
            "A former negotiator and a research scholar at Velm University spoke to the paper.",
            "science_research",
        ),
        ("He spoke at the Observer Research Foundation in Dorsk.", "science_research"),
        ("The treaty on the river was brokered by the World Bank.", "trade_economy"),
        ("The minister travelled with the central bank governor.", "trade_economy"),
        ("They discussed the attack on an oil tanker near the strait.", "energy"),
        ("Unclaimed attacks hit two oil tankers in the gulf.", "energy"),
        ("He pointed to the historical and cultural commonalities of the two nations.", "culture_language"),
        ("Their links rest on a common culture and civilization.", "culture_language"),
        ("The two peoples have a shared culture and faith.", "culture_language"),
        ("He praised Orvia as a country with a rich culture.", "culture_language"),
        ("Mr Velm, the former cultural attaché in Dorsk, told the paper.", "culture_language"),
        ("Both sides should promote a culture of dialogue in the region.", "culture_language"),
        ("Respect for cultural diversity is a key to ties, the minister said.", "culture_language"),
        ("Orvia can defeat the economic and political pressure of Dorsk.", "trade_economy"),
        ("The reactor makes isotopes for medical and industrial purposes.", "health_medicine"),
        ("The agency praised progress in nuclear medicine.", "health_medicine"),
    ],
)
def test_no_sector(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector not in sectors_in(sector_matcher, text)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        # guards: borders, the environment, research, banks and oil as the field of the event
        ("The two sides discussed border issues and the fight against drugs.", "defense_security"),
        ("Both states stressed the need to preserve international borders.", "defense_security"),
        ("The agreement covers border cooperation along the frontier.", "defense_security"),
        ("The ministers agreed to cooperate in protecting the environment.", "environment"),
        ("They signed a document on environmental cooperation.", "environment"),
        ("The marine environment of the sea was on the agenda.", "environment"),
        ("The institutes will carry out joint research on vaccines.", "science_research"),
        ("A research institute of Orvia signed an MoU with one of Dorsk.", "science_research"),
        ("The country's banks are ready to guarantee the deals.", "trade_economy"),
        ("The agreement was signed with the Chinese bank after long talks.", "trade_economy"),
        ("Orvia will keep buying oil from Dorsk.", "energy"),
        ("The two states discussed oil and gas projects.", "energy"),
        ("The two sides agreed to expand cultural cooperation.", "culture_language"),
        ("A cultural delegation of Orvia arrived in Velm.", "culture_language"),
        ("They discussed economic and political ties.", "trade_economy"),
        ("The two states will cooperate in medical equipment and medicine.", "health_medicine"),
    ],
)
def test_kept(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector in sectors_in(sector_matcher, text)
