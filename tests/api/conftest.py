from __future__ import annotations

from typing import Any

import httpx


class GraphQLResult:
    def __init__(self, response: httpx.Response) -> None:
        self.status = response.status_code
        self.body: dict[str, Any] = response.json()
        self.data: dict[str, Any] = self.body.get("data") or {}
        self.errors: list[dict[str, Any]] = self.body.get("errors") or []
        self.extensions: dict[str, Any] = self.body.get("extensions") or {}


async def gql(client: httpx.AsyncClient, query: str, **variables: Any) -> GraphQLResult:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    return GraphQLResult(response)
