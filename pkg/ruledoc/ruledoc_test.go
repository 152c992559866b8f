package ruledoc_test

import (
	"strings"
	"testing"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/ruledoc"
)

func TestPage(t *testing.T) {
	r := engine.Rule{
		ID: "x-rule", Title: "A | B", Severity: engine.Medium, Description: "Flags x.", Remediation: "Fix x.",
		References: []string{"CIS Docker Benchmark v1.6.0 5.1"}, File: "rules/x-rule.rego",
		Links:    []engine.Link{{URL: "https://example.com/x"}},
		Examples: engine.Examples{Bad: "services:\n  app:\n    image: x\n", Good: "docker run --read-only x"},
	}
	host := r
	host.ID, host.Examples = "y-rule", engine.Examples{Bad: `{"icc": true}`, Good: "srw-rw---- root docker /run/docker.sock"}
	if p := string(ruledoc.Page(ruledoc.Doc{Rule: host})); !strings.Contains(p, "```json\n{\"icc\": true}\n```") || !strings.Contains(p, "```text\nsrw-rw----") {
		t.Errorf("host rule page:\n%s", p)
	}
	d := ruledoc.Doc{Rule: r, Profiles: []ruledoc.ProfileSeverity{{Profile: "default", Severity: engine.Medium}, {Profile: "restricted", Off: true}}}
	pages := ruledoc.Pages([]ruledoc.Doc{d})
	page := string(pages["x-rule.md"])
	for _, want := range []string{
		ruledoc.Marker,
		"# x-rule: A | B\n",
		"| Profiles | default: medium · restricted: off |",
		"```yaml\nservices:\n  app:\n    image: x\n```",
		"```sh\ndocker run --read-only x\n```",
		"- [https://example.com/x](https://example.com/x)",
		"[`rules/x-rule.rego`](../../rules/x-rule.rego)",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}
	index := string(pages[ruledoc.Index])
	if !strings.Contains(index, "| [x-rule](x-rule.md) | A \\| B | medium | off |") || !strings.Contains(index, "| Rule | Title | Severity | restricted |") {
		t.Errorf("index:\n%s", index)
	}
}
