package runspec

import (
	"strconv"
	"strings"

	"github.com/docker/docker/api/types/container"
)

// User is the user the container's process runs as, from Config.User
// (`name|uid[:group|gid]`).
type User struct {
	Raw string `json:"raw"`
	// Name is the user part as written; UID is its number, or -1 when it is
	// a name.
	Name string `json:"name"`
	UID  int    `json:"uid"`
	// Group is the group part as written ("" when none); GID is its number,
	// or -1.
	Group string `json:"group"`
	GID   int    `json:"gid"`
	// Root is true for root or uid 0, false for another user, and null when
	// unknown: no user set (the image decides) or an unresolved variable.
	Root       *bool `json:"root"`
	Unresolved bool  `json:"unresolved"`
	Pos        Pos   `json:"pos"`
}

// Group is one supplementary group (HostConfig.GroupAdd), a name or a gid.
type Group struct {
	Value      string `json:"value"`
	Unresolved bool   `json:"unresolved"`
	Pos        Pos    `json:"pos"`
}

func deriveUser(s *Spec, cfg *container.Config) User {
	key := FieldKey("Config.User")
	u := User{Raw: cfg.User, UID: -1, GID: -1, Pos: s.PosOf(key), Unresolved: unresolved(s, key, cfg.User)}
	u.Name, u.Group, _ = strings.Cut(cfg.User, ":")
	u.UID = number(u.Name)
	u.GID = number(u.Group)
	if cfg.User != "" && !u.Unresolved {
		root := u.Name == "root" || u.UID == 0
		u.Root = &root
	}
	return u
}

func deriveGroupAdd(s *Spec, hc *container.HostConfig) []Group {
	out := make([]Group, 0, len(hc.GroupAdd))
	for _, g := range hc.GroupAdd {
		key := ValueKey("HostConfig.GroupAdd", g)
		out = append(out, Group{Value: g, Unresolved: unresolved(s, key, g), Pos: s.PosOf(key)})
	}
	return out
}

// number returns s as a non-negative integer, or -1.
func number(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return -1
	}
	return n
}
