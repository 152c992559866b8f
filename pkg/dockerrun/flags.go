package dockerrun

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/docker/cli/opts"
	"github.com/docker/docker/api/types/container"
	"github.com/spf13/pflag"
)

// verb is the docker subcommand. run and create take the same flags except
// the few that only matter when the CLI attaches to the container.
type verb string

const (
	verbRun    verb = "run"
	verbCreate verb = "create"
)

// runFlags holds the value of every flag docker 28 `run` and `create` accept.
// List, map and structured flags use the docker CLI's own pflag.Value types so
// that per-value validation (and its error text) is the CLI's.
type runFlags struct {
	// Streams and lifecycle.
	attach      opts.ListOpts
	detach      bool   // run only
	detachKeys  string // run only
	sigProxy    bool   // run only
	interactive bool
	tty         bool
	autoRemove  bool
	init        bool
	help        bool

	// Client-only options: they change what the CLI does, not the body.
	name                string
	platform            string
	pull                string
	quiet               bool
	disableContentTrust bool
	cidFile             string
	useAPISocket        bool

	// Container configuration.
	entrypoint  string
	user        string
	workdir     string
	hostname    string
	domainname  string
	stopSignal  string
	stopTimeout int
	env         opts.ListOpts
	envFile     opts.ListOpts
	labels      opts.ListOpts
	labelFile   opts.ListOpts
	annotations *opts.MapOpts

	// Health check.
	healthCmd           string
	healthInterval      time.Duration
	healthTimeout       time.Duration
	healthStartPeriod   time.Duration
	healthStartInterval time.Duration
	healthRetries       int
	noHealthcheck       bool

	// Storage.
	volumes      opts.ListOpts
	mounts       mountList
	tmpfs        opts.ListOpts
	volumesFrom  opts.ListOpts
	volumeDriver string
	readOnly     bool
	storageOpt   opts.ListOpts

	// Security and namespaces.
	privileged   bool
	capAdd       opts.ListOpts
	capDrop      opts.ListOpts
	securityOpt  opts.ListOpts
	groupAdd     opts.ListOpts
	pidMode      string
	ipcMode      string
	utsMode      string
	usernsMode   string
	cgroupnsMode string
	cgroupParent string
	runtime      string
	isolation    string
	sysctls      *opts.MapOpts

	// Devices.
	devices           opts.ListOpts
	deviceCgroupRules opts.ListOpts
	gpus              opts.GpuOpts

	// Networking.
	network      opts.NetworkOpt
	aliases      opts.ListOpts
	links        opts.ListOpts
	linkLocalIPs opts.ListOpts
	ipv4         string
	ipv6         string
	macAddress   string
	dns          opts.ListOpts
	dnsOptions   opts.ListOpts
	dnsSearch    opts.ListOpts
	extraHosts   opts.ListOpts
	publish      opts.ListOpts
	publishAll   bool
	expose       opts.ListOpts

	// Logging and restart.
	logDriver string
	logOpts   opts.ListOpts
	restart   string

	// Resources.
	memory             opts.MemBytes
	memoryReservation  opts.MemBytes
	memorySwap         opts.MemSwapBytes
	memorySwappiness   int64
	kernelMemory       opts.MemBytes
	shmSize            opts.MemBytes
	oomKillDisable     bool
	oomScoreAdj        int
	pidsLimit          int64
	cpus               opts.NanoCPUs
	cpuShares          int64
	cpuPeriod          int64
	cpuQuota           int64
	cpuRealtimePeriod  int64
	cpuRealtimeRuntime int64
	cpusetCpus         string
	cpusetMems         string
	blkioWeight        uint16
	blkioWeightDevice  opts.WeightdeviceOpt
	deviceReadBps      opts.ThrottledeviceOpt
	deviceWriteBps     opts.ThrottledeviceOpt
	deviceReadIOps     opts.ThrottledeviceOpt
	deviceWriteIOps    opts.ThrottledeviceOpt
	ulimits            *opts.UlimitOpt

	// Windows-only resources: the CLI refuses them for a Linux daemon.
	cpuCount       int64
	cpuPercent     int64
	ioMaxBandwidth opts.MemBytes
	ioMaxIOps      uint64
}

