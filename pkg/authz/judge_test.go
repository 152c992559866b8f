package authz

import (
	"testing"

	"github.com/rungate/rungate/pkg/engine"
)

func TestJudgeBuild(t *testing.T) {
	for _, tc := range []struct {
		mode string
		want engine.Severity // 0: allowed
	}{
		{"", 0}, {"default", 0}, {"bridge", 0}, {"none", 0}, {"hostile", 0},
		{"host", engine.High}, {"HOST", engine.High},
		{"container:db", engine.Medium}, {"Container:db", engine.Medium}, {"container:", 0},
	} {
		v := judgeBuild(tc.mode)
		var got engine.Severity
		if len(v.findings) > 0 {
			got = v.findings[0].Severity
		}
		if got != tc.want || v.reason != "" {
			t.Errorf("networkmode %q: severity %v (reason %q), want %v", tc.mode, got, v.reason, tc.want)
		}
	}
}
