# Two commands for a fresh machine: `make site` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test producers bench bench-build bench-parallel bench-parse bench-search clean archive serve browser vendor screenshots

# Debian's Chromium drives the browser tests (tests/browser) and scripts/screenshots.py.
CHROMIUM := /usr/bin/chromium
# Node runs the search worker outside the browser (tests/support/search_worker.py).
NODE := /usr/bin/node
# The PDF producers of the layout matrix (the stamp is the last program installed, see below).
PRODUCERS := /usr/bin/soffice /usr/bin/pdflatex
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/repertoire build

test: $(STAMP) $(CHROMIUM) $(NODE) $(PRODUCERS)
	$(BIN)/python -m pytest -q

# The site as a dated zip that works opened from disk (dist/repertoire-site-YYYY-MM-DD.zip).
archive: $(STAMP)
	$(BIN)/repertoire build --archive

# Preview on http://127.0.0.1:8000: pages regenerate when sources/ or templates/ change.
serve: $(STAMP)
	$(BIN)/repertoire serve

$(NODE):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs

browser: $(CHROMIUM)
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core

# The PDF producers of the layout matrix (tests/layouts): LibreOffice, pdflatex (WeasyPrint comes
# from PyPI with requirements.txt, its Pango from Debian). The stamp is the last program installed.
producers: $(PRODUCERS)
$(PRODUCERS):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
		libreoffice-writer-nogui texlive-latex-base texlive-latex-recommended texlive-fonts-recommended \
		fonts-liberation fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils

# Refresh the vendored npm files (iframe-worker, axe-core); needs npm. Nothing else does.
vendor:
	bash scripts/vendor.sh

# The README's screenshots (docs/screenshots/), taken in Chromium from a fresh build.
screenshots: $(STAMP) $(CHROMIUM)
	$(BIN)/python scripts/screenshots.py

# Benchmarks print numbers; they are not tests (see BENCHMARKS.md).
bench: bench-parallel bench-build bench-parse bench-search

bench-build: $(STAMP)
	$(BIN)/python bench/bench_build.py

bench-parallel: $(STAMP)
	$(BIN)/python bench/bench_parallel.py

# Search in Chromium at 10,000 meetings, over HTTP and from disk, against Material's stock search
# (builds both sites: allow half an hour; BENCH_SEARCH_ARGS="--keep DIR --reuse" measures again).
bench-search: $(STAMP) $(CHROMIUM)
	$(BIN)/python bench/bench_search.py $(BENCH_SEARCH_ARGS)

# PDF reading: pages/s against pdfplumber's extract_text() floor, speed-up on all cores, memory, cache.
bench-parse: $(STAMP)
	$(BIN)/python bench/bench_parse.py

clean:
	rm -rf site $(VENV)
