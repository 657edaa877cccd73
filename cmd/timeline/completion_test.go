package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// completion returns the script "timeline completion shell" prints.
func completion(t *testing.T, shell string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"completion", shell}, nil, &stdout, &stderr); code != exitOK {
		t.Fatalf("timeline completion %s: exit %d: %s", shell, code, stderr.String())
	}
	return stdout.String()
}

// TestCompletionNamesEverything checks that each script names every
// command and every flag of each.
func TestCompletionNamesEverything(t *testing.T) {
	for _, shell := range shells {
		t.Run(shell, func(t *testing.T) {
			script := completion(t, shell)
			names := []string{"help"}
			for _, c := range commands() {
				names = append(names, c.name)
				fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
				c.flags(fs)
				fs.VisitAll(func(f *flag.Flag) {
					want := "--" + f.Name
					if shell == "fish" {
						want = " -l " + f.Name + " "
					}
					if !strings.Contains(script, want) {
						t.Errorf("timeline %s %s: not in the %s script", c.name, want, shell)
					}
				})
			}
			for _, name := range names {
				if !strings.Contains(script, " "+name+" ") && !strings.Contains(script, " "+name+")") &&
					!strings.Contains(script, "'"+name+":") && !strings.Contains(script, " "+name+"\"") {
					t.Errorf("command %q: not in the %s script", name, shell)
				}
			}
		})
	}
}

func TestCompletionUsage(t *testing.T) {
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}, {"completion", "bash", "zsh"}} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), args, nil, &stdout, &stderr); code != exitUsage {
			t.Errorf("timeline %s: exit %d, want %d", strings.Join(args, " "), code, exitUsage)
		}
	}
}

// shell returns the path of a shell, or skips the test without it (but
// fails with CI=true for bash, which every CI machine has).
func shell(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if name == "bash" && os.Getenv("CI") == "true" {
			t.Fatalf("no bash on PATH")
		}
		t.Skipf("no %s on PATH", name)
	}
	return path
}

// TestCompletionSyntax checks each script with its shell's parser (bash
// -n, zsh -n, fish --no-execute), for the shells installed.
func TestCompletionSyntax(t *testing.T) {
	for _, tt := range []struct{ shell, flag string }{
		{"bash", "-n"}, {"zsh", "-n"}, {"fish", "--no-execute"},
	} {
		t.Run(tt.shell, func(t *testing.T) {
			sh := shell(t, tt.shell)
			file := filepath.Join(t.TempDir(), "timeline."+tt.shell)
			if err := os.WriteFile(file, []byte(completion(t, tt.shell)), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(sh, tt.flag, file).CombinedOutput(); err != nil {
				t.Errorf("%s %s: %v\n%s", tt.shell, tt.flag, err, out)
			}
		})
	}
}

// TestCompletionBash runs the bash completion function on command lines.
func TestCompletionBash(t *testing.T) {
	bash := shell(t, "bash")
	file := filepath.Join(t.TempDir(), "timeline.bash")
	if err := os.WriteFile(file, []byte(completion(t, "bash")), 0o644); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	type test struct {
		line string // the words typed; the last one is completed
		want []string
	}
	tests := []test{
		{"timeline bu", []string{"build"}},
		{"timeline ", append(names, "help")},
		{"timeline build --d", []string{"--dest", "--drafts"}},
		{"timeline events --diff before.json --j", []string{"--json"}},
		{"timeline build --source ", nil}, // a folder: bash's file names
		{"timeline check -format ", nil},
		{"timeline help ev", []string{"events"}},
		{"timeline help events ", nil},
		{"timeline completion ", []string{"bash", "zsh", "fish"}},
		{"timeline tag --dct 2014-01-15 ", nil},
		{"timeline nope --", nil},
	}
	// A command's first argument: the words of its synopsis (new's site
	// and article).
	for _, c := range commands() {
		if w := synopsisWords(c.args); len(w) > 0 && c.name != "completion" {
			tests = append(tests, test{"timeline " + c.name + " ", w})
		}
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			words := strings.Split(tt.line, " ")
			var quoted []string
			for _, w := range words {
				quoted = append(quoted, "'"+w+"'")
			}
			script := "source " + file + "\nCOMP_WORDS=(" + strings.Join(quoted, " ") + ")\nCOMP_CWORD=" +
				strconv.Itoa(len(words)-1) + "\n_timeline\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
			out, err := exec.Command(bash, "--norc", "--noprofile", "-c", script).CombinedOutput()
			if err != nil {
				t.Fatalf("bash: %v\n%s", err, out)
			}
			got := strings.Fields(string(out))
			if !slices.Equal(got, tt.want) {
				t.Errorf("completions %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSynopsisWords(t *testing.T) {
	for _, tt := range []struct {
		args string
		want []string
	}{
		{"", nil},
		{"[--source DIR] [--drafts]", nil},
		{"bash|zsh|fish", []string{"bash", "zsh", "fish"}},
		{"site [--title T] DIR | article [--source DIR] [--outlet NAME] TITLE", []string{"site", "article"}},
		{"[--dct YYYY-MM-DD] [--format json|timeml|text] [--day-first] FILE|-", nil},
		{"[--external [--cache FILE] ...] [DIR]", nil},
		{"FILE... [--outlet NAME]", nil},
	} {
		if got := synopsisWords(tt.args); !slices.Equal(got, tt.want) {
			t.Errorf("synopsisWords(%q) = %q, want %q", tt.args, got, tt.want)
		}
	}
}
