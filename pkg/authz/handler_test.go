package authz

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

const (
	ctJSON    = "application/json"
	compliant = `{"Image":"alpine","User":"1000","HostConfig":{"ReadonlyRootfs":true,"LogConfig":{"Type":"json-file","Config":{"max-size":"10m"}}}}`
)

type reqCase struct {
	name    string
	method  string
	uri     string
	ct      string
	body    string
	rawBody string // RequestBody as raw JSON, when set (not base64 of body)
	wantMsg string // a substring of the deny message
}

func (tc reqCase) request() Request {
	r := authzReq(tc.method, tc.uri, tc.ct, tc.body)
	if tc.rawBody != "" {
		r.RequestBody = json.RawMessage(tc.rawBody)
	}
	return r
}

// bypasses are requests that try to get past the gate with another spelling
// of the JSON, the path, the content type, the body or the route. Every
// one must be denied.
func bypasses() []reqCase {
	root := `{"Image":"alpine","HostConfig":{"Binds":["/:/host"]}}`
	return []reqCase{
		{"plain root bind", "POST", "/v1.41/containers/create", ctJSON, root, "", "host-root-mount"},
		{"lowercase keys", "POST", "/v1.41/containers/create", ctJSON, `{"image":"alpine","hostconfig":{"binds":["/:/host"]}}`, "", "host-root-mount"},
		{"mixed case keys", "POST", "/v1.41/containers/create", ctJSON, `{"IMAGE":"alpine","HOSTCONFIG":{"BiNdS":["/:/host"]}}`, "", "host-root-mount"},
		{"duplicate keys last wins", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"alpine","HostConfig":{"Binds":["/tmp:/t"],"binds":["/:/host"]}}`, "", "host-root-mount"},
		{"duplicate HostConfig merges", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"alpine","HostConfig":{"Binds":["/:/host"]},"hostConfig":{"ReadonlyRootfs":true}}`, "", "host-root-mount"},
		{"double slash bind", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","HostConfig":{"Binds":["//:/host"]}}`, "", "host-root-mount"},
		{"dot-dot bind", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","HostConfig":{"Binds":["/etc/..:/host:ro"]}}`, "", "host-root-mount"},
		{"Mounts bind", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","HostConfig":{"Mounts":[{"Type":"bind","Source":"/","Target":"/host"}]}}`, "", "host-root-mount"},
		{"Mounts volume driver bind", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","HostConfig":{"Mounts":[{"Type":"volume","Source":"v","Target":"/host","VolumeOptions":{"DriverConfig":{"Name":"local","Options":{"type":"none","o":"bind","device":"/"}}}}]}}`, "", "host-root-mount"},
		{"double slash after version", "POST", "/v1.41//containers/create", ctJSON, root, "", "host-root-mount"},
		{"dot segment", "POST", "/v1.41/./containers/x/../create", ctJSON, root, "", "host-root-mount"},
		{"escaped letter", "POST", "/v1.41/containers/%63reate", ctJSON, root, "", "host-root-mount"},
		{"escaped slash", "POST", "/v1.41/containers%2Fcreate", ctJSON, root, "", "host-root-mount"},
		{"query string", "POST", "/v1.41/containers/create?name=web&x=/containers/json", ctJSON, root, "", "host-root-mount"},
		{"absolute form", "POST", "http://docker/v1.41/containers/create", ctJSON, root, "", "host-root-mount"},
		{"leading zero version", "POST", "/v1.041/containers/create", ctJSON, root, "", "host-root-mount"},
		{"no version", "POST", "/containers/create", ctJSON, root, "", "host-root-mount"},
		{"charset content type", "POST", "/v1.41/containers/create", "application/json; charset=utf-8", root, "", "host-root-mount"},
		{"text/plain", "POST", "/v1.41/containers/create", "text/plain", root, "", "host-root-mount"},
		{"no content type", "POST", "/v1.41/containers/create", "", root, "", "host-root-mount"},
		{"empty body", "POST", "/v1.41/containers/create", ctJSON, "", "", "empty body"},
		{"null body", "POST", "/v1.41/containers/create", ctJSON, "null", "", "null body"},
		{"JSON null RequestBody", "POST", "/v1.41/containers/create", ctJSON, "", "null", "empty body"},
		{"not base64", "POST", "/v1.41/containers/create", ctJSON, "", `"%%%"`, "decode request body"},
		{"trailing document", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"a"} {"HostConfig":{"Binds":["/:/h"]}}`, "", "data after"},
		{"invalid JSON", "POST", "/v1.41/containers/create", ctJSON, `{"Image":`, "", "decode JSON body"},
		{"wrong type", "POST", "/v1.41/containers/create", ctJSON, `{"HostConfig":{"Binds":"/:/host"}}`, "", "decode JSON body"},
		{"multipart create", "POST", "/v1.41/containers/create", "multipart/form-data; boundary=x", root, "", "form or multipart"},
		{"form override on image pull", "POST", "/v1.41/images/create?fromImage=ok/x", "application/x-www-form-urlencoded", "fromImage=evil/x", "", "form or multipart"},
		{"bad escape", "POST", "/v1.41/containers/%zz/create", ctJSON, root, "", "parse request URI"},
		{"empty URI", "POST", "", ctJSON, root, "", "empty request URI"},
		{"unknown route swarm join", "POST", "/v1.41/swarm/join", ctJSON, `{}`, "", "not a route rungate knows"},
		{"unknown route checkpoint", "POST", "/v1.41/containers/x/checkpoints", ctJSON, `{}`, "", "not a route rungate knows"},
		{"unknown method", "PATCH", "/v1.41/containers/x/update", ctJSON, `{}`, "", "not a route rungate knows"},
		{"case trick", "POST", "/v1.41/Containers/create", ctJSON, root, "", "not a route rungate knows"},
		{"old API start with HostConfig", "POST", "/v1.23/containers/web/start", ctJSON, `{"Binds":["/:/host"],"Privileged":true}`, "", "older than 1.24"},
		{"unreadable API version", "POST", "/v1.2.3/containers/create", ctJSON, root, "", "older than 1.24"},
		{"exec privileged", "POST", "/v1.41/containers/web/exec", ctJSON, `{"Cmd":["sh"],"Privileged":true}`, "", "exec-privileged"},
		{"exec privileged lowercase", "POST", "/v1.41/containers/web/exec", ctJSON, `{"cmd":["sh"],"privileged":true}`, "", "exec-privileged"},
		{"exec uid 0", "POST", "/v1.41/containers/web/exec", ctJSON, `{"Cmd":["sh"],"User":"0"}`, "", "exec-root-user"},
		{"exec root:root", "POST", "/v1.41/containers/web/exec", ctJSON, `{"Cmd":["sh"],"User":"root:root"}`, "", "exec-root-user"},
		{"exec empty body", "POST", "/v1.41/containers/web/exec", ctJSON, "", "", "empty body"},
		{"update bad body", "POST", "/v1.41/containers/web/update", ctJSON, `{"Memory":"lots"}`, "", "container update"},
		{"archive put", "PUT", "/v1.41/containers/web/archive?path=/etc", "application/x-tar", "", "", "archive-write"},
		{"volume o=bind device=/", "POST", "/v1.41/volumes/create", ctJSON, `{"Name":"root","Driver":"local","DriverOpts":{"type":"none","o":"bind","device":"/"}}`, "", "host-root-mount"},
		{"volume default driver rbind", "POST", "/v1.41/volumes/create", ctJSON, `{"Name":"root","DriverOpts":{"o":"rbind,ro","device":"//"}}`, "", "host-root-mount"},
		{"volume lowercase keys", "POST", "/v1.41/volumes/create", ctJSON, `{"name":"root","driveropts":{"type":"none","o":"bind","device":"/"}}`, "", "host-root-mount"},
		{"volume empty body", "POST", "/v1.41/volumes/create", ctJSON, "", "", "empty body"},
		{"service root mount", "POST", "/v1.41/services/create", ctJSON, `{"Name":"s","TaskTemplate":{"ContainerSpec":{"Image":"alpine","Mounts":[{"Type":"bind","Source":"/","Target":"/host"}]}}}`, "", "host-root-mount"},
		{"service update root mount lowercase", "POST", "/v1.41/services/abc/update?version=3", ctJSON, `{"name":"s","tasktemplate":{"containerspec":{"image":"alpine","mounts":[{"type":"bind","source":"/","target":"/host"}]}}}`, "", "host-root-mount"},
		{"service docker group", "POST", "/v1.41/services/create", ctJSON, `{"TaskTemplate":{"ContainerSpec":{"Image":"alpine","Groups":["docker"]}}}`, "", "docker-group-member"},
		{"service no container spec", "POST", "/v1.41/services/create", ctJSON, `{"Name":"s"}`, "", "no container spec"},
		{"service plugin runtime", "POST", "/v1.41/services/create", ctJSON, `{"TaskTemplate":{"Runtime":"plugin"}}`, "", "plugin-install"},
		{"group add docker", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","HostConfig":{"GroupAdd":["docker"]}}`, "", "docker-group-member"},
		{"bind docker state", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","HostConfig":{"Binds":["/var/lib/docker:/d:ro"],"ReadonlyRootfs":true}}`, "", "self-protection"},
		{"bind plugin dir via /var/run", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","HostConfig":{"Binds":["/var/run/docker/plugins:/p:ro"],"ReadonlyRootfs":true}}`, "", "self-protection"},
		{"bind /etc", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","HostConfig":{"Mounts":[{"Type":"bind","Source":"/etc","Target":"/e","ReadOnly":true}],"ReadonlyRootfs":true}}`, "", "self-protection"},
		{"plugin disable self", "POST", "/v1.41/plugins/rungate:latest/disable", "", "", "", "self-protection"},
		{"plugin disable by id", "POST", "/v1.41/plugins/4f2e/disable?force=1", "", "", "", "self-protection"},
		{"plugin remove self", "DELETE", "/v1.41/plugins/example.com/ops/rungate:1.0?force=1", "", "", "", "self-protection"},
		{"plugin set self", "POST", "/v1.41/plugins/rungate/set", ctJSON, `["DEBUG=1"]`, "", "self-protection"},
		// encoding/json, like dockerd, unescapes keys and folds them with
		// Unicode's simple folding: ſ (U+017F) matches s, K (U+212A) k.
		{"escaped key", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","Host\u0043onfig":{"Binds":["/:/host"]}}`, "", "host-root-mount"},
		{"long s folds to s", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","HostConfig":{"Bindſ":["/:/host"]}}`, "", "host-root-mount"},
		{"kelvin sign folds to k", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","HostConfig":{"Privileged":false,"NetworKMode":"host"}}`, "", "host-network"},
		{"null then HostConfig", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","HostConfig":null,"hostconfig":{"Privileged":true}}`, "", "privileged"},
		{"privileged lowercase", "POST", "/v1.41/containers/create", ctJSON, `{"image":"a","hostconfig":{"privileged":true}}`, "", "privileged"},
		{"cap_ prefix lowercase", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","HostConfig":{"CapAdd":["cap_sys_admin"]}}`, "", "cap-add-dangerous"},
		{"pid host lowercase key", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","HostConfig":{"pidmode":"host"}}`, "", "host-pid"},
		{"seccomp colon", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","HostConfig":{"SecurityOpt":["seccomp:unconfined"]}}`, "", "seccomp-unconfined"},
		{"socket dir via Mounts", "POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","HostConfig":{"Mounts":[{"Type":"bind","Source":"/run/","Target":"/r"}]}}`, "", "runtime-socket-mount"},
		{"leading whitespace body", "POST", "/v1.41/containers/create", ctJSON, "\n\t " + root, "", "host-root-mount"},
		{"build host network", "POST", "/v1.41/build?t=app&networkmode=host", "application/x-tar", "", "", "build-network"},
		{"build host network, BuildKit", "POST", "/v1.43/build?version=2&networkmode=host&session=abc", "application/x-tar", "", "", "build-network"},
		{"plugin pull", "POST", "/v1.41/plugins/pull?remote=vieux/sshfs", ctJSON, `[]`, "", "plugin-install"},
		{"plugin create", "POST", "/v1.41/plugins/create?name=evil", "application/x-tar", "", "", "plugin-install"},
		{"plugin upgrade", "POST", "/v1.41/plugins/vieux/sshfs:latest/upgrade?remote=vieux/sshfs:next", ctJSON, `[]`, "", "plugin-install"},
		{"plugin enable", "POST", "/v1.41/plugins/vieux/sshfs/enable", "", "", "", "plugin-install"},
	}
}

// updateBypasses are container updates that lift a limit, in the spellings
// dockerd reads: denied by the default policy, since a lifted limit is at
// least high (pkg/authz/update.go says why), and under restricted. An
// unbounded restart policy is judged by restart-policy (low), so at
// --fail-on low.
func updateBypasses() []policyCases {
	const upd = "/v1.47/containers/web/update"
	return []policyCases{
		{cases: []reqCase{
			{"update PidsLimit -1", "POST", upd, ctJSON, `{"PidsLimit":-1}`, "", "[pids-limit-missing] update sets PidsLimit to -1 (unlimited)"},
			{"update PidsLimit 0", "POST", upd, ctJSON, `{"PidsLimit":0}`, "", "[pids-limit-missing] update sets PidsLimit to 0 (unlimited)"},
			{"update PidsLimit -2, any negative", "POST", upd, ctJSON, `{"PidsLimit":-2}`, "", "pids-limit-missing"},
			{"update lowercase pidslimit", "POST", upd, ctJSON, `{"pidslimit":-1}`, "", "pids-limit-missing"},
			{"update upper case PIDSLIMIT", "POST", upd, ctJSON, `{"PIDSLIMIT":-1}`, "", "pids-limit-missing"},
			{"update escaped key", "POST", upd, ctJSON, `{"Pids\u004cimit":-1}`, "", "pids-limit-missing"},
			{"update duplicate keys last wins", "POST", upd, ctJSON, `{"PidsLimit":100,"pidslimit":-1}`, "", "pids-limit-missing"},
			{"update null then 0", "POST", upd, ctJSON, `{"PidsLimit":null,"PidsLimit":0}`, "", "pids-limit-missing"},
			{"update sets memory and lifts pids", "POST", upd, ctJSON, `{"memory":536870912,"pidslimit":-1}`, "", "pids-limit-missing"},
			{"update Memory -1", "POST", upd, ctJSON, `{"Memory":-1}`, "", "[memory-limit-missing] update sets Memory to -1"},
			{"update without API version", "POST", "/containers/web/update", ctJSON, `{"PidsLimit":-1}`, "", "pids-limit-missing"},
			{"update below API 1.40", "POST", "/v1.39/containers/web/update", ctJSON, `{"PidsLimit":-1}`, "", "pids-limit-missing"},
			{"update path spelling", "POST", "/v1.47//containers/web/./update?x=1", ctJSON, `{"PidsLimit":-1}`, "", "pids-limit-missing"},
			{"update charset content type", "POST", upd, "application/json; charset=utf-8", `{"PidsLimit":-1}`, "", "pids-limit-missing"},
			{"update CpuQuota -1", "POST", upd, ctJSON, `{"CpuQuota":-1}`, "", "[cpu-limit-missing] update sets CpuQuota to -1"},
			{"update lowercase cpuquota", "POST", upd, ctJSON, `{"cpuquota":-1}`, "", "cpu-limit-missing"},
			{"update NanoCpus -1", "POST", upd, ctJSON, `{"NanoCpus":-1}`, "", "cpu-limit-missing"},
			{"update CpuShares duplicate last wins", "POST", upd, ctJSON, `{"CpuShares":512,"cpushares":-1}`, "", "cpu-limit-missing"},
		}},
		{profile: "restricted", cases: []reqCase{
			{"restricted: update PidsLimit -1", "POST", upd, ctJSON, `{"PidsLimit":-1}`, "", "[pids-limit-missing] update sets PidsLimit to -1 (unlimited)"},
			{"restricted: update Memory -1", "POST", upd, ctJSON, `{"memory":-1}`, "", "memory-limit-missing"},
		}},
		{failOn: "low", cases: []reqCase{
			{"update restart on-failure unbounded", "POST", upd, ctJSON, `{"RestartPolicy":{"Name":"on-failure"}}`, "", `[restart-policy] update sets RestartPolicy to "on-failure" (MaximumRetryCount 0): container "web" restarts on-failure with no maximum`},
			{"update restart lowercase keys", "POST", upd, ctJSON, `{"restartpolicy":{"name":"on-failure","maximumretrycount":10}}`, "", "restart-policy"},
		}},
	}
}

// policyCases are requests judged by one policy: a built-in profile ("" is
// the default) at a --fail-on threshold ("" is high).
type policyCases struct {
	profile, failOn string
	cases           []reqCase
}

func (pc policyCases) handler(tb testing.TB) *Handler {
	tb.Helper()
	var opts Options
	if pc.failOn != "" {
		opts.FailOn = mustSeverity(tb, pc.failOn)
	}
	return newProfileHandler(tb, pc.profile, opts)
}

func TestBypassesDenied(t *testing.T) {
	n := 0
	for _, pc := range append([]policyCases{{cases: bypasses()}}, updateBypasses()...) {
		c := serveUnix(t, pc.handler(t))
		for _, tc := range pc.cases {
			t.Run(tc.name, func(t *testing.T) {
				got := call(t, c, pathReq, tc.request())
				if got.Allow {
					t.Fatalf("allowed, want deny")
				}
				if got.Err != "" {
					t.Errorf("Err = %q, want a plain deny", got.Err)
				}
				if !strings.Contains(got.Msg, tc.wantMsg) {
					t.Errorf("message %q does not name %q", got.Msg, tc.wantMsg)
				}
			})
			n++
		}
	}
	t.Logf("%d bypass requests denied", n)
}

// updatesAllowed are container updates that set, tighten or leave limits,
// judged at the strictest setting (restricted, --fail-on low) so that any
// finding at all would deny them.
func updatesAllowed() policyCases {
	const upd = "/v1.47/containers/web/update"
	return policyCases{profile: "restricted", failOn: "low", cases: []reqCase{
		{name: "update sets Memory", method: "POST", uri: upd, ct: ctJSON, body: `{"Memory":1073741824}`},
		{name: "update sets PidsLimit 100", method: "POST", uri: upd, ct: ctJSON, body: `{"PidsLimit":100}`},
		{name: "update null PidsLimit leaves it", method: "POST", uri: upd, ct: ctJSON, body: `{"PidsLimit":null,"Memory":536870912}`},
		{name: "update -1 then null PidsLimit", method: "POST", uri: upd, ct: ctJSON, body: `{"PidsLimit":-1,"pidslimit":null}`},
		{name: "update zeros leave limits", method: "POST", uri: upd, ct: ctJSON, body: `{"Memory":0,"NanoCpus":0,"CpuQuota":0,"CpuShares":0,"RestartPolicy":{"Name":"","MaximumRetryCount":0}}`},
		{name: "update unlimited swap keeps Memory", method: "POST", uri: upd, ct: ctJSON, body: `{"Memory":536870912,"MemorySwap":-1}`},
		{name: "update sets cpus", method: "POST", uri: upd, ct: ctJSON, body: `{"NanoCpus":1500000000}`},
		{name: "update quota off, shares on", method: "POST", uri: upd, ct: ctJSON, body: `{"CpuQuota":-1,"CpuShares":512}`},
		{name: "update restart on-failure:3", method: "POST", uri: upd, ct: ctJSON, body: `{"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":3}}`},
		{name: "update restart always", method: "POST", uri: upd, ct: ctJSON, body: `{"RestartPolicy":{"Name":"always"}}`},
		// Fields dockerd decodes on update and then drops.
		{name: "update fields dockerd drops", method: "POST", uri: upd, ct: ctJSON, body: `{"OomKillDisable":true,"CgroupParent":"/","Devices":[{"PathOnHost":"/dev/sda","PathInContainer":"/dev/sda","CgroupPermissions":"rwm"}]}`},
		{name: "update Resources key is not a field", method: "POST", uri: upd, ct: ctJSON, body: `{"Resources":{"PidsLimit":-1}}`},
	}}
}

func TestAllowed(t *testing.T) {
	t.Run("restricted at --fail-on low", func(t *testing.T) {
		pc := updatesAllowed()
		c := serveUnix(t, pc.handler(t))
		for _, tc := range pc.cases {
			t.Run(tc.name, func(t *testing.T) {
				if got := call(t, c, pathReq, tc.request()); !got.Allow {
					t.Fatalf("denied: %s", got.Msg)
				}
			})
		}
	})
	c := serveUnix(t, newTestHandler(t, Options{}))
	for _, tc := range []reqCase{
		{name: "compliant create", method: "POST", uri: "/v1.41/containers/create?name=web", ct: ctJSON, body: compliant},
		{name: "create at default severity", method: "POST", uri: "/v1.41/containers/create", ct: ctJSON, body: `{"Image":"alpine","Cmd":["true"]}`},
		{name: "create with read-only content bind", method: "POST", uri: "/v1.41/containers/create", ct: ctJSON, body: `{"Image":"a","HostConfig":{"Binds":["/srv/web:/var/www/html:ro"]}}`},
		{name: "list containers", method: "GET", uri: "/v1.41/containers/json?all=1"},
		{name: "build", method: "POST", uri: "/v1.41/build?t=app&networkmode=default", ct: "application/x-tar"},
		{name: "build with no network option", method: "POST", uri: "/v1.43/build?version=2&t=app", ct: "application/x-tar"},
		{name: "ping", method: "HEAD", uri: "/_ping"},
		{name: "info with garbage", method: "GET", uri: "%zz", rawBody: `"%%%"`},
		{name: "plain exec", method: "POST", uri: "/v1.41/containers/web/exec", ct: ctJSON, body: `{"Cmd":["ls"],"AttachStdout":true}`},
		{name: "exec as app user", method: "POST", uri: "/v1.41/containers/web/exec", ct: ctJSON, body: `{"Cmd":["ls"],"User":"1000:1000"}`},
		{name: "exec start", method: "POST", uri: "/v1.41/exec/abc/start", ct: ctJSON, body: `{"Detach":false}`},
		{name: "start", method: "POST", uri: "/v1.41/containers/web/start"},
		{name: "remove", method: "DELETE", uri: "/v1.41/containers/web?force=1"},
		{name: "image import", method: "POST", uri: "/v1.41/images/create?fromSrc=-&repo=tiny", ct: "application/x-tar"},
		{name: "image tag with slashes", method: "POST", uri: "/v1.41/images/example.com/a/b:1/tag?repo=c"},
		{name: "named volume", method: "POST", uri: "/v1.41/volumes/create", ct: ctJSON, body: `{"Name":"data"}`},
		{name: "update limits", method: "POST", uri: "/v1.41/containers/web/update", ct: ctJSON, body: `{"Memory":1073741824}`},
		{name: "disable another plugin", method: "POST", uri: "/v1.41/plugins/vieux/sshfs:latest/disable"},
		{name: "compliant service", method: "POST", uri: "/v1.41/services/create", ct: ctJSON, body: `{"Name":"s","TaskTemplate":{"ContainerSpec":{"Image":"alpine","ReadOnly":true}}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := call(t, c, pathReq, tc.request())
			if !got.Allow {
				t.Fatalf("denied: %s", got.Msg)
			}
		})
	}
}

func TestProtocol(t *testing.T) {
	c := serveUnix(t, newTestHandler(t, Options{}))
	resp, err := c.Post("http://plugin"+pathActivate, mediaType, nil)
	if err != nil {
		t.Fatal(err)
	}
	var act struct{ Implements []string }
	if err := json.NewDecoder(resp.Body).Decode(&act); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if len(act.Implements) != 1 || act.Implements[0] != "authz" {
		t.Errorf("Activate = %v, want [authz]", act.Implements)
	}
	// AuthZRes only records: even a request AuthZReq denies is allowed.
	res := authzReq("POST", "/v1.41/containers/create", ctJSON, `{"HostConfig":{"Binds":["/:/h"]}}`)
	res.ResponseStatusCode = 201
	if got := call(t, c, pathRes, res); !got.Allow {
		t.Errorf("AuthZRes denied: %s", got.Msg)
	}
	// A request that is not even JSON is denied, not an error.
	r, err := c.Post("http://plugin"+pathReq, mediaType, strings.NewReader("{"))
	if err != nil {
		t.Fatal(err)
	}
	var got Response
	if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if got.Allow || !strings.Contains(got.Msg, "decode authz request") {
		t.Errorf("broken envelope: %+v, want a deny", got)
	}
}

func TestAuditMode(t *testing.T) {
	c := serveUnix(t, newTestHandler(t, Options{Mode: Audit}))
	for _, tc := range []struct {
		name  string
		req   Request
		allow bool
	}{
		{"privileged exec is logged and allowed", authzReq("POST", "/v1.41/containers/web/exec", ctJSON, `{"Privileged":true}`), true},
		{"unknown route is logged and allowed", authzReq("POST", "/v1.41/swarm/join", ctJSON, `{}`), true},
		{"docker state bind still denied", authzReq("POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","HostConfig":{"Binds":["/var/lib/docker:/d"]}}`), false},
		{"root bind still denied", authzReq("POST", "/v1.41/containers/create", ctJSON, `{"Image":"a","HostConfig":{"Binds":["/:/host"]}}`), false},
		{"self disable still denied", authzReq("POST", "/v1.41/plugins/rungate/disable", "", ""), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := call(t, c, pathReq, tc.req)
			if got.Allow != tc.allow {
				t.Fatalf("Allow = %v (%s), want %v", got.Allow, got.Msg, tc.allow)
			}
			if tc.allow && !strings.HasPrefix(got.Msg, "audit: rungate: denied") {
				t.Errorf("audit message %q does not say what would be denied", got.Msg)
			}
		})
	}
}

func TestFailOn(t *testing.T) {
	body := `{"Image":"alpine"}` // writable root filesystem: medium
	for _, tc := range []struct {
		failOn string
		allow  bool
	}{{"high", true}, {"medium", false}} {
		t.Run(tc.failOn, func(t *testing.T) {
			var sev = mustSeverity(t, tc.failOn)
			c := serveUnix(t, newTestHandler(t, Options{FailOn: sev}))
			got := call(t, c, pathReq, authzReq("POST", "/v1.41/containers/create", ctJSON, body))
			if got.Allow != tc.allow {
				t.Fatalf("Allow = %v (%s), want %v", got.Allow, got.Msg, tc.allow)
			}
			if !tc.allow && !strings.Contains(got.Msg, "[readonly-rootfs-missing]") {
				t.Errorf("message %q does not name the rule", got.Msg)
			}
		})
	}
}

func TestDeadline(t *testing.T) {
	c := serveUnix(t, newTestHandler(t, Options{Timeout: time.Nanosecond}))
	got := call(t, c, pathReq, authzReq("POST", "/v1.41/containers/create", ctJSON, compliant))
	if got.Allow || !strings.Contains(got.Msg, "deadline") {
		t.Fatalf("got %+v, want a deny past the deadline", got)
	}
}

func TestDecisionLog(t *testing.T) {
	var buf bytes.Buffer
	h := newTestHandler(t, Options{Log: &buf, Now: func() time.Time { return time.Unix(0, 0) }})
	c := serveUnix(t, h)
	req := authzReq("POST", "/v1.43/containers/create?name=x", ctJSON, `{"Image":"a","Env":["TOKEN=hunter2"],"HostConfig":{"Binds":["/:/host"]}}`)
	req.User, req.UserAuthNMethod = "alice", "TLS"
	call(t, c, pathReq, req)
	call(t, c, pathReq, authzReq("GET", "/v1.43/containers/json", "", ""))
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("log has %d lines, want 2:\n%s", len(lines), buf.String())
	}
	if strings.Contains(buf.String(), "hunter2") {
		t.Errorf("log leaks an env value:\n%s", buf.String())
	}
	var e entry
	if err := json.Unmarshal([]byte(lines[0]), &e); err != nil {
		t.Fatal(err)
	}
	if e.Decision != decDeny || e.Policy != "test" || e.Route != "/containers/create" || e.APIVersion != "1.43" || e.User != "alice" || e.AuthMethod != "TLS" || e.Method != "POST" {
		t.Errorf("entry = %+v", e)
	}
	if !strings.Contains(strings.Join(e.Rules, ","), "host-root-mount") {
		t.Errorf("rules = %v, want host-root-mount", e.Rules)
	}
}

func TestSetPolicy(t *testing.T) {
	h := newTestHandler(t, Options{})
	if err := h.SetPolicy(Policy{Hash: "broken"}); err == nil {
		t.Fatal("SetPolicy accepted a policy with no engine")
	}
	if got := h.policy.Load().Hash; got != "test" {
		t.Errorf("policy after a failed swap = %q, want the previous one", got)
	}
	eng, _ := testEngine()
	if err := h.SetPolicy(Policy{Engine: eng, Hash: "next"}); err != nil {
		t.Fatal(err)
	}
	if got := h.policy.Load().Hash; got != "next" {
		t.Errorf("policy after a swap = %q, want next", got)
	}
}
