package runspec

import (
	"strings"

	"github.com/docker/docker/api/types/container"
)

// EnvVar is one entry of Config.Env described without its value: rules
// judge the name and the kind of value, and never see (so can never print)
// the value itself.
type EnvVar struct {
	Name string `json:"name"`
	// Words are the name's words, upper-cased, split at `_`, `-`, `.` and
	// lower-to-upper case changes (`dbPassword` is DB, PASSWORD), followed
	// by each pair of adjacent words joined with `_` (DB_PASSWORD), so that
	// a rule matches a name against a set of words with one lookup each.
	Words []string `json:"words"`
	// LastWord is the name's last word, upper-cased (FILE for
	// POSTGRES_PASSWORD_FILE).
	LastWord string `json:"last_word"`
	// HasValue is set when the entry has an `=`; without one the CLI took
	// the value from its environment, or the daemon drops the entry.
	HasValue bool `json:"has_value"`
	// HasLiteralValue is set when the value is written out: not empty, not
	// a reference to another variable (`$X`, `${X}`, unresolved or left for
	// the container to expand), not a template (`{{ .x }}`), not an obvious
	// placeholder (`<password>`, `xxxx`, `****`, `changeme`, `your-token`),
	// not a boolean (`true`, `yes`, `1`) or null, and not a path under
	// /run/secrets.
	HasLiteralValue bool `json:"has_literal_value"`
	// URLCredentials is set when the value holds a URL with a literal
	// password, `scheme://user:password@host` (also `redis://:pw@host`).
	URLCredentials bool `json:"url_credentials"`
	Unresolved     bool `json:"unresolved"`
	Pos            Pos  `json:"pos"`
}

func deriveEnv(s *Spec, cfg *container.Config) []EnvVar {
	out := make([]EnvVar, 0, len(cfg.Env))
	for _, kv := range cfg.Env {
		name, value, hasValue := strings.Cut(kv, "=")
		key := ValueKey("Config.Env", kv)
		e := EnvVar{
			Name:       name,
			HasValue:   hasValue,
			Unresolved: unresolved(s, key, value),
			Pos:        s.PosOf(key),
		}
		e.Words, e.LastWord = envWords(name)
		e.HasLiteralValue = hasValue && !e.Unresolved && literalValue(value)
		e.URLCredentials = urlCredentials(value)
		out = append(out, e)
	}
	return out
}

// envWords splits a variable name into upper-cased words and appends the
// adjacent pairs; it also returns the last word. Names are ASCII in
// practice; any other byte separates words.
func envWords(name string) ([]string, string) {
	n := 0
	forWords(name, func(string) { n++ })
	if n == 0 {
		return []string{}, ""
	}
	words := make([]string, 0, 2*n-1)
	forWords(name, func(w string) { words = append(words, strings.ToUpper(w)) })
	for i := 0; i+1 < n; i++ {
		words = append(words, words[i]+"_"+words[i+1])
	}
	return words, words[n-1]
}

// forWords calls f with each word of name: runs of ASCII letters and
// digits, split where a lower-case letter is followed by an upper-case one.
func forWords(name string, f func(string)) {
	start := -1
	for i := 0; i < len(name); i++ {
		c := name[i]
		upper, lower := c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z'
		if !upper && !lower && (c < '0' || c > '9') {
			if start >= 0 {
				f(name[start:i])
			}
			start = -1
			continue
		}
		if start >= 0 && upper && name[i-1] >= 'a' && name[i-1] <= 'z' {
			f(name[start:i])
			start = -1
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		f(name[start:])
	}
}

// literalValue reports whether an env value is written out rather than a
// reference, a template, a placeholder, a boolean or a secret file's path.
func literalValue(v string) bool {
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		return false
	case strings.Contains(v, "${") || varRef(v):
		return false
	case strings.HasPrefix(v, "{{") && strings.HasSuffix(v, "}}"):
		return false
	case strings.HasPrefix(v, "/run/secrets/"):
		return false
	}
	return !placeholder(v) && !(len(v) <= 5 && flags[strings.ToLower(v)])
}

// varRef reports whether v is exactly a reference `$NAME`.
func varRef(v string) bool {
	return len(v) > 1 && v[0] == '$' && VarNameLen(v[1:]) == len(v)-1
}

// VarNameLen is the length of the shell variable name at the start of s
// (a letter or _, then letters, digits and _), 0 when there is none.
func VarNameLen(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		if !letter && (i == 0 || c < '0' || c > '9') {
			return i
		}
	}
	return len(s)
}

// placeholders are values written to be replaced.
var placeholders = map[string]bool{
	"changeme": true, "change-me": true, "change_me": true, "changeit": true, "replaceme": true,
	"replace-me": true, "replace_me": true, "redacted": true, "todo": true, "tbd": true, "placeholder": true,
}

// flags are values that switch something on or off rather than hold a
// secret (MARIADB_RANDOM_ROOT_PASSWORD=1).
var flags = map[string]bool{
	"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true, "0": true, "1": true,
	"null": true, "none": true, "nil": true,
}

// placeholder reports whether v is an obvious stand-in: a known word,
// `<...>`, one character repeated (`xxxx`, `****`), or starting with
// `your` (`your-api-key`, `YOUR_TOKEN_HERE`).
func placeholder(v string) bool {
	if len(v) >= 4 && strings.EqualFold(v[:4], "your") {
		return true
	}
	if strings.HasPrefix(v, "<") && strings.HasSuffix(v, ">") {
		return true
	}
	if len(v) > 1 && strings.Count(v, v[:1]) == len(v) {
		return true
	}
	return len(v) <= maxPlaceholder && placeholders[strings.ToLower(v)]
}

// maxPlaceholder is the length of the longest word in placeholders.
const maxPlaceholder = 11

// urlCredentials reports whether v holds a URL whose user information
// carries a literal password: `scheme://user:password@host`. Every URL in
// the value is looked at (a comma-separated list of them too).
func urlCredentials(v string) bool {
	for {
		i := strings.Index(v, "://")
		if i < 0 {
			return false
		}
		v = v[i+3:]
		authority := v
		if end := strings.IndexAny(authority, "/?#, "); end >= 0 {
			authority = authority[:end]
		}
		at := strings.LastIndexByte(authority, '@')
		if at < 0 {
			continue
		}
		_, password, ok := strings.Cut(authority[:at], ":")
		if ok && password != "" && !strings.Contains(password, "${") && !varRef(password) && !placeholder(password) {
			return true
		}
	}
}
