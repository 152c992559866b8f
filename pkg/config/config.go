// Package config reads .rungate.yaml, the per-repository settings of
// rungate lint. It parses a name and bytes and finds the file; applying the
// settings is left to the command, which knows the flags and the rules.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// FileName is the name searched for.
const FileName = ".rungate.yaml"

// Config is one .rungate.yaml. Pointers and nil slices mean "not set", so
// that a flag's default never overrides what the file says.
type Config struct {
	// FailOn is the severity threshold, as --fail-on.
	FailOn string `yaml:"fail-on"`
	// Profile is the profile the rules run under, as --profile: a built-in
	// profile's name or a profile file, relative to this file.
	Profile string `yaml:"profile"`
	// Enable, when not empty, is the only rules that run.
	Enable []string `yaml:"enable"`
	// Disable are rules that do not run.
	Disable []string `yaml:"disable"`
	// Severity overrides a rule's severity, over the profile's: rule id to
	// severity name.
	Severity map[string]string `yaml:"severity"`
	// IgnorePaths are gitignore-style globs of paths not to walk, as
	// --exclude.
	IgnorePaths []string `yaml:"ignore-paths"`
	// Policy are extra Rego policy directories, relative to the file.
	Policy []string `yaml:"policy"`
	// Data is merged over the built-in policy data (data.rungate.policy)
	// as a JSON merge patch.
	Data map[string]any `yaml:"data"`
	// RequireReason is --require-reason.
	RequireReason *bool `yaml:"require-reason"`
	// InlineIgnores false is --no-inline-ignores.
	InlineIgnores *bool `yaml:"inline-ignores"`
	// Baseline is the baseline file read when --baseline is not given,
	// relative to the configuration file.
	Baseline string `yaml:"baseline"`
}

// unknownField matches yaml's error for a key the struct lacks.
var unknownField = regexp.MustCompile(`line (\d+): field (\S+) not found in type`)

// Parse reads a configuration file. An unknown key is an error naming the
// file and line: a misspelt setting must not be silently ignored.
func Parse(name string, data []byte) (*Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		if m := unknownField.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			return nil, fmt.Errorf("parse config %s:%d: unknown key %q", name, line, m[2])
		}
		return nil, fmt.Errorf("parse config %s: %w", name, err)
	}
	return &c, nil
}
