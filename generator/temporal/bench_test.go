package temporal

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// benchText is realistic news prose: the seed articles when the shared
// data is there, else the text of the seed test table.
func benchText(b *testing.B) string {
	var parts []string
	if names, _ := filepath.Glob(filepath.Join(sharedDir, "seeds", "*.txt")); len(names) > 0 {
		for _, n := range names {
			data, err := os.ReadFile(n)
			if err != nil {
				b.Fatal(err)
			}
			parts = append(parts, string(data))
		}
	} else {
		data, err := os.ReadFile(filepath.Join("testdata", "seeds.txt"))
		if err != nil {
			b.Fatal(err)
		}
		for _, l := range strings.Split(string(data), "\n") {
			if t, ok := strings.CutPrefix(l, "text: "); ok {
				parts = append(parts, t)
			}
		}
	}
	return strings.Join(parts, "\n\n")
}

// BenchmarkTag measures the tagger's throughput on news text (MB/s) and its
// allocations per KB of input.
func BenchmarkTag(b *testing.B) {
	text := benchText(b)
	dct := time.Date(2014, 1, 15, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	var n int
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n += len(Tag(text, dct))
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	kb := float64(len(text)) / 1024 * float64(b.N)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/kb, "allocs/KB")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/kb, "B/KB")
	if n == 0 {
		b.Fatal("no time expressions found")
	}
}
