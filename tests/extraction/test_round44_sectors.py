"""Round 44, sectors: words that name no field of the event, third pass. A road in a figure of speech ("the
road to a deal"); money given as aid ("financial support"); the oil market's prices and pundits; the Paris
climate accord named beside the nuclear deal; the security of sea lanes; hospitals among the civilian sites
of a war; a border's markets and corridors; military threats and "no military solution"; a terrorist
blacklist; sanctions called an "economic war" and "war-mongering"; a standards body's or a consultancy's
name ("Industrial Research"); a fund's name and a newspaper's name at a sentence's end. Made-up sentences."""

import pytest

from libs.extraction.sectors import SectorMatcher, in_name
from tests.extraction.helpers import sectors_in


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("The talks in Velm face a bumpy road ahead.", "transport"),
        ("He called the accord a long road to trust between the two states.", "transport"),
        ("Orvia kicked the can down the road and put off the matter.", "transport"),
        ("Both sides took a step on the road to de-escalation.", "transport"),
        ("Orvia pledged financial support to the refugees in Dorsk.", "trade_economy"),
        ("The envoy praised Dorsk's financial contribution to the relief effort.", "trade_economy"),
        ("Dorsk is facing a deep financial crisis, the analyst said.", "trade_economy"),
        ("The market price of crude may fall below $40, he said.", "trade_economy"),
        ("Market analysts expect the two producers to cut output.", "trade_economy"),
        ("He praised the tourism market of the province.", "trade_economy"),
        ("Dorsk left the Paris climate accord and the nuclear deal.", "environment"),
        ("Orvia will defend the Paris agreement on climate change and the deal.", "environment"),
        ("Foreign fleets endanger the security of shipping in the strait.", "transport"),
        ("The plan would step up patrols of oil shipping lanes.", "transport"),
        ("Both sides condemned attacks on schools and hospitals.", "health_medicine"),
        ("The aid will pay for schools, hospitals and salaries.", "health_medicine"),
        ("Trucks wait at the border ports of Velm for customs checks.", "defense_security"),
        ("Ministers attended the opening of the border corridor.", "defense_security"),
        ("Dorsk has stepped up its military threats against Orvia.", "defense_security"),
        ("He said there is no military solution to the crisis.", "defense_security"),
        ("Dorsk asked Orvia to remove its guards from the terrorist list.", "defense_security"),
        ("The group stays on the list of foreign terrorist organizations.", "defense_security"),
        ("He said the sanctions are an economic war on the people.", "defense_security"),
        ("He blamed war-mongering powers for the divisions.", "defense_security"),
        ("The Institute of Standards and Industrial Research of Orvia signed a roadmap.", "science_research"),
        ("The Centre for Economics and Business Research said growth will rise.", "science_research"),
    ],
)
def test_no_sector(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector not in sectors_in(sector_matcher, text)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        # guards: the same words as the field of the event
        ("The two states will build a road to the port of Velm.", "transport"),
        ("They agreed to build a new road and a railway.", "transport"),
        ("The Belt and Road projects were discussed.", "transport"),
        ("The two banks agreed to expand financial cooperation.", "trade_economy"),
        ("They discussed financial channels for the trade.", "trade_economy"),
        ("Orvia's firms are eyeing the Iranian market.", "trade_economy"),
        ("They discussed climate change and water management.", "environment"),
        ("The shipping lines of Orvia will resume service to Dorsk.", "transport"),
        ("The two states will build a hospital in Velm.", "health_medicine"),
        ("They discussed border security and the fight against drugs.", "defense_security"),
        ("The two sides discussed military cooperation.", "defense_security"),
        ("They agreed to fight terrorist groups in the region.", "defense_security"),
        ("Both sides called for an end to the war in the region.", "defense_security"),
        ("The two institutes signed an MoU on joint research.", "science_research"),
    ],
)
def test_kept(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector in sectors_in(sector_matcher, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("He met the head of the Orvian Direct Investment Fund in Velm.", "Investment"),
        ("The talks were first told by the Financial Times.", "Financial"),
    ],
)
def test_in_name(text: str, word: str) -> None:
    at = text.index(word)
    assert in_name(text, at, at + len(word))
