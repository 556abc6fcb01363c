#!/usr/bin/env bash
# Lints the API spec with Spectral and the ruleset beside this script (.spectral.yaml); see README.md.
#
#   api-spec/lint/lint.sh [spec.yaml ...]     default: api-spec/openapi.yaml
#
# Exit status: 0 when every file is clean, 1 on any finding (errors and warnings alike: --fail-severity=warn),
# 2 when Spectral cannot run (a missing file, a broken ruleset). Each finding is one line, `file:line:col severity
# rule "message"`.
#
# Needs Node >= 18.18 with npm. Without it the lint is skipped (exit 0, "SKIPPED: ..."), so that a build on a
# machine without Node still runs everything else; set SPEC_LINT_REQUIRE_NODE=true (e.g. in CI) to fail instead.
# Spectral is installed from package-lock.json into api-spec/lint/node_modules (npm ci), again only when the lock
# file changed since the last install.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ $# -eq 0 ]; then set -- "$(cd "$here/.." && pwd)/openapi.yaml"; fi

skip() {
  local how="Install Node 18.18 or newer with npm, e.g. on Debian/Ubuntu: apt-get install nodejs npm (or from
  https://nodejs.org), then build again."
  case "${SPEC_LINT_REQUIRE_NODE:-}" in
    1 | true | yes)
      printf 'FAILED: spec lint needs Node: %s\n  %s\n  (SPEC_LINT_REQUIRE_NODE is set, so the lint may not be skipped.)\n' "$1" "$how" >&2
      exit 1 ;;
  esac
  printf 'SKIPPED: spec lint needs Node: %s\n  %s\n  Only the spec lint is skipped.\n' "$1" "$how" >&2
  exit 0
}

command -v node >/dev/null 2>&1 || skip "no 'node' on the PATH."
command -v npm >/dev/null 2>&1 || skip "no 'npm' on the PATH."
version=$(node -p process.versions.node 2>/dev/null) || skip "'node' on the PATH ($(command -v node)) does not run."
IFS=. read -r major minor _ <<< "$version"
if [ "$major" -lt 18 ] || { [ "$major" -eq 18 ] && [ "$minor" -lt 18 ]; }; then
  skip "found Node $version, Spectral needs 18.18 or newer."
fi

# Install Spectral when node_modules is missing or stale: the stamp records the package-lock.json it came from.
stamp="$here/node_modules/.spec-lint-stamp"
wanted=$(cksum < "$here/package-lock.json")
if [ ! -x "$here/node_modules/.bin/spectral" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "Installing Spectral (npm ci in $here) ..." >&2
  # --ignore-scripts: no package here needs an install script (the only one is @scarf/scarf's telemetry).
  SCARF_ANALYTICS=false npm ci --no-audit --no-fund --no-update-notifier --ignore-scripts --prefix "$here" >&2 || {
    echo "Spec lint FAILED: could not install Spectral (npm ci in $here; it needs the npm registry once)." >&2
    exit 2
  }
  printf '%s\n' "$wanted" > "$stamp"
fi

status=0
"$here/node_modules/.bin/spectral" lint \
  --ruleset "$here/.spectral.yaml" \
  --fail-severity=warn \
  --format=text \
  --fail-on-unmatched-globs \
  "$@" || status=$?
echo # the text format ends without a newline
if [ "$status" -eq 0 ]; then
  echo "Spec lint passed: $*"
else
  echo "Spec lint FAILED (exit $status): fix each finding above (file:line:col rule), see api-spec/lint/README.md." >&2
fi
exit "$status"
