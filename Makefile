# timeline: build, test and benchmark. Only Go is needed; see README.md.
GO       ?= go
BIN      := bin/timeline
SHARED   ?= ../shared
BENCHTIME ?= 1s
SERVEFLAGS ?=

.PHONY: all run build test bench bench-serve check fmt vet clean eval-temporal timeline

all: build

$(BIN): FORCE
	$(GO) build -o $(BIN) ./cmd/timeline
FORCE:

timeline: $(BIN)

## build: build the bundled site in content/ into public/
build: $(BIN)
	./$(BIN) build

## run: build the bundled site into public/, then preview it with live reload (timeline serve)
run: build
	./$(BIN) serve $(SERVEFLAGS)

## test: vet, check formatting and run every test
test: vet
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) test -count=1 ./...
	$(MAKE) --no-print-directory check

## bench: run the benchmarks
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./...

## bench-serve: timeline serve's edit-to-reload latency, 20 edits per site size
bench-serve:
	$(GO) test -run '^$$' -bench Reload -benchtime 1x -count $(or $(COUNT),1) ./generator/serve

## eval-temporal: score the temporal tagger on the TimeML development set
eval-temporal:
	$(GO) run ./cmd/eval-temporal -dir $(SHARED)/timeml

## check: build the bundled site and link-check the output
check: build
	./$(BIN) check

fmt:
	gofmt -w $$(git ls-files '*.go')

vet:
	$(GO) vet ./...

clean:
	rm -rf bin public
