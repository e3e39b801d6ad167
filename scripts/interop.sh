#!/usr/bin/env bash
# Runs the interop suite (tests/interop/run.mjs ARGS...) on each Node in $INTEROP_NODES at
# once, each with the flag that gives it JSPI where it needs one (Node 20 and 22; Node 24.21+
# has JSPI, and Node 26 refuses the flag). Each run's output goes to .cache/interop-<version>.log
# and is printed when all are done, with how long each took. Exit code: 0 when all passed.
#
#   INTEROP_NODES="node .cache/node24/node_modules/.bin/node" scripts/interop.sh [--snapshot]
set -uo pipefail
cd "$(dirname "$0")/.."

HAS_JSPI='process.exit(typeof WebAssembly.Suspending === "function" || typeof WebAssembly.Suspender === "function" ? 0 : 1)'

jspi_flag() {
  if "$1" -e "$HAS_JSPI" 2>/dev/null; then return; fi
  echo --experimental-wasm-stack-switching
}

mode=""
if [ "${1:-}" = --snapshot ]; then mode=" --snapshot"; fi
mkdir -p .cache
pids=() logs=() names=() starts=()
for node in ${INTEROP_NODES:-node}; do
  version=$("$node" --version) || { echo "interop: cannot run $node" >&2; exit 2; }
  log=".cache/interop-$version${mode:+-snapshot}.log"
  # shellcheck disable=SC2046  # the flag is one word or none
  "$node" $(jspi_flag "$node") --expose-gc tests/interop/run.mjs "$@" >"$log" 2>&1 &
  pids+=("$!") logs+=("$log") names+=("Node $version ($node)") starts+=("$(date +%s)")
done

status=0
for i in "${!pids[@]}"; do
  wait "${pids[$i]}"; code=$?
  elapsed=$(( $(date +%s) - ${starts[$i]} ))
  echo "== interop$mode on ${names[$i]}: exit $code after ${elapsed} s"
  if [ "$code" -ne 0 ]; then cat "${logs[$i]}"; status=1; else tail -n 3 "${logs[$i]}"; fi
done
exit "$status"
