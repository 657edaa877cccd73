package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestInstall runs the scripts in testdata/install: "go install
// ./cmd/timeline" into an empty GOPATH, then the installed binary outside
// the repository. They share the build and module caches (the
// compilation is cached; no network is used); -short skips them.
func TestInstall(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not installing timeline")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	goEnv := func(name string) string {
		out, err := exec.Command(goCmd, "env", name).Output()
		if err != nil {
			t.Fatalf("go env %s: %v", name, err)
		}
		return strings.TrimSpace(string(out))
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	gocache, modcache := goEnv("GOCACHE"), goEnv("GOMODCACHE")
	// [checkout]: the repository is a git checkout, so go install stamps
	// the commit into the binary.
	// A linked worktree (git worktree add) has a .git file, not a folder,
	// and the go command stamps no commit there.
	fi, err := os.Stat(filepath.Join(repo, ".git"))
	checkout := err == nil && fi.IsDir() && exec.Command("git", "-C", repo, "rev-parse", "HEAD").Run() == nil
	testscript.Run(t, testscript.Params{
		Dir: "testdata/install",
		Condition: func(cond string) (bool, error) {
			if cond == "checkout" {
				return checkout, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Setup: func(e *testscript.Env) error {
			e.Setenv("REPO", repo)
			e.Setenv("GOCACHE", gocache)
			e.Setenv("GOMODCACHE", modcache)
			e.Setenv("GOPROXY", "off")
			e.Setenv("GOTOOLCHAIN", "local")
			e.Setenv("GOFLAGS", "-mod=readonly")
			return nil
		},
	})
}
