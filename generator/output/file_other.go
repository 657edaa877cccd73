//go:build !unix

package output

import "os"

// fdFile is a file of the site (see file_unix.go).
type fdFile struct{ *os.File }

// openFile opens the file name as os.OpenFile does.
func openFile(name string, flag int, perm os.FileMode) (*fdFile, error) {
	f, err := os.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return &fdFile{f}, nil
}

// Size returns the size of the file.
func (f *fdFile) Size() (int64, error) {
	info, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return info.Size(), nil
}
