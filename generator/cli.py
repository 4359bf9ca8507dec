"""`repertoire`: build the site, or print the parsed data.

Exit codes: 0 ok, 1 failed checks, 2 bad input or usage, or a file that cannot be
read or written (no space, permission, read-only). Errors are one line on stderr,
never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional, Sequence

from generator import settings
from generator.model.errors import RepertoireError


def _add_page_arguments(command: argparse.ArgumentParser) -> None:
    """What `build` and `serve` share: the sources, where pages go, the configuration, the templates."""
    command.add_argument("sources", nargs="*", type=Path, metavar="SOURCE",
                         help="source files (.pdf or .txt); default: every source in sources/")
    command.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                         help="MkDocs docs folder to write pages into (default: content/)")
    command.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="FILE",
                         help="MkDocs configuration (default: mkdocs.yml)")
    command.add_argument("--templates", type=Path, action="append", default=[], metavar="DIR",
                         help="folder of templates overriding the bundled ones (repeatable)")
    command.add_argument("--dhl", type=Path, metavar="DIR",
                         help="also read the Dag Hammarskjöld Library's meeting tables in DIR (see fetch-dhl): "
                              "every meeting in them gets a page, and agenda items get topic pages")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="repertoire",
        description="Turn the Repertoire of the Practice of the Security Council into a cross-linked MkDocs site.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="parse the sources, write the pages and build the site",
                                description="Parse the sources, write Markdown pages into the content folder "
                                            "and run a strict MkDocs build into the site folder.")
    _add_page_arguments(build)
    build.add_argument("--site", type=Path, default=Path("site"), metavar="DIR",
                       help="folder of the built site (default: site/)")
    build.add_argument("--strict", action="store_true",
                       help="fail (exit 1, nothing written) if any problem is found in the sources")
    build.add_argument("--archive", action="store_true",
                       help="also check that the site works opened from disk (no other origin) and pack it "
                            "as a dated zip, ARCHIVE_DIR/repertoire-site-YYYY-MM-DD.zip")
    build.add_argument("--archive-dir", type=Path, default=Path("dist"), metavar="ARCHIVE_DIR",
                       help="folder for the --archive zip (default: dist/)")

    serve = commands.add_parser("serve", help="preview: regenerate pages on change and serve with live reload",
                                description="Write the pages, serve the site on 127.0.0.1 with live reload, and "
                                            "regenerate the pages whenever a source, a template or the "
                                            "configuration changes.")
    _add_page_arguments(serve)
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT",
                       help="address to serve on (default: 127.0.0.1:8000)")

    parse = commands.add_parser("parse", help="print the parsed data",
                                description="Parse source files and print the data model.")
    parse.add_argument("files", nargs="+", type=Path, metavar="FILE", help="source files (.pdf or .txt)")
    parse.add_argument("--json", action="store_true", help="print JSON (the documented public format)")
    parse.add_argument("--dhl", type=Path, metavar="DIR",
                       help="also read the Dag Hammarskjöld Library's meeting tables in DIR (see fetch-dhl)")

    fetch = commands.add_parser("fetch-dhl", help="download the Dag Hammarskjöld Library's yearly meeting tables",
                                description="Download the Library's tables of Security Council meetings for "
                                            "YEARS (e.g. 1946 1990-1995) into DIR, for --dhl DIR.")
    fetch.add_argument("years", nargs="+", metavar="YEARS", help="years or ranges of years, e.g. 1946 1990-1995")
    fetch.add_argument("--out", type=Path, default=Path("dhl"), metavar="DIR",
                       help="folder to save the tables in (default: dhl/)")
    fetch.add_argument("--base-url", default=None, metavar="URL",
                       help="where the tables are (default: https://www.un.org/depts/dhl/resguide/)")
    inspect = commands.add_parser("inspect", help="draw how the PDF reader took each line of a PDF",
                                  description="For a PDF that does not read as expected: an image of each page "
                                              "with every line boxed in the colour of what the reader took it "
                                              "for (heading, paragraph, footnote, marker, table column, running "
                                              "header/footer, dropped), a legend, and a summary of the measured "
                                              "style and of the lines of each kind per page (printed and in "
                                              "DIR/summary.txt).")
    inspect.add_argument("file", type=Path, metavar="FILE.pdf", help="the PDF to inspect")
    inspect.add_argument("--pages", metavar="PAGES",
                         help="pages to draw, e.g. 3, 3-5 or 1,4-6 (default: every page)")
    inspect.add_argument("--out", type=Path, metavar="DIR",
                         help="folder to write into (default: inspect-<file stem>/ here); a folder this "
                              "command did not make is refused")
    inspect.add_argument("--resolution", type=float, default=100, metavar="DPI",
                         help="resolution of the images (default: 100)")
    return parser


def _report(problems) -> None:
    for problem in problems:
        print(f"repertoire: warning: {problem}", file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    from generator.pipeline import build, default_sources
    from generator.site.incremental import REPORT_FILE
    from generator.site.report import summary_line

    sources = args.sources or default_sources(Path("sources"))
    result = build(sources, args.content, args.site, args.config, args.templates, strict=args.strict, dhl=args.dhl)
    _report(result.problems)
    print(f"Built {summary_line(result.report)} (details in {result.site_dir / REPORT_FILE}).")
    print(f"Open {(result.site_dir / 'index.html').resolve()}")
    if args.archive:
        from generator.site.archive import make_archive

        print(f"Archive {make_archive(result.site_dir, args.archive_dir)} (works opened from disk)")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from generator.serve import serve

    serve(args.sources, args.content, args.config, args.templates, address=args.dev_addr, dhl=args.dhl)
    return 0


def _parse(args: argparse.Namespace) -> int:
    from generator.model import to_json_dict
    from generator.pipeline import link, read

    repertoire = read(args.files, args.dhl, site=False)
    link(repertoire)  # the linker's problems too (a name that is no State ...)
    if args.json:
        json.dump(to_json_dict(repertoire), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for section in repertoire.sections:
            print(f"{section.number}. {section.title}: {len(section.paragraphs)} paragraphs, "
                  f"{len(section.footnotes)} footnotes, {len(section.meetings)} meetings")
        if args.dhl:
            print(f"Library tables: {len(repertoire.records)} meetings not in the Repertoire's sections")
    _report(repertoire.problems)
    return 0


def _fetch_dhl(args: argparse.Namespace) -> int:
    from generator.fetch import DEFAULT_BASE_URL, fetch_years, parse_years

    saved, failed = fetch_years(parse_years(args.years), args.out, args.base_url or DEFAULT_BASE_URL)
    for error in failed:
        print(f"repertoire: error: {error}", file=sys.stderr)
    print(f"Saved {len(saved)} table(s) in {args.out}" + (f"; {len(failed)} failed" if failed else ""))
    return 2 if failed else 0


def _inspect(args: argparse.Namespace) -> int:
    from generator.inspect import inspect

    result = inspect(args.file, args.pages, args.out, args.resolution)
    print(result.summary, end="")
    print(f"Wrote {len(result.images)} page image(s), legend.png and summary.txt in {result.out}")
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    try:
        commands = {"build": _build, "parse": _parse, "serve": _serve, "fetch-dhl": _fetch_dhl,
                    "inspect": _inspect}
        return commands[args.command](args)
    except RepertoireError as error:
        print(f"repertoire: error: {error}", file=sys.stderr)
        return error.exit_code
    except OSError as error:  # no space, permission, read-only: the machine's state, not a bug
        if settings.debug():
            raise
        path = error.filename2 or error.filename  # a copy names its source first, its target second
        where = f"{path}: " if path else ""
        print(f"repertoire: error: {where}{error.strerror or error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("repertoire: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug, not bad input: still one line, unless debugging
        if settings.debug():
            raise
        print(f"repertoire: internal error: {type(error).__name__}: {error} "
              "(set REPERTOIRE_DEBUG=1 for details)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
