#!/usr/bin/env bash
# Installs tkesglint for the GitHub Action (action.yml).
#
#   action-install.sh download DEST   the release archive of the Action's own
#                                     version for this runner, checked
#                                     against the release's checksums
#   action-install.sh build DEST      go build from the Action's checkout
#
# DEST is the path of the binary (".exe" is added on Windows). `download`
# writes installed=true or installed=false to $GITHUB_OUTPUT (and prints
# it): false when no release matches, which is not an error (the Action was
# used at a branch, at a commit no release tag points at, from a local path,
# from a fork without releases, or on a platform without an archive); the
# Action then sets up Go and runs `build`. A checksum that does not match, a
# release that lists an archive it does not serve, or a network failure is
# an error: nothing is installed and nothing is built.
#
# The version is the ref the Action was used at ($TKESGLINT_ACTION_REF, from
# github.action_ref, in the repository $TKESGLINT_ACTION_REPOSITORY; both are
# read from $TKESGLINT_ACTION_PATH, .../_actions/OWNER/REPO/REF, when the
# runner leaves them empty). A full version tag (v1.2.3) names its release;
# another tag (v1) or a commit SHA is looked up with `git ls-remote` among
# the repository's tags, and the highest version tag on the same commit
# names the release. A branch is built from source, since it moves.
#
# Environment: RUNNER_OS, RUNNER_ARCH (GitHub's: Linux/macOS/Windows,
# X64/ARM64; default: this machine); TKESGLINT_SERVER_URL (default
# $GITHUB_SERVER_URL, else https://github.com), under which
# OWNER/REPO/releases/download/TAG/FILE are the release files and OWNER/REPO
# is the git repository: the tests point it at a local folder (file://) or
# a local HTTP server.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { echo "tkesglint install: $*" >&2; }
fail() {
	echo "::error title=tkesglint install::$*"
	exit 1
}

output() {
	echo "$1"
	if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
		echo "$1" >>"$GITHUB_OUTPUT"
	fi
}

# not_found REASON: no release to install; the Action builds from source.
not_found() {
	echo "::notice title=tkesglint install::$* Building tkesglint from source."
	output installed=false
	exit 0
}

# platform prints "OS ARCH" in GoReleaser's names (linux amd64), or nothing
# for a platform that has no release archive.
platform() {
	local os=${RUNNER_OS:-$(uname -s)} arch=${RUNNER_ARCH:-$(uname -m)}
	case $os in
	Linux | linux) os=linux ;;
	macOS | Darwin | darwin) os=darwin ;;
	Windows | windows | MINGW* | MSYS* | CYGWIN*) os=windows ;;
	*) return 0 ;;
	esac
	case $arch in
	X64 | x86_64 | amd64) arch=amd64 ;;
	ARM64 | aarch64 | arm64) arch=arm64 ;;
	*) return 0 ;;
	esac
	echo "$os $arch"
}

# fetch URL FILE: 0 when downloaded, 1 when the server has no such file, 2
# on any other failure (after curl's retries).
fetch() {
	local url=$1 file=$2 status=0 code
	code=$(curl -sSL --retry 3 --connect-timeout 20 -o "$file" -w '%{http_code}' "$url") || status=$?
	if ((status == 0)) && [[ $code == 200 || $code == 000 ]]; then
		return 0 # 000: a file:// URL
	fi
	rm -f "$file"
	# 404: no such release or asset; curl 37: no such file:// file.
	if [[ $code == 404 ]] || ((status == 37)); then
		return 1
	fi
	log "downloading $url failed (HTTP status $code, curl exit status $status)"
	return 2
}

sha256() {
	if command -v sha256sum >/dev/null; then
		sha256sum "$1" | cut -d' ' -f1
	elif command -v shasum >/dev/null; then
		shasum -a 256 "$1" | cut -d' ' -f1
	else
		openssl dgst -sha256 -r "$1" | cut -d' ' -f1
	fi
}

# release_tag SERVER REPO REF prints the version tag whose release belongs
# to REF, or nothing.
release_tag() {
	local server=$1 repo=$2 ref=$3
	if [[ $ref =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]*)?$ ]]; then
		echo "$ref"
		return
	fi
	local refs
	if ! refs=$(git ls-remote --tags "$server/$repo" 2>&1); then
		log "git ls-remote $server/$repo failed: $refs"
		return 0
	fi
	local sha=""
	if [[ $ref =~ ^[0-9a-f]{40}$ ]]; then
		sha=$ref
	fi
	# Each tag's commit (an annotated tag's peeled line, TAG^{}, names it);
	# the commit of ref (ref itself when a SHA; none for a branch); the
	# version tags on that commit as "MAJOR MINOR PATCH RELEASE TAG", RELEASE
	# 1 for a release and 0 for a prerelease. The last line after sorting
	# is the highest version, a release above its prereleases. Plain awk and
	# sort: macOS runners may have neither bash 4 nor sort -V.
	printf '%s\n' "$refs" | awk -v ref="$ref" -v sha="$sha" '
		NF == 2 {
			name = $2
			sub(/^refs\/tags\//, "", name)
			if (name ~ /\^[{][}]$/) {
				sub(/\^[{][}]$/, "", name)
				peeled[name] = $1
			} else {
				direct[name] = $1
			}
		}
		END {
			for (n in direct) commit[n] = (n in peeled) ? peeled[n] : direct[n]
			want = sha
			if (want == "" && (ref in commit)) want = commit[ref]
			if (want == "") exit
			for (n in commit) {
				if (commit[n] != want || n !~ /^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$/) continue
				v = substr(n, 2)
				base = v
				sub(/-.*/, "", base)
				split(base, p, ".")
				print p[1], p[2], p[3], (v ~ /-/ ? 0 : 1), n
			}
		}' | sort -k1,1n -k2,2n -k3,3n -k4,4n -k5,5 | tail -n 1 | cut -d' ' -f5
}

