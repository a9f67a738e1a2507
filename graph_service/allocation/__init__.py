"""Complex-case allocation: case complexity, hard rules, preferences and a min-cost-flow plan."""
