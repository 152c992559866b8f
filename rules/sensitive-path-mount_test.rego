package rungate.rules.sensitive_path_mount_test

import data.rungate.rules.sensitive_path_mount

pos := {"file": "run.sh", "line": 3, "column": 7}

dirs(p) := ["/"] if p == "/"

else := array.concat([concat("/", array.slice(parts, 0, i)) | some i in numbers.range(count(parts), 2)], ["/"]) if {
	parts := split(p, "/")
}

bind(path, target, ro) := {
	"type": "bind", "source": path, "raw_source": path, "host_path": path, "source_dirs": dirs(path),
	"target": target, "read_only": ro, "pos": pos,
}

spec(mounts) := {"kind": "docker-run", "source": {"name": "web"}, "derived": {"mounts": mounts}}

msgs(mounts) := {r.msg | some r in sensitive_path_mount.deny with input as spec(mounts)}

test_dirs_helper if {
	dirs("/var/lib/docker") == ["/var/lib/docker", "/var/lib", "/var", "/"]
	dirs("/etc") == ["/etc", "/"]
}

test_listed_path_writable if {
	r := sensitive_path_mount.deny with input as spec([bind("/etc", "/host/etc", false)])
	r == {{
		"msg": `container "web" mounts host path /etc at /host/etc writable: host configuration, password hashes in /etc/shadow included`,
		"pos": pos,
	}}
}

test_descendant_read_only if {
	msgs([bind("/etc/nginx", "/etc/nginx", true)]) == {`container "web" mounts host path /etc/nginx at /etc/nginx read-only: it lies under /etc, host configuration, password hashes in /etc/shadow included`}
}

test_deepest_listed_entry_decides if {
	msgs([bind("/var/lib/docker/volumes", "/v", true)]) == {`container "web" mounts host path /var/lib/docker/volumes at /v read-only: it lies under /var/lib/docker, docker's state: every container's files, volumes and images`}
}

test_every_listed_path if {
	every p in ["/etc", "/proc", "/sys", "/boot", "/dev", "/root", "/usr", "/lib", "/var/lib/docker", "/var/lib/containerd", "/var/log", "/root/.ssh", "/sys/fs/cgroup", "/proc/1/root", "/dev/shm"] {
		count(msgs([bind(p, "/x", true)])) == 1
	}
}

test_exact_path_only if {
	msgs([bind("/var/log", "/logs", true)]) == {`container "web" mounts host path /var/log at /logs read-only: it holds the host's logs, the authentication log included`}
	count(msgs([bind("/var/log/web", "/var/log/web", false)])) == 0
}

test_ancestor if {
	msgs([bind("/var/lib", "/data", false)]) == {`container "web" mounts host path /var/lib at /data writable: it holds /var/lib/docker, /var/lib/containerd and /var/lib/kubelet`}
	msgs([bind("/var", "/data", true)]) == {`container "web" mounts host path /var at /data read-only: it holds /var/lib/docker, /var/lib/containerd, /var/lib/kubelet, /var/log and /var/home`}
}

test_homes if {
	msgs([bind("/home", "/h", true)]) == {`container "web" mounts host path /home at /h read-only: it holds users' home directories`}
	msgs([bind("/home/alice", "/h", false)]) == {`container "web" mounts host path /home/alice at /h writable: a user's home directory, with its keys and the shell start-up files that run at login`}
	count(msgs([bind("/Users/bob", "/h", true)])) == 1
}

test_project_inside_home_is_not_flagged if {
	count(msgs([bind("/home/alice/src/app", "/app", false), bind("/Users/bob/work", "/w", false)])) == 0
}

test_credential_directories_anywhere if {
	msgs([bind("/home/alice/.ssh", "/root/.ssh", true)]) == {`container "web" mounts host path /home/alice/.ssh at /root/.ssh read-only: a .ssh directory, SSH keys`}
	msgs([bind("/srv/backup/.ssh/id_ed25519", "/k", true)]) == {`container "web" mounts host path /srv/backup/.ssh/id_ed25519 at /k read-only: a .ssh directory, SSH keys`}
	count(msgs([bind("/home/alice/.aws", "/a", true), bind("/opt/ci/.kube/config", "/k", true)])) == 2
}

test_unresolved_home_ssh if {
	m := object.union(bind("${HOME}/.ssh", "/root/.ssh", true), {"source_dirs": [], "unresolved": true})
	msgs([m]) == {`container "web" mounts host path ${HOME}/.ssh at /root/.ssh read-only: a .ssh directory, SSH keys`}
}

test_bound_volume if {
	m := object.union(bind("/etc", "/cfg", true), {"type": "volume", "source": "cfg"})
	msgs([m]) == {`container "web" mounts host path /etc (through volume cfg) at /cfg read-only: host configuration, password hashes in /etc/shadow included`}
}

test_exempt_files if {
	count(msgs([
		bind("/etc/localtime", "/etc/localtime", false),
		bind("/etc/timezone", "/etc/timezone", true),
		bind("/dev/null", "/dev/null", false),
		bind("/etc/hosts", "/etc/hosts", true),
		bind("/etc/passwd", "/etc/passwd", true),
		bind("/etc/ssl/certs", "/etc/ssl/certs", true),
	])) == 0
}

test_exempt_read_only_only_when_read_only if {
	msgs([bind("/etc/passwd", "/etc/passwd", false)]) == {`container "web" mounts host path /etc/passwd at /etc/passwd writable: it lies under /etc, host configuration, password hashes in /etc/shadow included`}
	count(msgs([bind("/etc/shadow", "/etc/shadow", true)])) == 1
}

test_left_to_other_rules if {
	# / is host-root-mount's; /run and /var/run runtime-socket-mount's.
	count(msgs([bind("/", "/host", true), bind("/run", "/run", false), bind("/var/run", "/var/run", false), bind("/run/docker.sock", "/s", false)])) == 0
}

test_not_container_paths_nor_volumes if {
	count(msgs([
		bind("/srv/www", "/etc", false),
		bind("/opt/app", "/root/.ssh", false),
		bind("/etc2", "/x", false),
		{"type": "volume", "source": "etc", "host_path": "", "source_dirs": [], "target": "/etc", "read_only": false, "pos": pos},
		{"type": "volume", "source": "", "host_path": "", "source_dirs": [], "target": "/usr/src/app/node_modules", "read_only": false, "pos": pos},
		{"type": "tmpfs", "source": "", "host_path": "", "source_dirs": [], "target": "/etc", "read_only": false, "pos": pos},
	])) == 0
}

test_one_finding_per_mount if {
	count(sensitive_path_mount.deny) == 2 with input as spec([bind("/etc", "/a", true), bind("/etc", "/b", false)])
}
