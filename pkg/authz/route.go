package authz

import (
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// target is the API call a request makes, normalised the way dockerd's
// router sees it.
type target struct {
	// Path is the decoded, cleaned path without the version prefix:
	// "/containers/create".
	Path string
	// Version is the API version of the prefix, "" when there is none.
	Version string
	// Query is the decoded query string.
	Query url.Values
}

// parseTarget normalises a raw RequestUri: absolute form, %-escapes, the
// query string, unclean paths and the optional /v1.xx prefix are all removed,
// as dockerd's router matches on the decoded path. An error means the daemon
// could not have routed it either, and the request is denied.
func parseTarget(raw string) (target, error) {
	if raw == "" {
		return target{}, fmt.Errorf("empty request URI")
	}
	u, err := url.ParseRequestURI(raw)
	if err != nil {
		return target{}, fmt.Errorf("parse request URI: %w", err)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return target{}, fmt.Errorf("parse query: %w", err)
	}
	p := u.Path
	if p == "" || p[0] != '/' {
		p = "/" + p
	}
	p = path.Clean(p)
	version := ""
	if v, rest, ok := splitVersion(p); ok {
		version, p = v, rest
	}
	return target{Path: p, Version: version, Query: q}, nil
}

// splitVersion splits "/v1.41/containers/create" into "1.41" and
// "/containers/create". The router accepts any run of digits and dots.
func splitVersion(p string) (version, rest string, ok bool) {
	if !strings.HasPrefix(p, "/v") {
		return "", p, false
	}
	seg, tail, _ := strings.Cut(p[2:], "/")
	if seg == "" || strings.Trim(seg, "0123456789.") != "" {
		return "", p, false
	}
	return seg, path.Clean("/" + tail), true
}

// first returns the first value of a query parameter, as dockerd's form
// reading does.
func (t target) first(key string) string {
	if v := t.Query[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// minAPI is the oldest API version whose write semantics rungate judges:
// below 1.24, POST /containers/{id}/start still takes a HostConfig body
// (binds, privileged) that dockerd applies at start, so a spec judged at
// create is not the one that runs.
const minAPI = "1.24"

// oldAPI reports whether a request's API version is below minAPI or
// cannot be read. No version means the daemon's current one.
func oldAPI(v string) bool {
	if v == "" {
		return false
	}
	a, okA := apiParts(v)
	b, _ := apiParts(minAPI)
	if !okA {
		return true
	}
	if a[0] != b[0] {
		return a[0] < b[0]
	}
	return a[1] < b[1]
}

// apiParts reads "1.41" (or "1.041", which the daemon compares as 1.41).
func apiParts(v string) ([2]int, bool) {
	major, minor, ok := strings.Cut(v, ".")
	if !ok || strings.Contains(minor, ".") {
		return [2]int{}, false
	}
	var out [2]int
	for i, p := range []string{major, minor} {
		n, err := strconv.Atoi(p)
		if err != nil {
			return [2]int{}, false
		}
		out[i] = n
	}
	return out, true
}
