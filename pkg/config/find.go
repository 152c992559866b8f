package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Find returns the path of the .rungate.yaml nearest to dir: in dir or a
// parent, stopping at the repository root (the directory holding .git).
// Outside a repository the search goes up to the file system root. ok is
// false when there is none.
func Find(dir string) (path string, ok bool, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false, err
	}
	for cur := abs; ; {
		p := filepath.Join(cur, FileName)
		switch st, err := os.Stat(p); {
		case err == nil && st.Mode().IsRegular():
			return p, true, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return "", false, err
		}
		if _, err := os.Stat(filepath.Join(cur, ".git")); err == nil {
			return "", false, nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return "", false, nil
		}
		cur = parent
	}
}
