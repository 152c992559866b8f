package scan

import (
	"testing"
)

// FuzzShellCommands checks that no shell source, however broken, makes the
// scanner panic, and that every word it returns has a position in the file.
func FuzzShellCommands(f *testing.F) {
	seeds := []string{
		"docker run -v /:/h alpine",
		"sudo docker run \\\n  -v ${ROOT:-/}:/h \"$IMAGE\" sh -c 'id'",
		"if true; then docker run $(echo x) <img>; fi",
		"docker run -e A=\"$(cat <<EOF\nx\nEOF\n)\" img",
		"a=${b:?missing} ${c[@]} ${#d} ${e/x/y} $'\\n' ~/x ~root",
		"docker run --rm -it -v $PWD/web:/w:ro web | tee log &",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	env := Env{"PWD": "/repo", "HOME": "/home/u", "OPTS": "--rm -d"}
	f.Fuzz(func(t *testing.T, src string) {
		cmds, err := ShellCommands("fuzz.sh", []byte(src), env)
		if err != nil {
			return
		}
		for _, c := range cmds {
			for _, w := range c.Words {
				if w.Pos.File != "fuzz.sh" || w.Pos.Line < 1 {
					t.Fatalf("word %q has no position: %+v", w.Text, w.Pos)
				}
			}
		}
	})
}
