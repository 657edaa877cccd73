#!/usr/bin/env bash
# bench-build.sh: time whole builds of a long-running story.
#
#   scripts/bench-build.sh [ARTICLES...]      (default: 1000 5000)
#
# For each size, writes the story with ../shared/corpus/gen_corpus.py (N
# articles, seed 7: the corpus of the quadratic-build issue; without Python
# or ../shared, the Go port in generator/internal/corpus, seed 7) into
# $WORK/story-N (default WORK=/tmp/timeline-bench), then builds it RUNS
# times (default 3) with this tree's timeline, printing for each run the
# wall time, CPU time (user + system), peak RSS and the CPU time the
# hypervisor stole meanwhile, and their medians:
#
#   fresh:   the output folder (and the previous site kept beside it)
#            removed before each run, untimed (a CI build);
#   rebuild: the output of the last run in place (an editor's next build:
#            the previous site is replaced; from the second rebuild on, the
#            build stages into the site kept from the one before).
#
# With T17=1 it also builds two Timeline17 stories (../shared/t17) and
# the 600 articles of BenchmarkStory600 (four BP oil spill stories merged).
# Interleave nothing else with it: the machine's other work shows in the
# figures.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
work=${WORK:-/tmp/timeline-bench}
runs=${RUNS:-3}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000)

mkdir -p "$work"
cd "$root"
go build -o "$work/timeline" ./cmd/timeline
go build -o "$work/runstat" ./scripts/runstat
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3); load: $(cut -d' ' -f1-3 /proc/loadavg)"

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

bench() { # LABEL DIR
	local label=$1 dir=$2
	echo "== $label: $(cat "$dir/.written" 2>/dev/null || echo "$dir")"
	"$work/runstat" -runs "$runs" -label "$label fresh" -dir "$dir" -before "rm -rf public .public.prev" -- "$work/timeline" build --quiet
	"$work/runstat" -runs "$runs" -label "$label rebuild" -dir "$dir" -- "$work/timeline" build --quiet
	"$work/timeline" build --source "$dir"
	echo "   output: $(find "$dir/public" -type f | wc -l) files, $(du -sm "$dir/public" | cut -f1) MB"
}

for n in "${sizes[@]}"; do
	story "$n" "$work/story-$n"
	bench "$n articles" "$work/story-$n"
done

if [ "${T17:-0}" = 1 ]; then
	for s in H1N1_reuters LibyaWar_cnn; do
		dir=$work/t17-$s
		if [ ! -f "$dir/.written" ]; then
			go run ./generator/eval/t17/cmd/t17site "$shared/t17/$s" "$dir" >/dev/null
			echo "Timeline17 $s" >"$dir/.written"
		fi
		bench "$s" "$dir"
	done
	# The story of BenchmarkStory600: the first 600 articles of the four
	# BP oil spill stories, merged.
	dir=$work/t17-bpoil600
	if [ ! -f "$dir/.written" ]; then
		go run ./generator/eval/t17/cmd/t17site -n 600 "$shared"/t17/bpoil_{bbc,guardian,reuters,washingtonpost} "$dir" >/dev/null
		echo "Timeline17 bpoil_{bbc,guardian,reuters,washingtonpost}, first 600 articles" >"$dir/.written"
	fi
	bench "bpoil600" "$dir"
fi
