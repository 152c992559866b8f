package dockerrun

import (
	"fmt"
	"path/filepath"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/network"
	"github.com/spf13/pflag"

	"github.com/rungate/rungate/pkg/runspec"
)

// builder carries one parse: the flag values, where each came from, and the
// create body being assembled. Each step of build fills one flag family.
type builder struct {
	verb     verb
	origin   runspec.Pos
	workDir  string
	readFile func(string) ([]byte, error)
	lookup   func(string) (string, bool)

	fs    *pflag.FlagSet
	flags *runFlags
	occ   map[string][]occurrence // by canonical flag name, in command-line order

	spec    *runspec.Spec
	config  *container.Config
	host    *container.HostConfig
	netConf *network.NetworkingConfig
}

// parse turns the words after the verb into a spec.
func parse(v verb, args []runspec.Word, origin runspec.Pos, o Options) (*runspec.Spec, error) {
	wd := o.workDir()
	b := &builder{
		verb:     v,
		origin:   origin,
		workDir:  wd,
		readFile: o.reader(wd),
		lookup:   o.LookupEnv,
		occ:      map[string][]occurrence{},
		spec:     runspec.New(runspec.KindDockerRun, origin),
		config:   &container.Config{},
		host:     &container.HostConfig{},
		netConf:  &network.NetworkingConfig{},
	}
	b.fs, b.flags = newFlagSet(v, b.lookup)
	if err := b.parseFlags(args); err != nil {
		return nil, err
	}
	if err := b.build(); err != nil {
		return nil, err
	}
	b.spec.Create = container.CreateRequest{Config: b.config, HostConfig: b.host, NetworkingConfig: b.netConf}
	return b.spec, nil
}

