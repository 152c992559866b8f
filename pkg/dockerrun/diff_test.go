package dockerrun_test

// The differential test: every line of testdata/diff/argv.txt goes through
// the real docker CLI (pointed at a stand-in daemon that records the create
// request) and through dockerrun.ParseArgs, and the two must agree: both
// reject it, or both produce the same create body.
//
// Debugging one line: RUNGATE_DIFF_ONLY=substring selects the lines whose
// text contains it; each line is also its own subtest, named by its line
// number in argv.txt (go test -run 'TestDifferential/line/L042').
//
// RUNGATE_DIFF_VERB=create runs the corpus as `docker create ARGS` against
// ParseCommand instead (create lacks run's -d, --sig-proxy, --detach-keys
// and keeps the Attach fields); run, the default, is what rungate mostly
// sees. Either way ParseCommand on the whole line must agree with the
// parser's answer.

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/docker/docker/api/types/container"

	"github.com/rungate/rungate/internal/capture"
	"github.com/rungate/rungate/internal/testreport"
	"github.com/rungate/rungate/pkg/dockerrun"
	"github.com/rungate/rungate/pkg/runspec"
)

const (
	corpusFile  = "testdata/diff/argv.txt"
	knownFile   = "testdata/diff/known.txt"
	fixtureDir  = "testdata/diff/fixture"
	onlyEnv     = "RUNGATE_DIFF_ONLY"
	verbEnv     = "RUNGATE_DIFF_VERB"
	cliDeadline = time.Minute
)

// hostEnv is the environment, beyond the plumbing (PATH, HOME, DOCKER_*),
// that both the CLI and the parser see: one set variable, one set but
// empty, one with a blank in it.
func hostEnv() map[string]string {
	return map[string]string{
		"FROMHOST": "v",
		"EMPTYVAR": "",
		"SPACEY":   "a b",
	}
}

func TestDifferential(t *testing.T) {
	docker, err := exec.LookPath("docker")
	if err != nil {
		testreport.Write(t, "differential", "differential: skipped, the docker CLI is absent from PATH")
		t.Skip("differential test skipped: the docker CLI is absent from PATH")
	}
	lines := readCorpus(t, corpusFile)
	known := readKnown(t, knownFile)
	for text := range known {
		if !slices.ContainsFunc(lines, func(l corpusLine) bool { return l.text == text }) {
			t.Errorf("%s lists a line that is not in %s: %q", knownFile, corpusFile, text)
		}
	}
	only := os.Getenv(onlyEnv)

	// One copy of the fixtures is the working directory of both sides, so
	// relative paths (./data, e.env, seccomp.json) resolve alike. A copy,
	// because the CLI writes into it (--cidfile).
	work, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(work, os.DirFS(fixtureDir)); err != nil {
		t.Fatalf("copy fixtures: %v", err)
	}
	// Fail early, in one place, if -it lines cannot be given a terminal.
	if ptm, pts, err := openPTY(); err != nil {
		t.Fatalf("the CLI needs a terminal on stdin for -it lines: %v", err)
	} else {
		ptm.Close()
		pts.Close()
	}

	verb := cmp.Or(os.Getenv(verbEnv), "run")
	if verb != "run" && verb != "create" {
		t.Fatalf("%s=%q: want run or create", verbEnv, verb)
	}
	h := &harness{
		docker: docker,
		verb:   verb,
		work:   work,
		// The CLI is a Go binary whose start-up is CPU-bound: a pool of
		// NumCPU (at least 2) keeps every core busy without thrashing.
		pool: make(chan struct{}, max(2, runtime.NumCPU())),
	}
	var tally tally
	ran := 0
	t.Run("line", func(t *testing.T) {
		for _, l := range lines {
			if only != "" && !strings.Contains(l.text, only) {
				continue
			}
			ran++
			t.Run(fmt.Sprintf("L%03d", l.num), func(t *testing.T) {
				t.Parallel()
				h.check(t, l, known, &tally)
			})
		}
	})
	if ran == 0 {
		t.Fatalf("no corpus line matches %s=%q", onlyEnv, only)
	}
	testreport.Write(t, "differential", tally.summary())
}

// corpusLine is one command of the corpus.
type corpusLine struct {
	num  int // 1-based line number in argv.txt
	text string
	args []string
	// env holds the line's leading NAME=value words, which set variables
	// for this command only, as in a shell (DOCKER_DEFAULT_PLATFORM=...).
	env map[string]string
}

