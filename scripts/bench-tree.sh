#!/usr/bin/env bash
# Whole-process benchmark of tkesglint on a generated Terraform tree of
# 1,000+ files with local modules, for_each, count, dynamic blocks and
# cidrsubnet, against two baselines measured in the same run: the same
# resources written as literals in as many files, and `cat` of every file
# of the deep tree. Uses hyperfine when installed, else a loop of runs.
#
#   scripts/bench-tree.sh [ENVS]     (default 340 root modules: 1,026 files)
set -euo pipefail
cd "$(dirname "$0")/.."
envs=${1:-340}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/tkesglint" ./cmd/tkesglint
go run ./scripts/gentree -out "$work/deep" -envs "$envs"
go run ./scripts/gentree -out "$work/literal" -envs "$envs" -literal
echo "deep tree: $(find "$work/deep" -type f | wc -l) files; literal tree: $(find "$work/literal" -type f | wc -l) files"

deep="$work/tkesglint --format json --fail-on none $work/deep"
lit="$work/tkesglint --format json --fail-on none $work/literal"
cat_all="find $work/deep -type f -exec cat {} +"

if command -v hyperfine >/dev/null; then
	hyperfine --warmup 2 --runs "${RUNS:-10}" -N --export-markdown "$work/bench.md" \
		-n cat "$cat_all" -n literal "$lit" -n deep "$deep" >/dev/null
	cat "$work/bench.md"
	exit 0
fi

runs=${RUNS:-5}
time_of() {
	local start end
	start=$(date +%s%N)
	for _ in $(seq "$runs"); do bash -c "$1" >/dev/null; done
	end=$(date +%s%N)
	echo $(((end - start) / runs / 1000000))
}
t_cat=$(time_of "$cat_all")
t_lit=$(time_of "$lit")
t_deep=$(time_of "$deep")
echo "mean of $runs runs: cat ${t_cat} ms, literal ${t_lit} ms, deep ${t_deep} ms"
awk -v d="$t_deep" -v l="$t_lit" -v c="$t_cat" 'BEGIN { printf "deep/literal %.2fx, deep/cat %.1fx\n", d / (l ? l : 1), d / (c ? c : 1) }'
