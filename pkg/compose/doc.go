// Package compose turns compose files into run specs, one per service, the
// way docker compose turns a service into a container create body.
//
// Loading is compose-go's (github.com/compose-spec/compose-go/v2), the loader
// docker compose itself uses: interpolation, .env, extends, include, several
// files merged, profiles, anchors and merge keys. compose-go keeps no source
// positions, so each file is parsed a second time as YAML nodes and every
// value of a spec is traced back to the key or list item that set it.
//
// Load takes names and bytes. It reads nothing itself except through
// Options.ReadFile (.env, the override file, files named by extends and
// include). compose-go has no hook for file contents: it reads the files
// that extends and include name from disk on its own. So Load first reads
// each of them through ReadFile and refuses to load a project naming one
// that ReadFile does not give; what compose-go then reads is what the
// caller has allowed.
package compose