// newFlagSet registers the flags of `docker <v>` on a fresh FlagSet. lookup
// resolves `-e KEY` from the environment the CLI would run in.
func newFlagSet(v verb, lookup func(string) (string, bool)) (*pflag.FlagSet, *runFlags) {
	f := &runFlags{
		attach:            opts.NewListOpts(validateAttach),
		env:               opts.NewListOpts(envValidator(lookup)),
		envFile:           opts.NewListOpts(nil),
		labels:            opts.NewListOpts(opts.ValidateLabel),
		labelFile:         opts.NewListOpts(nil),
		annotations:       opts.NewMapOpts(nil, nil),
		volumes:           opts.NewListOpts(nil),
		tmpfs:             opts.NewListOpts(nil),
		volumesFrom:       opts.NewListOpts(nil),
		storageOpt:        opts.NewListOpts(nil),
		capAdd:            opts.NewListOpts(nil),
		capDrop:           opts.NewListOpts(nil),
		securityOpt:       opts.NewListOpts(nil),
		groupAdd:          opts.NewListOpts(nil),
		sysctls:           opts.NewMapOpts(nil, opts.ValidateSysctl),
		devices:           opts.NewListOpts(nil),
		deviceCgroupRules: opts.NewListOpts(validateDeviceCgroupRule),
		aliases:           opts.NewListOpts(nil),
		links:             opts.NewListOpts(opts.ValidateLink),
		linkLocalIPs:      opts.NewListOpts(nil),
		dns:               opts.NewListOpts(opts.ValidateIPAddress),
		dnsOptions:        opts.NewListOpts(nil),
		dnsSearch:         opts.NewListOpts(opts.ValidateDNSSearch),
		extraHosts:        opts.NewListOpts(opts.ValidateExtraHost),
		publish:           opts.NewListOpts(nil),
		expose:            opts.NewListOpts(nil),
		logOpts:           opts.NewListOpts(nil),
		blkioWeightDevice: opts.NewWeightdeviceOpt(opts.ValidateWeightDevice),
		deviceReadBps:     opts.NewThrottledeviceOpt(opts.ValidateThrottleBpsDevice),
		deviceWriteBps:    opts.NewThrottledeviceOpt(opts.ValidateThrottleBpsDevice),
		deviceReadIOps:    opts.NewThrottledeviceOpt(opts.ValidateThrottleIOpsDevice),
		deviceWriteIOps:   opts.NewThrottledeviceOpt(opts.ValidateThrottleIOpsDevice),
		ulimits:           opts.NewUlimitOpt(nil),
	}

	fs := pflag.NewFlagSet("docker "+string(v), pflag.ContinueOnError)
	// Like the CLI: the first non-flag word is the image and everything after
	// it, flags included, is the command.
	fs.SetInterspersed(false)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}

	f.registerStreams(fs, v)
	f.registerClient(fs)
	f.registerConfig(fs)
	f.registerStorage(fs)
	f.registerSecurity(fs)
	f.registerNetwork(fs)
	f.registerResources(fs)
	return fs, f
}

func (f *runFlags) registerStreams(fs *pflag.FlagSet, v verb) {
	fs.VarP(&f.attach, "attach", "a", "Attach to STDIN, STDOUT or STDERR")
	fs.BoolVarP(&f.interactive, "interactive", "i", false, "Keep STDIN open even if not attached")
	fs.BoolVarP(&f.tty, "tty", "t", false, "Allocate a pseudo-TTY")
	fs.BoolVar(&f.autoRemove, "rm", false, "Automatically remove the container when it exits")
	fs.BoolVar(&f.init, "init", false, "Run an init inside the container")
	fs.BoolVar(&f.help, "help", false, "Print usage")
	if v == verbRun {
		fs.BoolVarP(&f.detach, "detach", "d", false, "Run container in background")
		fs.StringVar(&f.detachKeys, "detach-keys", "", "Override the key sequence for detaching a container")
		fs.BoolVar(&f.sigProxy, "sig-proxy", true, "Proxy received signals to the process")
	}
}

