# METADATA
# title: Docker daemon without an authorization plugin
# description: >-
#   daemon.json names no `authorization-plugins` (dockerd's default is
#   none), so whoever can open the docker socket may make any API request:
#   a container with the host's / mounted, privileged, in the host's
#   namespaces. An authorization plugin, such as `rungate authz`, judges
#   every request first and denies the risky ones. Low: access to the socket
#   is the first line, checked by docker-group-member and the socket rules.
# related_resources:
#   - ref: https://docs.docker.com/engine/extend/plugins_authorization/
#     description: Access authorization plugin
# custom:
#   id: daemon-authz-plugin-missing
#   severity: low
#   remediation: >-
#     Install an authorization plugin (`rungate authz`, see docs/authz.md) and
#     name it in /etc/docker/daemon.json's `"authorization-plugins"`, then
#     restart dockerd.
#   references:
#     - CIS Docker Benchmark v1.6.0 2.12
#   examples:
#     bad: '{"authorization-plugins": []}'
#     good: '{"authorization-plugins": ["rungate"]}'
package rungate.rules.daemon_authz_plugin_missing

import data.rungate.lib.daemon

deny contains result if {
	input.kind == "host"
	count(input.daemon.authorization_plugins) == 0
	result := object.union(
		{"msg": sprintf("%s: any client of the docker socket may make any API request, unchecked", [daemon.setting("authorization-plugins", "[]")])},
		daemon.at("authorization-plugins"),
	)
}
