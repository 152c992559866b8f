package compose

import "path/filepath"

// IsOverride reports whether name is an override file that docker compose
// merges over the default file beside it. Load adds it to that file, so a
// caller that finds both should load the default file alone: loading the
// override on its own would lint a partial service twice.
func IsOverride(name string) bool {
	base := filepath.Base(name)
	for _, n := range overrideNames() {
		if base == n {
			return true
		}
	}
	return false
}
