#!/usr/bin/env bash
# Proves the spec lint (lint.sh with .spectral.yaml) in one Spectral run:
#   - each test/fixtures/<rule>.<case>.yaml yields exactly the findings its "# expect: <rule> <line>" comments
#     list (a planted violation of <rule>, reported at that line), and no others;
#   - test/fixtures/pass.*.yaml and the real spec, api-spec/openapi.yaml, yield none;
#   - mutated copies of the real spec (a field deleted from every operation, the root security removed, error
#     responses turned into application/json) yield the mutated rule's finding once per operation or response,
#     which shows that the rules reach every operation of the real spec;
#   - lint.sh exits 1 when there are findings.
# Skipped (exit 0) when lint.sh skips, for want of Node. Exit 0 when all hold, else 1 with what did not.
set -euo pipefail # (bash 3.2 or newer: no associative arrays, no GNU-only regex)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
spec=$(cd "$here/.." && pwd)/openapi.yaml
fixtures="$here/test/fixtures"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Mutated copies of the real spec, and how many findings of which rule each must yield.
methods='get|put|post|delete|options|head|patch|trace'
operations=$(grep -Ec "^    ($methods):[[:space:]]*$" "$spec")
public=$(grep -Ec '^      security: \[\][[:space:]]*$' "$spec") # the public operations (GET /health, GET /app-updates/...)
problems=$(grep -Ec '^[[:space:]]+application/problem\+json:[[:space:]]*$' "$spec")
derived=() # "name rule count"
derive() { # name rule count command...
  local name=$1 rule=$2 count=$3; shift 3
  "$@" < "$spec" > "$work/openapi.$name.yaml"
  derived+=("$name $rule $count")
}
derive no-operationId operation-operationId "$operations" sed -E '/^      operationId:/d'
derive no-summary operation-summary "$operations" sed -E '/^      summary:/d'
derive no-x-function operation-x-function "$operations" sed -E '/^      x-function:/d'
derive no-root-security operation-security "$((operations - public))" \
  awk '/^security:/ { skip = 1; next } skip && /^[^ #]/ { skip = 0 } !skip'
derive errors-as-json error-response-problem-json "$problems" \
  sed -E 's#^([[:space:]]+)application/problem\+json:#\1application/json:#'

shopt -s nullglob
files=("$fixtures"/*.yaml "$work"/*.yaml "$spec")
[ "${#files[@]}" -gt 1 ] || { echo "No fixtures in $fixtures" >&2; exit 1; }

status=0
"$BASH" "$here/lint.sh" "${files[@]}" > "$work/out.txt" 2> "$work/err.txt" || status=$?
if grep -Eq '^(SKIPPED|FAILED): spec lint needs Node' "$work/err.txt"; then
  cat "$work/err.txt" >&2 # no (recent) Node: lint.sh skipped (or failed, with SPEC_LINT_REQUIRE_NODE); so do its tests
  exit "$status"
fi
if [ "$status" -ne 1 ]; then
  cat "$work/out.txt" "$work/err.txt" >&2
  echo "FAIL: lint.sh exited $status on the fixtures; expected 1 (findings)." >&2
  exit 1
fi

# findings FILE: "<rule> <line>" for each finding in FILE, sorted.
findings() {
  local line re='^(.+):([0-9]+):([0-9]+) [a-z]+ ([^ ]+) '
  while IFS= read -r line; do
    if [[ $line =~ $re ]] && [ "${BASH_REMATCH[1]}" = "$1" ]; then echo "${BASH_REMATCH[4]} ${BASH_REMATCH[2]}"; fi
  done < "$work/out.txt" | sort
}

failures=0 passed=0
failed_files=()
check() { # label expected actual [file]
  if [ "$2" = "$3" ]; then
    passed=$((passed + 1))
  else
    failures=$((failures + 1))
    if [ -n "${4:-}" ]; then failed_files+=("$4"); fi
    printf 'FAIL: %s\n  expected:\n%s\n  got:\n%s\n' "$1" "$(sed 's/^/    /' <<< "${2:-<no findings>}")" \
      "$(sed 's/^/    /' <<< "${3:-<no findings>}")" >&2
  fi
}

for file in "$fixtures"/*.yaml; do
  name=$(basename "$file")
  expected=$(sed -nE 's/^# expect: ([^ ]+) ([0-9]+)[[:space:]]*$/\1 \2/p' "$file" | sort)
  case "$name" in
    pass.*) [ -z "$expected" ] || { check "$name: a pass.* fixture expects no findings" "" "$expected"; continue; } ;;
    *) [ -n "$expected" ] || { check "$name: a violation fixture needs '# expect: <rule> <line>'" "some" ""; continue; }
       rule=${name%%.*}
       grep -q "^$rule " <<< "$expected" || check "$name: expects its own rule $rule" "$rule ..." "$expected" ;;
  esac
  check "test/fixtures/$name" "$expected" "$(findings "$file")" "$file"
done

for entry in "${derived[@]}"; do
  read -r name rule count <<< "$entry"
  got=$(findings "$work/openapi.$name.yaml" | cut -d' ' -f1 | uniq -c | sed -E 's/^ *([0-9]+) /\1 /')
  check "openapi.yaml mutated: $name" "$count $rule" "$got" "$work/openapi.$name.yaml"
done

check "api-spec/openapi.yaml (the real spec)" "" "$(findings "$spec")" "$spec"

if [ "$failures" -ne 0 ]; then
  echo "--- lint.sh output for the failed files ---" >&2
  for file in ${failed_files[@]+"${failed_files[@]}"}; do grep -F "$file:" "$work/out.txt" >&2 || true; done
  grep -v "^Spec lint FAILED" "$work/err.txt" >&2 || true
  echo "Spec lint tests: $failures FAILED, $passed passed." >&2
  exit 1
fi
echo "Spec lint tests: all $passed passed (${#files[@]} files, $operations operations in the real spec)."