// envAssignment matches a shell variable assignment word.
var envAssignment = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`)

// splitAssignments separates the leading NAME=value words of a command.
func splitAssignments(words []string) (map[string]string, []string) {
	env := map[string]string{}
	for len(words) > 0 && envAssignment.MatchString(words[0]) {
		name, value, _ := strings.Cut(words[0], "=")
		env[name] = value
		words = words[1:]
	}
	return env, words
}

func readCorpus(t *testing.T, name string) []corpusLine {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("read corpus: %v", err)
	}
	var out []corpusLine
	seen := map[string]int{}
	for i, text := range strings.Split(string(data), "\n") {
		text = strings.TrimSpace(text)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		args, err := splitWords(text)
		if err != nil {
			t.Fatalf("%s:%d: %v", name, i+1, err)
		}
		if prev, dup := seen[text]; dup {
			t.Fatalf("%s:%d: duplicate of line %d", name, i+1, prev)
		}
		seen[text] = i + 1
		env, args := splitAssignments(args)
		out = append(out, corpusLine{num: i + 1, text: text, args: args, env: env})
	}
	if len(out) == 0 {
		t.Fatalf("%s: empty corpus", name)
	}
	return out
}

// readKnown reads the known divergences: "<corpus line> ## <reason>", one
// per line. A reason is mandatory: a divergence nobody can explain is a bug.
func readKnown(t *testing.T, name string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("read known divergences: %v", err)
	}
	known := map[string]string{}
	for i, text := range strings.Split(string(data), "\n") {
		text = strings.TrimSpace(text)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		line, reason, ok := strings.Cut(text, " ## ")
		if !ok || strings.TrimSpace(reason) == "" {
			t.Fatalf("%s:%d: want `<corpus line> ## <reason>`", name, i+1)
		}
		known[strings.TrimSpace(line)] = strings.TrimSpace(reason)
	}
	return known
}

