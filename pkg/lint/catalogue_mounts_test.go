package lint

import (
	"context"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/rungate/rungate/pkg/compose"
	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/pkg/scan"
	"github.com/rungate/rungate/policy"
	"github.com/rungate/rungate/rules"
)

// catalogueRow is one input through a real front end and whether rule
// fires on it. An input starting with "docker " is a shell line; one
// holding "services:" is a whole compose file; anything else is the body
// of a compose service named app; one starting with "[" is docker inspect
// output. line, when set, is where the finding
// must point (the line of the flag or of the compose item).
type catalogueRow struct {
	name  string
	input string
	rule  string
	fires bool
	line  int
}

// catalogueRunner lints with every built-in rule, so that a row also shows
// that a neighbouring rule does not take over (the host's / is
// host-root-mount's, not sensitive-path-mount's).
func catalogueRunner(t *testing.T) *Runner {
	t.Helper()
	eng, err := engine.New(context.Background(), engine.Options{Policies: []fs.FS{rules.FS}, Data: []fs.FS{policy.FS}})
	if err != nil {
		t.Fatal(err)
	}
	return &Runner{Engine: eng, Daemon: runspec.DefaultDaemon(), WorkDir: "/work"}
}

func runCatalogue(t *testing.T, rows []catalogueRow) {
	t.Helper()
	r := catalogueRunner(t)
	for _, tc := range rows {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			var res Result
			var err error
			switch {
			case strings.HasPrefix(tc.input, "["):
				res, err = r.File(t.Context(), "inspect.json", []byte(tc.input), scan.KindInspect)
			case strings.HasPrefix(tc.input, "docker "):
				res, err = r.Shell(t.Context(), "run.sh", []byte(tc.input+"\n"))
			case strings.Contains(tc.input, "services:"):
				res, err = r.Compose(t.Context(), compose.File{Name: "/work/compose.yaml", Data: []byte(tc.input)})
			default:
				body := "    " + strings.ReplaceAll(strings.TrimSpace(tc.input), "\n", "\n    ")
				res, err = r.Compose(t.Context(), compose.File{Name: "/work/compose.yaml", Data: []byte("services:\n  app:\n    image: alpine:3.20\n" + body + "\n")})
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) > 0 || res.Specs == 0 {
				t.Fatalf("errors %v, %d specs", res.Errors, res.Specs)
			}
			var hits []engine.Finding
			for _, f := range res.Findings {
				if f.Rule == tc.rule {
					hits = append(hits, f)
				}
			}
			switch {
			case tc.fires && len(hits) == 0:
				t.Errorf("%s does not fire; findings: %v", tc.rule, ruleIDs(res.Findings))
			case !tc.fires && len(hits) > 0:
				t.Errorf("%s fires: %s", tc.rule, hits[0].Message)
			case tc.fires && tc.line > 0 && hits[0].Pos.Line != tc.line:
				t.Errorf("%s at line %d, want %d: %s", tc.rule, hits[0].Pos.Line, tc.line, hits[0].Message)
			}
		})
	}
}

// inspectJSON is docker inspect output of one container whose HostConfig
// holds fields.
func inspectJSON(fields string) string {
	return `[{"Id": "0123456789ab", "Name": "/app", "Config": {"Image": "alpine:3.20"}, "HostConfig": {` + fields + `}}]`
}

func ruleIDs(fs []engine.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Rule
	}
	return out
}

