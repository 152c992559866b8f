package authz

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"
)

// decodeBody decodes a request body into v with encoding/json, as dockerd
// does: keys match case-insensitively, the last duplicate wins, unknown
// fields are ignored. Unlike dockerd it also rejects data after the value,
// so that no second document can hide behind the first. An empty or null
// body is an error: every route that decodes one needs it.
func decodeBody(b []byte, v any) error {
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) == 0 {
		return errors.New("empty body (dockerd forwards no body that is not application/json, is chunked or too large)")
	}
	if string(trimmed) == "null" {
		return errors.New("null body")
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("decode JSON body: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("decode JSON body: data after the JSON value")
	}
	return nil
}

// header returns a request header, whatever the case of its name: dockerd
// flattens headers into a map with Go's canonical names, but nothing makes
// a client-controlled map canonical.
func header(h map[string]string, name string) string {
	if v, ok := h[name]; ok {
		return v
	}
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

// formBody reports whether the content type is a form or multipart body,
// which dockerd's form parsing would read in place of the query string.
func formBody(contentType string) bool {
	if contentType == "" {
		return false
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		// An unparsable type may still be sniffed as a form by a lenient
		// parser; treat it as one.
		lower := strings.ToLower(contentType)
		return strings.Contains(lower, "form") || strings.Contains(lower, "multipart")
	}
	return mt == "application/x-www-form-urlencoded" || strings.HasPrefix(mt, "multipart/")
}
