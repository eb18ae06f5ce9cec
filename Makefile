# Two commands for a new user: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,parquet,dask]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/claimcheck extract examples/seed_article.txt
	@echo '--- check: the article (bundled reference_data/) ---'
	$(BIN)/claimcheck check examples/seed_article.txt --fail-on never
	@echo '--- check: a draft with deliberate mistakes ---'
	$(BIN)/claimcheck check examples/draft_with_errors.txt --fail-on never
	@echo '--- reports for editors: reports/demo.csv, reports/demo.xlsx, reports/demo.html ---'
	@mkdir -p reports
	$(BIN)/claimcheck check examples --fail-on never -q --format csv -o reports/demo.csv
	$(BIN)/claimcheck check examples --fail-on never -q --format xlsx -o reports/demo.xlsx
	$(BIN)/claimcheck check examples --fail-on never -q --format html -o reports/demo.html

test: $(STAMP)
	$(BIN)/ruff check claimcheck tests
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/startup.py

# the real-copy gold set (tests/gold/real_copy.toml, needs ../shared/corpus):
# strict P/R/F1 overall and per family, the misses, reports/eval_gold.json;
# then the ranges-and-negatives tuning sets (tests/gold/tune_ranges_negatives.toml and
# its second round, tests/gold/tune2_ranges_negatives.toml), a random tuning draw
# (tests/gold/tune3_random.toml), a fourth round searched for dense figures, bounds,
# number words and non-claims (tests/gold/tune4_real_copy.toml), a fifth over
# sections, countries, forms and non-claims (tests/gold/tune5_real_copy.toml),
# then the HELD-OUT set (tests/gold/heldout.toml): its scores only, never tuned on
eval: $(STAMP)
	$(BIN)/python scripts/eval_gold.py
	@echo
	$(BIN)/python scripts/eval_gold.py --gold tests/gold/tune_ranges_negatives.toml --quiet
	@echo
	$(BIN)/python scripts/eval_gold.py --gold tests/gold/tune2_ranges_negatives.toml --quiet
	@echo
	$(BIN)/python scripts/eval_gold.py --gold tests/gold/tune3_random.toml --quiet
	@echo
	$(BIN)/python scripts/eval_gold.py --gold tests/gold/tune4_real_copy.toml --quiet
	@echo
	$(BIN)/python scripts/eval_gold.py --gold tests/gold/tune5_real_copy.toml --quiet
	@echo
	$(BIN)/python scripts/eval_gold.py --gold tests/gold/heldout.toml --quiet

clean:
	rm -rf $(VENV) build *.egg-info
