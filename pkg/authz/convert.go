package authz

import (
	"path"
	"slices"
	"strings"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"
	"github.com/docker/docker/api/types/swarm"
	"github.com/docker/docker/api/types/volume"

	"github.com/rungate/rungate/pkg/runspec"
)

// origin is where an authz spec's findings point: the request itself.
func origin(t target) runspec.Pos { return runspec.Pos{File: "request:" + t.Path} }

// createSpec makes the run spec of a container create body. Volume mounts
// whose local driver options bind a host directory are added as the binds
// they are, so the mount rules see them.
func createSpec(t target, req container.CreateRequest) *runspec.Spec {
	s := runspec.New(runspec.KindAuthz, origin(t))
	if req.HostConfig != nil {
		hc := *req.HostConfig
		hc.Mounts = withDriverBinds(hc.Mounts)
		req.HostConfig = &hc
	}
	s.Create = req
	s.Name = t.first("name")
	s.Platform = t.first("platform")
	return s
}

// withDriverBinds returns mounts with one bind mount added for each volume
// mount whose driver configuration binds a host path.
func withDriverBinds(ms []mount.Mount) []mount.Mount {
	var extra []mount.Mount
	for _, m := range ms {
		if m.Type != mount.TypeVolume || m.VolumeOptions == nil || m.VolumeOptions.DriverConfig == nil {
			continue
		}
		dc := m.VolumeOptions.DriverConfig
		if dev, ro, ok := localBind(dc.Name, dc.Options); ok {
			extra = append(extra, mount.Mount{Type: mount.TypeBind, Source: dev, Target: m.Target, ReadOnly: m.ReadOnly || ro})
		}
	}
	if len(extra) == 0 {
		return ms
	}
	return append(slices.Clone(ms), extra...)
}

// localBind reports whether a volume driver and its options bind a host
// path: the local driver mounts `device` with `o` as options, so o=bind (or
// rbind) or type=none is a bind mount of the device path.
func localBind(driver string, opts map[string]string) (device string, readOnly, ok bool) {
	if driver != "" && driver != "local" {
		return "", false, false
	}
	dev := opts["device"]
	if dev == "" {
		return "", false, false
	}
	bind := opts["type"] == "none"
	for _, o := range strings.Split(opts["o"], ",") {
		switch strings.TrimSpace(o) {
		case "bind", "rbind":
			bind = true
		case "ro":
			readOnly = true
		}
	}
	if !bind || !strings.HasPrefix(dev, "/") {
		return "", false, false
	}
	return dev, readOnly, true
}

// volumeSpec makes a run spec for a volume create that binds a host path:
// a container mounting it at /volume/<name>. The container is otherwise
// compliant (read-only root, bounded logs), so that only the mount is judged.
// ok is false when the volume binds nothing.
func volumeSpec(t target, opts volume.CreateOptions) (*runspec.Spec, bool) {
	dev, ro, ok := localBind(opts.Driver, opts.DriverOpts)
	if !ok {
		return nil, false
	}
	s := runspec.New(runspec.KindAuthz, origin(t))
	s.Create = container.CreateRequest{
		Config: &container.Config{Image: "volume"},
		HostConfig: &container.HostConfig{
			ReadonlyRootfs: true,
			LogConfig:      container.LogConfig{Type: "none"},
			Mounts: []mount.Mount{{
				Type: mount.TypeBind, Source: dev, ReadOnly: ro,
				Target: path.Join("/volume", path.Base("/"+opts.Name)),
			}},
		},
	}
	return s, true
}

// serviceSpec makes the run spec of the containers a swarm service would
// start: its task template's container spec in create-body shape. ok is
// false when the service has no container spec.
func serviceSpec(t target, svc swarm.ServiceSpec) (*runspec.Spec, bool) {
	cs := svc.TaskTemplate.ContainerSpec
	if cs == nil {
		return nil, false
	}
	cfg := &container.Config{
		Image: cs.Image, User: cs.User, Env: cs.Env, Labels: cs.Labels,
		Hostname: cs.Hostname, WorkingDir: cs.Dir, Tty: cs.TTY, OpenStdin: cs.OpenStdin,
		Cmd: append(slices.Clone(cs.Command), cs.Args...),
	}
	hc := &container.HostConfig{
		Mounts:         withDriverBinds(cs.Mounts),
		CapAdd:         cs.CapabilityAdd,
		CapDrop:        cs.CapabilityDrop,
		ReadonlyRootfs: cs.ReadOnly,
		GroupAdd:       cs.Groups,
		Sysctls:        cs.Sysctls,
		Init:           cs.Init,
	}
	if p := cs.Privileges; p != nil {
		if p.NoNewPrivileges {
			hc.SecurityOpt = append(hc.SecurityOpt, "no-new-privileges:true")
		}
		if p.Seccomp != nil && p.Seccomp.Mode == swarm.SeccompModeUnconfined {
			hc.SecurityOpt = append(hc.SecurityOpt, "seccomp=unconfined")
		}
		if p.AppArmor != nil && p.AppArmor.Mode == swarm.AppArmorModeDisabled {
			hc.SecurityOpt = append(hc.SecurityOpt, "apparmor=unconfined")
		}
	}
	if ld := svc.TaskTemplate.LogDriver; ld != nil {
		hc.LogConfig = container.LogConfig{Type: ld.Name, Config: ld.Options}
	}
	s := runspec.New(runspec.KindAuthz, origin(t))
	s.Create = container.CreateRequest{Config: cfg, HostConfig: hc}
	s.Name = svc.Name
	return s, true
}
