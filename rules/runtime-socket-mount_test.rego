package rungate.rules.runtime_socket_mount_test

import data.rungate.rules.runtime_socket_mount

canon(p) := concat("", ["/run", substring(p, 8, -1)]) if startswith(concat("", [p, "/"]), "/var/run/")

else := p

bind(raw, source, target) := {
	"type": "bind", "raw_source": raw, "source": source, "canonical_source": canon(source),
	"target": target, "read_only": false, "pos": {"file": "run.sh", "line": 2, "column": 11},
}

spec(mounts) := {"kind": "docker-run", "derived": {"mounts": mounts}}

test_docker_socket if {
	runtime_socket_mount.deny == {{
		"msg": "host path /var/run/docker.sock is bind-mounted at /var/run/docker.sock and exposes the container runtime socket /run/docker.sock (docker), which gives root on the host",
		"pos": {"file": "run.sh", "line": 2, "column": 11},
	}} with input as spec([bind("/var/run/docker.sock", "/var/run/docker.sock", "/var/run/docker.sock")])
}

test_every_socket if {
	every p in ["/run/docker.sock", "/run/containerd/containerd.sock", "/run/podman/podman.sock", "/run//docker.sock/"] {
		count(runtime_socket_mount.deny) == 1 with input as spec([bind(p, trim_right(replace(p, "//", "/"), "/"), "/s")])
	}
}

test_read_only_still_counts if {
	m := object.union(bind("/run/docker.sock", "/run/docker.sock", "/s"), {"read_only": true})
	count(runtime_socket_mount.deny) == 1 with input as spec([m])
}

test_ancestors if {
	some r in runtime_socket_mount.deny with input as spec([bind("/run/", "/run", "/host-run")])
	r.msg == "host path /run/ is bind-mounted at /host-run and exposes the container runtime sockets /run/containerd/containerd.sock, /run/docker.sock, /run/podman/podman.sock (containerd, docker, podman), which gives root on the host"
	count(runtime_socket_mount.deny) == 1 with input as spec([bind("/var/run", "/var/run", "/r")])
	count(runtime_socket_mount.deny) == 1 with input as spec([bind("/run/containerd", "/run/containerd", "/c")])
	count(runtime_socket_mount.deny) == 2 with input as spec([bind("/var", "/var", "/v"), bind("/run/podman", "/run/podman", "/p")])
}

# The host's / is host-root-mount's finding.
test_not_host_root if {
	count(runtime_socket_mount.deny) == 0 with input as spec([bind("/", "/", "/host")])
}

test_not_other_paths if {
	count(runtime_socket_mount.deny) == 0 with input as spec([
		bind("/run/user/1000", "/run/user/1000", "/r"),
		bind("/run/docker.socket", "/run/docker.socket", "/s"),
		bind("/var/lib/docker", "/var/lib/docker", "/d"),
		bind("/srv/run", "/srv/run", "/var/run/docker.sock"),
	])
}

test_not_volumes if {
	count(runtime_socket_mount.deny) == 0 with input as spec([
		{"type": "volume", "source": "docker.sock", "raw_source": "docker.sock", "target": "/var/run/docker.sock"},
		{"type": "volume", "source": "", "raw_source": "", "target": "/var/run/docker.sock"},
		{"type": "tmpfs", "source": "", "raw_source": "", "target": "/run"},
	])
}

# Text in the command, environment or labels is not a mount.
test_decoys if {
	count(runtime_socket_mount.deny) == 0 with input as {
		"kind": "docker-run",
		"create": {"Cmd": ["-v", "/var/run/docker.sock:/x"], "Env": ["DOCKER_HOST=unix:///var/run/docker.sock"], "Labels": {"sock": "/run/docker.sock"}},
		"derived": {"mounts": []},
	}
	count(runtime_socket_mount.deny) == 0 with input as {"kind": "host", "host": {}}
}

# The socket listed only as /run/...: its /var/run spelling is caught
# through the canonical source.
test_var_run_spelling_of_a_run_socket if {
	count(runtime_socket_mount.deny) == 1 with input as spec([bind("/var/run/containerd/containerd.sock", "/var/run/containerd/containerd.sock", "/c.sock")])
}
