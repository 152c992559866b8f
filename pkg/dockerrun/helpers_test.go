package dockerrun_test

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/rungate/rungate/pkg/dockerrun"
	"github.com/rungate/rungate/pkg/runspec"
)

// testFile is the file name every test position carries.
const testFile = "run.sh"

// lineWords splits a line on single spaces into words positioned as they
// would be on line `line` of testFile (columns are 1-based byte offsets).
// A word written as $NAME or containing ${ is marked unresolved, as the
// script scanner would.
func lineWords(line int, s string) []runspec.Word {
	var words []runspec.Word
	col := 1
	for _, text := range strings.Split(s, " ") {
		if text != "" {
			words = append(words, runspec.Word{
				Text:       text,
				Pos:        runspec.Pos{File: testFile, Line: line, Column: col},
				Unresolved: strings.HasPrefix(text, "$") || strings.Contains(text, "${"),
			})
		}
		col += len(text) + 1
	}
	return words
}

// argvWords positions each argument on line 1, one column apart, for
// arguments that contain spaces.
func argvWords(args ...string) []runspec.Word {
	return runspec.Words(runspec.Pos{File: testFile, Line: 1, Column: 1}, args...)
}

// testOptions is the world of a test: the CLI runs in /w with env set and
// the given files readable (relative to /w or absolute).
func testOptions(env, files map[string]string) dockerrun.Options {
	return dockerrun.Options{
		WorkDir: "/w",
		File:    testFile,
		LookupEnv: func(k string) (string, bool) {
			v, ok := env[k]
			return v, ok
		},
		ReadFile: func(name string) ([]byte, error) {
			if c, ok := files[name]; ok {
				return []byte(c), nil
			}
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		},
	}
}

// bodyField returns the JSON of one field of the create body: a top-level
// (Config) field such as "Env", or "HostConfig.X" / "NetworkingConfig.X".
func bodyField(t *testing.T, spec *runspec.Spec, path string) string {
	t.Helper()
	raw, err := json.Marshal(spec.Create)
	if err != nil {
		t.Fatalf("marshal body: %v", err)
	}
	var body map[string]json.RawMessage
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("unmarshal body: %v", err)
	}
	outer, inner, nested := strings.Cut(path, ".")
	v, ok := body[outer]
	if !ok {
		return "<absent>"
	}
	if !nested {
		return string(v)
	}
	var sub map[string]json.RawMessage
	if err := json.Unmarshal(v, &sub); err != nil {
		t.Fatalf("unmarshal %s: %v", outer, err)
	}
	if v, ok = sub[inner]; !ok {
		return "<absent>"
	}
	return string(v)
}

// sameJSON compares two JSON texts by value.
func sameJSON(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return a == b
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}