func (f *runFlags) registerClient(fs *pflag.FlagSet) {
	fs.StringVar(&f.name, "name", "", "Assign a name to the container")
	fs.StringVar(&f.platform, "platform", "", "Set platform if server is multi-platform capable")
	fs.StringVar(&f.pull, "pull", "missing", "Pull image before running")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "Suppress the pull output")
	fs.BoolVar(&f.disableContentTrust, "disable-content-trust", true, "Skip image verification")
	fs.StringVar(&f.cidFile, "cidfile", "", "Write the container ID to the file")
	fs.BoolVar(&f.useAPISocket, "use-api-socket", false, "Bind mount Docker API socket and required auth")
}

func (f *runFlags) registerConfig(fs *pflag.FlagSet) {
	fs.StringVar(&f.entrypoint, "entrypoint", "", "Overwrite the default ENTRYPOINT of the image")
	fs.StringVarP(&f.user, "user", "u", "", "Username or UID")
	fs.StringVarP(&f.workdir, "workdir", "w", "", "Working directory inside the container")
	fs.StringVarP(&f.hostname, "hostname", "h", "", "Container host name")
	fs.StringVar(&f.domainname, "domainname", "", "Container NIS domain name")
	fs.StringVar(&f.stopSignal, "stop-signal", "", "Signal to stop the container")
	fs.IntVar(&f.stopTimeout, "stop-timeout", 0, "Timeout (in seconds) to stop a container")
	fs.VarP(&f.env, "env", "e", "Set environment variables")
	fs.Var(&f.envFile, "env-file", "Read in a file of environment variables")
	fs.VarP(&f.labels, "label", "l", "Set meta data on a container")
	fs.Var(&f.labelFile, "label-file", "Read in a line delimited file of labels")
	fs.Var(f.annotations, "annotation", "Add an annotation to the container")

	fs.StringVar(&f.healthCmd, "health-cmd", "", "Command to run to check health")
	fs.DurationVar(&f.healthInterval, "health-interval", 0, "Time between running the check")
	fs.DurationVar(&f.healthTimeout, "health-timeout", 0, "Maximum time to allow one check to run")
	fs.DurationVar(&f.healthStartPeriod, "health-start-period", 0, "Start period for the container to initialize")
	fs.DurationVar(&f.healthStartInterval, "health-start-interval", 0, "Time between checks during the start period")
	fs.IntVar(&f.healthRetries, "health-retries", 0, "Consecutive failures needed to report unhealthy")
	fs.BoolVar(&f.noHealthcheck, "no-healthcheck", false, "Disable any container-specified HEALTHCHECK")

	fs.StringVar(&f.logDriver, "log-driver", "", "Logging driver for the container")
	fs.Var(&f.logOpts, "log-opt", "Log driver options")
	fs.StringVar(&f.restart, "restart", string(container.RestartPolicyDisabled), "Restart policy to apply when a container exits")
}

func (f *runFlags) registerStorage(fs *pflag.FlagSet) {
	fs.VarP(&f.volumes, "volume", "v", "Bind mount a volume")
	fs.Var(&f.mounts, "mount", "Attach a filesystem mount to the container")
	fs.Var(&f.tmpfs, "tmpfs", "Mount a tmpfs directory")
	fs.Var(&f.volumesFrom, "volumes-from", "Mount volumes from the specified container(s)")
	fs.StringVar(&f.volumeDriver, "volume-driver", "", "Optional volume driver for the container")
	fs.BoolVar(&f.readOnly, "read-only", false, "Mount the container's root filesystem as read only")
	fs.Var(&f.storageOpt, "storage-opt", "Storage driver options for the container")
}

