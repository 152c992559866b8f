package inspect

import (
	"testing"
)

// FuzzInspect checks that no input makes Parse panic and that every spec
// it returns has a position in the file.
func FuzzInspect(f *testing.F) {
	f.Add(`[{"Id": "a", "Name": "/x", "HostConfig": {"Binds": ["/:/h"]}, "Mounts": [{"Type": "bind", "Source": "/", "Destination": "/h", "RW": true}]}]`)
	f.Add(`{"Id": "a", "HostConfig": {"LogConfig": {"Type": "json-file", "Config": {"max-size": "1m"}}}, "Mounts": [{"Name": "v", "Driver": "local"}]}`)
	f.Add("[\n\t{\"Id\": 1}]")
	f.Fuzz(func(t *testing.T, data string) {
		specs, _, err := Parse("f.json", []byte(data))
		if err != nil {
			return
		}
		for _, s := range specs {
			if s.Origin.Line < 1 || s.Origin.File != "f.json" {
				t.Fatalf("spec without origin: %+v", s.Origin)
			}
		}
	})
}
