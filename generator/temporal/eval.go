package temporal

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/timeline-dev/timeline/generator/temporal/timeml"
)

// Corpus is a named set of TimeML documents.
type Corpus struct {
	Name string
	Docs []*timeml.Doc
}

// ReadCorpora reads every subdirectory of dir that holds .tml files as a
// corpus, sorted by name.
func ReadCorpora(dir string) ([]Corpus, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []Corpus
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		sub := filepath.Join(dir, e.Name())
		if m, _ := filepath.Glob(filepath.Join(sub, "*.tml")); len(m) == 0 {
			continue
		}
		docs, err := timeml.ReadDir(sub)
		if err != nil {
			return nil, err
		}
		out = append(out, Corpus{Name: e.Name(), Docs: docs})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no corpus (subdirectory of .tml files)", dir)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// EvalResult is the tagger's output on one document and its score.
type EvalResult struct {
	System []Timex
	Align  timeml.Alignment
	Score  timeml.Score
}

// Evaluate tags a TimeML document's text against its DCT and scores the
// result against the gold expressions.
func Evaluate(d *timeml.Doc) EvalResult {
	sys := Tag(d.Text, d.DCT)
	gold := make([]timeml.Span, len(d.Timexes))
	for i, t := range d.Timexes {
		gold[i] = timeml.Span{Start: t.Start, End: t.End, Type: t.Type, Value: t.Value}
	}
	spans := make([]timeml.Span, len(sys))
	for i, t := range sys {
		spans[i] = timeml.Span{Start: t.Start, End: t.End, Type: string(t.Type), Value: string(t.Value)}
	}
	return EvalResult{System: sys, Align: timeml.Align(gold, spans), Score: timeml.Compare(gold, spans)}
}