// splitWords splits a corpus line into words with POSIX shell quoting:
// '...' is literal, "..." is literal except for \ before " \ $ ` and
// newline, and outside quotes \ escapes the next character. Nothing is
// expanded, so $ and ` are ordinary characters.
func splitWords(line string) ([]string, error) {
	var (
		words  []string
		cur    strings.Builder
		inWord bool // distinguishes '' (an empty word) from no word
	)
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\\':
			if i+1 == len(line) {
				return nil, errors.New("trailing backslash")
			}
			i++
			cur.WriteByte(line[i])
			inWord = true
		case c == '\'':
			end := strings.IndexByte(line[i+1:], '\'')
			if end < 0 {
				return nil, errors.New("unterminated single quote")
			}
			cur.WriteString(line[i+1 : i+1+end])
			i += end + 1
			inWord = true
		case c == '"':
			closed := false
			for i++; i < len(line); i++ {
				if line[i] == '"' {
					closed = true
					break
				}
				if line[i] == '\\' && i+1 < len(line) && strings.IndexByte("\"\\$`\n", line[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(line[i])
			}
			if !closed {
				return nil, errors.New("unterminated double quote")
			}
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// harness holds what every line shares. It is read-only once built.
type harness struct {
	docker string
	verb   string // run, or create (RUNGATE_DIFF_VERB)
	work   string
	pool   chan struct{} // bounds the CLI processes running at once
}

// outcome is what one side made of a line: a create request, or a rejection.
type outcome struct {
	accepted bool
	body     []byte // the create body, as JSON
	name     string // the name and platform query parameters
	platform string
	reason   string // why it was rejected
}

func (h *harness) check(t *testing.T, l corpusLine, known map[string]string, tally *tally) {
	d, err := capture.Start(filepath.Join(t.TempDir(), "d.sock"))
	if err != nil {
		t.Fatalf("start stand-in daemon: %v", err)
	}
	defer d.Close()
	env := h.env(t, d.Host())
	maps.Copy(env, l.env)
	cli, endpoints := h.runCLI(t, l, d, env)
	parsed := h.runParser(t, l, env)
	if whole := h.runParserCommand(t, l, env); !sameOutcome(t, parsed, whole) {
		t.Errorf("ParseCommand on the whole command line disagrees with the parser's answer\n%s",
			describe(l, parsed, whole, mustDiff(t, parsed, whole)))
	}
	tally.addEndpoints(endpoints)

	if cli.accepted {
		// The spec type must hold everything the CLI sends; if it cannot,
		// no parser could agree, and the report should say so instead.
		if lost := roundTripLoss(t, cli.body); len(lost) > 0 {
			t.Errorf("the CLI's create body does not survive container.CreateRequest:\n%s", renderDiffs(lost, "sent", "kept"))
		}
	}

	diffs := mustDiff(t, cli, parsed)
	agree := cli.accepted == parsed.accepted && len(diffs) == 0
	reason, isKnown := known[l.text]
	tally.add(agree, cli.accepted && parsed.accepted, !cli.accepted && !parsed.accepted, isKnown)

	report := describe(l, cli, parsed, diffs)
	switch {
	case agree && isKnown:
		t.Errorf("line agrees now but is listed in %s (%s); remove the entry\n%s", knownFile, reason, report)
	case agree:
		if !cli.accepted {
			t.Logf("rejected by both\n%s", report)
		}
	case isKnown:
		t.Logf("known divergence: %s\n%s", reason, report)
	default:
		t.Errorf("disagreement\n%s", report)
	}
}

// env is the whole environment of one CLI run and of the parser's
// LookupEnv. HOME and DOCKER_CONFIG are fresh, empty directories, so the CLI
// injects no proxy variables and reads no credentials; DOCKER_HOST points
// at this line's stand-in daemon.
func (h *harness) env(t *testing.T, host string) map[string]string {
	dir := t.TempDir()
	env := map[string]string{
		"DOCKER_HOST":   host,
		"PATH":          os.Getenv("PATH"),
		"HOME":          dir,
		"DOCKER_CONFIG": dir,
		"PWD":           h.work,
	}
	maps.Copy(env, hostEnv())
	return env
}

// runCLI runs `docker VERB ARGS` against a stand-in daemon of its own. The
// default verb is run, not create, because the parser reads run's flags
// (-d, --sig-proxy, --detach-keys are run-only) and run's semantics (-d
// clears the Attach fields). Stdin is a pseudo-terminal, as in an
// interactive shell, so that -it is not refused for want of a TTY. The
// daemon answers the create and nothing after it (attach, start, wait), so
// an accepted line still ends in an error exit; what counts is whether the
// create request arrived.
func (h *harness) runCLI(t *testing.T, l corpusLine, d *capture.Daemon, env map[string]string) (outcome, []string) {
	h.pool <- struct{}{}
	defer func() { <-h.pool }()

	ptm, pts, err := openPTY()
	if err != nil {
		t.Fatalf("open a terminal for the CLI: %v", err)
	}
	defer ptm.Close()
	defer pts.Close()

	ctx, cancel := context.WithTimeout(t.Context(), cliDeadline)
	defer cancel()
	cmd := exec.CommandContext(ctx, h.docker, append([]string{h.verb}, l.args...)...)
	cmd.Dir = h.work
	cmd.Env = []string{} // never nil: nil would inherit this process's environment
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stderr bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = pts, &stderr, &stderr
	// The CLI in raw terminal mode may leave a child holding the pipes;
	// do not wait for them longer than the process itself.
	cmd.WaitDelay = time.Second
	runErr := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("docker CLI did not finish within %s: %s", cliDeadline, stderr.String())
	}

	var endpoints []string
	for _, r := range d.Requests() {
		endpoints = append(endpoints, r.Method+" "+endpointName(r.Path))
	}
	msg := firstLine(stderr.String())
	switch creates := d.Creates(); {
	case len(creates) > 1:
		t.Fatalf("the CLI sent %d create requests", len(creates))
	case len(creates) == 1:
		c := creates[0]
		return outcome{accepted: true, body: c.Body, name: c.Query.Get("name"), platform: c.Query.Get("platform")}, endpoints
	case runErr == nil:
		t.Fatalf("the CLI exited 0 without creating a container: %s", stderr.String())
	case strings.Contains(stderr.String(), "stand-in daemon:"):
		// The CLI wanted something before the create that the stand-in
		// does not serve: a harness gap, not a rejection of the line.
		t.Fatalf("the CLI needs an endpoint the stand-in daemon lacks: %s", stderr.String())
	case strings.Contains(stderr.String(), "Cannot connect to the Docker daemon"):
		t.Fatalf("the CLI could not reach the stand-in daemon: %s", stderr.String())
	}
	return outcome{reason: msg}, endpoints
}

// endpointName turns /containers/<id>/start into /containers/{id}/start so
// that the endpoint list reads as an API surface.
func endpointName(path string) string {
	return strings.Replace(path, capture.ContainerID, "{id}", 1)
}

// runParser is the parser's side of a line. With the run verb it is
// dockerrun.ParseArgs on the words after `docker run`, with the line's
// variables in LookupEnv; with create (which has no ParseArgs of its own)
// it is ParseCommand on `docker create ARGS`.
func (h *harness) runParser(t *testing.T, l corpusLine, env map[string]string) outcome {
	words := runspec.Words(runspec.Pos{File: corpusFile, Line: l.num, Column: 1}, l.args...)
	if h.verb == "run" {
		return h.parse(t, "ParseArgs", dockerrun.ParseArgs, words, env)
	}
	cmd := append(runspec.Words(runspec.Pos{File: corpusFile, Line: l.num, Column: 1}, "docker", h.verb), words...)
	return h.parse(t, "ParseCommand", dockerrun.ParseCommand, cmd, env)
}

// runParserCommand is ParseCommand on the whole command line, the line's
// variables passed as `env NAME=value ... docker VERB ARGS` rather than in
// LookupEnv; it must come to the same outcome as runParser.
func (h *harness) runParserCommand(t *testing.T, l corpusLine, env map[string]string) outcome {
	base := maps.Clone(env)
	prefix := []string{}
	if len(l.env) > 0 {
		prefix = append(prefix, "env")
		for _, k := range slices.Sorted(maps.Keys(l.env)) {
			prefix = append(prefix, k+"="+l.env[k])
			delete(base, k)
		}
	}
	prefix = append(prefix, "docker", h.verb)
	words := runspec.Words(runspec.Pos{File: corpusFile, Line: l.num, Column: 1}, append(prefix, l.args...)...)
	return h.parse(t, "ParseCommand", dockerrun.ParseCommand, words, base)
}

func (h *harness) parse(t *testing.T, fn string, parse func([]runspec.Word, dockerrun.Options) (*runspec.Spec, error), words []runspec.Word, env map[string]string) (out outcome) {
	opts := dockerrun.Options{
		WorkDir: h.work,
		LookupEnv: func(k string) (string, bool) {
			v, ok := env[k]
			return v, ok
		},
		ReadFile: func(name string) ([]byte, error) {
			if !filepath.IsAbs(name) {
				name = filepath.Join(h.work, name)
			}
			return os.ReadFile(name)
		},
		File: corpusFile,
	}
	// A panic in one parallel subtest would take every other line down
	// with it; report it as this line's failure instead.
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("dockerrun.%s panicked: %v", fn, r)
			out = outcome{reason: fmt.Sprintf("panic: %v", r)}
		}
	}()
	spec, err := parse(words, opts)
	if err != nil {
		var perr *dockerrun.Error
		if !errors.As(err, &perr) {
			t.Logf("note: dockerrun.%s's error is not a *dockerrun.Error: %T", fn, err)
		}
		return outcome{reason: err.Error()}
	}
	if spec == nil {
		t.Fatalf("dockerrun.%s returned neither a spec nor an error", fn)
	}
	body, err := json.Marshal(spec.Create)
	if err != nil {
		t.Fatalf("marshal the parser's create body: %v", err)
	}
	return outcome{accepted: true, body: body, name: spec.Name, platform: spec.Platform}
}

