package authz

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// MinEngine is the oldest engine whose authorization path is not known to
// skip the plugin's view of a body: CVE-2024-41110 (chunked or empty
// Content-Length bodies not forwarded) and CVE-2026-34040 (bodies over
// 1 MiB dropped) are both fixed from here on.
const MinEngine = "29.3.1"

// EngineVersion asks dockerd for its version (GET /version) through c,
// whose transport dials the daemon; base is the URL prefix, such as
// "http://docker". old reports whether it is older than MinEngine, in
// which case bodies may reach dockerd that the plugin never saw.
func EngineVersion(ctx context.Context, c *http.Client, base string) (version string, old bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/version", nil)
	if err != nil {
		return "", false, fmt.Errorf("ask engine version: %w", err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return "", false, fmt.Errorf("ask engine version: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", false, fmt.Errorf("ask engine version: status %s", resp.Status)
	}
	var v struct{ Version string }
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return "", false, fmt.Errorf("decode engine version: %w", err)
	}
	return v.Version, versionLess(v.Version, MinEngine), nil
}

// versionLess compares dotted release numbers, ignoring any suffix
// ("20.10.24+dfsg1", "29.3.1-rc.1"). An unreadable version counts as old.
func versionLess(a, b string) bool {
	pa, okA := releaseParts(a)
	pb, _ := releaseParts(b)
	if !okA {
		return true
	}
	for i := range 3 {
		if pa[i] != pb[i] {
			return pa[i] < pb[i]
		}
	}
	return false
}

func releaseParts(v string) ([3]int, bool) {
	var out [3]int
	v = strings.TrimPrefix(v, "v")
	if i := strings.IndexAny(v, "+-~ "); i >= 0 {
		v = v[:i]
	}
	parts := strings.Split(v, ".")
	if len(parts) == 0 || len(parts) > 3 {
		return out, false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return out, false
		}
		out[i] = n
	}
	return out, true
}
