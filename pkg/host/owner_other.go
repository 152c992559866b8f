//go:build !unix

package host

import "io/fs"

// systemOwner: files have no unix owner here.
func systemOwner(fs.FileInfo) (Owner, bool) { return Owner{}, false }
