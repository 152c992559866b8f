package dockerrun

import (
	"github.com/docker/docker/api/types/container"
)

// buildStreams sets the stdio fields. Without -a the CLI attaches stdout and
// stderr; -i adds stdin and keeps it open; stdin is closed after the first
// attach ends when it is both open and attached. `docker run -d` attaches
// nothing.
func (b *builder) buildStreams() error {
	f, c := b.flags, b.config
	c.AttachStdin = f.attach.Get("stdin") || f.interactive
	c.AttachStdout = f.attach.Get("stdout")
	c.AttachStderr = f.attach.Get("stderr")
	if f.attach.Len() == 0 {
		c.AttachStdout, c.AttachStderr = true, true
	}
	c.OpenStdin = f.interactive
	c.Tty = f.tty
	c.StdinOnce = c.OpenStdin && c.AttachStdin
	if b.verb == verbRun && f.detach {
		c.AttachStdin, c.AttachStdout, c.AttachStderr, c.StdinOnce = false, false, false, false
	}
	return nil
}

// buildConfig copies the plain Config strings. An --entrypoint given, even
// empty, replaces the image's; StopTimeout is only sent when given.
func (b *builder) buildConfig() error {
	f, c := b.flags, b.config
	c.User = f.user
	c.WorkingDir = f.workdir
	c.Hostname = f.hostname
	c.Domainname = f.domainname
	c.StopSignal = f.stopSignal
	if b.changed("entrypoint") {
		c.Entrypoint = []string{f.entrypoint}
	}
	if b.changed("stop-timeout") {
		timeout := f.stopTimeout
		c.StopTimeout = &timeout
	}
	return nil
}

// buildHealth builds Config.Healthcheck from the --health-* flags, or the
// NONE test from --no-healthcheck; with neither the image's check applies
// and nothing is sent.
func (b *builder) buildHealth() error {
	f := b.flags
	given := f.healthCmd != "" || f.healthInterval != 0 || f.healthTimeout != 0 ||
		f.healthStartPeriod != 0 || f.healthStartInterval != 0 || f.healthRetries != 0
	if f.noHealthcheck {
		if given {
			return rejectf(b.last("no-healthcheck").pos, "docker: --no-healthcheck conflicts with --health-* options")
		}
		b.config.Healthcheck = &container.HealthConfig{Test: []string{"NONE"}}
		return nil
	}
	if !given {
		return nil
	}
	negative := []struct {
		flag     string
		negative bool
	}{
		{"health-interval", f.healthInterval < 0},
		{"health-timeout", f.healthTimeout < 0},
		{"health-retries", f.healthRetries < 0},
		{"health-start-period", f.healthStartPeriod < 0},
		{"health-start-interval", f.healthStartInterval < 0},
	}
	for _, n := range negative {
		if n.negative {
			return rejectf(b.last(n.flag).pos, "docker: --%s cannot be negative", n.flag)
		}
	}
	h := &container.HealthConfig{
		Interval:      f.healthInterval,
		Timeout:       f.healthTimeout,
		StartPeriod:   f.healthStartPeriod,
		StartInterval: f.healthStartInterval,
		Retries:       f.healthRetries,
	}
	if f.healthCmd != "" {
		h.Test = []string{"CMD-SHELL", f.healthCmd}
	}
	b.config.Healthcheck = h
	return nil
}
