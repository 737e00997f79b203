# syntax=docker/dockerfile:1
# Rasa 3.6.21 (Python 3.10) with the assistant's model trained while the image is built.
#
# Why at build time rather than from a volume: the image then holds the code and the model that goes with
# it, so a deployment, a rollback or a second server runs exactly what was built (no model to copy by hand,
# no training when a container starts). Training reads only the files copied into the `model` stage: Docker
# reuses that layer, without training again, until one of them (or a pinned version) changes — the same
# rule as the model cache of `passerelles assistant train`. The pipeline fixes its random seeds; training
# takes 10 to 15 minutes on 2 cores.
#
# Build from the repository root: docker build -f docker/rasa.Dockerfile -t passerelles-rasa .

FROM python:3.10.18-slim-bookworm AS rasa
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    RASA_TELEMETRY_ENABLED=false \
    SQLALCHEMY_SILENCE_UBER_WARNING=1
# Every version comes from bot/constraints.txt, the set resolved and tested with Rasa 3.6.21.
COPY bot/requirements.txt bot/constraints.txt /tmp/rasa/
RUN pip install --no-cache-dir -r /tmp/rasa/requirements.txt -c /tmp/rasa/constraints.txt \
    && rm -rf /tmp/rasa

FROM rasa AS model
WORKDIR /build/bot
COPY bot/config.yml ./
COPY bot/domain domain
COPY bot/data data
COPY bot/nlu_components nlu_components
COPY nlu/data /build/nlu/data
RUN rasa train --config config.yml --domain domain --data data ../nlu/data \
        --out /build/models --fixed-model-name passerelles

FROM rasa
RUN useradd --create-home --uid 10001 --user-group --shell /usr/sbin/nologin rasa
WORKDIR /app/bot
# The custom NLU component is code the model loads: it comes with the model.
COPY bot/nlu_components nlu_components
COPY bot/serve.py bot/credentials.yml ./
COPY docker/endpoints.yml endpoints.yml
COPY docker/rasa-run.sh /usr/local/bin/rasa-run
COPY --from=model /build/models/passerelles.tar.gz /app/models/passerelles.tar.gz
USER 10001:10001
EXPOSE 5005
HEALTHCHECK --interval=30s --timeout=5s --start-period=300s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u, sys; sys.exit(b'Hello from Rasa' not in u.urlopen('http://127.0.0.1:5005/', timeout=4).read())"]
CMD ["rasa-run"]
