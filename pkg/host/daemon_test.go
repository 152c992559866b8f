package host

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/rungate/rungate/pkg/runspec"
)

func TestParseDaemonConfigHostKeys(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		check func(t *testing.T, d runspec.Daemon)
	}{
		{"defaults", `{}`, func(t *testing.T, d runspec.Daemon) {
			if !d.ICC || d.LiveRestore || d.TLS || d.TLSVerify || d.Group != "docker" || len(d.AuthorizationPlugins) != 0 || len(d.Hosts) != 0 || d.UsernsRemap != "" {
				t.Errorf("daemon = %+v", d)
			}
		}},
		{"every key", `{
  "icc": false,
  "live-restore": true,
  "authorization-plugins": ["rungate", " "],
  "tls": true,
  "tlsverify": true,
  "group": "dockerops",
  "userns-remap": "default",
  "storage-driver": "overlay2"
}`, func(t *testing.T, d runspec.Daemon) {
			if d.ICC || !d.LiveRestore || !d.TLS || !d.TLSVerify || d.Group != "dockerops" || d.UsernsRemap != "default" {
				t.Errorf("daemon = %+v", d)
			}
			if !reflect.DeepEqual(d.AuthorizationPlugins, []string{"rungate"}) {
				t.Errorf("plugins = %q", d.AuthorizationPlugins)
			}
			if p := d.Positions["live-restore"]; p.Line != 3 || p.Column != 3 || p.File != "daemon.json" {
				t.Errorf("live-restore at %+v", p)
			}
			if _, ok := d.Positions["storage-driver"]; !ok {
				t.Error("an unknown key has no position")
			}
		}},
		{"a key YAML rejects", "{\"icc\": true, \"\xb6\": 1}", func(t *testing.T, d runspec.Daemon) {
			if p := d.Positions["icc"]; p.Line != 1 || !d.ICC {
				t.Errorf("icc at %+v", p)
			}
		}},
		{"default cgroupns mode", "{\n  \"default-cgroupns-mode\": \"host\"\n}", func(t *testing.T, d runspec.Daemon) {
			if d.DefaultCgroupnsMode != "host" {
				t.Errorf("default cgroupns mode = %q", d.DefaultCgroupnsMode)
			}
			if p := d.Positions["default-cgroupns-mode"]; p != (runspec.Pos{File: "daemon.json", Line: 2, Column: 3}) {
				t.Errorf("default-cgroupns-mode at %+v", p)
			}
		}},
		{"private cgroupns mode", `{"default-cgroupns-mode": "private"}`, func(t *testing.T, d runspec.Daemon) {
			if d.DefaultCgroupnsMode != "private" {
				t.Errorf("default cgroupns mode = %q", d.DefaultCgroupnsMode)
			}
		}},
		// dockerd takes "" and keeps its built-in default, which depends on
		// the host's cgroup version: rungate leaves it unknown.
		{"empty cgroupns mode is dockerd's default", `{"default-cgroupns-mode": ""}`, func(t *testing.T, d runspec.Daemon) {
			if d.DefaultCgroupnsMode != "" {
				t.Errorf("default cgroupns mode = %q", d.DefaultCgroupnsMode)
			}
		}},
		{"no cgroupns mode", `{"icc": true}`, func(t *testing.T, d runspec.Daemon) {
			if _, ok := d.Positions["default-cgroupns-mode"]; ok || d.DefaultCgroupnsMode != "" {
				t.Errorf("default cgroupns mode = %q at %+v", d.DefaultCgroupnsMode, d.Positions)
			}
		}},
		{"empty group keeps docker", `{"group": ""}`, func(t *testing.T, d runspec.Daemon) {
			if d.Group != "docker" {
				t.Errorf("group = %q", d.Group)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := ParseDaemonConfig("daemon.json", []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, d)
		})
	}
}

