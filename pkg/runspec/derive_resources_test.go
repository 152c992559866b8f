package runspec

import (
	"testing"

	"github.com/docker/docker/api/types/container"
)

func TestDeriveResources(t *testing.T) {
	at := Pos{File: "run.sh", Line: 1, Column: 20}
	i64 := func(n int64) *int64 { return &n }
	yes := true
	tests := []struct {
		name  string
		hc    container.HostConfig
		pos   map[string]Pos
		check func(t *testing.T, r Resources)
	}{
		{"nothing set", container.HostConfig{}, nil, func(t *testing.T, r Resources) {
			if r.Memory.Limited || r.Pids.Limited || r.CPU.Limited || r.OomKillDisable.Disabled || r.CgroupParent.Set {
				t.Errorf("%+v", r)
			}
			if r.Memory.Pos != origin || r.Pids.Pos != origin || r.CPU.Pos != origin {
				t.Errorf("missing settings are not at the origin: %+v", r)
			}
		}},
		{"memory", container.HostConfig{Resources: container.Resources{Memory: 512 << 20}}, map[string]Pos{"HostConfig.Memory": at}, func(t *testing.T, r Resources) {
			if !r.Memory.Limited || r.Memory.Value != 512<<20 || r.Memory.Pos != at {
				t.Errorf("%+v", r.Memory)
			}
		}},
		{"pids unlimited spellings", container.HostConfig{Resources: container.Resources{PidsLimit: i64(-1)}}, nil, func(t *testing.T, r Resources) {
			if r.Pids.Limited || r.Pids.Value != -1 {
				t.Errorf("%+v", r.Pids)
			}
		}},
		{"pids zero", container.HostConfig{Resources: container.Resources{PidsLimit: i64(0)}}, nil, func(t *testing.T, r Resources) {
			if r.Pids.Limited {
				t.Errorf("%+v", r.Pids)
			}
		}},
		{"pids", container.HostConfig{Resources: container.Resources{PidsLimit: i64(100)}}, map[string]Pos{"HostConfig.PidsLimit": at}, func(t *testing.T, r Resources) {
			if !r.Pids.Limited || r.Pids.Value != 100 || r.Pids.Pos != at {
				t.Errorf("%+v", r.Pids)
			}
		}},
		{"cpus", container.HostConfig{Resources: container.Resources{NanoCPUs: 1e9}}, map[string]Pos{"HostConfig.NanoCpus": at}, func(t *testing.T, r Resources) {
			if !r.CPU.Limited || r.CPU.Pos != at {
				t.Errorf("%+v", r.CPU)
			}
		}},
		{"cpu quota", container.HostConfig{Resources: container.Resources{CPUQuota: 50000}}, map[string]Pos{"HostConfig.CpuQuota": at}, func(t *testing.T, r Resources) {
			if !r.CPU.Limited || r.CPU.Quota != 50000 || r.CPU.Pos != at {
				t.Errorf("%+v", r.CPU)
			}
		}},
		{"cpu shares", container.HostConfig{Resources: container.Resources{CPUShares: 512}}, map[string]Pos{"HostConfig.CpuShares": at}, func(t *testing.T, r Resources) {
			if !r.CPU.Limited || r.CPU.Shares != 512 || r.CPU.Pos != at {
				t.Errorf("%+v", r.CPU)
			}
		}},
		{"oom kill disabled", container.HostConfig{Resources: container.Resources{OomKillDisable: &yes}}, map[string]Pos{"HostConfig.OomKillDisable": at}, func(t *testing.T, r Resources) {
			if !r.OomKillDisable.Disabled || r.OomKillDisable.Pos != at {
				t.Errorf("%+v", r.OomKillDisable)
			}
		}},
		{"cgroup parent", container.HostConfig{Resources: container.Resources{CgroupParent: "/custom"}}, map[string]Pos{"HostConfig.CgroupParent": at}, func(t *testing.T, r Resources) {
			if !r.CgroupParent.Set || r.CgroupParent.Value != "/custom" || r.CgroupParent.Unresolved || r.CgroupParent.Pos != at {
				t.Errorf("%+v", r.CgroupParent)
			}
		}},
		{"cgroup parent unresolved", container.HostConfig{Resources: container.Resources{CgroupParent: "${CG}"}}, nil, func(t *testing.T, r Resources) {
			if !r.CgroupParent.Unresolved {
				t.Errorf("%+v", r.CgroupParent)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSpec(nil, &tc.hc)
			for k, p := range tc.pos {
				s.SetPos(k, p)
			}
			tc.check(t, Derive(s).Resources)
		})
	}
}

func TestDeriveRestart(t *testing.T) {
	tests := []struct {
		policy container.RestartPolicy
		want   Restart
	}{
		{container.RestartPolicy{}, Restart{Name: "no"}},
		{container.RestartPolicy{Name: "always"}, Restart{Name: "always"}},
		{container.RestartPolicy{Name: "on-failure", MaximumRetryCount: 10}, Restart{Name: "on-failure", MaxRetries: 10}},
		{container.RestartPolicy{Name: "${RESTART}"}, Restart{Name: "${RESTART}", Unresolved: true}},
	}
	for _, tc := range tests {
		t.Run(string(tc.policy.Name), func(t *testing.T) {
			tc.want.Pos = origin
			if got := Derive(newSpec(nil, &container.HostConfig{RestartPolicy: tc.policy})).Restart; got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestDeriveHealthcheck(t *testing.T) {
	tests := []struct {
		name string
		hc   *container.HealthConfig
		want string
	}{
		{"none", nil, HealthUnset},
		{"options only keep the image's test", &container.HealthConfig{Interval: 5}, HealthUnset},
		{"cmd", &container.HealthConfig{Test: []string{"CMD-SHELL", "curl -f localhost"}}, HealthSet},
		{"disabled", &container.HealthConfig{Test: []string{"NONE"}}, HealthDisabled},
		{"lower-case none is a command", &container.HealthConfig{Test: []string{"none"}}, HealthSet},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Derive(newSpec(&container.Config{Healthcheck: tc.hc}, nil)).Healthcheck
			if got.State != tc.want || got.Pos != origin {
				t.Errorf("got %+v, want %s", got, tc.want)
			}
		})
	}
}
