"""The genogram layout: generations in rows, partners side by side, children below in
birth order, households outlined, agencies and workers on a ring outside the family."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from graph_service.maps.genogram import LABEL_WIDTH, ROW, SPACING, Link, Member, genogram

# Grandmother G; her son F married to M; their children: Old (2010), Young (2014) and an
# unknown-born Late; F's ex-partner X; a lodger L (associate of M); a GP and a school.
PEOPLE = [
    Member("G", date(1950, 1, 1)),
    Member("F", date(1975, 1, 1)),
    Member("M", date(1977, 1, 1)),
    Member("X", date(1976, 1, 1)),
    Member("Young", date(2014, 5, 1)),
    Member("Old", date(2010, 5, 1)),
    Member("Late", None),
    Member("L", date(1980, 1, 1)),
]
LINKS = [
    Link("G", "F", "PARENT_OF"),
    Link("F", "M", "PARTNER_OF"),
    Link("X", "F", "PARTNER_OF"),
    Link("F", "Old", "PARENT_OF"),
    Link("M", "Old", "PARENT_OF"),
    Link("F", "Young", "PARENT_OF"),
    Link("M", "Young", "PARENT_OF"),
    Link("M", "Late", "PARENT_OF"),
    Link("M", "L", "ASSOCIATES_WITH"),
]
HOMES = {"F": "H1", "M": "H1", "Old": "H1", "Young": "H1", "Late": "H1", "G": "H2"}
OUTER = {"GP": ["G", "F", "M"], "School": ["Old", "Young"], "Unlinked": []}


def _layout() -> dict[str, tuple[float, float]]:
    return genogram(PEOPLE, LINKS, "Old", HOMES, OUTER).positions


def test_each_generation_is_a_row_with_parents_above_children() -> None:
    at = _layout()
    assert at["G"][1] < at["F"][1] < at["Old"][1]
    assert at["F"][1] == at["M"][1] == at["X"][1] == at["L"][1]
    assert at["Old"][1] == at["Young"][1] == at["Late"][1]
    assert at["F"][1] - at["G"][1] == ROW


def test_partners_sit_side_by_side_and_children_below_in_birth_order() -> None:
    at = _layout()
    row = sorted((x, p) for p, (x, y) in at.items() if y == at["F"][1])
    order = [p for _, p in row]
    assert (
        abs(order.index("F") - order.index("M")) == 1
        or abs(order.index("F") - order.index("X")) == 1
    )
    assert {order.index("M"), order.index("X")} & {order.index("F") - 1, order.index("F") + 1}
    assert at["Old"][0] < at["Young"][0] < at["Late"][0]  # eldest left; unknown last


def test_no_two_people_in_a_row_are_closer_than_a_label() -> None:
    at = _layout()
    rows: dict[float, list[float]] = {}
    for person, (x, y) in at.items():
        if person in {p.id for p in PEOPLE}:
            rows.setdefault(y, []).append(x)
    for xs in rows.values():
        xs.sort()
        assert all(b - a >= SPACING > LABEL_WIDTH for a, b in pairwise(xs))


def test_agencies_and_workers_ring_the_family_on_the_side_of_their_people() -> None:
    at = _layout()
    family = [at[p.id] for p in PEOPLE]
    left, right = min(x for x, _ in family), max(x for x, _ in family)
    top, bottom = min(y for _, y in family), max(y for _, y in family)
    for outside in OUTER:
        x, y = at[outside]
        assert not (left <= x <= right and top <= y <= bottom), f"{outside} is inside the family"
    assert at["School"][1] > at["GP"][1]  # the school towards the children, below


def test_households_are_outlined_around_their_members() -> None:
    drawn = genogram(PEOPLE, LINKS, "Old", HOMES, OUTER)
    boxes = {o.household: o for o in drawn.households}
    assert set(boxes) == {"H1", "H2"}
    for person, household in HOMES.items():
        x, y = drawn.positions[person]
        box = boxes[household]
        assert box.x0 < x < box.x1 and box.y0 < y < box.y1


def test_the_same_family_is_laid_out_the_same_way_every_time() -> None:
    assert _layout() == _layout()


def test_many_agencies_on_the_ring_keep_their_labels_apart() -> None:
    outer = {f"AG{i:03d}": ["G"] if i % 2 else ["Old"] for i in range(14)}
    at = genogram(PEOPLE, LINKS, "Old", HOMES, outer).positions
    ring = [at[node] for node in outer]
    for i, (x1, y1) in enumerate(ring):
        for x2, y2 in ring[i + 1 :]:
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= LABEL_WIDTH
