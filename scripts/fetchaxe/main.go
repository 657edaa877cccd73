// Command fetchaxe fetches axe-core, the accessibility checker the
// browser tests run in the pages, from the npm registry with nothing but
// Go (make axe): the package's tarball at a pinned version, checked
// against its pinned SHA-256, and its axe.min.js written to the path
// given.
//
//	go run ./scripts/fetchaxe generator/build/testdata/axe/axe.min.js
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

const (
	version = "4.11.0"
	url     = "https://registry.npmjs.org/axe-core/-/axe-core-" + version + ".tgz"
	sum     = "39bed7d72308f6d620789c169d699bfd7e8da80f65b545821a6b2215c3e83107"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: fetchaxe FILE")
		os.Exit(2)
	}
	if err := fetch(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "fetchaxe:", err)
		os.Exit(1)
	}
}

func fetch(dest string) error {
	client := &http.Client{Timeout: 2 * time.Minute}
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", url, resp.Status)
	}
	tgz, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if got := sha256.Sum256(tgz); hex.EncodeToString(got[:]) != sum {
		return fmt.Errorf("%s: SHA-256 %x, want %s", url, got, sum)
	}
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return fmt.Errorf("%s has no package/axe.min.js", url)
		}
		if err != nil {
			return err
		}
		if h.Name != "package/axe.min.js" {
			continue
		}
		js, err := io.ReadAll(tr)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dest, js, 0o644)
	}
}
