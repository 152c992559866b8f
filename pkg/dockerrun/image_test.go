package dockerrun_test

import (
	"runtime"
	"strings"
	"testing"

	"github.com/rungate/rungate/pkg/dockerrun"
	"github.com/rungate/rungate/pkg/runspec"
)

// TestImageReferences replays the docker CLI 28.2.2's verdicts on image
// names (recorded with `docker create IMAGE` against a stand-in daemon).
func TestImageReferences(t *testing.T) {
	hex64 := strings.Repeat("0", 64)
	cases := []struct {
		image string
		ok    bool
	}{
		{"alpine", true}, {"alpine:latest", true}, {"alpine:Lat.est-1_", true},
		{"Alpine", false}, {"alpine:", false}, {"alpine:-x", false}, {"alpine@sha256:abc", false},
		{"alpine@sha256:" + hex64, true}, {"sha256:" + hex64, true}, {strings.Repeat("a", 64), true},
		{strings.Repeat("A", 64), false}, {strings.Repeat("a", 63), true},
		{"localhost:5000/a/b:tag", true}, {"Localhost/a", true}, {"LOCALHOST:5000/a", true},
		{"Example.com/a", true}, {"example.com/A", false}, {"localhost/A", false}, {"foo:5/A", false},
		{"Foo/a", true}, {"A.b/x", true}, {"ex_ample.com/a", true},
		{"a..b", false}, {"a__b", true}, {"a___b", false}, {"a-b", true}, {"a--b", true}, {"a.b", true},
		{".a", false}, {"a.", false}, {"_a", false}, {"a/b/c/d", true}, {"a//b", false}, {"a/", false},
		{"/a", false}, {"a b", false}, {"[::1]:5000/a", true}, {"[::1]/a", true}, {"[::1", false},
		{"[::1]:/a", false}, {"1.2.3.4:5/a", true}, {"a:1:2", false}, {"a.b:123456/x", true},
		{"example.com:/a", false}, {"ex-.com/a", false}, {"é", false}, {"a@", false}, {"", false},
		{"alpine@sha512:" + strings.Repeat("0", 128), true},
		{"alpine@sha256:" + strings.Repeat("0", 63), false},
		{"alpine@sha256:" + strings.Repeat("A", 64), false},
		{"alpine@md5:" + strings.Repeat("0", 32), false},
		{"alpine:t@sha256:" + hex64, true},
		{"sha256:" + strings.Repeat("A", 64), true},
		{"sha384:" + strings.Repeat("0", 96), true},
		{"a:" + strings.Repeat("a", 128), true}, {"a:" + strings.Repeat("a", 129), false},
		// The repository path, with Docker Hub's implied "library/", is at
		// most 255 characters; the registry does not count.
		{strings.Repeat("a", 247), true}, {strings.Repeat("a", 248), false},
		{"b/" + strings.Repeat("a", 253), true}, {"b/" + strings.Repeat("a", 254), false},
		{"x.com/" + strings.Repeat("a", 255), true}, {"x.com/" + strings.Repeat("a", 256), false},
	}
	for _, tc := range cases {
		words := []runspec.Word{{Text: tc.image, Pos: at(1, 1)}}
		_, err := dockerrun.ParseArgs(words, testOptions(nil, nil))
		if (err == nil) != tc.ok {
			t.Errorf("%.40q: accepted=%v, want %v (%v)", tc.image, err == nil, tc.ok, err)
		}
	}
}

// TestPlatforms replays the docker CLI 28.2.2's normalization of --platform
// ("" means rejected).
func TestPlatforms(t *testing.T) {
	host := "linux/" + runtime.GOARCH
	cases := map[string]string{
		"linux": host, "Linux": host, "windows": "windows/" + runtime.GOARCH, "macos": "darwin/" + runtime.GOARCH,
		"windows(10.0.1)": "windows/" + runtime.GOARCH,
		"linux/arm64":     "linux/arm64", "LINUX/ARM64": "linux/arm64", "arm64": "linux/arm64",
		"amd64": "linux/amd64", "x86_64": "linux/amd64", "aarch64": "linux/arm64", "armhf": "linux/arm",
		"armel": "linux/arm/v6", "arm": "linux/arm", "386": "linux/386", "riscv64": "linux/riscv64",
		"linux/arm/v7": "linux/arm/v7", "linux/arm/7": "linux/arm/v7", "linux/arm/V7": "linux/arm/v7",
		"linux/arm64/v8": "linux/arm64/v8", "linux/arm64/8": "linux/arm64/v8", "linux/arm64/v8.0": "linux/arm64/v8",
		"linux/aarch64": "linux/arm64", "linux/armhf": "linux/arm", "linux/arm": "linux/arm", "linux/armel/v7": "linux/arm/v6",
		"linux/x86_64": "linux/amd64", "linux/x86-64": "linux/amd64", "linux/amd64/v1": "linux/amd64",
		"linux/amd64/V2": "linux/amd64/v2", "linux/i386/x": "linux/386", "linux/386/v1": "linux/386/v1",
		"linux/arm/6": "linux/arm/v6", "linux/armv7": "linux/armv7", "arm/v7": "arm/v7",
		"windows(10.0)/amd64": "windows/amd64", "linux(1)/amd64": "linux/amd64", "foo/bar": "foo/bar",
		"Windows/AMD64": "windows/amd64", "darwin/amd64": "darwin/amd64",
		"foo": "", "local": "", "wasip1": "", "linux/amd64/x/y": "", "linux/": "", "/amd64": "",
		"linux//": "", "linux/amd64/": "", "linux*": "", " linux": "",
	}
	for in, want := range cases {
		words := []runspec.Word{{Text: "--platform", Pos: at(1, 1)}, {Text: in, Pos: at(1, 12)}, {Text: "alpine", Pos: at(1, 20)}}
		spec, err := dockerrun.ParseArgs(words, testOptions(nil, nil))
		switch {
		case want == "" && err == nil:
			t.Errorf("%q: accepted as %q, want a rejection", in, spec.Platform)
		case want != "" && err != nil:
			t.Errorf("%q: %v", in, err)
		case want != "" && spec.Platform != want:
			t.Errorf("%q: got %q, want %q", in, spec.Platform, want)
		}
	}
}
