"""Where each person goes on a family map, in genogram conventions: generations in rows,
partners side by side, children below their parents in birth order (eldest left), and the
agencies and workers of the ecomap in a ring outside the family, each placed towards the
people it is linked to so its lines do not cross the family.

Pure geometry: people, links and households in; positions and household outlines out."""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

__all__ = [
    "LABEL_WIDTH",
    "ROW",
    "SPACING",
    "Genogram",
    "HouseholdOutline",
    "Link",
    "Member",
    "genogram",
]

SPACING = 190.0  # between people in a row: wider than a label (LABEL_WIDTH) can be
LABEL_WIDTH = 150.0
ROW = 210.0  # between generations: room for a label of three lines under each symbol
RING_GAP = 260.0  # from the family's outline to the ring of agencies and workers
RING_SPACING = 200.0  # along the ring, between agencies and workers
PAD = 55.0  # around a household's members


@dataclass(frozen=True)
class Member:
    """A person to place: `born` orders siblings (unknown: after those known)."""

    id: str
    born: date | None


@dataclass(frozen=True)
class Link:
    """A relationship between two people: PARENT_OF points from parent to child."""

    source: str
    target: str
    type: str


@dataclass(frozen=True)
class HouseholdOutline:
    household: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Genogram:
    positions: dict[str, tuple[float, float]]
    households: list[HouseholdOutline]


def genogram(
    people: Sequence[Member],
    links: Iterable[Link],
    index: str,
    households: Mapping[str, str],
    outer: Mapping[str, Sequence[str]],
) -> Genogram:
    """Positions for `people` (rows by generation, `index` in generation 0 where it can
    be), and for each id of `outer` (agencies, workers) on a ring, towards the people it
    is linked to. `households` maps a person to their household."""
    ids = {p.id for p in people}
    kept = [link for link in links if link.source in ids and link.target in ids]
    generation = _generations([p.id for p in people], kept, index)
    born = {p.id: p.born for p in people}
    positions: dict[str, tuple[float, float]] = {}
    parents: dict[str, list[str]] = defaultdict(list)
    for link in kept:
        if link.type == "PARENT_OF":
            parents[link.target].append(link.source)
    partners = _partner_blocks(kept)
    for row in sorted(set(generation.values())):
        members = [p for p in generation if generation[p] == row]
        xs = _row(members, parents, partners, born, positions, households)
        positions.update({person: (x, row * ROW) for person, x in xs.items()})
    positions.update(_ring(positions, outer))
    return Genogram(positions, _outlines(positions, households))


def _generations(people: list[str], links: list[Link], index: str) -> dict[str, int]:
    """A row for everyone: parents one above their children, partners and others linked
    on the same row; each part of the family not linked to the index starts its own."""
    near: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for link in links:
        step = 1 if link.type == "PARENT_OF" else 0
        near[link.source].append((link.target, step))
        near[link.target].append((link.source, -step))
    generation: dict[str, int] = {}
    for start in [index, *sorted(people)]:
        if start in generation or start not in set(people):
            continue
        generation[start] = 0
        queue = deque([start])
        while queue:
            person = queue.popleft()
            for other, step in near[person]:
                if other not in generation:
                    generation[other] = generation[person] + step
                    queue.append(other)
    top = min(generation.values(), default=0)
    return {person: row - top for person, row in generation.items()}


def _partner_blocks(links: list[Link]) -> dict[str, str]:
    """Each partnered person's couple (or larger group of partners, past ones included),
    by the id that names it: partners are drawn side by side."""
    root: dict[str, str] = {}

    def find(person: str) -> str:
        root.setdefault(person, person)
        while root[person] != person:
            person = root[person]
        return person

    for link in links:
        if link.type == "PARTNER_OF":
            a, b = find(link.source), find(link.target)
            if a != b:
                root[max(a, b)] = min(a, b)
    return {person: find(person) for person in list(root)}


