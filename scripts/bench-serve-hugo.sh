#!/bin/sh
# bench-serve-hugo.sh: edit-to-page latency of `timeline serve` and of
# `hugo server` on equivalent sites, measured the same way on this machine.
#
#   scripts/bench-serve-hugo.sh            # 10,000 articles, 20 edits each
#   N=1000 EDITS=20 scripts/bench-serve-hugo.sh
#
# It writes a synthetic site of N articles (generator/internal/synth, no
# declared events), makes a Hugo site of the same articles in a temporary
# folder (the same Markdown bodies and TOML front matter, published → date,
# url → source; one page per article, minimal templates), starts both
# servers on free loopback ports, and with scripts/editlatency edits one
# article EDITS times, timing each write until the server serves the page
# with the change. It also prints Hugo's own "Total in N ms" per rebuild,
# and timeline's own preview and exact build times ("previewed in",
# "rebuilt in": an exact build that a new edit stops is not counted).
#
# Hugo: $HUGO, or hugo on the PATH, or else it is installed into the
# temporary folder with `go install github.com/gohugoio/hugo@v0.165.0`
# (several minutes; never vendored or committed).
set -eu
cd "$(dirname "$0")/.."
N=${N:-10000}
EDITS=${EDITS:-20}
GO=${GO:-go}
W=$(mktemp -d "${TMPDIR:-/tmp}/bench-serve-hugo.XXXXXX")
pids=""
cleanup() {
	for p in $pids; do kill -INT "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$W"
}
trap cleanup EXIT INT TERM

HUGO=${HUGO:-$(command -v hugo || true)}
if [ -z "$HUGO" ]; then
	echo "installing hugo v0.165.0 into $W/bin ..." >&2
	GOBIN="$W/bin" $GO install github.com/gohugoio/hugo@v0.165.0
	HUGO="$W/bin/hugo"
fi
echo "hugo: $("$HUGO" version)"
echo "machine: $(nproc) cores; load: $(uptime | sed 's/.*load average: //')"

$GO build -o "$W/timeline" ./cmd/timeline
$GO build -o "$W/editlatency" ./scripts/editlatency
$GO run ./generator/internal/synth/cmd/synth -articles "$N" -seed 1 -no-events "$W/site" >/dev/null

# The Hugo site: the same articles.
H="$W/hugo"
mkdir -p "$H/layouts" "$H/content"
cat >"$H/hugo.toml" <<'TOML'
baseURL = "http://127.0.0.1/"
title = "Synthetic timeline"
disableKinds = ["taxonomy", "term"]
TOML
cat >"$H/layouts/baseof.html" <<'HTML'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
HTML
cat >"$H/layouts/page.html" <<'HTML'
{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Params.outlet }} · <time>{{ .Date.Format "2006-01-02" }}</time></p>{{ .Content }}</article>{{ end }}
HTML
cat >"$H/layouts/list.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
HTML
cp -r "$W/site/content/." "$H/content/"
find "$H/content" -name '*.md' -exec sed -i -e 's/^published = /date = /' -e 's/^url = /source = /' {} +

# The article to edit: the middle one.
rel=$(cd "$W/site" && find content -name '*.md' | sort | sed -n "$((N / 2))p")
year=$(echo "$rel" | cut -d/ -f2)
name=$(basename "$rel" .md)
echo "site: $N articles; editing $rel $EDITS times"

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# timeline serve
tp=$(port)
(cd "$W/site" && exec "$W/timeline" serve --port "$tp" >"$W/timeline.log" 2>&1) &
pids="$pids $!"
"$W/editlatency" -label "timeline serve:" -edits "$EDITS" -url "http://127.0.0.1:$tp/articles/$year-$name/" -file "$W/site/$rel"
for what in previewed rebuilt; do
	grep "$what in" "$W/timeline.log" | sed "s/.*$what in \([0-9]*\) ms.*/\1/" | sort -n |
		awk -v what="$what" '{a[NR]=$1} END {printf "timeline serve: %s %d times", what, NR; if (NR) printf ": min=%dms median=%dms max=%dms", a[1], a[int((NR+1)/2)], a[NR]; print ""}'
done

# hugo server (fast render mode, from memory: its defaults)
hp=$(port)
"$HUGO" server --source "$H" --bind 127.0.0.1 --port "$hp" --baseURL "http://127.0.0.1:$hp/" >"$W/hugo.log" 2>&1 &
pids="$pids $!"
"$W/editlatency" -label "hugo server:" -edits "$EDITS" -url "http://127.0.0.1:$hp/$year/$name/" -file "$H/$rel"
grep 'Total in' "$W/hugo.log" | sed 's/.*Total in \([0-9]*\) ms.*/\1/' | sort -n |
	awk '{a[NR]=$1} END {if (NR) printf "hugo server: its own \"Total in\" (first build included): min=%dms median=%dms max=%dms over %d builds\n", a[1], a[int((NR+1)/2)], a[NR], NR}'
