package lint

import (
	"encoding/json"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/container"

	"github.com/rungate/rungate/pkg/compose"
	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/pkg/scan"
	"github.com/rungate/rungate/policy"
	"github.com/rungate/rungate/rules"
)

// resourceRow is one line of the acceptance table of the resource, port,
// image, environment, healthcheck and restart rules: an input written the
// way a user writes it, the rule it is about, and whether that rule fires.
// Exactly one of run (a docker run line), svc (the body of a compose
// service named svc, indented by the test; `image: nginx:1.27` is added
// unless the body names an image or a build), inspect (the Config and
// HostConfig of a docker inspect object) and create (an authorization
// request's create body) is set. at, when not 0, is where the finding must
// point: the column on the run line, or the line of the compose file.
type resourceRow struct {
	run, svc, inspect, create string
	rule                      string
	fires                     bool
	at                        int
	daemon                    *runspec.Daemon
}

var noneLogDaemon = &runspec.Daemon{Known: true, File: "/etc/docker/daemon.json", LogDriver: "none", LogOpts: map[string]string{}}

// resourceSecrets are the literal secrets the rows write; no message may
// show one.
var resourceSecrets = []string{"hunter2", "s3cret", "tok123", "pw0rd"}

// resourceEnvFiles are the files --env-file rows read.
var resourceEnvFiles = map[string]string{
	"app.env":  "# comment\nDB_PASSWORD=hunter2\nTZ=UTC\n",
	"safe.env": "DB_PASSWORD_FILE=/run/secrets/db\nDB_PASSWORD=\n",
}

const digest = "sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac"