def _row(
    members: list[str],
    parents: Mapping[str, list[str]],
    partners: Mapping[str, str],
    born: Mapping[str, date | None],
    placed: Mapping[str, tuple[float, float]],
    households: Mapping[str, str],
) -> dict[str, float]:
    """Left to right: each couple together, under the middle of its parents, siblings in
    birth order; couples with no parents on the map side by side with their household;
    never closer than SPACING."""

    def wanted(person: str) -> float | None:
        xs = [placed[p][0] for p in parents.get(person, ()) if p in placed]
        return sum(xs) / len(xs) if xs else None

    def age_key(person: str) -> tuple[bool, date, str]:
        day = born.get(person)
        return (day is None, day or date.max, person)

    blocks: dict[str, list[str]] = defaultdict(list)
    for person in members:
        blocks[partners.get(person, person)].append(person)
    ordered = []
    for block in blocks.values():
        # The partner with parents on the map first, so the couple sits under them.
        block.sort(key=lambda p: (wanted(p) is None, age_key(p)))
        target = next((w for p in block if (w := wanted(p)) is not None), None)
        home = min((households.get(p, "~") for p in block), default="~")
        ordered.append((target is None, target or 0.0, (home, *age_key(block[0])), block))
    ordered.sort(key=lambda item: item[:3])
    xs: dict[str, float] = {}
    right: float | None = None  # where the row so far ends
    for _, target, _, block in ordered:
        width = SPACING * (len(block) - 1)
        start = target - width / 2 if target is not None else 0.0
        if right is not None:
            start = max(start, right + SPACING) if target is not None else right + SPACING
        for offset, person in enumerate(block):
            xs[person] = start + offset * SPACING
        right = start + width
    return xs


def _ring(
    placed: Mapping[str, tuple[float, float]], outer: Mapping[str, Sequence[str]]
) -> dict[str, tuple[float, float]]:
    """Agencies and workers on an ellipse around the family, each at the angle of the
    people it is linked to, spread so no two are closer than RING_SPACING."""
    if not outer:
        return {}
    xs = [x for x, _ in placed.values()] or [0.0]
    ys = [y for _, y in placed.values()] or [0.0]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    rx = (max(xs) - min(xs)) / 2 + RING_GAP
    ry = (max(ys) - min(ys)) / 2 + RING_GAP
    grow = max(1.0, len(outer) * RING_SPACING / (2 * math.pi * math.sqrt((rx * rx + ry * ry) / 2)))
    rx, ry = rx * grow, ry * grow
    wanted = []
    for node, linked in sorted(outer.items()):
        points = [placed[p] for p in linked if p in placed]
        if points:
            mx = sum(x for x, _ in points) / len(points)
            my = sum(y for _, y in points) / len(points)
            angle = math.atan2((my - cy) / ry, (mx - cx) / rx)
        else:
            angle = math.pi / 2  # unlinked: below the family
        wanted.append((angle, node))
    wanted.sort()
    gap = 2 * math.pi / max(len(wanted), 1)
    angles: list[float] = []
    for angle, _ in wanted:
        angles.append(max(angle, angles[-1] + gap) if angles else angle)
    overflow = angles[-1] - (angles[0] + 2 * math.pi - gap)
    if overflow > 0:  # wrapped round onto the first: shift all back evenly
        angles = [a - overflow * (i + 1) / len(angles) for i, a in enumerate(angles)]
    return {
        node: (cx + rx * math.cos(angle), cy + ry * math.sin(angle))
        for (_, node), angle in zip(wanted, angles, strict=True)
    }


def _outlines(
    positions: Mapping[str, tuple[float, float]], households: Mapping[str, str]
) -> list[HouseholdOutline]:
    members: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for person, household in households.items():
        if person in positions:
            members[household].append(positions[person])
    return [
        HouseholdOutline(
            household,
            min(x for x, _ in points) - PAD - LABEL_WIDTH / 3,
            min(y for _, y in points) - PAD,
            max(x for x, _ in points) + PAD + LABEL_WIDTH / 3,
            max(y for _, y in points) + PAD + 40,  # the label under the symbol
        )
        for household, points in sorted(members.items())
    ]
