package dockerrun

import (
	"errors"
	"fmt"
	"strings"

	"github.com/docker/cli/opts"
	"github.com/docker/docker/api/types/container"

	"github.com/rungate/rungate/pkg/runspec"
)

// buildClient handles what the CLI itself acts on before sending anything:
// the container name and platform (query parameters), --pull, and the
// conflicts only `docker run` has.
func (b *builder) buildClient() error {
	f := b.flags
	b.spec.Name = f.name
	platform := f.platform
	if !b.changed("platform") && b.lookup != nil {
		// The flag's default is the CLI's DOCKER_DEFAULT_PLATFORM.
		platform, _ = b.lookup("DOCKER_DEFAULT_PLATFORM")
	}
	if platform != "" {
		p, err := normalizePlatform(platform)
		if err != nil {
			err = fmt.Errorf("error parsing specified platform: %w", err)
		}
		keep, rerr := b.keep(runspec.FieldKey("Platform"), b.last("platform"), err)
		switch {
		case rerr != nil:
			return rerr
		case keep:
			b.spec.Platform = p
		default:
			b.spec.Platform = platform // keep the placeholder visible
		}
	}
	switch f.pull {
	case "", "always", "missing", "never":
	default:
		if _, rerr := b.keep(runspec.FieldKey("Pull"), b.last("pull"),
			fmt.Errorf(`invalid pull option: '%s': must be one of "always", "missing" or "never"`, f.pull)); rerr != nil {
			return rerr
		}
	}
	if b.verb == verbRun && f.detach && f.attach.Len() > 0 {
		return rejectf(b.last("detach").pos, "docker: conflicting options: cannot specify both --attach and --detach")
	}
	return nil
}

// buildNamespaces copies the namespace modes. The CLI checks pid, uts, userns
// and cgroupns; any --ipc value goes through to the daemon.
func (b *builder) buildNamespaces() error {
	f := b.flags
	b.host.PidMode = container.PidMode(f.pidMode)
	b.host.IpcMode = container.IpcMode(f.ipcMode)
	b.host.UTSMode = container.UTSMode(f.utsMode)
	b.host.UsernsMode = container.UsernsMode(f.usernsMode)
	b.host.CgroupnsMode = container.CgroupnsMode(f.cgroupnsMode)
	checks := []struct {
		flag, key, what string
		valid           bool
	}{
		{"pid", "HostConfig.PidMode", "PID", b.host.PidMode.Valid()},
		{"uts", "HostConfig.UTSMode", "UTS", b.host.UTSMode.Valid()},
		{"userns", "HostConfig.UsernsMode", "USER", b.host.UsernsMode.Valid()},
		{"cgroupns", "HostConfig.CgroupnsMode", "CGROUP", b.host.CgroupnsMode.Valid()},
	}
	for _, c := range checks {
		if c.valid {
			continue
		}
		if _, rerr := b.keep(runspec.FieldKey(c.key), b.last(c.flag), fmt.Errorf("--%s: invalid %s mode", c.flag, c.what)); rerr != nil {
			return rerr
		}
	}
	return nil
}

// buildStorageOpts fills HostConfig.StorageOpt; each value must be key=value.
func (b *builder) buildStorageOpts() error {
	for _, o := range b.occ["storage-opt"] {
		k, v, ok := strings.Cut(o.raw, "=")
		keep, rerr := b.keep(runspec.FieldKey("HostConfig.StorageOpt"), o, boolErr(ok, "invalid storage option"))
		if rerr != nil {
			return rerr
		}
		if !keep {
			continue
		}
		if b.host.StorageOpt == nil {
			b.host.StorageOpt = map[string]string{}
		}
		b.host.StorageOpt[k] = v
		b.mark(runspec.ValueKey("HostConfig.StorageOpt", k), o)
	}
	return nil
}

// buildLogging fills LogConfig: the driver as given (empty means the daemon
// default) and the options as a map; the none driver takes no options.
func (b *builder) buildLogging() error {
	b.host.LogConfig.Type = b.flags.logDriver
	b.host.LogConfig.Config = b.kvMap("log-opt", "HostConfig.LogConfig.Config", map[string]string{})
	if b.flags.logDriver == "none" && b.changed("log-opt") {
		return rejectf(b.last("log-driver").pos, "docker: invalid logging opts for driver none")
	}
	return nil
}

// buildRestart parses --restart with the CLI's parser; --rm only goes with
// no restart policy.
func (b *builder) buildRestart() error {
	policy, err := opts.ParseRestartPolicy(b.flags.restart)
	keep, rerr := b.keep(runspec.FieldKey("HostConfig.RestartPolicy"), b.last("restart"), err)
	if rerr != nil {
		return rerr
	}
	if !keep {
		policy = container.RestartPolicy{Name: container.RestartPolicyDisabled}
	}
	b.host.RestartPolicy = policy
	b.host.AutoRemove = b.flags.autoRemove
	if b.host.AutoRemove && !policy.IsNone() {
		return rejectf(b.last("restart").pos, "docker: conflicting options: cannot specify both --restart and --rm")
	}
	return nil
}

// buildHostLists copies the remaining HostConfig settings, which the CLI
// passes through as given (their flag types already validated them).
func (b *builder) buildHostLists() error {
	f, h := b.flags, b.host
	h.Privileged = f.privileged
	h.ReadonlyRootfs = f.readOnly
	h.PublishAllPorts = f.publishAll
	h.ContainerIDFile = f.cidFile
	h.VolumeDriver = f.volumeDriver
	h.Runtime = f.runtime
	h.Isolation = container.Isolation(f.isolation)
	if b.changed("init") {
		initValue := f.init
		h.Init = &initValue
	}
	h.VolumesFrom = b.listValues("volumes-from", "HostConfig.VolumesFrom")
	h.GroupAdd = b.listValues("group-add", "HostConfig.GroupAdd")
	h.Links = nilIfEmpty(f.links.GetSlice())
	h.ExtraHosts = nilIfEmpty(f.extraHosts.GetSlice())
	// The DNS lists are sent as [] when empty.
	h.DNS = f.dns.GetAllOrEmpty()
	h.DNSOptions = f.dnsOptions.GetAllOrEmpty()
	h.DNSSearch = f.dnsSearch.GetAllOrEmpty()
	h.Sysctls = b.kvMap("sysctl", "HostConfig.Sysctls", nil)
	h.Annotations = b.kvMap("annotation", "HostConfig.Annotations", nil)
	return nil
}

// listValues returns a list flag's stored values, nil when none, recording
// each value's position under field.
func (b *builder) listValues(flag, field string) []string {
	var out []string
	for _, o := range b.occ[flag] {
		out = append(out, o.stored)
		b.mark(runspec.ValueKey(field, o.stored), o)
	}
	return out
}

// kvMap fills a map from key=value strings (a bare key maps to ""), later
// values winning, and records each key's position.
func (b *builder) kvMap(flag, field string, into map[string]string) map[string]string {
	for _, o := range b.occ[flag] {
		if into == nil {
			into = map[string]string{}
		}
		k, v, _ := strings.Cut(o.stored, "=")
		into[k] = v
		b.mark(runspec.ValueKey(field, k), o)
	}
	return into
}

// boolErr is nil when ok, else an error with msg.
func boolErr(ok bool, msg string) error {
	if ok {
		return nil
	}
	return errors.New(msg)
}
