package runspec

import "strings"

// ClientCapName spells a capability the way the docker Go client does before
// it sends a create body: upper case, with the CAP_ prefix added unless the
// value is ALL. Every input that stands in for a docker client (docker run
// argv, compose) sends CapAdd and CapDrop in this spelling; it neither trims
// nor validates, which is the daemon's job.
func ClientCapName(c string) string {
	c = strings.ToUpper(c)
	if c == "ALL" || strings.HasPrefix(c, "CAP_") {
		return c
	}
	return "CAP_" + c
}
