package scan

import "fmt"

// Commands returns the shell commands written in a file of the given
// kind, with positions in that file. Compose and inspect files hold no
// commands: they are read by their own packages.
func Commands(kind Kind, name string, src []byte, env Env) ([]Command, error) {
	switch kind {
	case KindShell, KindUnknown:
		return ShellCommands(name, src, env)
	case KindMakefile:
		return MakefileCommands(name, src, env)
	case KindMarkdown:
		return MarkdownCommands(name, src, env)
	case KindDockerfile:
		return DockerfileCommands(name, src, env)
	case KindWorkflow:
		return WorkflowCommands(name, src, env)
	case KindGitLab:
		return GitLabCommands(name, src, env)
	case KindJenkins:
		return JenkinsfileCommands(name, src, env)
	}
	return nil, fmt.Errorf("%s: %s files hold no shell commands", name, kind)
}
