#!/usr/bin/env bash
# Whole-process benchmark of tkesglint against parse-only floors, measured
# in the same run (these machines are noisy; only ratios carry):
#
#   corpus    the folder given with -c (say, public Tencent Terraform) against
#             scripts/parsefloor, which reads and parses every .tf file with
#             hclparse on every core and does nothing else;
#   tree      a generated tree of 2,100 files (525 root modules with local
#             modules, for_each, count, dynamic blocks and 70 written-out
#             rules each; no finding) against parsefloor;
#   findings  the same tree where one rule in three accepts the world
#             (about 15,000 findings) against parsefloor;
#   export    an account export of 2,000 security groups of 100 rules
#             against scripts/jsonfloor, which decodes the same files with
#             encoding/json into any.
#
# Each workload runs in every output format (text, json, sarif, github,
# checkstyle, rdjson). For each command the table gives the median wall time, peak
# memory (max RSS) and CPU time (user and system; from getrusage by
# scripts/maxrss), each with its ratio to the workload's floor. Wall time is
# the goal; CPU time, the work done, varies less with the load of a shared
# machine. Times come from hyperfine (installed
# with apt-get when missing and possible) unless -I is given: then every
# command of a workload runs in turn, round after round, so that the
# changing load of a shared machine weighs on all of them alike; use it
# where other jobs run.
#
#   scripts/bench.sh [-c CORPUS] [-r RUNS] [-w WORKLOADS] [-f FORMATS] [-k DIR] [-I] [-b BIN]
#
#   -c CORPUS     add the corpus workload on this folder
#   -r RUNS       runs per command (default 5; memory with hyperfine: 3)
#   -w WORKLOADS  comma-separated subset of corpus,tree,findings,export
#   -f FORMATS    comma-separated subset of the formats
#   -k DIR        build and generate into DIR and keep it (default: a
#                 temporary folder, removed at the end)
#   -I            interleaved runs, for times and memory alike
#   -b BIN        measure this tkesglint binary (an earlier build, say)
#                 instead of building one from the working tree
set -euo pipefail
cd "$(dirname "$0")/.."

corpus="" runs=5 workloads="" formats="text,json,sarif,github,checkstyle,rdjson" keep="" interleaved="" tool=""
while getopts "c:r:w:f:k:Ib:h" opt; do
	case "$opt" in
	c) corpus=$(cd "$OPTARG" && pwd) ;;
	r) runs=$OPTARG ;;
	w) workloads=$OPTARG ;;
	f) formats=$OPTARG ;;
	k) keep=$OPTARG ;;
	I) interleaved=1 ;;
	b) tool=$(cd "$(dirname "$OPTARG")" && pwd)/$(basename "$OPTARG") ;;
	*) sed -n '2,38p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
	esac
done
if [ -z "$workloads" ]; then
	workloads="tree,findings,export"
	[ -n "$corpus" ] && workloads="corpus,$workloads"
fi
if [[ ",$workloads," == *",corpus,"* && -z "$corpus" ]]; then
	echo "bench.sh: the corpus workload needs -c CORPUS" >&2
	exit 2
fi

if [ -n "$keep" ]; then
	mkdir -p "$keep"
	work=$(cd "$keep" && pwd)
else
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
fi

if [ -z "$interleaved" ] && ! command -v hyperfine >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
	echo "installing hyperfine with apt-get…" >&2
	apt-get install -y -qq hyperfine >/dev/null 2>&1 || true
fi

for p in tkesglint parsefloor jsonfloor maxrss gentree genexport; do
	case $p in
	tkesglint) [ -n "$tool" ] || go build -o "$work/bin/$p" ./cmd/tkesglint ;;
	*) go build -o "$work/bin/$p" "./scripts/$p" ;;
	esac
done
bin=$work/bin
tool=${tool:-$bin/tkesglint}

has() { [[ ",$workloads," == *",$1,"* ]]; }
if has tree && [ ! -d "$work/tree" ]; then
	"$bin/gentree" -out "$work/tree" -envs 525 -rules 70
fi
if has findings && [ ! -d "$work/findings" ]; then
	"$bin/gentree" -out "$work/findings" -envs 525 -rules 70 -open
fi
if has export && [ ! -d "$work/export" ]; then
	"$bin/genexport" -out "$work/export" -groups 2000 -ingress 80 -egress 20
fi

# measure COMMANDS: "<median ms> <median max RSS KiB> <median CPU ms>" of
# each command, one line each. Commands are word lists.
measure() {
	local args=()
	for c in "$@"; do
		# shellcheck disable=SC2206 # commands are word lists
		args+=($c :::)
	done
	if [ -n "$interleaved" ] || ! command -v hyperfine >/dev/null; then
		"$bin/maxrss" -runs "$runs" "${args[@]}"
		return
	fi
	hyperfine -N -i --style none --warmup 1 --runs "$runs" --export-csv "$work/times.csv" "$@" \
		>/dev/null 2>"$work/hyperfine.err" || { cat "$work/hyperfine.err" >&2; return 1; }
	paste -d' ' <(tail -n +2 "$work/times.csv" | awk -F, '{ printf "%d\n", $4 * 1000 }') \
		<("$bin/maxrss" -runs 3 "${args[@]}" | cut -d' ' -f2) \
		<(tail -n +2 "$work/times.csv" | awk -F, '{ printf "%d\n", ($5 + $6) * 1000 }')
}

printf '%-9s %-11s %9s %7s %9s %7s %9s %7s\n' workload command "time ms" "×floor" "RSS MiB" "×floor" "CPU ms" "×floor"
for w in corpus tree findings export; do
	has "$w" || continue
	case $w in
	corpus) path=$corpus floor="$bin/parsefloor $corpus" ;;
	export) path=$work/export floor="$bin/jsonfloor $work/export" ;;
	*) path=$work/$w floor="$bin/parsefloor $work/$w" ;;
	esac
	names=(floor) cmds=("$floor")
	for f in ${formats//,/ }; do
		names+=("$f")
		cmds+=("$tool --format $f --fail-on none --no-color $path")
	done
	mapfile -t results < <(measure "${cmds[@]}")
	for i in "${!cmds[@]}"; do
		echo "$w ${names[$i]} ${results[$i]} ${results[0]}"
	done | awk '{ printf "%-9s %-11s %9d %7.2f %9.0f %7.2f %9d %7.2f\n", $1, $2, $3, $3 / ($6 ? $6 : 1), $4 / 1024, $4 / ($7 ? $7 : 1), $5, $5 / ($8 ? $8 : 1) }'
done
