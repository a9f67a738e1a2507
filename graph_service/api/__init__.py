"""The GraphQL API and the map pages: thin adapters over the use cases."""
