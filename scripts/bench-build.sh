#!/usr/bin/env bash
# bench-build.sh: time whole builds of generated news corpora.
#
#   scripts/bench-build.sh [ARTICLES...]      (default: 1000 10000; BENCH_FULL=1 adds 100000)
#
# For each size N, writes the news corpus of cmd/timeline-corpus (N
# articles, seed 1: 600-900 words each, stories told by several outlets
# on different days; the same bytes on every machine) into $WORK/news-N
# (default WORK=/tmp/timeline-bench), then builds it RUNS times (default
# 3) each way with this tree's timeline, printing for each run the wall
# time, CPU time (user + system), peak RSS, articles per second, the CPU
# time the hypervisor stole meanwhile and the load average, and their
# medians:
#
#   fresh:  the output folder (and the previous site kept beside it) and
#           the mentions cache (.timeline-cache) removed before each run,
#           untimed (a CI build on a clean checkout);
#   cached: the output folders removed, the mentions cache of the last
#           run kept (a CI build that keeps .timeline-cache between runs);
#   edit:   the output of the last run and the cache in place and one
#           article (the middle one) edited before each run, untimed: a
#           paragraph added that differs each time. The warm rebuild after
#           one edit that an editor waits for (restored afterwards).
#
# CORPUS=story builds the long-running story of ../shared/corpus/gen_corpus.py
# (seed 7: the corpus of the quadratic-build issue; without Python or
# ../shared, its Go port in generator/internal/corpus) instead. T17=1 also
# builds two Timeline17 stories (../shared/t17) and the 600 articles of
# BenchmarkStory600 (four BP oil spill stories merged). SUMMARY=FILE
# appends the medians to FILE (see scripts/runstat). Interleave nothing
# else with it: the machine's other work shows in the figures (the load
# average is printed with each run).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
work=${WORK:-/tmp/timeline-bench}
runs=${RUNS:-3}
corpus=${CORPUS:-news}
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
	sizes=(1000 10000)
	[ "${BENCH_FULL:-0}" = 1 ] && sizes+=(100000)
fi
summary=()
[ -n "${SUMMARY:-}" ] && summary=(-summary "$SUMMARY")

mkdir -p "$work"
cd "$root"
if [ -n "${TIMELINE:-}" ]; then
	cp "$TIMELINE" "$work/timeline" # a binary built elsewhere, say from another commit
else
	go build -o "$work/timeline" ./cmd/timeline
fi
go build -o "$work/runstat" ./scripts/runstat
go build -o "$work/timeline-corpus" ./cmd/timeline-corpus
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3); load: $(cut -d' ' -f1-3 /proc/loadavg)"

news() { # N DIR: write the news corpus of N articles into DIR
	local n=$1 dir=$2
	"$work/timeline-corpus" -n "$n" -seed 1 -out "$dir" | sed 's/^/   /'
	echo "timeline-corpus -n $n -seed 1" >"$dir/.written"
}

story() { # N DIR: write the story of N articles into DIR, once
	local n=$1 dir=$2
	if [ -f "$dir/.written" ]; then return; fi
	rm -rf "$dir"
	mkdir -p "$dir"
	if command -v python3 >/dev/null && [ -f "$shared/corpus/gen_corpus.py" ]; then
		python3 "$shared/corpus/gen_corpus.py" "$n" "$dir/content" 7
		printf 'title = "A long-running story"\n' >"$dir/config.toml"
		echo "gen_corpus.py $n 7" >"$dir/.written"
	else
		go run ./generator/internal/corpus/cmd/corpus -n "$n" -seed 7 "$dir" >/dev/null
		echo "internal/corpus $n 7" >"$dir/.written"
	fi
}

bench() { # LABEL DIR N
	local label=$1 dir=$2 n=$3
	echo "== $label: $(cat "$dir/.written" 2>/dev/null || echo "$dir")"
	"$work/runstat" -runs "$runs" -articles "$n" "${summary[@]}" -label "$label fresh" -dir "$dir" \
		-before "rm -rf public .public.prev .timeline-cache" -- "$work/timeline" build --quiet
	"$work/runstat" -runs "$runs" -articles "$n" "${summary[@]}" -label "$label cached" -dir "$dir" \
		-before "rm -rf public .public.prev" -- "$work/timeline" build --quiet
	# The edit: a paragraph appended to the middle article, another each run.
	local article
	article=$(cd "$dir" && find content -name '*.md' | sort | sed -n "$(((n + 1) / 2))p")
	cp "$dir/$article" "$work/edited.orig"
	"$work/runstat" -runs "$runs" -articles "$n" "${summary[@]}" -label "$label edit" -dir "$dir" \
		-before "cp '$work/edited.orig' '$article' && printf '\nThe story was updated (%s).\n' \"\$(date +%s%N)\" >>'$article'" \
		-- "$work/timeline" build --quiet
	cp "$work/edited.orig" "$dir/$article"
	echo "   edited: $article"
	# Once more from scratch, saying where the time goes, stage by stage
	# (a binary from before --timings just builds).
	local timings=()
	if "$work/timeline" help build 2>&1 | grep -- --timings >/dev/null; then timings=(--timings); fi
	(cd "$dir" && rm -rf public .public.prev .timeline-cache)
	"$work/timeline" build --source "$dir" "${timings[@]}" 2>&1 | sed 's/^/   /'
	echo "   output: $(find "$dir/public" -type f | wc -l) files, $(du -sm "$dir/public" | cut -f1) MB"
}

for n in "${sizes[@]}"; do
	if [ "$corpus" = story ]; then
		story "$n" "$work/story-$n"
		bench "$n articles" "$work/story-$n" "$n"
	else
		news "$n" "$work/news-$n"
		bench "$n articles" "$work/news-$n" "$n"
	fi
done

if [ "${T17:-0}" = 1 ]; then
	for s in H1N1_reuters LibyaWar_cnn; do
		dir=$work/t17-$s
		if [ ! -f "$dir/.written" ]; then
			go run ./generator/eval/t17/cmd/t17site "$shared/t17/$s" "$dir" >/dev/null
			echo "Timeline17 $s" >"$dir/.written"
		fi
		bench "$s" "$dir" "$(find "$dir/content" -name '*.md' | wc -l)"
	done
	# The story of BenchmarkStory600: the first 600 articles of the four
	# BP oil spill stories, merged.
	dir=$work/t17-bpoil600
	if [ ! -f "$dir/.written" ]; then
		go run ./generator/eval/t17/cmd/t17site -n 600 "$shared"/t17/bpoil_{bbc,guardian,reuters,washingtonpost} "$dir" >/dev/null
		echo "Timeline17 bpoil_{bbc,guardian,reuters,washingtonpost}, first 600 articles" >"$dir/.written"
	fi
	bench "bpoil600" "$dir" 600
fi
