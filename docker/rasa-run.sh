#!/bin/sh
# Starts Rasa with its secret and the allowed web origins read from the environment (an exec-form CMD
# cannot expand variables). SANIC_WORKERS > 1 starts several Rasa processes: Rasa accepts it only with the
# Redis lock store of endpoints.yml, so that one conversation's messages are still handled one at a time.
set -eu

: "${RASA_TOKEN:?RASA_TOKEN est vide : le secret de l'API HTTP de Rasa est obligatoire.}"
: "${RASA_CORS_ORIGINS:?RASA_CORS_ORIGINS est vide : donnez les adresses des sites qui affichent le widget.}"
if [ "${#RASA_TOKEN}" -lt 16 ]; then
    echo "RASA_TOKEN est trop court : au moins 16 caractères." >&2
    exit 1
fi

# RASA_CORS_ORIGINS holds origins separated by spaces: one --cors argument each, hence no quotes.
# shellcheck disable=SC2086
exec rasa run --model /app/models/passerelles.tar.gz \
    --enable-api --auth-token "$RASA_TOKEN" --port 5005 \
    --endpoints endpoints.yml --credentials credentials.yml \
    --cors $RASA_CORS_ORIGINS
