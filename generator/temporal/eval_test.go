package temporal

import (
	"path/filepath"
	"testing"

	"github.com/timeline-dev/timeline/generator/temporal/timeml"
)

// knownShortfalls lists the targets of issue 3 that the tagger does not
// reach yet, with the figure measured when the entry was written: a miss of
// the target is logged, and the test fails only if the figure falls below
// that floor. Remove an entry when its target is met. (Empty: every target
// is met. Value F1, the last to be met, measured 0.824 overall, 0.842 on
// TimeBank and 0.785 on AQUAINT.)
var knownShortfalls = map[string]float64{}

// TestEvalTargets is the quality gate: the tagger scored on the TimeML
// development set (../shared/timeml, TempEval-3 definitions) must stay at
// or above the targets of issue 3, overall. Run `make eval-temporal` for the
// table and `go run ./cmd/eval-temporal -errors` for the error list.
func TestEvalTargets(t *testing.T) {
	dir := filepath.Join(sharedDir, "timeml")
	needShared(t, dir)
	corpora, err := ReadCorpora(dir)
	if err != nil {
		t.Fatal(err)
	}
	var total timeml.Score
	for _, c := range corpora {
		var s timeml.Score
		for _, d := range c.Docs {
			s = s.Add(Evaluate(d).Score)
		}
		t.Logf("%-9s relaxed F1 %.3f strict F1 %.3f value F1 %.3f type acc %.3f", c.Name, s.RelaxedExtent().F1, s.StrictExtent().F1, s.ValueF1().F1, s.TypeAccuracy())
		total = total.Add(s)
	}
	for _, g := range []struct {
		name      string
		got, want float64
	}{
		{"relaxed extent F1", total.RelaxedExtent().F1, 0.92},
		{"strict extent F1", total.StrictExtent().F1, 0.85},
		{"value F1", total.ValueF1().F1, 0.82},
		{"type accuracy", total.TypeAccuracy(), 0.90},
	} {
		if g.got >= g.want {
			continue
		}
		if floor, ok := knownShortfalls[g.name]; ok && g.got >= floor {
			t.Logf("KNOWN SHORTFALL: overall %s = %.3f, below the target %.2f (floor %.2f)", g.name, g.got, g.want, floor)
			continue
		}
		t.Errorf("overall %s = %.3f, below the target %.2f", g.name, g.got, g.want)
	}
}
