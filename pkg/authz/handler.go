package authz

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
)

// maxEnvelope caps an AuthZ request: dockerd forwards bodies up to 4 MiB,
// base64 in JSON, with headers beside them.
const maxEnvelope = 16 << 20

// Policy is one compiled policy with the daemon defaults it judges against.
// It is swapped whole on reload.
type Policy struct {
	Engine *engine.Engine
	Daemon runspec.Daemon
	// Hash names the policy's sources in the decision log, so a decision
	// can be traced to the rules that made it.
	Hash string

	// verdicts remembers what this policy decided; set by the handler.
	verdicts *verdictCache
}

// Handler serves the authorization plugin protocol. It is safe for
// concurrent use.
type Handler struct {
	opts      Options
	protected []string
	routes    []route
	policy    atomic.Pointer[Policy]
	log       *logger
}

// New returns a handler judging with p. A policy with no engine is an
// error: the plugin never runs without one.
func New(p Policy, opts Options) (*Handler, error) {
	if p.Engine == nil {
		return nil, errors.New("new authz handler: no policy")
	}
	opts = opts.withDefaults()
	h := &Handler{opts: opts, routes: writeRoutes(), log: &logger{w: opts.Log}}
	h.protected = slices.Clone(opts.Protected)
	if opts.SocketDir != "" {
		h.protected = append(h.protected, opts.SocketDir)
	}
	p.verdicts = newVerdictCache(opts.VerdictCache)
	h.policy.Store(&p)
	return h, nil
}

// SetPolicy swaps in a new compiled policy; requests in flight finish with
// the old one.
func (h *Handler) SetPolicy(p Policy) error {
	if p.Engine == nil {
		return errors.New("set policy: no policy")
	}
	p.verdicts = newVerdictCache(h.opts.VerdictCache)
	h.policy.Store(&p)
	return nil
}

// ServeHTTP answers the three plugin calls.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case pathActivate:
		w.Header().Set("Content-Type", mediaType)
		_, _ = io.WriteString(w, activateReply)
	case pathReq:
		h.serveReq(w, r)
	case pathRes:
		h.serveRes(w, r)
	default:
		http.NotFound(w, r)
	}
}

// readRequest decodes the AuthZ envelope.
func readRequest(w http.ResponseWriter, r *http.Request) (*Request, error) {
	var req Request
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxEnvelope))
	if err := dec.Decode(&req); err != nil {
		return nil, fmt.Errorf("decode authz request: %w", err)
	}
	return &req, nil
}

func (h *Handler) serveReq(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	var resp Response
	e := entry{Phase: "req", Mode: h.opts.Mode}
	func() {
		// A panic anywhere in judging is a deny, never a dropped
		// connection that dockerd would retry or an allow.
		defer func() {
			if p := recover(); p != nil {
				resp = Response{Allow: false, Msg: fmt.Sprintf("rungate: denied (fail closed): internal error: %v", p)}
				e.Decision, e.Reason = decDeny, "panic"
			}
		}()
		req, err := readRequest(w, r)
		if err != nil {
			resp = h.conclude(&e, verdict{reason: err.Error()})
			return
		}
		resp = h.decide(r.Context(), req, &e)
	}()
	e.LatencyUS = time.Since(start).Microseconds()
	if h.log.w != nil {
		e.Time = h.opts.Now().UTC()
		h.log.write(&e)
	}
	writeJSON(w, resp)
}

