package scan

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// skipDirs are directories that hold no code of the repository's own.
var skipDirs = map[string]bool{".git": true, "node_modules": true, "vendor": true, ".hg": true, ".svn": true}

// shebang matches the interpreters whose scripts are read as shell.
var shebang = regexp.MustCompile(`^#!\s*(/usr)?(/local)?/bin/(env\s+)?(ba|da|k|z)?sh\b`)

// ShellFiles lists the shell scripts at path: path itself when it is a
// file (an explicit file is always read), else the scripts found under the
// directory by extension (.sh, .bash) or by a shell shebang line. Errors
// for unreadable entries are returned beside the files found.
func ShellFiles(path string) ([]string, []error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, []error{fmt.Errorf("stat %s: %w", path, err)}
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	var files []string
	var errs []error
	walkErr := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, fmt.Errorf("walk %s: %w", p, err))
			return nil
		}
		if d.IsDir() {
			if p != path && skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		ok, err := isShellScript(p)
		if err != nil {
			errs = append(errs, err)
		}
		if ok {
			files = append(files, p)
		}
		return nil
	})
	if walkErr != nil {
		errs = append(errs, fmt.Errorf("walk %s: %w", path, walkErr))
	}
	sort.Strings(files)
	return files, errs
}

func isShellScript(p string) (bool, error) {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".sh", ".bash":
		return true, nil
	case "":
	default:
		return false, nil
	}
	f, err := os.Open(p)
	if err != nil {
		return false, fmt.Errorf("open %s: %w", p, err)
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil && line == "" {
		return false, nil //nolint:nilerr // an empty or unreadable first line is simply not a shebang
	}
	return shebang.MatchString(line), nil
}
