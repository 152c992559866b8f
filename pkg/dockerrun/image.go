package dockerrun

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// The image reference grammar of the distribution project, which the CLI
// parses the image with before creating anything:
//
//	reference  := name [ ":" tag ] [ "@" digest ]
//	name       := [domain '/'] path-component ['/' path-component]*
//	domain     := host [':' port-number]   (host: DNS name, IPv4, or [IPv6])
//	path-component := [a-z0-9]+ (separator [a-z0-9]+)*, separator := [_.] | __ | -+
//	tag        := [\w][\w.-]{0,127}
//	digest     := algorithm ":" hex   (algorithm: letters/digits joined by [-_+.])
const (
	refPathComponent   = `[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`
	refDomainComponent = `(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])`
	refDomain          = `(?:` + refDomainComponent + `(?:\.` + refDomainComponent + `)*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?`
	refTag             = `[\w][\w.-]{0,127}`
	refDigest          = `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}`
	refName            = `(?:` + refDomain + `/)?` + refPathComponent + `(?:/` + refPathComponent + `)*`
)

var (
	referenceRE = regexp.MustCompile(`^(` + refName + `)(?::(` + refTag + `))?(?:@(` + refDigest + `))?$`)
	imageIDRE   = regexp.MustCompile(`^[a-f0-9]{64}$`)
)

// maxRepositoryName bounds the repository path (without the registry).
const maxRepositoryName = 255

var errReferenceFormat = errors.New("invalid reference format")

// validateReference accepts what the CLI accepts as an image: a 64-hex image
// ID, a bare digest, or a name (Docker Hub names get the implied "library/")
// that is lower case, within the grammar, at most 255 characters long, with a
// digest of a known algorithm if it has one.
func validateReference(ref string) error {
	if imageIDRE.MatchString(ref) || validDigest(ref) == nil {
		return nil
	}
	domain, remainder := splitDomain(ref)
	remoteName, _, _ := strings.Cut(remainder, ":")
	if strings.ToLower(remoteName) != remoteName {
		return fmt.Errorf("%w: repository name (%s) must be lowercase", errReferenceFormat, remoteName)
	}
	m := referenceRE.FindStringSubmatch(domain + "/" + remainder)
	if m == nil {
		return errReferenceFormat
	}
	path := strings.TrimPrefix(m[1], domain+"/")
	if len(path) > maxRepositoryName {
		return fmt.Errorf("repository name must not be more than %d characters", maxRepositoryName)
	}
	if m[3] != "" {
		return validDigest(m[3])
	}
	return nil
}

// splitDomain separates the registry from the repository the way Docker
// names are normalized: the first component is a registry only if it has a
// '.' or ':', is "localhost", or has upper case; otherwise the image is on
// Docker Hub, where a one-component name is under "library/".
func splitDomain(name string) (domain, remainder string) {
	first, rest, ok := strings.Cut(name, "/")
	if !ok || (!strings.ContainsAny(first, ".:") && first != "localhost" && strings.ToLower(first) == first) {
		domain, remainder = "docker.io", name
	} else {
		domain, remainder = first, rest
	}
	if domain == "index.docker.io" {
		domain = "docker.io"
	}
	if domain == "docker.io" && !strings.ContainsRune(remainder, '/') {
		remainder = "library/" + remainder
	}
	return domain, remainder
}

// validDigest checks algorithm:hex for the algorithms the CLI knows.
func validDigest(d string) error {
	algorithm, hex, ok := strings.Cut(d, ":")
	if !ok || algorithm == "" || hex == "" {
		return errors.New("invalid checksum digest format")
	}
	want, known := digestHexLength(algorithm)
	switch {
	case !known:
		return errors.New("unsupported digest algorithm")
	case len(hex) != want:
		return errors.New("invalid checksum digest length")
	case strings.Trim(hex, "0123456789abcdef") != "":
		return errors.New("invalid checksum digest format")
	}
	return nil
}

// digestHexLength is the length of the hex part for each known algorithm.
func digestHexLength(algorithm string) (int, bool) {
	switch algorithm {
	case "sha256":
		return 64, true
	case "sha384":
		return 96, true
	case "sha512":
		return 128, true
	}
	return 0, false
}