// roundTripLoss decodes body into the spec's type and encodes it again, and
// returns what changed.
func roundTripLoss(t *testing.T, body []byte) []fieldDiff {
	var req container.CreateRequest
	if err := json.Unmarshal(body, &req); err != nil {
		t.Fatalf("decode the CLI's body into container.CreateRequest: %v", err)
	}
	again, err := json.Marshal(req)
	if err != nil {
		t.Fatalf("encode container.CreateRequest: %v", err)
	}
	lost, err := bodyDiff(body, again)
	if err != nil {
		t.Fatalf("compare round trip: %v", err)
	}
	return lost
}

// fieldDiff is one create-body field on which the CLI and the parser differ.
// A nil side means the field is absent (or empty) there.
type fieldDiff struct {
	path        string
	cli, parser any
}

// presenceSignificant tells the fields where an empty value means something
// else than an absent one to dockerd, so only null is folded away:
// MaskedPaths/ReadonlyPaths [] unmask /proc (null keeps the defaults), Init
// false overrides a daemon default of true, StopTimeout 0 kills at once
// (null waits the default 10s).
func presenceSignificant(path string) bool {
	switch path {
	case "HostConfig.MaskedPaths", "HostConfig.ReadonlyPaths", "HostConfig.Init", "StopTimeout":
		return true
	}
	return false
}

