"""Family units, clusters and hubs on small hand-built networks."""

from __future__ import annotations

from datetime import date

from graph_service.analytics.households import ConcernFact
from graph_service.analytics.network_rules import (
    FamilyNetworkFacts,
    Link,
    disadvantage_clusters,
    family_units,
    risk_hubs,
)
from graph_service.model.thresholds import Thresholds

T = Thresholds()


def _concern(n: int, who: str, code: str, severity: str = "medium") -> ConcernFact:
    return ConcernFact(f"C{n}", code, who, date(2026, 1, 1), "Police", severity)


def _family(household: str, mum: str, kid: str, area: str = "Ashgrove") -> list[Link]:
    return [
        Link(mum, household, "MEMBER_OF", area),
        Link(kid, household, "MEMBER_OF", area),
        Link(mum, kid, "PARENT_OF", "birth"),
    ]


def test_family_with_three_headline_problems_is_flagged_with_evidence() -> None:
    facts = FamilyNetworkFacts(
        links=_family("H1", "mum", "kid"),
        concerns=[
            _concern(1, "mum", "3B"),
            _concern(2, "mum", "4B"),
            _concern(3, "H1", "RNT"),
            _concern(4, "mum", "3C", "high"),
        ],
        children={"kid"},
        names={"mum": "Mum Smith"},
    )
    (unit,) = family_units(facts, T)
    assert unit.qualifies and unit.problem_count == 3
    assert set(unit.problems) == {3, 8, 9}  # health, domestic abuse, housing
    assert len(unit.problems[8]) == 2 and "Mum Smith" in str(unit.problems[8][0])
    assert unit.high_severity == 1 and unit.area == "Ashgrove"


def test_two_problems_are_not_enough_and_families_without_children_are_left_out() -> None:
    facts = FamilyNetworkFacts(
        links=[
            *_family("H1", "mum", "kid"),
            Link("a", "H2", "MEMBER_OF", "Dunmore"),
            Link("b", "H2", "MEMBER_OF", "Dunmore"),
        ],
        concerns=[
            _concern(1, "mum", "3B"),
            _concern(2, "mum", "4B"),
            _concern(3, "a", "DBT"),
            _concern(4, "b", "OFF"),
            _concern(5, "a", "2B"),
        ],
        children={"kid"},
    )
    units = family_units(facts, T)
    assert [u.children for u in units] == [["kid"]]
    assert not units[0].qualifies and not units[0].at_threshold


def test_a_family_without_children_reaches_the_threshold_but_does_not_qualify() -> None:
    facts = FamilyNetworkFacts(
        links=[Link("a", "H2", "MEMBER_OF", "Dunmore"), Link("b", "H2", "MEMBER_OF", "Dunmore")],
        concerns=[_concern(1, "a", "DBT"), _concern(2, "b", "OFF"), _concern(3, "a", "2B")],
        children=set(),
    )
    (unit,) = family_units(facts, T, require_children=False)
    assert unit.problem_count == 3 and unit.at_threshold
    assert not unit.qualifies  # no dependent child and nobody expecting one
    facts.children = {"b"}
    (unit,) = family_units(facts, T, require_children=False)
    assert unit.at_threshold and unit.qualifies


def test_a_parent_in_another_household_joins_the_family_unit() -> None:
    links = [
        *_family("H1", "mum", "kid"),
        Link("dad", "H2", "MEMBER_OF", "Hollins"),
        Link("dad", "kid", "PARENT_OF", "birth"),
    ]
    facts = FamilyNetworkFacts(links=links, concerns=[_concern(1, "dad", "OFF")], children={"kid"})
    (unit,) = family_units(facts, T)
    assert unit.households == ["H1", "H2"] and 7 in unit.problems


def test_ended_partnership_does_not_join_families() -> None:
    links = [
        Link("a", "H1", "MEMBER_OF"),
        Link("kid", "H1", "MEMBER_OF"),
        Link("b", "H2", "MEMBER_OF"),
        Link("kid2", "H2", "MEMBER_OF"),
        Link("a", "b", "PAST_PARTNER", "ex"),
    ]
    units = family_units(FamilyNetworkFacts(links, [], {"kid", "kid2"}), T)
    assert len(units) == 2


