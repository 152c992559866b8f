package authz

import (
	"context"
	"fmt"
	"strings"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/swarm"
	"github.com/docker/docker/api/types/volume"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
)

// Rule ids of the checks the plugin makes itself, on requests that are not
// a container spec.
const (
	RuleExecPrivileged = "exec-privileged"
	RuleExecRoot       = "exec-root-user"
	RuleArchiveWrite   = "archive-write"
	RulePluginInstall  = "plugin-install"
	RuleBuildNetwork   = "build-network"
)

// verdict is what judging one request found. A non-empty reason means the
// request could not be judged and is denied whatever the findings.
type verdict struct {
	findings []engine.Finding
	reason   string
}

func failClosed(format string, args ...any) verdict {
	return verdict{reason: fmt.Sprintf(format, args...)}
}

// judge decides on one write request to a known route.
func (h *Handler) judge(ctx context.Context, p *Policy, rt route, t target, segs []string, method string, body []byte) verdict {
	switch rt.act {
	case actAllow:
		return verdict{}
	case actCreate:
		var req container.CreateRequest
		if err := decodeBody(body, &req); err != nil {
			return failClosed("container create: %v", err)
		}
		return h.judgeSpec(ctx, p, createSpec(t, req))
	case actExec:
		var opts container.ExecOptions
		if err := decodeBody(body, &opts); err != nil {
			return failClosed("exec create: %v", err)
		}
		return judgeExec(opts)
	case actUpdate:
		// An update carries only resources and the restart policy: it can
		// lift limits but not add privilege (see update.go).
		var upd container.UpdateConfig
		if err := decodeBody(body, &upd); err != nil {
			return failClosed("container update: %v", err)
		}
		return judgeUpdate(ctx, p, t, segs[1], upd) // segs[1]: the route's *, the container
	case actArchive:
		if h.opts.AllowArchive {
			return verdict{}
		}
		return verdict{findings: []engine.Finding{{
			Rule: RuleArchiveWrite, Severity: engine.High, Title: "Copy into a container",
			Message:     "docker cp into a container (PUT archive, path " + t.first("path") + ") writes files rungate cannot see.",
			Remediation: "Build the files into the image or mount them read-only; allow archive writes with --allow-archive.",
		}}}
	case actVolume:
		var opts volume.CreateOptions
		if err := decodeBody(body, &opts); err != nil {
			return failClosed("volume create: %v", err)
		}
		spec, ok := volumeSpec(t, opts)
		if !ok {
			return verdict{}
		}
		return h.judgeSpec(ctx, p, spec)
	case actService:
		var svc swarm.ServiceSpec
		if err := decodeBody(body, &svc); err != nil {
			return failClosed("service spec: %v", err)
		}
		if svc.TaskTemplate.Runtime == swarm.RuntimePlugin {
			return verdict{findings: []engine.Finding{pluginFinding("a swarm service with the plugin runtime")}}
		}
		spec, ok := serviceSpec(t, svc)
		if !ok {
			return failClosed("service spec: no container spec to judge")
		}
		return h.judgeSpec(ctx, p, spec)
	case actBuild:
		return judgeBuild(t.first("networkmode"))
	case actPluginInstall:
		ref := t.first("remote")
		if ref == "" {
			ref = t.first("name")
		}
		if rt.pattern[len(rt.pattern)-1] == "upgrade" {
			ref = pluginName(segs, method)
		}
		if ref != "" && pluginAllowed(ref, h.opts.AllowPlugins) {
			return verdict{}
		}
		return verdict{findings: []engine.Finding{pluginFinding("installing plugin " + quoteOr(ref))}}
	case actPluginEnable:
		ref := pluginName(segs, method)
		if isSelf(ref, h.opts.SelfNames) || pluginAllowed(ref, h.opts.AllowPlugins) {
			return verdict{}
		}
		return verdict{findings: []engine.Finding{pluginFinding("enabling plugin " + quoteOr(ref))}}
	case actPluginManage:
		ref := pluginName(segs, method)
		if isSelf(ref, h.opts.SelfNames) {
			return verdict{findings: []engine.Finding{selfFinding(
				"the request would disable, reconfigure or remove plugin "+quoteOr(ref)+", which may be rungate: dockerd then stops asking it.",
				"Stop rungate from the host (systemd or daemon.json), not through the API; refer to other plugins by name, not id.")}}
		}
		return verdict{}
	}
	return failClosed("no decision for route %s", t.Path)
}