var resourceRows = []resourceRow{
	// port-all-interfaces
	{run: "docker run -p 8080:80 nginx:1.27", rule: "port-all-interfaces", fires: true, at: 12},
	{run: "docker run --publish=0.0.0.0:8080:80/udp nginx:1.27", rule: "port-all-interfaces", fires: true, at: 12},
	{run: "docker run -p [::]:8080:80 nginx:1.27", rule: "port-all-interfaces", fires: true},
	{run: "docker run -p 80 nginx:1.27", rule: "port-all-interfaces", fires: true},
	{run: "docker run --publish 0.0.0.0::80 nginx:1.27", rule: "port-all-interfaces", fires: true},
	{run: "docker run -p 8000-8001:80-81 nginx:1.27", rule: "port-all-interfaces", fires: true},
	{run: "docker run -p 127.0.0.1:8080:80 nginx:1.27", rule: "port-all-interfaces"},
	{run: "docker run -p 192.168.1.10:8080:80 -p [::1]:8443:443 nginx:1.27", rule: "port-all-interfaces"},
	{run: "docker run --network host -p 8080:80 nginx:1.27", rule: "port-all-interfaces"},
	{run: "docker run -P --expose 80 nginx:1.27", rule: "port-all-interfaces"},
	{run: "docker run -e PORTS=8080:80 -l publish=8080:80 nginx:1.27 echo -p 8080:80", rule: "port-all-interfaces"},
	{svc: "ports: [\"8080:80\"]", rule: "port-all-interfaces", fires: true, at: 4},
	{svc: "ports:\n  - target: 80\n    published: \"8080\"", rule: "port-all-interfaces", fires: true, at: 5},
	{svc: "ports:\n  - target: 80\n    host_ip: 0.0.0.0\n    published: \"8080\"", rule: "port-all-interfaces", fires: true},
	{svc: "ports: [\"127.0.0.1:8080:80\"]", rule: "port-all-interfaces"},
	{svc: "ports:\n  - target: 80\n    host_ip: 127.0.0.1\n    published: \"8080\"", rule: "port-all-interfaces"},
	{svc: "network_mode: host\nports: [\"8080:80\"]", rule: "port-all-interfaces"},
	{svc: "expose: [\"80\"]", rule: "port-all-interfaces"},
	{create: `{"Image":"nginx:1.27","HostConfig":{"PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"8080"}]}}}`, rule: "port-all-interfaces", fires: true},
	{create: `{"Image":"nginx:1.27","HostConfig":{"PortBindings":{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"}]}}}`, rule: "port-all-interfaces"},

	// privileged-host-port
	{run: "docker run -p 127.0.0.1:80:8080 web:1", rule: "privileged-host-port", fires: true, at: 12},
	{run: "docker run -p 443:443 web:1", rule: "privileged-host-port", fires: true},
	{run: "docker run -p 1000-1001:80-81 web:1", rule: "privileged-host-port", fires: true},
	{run: "docker run -p 8080:80 web:1", rule: "privileged-host-port"},
	{run: "docker run -p 1024:80 web:1", rule: "privileged-host-port"},
	{run: "docker run -p 80 web:1", rule: "privileged-host-port"},
	{run: "docker run --network host -p 80:80 web:1", rule: "privileged-host-port"},
	{svc: "ports: [\"80:8080\"]", rule: "privileged-host-port", fires: true, at: 4},
	{svc: "ports:\n  - target: 8080\n    published: \"443\"", rule: "privileged-host-port", fires: true},
	{svc: "ports: [\"8080:80\", \"53\"]", rule: "privileged-host-port"},
	{svc: "ports: [\"1020-1030:80-90\"]", rule: "privileged-host-port", fires: true},
	{svc: "ports: [\"127.0.0.1::80\"]", rule: "privileged-host-port"},

	// publish-all
	{run: "docker run -P nginx:1.27", rule: "publish-all", fires: true, at: 12},
	{run: "docker run --publish-all nginx:1.27", rule: "publish-all", fires: true},
	{run: "docker run --publish-all=false nginx:1.27", rule: "publish-all"},
	{run: "docker run -p 127.0.0.1:8080:80 nginx:1.27", rule: "publish-all"},
	{run: "docker run --network host -P nginx:1.27", rule: "publish-all"},
	{svc: "ports: [\"8080:80\"]", rule: "publish-all"},
	{create: `{"Image":"nginx:1.27","HostConfig":{"PublishAllPorts":true}}`, rule: "publish-all", fires: true},

	// memory-limit-missing
	{run: "docker run nginx:1.27", rule: "memory-limit-missing", fires: true, at: 1},
	{run: "docker run --memory-reservation 256m nginx:1.27", rule: "memory-limit-missing", fires: true},
	{run: "docker run -m 512m nginx:1.27", rule: "memory-limit-missing"},
	{run: "docker run --memory=1g nginx:1.27", rule: "memory-limit-missing"},
	{svc: "read_only: true", rule: "memory-limit-missing", fires: true, at: 2},
	{svc: "deploy:\n  resources:\n    reservations:\n      memory: 256M", rule: "memory-limit-missing", fires: true},
	{svc: "mem_limit: 512m", rule: "memory-limit-missing"},
	{svc: "mem_limit: 1g\ndeploy:\n  resources:\n    limits:\n      memory: 1G", rule: "memory-limit-missing"},
	{svc: "deploy:\n  resources:\n    limits:\n      memory: 512M", rule: "memory-limit-missing"},
	{inspect: `"Config":{"Image":"nginx:1.27"},"HostConfig":{"Memory":0}`, rule: "memory-limit-missing", fires: true},
	{inspect: `"Config":{"Image":"nginx:1.27"},"HostConfig":{"Memory":536870912}`, rule: "memory-limit-missing"},

	// pids-limit-missing
	{run: "docker run nginx:1.27", rule: "pids-limit-missing", fires: true, at: 1},
	{run: "docker run --pids-limit -1 nginx:1.27", rule: "pids-limit-missing", fires: true},
	{run: "docker run --pids-limit 0 nginx:1.27", rule: "pids-limit-missing", fires: true},
	{run: "docker run --pids-limit 100 nginx:1.27", rule: "pids-limit-missing"},
	{run: "docker run --pids-limit=200 nginx:1.27", rule: "pids-limit-missing"},
	{svc: "pids_limit: 0", rule: "pids-limit-missing", fires: true},
	{svc: "pids_limit: -1", rule: "pids-limit-missing", fires: true, at: 4},
	{svc: "read_only: true", rule: "pids-limit-missing", fires: true, at: 2},
	{svc: "pids_limit: 100", rule: "pids-limit-missing"},
	{svc: "deploy:\n  resources:\n    limits:\n      pids: 50", rule: "pids-limit-missing"},

	// cpu-limit-missing
	{run: "docker run nginx:1.27", rule: "cpu-limit-missing", fires: true, at: 1},
	{run: "docker run --cpus 1.5 nginx:1.27", rule: "cpu-limit-missing"},
	{run: "docker run --cpu-shares 512 nginx:1.27", rule: "cpu-limit-missing"},
	{run: "docker run -c 512 nginx:1.27", rule: "cpu-limit-missing"},
	{run: "docker run --cpu-quota 50000 nginx:1.27", rule: "cpu-limit-missing"},
	{svc: "read_only: true", rule: "cpu-limit-missing", fires: true, at: 2},
	{svc: "cpus: 0.5", rule: "cpu-limit-missing"},
	{svc: "cpu_shares: 512", rule: "cpu-limit-missing"},
	{svc: "cpu_quota: 50000", rule: "cpu-limit-missing"},
	{svc: "deploy:\n  resources:\n    limits:\n      cpus: '0.5'", rule: "cpu-limit-missing"},

	// oom-kill-disabled
	{run: "docker run --oom-kill-disable postgres:17", rule: "oom-kill-disabled", fires: true, at: 12},
	{run: "docker run -m 1g --oom-kill-disable postgres:17", rule: "oom-kill-disabled", fires: true},
	{run: "docker run --oom-kill-disable=false postgres:17", rule: "oom-kill-disabled"},
	{run: "docker run -m 1g postgres:17", rule: "oom-kill-disabled"},
	{svc: "oom_kill_disable: true", rule: "oom-kill-disabled", fires: true, at: 4},
	{svc: "oom_kill_disable: false", rule: "oom-kill-disabled"},

	// logging-disabled
	{run: "docker run --log-driver none nginx:1.27", rule: "logging-disabled", fires: true, at: 12},
	{run: "docker run --log-driver=none nginx:1.27", rule: "logging-disabled", fires: true},
	{run: "docker run nginx:1.27", rule: "logging-disabled", fires: true, daemon: noneLogDaemon},
	{run: "docker run nginx:1.27", rule: "logging-disabled"},
	{run: "docker run --log-driver local nginx:1.27", rule: "logging-disabled", daemon: noneLogDaemon},
	{run: "docker run -e LOG_DRIVER=none nginx:1.27 --log-driver none", rule: "logging-disabled"},
	{svc: "logging:\n  driver: none", rule: "logging-disabled", fires: true, at: 5},
	{svc: "logging:\n  driver: local", rule: "logging-disabled"},

	// image-unpinned
	{run: "docker run nginx", rule: "image-unpinned", fires: true, at: 12},
	{run: "docker run -d nginx:latest", rule: "image-unpinned", fires: true, at: 15},
	{run: "docker run localhost:5000/app", rule: "image-unpinned", fires: true},
	{run: "docker run localhost:5000/app:1.2", rule: "image-unpinned"},
	{run: "docker run nginx:1.27", rule: "image-unpinned"},
	{run: "docker run nginx@" + digest, rule: "image-unpinned"},
	{run: "docker run nginx:latest@" + digest, rule: "image-unpinned"},
	{run: "docker run \"$IMAGE\"", rule: "image-unpinned"},
	{run: "docker run nginx:${TAG}", rule: "image-unpinned"},
	{svc: "image: nginx", rule: "image-unpinned", fires: true, at: 3},
	{svc: "image: ghcr.io/acme/api:latest", rule: "image-unpinned", fires: true},
	{svc: "image: ${IMAGE:-nginx:1.27}", rule: "image-unpinned"},
	{svc: "image: app:${TAG}", rule: "image-unpinned"},
	{svc: "build: .", rule: "image-unpinned"},
	{svc: "build: .\nimage: acme/app", rule: "image-unpinned"},
	{svc: "image: acme/app\nscale: 1", rule: "image-unpinned", fires: true},
	{create: `{"Image":"nginx"}`, rule: "image-unpinned", fires: true},

	// secret-in-env
	{run: "docker run -e DB_PASSWORD=hunter2 postgres:17", rule: "secret-in-env", fires: true, at: 12},
	{run: "docker run --env API_TOKEN=tok123 app:1", rule: "secret-in-env", fires: true},
	{run: "docker run -e dbPassword=hunter2 app:1", rule: "secret-in-env", fires: true},
	{run: "docker run -e AWS_SECRET_ACCESS_KEY=hunter2 app:1", rule: "secret-in-env", fires: true},
	{run: "docker run -e DATABASE_URL=postgres://app:s3cret@db:5432/app app:1", rule: "secret-in-env", fires: true},
	{run: "docker run --env-file app.env app:1", rule: "secret-in-env", fires: true, at: 12},
	{run: "docker run --env-file safe.env app:1", rule: "secret-in-env"},
	{run: "docker run -e DB_PASSWORD postgres:17", rule: "secret-in-env"},
	{run: "docker run -e DB_PASSWORD= postgres:17", rule: "secret-in-env"},
	{run: "docker run -e MARIADB_RANDOM_ROOT_PASSWORD=1 -e SECRET_NAME=db-creds mariadb:11", rule: "secret-in-env"},
	{run: "docker run -e DB_PASSWORD=$DB_PASSWORD postgres:17", rule: "secret-in-env"},
	{run: "docker run -e POSTGRES_PASSWORD_FILE=/run/secrets/db postgres:17", rule: "secret-in-env"},
	{run: "docker run -e DB_PASSWORD='<password>' -e API_KEY=changeme postgres:17", rule: "secret-in-env"},
	{run: "docker run -e DATABASE_URL=postgres://db:5432/app -e GPG_KEY=B42F6819007F00F88E364FD4036A9C25BF357DD4 app:1", rule: "secret-in-env"},
	{run: "docker run -l password=hunter2 app:1 echo DB_PASSWORD=hunter2", rule: "secret-in-env"},
	{svc: "environment:\n  - DB_PASSWORD=hunter2", rule: "secret-in-env", fires: true, at: 5},
	{svc: "environment:\n  DB_PASSWORD: hunter2", rule: "secret-in-env", fires: true, at: 5},
	{svc: "environment:\n  REDIS_URL: redis://:pw0rd@cache:6379/0", rule: "secret-in-env", fires: true},
	{svc: "environment:\n  DB_PASSWORD: ${DB_PASSWORD}", rule: "secret-in-env"},
	{svc: "environment:\n  DB_PASSWORD: ${DB_PASSWORD:-}", rule: "secret-in-env"},
	{svc: "environment:\n  - DB_PASSWORD", rule: "secret-in-env"},
	{svc: "environment:\n  DB_PASSWORD: \"\"", rule: "secret-in-env"},
	{svc: "environment:\n  POSTGRES_PASSWORD_FILE: /run/secrets/db", rule: "secret-in-env"},
	{inspect: `"Config":{"Image":"postgres:17","Env":["POSTGRES_PASSWORD=hunter2","PATH=/usr/bin"]},"HostConfig":{}`, rule: "secret-in-env", fires: true},
	// The client has already put every value in: the request cannot show
	// whether a value was written out or passed from the environment.
	{create: `{"Image":"postgres:17","Env":["POSTGRES_PASSWORD=hunter2"]}`, rule: "secret-in-env"},

	// healthcheck-missing
	{run: "docker run nginx:1.27", rule: "healthcheck-missing", fires: true, at: 1},
	{run: "docker run --no-healthcheck nginx:1.27", rule: "healthcheck-missing", fires: true, at: 12},
	{run: "docker run --health-interval 5s nginx:1.27", rule: "healthcheck-missing", fires: true},
	{run: "docker run --health-cmd 'curl -f http://localhost/' nginx:1.27", rule: "healthcheck-missing"},
	{svc: "read_only: true", rule: "healthcheck-missing", fires: true, at: 2},
	{svc: "healthcheck:\n  disable: true", rule: "healthcheck-missing", fires: true, at: 4},
	{svc: "healthcheck:\n  test: [\"NONE\"]", rule: "healthcheck-missing", fires: true},
	{svc: "healthcheck:\n  test: [\"CMD\", \"curl\", \"-f\", \"http://localhost/\"]", rule: "healthcheck-missing"},
	{svc: "healthcheck:\n  test: curl -f http://localhost/", rule: "healthcheck-missing"},
	{inspect: `"Config":{"Image":"nginx:1.27","Healthcheck":{"Test":["CMD-SHELL","curl -f localhost"]}},"HostConfig":{}`, rule: "healthcheck-missing"},
	{inspect: `"Config":{"Image":"nginx:1.27"},"HostConfig":{}`, rule: "healthcheck-missing", fires: true},

	// restart-policy
	{run: "docker run --restart on-failure nginx:1.27", rule: "restart-policy", fires: true, at: 12},
	{run: "docker run --restart on-failure:10 nginx:1.27", rule: "restart-policy", fires: true},
	{run: "docker run --restart on-failure:5 nginx:1.27", rule: "restart-policy"},
	{run: "docker run --restart always nginx:1.27", rule: "restart-policy"},
	{run: "docker run --restart unless-stopped nginx:1.27", rule: "restart-policy"},
	{run: "docker run nginx:1.27", rule: "restart-policy"},
	{svc: "restart: on-failure", rule: "restart-policy", fires: true, at: 4},
	{svc: "restart: \"on-failure:3\"", rule: "restart-policy"},
	{svc: "deploy:\n  restart_policy:\n    condition: on-failure", rule: "restart-policy", fires: true, at: 5},
	{svc: "deploy:\n  restart_policy:\n    condition: on-failure\n    max_attempts: 3", rule: "restart-policy"},
	{svc: "deploy:\n  restart_policy:\n    condition: any", rule: "restart-policy"},

	// cgroup-parent
	{run: "docker run --cgroup-parent /custom nginx:1.27", rule: "cgroup-parent", fires: true, at: 12},
	{run: "docker run nginx:1.27", rule: "cgroup-parent"},
	{svc: "cgroup_parent: /custom", rule: "cgroup-parent", fires: true, at: 4},
	{svc: "cgroup: host", rule: "cgroup-parent"},
}

