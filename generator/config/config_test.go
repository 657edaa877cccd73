package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	c, err := Parse("config.toml", []byte(`title = "T"
base_url = "https://example.org/tl"
timezone = "Europe/London"
date_order = "dmy"
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "T" || c.BaseURL != "https://example.org/tl/" || c.BasePath() != "/tl/" || c.Location.String() != "Europe/London" || c.Output != "public" || c.Language != "en" || c.DateOrder != "dmy" {
		t.Errorf("got %+v", c)
	}
}

func TestDefault(t *testing.T) {
	c := Default()
	if c.Title != "Timeline" || c.BaseURL != "/" || c.BasePath() != "/" || c.Location.String() != "UTC" {
		t.Errorf("got %+v", c)
	}
	c2, err := Load(t.TempDir())
	if err != nil || c2.Title != c.Title || c2.BaseURL != c.BaseURL || !*c2.Extract {
		t.Errorf("Load(empty dir) = %+v, %v", c2, err)
	}
	if c3, err := Parse("config.toml", []byte("extract = false\n")); err != nil || *c3.Extract {
		t.Errorf("extract = false: %+v, %v", c3, err)
	}
	if *c.FeedLimit != DefaultFeedLimit {
		t.Errorf("feed_limit default %d, want %d", *c.FeedLimit, DefaultFeedLimit)
	}
	if c4, err := Parse("config.toml", []byte("feed_limit = 0\n")); err != nil || *c4.FeedLimit != 0 {
		t.Errorf("feed_limit = 0: %+v, %v", c4, err)
	}
}

func TestErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"titel = \"x\"\n", `config.toml:1:1: unknown key "titel" (did you mean "title"?)`},
		{"baseURL = \"/\"\n", `config.toml:1:1: unknown key "baseURL" (Hugo's "baseURL" is "base_url" here)`},
		{"title = \"x\"\nbase_url = \"ftp://x\"\n", `config.toml:2:12: base_url: "ftp://x" must be an absolute http(s) URL`},
		{"timezone = \"Mars/Olympus\"\n", `config.toml:1:12: timezone: "Mars/Olympus" is not a known time zone`},
		{"output = \"../x\"\n", `config.toml:1:10: output: "../x" must be a folder inside the site`},
		{"date_order = \"ymd\"\n", `config.toml:1:14: date_order: "ymd" is not a date order`},
		{"unsafe_html = \"yes\"\n", `config.toml:1:15: unsafe_html: incompatible types`},
		{"feed_limit = -5\n", `config.toml:1:14: feed_limit: -5 is negative`},
		{"title = \n", `config.toml:1:`},
	}
	for _, c := range cases {
		_, err := Parse("config.toml", []byte(c.src))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("Parse(%q) = %v, want %q", c.src, err, c.want)
		}
	}
}

func TestLoadReadError(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dir); err == nil {
		t.Error("Load of a directory named config.toml succeeded")
	}
}
