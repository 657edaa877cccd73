package linkcheck

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
)

// Write prints the report in a format: "text" (one finding a line as
// dir/file:line:col: message, then a summary line), "json" (one object
// with the findings and the summary) or "github" (GitHub Actions workflow
// commands, ::error file=…,line=…,col=…::message, then the summary).
// Paths are prefixed with the folder that was checked. A finding with a
// Source is shown there, in text and github, and its place in the built
// file follows the message: "content/a.md:9:3: broken link "/x/"
// (target missing) (in public/articles/a/index.html:40:12)"; text and
// github list the findings in the order of the places they show.
func Write(w io.Writer, r *Report, format string) error {
	switch format {
	case "json":
		return writeJSON(w, r)
	case "github":
		return writeGitHub(w, r)
	case "text", "":
		return writeText(w, r)
	}
	return fmt.Errorf("unknown format %q (want text, json or github)", format)
}

func (r *Report) path(file string) string {
	if r.Dir == "" || r.Dir == "." {
		return file
	}
	return path.Join(strings.ReplaceAll(r.Dir, "\\", "/"), file)
}

// shown returns the findings as text and github show them: at their
// Source when they have one, the place in the built file (with the
// folder checked) said after the message; sorted by the place shown.
func (r *Report) shown() []Finding {
	out := make([]Finding, len(r.Findings))
	moved := false
	for i, f := range r.Findings {
		f.File = r.path(f.File)
		if !f.Source.IsZero() {
			built := Position{File: f.File, Line: f.Line, Col: f.Col}
			f.Msg += " (in " + built.String() + ")"
			f.File, f.Line, f.Col = f.Source.File, f.Source.Line, f.Source.Col
			moved = true
		}
		out[i] = f
	}
	if !moved {
		return out
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return out
}

func writeText(w io.Writer, r *Report) error {
	var b strings.Builder
	for _, f := range r.shown() {
		if f.Severity == Warning {
			f.Msg = "warning: " + f.Msg
		}
		b.WriteString(f.String())
		b.WriteByte('\n')
	}
	b.WriteString(r.Summary())
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// Summary is one line saying what was checked and what was found.
func (r *Report) Summary() string {
	what := fmt.Sprintf("checked %d pages and %d files (%.1f MB), %d links", r.Pages, r.Files-r.Pages, float64(r.Bytes)/1e6, r.Links)
	if r.ExternalURLs > 0 {
		what += fmt.Sprintf(" (%d external URLs)", r.ExternalURLs)
	}
	what += fmt.Sprintf(", %d citations in %d ms", r.Citations, r.Duration.Milliseconds())
	errs, warns := r.Errors(), r.Warnings()
	if errs == 0 && warns == 0 {
		return what + ": no problems"
	}
	return fmt.Sprintf("%s: %s, %s", what, plural(errs, "error"), plural(warns, "warning"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func writeJSON(w io.Writer, r *Report) error {
	type finding struct {
		Finding
		Path string `json:"path"`
	}
	out := struct {
		Dir      string    `json:"dir"`
		BaseURL  string    `json:"base_url"`
		Findings []finding `json:"findings"`
		Summary  struct {
			Pages        int    `json:"pages"`
			Files        int    `json:"files"`
			Bytes        int64  `json:"bytes"`
			Links        int    `json:"links"`
			ExternalURLs int    `json:"external_urls"`
			Citations    int    `json:"citations"`
			Errors       int    `json:"errors"`
			Warnings     int    `json:"warnings"`
			Millis       int64  `json:"ms"`
			Text         string `json:"text"`
		} `json:"summary"`
	}{Dir: r.Dir, BaseURL: r.BaseURL, Findings: []finding{}}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, finding{f, r.path(f.File)})
	}
	s := &out.Summary
	s.Pages, s.Files, s.Bytes, s.Links, s.ExternalURLs, s.Citations = r.Pages, r.Files, r.Bytes, r.Links, r.ExternalURLs, r.Citations
	s.Errors, s.Warnings, s.Millis, s.Text = r.Errors(), r.Warnings(), r.Duration.Milliseconds(), r.Summary()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func writeGitHub(w io.Writer, r *Report) error {
	var b strings.Builder
	for _, f := range r.shown() {
		cmd := "error"
		if f.Severity == Warning {
			cmd = "warning"
		}
		fmt.Fprintf(&b, "::%s file=%s", cmd, ghProperty(f.File))
		if f.Line > 0 {
			fmt.Fprintf(&b, ",line=%d", f.Line)
			if f.Col > 0 {
				fmt.Fprintf(&b, ",col=%d", f.Col)
			}
		}
		fmt.Fprintf(&b, ",title=%s::%s\n", ghProperty(string(f.Kind)), ghData(f.Msg))
	}
	b.WriteString(r.Summary())
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// ghData escapes the message of a workflow command.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a property value of a workflow command.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
