"""Static files served beside the API: logos, the widget bundle, the demo page and the console."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, status
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from retrieval.settings import PROJECT_ROOT

STATIC_DIR = Path(__file__).resolve().parent / "static"
WEB_DIR = PROJECT_ROOT / "web"
WIDGET_BUNDLE = WEB_DIR / "widget" / "dist" / "widget.js"
DEMO_DIR = WEB_DIR / "demo"
#: The console as built (``web/console/dist``) when there is a build, else its plain files.
CONSOLE_DIRS = (WEB_DIR / "console" / "dist", WEB_DIR / "console")

MISSING_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Page introuvable — Passerelles</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>Page introuvable</h1>
<p>{what} n'est pas disponible sur ce serveur.</p>
<p>{how}</p>
<p><a href="/api/v1/docs">Documentation de l'API</a></p>
</body></html>
"""


def missing_page(what: str, how: str) -> HTMLResponse:
    return HTMLResponse(MISSING_PAGE.format(what=what, how=how), status_code=status.HTTP_404_NOT_FOUND)


def mount_static(app: FastAPI) -> None:
    """Mount what exists; what does not is a French page saying how to build it."""
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/widget.js", include_in_schema=False, response_model=None)
    def widget_bundle() -> FileResponse | HTMLResponse:
        # Looked up at each call: the bundle may be built while the server runs.
        if WIDGET_BUNDLE.is_file():
            return FileResponse(WIDGET_BUNDLE, media_type="text/javascript")
        return missing_page("Le widget", "Construisez-le avec « npm run build » dans le dossier web/.")

    _mount_folder(app, "/demo", (DEMO_DIR,), "La page de démonstration", "Elle se trouve dans web/demo/.")
    _mount_folder(
        app, "/console", CONSOLE_DIRS, "La console des conseillers", "Elle se trouve dans web/console/."
    )


def _mount_folder(app: FastAPI, path: str, candidates: tuple[Path, ...], what: str, how: str) -> None:
    folder = next((c for c in candidates if (c / "index.html").is_file()), None)
    if folder is not None:
        app.mount(path, StaticFiles(directory=folder, html=True), name=path.strip("/"))
        return

    @app.get(path, include_in_schema=False)
    @app.get(path + "/{rest:path}", include_in_schema=False)
    def missing(rest: str = "") -> HTMLResponse:
        return missing_page(what, how)
