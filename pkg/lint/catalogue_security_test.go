package lint

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/rungate/rungate/pkg/authz"
	"github.com/rungate/rungate/pkg/compose"
	"github.com/rungate/rungate/pkg/dockerrun"
	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/inspect"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/pkg/scan"
	"github.com/rungate/rungate/policy"
	"github.com/rungate/rungate/rules"
)

// securityRow is one line of the security catalogue's acceptance table: an
// input written the way a user writes it, the rule it is about, and whether
// that rule fires. run is a docker run line; svc is the YAML of a compose
// service named svc (with the services in extra beside it); inspect is a
// docker inspect object. daemon, when set, is the daemon's configuration.
type securityRow struct {
	run, svc, extra, inspect string
	rule                     string
	fires                    bool
	daemon                   *runspec.Daemon
}

var (
	nnpDaemon   = &runspec.Daemon{Known: true, File: "/etc/docker/daemon.json", LogDriver: "json-file", LogOpts: map[string]string{}, NoNewPrivileges: true}
	remapDaemon = &runspec.Daemon{Known: true, File: "/etc/docker/daemon.json", LogDriver: "json-file", LogOpts: map[string]string{}, UsernsRemap: "default"}
	// cgroupnsHostDaemon: "default-cgroupns-mode": "host".
	cgroupnsHostDaemon = &runspec.Daemon{Known: true, File: "/etc/docker/daemon.json", LogDriver: "json-file", LogOpts: map[string]string{}, DefaultCgroupnsMode: "host",
		Positions: map[string]runspec.Pos{"default-cgroupns-mode": {File: "/etc/docker/daemon.json", Line: 2, Column: 3}}}
	// cgroupnsHostUnplaced has no positions (a daemon configuration built by
	// hand): the message names the file.
	cgroupnsHostUnplaced  = &runspec.Daemon{Known: true, File: "/etc/docker/daemon.json", LogDriver: "json-file", LogOpts: map[string]string{}, DefaultCgroupnsMode: "host"}
	cgroupnsPrivateDaemon = &runspec.Daemon{Known: true, File: "/etc/docker/daemon.json", LogDriver: "json-file", LogOpts: map[string]string{}, DefaultCgroupnsMode: "private"}
)

