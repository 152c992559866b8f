package authz

import (
	"encoding/json"
	"io"
	"sync"
	"time"
)

// entry is one line of the decision log. It never carries the request body
// or headers, so environment values, registry credentials and other secrets
// in them never reach the log; rule messages are left out for the same
// reason, only rule ids are kept.
type entry struct {
	Time       time.Time `json:"time"`
	Phase      string    `json:"phase"`
	Method     string    `json:"method,omitempty"`
	Route      string    `json:"route,omitempty"`
	APIVersion string    `json:"api_version,omitempty"`
	User       string    `json:"user,omitempty"`
	AuthMethod string    `json:"auth_method,omitempty"`
	Decision   string    `json:"decision"`
	Mode       Mode      `json:"mode"`
	Policy     string    `json:"policy,omitempty"`
	Rules      []string  `json:"rules,omitempty"`
	Reason     string    `json:"reason,omitempty"`
	Status     int       `json:"status,omitempty"`
	// Cached is true when the verdict was remembered from an identical
	// earlier request judged by the same policy.
	Cached    bool  `json:"cached,omitempty"`
	LatencyUS int64 `json:"latency_us"`
}

// Decisions written to the log.
const (
	decAllow     = "allow"
	decDeny      = "deny"
	decWouldDeny = "would-deny"
)

// logger serialises log lines onto one writer.
type logger struct {
	mu sync.Mutex
	w  io.Writer
}

// write logs one entry. A failing log does not change the decision: the
// decision is the safety property, the log its record.
func (l *logger) write(e *entry) {
	if l == nil || l.w == nil {
		return
	}
	b, err := json.Marshal(e)
	if err != nil {
		return
	}
	b = append(b, '\n')
	l.mu.Lock()
	defer l.mu.Unlock()
	_, _ = l.w.Write(b)
}
