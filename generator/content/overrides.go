package content

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/timeline-dev/timeline/generator/diag"
	"github.com/timeline-dev/timeline/generator/internal/tomlx"
	"github.com/timeline-dev/timeline/generator/timex"
)

// OverridesFile is the file, in content/, where editors correct the
// timeline that extraction builds:
//
//	[[event]]                 # name an event: set its headline, summary or id
//	id       = "2014-01-15-mekdad-bbc-intelligence"
//	headline = "Mekdad tells the BBC Western spies have visited Damascus"
//	summary  = "Syria's deputy foreign minister ..."
//	rename   = "mekdad-bbc-interview"
//	date     = "2014-01"      # optional: re-date it (its id stays)
//	mod      = "START"        # optional, with date
//	aliases  = ["2014-01-15-mekdad-bbc-visited"]  # optional: ids it had, which redirect to it
//
//	[[event]]                 # or add an event by hand, citing a sentence
//	article  = "naharnet-western-intelligence-talking-to-damascus"
//	quote    = "Last month the United States and Britain suspended their non-lethal aid"
//	date     = "2013-12"
//	headline = "US and Britain suspend non-lethal aid"
//
//	[[merge]]                 # several events are one happening
//	ids  = ["event-a", "event-b"]
//	into = "event-a"          # optional: the id to keep (default: the first)
//
//	[[split]]                 # a sentence reports something else: its own event
//	article  = "..."
//	quote    = "..."
//	id       = "..."          # optional
//	headline = "..."          # optional
//
//	[[suppress]]              # drop a sentence from every event, or a whole event
//	article = "..."
//	quote   = "..."
//	# or: id = "..."
//
// An id, article or quote that does not exist is an error at its line.
const OverridesFile = "_events.toml"

// Overrides are an editor's corrections to the timeline.
type Overrides struct {
	Events   []EventOverride
	Merges   []Merge
	Splits   []SentenceRef
	Suppress []SentenceRef
}

// Pos is a position in the overrides file, for messages.
type Pos struct {
	File      string
	Line, Col int
	Source    string
}

// Errorf returns an error at p.
func (p Pos) Errorf(format string, args ...any) *diag.Error {
	return &diag.Error{File: p.File, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...), Source: p.Source}
}

// EventOverride names or corrects an event (ID set), or adds one by hand
// (Article, Quote and Date set). Date, with ID, re-dates the event.
type EventOverride struct {
	ID, Headline, Summary, Rename string
	Ref                           SentenceRef // Article and Quote, for an event added by hand
	Date                          timex.Value
	Mod                           timex.Mod
	// Aliases are ids the event had, which answer with a redirect to its
	// page.
	Aliases []string
	Pos     Pos
	// DatePos is where the date is, for messages.
	DatePos Pos
}

// Merge joins events.
type Merge struct {
	IDs  []string
	Into string
	Pos  Pos
}

// SentenceRef is a sentence of an article, or (for suppress) an event id.
type SentenceRef struct {
	ID       string // suppress: a whole event; split: the new event's id
	Headline string // split: the new event's headline
	Article  string
	Quote    string
	// Block, Start and End locate the quote in the article, once resolved.
	Block, Start, End int
	Pos               Pos
}

type overridesFile struct {
	Event []struct {
		ID       string   `toml:"id"`
		Headline string   `toml:"headline"`
		Summary  string   `toml:"summary"`
		Rename   string   `toml:"rename"`
		Article  string   `toml:"article"`
		Quote    string   `toml:"quote"`
		Date     string   `toml:"date"`
		Mod      string   `toml:"mod"`
		Aliases  []string `toml:"aliases"`
	} `toml:"event"`
	Merge []struct {
		IDs  []string `toml:"ids"`
		Into string   `toml:"into"`
	} `toml:"merge"`
	Split []struct {
		Article  string `toml:"article"`
		Quote    string `toml:"quote"`
		ID       string `toml:"id"`
		Headline string `toml:"headline"`
	} `toml:"split"`
	Suppress []struct {
		ID      string `toml:"id"`
		Article string `toml:"article"`
		Quote   string `toml:"quote"`
	} `toml:"suppress"`
}

