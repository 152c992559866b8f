package dockerrun

import (
	"fmt"
	"path"
	"strings"

	"github.com/rungate/rungate/pkg/runspec"
)

// envOverlay is the environment the docker CLI would see: the caller's, as
// changed by env and sudo on the way (assignments, env -i, env -u).
type envOverlay struct {
	base    func(string) (string, bool)
	cleared bool
	set     map[string]string
	unset   map[string]bool
}

func newEnvOverlay(base func(string) (string, bool)) *envOverlay {
	return &envOverlay{base: base, set: map[string]string{}, unset: map[string]bool{}}
}

func (e *envOverlay) assign(kv string) {
	k, v, _ := strings.Cut(kv, "=")
	e.set[k] = v
	delete(e.unset, k)
}

func (e *envOverlay) remove(k string) {
	delete(e.set, k)
	e.unset[k] = true
}

func (e *envOverlay) clear() {
	e.cleared = true
	e.set = map[string]string{}
}

func (e *envOverlay) lookup(k string) (string, bool) {
	if v, ok := e.set[k]; ok {
		return v, true
	}
	if e.cleared || e.unset[k] || e.base == nil {
		return "", false
	}
	return e.base(k)
}

// skipWrappers steps over shell prefix assignments and the commands that run
// their arguments as a command (sudo, doas, env, command, exec, time,
// nohup), with their options, and returns the index of the wrapped command.
func skipWrappers(words []runspec.Word, env *envOverlay) (int, error) {
	i := 0
	for i < len(words) {
		var next int
		var err error
		switch path.Base(words[i].Text) {
		case "sudo":
			next = skipOptions(words, i+1, sudoValueOption)
			next = skipAssignments(words, next, env)
		case "doas":
			next = skipOptions(words, i+1, func(c string) bool { return c == "-u" || c == "-C" })
		case "env":
			next, err = skipEnv(words, i+1, env)
		case "command":
			next, err = skipCommand(words, i+1)
		case "exec":
			next = skipOptions(words, i+1, func(c string) bool { return c == "-a" })
		case "time":
			next = skipOptions(words, i+1, func(c string) bool { return c == "-f" || c == "-o" || c == "--format" || c == "--output" })
		case "nohup":
			next = i + 1
		default:
			// A shell prefix assignment (FOO=1 docker run ...) is in the
			// command's environment too.
			if !isAssignment(words[i].Text) {
				return i, nil
			}
			env.assign(words[i].Text)
			next = i + 1
		}
		if err != nil {
			return 0, err
		}
		i = next
	}
	return i, nil
}

// sudoValueOption lists sudo's options that take a value.
func sudoValueOption(opt string) bool {
	switch opt {
	case "-u", "-g", "-C", "-D", "-p", "-r", "-t", "-U", "-h", "-R", "-T",
		"--user", "--group", "--close-from", "--chdir", "--prompt", "--role", "--type",
		"--other-user", "--host", "--chroot", "--command-timeout":
		return true
	}
	return false
}

// skipOptions steps over a wrapper's options from words[i]: "--" ends them;
// "--opt=value" is one word; a short cluster ("-Eu root", "-uroot") takes
// the next word only when its last option takes a value and nothing follows
// it in the cluster.
func skipOptions(words []runspec.Word, i int, takesValue func(string) bool) int {
	for ; i < len(words); i++ {
		w := words[i].Text
		switch {
		case w == "--":
			return i + 1
		case len(w) < 2 || w[0] != '-':
			return i
		case strings.HasPrefix(w, "--"):
			if !strings.Contains(w, "=") && takesValue(w) {
				i++
			}
		default:
			for j := 1; j < len(w); j++ {
				if takesValue("-" + w[j:j+1]) {
					if j == len(w)-1 {
						i++
					}
					break
				}
			}
		}
	}
	return i
}

// skipAssignments steps over NAME=value words, adding them to env.
func skipAssignments(words []runspec.Word, i int, env *envOverlay) int {
	for ; i < len(words) && isAssignment(words[i].Text); i++ {
		env.assign(words[i].Text)
	}
	return i
}

// isAssignment reports whether w is NAME=value with a shell variable name.
func isAssignment(w string) bool {
	name, _, ok := strings.Cut(w, "=")
	if !ok || name == "" {
		return false
	}
	for j, c := range name {
		if c != '_' && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || j > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// skipEnv steps over env's options and assignments: -i / - clear the
// environment, -u NAME unsets, -C DIR changes directory. -S (split a string
// into words) is not followed.
func skipEnv(words []runspec.Word, i int, env *envOverlay) (int, error) {
	for ; i < len(words); i++ {
		w := words[i].Text
		switch {
		case w == "-i" || w == "-" || w == "--ignore-environment":
			env.clear()
		case w == "-u" || w == "--unset" || w == "-C" || w == "--chdir":
			if i+1 < len(words) && (w == "-u" || w == "--unset") {
				env.remove(words[i+1].Text)
			}
			i++
		case strings.HasPrefix(w, "--unset="):
			env.remove(strings.TrimPrefix(w, "--unset="))
		case strings.HasPrefix(w, "-u") && len(w) > 2:
			env.remove(w[2:])
		case w == "-S" || strings.HasPrefix(w, "--split-string"):
			return 0, fmt.Errorf("env -S is not followed: %w", ErrNotRun)
		case w == "--":
			return skipAssignments(words, i+1, env), nil
		case strings.HasPrefix(w, "-") && len(w) > 1:
			// Other options (-0, -v, --chdir=DIR, ...) take no separate value.
		default:
			return skipAssignments(words, i, env), nil
		}
	}
	return i, nil
}

// skipCommand steps over `command [-p]`; with -v or -V, command only
// describes the command and runs nothing.
func skipCommand(words []runspec.Word, i int) (int, error) {
	for ; i < len(words); i++ {
		switch w := words[i].Text; {
		case w == "--":
			return i + 1, nil
		case w == "-v" || w == "-V":
			return 0, fmt.Errorf("command %s: %w", w, ErrNotRun)
		case strings.HasPrefix(w, "-") && len(w) > 1:
		default:
			return i, nil
		}
	}
	return i, nil
}
