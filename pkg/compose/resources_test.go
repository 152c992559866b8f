package compose

import (
	"reflect"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/go-connections/nat"

	"github.com/rungate/rungate/pkg/runspec"
)

// loadService loads one compose file given inline and returns service s.
func loadService(t *testing.T, yaml string) *runspec.Spec {
	t.Helper()
	specs, errs := Load(t.Context(), Options{Env: map[string]string{"KNOWN": "k"}}, File{Name: "compose.yaml", Data: []byte(yaml)})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, sp := range specs {
		if sp.Name == "s" {
			return sp
		}
	}
	t.Fatal("no service s")
	return nil
}

// TestResourceConversion: the limits, restart policy, healthcheck and
// cgroup parent arrive in the create body as docker compose sends them,
// and each is placed at the key that set it.
func TestResourceConversion(t *testing.T) {
	i64 := func(n int64) *int64 { return &n }
	yes := true
	at := func(line, col int) runspec.Pos { return runspec.Pos{File: "compose.yaml", Line: line, Column: col} }
	tests := []struct {
		name  string
		svc   string // the service body, indented by four spaces
		want  func(hc *container.HostConfig, cfg *container.Config) (got, want any)
		field string
		pos   runspec.Pos
	}{
		{"mem_limit", "    mem_limit: 512m\n", func(hc *container.HostConfig, _ *container.Config) (any, any) { return hc.Memory, int64(512 << 20) }, "HostConfig.Memory", at(4, 5)},
		{"deploy memory, no version key", "    deploy:\n      resources:\n        limits:\n          memory: 256M\n",
			func(hc *container.HostConfig, _ *container.Config) (any, any) { return hc.Memory, int64(256 << 20) }, "HostConfig.Memory", at(7, 11)},
		{"both memory spellings agree", "    mem_limit: 1g\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n",
			func(hc *container.HostConfig, _ *container.Config) (any, any) { return hc.Memory, int64(1 << 30) }, "HostConfig.Memory", at(4, 5)},
		{"cpus", "    cpus: 1.5\n", func(hc *container.HostConfig, _ *container.Config) (any, any) { return hc.NanoCPUs, int64(1.5e9) }, "HostConfig.NanoCpus", at(4, 5)},
		{"deploy cpus", "    deploy:\n      resources:\n        limits:\n          cpus: '0.5'\n",
			func(hc *container.HostConfig, _ *container.Config) (any, any) { return hc.NanoCPUs, int64(0.5e9) }, "HostConfig.NanoCpus", at(7, 11)},
		{"cpu_shares", "    cpu_shares: 512\n", func(hc *container.HostConfig, _ *container.Config) (any, any) { return hc.CPUShares, int64(512) }, "HostConfig.CpuShares", at(4, 5)},
		{"cpu_quota", "    cpu_quota: 50000\n", func(hc *container.HostConfig, _ *container.Config) (any, any) { return hc.CPUQuota, int64(50000) }, "HostConfig.CpuQuota", at(4, 5)},
		{"pids_limit", "    pids_limit: 100\n", func(hc *container.HostConfig, _ *container.Config) (any, any) { return hc.PidsLimit, i64(100) }, "HostConfig.PidsLimit", at(4, 5)},
		{"pids_limit -1 is sent", "    pids_limit: -1\n", func(hc *container.HostConfig, _ *container.Config) (any, any) { return hc.PidsLimit, i64(-1) }, "HostConfig.PidsLimit", at(4, 5)},
		{"deploy pids", "    deploy:\n      resources:\n        limits:\n          pids: 50\n",
			func(hc *container.HostConfig, _ *container.Config) (any, any) { return hc.PidsLimit, i64(50) }, "HostConfig.PidsLimit", at(7, 11)},
		{"oom_kill_disable", "    oom_kill_disable: true\n", func(hc *container.HostConfig, _ *container.Config) (any, any) { return hc.OomKillDisable, &yes }, "HostConfig.OomKillDisable", at(4, 5)},
		{"cgroup_parent", "    cgroup_parent: /custom\n", func(hc *container.HostConfig, _ *container.Config) (any, any) { return hc.CgroupParent, "/custom" }, "HostConfig.CgroupParent", at(4, 5)},
		{"restart", "    restart: on-failure:3\n", func(hc *container.HostConfig, _ *container.Config) (any, any) {
			return hc.RestartPolicy, container.RestartPolicy{Name: "on-failure", MaximumRetryCount: 3}
		}, "HostConfig.RestartPolicy", at(4, 5)},
		{"deploy restart_policy wins over restart", "    restart: always\n    deploy:\n      restart_policy:\n        condition: on-failure\n        max_attempts: 10\n",
			func(hc *container.HostConfig, _ *container.Config) (any, any) {
				return hc.RestartPolicy, container.RestartPolicy{Name: "on-failure", MaximumRetryCount: 10}
			}, "HostConfig.RestartPolicy", at(6, 7)},
		{"deploy condition any is always", "    deploy:\n      restart_policy:\n        condition: any\n",
			func(hc *container.HostConfig, _ *container.Config) (any, any) {
				return hc.RestartPolicy, container.RestartPolicy{Name: "always"}
			}, "", runspec.Pos{}},
		{"deploy condition none is no", "    deploy:\n      restart_policy:\n        condition: none\n",
			func(hc *container.HostConfig, _ *container.Config) (any, any) {
				return hc.RestartPolicy, container.RestartPolicy{Name: "no"}
			}, "", runspec.Pos{}},
		{"healthcheck", "    healthcheck:\n      test: [\"CMD\", \"true\"]\n", func(_ *container.HostConfig, cfg *container.Config) (any, any) {
			return cfg.Healthcheck.Test, []string{"CMD", "true"}
		}, "Config.Healthcheck", at(4, 5)},
		{"healthcheck string is CMD-SHELL", "    healthcheck:\n      test: curl -f localhost\n", func(_ *container.HostConfig, cfg *container.Config) (any, any) {
			return cfg.Healthcheck.Test, []string{"CMD-SHELL", "curl -f localhost"}
		}, "", runspec.Pos{}},
		{"healthcheck disable", "    healthcheck:\n      disable: true\n", func(_ *container.HostConfig, cfg *container.Config) (any, any) {
			return cfg.Healthcheck.Test, []string{"NONE"}
		}, "", runspec.Pos{}},
		{"healthcheck test NONE", "    healthcheck:\n      test: [\"NONE\"]\n", func(_ *container.HostConfig, cfg *container.Config) (any, any) {
			return cfg.Healthcheck.Test, []string{"NONE"}
		}, "", runspec.Pos{}},
		{"logging", "    logging:\n      driver: none\n", func(hc *container.HostConfig, _ *container.Config) (any, any) { return hc.LogConfig.Type, "none" }, "HostConfig.LogConfig.Type", at(5, 7)},
		{"ports short and long", "    ports:\n      - 8080:80\n      - 127.0.0.1:9090:90\n      - target: 443\n        published: \"8443\"\n        host_ip: 0.0.0.0\n      - \"53/udp\"\n",
			func(hc *container.HostConfig, _ *container.Config) (any, any) {
				return hc.PortBindings, nat.PortMap{
					"80/tcp": {{HostPort: "8080"}}, "90/tcp": {{HostIP: "127.0.0.1", HostPort: "9090"}},
					"443/tcp": {{HostIP: "0.0.0.0", HostPort: "8443"}}, "53/udp": {{}},
				}
			}, "HostConfig.PortBindings=443/tcp", at(7, 9)},
		{"port with a variable host part points at its item", "    ports:\n      - 9090:90\n      - \"${WEB_PORT}:80\"\n",
			func(hc *container.HostConfig, _ *container.Config) (any, any) {
				return hc.PortBindings["80/tcp"], []nat.PortBinding{{}}
			}, "HostConfig.PortBindings=80/tcp", at(6, 9)},
		{"environment list", "    environment:\n      - A=1\n      - B\n      - C=${KNOWN}\n", func(_ *container.HostConfig, cfg *container.Config) (any, any) {
			return cfg.Env, []string{"A=1", "B", "C=k"}
		}, "Config.Env=C=k", at(7, 9)},
		{"environment map", "    environment:\n      A: 1\n      B:\n      C: ${UNSET}\n", func(_ *container.HostConfig, cfg *container.Config) (any, any) {
			return cfg.Env, []string{"A=1", "B", "C=${UNSET}"}
		}, "Config.Env=A=1", at(5, 7)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := loadService(t, "services:\n  s:\n    image: nginx:1.27\n"+tc.svc)
			got, want := tc.want(s.Create.HostConfig, s.Create.Config)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %#v, want %#v", got, want)
			}
			if tc.field != "" {
				if p := s.PosOf(tc.field); p != tc.pos {
					t.Errorf("%s at %+v, want %+v", tc.field, p, tc.pos)
				}
			}
		})
	}
}
