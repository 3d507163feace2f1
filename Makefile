# Two commands on a fresh machine: `make run` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CASE   ?= data/cam-linh
OUT    ?= output/cam-linh
# The sample's answers arrived around the 23/11/2024 deadline: compile as of two days later.
AS_OF  ?= 2024-11-25

.PHONY: run test sysdeps lint templates bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	@# setuptools' advisory banners (UserWarning) are not for the clerk: errors still show (issue 13)
	PYTHONWARNINGS=ignore::UserWarning $(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

## Install LibreOffice, fonts and poppler when missing (Debian/Ubuntu as root); fails loudly if it cannot.
sysdeps:
	@bash scripts/install-system-deps.sh

## Set up, then build the sample case into output/ (PDFs only when LibreOffice could be installed).
run: $(STAMP)
	@bash scripts/install-system-deps.sh --optional
	$(VENV)/bin/dispatch-gen build $(CASE) -o $(OUT) --as-of $(AS_OF)

## Set up, then run the whole test suite (tests needing a missing program fail, never skip).
test: $(STAMP) sysdeps
	$(VENV)/bin/ruff check dispatch_gen tests scripts bench
	DISPATCH_GEN_REQUIRE_TOOLS=1 $(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check dispatch_gen tests scripts bench

## Rebuild the committed .docx templates from their Python description.
templates: $(STAMP)
	$(PY) scripts/build_templates.py

## Every bench in turn, each printing its ratio table against its naive baseline (bench/RESULTS.md).
BENCHES := bench/run.py bench/collect_vs_docx.py bench/check_bench.py "bench/web_load.py --table" \
           "bench/pdf_bench.py --single"
bench: $(STAMP)
	@for b in $(BENCHES); do echo "== $$b"; $(PY) $$b || exit 1; echo; done

clean:
	rm -rf $(OUT)
