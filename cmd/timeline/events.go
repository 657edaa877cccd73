package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/timeline-dev/timeline/generator/build"
	"github.com/timeline-dev/timeline/generator/timeline"
)

func eventsCommand() *command {
	return &command{
		name:    "events",
		args:    "[--source DIR] [--drafts] [--key] [--top N] [--json] [--explain]",
		summary: "print the timeline's events for review",
		doc: `Events builds the timeline of the site (without writing it) and prints
its events as a table: date, rank, headline, and the outlets that report
each, with marks for key events (*) and disputed ones (!). Editors use it
to review what extraction found before publishing.

Events rank by how much later reporting looks back on their date, how
much was reported on it, and how many outlets and articles cite them;
the first quarter of them (at most 40) are the key events. --top N keeps
the N best-ranked, in timeline order: the story's summary. --key keeps
only the key events.

--json prints the events as events.json does. --explain first prints, for
every dated sentence, the event it joined or why it started one or was
dropped.

Examples:

	timeline events --top 20
	timeline events --key --json > key.json`,
		flags: func(fs *flag.FlagSet) func(context.Context, env, []string) error {
			var f buildFlags
			f.register(fs, false)
			asJSON := fs.Bool("json", false, "print the events as JSON")
			explain := fs.Bool("explain", false, "print how each dated sentence was grouped")
			keyOnly := fs.Bool("key", false, "only the key events")
			top := fs.Int("top", 0, "only the `N` best-ranked events (0: all)")
			return func(ctx context.Context, e env, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected argument %q", args[0])
				}
				if *top < 0 {
					return usagef("--top must be 0 or more, not %d", *top)
				}
				opts := f.options()
				cfg, err := build.Load(opts)
				if err != nil {
					return buildError(e, err)
				}
				var trace io.Writer
				if *explain {
					trace = e.stdout
				}
				_, m, err := build.Timeline(ctx, opts, cfg, trace)
				if err != nil {
					return buildError(e, err)
				}
				events := m.Events
				if *keyOnly || *top > 0 {
					events = nil
					for _, ev := range m.Events {
						if (!*keyOnly || ev.Key) && (*top == 0 || ev.Rank <= *top) {
							events = append(events, ev)
						}
					}
				}
				if *asJSON {
					enc := json.NewEncoder(e.stdout)
					enc.SetIndent("", "  ")
					if events == nil {
						events = []*timeline.Event{}
					}
					return enc.Encode(events)
				}
				printEvents(e.stdout, m, events)
				return nil
			}
		},
	}
}

// printEvents writes a table of events.
func printEvents(w io.Writer, m *timeline.Model, events []*timeline.Event) {
	outlets := map[string]string{}
	for _, a := range m.Articles {
		outlets[a.ID] = a.Outlet
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tRANK\t\tHEADLINE\tSOURCES")
	for _, ev := range events {
		mark := ""
		if ev.Key {
			mark += "*"
		}
		if len(ev.DisputedBy) > 0 {
			mark += "!"
		}
		var names []string
		seen := map[string]bool{}
		for _, c := range ev.Citations {
			if o := outlets[c.Article]; !seen[o] {
				seen[o] = true
				names = append(names, o)
			}
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s (%d)\n", ev.Date.Label, ev.Rank, mark, clip(ev.Headline, 80), strings.Join(names, ", "), len(ev.Citations))
	}
	tw.Flush()
	key, disputed := 0, 0
	for _, ev := range events {
		if ev.Key {
			key++
		}
		if len(ev.DisputedBy) > 0 {
			disputed++
		}
	}
	fmt.Fprintf(w, "%d events (%d key *, %d disputed !) from %d articles\n", len(events), key, disputed, len(m.Articles))
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
