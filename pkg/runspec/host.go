package runspec

// Daemon is what the docker daemon's configuration (daemon.json) sets as
// defaults for every container. Known is false when no configuration was read;
// rules then assume dockerd's built-in defaults (json-file logging with no
// size limit, no no-new-privileges, no user namespace remapping).
type Daemon struct {
	Known           bool              `json:"known"`
	File            string            `json:"file,omitempty"`
	LogDriver       string            `json:"log_driver"`
	LogOpts         map[string]string `json:"log_opts"`
	NoNewPrivileges bool              `json:"no_new_privileges"`
	UsernsRemap     string            `json:"userns_remap"`
	// Positions of the keys that were set, by daemon.json key ("log-driver").
	Positions map[string]Pos `json:"-"`
}

// DefaultDaemon is dockerd's configuration when daemon.json sets nothing.
func DefaultDaemon() Daemon {
	return Daemon{LogDriver: "json-file", LogOpts: map[string]string{}}
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
}
