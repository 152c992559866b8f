package compose

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/go-connections/nat"
	"go.yaml.in/yaml/v3"

	"github.com/rungate/rungate/pkg/runspec"
)

// converter turns one loaded service into the create body docker compose
// would send for its first container, recording positions as it goes.
type converter struct {
	project *types.Project
	svc     types.ServiceConfig
	src     sources
	spec    *runspec.Spec
	cfg     *container.Config
	host    *container.HostConfig
	net     *network.NetworkingConfig
}

func convert(project *types.Project, svc types.ServiceConfig, src sources, origin runspec.Pos) *runspec.Spec {
	c := &converter{
		project: project, svc: svc, src: src,
		spec: runspec.New(runspec.KindCompose, origin),
		cfg:  &container.Config{}, host: &container.HostConfig{},
		net: &network.NetworkingConfig{},
	}
	c.spec.Name = svc.Name
	c.spec.Platform = svc.Platform
	c.spec.Built = svc.Build != nil
	c.config()
	c.security()
	c.namespaces()
	c.resources()
	c.logging()
	c.ports()
	c.volumes()
	c.spec.Create = container.CreateRequest{
		Config:           c.cfg,
		HostConfig:       c.host,
		NetworkingConfig: c.net,
	}
	c.markUnresolved()
	return c.spec
}

// field records where the compose setting at path set the create field.
func (c *converter) field(field string, path ...string) {
	if p, _ := c.src.key(path...); p.Known() {
		c.spec.SetPos(runspec.FieldKey(field), p)
	}
}

// value records where one list or map member was written: the list item
// that match accepts under path, else the setting's key.
func (c *converter) value(field, value string, match func(*yaml.Node) bool, path ...string) {
	if p := c.itemPos(match, path...); p.Known() {
		c.spec.SetPos(runspec.ValueKey(field, value), p)
	}
}

// itemPos is where the list item that match accepts was written, else
// where the setting's key was.
func (c *converter) itemPos(match func(*yaml.Node) bool, path ...string) runspec.Pos {
	if p := c.src.item(match, path...); p.Known() {
		return p
	}
	p, _ := c.src.key(path...)
	return p
}

func (c *converter) config() {
	s := c.svc
	c.cfg.Image = s.Image
	c.field("Config.Image", "image")
	c.cfg.User = s.User
	c.field("Config.User", "user")
	c.cfg.Hostname, c.cfg.Domainname = s.Hostname, s.DomainName
	c.cfg.WorkingDir = s.WorkingDir
	c.cfg.Tty, c.cfg.OpenStdin = s.Tty, s.StdinOpen
	c.cfg.StopSignal = s.StopSignal
	if len(s.Command) > 0 {
		c.cfg.Cmd = []string(s.Command)
		c.field("Config.Cmd", "command")
	}
	if len(s.Entrypoint) > 0 {
		c.cfg.Entrypoint = []string(s.Entrypoint)
		c.field("Config.Entrypoint", "entrypoint")
	}
	c.cfg.Env = envList(s.Environment)
	for _, kv := range c.cfg.Env {
		name, _, _ := strings.Cut(kv, "=")
		c.value("Config.Env", kv, scalarPrefix(name), "environment")
	}
	c.cfg.Labels = map[string]string{}
	for k, v := range s.Labels {
		c.cfg.Labels[k] = v
	}
	c.cfg.Labels["com.docker.compose.project"] = c.project.Name
	c.cfg.Labels["com.docker.compose.service"] = s.Name
	c.cfg.Labels["com.docker.compose.project.working_dir"] = c.project.WorkingDir
	c.cfg.Labels["com.docker.compose.project.config_files"] = strings.Join(c.project.ComposeFiles, ",")
	if hc := s.HealthCheck; hc != nil {
		c.cfg.Healthcheck = healthcheck(hc)
		c.field("Config.Healthcheck", "healthcheck")
	}
	c.host.RestartPolicy = restartPolicy(s)
	c.field("HostConfig.RestartPolicy", "deploy", "restart_policy")
	c.field("HostConfig.RestartPolicy", "restart")
	c.host.Init = s.Init
	c.host.Runtime = s.Runtime
	c.host.ExtraHosts = s.ExtraHosts.AsList(":")
	c.host.DNS, c.host.DNSSearch, c.host.DNSOptions = s.DNS, s.DNSSearch, s.DNSOpts
	c.host.Annotations = s.Annotations
	c.host.StorageOpt = s.StorageOpt
	c.host.CgroupParent = s.CgroupParent
	c.field("HostConfig.CgroupParent", "cgroup_parent")
	c.host.Isolation = container.Isolation(s.Isolation)
	c.host.VolumeDriver = s.VolumeDriver
	c.host.OomScoreAdj = int(s.OomScoreAdj)
}

