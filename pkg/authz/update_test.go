package authz

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/container"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/profile"
	"github.com/rungate/rungate/pkg/runspec"
)

func TestLiftedLimits(t *testing.T) {
	pids := func(n int64) *int64 { return &n }
	for _, tc := range []struct {
		name string
		res  container.Resources
		want []string // "rule: sets"
	}{
		{"nothing set", container.Resources{}, nil},
		{"PidsLimit null", container.Resources{PidsLimit: nil}, nil},
		{"PidsLimit 100", container.Resources{PidsLimit: pids(100)}, nil},
		{"PidsLimit 1", container.Resources{PidsLimit: pids(1)}, nil},
		{"PidsLimit 0", container.Resources{PidsLimit: pids(0)}, []string{"pids-limit-missing: PidsLimit to 0 (unlimited)"}},
		{"PidsLimit -1", container.Resources{PidsLimit: pids(-1)}, []string{"pids-limit-missing: PidsLimit to -1 (unlimited)"}},
		{"PidsLimit -7", container.Resources{PidsLimit: pids(-7)}, []string{"pids-limit-missing: PidsLimit to -7 (unlimited)"}},
		{"Memory 0 leaves it", container.Resources{Memory: 0}, nil},
		{"Memory 512m", container.Resources{Memory: 512 << 20}, nil},
		{"Memory -1", container.Resources{Memory: -1}, []string{"memory-limit-missing: Memory to -1 (no limit)"}},
		{"MemorySwap -1 keeps Memory", container.Resources{MemorySwap: -1}, nil},
		{"MemoryReservation is no limit", container.Resources{MemoryReservation: -1}, nil},
		{"CpuQuota -1", container.Resources{CPUQuota: -1}, []string{"cpu-limit-missing: CpuQuota to -1 (no CPU bound)"}},
		{"NanoCpus -1", container.Resources{NanoCPUs: -1}, []string{"cpu-limit-missing: NanoCpus to -1 (no CPU bound)"}},
		{"CpuShares -1", container.Resources{CPUShares: -1}, []string{"cpu-limit-missing: CpuShares to -1 (no CPU bound)"}},
		{"two CPU fields", container.Resources{CPUQuota: -1, CPUShares: -2}, []string{"cpu-limit-missing: CpuQuota to -1 and CpuShares to -2 (no CPU bound)"}},
		{"quota off, cpus on", container.Resources{CPUQuota: -1, NanoCPUs: 1e9}, nil},
		{"quota off, shares on", container.Resources{CPUQuota: -1, CPUShares: 512}, nil},
		{"CpuPeriod is not judged", container.Resources{CPUPeriod: 1000}, nil},
		{"all three", container.Resources{PidsLimit: pids(0), Memory: -1, CPUQuota: -1}, []string{
			"pids-limit-missing: PidsLimit to 0 (unlimited)", "memory-limit-missing: Memory to -1 (no limit)", "cpu-limit-missing: CpuQuota to -1 (no CPU bound)",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, l := range liftedLimits(tc.res) {
				got = append(got, l.rule+": "+l.sets)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("lifted = %q, want %q", got, tc.want)
			}
		})
	}
}

