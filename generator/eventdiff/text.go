package eventdiff

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

// WriteText writes the diff as a table for people: a row per change (what
// changed, the date, the id and headline of the event now, or of before
// for a removed one), a "was" row for each event of before that an event
// of now replaces, a row per citation added (+) or removed (-) with its
// article and quote, and a summary line.
func (d *Diff) WriteText(w io.Writer) error {
	if len(d.Changes) == 0 {
		_, err := fmt.Fprintf(w, "no changes: %d events, as before\n", d.Summary.After)
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CHANGE\tDATE\tEVENT\tHEADLINE")
	for _, c := range d.Changes {
		main := c.New
		if c.Kind == Removed {
			main = c.Old
		}
		for i, r := range main {
			kind := ""
			if i == 0 {
				kind = strings.Join(c.Aspects(), ", ")
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", kind, r.Date.Label, r.ID, clip(r.Headline, 80))
		}
		if c.Kind != Removed && !(c.Kind == Changed && !c.Moved && !c.Reheadlined && !c.Renamed) {
			for _, r := range c.Old {
				fmt.Fprintf(tw, "  was\t%s\t%s\t%s\n", r.Date.Label, r.ID, clip(r.Headline, 80))
			}
		}
		for _, ct := range c.CitationsAdded {
			fmt.Fprintf(tw, "\t\t+ %s\t%q\n", ct.Article, clip(ct.Quote, 100))
		}
		for _, ct := range c.CitationsRemoved {
			fmt.Fprintf(tw, "\t\t- %s\t%q\n", ct.Article, clip(ct.Quote, 100))
		}
	}
	tw.Flush()
	_, err := fmt.Fprintln(w, d.Summary.String())
	return err
}

// String is the summary in a line: the changes that happened, then the
// events unchanged.
func (s Summary) String() string {
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{
		{s.Added, "added"}, {s.Removed, "removed"}, {s.Merged, "merged"}, {s.Split, "split"},
		{s.Regrouped, "regrouped"}, {s.Moved, "moved"}, {s.Reheadlined, "re-headlined"}, {s.Renamed, "renamed"},
		{s.CitationsAdded, "citations added"}, {s.CitationsRemoved, "citations removed"},
	} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	if len(parts) == 0 {
		parts = []string{"no changes"}
	}
	return fmt.Sprintf("%s; %d unchanged (%d events before, %d now)", strings.Join(parts, ", "), s.Unchanged, s.Before, s.After)
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
