//go:build unix

package linkcheck

import (
	"io"
	"runtime"
	"syscall"
)

// rawFile reads a file with plain system calls: os.Open also registers
// every file with the network poller, a wasted system call per page on a
// site with a folder per page.
type rawFile struct {
	fd int
	// shortIsEOF says that a read returning less than asked for reached
	// the end of the file, which is so for a regular file (Linux reads
	// all that is asked of one but at its end): the read that would
	// return 0 is not made, a system call per page saved.
	shortIsEOF bool
	eof        bool
}

func openFile(name string) (io.ReadCloser, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &pathError{name, err}
		}
		return &rawFile{fd: fd}, nil
	}
}

// openRegular opens a file the walk saw as a regular file (see rawFile).
func openRegular(name string) (io.ReadCloser, error) {
	f, err := openFile(name)
	if err == nil && runtime.GOOS == "linux" {
		f.(*rawFile).shortIsEOF = true
	}
	return f, err
}

func (f *rawFile) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if f.eof {
		return 0, io.EOF
	}
	for {
		n, err := syscall.Read(f.fd, p)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, err
		}
		if n == 0 {
			return 0, io.EOF
		}
		f.eof = f.shortIsEOF && n < len(p)
		return n, nil
	}
}

func (f *rawFile) Close() error { return syscall.Close(f.fd) }

// fileSize returns the size of an open file, or 0 when it is unknown.
func fileSize(f io.ReadCloser) int {
	var st syscall.Stat_t
	if rf, ok := f.(*rawFile); ok && syscall.Fstat(rf.fd, &st) == nil && st.Mode&syscall.S_IFMT == syscall.S_IFREG {
		return int(st.Size)
	}
	return 0
}
