# timeline: build, test and benchmark. Only Go is needed, and Chromium for
# the browser tests (make browser installs it); see README.md.
GO       ?= go
BIN      := bin/timeline
SHARED   ?= ../shared
BENCHTIME ?= 1s
SERVEFLAGS ?=

.PHONY: all run build test browser axe screenshots bench bench-build bench-hugo bench-serve load fuzz check check-compare publish fmt vet clean eval-temporal eval-timeline timeline

all: build

$(BIN): FORCE
	$(GO) build -buildvcs=auto -o $(BIN) ./cmd/timeline
FORCE:

timeline: $(BIN)

## build: build the bundled site in content/ into public/
build: $(BIN)
	./$(BIN) build

## run: build the bundled site into public/, then preview it with live reload (timeline serve)
run: build
	./$(BIN) serve $(SERVEFLAGS)

## test: vet, check formatting and run every test, browser tests included
test: vet browser axe
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) test -count=1 ./...
	$(MAKE) --no-print-directory check

## browser: the browser tests need Chromium: install Debian's when none is
## found and we run as root with apt-get; silent when one is there
browser:
	@if [ -z "$$TIMELINE_CHROME" ] && ! command -v chromium >/dev/null 2>&1 && \
	    ! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium for the browser tests (apt-get install -y chromium)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || exit 1; \
	  else \
	    echo "no Chromium: the browser tests will skip (and fail with CI=true); run 'sudo make browser' or set TIMELINE_CHROME"; \
	  fi; \
	fi

## axe: axe-core, the accessibility checker the browser tests run in the
## pages, fetched from the npm registry with Go (pinned version and
## SHA-256) into git-ignored testdata when missing
AXE := generator/build/testdata/axe/axe.min.js
axe:
	@if [ ! -s $(AXE) ]; then \
	  echo "fetching axe-core into $(AXE)"; \
	  $(GO) run ./scripts/fetchaxe $(AXE) || if [ -n "$$CI" ]; then exit 1; else \
	    echo "could not fetch axe-core: the accessibility check will skip (and fail with CI=true)"; fi; \
	fi

## screenshots: full-page screenshots of the seed site's timeline, an
## event and an article at 375 and 1280 pixels, light and dark, into
## $(SCREENSHOTS) (default screenshots/), to look at
SCREENSHOTS ?= screenshots
screenshots: browser
	$(GO) test -count=1 -run '^TestScreenshots$$' ./generator/build -args -screenshots $(abspath $(SCREENSHOTS))

## bench: run the Go benchmarks, then whole builds of the generated news
## corpus (cmd/timeline-corpus, seed 1) at 1,000 and 10,000 articles
## (BENCH_FULL=1: 100,000 too), fresh, with the mentions cache of the last
## build, and after editing one article: wall, CPU, peak RSS, articles/s
## (ARTICLES="1000 5000" for other sizes, RUNS=5 for more runs,
## CORPUS=story for gen_corpus.py's long-running story, T17=1 for two
## Timeline17 stories too)
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./...
	scripts/bench-build.sh $(ARTICLES)

## bench-build: the whole builds of make bench only
bench-build:
	scripts/bench-build.sh $(ARTICLES)

## bench-hugo: timeline and Hugo (installed with go install into
## /tmp/timeline-bench/bin when missing) on the same generated articles,
## 1,000 and 10,000 (ARTICLES=...), RUNS=3 fresh builds each: medians and
## the ratios. Not part of make test
bench-hugo:
	scripts/bench-hugo.sh $(ARTICLES)

## bench-serve: timeline serve's edit-to-reload latency, 20 edits per site size
bench-serve:
	$(GO) test -run '^$$' -bench Reload -benchtime 1x -count $(or $(COUNT),1) ./generator/serve

## load: timeline serve under load on 127.0.0.1 (TestServeLoad -load): 200
## live-reload clients and 1,000 page requests/s for 30 s while articles
## are edited every 100 ms; make test runs a 3-second, 50-client version
load:
	$(GO) test -count=1 -run '^TestServeLoad$$' -v ./generator/serve -args -load

## fuzz: the fuzz targets of front matter, the temporal tagger, sentence
## splitting and check's HTML scanner, one at a time, FUZZTIME each
## (default 5m) on one worker (FUZZPARALLEL=2 for two); a crasher is
## written to the package's testdata/fuzz, where go test replays it
FUZZTIME ?= 5m
FUZZPARALLEL ?= 1
FUZZ := content:FuzzParse temporal:FuzzTag sentences:FuzzSplit linkcheck:FuzzScanPage
fuzz:
	@for t in $(FUZZ); do pkg=$${t%%:*}; fn=$${t#*:}; \
	  echo "== $$fn ./generator/$$pkg"; \
	  $(GO) test -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) -parallel $(FUZZPARALLEL) ./generator/$$pkg || exit 1; \
	done

## eval-temporal: score the temporal tagger on the TimeML development set
eval-temporal:
	$(GO) run ./cmd/eval-temporal -dir $(SHARED)/timeml

## eval-timeline: build each Timeline17 story and score its timeline against
## the journalists' (Date F1, ROUGE-1/2 concat and align+ m:1), as news-tls
## does (EVALFLAGS="-errors" lists the missed and wrong dates)
eval-timeline:
	$(GO) run ./cmd/eval-timeline -dir $(SHARED)/t17 $(EVALFLAGS)

## check: build the bundled site and link-check the output
check: build
	./$(BIN) check

## publish: build the bundled site for deployment into $(PUBLISH_DIR)
## (default public/) and check it, as docs/github-actions.yml does in CI:
## the folder is ready to copy to any static host. BASE_URL sets the URL
## it is published at (make publish BASE_URL=https://example.org/story/)
PUBLISH_DIR ?= public
publish: $(BIN)
	./$(BIN) build --dest $(PUBLISH_DIR) $(if $(BASE_URL),--base-url $(BASE_URL))
	./$(BIN) check $(PUBLISH_DIR)

## check-compare: timeline check against HTMLProofer and linkinator (installed
## when missing): planted problems found by each, and time on a 10,000-article
## output (ARTICLES=0 skips the timing)
check-compare:
	scripts/check-compare.sh 30 $(or $(ARTICLES),10000)

fmt:
	gofmt -w $$(git ls-files '*.go')

vet:
	$(GO) vet ./...

clean:
	rm -rf bin public
