package scan

import (
	"testing"
)

// FuzzGitignore checks that no .gitignore text makes the matcher panic.
func FuzzGitignore(f *testing.F) {
	f.Add("*.log\n!keep.log\n/build/\ndocs/**/gen\n[!a-c]?.sh\n\\#x\n", "docs/a/gen")
	f.Add("[\n**\n/**/\n\\", "a/b")
	f.Fuzz(func(t *testing.T, text, rel string) {
		lists := []ignoreList{parseIgnore("", text), parseIgnore("a", text)}
		ignored(lists, rel, false)
		ignored(lists, rel, true)
	})
}

// FuzzClassify checks that no file name or content makes Classify panic.
func FuzzClassify(f *testing.F) {
	f.Add("stack.yml", "services:\n  web:\n    image: x\n")
	f.Add("c.json", `[{"Id": "a", "HostConfig": {}}]`)
	f.Add("x__Dockerfile", "#!/bin/sh\n")
	f.Fuzz(func(t *testing.T, name, head string) {
		Classify(name, []byte(head))
	})
}
