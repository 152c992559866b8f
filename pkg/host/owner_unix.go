//go:build unix

package host

import (
	"io/fs"
	"syscall"
)

// systemOwner reads the owner from the stat data of a file read from the
// operating system (os.DirFS).
func systemOwner(fi fs.FileInfo) (Owner, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || st == nil {
		return Owner{}, false
	}
	return Owner{UID: int(st.Uid), GID: int(st.Gid)}, true
}
