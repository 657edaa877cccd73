package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/timeline"
)

// explainWidth is the width sentences are wrapped to.
const explainWidth = 78

// writeExplanation prints, for every dated sentence, where it is written,
// the sentence whole, what dated it, how it was grouped, the event it is
// in and the editor's overrides that applied to it; then the merges and
// splits grouping made. A blank line ends each part.
//
//	content/a.md:7:1
//	    Syrian Deputy Foreign Minister Faisal Mekdad told the BBC on
//	    Wednesday that ...
//	  dated   "on Wednesday": 2014-01-15 (Wed 15 Jan 2014), its own time expression
//	  grouped joined the event begun by content/b.md:9:1 (similarity 0.64)
//	  event   mekdad-bbc: Mekdad tells the BBC Western spies have visited Damascus
//	  editor  renamed "2014-01-15-intelligence-services" to "mekdad-bbc" (content/_events.toml:3)
func writeExplanation(w io.Writer, articles []*content.Article, m *timeline.Model, x *timeline.Explanation) {
	byID := map[string]*content.Article{}
	for _, a := range articles {
		byID[a.ID] = a
	}
	where := func(c *timeline.Citation) string { return citationPlace(byID[c.Article], c) }
	var b strings.Builder
	for _, s := range x.Sentences(m) {
		c := s.Citation
		b.WriteString(where(c) + "\n")
		wrap(&b, c.Quote, "    ", explainWidth)
		fmt.Fprintf(&b, "  dated   %s\n", dating(c))
		fmt.Fprintf(&b, "  grouped %s\n", grouping(s, byID, where))
		switch {
		case s.Event != nil:
			fmt.Fprintf(&b, "  event   %s: %s\n", s.Event.ID, s.Event.Headline)
		case s.Outcome == timeline.Joined || s.Outcome == timeline.Started || s.Outcome == timeline.Continued:
			b.WriteString("  event   none: the editor's overrides took it out\n")
		default:
			b.WriteString("  event   none\n")
		}
		for _, o := range s.Overrides {
			fmt.Fprintf(&b, "  editor  %s (%s)\n", o.Detail, posString(o.Pos))
		}
		b.WriteByte('\n')
	}
	if steps := x.Steps(); len(steps) > 0 {
		b.WriteString("After placing the sentences:\n")
		for _, st := range steps {
			switch st.Kind {
			case "merge":
				fmt.Fprintf(&b, "  merged the event begun by %s into the one begun by %s (similarity %.2f)\n", where(st.From), where(st.Into), st.Similarity)
			case "split":
				fmt.Fprintf(&b, "  split %d sentences whose source is %s off the event begun by %s\n", st.Moved, st.Source, where(st.Into))
			}
		}
		b.WriteByte('\n')
	}
	io.WriteString(w, b.String())
}

// citationPlace returns where a sentence is written: file:line:col in its
// article, or the article id when the article is not known.
func citationPlace(a *content.Article, c *timeline.Citation) string {
	if a == nil || a.Doc == nil || c.Block >= len(a.Doc.Blocks) {
		return c.Article
	}
	line, col := a.Position(a.Doc.Blocks[c.Block].SourceOffset(c.Start))
	return fmt.Sprintf("%s:%d:%d", a.Path, line, col)
}

func posString(p content.Pos) string {
	switch {
	case p.File == "":
		return "?"
	case p.Line == 0:
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// dating says what dated a sentence: its time expression, or the basis of
// a date taken from its context.
func dating(c *timeline.Citation) string {
	d, ok := timeline.NewDate(c.Value, c.Mod)
	val := string(c.Value)
	if c.Mod != "" {
		val += " " + string(c.Mod)
	}
	if ok && d.Label != string(c.Value) {
		val += " (" + d.Label + ")"
	}
	switch c.Basis {
	case "expression":
		return fmt.Sprintf("%q: %s, its own time expression", c.Expression, val)
	case "paragraph":
		return val + ", the date of its paragraph (it has none of its own)"
	case "continues":
		return val + ", the date of the sentence before, whose speaker it quotes"
	case "report":
		return val + ", the date of the report it goes on telling"
	case "present":
		return val + ", the day the article was published (a present-tense report)"
	case "news-day":
		return val + ", the day the article reports on (a past-tense report)"
	case "editor":
		return val + ", the editor's date"
	}
	return fmt.Sprintf("%s (%s)", val, c.Basis)
}

// grouping says how grouping placed a sentence.
func grouping(s timeline.Sentence, byID map[string]*content.Article, where func(*timeline.Citation) string) string {
	switch s.Outcome {
	case timeline.Declared:
		if s.Pos.File != "" {
			return "declared by the editor at " + posString(s.Pos)
		}
		return "declared by the editor"
	case timeline.Started:
		switch s.Candidates {
		case 0:
			return "started an event: no event before it shared its heaviest terms and month"
		case 1:
			return "started an event: the one event it was compared with was not alike enough"
		}
		return fmt.Sprintf("started an event: none of the %d events it was compared with was alike enough", s.Candidates)
	case timeline.Joined:
		return fmt.Sprintf("joined the event begun by %s (similarity %.2f, the best of %d)", where(s.With), s.Similarity, s.Candidates)
	case timeline.Continued:
		return "went with the sentence it continues, " + where(s.With)
	case timeline.Dropped:
		return "dropped: " + s.Reason
	case timeline.Repeated:
		outlet := "its outlet"
		if a := byID[s.Citation.Article]; a != nil {
			outlet = a.Outlet
		}
		return fmt.Sprintf("dropped: %s repeats the line in other articles (a standard line, not news)", outlet)
	case timeline.Suppressed:
		return "left out: the editor suppressed it"
	}
	return string(s.Outcome)
}

// wrap writes text in lines of at most width columns (a longer word has a
// line of its own), each starting with indent.
func wrap(b *strings.Builder, text, indent string, width int) {
	n := 0
	for _, word := range strings.Fields(text) {
		wl := len([]rune(word))
		switch {
		case n == 0:
			b.WriteString(indent)
			n = len(indent)
		case n+1+wl > width:
			b.WriteString("\n" + indent)
			n = len(indent)
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += wl
	}
	if n > 0 {
		b.WriteByte('\n')
	}
}