func (r resourceRow) name() string {
	return rowName(r.rule, r.fires, r.daemon, r.run, r.svc, r.inspect, r.create)
}

func (r resourceRow) composeFile() []byte {
	image := "nginx:1.27"
	if strings.Contains(r.svc, "image:") || strings.Contains(r.svc, "build:") {
		image = ""
	}
	return serviceFile(image, r.svc, "")
}

// TestResourceCatalogue is the acceptance of the resource, port, image,
// environment, healthcheck and restart rules: each fires on its risky
// spellings and is quiet on the safe ones, through the real front ends,
// points where the setting was written (or at the command or service when
// it is missing), and never shows a secret's value.
func TestResourceCatalogue(t *testing.T) {
	eng, err := engine.New(t.Context(), engine.Options{Policies: []fs.FS{rules.FS}, Data: []fs.FS{policy.FS}})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range resourceRows {
		t.Run(row.name(), func(t *testing.T) {
			daemon := runspec.DefaultDaemon()
			if row.daemon != nil {
				daemon = *row.daemon
			}
			r := &Runner{Engine: eng, Daemon: daemon, ReadFile: readEnvFile}
			res := row.lint(t, r)
			var hits []engine.Finding
			for _, f := range res.Findings {
				for _, secret := range resourceSecrets {
					if strings.Contains(f.Message, secret) {
						t.Errorf("%s shows a secret: %s", f.Rule, f.Message)
					}
				}
				if f.Rule == row.rule {
					hits = append(hits, f)
				}
			}
			if fired := len(hits) > 0; fired != row.fires {
				t.Fatalf("%s fired = %v, want %v: %v", row.rule, fired, row.fires, hits)
			}
			if !row.fires || row.at == 0 {
				return
			}
			got := hits[0].Pos.Column
			if row.svc != "" {
				got = hits[0].Pos.Line
			}
			if got != row.at {
				t.Errorf("finding at %+v, want %d", hits[0].Pos, row.at)
			}
		})
	}
}

func readEnvFile(name string) ([]byte, error) {
	if data, ok := resourceEnvFiles[name]; ok {
		return []byte(data), nil
	}
	return nil, os.ErrNotExist
}

// lint runs the row through its front end.
func (row resourceRow) lint(t *testing.T, r *Runner) Result {
	t.Helper()
	ctx := t.Context()
	var (
		res Result
		err error
	)
	switch {
	case row.svc != "":
		res, err = r.Compose(ctx, compose.File{Name: "compose.yaml", Data: row.composeFile()})
	case row.inspect != "":
		res, err = r.File(ctx, "inspect.json", []byte(`[{"Id":"0123","Name":"/svc",`+row.inspect+`}]`), scan.KindInspect)
	case row.create != "":
		var req container.CreateRequest
		if err := json.Unmarshal([]byte(row.create), &req); err != nil {
			t.Fatal(err)
		}
		spec := runspec.New(runspec.KindAuthz, runspec.Pos{File: "request:/containers/create"})
		spec.Create = req
		err = r.evaluate(ctx, spec, &res)
	default:
		res, err = r.Shell(ctx, "run.sh", []byte(row.run))
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	if res.Specs != 1 {
		t.Fatalf("%d specs, want 1", res.Specs)
	}
	return res
}
