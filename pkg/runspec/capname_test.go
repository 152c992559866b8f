package runspec

import "testing"

func TestClientCapName(t *testing.T) {
	tests := map[string]string{
		"sys_admin":     "CAP_SYS_ADMIN",
		"CAP_NET_RAW":   "CAP_NET_RAW",
		"cap_chown":     "CAP_CHOWN",
		"all":           "ALL",
		"ALL":           "ALL",
		"a,b":           "CAP_A,B", // not split: the daemon rejects it
		" sys_time":     "CAP_ SYS_TIME",
		"":              "CAP_",
		"Net_Bind_Serv": "CAP_NET_BIND_SERV",
	}
	for in, want := range tests {
		if got := ClientCapName(in); got != want {
			t.Errorf("ClientCapName(%q) = %q, want %q", in, got, want)
		}
	}
}
