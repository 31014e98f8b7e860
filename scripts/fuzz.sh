#!/usr/bin/env bash
# Run every fuzz target of the module, one after the other, for a given time
# each, keep the corpus they grow, and fail on any crash.
#
#   scripts/fuzz.sh [-t DURATION] [-m MINIMIZE] [-p PARALLEL] [-k] [PACKAGE...]
#
#   -t  time per target, as go test -fuzztime takes it (default 10m; the
#       long campaign before a release: -t 1h)
#   -m  -fuzzminimizetime: how long a new input or a crash is minimized
#       (default 5s: the go default of 60s stalls a 2-core machine every
#       time the corpus grows)
#   -p  fuzzing workers (default: the number of CPUs)
#   -k  do not copy the grown corpus into testdata/fuzz
#   PACKAGE  limit the run to these packages (default ./...)
#
# Targets are found with `go test -list '^Fuzz'`, so a new FuzzX in any
# package is run without editing this script.
#
# The corpus: go keeps the inputs that reached new code in its cache
# ($(go env GOCACHE)/fuzz/<package>/<FuzzX>), and a crashing input in the
# package's testdata/fuzz/<FuzzX>, where `go test` replays it until it is
# fixed. After each target this script copies the cached inputs into the
# package's testdata/fuzz/<FuzzX> too (go's own layout): committed, they are
# the seed corpus of the next campaign on any machine, and `go test` replays
# every one of them as a regression test. Review the size before committing
# (go test ./... must stay fast): `du -sh */*/testdata/fuzz`.
#
# Exit status: 0 when no target crashed, 1 when one did (its input is in
# testdata/fuzz/<FuzzX>; `go test -run '<FuzzX>/<file>' ./<package>` replays
# it), 2 on a usage error. The last line of go's progress per target
# (executions, new interesting inputs) is printed in the summary.
set -uo pipefail

duration=10m
minimize=5s
parallel=""
keep=1
usage() {
	sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
	exit 2
}
while getopts "t:m:p:kh" opt; do
	case $opt in
	t) duration=$OPTARG ;;
	m) minimize=$OPTARG ;;
	p) parallel=$OPTARG ;;
	k) keep=0 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
cd "$(dirname "$0")/.." || exit 2
packages=("$@")
if ((${#packages[@]} == 0)); then
	packages=(./...)
fi

cache="$(go env GOCACHE)/fuzz"
module="$(go list -m)"
log="$(mktemp -d)"
trap 'rm -rf "$log"' EXIT

summary=()
failed=()
ran=0
while read -r pkg dir; do
	targets=$( (cd "$dir" && go test -list '^Fuzz' .) 2>/dev/null | grep '^Fuzz')
	for target in $targets; do
		ran=$((ran + 1))
		rel=".${dir#"$PWD"}"
		echo "::: $rel $target for $duration"
		out="$log/$ran.out"
		status=0
		(cd "$dir" && go test -run '^$' -fuzz "^${target}\$" -fuzztime "$duration" \
			-fuzzminimizetime "$minimize" ${parallel:+-parallel "$parallel"} .) 2>&1 | tee "$out" || status=$?
		last=$(grep -E '^fuzz: elapsed' "$out" | tail -1 | sed 's/^fuzz: //')
		if ((status != 0)); then
			failed+=("$rel $target")
			summary+=("FAILED $rel $target: $last")
		else
			summary+=("ok     $rel $target: $last")
		fi
		if ((keep)) && [[ -d "$cache/$pkg/$target" ]]; then
			mkdir -p "$dir/testdata/fuzz/$target"
			before=$(find "$dir/testdata/fuzz/$target" -type f | wc -l)
			cp -n "$cache/$pkg/$target"/* "$dir/testdata/fuzz/$target/" 2>/dev/null || true
			after=$(find "$dir/testdata/fuzz/$target" -type f | wc -l)
			echo "::: $rel $target: $((after - before)) inputs added to testdata/fuzz/$target ($after in all)"
		fi
	done
done < <(go list -f '{{.ImportPath}} {{.Dir}}' "${packages[@]}" | grep "^$module")

echo
echo "::: $ran fuzz targets, $duration each"
printf '%s\n' "${summary[@]}"
if ((ran == 0)); then
	echo "no fuzz target found"
	exit 1
fi
if ((${#failed[@]} > 0)); then
	echo "crashed: ${failed[*]}"
	exit 1
fi
