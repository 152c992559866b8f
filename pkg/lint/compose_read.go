package lint

import (
	"fmt"
	"os"
)

// maxComposeRef bounds a file that a compose file names (extends, include,
// .env, the override file): a compose file in a repository must not make
// the linter read a device or a huge file.
const maxComposeRef = 8 << 20

// readRegular reads a regular file of bounded size.
func readRegular(name string) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("read %s: not a regular file", name)
	}
	if st.Size() > maxComposeRef {
		return nil, fmt.Errorf("read %s: larger than %d bytes", name, maxComposeRef)
	}
	return os.ReadFile(name)
}
