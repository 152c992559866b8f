package runspec

import (
	"strings"

	"github.com/distribution/reference"
	"github.com/docker/docker/api/types/container"
)

// Image is Config.Image read as an image reference, `[registry[:port]/]
// path[:tag][@digest]`, with the reference grammar's semantics: a colon is
// a tag only after the last slash, so `localhost:5000/app` names a registry
// with a port and has no tag.
type Image struct {
	Raw string `json:"raw"`
	// Name is the repository, normalised as the docker CLI normalises it
	// (`nginx` is `docker.io/library/nginx`); as written when the reference
	// is not valid.
	Name string `json:"name"`
	// Tag and Digest are as written, "" when absent.
	Tag    string `json:"tag"`
	Digest string `json:"digest"`
	// Latest is set when the tag is absent or `latest`: the daemon pulls
	// `latest` for a reference with no tag, and what it is moves.
	Latest bool `json:"latest"`
	// Pinned is set when a digest fixes the content.
	Pinned bool `json:"pinned"`
	// Valid is set when the reference parses; Set when there is one at all
	// (a compose service that only builds has none).
	Valid      bool `json:"valid"`
	Set        bool `json:"set"`
	Unresolved bool `json:"unresolved"`
	Pos        Pos  `json:"pos"`
}

func deriveImage(s *Spec, cfg *container.Config) Image {
	key := FieldKey("Config.Image")
	raw := cfg.Image
	img := Image{
		Raw: raw, Set: raw != "",
		Unresolved: unresolved(s, key, raw) || s.Unresolved[FieldKey("Image")],
		Pos:        firstPos(s, key, FieldKey("Image")),
	}
	img.Name, img.Tag, img.Digest = splitReference(raw)
	img.Latest = img.Tag == "" || img.Tag == "latest"
	img.Pinned = img.Digest != ""
	if named, err := reference.ParseNormalizedNamed(raw); err == nil {
		img.Valid = true
		img.Name = named.Name()
	}
	return img
}

// splitReference splits `name[:tag][@digest]`: the digest follows the
// '@', the tag the last ':' that comes after the last '/'.
func splitReference(raw string) (name, tag, digest string) {
	name, digest, _ = strings.Cut(raw, "@")
	if i := strings.LastIndexByte(name, ':'); i >= 0 && !strings.Contains(name[i:], "/") {
		name, tag = name[:i], name[i+1:]
	}
	return name, tag, digest
}
