package dockerrun

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/docker/cli/pkg/kvfile"

	"github.com/rungate/rungate/pkg/runspec"
)

// buildEnv fills Config.Env the way the CLI does: every line of the
// --env-file files first, in order and verbatim (quotes are kept; a line with
// no '=' takes its value from the CLI's environment or is dropped), then the
// -e values. Before sending, the CLI folds -e into a map (to add proxy
// settings), so a repeated -e KEY keeps only its last value and the -e order
// it sends is random; rungate keeps the first-seen key order.
func (b *builder) buildEnv() error {
	var env []string
	for _, o := range b.occ["env-file"] {
		lines, err := b.readKVFile(o.raw, "env", b.lookup)
		keep, rerr := b.keep(runspec.FieldKey("Config.Env"), o, err)
		if rerr != nil {
			return rerr
		}
		if !keep {
			continue
		}
		for _, line := range lines {
			env = append(env, line)
			b.mark(runspec.ValueKey("Config.Env", line), o)
		}
	}

	// -e values, last value per key, first-seen key order.
	index := map[string]int{}
	var fromFlags []string
	var from []occurrence
	for _, o := range b.occ["env"] {
		key, _, _ := strings.Cut(o.stored, "=")
		if i, ok := index[key]; ok {
			fromFlags[i], from[i] = o.stored, o
			continue
		}
		index[key] = len(fromFlags)
		fromFlags = append(fromFlags, o.stored)
		from = append(from, o)
	}
	for i, e := range fromFlags {
		env = append(env, e)
		b.mark(runspec.ValueKey("Config.Env", e), from[i])
	}
	b.config.Env = env
	return nil
}

// buildLabels fills Config.Labels (always sent, {} when empty): the
// --label-file lines first, then -l, later values winning. A line or label
// with no '=' is a label with an empty value; a file line with no '=' is
// dropped.
func (b *builder) buildLabels() error {
	labels := map[string]string{}
	set := func(kv string, o occurrence) {
		k, v, _ := strings.Cut(kv, "=")
		labels[k] = v
		b.mark(runspec.ValueKey("Config.Labels", k), o)
	}
	for _, o := range b.occ["label-file"] {
		lines, err := b.readKVFile(o.raw, "label", nil)
		keep, rerr := b.keep(runspec.FieldKey("Config.Labels"), o, err)
		if rerr != nil {
			return rerr
		}
		if !keep {
			continue
		}
		for _, line := range lines {
			set(line, o)
		}
	}
	for _, o := range b.occ["label"] {
		set(o.stored, o)
	}
	b.config.Labels = labels
	return nil
}

// readKVFile reads an env or label file with the CLI's own parser (UTF-8
// only, BOM stripped, # comments, leading blanks trimmed, no whitespace in
// keys, values verbatim).
func (b *builder) readKVFile(name, kind string, lookup func(string) (string, bool)) ([]string, error) {
	data, err := b.readFile(name)
	if err != nil {
		return nil, fmt.Errorf("read %s file: %w", kind, err)
	}
	lines, err := kvfile.ParseFromReader(bytes.NewReader(data), lookup)
	if err != nil {
		return nil, fmt.Errorf("invalid %s file (%s): %w", kind, name, err)
	}
	return lines, nil
}
