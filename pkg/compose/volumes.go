package compose

import (
	"maps"
	"os"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/docker/docker/api/types/mount"
	"go.yaml.in/yaml/v3"
)

// volumes sends each volume as docker compose does: a plain bind (host path
// created if missing, no propagation, default recursion) or a plain named
// volume as a Binds string; anything else (propagation, create_host_path:
// false, nocopy, subpath, labels, anonymous, tmpfs and image volumes,
// secrets and configs) as a Mounts entry. Named volumes carry the name
// compose gave them, <project>_<name> unless declared otherwise.
func (c *converter) volumes() {
	for _, v := range c.svc.Volumes {
		match := volumeTarget(v.Target)
		switch v.Type {
		case types.VolumeTypeBind:
			if plainBind(v) {
				c.bind(bindString(v.Source, v.Target, v.ReadOnly, selinux(v)), match)
				continue
			}
			m := mount.Mount{Type: mount.TypeBind, Source: v.Source, Target: v.Target, ReadOnly: v.ReadOnly}
			if v.Bind != nil {
				m.BindOptions = &mount.BindOptions{
					Propagation:      mount.Propagation(v.Bind.Propagation),
					CreateMountpoint: bool(v.Bind.CreateHostPath),
				}
				recursive(m.BindOptions, v.Bind.Recursive)
			}
			c.mount(m, match, "volumes")
		case types.VolumeTypeVolume:
			c.volume(v, match)
		case types.VolumeTypeTmpfs:
			m := mount.Mount{Type: mount.TypeTmpfs, Target: v.Target, ReadOnly: v.ReadOnly}
			if v.Tmpfs != nil {
				m.TmpfsOptions = &mount.TmpfsOptions{SizeBytes: int64(v.Tmpfs.Size), Mode: fileMode(v.Tmpfs.Mode)}
			}
			c.mount(m, match, "volumes")
		default: // image, npipe, cluster: passed through
			m := mount.Mount{Type: mount.Type(v.Type), Source: v.Source, Target: v.Target, ReadOnly: v.ReadOnly}
			if v.Image != nil && v.Image.SubPath != "" {
				m.ImageOptions = &mount.ImageOptions{Subpath: v.Image.SubPath}
			}
			c.mount(m, match, "volumes")
		}
	}
	c.tmpfs()
	c.secrets()
	if c.svc.UseAPISocket {
		c.mount(mount.Mount{Type: mount.TypeBind, Source: "/var/run/docker.sock", Target: "/var/run/docker.sock"},
			func(*yaml.Node) bool { return false }, "use_api_socket")
	}
}

func plainBind(v types.ServiceVolumeConfig) bool {
	return v.Bind == nil || (bool(v.Bind.CreateHostPath) && v.Bind.Propagation == "" && v.Bind.Recursive == "")
}

func selinux(v types.ServiceVolumeConfig) string {
	if v.Bind == nil {
		return ""
	}
	return v.Bind.SELinux
}

// bindString is src:dst:rw|ro, with the SELinux relabel option if any.
func bindString(src, dst string, ro bool, extra ...string) string {
	opts := []string{"rw"}
	if ro {
		opts[0] = "ro"
	}
	for _, e := range extra {
		if e != "" {
			opts = append(opts, e)
		}
	}
	return src + ":" + dst + ":" + strings.Join(opts, ",")
}

func (c *converter) volume(v types.ServiceVolumeConfig, match func(*yaml.Node) bool) {
	name := v.Source
	pv, declared := c.project.Volumes[v.Source]
	if declared && pv.Name != "" {
		name = pv.Name
	}
	// Only a declared volume with no advanced option goes the Binds way;
	// an undeclared one (an error docker compose reports, kept here so
	// that it is still linted) goes to Mounts, as compose would build it.
	plain := v.Volume == nil || (len(v.Volume.Labels) == 0 && v.Volume.Subpath == "" && !v.Volume.NoCopy)
	// A source that is still a ${VAR} placeholder was taken for a volume
	// name only because its value is unknown; keep it as written, an
	// unresolved Binds entry, rather than guess its kind.
	unknown := strings.Contains(v.Source, "${")
	if drv := boundDriver(pv, declared); drv != nil && plain {
		// A volume of the local driver bound to a host path: compose creates
		// it before the container and sends its name alone. Sent here with
		// its driver options, as the daemon would create it from the mount,
		// so that the host path it exposes is judged like a bind's.
		m := mount.Mount{Type: mount.TypeVolume, Source: name, Target: v.Target, ReadOnly: v.ReadOnly,
			VolumeOptions: &mount.VolumeOptions{DriverConfig: drv}}
		c.mount(m, match, "volumes")
		return
	}
	if v.Source != "" && plain && (declared || unknown) {
		c.bind(bindString(name, v.Target, v.ReadOnly), match)
		return
	}
	m := mount.Mount{Type: mount.TypeVolume, Source: name, Target: v.Target, ReadOnly: v.ReadOnly}
	if !plain || v.Volume != nil && v.Volume.NoCopy {
		m.VolumeOptions = &mount.VolumeOptions{NoCopy: v.Volume.NoCopy, Labels: v.Volume.Labels, Subpath: v.Volume.Subpath}
	}
	c.mount(m, match, "volumes")
}

