// Package policy holds rungate's built-in policy data: the lists the rules
// read under data.rungate.policy, which a user can override without writing
// Rego, and the built-in profiles.
package policy

import "embed"

// FS holds every policy data file.
//
//go:embed *.yaml
var FS embed.FS

// Profiles holds the built-in profiles, profiles/<name>.yaml. They choose
// the rules that run and their severity; they are not policy data.
//
//go:embed profiles/*.yaml
var Profiles embed.FS
