package rungate.rules.writable_content_mount_test

import data.rungate.rules.writable_content_mount

at := {"file": "run.sh", "line": 1, "column": 30}

# dirs is what Derive gives: the path and the directories above it.
dirs(p) := array.concat([d | some i, _ in parts; i > 0; n := count(parts) - i; d := concat("/", array.slice(parts, 0, n + 1))], ["/"]) if {
	parts := split(p, "/")
}

bind(source, target) := {
	"type": "bind", "source": source, "raw_source": source, "target": target,
	"target_dirs": dirs(target), "source_dirs": dirs(source),
	"read_only": false, "unresolved": false, "pos": at,
}

spec(mounts) := {"kind": "docker-run", "derived": {"mounts": mounts}}

flagged(m) := r if {
	r := writable_content_mount.deny with input as spec([m])
}

test_dirs_helper if {
	dirs("/var/www/html") == ["/var/www/html", "/var/www", "/var", "/"]
	dirs("/app") == ["/app", "/"]
}

# The seed example: the web root is flagged, the log directory is not.
test_seed_web_root if {
	r := writable_content_mount.deny with input as spec([
		bind("/repo/web_base", "/var/www/html"),
		bind("/tmp/weblogs", "/var/log/httpd"),
	])
	r == {{
		"msg": "host directory /repo/web_base is bind-mounted writable at /var/www/html, which holds web content (/var/www); mount it read-only",
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

test_deepest_entry_wins if {
	# /var/lib is writable, and nothing deeper says content.
	count(flagged(bind("/h/x", "/var/lib/app"))) == 0 with data.rungate.policy.mounts as policy_with({"targets": {"/var": {"kind": "content", "what": "x"}, "/var/lib": {"kind": "writable"}}})
	# A content entry below a writable one wins.
	some r in flagged(bind("/h/x", "/data/site/index.html")) with data.rungate.policy.mounts as policy_with({"targets": {"/data": {"kind": "writable"}, "/data/site": {"kind": "content", "what": "the site"}}})
	r.msg == "host directory /h/x is bind-mounted writable at /data/site/index.html, which holds the site (/data/site); mount it read-only"
}

test_deeper_writable_entry_wins if {
	count(flagged(bind("/h/x", "/var/www/html/media/a"))) == 0 with data.rungate.policy.mounts as policy_with({"targets": {"/var/www": {"kind": "content", "what": "web"}, "/var/www/html/media": {"kind": "writable"}}})
}

# with on a base document merges objects into it, so a test that replaces
# a map replaces the whole policy object, with patch's keys replaced, not
# merged.
policy_with(patch) := object.union(object.remove(data.rungate.policy.mounts, object.keys(patch)), patch)

test_empty_lists if {
	count(flagged(bind("/h/x", "/var/www/html"))) == 0 with data.rungate.policy.mounts as policy_with({"targets": {}})
	count(flagged(bind("/h/web_base", "/var/backup"))) == 1 with data.rungate.policy.mounts as policy_with({"targets": {}})
	count(flagged(bind("/h/web_base", "/var/backup"))) == 0 with data.rungate.policy.mounts as policy_with({"content_source_names": []})
}

test_ignored_targets if {
	count(flagged(bind("/etc/localtime", "/etc/localtime"))) == 0
	count(flagged(bind("/etc/timezone", "/etc/timezone"))) == 0
}

test_source_name if {
	some r in flagged(bind("/repo/src/web_base", "/web"))
	r.msg == `host directory /repo/src/web_base is bind-mounted writable at /web, and its name "web_base" marks content, code or configuration; mount it read-only`
}

test_source_name_not_for_listed_targets if {
	count(flagged(bind("/repo/web_base", "/var/log/web"))) == 0
	count(flagged(bind("/repo/src", "/backup/logs"))) == 0
}

test_unknown_mounts_not_flagged if {
	count(flagged(bind("/home/me/things", "/things"))) == 0
}

test_unresolved_source_judged_by_target if {
	m := object.union(bind("${WEB}", "/var/www/html"), {"unresolved": true, "source_dirs": []})
	some r in flagged(m)
	r.msg == "host directory ${WEB} is bind-mounted writable at /var/www/html, which holds web content (/var/www); mount it read-only"
}

test_volumes_and_tmpfs_not_flagged if {
	count(writable_content_mount.deny) == 0 with input as spec([
		object.union(bind("site", "/var/www/html"), {"type": "volume", "source_dirs": []}),
		object.union(bind("", "/app"), {"type": "volume", "source_dirs": []}),
		object.union(bind("", "/etc/app"), {"type": "tmpfs", "source_dirs": []}),
	])
}
