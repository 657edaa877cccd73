#!/usr/bin/env bash
# bench-hugo.sh: whole builds of timeline and Hugo on the same articles,
# side by side.
#
#   scripts/bench-hugo.sh [ARTICLES...]      (default: 1000 10000)
#
# For each size N, cmd/timeline-corpus writes the news corpus (N articles,
# seed 1) twice from the same articles: as a timeline site in
# $WORK/news-N and as a minimal Hugo site in $WORK/hugo-N (the same
# Markdown bodies; front matter title, date and the outlet; one page and
# one list template; no taxonomies). Each is built RUNS times (default 3)
# from scratch, its output folder removed before each run (untimed), and
# the medians of wall time, CPU time and peak RSS are printed with the
# ratios, timeline over Hugo (below 1: timeline is faster or smaller).
# Runs alternate between the two tools, so that a change in the machine's
# load falls on both; each run line gives the load average.
#
# TIMELINE=BINARY measures that binary rather than this tree's timeline.
#
# Hugo: $HUGO, or hugo on the PATH, or else the one in $WORK/bin, installed
# there when missing with `go install github.com/gohugoio/hugo@$HUGO_VERSION`
# (default v0.165.0; a big build: several minutes on 2 cores; never
# vendored or committed).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-/tmp/timeline-bench}
runs=${RUNS:-3}
version=${HUGO_VERSION:-v0.165.0}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

mkdir -p "$work/bin"
cd "$root"
HUGO=${HUGO:-$(command -v hugo || true)}
if [ -z "$HUGO" ]; then
	HUGO=$work/bin/hugo
	if [ ! -x "$HUGO" ] || ! "$HUGO" version | grep -q "hugo $version"; then
		echo "installing hugo $version into $work/bin (go install; several minutes) ..." >&2
		GOBIN="$work/bin" GOFLAGS=-mod=mod go install "github.com/gohugoio/hugo@$version"
	fi
fi
if [ -n "${TIMELINE:-}" ]; then
	cp "$TIMELINE" "$work/timeline" # a binary built elsewhere, say from another commit
else
	go build -o "$work/timeline" ./cmd/timeline
fi
go build -o "$work/runstat" ./scripts/runstat
go build -o "$work/timeline-corpus" ./cmd/timeline-corpus
echo "hugo: $("$HUGO" version)"
echo "timeline: $("$work/timeline" version)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); load: $(cut -d' ' -f1-3 /proc/loadavg)"

for n in "${sizes[@]}"; do
	site=$work/news-$n hugo=$work/hugo-$n
	"$work/timeline-corpus" -n "$n" -seed 1 -out "$site" -hugo "$hugo" | sed 's/^/   /'
	echo "timeline-corpus -n $n -seed 1" >"$site/.written"
	sum=$work/bench-hugo-$n.tsv
	: >"$sum"
	for i in $(seq "$runs"); do
		"$work/runstat" -runs 1 -articles "$n" -summary "$sum" -label "$n articles: timeline run $i" -dir "$site" \
			-before "rm -rf public .public.prev .timeline-cache" -- "$work/timeline" build --quiet | grep -v median | sed "s/ run 1: /: /"
		"$work/runstat" -runs 1 -articles "$n" -summary "$sum" -label "$n articles: hugo run $i" -dir "$hugo" \
			-before "rm -rf public resources" -- "$HUGO" --quiet | grep -v median | sed "s/ run 1: /: /"
	done
	echo "   timeline: $(find "$site/public" -type f | wc -l) files, $(du -sm "$site/public" | cut -f1) MB; hugo: $(find "$hugo/public" -type f | wc -l) files, $(du -sm "$hugo/public" | cut -f1) MB"
	# The medians of each tool's runs, and the ratios.
	awk -F'\t' -v n="$n" '
		function median(a, k,   i, j, t) {
			for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
			return k % 2 ? a[(k+1)/2] : (a[k/2] + a[k/2+1]) / 2
		}
		{ tool = ($1 ~ /: hugo run/) ? "hugo" : "timeline"; k[tool]++
		  wall[tool, k[tool]] = $3; cpu[tool, k[tool]] = $5; rss[tool, k[tool]] = $6; load[tool, k[tool]] = $8 }
		END {
			for (t in k) {
				delete a; for (i = 1; i <= k[t]; i++) a[i] = wall[t, i]; W[t] = median(a, k[t])
				delete a; for (i = 1; i <= k[t]; i++) a[i] = cpu[t, i]; C[t] = median(a, k[t])
				delete a; for (i = 1; i <= k[t]; i++) a[i] = rss[t, i]; R[t] = median(a, k[t])
				delete a; for (i = 1; i <= k[t]; i++) a[i] = load[t, i]; L[t] = median(a, k[t])
				printf "%d articles: %-8s median of %d: wall %.2f s (%.0f articles/s), CPU %.2f s, peak RSS %.0f MiB, load %.2f\n", n, t, k[t], W[t], n / W[t], C[t], R[t], L[t]
			}
			printf "%d articles: timeline/hugo: wall %.2f, CPU %.2f, peak RSS %.2f\n", n, W["timeline"] / W["hugo"], C["timeline"] / C["hugo"], R["timeline"] / R["hugo"]
		}' "$sum"
done
