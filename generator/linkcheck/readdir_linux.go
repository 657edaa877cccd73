package linkcheck

import (
	"encoding/binary"
	"syscall"
)

// readDir calls fn with the name of every entry of the folder name but
// "." and "..", and its type: a folder (symbolic links are not), a
// regular file, or something else (a symbolic link, a device…). It
// reads the entries with getdents64 into buf, which it returns for reuse:
// os.ReadDir also allocates an entry for each name and sorts them.
func readDir(name string, buf []byte, fn func(name []byte, typ entryType)) ([]byte, error) {
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
			if typ == syscall.DT_UNKNOWN {
				var st syscall.Stat_t
				if err := syscall.Lstat(name+"/"+string(ent), &st); err != nil {
					return buf, &pathError{name, err}
				}
				typ = syscall.DT_LNK // neither
				switch st.Mode & syscall.S_IFMT {
				case syscall.S_IFDIR:
					typ = syscall.DT_DIR
				case syscall.S_IFREG:
					typ = syscall.DT_REG
				}
			}
			switch typ {
			case syscall.DT_DIR:
				fn(ent, entryDir)
			case syscall.DT_REG:
				fn(ent, entryRegular)
			default:
				fn(ent, entryOther)
			}
		}
	}
}
