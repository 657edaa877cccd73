package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const doc = `<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2014-01-15" functionInDocument="CREATION_TIME">2014-01-15</TIMEX3></DCT>
<TEXT>
He spoke on <TIMEX3 tid="t1" type="DATE" value="2014-01-15">Wednesday</TIMEX3> about <TIMEX3 tid="t2" type="DATE" value="2012">last year</TIMEX3>, and 700 people left.
</TEXT>
</TimeML>
`

func TestRun(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "News"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "News", "a.tml"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"-dir", dir, "-errors"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	got := out.String()
	// "last year" resolves to 2013, so its value is wrong against the
	// (deliberately wrong) gold 2012: 2 system, 2 gold, both matched, one value.
	for _, want := range []string{
		"VALUE    News/a.tml 2014-01-15 Wed gold DATE 2012",
		"News            2      2 | 1.000 1.000 1.000    | 1.000 1.000 1.000    | 0.500 0.500 0.500    |  1.000  1.000",
		"overall         2      2 |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if code := run([]string{"-dir", filepath.Join(dir, "missing")}, &out, &errOut); code != 1 {
		t.Errorf("missing dir: exit %d, want 1", code)
	}
	if code := run([]string{"-bogus"}, &out, &errOut); code != 2 {
		t.Errorf("bad flag: exit %d, want 2", code)
	}
}
