package scan

import (
	"errors"
	"testing"

	"github.com/rungate/rungate/pkg/runspec"
)

func TestShellCommandsExpandsWords(t *testing.T) {
	env := Env{"PWD": "/repo", "HOME": "/home/u", "OPTS": "--rm  -d", "EMPTY": ""}
	tests := []struct {
		name       string
		src        string
		want       []string
		unresolved []bool
	}{
		{"plain", `docker run -v /:/h alpine`, []string{"docker", "run", "-v", "/:/h", "alpine"}, nil},
		{"known var", `docker run -v $PWD/web:/w x`, []string{"docker", "run", "-v", "/repo/web:/w", "x"}, nil},
		{"default when unset", `docker run -v ${ROOT:-/}:/h x`, []string{"docker", "run", "-v", "/:/h", "x"}, nil},
		{"default when empty", `docker run -v ${EMPTY:-/}:/h x`, []string{"docker", "run", "-v", "/:/h", "x"}, nil},
		{"dash default keeps empty", `echo a${EMPTY-/}b`, []string{"echo", "ab"}, nil},
		{"unset stays placeholder", `docker run $IMAGE`, []string{"docker", "run", "${IMAGE}"}, []bool{false, false, true}},
		{"quotes", `docker run -e "A=b c" 'x y' "" z`, []string{"docker", "run", "-e", "A=b c", "x y", "", "z"}, nil},
		{"escapes", `docker run a\ b "q\"q" "\x"`, []string{"docker", "run", "a b", `q"q`, `\x`}, nil},
		{"field splitting", `docker run $OPTS img`, []string{"docker", "run", "--rm", "-d", "img"}, nil},
		{"no splitting in quotes", `docker run "$OPTS" img`, []string{"docker", "run", "--rm  -d", "img"}, nil},
		{"empty unquoted vanishes", `docker run $EMPTY img`, []string{"docker", "run", "img"}, nil},
		{"tilde", `docker run -v ~/.ssh:/s x`, []string{"docker", "run", "-v", "/home/u/.ssh:/s", "x"}, nil},
		{"cmd subst unresolved", `docker run -e T="$(cat t)" x`, []string{"docker", "run", "-e", "T=$(…)", "x"}, []bool{false, false, false, true, false}},
		{"continuation", "docker run \\\n  --rm x", []string{"docker", "run", "--rm", "x"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cmds, err := ShellCommands("t.sh", []byte(tc.src), env)
			if err != nil {
				t.Fatal(err)
			}
			if len(cmds) == 0 {
				t.Fatal("no command found")
			}
			got := cmds[0].Words
			if len(got) != len(tc.want) {
				t.Fatalf("got %d words %q, want %q", len(got), texts(got), tc.want)
			}
			for i := range got {
				if got[i].Text != tc.want[i] {
					t.Errorf("word %d = %q, want %q", i, got[i].Text, tc.want[i])
				}
				if tc.unresolved != nil && got[i].Unresolved != tc.unresolved[i] {
					t.Errorf("word %d unresolved = %v, want %v", i, got[i].Unresolved, tc.unresolved[i])
				}
			}
		})
	}
}

func TestShellCommandsFindsNestedCommandsWithPositions(t *testing.T) {
	src := "set -e\nif true; then\n  sudo docker run \\\n    -v /:/h x | tee log\nfi\necho $(docker create y)\n"
	cmds, err := ShellCommands("s.sh", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []runspec.Pos
	for _, c := range cmds {
		got = append(got, c.Pos)
	}
	want := []struct{ line, col int }{{1, 1}, {2, 4}, {3, 3}, {4, 17}, {6, 1}, {6, 8}}
	if len(got) != len(want) {
		t.Fatalf("got %d commands %v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		if got[i].Line != w.line || got[i].Column != w.col || got[i].File != "s.sh" {
			t.Errorf("command %d at %+v, want %d:%d", i, got[i], w.line, w.col)
		}
	}
	// The -v word of the continued command is on line 4, column 5.
	v := cmds[2].Words[3]
	if v.Text != "-v" || v.Pos.Line != 4 || v.Pos.Column != 5 {
		t.Errorf("-v word = %+v", v)
	}
}

func TestShellCommandsSyntaxError(t *testing.T) {
	_, err := ShellCommands("bad.sh", []byte("docker run 'unterminated\n"), nil)
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want *SyntaxError", err)
	}
	if se.Pos.File != "bad.sh" || se.Pos.Line != 1 {
		t.Errorf("pos = %+v", se.Pos)
	}
}

func texts(ws []runspec.Word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Text
	}
	return out
}
