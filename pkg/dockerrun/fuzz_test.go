package dockerrun

import (
	"encoding/json"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/rungate/rungate/pkg/runspec"
)

// fuzzWords splits a fuzz input into words on spaces; words holding "${"
// count as unresolved, as the script scanner would mark them.
func fuzzWords(line string) []runspec.Word {
	var words []runspec.Word
	for i, text := range strings.Split(line, " ") {
		words = append(words, runspec.Word{
			Text:       text,
			Pos:        runspec.Pos{File: "fuzz", Line: 1, Column: i + 1},
			Unresolved: strings.Contains(text, "${"),
		})
	}
	return words
}

// fuzzOptions never touches the disk or the process environment.
func fuzzOptions() Options {
	files := map[string]string{
		"e.env":   "A=1\nB\n# c\n",
		"sc.json": `{"defaultAction": "SCMP_ACT_ALLOW"}`,
		"l.lab":   "a=b\n",
	}
	return Options{
		WorkDir:   "/w",
		LookupEnv: func(k string) (string, bool) { return "v", k == "B" },
		ReadFile: func(name string) ([]byte, error) {
			if c, ok := files[name]; ok {
				return []byte(c), nil
			}
			return nil, fs.ErrNotExist
		},
	}
}

func FuzzParseArgs(f *testing.F) {
	for _, seed := range []string{
		"alpine",
		"-itd --rm -v /:/host -v ./x:/y:ro,z --privileged alpine sh -c id",
		"-dv /:/h --volume=/a:/b -e=A=1 -eB --env-file e.env -l a --label-file l.lab alpine",
		"--mount type=bind,src=.,dst=/x,readonly --tmpfs /run:size=1m --use-api-socket alpine",
		"-p 8080:80 -p [::1]:53:53/udp -p published=1,target=2 --expose 7000-7001 -P alpine",
		"--network name=n1,alias=a --network n2 --ip 1.2.3.4 --link a:b --mac-address 02:42:ac:11:00:02 alpine",
		"--cap-add all --cap-drop net_raw --security-opt seccomp=sc.json --security-opt systempaths=unconfined alpine",
		"--device /dev/sda:/dev/xvdc:r --device vendor.com/gpu=0 --gpus all --device-cgroup-rule c\x201:3\x20mr alpine",
		"-m 512m --memory-swap -1 --cpus 1.5 --pids-limit 100 --ulimit nofile=1:2 --sysctl net.x=1 alpine",
		"--log-driver none --log-opt max-size=1m alpine",
		"--health-cmd x --health-interval 1s --no-healthcheck=false --restart on-failure:3 alpine",
		"--platform linux/arm/v7 --name x --pull never ${IMAGE} ${CMD}",
		"-v ${HOME}:/h --memory ${M} -p ${P}:80 alpine",
		"-- -- alpine",
		"-test.v --help=false -h x alpine",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		words := fuzzWords(line)
		spec, err := ParseArgs(words, fuzzOptions())
		switch {
		case spec == nil && err == nil:
			t.Fatal("neither a spec nor an error")
		case spec != nil && err != nil:
			t.Fatalf("both a spec and an error: %v", err)
		case err != nil:
			var rejection *Error
			if !errors.As(err, &rejection) && !errors.Is(err, ErrNotRun) {
				t.Fatalf("error %v (%T) is neither a rejection nor ErrNotRun", err, err)
			}
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("error spans lines: %q", err.Error())
			}
		default:
			if _, err := json.Marshal(spec.Create); err != nil {
				t.Fatalf("body does not marshal: %v", err)
			}
			if spec.Create.Config == nil || spec.Create.HostConfig == nil || spec.Create.NetworkingConfig == nil {
				t.Fatal("incomplete body")
			}
		}
		checkScannerMirrorsPflag(t, words)
	})
}

// checkScannerMirrorsPflag: locateFlags must see the same flag occurrences,
// in the same order, as pflag.
func checkScannerMirrorsPflag(t *testing.T, words []runspec.Word) {
	texts := make([]string, len(words))
	for i, w := range words {
		texts[i] = w.Text
	}
	flags, _ := newFlagSet(verbRun, nil)
	var seen []string
	_ = flags.ParseAll(texts, func(flag *pflag.Flag, _ string) error {
		seen = append(seen, flag.Name)
		return nil
	})
	locs, _ := locateFlags(flags, texts)
	located := make([]string, len(locs))
	for i, l := range locs {
		located[i] = l.name
	}
	if !slices.Equal(seen, located) {
		t.Fatalf("locateFlags saw %q, pflag %q", located, seen)
	}
}
