package runspec

import (
	"strings"

	"github.com/docker/docker/api/types/container"
)

// Image is Config.Image read as an image reference, `[registry[:port]/]
// path[:tag][@digest]`, with the reference grammar's semantics: a colon is
// a tag only after the last slash, so `localhost:5000/app` names a registry
// with a port and has no tag.
type Image struct {
	Raw string `json:"raw"`
	// Name is the repository, normalised as the docker CLI normalises it:
	// `nginx` is `docker.io/library/nginx`, `acme/api` is
	// `docker.io/acme/api`; a first component with a `.` or `:`, or
	// `localhost`, is a registry and is kept.
	Name string `json:"name"`
	// Tag and Digest are as written, "" when absent.
	Tag    string `json:"tag"`
	Digest string `json:"digest"`
	// Latest is set when the tag is absent or `latest`: the daemon pulls
	// `latest` for a reference with no tag, and what it is moves.
	Latest bool `json:"latest"`
	// Pinned is set when a digest fixes the content.
	Pinned bool `json:"pinned"`
	// Set is false when there is no reference at all (a compose service
	// that only builds has none).
	Set bool `json:"set"`
	// Built is set when the image is built from source (compose `build:`),
	// so the reference names the build's result rather than what is pulled.
	Built      bool `json:"built"`
	Unresolved bool `json:"unresolved"`
	Pos        Pos  `json:"pos"`
}

func deriveImage(s *Spec, cfg *container.Config) Image {
	key := FieldKey("Config.Image")
	raw := cfg.Image
	img := Image{
		Raw: raw, Set: raw != "", Built: s.Built,
		Unresolved: unresolved(s, key, raw) || s.Unresolved[FieldKey("Image")],
		Pos:        firstPos(s, key, FieldKey("Image")),
	}
	name, tag, digest := splitReference(raw)
	img.Name, img.Tag, img.Digest = normalizeName(name), tag, digest
	img.Latest = tag == "" || tag == "latest"
	img.Pinned = digest != ""
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

// normalizeName adds the default registry, and library/ for an official
// image, to a repository name that has no registry. The reference grammar
// is not checked: the rule needs the tag and digest, which splitReference
// finds in any spelling, and a regular expression per evaluation would
// cost more than every rule that reads the image.
func normalizeName(name string) string {
	if name == "" {
		return ""
	}
	first, _, hasSlash := strings.Cut(name, "/")
	if hasSlash && (strings.ContainsAny(first, ".:") || first == "localhost") {
		return name
	}
	if !hasSlash {
		return "docker.io/library/" + name
	}
	return "docker.io/" + name
}
