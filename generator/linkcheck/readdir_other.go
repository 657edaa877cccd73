//go:build !linux

package linkcheck

import "os"

// readDir calls fn with the name of every entry of the folder name and
// whether it is a folder (symbolic links are not).
func readDir(name string, buf []byte, fn func(name []byte, isDir bool)) ([]byte, error) {
	ents, err := os.ReadDir(name)
	for _, e := range ents {
		fn([]byte(e.Name()), e.IsDir())
	}
	return buf, err
}
