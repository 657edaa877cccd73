#!/usr/bin/env bash
# check-compare.sh: `timeline check` side by side with the link checkers
# this machine can install, on the same folders.
#
#   scripts/check-compare.sh [ARTICLES] [BENCH_ARTICLES]
#
# htmltest, the issue's anchor, is not served by the Go module proxy here.
# What can be installed is HTMLProofer 3 (Debian's ruby-html-proofer, the
# checker htmltest was modelled on) and linkinator 6 (npm; version 8 needs
# Node 22). Both are installed when missing: HTMLProofer with apt-get when
# running as root, linkinator with npm into $TOOLS (default
# ~/.cache/timeline-compare). Neither is a dependency of timeline.
#
# 1. Parity: a synthetic site of ARTICLES articles (default 30) is built,
#    and scripts/checkparity plants problems of five kinds in a copy of it
#    (broken page link, broken fragment, missing image, image without alt,
#    empty href), runs the three checkers on the copy and fails if timeline
#    check misses a planted problem or anything another checker reports.
#    The same is done on the bundled seed site.
# 2. Speed: linkinator and timeline check on the output scripts/bench-check.sh
#    builds for BENCH_ARTICLES articles (default 10000; 0 skips this), wall
#    time, CPU time and peak RSS of three runs of timeline check and one
#    of linkinator (which takes about 25 s). HTMLProofer is left out
#    here: it took 688 s on a 1,229-page site and had not finished after 17
#    minutes on an 11,556-page one (its fragment checks reread target pages).
set -euo pipefail

articles=${1:-30}
bench=${2:-10000}
root=$(cd "$(dirname "$0")/.." && pwd)
tools=${TOOLS:-$HOME/.cache/timeline-compare}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"

if ! command -v htmlproofer >/dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "installing ruby-html-proofer (Debian)…"
		apt-get install -y -qq ruby-html-proofer >/dev/null || { apt-get update -qq && apt-get install -y -qq ruby-html-proofer >/dev/null; }
	else
		echo "htmlproofer is not installed (Debian: apt-get install ruby-html-proofer)" >&2
		exit 2
	fi
fi
linkinator=$tools/node_modules/.bin/linkinator
if [ ! -x "$linkinator" ]; then
	echo "installing linkinator 6 (npm) into $tools…"
	mkdir -p "$tools"
	(cd "$tools" && npm install --silent --no-audit --no-fund linkinator@6 >/dev/null)
fi
echo "htmlproofer $(htmlproofer --version | awk '{print $NF}'), linkinator $("$linkinator" --version)"

go build -o "$work/timeline" ./cmd/timeline
go run ./generator/internal/synth/cmd/synth -articles "$articles" -seed 1 "$work/site" >/dev/null
(cd "$work/site" && "$work/timeline" build >/dev/null)
"$work/timeline" build --source "$root" --dest "$work/seed" --quiet

echo
echo "== parity: the bundled seed site, a problem in every page"
go run ./scripts/checkparity -dir "$work/seed" -every 1 -timeline "$work/timeline" -htmlproofer htmlproofer -linkinator "$linkinator"
echo
echo "== parity: a synthetic site of $articles articles"
go run ./scripts/checkparity -dir "$work/site/public" -faults 100 -timeline "$work/timeline" -htmlproofer htmlproofer -linkinator "$linkinator"

[ "$bench" = 0 ] && exit 0
echo
echo "== speed: the output of $bench synthetic articles (internal links only)"
dir=/tmp/timeline-bench-$bench
RUNS=1 scripts/bench-check.sh "$bench" "$dir" >/dev/null # builds the folder if needed
echo "$(find "$dir/public" -name '*.html' | wc -l) pages, $(find "$dir/public" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1e6}') MB in files; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
time1() { # label command...
	local label=$1
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/out" 2>&1 || true
	read -r wall user sys rss <"$work/time"
	printf '%-11s wall %6.2f s  cpu %6.2f s  peak RSS %7.1f MiB\n' "$label" "$wall" \
		"$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$(awk -v r="$rss" 'BEGIN { print r / 1024 }')"
}
for i in 1 2 3; do
	time1 "timeline#$i" "$work/timeline" check "$dir/public"
done
tail -1 "$work/out"
time1 linkinator "$linkinator" "$dir/public" --recurse --format csv --concurrency 100 --skip '^(?!https?://(localhost|127\.0\.0\.1)[:/])'
echo "linkinator: $(($(wc -l <"$work/out") - 1)) URLs, $(grep -c ',BROKEN,' "$work/out" || true) broken"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
