package scan

import (
	"testing"
)

// fuzzExtractor checks that an extractor never panics and that every word
// it returns points at a line of the input.
func fuzzExtractor(f *testing.F, kind Kind, seeds []string) {
	for _, s := range seeds {
		f.Add(s)
	}
	env := Env{"PWD": "/w", "HOME": "/home/u"}
	f.Fuzz(func(t *testing.T, src string) {
		cmds, err := Commands(kind, "fuzz", []byte(src), env)
		if err != nil {
			return
		}
		lines := 1
		for i := 0; i < len(src); i++ {
			if src[i] == '\n' {
				lines++
			}
		}
		for _, c := range cmds {
			for _, w := range c.Words {
				if w.Pos.File != "fuzz" || w.Pos.Line < 1 || w.Pos.Line > lines || w.Pos.Column < 1 {
					t.Fatalf("word %q at %+v outside the input (%d lines)", w.Text, w.Pos, lines)
				}
			}
		}
	})
}

func FuzzMakefile(f *testing.F) {
	fuzzExtractor(f, KindMakefile, []string{
		"run:\n\t@docker run -v $(CURDIR):/src \\\n\t  -e X=$$HOME $(IMG)\n",
		"a:\n\t-docker run -v $(shell pwd)/d:/d ${X} $@ $(foreach x,$(Y),$(x))\n",
		"b:\n\tdocker run $(unterminated\n\t'\n",
	})
}

func FuzzMarkdown(f *testing.F) {
	fuzzExtractor(f, KindMarkdown, []string{
		"```console\n$ docker run -v /:/host \\\n    <image>\noutput\n# docker run y\n```\n",
		"  ~~~bash\n  docker run -v /path/to/dir:/d <image> > out <\n  ~~~\n```json\n{}\n```\n",
		"```\ndocker run -it --rm ...\n",
	})
}

func FuzzDockerfile(f *testing.F) {
	fuzzExtractor(f, KindDockerfile, []string{
		"# docker run -d \\\n#\t-v /etc:/etc \\\n#\timg\nFROM alpine\n",
		"#docker run 'x\n# \\\n",
	})
}

func FuzzCIYAML(f *testing.F) {
	fuzzExtractor(f, KindWorkflow, []string{
		"jobs:\n  t:\n    steps:\n      - run: |\n          docker run -v /:/h \\\n            img\n      - run: >\n          docker run\n          -e A=${{ x }} b\n",
		"build:\n  script:\n    - docker run -v /:/h x\n    - \"docker run 'y'\"\n",
		"run: \"docker run\\n  -v /:/h\\\n  x\"\n",
	})
}

func FuzzGitLab(f *testing.F) {
	fuzzExtractor(f, KindGitLab, []string{
		"build:\n  before_script:\n    - echo hi\n  script:\n    - docker run -v /:/h x\n    - |\n      docker run z\n",
		".t: &t\n  - docker run a\nj:\n  script:\n    - *t\n",
	})
}

func FuzzJenkinsfile(f *testing.F) {
	fuzzExtractor(f, KindJenkins, []string{
		"pipeline {\n  steps {\n    sh 'docker run -v /:/h x'\n    sh \"\"\"\n      docker run --rm ${IMG}\n    \"\"\"\n  }\n}\n",
		"sh(script: \"docker run x\", returnStdout: true)\nsh '''\n",
	})
}
