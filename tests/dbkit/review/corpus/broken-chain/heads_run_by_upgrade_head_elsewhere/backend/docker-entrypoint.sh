#!/bin/sh
# The image's own start: a container started without deploy.sh upgrades to "head".
set -e
alembic upgrade head
exec gunicorn app:app
