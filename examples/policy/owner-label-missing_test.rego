package rungate.rules.owner_label_missing_test

import data.rungate.rules.owner_label_missing as rule

spec(labels) := {"kind": "docker-run", "create": {"Image": "nginx", "Labels": labels, "HostConfig": {}}, "source": {"name": ""}}

test_no_labels if {
	rule.deny == {{"msg": "image nginx has no owner label: say which team owns it (--label owner=TEAM)"}} with input as spec({})
}

test_other_labels_only if {
	count(rule.deny) == 1 with input as spec({"team": "web", "OWNER": "web"})
}

test_owner_label if {
	count(rule.deny) == 0 with input as spec({"owner": "web-team"})
}

# An empty value is still a label: the team wrote one.
test_empty_owner if {
	count(rule.deny) == 0 with input as spec({"owner": ""})
}

test_host_facts_are_not_containers if {
	count(rule.deny) == 0 with input as {"kind": "host", "host": {}}
}

test_more_required_labels if {
	count(rule.deny) == 1 with input as spec({"owner": "web"})
		with data.rungate.policy.labels.required as ["owner", "cost-center"]
}
