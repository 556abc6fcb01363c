#!/usr/bin/env bash
# Lints the CloudFormation templates offline against the CloudFormation resource schemas (lint.js with
# @aws-cdk/aws-service-spec); see README.md in infra-cloudformation.
#
#   infra-cloudformation/lint/lint.sh [template.yaml ...]     default: every infra-cloudformation/templates/**/*.yaml
#
# Exit status: 0 when every template is clean, 1 on any finding, 2 when the lint cannot run (no templates, npm ci
# failed). Each finding is one line, `file:line: Logical.Path: message`.
#
# Needs Node >= 18 with npm. Without it the lint is skipped (exit 0, "SKIPPED: ..."), so that a build on a machine
# without Node still runs everything else; set INFRA_LINT_REQUIRE_NODE=true (e.g. in CI) to fail instead.
# The packages are installed from package-lock.json into lint/node_modules (npm ci, needs the npm registry once),
# again only when the lock file changed since the last install.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
module=$(cd "$here/.." && pwd)

skip() {
  local how="Install Node 18 or newer with npm, e.g. on Debian/Ubuntu: apt-get install nodejs npm (or from
  https://nodejs.org), then build again."
  case "${INFRA_LINT_REQUIRE_NODE:-}" in
    1 | true | yes)
      printf 'FAILED: template lint needs Node: %s\n  %s\n  (INFRA_LINT_REQUIRE_NODE is set, so the lint may not be skipped.)\n' "$1" "$how" >&2
      exit 1 ;;
  esac
  printf 'SKIPPED: template lint needs Node: %s\n  %s\n  Only the template lint is skipped.\n' "$1" "$how" >&2
  exit 0
}

command -v node >/dev/null 2>&1 || skip "no 'node' on the PATH."
command -v npm >/dev/null 2>&1 || skip "no 'npm' on the PATH."
version=$(node -p process.versions.node 2>/dev/null) || skip "'node' on the PATH ($(command -v node)) does not run."
major=${version%%.*}
[ "$major" -ge 18 ] 2>/dev/null || skip "found Node $version, the lint needs 18 or newer."

# Install when node_modules is missing or stale: the stamp records the package-lock.json it came from.
stamp="$here/node_modules/.infra-lint-stamp"
wanted=$(cksum < "$here/package-lock.json")
if [ ! -f "$here/node_modules/@aws-cdk/aws-service-spec/db.json.gz" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "Installing the template lint's packages (npm ci in $here) ..." >&2
  npm ci --no-audit --no-fund --no-update-notifier --ignore-scripts --prefix "$here" >&2 || {
    echo "Template lint FAILED: could not install its packages (npm ci in $here; it needs the npm registry once)." >&2
    exit 2
  }
  printf '%s\n' "$wanted" > "$stamp"
fi

# Default: every template, named relative to infra-cloudformation/ (templates/stacks/storage.yaml).
if [ $# -eq 0 ]; then
  cd "$module"
  templates=()
  while IFS= read -r f; do templates+=("$f"); done < <(find templates -type f \( -name '*.yaml' -o -name '*.yml' \) 2>/dev/null | LC_ALL=C sort)
  if [ ${#templates[@]} -eq 0 ]; then
    echo "Template lint FAILED: no templates under $module/templates." >&2
    exit 2
  fi
  set -- "${templates[@]}"
fi

status=0
node "$here/lint.js" "$@" || status=$?
if [ "$status" -eq 0 ]; then
  echo "Template lint passed: $# templates."
elif [ "$status" -eq 1 ]; then
  echo "Template lint FAILED: fix each finding above (file:line: path: message); see infra-cloudformation/README.md." >&2
fi
exit "$status"