func (f *runFlags) registerSecurity(fs *pflag.FlagSet) {
	fs.BoolVar(&f.privileged, "privileged", false, "Give extended privileges to this container")
	fs.Var(&f.capAdd, "cap-add", "Add Linux capabilities")
	fs.Var(&f.capDrop, "cap-drop", "Drop Linux capabilities")
	fs.Var(&f.securityOpt, "security-opt", "Security Options")
	fs.Var(&f.groupAdd, "group-add", "Add additional groups to join")
	fs.StringVar(&f.pidMode, "pid", "", "PID namespace to use")
	fs.StringVar(&f.ipcMode, "ipc", "", "IPC mode to use")
	fs.StringVar(&f.utsMode, "uts", "", "UTS namespace to use")
	fs.StringVar(&f.usernsMode, "userns", "", "User namespace to use")
	fs.StringVar(&f.cgroupnsMode, "cgroupns", "", "Cgroup namespace to use (host|private)")
	fs.StringVar(&f.cgroupParent, "cgroup-parent", "", "Optional parent cgroup for the container")
	fs.StringVar(&f.runtime, "runtime", "", "Runtime to use for this container")
	fs.StringVar(&f.isolation, "isolation", "", "Container isolation technology")
	fs.Var(f.sysctls, "sysctl", "Sysctl options")
	fs.Var(&f.devices, "device", "Add a host device to the container")
	fs.Var(&f.deviceCgroupRules, "device-cgroup-rule", "Add a rule to the cgroup allowed devices list")
	fs.Var(&f.gpus, "gpus", "GPU devices to add to the container ('all' to pass all GPUs)")
}

func (f *runFlags) registerNetwork(fs *pflag.FlagSet) {
	fs.Var(&f.network, "network", "Connect a container to a network")
	// --net and --net-alias are the hidden, older spellings; they share the
	// value with their current names, so occurrences of both interleave.
	fs.Var(&f.network, "net", "Connect a container to a network")
	fs.Var(&f.aliases, "network-alias", "Add network-scoped alias for the container")
	fs.Var(&f.aliases, "net-alias", "Add network-scoped alias for the container")
	fs.Var(&f.links, "link", "Add link to another container")
	fs.Var(&f.linkLocalIPs, "link-local-ip", "Container IPv4/IPv6 link-local addresses")
	fs.StringVar(&f.ipv4, "ip", "", "IPv4 address (e.g., 172.30.100.104)")
	fs.StringVar(&f.ipv6, "ip6", "", "IPv6 address (e.g., 2001:db8::33)")
	fs.StringVar(&f.macAddress, "mac-address", "", "Container MAC address (e.g., 92:d0:c6:0a:29:33)")
	fs.Var(&f.dns, "dns", "Set custom DNS servers")
	fs.Var(&f.dnsOptions, "dns-option", "Set DNS options")
	fs.Var(&f.dnsOptions, "dns-opt", "Set DNS options")
	fs.Var(&f.dnsSearch, "dns-search", "Set custom DNS search domains")
	fs.Var(&f.extraHosts, "add-host", "Add a custom host-to-IP mapping (host:ip)")
	fs.VarP(&f.publish, "publish", "p", "Publish a container's port(s) to the host")
	fs.BoolVarP(&f.publishAll, "publish-all", "P", false, "Publish all exposed ports to random ports")
	fs.Var(&f.expose, "expose", "Expose a port or a range of ports")
	for _, hidden := range []string{"net", "net-alias", "dns-opt"} {
		_ = fs.MarkHidden(hidden) // registered just above; cannot fail
	}
}

