# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
#
#   make site          build the site into site/, the Traditional edition into site/zh-hant/
#                      (installs only what building needs)
#   make test          install the test extras and run every test (PYTEST_ARGS=… to narrow)
#   make serve         live preview on http://127.0.0.1:$(PORT)/ (PORT=8000 by default);
#                      EDITION=zh-hant previews the Traditional edition at /zh-hant/
#   make check         pizhu check: validate data/, seeds/, templates/ without building (CHECK_ARGS=…)
#   make lint          ruff and mypy (installs the lint extra)
#   make bench         build-time benchmark against plain Material (1, 10, 40, 100 articles) and live reload
#   make lighthouse    Lighthouse scores of site/, served with its precompressed files (needs node)
#   make clean         remove the built site and caches (keeps .venv)
PYTHON ?= python3
PORT   ?= 8000
EDITION ?=
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check lint install clean bench lighthouse

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# One stamp per set of dependencies: each installs once, and again whenever pyproject.toml
# changes (a new dependency, a new pin). `pip install -e '.[chinese]'` is the package and what a
# Chinese site needs (jieba, OpenCC, pypinyin), for building this site.
$(VENV)/.installed-build: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[chinese]'
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[chinese,test]'
	touch $@

$(VENV)/.installed-lint: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[chinese,lint]'
	touch $@

# The package and what building needs, nothing else (CI's first step after checkout).
install: $(VENV)/.installed-build

# Build into a scratch folder and swap it in only when both editions built:
# a failed build never leaves a half-written site/. The simplified build comes first (it empties
# its folder), then the Traditional edition (mkdocs.zh-hant.yml) into its zh-hant/ folder.
site: $(VENV)/.installed-build
	rm -rf .site-tmp
	$(BIN)/mkdocs build --strict --site-dir .site-tmp
	$(BIN)/mkdocs build --strict --config-file mkdocs.zh-hant.yml --site-dir .site-tmp/zh-hant
	$(BIN)/pizhu compress .site-tmp
	rm -rf site && mv .site-tmp site

serve: $(VENV)/.installed-build
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:$(PORT) $(if $(EDITION),--config-file mkdocs.$(EDITION).yml)

check: $(VENV)/.installed-build
	$(BIN)/pizhu check $(CHECK_ARGS)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

lint: $(VENV)/.installed-lint
	@test -x $(BIN)/ruff && test -x $(BIN)/mypy || { \
	  echo "make lint: ruff or mypy is missing from .venv: pyproject.toml needs a 'lint' extra with both"; exit 1; }
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf site .site-tmp .pytest_cache .mypy_cache .ruff_cache

bench: $(VENV)/.installed-build
	$(BIN)/python benchmarks/build.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/reload.py

lighthouse: site
	$(BIN)/python benchmarks/lighthouse.py site
