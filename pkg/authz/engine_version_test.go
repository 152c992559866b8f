package authz

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestVersionLess(t *testing.T) {
	for _, tc := range []struct {
		v    string
		less bool
	}{
		{"20.10.24+dfsg1", true}, {"28.2.2", true}, {"29.3.0", true}, {"29.3.1", false},
		{"29.3.1-rc.1", false}, {"29.10.0", false}, {"30.0", false}, {"v29.4.0", false}, {"", true}, {"dev", true},
	} {
		if got := versionLess(tc.v, MinEngine); got != tc.less {
			t.Errorf("versionLess(%q) = %v, want %v", tc.v, got, tc.less)
		}
	}
}

func TestEngineVersion(t *testing.T) {
	for _, v := range []string{"20.10.24+dfsg1", "29.4.0"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/version" {
				http.NotFound(w, r)
				return
			}
			fmt.Fprintf(w, `{"Version":%q,"ApiVersion":"1.41"}`, v)
		}))
		got, old, err := EngineVersion(t.Context(), srv.Client(), srv.URL)
		srv.Close()
		if err != nil || got != v || old != versionLess(v, MinEngine) {
			t.Errorf("EngineVersion = %q, %v, %v; want %q", got, old, err, v)
		}
	}
}
