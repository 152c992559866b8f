// Package host reads what rungate can learn about the machine docker runs
// on: who is in the docker group, and the daemon's defaults from daemon.json.
// It is the only package that reads those files, always through an fs.FS.
package host

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/rungate/rungate/pkg/runspec"
)

// DockerGroupName is the group whose members can use the docker socket.
const DockerGroupName = "docker"

// groupEntry is one line of /etc/group.
type groupEntry struct {
	name    string
	gid     int
	members []string
	line    int
	// memberCol is the 1-based column where each member's name starts.
	memberCol []int
}

// colonRecords calls fn with the fields of each entry of a colon-separated
// database (group(5), passwd(5)), skipping blank and comment lines. An entry
// with the wrong number of fields is an error naming its line.
func colonRecords(name string, data []byte, want int, what string, fn func(line int, fields []string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, ":")
		if len(fields) != want {
			return &FileError{Pos: runspec.Pos{File: name, Line: line, Column: 1}, Msg: fmt.Sprintf("%s entry has %d fields, want %d", what, len(fields), want)}
		}
		if err := fn(line, fields); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

// parseGroup reads group(5) lines: name:password:gid:member,member.
func parseGroup(name string, data []byte) ([]groupEntry, error) {
	var out []groupEntry
	err := colonRecords(name, data, 4, "group", func(line int, fields []string) error {
		gid, err := strconv.Atoi(fields[2])
		if err != nil {
			return &FileError{Pos: runspec.Pos{File: name, Line: line, Column: len(fields[0]) + len(fields[1]) + 3}, Msg: fmt.Sprintf("group %q has a non-numeric gid %q", fields[0], fields[2])}
		}
		e := groupEntry{name: fields[0], gid: gid, line: line}
		col := len(fields[0]) + len(fields[1]) + len(fields[2]) + 4
		for _, m := range strings.Split(fields[3], ",") {
			if m = strings.TrimSpace(m); m != "" {
				e.members = append(e.members, m)
				e.memberCol = append(e.memberCol, col)
			}
			col += len(m) + 1
		}
		out = append(out, e)
		return nil
	})
	return out, err
}

// passwdEntry is one line of /etc/passwd.
type passwdEntry struct {
	user string
	uid  int
	gid  int
	line int
}

// parsePasswd reads passwd(5) lines: user:password:uid:gid:gecos:home:shell.
func parsePasswd(name string, data []byte) ([]passwdEntry, error) {
	var out []passwdEntry
	err := colonRecords(name, data, 7, "passwd", func(line int, fields []string) error {
		gid, err := strconv.Atoi(fields[3])
		if err != nil {
			return &FileError{Pos: runspec.Pos{File: name, Line: line, Column: 1}, Msg: fmt.Sprintf("user %q has a non-numeric gid %q", fields[0], fields[3])}
		}
		uid, err := strconv.Atoi(fields[2])
		if err != nil {
			// Only the gid matters to the docker group; a broken uid
			// names no socket owner.
			uid = -1
		}
		out = append(out, passwdEntry{user: fields[0], uid: uid, gid: gid, line: line})
		return nil
	})
	return out, err
}

// DockerGroup finds the docker group in group data and every user in it:
// listed as a member, or having it as the primary group in passwd data.
// A user who is both is reported once, as a member.
func DockerGroup(groupName string, groupData []byte, passwdName string, passwdData []byte) (found bool, gid int, members []runspec.GroupMember, pos runspec.Pos, err error) {
	groups, err := parseGroup(groupName, groupData)
	if err != nil {
		return false, 0, nil, pos, err
	}
	var users []passwdEntry
	if passwdData != nil {
		if users, err = parsePasswd(passwdName, passwdData); err != nil {
			return false, 0, nil, pos, err
		}
	}
	for _, g := range groups {
		if g.name != DockerGroupName {
			continue
		}
		pos = runspec.Pos{File: groupName, Line: g.line, Column: 1}
		seen := map[string]bool{}
		for i, m := range g.members {
			if seen[m] {
				continue
			}
			seen[m] = true
			members = append(members, runspec.GroupMember{User: m, Via: "member", Pos: runspec.Pos{File: groupName, Line: g.line, Column: g.memberCol[i]}})
		}
		for _, u := range users {
			if u.gid == g.gid && !seen[u.user] {
				seen[u.user] = true
				members = append(members, runspec.GroupMember{User: u.user, Via: "primary", Pos: runspec.Pos{File: passwdName, Line: u.line, Column: 1}})
			}
		}
		return true, g.gid, members, pos, nil
	}
	return false, 0, nil, pos, nil
}

// FileError is a host file that cannot be read as what it should be.
type FileError struct {
	Pos runspec.Pos
	Msg string
}

func (e *FileError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Pos.File, e.Pos.Line, e.Pos.Column, e.Msg)
}