// boundDriver returns the driver of a declared, non-external volume of the
// local driver whose options bind it to a host path (o holding bind or
// rbind, and a device), else nil.
func boundDriver(pv types.VolumeConfig, declared bool) *mount.Driver {
	if !declared || bool(pv.External) || (pv.Driver != "" && pv.Driver != "local") || pv.DriverOpts["device"] == "" {
		return nil
	}
	for _, o := range strings.Split(pv.DriverOpts["o"], ",") {
		if o == "bind" || o == "rbind" {
			return &mount.Driver{Name: "local", Options: maps.Clone(pv.DriverOpts)}
		}
	}
	return nil
}

func recursive(o *mount.BindOptions, r string) {
	switch r {
	case "disabled":
		o.NonRecursive = true
	case "writable":
		o.ReadOnlyNonRecursive = true
	case "readonly":
		o.ReadOnlyForceRecursive = true
	}
}

func (c *converter) bind(b string, match func(*yaml.Node) bool) {
	c.host.Binds = append(c.host.Binds, b)
	c.value("HostConfig.Binds", b, match, "volumes")
}

func (c *converter) mount(m mount.Mount, match func(*yaml.Node) bool, attr string) {
	key := strconv.Itoa(len(c.host.Mounts))
	c.host.Mounts = append(c.host.Mounts, m)
	c.value("HostConfig.Mounts", key, match, attr)
}

// tmpfs sends `tmpfs: /path[:options]` entries as HostConfig.Tmpfs.
func (c *converter) tmpfs() {
	for _, t := range c.svc.Tmpfs {
		path, opts, _ := strings.Cut(t, ":")
		if c.host.Tmpfs == nil {
			c.host.Tmpfs = map[string]string{}
		}
		c.host.Tmpfs[path] = opts
		c.value("HostConfig.Tmpfs", path, pathPrefix(path), "tmpfs")
	}
}

// secrets bind-mounts file-based secrets read-only under /run/secrets and
// file-based configs at their target, as docker compose does.
func (c *converter) secrets() {
	for _, s := range c.svc.Secrets {
		def, ok := c.project.Secrets[s.Source]
		if !ok || def.File == "" {
			continue
		}
		target := s.Target
		if target == "" {
			target = "/run/secrets/" + s.Source
		} else if !strings.HasPrefix(target, "/") {
			target = "/run/secrets/" + target
		}
		c.mount(mount.Mount{Type: mount.TypeBind, Source: def.File, Target: target, ReadOnly: true},
			secretItem(s.Source), "secrets")
	}
	for _, s := range c.svc.Configs {
		def, ok := c.project.Configs[s.Source]
		if !ok || def.File == "" {
			continue
		}
		target := s.Target
		if target == "" {
			target = "/" + s.Source
		}
		c.mount(mount.Mount{Type: mount.TypeBind, Source: def.File, Target: target, ReadOnly: true},
			secretItem(s.Source), "configs")
	}
}

// secretItem matches `- name` and `- source: name`.
func secretItem(name string) func(*yaml.Node) bool {
	return func(n *yaml.Node) bool {
		if n.Kind == yaml.ScalarNode {
			return n.Value == name
		}
		_, s := lookup(n, "source")
		return s != nil && s.Value == name
	}
}

// fileMode converts a tmpfs mode as compose reads it.
func fileMode(m uint32) os.FileMode { return os.FileMode(m) }
