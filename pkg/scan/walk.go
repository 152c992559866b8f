package scan

import (
	"regexp"
)

// skipDirs are directories that hold no code of the repository's own.
var skipDirs = map[string]bool{".git": true, "node_modules": true, "vendor": true, ".hg": true, ".svn": true}

// shebang matches the interpreters whose scripts are read as shell.
var shebang = regexp.MustCompile(`^#!\s*(/usr)?(/local)?/bin/(env\s+)?(ba|da|k|z)?sh\b`)
