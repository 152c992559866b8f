package compose

import "testing"

func TestIsOverride(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"compose.override.yaml", true},
		{"a/b/docker-compose.override.yml", true},
		{"compose.yaml", false},
		{"compose.prod.yaml", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsOverride(tc.name); got != tc.want {
				t.Errorf("IsOverride(%q) = %v", tc.name, got)
			}
		})
	}
}
