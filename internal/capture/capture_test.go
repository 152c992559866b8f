package capture

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// client talks HTTP to the daemon over its unix socket, as the docker CLI does.
func client(d *Daemon) *http.Client {
	return &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var dialer net.Dialer
			return dialer.DialContext(ctx, "unix", d.Socket)
		},
	}}
}

func TestDaemon(t *testing.T) {
	d, err := Start(filepath.Join(t.TempDir(), "d.sock"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	c := client(d)

	tests := []struct {
		name, method, path, body string
		wantCode                 int
		wantHeader               map[string]string
		wantJSON                 map[string]any
	}{
		{
			name: "ping", method: http.MethodHead, path: "/_ping", wantCode: http.StatusOK,
			wantHeader: map[string]string{"API-Version": APIVersion, "OSType": "linux"},
		},
		{
			name: "version", method: http.MethodGet, path: "/v1.50/version", wantCode: http.StatusOK,
			wantJSON: map[string]any{"ApiVersion": APIVersion, "Os": "linux"},
		},
		{
			name: "create", method: http.MethodPost, path: "/v1.50/containers/create?name=web", body: `{"Image":"alpine"}`,
			wantCode: http.StatusCreated, wantJSON: map[string]any{"Id": ContainerID},
		},
		{
			name: "anything else", method: http.MethodPost, path: "/v1.50/containers/" + ContainerID + "/start",
			wantCode: http.StatusNotFound,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(t.Context(), tc.method, "http://docker"+tc.path, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.StatusCode != tc.wantCode {
				t.Errorf("status = %d, want %d", resp.StatusCode, tc.wantCode)
			}
			for k, v := range tc.wantHeader {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantJSON != nil {
				var got map[string]any
				if err := json.Unmarshal(body, &got); err != nil {
					t.Fatalf("body %q: %v", body, err)
				}
				for k, v := range tc.wantJSON {
					if got[k] != v {
						t.Errorf("%s = %v, want %v", k, got[k], v)
					}
				}
			}
		})
	}

	creates := d.Creates()
	if len(creates) != 1 {
		t.Fatalf("recorded %d creates, want 1", len(creates))
	}
	cr := creates[0]
	if cr.Version != "1.50" || cr.Query.Get("name") != "web" || string(cr.Body) != `{"Image":"alpine"}` {
		t.Errorf("recorded create = %+v", cr)
	}
	if n := len(d.Requests()); n != len(tests) {
		t.Errorf("recorded %d requests, want %d", n, len(tests))
	}
}