// judgeSpec runs the engine on a container spec, plus the self-protection
// check on its mounts.
func (h *Handler) judgeSpec(ctx context.Context, p *Policy, spec *runspec.Spec) verdict {
	fs, err := p.Engine.Evaluate(ctx, spec, p.Daemon)
	if err != nil {
		return failClosed("policy: %v", err)
	}
	return verdict{findings: append(fs, selfMounts(spec, h.protected)...)}
}

// judgeExec checks an exec: a privileged exec or one as root gets what the
// container was created without.
func judgeExec(opts container.ExecOptions) verdict {
	var v verdict
	if opts.Privileged {
		v.findings = append(v.findings, engine.Finding{
			Rule: RuleExecPrivileged, Severity: engine.Critical, Title: "Privileged exec",
			Message:     "docker exec --privileged gives the process every capability and the host's devices.",
			Remediation: "Drop --privileged from docker exec.",
		})
	}
	if rootUser(opts.User) {
		v.findings = append(v.findings, engine.Finding{
			Rule: RuleExecRoot, Severity: engine.High, Title: "Exec as root",
			Message:     "docker exec --user " + opts.User + " runs the process as root.",
			Remediation: "Exec as the container's own user: drop --user or name an unprivileged one.",
		})
	}
	return v
}

// rootUser reports whether a user spec ("name[:group]", "uid[:gid]") is root.
func rootUser(u string) bool {
	name, _, _ := strings.Cut(strings.TrimSpace(u), ":")
	if name == "root" {
		return true
	}
	if name == "" || strings.Trim(name, "0") != "" {
		return false
	}
	return true // "0", "00", ...
}

// judgeBuild checks the network a build's RUN steps get (POST /build
// ?networkmode=, `docker build --network`): the host's, like host-network
// on a container, or another container's. The tar body, the build context,
// is never forwarded to a plugin; BuildKit sessions (/session, /grpc) are
// not seen at all. The mode is compared without case: dockerd's builders
// take "host" exactly, and a spelling they reject costs nothing to refuse.
func judgeBuild(mode string) verdict {
	switch {
	case strings.EqualFold(mode, "host"):
		return verdict{findings: []engine.Finding{{
			Rule: RuleBuildNetwork, Severity: engine.High, Title: "Build on the host's network",
			Message:     "docker build --network host (POST /build?networkmode=host) runs every RUN step in the host's network namespace: it reaches services bound to the host's loopback and sees its interfaces.",
			Remediation: "Build on the default network; fetch what the build needs through it or from a build context.",
		}}}
	case len(mode) > len("container:") && strings.EqualFold(mode[:len("container:")], "container:"):
		return verdict{findings: []engine.Finding{{
			Rule: RuleBuildNetwork, Severity: engine.Medium, Title: "Build in another container's network",
			Message:     fmt.Sprintf("docker build --network %s runs every RUN step in that container's network namespace, with what it can reach.", mode),
			Remediation: "Build on the default network.",
		}}}
	}
	return verdict{}
}

func pluginFinding(what string) engine.Finding {
	return engine.Finding{
		Rule: RulePluginInstall, Severity: engine.High, Title: "Plugin installation",
		Message:     what + " runs new code with dockerd's privileges.",
		Remediation: "Install plugins from the host, or allow-list the plugin with --allow-plugin.",
	}
}

func quoteOr(s string) string {
	if s == "" {
		return "(unnamed)"
	}
	return fmt.Sprintf("%q", s)
}
