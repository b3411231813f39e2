#!/usr/bin/env bash
set -euo pipefail

docker compose -f docker-compose.prod.yml build

# every head of the chain (each module keeps its own line)
docker compose -f docker-compose.prod.yml run --rm backend \
  bash -lc 'cd /app/backend && alembic -c alembic.ini upgrade heads'

docker compose -f docker-compose.prod.yml up -d
