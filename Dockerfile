# The API image for docker-compose. Neo4j runs in its own official container.
FROM python:3.11-slim
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY graph_service ./graph_service
COPY queries ./queries
COPY schema ./schema
COPY web/package.json web/package-lock.json ./web/
RUN pip install --no-cache-dir -e ".[api,maps]" \
    && cd web && npm ci --omit=dev --no-audit --no-fund --ignore-scripts
# The audit journal must outlive the container (a volume in docker-compose): events
# written there before a crash are shipped to Neo4j by the next start.
RUN mkdir -p /var/lib/graph-service/audit-journal \
    && chown -R nobody /var/lib/graph-service && chmod 700 /var/lib/graph-service/audit-journal
ENV GRAPH_SERVICE_API_HOST=0.0.0.0 GRAPH_SERVICE_API_PORT=8000 \
    GRAPH_SERVICE_AUDIT_JOURNAL_DIR=/var/lib/graph-service/audit-journal
EXPOSE 8000
USER nobody
CMD ["graph-service", "serve"]
