# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Build into a scratch folder and swap it in only when the build succeeded:
# a failed build never leaves a half-written site/.
site: $(STAMP)
	rm -rf .site-tmp
	$(BIN)/mkdocs build --strict --site-dir .site-tmp
	rm -rf site && mv .site-tmp site

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict

check: $(STAMP)
	$(BIN)/pizhu check

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

clean:
	rm -rf site .site-tmp .pytest_cache
