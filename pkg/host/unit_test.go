package host

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rungate/rungate/pkg/runspec"
)

const vendorUnit = `[Unit]
Description=Docker Application Container Engine

[Service]
Type=notify
# the default command
ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock
ExecReload=/bin/kill -s HUP $MAINPID
`

func TestLoadUnit(t *testing.T) {
	tests := []struct {
		name  string
		root  fstest.MapFS
		words []string
		at    []string // file:line:column of each word
		found bool
	}{
		{"none", fstest.MapFS{}, nil, nil, false},
		{
			"vendor unit",
			fstest.MapFS{"lib/systemd/system/docker.service": {Data: []byte(vendorUnit)}},
			[]string{"/usr/bin/dockerd", "-H", "fd://", "--containerd=/run/containerd/containerd.sock"},
			[]string{"/lib/systemd/system/docker.service:7:11", "/lib/systemd/system/docker.service:7:28", "/lib/systemd/system/docker.service:7:31", "/lib/systemd/system/docker.service:7:37"},
			true,
		},
		{
			"drop-in resets and continues lines",
			fstest.MapFS{
				"lib/systemd/system/docker.service":               {Data: []byte(vendorUnit)},
				"etc/systemd/system/docker.service.d/10-tcp.conf": {Data: []byte("[Service]\nExecStart=\nExecStart=-/usr/bin/dockerd -H fd:// \\\n    -H \"tcp://0.0.0.0:2375\" --icc=false\n")},
				"etc/systemd/system/docker.service.d/00-env.conf": {Data: []byte("[Service]\nEnvironment=X=1\n")},
			},
			[]string{"/usr/bin/dockerd", "-H", "fd://", "-H", "tcp://0.0.0.0:2375", "--icc=false"},
			[]string{"3:12", "3:29", "3:32", "4:5", "4:9", "4:29"},
			true,
		},
		{
			"ExecStart outside [Service] is not the command",
			fstest.MapFS{"etc/systemd/system/docker.service": {Data: []byte("[Unit]\nExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2375\n")}},
			nil, nil, true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			words, pos, found, err := LoadUnit(tc.root, DefaultUnits)
			if err != nil {
				t.Fatal(err)
			}
			if found != tc.found || !reflect.DeepEqual(words, tc.words) {
				t.Fatalf("found=%v words=%q", found, words)
			}
			for i, want := range tc.at {
				got := pos[i].File + ":" + strconv.Itoa(pos[i].Line) + ":" + strconv.Itoa(pos[i].Column)
				if !strings.HasSuffix(got, want) {
					t.Errorf("word %q at %s, want %s", words[i], got, want)
				}
			}
		})
	}
}

func TestSplitWords(t *testing.T) {
	got, err := splitWords(`/usr/bin/dockerd --log-opt "max-size=10 m" -H 'tcp://x:1' a\ b`)
	want := []string{"/usr/bin/dockerd", "--log-opt", "max-size=10 m", "-H", "tcp://x:1", "a b"}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("words = %q, %v", got, err)
	}
	if _, err := splitWords(`dockerd "-H`); err == nil {
		t.Error("an open quote is not an error")
	}
}

