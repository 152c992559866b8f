// Package authz is rungate as a Docker authorization plugin: it answers
// dockerd's AuthZPlugin.AuthZReq by decoding the Engine API request the way
// dockerd decodes it, reducing it to a run spec, and judging that with the
// same engine, rule ids and messages as `rungate lint`.
//
// Every decision fails closed: a request rungate cannot read or does not
// know is denied with a message that says why.
package authz

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
)

// The plugin protocol's endpoints, as dockerd calls them.
const (
	pathActivate = "/Plugin.Activate"
	pathReq      = "/AuthZPlugin.AuthZReq"
	pathRes      = "/AuthZPlugin.AuthZRes"
	// mediaType is what dockerd's plugin client sends and expects.
	mediaType = "application/vnd.docker.plugins.v1.2+json"
)

// Request is the body of AuthZReq and AuthZRes, with the JSON keys dockerd
// really sends (RequestUri, not the documented RequestURI; flat headers).
type Request struct {
	User            string `json:"User,omitempty"`
	UserAuthNMethod string `json:"UserAuthNMethod,omitempty"`
	RequestMethod   string `json:"RequestMethod,omitempty"`
	RequestURI      string `json:"RequestUri,omitempty"`
	// RequestBody is base64 on the wire ([]byte in dockerd). It stays raw
	// here so that a read request, which never needs its body, does not pay
	// for decoding it; see Request.body.
	RequestBody    json.RawMessage   `json:"RequestBody,omitempty"`
	RequestHeaders map[string]string `json:"RequestHeaders,omitempty"`
	// ResponseStatusCode is set in AuthZRes only.
	ResponseStatusCode int `json:"ResponseStatusCode,omitempty"`
}

// body decodes the base64 request body. A JSON null or absent body is empty.
func (r *Request) body() ([]byte, error) {
	if len(r.RequestBody) == 0 || string(r.RequestBody) == "null" {
		return nil, nil
	}
	// dockerd's encoder writes plain base64 with no escapes: decode it in
	// place. Anything else goes through encoding/json, which accepts what
	// dockerd's decoder would.
	raw := r.RequestBody
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' && !bytes.ContainsRune(raw[1:len(raw)-1], '\\') {
		b := make([]byte, base64.StdEncoding.DecodedLen(len(raw)-2))
		n, err := base64.StdEncoding.Decode(b, raw[1:len(raw)-1])
		if err == nil {
			return b[:n], nil
		}
	}
	var b []byte
	if err := json.Unmarshal(raw, &b); err != nil {
		return nil, err
	}
	return b, nil
}

// Response is the plugin's answer. Err is for internal failure only and is
// never sent with Allow set: dockerd ignores Err on a 200.
type Response struct {
	Allow bool   `json:"Allow"`
	Msg   string `json:"Msg,omitempty"`
	Err   string `json:"Err,omitempty"`
}

// activateReply is the fixed answer to Plugin.Activate.
const activateReply = `{"Implements":["authz"]}` + "\n"