func TestParseDaemonHosts(t *testing.T) {
	tests := []struct {
		raw      string
		tls      bool
		scheme   string
		address  string
		host     string
		port     int
		loopback bool
	}{
		{"unix:///var/run/docker.sock", false, "unix", "/var/run/docker.sock", "", 0, false},
		{"unix://", false, "unix", "/var/run/docker.sock", "", 0, false},
		{"fd://", false, "fd", "", "", 0, false},
		{"tcp://0.0.0.0:2375", false, "tcp", "0.0.0.0:2375", "0.0.0.0", 2375, false},
		{"TCP://10.1.2.3", false, "tcp", "10.1.2.3:2375", "10.1.2.3", 2375, false},
		{"tcp://10.1.2.3", true, "tcp", "10.1.2.3:2376", "10.1.2.3", 2376, false},
		{"tcp://:2375", false, "tcp", "localhost:2375", "localhost", 2375, true},
		{"tcp://", false, "tcp", "localhost:2375", "localhost", 2375, true},
		{"127.0.0.1:2375", false, "tcp", "127.0.0.1:2375", "127.0.0.1", 2375, true},
		{"tcp://[::1]:2375", false, "tcp", "[::1]:2375", "::1", 2375, true},
		{"tcp://[::]:2376", true, "tcp", "[::]:2376", "::", 2376, false},
		{" tcp://docker.example.com:2376/ ", true, "tcp", "docker.example.com:2376", "docker.example.com", 2376, false},
		{"npipe:////./pipe/docker_engine", false, "npipe", "//./pipe/docker_engine", "", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.raw, func(t *testing.T) {
			h, err := parseDaemonHost(tc.raw, tc.tls)
			if err != nil {
				t.Fatal(err)
			}
			if h.Raw != tc.raw || h.Scheme != tc.scheme || h.Address != tc.address || h.Host != tc.host || h.Port != tc.port || h.Loopback != tc.loopback {
				t.Errorf("host = %+v", h)
			}
		})
	}
}

// columns are where a type error points: the bad value's first byte.
var columns = map[string]int{"icc string": 10, "live-restore number": 19, "group bool": 11, "cgroupns mode case": 28, "cgroupns mode unknown": 28}

func TestParseDaemonConfigErrors(t *testing.T) {
	tests := []struct {
		name, data string
		line       int
		msg        string
	}{
		{"icc string", "{\n  \"icc\": \"fal\\\"se\"\n}", 2, `daemon config: "icc" is a string, want a boolean (true or false)`},
		{"hosts string", "{\n  \"hosts\": \"tcp://0.0.0.0:2375\"\n}", 2, `daemon config: "hosts" is a string, want an array of strings`},
		{"plugin number", "{\"authorization-plugins\": [\n  1\n]}", 2, `"authorization-plugins" is a number, want a string`},
		{"live-restore number", "{\n\n  \"live-restore\": 1\n}", 3, `"live-restore" is a number, want a boolean`},
		{"group bool", `{"group": true}`, 1, `"group" is a boolean, want a string`},
		{"bad scheme", "{\n  \"hosts\": [\"unix:///run/docker.sock\",\n    \"ssh://me@host\"]\n}", 3, `hosts: "ssh://me@host": unknown scheme "ssh"`},
		{"bad port", "{\"hosts\": [\"tcp://0.0.0.0:http\"]}", 1, `invalid port "http"`},
		// dockerd's own check is exact: "Host" is not "host".
		{"cgroupns mode case", "{\n  \"icc\": true,\n  \"default-cgroupns-mode\": \"Host\"\n}", 3, `daemon config: default-cgroupns-mode: "Host": not a cgroup namespace mode (want "host" or "private")`},
		{"cgroupns mode unknown", "{\n  \"default-cgroupns-mode\": \"shared\"\n}", 2, `default-cgroupns-mode: "shared": not a cgroup namespace mode`},
		{"cgroupns mode bool", `{"default-cgroupns-mode": true}`, 1, `"default-cgroupns-mode" is a boolean, want a string`},
		{"cgroupns mode YAML rejects", "{\"\xb6\": 1, \"default-cgroupns-mode\": \"private \"}", 1, `not a cgroup namespace mode`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseDaemonConfig("daemon.json", []byte(tc.data))
			var fe *FileError
			if !errors.As(err, &fe) || fe.Pos.Line != tc.line || fe.Pos.File != "daemon.json" {
				t.Fatalf("err = %v, want a FileError on line %d", err, tc.line)
			}
			if want, ok := columns[tc.name]; ok && fe.Pos.Column != want {
				t.Errorf("column %d, want %d (the value's start)", fe.Pos.Column, want)
			}
			if !strings.Contains(err.Error(), tc.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %q, want one line with %q", err, tc.msg)
			}
		})
	}
}
