package linkcheck

import (
	"encoding/binary"
	"syscall"
)

// readDir calls fn with the name of every entry of the folder name but
// "." and "..", and whether it is a folder (symbolic links are not). It
// reads the entries with getdents64 into buf, which it returns for reuse:
// os.ReadDir also allocates an entry for each name and sorts them.
func readDir(name string, buf []byte, fn func(name []byte, isDir bool)) ([]byte, error) {
	if len(buf) < 8<<10 {
		buf = make([]byte, 8<<10)
	}
	var fd int
	var err error
	for {
		fd, err = syscall.Open(name, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return buf, &pathError{name, err}
	}
	defer syscall.Close(fd)
	for {
		n, err := syscall.ReadDirent(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return buf, &pathError{name, err}
		}
		if n <= 0 {
			return buf, nil
		}
		// struct linux_dirent64: ino u64, off s64, reclen u16, type u8, name.
		for b := buf[:n]; len(b) >= 19; {
			reclen := int(binary.NativeEndian.Uint16(b[16:18]))
			if reclen < 19 || reclen > len(b) {
				break
			}
			typ, ent := b[18], b[19:reclen]
			b = b[reclen:]
			for i, c := range ent {
				if c == 0 {
					ent = ent[:i]
					break
				}
			}
			if len(ent) == 0 || string(ent) == "." || string(ent) == ".." {
				continue
			}
			isDir := typ == syscall.DT_DIR
			if typ == syscall.DT_UNKNOWN {
				var st syscall.Stat_t
				if err := syscall.Lstat(name+"/"+string(ent), &st); err != nil {
					return buf, &pathError{name, err}
				}
				isDir = st.Mode&syscall.S_IFMT == syscall.S_IFDIR
			}
			fn(ent, isDir)
		}
	}
}