// bodyDiff compares two create bodies field by field. Both are decoded into
// generic values and empty values are folded away, because the CLI and the
// parser may differ in whether they spell "nothing" as null, [], {}, "", 0
// or false; HostConfig.Binds is compared as a set and Env by content and
// last value per name (see envDiff), because the CLI builds both through Go
// maps and their order is random. Nothing else is normalized.
func bodyDiff(cliBody, parserBody []byte) ([]fieldDiff, error) {
	a, err := decodeBody(cliBody)
	if err != nil {
		return nil, fmt.Errorf("decode the CLI's body: %w", err)
	}
	b, err := decodeBody(parserBody)
	if err != nil {
		return nil, fmt.Errorf("decode the parser's body: %w", err)
	}
	var diffs []fieldDiff
	walkDiff("", fold("", a), fold("", b), &diffs)
	return diffs, nil
}

func decodeBody(body []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // int64 sizes and exact decimals, not float64
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, ok := v.(map[string]any); !ok {
		return nil, fmt.Errorf("not a JSON object: %.80s", body)
	}
	return v, nil
}

// fold drops the empty members of every object, recursively (an object left
// empty is itself empty), and turns Binds into a sorted set. Array elements
// are folded inside but never dropped: [""] is not [].
func fold(path string, v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, child := range x {
			p := joinPath(path, k)
			child = fold(p, child)
			if child == nil || (!presenceSignificant(p) && isEmpty(child)) {
				continue
			}
			out[k] = child
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, child := range x {
			out[i] = fold(fmt.Sprintf("%s[%d]", path, i), child)
		}
		if path == "HostConfig.Binds" {
			out = bindSet(out)
		}
		return out
	}
	return v
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case map[string]any:
		return len(x) == 0
	case []any:
		return len(x) == 0
	case string:
		return x == ""
	case bool:
		return !x
	case json.Number:
		f, err := x.Float64()
		return err == nil && f == 0
	}
	return false
}

// bindSet sorts and de-duplicates binds: the CLI collects -v into a map, so
// its order is random and repeats collapse.
func bindSet(binds []any) []any {
	sort.Slice(binds, func(i, j int) bool { return fmt.Sprint(binds[i]) < fmt.Sprint(binds[j]) })
	return slices.CompactFunc(binds, func(a, b any) bool { return reflect.DeepEqual(a, b) })
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// walkDiff records where a and b differ: objects key by key, arrays of the
// same length element by element, anything else as a whole.
func walkDiff(path string, a, b any, diffs *[]fieldDiff) {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	// An object absent on one side is compared as an empty one, so the
	// report names the fields that are set, not their parent.
	if aok && b == nil {
		bm, bok = map[string]any{}, true
	}
	if bok && a == nil {
		am, aok = map[string]any{}, true
	}
	if aok && bok {
		keys := map[string]bool{}
		for k := range am {
			keys[k] = true
		}
		for k := range bm {
			keys[k] = true
		}
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			walkDiff(joinPath(path, k), am[k], bm[k], diffs)
		}
		return
	}
	as, aok := a.([]any)
	bs, bok := b.([]any)
	if path == "Env" {
		envDiff(as, bs, diffs)
		return
	}
	if aok && bok && len(as) == len(bs) && path != "HostConfig.Binds" {
		for i := range as {
			walkDiff(fmt.Sprintf("%s[%d]", path, i), as[i], bs[i], diffs)
		}
		return
	}
	if !reflect.DeepEqual(a, b) {
		*diffs = append(*diffs, fieldDiff{path: path, cli: a, parser: b})
	}
}

