package scan

import (
	"path"
	"regexp"
	"strings"
)

// ignoreRule is one pattern line of a .gitignore file.
type ignoreRule struct {
	re      *regexp.Regexp
	negate  bool
	dirOnly bool
	// anchored patterns (with a / before the end) match the path relative
	// to the .gitignore's directory; others match the last element at any
	// depth.
	anchored bool
}

// ignoreList holds the rules of one .gitignore, with the directory
// (slash-separated, relative to the walk root, "" for the root) it sits in.
type ignoreList struct {
	base string
	// above is set for the .gitignore of a directory above the walk root:
	// the root's path relative to that directory, prefixed to every path.
	above string
	rules []ignoreRule
}

// parseIgnore reads .gitignore text: blank lines and # comments are
// skipped, ! negates, a trailing / matches directories only, a / elsewhere
// anchors the pattern, ** crosses directories. Patterns that do not
// compile are dropped: git ignores them too.
func parseIgnore(base, text string) ignoreList {
	l := ignoreList{base: base}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if !strings.HasSuffix(line, `\ `) {
			line = strings.TrimRight(line, " \t")
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var r ignoreRule
		if strings.HasPrefix(line, "!") {
			r.negate, line = true, line[1:]
		} else if strings.HasPrefix(line, `\!`) || strings.HasPrefix(line, `\#`) {
			line = line[1:]
		}
		if strings.HasSuffix(line, "/") {
			r.dirOnly, line = true, strings.TrimRight(line, "/")
		}
		if line == "" {
			continue
		}
		r.anchored = strings.Contains(line, "/")
		line = strings.TrimPrefix(line, "/")
		re, err := regexp.Compile("^" + globRegexp(line) + "$")
		if err != nil {
			continue
		}
		r.re = re
		l.rules = append(l.rules, r)
	}
	return l
}

// globRegexp translates a gitignore glob to a regular expression.
func globRegexp(g string) string {
	var b strings.Builder
	for i := 0; i < len(g); i++ {
		c := g[i]
		switch {
		case strings.HasPrefix(g[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(g[i:], "/**") && i+3 == len(g):
			b.WriteString("/.*")
			i += 2
		case strings.HasPrefix(g[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[':
			end := strings.IndexByte(g[i+1:], ']')
			if end < 0 {
				b.WriteString(`\[`)
				continue
			}
			class := g[i+1 : i+1+end]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += end + 1
		case c == '\\' && i+1 < len(g):
			i++
			b.WriteString(regexp.QuoteMeta(g[i : i+1]))
		default:
			b.WriteString(regexp.QuoteMeta(g[i : i+1]))
		}
	}
	return b.String()
}

// ignored reports whether rel (slash-separated, relative to the walk root)
// is ignored by the lists, outermost first: the last matching rule wins.
func ignored(lists []ignoreList, rel string, isDir bool) bool {
	out := false
	for _, l := range lists {
		sub := rel
		switch {
		case l.above != "":
			sub = l.above + "/" + rel
		case l.base != "":
			if !strings.HasPrefix(rel, l.base+"/") {
				continue
			}
			sub = rel[len(l.base)+1:]
		}
		for _, r := range l.rules {
			if r.dirOnly && !isDir {
				continue
			}
			target := sub
			if !r.anchored {
				target = path.Base(sub)
			}
			if r.re.MatchString(target) {
				out = !r.negate
			}
		}
	}
	return out
}
