# METADATA
# title: Every exposed port published
# description: >-
#   The container is started with `-P` (`--publish-all`,
#   `HostConfig.PublishAllPorts`). The daemon then publishes every port the
#   image EXPOSEs, on random host ports and on every interface, so what is
#   reachable depends on the image rather than on the command, and changes
#   when the image does. Compose has no such key. A container on the host's
#   network, where nothing is published, is not flagged.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#publish-all
#     description: docker run --publish-all
# custom:
#   id: publish-all
#   severity: low
#   remediation: >-
#     Drop `-P` and publish only the ports that must be reached, each with
#     `-p ADDRESS:HOSTPORT:PORT`.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.9 (5.8 in earlier versions)
#   examples:
#     bad: docker run -d -P nginx:1.27
#     good: docker run -d -p 127.0.0.1:8080:80 nginx:1.27
package rungate.rules.publish_all

import data.rungate.lib

deny contains result if {
	input.create.HostConfig.PublishAllPorts == true
	input.derived.namespaces.network.mode != "host"
	result := {
		"msg": sprintf("%s publishes every port its image exposes (-P, HostConfig.PublishAllPorts: true), on random host ports and every interface", [lib.subject]),
		"field": "HostConfig.PublishAllPorts",
	}
}