// envDiff compares Config.Env by content and by effect, not by order. The
// docker CLI passes the -e values through a Go map (keyed by name, last one
// wins, to merge in proxy settings) and appends them after the env-file
// lines, so the -e part comes out in random order. Order matters only where
// a name repeats, and there the last value wins, so the two lists agree
// when they hold the same entries and give every name the same last value.
func envDiff(a, b []any, diffs *[]fieldDiff) {
	sa, sb := sortedStrings(a), sortedStrings(b)
	if !slices.Equal(sa, sb) {
		*diffs = append(*diffs, fieldDiff{path: "Env (entries, sorted)", cli: sa, parser: sb})
	}
	la, lb := lastValues(a), lastValues(b)
	names := map[string]bool{}
	for k := range la {
		names[k] = true
	}
	for k := range lb {
		names[k] = true
	}
	for _, k := range slices.Sorted(maps.Keys(names)) {
		va, oka := la[k]
		vb, okb := lb[k]
		if va != vb || oka != okb {
			d := fieldDiff{path: "Env (last " + k + ")"}
			if oka {
				d.cli = va
			}
			if okb {
				d.parser = vb
			}
			*diffs = append(*diffs, d)
		}
	}
}

func sortedStrings(list []any) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = fmt.Sprint(v)
	}
	slices.Sort(out)
	return out
}

// lastValues maps each variable name to its last entry ("K=v", or "K"
// alone), which is the one the container sees.
func lastValues(list []any) map[string]string {
	out := map[string]string{}
	for _, v := range list {
		e := fmt.Sprint(v)
		name, _, _ := strings.Cut(e, "=")
		out[name] = e
	}
	return out
}

// sameOutcome reports whether two outcomes are the same: both rejections,
// or the same request.
func sameOutcome(t *testing.T, a, b outcome) bool {
	if a.accepted != b.accepted {
		return false
	}
	return !a.accepted || len(mustDiff(t, a, b)) == 0
}

// mustDiff lists how two accepted outcomes differ (nil unless both were
// accepted).
func mustDiff(t *testing.T, a, b outcome) []fieldDiff {
	if !a.accepted || !b.accepted {
		return nil
	}
	diffs, err := bodyDiff(a.body, b.body)
	if err != nil {
		t.Fatalf("compare bodies: %v", err)
	}
	return append(diffs, queryDiff(a, b)...)
}

// queryDiff compares what travels in the create call's query string.
func queryDiff(cli, parsed outcome) []fieldDiff {
	var diffs []fieldDiff
	if cli.name != parsed.name {
		diffs = append(diffs, fieldDiff{path: "?name", cli: cli.name, parser: parsed.name})
	}
	if cli.platform != parsed.platform {
		diffs = append(diffs, fieldDiff{path: "?platform", cli: cli.platform, parser: parsed.platform})
	}
	return diffs
}

// describe renders a line's two outcomes for a human.
func describe(l corpusLine, cli, parsed outcome, diffs []fieldDiff) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  %s:%d: %s\n", corpusFile, l.num, l.text)
	side := func(who string, o outcome) {
		if o.accepted {
			fmt.Fprintf(&b, "  %-6s accepted\n", who)
		} else {
			fmt.Fprintf(&b, "  %-6s rejected: %s\n", who, o.reason)
		}
	}
	side("cli", cli)
	side("parser", parsed)
	b.WriteString(renderDiffs(diffs, "cli", "parser"))
	return strings.TrimRight(b.String(), "\n")
}

// renderDiffs prints one differing field per entry, with both values.
func renderDiffs(diffs []fieldDiff, left, right string) string {
	var b strings.Builder
	w := max(len(left), len(right)) + 1
	for _, d := range diffs {
		fmt.Fprintf(&b, "    %s\n      %-*s %s\n      %-*s %s\n", d.path, w, left+":", show(d.cli), w, right+":", show(d.parser))
	}
	return b.String()
}

func show(v any) string {
	if v == nil {
		return "(absent)"
	}
	out, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(out)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			return line
		}
	}
	return s
}

// tally counts outcomes across the parallel subtests of one run.
type tally struct {
	mu           sync.Mutex
	lines        int
	agree        int
	bothAccept   int
	bothReject   int
	known        int // disagreements listed in known.txt
	endpointSeen map[string]bool
}

func (ty *tally) add(agree, bothAccept, bothReject, known bool) {
	ty.mu.Lock()
	defer ty.mu.Unlock()
	ty.lines++
	if !agree && known {
		ty.known++
	}
	if agree {
		ty.agree++
		if bothAccept {
			ty.bothAccept++
		}
		if bothReject {
			ty.bothReject++
		}
	}
}

func (ty *tally) addEndpoints(eps []string) {
	ty.mu.Lock()
	defer ty.mu.Unlock()
	if ty.endpointSeen == nil {
		ty.endpointSeen = map[string]bool{}
	}
	for _, e := range eps {
		ty.endpointSeen[e] = true
	}
}

