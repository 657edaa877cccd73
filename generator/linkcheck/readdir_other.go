//go:build !linux

package linkcheck

import "os"

// readDir calls fn with the name of every entry of the folder name and
// its type.
func readDir(name string, buf []byte, fn func(name []byte, typ entryType)) ([]byte, error) {
	ents, err := os.ReadDir(name)
	for _, e := range ents {
		switch {
		case e.IsDir():
			fn([]byte(e.Name()), entryDir)
		case e.Type().IsRegular():
			fn([]byte(e.Name()), entryRegular)
		default:
			fn([]byte(e.Name()), entryOther)
		}
	}
	return buf, err
}
