//go:build unix

package output

import (
	"io"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// fdFile is a file of the site used through plain system calls. An
// os.File would also make the descriptor non-blocking and offer it to the
// network poller, which refuses regular files: on Linux four fcntl and
// one epoll_ctl calls more for each of the site's thousands of files, a
// fifth of the system time of writing one that is already there.
type fdFile struct {
	fd   int
	name string
}

// openFile opens the file name as os.OpenFile does.
func openFile(name string, flag int, perm os.FileMode) (*fdFile, error) {
	for {
		fd, err := unix.Open(name, flag|unix.O_CLOEXEC, uint32(perm.Perm()))
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &fdFile{fd: fd, name: name}, nil
	}
}

func (f *fdFile) Read(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	for {
		n, err := unix.Read(f.fd, b)
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return 0, &fs.PathError{Op: "read", Path: f.name, Err: err}
		case n == 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f *fdFile) Write(b []byte) (int, error) {
	written := 0
	for written < len(b) {
		n, err := unix.Write(f.fd, b[written:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return written, &fs.PathError{Op: "write", Path: f.name, Err: err}
		}
		if n == 0 {
			return written, io.ErrShortWrite
		}
		written += n
	}
	return written, nil
}

func (f *fdFile) Seek(offset int64, whence int) (int64, error) {
	off, err := unix.Seek(f.fd, offset, whence)
	if err != nil {
		return 0, &fs.PathError{Op: "seek", Path: f.name, Err: err}
	}
	return off, nil
}

// Size returns the size of the file.
func (f *fdFile) Size() (int64, error) {
	var st unix.Stat_t
	if err := unix.Fstat(f.fd, &st); err != nil {
		return 0, &fs.PathError{Op: "stat", Path: f.name, Err: err}
	}
	return st.Size, nil
}

func (f *fdFile) Truncate(size int64) error {
	for {
		err := unix.Ftruncate(f.fd, size)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return &fs.PathError{Op: "truncate", Path: f.name, Err: err}
		}
		return nil
	}
}

// Close closes the file; it is not retried on EINTR, after which the
// descriptor is closed all the same on Linux.
func (f *fdFile) Close() error {
	if f.fd < 0 {
		return &fs.PathError{Op: "close", Path: f.name, Err: fs.ErrClosed}
	}
	err := unix.Close(f.fd)
	f.fd = -1
	if err != nil {
		return &fs.PathError{Op: "close", Path: f.name, Err: err}
	}
	return nil
}