func (ty *tally) summary() string {
	ty.mu.Lock()
	defer ty.mu.Unlock()
	return fmt.Sprintf("differential: %d/%d lines agree (%d accepted by both with equal bodies, %d rejected by both; %d known divergences)\nCLI endpoints used: %s",
		ty.agree, ty.lines, ty.bothAccept, ty.bothReject, ty.known, strings.Join(slices.Sorted(maps.Keys(ty.endpointSeen)), ", "))
}

// openPTY opens a pseudo-terminal pair with the kernel's /dev/ptmx
// interface: unlock the slave, ask its number, open it.
func openPTY() (ptm, pts *os.File, err error) {
	ptm, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("open /dev/ptmx: %w", err)
	}
	var unlock int32
	if err := ioctl(ptm, syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)); err != nil {
		ptm.Close()
		return nil, nil, fmt.Errorf("unlock pty: %w", err)
	}
	var n uint32
	if err := ioctl(ptm, syscall.TIOCGPTN, unsafe.Pointer(&n)); err != nil {
		ptm.Close()
		return nil, nil, fmt.Errorf("get pty number: %w", err)
	}
	pts, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		ptm.Close()
		return nil, nil, fmt.Errorf("open pty slave: %w", err)
	}
	return ptm, pts, nil
}

func ioctl(f *os.File, req uint, arg unsafe.Pointer) error {
	conn, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var errno syscall.Errno
	if err := conn.Control(func(fd uintptr) {
		_, _, errno = syscall.Syscall(syscall.SYS_IOCTL, fd, uintptr(req), uintptr(arg))
	}); err != nil {
		return err
	}
	if errno != 0 {
		return errno
	}
	return nil
}

// The harness's own pieces are tested here, so that a bug in them cannot
// pass for agreement (or for a parser bug).

