package engine

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"

	"go.yaml.in/yaml/v3"
)

// policyDataPath is where policy data sits in the data document:
// data.rungate.policy.
var policyDataPath = []string{"rungate", "policy"}

// loadData reads every .json, .yaml and .yml file of every file system and
// merges them, in order, then merges overrides, as a JSON merge patch (RFC
// 7386) does: a later object merges into an earlier one key by key, a null
// removes the key, any other later value replaces the earlier one.
// Each file holds one object whose keys land under data.rungate.policy.
func loadData(fss []fs.FS, overrides map[string]any) (map[string]any, error) {
	data := map[string]any{}
	for _, fsys := range fss {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			doc, ok, err := readDataFile(fsys, p)
			if err != nil {
				return fmt.Errorf("%s: %w", path.Join(fsName(fsys), p), err)
			}
			if ok {
				merge(data, doc)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("load policy data: %w", err)
		}
	}
	if len(overrides) > 0 {
		override, err := normalize(overrides)
		if err != nil {
			return nil, fmt.Errorf("policy data overrides: %w", err)
		}
		merge(data, override.(map[string]any))
	}
	return data, nil
}

// readDataFile decodes one data file; ok is false for a file of another kind.
func readDataFile(fsys fs.FS, p string) (doc map[string]any, ok bool, err error) {
	ext := path.Ext(p)
	if ext != ".json" && ext != ".yaml" && ext != ".yml" {
		return nil, false, nil
	}
	b, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, false, err
	}
	var v any
	if ext == ".json" {
		err = json.Unmarshal(b, &v)
	} else {
		err = yaml.Unmarshal(b, &v)
	}
	if err != nil {
		return nil, false, err
	}
	if v == nil {
		// An empty or all-comment file adds nothing.
		return map[string]any{}, true, nil
	}
	if v, err = normalize(v); err != nil {
		return nil, false, err
	}
	doc, ok = v.(map[string]any)
	if !ok {
		return nil, false, fmt.Errorf("want an object at the top, got %T", v)
	}
	return doc, true, nil
}

// normalize turns a decoded document into plain JSON values (YAML may give
// non-string keys and Go integers), which is what the store holds.
func normalize(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// merge merges src into dst: objects key by key, null deletes, anything else
// replaces.
func merge(dst, src map[string]any) {
	for k, v := range src {
		if v == nil {
			delete(dst, k)
			continue
		}
		sub, isObj := v.(map[string]any)
		old, wasObj := dst[k].(map[string]any)
		if isObj && wasObj {
			merge(old, sub)
			continue
		}
		dst[k] = v
	}
}
