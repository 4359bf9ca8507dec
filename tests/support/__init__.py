"""What tests (and benchmarks) share, imported from here and never from a test module or a
conftest (tests/test_test_layout.py checks): paths.py (the checkout, the bundled sources),
builders.py (project folders, `repertoire build`), site_pages.py (a built site's HTML),
synthetic.py (Repertoire sources at any size), pdfs.py (one-page PDFs made in code),
damage.py (damaged copies of a PDF, a model's words in order), browser.py (Chromium contexts
and pages for tests/browser)."""
