package rungate.rules.secret_in_env_test

import data.rungate.rules.secret_in_env

at(c) := {"file": "run.sh", "line": 1, "column": c}

# env builds a derived item as runspec.Derive would: words are given.
env(name, words, literal, url, c) := {
	"name": name, "words": words, "last_word": words_last(words), "has_value": true,
	"has_literal_value": literal, "url_credentials": url, "unresolved": false, "pos": at(c),
}

words_last(words) := [w | some w in words; not contains(w, "_")][count([w | some w in words; not contains(w, "_")]) - 1]

spec(kind, items) := {"kind": kind, "create": {"Image": "postgres:17"}, "source": {"name": "db"}, "derived": {"env": items}}

deny(items) := r if {
	r := secret_in_env.deny with input as spec("docker-run", items)
}

test_password if {
	deny([env("POSTGRES_PASSWORD", ["POSTGRES", "PASSWORD", "POSTGRES_PASSWORD"], true, false, 12)]) == {{
		"msg": `container "db" sets POSTGRES_PASSWORD, a credential by its name, to a literal value in its environment (value not shown)`,
		"pos": at(12),
	}}
}

test_pair_words if {
	count(deny([env("STRIPE_API_KEY", ["STRIPE", "API", "KEY", "STRIPE_API", "API_KEY"], true, false, 3)])) == 1
	count(deny([env("AWS_SECRET_ACCESS_KEY", ["AWS", "SECRET", "ACCESS", "KEY", "AWS_SECRET", "SECRET_ACCESS", "ACCESS_KEY"], true, false, 3)])) == 1
}

test_not_credential_names if {
	count(deny([env("GPG_KEY", ["GPG", "KEY", "GPG_KEY"], true, false, 3)])) == 0
	count(deny([env("PASSENGER_MODE", ["PASSENGER", "MODE", "PASSENGER_MODE"], true, false, 3)])) == 0
	count(deny([env("PWD", ["PWD"], true, false, 3)])) == 0
}

test_no_literal_value if {
	count(deny([env("DB_PASSWORD", ["DB", "PASSWORD", "DB_PASSWORD"], false, false, 3)])) == 0
}

test_file_reference if {
	count(deny([env("POSTGRES_PASSWORD_FILE", ["POSTGRES", "PASSWORD", "FILE", "POSTGRES_PASSWORD", "PASSWORD_FILE"], true, false, 3)])) == 0
}

test_url_credentials if {
	deny([env("DATABASE_URL", ["DATABASE", "URL", "DATABASE_URL"], true, true, 7)]) == {{
		"msg": `container "db" sets DATABASE_URL to a URL with a password in it (value not shown)`,
		"pos": at(7),
	}}
}

test_url_credentials_in_secret_name_once if {
	count(deny([env("DB_PASSWORD", ["DB", "PASSWORD", "DB_PASSWORD"], true, true, 7)])) == 1
}

test_authz_not_judged if {
	count(secret_in_env.deny) == 0 with input as spec("authz", [env("DB_PASSWORD", ["DB", "PASSWORD", "DB_PASSWORD"], true, true, 7)])
}

test_policy_names if {
	items := [env("SIGNING_SALT", ["SIGNING", "SALT", "SIGNING_SALT"], true, false, 3)]
	count(deny(items)) == 0
	count(secret_in_env.deny) == 1 with input as spec("compose", items) with data.rungate.policy.secrets.names.SALT as true
}

test_about_the_secret_not_the_secret if {
	count(deny([env("FLEET_TOKEN_POLICY_NAME", ["FLEET", "TOKEN", "POLICY", "NAME", "FLEET_TOKEN", "TOKEN_POLICY", "POLICY_NAME"], true, false, 3)])) == 0
}
