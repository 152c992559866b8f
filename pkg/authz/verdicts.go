package authz

import (
	"crypto/sha256"
	"sync"
)

// DefaultVerdictCache is how many verdicts of container specs one policy
// remembers.
const DefaultVerdictCache = 4096

// verdictKey identifies a request by everything judging it reads: the
// method, the request URI as sent (so the route, its spelling and the query
// parameters such as ?name=) and the body. Two requests with the same key
// get the same verdict from the same policy; a different spelling of the
// same request is only a different key, never a shared verdict.
type verdictKey [sha256.Size]byte

func keyOf(method, uri string, body []byte) verdictKey {
	h := sha256.New()
	// Lengths first, so that no split of the same bytes between the
	// fields gives the same key.
	var n [8]byte
	for _, part := range [][]byte{[]byte(method), []byte(uri), body} {
		l := uint64(len(part))
		for i := range n {
			n[i] = byte(l >> (8 * i))
		}
		h.Write(n[:])
		h.Write(part)
	}
	var k verdictKey
	h.Sum(k[:0])
	return k
}

// verdictCache remembers the verdicts one policy gave container specs, so
// that a body seen before (a script's `docker run`, a compose service
// recreated, a CI job run again) is answered without evaluating the rules
// again. It belongs to one compiled policy: a reload starts a new one.
// Only complete verdicts are kept: a request that could not be judged (a
// deadline, a policy error) is judged afresh next time. Eviction is
// first in, first out, which needs no bookkeeping on a hit.
type verdictCache struct {
	mu    sync.Mutex
	m     map[verdictKey]verdict
	ring  []verdictKey
	next  int
	limit int
}

// newVerdictCache returns a cache of size entries, or nil (no caching) when
// size is negative.
func newVerdictCache(size int) *verdictCache {
	if size < 0 {
		return nil
	}
	if size == 0 {
		size = DefaultVerdictCache
	}
	return &verdictCache{m: make(map[verdictKey]verdict, size), limit: size}
}

func (c *verdictCache) get(k verdictKey) (verdict, bool) {
	if c == nil {
		return verdict{}, false
	}
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	return v, ok
}

func (c *verdictCache) put(k verdictKey, v verdict) {
	if c == nil || v.reason != "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[k]; ok {
		return
	}
	if len(c.ring) < c.limit {
		c.ring = append(c.ring, k)
	} else {
		delete(c.m, c.ring[c.next])
		c.ring[c.next] = k
		c.next = (c.next + 1) % c.limit
	}
	c.m[k] = v
}

func (c *verdictCache) len() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