// build runs the steps in the order the CLI checks things, so that a command
// with several faults is rejected for the same one the CLI reports first
// whenever that is cheap to keep.
func (b *builder) build() error {
	steps := []func() error{
		b.buildClient,
		b.buildVolumes,
		b.buildTmpfs,
		b.buildMounts,
		b.buildPorts,
		b.buildExpose,
		b.buildDevices,
		b.buildResources,
		b.buildNamespaces,
		b.buildEnv,
		b.buildLabels,
		b.buildStreams,
		b.buildConfig,
		b.buildHealth,
		b.buildSecurityOpts,
		b.buildCaps,
		b.buildStorageOpts,
		b.buildLogging,
		b.buildRestart,
		b.buildNetworks,
		b.buildHostLists,
		b.buildAPISocket,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	b.markFlagFields()
	return nil
}

// parseFlags runs pflag over the words, recording where each value came from,
// then takes the image and command from the first non-flag word on.
func (b *builder) parseFlags(args []runspec.Word) error {
	texts := make([]string, len(args))
	for i, w := range args {
		texts[i] = w.Text
	}
	locs, bad := locateFlags(b.fs, texts)

	n := 0
	var setErr error
	err := b.fs.ParseAll(texts, func(flag *pflag.Flag, value string) error {
		o := b.occurrenceAt(args, locs, n, flag.Name)
		n++
		// Some flag types keep a half-parsed value when Set fails, so an
		// unresolved value is tried on a scratch flag set first.
		if o.unresolved && !b.accepts(flag.Name, value) {
			b.skipUnresolved(flagKey(flag.Name), o)
			return nil
		}
		if err := b.fs.Set(flag.Name, value); err != nil {
			setErr = &Error{Pos: o.pos, Msg: err.Error(), err: err}
			return setErr
		}
		o.raw, o.stored = value, value
		if list, ok := flag.Value.(interface{ GetSlice() []string }); ok {
			if s := list.GetSlice(); len(s) > 0 {
				o.stored = s[len(s)-1]
			}
		}
		name := canonicalFlag(flag.Name)
		b.occ[name] = append(b.occ[name], o)
		return nil
	})
	switch {
	case setErr != nil:
		return setErr
	case err != nil:
		pos := b.origin
		if bad >= 0 {
			pos = args[bad].Pos
		}
		return &Error{Pos: pos, Msg: err.Error(), err: err}
	}

	if b.flags.help {
		// `docker run --help` prints usage and creates nothing.
		return fmt.Errorf("docker %s --help: %w", b.verb, ErrNotRun)
	}
	rest := b.fs.Args()
	if len(rest) == 0 {
		return rejectf(b.origin, "docker: 'docker %s' requires at least 1 argument", b.verb)
	}
	return b.takeImage(args[len(args)-len(rest):])
}

// occurrenceAt ties the n-th value pflag hands out to the words it came from.
func (b *builder) occurrenceAt(args []runspec.Word, locs []located, n int, name string) occurrence {
	if n >= len(locs) || locs[n].name != name {
		// Cannot happen while locateFlags mirrors pflag; stay usable if not.
		return occurrence{pos: b.origin}
	}
	flag, value := args[locs[n].word], args[locs[n].value]
	return occurrence{pos: flag.Pos, unresolved: flag.Unresolved || value.Unresolved}
}

// accepts reports whether a flag would take value, without touching the
// parse's own flags.
func (b *builder) accepts(name, value string) bool {
	scratch, _ := newFlagSet(b.verb, b.lookup)
	return scratch.Set(name, value) == nil
}

// takeImage records the image and the command after it.
func (b *builder) takeImage(words []runspec.Word) error {
	img := words[0]
	key := runspec.FieldKey("Image")
	b.mark(key, occurrence{pos: img.Pos, unresolved: img.Unresolved})
	b.mark(runspec.FieldKey("Config.Image"), occurrence{pos: img.Pos, unresolved: img.Unresolved})
	// A placeholder such as ${IMAGE} is not a reference; only a known image
	// name can be judged.
	if !img.Unresolved {
		if err := validateReference(img.Text); err != nil {
			return &Error{Pos: img.Pos, Msg: err.Error(), err: err}
		}
	}
	b.config.Image = img.Text
	if len(words) > 1 {
		for _, w := range words[1:] {
			b.config.Cmd = append(b.config.Cmd, w.Text)
			if w.Unresolved {
				b.spec.Unresolved[runspec.FieldKey("Config.Cmd")] = true
			}
		}
		b.spec.SetPos(runspec.FieldKey("Config.Cmd"), words[1].Pos)
	}
	return nil
}

// skipUnresolved decides what to do with a value the CLI would reject: when
// the words that set it hold an unresolved variable, the rejection may be an
// artefact of the placeholder, so the value is left out and key marked
// unknown instead. It reports whether the value was skipped.
func (b *builder) skipUnresolved(key string, o occurrence) bool {
	if !o.unresolved {
		return false
	}
	b.spec.SetPos(key, o.pos)
	b.spec.Unresolved[key] = true
	return true
}

// keep decides the fate of a value the CLI checks: kept when err is nil;
// left out, with key marked unknown, when err may be an artefact of an
// unresolved placeholder (see skipUnresolved); otherwise rejected at o.
func (b *builder) keep(key string, o occurrence, err error) (bool, error) {
	if err == nil {
		return true, nil
	}
	if b.skipUnresolved(key, o) {
		return false, nil
	}
	return false, &Error{Pos: o.pos, Msg: "docker: " + err.Error(), err: err}
}

// flagKey is the key marked unknown when a flag's unresolved value fails.
func flagKey(flag string) string {
	keys, _ := fieldsOf(canonicalFlag(flag))
	if len(keys) == 0 {
		return runspec.FieldKey(flag)
	}
	return runspec.FieldKey(keys[0])
}

// changed reports whether a flag (or its hidden alias) was given.
func (b *builder) changed(name string) bool { return len(b.occ[name]) > 0 }

// last is the occurrence that set a single-valued flag.
func (b *builder) last(name string) occurrence {
	occs := b.occ[name]
	if len(occs) == 0 {
		return occurrence{pos: b.origin}
	}
	return occs[len(occs)-1]
}

// abs makes a relative host path absolute against the CLI's directory.
func (b *builder) abs(p string) string {
	if filepath.IsAbs(p) || b.workDir == "" {
		return p
	}
	return filepath.Join(b.workDir, p)
}