func TestCatalogueMounts(t *testing.T) {
	runCatalogue(t, []catalogueRow{
		// sensitive-path-mount
		{"etc", "docker run -d -v /etc:/host/etc alpine", "sensitive-path-mount", true, 1},
		{"below etc, read-only, trailing slash", "docker run -v /etc/nginx/:/etc/nginx:ro nginx", "sensitive-path-mount", true, 0},
		{"double slash", "docker run -v //var/lib/docker:/d alpine", "sensitive-path-mount", true, 0},
		{"ancestor with --mount", "docker run --mount type=bind,source=/var/lib,target=/data alpine", "sensitive-path-mount", true, 0},
		{"proc for an exporter", "docker run -v /proc:/host/proc:ro prom/node-exporter", "sensitive-path-mount", true, 0},
		{"a home", "docker run -v /home/alice:/h alpine", "sensitive-path-mount", true, 0},
		{"all homes", "docker run -v /home:/h:ro alpine", "sensitive-path-mount", true, 0},
		{"ssh keys through an unknown variable", `docker run -v "$HOME/.ssh:/root/.ssh:ro" alpine`, "sensitive-path-mount", true, 0},
		{"local volume bound to /etc", "docker run --mount type=volume,src=cfg,dst=/cfg,volume-driver=local,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/etc alpine", "sensitive-path-mount", true, 0},
		{"compose short", "volumes:\n  - /var/log:/host/log:ro", "sensitive-path-mount", true, 5},
		{"compose long", "volumes:\n  - type: bind\n    source: /sys\n    target: /sys", "sensitive-path-mount", true, 5},
		{"compose volume declared bound to a host path", "services:\n  app:\n    image: alpine\n    volumes:\n      - cfg:/cfg:ro\nvolumes:\n  cfg:\n    driver_opts: {type: none, o: bind, device: /etc}\n", "sensitive-path-mount", true, 5},
		{"an application's own log directory", "docker run -v /var/log/web:/var/log/web nginx:1.27", "sensitive-path-mount", false, 0},
		{"all the host's logs", "docker run -v /var/log:/logs:ro alpine", "sensitive-path-mount", true, 0},
		{"localtime", "docker run -v /etc/localtime:/etc/localtime:ro -v /etc/timezone:/etc/timezone alpine", "sensitive-path-mount", false, 0},
		{"passwd read-only", "docker run -v /etc/passwd:/etc/passwd:ro -v /dev/null:/dev/null alpine", "sensitive-path-mount", false, 0},
		{"container-side path", "docker run -v /srv/www:/etc/nginx -v /srv/keys:/root/.ssh alpine", "sensitive-path-mount", false, 0},
		{"named volume called etc", "docker run -v etc:/etc alpine", "sensitive-path-mount", false, 0},
		{"anonymous volume", "volumes:\n  - /usr/src/app/node_modules", "sensitive-path-mount", false, 0},
		{"project in a home", "docker run -v /home/alice/src/app:/app alpine", "sensitive-path-mount", false, 0},
		{"host root is host-root-mount's", "docker run -v /:/host alpine", "sensitive-path-mount", false, 0},
		{"runtime socket is runtime-socket-mount's", "docker run -v /var/run/docker.sock:/var/run/docker.sock -v /run:/run alpine", "sensitive-path-mount", false, 0},
		{"decoys in command, env and labels", "docker run -e DIR=/etc -l mount=/etc:/etc alpine cat /etc/passwd", "sensitive-path-mount", false, 0},

		// mount-propagation-shared
		{"-v rshared", "docker run -v /mnt:/mnt:rshared alpine", "mount-propagation-shared", true, 1},
		{"--mount shared", "docker run --mount type=bind,src=/mnt,dst=/mnt,bind-propagation=shared alpine", "mount-propagation-shared", true, 0},
		{"compose short rshared", "volumes:\n  - /mnt:/mnt:rshared", "mount-propagation-shared", true, 5},
		{"compose long shared", "volumes:\n  - type: bind\n    source: /mnt\n    target: /mnt\n    bind:\n      propagation: shared", "mount-propagation-shared", true, 5},
		{"rslave", "docker run -v /mnt:/mnt:rslave alpine", "mount-propagation-shared", false, 0},
		{"default", "docker run -v /mnt:/mnt --label p=rshared alpine", "mount-propagation-shared", false, 0},
		{"compose long rslave", "volumes:\n  - type: bind\n    source: /mnt\n    target: /mnt\n    bind:\n      propagation: rslave", "mount-propagation-shared", false, 0},

		// tmpfs-exec
		{"--tmpfs exec", "docker run --read-only --tmpfs /tmp:rw,exec,size=64m alpine", "tmpfs-exec", true, 1},
		{"exec after noexec", "docker run --tmpfs /tmp:noexec,exec alpine", "tmpfs-exec", true, 0},
		{"compose list", "tmpfs:\n  - /run:exec", "tmpfs-exec", true, 5},
		{"compose string", "tmpfs: /run:exec,size=1m", "tmpfs-exec", true, 0},
		{"--tmpfs default is noexec", "docker run --tmpfs /tmp alpine", "tmpfs-exec", false, 0},
		{"noexec after exec", "docker run --tmpfs /tmp:exec,noexec alpine", "tmpfs-exec", false, 0},
		{"--mount tmpfs default is noexec", "docker run --mount type=tmpfs,dst=/tmp,tmpfs-size=64m alpine", "tmpfs-exec", false, 0},
		{"compose long tmpfs", "volumes:\n  - type: tmpfs\n    target: /tmp\n    tmpfs:\n      size: 1000000", "tmpfs-exec", false, 0},
		{"read-only tmpfs", "docker run --tmpfs /t:ro,exec alpine", "tmpfs-exec", false, 0},

		// volumes-from
		{"--volumes-from", "docker run --volumes-from db alpine", "volumes-from", true, 1},
		{"--volumes-from read-only", "docker run --volumes-from db:ro alpine", "volumes-from", true, 0},
		{"compose service", "services:\n  app:\n    image: alpine\n    volumes_from: [db]\n  db:\n    image: postgres\n", "volumes-from", true, 4},
		{"compose container", "volumes_from:\n  - container:backup", "volumes-from", true, 5},
		{"a named volume called db", "docker run -v db:/data alpine", "volumes-from", false, 0},

		// device-exposed
		{"disk", "docker run --device /dev/sda alpine", "device-exposed", true, 1},
		{"memory, renamed", "docker run --device=/dev/mem:/dev/m:r alpine", "device-exposed", true, 0},
		{"kvm", "docker run --device /dev/kvm alpine", "device-exposed", true, 0},
		{"compose short", "devices:\n  - /dev/nvme0n1:/dev/nvme0n1", "device-exposed", true, 5},
		{"compose long", "devices:\n  - source: /dev/ttyUSB0\n    target: /dev/ttyUSB0\n    permissions: rw", "device-exposed", true, 5},
		{"null", "docker run --device /dev/null alpine", "device-exposed", false, 0},
		{"mknod only", "docker run --device /dev/sda:/dev/xvdc:m alpine", "device-exposed", false, 0},
		{"CDI device", "docker run --device nvidia.com/gpu=all alpine", "device-exposed", false, 0},
		{"gpus", "docker run --gpus all alpine", "device-exposed", false, 0},
		{"decoy", "docker run -e DEV=/dev/sda alpine ls /dev/sda", "device-exposed", false, 0},

		// device-cgroup-rule-broad
		{"all devices", "docker run --device-cgroup-rule 'a *:* rwm' alpine", "device-cgroup-rule-broad", true, 1},
		{"every character device", `docker run --device-cgroup-rule="c *:* rwm" alpine`, "device-cgroup-rule-broad", true, 0},
		{"block devices", "docker run --device-cgroup-rule 'b 8:* rw' alpine", "device-cgroup-rule-broad", true, 0},
		{"dev mem", "docker run --device-cgroup-rule 'c 1:1 r' alpine", "device-cgroup-rule-broad", true, 0},
		{"compose", "device_cgroup_rules:\n  - 'c 1:5 rwm'\n  - 'b 7:* rwm'", "device-cgroup-rule-broad", true, 6},
		{"mknod only", "docker run --device-cgroup-rule 'c *:* m' --device-cgroup-rule 'b *:* m' alpine", "device-cgroup-rule-broad", false, 0},
		{"one character major", "docker run --device-cgroup-rule 'c 189:* rwm' alpine", "device-cgroup-rule-broad", false, 0},
		{"compose tun", "device_cgroup_rules:\n  - 'c 10:200 rwm'", "device-cgroup-rule-broad", false, 0},

		// unsafe-sysctl
		{"ip_forward", "docker run --sysctl net.ipv4.ip_forward=1 alpine", "unsafe-sysctl", true, 1},
		{"ipc", "docker run --sysctl kernel.shmmax=68719476736 alpine", "unsafe-sysctl", true, 0},
		{"compose map", "sysctls:\n  net.ipv4.conf.all.route_localnet: 1", "unsafe-sysctl", true, 5},
		{"compose list", "sysctls:\n  - net.core.somaxconn=1024", "unsafe-sysctl", true, 5},
		{"safe one on the host's network", "docker run --network host --sysctl net.ipv4.ip_unprivileged_port_start=80 alpine", "unsafe-sysctl", true, 0},
		{"compose safe one on the host's network", "network_mode: host\nsysctls:\n  net.ipv4.tcp_keepalive_time: 600", "unsafe-sysctl", true, 0},
		{"safe", "docker run --sysctl net.ipv4.ip_unprivileged_port_start=80 --sysctl net.ipv4.ping_group_range='0 2147483647' alpine", "unsafe-sysctl", false, 0},
		{"compose safe", "sysctls:\n  net.ipv4.tcp_keepalive_time: 600\n  kernel.shm_rmid_forced: 1", "unsafe-sysctl", false, 0},
		{"decoy", "docker run -e SYSCTL=net.ipv4.ip_forward=1 alpine sysctl net.ipv4.ip_forward", "unsafe-sysctl", false, 0},

		// docker inspect output: the same fields, read the same way.
		{"inspect bind", inspectJSON(`"Binds": ["/var/lib/docker:/d:ro"]`), "sensitive-path-mount", true, 0},
		{"inspect propagation", inspectJSON(`"Binds": ["/mnt:/mnt:rshared"]`), "mount-propagation-shared", true, 0},
		{"inspect tmpfs", inspectJSON(`"Tmpfs": {"/t": "rw,exec"}`), "tmpfs-exec", true, 0},
		{"inspect volumes-from", inspectJSON(`"VolumesFrom": ["db"]`), "volumes-from", true, 0},
		{"inspect device", inspectJSON(`"Devices": [{"PathOnHost": "/dev/mem", "PathInContainer": "/dev/mem", "CgroupPermissions": "r"}]`), "device-exposed", true, 0},
		{"inspect cgroup rule", inspectJSON(`"DeviceCgroupRules": ["a *:* rwm"]`), "device-cgroup-rule-broad", true, 0},
		{"inspect sysctl", inspectJSON(`"Sysctls": {"kernel.msgmax": "65536"}`), "unsafe-sysctl", true, 0},
		{"inspect quiet", inspectJSON(`"Binds": ["/srv/app:/app:ro"], "Tmpfs": {"/t": ""}, "Sysctls": {"net.ipv4.tcp_syncookies": "1"}`), "sensitive-path-mount", false, 0},
	})
}

// TestCatalogueMountsExamples runs each rule's own bad and good examples,
// as `rungate rules ID` shows them, through the shell front end.
func TestCatalogueMountsExamples(t *testing.T) {
	ids := []string{"sensitive-path-mount", "mount-propagation-shared", "tmpfs-exec", "volumes-from",
		"device-exposed", "device-cgroup-rule-broad", "unsafe-sysctl"}
	var rows []catalogueRow
	for _, r := range catalogueRunner(t).Engine.Rules() {
		if !slices.Contains(ids, r.ID) {
			continue
		}
		rows = append(rows,
			catalogueRow{name: "bad example", input: r.Examples.Bad, rule: r.ID, fires: true},
			catalogueRow{name: "good example", input: r.Examples.Good, rule: r.ID})
	}
	if len(rows) != 2*len(ids) {
		t.Fatalf("%d example rows for %d rules", len(rows), len(ids))
	}
	runCatalogue(t, rows)
}