func TestApplyFlags(t *testing.T) {
	at := runspec.Pos{File: "/etc/systemd/system/docker.service", Line: 9, Column: 11}
	flags := func(words ...string) ([]string, []runspec.Pos) {
		pos := make([]runspec.Pos, len(words))
		for i := range pos {
			pos[i] = at
		}
		return words, pos
	}
	d := runspec.DefaultDaemon()
	w, p := flags("/usr/bin/dockerd", "-H", "fd://", "-Htcp://0.0.0.0:2376", "--host=unix:///srv/d.sock", "--tlsverify", "--icc=false",
		"--live-restore", "--no-new-privileges=true", "--userns-remap", "default", "--authorization-plugin=rungate",
		"--log-driver", "json-file", "--log-opt", "max-size=10m", "-G", "dockerops", "--containerd", "/run/containerd.sock", "--tls=false", "--default-cgroupns-mode", "host")
	if err := ApplyFlags(&d, w, p); err != nil {
		t.Fatal(err)
	}
	if len(d.Hosts) != 3 || d.Hosts[1].Port != 2376 || d.Hosts[2].Address != "/srv/d.sock" || !d.TLSVerify || d.TLS || d.ICC || !d.LiveRestore ||
		!d.NoNewPrivileges || d.UsernsRemap != "default" || !reflect.DeepEqual(d.AuthorizationPlugins, []string{"rungate"}) ||
		d.LogOpts["max-size"] != "10m" || d.Group != "dockerops" || d.Positions["icc"] != at || d.Known ||
		d.DefaultCgroupnsMode != "host" || d.Positions["default-cgroupns-mode"] != at {
		t.Errorf("daemon = %+v", d)
	}

	// Not dockerd: nothing applies.
	d = runspec.DefaultDaemon()
	w, p = flags("/usr/bin/containerd", "--icc=false")
	if err := ApplyFlags(&d, w, p); err != nil || !d.ICC {
		t.Errorf("containerd's flags applied: %+v %v", d, err)
	}

	for _, tc := range []struct {
		name  string
		words []string
		err   string
	}{
		{"conflict with daemon.json", []string{"dockerd", "-H", "fd://"}, `dockerd flag -H and "hosts" in /etc/docker/daemon.json:2 both set hosts: dockerd does not start`},
		{"no value", []string{"dockerd", "--userns-remap"}, "dockerd flag --userns-remap needs a value"},
		{"not a boolean", []string{"dockerd", "--icc=maybe"}, `dockerd flag --icc=maybe: "maybe" is not a boolean`},
		{"bad host", []string{"dockerd", "-H", "ssh://x"}, `unknown scheme "ssh"`},
		{"cgroupns conflict with daemon.json", []string{"dockerd", "--default-cgroupns-mode=private"},
			`dockerd flag --default-cgroupns-mode=private and "default-cgroupns-mode" in /etc/docker/daemon.json:3 both set default-cgroupns-mode: dockerd does not start`},
		{"bad cgroupns mode", []string{"dockerd", "--default-cgroupns-mode=Host"},
			`dockerd flag --default-cgroupns-mode=Host: "Host" is not a cgroup namespace mode (want "host" or "private")`},
		{"bad cgroupns mode apart", []string{"dockerd", "--default-cgroupns-mode", "shared"}, `"shared" is not a cgroup namespace mode`},
		{"cgroupns mode no value", []string{"dockerd", "--default-cgroupns-mode"}, "dockerd flag --default-cgroupns-mode needs a value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := ParseDaemonConfig("/etc/docker/daemon.json", []byte("{\n  \"hosts\": [\"unix:///var/run/docker.sock\"],\n  \"default-cgroupns-mode\": \"host\"\n}"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(tc.name, "conflict with daemon.json") {
				d = runspec.DefaultDaemon()
			}
			w, p := flags(tc.words...)
			err = ApplyFlags(&d, w, p)
			var fe *FileError
			if !errors.As(err, &fe) || fe.Pos != at || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("err = %v, want a FileError at the flag with %q", err, tc.err)
			}
		})
	}
}

func TestLoadWithUnit(t *testing.T) {
	root := fstest.MapFS{
		"etc/group":                         {Data: []byte(groupFile)},
		"etc/passwd":                        {Data: []byte(passwdFile)},
		"lib/systemd/system/docker.service": {Data: []byte(strings.Replace(vendorUnit, "-H fd://", "-H fd:// -H tcp://0.0.0.0:2375 --icc=false", 1))},
	}
	h, err := Load(root, DefaultPaths())
	if err != nil {
		t.Fatal(err)
	}
	if h.Daemon.Known || h.Daemon.ICC || len(h.Daemon.Hosts) != 2 || h.Daemon.Hosts[1].Pos.Line != 7 || h.Daemon.Hosts[1].Pos.File != "/lib/systemd/system/docker.service" {
		t.Errorf("daemon = %+v", h.Daemon)
	}
}
