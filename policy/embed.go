// Package policy holds rungate's built-in policy data: the lists the rules
// read under data.rungate.policy, which a user can override without writing
// Rego.
package policy

import "embed"

// FS holds every policy data file.
//
//go:embed *.yaml
var FS embed.FS
