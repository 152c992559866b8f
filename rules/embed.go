// Package rules holds rungate's built-in Rego rules, one <id>.rego per rule
// with its <id>_test.rego beside it, and the helper library under lib/.
package rules

import "embed"

// FS holds every rule, test and library file.
//
//go:embed *.rego lib/*.rego
var FS embed.FS
