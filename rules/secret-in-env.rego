# METADATA
# title: Credential in an environment variable
# description: >-
#   An environment variable whose name says it holds a credential
#   (PASSWORD, SECRET, TOKEN, API_KEY, ACCESS_KEY, PRIVATE_KEY, ... matched
#   on the name's words: DB_PASSWORD, dbPassword) is given a literal value
#   (`-e DB_PASSWORD=...`, a line of an `--env-file`, compose
#   `environment`), or any variable holds a URL with a password
#   (`postgres://app:...@db/app`). The secret is then written in the file,
#   where everyone with access to it, its history and its copies reads it,
#   and it shows in `docker inspect`, in the container's /proc and in every
#   child process. Not flagged: an empty value, `-e NAME` with no value
#   (passed from the environment), a `${VAR}` placeholder, a name ending in
#   FILE, PATH, NAME, USER and the like (`POSTGRES_PASSWORD_FILE=/run/
#   secrets/db`), obvious placeholders (`<password>`, `changeme`, `xxxx`)
#   and booleans. The message names the variable and never shows its value.
#   Authorization requests are not judged: the client has already put every
#   value in, so a literal cannot be told from one passed from the
#   environment. The names are policy data (`secrets.names`,
#   `secrets.ignore_last_words`).
# related_resources:
#   - ref: https://docs.docker.com/compose/how-tos/use-secrets/
#     description: Manage secrets securely in Docker Compose
# custom:
#   id: secret-in-env
#   severity: high
#   remediation: >-
#     Take the value out of the file: pass it from the environment
#     (`-e DB_PASSWORD`, compose `DB_PASSWORD: ${DB_PASSWORD}`), or better
#     mount it as a secret file (compose `secrets`, `--mount
#     type=bind,source=...,target=/run/secrets/db,readonly`) and point the
#     application at it (`DB_PASSWORD_FILE`). Rotate a secret that was
#     committed.
#   references:
#     - CIS Docker Benchmark v1.6.0 4.10
#   examples:
#     bad: docker run -d -e POSTGRES_PASSWORD=hunter2 postgres:17
#     good: docker run -d -e POSTGRES_PASSWORD_FILE=/run/secrets/db -v /srv/secrets/db:/run/secrets/db:ro postgres:17
package rungate.rules.secret_in_env

import data.rungate.lib
import data.rungate.policy.secrets as policy

# The name test is written out in the rule body, not called as a function,
# and the names are read from policy data once, not once per word: it runs
# for every word of every variable, and a function call or a data lookup
# costs more than the test itself. Booleans are compared with == true,
# which OPA evaluates with fewer allocations than a bare reference.
deny contains result if {
	input.kind != "authz"
	names := policy.names
	some e in input.derived.env
	e.has_literal_value == true
	some w in e.words
	names[w] == true
	not policy.ignore_last_words[e.last_word]
	result := {
		"msg": sprintf("%s sets %s, a credential by its name, to a literal value in its environment (value not shown)", [lib.subject, e.name]),
		"pos": e.pos,
	}
}

deny contains result if {
	input.kind != "authz"
	some e in input.derived.env
	e.url_credentials == true
	not secret_name(e)
	result := {
		"msg": sprintf("%s sets %s to a URL with a password in it (value not shown)", [lib.subject, e.name]),
		"pos": e.pos,
	}
}

# secret_name holds when the first rule reports the variable: a word of the
# name is a credential's, and the name does not say it holds where the
# secret is or something about it (..._FILE, ..._NAME).
secret_name(e) if {
	e.has_literal_value == true
	not policy.ignore_last_words[e.last_word]
	some w in e.words
	policy.names[w] == true
}