def test_clusters_link_households_through_ex_partners_peers_and_places() -> None:
    links = (
        _family("H1", "m1", "k1")
        + _family("H2", "m2", "k2")
        + _family("H3", "m3", "k3")
        + [
            Link("m1", "m2", "PAST_PARTNER", "ex"),
            Link("k2", "PL1", "FREQUENTS"),
            Link("k3", "PL1", "FREQUENTS"),
        ]
    )
    concerns = [
        _concern(i, who, code)
        for i, (who, code) in enumerate(
            [("m1", "3B"), ("m1", "4B"), ("m2", "2B"), ("k2", "13A"), ("k3", "24A"), ("m3", "RNT")]
        )
    ]
    loose = Thresholds(cluster_minimum_problems=5, cluster_resolution=1.0)
    clusters = disadvantage_clusters(FamilyNetworkFacts(links, concerns, {"k1", "k2", "k3"}), loose)
    assert len(clusters) == 1
    cluster = clusters[0]
    assert cluster.households == ["H1", "H2", "H3"] and cluster.problem_count == 6
    assert any("past partner" in str(link) for link in cluster.links)
    assert any("both frequent PL1" in str(link) for link in cluster.links)
    again = disadvantage_clusters(FamilyNetworkFacts(links, concerns, {"k1", "k2", "k3"}), loose)
    assert [c.households for c in again] == [c.households for c in clusters]


def test_households_at_one_address_are_linked() -> None:
    links = [
        *_family("H1", "m1", "k1"),
        *_family("H2", "m2", "k2"),
        Link("H1", "AD1", "LOCATED_AT", "NB1 1AA"),
        Link("H2", "AD1", "LOCATED_AT", "NB1 1AA"),
    ]
    concerns = [_concern(1, "m1", "3B"), _concern(2, "m2", "2B"), _concern(3, "H2", "RNT")]
    loose = Thresholds(cluster_minimum_problems=3, cluster_resolution=1.0)
    (cluster,) = disadvantage_clusters(FamilyNetworkFacts(links, concerns, {"k1", "k2"}), loose)
    assert cluster.households == ["H1", "H2"]
    assert [str(link) for link in cluster.links] == ["households sharing address AD1"]


def test_partner_linked_to_domestic_abuse_in_two_households_is_a_hub() -> None:
    links = (
        _family("H1", "w1", "k1")
        + _family("H2", "w2", "k2")
        + [Link("man", "w1", "PAST_PARTNER", "ex"), Link("man", "w2", "PARTNER_OF", "cohabiting")]
    )
    concerns = [_concern(1, "w1", "3B"), _concern(2, "H2", "3C")]
    hubs = risk_hubs(FamilyNetworkFacts(links, concerns, {"k1", "k2"}, {"man": "Man Jones"}), T)
    abuse = [h for h in hubs if "domestic abuse" in h.reason]
    assert [(h.person_id, h.households) for h in abuse] == [("man", ["H1", "H2"])]
    assert len(abuse[0].evidence) == 2


def test_an_adult_who_alone_links_separate_families_is_a_bridge() -> None:
    links = (
        _family("H1", "w1", "k1")
        + _family("H2", "w2", "k2")
        + _family("H3", "w3", "k3")
        + [Link("dad", f"k{i}", "PARENT_OF", "birth") for i in (1, 2, 3)]
    )
    hubs = risk_hubs(FamilyNetworkFacts(links, [], {"k1", "k2", "k3"}), T)
    bridges = {h.person_id: h for h in hubs if "only link" in h.reason}
    assert set(bridges) == {"dad"}  # children between their parents' homes are not reported
    assert bridges["dad"].households == ["H1", "H2", "H3"]
    assert [str(fact) for fact in bridges["dad"].evidence] == [
        "H1 (no current concerns)",
        "H2 (no current concerns)",
        "H3 (no current concerns)",
    ]
    two = risk_hubs(FamilyNetworkFacts(links[:-1], [], {"k1", "k2", "k3"}), T)
    assert not [h for h in two if "only link" in h.reason]  # fewer groups than the threshold


def test_an_expectant_parent_makes_a_family_eligible() -> None:
    links = [
        Link("mum", "H1", "MEMBER_OF", "Elmwood"),
        Link("dad", "H1", "MEMBER_OF", "Elmwood"),
        Link("mum", "dad", "PARTNER_OF", "married"),
    ]
    concerns = [_concern(1, "dad", "WRK"), _concern(2, "mum", "4B"), _concern(3, "H1", "HML")]
    assert family_units(FamilyNetworkFacts(links, concerns, set()), T) == []
    (unit,) = family_units(FamilyNetworkFacts(links, concerns, set(), expectant={"mum"}), T)
    assert unit.qualifies and unit.expectant == ["mum"] and unit.children == []
