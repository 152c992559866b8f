package scan

import (
	"strings"
	"testing"
)

// BenchmarkMarkdown measures a README-sized document: prose, shell
// blocks with continuations and placeholders, and blocks of other
// languages.
func BenchmarkMarkdown(b *testing.B) {
	block := "Some prose about docker run -v /:/h x.\n\n```console\n$ docker run -d --name web \\\n    -v /srv/site:/usr/share/nginx/html:ro \\\n    -p 8080:80 <image>\noutput\n```\n\n```json\n{\"a\": 1}\n```\n\n"
	src := []byte(strings.Repeat(block, 50))
	env := Env{"PWD": "/w"}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := MarkdownCommands("README.md", src, env); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMakefile measures recipes with make expansions.
func BenchmarkMakefile(b *testing.B) {
	rule := "run:\n\t@docker run --rm -v $(CURDIR):/src -e X=$$HOME \\\n\t  $(IMAGE):$(TAG) make build\n\n"
	src := []byte(strings.Repeat(rule, 100))
	env := Env{"PWD": "/w"}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := MakefileCommands("Makefile", src, env); err != nil {
			b.Fatal(err)
		}
	}
}