var securityRows = []securityRow{
	// host-uts
	{run: "docker run --uts host alpine", rule: "host-uts", fires: true},
	{run: "docker run --uts=host alpine", rule: "host-uts", fires: true},
	{svc: "uts: host", rule: "host-uts", fires: true},
	{run: "docker run --hostname web alpine", rule: "host-uts"},
	{run: "docker run -e OPTS=--uts=host -l uts=host alpine echo --uts host", rule: "host-uts"},
	{svc: "hostname: host", rule: "host-uts"},

	// host-userns
	{run: "docker run --userns host alpine", rule: "host-userns", fires: true},
	{run: "docker run --userns=host alpine", rule: "host-userns", fires: true, daemon: remapDaemon},
	{svc: "userns_mode: host", rule: "host-userns", fires: true},
	{run: "docker run alpine", rule: "host-userns", daemon: remapDaemon},
	{run: "docker run -e USERNS=host alpine echo --userns host", rule: "host-userns"},

	// host-cgroupns
	{run: "docker run --cgroupns host alpine", rule: "host-cgroupns", fires: true},
	{svc: "cgroup: host", rule: "host-cgroupns", fires: true},
	{run: "docker run --cgroupns private alpine", rule: "host-cgroupns"},
	{svc: "cgroup: private", rule: "host-cgroupns"},
	{svc: "cgroup_parent: host", rule: "host-cgroupns"},
	{inspect: `{"Id": "abc", "Name": "/agent", "Config": {"Image": "agent"}, "HostConfig": {"CgroupnsMode": "host"}}`, rule: "host-cgroupns", fires: true},
	{inspect: `{"Id": "abc", "Name": "/agent", "Config": {"Image": "agent"}, "HostConfig": {"CgroupnsMode": "private"}}`, rule: "host-cgroupns"},
	{run: "docker run alpine", rule: "host-cgroupns", fires: true, daemon: cgroupnsHostDaemon},
	{svc: "image: alpine", rule: "host-cgroupns", fires: true, daemon: cgroupnsHostDaemon},
	{run: "docker run --cgroupns private alpine", rule: "host-cgroupns", daemon: cgroupnsHostDaemon},
	{svc: "cgroup: private", rule: "host-cgroupns", daemon: cgroupnsHostDaemon},
	{svc: "cap_drop: [ALL]", rule: "host-cgroupns", fires: true, daemon: cgroupnsHostUnplaced},
	{run: "docker run --cgroupns host alpine", rule: "host-cgroupns", fires: true, daemon: cgroupnsPrivateDaemon},
	{run: "docker run alpine", rule: "host-cgroupns", daemon: cgroupnsPrivateDaemon},
	{run: "docker run alpine", rule: "host-cgroupns"},

	// container-namespace-join
	{run: "docker run --network container:db alpine", rule: "container-namespace-join", fires: true},
	{run: "docker run --net=container:db alpine", rule: "container-namespace-join", fires: true},
	{run: "docker run --pid container:db alpine", rule: "container-namespace-join", fires: true},
	{run: "docker run --ipc=container:db alpine", rule: "container-namespace-join", fires: true},
	{svc: "network_mode: service:db", extra: "db: {image: postgres:17}", rule: "container-namespace-join", fires: true},
	{svc: "network_mode: \"container:legacy\"", rule: "container-namespace-join", fires: true},
	{svc: "pid: service:db", extra: "db: {image: postgres:17}", rule: "container-namespace-join", fires: true},
	{svc: "ipc: service:db", extra: "db: {image: postgres:17, ipc: shareable}", rule: "container-namespace-join", fires: true},
	{run: "docker run --network bridge --pid host --ipc shareable alpine", rule: "container-namespace-join"},
	{run: "docker run --network backend alpine", rule: "container-namespace-join"},
	{svc: "network_mode: host", rule: "container-namespace-join"},
	{svc: "depends_on: [db]", extra: "db: {image: postgres:17}", rule: "container-namespace-join"},
	{run: "docker run -e NET=container:db alpine echo --network container:db", rule: "container-namespace-join"},

	// cap-drop-all-missing
	{run: "docker run alpine", rule: "cap-drop-all-missing", fires: true},
	{run: "docker run --cap-drop NET_RAW --cap-drop mknod alpine", rule: "cap-drop-all-missing", fires: true},
	{run: "docker run --cap-drop CAP_ALL alpine", rule: "cap-drop-all-missing", fires: true},
	{svc: "cap_drop: [NET_RAW]", rule: "cap-drop-all-missing", fires: true},
	{svc: "image: alpine", rule: "cap-drop-all-missing", fires: true},
	{run: "docker run --cap-drop=all alpine", rule: "cap-drop-all-missing"},
	{run: "docker run --cap-drop ALL --cap-add NET_BIND_SERVICE alpine", rule: "cap-drop-all-missing"},
	{run: "docker run --cap-drop All --cap-drop NET_RAW alpine", rule: "cap-drop-all-missing"},
	{svc: "cap_drop: [ALL]", rule: "cap-drop-all-missing"},
	{svc: "cap_drop: [all]\ncap_add: [chown]", rule: "cap-drop-all-missing"},
	{run: "docker run --privileged alpine", rule: "cap-drop-all-missing"},
	{run: "docker run --cap-drop $DROP alpine", rule: "cap-drop-all-missing", fires: true},
	{svc: "cap_drop: [\"${DROP:-ALL}\"]", rule: "cap-drop-all-missing"},

	// no-new-privileges-missing
	{run: "docker run alpine", rule: "no-new-privileges-missing", fires: true},
	{run: "docker run --security-opt no-new-privileges=false alpine", rule: "no-new-privileges-missing", fires: true},
	{run: "docker run --security-opt no-new-privileges:false alpine", rule: "no-new-privileges-missing", fires: true},
	{run: "docker run --security-opt no-new-privileges --security-opt no-new-privileges=false alpine", rule: "no-new-privileges-missing", fires: true},
	{run: "docker run --security-opt no-new-privileges=false --security-opt no-new-privileges:false alpine", rule: "no-new-privileges-missing", fires: true},
	{run: "docker run --security-opt no-new-privileges=false alpine", rule: "no-new-privileges-missing", fires: true, daemon: nnpDaemon},
	{svc: "security_opt: [seccomp=default.json]", rule: "no-new-privileges-missing", fires: true},
	{svc: "security_opt: [\"no-new-privileges:false\"]", rule: "no-new-privileges-missing", fires: true, daemon: nnpDaemon},
	{run: "docker run --security-opt no-new-privileges alpine", rule: "no-new-privileges-missing"},
	{run: "docker run --security-opt no-new-privileges=true alpine", rule: "no-new-privileges-missing"},
	{run: "docker run --security-opt=no-new-privileges:true alpine", rule: "no-new-privileges-missing"},
	{run: "docker run --security-opt no-new-privileges=false --security-opt no-new-privileges=true alpine", rule: "no-new-privileges-missing"},
	{svc: "security_opt: [no-new-privileges:true]", rule: "no-new-privileges-missing"},
	{svc: "security_opt:\n  - no-new-privileges=true", rule: "no-new-privileges-missing"},
	{svc: "security_opt: [no-new-privileges]", rule: "no-new-privileges-missing"},
	{run: "docker run alpine", rule: "no-new-privileges-missing", daemon: nnpDaemon},
	{svc: "image: alpine", rule: "no-new-privileges-missing", daemon: nnpDaemon},

	// apparmor-unconfined
	{run: "docker run --security-opt apparmor=unconfined alpine", rule: "apparmor-unconfined", fires: true},
	{run: "docker run --security-opt apparmor:unconfined alpine", rule: "apparmor-unconfined", fires: true},
	{svc: "security_opt: [\"apparmor:unconfined\"]", rule: "apparmor-unconfined", fires: true},
	{run: "docker run --security-opt apparmor=unconfined --security-opt apparmor:unconfined alpine", rule: "apparmor-unconfined", fires: true},
	{run: "docker run alpine", rule: "apparmor-unconfined"},
	{run: "docker run --security-opt apparmor=docker-default alpine", rule: "apparmor-unconfined"},
	{run: "docker run --security-opt seccomp=unconfined alpine", rule: "apparmor-unconfined"},
	{run: "docker run --privileged --security-opt apparmor=unconfined alpine", rule: "apparmor-unconfined"},

	// selinux-disabled
	{run: "docker run --security-opt label=disable alpine", rule: "selinux-disabled", fires: true},
	{run: "docker run --security-opt label:disable alpine", rule: "selinux-disabled", fires: true},
	{svc: "security_opt: [\"label:disable\"]", rule: "selinux-disabled", fires: true},
	{run: "docker run --security-opt label=disable --security-opt label:disable --security-opt label=level:s0 alpine", rule: "selinux-disabled", fires: true},
	{run: "docker run --security-opt label=type:svirt_apache_t alpine", rule: "selinux-disabled"},
	{run: "docker run --security-opt label=level:s0:c100,c200 alpine", rule: "selinux-disabled"},
	{run: "docker run -v /srv/data:/data:Z alpine", rule: "selinux-disabled"},

	// systempaths-unconfined
	{run: "docker run --security-opt systempaths=unconfined alpine", rule: "systempaths-unconfined", fires: true},
	{svc: "security_opt: [systempaths=unconfined]", rule: "systempaths-unconfined", fires: true},
	{run: "docker run alpine", rule: "systempaths-unconfined"},
	{run: "docker run --privileged --security-opt systempaths=unconfined alpine", rule: "systempaths-unconfined"},
	{run: "docker run -e SYSTEMPATHS=unconfined alpine", rule: "systempaths-unconfined"},

	// user-root
	{run: "docker run -u root alpine", rule: "user-root", fires: true},
	{run: "docker run -u 0 alpine", rule: "user-root", fires: true},
	{run: "docker run -u 0:0 alpine", rule: "user-root", fires: true},
	{run: "docker run --user root:root alpine", rule: "user-root", fires: true},
	{run: "docker run --user=0:1000 alpine", rule: "user-root", fires: true},
	{run: "docker run alpine", rule: "user-root", fires: true},
	{svc: "user: root", rule: "user-root", fires: true},
	{svc: "user: \"0\"", rule: "user-root", fires: true},
	{svc: "user: ${RUN_AS:-0}", rule: "user-root", fires: true},
	{svc: "image: alpine", rule: "user-root", fires: true},
	{inspect: `{"Id": "abc", "Name": "/web", "Config": {"Image": "nginx", "User": ""}, "HostConfig": {}}`, rule: "user-root", fires: true},
	{inspect: `{"Id": "abc", "Name": "/web", "Config": {"Image": "nginx", "User": "0:0"}, "HostConfig": {}}`, rule: "user-root", fires: true},
	{run: "docker run -u 1000:1000 alpine", rule: "user-root"},
	{run: "docker run -u 1000 alpine", rule: "user-root"},
	{run: "docker run -u nginx alpine", rule: "user-root"},
	{run: "docker run -u 1000:0 alpine", rule: "user-root"},
	{run: "docker run -u 1000 -e USER=root alpine su root", rule: "user-root"},
	{svc: "user: \"${UID}:${GID}\"", rule: "user-root"},
	{svc: "user: \"1000\"", rule: "user-root"},
	{inspect: `{"Id": "abc", "Name": "/web", "Config": {"Image": "nginx", "User": "101"}, "HostConfig": {}}`, rule: "user-root"},

	// group-add-privileged
	{run: "docker run --group-add disk alpine", rule: "group-add-privileged", fires: true},
	{run: "docker run --group-add 0 alpine", rule: "group-add-privileged", fires: true},
	{run: "docker run --group-add audio --group-add root alpine", rule: "group-add-privileged", fires: true},
	{run: "docker run --group-add=shadow alpine", rule: "group-add-privileged", fires: true},
	{svc: "group_add: [wheel]", rule: "group-add-privileged", fires: true},
	{svc: "group_add: [0]", rule: "group-add-privileged", fires: true},
	{run: "docker run --group-add audio --group-add 1000 alpine", rule: "group-add-privileged"},
	{run: "docker run --group-add docker alpine", rule: "group-add-privileged"},
	{svc: "group_add: [video, \"2001\"]", rule: "group-add-privileged"},
	{run: "docker run -e GROUP=disk alpine echo --group-add disk", rule: "group-add-privileged"},
}

