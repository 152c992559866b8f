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
//
// Where the result knowingly differs from the CLI:
//   - The CLI sends Binds and the -e part of Env in random (map) order; they
//     are kept here in first-seen order. Compare them as sets.
//   - --use-api-socket mounts /var/run/docker.sock, as docker/cli 28.5 does
//     (28.2 mounted the socket DOCKER_HOST points at).
//   - Checks that depend on the CLI's machine are not made: an existing
//     --cidfile, -t without a terminal, content trust, proxy variables from
//     ~/.docker/config.json (never added to Env), pulling the image.
//   - The daemon is taken to be Linux: the Windows-only resource flags
//     (--cpu-count, --cpu-percent, --io-maxbandwidth, --io-maxiops) are
//     rejected, as the CLI rejects them for a Linux daemon.
//   - A CDI device name with a one-letter vendor or class crashes the CLI;
//     it is rejected here.
//   - A value that fails validation only because a word holds an unresolved
//     variable is left out and its field marked unresolved instead of
//     rejected; an unresolved image is not checked as a reference.
//   - A lone --platform os takes the architecture of the machine rungate
//     runs on, as the CLI takes its own.
package dockerrun
