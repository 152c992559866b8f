package compose

import (
	"os"
	"testing"
)

// BenchmarkLoad loads a project of two files with an extends file, anchors
// and interpolation: the cost of one typical compose project.
func BenchmarkLoad(b *testing.B) {
	names := []string{"testdata/merge/compose.yaml", "testdata/merge/compose.override.yaml"}
	files := make([]File, 0, len(names))
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, File{Name: n, Data: data})
	}
	opts := Options{ReadFile: os.ReadFile}
	for b.Loop() {
		specs, errs := Load(b.Context(), opts, files...)
		if len(errs) > 0 || len(specs) != 1 {
			b.Fatalf("specs = %d, errors = %v", len(specs), errs)
		}
	}
}

// BenchmarkLoadSmall loads one small file with several services.
func BenchmarkLoadSmall(b *testing.B) {
	data, err := os.ReadFile("testdata/basic/compose.yaml")
	if err != nil {
		b.Fatal(err)
	}
	f := File{Name: "testdata/basic/compose.yaml", Data: data}
	for b.Loop() {
		if _, errs := Load(b.Context(), Options{}, f); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}
