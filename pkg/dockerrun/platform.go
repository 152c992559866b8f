package dockerrun

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
)

// The CLI parses --platform with containerd's platform parser and sends the
// normalized form ("linux/arm64", "linux/arm/v7") as the platform query
// parameter. This file re-derives that parser's observable behaviour.

var (
	platformComponentRE = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)
	platformOSRE        = regexp.MustCompile(`^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.-]*)\))?$`)
)

// normalizePlatform checks os[/arch[/variant]] (or a lone os or arch) and
// returns it normalized. A lone os gets this machine's architecture and a
// lone architecture this machine's os, as they would on the CLI's machine.
func normalizePlatform(spec string) (string, error) {
	if strings.Contains(spec, "*") {
		return "", fmt.Errorf("%q: wildcards not yet supported", spec)
	}
	parts := strings.Split(spec, "/")
	if len(parts) > 3 {
		return "", fmt.Errorf("%q: cannot parse platform specifier", spec)
	}
	m := platformOSRE.FindStringSubmatch(parts[0])
	if m == nil {
		return "", fmt.Errorf("%q is an invalid OS component of %q", parts[0], spec)
	}
	for _, p := range parts[1:] {
		if !platformComponentRE.MatchString(p) {
			return "", fmt.Errorf("%q is an invalid component of %q", p, spec)
		}
	}
	os := normalizeOS(m[1])
	var arch, variant string
	switch len(parts) {
	case 1:
		if knownOS(os) {
			arch, variant = normalizeArch(runtime.GOARCH, "")
			break
		}
		arch, variant = normalizeArch(parts[0], "")
		if !knownArch(arch) {
			return "", fmt.Errorf("%q: unknown operating system or architecture", spec)
		}
		os = runtime.GOOS
		if arch == "arm" && variant == "v7" {
			variant = ""
		}
	case 2:
		arch, variant = normalizeArch(parts[1], "")
		if arch == "arm" && variant == "v7" {
			variant = ""
		}
	case 3:
		arch, variant = normalizeArch(parts[1], parts[2])
		if arch == "arm64" && variant == "" {
			variant = "v8"
		}
	}
	if variant != "" {
		return os + "/" + arch + "/" + variant, nil
	}
	return os + "/" + arch, nil
}

func normalizeOS(os string) string {
	os = strings.ToLower(os)
	if os == "macos" {
		return "darwin"
	}
	return os
}

// normalizeArch folds architecture aliases and default variants.
func normalizeArch(arch, variant string) (string, string) {
	arch, variant = strings.ToLower(arch), strings.ToLower(variant)
	switch arch {
	case "i386":
		return "386", ""
	case "x86_64", "x86-64", "amd64":
		if variant == "v1" {
			variant = ""
		}
		return "amd64", variant
	case "aarch64", "arm64":
		switch variant {
		case "8", "v8", "v8.0":
			variant = ""
		}
		return "arm64", variant
	case "armhf":
		return "arm", "v7"
	case "armel":
		return "arm", "v6"
	case "arm":
		switch variant {
		case "", "7":
			variant = "v7"
		case "5", "6", "8":
			variant = "v" + variant
		}
		return "arm", variant
	}
	return arch, variant
}

// knownOS and knownArch list the values a lone --platform word may take.
func knownOS(os string) bool {
	switch os {
	case "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
		"linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "windows", "zos":
		return true
	}
	return false
}

func knownArch(arch string) bool {
	switch arch {
	case "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64",
		"mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le",
		"ppc", "ppc64", "ppc64le", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm":
		return true
	}
	return false
}
