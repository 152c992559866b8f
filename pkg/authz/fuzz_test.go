package authz

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzAuthZReq drives the request decoder and judge with arbitrary methods,
// URIs, content types and bodies. It calls decide directly, outside the
// handler's recover, so a panic fails the fuzzer instead of becoming a
// deny; and it checks that only reads are allowed without judgement.
func FuzzAuthZReq(f *testing.F) {
	for _, tc := range bypasses() {
		f.Add(tc.method, tc.uri, tc.ct, []byte(tc.body))
	}
	f.Add("POST", "/v1.41/containers/create", ctJSON, []byte(compliant))
	f.Add("GET", "/v1.41/containers/json", "", []byte(nil))
	f.Add("POST", "/v1.41/services/create", ctJSON, []byte(`{"TaskTemplate":{"ContainerSpec":{"Mounts":[{"Type":"volume","VolumeOptions":{"DriverConfig":{"Options":{"o":"bind","device":"/x"}}}}]},"LogDriver":{"Name":"json-file"}}}`))
	h := newTestHandler(f, Options{})
	f.Fuzz(func(t *testing.T, method, uri, ct string, body []byte) {
		req := authzReq(method, uri, ct, string(body))
		var e entry
		resp := h.decide(context.Background(), &req, &e)
		if resp.Err != "" {
			t.Fatalf("Err set: %q", resp.Err)
		}
		if method != "GET" && method != "HEAD" && resp.Allow && e.Route == "" {
			t.Fatalf("write %s %q allowed with no route", method, uri)
		}
		if !resp.Allow && !strings.HasPrefix(resp.Msg, "rungate: denied") {
			t.Fatalf("deny without a message: %q", resp.Msg)
		}
	})
}

// TestHandlerRecovers checks the last line of defence: a panic while
// judging is a deny with a message, not a dropped connection.
func TestHandlerRecovers(t *testing.T) {
	h := newTestHandler(t, Options{})
	// With no compiled policy stored, judging dereferences nil.
	h.policy.Store(nil)
	rec := httptest.NewRecorder()
	body := `{"RequestMethod":"POST","RequestUri":"/containers/create","RequestBody":"` + b64(`{"Image":"a"}`) + `"}`
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, pathReq, strings.NewReader(body)))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"Allow":false`) || !strings.Contains(rec.Body.String(), "internal error") {
		t.Fatalf("got %d %s, want a deny after the recovered panic", rec.Code, rec.Body.String())
	}
}
