# Two commands do everything on a fresh machine: `make build` and `make test`.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# axe-core for the book's accessibility test, pinned by tests/axe/package-lock.json.
AXE := tests/axe/node_modules/axe-core/axe.min.js

.PHONY: build test check serve system-deps install clean

build: install
	$(BIN)/curriculum build all
	$(BIN)/curriculum workshop example

test: install
	@bash scripts/system-deps.sh test
	@$(MAKE) --no-print-directory $(AXE)
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

check: install
	$(BIN)/curriculum check

serve: install
	$(BIN)/curriculum serve

install: system-deps $(STAMP)

system-deps:
	@bash scripts/system-deps.sh build

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

$(AXE): tests/axe/package.json tests/axe/package-lock.json
	npm ci --prefix tests/axe --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf build
