// This module measures the HTML reader of the importer against a
// readability library; it is not part of the timeline module, which does
// not depend on the library. Run: go run .
module github.com/timeline-dev/timeline/generator/importer/testdata/readability

go 1.26.8

require (
	codeberg.org/readeck/go-readability/v2 v2.1.3
	github.com/timeline-dev/timeline v0.0.0
	golang.org/x/net v0.62.0
)

require (
	github.com/andybalholm/cascadia v1.3.3 // indirect
	github.com/go-shiori/dom v0.0.0-20230515143342-73569d674e1c // indirect
	github.com/gogs/chardet v0.0.0-20211120154057-b7413eaefb8f // indirect
	github.com/itlightning/dateparse v0.2.1 // indirect
	golang.org/x/text v0.44.0 // indirect
)

replace github.com/timeline-dev/timeline => ../../../..