// decide judges one request and fills the log entry.
func (h *Handler) decide(ctx context.Context, req *Request, e *entry) Response {
	e.Method, e.User, e.AuthMethod = req.RequestMethod, req.User, req.UserAuthNMethod
	method := req.RequestMethod
	if method == "GET" || method == "HEAD" {
		// Reads pass without decoding or evaluation; the route is worked
		// out only for the log.
		if h.log.w != nil {
			e.Policy = h.policy.Load().Hash
			if t, err := parseTarget(req.RequestURI); err == nil {
				e.Route, e.APIVersion = t.Path, t.Version
			}
		}
		e.Decision = decAllow
		return Response{Allow: true}
	}
	t, err := parseTarget(req.RequestURI)
	if err != nil {
		return h.conclude(e, verdict{reason: err.Error()})
	}
	e.Route, e.APIVersion = t.Path, t.Version
	if oldAPI(t.Version) {
		return h.conclude(e, failClosed("%s %s: API version %s is older than %s, whose write semantics rungate does not judge", method, t.Path, t.Version, minAPI))
	}
	if formBody(header(req.RequestHeaders, "Content-Type")) {
		return h.conclude(e, failClosed("%s %s: form or multipart body, which dockerd would read in place of the query string", method, t.Path))
	}
	segs := strings.Split(strings.TrimPrefix(t.Path, "/"), "/")
	rt, ok := lookup(h.routes, method, segs)
	if !ok {
		return h.conclude(e, failClosed("%s %s: not a route rungate knows", method, t.Path))
	}
	var body []byte
	if rt.act.needsBody() {
		if body, err = req.body(); err != nil {
			return h.conclude(e, failClosed("%s %s: decode request body: %v", method, t.Path, err))
		}
	}
	p := h.policy.Load()
	e.Policy = p.Hash
	ctx, cancel := context.WithTimeout(ctx, h.opts.Timeout)
	defer cancel()
	if !rt.act.cacheable() {
		return h.conclude(e, h.judge(ctx, p, rt, t, segs, method, body))
	}
	key := keyOf(method, req.RequestURI, body)
	v, hit := p.verdicts.get(key)
	if !hit {
		v = h.judge(ctx, p, rt, t, segs, method, body)
		p.verdicts.put(key, v)
	}
	e.Cached = hit
	return h.conclude(e, v)
}

// conclude turns a verdict into the response for the mode, and records it.
func (h *Handler) conclude(e *entry, v verdict) Response {
	var deny, self []engine.Finding
	for _, f := range v.findings {
		switch {
		case f.Rule == RuleSelf:
			self = append(self, f)
		case f.Severity.AtLeast(h.opts.FailOn):
			deny = append(deny, f)
		}
	}
	// The linter's rules first, then self-protection, so a root bind is
	// refused in the words `rungate lint` uses.
	all := append(slices.Clone(deny), self...)
	for _, f := range all {
		if !slices.Contains(e.Rules, f.Rule) {
			e.Rules = append(e.Rules, f.Rule)
		}
	}
	e.Reason = v.reason
	switch {
	case len(self) > 0:
		// Self-protection holds in audit mode too.
		e.Decision = decDeny
		return Response{Msg: message(all, "")}
	case len(deny) == 0 && v.reason == "":
		e.Decision = decAllow
		return Response{Allow: true}
	case h.opts.Mode == Audit:
		e.Decision = decWouldDeny
		return Response{Allow: true, Msg: "audit: " + message(deny, v.reason)}
	default:
		e.Decision = decDeny
		return Response{Msg: message(deny, v.reason)}
	}
}

// message words a deny: the reason it could not be judged, or each rule's
// id, message and fix, as the linter words them.
func message(fs []engine.Finding, reason string) string {
	var b strings.Builder
	b.WriteString("rungate: denied")
	if reason != "" {
		b.WriteString(" (fail closed): ")
		b.WriteString(reason)
	}
	for i, f := range fs {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString(" | ")
		}
		fmt.Fprintf(&b, "[%s] %s", f.Rule, f.Message)
		if f.Remediation != "" {
			b.WriteString(" Fix: ")
			b.WriteString(f.Remediation)
		}
	}
	return b.String()
}

// serveRes answers AuthZRes: the response has already been produced, so
// the plugin can only record it. It always allows.
func (h *Handler) serveRes(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	if h.log.w != nil {
		e := entry{Phase: "res", Mode: h.opts.Mode, Decision: decAllow}
		if req, err := readRequest(w, r); err == nil {
			e.Method, e.User, e.AuthMethod, e.Status = req.RequestMethod, req.User, req.UserAuthNMethod, req.ResponseStatusCode
			if t, err := parseTarget(req.RequestURI); err == nil {
				e.Route, e.APIVersion = t.Path, t.Version
			}
		}
		e.LatencyUS = time.Since(start).Microseconds()
		e.Time = h.opts.Now().UTC()
		h.log.write(&e)
	}
	writeJSON(w, Response{Allow: true})
}

func writeJSON(w http.ResponseWriter, resp Response) {
	b, err := json.Marshal(resp)
	if err != nil {
		http.Error(w, `{"Err":"encode response"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", mediaType)
	_, _ = w.Write(append(b, '\n'))
}
