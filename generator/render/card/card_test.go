package card

import (
	"bytes"
	"image/png"
	"strings"
	"sync"
	"testing"

	"github.com/timeline-dev/timeline/generator/render/axis"
	"github.com/timeline-dev/timeline/generator/timex"
)

func testCard() Card {
	var items []axis.Item
	for i := range 60 {
		d := timex.NewDate(2014, 1, 1+i*3)
		items = append(items, axis.Item{ID: "e", Start: d, End: d, Key: i%10 == 0})
	}
	l := axis.Lay(items, axis.Options{Width: AxisWidth, MaxLanes: 4})
	return Card{Title: "Western intelligence and Damascus", Lines: []string{"A timeline of 60 events."}, Axis: &l}
}

// TestDraw: the card is a 1200×630 PNG, the same bytes each time (builds
// are byte-identical), with the accent of key events drawn.
func TestDraw(t *testing.T) {
	var a, b bytes.Buffer
	if err := Draw(&a, testCard()); err != nil {
		t.Fatal(err)
	}
	if err := Draw(&b, testCard()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two draws of the same card differ")
	}
	img, err := png.Decode(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if r := img.Bounds(); r.Dx() != Width || r.Dy() != Height {
		t.Errorf("card is %v, want %dx%d", r, Width, Height)
	}
	// Key events are accent dots on the strip, below the text.
	found := false
	for y := Height / 2; y < Height && !found; y++ {
		for x := margin; x < Width-margin; x++ {
			if r, g, b, _ := img.At(x, y).RGBA(); r>>8 == uint32(accent.R) && g>>8 == uint32(accent.G) && b>>8 == uint32(accent.B) {
				found = true
				break
			}
		}
	}
	if !found {
		t.Error("no key event drawn in the accent colour")
	}
	// Without events: the title and lines only.
	if err := Draw(&a, Card{Title: "Empty"}); err != nil {
		t.Error(err)
	}
}

// TestWrap: a long title takes three lines at most, the last ending in an
// ellipsis; each line fits.
func TestWrap(t *testing.T) {
	fs, err := loadFaces()
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Western intelligence agencies and Damascus ", 8)
	lines := wrap(fs.title, long, Width-2*margin, 3)
	if len(lines) != 3 || !strings.HasSuffix(lines[2], "…") {
		t.Errorf("wrap gave %d lines %q, want 3 ending in …", len(lines), lines)
	}
	for _, l := range lines {
		if w := measure(fs.title, l); w > Width-2*margin {
			t.Errorf("line %q is %d pixels wide", l, w)
		}
	}
	if got := wrap(fs.title, "Short", Width-2*margin, 3); len(got) != 1 || got[0] != "Short" {
		t.Errorf("wrap(Short) = %q", got)
	}
}

// TestDrawConcurrent: cards drawn at once (serve renders pages, og.png
// among them, on several requests at a time; tests build sites in
// parallel) are each the card drawn alone. The font faces are shared and
// not safe for concurrent use: without Draw's lock this panicked in
// image/draw, or drew garbled text.
func TestDrawConcurrent(t *testing.T) {
	var want bytes.Buffer
	if err := Draw(&want, testCard()); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				var got bytes.Buffer
				if err := Draw(&got, testCard()); err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Error("a card drawn concurrently differs")
					return
				}
			}
		}()
	}
	wg.Wait()
}
