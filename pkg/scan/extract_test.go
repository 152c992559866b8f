package scan

import (
	"fmt"
	"strings"
	"testing"
)

// wantWord is a word expected at a line and column of the host file.
type wantWord struct {
	text      string
	line, col int
}

// TestExtractorsPointIntoTheHostFile checks, for every host format, that
// the docker run commands are found and that their words point at the
// line and column where they are written in the original file.
func TestExtractorsPointIntoTheHostFile(t *testing.T) {
	env := Env{"PWD": "/w", "HOME": "/home/u"}
	tests := []struct {
		name  string
		kind  Kind
		src   string
		words []wantWord // in the first docker command
		texts []string   // all words of the first docker command, when set
		count int        // docker commands expected
	}{
		{
			name:  "makefile recipe",
			kind:  KindMakefile,
			src:   "IMG ?= x\nrun:\n\t@docker run -v $(CURDIR):/src \\\n\t  -e X=$$HOME $(IMG)\n",
			words: []wantWord{{"docker", 3, 3}, {"-v", 3, 14}, {"/w:/src", 3, 17}, {"-e", 4, 4}, {"X=/home/u", 4, 7}, {"${IMG}", 4, 16}},
			count: 1,
		},
		{
			name:  "makefile dash prefix and shell pwd",
			kind:  KindMakefile,
			src:   "a:\n\t-docker run -v $(shell pwd)/d:/d x\n",
			words: []wantWord{{"docker", 2, 3}, {"/w/d:/d", 2, 17}, {"x", 2, 35}},
			count: 1,
		},
		{
			name:  "markdown console block",
			kind:  KindMarkdown,
			src:   "Run it:\n\n```console\n$ docker run -v /:/host \\\n    <image>\nsome output\n# docker run --privileged y\n```\n",
			words: []wantWord{{"docker", 4, 3}, {"-v", 4, 14}, {"${image}", 5, 5}},
			count: 2,
		},
		{
			name:  "markdown prose and json are not read",
			kind:  KindMarkdown,
			src:   "Use docker run -v /:/h x in prose.\n\n```json\n{\"cmd\": \"docker run -v /:/h x\"}\n```\n\n  ```sh\n  docker run a\n  ```\n",
			words: []wantWord{{"docker", 8, 3}, {"a", 8, 14}},
			count: 1,
		},
		{
			name:  "markdown placeholder fallback",
			kind:  KindMarkdown,
			src:   "```\ndocker run -v /path/to/dir:/d --name foo <image> > out <\n```\n",
			words: []wantWord{{"docker", 2, 1}, {"/path/to/dir:/d", 2, 15}},
			count: 1,
		},
		{
			name:  "dockerfile header",
			kind:  KindDockerfile,
			src:   "# Run it with:\n# docker run -d \\\n#\t-v /etc:/etc \\\n#\timg\nFROM alpine\nRUN docker run nothing\n",
			words: []wantWord{{"docker", 2, 3}, {"-d", 2, 14}, {"-v", 3, 3}, {"img", 4, 3}},
			count: 1,
		},
		{
			name:  "dockerfile header with notes",
			kind:  KindDockerfile,
			src:   "# docker run -it \\\n#\t--net host \\ # may as well\n#\t# a note inside\n#\t-v /:/h img\n",
			words: []wantWord{{"--net", 2, 3}, {"-v", 4, 3}, {"img", 4, 11}},
			count: 1,
		},
		{
			name:  "markdown sh block with prompts and output",
			kind:  KindMarkdown,
			src:   "```sh\n$ docker run -d x\ndocker run pretend-output\n```\n",
			texts: []string{"docker", "run", "-d", "x"},
			count: 1,
		},
		{
			name:  "dockerfile header with a prompt",
			kind:  KindDockerfile,
			src:   "FROM x\n#  $ docker run -v /:/h img\n",
			words: []wantWord{{"docker", 2, 6}, {"-v", 2, 17}},
			count: 1,
		},
		{
			name:  "markdown synopsis",
			kind:  KindMarkdown,
			src:   "```\ndocker run [OPTIONS] IMAGE[:TAG|@DIGEST] ...\n```\n",
			texts: []string{"docker", "run", "${IMAGE}"},
			count: 1,
		},
		{
			name:  "github workflow literal block",
			kind:  KindWorkflow,
			src:   "on: push\njobs:\n  t:\n    steps:\n      - run: |\n          echo ${{ github.sha }}\n          docker run -v /:/h \\\n            img\n      - run: docker run -e A=${{ secrets.X }} b\n",
			words: []wantWord{{"docker", 7, 11}, {"-v", 7, 22}, {"img", 8, 13}},
			count: 2,
		},
		{
			name:  "github workflow folded block",
			kind:  KindWorkflow,
			src:   "jobs:\n  t:\n    steps:\n      - run: >\n          docker run\n          -v /:/h img\n",
			words: []wantWord{{"docker", 5, 11}, {"-v", 6, 11}, {"img", 6, 19}},
			count: 1,
		},
		{
			name:  "gitlab script list",
			kind:  KindGitLab,
			src:   "build:\n  before_script:\n    - echo hi\n  script:\n    - docker run -v /:/h x\n    - \"docker run --privileged y\"\n    - |\n      docker run z\n",
			words: []wantWord{{"docker", 5, 7}, {"-v", 5, 18}},
			count: 3,
		},
		{
			name:  "jenkinsfile sh steps",
			kind:  KindJenkins,
			src:   "pipeline {\n  stages { stage('x') { steps {\n    sh 'docker run -v /:/h x'\n    sh \"\"\"\n      docker run --rm ${IMG}\n    \"\"\"\n  } } }\n}\n",
			words: []wantWord{{"docker", 3, 9}, {"-v", 3, 20}},
			count: 2,
		},
		{
			name:  "jenkinsfile groovy escape",
			kind:  KindJenkins,
			src:   "sh \"docker run -v \\$HOME:/h x\"\n",
			words: []wantWord{{"docker", 1, 5}, {"/home/u:/h", 1, 20}},
			count: 1,
		},
		{
			name:  "sh -c string",
			kind:  KindShell,
			src:   "sudo sh -c 'docker run -v /:/h x'\nbash -c \"\n  docker run y\"\n",
			words: []wantWord{{"docker", 1, 13}, {"-v", 1, 24}},
			count: 2,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cmds, err := Commands(tc.kind, "f", []byte(tc.src), env)
			if err != nil {
				t.Fatal(err)
			}
			var docker []Command
			for _, c := range cmds {
				if len(c.Words) > 0 && c.Words[0].Text == "docker" {
					docker = append(docker, c)
				}
			}
			if len(docker) != tc.count {
				t.Fatalf("got %d docker commands, want %d: %+v", len(docker), tc.count, cmds)
			}
			first := docker[0]
			for _, w := range tc.words {
				found := false
				for _, got := range first.Words {
					if got.Text == w.text {
						found = true
						if got.Pos.Line != w.line || got.Pos.Column != w.col || got.Pos.File != "f" {
							t.Errorf("%q at %d:%d, want %d:%d", w.text, got.Pos.Line, got.Pos.Column, w.line, w.col)
						}
						break
					}
				}
				if !found {
					t.Errorf("no word %q in %q", w.text, texts(first.Words))
				}
			}
			if tc.texts != nil && strings.Join(texts(first.Words), " ") != strings.Join(tc.texts, " ") {
				t.Errorf("words %q, want %q", texts(first.Words), tc.texts)
			}
			if first.Pos != first.Words[0].Pos {
				t.Errorf("command at %+v, first word at %+v", first.Pos, first.Words[0].Pos)
			}
		})
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		head string
		want Kind
	}{
		{"run.sh", "", KindShell},
		{"bin/deploy", "#!/usr/bin/env bash\n", KindShell},
		{"Makefile", "", KindMakefile},
		{"GNUmakefile", "", KindMakefile},
		{"build/rules.mk", "", KindMakefile},
		{"README.md", "", KindMarkdown},
		{"Dockerfile", "", KindDockerfile},
		{"Dockerfile.dev", "", KindDockerfile},
		{"web.dockerfile", "", KindDockerfile},
		{"owner__repo__x__Dockerfile", "", KindDockerfile},
		{".github/workflows/ci.yml", "", KindWorkflow},
		{"repo__.github__workflows__ci.yml", "", KindWorkflow},
		{".gitlab-ci.yml", "", KindGitLab},
		{"Jenkinsfile", "", KindJenkins},
		{"compose.yaml", "", KindCompose},
		{"docker-compose.override.yml", "", KindCompose},
		{"stack.yml", "services:\n  web:\n    image: nginx\n", KindCompose},
		{"other.yml", "services:\n  - a\n", KindUnknown},
		{"ci.yml", "on: push\njobs: {}\n", KindWorkflow},
		{"c.json", `[{"Id": "abc", "HostConfig": {}}]`, KindInspect},
		{"c.json", `{"Id": "abc", "HostConfig": {}, "Name": "/x"}`, KindInspect},
		{"docker-inspect", `[{"Id": "abc", "HostConfig": {`, KindInspect},
		{"package.json", `{"name": "x"}`, KindUnknown},
		{"notes.txt", "hello", KindUnknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Classify(tc.name, []byte(tc.head)); got != tc.want {
				t.Errorf("Classify(%q) = %q, want %q", tc.name, got, tc.want)
			}
		})
	}
}

// TestMakefileNeverReadsNonRecipeLines keeps variable assignments and rule
// lines out: only tab-indented recipe lines run in a shell.
func TestMakefileNeverReadsNonRecipeLines(t *testing.T) {
	src := "X = docker run -v /:/h a\nall: ; docker run b\n"
	cmds, err := MakefileCommands("Makefile", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cmds {
		if strings.Contains(strings.Join(texts(c.Words), " "), "docker") {
			t.Errorf("read a non-recipe line: %q", texts(c.Words))
		}
	}
}

// TestGitLabAliasBombIsBounded keeps nested aliases from expanding a small
// file into an exponential number of script lines.
func TestGitLabAliasBombIsBounded(t *testing.T) {
	src := "a: &a [\"docker run x\", \"docker run y\"]\n"
	prev := "a"
	for i := 0; i < 30; i++ {
		name := fmt.Sprintf("l%d", i)
		src += fmt.Sprintf("%s: &%s [*%s, *%s]\n", name, name, prev, prev)
		prev = name
	}
	src += "job:\n  script: *" + prev + "\n"
	cmds, err := GitLabCommands(".gitlab-ci.yml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cmds) > maxScripts {
		t.Errorf("%d commands read, want at most %d", len(cmds), maxScripts)
	}
}
