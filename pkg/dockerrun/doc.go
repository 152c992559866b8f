// Package dockerrun turns a `docker run` (or `docker create`) command line into
// a run spec whose create body is, field for field, the body the docker CLI 28
// would POST to /containers/create, and rejects exactly the command lines the
// docker CLI rejects before it talks to the daemon.
//
// The flags are registered on a pflag.FlagSet with the docker CLI's own value
// types (github.com/docker/cli/opts), so that parsing and per-flag validation
// behave like the CLI. What the CLI does after flag parsing (volume specs,
// ports, devices, security options, networks, ...) is re-derived from the CLI's
// observable behaviour, one flag family per file.
//
// Every value carries the position of the word that set it (see positions.go),
// so that a finding can point at the flag that caused it.
package dockerrun