// updatePolicies are the policies TestJudgeUpdate judges with.
func updatePolicies(t *testing.T) map[string]*Policy {
	t.Helper()
	def, err := testEngine()
	if err != nil {
		t.Fatal(err)
	}
	restricted, err := restrictedEngine()
	if err != nil {
		t.Fatal(err)
	}
	noPids, err := profileEngine("restricted", profile.Overrides{Disable: []string{rulePidsLimit}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cpuHigh, err := profileEngine("default", profile.Overrides{Severity: map[string]engine.Severity{ruleCPULimit: engine.High}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	pidsLow, err := profileEngine("default", profile.Overrides{Severity: map[string]engine.Severity{rulePidsLimit: engine.Low}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	strictRestart, err := profileEngine("default", profile.Overrides{}, map[string]any{"restart": map[string]any{"flag_unlimited": true, "max_retries": 2}})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*Policy{}
	for name, e := range map[string]*engine.Engine{"default": def, "restricted": restricted, "no pids rule": noPids, "cpu high": cpuHigh, "pids low": pidsLow, "strict restart": strictRestart} {
		out[name] = &Policy{Engine: e, Daemon: runspec.DefaultDaemon()}
	}
	return out
}

func TestJudgeUpdate(t *testing.T) {
	policies := updatePolicies(t)
	for _, tc := range []struct {
		name, policy, body string
		want               []string // "rule severity"
	}{
		{"pids lifted, default: at least high", "default", `{"PidsLimit":-1}`, []string{"pids-limit-missing high"}},
		{"pids lifted, restricted", "restricted", `{"PidsLimit":-1}`, []string{"pids-limit-missing high"}},
		{"pids rule disabled", "no pids rule", `{"PidsLimit":-1}`, nil},
		{"memory still judged with pids disabled", "no pids rule", `{"PidsLimit":-1,"Memory":-1}`, []string{"memory-limit-missing high"}},
		{"memory lifted, default", "default", `{"Memory":-1}`, []string{"memory-limit-missing high"}},
		{"cpu lifted, default", "default", `{"CpuQuota":-1}`, []string{"cpu-limit-missing high"}},
		{"cpu severity from configuration", "cpu high", `{"CpuQuota":-1}`, []string{"cpu-limit-missing high"}},
		{"pids severity lowered by configuration holds", "pids low", `{"PidsLimit":-1}`, []string{"pids-limit-missing low"}},
		{"limits set", "restricted", `{"PidsLimit":200,"Memory":536870912,"NanoCpus":1000000000}`, nil},
		{"restart unbounded", "default", `{"RestartPolicy":{"Name":"on-failure"}}`, []string{"restart-policy low"}},
		{"restart bounded", "default", `{"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":5}}`, nil},
		{"restart always accepted by default", "default", `{"RestartPolicy":{"Name":"always"}}`, nil},
		{"restart always under policy data", "strict restart", `{"RestartPolicy":{"Name":"always"}}`, []string{"restart-policy low"}},
		{"restart above data maximum", "strict restart", `{"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":3}}`, []string{"restart-policy low"}},
		{"restart name empty is unchanged", "strict restart", `{"RestartPolicy":{"Name":"","MaximumRetryCount":50}}`, nil},
		{"dropped fields", "restricted", `{"OomKillDisable":true,"Devices":[{"PathOnHost":"/dev/mem","PathInContainer":"/dev/mem","CgroupPermissions":"rwm"}]}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var upd container.UpdateConfig
			if err := decodeBody([]byte(tc.body), &upd); err != nil {
				t.Fatal(err)
			}
			v := judgeUpdate(t.Context(), policies[tc.policy], target{Path: "/containers/web/update"}, "web", upd)
			if v.reason != "" {
				t.Fatalf("fail closed: %s", v.reason)
			}
			var got []string
			for _, f := range v.findings {
				got = append(got, f.Rule+" "+f.Severity.String())
				if f.Title == "" || f.Remediation == "" || !strings.HasPrefix(f.Message, "update sets ") || !strings.Contains(f.Message, `container "web"`) {
					t.Errorf("finding not in the linter's words: %+v", f)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestUpdateJudgedAsCreate checks that an update lifting a limit is
// reported by the rule that reports a create with the same value, under
// each profile: at the create's severity when the policy chose the rule's
// severity, else at least high; a restart policy at the create's.
func TestUpdateJudgedAsCreate(t *testing.T) {
	policies := updatePolicies(t)
	for _, tc := range []struct{ update, hostConfig string }{
		{`{"PidsLimit":-1}`, `{"PidsLimit":-1}`},
		{`{"PidsLimit":0}`, `{"PidsLimit":0}`},
		{`{"Memory":-1}`, `{"Memory":-1}`},
		{`{"CpuQuota":-1}`, `{"CpuQuota":-1}`},
		{`{"RestartPolicy":{"Name":"on-failure"}}`, `{"RestartPolicy":{"Name":"on-failure"}}`},
		{`{"RestartPolicy":{"Name":"unless-stopped"}}`, `{"RestartPolicy":{"Name":"unless-stopped"}}`},
	} {
		for _, name := range []string{"default", "restricted", "strict restart"} {
			p := policies[name]
			t.Run(name+" "+tc.update, func(t *testing.T) {
				var upd container.UpdateConfig
				if err := decodeBody([]byte(tc.update), &upd); err != nil {
					t.Fatal(err)
				}
				var req container.CreateRequest
				if err := decodeBody([]byte(`{"Image":"a","HostConfig":`+tc.hostConfig+`}`), &req); err != nil {
					t.Fatal(err)
				}
				tg := target{Path: "/containers/web/update"}
				fromUpdate := judgeUpdate(t.Context(), p, tg, "web", upd).findings
				fromCreate, err := p.Engine.Evaluate(context.Background(), createSpec(tg, req), p.Daemon)
				if err != nil {
					t.Fatal(err)
				}
				chosen := map[string]bool{}
				for _, r := range p.Engine.Rules() {
					chosen[r.ID] = r.SeverityChosen()
				}
				for _, rule := range []string{rulePidsLimit, ruleMemoryLimit, ruleCPULimit, ruleRestartPolicy} {
					if !strings.Contains(tc.update, updateField(rule)) {
						continue
					}
					u, c := severityOf(fromUpdate, rule), severityOf(fromCreate, rule)
					want := c
					if rule != ruleRestartPolicy && !chosen[rule] {
						want = max(c, engine.High)
					}
					if u != want || (rule != ruleRestartPolicy && c == 0) {
						t.Errorf("%s: update severity %v, create severity %v, want %v", rule, u, c, want)
					}
				}
			})
		}
	}
}

// updateField is the update field that a rule judges.
func updateField(rule string) string {
	return map[string]string{rulePidsLimit: "PidsLimit", ruleMemoryLimit: "Memory", ruleCPULimit: "Cpu", ruleRestartPolicy: "RestartPolicy"}[rule]
}

func severityOf(fs []engine.Finding, rule string) engine.Severity {
	for _, f := range fs {
		if f.Rule == rule {
			return f.Severity
		}
	}
	return 0
}

// TestUpdateThreshold checks the deny decision end to end: with the default
// profile a create without a process limit passes --fail-on high but an
// update lifting one is denied; under restricted both are denied; with the
// rule's severity lowered by configuration both pass.
func TestUpdateThreshold(t *testing.T) {
	create := authzReq("POST", "/v1.47/containers/create", ctJSON, `{"Image":"a","User":"1000","HostConfig":{"ReadonlyRootfs":true,"PidsLimit":-1,"Memory":536870912,"CapDrop":["ALL"],"SecurityOpt":["no-new-privileges"],"LogConfig":{"Type":"json-file","Config":{"max-size":"10m"}}}}`)
	update := authzReq("POST", "/v1.47/containers/web/update", ctJSON, `{"PidsLimit":-1}`)
	pidsLow, err := profileEngine("default", profile.Overrides{Severity: map[string]engine.Severity{rulePidsLimit: engine.Low}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name               string
		handler            *Handler
		createOK, updateOK bool
	}{
		{"default profile", newProfileHandler(t, "", Options{}), true, false},
		{"restricted profile", newProfileHandler(t, "restricted", Options{}), false, false},
		{"pids-limit-missing lowered to low", handlerWith(t, pidsLow, Options{}), true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := serveUnix(t, tc.handler)
			for _, r := range []struct {
				what  string
				req   Request
				allow bool
			}{{"create", create, tc.createOK}, {"update", update, tc.updateOK}} {
				got := call(t, c, pathReq, r.req)
				if got.Allow != r.allow {
					t.Errorf("%s: Allow = %v (%s), want %v", r.what, got.Allow, got.Msg, r.allow)
				}
				if !got.Allow && !strings.Contains(got.Msg, "[pids-limit-missing]") {
					t.Errorf("%s: deny %q does not name pids-limit-missing", r.what, got.Msg)
				}
			}
		})
	}
}
