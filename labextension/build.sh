#!/usr/bin/env bash
# Rebuild the course-progress JupyterLab extension into course/labextension/ (committed, so
# `pip install` needs no Node.js). Needs Node.js 18+ and the project's venv (for jlpm).
# Then run the tests: tests/test_progress.py checks the build matches this source.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${VENV:-$here/../.venv}"
export PATH="$venv/bin:$PATH"
cd "$here"
rm -rf ../course/labextension lib
jlpm install
jlpm build
python - <<'PY'
from pathlib import Path
from course.runtime.labextension import source_digest
Path("../course/labextension/source.sha256").write_text(source_digest(Path(".")) + "\n")
print("recorded", source_digest(Path(".")))
PY
