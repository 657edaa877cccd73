#!/usr/bin/env bash
# bench-check.sh: time `timeline check` on the output of a generated site.
#
#   scripts/bench-check.sh [ARTICLES] [WORKDIR]
#
# Writes a deterministic synthetic site of ARTICLES articles (default 10000,
# seed 1) into WORKDIR (default /tmp/timeline-bench-ARTICLES), builds it,
# then runs `timeline check` on the output (internal checks only) three
# times under /usr/bin/time -v and prints wall time and peak RSS of each,
# with the number of pages and megabytes checked. If htmltest is on PATH
# (or in $(go env GOPATH)/bin), it is run on the same folder for a side by
# side figure; otherwise the script says so. htmltest cannot be installed
# through the Go module proxy used here (its module is not served).
#
# BUILD_BIN, if set, is the timeline binary that builds the site (default:
# this tree's). Building 10,000 articles with automatic event extraction
# takes very long (grouping compares every event with every other), so a
# binary of a tree without extraction can be given to produce the folder.
set -euo pipefail

articles=${1:-10000}
work=${2:-/tmp/timeline-bench-$articles}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$work/timeline

cd "$root"
go build -o "$bin" ./cmd/timeline
build_bin=${BUILD_BIN:-$bin}
if [ ! -f "$work/public/events.json" ] || [ "$(cat "$work/.articles" 2>/dev/null)" != "$articles" ]; then
	rm -rf "$work/content" "$work/public"
	go run ./generator/internal/synth/cmd/synth -articles "$articles" -seed 1 "$work"
	(cd "$work" && "$build_bin" build)
	echo "$articles" >"$work/.articles"
fi

pages=$(find "$work/public" -name '*.html' | wc -l)
html_mb=$(find "$work/public" -name '*.html' -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1e6}')
all_mb=$(find "$work/public" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1e6}')
echo "site: $articles articles, $pages HTML pages, $html_mb MB of HTML, $all_mb MB in all"

measure() { # label command...
	local label=$1
	shift
	local log
	log=$(mktemp)
	/usr/bin/time -v "$@" >"$log.out" 2>"$log" || true
	local wall rss
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
	printf '%-11s wall %s  peak RSS %s MiB  | %s\n' "$label" "$wall" "$(awk -v r="$rss" 'BEGIN { printf "%.1f", r / 1024 }')" "$(tail -1 "$log.out")"
	rm -f "$log" "$log.out"
}

for i in 1 2 3; do
	measure "check#$i" "$bin" check "$work/public"
done

htmltest=$(command -v htmltest || true)
[ -z "$htmltest" ] && [ -x "$(go env GOPATH)/bin/htmltest" ] && htmltest=$(go env GOPATH)/bin/htmltest
if [ -n "$htmltest" ]; then
	cfg=$(mktemp --suffix=.yml)
	printf 'DirectoryPath: %s\nCheckExternal: false\nIgnoreAltMissing: false\n' "$work/public" >"$cfg"
	for i in 1 2 3; do
		measure "htmltest#$i" "$htmltest" -c "$cfg"
	done
	rm -f "$cfg"
else
	echo "htmltest: not installed (go install github.com/wjdp/htmltest@latest fails: the module proxy here does not serve it);"
	echo "          compare with the issue's figure: 10,000 pages / 112 MB in about 1.3 s wall, 138 MiB peak RSS."
fi
