package lint

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/rungate/rungate/pkg/compose"
	"github.com/rungate/rungate/pkg/scan"
)

// Unit is what is linted in one piece: one file, or a compose file with
// the override file docker compose merges over it.
type Unit []scan.File

// Units groups files into units, in the order given. An override file
// (compose.override.yaml, docker-compose.override.yml, x.override.yml)
// whose base file is also listed joins the base's unit instead of being
// linted alone, so that its services are checked once, merged.
func Units(files []scan.File) []Unit {
	index := map[string]int{}
	for i, f := range files {
		if f.Kind == scan.KindCompose {
			index[f.Path] = i
		}
	}
	overrides := map[int][]scan.File{}
	joined := map[int]bool{}
	for i, f := range files {
		if f.Kind != scan.KindCompose {
			continue
		}
		if base, ok := overrideBase(f.Path); ok {
			if b, ok := index[base]; ok {
				overrides[b] = append(overrides[b], f)
				joined[i] = true
			}
		}
	}
	var units []Unit
	for i, f := range files {
		if joined[i] {
			continue
		}
		units = append(units, append(Unit{f}, overrides[i]...))
	}
	return units
}

// overrideBase returns the base file an override file is merged over:
// dir/x.override.yml is the override of dir/x.yml.
func overrideBase(p string) (string, bool) {
	ext := filepath.Ext(p)
	stem := strings.TrimSuffix(p, ext)
	if !strings.HasSuffix(stem, ".override") {
		return "", false
	}
	return strings.TrimSuffix(stem, ".override") + ext, true
}

// Unit lints one unit, reading its files with read. A file that cannot be
// read is an error in the result, and counts as read: it was given.
func (r *Runner) Unit(ctx context.Context, u Unit, read func(string) ([]byte, error)) (Result, error) {
	var res Result
	var group []compose.File
	for _, f := range u {
		data, err := read(f.Path)
		if err != nil {
			res.Files++
			res.Errors = append(res.Errors, FileError{File: f.Path, Message: fmt.Sprintf("read: %v", err)})
			continue
		}
		if len(u) > 1 && f.Kind == scan.KindCompose {
			group = append(group, compose.File{Name: f.Path, Data: data})
			continue
		}
		one, err := r.File(ctx, f.Path, data, f.Kind)
		if err != nil {
			return res, err
		}
		res.Merge(one)
	}
	if len(group) > 0 {
		one, err := r.Compose(ctx, group...)
		if err != nil {
			return res, err
		}
		res.Merge(one)
	}
	return res, nil
}
