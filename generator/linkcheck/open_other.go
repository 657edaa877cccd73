//go:build !unix

package linkcheck

import (
	"io"
	"os"
)

func openFile(name string) (io.ReadCloser, error) { return os.Open(name) }

func openRegular(name string) (io.ReadCloser, error) { return os.Open(name) }

// fileSize returns the size of an open file, or 0 when it is unknown.
func fileSize(f io.ReadCloser) int {
	if of, ok := f.(*os.File); ok {
		if info, err := of.Stat(); err == nil && info.Mode().IsRegular() && info.Size() < 1<<40 {
			return int(info.Size())
		}
	}
	return 0
}
