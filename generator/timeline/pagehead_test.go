package timeline

import (
	"slices"
	"testing"
)

// pageHeads are page heads of each form pageHead matches.
var pageHeads = []string{
	"U.S. to keep heat on BP - Salazar WASHINGTON | Sun May 2, 2010 9:05 am EDT WASHINGTON May 2 (Reuters) - The government said on Sunday it would keep pressing BP.",
	"NEW ORLEANS | Mon Jul 12, 2010 7:47 pm EDT NEW ORLEANS - BP said on Monday it had fitted a new cap to the well.",
	"Friday 14 January 2005 02.44 GMT The tsunami toll rose again on Thursday, officials said.",
	"By the CNN Wire Staff The rebels took the town on Saturday after a day of fighting.",
	"CAIRO (AP) — Protesters filled Tahrir Square on Tuesday for a second week.",
}

// TestPageHeadGuard checks that the words findPageHead looks for first
// change nothing: it is pageHead.FindStringIndex.
func TestPageHeadGuard(t *testing.T) {
	matched := 0
	for _, s := range append(slices.Clone(pageHeads), sentencesForTidy(t)...) {
		got, want := findPageHead(s), pageHead.FindStringIndex(s)
		if !slices.Equal(got, want) {
			t.Errorf("findPageHead(%q) = %v, want %v", s, got, want)
		}
		if want != nil {
			matched++
		}
	}
	if matched < len(pageHeads) {
		t.Errorf("%d sentences matched, want %d at least", matched, len(pageHeads))
	}
}
