#!/usr/bin/env bash
# Every test: lint, types, curriculum checks and the pytest suite (real nbgrader, real
# JupyterLab in Debian's headless chromium). Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh dev,hub
scripts/system-deps.sh
export PATH="$PWD/.venv/bin:$PATH"
echo "==> ruff";   ruff check src tests benchmarks tools && ruff format --check src tests benchmarks tools
echo "==> mypy";   mypy
echo "==> scenario lint"; paratrain scenario lint curriculum assignments/source > /tmp/paratrain-lint.txt || { cat /tmp/paratrain-lint.txt; exit 1; }
tail -n 1 /tmp/paratrain-lint.txt
echo "==> notebooks up to date"; paratrain notebook build --check
# two workers, each test file on one of them (files share their module fixtures)
echo "==> pytest"; exec python -m pytest -n "${PARATRAIN_TEST_WORKERS:-2}" --dist loadfile "$@"
