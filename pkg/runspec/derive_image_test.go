package runspec

import (
	"testing"

	"github.com/docker/docker/api/types/container"
)

func TestDeriveImage(t *testing.T) {
	const dg = "sha256:0000000000000000000000000000000000000000000000000000000000000000"
	tests := []struct {
		raw                   string
		name, tag, digest     string
		latest, pinned, valid bool
		unresolved, set       bool
	}{
		{raw: "", latest: true},
		{raw: "nginx", name: "docker.io/library/nginx", latest: true, set: true},
		{raw: "nginx:latest", name: "docker.io/library/nginx", tag: "latest", latest: true, set: true},
		{raw: "nginx:1.27", name: "docker.io/library/nginx", tag: "1.27", set: true},
		{raw: "nginx@" + dg, name: "docker.io/library/nginx", digest: dg, latest: true, pinned: true, set: true},
		{raw: "nginx:1.27@" + dg, name: "docker.io/library/nginx", tag: "1.27", digest: dg, pinned: true, set: true},
		{raw: "localhost:5000/app", name: "localhost:5000/app", latest: true, set: true},
		{raw: "localhost:5000/app:2", name: "localhost:5000/app", tag: "2", set: true},
		{raw: "ghcr.io/o/r:main", name: "ghcr.io/o/r", tag: "main", set: true},
		{raw: "acme/api:2", name: "docker.io/acme/api", tag: "2", set: true},
		{raw: "app:${TAG}", name: "docker.io/library/app", tag: "${TAG}", unresolved: true, set: true},
		{raw: "Bad:Ref", name: "docker.io/library/Bad", tag: "Ref", set: true},
	}
	for _, tc := range tests {
		t.Run(tc.raw, func(t *testing.T) {
			got := Derive(newSpec(&container.Config{Image: tc.raw}, nil)).Image
			want := Image{Raw: tc.raw, Name: tc.name, Tag: tc.tag, Digest: tc.digest, Latest: tc.latest, Pinned: tc.pinned,
				Set: tc.set, Unresolved: tc.unresolved, Pos: origin}
			if got != want {
				t.Errorf("\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestDeriveImageBuilt(t *testing.T) {
	s := newSpec(&container.Config{Image: "acme/app"}, nil)
	s.Built = true
	if img := Derive(s).Image; !img.Built || !img.Latest {
		t.Errorf("%+v", img)
	}
}
