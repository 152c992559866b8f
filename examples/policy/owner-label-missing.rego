# METADATA
# title: Container has no owner label
# description: >-
#   Every container must say which team owns it with an `owner` label
#   (`--label owner=TEAM`, compose `labels`), so that an alert about it
#   reaches someone. The labels required are policy data,
#   data.rungate.policy.labels.required (labels.yaml beside this file).
# related_resources:
#   - ref: https://docs.docker.com/engine/manage-resources/labels/
#     description: Docker object labels
# custom:
#   id: owner-label-missing
#   severity: low
#   remediation: >-
#     Add `--label owner=TEAM` to the docker run line (compose
#     `labels: {owner: TEAM}`).
#   examples:
#     bad: docker run -d nginx
#     good: docker run -d --label owner=web-team nginx
package rungate.rules.owner_label_missing

import data.rungate.lib
import data.rungate.policy.labels as policy

deny contains result if {
	input.kind != "host"
	some key in policy.required
	not input.create.Labels[key]
	result := {"msg": sprintf("%s has no %s label: say which team owns it (--label %s=TEAM)", [lib.subject, key, key])}
}
