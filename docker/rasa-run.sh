#!/bin/sh
# Starts Rasa with its secret and the allowed web origins read from the environment (an exec-form CMD
# cannot expand variables). SANIC_WORKERS > 1 starts several Rasa processes: Rasa accepts it only with the
# Redis lock store of endpoints.yml, so that one conversation's messages are still handled one at a time.
set -eu

refuse() {
    echo "Rasa ne démarre pas : $1" >&2
    exit 1
}
token="${RASA_TOKEN:-}"
[ "${#token}" -ge 16 ] || refuse "RASA_TOKEN, le secret de l'API HTTP de Rasa, manque ou a moins de 16 caractères."
[ -n "${RASA_CORS_ORIGINS:-}" ] || refuse "RASA_CORS_ORIGINS est vide (les adresses des sites qui affichent le widget)."

# serve.py is `rasa` with the action server's answers checked faster (see its docstring).
# The token in the same argument as its option: one starting with "-" is no option to argparse.
# RASA_CORS_ORIGINS holds origins separated by spaces: one --cors argument each, hence no quotes.
# shellcheck disable=SC2086
exec python /app/bot/serve.py run --model /app/models/passerelles.tar.gz \
    --enable-api --auth-token="$token" --port 5005 \
    --endpoints endpoints.yml --credentials credentials.yml \
    --cors $RASA_CORS_ORIGINS
