module github.com/timeline-dev/timeline

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/yuin/goldmark v1.8.7
)

require golang.org/x/text v0.43.0
