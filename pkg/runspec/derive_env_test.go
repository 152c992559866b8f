package runspec

import (
	"reflect"
	"testing"

	"github.com/docker/docker/api/types/container"
)

func TestEnvWords(t *testing.T) {
	tests := map[string][]string{
		"DB_PASSWORD":     {"DB", "PASSWORD", "DB_PASSWORD"},
		"dbPassword":      {"DB", "PASSWORD", "DB_PASSWORD"},
		"api-key":         {"API", "KEY", "API_KEY"},
		"APIKEY":          {"APIKEY"},
		"a.b_c":           {"A", "B", "C", "A_B", "B_C"},
		"__":              {},
		"GITHUB_TOKEN2":   {"GITHUB", "TOKEN2", "GITHUB_TOKEN2"},
		"SECRET_KEY_BASE": {"SECRET", "KEY", "BASE", "SECRET_KEY", "KEY_BASE"},
	}
	for name, want := range tests {
		if got, _ := envWords(name); !reflect.DeepEqual(got, want) {
			t.Errorf("envWords(%q) = %q, want %q", name, got, want)
		}
	}
	if _, last := envWords("POSTGRES_PASSWORD_FILE"); last != "FILE" {
		t.Errorf("last word %q", last)
	}
}

func TestDeriveEnv(t *testing.T) {
	at := Pos{File: "run.sh", Line: 1, Column: 30}
	tests := []struct {
		kv                        string
		hasValue, literal, urlCrd bool
		unresolved                bool
	}{
		{kv: "DB_PASSWORD=hunter2", hasValue: true, literal: true},
		{kv: "DB_PASSWORD", hasValue: false},
		{kv: "DB_PASSWORD=", hasValue: true},
		{kv: "DB_PASSWORD=${DB_PASSWORD}", hasValue: true, unresolved: true},
		{kv: "DB_PASSWORD=$DB_PASSWORD", hasValue: true},
		{kv: "DB_PASSWORD=<password>", hasValue: true},
		{kv: "DB_PASSWORD=xxxx", hasValue: true},
		{kv: "DB_PASSWORD=****", hasValue: true},
		{kv: "DB_PASSWORD=changeme", hasValue: true},
		{kv: "API_TOKEN=your-token-here", hasValue: true},
		{kv: "TOKEN={{ vault_token }}", hasValue: true},
		{kv: "SECRET_ENABLED=true", hasValue: true},
		{kv: "MARIADB_RANDOM_ROOT_PASSWORD=1", hasValue: true},
		{kv: "DB_PASSWORD=/run/secrets/db", hasValue: true},
		{kv: "X=a", hasValue: true, literal: true},
		{kv: "DATABASE_URL=postgres://app:s3cret@db:5432/app", hasValue: true, literal: true, urlCrd: true},
		{kv: "REDIS=redis://:pw@cache:6379/0", hasValue: true, literal: true, urlCrd: true},
		{kv: "NODES=http://a:1@x,http://b@y", hasValue: true, literal: true, urlCrd: true},
		{kv: "URL=https://user@example.com/x", hasValue: true, literal: true},
		{kv: "URL=https://example.com/a:b@c", hasValue: true, literal: true},
		{kv: "URL=postgres://app:${DB_PASS}@db/app", hasValue: true, unresolved: true},
		{kv: "URL=postgres://app:$DB_PASS@db/app", hasValue: true, literal: true},
		{kv: "URL=postgres://app:<password>@db/app", hasValue: true, literal: true},
	}
	for _, tc := range tests {
		t.Run(tc.kv, func(t *testing.T) {
			s := newSpec(&container.Config{Env: []string{tc.kv}}, nil)
			s.SetPos(ValueKey("Config.Env", tc.kv), at)
			got := Derive(s).Env
			if len(got) != 1 {
				t.Fatalf("got %d items", len(got))
			}
			e := got[0]
			if e.HasValue != tc.hasValue || e.HasLiteralValue != tc.literal || e.URLCredentials != tc.urlCrd || e.Unresolved != tc.unresolved || e.Pos != at {
				t.Errorf("got %+v", e)
			}
		})
	}
}
