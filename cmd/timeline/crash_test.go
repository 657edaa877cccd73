package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/timeline-dev/timeline/generator/output"
)

// These tests run the real command, the test binary standing in for it
// (testscript.Main puts it on PATH as "timeline"), in processes of their
// own: killed with SIGKILL part way, two at once, with GOMAXPROCS=1 and 8.

// timelineBin returns the path of the timeline command.
func timelineBin(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("timeline")
	if err != nil {
		t.Fatalf("timeline is not on PATH (testscript.Main puts it there): %v", err)
	}
	return bin
}

// synth writes a synthetic site into dir with the generator of
// generator/internal/synth (internal to generator/, so run as a command).
func synth(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", append(append([]string{"run", "./generator/internal/synth/cmd/synth"}, args...), dir)...)
	cmd.Dir = "../.."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("synth %v: %v\n%s", args, err, out)
	}
	return dir
}

// synthSites writes two synthetic sites of a few hundred articles: a,
// and b, the same story later on: its last 20 articles not yet in a, and
// every seventh article of a edited.
func synthSites(t *testing.T, a, b string) {
	t.Helper()
	synth(t, a, "-articles", "280", "-seed", "14", "-no-events")
	synth(t, b, "-articles", "300", "-seed", "14", "-no-events")
	var files []string
	filepath.WalkDir(filepath.Join(b, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	slices.Sort(files)
	for i, p := range files {
		if i%7 != 0 {
			continue
		}
		f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(f, "\nOn Monday, a spokesman said the talks would resume in Geneva (update %d).\n", i)
		f.Close()
	}
}

// runBuild runs timeline build --fresh of site into dest (its output does
// not depend on what dest held) and returns how long it took.
func runBuild(t *testing.T, bin, site, dest string, env ...string) time.Duration {
	t.Helper()
	cmd := exec.Command(bin, "build", "--quiet", "--fresh", "--source", site, "--dest", dest)
	cmd.Env = append(os.Environ(), env...)
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("timeline build --source %s --dest %s %v: %v\n%s", site, dest, env, err, out)
	}
	return time.Since(start)
}

// digest is a file's SHA-256, or "dir" for a folder.
type digest [sha256.Size]byte

var dirDigest = digest{'d', 'i', 'r'}

// hashTree returns every file under dir with the digest of its bytes, and
// every folder.
func hashTree(t *testing.T, dir string) map[string]digest {
	t.Helper()
	out := map[string]digest{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case rel == ".":
		case d.IsDir():
			out[filepath.ToSlash(rel)] = dirDigest
		case d.Type().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[filepath.ToSlash(rel)] = sha256.Sum256(b)
		default:
			return fmt.Errorf("%s: not a file or folder", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// treeDiff describes how got differs from want, "" when it does not.
func treeDiff(got, want map[string]digest) string {
	var missing, extra, changed []string
	for p, d := range want {
		if g, ok := got[p]; !ok {
			missing = append(missing, p)
		} else if g != d {
			changed = append(changed, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			extra = append(extra, p)
		}
	}
	if len(missing)+len(extra)+len(changed) == 0 {
		return ""
	}
	some := func(s []string) []string {
		slices.Sort(s)
		return s[:min(len(s), 5)]
	}
	return fmt.Sprintf("%d missing %q, %d extra %q, %d changed %q",
		len(missing), some(missing), len(extra), some(extra), len(changed), some(changed))
}

// strays lists what is beside the output folder public in out, but for its
// spare.
func strays(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var s []string
	for _, e := range entries {
		if n := e.Name(); n != "public" && n != ".public.prev" {
			s = append(s, n)
		}
	}
	return s
}

// TestKillBuild kills timeline build with SIGKILL at points spread over a
// build's duration, 25 times, each build going from the site in the
// output to the other of two sites of a few hundred articles: after each
// kill the output is exactly one of the two sites, byte for byte, and
// after the next build that is not killed no staging folder is left.
func TestKillBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 25 builds of a 300-article site")
	}
	bin := timelineBin(t)
	dir := t.TempDir()
	sites := [2]string{filepath.Join(dir, "a"), filepath.Join(dir, "b")}
	synthSites(t, sites[0], sites[1])
	var refs [2]map[string]digest
	var took time.Duration
	for i, site := range sites {
		ref := filepath.Join(dir, fmt.Sprintf("ref%d", i))
		took = max(took, runBuild(t, bin, site, ref))
		refs[i] = hashTree(t, ref)
	}
	if treeDiff(refs[0], refs[1]) == "" {
		t.Fatal("the two sites build the same output")
	}
	out := filepath.Join(dir, "out")
	dest := filepath.Join(out, "public")
	runBuild(t, bin, sites[0], dest)
	cur := 0 // the site in dest

	const kills = 25
	r := rand.New(rand.NewPCG(14, 9))
	var kept, replaced, finished, leftBehind int
	for i := range kills {
		next := 1 - cur
		// Stratified: kill i falls in the i-th of 25 slices of 1.2 times
		// a build's duration.
		at := time.Duration((float64(i) + r.Float64()) / kills * 1.2 * float64(took))
		// --fresh, as runBuild: a build keeps the ids of the last one.
		cmd := exec.Command(bin, "build", "--quiet", "--fresh", "--source", sites[next], "--dest", dest)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("build %d: %v\n%s", i, err, stderr.String())
			}
			finished++
		case <-time.After(at):
			cmd.Process.Kill() // SIGKILL
			<-done
		}
		got := hashTree(t, dest)
		switch {
		case treeDiff(got, refs[cur]) == "":
			kept++
		case treeDiff(got, refs[next]) == "":
			replaced++
			cur = next
		default:
			t.Fatalf("build %d killed after %v: the output is neither site:\nagainst the old: %s\nagainst the new: %s",
				i, at, treeDiff(got, refs[cur]), treeDiff(got, refs[next]))
		}
		if len(strays(t, out)) > 0 {
			leftBehind++ // a staging folder or the lock file
		}
	}
	// A build that is not killed cleans up.
	next := 1 - cur
	runBuild(t, bin, sites[next], dest)
	if d := treeDiff(hashTree(t, dest), refs[next]); d != "" {
		t.Errorf("after the last build: %s", d)
	}
	if s := strays(t, out); len(s) > 0 {
		t.Errorf("left beside the output after a successful build: %v", s)
	}
	t.Logf("build %v; %d kills: %d left the old site, %d the new (%d of them finished before the kill); something left beside the output by %d",
		took.Round(time.Millisecond), kills, kept, replaced, finished, leftBehind)
}

// TestConcurrentBuilds: two builds into one output folder never
// interleave. Started together while a third writer holds the folder's
// lock, both say so and wait; when it lets go they run one after the
// other and the output is the site, with nothing left beside it. Started
// together on their own, they succeed, at most one of them waits, and the
// output is the site.
func TestConcurrentBuilds(t *testing.T) {
	bin := timelineBin(t)
	dir := t.TempDir()
	site := seedCopy(t, filepath.Join(dir, "site"))
	ref := filepath.Join(dir, "ref")
	runBuild(t, bin, site, ref)
	want := hashTree(t, ref)
	out := filepath.Join(dir, "out")
	dest := filepath.Join(out, "public")

	type run struct {
		cmd    *exec.Cmd
		stderr *lockedBuffer
		done   chan error
	}
	startTwo := func() [2]*run {
		var runs [2]*run
		for i := range runs {
			r := &run{stderr: &lockedBuffer{}, done: make(chan error, 1)}
			r.cmd = exec.Command(bin, "build", "--quiet", "--source", site, "--dest", dest)
			r.cmd.Stderr = r.stderr
			if err := r.cmd.Start(); err != nil {
				t.Fatal(err)
			}
			go func() { r.done <- r.cmd.Wait() }()
			runs[i] = r
		}
		return runs
	}
	const waiting = "is writing " // timeline: another build (process N) is writing DEST; waiting for it to finish

	// A writer holds the lock: a stage of a site of one file.
	holder, err := output.NewStage(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := holder.WriteFile("index.html", []byte("held")); err != nil {
		t.Fatal(err)
	}
	runs := startTwo()
	wantMsg := fmt.Sprintf("timeline: another build (process %d) is writing %s; waiting for it to finish\n", os.Getpid(), dest)
	deadline := time.Now().Add(2 * time.Minute)
	for i, r := range runs {
		for !strings.Contains(r.stderr.String(), wantMsg) {
			select {
			case err := <-r.done:
				t.Fatalf("build %d ended while the lock was held: %v\n%s", i, err, r.stderr.String())
			case <-time.After(20 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				t.Fatalf("build %d does not say it waits; stderr: %q", i, r.stderr.String())
			}
		}
	}
	if _, err := os.Stat(dest); err == nil {
		t.Fatal("a build wrote the output while another held it")
	}
	if err := holder.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i, r := range runs {
		if err := <-r.done; err != nil {
			t.Fatalf("build %d: %v\n%s", i, err, r.stderr.String())
		}
	}
	if d := treeDiff(hashTree(t, dest), want); d != "" {
		t.Errorf("output after two waiting builds: %s", d)
	}
	if s := strays(t, out); len(s) > 0 {
		t.Errorf("left beside the output: %v", s)
	}

	// Two builds on their own.
	runs = startTwo()
	waited := 0
	for i, r := range runs {
		if err := <-r.done; err != nil {
			t.Fatalf("build %d: %v\n%s", i, err, r.stderr.String())
		}
		switch s := r.stderr.String(); {
		case strings.Contains(s, waiting):
			waited++
		case s != "":
			t.Errorf("build %d: stderr %q", i, s)
		}
	}
	if waited > 1 {
		t.Errorf("both builds waited")
	}
	if d := treeDiff(hashTree(t, dest), want); d != "" {
		t.Errorf("output after two builds at once: %s", d)
	}
	if s := strays(t, out); len(s) > 0 {
		t.Errorf("left beside the output: %v", s)
	}
	t.Logf("two builds at once: %d waited for the other", waited)
}

// TestDeterministicOutput builds the same site in separate processes with
// GOMAXPROCS=1 and 8 (and so different map iteration orders too: each
// process draws its own): every file of the output has the same bytes.
// The seed site always; with a site of a few hundred articles unless
// -short.
func TestDeterministicOutput(t *testing.T) {
	bin := timelineBin(t)
	dir := t.TempDir()
	sites := map[string]string{"seed": seedCopy(t, filepath.Join(dir, "seed"))}
	if !testing.Short() {
		sites["synth-300"] = synth(t, filepath.Join(dir, "synth"), "-articles", "300", "-seed", "3")
	}
	for name, site := range sites {
		t.Run(name, func(t *testing.T) {
			runs := []string{"GOMAXPROCS=1", "GOMAXPROCS=8"}
			if name == "seed" {
				runs = append(runs, "GOMAXPROCS=8") // again: another map order
			}
			var first map[string]digest
			for i, env := range runs {
				dest := filepath.Join(dir, fmt.Sprintf("%s-%d", name, i))
				runBuild(t, bin, site, dest, env)
				got := hashTree(t, dest)
				if first == nil {
					first = got
					t.Logf("%d files and folders", len(got))
					continue
				}
				if d := treeDiff(got, first); d != "" {
					t.Errorf("%s differs from %s: %s", env, runs[0], d)
				}
			}
		})
	}
}

// seedCopy copies the bundled site (config.toml and content/) into dir.
func seedCopy(t *testing.T, dir string) string {
	t.Helper()
	files, err := filepath.Glob("../../content/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed articles: %v", err)
	}
	for _, f := range append(files, "../../config.toml") {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, strings.TrimPrefix(f, "../../"))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
