package rungate.rules.image_unpinned_test

import data.rungate.rules.image_unpinned

at := {"file": "run.sh", "line": 1, "column": 30}

dg := "sha256:0000000000000000000000000000000000000000000000000000000000000000"

img(raw, tag, digest) := {
	"raw": raw, "tag": tag, "digest": digest, "latest": tag in {"", "latest"}, "pinned": digest != "",
	"set": raw != "", "built": false, "unresolved": contains(raw, "${"), "pos": at,
}

spec(i) := {"kind": "docker-run", "create": {"Image": i.raw}, "source": {"name": ""}, "derived": {"image": i}}

deny(i) := r if {
	r := image_unpinned.deny with input as spec(i)
}

test_no_tag if {
	deny(img("nginx", "", "")) == {{
		"msg": "image nginx has no tag or digest, so the daemon runs whatever latest points to when it pulls",
		"pos": at,
	}}
}

test_registry_port_is_not_a_tag if {
	count(deny(img("localhost:5000/app", "", ""))) == 1
}

test_latest if {
	some r in deny(img("nginx:latest", "latest", ""))
	r.msg == "image nginx:latest is tagged latest with no digest, so what runs changes whenever latest moves"
}

test_named_container if {
	some r in image_unpinned.deny with input as object.union(spec(img("nginx", "", "")), {"source": {"name": "web"}})
	r.msg == `container "web" uses image nginx, which has no tag or digest, so the daemon runs whatever latest points to when it pulls`
}

test_pinned_or_tagged_quiet if {
	count(deny(img("nginx:1.27", "1.27", ""))) == 0
	count(deny(img(concat("@", ["nginx", dg]), "", dg))) == 0
	count(deny(img(concat("@", ["nginx:latest", dg]), "latest", dg))) == 0
}

test_unresolved_and_unset_quiet if {
	count(deny(img("app:${TAG}", "${TAG}", ""))) == 0
	count(deny(img("", "", ""))) == 0
}

test_require_digest if {
	some r in image_unpinned.deny with input as spec(img("nginx:1.27", "1.27", "")) with data.rungate.policy.images.require_digest as true
	r.msg == "image nginx:1.27 has no digest, so what runs changes if the tag is moved"
	count(image_unpinned.deny) == 0 with input as spec(img(concat("@", ["nginx:1.27", dg]), "1.27", dg)) with data.rungate.policy.images.require_digest as true
}

test_built_quiet if {
	count(deny(object.union(img("myapp", "", ""), {"built": true}))) == 0
}