// envList flattens the environment as KEY=VALUE, sorted; a variable with
// no value is sent as KEY, which the daemon drops.
func envList(env types.MappingWithEquals) []string {
	if len(env) == 0 {
		return nil
	}
	out := make([]string, 0, len(env))
	for k, v := range env {
		if v == nil {
			out = append(out, k)
			continue
		}
		out = append(out, k+"="+*v)
	}
	sort.Strings(out)
	return out
}

func healthcheck(hc *types.HealthCheckConfig) *container.HealthConfig {
	out := &container.HealthConfig{Test: hc.Test}
	if hc.Disable {
		out.Test = []string{"NONE"}
	}
	if hc.Interval != nil {
		out.Interval = time.Duration(*hc.Interval)
	}
	if hc.Timeout != nil {
		out.Timeout = time.Duration(*hc.Timeout)
	}
	if hc.StartPeriod != nil {
		out.StartPeriod = time.Duration(*hc.StartPeriod)
	}
	if hc.StartInterval != nil {
		out.StartInterval = time.Duration(*hc.StartInterval)
	}
	if hc.Retries != nil {
		out.Retries = int(*hc.Retries)
	}
	return out
}

// restartPolicy reads `restart: name[:max]`, then deploy.restart_policy,
// which wins when both are set, as in docker compose; the deploy
// conditions are mapped to the engine's names (any is always, none is no).
func restartPolicy(s types.ServiceConfig) container.RestartPolicy {
	var p container.RestartPolicy
	if s.Restart != "" {
		name, max, _ := strings.Cut(s.Restart, ":")
		n, _ := strconv.Atoi(max)
		p = container.RestartPolicy{Name: restartMode(name), MaximumRetryCount: n}
	}
	if s.Deploy != nil && s.Deploy.RestartPolicy != nil {
		rp := s.Deploy.RestartPolicy
		p = container.RestartPolicy{Name: restartMode(rp.Condition)}
		if rp.MaxAttempts != nil {
			p.MaximumRetryCount = int(*rp.MaxAttempts)
		}
	}
	return p
}

// restartMode maps a compose restart condition to the engine's name.
func restartMode(condition string) container.RestartPolicyMode {
	switch condition {
	case "none", "no":
		return container.RestartPolicyDisabled
	case "any", "always":
		return container.RestartPolicyAlways
	}
	return container.RestartPolicyMode(condition)
}

// exposed adds a port to Config.ExposedPorts.
func (c *converter) exposed(p nat.Port) {
	if c.cfg.ExposedPorts == nil {
		c.cfg.ExposedPorts = nat.PortSet{}
	}
	c.cfg.ExposedPorts[p] = struct{}{}
}

// markUnresolved marks the fields that still hold a ${VAR} placeholder.
func (c *converter) markUnresolved() {
	mark := func(key, v string) {
		if strings.Contains(v, "${") {
			c.spec.Unresolved[key] = true
		}
	}
	mark(runspec.FieldKey("Config.Image"), c.cfg.Image)
	mark(runspec.FieldKey("Config.User"), c.cfg.User)
	for _, b := range c.host.Binds {
		mark(runspec.ValueKey("HostConfig.Binds", b), b)
	}
	for i, m := range c.host.Mounts {
		mark(runspec.ValueKey("HostConfig.Mounts", strconv.Itoa(i)), m.Source)
	}
	mark(runspec.FieldKey("HostConfig.LogConfig.Type"), c.host.LogConfig.Type)
	mark(runspec.FieldKey("HostConfig.NetworkMode"), string(c.host.NetworkMode))
	mark(runspec.FieldKey("HostConfig.PidMode"), string(c.host.PidMode))
	for _, g := range c.host.GroupAdd {
		mark(runspec.ValueKey("HostConfig.GroupAdd", g), g)
	}
}

func itoa(n uint32) string { return strconv.FormatUint(uint64(n), 10) }
