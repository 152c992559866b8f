package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/lint"
	"github.com/rungate/rungate/pkg/runspec"
)

func TestGitHubEscaping(t *testing.T) {
	tests := []struct {
		name string
		f    engine.Finding
		want string
	}{
		{
			name: "message with percent and newlines",
			f: engine.Finding{Rule: "r", Severity: engine.Low, Message: "100% of\r\nthe host",
				Pos: runspec.Pos{File: "a.sh", Line: 1, Column: 2}},
			want: "::notice file=a.sh,line=1,col=2,title=r::100%25 of%0D%0Athe host\n",
		},
		{
			name: "file name with comma and colon",
			f: engine.Finding{Rule: "r", Severity: engine.High, Message: "m: a, b",
				Pos: runspec.Pos{File: "dir,x/c:d.sh", Line: 4, Column: 1}},
			want: "::error file=dir%2Cx/c%3Ad.sh,line=4,col=1,title=r::m: a, b\n",
		},
		{
			name: "command line has no file",
			f:    engine.Finding{Rule: "r", Severity: engine.Medium, Message: "m", Pos: runspec.Pos{File: "-c"}},
			want: "::warning title=r::m\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := (GitHub{}).Write(&buf, Report{Result: lint.Result{Findings: []engine.Finding{tc.f}}}); err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(buf.String(), "\n")
			if first+"\n" != tc.want {
				t.Errorf("got  %q\nwant %q", first+"\n", tc.want)
			}
		})
	}
}

// TestGitHubRelativePaths: annotations name files relative to the
// repository root, whatever directory rungate ran in.
func TestGitHubRelativePaths(t *testing.T) {
	rep := Report{Root: "/repo", WorkDir: "/repo/sub", Result: lint.Result{Findings: []engine.Finding{
		{Rule: "r", Severity: engine.High, Message: "m", Pos: runspec.Pos{File: "x.sh", Line: 2, Column: 3}},
	}}}
	var buf bytes.Buffer
	if err := (GitHub{}).Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "::error file=sub/x.sh,line=2,col=3,") {
		t.Errorf("got %q", buf.String())
	}
}
