package scan

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// File is a file to lint and the kind it was recognised as.
type File struct {
	Path string
	Kind Kind
}

// FilesOptions tune the directory walk.
type FilesOptions struct {
	// Exclude holds globs, gitignore syntax, of paths not to read when
	// walking a directory.
	Exclude []string
	// NoGitignore turns off .gitignore handling.
	NoGitignore bool
}

// headSize is how much of a file is read to recognise it. YAML and JSON
// are read whole: their kind depends on their structure.
const headSize = 4096

// Files lists the files to lint at paths. A file named explicitly is
// always read, as shell when its kind is not recognised. A directory is
// walked in name order: .gitignore files (nested ones too) and the Exclude
// globs are honoured, directories such as .git and node_modules skipped,
// and only files of a recognised kind kept. Paths that cannot be read are
// reported in the errors, and the walk goes on.
func Files(paths []string, opts FilesOptions) ([]File, []error) {
	var files []File
	var errs []error
	excl := parseIgnore("", strings.Join(opts.Exclude, "\n"))
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("stat %s: %w", p, err))
			continue
		}
		if !info.IsDir() {
			k, err := classifyFile(p)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if k == KindUnknown {
				k = explicitKind(p)
			}
			files = append(files, File{Path: p, Kind: k})
			continue
		}
		w := walker{root: p, excl: excl, gitignore: !opts.NoGitignore}
		var outer []ignoreList
		if w.gitignore {
			outer = outerIgnores(p)
		}
		w.dir("", outer)
		files = append(files, w.files...)
		errs = append(errs, w.errs...)
	}
	return files, errs
}

// walker walks one directory given on the command line.
type walker struct {
	root      string
	excl      ignoreList
	gitignore bool
	files     []File
	errs      []error
}

// dir walks rel (slash-separated, relative to the root) with the ignore
// lists of its parents.
func (w *walker) dir(rel string, lists []ignoreList) {
	abs := filepath.Join(w.root, filepath.FromSlash(rel))
	entries, err := os.ReadDir(abs)
	if err != nil {
		w.errs = append(w.errs, fmt.Errorf("read directory %s: %w", abs, err))
		return
	}
	if w.gitignore {
		data, err := os.ReadFile(filepath.Join(abs, ".gitignore"))
		switch {
		case err == nil:
			lists = append(lists[:len(lists):len(lists)], parseIgnore(rel, string(data)))
		case !errors.Is(err, fs.ErrNotExist):
			w.errs = append(w.errs, fmt.Errorf("read %s: %w", filepath.Join(abs, ".gitignore"), err))
		}
	}
	for _, e := range entries {
		name := e.Name()
		sub := name
		if rel != "" {
			sub = rel + "/" + name
		}
		isDir := e.IsDir()
		if isDir && skipDirs[name] {
			continue
		}
		if ignored(lists, sub, isDir) || ignored([]ignoreList{w.excl}, sub, isDir) {
			continue
		}
		if isDir {
			w.dir(sub, lists)
			continue
		}
		if !e.Type().IsRegular() {
			continue
		}
		p := filepath.Join(abs, name)
		k, err := classifyFile(p)
		if err != nil {
			w.errs = append(w.errs, err)
			continue
		}
		if k != KindUnknown {
			w.files = append(w.files, File{Path: p, Kind: k})
		}
	}
}

// classifyFile recognises a file by its name, reading its content only
// when the name does not tell and the content may: YAML, JSON, and files
// with no extension (a shebang, inspect output saved without one).
func classifyFile(p string) (Kind, error) {
	if k := Classify(p, nil); k != KindUnknown {
		return k, nil
	}
	ext := strings.ToLower(filepath.Ext(p))
	if ext != "" && ext != ".yml" && ext != ".yaml" && ext != ".json" {
		return KindUnknown, nil
	}
	f, err := os.Open(p)
	if err != nil {
		return KindUnknown, fmt.Errorf("open %s: %w", p, err)
	}
	defer f.Close()
	var r io.Reader = f
	if ext != ".yml" && ext != ".yaml" && ext != ".json" {
		r = io.LimitReader(f, headSize)
	}
	head, err := io.ReadAll(r)
	if err != nil {
		return KindUnknown, fmt.Errorf("read %s: %w", p, err)
	}
	return Classify(p, head), nil
}

// explicitKind is how a file named explicitly but not recognised is read:
// YAML for its script lists (a CI file of some other system), anything
// else as shell.
func explicitKind(p string) Kind {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".yml", ".yaml":
		return KindGitLab
	}
	return KindShell
}

// outerIgnores returns the ignore lists that apply to dir from above it:
// the .gitignore files of its parents up to the repository root (the
// directory holding .git) and that root's .git/info/exclude. Outside a
// repository there are none.
func outerIgnores(dir string) []ignoreList {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	var lists []ignoreList
	rel := ""
	for cur := abs; ; {
		parent := filepath.Dir(cur)
		if _, err := os.Stat(filepath.Join(cur, ".git")); err == nil {
			if data, err := os.ReadFile(filepath.Join(cur, ".git", "info", "exclude")); err == nil {
				lists = append(lists, ignoreList{above: rel, rules: parseIgnore("", string(data)).rules})
			}
			break
		}
		if parent == cur {
			return nil
		}
		rel = filepath.ToSlash(filepath.Join(filepath.Base(cur), filepath.FromSlash(rel)))
		cur = parent
		if data, err := os.ReadFile(filepath.Join(cur, ".gitignore")); err == nil {
			lists = append(lists, ignoreList{above: rel, rules: parseIgnore("", string(data)).rules})
		}
	}
	// Outermost first: deeper files override.
	for i, j := 0, len(lists)-1; i < j; i, j = i+1, j-1 {
		lists[i], lists[j] = lists[j], lists[i]
	}
	return lists
}
