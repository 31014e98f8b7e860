#!/usr/bin/env bash
# Tests of action-install.sh against a fake release server made from a real
# GoReleaser snapshot (its dist/ folder):
#
#   goreleaser release --snapshot --clean && scripts/action-install_test.sh dist
#
# The server is a folder, read through file:// URLs and through a local
# python3 -m http.server; it holds the snapshot as release v<version> of
# acme/tkesglint, and the repository acme/tkesglint as a bare git repository
# whose tags `git ls-remote` reads. Last, action.yml's install steps run as
# the runner would run them. Needs curl, git, python3 with PyYAML, unzip and Go.
#
# shellcheck disable=SC2031 # the sourced script's locals share these names
set -uo pipefail

if [[ $# -ne 1 || ! -d $1 ]]; then
	echo "usage: $0 DIST (the dist/ folder of goreleaser release --snapshot)" >&2
	exit 2
fi
dist=$(cd "$1" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
script=$here/action-install.sh
repo_root=$(cd "$here/.." && pwd)

work=$(mktemp -d)
http_pid=""
cleanup() {
	if [[ -n $http_pid ]]; then
		kill "$http_pid" 2>/dev/null
		wait "$http_pid" 2>/dev/null
	fi
	rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0
pass() {
	passed=$((passed + 1))
	echo "ok   $*"
}
failure() {
	failed=$((failed + 1))
	echo "FAIL $*"
	if [[ -f $work/log ]]; then
		sed 's/^/     | /' "$work/log"
	fi
}

sums_file=$(find "$dist" -maxdepth 1 -name 'tkesglint_*_checksums.txt' | head -n 1)
if [[ -z $sums_file ]]; then
	echo "no tkesglint_*_checksums.txt in $dist" >&2
	exit 2
fi
version=$(basename "$sums_file")
version=${version#tkesglint_}
version=${version%_checksums.txt}
tag=v$version
echo "release under test: $tag ($(wc -l <"$sums_file") archives)"

# server/acme/tkesglint: a bare repository with the releases beside its
# objects. Commit one carries the release's tags; commit two (main) none.
server=$work/server
slug=acme/tkesglint
(
	set -e
	export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid
	git init -q --bare "$server/$slug"
	git init -q -b main "$work/src"
	cd "$work/src"
	echo one >f && git add f && git commit -qm one
	git tag -a -m "release $tag" "$tag"
	git tag v0 # a floating major tag, lightweight
	git tag -a -m older v0.0.0
	echo two >f && git commit -qam two
	git push -q "$server/$slug" main --tags
) || {
	echo "could not make the fake repository" >&2
	exit 2
}
released=$(git -C "$work/src" rev-parse "$tag^{commit}")
unreleased=$(git -C "$work/src" rev-parse main)
release_dir=$server/$slug/releases/download/$tag
mkdir -p "$release_dir"
cp "$dist"/tkesglint_"$version"_* "$release_dir"/

# install SERVER_URL REF OS ARCH [ACTION_PATH]: runs the download into
# $work/bin/tkesglint, for the action used at REF of acme/tkesglint or, with
# ACTION_PATH, with github.action_repository and action_ref left empty by
# the runner; leaves the status in $status, the log in $work/log and the
# step outputs in $work/outputs.
install() {
	local repository=$slug
	if (($# > 4)); then
		repository=""
	fi
	rm -rf "${work:?}/bin" "$work/outputs"
	status=0
	env -u GITHUB_SERVER_URL GITHUB_OUTPUT="$work/outputs" TKESGLINT_SERVER_URL="$1" \
		TKESGLINT_ACTION_REF="$2" TKESGLINT_ACTION_REPOSITORY="$repository" \
		RUNNER_OS="$3" RUNNER_ARCH="$4" TKESGLINT_ACTION_PATH="${5:-}" \
		bash "$script" download "$work/bin/tkesglint" >"$work/log" 2>&1 || status=$?
}

installed() { grep -qx "installed=$1" "$work/outputs" 2>/dev/null; }

# archive_binary OS ARCH prints the sha256 of the binary inside that
# platform's archive of the snapshot.
archive_binary() {
	local f=$dist/tkesglint_${version}_$1_$2
	if [[ $1 == windows ]]; then
		unzip -p "$f.zip" tkesglint.exe | sha256sum | cut -d' ' -f1
	else
		tar -xzOf "$f.tar.gz" tkesglint | sha256sum | cut -d' ' -f1
	fi
}

# The right archive for each runner, checked by its bytes (each platform's
# binary differs); the one for this machine is run.
for runner in Linux:X64:linux:amd64 Linux:ARM64:linux:arm64 macOS:X64:darwin:amd64 \
	macOS:ARM64:darwin:arm64 Windows:X64:windows:amd64 Windows:ARM64:windows:arm64; do
	IFS=: read -r ros rarch os arch <<<"$runner"
	install "file://$server" "$tag" "$ros" "$rarch"
	bin=$work/bin/tkesglint
	[[ $os == windows ]] && bin+=.exe
	if ((status == 0)) && installed true && [[ -f $bin && $(sha256sum "$bin" | cut -d' ' -f1) == "$(archive_binary "$os" "$arch")" ]]; then
		pass "$ros/$rarch at $tag installs the ${os}_$arch archive"
	else
		failure "$ros/$rarch at $tag: status $status, want the ${os}_$arch archive installed"
	fi
done

install "file://$server" "$tag" Linux X64
if [[ $(uname -sm) == "Linux x86_64" ]]; then
	out=$("$work/bin/tkesglint" version 2>&1)
	if [[ $out =~ ^tkesglint\ $version\ \(commit\ [0-9a-f]{40},\ [0-9]{4}-[0-9]{2}-[0-9]{2}T ]]; then
		pass "the installed binary runs: $out"
	else
		failure "the installed binary printed: $out"
	fi
fi

# The same over HTTP, where a missing release is a 404.
port_file=$work/http.out
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$server" >"$port_file" 2>&1 &
http_pid=$!
port=""
for _ in $(seq 50); do
	port=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$port_file" | head -n 1)
	[[ -n $port ]] && break
	sleep 0.1
done
if [[ -z $port ]]; then
	failure "python3 -m http.server did not start: $(cat "$port_file")"
else
	install "http://127.0.0.1:$port" "$tag" Linux X64
	if ((status == 0)) && installed true && [[ -x $work/bin/tkesglint ]]; then
		pass "over HTTP: installed"
	else
		failure "over HTTP: status $status"
	fi
	install "http://127.0.0.1:$port" v9.9.9 Linux X64
	if ((status == 0)) && installed false && [[ ! -e $work/bin/tkesglint ]] && grep -q 'no release v9.9.9' "$work/log"; then
		pass "over HTTP: a missing release (404) means building from source"
	else
		failure "over HTTP, missing release: status $status"
	fi
fi

# A tampered archive: refused, nothing installed, no fallback to building.
evil=$work/evil
mkdir -p "$evil/$slug/releases/download/$tag"
cp "$release_dir"/* "$evil/$slug/releases/download/$tag/"
cp "$release_dir/tkesglint_${version}_linux_arm64.tar.gz" "$evil/$slug/releases/download/$tag/tkesglint_${version}_linux_amd64.tar.gz"
install "file://$evil" "$tag" Linux X64
if ((status != 0)) && ! installed true && ! installed false && [[ ! -e $work/bin/tkesglint ]] && grep -q 'checksum mismatch' "$work/log"; then
	pass "a checksum mismatch is refused"
else
	failure "a checksum mismatch: status $status, want a failure and nothing installed"
fi

# A release that lists an archive it does not serve is an error too.
rm "$evil/$slug/releases/download/$tag/tkesglint_${version}_linux_amd64.tar.gz"
install "file://$evil" "$tag" Linux X64
if ((status != 0)) && ! installed false && [[ ! -e $work/bin/tkesglint ]]; then
	pass "a listed archive that is missing is an error"
else
	failure "a listed archive that is missing: status $status"
fi

# A release without this platform's archive: build from source.
grep -v linux_amd64 "$sums_file" >"$evil/$slug/releases/download/$tag/tkesglint_${version}_checksums.txt"
install "file://$evil" "$tag" Linux X64
if ((status == 0)) && installed false && grep -q 'no archive for linux/amd64' "$work/log"; then
	pass "a release without the platform's archive means building from source"
else
	failure "a release without the platform's archive: status $status"
fi

install "file://$server" "$tag" Linux ARM
if ((status == 0)) && installed false; then
	pass "a runner without a release archive (ARM) means building from source"
else
	failure "Linux/ARM: status $status"
fi

# Refs that are not a version tag, resolved with git ls-remote.
for case in "$released:installed=true:a commit SHA that a release tag points at" \
	"v0:installed=true:a floating tag on a release's commit" \
	"$unreleased:installed=false:a commit SHA without a release tag" \
	"main:installed=false:a branch" \
	"v9.9.9:installed=false:a version tag without a release"; do
	IFS=: read -r ref want what <<<"$case"
	install "file://$server" "$ref" Linux X64
	if ((status == 0)) && installed "${want#installed=}"; then
		pass "$what ($ref): $want"
	else
		failure "$what ($ref): status $status, want $want"
	fi
done

# An empty github.action_ref: read from the checkout's path.
install "file://$server" "" Linux X64 "/home/runner/work/_actions/$slug/$tag"
if ((status == 0)) && installed true; then
	pass "the ref and repository are read from the action's path when empty"
else
	failure "ref from the action's path: status $status"
fi
install "file://$server" "" Linux X64 "/home/runner/work/project/project"
if ((status == 0)) && installed false && grep -q 'local path' "$work/log"; then
	pass "an action used from a local path builds from source"
else
	failure "an action used from a local path: status $status"
fi

# Which tag names the release of a commit: the highest version, a release
# above its prereleases.
(
	set -e
	cd "$work/src"
	c=$(git rev-parse HEAD)
	for t in v1.2.2 v1.2.3-rc.1 v1.2.3 v1.2.3-rc.2 v1 latest; do git tag "$t" "$c"; done
	git push -q "$server/$slug" --tags
) >/dev/null 2>&1
got=$( (
	# shellcheck source=scripts/action-install.sh
	source "$script"
	release_tag "file://$server" "$slug" "$unreleased"
))
if [[ $got == v1.2.3 ]]; then
	pass "of v1.2.2, v1.2.3-rc.1, v1.2.3 and v1.2.3-rc.2 on one commit, v1.2.3 is taken"
else
	failure "of v1.2.2, v1.2.3-rc.1, v1.2.3 and v1.2.3-rc.2 on one commit, $got was taken"
fi
git -C "$work/src" tag v1.10.0 "$unreleased" && git -C "$work/src" push -q "$server/$slug" --tags >/dev/null 2>&1
got=$( (
	# shellcheck source=scripts/action-install.sh
	source "$script"
	release_tag "file://$server" "$slug" v1
))
if [[ $got == v1.10.0 ]]; then
	pass "v1.10.0 is above v1.2.3"
else
	failure "v1.10.0 and v1.2.3 on one commit: $got was taken"
fi

# The fallback: build from the action's checkout.
rm -rf "${work:?}/bin"
status=0
TKESGLINT_ACTION_PATH=$repo_root RUNNER_OS=Linux bash "$script" build "$work/bin/tkesglint" >"$work/log" 2>&1 || status=$?
if ((status == 0)) && "$work/bin/tkesglint" version | grep -q '^tkesglint '; then
	pass "build from source: $("$work/bin/tkesglint" version)"
else
	failure "build from source: status $status"
fi

# action.yml's own steps up to "Run tkesglint", run the way the runner
# runs a composite action (bash -eo pipefail, ${{ }} substituted, step
# outputs through $GITHUB_OUTPUT, `if:` on them), with setup-go standing
# for the machine's Go: the glue between action.yml and the script.
# run_action REF SERVER_URL: leaves the status in $status, the steps that
# ran and their output in $work/log, and the binary in $work/runner-temp.
run_action() {
	rm -rf "${work:?}/runner-temp"
	mkdir -p "$work/runner-temp"
	status=0
	TKESGLINT_SERVER_URL=$2 RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP=$work/runner-temp \
		"$python" - "$repo_root" "$1" "$slug" >"$work/log" 2>&1 <<-'EOF' || status=$?
		import os, re, subprocess, sys, tempfile
		import yaml
		root, ref, repo = sys.argv[1:4]
		action = yaml.safe_load(open(os.path.join(root, "action.yml")))
		context = {
		    "github.action_ref": ref,
		    "github.action_repository": repo,
		    "github.action_path": root,
		    "inputs.go-version": action["inputs"]["go-version"]["default"],
		}
		def subst(text):
		    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: context[m.group(1)], str(text))
		outputs = {}
		for step in action["runs"]["steps"]:
		    name = step.get("name") or step.get("uses")
		    if name == "Run tkesglint":
		        break
		    cond = step.get("if")
		    if cond:
		        m = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+) != '([^']*)'", cond.strip())
		        if not m:
		            sys.exit(f"unsupported if: {cond}")
		        if outputs.get(m.group(1), {}).get(m.group(2), "") == m.group(3):
		            print(f"step skipped: {name}")
		            continue
		    if "uses" in step:
		        if not step["uses"].startswith("actions/setup-go@"):
		            sys.exit(f"unexpected action {step['uses']}")
		        print(f"step ran: {name} (the machine's Go)")
		        continue
		    out = tempfile.NamedTemporaryFile(delete=False).name
		    env = dict(os.environ, GITHUB_OUTPUT=out)
		    env.update({k: subst(v) for k, v in step.get("env", {}).items()})
		    print(f"step ran: {name}", flush=True)
		    r = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", subst(step["run"])],
		                       cwd=subst(step.get("working-directory", os.getcwd())), env=env)
		    if r.returncode != 0:
		        sys.exit(f"step failed: {name} (status {r.returncode})")
		    if "id" in step:
		        outputs[step["id"]] = dict(l.split("=", 1) for l in open(out).read().splitlines() if "=" in l)
		EOF
}

python=python3
if ! "$python" -c 'import yaml' 2>/dev/null; then
	python=/usr/bin/python3
fi
run_action "$tag" "file://$server"
if ((status == 0)) && grep -q '^step ran: Install tkesglint$' "$work/log" && grep -q '^step skipped: actions/setup-go' "$work/log" &&
	grep -q '^step skipped: Build tkesglint from source$' "$work/log" && grep -q "^tkesglint $version (commit " "$work/log"; then
	pass "action.yml at $tag: the release is installed, Go is not set up, nothing is built"
else
	failure "action.yml at $tag: status $status"
fi
run_action main "file://$server"
if ((status == 0)) && grep -q '^step ran: actions/setup-go' "$work/log" && grep -q '^step ran: Build tkesglint from source$' "$work/log" &&
	grep -q '^tkesglint ' "$work/log" && [[ -x $work/runner-temp/tkesglint ]]; then
	pass "action.yml at a branch: Go is set up and tkesglint built"
else
	failure "action.yml at a branch: status $status"
fi
tampered=$work/tampered
mkdir -p "$tampered/$slug/releases/download/$tag"
cp "$release_dir"/* "$tampered/$slug/releases/download/$tag/"
cp "$release_dir/tkesglint_${version}_darwin_amd64.tar.gz" "$tampered/$slug/releases/download/$tag/tkesglint_${version}_linux_amd64.tar.gz"
run_action "$tag" "file://$tampered"
if ((status != 0)) && grep -q 'step failed: Install tkesglint' "$work/log" && ! grep -q '^step ran: Build' "$work/log"; then
	pass "action.yml with a tampered archive: the install step fails and nothing is built"
else
	failure "action.yml with a tampered archive: status $status"
fi

echo "action-install: $passed passed, $failed failed"
((failed == 0))