func TestSplitWords(t *testing.T) {
	tests := []struct {
		name, line string
		want       []string
		wantErr    bool
	}{
		{name: "blanks", line: "a  b\tc", want: []string{"a", "b", "c"}},
		{name: "single quotes keep blanks", line: "-v '/p q:/r' x", want: []string{"-v", "/p q:/r", "x"}},
		{name: "empty word", line: "--entrypoint '' img", want: []string{"--entrypoint", "", "img"}},
		{name: "double quote escapes", line: `"a\"b\\c\d" 'e\f'`, want: []string{`a"b\c\d`, `e\f`}},
		{name: "backslash outside quotes", line: `a\ b \'`, want: []string{"a b", "'"}},
		{name: "adjacent pieces join", line: `x"y"'z'`, want: []string{"xyz"}},
		{name: "no expansion", line: "$HOME `id`", want: []string{"$HOME", "`id`"}},
		{name: "csv quoting survives", line: `--mount 'type=bind,"src=/a,b",dst=/c'`, want: []string{"--mount", `type=bind,"src=/a,b",dst=/c`}},
		{name: "open single quote", line: "'open", wantErr: true},
		{name: "open double quote", line: `"open`, wantErr: true},
		{name: "trailing backslash", line: `trail\`, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := splitWords(tc.line)
			if (err != nil) != tc.wantErr {
				t.Fatalf("splitWords(%q) error = %v, want error %v", tc.line, err, tc.wantErr)
			}
			if !tc.wantErr && !slices.Equal(got, tc.want) {
				t.Errorf("splitWords(%q) = %q, want %q", tc.line, got, tc.want)
			}
		})
	}
}

func TestSplitAssignments(t *testing.T) {
	env, args := splitAssignments([]string{"A=1", "B_2=x=y", "-e", "C=3", "alpine"})
	if want := map[string]string{"A": "1", "B_2": "x=y"}; !maps.Equal(env, want) {
		t.Errorf("env = %v, want %v", env, want)
	}
	if want := []string{"-e", "C=3", "alpine"}; !slices.Equal(args, want) {
		t.Errorf("args = %q, want %q", args, want)
	}
	if env, _ := splitAssignments([]string{"1A=x", "=x"}); len(env) != 0 {
		t.Errorf("not assignments, got env %v", env)
	}
}

func TestBodyDiff(t *testing.T) {
	tests := []struct {
		name, cli, parser string
		want              []string // paths that differ
	}{
		{
			name:   "empty values are absent",
			cli:    `{"Env":null,"Volumes":{},"HostConfig":{"Binds":[],"Privileged":false,"Memory":0,"LogConfig":{"Type":"","Config":{}}}}`,
			parser: `{"Image":""}`,
		},
		{
			name:   "binds are a set",
			cli:    `{"HostConfig":{"Binds":["/b:/b","/a:/a"]}}`,
			parser: `{"HostConfig":{"Binds":["/a:/a","/b:/b","/a:/a"]}}`,
		},
		{
			name:   "a missing bind differs",
			cli:    `{"HostConfig":{"Binds":["/:/host","/a:/a"]}}`,
			parser: `{"HostConfig":{"Binds":["/a:/a"]}}`,
			want:   []string{"HostConfig.Binds"},
		},
		{
			name:   "other lists keep their order",
			cli:    `{"Dns":["1.1.1.1","8.8.8.8"]}`,
			parser: `{"Dns":["8.8.8.8","1.1.1.1"]}`,
			want:   []string{"Dns[0]", "Dns[1]"},
		},
		{
			name:   "env order does not matter",
			cli:    `{"Env":["F=file","B=2","A=1","F=flag"]}`,
			parser: `{"Env":["F=file","A=1","F=flag","B=2"]}`,
		},
		{
			name:   "env entries differ",
			cli:    `{"Env":["A=1","B"]}`,
			parser: `{"Env":["A=1","B=","C=3"]}`,
			want:   []string{"Env (entries, sorted)", "Env (last B)", "Env (last C)"},
		},
		{
			name:   "env precedence differs",
			cli:    `{"Env":["F=file","F=flag"]}`,
			parser: `{"Env":["F=flag","F=file"]}`,
			want:   []string{"Env (last F)"},
		},
		{
			name:   "nested field",
			cli:    `{"HostConfig":{"Memory":536870912,"Privileged":true}}`,
			parser: `{"HostConfig":{"Memory":536870913,"Privileged":true}}`,
			want:   []string{"HostConfig.Memory"},
		},
		{
			name:   "field inside an array element",
			cli:    `{"HostConfig":{"Mounts":[{"Type":"bind","Source":"/","ReadOnly":false}]}}`,
			parser: `{"HostConfig":{"Mounts":[{"Type":"bind","Source":"/x"}]}}`,
			want:   []string{"HostConfig.Mounts[0].Source"},
		},
		{
			name:   "arrays of different lengths",
			cli:    `{"CapAdd":["ALL","CAP_SYS_ADMIN"]}`,
			parser: `{"CapAdd":["ALL"]}`,
			want:   []string{"CapAdd"},
		},
		{
			name:   "present on one side only",
			cli:    `{"Image":"alpine","Cmd":["sh"]}`,
			parser: `{"Image":"alpine"}`,
			want:   []string{"Cmd"},
		},
		{
			name:   "an array holding an empty string is not empty",
			cli:    `{"Entrypoint":[""]}`,
			parser: `{"Entrypoint":null}`,
			want:   []string{"Entrypoint"},
		},
		{
			name:   "empty masked paths unmask, null keeps the defaults",
			cli:    `{"HostConfig":{"MaskedPaths":[],"ReadonlyPaths":[]}}`,
			parser: `{"HostConfig":{"MaskedPaths":null}}`,
			want:   []string{"HostConfig.MaskedPaths", "HostConfig.ReadonlyPaths"},
		},
		{
			name:   "null masked paths are absent",
			cli:    `{"HostConfig":{"MaskedPaths":null}}`,
			parser: `{"HostConfig":{}}`,
		},
		{
			name:   "init false and stop timeout 0 are set",
			cli:    `{"StopTimeout":0,"HostConfig":{"Init":false}}`,
			parser: `{}`,
			want:   []string{"HostConfig.Init", "StopTimeout"},
		},
		{
			name:   "numbers beyond float64 precision",
			cli:    `{"HostConfig":{"Memory":9007199254740993}}`,
			parser: `{"HostConfig":{"Memory":9007199254740992}}`,
			want:   []string{"HostConfig.Memory"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			diffs, err := bodyDiff([]byte(tc.cli), []byte(tc.parser))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range diffs {
				got = append(got, d.path)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("differing paths = %q, want %q", got, tc.want)
			}
		})
	}
	if _, err := bodyDiff([]byte(`[]`), []byte(`{}`)); err == nil {
		t.Error("bodyDiff accepted a body that is not a JSON object")
	}
}
