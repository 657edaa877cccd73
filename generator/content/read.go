package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/timeline-dev/timeline/generator/diag"
)

// MaxSize is the largest article file, in bytes: 1 MiB, four times the
// longest article of the Timeline17 corpus (about 240 KB). Extraction and
// grouping grow faster than the text (a 10 MB file of real prose builds in
// 14 s and 300 MB, a 5 MB one of repeated sentences in 8 minutes), so a
// larger file is refused before it is read rather than left to stall a
// build or a preview.
const MaxSize = 1 << 20

// ReadFile reads the article at the slash path p of the site (e.g.
// "content/a.md"), refusing what cannot be an article before reading it:
// a file larger than MaxSize, something other than a regular file (a
// named pipe would block the build forever), a symbolic link that loops,
// dangles or leads outside the site (a pull request could otherwise
// publish, or print in an error, any file the build can read). Problems
// are *diag.Error values naming p; a file that does not exist gives an
// error satisfying errors.Is(err, fs.ErrNotExist).
func ReadFile(site, p string) ([]byte, error) {
	full := filepath.Join(site, filepath.FromSlash(p))
	info, err := os.Lstat(full)
	if err != nil {
		return nil, readError(p, err)
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		if info, err = followLink(site, p, full); err != nil {
			return nil, err
		}
	}
	if !info.Mode().IsRegular() {
		return nil, &diag.Error{File: p, Msg: fmt.Sprintf("%s, not a regular file: an article is a Markdown text file", kindOf(info.Mode())),
			Hint: "remove it from content/, or rename it so that it does not end in .md"}
	}
	if info.Size() > MaxSize {
		return nil, sizeError(p, info.Size())
	}
	f, err := os.Open(full)
	if err != nil {
		return nil, readError(p, err)
	}
	defer f.Close()
	// The file may grow between Lstat and now: never read more than
	// MaxSize+1 bytes. The buffer is of the size Lstat gave (and room to
	// see the end), not grown as io.ReadAll grows it, to twice what the
	// article needs at worst: the build keeps every source.
	var buf bytes.Buffer
	buf.Grow(int(info.Size()) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxSize+1)); err != nil {
		return nil, readError(p, err)
	}
	src := buf.Bytes()
	if len(src) > MaxSize {
		return nil, sizeError(p, int64(len(src)))
	}
	return src, nil
}

// followLink checks the symbolic link at full (the site's path p) and
// returns what it leads to.
func followLink(site, p, full string) (fs.FileInfo, error) {
	target, _ := os.Readlink(full)
	info, err := os.Stat(full)
	switch {
	case errors.Is(err, syscall.ELOOP):
		return nil, &diag.Error{File: p, Msg: fmt.Sprintf("symbolic link loop: %s leads back to itself", p),
			Hint: "replace the link by the file it should lead to"}
	case errors.Is(err, fs.ErrNotExist):
		return nil, &diag.Error{File: p, Msg: fmt.Sprintf("symbolic link to %s, which does not exist", target)}
	case err != nil:
		return nil, readError(p, err)
	}
	root, err1 := filepath.EvalSymlinks(site)
	dest, err2 := filepath.EvalSymlinks(full)
	if err := errors.Join(err1, err2); err != nil {
		return nil, readError(p, err)
	}
	if !Inside(root, dest) {
		return nil, &diag.Error{File: p, Msg: fmt.Sprintf("symbolic link to %s, outside the site: a build reads only the site's own files", target),
			Hint: "copy the file into content/, or link to a file inside the site"}
	}
	return info, nil
}

// Inside reports whether the path p is dir or lies below it. Both must be
// absolute or both relative, and clean of symbolic links.
func Inside(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func kindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// readError reports an error from the file system at p, without the
// absolute path the os package puts in it. A file that does not exist
// gives err itself.
func readError(p string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return fileError(p, "cannot read the file", err)
}

// fileError is what went wrong at p: "what: cause".
func fileError(p, what string, err error) *diag.Error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	e := &diag.Error{File: p, Msg: fmt.Sprintf("%s: %v", what, err)}
	if errors.Is(err, fs.ErrPermission) {
		e.Hint = "give the user running the build permission to read it (chmod a+rX), or remove it from content/"
	}
	return e
}

func sizeError(p string, size int64) *diag.Error {
	return &diag.Error{File: p, Msg: fmt.Sprintf("the file is %s; an article may be at most %s (content.MaxSize)", bytesize(size), bytesize(MaxSize)),
		Hint: "split it into several articles, or remove what is not the article's text"}
}

// bytesize formats a size in bytes: "1 MiB", "50.0 MiB", "800 KiB".
func bytesize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// checkText reports a file that is not UTF-8 text: one with a NUL byte (a
// binary file named .md) or a byte sequence that is not UTF-8 (a file saved
// in Windows-1252 or Latin-1). The error is at the first such byte.
func checkText(path string, src []byte) *diag.Error {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		e := textError(path, src, i, "NUL byte: an article is Markdown text, and this looks like a binary file")
		e.Hint = "is it really an article? Remove it from content/ or rename it so that it does not end in .md"
		return e
	}
	if utf8.Valid(src) {
		return nil
	}
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			e := textError(path, src, i, "invalid UTF-8 (byte 0x%02x): an article must be saved as UTF-8", src[i])
			e.Hint = "the file is probably in another encoding (Windows-1252, Latin-1); save it as UTF-8, or convert it: iconv -f WINDOWS-1252 -t UTF-8"
			return e
		}
		i += n
	}
	return nil
}

// textError is an error at offset i of src, shown with its line made
// printable (or without it, when the line is long, as a binary's are).
func textError(path string, src []byte, i int, format string, args ...any) *diag.Error {
	e := diag.At(path, src, i, format, args...)
	if len(e.Source) > 200 {
		e.Source = ""
	}
	e.Source = strings.Map(func(r rune) rune {
		if r < ' ' && r != '\t' {
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(e.Source, string(utf8.RuneError)))
	return e
}