func (r securityRow) name() string {
	return rowName(r.rule, r.fires, r.daemon, r.run, r.svc, r.inspect, "")
}

// composeFile always runs alpine:3.20: a row's own image: line is dropped.
func (r securityRow) composeFile() []byte {
	var kept []string
	for _, line := range strings.Split(r.svc, "\n") {
		if !strings.HasPrefix(line, "image:") {
			kept = append(kept, line)
		}
	}
	return serviceFile("alpine:3.20", strings.Join(kept, "\n"), r.extra)
}

// rowName names a catalogue row by its rule, verdict and input, whichever
// of run (a docker run line), svc (a compose service), inspect or create
// (an authz request's body) it has.
func rowName(rule string, fires bool, daemon *runspec.Daemon, run, svc, inspect, create string) string {
	in := run
	switch {
	case svc != "":
		in = "compose " + strings.ReplaceAll(svc, "\n", "; ")
	case inspect != "":
		in = "inspect " + inspect
	case create != "":
		in = "authz " + create
	}
	verdict := "quiet"
	if fires {
		verdict = "fires"
	}
	if daemon != nil {
		verdict += " (daemon.json)"
	}
	return fmt.Sprintf("%s %s on %s", rule, verdict, in)
}

// serviceFile is a compose file with one service, svc, made of the YAML
// lines of body, running image unless image is "" (body then has its own
// image or build), with the services of extra beside it.
func serviceFile(image, body, extra string) []byte {
	var b strings.Builder
	b.WriteString("services:\n  svc:\n")
	if image != "" {
		b.WriteString("    image: " + image + "\n")
	}
	for _, line := range strings.Split(body, "\n") {
		b.WriteString("    " + line + "\n")
	}
	if extra != "" {
		b.WriteString("  " + extra + "\n")
	}
	return []byte(b.String())
}

