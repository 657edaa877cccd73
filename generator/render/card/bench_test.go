package card

import (
	"io"
	"testing"
)

func BenchmarkDraw(b *testing.B) {
	c := testCard()
	for b.Loop() {
		if err := Draw(io.Discard, c); err != nil {
			b.Fatal(err)
		}
	}
}
