package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/rungate/rungate/internal/sdlisten"
	"github.com/rungate/rungate/pkg/authz"
	"github.com/rungate/rungate/pkg/config"
	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
)

type authzOptions struct {
	socket       string
	tcp          string
	mode         string
	failOn       string
	logFile      string
	allowArchive bool
	allowPlugins []string
	dockerHost   string
	names        []string
	timeout      time.Duration
	verdictCache int
	// created is the socket file listen made, removed on the way out; a
	// socket systemd passed is systemd's to keep.
	created string
	policy  policyOptions
	config  string
	// changed reports whether a flag was given, so that only flags left at
	// their defaults take the configuration file's values.
	changed func(name string) bool
}

func newAuthzCommand(s streams) *cobra.Command {
	var o authzOptions
	cmd := &cobra.Command{
		Use:   "authz",
		Short: "Serve the Docker authorization plugin: judge every Engine API request dockerd receives",
		Long: `Serve the Docker authorization plugin protocol. Start dockerd with
--authorization-plugin=rungate: every API request is then judged by the same
rules as rungate lint before it runs. Requests rungate cannot read, unknown
write routes, policy errors and timeouts are denied. SIGHUP recompiles the
policy (and runs its tests) and keeps the old one if that fails.

--profile and --config choose the rules as for rungate lint: the same
.rungate.yaml (profile, enable, disable, severity, policy, data, fail-on)
gives the plugin the linter's per-rule choices. The file is read only when
named with --config, and again on SIGHUP.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.changed = cmd.Flags().Changed
			return runAuthz(cmd.Context(), s, &o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.socket, "socket", "/run/docker/plugins/rungate.sock", "unix socket to serve on (empty: none)")
	f.StringVar(&o.tcp, "tcp", "", "also serve on this TCP address, for a spec file in /etc/docker/plugins")
	f.StringVar(&o.mode, "mode", "enforce", "enforce|audit: audit logs what would be denied and allows it (self-protection still denies)")
	f.StringVar(&o.failOn, "fail-on", "high", "deny when a finding is at or above this severity: critical|high|medium|low|info")
	f.StringVar(&o.logFile, "log", "", "append JSON-lines decisions to this file (- for standard error)")
	f.StringVar(&o.config, "config", "", "read this "+config.FileName+" for the profile, per-rule overrides, policy directories, data and fail-on, as rungate lint does")
	f.BoolVar(&o.allowArchive, "allow-archive", false, "allow docker cp into containers")
	f.StringArrayVar(&o.allowPlugins, "allow-plugin", nil, "plugin (name or name:tag) that may be installed and enabled (repeatable)")
	f.StringArrayVar(&o.names, "name", []string{"rungate"}, "name dockerd knows the plugin by, protected from disable and removal (repeatable)")
	f.DurationVar(&o.timeout, "timeout", authz.DefaultTimeout, "deadline of one decision; past it the request is denied")
	f.IntVar(&o.verdictCache, "verdict-cache", authz.DefaultVerdictCache, "verdicts on create, volume and service bodies remembered per policy (0: default size, -1: off)")
	f.StringVar(&o.dockerHost, "docker-host", "unix:///var/run/docker.sock", "daemon to check the engine version of at start (unix:// or tcp://; empty: no check)")
	o.policy.bind(f)
	return cmd
}

func runAuthz(ctx context.Context, s streams, o *authzOptions) error {
	mode, err := authz.ParseMode(o.mode)
	if err != nil {
		return usageError(fmt.Errorf("--mode: %w", err))
	}
	cfg, err := o.loadConfig()
	if err != nil {
		return err
	}
	if cfg.FailOn != "" && (o.changed == nil || !o.changed("fail-on")) {
		o.failOn = cfg.FailOn
	}
	failOn, err := engine.ParseSeverity(o.failOn)
	if err != nil {
		return usageError(fmt.Errorf("--fail-on: %w", err))
	}
	if o.socket == "" && o.tcp == "" {
		return usageError(errors.New("nothing to serve on: give --socket or --tcp"))
	}
	daemon, err := o.policy.loadDaemon()
	if err != nil {
		return err
	}
	// The plugin never starts without a policy that compiles and passes
	// its tests: there is no fail-open.
	pol, err := o.loadPolicy(ctx, daemon, cfg)
	if err != nil {
		return err
	}
	logw, closeLog, err := openLog(s, o.logFile)
	if err != nil {
		return usageError(err)
	}
	defer closeLog()
	opts := authz.Options{
		FailOn: failOn, Mode: mode, Log: logw,
		AllowArchive: o.allowArchive, AllowPlugins: o.allowPlugins,
		SelfNames: o.names, Timeout: o.timeout, VerdictCache: o.verdictCache,
	}
	if o.socket != "" {
		opts.SocketDir = filepath.Dir(o.socket)
	}
	h, err := authz.New(pol, opts)
	if err != nil {
		return internalError(err)
	}
	// systemd stops a service with SIGTERM; main only handles interrupts.
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()
	listeners, err := o.listen(ctx)
	if err != nil {
		return internalError(err)
	}
	go o.reloadOnHUP(ctx, s, h)
	go o.checkEngine(ctx, s)
	errc := make(chan error, len(listeners))
	for _, l := range listeners {
		fmt.Fprintf(s.err, "rungate authz: serving on %s (%s mode, fail on %s, policy %s)\n", l.Addr(), mode, failOn, pol.Hash)
		go func() { errc <- authz.Serve(ctx, l, h) }()
	}
	var first error
	for range listeners {
		if err := <-errc; err != nil && first == nil {
			first = err
			stop() // one listener failed: stop the others too
		}
	}
	if o.created != "" {
		_ = os.Remove(o.created)
	}
	if first != nil {
		return internalError(first)
	}
	return nil
}

// checkEngine warns when dockerd is older than authz.MinEngine. dockerd may
// itself be waiting for this plugin to start, so it retries for a minute,
// in the background, and never stops the plugin.
func (o *authzOptions) checkEngine(ctx context.Context, s streams) {
	if o.dockerHost == "" {
		return
	}
	u, err := url.Parse(o.dockerHost)
	if err != nil || (u.Scheme != "unix" && u.Scheme != "tcp") {
		fmt.Fprintf(s.err, "rungate authz: --docker-host %q: want unix:// or tcp://; engine version not checked\n", o.dockerHost)
		return
	}
	network, addr := u.Scheme, u.Host
	if network == "unix" {
		addr = u.Path
	}
	c := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		},
	}}
	defer c.CloseIdleConnections()
	for range 30 {
		v, old, err := authz.EngineVersion(ctx, c, "http://docker")
		if err == nil {
			if old {
				fmt.Fprintf(s.err, "rungate authz: warning: engine %s is older than %s: request bodies it does not forward to plugins (CVE-2024-41110, CVE-2026-34040) are never judged; upgrade dockerd\n", v, authz.MinEngine)
			}
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(2 * time.Second):
		}
	}
	fmt.Fprintf(s.err, "rungate authz: engine version not checked: %s did not answer\n", o.dockerHost)
}

// loadConfig reads --config, when given; without it the plugin reads no
// file (dockerd's working directory is no repository).
func (o *authzOptions) loadConfig() (loaded, error) {
	if o.config == "" {
		return loaded{}, nil
	}
	c := configOptions{path: o.config}
	return c.load("")
}

// loadPolicy compiles the built-in rules and any --policy directories,
// after their Rego tests pass, under the profile and the configuration's
// per-rule overrides. A bad profile or configuration is a usage error; a
// policy that fails to compile or its tests an internal one.
func (o *authzOptions) loadPolicy(ctx context.Context, daemon runspec.Daemon, cfg loaded) (authz.Policy, error) {
	opts, err := o.policy.rules.engineOptions(cfg)
	if err != nil {
		return authz.Policy{}, err
	}
	rep, err := engine.Test(ctx, opts, engine.TestOptions{})
	if err != nil {
		return authz.Policy{}, internalError(fmt.Errorf("test policy: %w", err))
	}
	if failed := rep.Failed(); len(failed) > 0 {
		return authz.Policy{}, internalError(fmt.Errorf("test policy: %d test(s) fail, first %s in %s", len(failed), failed[0].Name, failed[0].File))
	}
	eng, err := newEngine(ctx, opts)
	if err != nil {
		return authz.Policy{}, err
	}
	hash, err := policyHash(append(opts.Policies, opts.Data...), eng.Rules(), cfg.Data)
	if err != nil {
		return authz.Policy{}, internalError(err)
	}
	return authz.Policy{Engine: eng, Daemon: daemon, Hash: hash}, nil
}

// policyHash digests every file of the policy's sources, in walk order,
// the rules that run with their severities (the profile's and the
// configuration's choice) and the data overrides, so the decision log says
// which policy made each decision.
func policyHash(fss []fs.FS, chosen []engine.Rule, data map[string]any) (string, error) {
	h := sha256.New()
	for _, r := range chosen {
		fmt.Fprintf(h, "rule\x00%s\x00%s\x00", r.ID, r.Severity)
	}
	if len(data) > 0 {
		b, err := json.Marshal(data)
		if err != nil {
			return "", fmt.Errorf("hash policy: %w", err)
		}
		h.Write(b)
	}
	for _, fsys := range fss {
		err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(fsys, name)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s\x00%d\x00", name, len(b))
			h.Write(b)
			return nil
		})
		if err != nil {
			return "", fmt.Errorf("hash policy: %w", err)
		}
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:16], nil
}

// reloadOnHUP recompiles the policy on each SIGHUP and swaps it in; on
// failure the last good policy stays.
func (o *authzOptions) reloadOnHUP(ctx context.Context, s streams, h *authz.Handler) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
		}
		d, err := o.policy.loadDaemon()
		var cfg loaded
		if err == nil {
			cfg, err = o.loadConfig()
		}
		if err == nil {
			var pol authz.Policy
			if pol, err = o.loadPolicy(ctx, d, cfg); err == nil {
				err = h.SetPolicy(pol)
			}
		}
		if err != nil {
			fmt.Fprintf(s.err, "rungate authz: reload: %v; keeping the previous policy\n", err)
			continue
		}
		fmt.Fprintln(s.err, "rungate authz: policy reloaded")
	}
}

// listen opens the unix socket (replacing a stale one) and the TCP address;
// under systemd socket activation (rungate.socket) the sockets systemd
// passed take the place of --socket.
func (o *authzOptions) listen(ctx context.Context) ([]net.Listener, error) {
	var lc net.ListenConfig
	ls, err := sdlisten.Default()
	if err != nil {
		return nil, err
	}
	if len(ls) == 0 && o.socket != "" {
		if err := os.MkdirAll(filepath.Dir(o.socket), 0o755); err != nil {
			return nil, fmt.Errorf("create socket directory: %w", err)
		}
		// A socket left by a crashed run would make Listen fail.
		if fi, err := os.Lstat(o.socket); err == nil && fi.Mode()&os.ModeSocket != 0 {
			_ = os.Remove(o.socket)
		}
		l, err := lc.Listen(ctx, "unix", o.socket)
		if err != nil {
			return nil, fmt.Errorf("listen on %s: %w", o.socket, err)
		}
		// Only root (dockerd) may ask for decisions.
		if err := os.Chmod(o.socket, 0o600); err != nil {
			_ = l.Close()
			return nil, fmt.Errorf("chmod %s: %w", o.socket, err)
		}
		o.created = o.socket
		ls = append(ls, l)
	}
	if o.tcp != "" {
		l, err := lc.Listen(ctx, "tcp", o.tcp)
		if err != nil {
			for _, x := range ls {
				_ = x.Close()
			}
			return nil, fmt.Errorf("listen on %s: %w", o.tcp, err)
		}
		ls = append(ls, l)
	}
	return ls, nil
}

// openLog opens the decision log: none, standard error, or a file appended to.
func openLog(s streams, name string) (io.Writer, func(), error) {
	switch name {
	case "":
		return nil, func() {}, nil
	case "-":
		return s.err, func() {}, nil
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("--log: %w", err)
	}
	return f, func() { _ = f.Close() }, nil
}