// TestSecurityCatalogue is the acceptance of the security options,
// namespace and user rules: each fires on its risky spellings and is quiet
// on safe ones, through the real front ends, and the authorization plugin,
// given the same create body, denies exactly when the rule fires.
func TestSecurityCatalogue(t *testing.T) {
	eng, err := engine.New(t.Context(), engine.Options{Policies: []fs.FS{rules.FS}, Data: []fs.FS{policy.FS}})
	if err != nil {
		t.Fatal(err)
	}
	gates := map[string]*ruleGate{}
	for _, row := range securityRows {
		t.Run(row.name(), func(t *testing.T) {
			daemon := runspec.DefaultDaemon()
			if row.daemon != nil {
				daemon = *row.daemon
			}
			r := &Runner{Engine: eng, Daemon: daemon}
			fired, spec := row.lint(t, r)
			if fired != row.fires {
				t.Errorf("%s fired = %v, want %v", row.rule, fired, row.fires)
			}
			if spec == nil {
				return
			}
			g := gates[row.rule]
			if g == nil {
				g = newRuleGate(t, row.rule)
				gates[row.rule] = g
			}
			if denied, msg := g.denies(t, spec.Create, daemon); denied != row.fires {
				t.Errorf("authz denied = %v (%s), want %v", denied, msg, row.fires)
			}
		})
	}
}