// LoadOverrides reads site/content/_events.toml and checks it against the
// articles: every article must exist and every quote occur in it. A site
// without the file has no overrides. Ids are checked later, against the
// events.
func LoadOverrides(site string, articles []*Article) (*Overrides, error) {
	name := Dir + "/" + OverridesFile
	src, err := ReadFile(site, name)
	if errors.Is(err, fs.ErrNotExist) {
		return &Overrides{}, nil
	}
	if err != nil {
		return nil, err
	}
	return ParseOverrides(name, src, articles)
}

// ParseOverrides parses the text of an overrides file.
func ParseOverrides(name string, src []byte, articles []*Article) (*Overrides, error) {
	doc := tomlx.New(name, src, 0, len(src))
	var f overridesFile
	if _, err := doc.Decode(&f); err != nil {
		return nil, err
	}
	byID := map[string]*Article{}
	for _, a := range articles {
		byID[a.ID] = a
	}
	var errs diag.List
	pos := func(table string, n int, key string) Pos {
		l, ok := doc.Loc(fmt.Sprintf("%s[%d].%s", table, n, key))
		if !ok {
			l, _ = doc.Loc(fmt.Sprintf("%s[%d]", table, n))
		}
		line, col, text := diag.Position(src, l.Key)
		return Pos{File: name, Line: line, Col: col, Source: text}
	}
	// ref resolves an article and quote.
	ref := func(table string, n int, article, quote string) (SentenceRef, bool) {
		r := SentenceRef{Article: article, Quote: quote, Pos: pos(table, n, "quote")}
		a, ok := byID[article]
		switch {
		case article == "":
			errs = append(errs, pos(table, n, "article").Errorf("%s %d: missing key \"article\" (the id of the article that holds the sentence)", table, n))
			return r, false
		case !ok:
			e := pos(table, n, "article").Errorf("article: no article has the id %q", article)
			e.Hint = "article ids: " + strings.Join(closeIDs(article, byID), ", ")
			errs = append(errs, e)
			return r, false
		case strings.TrimSpace(quote) == "":
			errs = append(errs, pos(table, n, "article").Errorf("%s %d: missing key \"quote\" (the sentence, copied from the article)", table, n))
			return r, false
		}
		b, s, e, found := FindQuote(a.Doc, quote)
		if !found {
			err := r.Pos.Errorf("quote: not found in article %s: %q", article, shorten(quote, 80))
			err.Hint = quoteHint(a.Doc, quote)
			errs = append(errs, err)
			return r, false
		}
		r.Block, r.Start, r.End = b, s, e
		return r, true
	}
	o := &Overrides{}
	for i, ev := range f.Event {
		n := i + 1
		eo := EventOverride{ID: ev.ID, Headline: strings.TrimSpace(ev.Headline), Summary: strings.TrimSpace(ev.Summary), Rename: ev.Rename, Pos: pos("event", n, "id")}
		if ev.Rename != "" && !idRE.MatchString(ev.Rename) {
			errs = append(errs, pos("event", n, "rename").Errorf("rename: %q is not a slug (lowercase letters, digits and single hyphens)", ev.Rename))
		}
		for _, a := range ev.Aliases {
			if !idRE.MatchString(a) {
				errs = append(errs, pos("event", n, "aliases").Errorf("aliases: %q is not a slug (lowercase letters, digits and single hyphens)", a))
			} else if a != ev.ID && a != ev.Rename {
				eo.Aliases = append(eo.Aliases, a)
			}
		}
		switch {
		case ev.ID != "" && (ev.Article != "" || ev.Quote != ""):
			e := eo.Pos.Errorf("event %d: give either id (to change an event) or article, quote and date (to add one), not both", n)
			e.Hint = "id and date (and mod) re-date the event of that id"
			errs = append(errs, e)
			continue
		case ev.ID != "" && ev.Date == "" && ev.Mod != "":
			errs = append(errs, pos("event", n, "mod").Errorf("mod: re-dating an event takes a date, then its mod"))
			continue
		case ev.ID != "" && ev.Date != "":
			// Re-date the event.
			v, m, e := dateMod(pos, n, ev.Date, ev.Mod)
			if e != nil {
				errs = append(errs, e)
				continue
			}
			eo.Date, eo.Mod, eo.DatePos = v, m, pos("event", n, "date")
		case ev.ID == "":
			eo.Pos = pos("event", n, "date")
			r, ok := ref("event", n, ev.Article, ev.Quote)
			if !ok {
				continue
			}
			eo.Ref = r
			v, m, e := dateMod(pos, n, ev.Date, ev.Mod)
			if e != nil {
				errs = append(errs, e)
				continue
			}
			eo.Date, eo.Mod = v, m
		case eo.Headline == "" && eo.Summary == "" && eo.Rename == "" && len(ev.Aliases) == 0:
			errs = append(errs, eo.Pos.Errorf("event %d: nothing to change: give a headline, a summary, a rename, a date or aliases", n))
			continue
		}
		o.Events = append(o.Events, eo)
	}
	for i, m := range f.Merge {
		n := i + 1
		if len(m.IDs) < 2 {
			errs = append(errs, pos("merge", n, "ids").Errorf("merge %d: ids must name at least two events", n))
			continue
		}
		if m.Into != "" && !idRE.MatchString(m.Into) {
			errs = append(errs, pos("merge", n, "into").Errorf("into: %q is not a slug (lowercase letters, digits and single hyphens)", m.Into))
			continue
		}
		o.Merges = append(o.Merges, Merge{IDs: m.IDs, Into: m.Into, Pos: pos("merge", n, "ids")})
	}
	for i, s := range f.Split {
		n := i + 1
		if s.ID != "" && !idRE.MatchString(s.ID) {
			errs = append(errs, pos("split", n, "id").Errorf("id: %q is not a slug (lowercase letters, digits and single hyphens)", s.ID))
			continue
		}
		if r, ok := ref("split", n, s.Article, s.Quote); ok {
			r.ID, r.Headline = s.ID, strings.TrimSpace(s.Headline)
			o.Splits = append(o.Splits, r)
		}
	}
	for i, s := range f.Suppress {
		n := i + 1
		if s.ID != "" {
			if s.Article != "" || s.Quote != "" {
				errs = append(errs, pos("suppress", n, "id").Errorf("suppress %d: give either id (a whole event) or article and quote (a sentence), not both", n))
				continue
			}
			o.Suppress = append(o.Suppress, SentenceRef{ID: s.ID, Pos: pos("suppress", n, "id")})
			continue
		}
		if r, ok := ref("suppress", n, s.Article, s.Quote); ok {
			o.Suppress = append(o.Suppress, r)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return o, nil
}

// closeIDs suggests article ids: those sharing a word with id, or all.
func closeIDs(id string, byID map[string]*Article) []string {
	var all, near []string
	words := strings.Split(id, "-")
	for k := range byID {
		all = append(all, k)
		for _, w := range words {
			if len(w) > 3 && strings.Contains(k, w) {
				near = append(near, k)
				break
			}
		}
	}
	if len(near) == 0 {
		near = all
	}
	sort.Strings(near)
	return near
}

// dateMod reads the date (required) and mod of the n-th [[event]] table,
// or returns the error at the key that is wrong.
func dateMod(pos func(table string, n int, key string) Pos, n int, date, mod string) (timex.Value, timex.Mod, *diag.Error) {
	v, err := EventDate(date)
	if err != nil || date == "" {
		msg := "missing key \"date\""
		if date != "" {
			msg = err.Error()
		}
		e := pos("event", n, "date").Errorf("date: %s", msg)
		e.Hint = timex.Usage
		return "", "", e
	}
	m, err := timex.ParseMod(mod)
	if err != nil {
		return "", "", pos("event", n, "mod").Errorf("mod: %v", err)
	}
	return v, m, nil
}
