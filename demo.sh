#!/usr/bin/env bash
# The main job: a complete demo cohort, on embedded defaults (SQLite, a local nbgrader exchange).
# Usage: ./demo.sh [--dir FOLDER] [--seed N]
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh
export PATH="$PWD/.venv/bin:$PATH"
exec paratrain demo "$@"
