package rungate.rules.writable_content_mount_test

import data.rungate.rules.writable_content_mount

at := {"file": "run.sh", "line": 1, "column": 30}

bind(source, target) := {
	"type": "bind", "source": source, "raw_source": source, "target": target,
	"read_only": false, "unresolved": false, "pos": at,
}

spec(mounts) := {"kind": "docker-run", "derived": {"mounts": mounts}}

flagged(m) := r if {
	r := writable_content_mount.deny with input as spec([m])
}

# The seed example: the web root is flagged, the log directory is not.
test_seed_web_root if {
	r := writable_content_mount.deny with input as spec([
		bind("/repo/web_base", "/var/www/html"),
		bind("/tmp/weblogs", "/var/log/httpd"),
	])
	r == {{
		"msg": "host directory /repo/web_base is bind-mounted writable at /var/www/html, which holds content, code or configuration (/var/www); mount it read-only",
		"pos": at,
	}}
}

test_read_only_is_fine if {
	count(flagged(object.union(bind("/repo/web_base", "/var/www/html"), {"read_only": true}))) == 0
}

test_content_targets if {
	every target in ["/usr/share/nginx/html", "/srv/site", "/app", "/src", "/code/x", "/etc/nginx/nginx.conf", "/config", "/opt/app", "/etc"] {
		count(flagged(bind("/h/x", target))) == 1
	}
}

test_writable_targets if {
	every target in ["/var/log/httpd", "/tmp", "/var/cache/nginx", "/run/app", "/var/run/docker.sock", "/data", "/var/lib/mysql"] {
		count(flagged(bind("/h/x", target))) == 0
	}
}

test_writable_names_under_content if {
	every target in ["/app/logs", "/srv/data", "/var/www/html/uploads", "/opt/app/cache/x"] {
		count(flagged(bind("/h/x", target))) == 0
	}
}

test_most_specific_entry_wins if {
	# /var/lib is writable, but nothing more specific says content.
	count(flagged(bind("/h/x", "/var/lib/app"))) == 0 with data.rungate.policy.mounts.content_targets as ["/var"]
	# A content entry below a writable one wins.
	count(flagged(bind("/h/x", "/data/site"))) == 1 with data.rungate.policy.mounts.content_targets as ["/data/site"]
}

test_ignored_targets if {
	count(flagged(bind("/etc/localtime", "/etc/localtime"))) == 0
	count(flagged(bind("/etc/timezone", "/etc/timezone"))) == 0
}

test_source_name if {
	some r in flagged(bind("/repo/src/web_base", "/web"))
	r.msg == `host directory /repo/src/web_base is bind-mounted writable at /web, and its host directory "web_base" marks content, code or configuration; mount it read-only`
}

test_source_name_not_for_writable_targets if {
	count(flagged(bind("/repo/web_base", "/var/log/web"))) == 0
	count(flagged(bind("/repo/src", "/backup/logs"))) == 0
}

test_unknown_mounts_not_flagged if {
	count(flagged(bind("/home/me/things", "/things"))) == 0
}

test_unresolved_source_judged_by_target if {
	m := object.union(bind("${WEB}", "/var/www/html"), {"unresolved": true})
	some r in flagged(m)
	r.msg == "host path ${WEB} (unresolved) is bind-mounted writable at /var/www/html, which holds content, code or configuration (/var/www); mount it read-only"
}

test_volumes_and_tmpfs_not_flagged if {
	count(writable_content_mount.deny) == 0 with input as spec([
		{"type": "volume", "source": "site", "raw_source": "site", "target": "/var/www/html", "read_only": false},
		{"type": "volume", "source": "", "raw_source": "", "target": "/app", "read_only": false},
		{"type": "tmpfs", "source": "", "raw_source": "", "target": "/etc/app", "read_only": false},
	])
}
