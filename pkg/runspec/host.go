package runspec

// Daemon is what the docker daemon's configuration (daemon.json) sets as
// defaults for every container, and how the daemon itself is exposed. Known
// is false when no configuration was read; rules then assume dockerd's
// built-in defaults (json-file logging with no size limit, no
// no-new-privileges, no user namespace remapping, inter-container
// communication on, no live restore, no authorization plugin, only the unix
// socket, the cgroup namespace mode of the host's cgroup version).
type Daemon struct {
	Known bool `json:"known"`
	// File is the daemon.json read, or, when Known is false, the one looked
	// for ("" when none was).
	File            string            `json:"file,omitempty"`
	LogDriver       string            `json:"log_driver"`
	LogOpts         map[string]string `json:"log_opts"`
	NoNewPrivileges bool              `json:"no_new_privileges"`
	UsernsRemap     string            `json:"userns_remap"`
	// ICC is inter-container communication on the default bridge
	// (daemon.json "icc", default true).
	ICC bool `json:"icc"`
	// LiveRestore keeps containers running while dockerd is down
	// ("live-restore", default false).
	LiveRestore bool `json:"live_restore"`
	// AuthorizationPlugins gate every API request ("authorization-plugins").
	AuthorizationPlugins []string `json:"authorization_plugins"`
	// Hosts are the sockets dockerd listens on ("hosts"); empty means its
	// default, unix:///var/run/docker.sock.
	Hosts []DaemonHost `json:"hosts"`
	// TLS and TLSVerify are "tls" and "tlsverify"; tlsverify implies tls.
	TLS       bool `json:"tls"`
	TLSVerify bool `json:"tlsverify"`
	// Group owns the unix socket ("group", default "docker").
	Group string `json:"group"`
	// DefaultCgroupnsMode is the cgroup namespace mode of a container that
	// sets none ("default-cgroupns-mode"): "host" or "private", or "" when
	// not set, and then dockerd's built-in default applies, which depends on
	// the host's cgroup version (private on cgroup v2, host on v1).
	DefaultCgroupnsMode string `json:"default_cgroupns_mode"`
	// Positions of the keys that were set, by daemon.json key ("log-driver").
	Positions map[string]Pos `json:"positions"`
}

// DaemonHost is one entry of daemon.json's "hosts".
type DaemonHost struct {
	Raw string `json:"raw"`
	// Scheme is "unix", "tcp", "fd" or "npipe"; a bare host:port is
	// tcp, as dockerd reads it.
	Scheme string `json:"scheme"`
	// Address is the socket path (unix, npipe) or host:port (tcp).
	Address string `json:"address"`
	// Host and Port of a tcp address; Port is dockerd's default when the
	// address names none (2376 with TLS, else 2375).
	Host string `json:"host"`
	Port int    `json:"port"`
	// Loopback is a tcp host on the loopback interface (localhost,
	// 127.0.0.0/8, ::1): only local users reach it.
	Loopback bool `json:"loopback"`
	Pos      Pos  `json:"pos"`
}

// DefaultDaemon is dockerd's configuration when daemon.json sets nothing.
func DefaultDaemon() Daemon {
	return Daemon{LogDriver: "json-file", LogOpts: map[string]string{}, ICC: true, Group: "docker"}
}

// Socket is what the file system shows of a socket dockerd listens on.
type Socket struct {
	// Path is the socket's path as named on the host.
	Path string `json:"path"`
	// Resolved is Path with every symbolic link followed (inside the root
	// read), so /var/run/docker.sock and /run/docker.sock are one socket.
	Resolved string `json:"resolved"`
	Exists   bool   `json:"exists"`
	// IsSocket is false for anything else found at Path (a directory left
	// by a bind mount, a regular file).
	IsSocket bool `json:"is_socket"`
	// Mode is the permission bits, as an octal string ("0660"), and Perm
	// the same as a number.
	Mode string `json:"mode"`
	Perm int    `json:"perm"`
	// WorldWritable: any local user may connect (o+w); connecting to a
	// unix socket needs write permission only.
	WorldWritable bool `json:"world_writable"`
	// GroupWritable: the socket's group may connect (g+w).
	GroupWritable bool `json:"group_writable"`
	// OwnerKnown is false when the file system read does not tell the
	// owner; UID, GID, User and Group are then unset.
	OwnerKnown bool `json:"owner_known"`
	UID        int  `json:"uid"`
	GID        int  `json:"gid"`
	// User and Group are the names of UID and GID in the host's passwd and
	// group files, "" when not listed.
	User  string `json:"user"`
	Group string `json:"group"`
	// Pos names the socket's path, with no line.
	Pos Pos `json:"pos"`
}

// GroupMember is a host user who belongs to a group, and how.
type GroupMember struct {
	User string `json:"user"`
	// Via is "member" when listed in the group's member list, "primary" when
	// the group is the user's primary group in passwd.
	Via string `json:"via"`
	Pos Pos    `json:"pos"`
}

// Host is what rungate can learn about the machine docker runs on.
type Host struct {
	// DockerGroup is the docker group's entry; Found is false when the host
	// has no docker group.
	DockerGroup struct {
		Found   bool          `json:"found"`
		GID     int           `json:"gid"`
		Members []GroupMember `json:"members"`
		Pos     Pos           `json:"pos"`
	} `json:"docker_group"`
	Daemon Daemon `json:"daemon"`
	// Sockets are the docker sockets looked for, found or not, each once
	// (two paths to one file are one socket).
	Sockets []Socket `json:"sockets"`
}
