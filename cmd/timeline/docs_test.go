package main

import (
	"flag"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestHelpHasExamples checks that every command's help ends with examples
// that are valid command lines.
func TestHelpHasExamples(t *testing.T) {
	for _, c := range commands() {
		t.Run(c.name, func(t *testing.T) {
			_, examples, ok := strings.Cut(c.doc, "\nExamples:\n")
			if !ok {
				t.Fatalf("timeline help %s: no \"Examples:\"", c.name)
			}
			n := 0
			for line := range strings.Lines(examples) {
				for _, args := range timelineCommands(line) {
					n++
					if err := parseCommandLine(args); err != nil {
						t.Errorf("example %q: %v", strings.TrimSpace(line), err)
					}
				}
			}
			if n == 0 {
				t.Errorf("timeline help %s: no example runs timeline", c.name)
			}
		})
	}
}

// TestPublishCommands checks that the commands the GitHub Actions workflow
// in docs/ and the Makefile's publish target run exist, with their flags,
// and that the workflow builds, checks and deploys to Pages.
func TestPublishCommands(t *testing.T) {
	for _, tt := range []struct {
		file string
		want []string // commands it must run, and steps it must have
	}{
		{"../../docs/github-actions.yml", []string{
			"timeline build", "timeline check", "go install github.com/timeline-dev/timeline/cmd/timeline@",
			"actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@",
		}},
		{"../../Makefile", []string{"timeline build", "timeline check"}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			src := string(data)
			if strings.HasSuffix(tt.file, "Makefile") {
				src = makeTarget(t, src, "publish")
			}
			// ${{ expressions }} and $(VARIABLES) stand for a value.
			src = regexp.MustCompile(`\$\{\{[^}]*\}\}|\$\(if [^)]*\)|\$\([A-Z_]+\)`).ReplaceAllString(src, "https://example.org/x")
			src = strings.ReplaceAll(src, "./https://example.org/x ", "timeline ") // ./$(BIN) build
			var ran []string
			for line := range strings.Lines(src) {
				line = strings.TrimSpace(line)
				if strings.HasPrefix(line, "#") {
					continue
				}
				line = strings.TrimPrefix(strings.TrimPrefix(line, "- "), "run: ")
				for _, args := range timelineCommands(line) {
					ran = append(ran, "timeline "+args[0])
					if err := parseCommandLine(args); err != nil {
						t.Errorf("%q: %v", line, err)
					}
				}
			}
			for _, w := range tt.want {
				if !slices.Contains(ran, w) && !strings.Contains(src, w) {
					t.Errorf("%s does not run %q", tt.file, w)
				}
			}
		})
	}
}

// makeTarget returns the recipe of a Makefile target.
func makeTarget(t *testing.T, makefile, target string) string {
	_, rest, ok := strings.Cut(makefile, "\n"+target+":")
	if !ok {
		t.Fatalf("Makefile: no target %q", target)
	}
	var recipe []string
	for line := range strings.Lines(rest) {
		if len(recipe) > 0 && !strings.HasPrefix(line, "\t") {
			break
		}
		if strings.HasPrefix(line, "\t") {
			recipe = append(recipe, line)
		}
	}
	if len(recipe) == 0 {
		t.Fatalf("Makefile: target %q has no recipe", target)
	}
	return strings.Join(recipe, "")
}

// timelineCommands returns the arguments of each "timeline ..." command in
// a shell line: commands are split at ;, &&, ||, |, $( and <( and end at a
// redirection or a comment.
func timelineCommands(line string) [][]string {
	line = strings.NewReplacer("&&", ";", "||", ";", "|", ";", "$(", ";", "<(", ";", ")", ";").Replace(line)
	var cmds [][]string
	for seg := range strings.SplitSeq(line, ";") {
		words := shellWords(seg)
		if len(words) >= 2 && words[0] == "timeline" {
			cmds = append(cmds, words[1:])
		}
	}
	return cmds
}

// shellWords splits a simple shell command into words, with single and
// double quotes, up to a redirection or a comment.
func shellWords(s string) []string {
	var words []string
	var w strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				w.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case (r == '#' || r == '>' || r == '<') && !inWord:
			return words
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

// parseCommandLine checks that args (after "timeline") name a command and
// that its flags parse; for a command whose first argument is a word of
// its synopsis (new site, new article), the flags after it too.
func parseCommandLine(args []string) error {
	if args[0] == "help" {
		if len(args) > 1 && lookup(args[1]) == nil {
			return usagef("help: unknown command %q", args[1])
		}
		return nil
	}
	c := lookup(args[0])
	if c == nil {
		return usagef("unknown command %q", args[0])
	}
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.flags(fs)
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if rest := fs.Args(); len(rest) > 0 && slices.Contains(synopsisWords(c.args), rest[0]) {
		return fs.Parse(rest[1:])
	}
	return nil
}

func TestShellWords(t *testing.T) {
	for _, tt := range []struct {
		line string
		want [][]string
	}{
		{"timeline build", [][]string{{"build"}}},
		{`timeline new article --outlet Reuters "Kerry denies contacts"`, [][]string{{"new", "article", "--outlet", "Reuters", "Kerry denies contacts"}}},
		{"cd my-story && timeline build && timeline check", [][]string{{"build"}, {"check"}}},
		{"timeline events --key --json > key.json", [][]string{{"events", "--key", "--json"}}},
		{`echo "x" | timeline tag --dct 2014-01-15 -`, [][]string{{"tag", "--dct", "2014-01-15", "-"}}},
		{"source <(timeline completion bash)", [][]string{{"completion", "bash"}}},
		{"timeline check public   # in CI", [][]string{{"check", "public"}}},
		{"go version -m $(command -v timeline)", nil},
	} {
		if got := timelineCommands(tt.line); !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("timelineCommands(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}
