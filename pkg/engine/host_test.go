package engine_test

import (
	"reflect"
	"testing"

	"github.com/docker/docker/api/types/container"

	"github.com/rungate/rungate/pkg/runspec"
)

// TestDaemonDefaults: host facts that looked for daemon.json and found none
// are judged on dockerd's defaults, each finding placed on the path looked
// for; host facts that did not look at the daemon say nothing of it.
func TestDaemonDefaults(t *testing.T) {
	e := newEngine(t)
	h := runspec.Host{Daemon: runspec.DefaultDaemon()}
	h.Daemon.File = "/etc/docker/daemon.json"
	got, err := e.EvaluateHost(t.Context(), h)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"daemon-authz-plugin-missing", "daemon-icc-enabled", "daemon-live-restore-disabled",
		"daemon-log-unbounded", "daemon-no-new-privileges-missing", "daemon-userns-remap-disabled",
	}
	if ids := rulesOf(got); !reflect.DeepEqual(ids, want) {
		t.Errorf("rules %v, want %v", ids, want)
	}
	for _, f := range got {
		if f.Pos != (runspec.Pos{File: "/etc/docker/daemon.json"}) {
			t.Errorf("%s at %+v, want the file with no line", f.Rule, f.Pos)
		}
	}
	for _, h := range []runspec.Host{{}, {Daemon: runspec.DefaultDaemon()}} {
		if got, err := e.EvaluateHost(t.Context(), h); err != nil || len(got) != 0 {
			t.Errorf("daemon not looked at: %v, %v", rulesOf(got), err)
		}
	}
}

// TestHostRulesQuietOnContainers: the daemon's configuration travels with
// every container spec, and a socket fact could too; the host rules judge
// only kind host.
func TestHostRulesQuietOnContainers(t *testing.T) {
	e := newEngine(t)
	d := runspec.DefaultDaemon()
	d.Known, d.File = true, "/etc/docker/daemon.json"
	d.Hosts = []runspec.DaemonHost{{Raw: "tcp://0.0.0.0:2375", Scheme: "tcp", Host: "0.0.0.0", Port: 2375}}
	got, err := e.Evaluate(t.Context(), dockerRun(container.HostConfig{}), d)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range got {
		switch f.Rule {
		case "daemon-authz-plugin-missing", "daemon-icc-enabled", "daemon-live-restore-disabled", "daemon-log-unbounded",
			"daemon-no-new-privileges-missing", "daemon-userns-remap-disabled", "daemon-tcp-without-tls",
			"docker-socket-permissions", "docker-socket-world-writable":
			t.Errorf("host rule %s fired on a container: %s", f.Rule, f.Message)
		}
	}
}
