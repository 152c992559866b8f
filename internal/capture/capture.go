// Package capture is a stand-in Docker Engine API daemon for tests: an HTTP
// server on a unix socket that answers just enough of the API for the docker
// CLI to send a container create request, and records every request it gets.
//
// It creates nothing. Its point is to see the exact bytes a client (the docker
// CLI, later dockerd's authorization plugin path) sends, without a real
// daemon.
package capture

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"sync"
	"time"
)

// APIVersion is the Engine API version the stand-in daemon advertises: that of
// dockerd v28.5.2, the version the run spec types come from. A client that
// supports less negotiates down to its own maximum.
const APIVersion = "1.51"

// ContainerID is the id every create is answered with.
const ContainerID = "5ca1ab1e0000000000000000000000000000000000000000000000000000c0de"

// Request is one request the daemon received.
type Request struct {
	Method string
	// Path is the URL path with the /vX.Y version prefix removed.
	Path string
	// Version is the X.Y of that prefix, "" when there was none.
	Version string
	Query   url.Values
	Body    []byte
}

// Daemon is a running stand-in daemon. Its methods are safe for concurrent
// use.
type Daemon struct {
	// Socket is the path of the unix socket it listens on.
	Socket string

	srv  *http.Server
	done chan struct{}

	mu   sync.Mutex
	reqs []Request
}

// Start listens on a new unix socket at path and serves until Close.
func Start(path string) (*Daemon, error) {
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", path, err)
	}
	d := &Daemon{Socket: path, done: make(chan struct{})}
	d.srv = &http.Server{Handler: http.HandlerFunc(d.serve), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(d.done)
		_ = d.srv.Serve(ln) // returns http.ErrServerClosed after Close
	}()
	return d, nil
}

// Host is the DOCKER_HOST value that points a client at the daemon.
func (d *Daemon) Host() string { return "unix://" + d.Socket }

// Close stops the daemon; requests still in flight are cut off, which is
// what a client that is itself finished expects.
func (d *Daemon) Close() error {
	err := d.srv.Close()
	<-d.done
	return err
}

// Requests returns every request received so far, in arrival order.
func (d *Daemon) Requests() []Request {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Request(nil), d.reqs...)
}

// Creates returns the container create requests received so far.
func (d *Daemon) Creates() []Request {
	var out []Request
	for _, r := range d.Requests() {
		if r.Method == http.MethodPost && r.Path == "/containers/create" {
			out = append(out, r)
		}
	}
	return out
}

// versioned splits "/v1.50/containers/create" into "1.50" and
// "/containers/create".
var versioned = regexp.MustCompile(`^/v([0-9]+\.[0-9]+)(/.*)$`)

func (d *Daemon) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "read body: " + err.Error()})
		return
	}
	req := Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Body: body}
	if m := versioned.FindStringSubmatch(r.URL.Path); m != nil {
		req.Version, req.Path = m[1], m[2]
	}
	d.mu.Lock()
	d.reqs = append(d.reqs, req)
	d.mu.Unlock()

	switch {
	case req.Path == "/_ping" && (r.Method == http.MethodGet || r.Method == http.MethodHead):
		// The client negotiates its API version and learns the daemon's
		// OS from these headers; OSType changes how the CLI parses mounts.
		h := w.Header()
		h.Set("API-Version", APIVersion)
		h.Set("OSType", "linux")
		h.Set("Docker-Experimental", "false")
		h.Set("Cache-Control", "no-cache, no-store, must-revalidate")
		h.Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			_, _ = io.WriteString(w, "OK")
		}
	case req.Path == "/version" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, map[string]string{
			"Version": "28.5.2", "ApiVersion": APIVersion, "MinAPIVersion": "1.24",
			"Os": "linux", "Arch": "amd64", "KernelVersion": "6.0.0",
		})
	case req.Path == "/containers/create" && r.Method == http.MethodPost:
		writeJSON(w, http.StatusCreated, map[string]any{"Id": ContainerID, "Warnings": []string{}})
	case req.Path == "/images/create" && r.Method == http.MethodPost:
		// A pull (--pull always): one progress message is a complete,
		// successful pull for the client.
		writeJSON(w, http.StatusOK, map[string]string{"status": "Status: Image is up to date"})
	default:
		writeJSON(w, http.StatusNotFound, map[string]string{
			"message": fmt.Sprintf("stand-in daemon: %s %s is not implemented", r.Method, req.Path),
		})
	}
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v) // the client hanging up is not the daemon's problem
}
