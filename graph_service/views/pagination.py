"""Relay-style cursor pagination with a hard page-size ceiling."""

from __future__ import annotations

import base64
import binascii
from typing import Generic, TypeVar

import strawberry

from graph_service.model.errors import InvalidRequest

__all__ = ["MAX_PAGE_SIZE", "Connection", "Edge", "PageInfo", "Window", "page_window"]

MAX_PAGE_SIZE = 100
NodeT = TypeVar("NodeT")


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[NodeT]):
    cursor: str
    node: NodeT
    score: float | None = None


@strawberry.type
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: PageInfo

    @classmethod
    def build(
        cls, nodes: list[NodeT], window: Window, scores: list[float] | None = None
    ) -> Connection[NodeT]:
        has_next = len(nodes) > window.first
        shown = nodes[: window.first]
        edges = [
            Edge(
                cursor=encode_cursor(window.offset + i + 1),
                node=node,
                score=scores[i] if scores else None,
            )
            for i, node in enumerate(shown)
        ]
        return cls(
            edges=edges,
            page_info=PageInfo(
                has_next_page=has_next,
                has_previous_page=window.offset > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
        )


class Window:
    """Which rows a page covers; `limit` asks for one extra row to detect a next page."""

    def __init__(self, first: int, offset: int) -> None:
        self.first = first
        self.offset = offset

    @property
    def limit(self) -> int:
        return self.first + 1


def encode_cursor(position: int) -> str:
    return base64.urlsafe_b64encode(f"pos:{position}".encode()).decode()


def page_window(first: int, after: str | None, most: int = MAX_PAGE_SIZE) -> Window:
    """The rows `first` and `after` ask for, at most `most` (MAX_PAGE_SIZE unless a list
    says otherwise)."""
    if not 1 <= first <= most:
        raise InvalidRequest("first", f"must be between 1 and {most}, got {first}")
    if after is None:
        return Window(first, 0)
    try:
        kind, _, number = base64.urlsafe_b64decode(after.encode()).decode().partition(":")
        position = int(number)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidRequest("after", "is not a cursor this service issued") from None
    if kind != "pos" or position < 0:
        raise InvalidRequest("after", "is not a cursor this service issued")
    return Window(first, position)
