# METADATA
# title: Default capabilities not dropped
# description: >-
#   The container keeps docker's default capability set: nothing drops ALL
#   (`--cap-drop ALL`, compose `cap_drop: [ALL]`, `HostConfig.CapDrop`, in
#   any case). Those fourteen capabilities include NET_RAW (forge packets,
#   spoof and sniff on the container's network), MKNOD, CHOWN,
#   DAC_OVERRIDE, FOWNER, SETUID and SETGID, SETFCAP and SYS_CHROOT, which
#   most services never use and which every privilege escalation inside the
#   container starts from. Dropping ALL and adding back what the service
#   needs (`--cap-add NET_BIND_SERVICE`) is quiet; a drop held in a
#   variable rungate cannot resolve is reported with that doubt said;
#   dropping some
#   capabilities one by one is not, since a later default grows the set. A
#   privileged container, which gets every capability whatever it drops,
#   is privileged's finding.
# related_resources:
#   - ref: https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities
#     description: Runtime privilege and Linux capabilities
# custom:
#   id: cap-drop-all-missing
#   severity: medium
#   remediation: >-
#     Add `--cap-drop ALL` (compose `cap_drop: [ALL]`) and add back only the
#     capabilities the service needs, such as `--cap-add NET_BIND_SERVICE`
#     for a port below 1024.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.4 (5.3 in earlier versions)
#   examples:
#     bad: docker run -d -p 8080:80 nginx:1.27
#     good: docker run -d --cap-drop ALL --cap-add CHOWN --cap-add SETUID --cap-add SETGID --cap-add NET_BIND_SERVICE -p 8080:80 nginx:1.27
package rungate.rules.cap_drop_all_missing

import data.rungate.lib

deny contains result if {
	caps := input.derived.capabilities
	caps.drop_all == false
	not input.create.HostConfig.Privileged
	result := {
		"msg": sprintf("%s %s docker's default capabilities (no --cap-drop ALL): %d of them, %s%s", [lib.subject, verb, held(caps), kept(caps), hint]),
		"field": "HostConfig.CapDrop",
	}
}

# held is the size of the set: docker's 14 defaults less the drops plus the
# adds, counted from the short lists rather than the whole set.
held(caps) := (14 - count(caps.dropped)) + count(caps.added)

# kept names NET_RAW, the default most worth dropping, when it is held.
kept(caps) := "NET_RAW dropped" if {
	"CAP_NET_RAW" in caps.dropped
} else := "NET_RAW among them"

# verb hedges when a drop is held in a variable rungate cannot resolve.
verb := "may keep" if {
	some v in input.derived.capabilities.drop
	v.unresolved == true
} else := "keeps"

# hint points at a drop that may be ALL, held in a variable rungate cannot
# resolve, and at CAP_ALL, a spelling the daemon does not know: it rejects
# the container instead of dropping everything.
hint := sprintf("; --cap-drop %s holds a variable rungate cannot resolve, which may be ALL", [concat(", ", vars)]) if {
	vars := [v.raw | some v in input.derived.capabilities.drop; v.unresolved == true]
	count(vars) > 0
} else := "; CAP_ALL is not a capability the daemon knows (it rejects the container): write ALL" if {
	some v in input.derived.capabilities.drop
	v.name == "CAP_ALL"
} else := ""
