package dockerrun

import (
	"fmt"
	"path"
	"strings"

	"github.com/rungate/rungate/pkg/runspec"
)

// ParseCommand takes a whole command line as words: optional prefix
// assignments and wrappers (sudo, doas, env, command, exec, time, nohup),
// then docker (or a path ending in
// /docker; also podman and nerdctl), docker's global options, then run,
// create, container run or container create, then the run flags. It returns
// an error wrapping ErrNotRun when the words are not such an invocation, and
// an *Error when the docker CLI would reject the command.
//
// Variables assigned on the way (FOO=1 docker run -e FOO, env FOO=1 ...,
// sudo FOO=1 ...) are seen by -e and --env-file lookups, and env -i clears
// the environment, as they would be for the real CLI.
func ParseCommand(words []runspec.Word, opts Options) (*runspec.Spec, error) {
	if len(words) == 0 {
		return nil, fmt.Errorf("empty command: %w", ErrNotRun)
	}
	words = opts.inFile(words)
	env := newEnvOverlay(opts.LookupEnv)
	i, err := skipWrappers(words, env)
	if err != nil {
		return nil, err
	}
	if i >= len(words) || !isDockerBinary(words[i].Text) {
		return nil, fmt.Errorf("not a docker command: %w", ErrNotRun)
	}
	i, err = skipGlobalOptions(words, i+1)
	if err != nil {
		return nil, err
	}
	v, i, ok := runVerb(words, i)
	if !ok {
		return nil, fmt.Errorf("docker command is not run or create: %w", ErrNotRun)
	}
	opts.LookupEnv = env.lookup
	return parse(v, words[i:], words[0].Pos, opts)
}

// isDockerBinary accepts docker and the CLIs that mirror its run flags.
func isDockerBinary(word string) bool {
	switch path.Base(word) {
	case "docker", "podman", "nerdctl":
		return true
	}
	return false
}

// runVerb matches run, create, container run or container create at words[i]
// and returns the index of the first argument after it.
func runVerb(words []runspec.Word, i int) (verb, int, bool) {
	if i < len(words) && words[i].Text == "container" {
		i++
	}
	if i >= len(words) {
		return "", i, false
	}
	switch words[i].Text {
	case "run":
		return verbRun, i + 1, true
	case "create":
		return verbCreate, i + 1, true
	}
	return "", i, false
}

// skipGlobalOptions steps over docker's global options starting at words[i]
// and returns the index of the subcommand. --help and --version make the
// command print something and run nothing; an unknown option is rejected,
// as docker rejects it.
func skipGlobalOptions(words []runspec.Word, i int) (int, error) {
	for ; i < len(words); i++ {
		w := words[i].Text
		if len(w) < 2 || w[0] != '-' {
			return i, nil
		}
		if w == "--" {
			return i + 1, nil
		}
		var takesValue, ok bool
		if strings.HasPrefix(w, "--") {
			name, _, inline := strings.Cut(w[2:], "=")
			takesValue, ok = globalLong(name)
			takesValue = takesValue && !inline
		} else {
			takesValue, ok = globalShortCluster(w[1:])
		}
		switch {
		case !ok && isHelpOrVersion(w):
			return 0, fmt.Errorf("docker %s: %w", w, ErrNotRun)
		case !ok:
			return 0, rejectf(words[i].Pos, "unknown flag: %s", w)
		case takesValue:
			i++
			if i == len(words) {
				return 0, rejectf(words[i-1].Pos, "flag needs an argument: %s", w)
			}
		}
	}
	return i, nil
}

// globalLong knows docker's long global options and whether they take a value.
func globalLong(name string) (takesValue, ok bool) {
	switch name {
	case "host", "context", "config", "log-level", "tlscacert", "tlscert", "tlskey":
		return true, true
	case "debug", "tls", "tlsverify":
		return false, true
	}
	return false, false
}

// globalShortCluster reads a cluster such as -D, -H unix:///s, -Hunix:///s or
// -Dl debug, and reports whether its last option takes the next word.
func globalShortCluster(cluster string) (takesValue, ok bool) {
	for j := 0; j < len(cluster); j++ {
		switch cluster[j] {
		case 'D':
			continue
		case 'H', 'c', 'l':
			// The rest of the cluster, if any, is the value.
			return j == len(cluster)-1, true
		default:
			return false, false
		}
	}
	return false, true
}

func isHelpOrVersion(w string) bool {
	switch w {
	case "-h", "--help", "-v", "--version":
		return true
	}
	return false
}