download() {
	local dest=$1
	local ref=${TKESGLINT_ACTION_REF:-} repo=${TKESGLINT_ACTION_REPOSITORY:-} path=${TKESGLINT_ACTION_PATH:-}
	# The runner checks actions out at .../_actions/OWNER/REPO/REF.
	if [[ -z $ref || -z $repo ]] && [[ $path =~ [/\\]_actions[/\\]([^/\\]+)[/\\]([^/\\]+)[/\\]([^/\\]+)[/\\]?$ ]]; then
		repo=${repo:-${BASH_REMATCH[1]}/${BASH_REMATCH[2]}}
		ref=${ref:-${BASH_REMATCH[3]}}
	fi
	if [[ -z $ref || -z $repo ]]; then
		not_found "The Action is used from a local path, not at a ref of a repository."
	fi
	local server=${TKESGLINT_SERVER_URL:-${GITHUB_SERVER_URL:-https://github.com}}
	server=${server%/}
	local plat os arch
	plat=$(platform)
	if [[ -z $plat ]]; then
		not_found "No release archive is built for ${RUNNER_OS:-$(uname -s)}/${RUNNER_ARCH:-$(uname -m)}."
	fi
	read -r os arch <<<"$plat"
	local tag
	tag=$(release_tag "$server" "$repo" "$ref")
	if [[ -z $tag ]]; then
		not_found "$repo@$ref is not a release (a branch, or a commit no version tag points at)."
	fi

	local version=${tag#v} tmp
	tmp=$(mktemp -d)
	# shellcheck disable=SC2064 # expand now: tmp is local
	trap "rm -rf '$tmp'" EXIT
	local base="$server/$repo/releases/download/$tag"
	local sums="tkesglint_${version}_checksums.txt" ext=tar.gz status=0
	if [[ $os == windows ]]; then
		ext=zip
	fi
	local archive="tkesglint_${version}_${os}_${arch}.$ext"
	log "release $tag of $repo: $base/$archive"
	fetch "$base/$sums" "$tmp/$sums" || status=$?
	case $status in
	0) ;;
	1) not_found "$repo has no release $tag (no $sums)." ;;
	*) fail "could not download $base/$sums" ;;
	esac
	local want
	want=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/$sums")
	if [[ -z $want ]]; then
		not_found "Release $tag of $repo has no archive for $os/$arch."
	fi
	fetch "$base/$archive" "$tmp/$archive" || fail "release $tag lists $archive in $sums but it could not be downloaded"
	local got
	got=$(sha256 "$tmp/$archive")
	if [[ $got != "$want" ]]; then
		fail "checksum mismatch for $archive of release $tag: $sums says $want, the download is $got; refusing to install it"
	fi
	log "checksum of $archive verified (sha256 $got)"

	local exe=tkesglint
	if [[ $os == windows ]]; then
		exe=tkesglint.exe
		dest+=.exe
	fi
	mkdir -p "$tmp/x"
	if [[ $ext == zip ]]; then
		if command -v unzip >/dev/null; then
			unzip -q -o "$tmp/$archive" "$exe" -d "$tmp/x"
		elif command -v 7z >/dev/null; then
			7z x -y -o"$tmp/x" "$tmp/$archive" "$exe" >/dev/null
		else
			pwsh -NoProfile -Command "Expand-Archive -Force -Path '$tmp/$archive' -DestinationPath '$tmp/x'"
		fi
	else
		tar -xzf "$tmp/$archive" -C "$tmp/x" "$exe"
	fi
	[[ -f "$tmp/x/$exe" ]] || fail "$archive holds no $exe"
	mkdir -p "$(dirname "$dest")"
	mv -f "$tmp/x/$exe" "$dest"
	chmod +x "$dest"
	log "installed tkesglint $version ($os/$arch) at $dest"
	output installed=true
}

build() {
	local dest=$1
	local src=${TKESGLINT_ACTION_PATH:-$script_dir/..}
	case ${RUNNER_OS:-} in
	Windows) dest+=.exe ;;
	esac
	log "go build ./cmd/tkesglint in $src ($(go version))"
	(cd "$src" && go build -trimpath -o "$dest" ./cmd/tkesglint)
	log "built tkesglint at $dest"
}

# Sourced (by the tests), it only defines its functions.
if [[ ${BASH_SOURCE[0]} != "$0" ]]; then
	return 0
fi
case ${1:-} in
download | build)
	[[ $# -eq 2 ]] || fail "usage: $0 download|build DEST"
	"$1" "$2"
	;;
*) fail "usage: $0 download|build DEST" ;;
esac
