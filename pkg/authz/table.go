package authz

import "strings"

// action is what rungate does with a write request on a known route.
type action int

const (
	// actAllow: the route cannot raise privilege by itself; it is allowed.
	actAllow action = iota + 1
	actCreate
	actExec
	actUpdate
	actArchive
	actVolume
	actService
	// actPluginInstall: pull, create and upgrade bring new code into
	// dockerd; denied unless the plugin is allow-listed.
	actPluginInstall
	actPluginEnable
	// actPluginManage: disable, set, push and remove, allowed except on
	// rungate itself.
	actPluginManage
	// actBuild: an image build, judged on the network its RUN steps get.
	actBuild
)

// needsBody reports whether the route's decision rests on its JSON body, so
// that an empty or unreadable body is denied.
func (a action) needsBody() bool {
	switch a {
	case actCreate, actExec, actUpdate, actVolume, actService:
		return true
	}
	return false
}

// cacheable reports whether the route's verdict is the policy's verdict on
// its body, which the handler may remember: the spec routes, whose
// evaluation is the one costly step of a decision.
func (a action) cacheable() bool {
	switch a {
	case actCreate, actVolume, actService:
		return true
	}
	return false
}

// route is one write route of dockerd's router: method and path pattern,
// where "*" matches one path segment and "**" one or more (image and plugin
// references contain slashes).
type route struct {
	method  string
	pattern []string
	act     action
}

// writeRoutes lists the write routes rungate knows. A write request on any
// other route is denied: new API endpoints must be judged before they pass.
func writeRoutes() []route {
	r := func(method, pattern string, act action) route {
		return route{method: method, pattern: strings.Split(strings.Trim(pattern, "/"), "/"), act: act}
	}
	return []route{
		r("POST", "/containers/create", actCreate),
		r("POST", "/containers/prune", actAllow),
		r("POST", "/containers/*/exec", actExec),
		r("POST", "/containers/*/update", actUpdate),
		r("PUT", "/containers/*/archive", actArchive),
		r("POST", "/containers/*/start", actAllow),
		r("POST", "/containers/*/stop", actAllow),
		r("POST", "/containers/*/restart", actAllow),
		r("POST", "/containers/*/kill", actAllow),
		r("POST", "/containers/*/pause", actAllow),
		r("POST", "/containers/*/unpause", actAllow),
		r("POST", "/containers/*/wait", actAllow),
		r("POST", "/containers/*/attach", actAllow),
		r("POST", "/containers/*/resize", actAllow),
		r("POST", "/containers/*/rename", actAllow),
		r("DELETE", "/containers/*", actAllow),
		r("POST", "/exec/*/start", actAllow),
		r("POST", "/exec/*/resize", actAllow),
		r("POST", "/commit", actAllow),
		r("POST", "/auth", actAllow),
		r("POST", "/images/create", actAllow),
		r("POST", "/images/load", actAllow),
		r("POST", "/images/prune", actAllow),
		r("POST", "/images/**/tag", actAllow),
		r("POST", "/images/**/push", actAllow),
		r("DELETE", "/images/**", actAllow),
		r("POST", "/build", actBuild),
		r("POST", "/build/prune", actAllow),
		r("POST", "/build/cancel", actAllow),
		r("POST", "/session", actAllow),
		r("POST", "/grpc", actAllow),
		r("POST", "/networks/create", actAllow),
		r("POST", "/networks/prune", actAllow),
		r("POST", "/networks/*/connect", actAllow),
		r("POST", "/networks/*/disconnect", actAllow),
		r("DELETE", "/networks/*", actAllow),
		r("POST", "/volumes/create", actVolume),
		r("POST", "/volumes/prune", actAllow),
		r("DELETE", "/volumes/*", actAllow),
		r("POST", "/services/create", actService),
		r("POST", "/services/*/update", actService),
		r("DELETE", "/services/*", actAllow),
		r("POST", "/secrets/create", actAllow),
		r("POST", "/secrets/*/update", actAllow),
		r("DELETE", "/secrets/*", actAllow),
		r("POST", "/configs/create", actAllow),
		r("POST", "/configs/*/update", actAllow),
		r("DELETE", "/configs/*", actAllow),
		r("POST", "/plugins/pull", actPluginInstall),
		r("POST", "/plugins/create", actPluginInstall),
		r("POST", "/plugins/**/upgrade", actPluginInstall),
		r("POST", "/plugins/**/enable", actPluginEnable),
		r("POST", "/plugins/**/disable", actPluginManage),
		r("POST", "/plugins/**/set", actPluginManage),
		r("POST", "/plugins/**/push", actPluginManage),
		r("DELETE", "/plugins/**", actPluginManage),
	}
}

// lookup finds the route of a write request; ok is false for an unknown one.
// segs are the request path's segments. The first match wins, in table
// order, as in dockerd's router.
func lookup(routes []route, method string, segs []string) (route, bool) {
	for _, rt := range routes {
		if rt.method == method && matchSegs(rt.pattern, segs) {
			return rt, true
		}
	}
	return route{}, false
}

// matchSegs matches path segments against a pattern.
func matchSegs(pattern, segs []string) bool {
	if len(pattern) == 0 {
		return len(segs) == 0
	}
	if pattern[0] == "**" {
		// One or more segments, then the rest of the pattern.
		for n := 1; n <= len(segs); n++ {
			if nonEmpty(segs[:n]) && matchSegs(pattern[1:], segs[n:]) {
				return true
			}
		}
		return false
	}
	if len(segs) == 0 {
		return false
	}
	if pattern[0] == "*" {
		return segs[0] != "" && matchSegs(pattern[1:], segs[1:])
	}
	return pattern[0] == segs[0] && matchSegs(pattern[1:], segs[1:])
}

func nonEmpty(segs []string) bool {
	for _, s := range segs {
		if s == "" {
			return false
		}
	}
	return true
}

// pluginName is the name a plugin route acts on: the segments between
// "plugins" and the action ("/plugins/vieux/sshfs:latest/disable"), or the
// whole rest for DELETE.
func pluginName(segs []string, method string) string {
	if len(segs) < 2 {
		return ""
	}
	rest := segs[1:]
	if method != "DELETE" && len(rest) > 1 {
		rest = rest[:len(rest)-1]
	}
	return strings.Join(rest, "/")
}
