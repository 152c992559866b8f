package main

import (
	"os"
	"sync"
)

// sources keeps the text of every file linted, by the name findings carry,
// so that suppression comments and baseline fingerprints are read from
// what was checked without reading a file twice.
type sources struct {
	mu    sync.Mutex
	files map[string][]byte
}

func newSources() *sources { return &sources{files: map[string][]byte{}} }

// add records a file's text.
func (s *sources) add(name string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[name] = data
}

// read reads a file from disk and records it; lint workers call it.
func (s *sources) read(name string) ([]byte, error) {
	data, err := os.ReadFile(name)
	if err == nil {
		s.add(name, data)
	}
	return data, err
}

// all returns the recorded files; call it once the workers are done.
func (s *sources) all() map[string][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files
}
