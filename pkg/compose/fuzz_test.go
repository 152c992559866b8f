package compose

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/rungate/rungate/pkg/runspec"
)

// FuzzLoad loads arbitrary bytes as a compose file with no file access:
// it must never panic, and every spec it returns must point into the file.
// Seeds are the fixtures and testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	fixtures, err := filepath.Glob("testdata/*/*.y*ml")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range fixtures {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if wideRange(data) {
			// compose-go expands a port range into one entry per port and
			// takes seconds over "1-65535"; that is its cost, not a hang of
			// ours, and it would stall the fuzzer.
			t.Skip("wide port range")
		}
		specs, errs := Load(t.Context(), Options{WorkingDir: "/fuzz", Env: map[string]string{"SET": "v"}},
			File{Name: "/fuzz/compose.yaml", Data: data})
		for _, e := range errs {
			if e.File == "" || e.Message == "" {
				t.Fatalf("error without file or message: %+v", e)
			}
		}
		for _, s := range specs {
			if s.Kind != runspec.KindCompose || s.Create.HostConfig == nil || s.Create.Config == nil {
				t.Fatalf("incomplete spec %+v", s)
			}
			for k, p := range s.Positions {
				if p.File != "/fuzz/compose.yaml" || p.Line < 1 {
					t.Fatalf("position %s = %+v outside the file", k, p)
				}
			}
			_ = runspec.Derive(s)
		}
	})
}

var portRange = regexp.MustCompile(`(\d+)\s*-\s*(\d+)`)

// wideRange reports whether data holds a numeric range of more than 2000.
func wideRange(data []byte) bool {
	for _, m := range portRange.FindAllSubmatch(data, -1) {
		a, _ := strconv.Atoi(string(m[1]))
		b, _ := strconv.Atoi(string(m[2]))
		if b-a > 2000 || len(m[2]) > 6 {
			return true
		}
	}
	return false
}
