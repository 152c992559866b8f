package dockerrun

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rungate/rungate/pkg/runspec"
)

// ErrNotRun reports that a command line is not a docker run or create
// invocation. Callers scanning scripts branch on it to skip such commands.
var ErrNotRun = errors.New("not a docker run or create command")

// Error is a rejection, as the docker CLI would reject the command. Error() is
// one line.
type Error struct {
	Pos runspec.Pos
	Msg string

	// err is the underlying cause, kept for errors.Is / errors.As.
	err error
}

// Error returns "file:line:column: message" (or only the message when the
// position is unknown), always on one line.
func (e *Error) Error() string {
	msg := oneLine(e.Msg)
	switch {
	case !e.Pos.Known():
		return msg
	case e.Pos.File == "":
		return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, msg)
	default:
		return fmt.Sprintf("%s:%d:%d: %s", e.Pos.File, e.Pos.Line, e.Pos.Column, msg)
	}
}

// Unwrap returns the cause of the rejection, if any.
func (e *Error) Unwrap() error { return e.err }

// rejectf builds a rejection at pos.
func rejectf(pos runspec.Pos, format string, args ...any) *Error {
	err := fmt.Errorf(format, args...)
	return &Error{Pos: pos, Msg: err.Error(), err: errors.Unwrap(err)}
}

// oneLine folds line breaks so that a message never spans lines, whatever
// the offending value contained.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}