func (f *runFlags) registerResources(fs *pflag.FlagSet) {
	fs.VarP(&f.memory, "memory", "m", "Memory limit")
	fs.Var(&f.memoryReservation, "memory-reservation", "Memory soft limit")
	fs.Var(&f.memorySwap, "memory-swap", "Swap limit equal to memory plus swap: '-1' to enable unlimited swap")
	fs.Int64Var(&f.memorySwappiness, "memory-swappiness", -1, "Tune container memory swappiness (0 to 100)")
	fs.Var(&f.kernelMemory, "kernel-memory", "Kernel memory limit")
	fs.Var(&f.shmSize, "shm-size", "Size of /dev/shm")
	fs.BoolVar(&f.oomKillDisable, "oom-kill-disable", false, "Disable OOM Killer")
	fs.IntVar(&f.oomScoreAdj, "oom-score-adj", 0, "Tune host's OOM preferences (-1000 to 1000)")
	fs.Int64Var(&f.pidsLimit, "pids-limit", 0, "Tune container pids limit (set -1 for unlimited)")
	fs.Var(&f.cpus, "cpus", "Number of CPUs")
	fs.Int64VarP(&f.cpuShares, "cpu-shares", "c", 0, "CPU shares (relative weight)")
	fs.Int64Var(&f.cpuPeriod, "cpu-period", 0, "Limit CPU CFS (Completely Fair Scheduler) period")
	fs.Int64Var(&f.cpuQuota, "cpu-quota", 0, "Limit CPU CFS (Completely Fair Scheduler) quota")
	fs.Int64Var(&f.cpuRealtimePeriod, "cpu-rt-period", 0, "Limit CPU real-time period in microseconds")
	fs.Int64Var(&f.cpuRealtimeRuntime, "cpu-rt-runtime", 0, "Limit CPU real-time runtime in microseconds")
	fs.StringVar(&f.cpusetCpus, "cpuset-cpus", "", "CPUs in which to allow execution (0-3, 0,1)")
	fs.StringVar(&f.cpusetMems, "cpuset-mems", "", "MEMs in which to allow execution (0-3, 0,1)")
	fs.Uint16Var(&f.blkioWeight, "blkio-weight", 0, "Block IO (relative weight), between 10 and 1000, or 0 to disable")
	fs.Var(&f.blkioWeightDevice, "blkio-weight-device", "Block IO weight (relative device weight)")
	fs.Var(&f.deviceReadBps, "device-read-bps", "Limit read rate (bytes per second) from a device")
	fs.Var(&f.deviceWriteBps, "device-write-bps", "Limit write rate (bytes per second) to a device")
	fs.Var(&f.deviceReadIOps, "device-read-iops", "Limit read rate (IO per second) from a device")
	fs.Var(&f.deviceWriteIOps, "device-write-iops", "Limit write rate (IO per second) to a device")
	fs.Var(f.ulimits, "ulimit", "Ulimit options")

	fs.Int64Var(&f.cpuCount, "cpu-count", 0, "CPU count (Windows only)")
	fs.Int64Var(&f.cpuPercent, "cpu-percent", 0, "CPU percent (Windows only)")
	fs.Var(&f.ioMaxBandwidth, "io-maxbandwidth", "Maximum IO bandwidth limit for the system drive (Windows only)")
	fs.Uint64Var(&f.ioMaxIOps, "io-maxiops", 0, "Maximum IOps limit for the system drive (Windows only)")
}

// validateAttach accepts the three stream names in any case and stores them
// lower-cased, as the CLI does.
func validateAttach(val string) (string, error) {
	s := strings.ToLower(val)
	switch s {
	case "stdin", "stdout", "stderr":
		return s, nil
	}
	return val, errors.New("valid streams are STDIN, STDOUT and STDERR")
}

// deviceCgroupRule is the syntax the CLI accepts for --device-cgroup-rule:
// type, major:minor (each a number or *), and one to three access letters.
var deviceCgroupRule = regexp.MustCompile(`^[acb] ([0-9]+|\*):([0-9]+|\*) [rwm]{1,3}$`)

func validateDeviceCgroupRule(val string) (string, error) {
	if deviceCgroupRule.MatchString(val) {
		return val, nil
	}
	return val, fmt.Errorf("invalid device cgroup format '%s'", val)
}

// envValidator is the CLI's -e check with the environment lookup made
// explicit: the CLI reads its own process environment, which for a static
// tool is whatever the caller says it is.
func envValidator(lookup func(string) (string, bool)) opts.ValidatorFctType {
	return func(val string) (string, error) {
		k, _, hasValue := strings.Cut(val, "=")
		if k == "" {
			return val, fmt.Errorf("invalid environment variable: %s", val)
		}
		if hasValue {
			return val, nil
		}
		if lookup != nil {
			if v, ok := lookup(val); ok {
				return val + "=" + v, nil
			}
		}
		return val, nil
	}
}
