# bluehelmet: `make report` and `make test` bootstrap a local virtualenv from the lock file.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
# The Spark extra for the tests (pinned apart: `make install` and `make report` never need it).
SPARK_STAMP := $(VENV)/.spark-$(shell cat requirements.lock pyproject.toml requirements-spark.lock | cksum | cut -d' ' -f1)
REPORT_DIR ?= report
# The resolution texts (1946-1994 text files, 2000-2026 UN XML) coded for the report and the
# web app: those of the shared folders that are present, joined with ':'.
CORPUS ?= $(subst $() ,:,$(wildcard ../shared/data/unsc/resolutions_en_1946_1994 ../shared/data/unsc/akn_2000_2026/resolutions))

.PHONY: install browser spark report test lint bench bench-r bench-faults bench-reuse-million bench-spark data validate lock clean serve codebook

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

report: install
	BLUEHELMET_CORPUS=$${BLUEHELMET_CORPUS:-$(CORPUS)} $(BIN)/bluehelmet report --out $(REPORT_DIR)

serve: install
	BLUEHELMET_CORPUS=$${BLUEHELMET_CORPUS:-$(CORPUS)} $(BIN)/bluehelmet serve

# Debian's Chromium for the browser tests (Playwright never downloads one); skipped without it.
browser:
	test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium) >/dev/null 2>&1 \
		|| echo "chromium not installed (apt-get install chromium): browser tests will be skipped"

# PySpark from its lock file (with setuptools >= 77, which the spark-submit test builds the
# wheel with) and Debian's Java 17 for the Spark engine's tests; without Java
# they are skipped, naming what is missing.
$(SPARK_STAMP): $(STAMP) requirements-spark.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-spark.lock
	rm -f $(VENV)/.spark-*
	touch $(SPARK_STAMP)

spark: $(SPARK_STAMP)
	command -v java >/dev/null || (mkdir -p /usr/share/man/man1 && apt-get update \
		&& apt-get install -y openjdk-17-jre-headless) >/dev/null 2>&1 \
		|| echo "java not installed (apt-get install openjdk-17-jre-headless): Spark tests will be skipped"

test: install browser spark
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests data-raw benchmarks
	$(BIN)/ruff format --check src tests data-raw benchmarks
	$(BIN)/mypy

validate: install
	$(BIN)/bluehelmet validate

bench: install
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/coder.py
	$(BIN)/python benchmarks/corpus.py
	$(BIN)/python benchmarks/panels.py
	$(BIN)/python benchmarks/nb2_speed.py
	command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk) >/dev/null 2>&1 \
		|| echo "wrk not installed: the web benchmark falls back to httpx clients"
	$(BIN)/python benchmarks/web_load.py
	$(BIN)/python benchmarks/reuse.py
	$(BIN)/python benchmarks/reuse_recall.py

# kill -9 loops, input bombs and the web server under 200 clients (several minutes; not part of bench).
bench-faults: install
	command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk) >/dev/null 2>&1 \
		|| echo "wrk not installed: the web load falls back to httpx clients"
	$(BIN)/python benchmarks/faults.py

# NB2 fits against R's MASS::glm.nb (installs Debian's R when it can; not part of bench).
bench-r: install
	command -v Rscript >/dev/null || (apt-get update && apt-get install -y r-base-core r-cran-mass) \
		>/dev/null 2>&1 || echo "R not installed: apt-get install r-base-core r-cran-mass"
	$(BIN)/python benchmarks/nb2_r.py

# Streaming reuse on 1,000,000 synthetic paragraphs (several minutes; not part of bench).
bench-reuse-million: install
	$(BIN)/python benchmarks/reuse_million.py

# Spark local[2] beside the embedded engine at 100k, 300k and 1M synthetic paragraphs, with a
# per-stage cost model projected to 50M paragraphs on 8-128 workers, then Spark under faults
# (Python workers killed, a run killed and resumed) at 100k (PySpark and Java 17 from
# `make spark`; about 15 minutes on a quiet 2-core machine; not part of bench).
# The tables also go to $(SPARK_BENCH_MD) and $(SPARK_FAULTS_MD).
SPARK_BENCH_MD ?= reuse_spark_bench.md
SPARK_FAULTS_MD ?= reuse_spark_faults.md
bench-spark: spark
	$(BIN)/python benchmarks/reuse_spark.py --markdown $(SPARK_BENCH_MD)
	$(BIN)/python benchmarks/reuse_spark_faults.py --markdown $(SPARK_FAULTS_MD)

# Rebuild the packaged tables from data-raw/ and ../shared/data (developers only).
data: install
	$(BIN)/python data-raw/resolutions.py
	$(BIN)/python data-raw/vetoes.py
	$(BIN)/python data-raw/votes.py
	$(BIN)/python data-raw/operations_date_check.py
	$(BIN)/python data-raw/register.py
	$(BIN)/python data-raw/consent.py
	$(BIN)/python data-raw/failed_drafts.py

# Re-pin every dependency, the Spark extra apart (developers only; needs the package registry).
lock:
	rm -rf /tmp/bluehelmet-lock && $(PY) -m venv /tmp/bluehelmet-lock
	/tmp/bluehelmet-lock/bin/pip install --quiet -e '.[dev]'
	/tmp/bluehelmet-lock/bin/pip freeze --exclude-editable | grep -v '^bluehelmet' > requirements.lock
	/tmp/bluehelmet-lock/bin/pip install --quiet -e '.[spark]' 'setuptools>=77'
	/tmp/bluehelmet-lock/bin/pip freeze --all | grep -E '^(pyspark|py4j|setuptools)==' > requirements-spark.lock

clean:
	rm -rf $(VENV) $(REPORT_DIR) .pytest_cache .mypy_cache .ruff_cache

# Regenerate data/README.md's column tables and docs/codebook.md from the declarations (coded
# tables' coverage from the shared texts, whatever BLUEHELMET_CORPUS says).
codebook: install
	BLUEHELMET_CORPUS= $(BIN)/python -c "from bluehelmet.codebook import codebook_document, readme_with_tables; from bluehelmet.paths import PACKAGE_DATA as P; f = P / 'README.md'; f.write_text(readme_with_tables(f.read_text())); open('docs/codebook.md', 'w').write(codebook_document())"
