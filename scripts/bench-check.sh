#!/usr/bin/env bash
# bench-check.sh: time `timeline check` on the output of a generated site.
#
#   scripts/bench-check.sh [ARTICLES] [WORKDIR]
#
# Writes a deterministic synthetic site of ARTICLES articles (default 10000,
# seed 1) into WORKDIR (default /tmp/timeline-bench-ARTICLES), builds it,
# then runs `timeline check` on the output (internal checks only) RUNS
# times (default 5) under /usr/bin/time and prints the wall time, CPU time
# (user + system) and peak RSS of each run, their minimum and median, the
# load average before and after (other jobs on the machine slow the runs
# down: compare minimums), and the number of pages and megabytes checked.
# Sites differ in size, so it also gives the minimum wall time per
# megabyte and per page, next to htmltest's figure on its folder.
#
# With FLOOR=1 it also runs BenchmarkFloor on the same folder: listing the
# folders, reading the pages, tokenizing them with golang.org/x/net/html,
# and decoding the XML and JSON files, each alone, which bound from below
# what any check of the folder can take (see generator/linkcheck).
#
# If htmltest is on PATH (or in $(go env GOPATH)/bin), it is run on the same
# folder for a side by side figure; otherwise the script says so. htmltest
# cannot be installed through the Go module proxy used here (its module is
# not served).
#
# BUILD_BIN, if set, is the timeline binary that builds the site (default:
# this tree's). The folder is built again whenever that binary changes:
# building 10,000 articles takes about two minutes and 3.7 GB of memory,
# and gives some 118,000 pages.
set -euo pipefail

articles=${1:-10000}
work=${2:-/tmp/timeline-bench-$articles}
runs=${RUNS:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$work/timeline

cd "$root"
go build -o "$bin" ./cmd/timeline
build_bin=${BUILD_BIN:-$bin}
# The folder is built again when the articles or the building binary
# changed (REUSE=1 keeps whatever folder is there).
stamp="$articles $(sha256sum <"$build_bin" | cut -c1-16)"
if [ ! -f "$work/public/events.json" ] || { [ "${REUSE:-0}" != 1 ] && [ "$(cat "$work/.built" 2>/dev/null)" != "$stamp" ]; }; then
	rm -rf "$work/content" "$work/public"
	go run ./generator/internal/synth/cmd/synth -articles "$articles" -seed 1 "$work"
	(cd "$work" && "$build_bin" build)
	echo "$stamp" >"$work/.built"
fi

pages=$(find "$work/public" -name '*.html' | wc -l)
html_mb=$(find "$work/public" -name '*.html' -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1e6}')
all_mb=$(find "$work/public" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1e6}')
echo "site: $articles articles, $pages HTML pages, $html_mb MB of HTML, $all_mb MB in all"
echo "cpus: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"

results=$(mktemp)
measure() { # label command...
	local label=$1
	shift
	local log
	log=$(mktemp)
	/usr/bin/time -f '%e %U %S %M' -o "$log" "$@" >"$log.out" 2>&1 || true
	read -r wall user sys rss <"$log"
	echo "$label $wall $user $sys $rss" >>"$results"
	printf '%-11s wall %5.2f s  cpu %5.2f s  peak RSS %6.1f MiB  | %s\n' "$label" "$wall" \
		"$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" \
		"$(awk -v r="$rss" 'BEGIN { print r / 1024 }')" "$(tail -1 "$log.out")"
	rm -f "$log" "$log.out"
}

# summary label: minimum and median of the runs of label.
summary() {
	grep "^$1#" "$results" | awk -v label="$1" '
		{ w[NR] = $2; c[NR] = $3 + $4; m[NR] = $5 / 1024 }
		function sort(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t } }
		function med(a, n) { return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
		END {
			n = NR; sort(w, n); sort(c, n); sort(m, n)
			printf "%-11s %d runs: wall min %.2f s, median %.2f s; cpu min %.2f s, median %.2f s; peak RSS median %.1f MiB, max %.1f MiB\n",
				label, n, w[1], med(w, n), c[1], med(c, n), med(m, n), m[n]
		}'
}

for i in $(seq "$runs"); do
	measure "check#$i" "$bin" check "$work/public"
done
summary check
# rates: the fastest run per MB (all files) and per HTML page.
grep '^check#' "$results" | sort -n -k2 | head -1 | awk -v mb="$all_mb" -v pages="$pages" '{
	printf "check       fastest run: %.0f MB/s, %.0f µs per page (htmltest'"'"'s figure: 112 MB / 1.3 s = 86 MB/s, 130 µs per page)\n", mb / $2, $2 / pages * 1e6
}'

htmltest=$(command -v htmltest || true)
[ -z "$htmltest" ] && [ -x "$(go env GOPATH)/bin/htmltest" ] && htmltest=$(go env GOPATH)/bin/htmltest
if [ -n "$htmltest" ]; then
	cfg=$(mktemp --suffix=.yml)
	printf 'DirectoryPath: %s\nCheckExternal: false\nIgnoreAltMissing: false\n' "$work/public" >"$cfg"
	for i in $(seq "$runs"); do
		measure "htmltest#$i" "$htmltest" -c "$cfg"
	done
	summary htmltest
	rm -f "$cfg"
else
	echo "htmltest: not installed (go install github.com/wjdp/htmltest@latest fails: the module proxy here does not serve it);"
	echo "          compare with the issue's figure: 10,000 pages / 112 MB in about 1.3 s wall, 138 MiB peak RSS."
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$results"

if [ "${FLOOR:-0}" = 1 ]; then
	go test -run '^$' -bench BenchmarkFloor -benchtime "${FLOOR_RUNS:-5}x" ./generator/linkcheck -args -linkcheck.dir "$work/public" |
		grep -E '^Benchmark'
fi
