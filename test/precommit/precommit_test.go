// Package precommit_test proves .pre-commit-hooks.yaml with the real
// pre-commit framework: it installs the hook from a clone of this
// repository (language: golang, so pre-commit runs `go install ./...`) and
// runs it on a sample repository.
package precommit_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rungate/rungate/internal/testreport"
)

// TestPreCommitHook runs whenever pre-commit is installed: with the module
// and build caches shared, installing the hook takes about ten seconds.
func TestPreCommitHook(t *testing.T) {
	precommit, err := exec.LookPath("pre-commit")
	if err != nil {
		testreport.Write(t, "pre-commit", "pre-commit hook: SKIPPED, pre-commit is not installed (apt-get install pre-commit)")
		t.Skip("pre-commit is not installed (Debian: apt-get install pre-commit)")
	}
	for _, tool := range []string{"git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	ctx := t.Context()
	top, code := runCode(t, ctx, "", nil, "git", "rev-parse", "--show-toplevel")
	if code != 0 {
		testreport.Write(t, "pre-commit", "pre-commit hook: SKIPPED, not a git checkout")
		t.Skipf("not a git checkout, so there is nothing to clone the hook from: %s", top)
	}
	root := strings.TrimSpace(top)
	version := strings.TrimSpace(run(t, ctx, "", nil, precommit, "--version"))

	// The hook repository: this checkout's files as they are now,
	// committed in a fresh repository, since pre-commit clones a rev.
	hookRepo := t.TempDir()
	copyCheckout(t, ctx, root, hookRepo)
	gitInit(t, ctx, hookRepo)
	run(t, ctx, hookRepo, nil, "git", "add", "-A")
	run(t, ctx, hookRepo, nil, "git", "commit", "-q", "-m", "hook")
	rev := strings.TrimSpace(run(t, ctx, hookRepo, nil, "git", "rev-parse", "HEAD"))

	sample := t.TempDir()
	gitInit(t, ctx, sample)
	write(t, filepath.Join(sample, ".pre-commit-config.yaml"), fmt.Sprintf(`repos:
  - repo: %s
    rev: %s
    hooks:
      - id: rungate
`, hookRepo, rev))
	bad := "#!/bin/sh\nset -e\ndocker run --rm -v /:/host alpine ls /host\n"
	write(t, filepath.Join(sample, "deploy.sh"), bad)
	write(t, filepath.Join(sample, "README.md"), "# Sample\n\nNo commands here.\n")
	run(t, ctx, sample, nil, "git", "add", "-A")

	gomodcache := strings.TrimSpace(run(t, ctx, "", nil, "go", "env", "GOMODCACHE"))
	env := append(os.Environ(),
		"PRE_COMMIT_HOME="+t.TempDir(),
		// pre-commit gives the hook an isolated GOPATH; keep the module
		// cache shared so the build does not download every module again.
		"GOMODCACHE="+gomodcache,
		"GOFLAGS=-mod=mod",
		"GOTOOLCHAIN=local",
		"NO_COLOR=1",
	)

	start := time.Now()
	out, code := runCode(t, ctx, sample, env, precommit, "run", "--all-files", "--color", "never")
	installAndFail := time.Since(start)
	if code == 0 {
		t.Fatalf("pre-commit passed on a host-root mount:\n%s", out)
	}
	if !strings.Contains(out, "host-root-mount") || !strings.Contains(out, "deploy.sh:3:") {
		t.Fatalf("pre-commit output does not name host-root-mount at deploy.sh:3:\n%s", out)
	}

	write(t, filepath.Join(sample, "deploy.sh"), "#!/bin/sh\nset -e\ndocker run --rm -v /srv/data:/data:ro alpine ls /data\n")
	start = time.Now()
	out, code = runCode(t, ctx, sample, env, precommit, "run", "--all-files", "--color", "never")
	second := time.Since(start)
	if code != 0 {
		t.Fatalf("pre-commit failed after the fix (exit %d):\n%s", code, out)
	}
	testreport.Write(t, "pre-commit", fmt.Sprintf(
		"pre-commit hook (%s, language: golang): install + failing run %.1fs naming host-root-mount; after the fix passes in %.1fs",
		version, installAndFail.Seconds(), second.Seconds()))
}

// copyCheckout copies the files git knows of (tracked, and untracked but
// not ignored), as go test sees them.
func copyCheckout(t *testing.T, ctx context.Context, from, to string) {
	t.Helper()
	list := run(t, ctx, from, nil, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	for _, name := range strings.Split(strings.TrimRight(list, "\x00"), "\x00") {
		src := filepath.Join(from, name)
		info, err := os.Lstat(src)
		if err != nil || !info.Mode().IsRegular() {
			continue // deleted in the worktree, or a symlink
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(to, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, info.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
}

func gitInit(t *testing.T, ctx context.Context, dir string) {
	t.Helper()
	run(t, ctx, dir, nil, "git", "init", "-q")
	run(t, ctx, dir, nil, "git", "config", "user.email", "test@rungate.invalid")
	run(t, ctx, dir, nil, "git", "config", "user.name", "rungate test")
	run(t, ctx, dir, nil, "git", "config", "commit.gpgsign", "false")
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// run runs a command that must succeed and returns its output.
func run(t *testing.T, ctx context.Context, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, code := runCode(t, ctx, dir, env, name, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit %d\n%s", name, strings.Join(args, " "), code, out)
	}
	return out
}

// runCode runs a command and returns its combined output and exit code.
func runCode(t *testing.T, ctx context.Context, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return out.String(), ee.ExitCode()
		}
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return out.String(), 0
}
