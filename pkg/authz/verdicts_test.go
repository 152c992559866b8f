package authz

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/policy"
	"github.com/rungate/rungate/rules"
)

// logEntries decodes the decision log.
func logEntries(t *testing.T, buf *bytes.Buffer) []entry {
	t.Helper()
	var out []entry
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var e entry
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, e)
	}
	return out
}

func TestVerdictCacheRepeats(t *testing.T) {
	var buf bytes.Buffer
	c := serveUnix(t, newTestHandler(t, Options{Log: &buf}))
	root := `{"Image":"a","HostConfig":{"Privileged":true}}`
	reqs := []struct {
		uri, body  string
		allow      bool
		cached     bool
		msgContain string
	}{
		{"/v1.43/containers/create?name=a", root, false, false, `container "a"`},
		{"/v1.43/containers/create?name=a", root, false, true, `container "a"`},
		// Another name is another request: its message names it.
		{"/v1.43/containers/create?name=b", root, false, false, `container "b"`},
		// Another spelling of the route is judged afresh, and denied too.
		{"/v1.43//containers/create?name=a", root, false, false, "privileged"},
		{"/v1.43/containers/create?name=a", compliant, true, false, ""},
		{"/v1.43/containers/create?name=a", compliant, true, true, ""},
	}
	for _, r := range reqs {
		got := call(t, c, pathReq, authzReq("POST", r.uri, ctJSON, r.body))
		if got.Allow != r.allow || !strings.Contains(got.Msg, r.msgContain) {
			t.Errorf("%s %s: got %+v, want allow=%v and %q", r.uri, r.body, got, r.allow, r.msgContain)
		}
	}
	entries := logEntries(t, &buf)
	if len(entries) != len(reqs) {
		t.Fatalf("%d log entries, want %d", len(entries), len(reqs))
	}
	for i, e := range entries {
		if e.Cached != reqs[i].cached {
			t.Errorf("request %d: cached = %v, want %v", i, e.Cached, reqs[i].cached)
		}
		if !reqs[i].allow && !strings.Contains(strings.Join(e.Rules, ","), "privileged") {
			t.Errorf("request %d: rules %v, want privileged logged, cached or not", i, e.Rules)
		}
	}
}

// A reload starts afresh: a body the old policy allowed is judged by the
// new one.
func TestVerdictCacheReload(t *testing.T) {
	h := newTestHandler(t, Options{})
	c := serveUnix(t, h)
	body := `{"Image":"a","HostConfig":{"Privileged":true}}`
	req := authzReq("POST", "/v1.43/containers/create", ctJSON, body)
	if got := call(t, c, pathReq, req); got.Allow {
		t.Fatalf("privileged create allowed: %+v", got)
	}
	// A policy with one rule that never fires.
	quiet := fstest.MapFS{"quiet.rego": {Data: []byte(`# METADATA
# title: Never
# description: Never fires.
# custom:
#   id: quiet
#   severity: low
#   remediation: None.
package rungate.rules.quiet

deny contains "never" if false
`)}}
	eng, err := engine.New(context.Background(), engine.Options{Policies: []fs.FS{quiet}, Data: []fs.FS{policy.FS}})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.SetPolicy(Policy{Engine: eng, Daemon: runspec.DefaultDaemon(), Hash: "quiet"}); err != nil {
		t.Fatal(err)
	}
	if got := call(t, c, pathReq, req); !got.Allow {
		t.Errorf("after the reload: %+v, want allowed by the new policy", got)
	}
	full, err := engine.New(context.Background(), engine.Options{Policies: []fs.FS{rules.FS}, Data: []fs.FS{policy.FS}})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.SetPolicy(Policy{Engine: full, Daemon: runspec.DefaultDaemon(), Hash: "full"}); err != nil {
		t.Fatal(err)
	}
	if got := call(t, c, pathReq, req); got.Allow {
		t.Errorf("after reloading the rules: %+v, want denied again", got)
	}
}

// A request that could not be judged is not remembered: past the deadline
// it is denied, and judged again next time.
func TestVerdictCacheSkipsFailures(t *testing.T) {
	var buf bytes.Buffer
	c := serveUnix(t, newTestHandler(t, Options{Timeout: time.Nanosecond, Log: &buf}))
	req := authzReq("POST", "/v1.43/containers/create", ctJSON, compliant)
	for range 2 {
		if got := call(t, c, pathReq, req); got.Allow {
			t.Fatalf("allowed past the deadline: %+v", got)
		}
	}
	for i, e := range logEntries(t, &buf) {
		if e.Cached {
			t.Errorf("request %d: a fail-closed verdict was served from the cache", i)
		}
	}
}

func TestVerdictCacheOff(t *testing.T) {
	var buf bytes.Buffer
	c := serveUnix(t, newTestHandler(t, Options{VerdictCache: -1, Log: &buf}))
	req := authzReq("POST", "/v1.43/containers/create", ctJSON, compliant)
	for range 2 {
		call(t, c, pathReq, req)
	}
	for i, e := range logEntries(t, &buf) {
		if e.Cached {
			t.Errorf("request %d: cached with the cache off", i)
		}
	}
}

func TestVerdictCacheEviction(t *testing.T) {
	c := newVerdictCache(2)
	keys := []verdictKey{keyOf("POST", "/a", nil), keyOf("POST", "/b", nil), keyOf("POST", "/c", nil)}
	for _, k := range keys {
		c.put(k, verdict{findings: []engine.Finding{{Rule: "r"}}})
	}
	if c.len() != 2 {
		t.Errorf("len = %d, want 2", c.len())
	}
	if _, ok := c.get(keys[0]); ok {
		t.Error("the oldest entry survived")
	}
	for _, k := range keys[1:] {
		if _, ok := c.get(k); !ok {
			t.Error("a newer entry was evicted")
		}
	}
	c.put(keyOf("POST", "/d", nil), verdict{reason: "deadline"})
	if _, ok := c.get(keyOf("POST", "/d", nil)); ok {
		t.Error("a fail-closed verdict was kept")
	}
}

// The key separates its fields: moving bytes from the URI to the body
// changes it.
func TestVerdictKeyFields(t *testing.T) {
	if keyOf("POST", "/a", []byte("b")) == keyOf("POST", "/ab", nil) {
		t.Error("URI and body run together in the key")
	}
	if keyOf("POST", "/a", nil) == keyOf("PUT", "/a", nil) {
		t.Error("method not in the key")
	}
}
