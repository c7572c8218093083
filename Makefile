# Two commands for a fresh clone: `make site` and `make test`. Only Python 3.11+ and make are needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Material's end-of-life banner is known (the core does not depend on MkDocs); keep build logs readable.
export NO_MKDOCS_2_WARNING := 1

.PHONY: install check site serve serve-zh test bench clean

# The one dossier gate: errors fail, warnings inform. `make test`, the pull-request workflow and the
# pre-commit hooks (.pre-commit-config.yaml, .pre-commit-hooks.yaml) all run this command.
CHECK := accountplan check

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install the project with its test tools

check: $(STAMP)  ## validate the dossiers (CHECK_ARGS="--format github" in CI)
	$(BIN)/$(CHECK) $(CHECK_ARGS)

# Fails on errors (in dossiers or the site, e.g. a broken link), never on the method's warnings: honest data
# is not blocked. The warnings stay in the log and on the pages; `accountplan build --strict` fails on them too.
# PROFILE=restricted SITE_DIR=site-restricted: one site per audience (default: the internal level into site/).
PROFILE_ARG = $(if $(PROFILE),--profile $(PROFILE))
site: $(STAMP)  ## build the site into site/ (English) and site/zh/ (Chinese)
	$(BIN)/accountplan build --fail-on error --quiet $(PROFILE_ARG) $(if $(SITE_DIR),--site-dir $(SITE_DIR))
	$(BIN)/accountplan --config mkdocs.zh.yml build --fail-on error --quiet $(PROFILE_ARG) $(if $(SITE_DIR),--site-dir $(SITE_DIR)/zh)

serve: $(STAMP)  ## live preview on http://127.0.0.1:8000 (rebuilds only the pages an edit changes)
	@$(BIN)/python -m generator.config mkdocs.yml
	@$(BIN)/python -m generator.mkdocs_plugin.port 127.0.0.1:8000 --instead "$(BIN)/mkdocs serve --dirty -a 127.0.0.1:8002"
	$(BIN)/mkdocs serve --dirty -a 127.0.0.1:8000

serve-zh: $(STAMP)  ## the Chinese site's live preview on http://127.0.0.1:8001 (beside make serve's)
	@$(BIN)/python -m generator.config mkdocs.zh.yml
	@$(BIN)/python -m generator.mkdocs_plugin.port 127.0.0.1:8001 --lang zh --instead "$(BIN)/mkdocs serve --dirty -f mkdocs.zh.yml -a 127.0.0.1:8003"
	$(BIN)/mkdocs serve --dirty -f mkdocs.zh.yml -a 127.0.0.1:8001

test: $(STAMP)  ## check the dossiers, run the test suite, linters, type checks and the layering contract
	$(MAKE) --no-print-directory check
	$(BIN)/ruff check generator tests
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

bench: $(STAMP)  ## performance benchmarks (N=100, N=1000; BENCH_ARGS=--large for N=10000)
	$(BIN)/python -m tests.bench $(BENCH_ARGS)

clean:  ## delete the built site, the benchmark corpora and this project's cache (in the user's cache folder)
	rm -rf site .cache
	if test -x $(BIN)/python; then $(BIN)/python -m generator.usercache clear .; fi
