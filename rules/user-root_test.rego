package rungate.rules.user_root_test

import data.rungate.rules.user_root

pos := {"file": "run.sh", "line": 1, "column": 15}

user(raw, root, unresolved) := {"raw": raw, "root": root, "unresolved": unresolved, "pos": pos}

spec(kind, u) := {
	"kind": kind, "create": {"Image": "nginx"}, "source": {"name": ""},
	"derived": {"user": u},
}

test_root_spellings if {
	every raw in ["root", "0", "0:0", "root:root", "0:1000"] {
		user_root.deny == {{
			"msg": sprintf("image nginx runs as root (--user %s)", [raw]),
			"pos": pos,
		}} with input as spec("docker-run", user(raw, true, false))
	}
}

test_no_user if {
	user_root.deny == {{
		"msg": "image nginx sets no user (--user), so it runs as the image's user: root unless the image sets USER",
		"field": "Config.User",
	}} with input as spec("compose", user("", null, false))
}

test_no_user_inspect if {
	some r in user_root.deny with input as spec("inspect", user("", null, false))
	contains(r.msg, "runs as root: docker inspect shows no user")
}

test_not_root if {
	every raw in ["1000", "1000:1000", "nginx", "1000:0", "nobody:root"] {
		count(user_root.deny) == 0 with input as spec("docker-run", user(raw, false, false))
	}
}

test_unresolved_quiet if {
	count(user_root.deny) == 0 with input as spec("compose", user("${UID}:${GID}", null, true))
	count(user_root.deny) == 0 with input as spec("compose", user("", null, true))
}

test_decoys if {
	count(user_root.deny) == 0 with input as object.union(spec("docker-run", user("1000", false, false)), {"create": {"Image": "nginx", "Cmd": ["-u", "root"], "Env": ["USER=root"], "Labels": {"user": "0"}}})
	count(user_root.deny) == 0 with input as {"kind": "host", "host": {}}
}
