package authz

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/profile"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/policy"
	"github.com/rungate/rungate/rules"
)

// testEngine compiles the built-in policy once for the package's tests.
var testEngine = sync.OnceValues(func() (*engine.Engine, error) {
	return engine.New(context.Background(), engine.Options{Policies: []fs.FS{rules.FS}, Data: []fs.FS{policy.FS}})
})

// restrictedEngine compiles the built-in policy under the restricted
// profile, where missing memory and process limits are high.
var restrictedEngine = sync.OnceValues(func() (*engine.Engine, error) {
	return profileEngine("restricted", profile.Overrides{}, nil)
})

// profileEngine compiles the built-in policy under a built-in profile with
// overrides and policy data on top, as `rungate authz --profile` does.
func profileEngine(name string, over profile.Overrides, data map[string]any) (*engine.Engine, error) {
	p, err := profile.Builtin(name)
	if err != nil {
		return nil, err
	}
	return engine.New(context.Background(), engine.Options{
		Policies: []fs.FS{rules.FS}, Data: []fs.FS{policy.FS}, DataOverrides: data,
		Choose: profile.Chooser(p, over),
	})
}

func newTestHandler(tb testing.TB, opts Options) *Handler {
	tb.Helper()
	eng, err := testEngine()
	if err != nil {
		tb.Fatalf("load policy: %v", err)
	}
	return handlerWith(tb, eng, opts)
}

// newProfileHandler is newTestHandler with a built-in profile: "" is the
// default policy.
func newProfileHandler(tb testing.TB, name string, opts Options) *Handler {
	tb.Helper()
	if name == "" {
		return newTestHandler(tb, opts)
	}
	if name != "restricted" {
		tb.Fatalf("no test engine for profile %q", name)
	}
	eng, err := restrictedEngine()
	if err != nil {
		tb.Fatalf("load restricted policy: %v", err)
	}
	return handlerWith(tb, eng, opts)
}

func handlerWith(tb testing.TB, eng *engine.Engine, opts Options) *Handler {
	tb.Helper()
	if opts.Timeout == 0 {
		// The machines tests run on can be loaded far past their cores;
		// only TestDeadline tests the deadline.
		opts.Timeout = time.Minute
	}
	h, err := New(Policy{Engine: eng, Daemon: runspec.DefaultDaemon(), Hash: "test"}, opts)
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

// serveUnix serves h on a fresh unix socket and returns a client for it.
func serveUnix(tb testing.TB, h http.Handler) *http.Client {
	tb.Helper()
	// Socket paths are limited to about 100 bytes; t.TempDir can be longer.
	dir, err := os.MkdirTemp("", "rgz")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = os.RemoveAll(dir) })
	sock := filepath.Join(dir, "p.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, l, h) }()
	tb.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			tb.Errorf("serve: %v", err)
		}
	})
	tr := &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", sock)
		},
		MaxIdleConnsPerHost: 64,
	}
	tb.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

// call posts one plugin call and decodes the reply.
func call(tb testing.TB, c *http.Client, path string, req any) Response {
	tb.Helper()
	b, err := json.Marshal(req)
	if err != nil {
		tb.Fatal(err)
	}
	resp, err := c.Post("http://plugin"+path, mediaType, bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("post %s: %v", path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("%s: status %d: %s", path, resp.StatusCode, raw)
	}
	var out Response
	if err := json.Unmarshal(raw, &out); err != nil {
		tb.Fatalf("decode reply %q: %v", raw, err)
	}
	return out
}

// authzReq builds an AuthZReq as dockerd would send it.
func authzReq(method, uri, contentType, body string) Request {
	r := Request{RequestMethod: method, RequestURI: uri}
	if contentType != "" {
		r.RequestHeaders = map[string]string{"Content-Type": contentType}
	}
	if body != "" {
		b, _ := json.Marshal([]byte(body))
		r.RequestBody = b
	}
	return r
}

func b64(s string) string {
	b, _ := json.Marshal([]byte(s))
	return strings.Trim(string(b), `"`)
}
