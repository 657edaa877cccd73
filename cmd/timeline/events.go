package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/timeline-dev/timeline/generator/build"
	"github.com/timeline-dev/timeline/generator/eventdiff"
	"github.com/timeline-dev/timeline/generator/timeline"
)

func eventsCommand() *command {
	return &command{
		name:    "events",
		args:    "[--source DIR] [--drafts] [--fresh] [--no-cache] [--key] [--top N] [--json] [--explain] [--diff REF]",
		summary: "print the timeline's events for review",
		doc: `Events builds the timeline of the site (without writing it) and prints
its events as a table: date, rank, headline, the outlets that report
each, and its id, with marks for key events (*) and disputed ones (!).
Editors use it to review what extraction found before publishing, and
to find the ids content/_events.toml names events by. When
_events.toml names an id that no event has, the table is printed all the
same, then the errors (with the closest id), and the exit status is 1.

Events rank by how much later reporting looks back on their date, how
much was reported on it, and how many outlets and articles cite them;
the first quarter of them (at most 40) are the key events. --top N keeps
the N best-ranked, in timeline order: the story's summary. --key keeps
only the key events.

--json prints the events as events.json does. --explain first prints, for
every dated sentence (by article, in text order): where it is written
(file:line:col), the sentence whole, the time expression that dated it
with its value (or what dated it instead: its paragraph, the day the
article reports on, ...), how it was grouped (the event it joined, with
the similarity, or why it started one or was dropped), the id and
headline of the event it is in, and the editor's corrections in
content/_events.toml that applied to it (split, merged, renamed, a new
headline, summary or date, suppressed); then the events grouping merged
or split after placing the sentences.

--diff REF compares the timeline with an earlier one: REF is the
events.json of an earlier build (a file, a built site's folder, - for
standard input, or REV:PATH for a file in git, read with "git show"), or
what "timeline events --json" printed. Events are matched by the
sentences they cite, not by id, and each change is listed: events added
or removed; merged (several events' citations now in one), split or
regrouped; moved (a new date), re-headlined or renamed (a new id); and
the citations each gained (+) or lost (-). --json prints the changes as
JSON ({"summary", "changes": [{"kind", "moved", "reheadlined",
"renamed", "old", "new", "citations_added", "citations_removed"}]}).

Examples:

	timeline events --top 20
	timeline events --explain | less
	timeline events --key --json > key.json
	cp public/events.json /tmp/before.json   # then add or edit articles
	timeline events --diff /tmp/before.json
	timeline events --diff HEAD~1:public/events.json --json`,
		flags: func(fs *flag.FlagSet) func(context.Context, env, []string) error {
			var f buildFlags
			f.register(fs, false)
			asJSON := fs.Bool("json", false, "print the events as JSON")
			explain := fs.Bool("explain", false, "print how each dated sentence was grouped")
			keyOnly := fs.Bool("key", false, "only the key events")
			top := fs.Int("top", 0, "only the `N` best-ranked events (0: all)")
			diff := fs.String("diff", "", "compare with the events.json of an earlier build: a `file`, a site folder, - or REV:PATH in git")
			return func(ctx context.Context, e env, args []string) (err error) {
				if len(args) > 0 {
					return usagef("unexpected argument %q", args[0])
				}
				if *top < 0 {
					return usagef("--top must be 0 or more, not %d", *top)
				}
				if *diff != "" && (*top > 0 || *keyOnly) {
					return usagef("--diff compares every event: drop --top and --key")
				}
				var before []eventdiff.Event
				if *diff != "" {
					data, err := readRef(ctx, e, *diff)
					if err != nil {
						return err
					}
					if before, err = eventdiff.Parse(*diff, data); err != nil {
						return err
					}
				}
				opts := f.options()
				opts.KeepGoing = true
				cfg, err := build.Load(opts)
				if err != nil {
					return buildError(e, err)
				}
				var trace *timeline.Explanation
				if *explain {
					trace = &timeline.Explanation{}
				}
				articles, m, err := build.Timeline(ctx, opts, cfg, trace)
				if err != nil {
					return buildError(e, err)
				}
				for _, n := range m.Notes {
					fmt.Fprintln(e.stderr, n.Detail())
				}
				if m.Unapplied != nil {
					// The events, whose ids fix the overrides, then
					// what is wrong with these.
					defer func() {
						if err == nil {
							err = buildError(e, m.Unapplied)
						}
					}()
				}
				if trace != nil {
					writeExplanation(e.stdout, articles, m, trace)
				}
				if *diff != "" {
					d := eventdiff.Compare(before, eventdiff.FromModel(m.Events))
					if *asJSON {
						enc := json.NewEncoder(e.stdout)
						enc.SetIndent("", "  ")
						return enc.Encode(d)
					}
					return d.WriteText(e.stdout)
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

// readRef reads the events.json that --diff names: a file, a built site's
// folder, - for standard input, or REV:PATH, a file in git.
func readRef(ctx context.Context, e env, ref string) ([]byte, error) {
	if ref == "-" {
		return io.ReadAll(e.stdin)
	}
	fi, err := os.Stat(ref)
	if err == nil && fi.IsDir() {
		return os.ReadFile(filepath.Join(ref, "events.json"))
	}
	if err == nil || !strings.Contains(ref, ":") {
		return os.ReadFile(ref)
	}
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "git", "show", ref)
	cmd.Stderr = &stderr
	out, gitErr := cmd.Output()
	if gitErr != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = gitErr.Error()
		}
		return nil, fmt.Errorf("--diff %s: no such file, and git show %s: %s", ref, ref, msg)
	}
	return out, nil
}

// printEvents writes a table of events.
func printEvents(w io.Writer, m *timeline.Model, events []*timeline.Event) {
	outlets := map[string]string{}
	for _, a := range m.Articles {
		outlets[a.ID] = a.Outlet
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tRANK\t\tHEADLINE\tSOURCES\tID")
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
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s (%d)\t%s\n", ev.Date.Label, ev.Rank, mark, clip(ev.Headline, 80), strings.Join(names, ", "), len(ev.Citations), ev.ID)
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
