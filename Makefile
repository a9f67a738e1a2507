# Two commands for a fresh machine:
#   make demo   install, start the local Neo4j, seed a synthetic borough, serve
#   make test   install, lint, type-check, run the tests against a real Neo4j
PYTHON ?= python3
PEOPLE ?= 10000
VENV := .venv
BIN := $(VENV)/bin
# Browser tests drive Debian's Chromium (Playwright's own browser download is not used).
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
AUDIT := tests/api/graphql_http
AXE := tests/ui/axe
OIDC := tests/ui/oidc
LOCKS := web/package-lock.json $(AUDIT)/package-lock.json $(AXE)/package-lock.json $(OIDC)/package-lock.json
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCKS) | sha1sum | cut -c1-12)

.PHONY: install demo test bench bench-peers browser clean

$(STAMP): pyproject.toml $(LOCKS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[api,maps,dev]"
	cd web && npm ci --omit=dev --no-audit --no-fund --ignore-scripts --loglevel=error
	# The GraphQL-over-HTTP audit (graphql-http) the tests run against the live app.
	cd $(AUDIT) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	# axe-core, which the browser tests inject into every page of the UI.
	cd $(AXE) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	# A certified OpenID provider the sign-in tests start on loopback.
	cd $(OIDC) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/graph-service db start --if-not-running
	$(BIN)/graph-service db migrate
	# The borough as its agencies' extracts (.feeds/<agency>/people.csv, …), loaded through
	# the feed import, which scores the new people for possible duplicates.
	$(BIN)/graph-service seed --people $(PEOPLE) --seed 1 --as-feeds .feeds
	$(BIN)/graph-service user demo
	$(BIN)/graph-service serve

browser:
	@test -x $(CHROMIUM) || { echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  $(SUDO) apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_seed.py

# The product against @neo4j/graphql and raw Cypher (docs/benchmarks.md): wrk drives the
# HTTP servers; the script installs the peer's npm packages (bench/peers/) if missing.
bench-peers: $(STAMP)
	@command -v wrk >/dev/null || { echo "installing Debian's wrk for the benchmarks"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  $(SUDO) apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/bench_peers.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts
