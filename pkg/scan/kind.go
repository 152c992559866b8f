package scan

import (
	"bytes"
	"encoding/json"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// Kind is the format of a file, which decides how its docker run
// commands or containers are read.
type Kind string

// The file kinds rungate reads. KindUnknown files are skipped when found
// by walking a directory; a file named explicitly is read as shell.
const (
	KindUnknown    Kind = ""
	KindShell      Kind = "shell"
	KindMakefile   Kind = "makefile"
	KindMarkdown   Kind = "markdown"
	KindDockerfile Kind = "dockerfile"
	KindWorkflow   Kind = "github-workflow"
	KindGitLab     Kind = "gitlab-ci"
	KindJenkins    Kind = "jenkinsfile"
	KindInspect    Kind = "inspect"
	KindCompose    Kind = "compose"
)

// composeName matches the file names docker compose looks for, and their
// common variants (docker-compose.prod.yml, compose.override.yaml).
var composeName = regexp.MustCompile(`^(docker-)?compose([.-][^/]*)?\.ya?ml$`)

// Classify decides a file's kind from its name (a path; only its last
// elements matter) and its content, or the start of it. A name written
// with __ for / (as flattened copies of repositories are) is read the same.
func Classify(name string, head []byte) Kind {
	slash := filepath.ToSlash(name)
	base := path.Base(strings.ReplaceAll(slash, "__", "/"))
	full := strings.ReplaceAll(slash, "__", "/")
	lower := strings.ToLower(base)
	ext := path.Ext(lower)
	switch {
	case ext == ".sh" || ext == ".bash" || ext == ".zsh" || ext == ".ksh":
		return KindShell
	case base == "Makefile" || base == "GNUmakefile" || lower == "makefile" || ext == ".mk" || strings.HasSuffix(lower, ".makefile"):
		return KindMakefile
	case ext == ".md" || ext == ".markdown":
		return KindMarkdown
	case lower == "dockerfile" || lower == "containerfile" || strings.HasPrefix(lower, "dockerfile.") || ext == ".dockerfile":
		return KindDockerfile
	case lower == "jenkinsfile" || strings.HasPrefix(lower, "jenkinsfile.") || ext == ".jenkinsfile":
		return KindJenkins
	case lower == ".gitlab-ci.yml" || lower == ".gitlab-ci.yaml":
		return KindGitLab
	case (ext == ".yml" || ext == ".yaml") && strings.Contains(full, ".github/workflows/"):
		return KindWorkflow
	case (ext == ".yml" || ext == ".yaml") && (lower == "action.yml" || lower == "action.yaml"):
		return KindWorkflow
	case composeName.MatchString(lower):
		return KindCompose
	case ext == ".yml" || ext == ".yaml":
		return yamlKind(head)
	case ext == ".json":
		return jsonKind(head)
	}
	if shebang.Match(head) {
		return KindShell
	}
	if k := jsonKind(head); k != KindUnknown {
		return k
	}
	return KindUnknown
}

// yamlKind reads a YAML file of no telling name: compose when its top
// level has a services mapping whose entries have an image or a build,
// GitLab CI when jobs have a script, a workflow when it has jobs with steps.
func yamlKind(src []byte) Kind {
	top := topLevelKeys(src)
	if top == nil {
		return KindUnknown
	}
	if svcs, ok := top["services"]; ok && isComposeServices(svcs) {
		return KindCompose
	}
	if _, ok := top["jobs"]; ok {
		if _, on := top["on"]; on {
			return KindWorkflow
		}
	}
	// GitLab jobs have a script; Travis and similar CI files have
	// top-level script lists, read the same way.
	if _, ok := top["script"]; ok {
		return KindGitLab
	}
	for _, v := range top {
		if keys := mappingKeys(v); keys["script"] {
			return KindGitLab
		}
	}
	return KindUnknown
}

// jsonKind reads docker inspect output: one object, or an array of them,
// with Id and HostConfig. Compose files may be JSON too.
func jsonKind(head []byte) Kind {
	t := bytes.TrimSpace(head)
	if len(t) == 0 || (t[0] != '[' && t[0] != '{') {
		return KindUnknown
	}
	var probe any
	if err := json.Unmarshal(t, &probe); err != nil {
		// Only the start of the file may have been given.
		if bytes.Contains(t, []byte(`"Id"`)) && bytes.Contains(t, []byte(`"HostConfig"`)) {
			return KindInspect
		}
		return KindUnknown
	}
	objs := []any{probe}
	if arr, ok := probe.([]any); ok {
		objs = arr
	}
	for _, o := range objs {
		m, ok := o.(map[string]any)
		if !ok {
			return KindUnknown
		}
		if _, id := m["Id"]; id {
			if _, hc := m["HostConfig"]; hc {
				return KindInspect
			}
		}
		if svcs, ok := m["services"].(map[string]any); ok {
			for _, s := range svcs {
				if sm, ok := s.(map[string]any); ok && (sm["image"] != nil || sm["build"] != nil) {
					return KindCompose
				}
			}
		}
	}
	return KindUnknown
}
