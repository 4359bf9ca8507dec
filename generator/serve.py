"""Preview while editing: `repertoire serve` (make serve).

Writes the generated pages into the content folder, then runs MkDocs' own
development server on 127.0.0.1 (live reload, as `mkdocs serve`). A watcher
of the sources, the templates and mkdocs.yml regenerates the pages when one
of them changes; MkDocs sees the content folder change, rebuilds and reloads
the open pages. Pages are rewritten in place and only when their text
changed, so one edit rebuilds once. A source or template that fails to read
is reported on stderr and the previous pages stay served.
"""
from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

from generator.model.errors import RepertoireError
from generator.pipeline import default_sources, preview
from generator.render.environment import BUNDLED_TEMPLATES
from generator.site.lock import build_lock

DEFAULT_ADDRESS = "127.0.0.1:8000"
_SETTLE_SECONDS = 0.3  # an editor's save is several file events: wait for them to settle


def generate(sources: Optional[Sequence[Path]], sources_dir: Path, content_dir: Path, config_file: Path,
             template_dirs: Iterable[Path] = (), dhl: Optional[Path] = None) -> list[str]:
    """Parse the sources and refresh the pages in content_dir; returns the pages written or removed."""
    changes = preview(list(sources) if sources else default_sources(sources_dir), content_dir, config_file,
                      template_dirs, dhl)
    return sorted(changes.written + changes.removed)


class _Regenerator:
    """Runs `regenerate` once the watched files have been quiet for a moment."""

    def __init__(self, regenerate: Callable[[], None]):
        self._regenerate = regenerate
        self._timer: Optional[threading.Timer] = None
        self._lock = threading.Lock()

    def poke(self) -> None:
        with self._lock:
            if self._timer:
                self._timer.cancel()
            self._timer = threading.Timer(_SETTLE_SECONDS, self._run)
            self._timer.daemon = True
            self._timer.start()

    def _run(self) -> None:
        with self._lock:
            self._timer = None
        self._regenerate()

    def cancel(self) -> None:
        with self._lock:
            if self._timer:
                self._timer.cancel()


def watch(paths: Iterable[Path], on_change: Callable[[], None]):
    """Start a watchdog observer calling on_change for any change under the folders/files given."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    files = {p.resolve() for p in paths if p.is_file()}
    folders = {p.resolve() for p in paths if p.is_dir()}

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):
            if event.event_type in ("opened", "closed_no_write") or event.is_directory:
                return
            touched = {Path(event.src_path).resolve()}
            if getattr(event, "dest_path", None):
                touched.add(Path(event.dest_path).resolve())
            if any(t in files or any(f in t.parents for f in folders) for t in touched):
                on_change()

    observer = Observer()
    for folder in sorted(folders | {f.parent for f in files}):
        observer.schedule(Handler(), str(folder), recursive=folder in folders)
    observer.daemon = True
    observer.start()
    return observer


def _mkdocs_logging() -> None:
    """Show MkDocs' messages ("Serving on ...", "Building documentation ...") as `mkdocs serve` does."""
    logger = logging.getLogger("mkdocs")
    if logger.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    try:
        from mkdocs.__main__ import ColorFormatter

        handler.setFormatter(ColorFormatter())
    except ImportError:  # pragma: no cover - older or newer MkDocs
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def serve(sources: Optional[Sequence[Path]], content_dir: Path, config_file: Path,
          template_dirs: Sequence[Path] = (), address: str = DEFAULT_ADDRESS, sources_dir: Path = Path("sources"),
          open_in_browser: bool = False, dhl: Optional[Path] = None) -> None:
    """Generate the pages, then serve the site with live reload until interrupted."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise RepertoireError(None, f"--dev-addr {address}: expected HOST:PORT, e.g. {DEFAULT_ADDRESS}")
    if not config_file.is_file():
        raise RepertoireError(str(config_file), "no MkDocs configuration here")

    def regenerate() -> None:
        try:
            changed = generate(sources, sources_dir, content_dir, config_file, template_dirs, dhl)
        except RepertoireError as error:
            print(f"repertoire: error: {error} (still serving the previous pages)", file=sys.stderr)
            return
        except Exception as error:  # a half-edited template: report, keep serving
            print(f"repertoire: error: {type(error).__name__}: {error} (still serving the previous pages)",
                  file=sys.stderr)
            return
        if changed:
            print(f"repertoire: regenerated {len(changed)} page(s): {', '.join(changed[:5])}"
                  f"{' ...' if len(changed) > 5 else ''}", file=sys.stderr)

    # The pages are rewritten in place while serving: no build may swap the content folder meanwhile.
    with build_lock([content_dir]):
        generate(sources, sources_dir, content_dir, config_file, template_dirs, dhl)  # errors here stop the command
        watched = [Path(s) for s in sources] if sources else [sources_dir]
        watched += [Path(t) for t in template_dirs] + [BUNDLED_TEMPLATES, config_file] + ([dhl] if dhl else [])
        regenerator = _Regenerator(regenerate)
        observer = watch([p for p in watched if p.exists()], regenerator.poke)
        _mkdocs_logging()
        try:
            mkdocs_serve(config_file=str(config_file), livereload=True, open_in_browser=open_in_browser,
                         dev_addr=address, docs_dir=str(content_dir))
        except MkDocsException as error:
            raise RepertoireError(str(config_file), f"MkDocs server failed: {str(error).splitlines()[0]}") from None
        except OSError as error:  # the address is taken, or not this machine's
            raise RepertoireError(None, f"cannot serve on {address}: {error.strerror or error}") from None
        finally:
            regenerator.cancel()
            observer.stop()
            observer.join(timeout=5)