// lint runs the row through its front end and reports whether the row's
// rule fired for the container under test, with the spec the front end
// built (nil for inspect input, which no create request carries).
func (row securityRow) lint(t *testing.T, r *Runner) (bool, *runspec.Spec) {
	t.Helper()
	ctx := t.Context()
	var (
		res  Result
		err  error
		spec *runspec.Spec
	)
	switch {
	case row.svc != "":
		f := compose.File{Name: "compose.yaml", Data: row.composeFile()}
		res, err = r.Compose(ctx, f)
		specs, errs := compose.Load(ctx, compose.Options{}, f)
		if len(errs) > 0 {
			t.Fatalf("compose: %v", errs)
		}
		for _, s := range specs {
			if s.Name == "svc" {
				spec = s
			}
		}
	case row.inspect != "":
		data := []byte("[" + row.inspect + "]")
		res, err = r.File(ctx, "inspect.json", data, scan.KindInspect)
		if _, errs, perr := inspect.Parse("inspect.json", data); perr != nil || len(errs) > 0 {
			t.Fatalf("inspect: %v %v", perr, errs)
		}
	default:
		res, err = r.Shell(ctx, "run.sh", []byte(row.run))
		cmds, cerr := scan.Commands(scan.KindShell, "run.sh", []byte(row.run), nil)
		if cerr != nil || len(cmds) != 1 {
			t.Fatalf("scan: %d commands, %v", len(cmds), cerr)
		}
		spec, err = dockerrun.ParseCommand(cmds[0].Words, dockerrun.Options{File: "run.sh"})
		if err != nil {
			t.Fatalf("docker run: %v", err)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	for _, f := range res.Findings {
		if f.Rule != row.rule {
			continue
		}
		if row.svc != "" && !strings.Contains(f.Message, `"svc"`) {
			continue
		}
		return true, spec
	}
	return false, spec
}

// ruleGate is the authorization plugin with one rule loaded, denying at
// any severity: it denies a request exactly when that rule fires.
type ruleGate struct {
	eng  *engine.Engine
	mu   sync.Mutex
	byDD map[string]*authz.Handler
}

func newRuleGate(t *testing.T, id string) *ruleGate {
	t.Helper()
	src, err := fs.ReadFile(rules.FS, id+".rego")
	if err != nil {
		t.Fatal(err)
	}
	lib, err := fs.ReadFile(rules.FS, "lib/lib.rego")
	if err != nil {
		t.Fatal(err)
	}
	one := fstest.MapFS{id + ".rego": {Data: src}, "lib/lib.rego": {Data: lib}}
	eng, err := engine.New(context.Background(), engine.Options{Policies: []fs.FS{one}, Data: []fs.FS{policy.FS}})
	if err != nil {
		t.Fatal(err)
	}
	return &ruleGate{eng: eng, byDD: map[string]*authz.Handler{}}
}

func (g *ruleGate) handler(t *testing.T, d runspec.Daemon) *authz.Handler {
	t.Helper()
	key := fmt.Sprintf("%v/%s/%s", d.NoNewPrivileges, d.UsernsRemap, d.DefaultCgroupnsMode)
	g.mu.Lock()
	defer g.mu.Unlock()
	if h := g.byDD[key]; h != nil {
		return h
	}
	h, err := authz.New(authz.Policy{Engine: g.eng, Daemon: d, Hash: "catalogue"}, authz.Options{FailOn: engine.Info})
	if err != nil {
		t.Fatal(err)
	}
	g.byDD[key] = h
	return h
}

// denies posts body as dockerd forwards a container create to the plugin.
func (g *ruleGate) denies(t *testing.T, create any, d runspec.Daemon) (bool, string) {
	t.Helper()
	body, err := json.Marshal(create)
	if err != nil {
		t.Fatal(err)
	}
	req, err := json.Marshal(authz.Request{
		RequestMethod:  http.MethodPost,
		RequestURI:     "/v1.47/containers/create?name=svc",
		RequestHeaders: map[string]string{"Content-Type": "application/json"},
		RequestBody:    mustJSON(t, body),
	})
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	g.handler(t, d).ServeHTTP(w, httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/AuthZPlugin.AuthZReq", bytes.NewReader(req)))
	var resp authz.Response
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
		t.Fatalf("authz reply %q: %v", w.Body.String(), err)
	}
	// A decision that failed closed is an error of the policy, not a
	// verdict.
	if resp.Err != "" || strings.Contains(resp.Msg, "fail closed") {
		t.Fatalf("authz error: %s %s", resp.Err, resp.Msg)
	}
	return !resp.Allow, resp.Msg
}

// mustJSON encodes b as dockerd does a []byte: base64 in a JSON string.
func mustJSON(t *testing.T, b []byte) json.RawMessage {
	t.Helper()
	out, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// securityRuleIDs are the rules securityRows are written for.
var securityRuleIDs = []string{
	"apparmor-unconfined", "cap-drop-all-missing", "container-namespace-join", "group-add-privileged",
	"host-cgroupns", "host-userns", "host-uts", "no-new-privileges-missing", "selinux-disabled",
	"systempaths-unconfined", "user-root",
}

// TestSecurityExamples: each rule's bad example makes it fire and its good
// example, the same container fixed, does not.
func TestSecurityExamples(t *testing.T) {
	eng, err := engine.New(t.Context(), engine.Options{Policies: []fs.FS{rules.FS}, Data: []fs.FS{policy.FS}})
	if err != nil {
		t.Fatal(err)
	}
	r := &Runner{Engine: eng, Daemon: runspec.DefaultDaemon()}
	byID := map[string]engine.Rule{}
	for _, rule := range eng.Rules() {
		byID[rule.ID] = rule
	}
	covered := map[string]bool{}
	for _, row := range securityRows {
		covered[row.rule] = true
	}
	for _, id := range securityRuleIDs {
		t.Run(id, func(t *testing.T) {
			rule, ok := byID[id]
			if !ok {
				t.Fatalf("no rule %s", id)
			}
			if !covered[id] {
				t.Errorf("no row of securityRows is about %s", id)
			}
			for _, ex := range []struct {
				line  string
				fires bool
			}{{rule.Examples.Bad, true}, {rule.Examples.Good, false}} {
				if !strings.HasPrefix(ex.line, "docker run ") {
					t.Fatalf("example %q is not a docker run line", ex.line)
				}
				fired, _ := securityRow{run: ex.line, rule: id}.lint(t, r)
				if fired != ex.fires {
					t.Errorf("%s fired = %v on %q, want %v", id, fired, ex.line, ex.fires)
				}
			}
		})
	}
}
