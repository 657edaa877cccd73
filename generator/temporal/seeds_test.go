package temporal

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// sharedDir is the team's shared data beside the repository.
const sharedDir = "../../../shared"

// needShared skips a test when the shared data is missing, except on CI
// (CI=true), where it must be there.
func needShared(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared data missing on CI: %v", err)
		}
		t.Skipf("shared data missing: %v", err)
	}
}

// TestSeeds checks every time expression a careful reader dates in the
// reported text of the five seed articles (testdata/seeds.txt), and the
// numbers that are not dates. Each case quotes a sentence or paragraph of
// its source file with the DCT from SOURCES.toml.
func TestSeeds(t *testing.T) {
	cases := readCases(t, filepath.Join("testdata", "seeds.txt"))
	if len(cases) < 30 {
		t.Fatalf("only %d seed cases", len(cases))
	}
	runCases(t, cases)
}

// TestSeedsQuoteSources checks that the seed table quotes the seed files
// verbatim and uses their publication dates.
func TestSeedsQuoteSources(t *testing.T) {
	dir := filepath.Join(sharedDir, "seeds")
	needShared(t, dir)
	var src struct {
		Article []struct {
			File      string
			Published time.Time
		}
	}
	if _, err := toml.DecodeFile(filepath.Join(dir, "SOURCES.toml"), &src); err != nil {
		t.Fatal(err)
	}
	published := map[string]string{}
	for _, a := range src.Article {
		published[a.File] = a.Published.Format("2006-01-02")
	}
	for _, c := range readCases(t, filepath.Join("testdata", "seeds.txt")) {
		if c.source == "" {
			t.Errorf("%s:%d: no source", c.file, c.line)
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, c.source))
		if err != nil {
			t.Errorf("%s:%d: %v", c.file, c.line, err)
			continue
		}
		if !strings.Contains(string(data), c.text) {
			t.Errorf("%s:%d: text not found in %s: %q", c.file, c.line, c.source, c.text)
		}
		if got := c.dct.Format("2006-01-02"); got != published[c.source] {
			t.Errorf("%s:%d: dct %s, but %s was published %s", c.file, c.line, got, c.source, published[c.source])
		}
	}
}
