// Package config reads a site's config.toml. Every key is optional; unknown
// keys are errors naming file:line:column, so a typo never goes unnoticed.
//
//	title       = "Western intelligence and Damascus"  # site title
//	description = "..."                                 # one line, for feeds and <meta>
//	base_url    = "https://example.org/timeline/"       # where the site is published
//	language    = "en"                                  # default article language
//	output      = "public"                              # output folder, relative to the site
//	timezone    = "UTC"                                 # IANA zone for dates of timestamps
//	unsafe_html = false                                 # pass raw HTML in Markdown through
//	date_order  = "mdy"                                 # numeric dates: mdy (1/2/2014 = Jan 2) or dmy
//	extract     = true                                  # find events in the text; false: only declared ones
//	feed_limit  = 100                                   # entries in feed.xml, the latest reported; 0: every event
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/internal/tomlx"
)

// FileName is the name of the configuration file in a site's folder.
const FileName = "config.toml"

// DefaultFeedLimit is the number of entries in feed.xml when config.toml
// does not say: about the events of the last ten articles. Feed readers
// fetch the whole file at every poll, and keep the entries they have seen.
const DefaultFeedLimit = 100

// Config is a site's configuration. The zero value is not ready to use; call
// Default or Load, which fill in defaults.
type Config struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	BaseURL     string `toml:"base_url"`
	Language    string `toml:"language"`
	Output      string `toml:"output"`
	TimeZone    string `toml:"timezone"`
	UnsafeHTML  bool   `toml:"unsafe_html"`
	DateOrder   string `toml:"date_order"`
	// Extract finds events in the articles' text; when false, the timeline
	// has only the events editors declare. Default true.
	Extract *bool `toml:"extract"`
	// FeedLimit is the number of entries in feed.xml: the events most
	// recently reported. 0 puts every event in it. Default 100.
	FeedLimit *int `toml:"feed_limit"`

	// Location is TimeZone loaded.
	Location *time.Location `toml:"-"`
}

// Default returns the configuration of a site with no config.toml.
func Default() *Config {
	c := &Config{}
	if err := c.fill(nil); err != nil {
		panic(err) // the defaults are valid
	}
	return c
}

// Load reads dir/config.toml. A missing file gives the defaults.
func Load(dir string) (*Config, error) {
	src, err := os.ReadFile(filepath.Join(dir, FileName))
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return nil, err
	}
	// Messages name files by their path in the site, as the content's do.
	return Parse(FileName, src)
}

// Parse parses the text of a config file; name is used in messages.
func Parse(name string, src []byte) (*Config, error) {
	doc := tomlx.New(name, src, 0, len(src))
	c := &Config{}
	if _, err := doc.Decode(c); err != nil {
		return nil, err
	}
	if err := c.fill(doc); err != nil {
		return nil, err
	}
	return c, nil
}

// fill sets defaults and validates; doc (may be nil) locates errors.
func (c *Config) fill(doc *tomlx.Doc) error {
	var errs diag.List
	bad := func(key, format string, args ...any) {
		if doc == nil {
			errs = append(errs, &diag.Error{File: FileName, Msg: fmt.Sprintf(format, args...)})
			return
		}
		errs = append(errs, doc.ValueError(key, format, args...))
	}
	if c.Title == "" {
		c.Title = "Timeline"
	}
	if c.Language == "" {
		c.Language = "en"
	}
	if c.Output == "" {
		c.Output = "public"
	}
	if filepath.IsAbs(c.Output) || strings.HasPrefix(filepath.Clean(c.Output), "..") {
		bad("output", "output: %q must be a folder inside the site (a relative path such as \"public\")", c.Output)
	}
	switch c.DateOrder {
	case "":
		c.DateOrder = "mdy"
	case "mdy", "dmy":
	default:
		bad("date_order", "date_order: %q is not a date order (want \"mdy\" for 1/2/2014 = January 2 or \"dmy\" for 2 January)", c.DateOrder)
	}
	if c.Extract == nil {
		yes := true
		c.Extract = &yes
	}
	if c.FeedLimit == nil {
		n := DefaultFeedLimit
		c.FeedLimit = &n
	} else if *c.FeedLimit < 0 {
		bad("feed_limit", "feed_limit: %d is negative (want the number of entries in feed.xml, or 0 for every event)", *c.FeedLimit)
	}
	if c.TimeZone == "" {
		c.TimeZone = "UTC"
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		bad("timezone", "timezone: %q is not a known time zone (want an IANA name such as \"UTC\" or \"Europe/London\")", c.TimeZone)
	}
	c.Location = loc
	if base, err := NormalizeBaseURL(c.BaseURL); err != nil {
		bad("base_url", "base_url: %v", err)
	} else {
		c.BaseURL = base
	}
	return errs.Err()
}

// NormalizeBaseURL checks a base URL and gives it a trailing slash. The
// empty string and "/" mean the site is served from the root of whatever
// host serves it.
func NormalizeBaseURL(s string) (string, error) {
	if s == "" || s == "/" {
		return "/", nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("%q is not a URL", s)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%q must not have a query or fragment", s)
	}
	if u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/") {
		// A path only: the site lives under it on any host.
	} else if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%q must be an absolute http(s) URL such as \"https://example.org/timeline/\" or a path such as \"/timeline/\"", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), nil
}

// BasePath returns the path part of the base URL, with leading and trailing
// slashes: "/" or "/timeline/". Internal links start with it.
func (c *Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}
